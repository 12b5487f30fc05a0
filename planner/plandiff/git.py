"""A plan as it was at a git revision: `git show REF:path`, run as a subprocess.

Only read-only plumbing commands (rev-parse, show), with the revision checked
first, so that every failure is a clear message: git missing, not a repository,
an unknown revision, a plan that did not exist yet at that revision.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from planner.errors import InputError, UsageError
from planner.i18n import _

TIMEOUT = 30  # seconds; a local read never takes this long


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True,
                              timeout=TIMEOUT, check=False)
    except FileNotFoundError:
        raise UsageError(_("--since needs git, which is not installed (or not on PATH)")) from None
    except subprocess.TimeoutExpired:
        raise UsageError(_("git did not answer within {timeout} s").format(timeout=TIMEOUT)) from None


def read_at(ref: str, path) -> tuple[bytes, str]:
    """The bytes of the plan `path` at revision `ref`, and its name ('HEAD~1:teams/x.yaml')."""
    plan = Path(path)
    if not plan.is_file():
        raise InputError(_("no such file"), path=str(path))
    if not ref or ref.startswith("-"):
        raise UsageError(_("--since: '{ref}' is not a git revision").format(ref=ref),
                         hint=_("a branch, a tag or a commit, e.g. --since plan-v1 or HEAD~3"))
    folder = plan.resolve().parent
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise UsageError(_("not in a git repository; --since reads the plan's history"),
                         path=str(path), hint=_("compare two files instead: planner diff OLD NEW"))
    root = Path(top.stdout.decode("utf-8", "replace").strip())
    commit = _git(folder, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if commit.returncode != 0:
        raise UsageError(_("unknown git revision '{ref}'").format(ref=ref), path=str(path),
                         hint=_("see `git log --oneline` or `git tag` for the revisions"))
    relative = plan.resolve().relative_to(root.resolve()).as_posix()
    name = f"{ref}:{relative}"
    shown = _git(root, "show", f"{commit.stdout.decode().strip()}:{relative}")
    if shown.returncode != 0:
        raise InputError(_("the plan does not exist at '{ref}' (it was added later, or renamed)").format(ref=ref),
                         path=name)
    return shown.stdout, name
