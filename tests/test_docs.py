"""The docs stay true: every command and option in docs/cli.md, every fact-key family in the fact vocabulary.

The rule catalogue against docs/checks.md is tested in test_check_output.py
(``test_docs_document_every_rule_and_nothing_else``), so it is not repeated here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from budgetdoc.cli import app
from tests.conftest import ROOT, SAMPLE_FILES, sample_doc

DOCS = ROOT / "docs"
CLI_DOC = DOCS / "cli.md"
VOCABULARY = ("facts.md", "budget.md", "perf.md")
CJK = re.compile(r"[\u4e00-\u9fff]")

# typer vendors its own click (typer._click), so parameters are told apart by param_type_name, not isinstance.
COMMANDS = dict(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def _cli_sections() -> dict[str, str]:
    """docs/cli.md split at its ``## budgetdoc NAME`` headings: command name -> its section's text."""
    text = CLI_DOC.read_text(encoding="utf-8")
    parts = re.split(r"^## budgetdoc (\S+)\s*$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def _options(command) -> list:
    return [p for p in command.params if p.param_type_name == "option" and p.name != "help"]


def test_the_app_has_commands() -> None:
    # Guards the walk below: an import error in cli/__init__.py would otherwise leave nothing to check.
    assert {"parse", "check", "rules"} <= set(COMMANDS)
    assert sum(len(_options(c)) for c in COMMANDS.values()) > 20


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_help_is_chinese_first(name: str) -> None:
    help_text = (COMMANDS[name].help or "").strip()
    assert help_text, f"budgetdoc {name} has no help text"
    assert CJK.match(help_text), f"budgetdoc {name}: help should start in Chinese: {help_text[:40]!r}"
    assert re.search(r"[A-Za-z]{3,}", help_text), f"budgetdoc {name}: help has no English gloss"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_has_chinese_help(name: str) -> None:
    missing = [opt.opts[0] for opt in _options(COMMANDS[name]) if not CJK.search(opt.help or "")]
    arguments = [p.name for p in COMMANDS[name].params if p.param_type_name == "argument"
                 and not CJK.search(getattr(p, "help", "") or "")]
    assert missing == [] and arguments == [], f"budgetdoc {name}: no Chinese help for {missing + arguments}"


def test_every_command_is_documented_and_nothing_else() -> None:
    assert sorted(_cli_sections()) == sorted(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_is_documented_under_its_command(name: str) -> None:
    section = _cli_sections().get(name, "")
    flags = [flag for opt in _options(COMMANDS[name]) for flag in (*opt.opts, *opt.secondary_opts)]
    undocumented = [flag for flag in flags if not re.search(rf"`{re.escape(flag)}`", section)]
    assert undocumented == [], f"docs/cli.md, budgetdoc {name}: options not documented: {undocumented}"
    assert "```bash\nbudgetdoc " + name in section, f"docs/cli.md, budgetdoc {name}: no example"


def _family(key: str) -> str:
    """``gpb.item[a/b/c].change`` -> ``gpb.item``; ``three.overseas.pct`` -> ``three.overseas``."""
    return ".".join(key.split("[", 1)[0].split(".")[:2])


def test_family_reduction() -> None:
    assert _family("perf.table[整体].indicator[满意度].score") == "perf.table"
    assert _family("budget.three.vehicle_purchase") == "budget.three"
    assert _family("doc.unit") == "doc.unit"


def _documented(family: str, text: str) -> bool:
    # A whole dotted name, so that ``three.overseas`` is not found inside ``budget.three.overseas``.
    return re.search(rf"(?<![\w.\[/]){re.escape(family)}(?![\w])", text) is not None


def test_every_fact_family_is_documented() -> None:
    text = "\n".join((DOCS / name).read_text(encoding="utf-8") for name in VOCABULARY)
    families: dict[str, set[str]] = {}
    for sample_id in SAMPLE_FILES:
        for fact in sample_doc(sample_id).facts:
            families.setdefault(_family(fact.key), set()).add(sample_id)
    # The samples hold both kinds of document: a handful of families would mean extraction broke upstream.
    assert len(families) > 50, sorted(families)
    undocumented = {f: sorted(ids) for f, ids in families.items() if not _documented(f, text)}
    assert undocumented == {}, f"fact families missing from docs/{'|'.join(VOCABULARY)}: {undocumented}"


def test_documented_matching_is_strict() -> None:
    text = "| budget.three.overseas | x |\n| gpb.item[<类>] | y |"
    assert _documented("budget.three", text)
    assert _documented("gpb.item", text)
    assert not _documented("three.overseas", text)


def _linked_docs(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    names = set(re.findall(r"docs/([\w.-]+\.md)", text))
    if path.parent == DOCS:
        names |= set(re.findall(r"\]\(([\w.-]+\.md)\)", text))
    return names


def test_docs_named_in_readme_and_docs_exist() -> None:
    named = {(source.name, name) for source in (ROOT / "README.md", *sorted(DOCS.glob("*.md")))
             for name in _linked_docs(source)}
    assert ("README.md", "facts.md") in named  # the scan itself finds links
    missing = sorted((source, name) for source, name in named if not (DOCS / name).is_file())
    assert missing == [], f"docs named but absent: {missing}"
