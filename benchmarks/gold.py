"""Extraction accuracy: ``parse`` scored against the hand-checked gold of every sample PDF.

The gold files (``../shared/samples/pdf/gold/*.json``) were read by hand from the page; nothing here was
defined by the code. Per file and in total this reports:

- **identity**: the document's kind, unit and year against the gold ``doc.*``;
- **recall**: a gold figure counts as found when some fact under its key carries the printed value (keys the
  gold lists in ``printed_unit`` are printed in 元 and compared after dividing by 10,000; values compare as
  numbers, so ``0`` and ``0.00`` agree, and a table's 元 figure read as 3121.420580 万元 is the text's
  3121.42 万元 when it rounds to it);
- **precision**: of the facts under the gold's keys, the share whose value is the gold value or a value the
  gold records for that file under ``inconsistencies`` (a document that prints the same figure twice with two
  values gives two facts, and the second is right too);
- **tables**: a gold table counts as found when a table of the parsed document starts on its page with the
  catalogue kind of its printed title.

Misses are printed per file: the key, the gold value, and what was read instead.

Usage:
    .venv/bin/python benchmarks/gold.py             # all twelve PDFs (the scanned one by OCR, ~1 min)
    .venv/bin/python benchmarks/gold.py --no-ocr    # skip files that need OCR
    .venv/bin/python benchmarks/gold.py --json out.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples" / "pdf"
GOLD = SAMPLES / "gold"
_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    try:
        return Decimal(str(value).replace(",", "").rstrip("%"))
    except InvalidOperation:
        return None


def _same(printed: object, read: object) -> bool:
    """The same figure: equal numbers, or a figure read from a table in 元 (more decimals) that rounds to the
    printed 万元 value; names compare after NFKC (the normalizer folds full-width brackets)."""
    a, b = _number(printed), _number(read)
    if a is not None and b is not None:
        if a == b:
            return True
        places = a.as_tuple().exponent
        return isinstance(places, int) and b.as_tuple().exponent < places and \
            b.quantize(Decimal(1).scaleb(places), rounding=ROUND_HALF_UP) == a
    return unicodedata.normalize("NFKC", str(printed)).strip() == unicodedata.normalize("NFKC", str(read)).strip()


def _documented(gold: dict) -> set[Decimal]:
    """Every number the gold's inconsistencies quote: values a document prints besides the gold one."""
    values: set[Decimal] = set()
    for item in gold.get("inconsistencies", []):
        for field_name in ("stated", "other"):
            for match in _NUMBER.finditer(str(item.get(field_name, ""))):
                values.add(Decimal(match.group().replace(",", "")))
    return values


@dataclass
class Score:
    name: str
    identity: dict[str, tuple[object, object]] = field(default_factory=dict)
    found: int = 0
    expected: int = 0
    right: int = 0
    read: int = 0
    tables_found: int = 0
    tables_expected: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    table_misses: list[str] = field(default_factory=list)
    seconds: float = 0.0
    error: str = ""

    @property
    def identity_ok(self) -> bool:
        return all(_same(g, r) for g, r in self.identity.values())


def score(pdf: Path, gold: dict, *, ocr: bool) -> Score:
    from budgetdoc.errors import BudgetdocError
    from budgetdoc.pipeline import load
    from budgetdoc.tables.catalog import identify_table

    result = Score(pdf.name)
    started = time.perf_counter()
    try:
        doc = load(pdf, ocr=ocr)
    except BudgetdocError as exc:
        result.error = str(exc)
        result.expected = sum(1 for k in gold["facts"] if not k.startswith("doc."))
        result.tables_expected = len(gold["tables"])
        return result
    result.seconds = time.perf_counter() - started
    printed = gold["facts"]
    result.identity = {
        "kind": (printed.get("doc.kind"), str(doc.kind)),
        "unit": (printed.get("doc.unit"), doc.unit),
        "year": (printed.get("doc.year"), doc.year),
    }
    in_yuan = set(gold.get("printed_unit") or {})
    documented = _documented(gold)
    by_key: dict[str, list] = {}
    for fact in doc.facts:
        by_key.setdefault(fact.key, []).append(fact)
    for key, value in printed.items():
        if key.startswith("doc."):
            continue
        expected = _number(value)
        if key in in_yuan and expected is not None:
            expected = expected.scaleb(-4)
        result.expected += 1
        facts = by_key.get(key, [])
        if any(_same(expected if expected is not None else value, f.value) for f in facts):
            result.found += 1
        else:
            got = ", ".join(f"{f.value}@{_where(f)}" for f in facts) or "—"
            result.misses.append(f"{key} = {value}: {got}")
        for fact in facts:
            result.read += 1
            read_value = _number(fact.value)
            if _same(expected if expected is not None else value, fact.value) or (
                    read_value is not None and (read_value in documented
                                                or (key in in_yuan and read_value.scaleb(4) in documented))):
                result.right += 1
            else:
                result.wrong.append(f"{key} = {fact.value} (gold {value}) @{_where(fact)}: {fact.source.text[:60]!r}")
    for table in gold["tables"]:
        result.tables_expected += 1
        spec = identify_table(table["title"], doc.kind)
        hit = spec is not None and any(
            t.kind == spec.kind and t.source is not None and t.source.page == table["page"] for t in doc.tables)
        if hit:
            result.tables_found += 1
        else:
            pages = [t.source.page for t in doc.tables if spec and t.kind == spec.kind and t.source]
            result.table_misses.append(
                f"p{table['page']} {table['title']} [{spec.kind if spec else '目录无此表'}]"
                + (f": read on p{pages}" if pages else ""))
    return result


def _where(fact) -> str:
    page = f"p{fact.source.page}" if fact.source.page else f"L{fact.source.line}"
    return page + ("·表" if fact.source.row is not None or fact.source.bbox and fact.source.table is not None else "")


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "   — "


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-ocr", action="store_true", help="skip files whose pages need OCR")
    parser.add_argument("--json", type=Path, help="write the per-file scores as JSON")
    parser.add_argument("--quiet", action="store_true", help="totals only, no misses")
    args = parser.parse_args(argv)
    scores: list[Score] = []
    for gold_file in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        pdf = SAMPLES / gold["doc"]
        if args.no_ocr and "scanned" in gold_file.stem:
            continue
        scores.append(score(pdf, gold, ocr=not args.no_ocr))
    print(f"{'file':<44} {'recall':>13} {'precision':>13} {'tables':>12}  identity  s")
    for s in scores:
        ident = "ok" if s.identity_ok and not s.error else "WRONG"
        print(f"{s.name[:44]:<44} {s.found:>3}/{s.expected:<3}{_pct(s.found, s.expected)} "
              f"{s.right:>3}/{s.read:<3}{_pct(s.right, s.read)} {s.tables_found:>2}/{s.tables_expected:<2}"
              f"{_pct(s.tables_found, s.tables_expected)}  {ident:<8} {s.seconds:4.1f}")
    total = {name: sum(getattr(s, name) for s in scores)
             for name in ("found", "expected", "right", "read", "tables_found", "tables_expected")}
    print(f"{'TOTAL':<44} {total['found']:>3}/{total['expected']:<3}{_pct(total['found'], total['expected'])} "
          f"{total['right']:>3}/{total['read']:<3}{_pct(total['right'], total['read'])} "
          f"{total['tables_found']:>2}/{total['tables_expected']:<2}"
          f"{_pct(total['tables_found'], total['tables_expected'])}  "
          f"{sum(s.identity_ok and not s.error for s in scores)}/{len(scores)} identity")
    if not args.quiet:
        for s in scores:
            lines = [f"  error: {s.error}"] if s.error else []
            lines += [f"  identity {k}: gold {g!r}, read {r!r}" for k, (g, r) in s.identity.items() if not _same(g, r)]
            lines += [f"  miss  {m}" for m in s.misses] + [f"  wrong {w}" for w in s.wrong]
            lines += [f"  table {t}" for t in s.table_misses]
            if lines:
                print(f"\n{s.name}")
                print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps([s.__dict__ for s in scores], ensure_ascii=False, indent=1, default=str),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
