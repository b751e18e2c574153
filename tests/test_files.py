"""``budgetdoc.files.write_atomically``: whole file or nothing, the umask's mode, a Chinese error on failure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from budgetdoc.errors import UsageError
from budgetdoc.files import write_atomically


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield
    os.umask(old)


def test_text_is_utf8_bytes_are_kept_and_nothing_is_left_beside(tmp_path: Path) -> None:
    write_atomically(tmp_path / "a.txt", "“三公”经费 32.94\n")
    write_atomically(tmp_path / "b.bin", b"\x00\xff")
    assert (tmp_path / "a.txt").read_bytes() == "“三公”经费 32.94\n".encode()
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\xff"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.bin"]


def test_mode_follows_the_umask_not_mkstemp(tmp_path: Path, umask_027: None) -> None:
    out = tmp_path / "report.json"
    write_atomically(out, "{}")
    assert out.stat().st_mode & 0o777 == 0o640


def test_replaces_an_existing_file(tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    out.write_text("old", encoding="utf-8")
    write_atomically(out, "new")
    assert out.read_text(encoding="utf-8") == "new"


def test_a_failed_rename_keeps_the_old_file_and_removes_the_temporary(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "report.txt"
    out.write_text("old", encoding="utf-8")

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(UsageError, match="无法写入") as caught:
        write_atomically(out, "new")
    assert caught.value.path == str(out) and caught.value.exit_code == 4
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


def test_missing_directory_is_a_usage_error_unless_parents_are_asked_for(tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "dir" / "t.csv"
    with pytest.raises(UsageError, match="无法写入"):
        write_atomically(out, "x")
    assert not (tmp_path / "no").exists()
    write_atomically(out, "x", parents=True)
    assert out.read_text(encoding="utf-8") == "x"
