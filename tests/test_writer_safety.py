"""The writer replaces only regular files: a device, FIFO, socket or folder at the output path is
refused (exit 2, nothing changed); a symlink is replaced, not followed, and lends no mode; no
setuid/setgid bit is ever copied. Each case runs the real command line."""

from __future__ import annotations

import os
import stat

import pytest

from cli_support import run_planner


def _schema(target, cwd):
    return run_planner("schema", "-o", target, cwd=cwd)


def test_a_fifo_at_the_output_path_is_refused(tmp_path):
    fifo = tmp_path / "plan.schema.json"
    os.mkfifo(fifo)
    result = _schema(fifo, tmp_path)  # the runner's timeout: it must not block either
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{fifo}: error: cannot write: it is a named pipe (FIFO); planner replaces only a regular file" \
        in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.schema.json"]  # no temporary left


def test_a_device_at_the_output_path_is_refused(tmp_path):
    device = tmp_path / "full"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # what /dev/full is
    except (PermissionError, OSError):
        pytest.skip("creating a device node needs root")
    result = _schema(device, tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "cannot write: it is a device; planner replaces only a regular file" in result.stderr
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_folder_at_the_output_path_is_refused(tmp_path):
    folder = tmp_path / "out.json"
    folder.mkdir()
    result = _schema(folder, tmp_path)
    assert result.returncode == 2
    assert "cannot write: it is a folder; planner replaces only a regular file" in result.stderr
    assert folder.is_dir()


def test_a_symlink_is_replaced_and_its_target_lends_no_mode(tmp_path):
    target = tmp_path / "victim"
    target.write_text("keep me")
    os.chmod(target, 0o6777)
    link = tmp_path / "plan.schema.json"
    link.symlink_to(target)
    result = _schema(link, tmp_path)
    assert result.returncode == 0, result.stderr
    assert not link.is_symlink() and link.is_file()
    mode = stat.S_IMODE(os.lstat(link).st_mode)
    assert mode & (stat.S_ISUID | stat.S_ISGID | stat.S_ISVTX) == 0, oct(mode)
    assert mode == 0o666 & ~_umask(), oct(mode)
    assert target.read_text() == "keep me"
    assert stat.S_IMODE(os.lstat(target).st_mode) == 0o6777


def test_a_setuid_file_keeps_its_permissions_but_not_its_setuid_bits(tmp_path):
    out = tmp_path / "plan.schema.json"
    out.write_text("{}")
    os.chmod(out, 0o6750)
    result = _schema(out, tmp_path)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(os.lstat(out).st_mode) == 0o750


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
