"""Wheel build hook: compile the gettext catalogs (planner/data/locale/*/LC_MESSAGES/*.po)
into the .mo files the wheel ships. Only the .po are kept in git (see planner/i18n.py)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version, build_data):
        root = Path(self.root)
        sys.path.insert(0, str(root))
        try:
            from planner.i18n import compile_po
        finally:
            sys.path.pop(0)
        self._out = tempfile.TemporaryDirectory(prefix="planner-mo-")
        for source in sorted((root / "planner" / "data" / "locale").glob("*/LC_MESSAGES/*.po")):
            relative = source.relative_to(root).with_suffix(".mo")
            target = Path(self._out.name) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(compile_po(source))
            build_data["force_include"][str(target)] = str(relative)

    def finalize(self, version, build_data, artifact_path):
        self._out.cleanup()
