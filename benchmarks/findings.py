"""Precision of the checker's warnings and errors on the sample PDFs, and recall of the gold defects.

Usage: python benchmarks/findings.py [--stub] [FILE.pdf ...]   (default: every PDF of ../shared/samples/pdf/)

Precision is measured against ``tests/fixtures/judged_findings.yaml``: findings judged by hand, reading the
printed page, as true or false with the reason. A finding is matched to a judgement by file, rule, the pages
its sources are on, its fact keys and its printed value (``actual``), never by message wording, so a judgement
survives a reworded message or facts re-extracted by another version of the extractor. Findings no judgement
matches are listed as **unjudged** (``--stub`` prints them as YAML to be judged and added to the fixture).

Recall is of the ``inconsistencies`` of ``../shared/samples/pdf/gold/*.json``: a defect is found when a finding
judged true names it (``gold: N``, its index in the file's list). Findings at a defect's page that nobody has
judged yet are shown as "at the page, unjudged", and not counted.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from budgetdoc.check import check
from budgetdoc.errors import BudgetdocError
from budgetdoc.model import Finding, Severity
from budgetdoc.pipeline import load

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "samples" / "pdf"
FIXTURE = ROOT / "tests" / "fixtures" / "judged_findings.yaml"


@dataclass(frozen=True, slots=True)
class Judgement:
    file: str
    rule: str
    pages: tuple[int, ...]
    keys: tuple[str, ...]
    actual: str | None
    expected: str | None
    verdict: bool
    why: str
    gold: int | None


def load_judgements(path: Path = FIXTURE) -> list[Judgement]:
    out = []
    for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
        out.append(Judgement(file=item["file"], rule=item["rule"], pages=tuple(item.get("pages") or ()),
                             keys=tuple(item.get("keys") or ()),
                             actual=None if item.get("actual") is None else str(item["actual"]),
                             expected=None if item.get("expected") is None else str(item["expected"]),
                             verdict=bool(item["verdict"]), why=item.get("why", ""), gold=item.get("gold")))
    return out


def pages_of(finding: Finding) -> tuple[int, ...]:
    return tuple(sorted({s.page for s in finding.sources if s.page is not None}))


def _norm(text: str) -> str:
    return "".join(text.split()).replace(",", "")


def matches(judgement: Judgement, file: str, finding: Finding) -> bool:
    """Same file and rule; the judged pages among the finding's pages; a judged key among its keys; the
    same printed value (and expected value, for findings without keys such as a missing section). Each is
    skipped when the judgement leaves it out."""
    if judgement.file != file or judgement.rule != finding.rule:
        return False
    if judgement.pages and not set(judgement.pages) <= set(pages_of(finding)):
        return False
    if judgement.keys and not set(judgement.keys) & set(finding.keys):
        return False
    if judgement.expected is not None and _norm(judgement.expected) != _norm(finding.expected):
        return False
    return judgement.actual is None or _norm(judgement.actual) == _norm(finding.actual)


def judge(judgements: list[Judgement], file: str, finding: Finding) -> Judgement | None:
    return next((j for j in judgements if matches(j, file, finding)), None)


def serious(findings: tuple[Finding, ...]) -> list[Finding]:
    return [f for f in findings if f.severity.rank >= Severity.WARNING.rank]


def gold_pages(where: str) -> set[int]:
    """Pages a gold defect names: ``p21``, ``p12-13``, ``PDF p6``, ``p7 and p8``."""
    import re

    pages: set[int] = set()
    for match in re.finditer(r"p(\d+)(?:\s*-\s*(\d+))?", where):
        first = int(match.group(1))
        pages.update(range(first, int(match.group(2) or first) + 1))
    for match in re.finditer(r"(?:and|,)\s*(\d+)\b", where):
        pages.add(int(match.group(1)))
    return pages


def stub(file: str, finding: Finding) -> dict[str, object]:
    return {"file": file, "rule": finding.rule, "pages": list(pages_of(finding)), "keys": list(finding.keys[:1]),
            "actual": finding.actual, "expected": finding.expected, "verdict": None, "why": "", "message": finding.message}


def main(argv: list[str]) -> int:
    want_stub = "--stub" in argv
    paths = [Path(a) for a in argv if a != "--stub"] or sorted(SAMPLES.glob("*.pdf"))
    judgements = load_judgements()
    started = time.perf_counter()
    totals = {"true": 0, "false": 0, "unjudged": 0, "gold": 0, "found": 0}
    stubs: list[dict[str, object]] = []
    print("文件 | 警告+错误 | 判为真 | 判为假 | 未判定 | 精确率 | 黄金缺陷 | 在其页找到")
    for path in paths:
        name = path.name
        try:
            report = check(load(path))
        except BudgetdocError as exc:
            print(f"{name}: 无法读取（{exc}）")
            continue
        found = serious(report.findings)
        verdicts = [(f, judge(judgements, name, f)) for f in found]
        true = [f for f, j in verdicts if j is not None and j.verdict]
        false = [(f, j) for f, j in verdicts if j is not None and not j.verdict]
        unjudged = [f for f, j in verdicts if j is None]
        gold_file = SAMPLES / "gold" / (path.stem + ".json")
        gold = json.loads(gold_file.read_text(encoding="utf-8")).get("inconsistencies", []) if gold_file.exists() else []
        named = {j.gold for _, j in verdicts if j is not None and j.verdict and j.gold is not None}
        judged = len(true) + len(false)
        precision = f"{len(true) / judged:.0%}" if judged else "—"
        print(f"{name} | {len(found)} | {len(true)} | {len(false)} | {len(unjudged)} | {precision} | {len(gold)} | "
              f"{len(named & set(range(len(gold))))}")
        for finding, j in false:
            print(f"    假: {finding.rule} 第{list(pages_of(finding))}页 {finding.message[:80]} —— {j.why}")
        for finding in unjudged:
            print(f"    未判定: {finding.severity.value} {finding.rule} 第{list(pages_of(finding))}页 "
                  f"{finding.message[:100]}")
            stubs.append(stub(name, finding))
        for index, item in enumerate(gold):
            if index in named:
                continue
            at_page = [f for f in unjudged if set(pages_of(f)) & gold_pages(item["where"])]
            hint = f"（该页有 {len(at_page)} 条未判定发现）" if at_page else ""
            print(f"    漏: [{index}] {item['where'][:60]} —— {item['what'][:60]}{hint}")
        totals["true"] += len(true)
        totals["false"] += len(false)
        totals["unjudged"] += len(unjudged)
        totals["gold"] += len(gold)
        totals["found"] += len(named & set(range(len(gold))))
    judged = totals["true"] + totals["false"]
    print(f"合计: 警告+错误 {judged + totals['unjudged']} 条，判为真 {totals['true']}，判为假 {totals['false']}，"
          f"未判定 {totals['unjudged']}；精确率 {totals['true'] / judged:.1%}" if judged else "合计: 无已判定发现")
    if totals["gold"]:
        print(f"黄金缺陷召回: {totals['found']}/{totals['gold']} ({totals['found'] / totals['gold']:.1%})；"
              f"用时 {time.perf_counter() - started:.0f} 秒")
    if want_stub and stubs:
        print("\n# 未判定发现（判定后加入 tests/fixtures/judged_findings.yaml）")
        print(yaml.safe_dump(stubs, allow_unicode=True, sort_keys=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
