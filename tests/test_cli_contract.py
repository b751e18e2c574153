"""What every command does with a bad input, run as a user runs it: ``python -m budgetdoc …`` in a subprocess.

The contract (README, docs/cli.md): a file that cannot be read gives a non-zero exit code and exactly one line on
stderr naming the file and the problem in Chinese, never a traceback, never a half-written output. Commands that
read one document (parse, perf, tables, check, generate) exit 2 and print nothing on stdout; commands that
process many files (ingest, batch) report the failed file on stderr and may print their summary on stdout.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import typing
from pathlib import Path

import pytest
import typer

from budgetdoc.cli import app
from budgetdoc.store import open_store
from tests.conftest import ROOT, SAMPLE_FILES

TIMEOUT = 60

# Extra arguments each file-taking command needs besides its input; {tmp} is the test's tmp_path.
FILE_COMMANDS: dict[str, tuple[str, ...]] = {
    "parse": (),
    "perf": (),
    "tables": (),
    "check": (),
    "generate": ("-o", "{tmp}/out.md"),
    "ingest": ("--db", "{tmp}/store.duckdb"),
    "batch": ("--out", "{tmp}/batch", "--no-progress", "--jobs", "1"),
    "inspect": ("--db", "{tmp}/store.duckdb", "-o", "{tmp}/检查结果.xlsx"),
}
ONE_DOCUMENT = {"parse", "perf", "tables", "check", "generate"}
INPUT_SUFFIX = {"generate": ".yaml"}  # generate reads fact sets, not disclosures

# What the one stderr line must say about each kind of bad file.
PROBLEM = {
    "missing": "不存在",
    "empty": "为空|空文件",
    "binary": "二进制|不是有效|无法解码",
    "directory": "目录",
}
VALID_FOR = {  # inputs that are not bad for the command: a folder is what ingest and batch walk
    ("ingest", "directory"): "ingest 递归读取文件夹",
    ("batch", "directory"): "batch 递归读取文件夹",
    ("inspect", "directory"): "inspect 递归读取文件夹",
}

# Defects found by these tests, owned by other issues: strict, so that the fix is noticed and the mark removed.
KNOWN: dict[tuple[str, str], str] = {}


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    # umask fixed so that the permissions of written files do not depend on the caller's shell.
    return subprocess.run([sys.executable, "-m", "budgetdoc", *args], capture_output=True, text=True,
                          timeout=TIMEOUT, check=False, cwd=cwd, preexec_fn=lambda: os.umask(0o022))


def _bad_input(tmp_path: Path, case: str, suffix: str) -> Path:
    path = tmp_path / f"{case}{suffix}"
    if case == "empty":
        path.write_bytes(b"")
    elif case == "binary":
        # the start of a real executable: NUL bytes and invalid UTF-8, whatever the suffix says
        path.write_bytes(Path(sys.executable).resolve().read_bytes()[:4096])
    elif case == "directory":
        path.mkdir()
        (path / "note.md").write_text("不是公开文档", encoding="utf-8")
    return path


def _path_commands() -> set[str]:
    """Registered commands with a positional argument that is a path (typer vendors click: compare by name)."""
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    found = set()
    for name, command in commands.items():
        hints = typing.get_type_hints(command.callback)
        if any(p.param_type_name == "argument" and "Path" in str(hints[p.name]) for p in command.params):
            found.add(name)
    return found


def test_every_file_command_is_covered() -> None:
    assert _path_commands() == set(FILE_COMMANDS)


def _cases() -> list:
    params = []
    for command in FILE_COMMANDS:
        for case in PROBLEM:
            marks = [pytest.mark.xfail(strict=True, reason=KNOWN[command, case])] if (command, case) in KNOWN else []
            params.append(pytest.param(command, case, marks=marks, id=f"{command}-{case}"))
    return params


@pytest.mark.parametrize(("command", "case"), _cases())
def test_bad_input_one_line_no_traceback(tmp_path: Path, command: str, case: str) -> None:
    if (command, case) in VALID_FOR:
        pytest.skip(VALID_FOR[command, case])
    path = _bad_input(tmp_path, case, INPUT_SUFFIX.get(command, ".txt"))
    extra = [a.format(tmp=tmp_path) for a in FILE_COMMANDS[command]]
    result = _run(command, str(path), *extra)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.returncode != 0, output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert path.name in lines[0]
    assert re.search(PROBLEM[case], lines[0]), lines[0]
    if command in ONE_DOCUMENT:
        assert result.returncode == 2, output
        assert result.stdout == ""
        assert not (tmp_path / "out.md").exists()


def test_check_writes_no_report_when_nothing_was_read(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    result = _run("check", str(tmp_path / "missing.txt"), "--format", "json", "-o", str(report))
    assert result.returncode == 2
    assert not report.exists()


@pytest.mark.parametrize("args", [("parse",), ("parse", "a.txt", "--format", "xml"), ("no-such-command",)],
                         ids=["missing-argument", "bad-choice", "unknown-command"])
def test_usage_errors_exit_4_in_one_line(args: tuple[str, ...]) -> None:
    result = _run(*args)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 4
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("用法错误")


def test_version_and_bare_command() -> None:
    from budgetdoc import __version__

    assert _run("--version").stdout.strip() == f"budgetdoc {__version__}"
    bare = _run()
    assert bare.returncode == 0
    assert "parse" in bare.stdout and bare.stderr == ""


def test_own_usage_errors_exit_4(tmp_path: Path) -> None:
    result = _run("tables", str(SAMPLE_FILES["001"]), "--format", "csv")
    assert result.returncode == 4
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "-o" in result.stderr
    assert result.stdout == ""


def test_not_a_disclosure_exits_3(tmp_path: Path) -> None:
    path = tmp_path / "weather.txt"
    path.write_text("今天天气很好，我们去公园散步。\n" * 20, encoding="utf-8")
    result = _run("parse", str(path))
    assert result.returncode == 3
    assert result.stderr.count("\n") == 1 and path.name in result.stderr
    assert result.stdout == ""


# (command, arguments writing {out}): every file a command writes should be readable like any file the user makes.
WRITERS = {
    "check": ("check", str(SAMPLE_FILES["000"]), "--select", "arithmetic", "--format", "json", "-o", "{out}.json"),
    "export": ("export", "--db", "{out}.duckdb", "-o", "{out}.csv"),  # an empty store still writes the header
    "generate": ("generate", str(ROOT / "examples" / "示例县农业技术推广站_2024.yaml"), "-o", "{out}.md"),
    "perf": ("perf", str(SAMPLE_FILES["003"]), "--format", "xlsx", "-o", "{out}.xlsx"),
    "tables": ("tables", str(SAMPLE_FILES["001"]), "--format", "csv", "-o", "{out}.csv"),
}


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_written_files_follow_the_umask(tmp_path: Path, command: str) -> None:
    if command == "export":  # only ingest creates a store; export refuses a missing one
        open_store(str(tmp_path / "out.duckdb")).close()
    result = _run(*(a.format(out=tmp_path / "out") for a in WRITERS[command]))
    assert result.returncode in (0, 1), result.stderr
    (out,) = (p for p in tmp_path.glob("out.*") if p.suffix != ".duckdb")
    assert out.stat().st_size > 0
    assert out.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("command", ["perf", "tables"])
def test_file_writers_say_where_they_wrote(tmp_path: Path, command: str) -> None:
    result = _run(*(a.format(out=tmp_path / "out") for a in WRITERS[command]))
    assert result.returncode == 0, result.stderr
    (out,) = tmp_path.glob("out.*")
    assert result.stdout.startswith(f"已写入 {out}")


# Only ingest may create a store; the others reading a mistyped path must not leave an empty database behind.
STORE_READERS = {
    "compare": ("compare", "--key", "three.total"),
    "export": ("export", "-o", "{tmp}/out.csv"),
    "serve": ("serve", "--port", "0"),
    "sql": ("sql", "SELECT 1"),
}


@pytest.mark.parametrize("command", sorted(STORE_READERS))
def test_store_readers_refuse_a_missing_database(tmp_path: Path, command: str) -> None:
    db = tmp_path / "typo.duckdb"
    result = _run(*(a.format(tmp=tmp_path) for a in STORE_READERS[command]), "--db", str(db))
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert f"数据库不存在：{db}" in result.stderr
    assert list(tmp_path.iterdir()) == []
