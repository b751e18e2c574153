"""Mutation catch rate of the checker over every checkable figure of the sample documents.

Usage: .venv/bin/python benchmarks/mutation.py [FILE...]   (default: the four 部门决算 samples and the budget)
       .venv/bin/python benchmarks/mutation.py --every [--stride N] [FILE...]
           every printed figure of a text or PDF (amounts, percents, counts; in a PDF the table cell too),
           not only those a rule reads,
           reported by fact family (未抽取 = no extracted fact claims it); every N-th figure with --stride.

For each figure some rule reads, the units digit of the printed number is changed, the text re-parsed and
re-checked; the mutation is caught when a new warning or error points at that line.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from budgetdoc.check.mutation import run_every_figure, run_mutations

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"


def main(paths: list[str]) -> None:
    files = paths or sorted(str(p) for p in SAMPLES.glob("*.txt"))
    total = caught = noticed = 0
    missed: Counter[str] = Counter()
    started = time.perf_counter()
    for path in files:
        n = c = i = 0
        for outcome in run_mutations(path):
            n += 1
            c += outcome.caught
            i += outcome.noticed and not outcome.caught
            if not outcome.caught:
                missed[outcome.fact.key.split("[")[0]] += 1
                note = "（仅提示：低于打印精度）" if outcome.noticed else ""
                print(f"  未捕获 {Path(path).name}:{outcome.fact.source.line} {outcome.fact.key} "
                      f"{outcome.fact.source.text!r}{note}", flush=True)
        total, caught, noticed = total + n, caught + c, noticed + i
        print(f"{Path(path).name}: {c}/{n} 捕获 ({c / n:.1%})，另 {i} 个仅有提示" if n else f"{path}: 无可检查数字",
              flush=True)
    rate = f"{caught / total:.1%}" if total else "—"
    print(f"合计: {caught}/{total} 个可检查数字的变异被捕获为警告或错误 ({rate})；"
          f"另 {noticed} 个只产生舍入级提示；用时 {time.perf_counter() - started:.0f} 秒")
    if missed:
        print("未捕获的键族:", ", ".join(f"{k}×{v}" for k, v in missed.most_common()))


def every(paths: list[str], stride: int) -> None:
    files = paths or sorted(str(p) for p in SAMPLES.glob("*.txt"))
    by_family: dict[str, list[int]] = {}
    started = time.perf_counter()
    for path in files:
        n = c = 0
        for outcome in run_every_figure(path, stride):
            n += 1
            c += outcome.caught
            counts = by_family.setdefault(outcome.family, [0, 0])
            counts[0] += 1
            counts[1] += outcome.caught
        print(f"{Path(path).name}: {c}/{n} 个印出数字的变异被捕获 ({c / n:.1%})" if n else f"{path}: 无数字", flush=True)
    total = sum(v[0] for v in by_family.values())
    caught = sum(v[1] for v in by_family.values())
    print(f"合计: {caught}/{total} ({caught / total:.1%})，每 {stride} 个取 1 个；用时 {time.perf_counter() - started:.0f} 秒"
          if total else "合计: 无数字")
    for family, (n, c) in sorted(by_family.items(), key=lambda kv: -kv[1][0]):
        print(f"  {family}: {c}/{n} ({c / n:.0%})")


if __name__ == "__main__":
    args = sys.argv[1:]
    if "--every" in args:
        args.remove("--every")
        stride = 1
        if "--stride" in args:
            at = args.index("--stride")
            stride = int(args[at + 1])
            del args[at : at + 2]
        every(args, stride)
    else:
        main(args)
