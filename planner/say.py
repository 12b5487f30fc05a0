"""User messages in French and English, from the data files under data/messages/.

The language is the one asked for, else the PLANNER_LANG environment variable,
else English (the language of the other error messages).
"""

from __future__ import annotations

import os

from planner import resources

LANGUAGES = ("fr", "en")


def language(lang: str | None = None) -> str:
    wanted = (lang or os.environ.get("PLANNER_LANG") or "en").strip().lower()[:2]
    return wanted if wanted in LANGUAGES else "en"


def say(key: str, lang: str | None = None, group: str = "safety", **values) -> str:
    texts = resources.data_file(f"messages/{group}.yaml")[key]
    return texts[language(lang)].format(**values)
