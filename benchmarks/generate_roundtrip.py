"""parse(generate(parse(sample))): the share of each text sample's parsed facts the generator gives back.

Usage: .venv/bin/python benchmarks/generate_roundtrip.py [--samples DIR] [--format txt|docx|pdf] [--lost N]

For each .txt sample: parse it, feed its ``budgetdoc parse --format json`` shape to ``budgetdoc generate``,
parse the generated document again, and count the facts read back with the same key and value. A sample the
generator cannot take (a parsed 部门预算 lacks its base figures) prints the generator's message instead.
Target (issue 14): ≥ 98 % for every sample.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from budgetdoc.errors import UsageError
from budgetdoc.generate.roundtrip import round_trip
from budgetdoc.pipeline import load

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=ROOT.parent / "shared" / "samples")
    parser.add_argument("--format", default="txt", choices=("txt", "docx", "pdf"))
    parser.add_argument("--lost", type=int, default=5, help="how many lost facts to list per sample")
    args = parser.parse_args(argv)
    files = sorted(args.samples.glob("*.txt"))
    if not files:
        print(f"{args.samples}: 没有 .txt 样本", file=sys.stderr)
        return 2
    print(f"{'样本':<28} {'保留':>6} {'事实':>6} {'比例':>8}")
    for path in files:
        doc = load(path)
        try:
            result = round_trip(doc, args.format)
        except UsageError as exc:
            print(f"{path.name:<28} 不能生成：{str(exc)[:160]}")
            continue
        print(f"{path.name:<28} {result.kept:>6} {result.total:>6} {result.share:>8.2%}")
        for key, value in result.lost[: args.lost]:
            print(f"    丢失 {key} = {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
