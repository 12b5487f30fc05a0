"""Labels: every language has the same keys, and merging files never alters the cached data."""

from __future__ import annotations

import copy

from planner import resources
from planner.labels import LANGUAGES, _merge, labels


def _keys(tree, prefix=()):
    for key, value in tree.items():
        if isinstance(value, dict):
            yield from _keys(value, prefix + (key,))
        else:
            yield prefix + (key,)


def test_every_language_has_the_same_labels():
    french, english = (set(_keys(labels(lang))) for lang in LANGUAGES)
    assert french == english, (french ^ english)


def test_merging_two_files_with_a_shared_section_leaves_both_untouched():
    first = {"slides": {"title": "A"}}
    second = {"slides": {"scope": "B"}}
    originals = copy.deepcopy((first, second))
    merged = {}
    _merge(merged, first)
    _merge(merged, second)
    assert merged == {"slides": {"title": "A", "scope": "B"}}
    assert (first, second) == originals


def test_labels_do_not_alter_the_cached_label_files():
    before = copy.deepcopy(resources.data_file("labels/common.yaml"))
    labels.cache_clear()
    labels("fr")
    labels("en")
    assert resources.data_file("labels/common.yaml") == before
