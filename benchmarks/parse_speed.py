"""Parsing speed: documents/s and peak RSS, parsing the text samples repeatedly in one process.

Usage: .venv/bin/python benchmarks/parse_speed.py [--seconds 10] [--samples DIR] [--only 000,002] [--profile 25]

Besides the totals it prints CPU ms per document for each table finder and extractor (one extra pass),
so a slow stage can be found without a profiler; ``--profile N`` adds a cProfile pass and prints the N
budgetdoc functions with the most time of their own, with their cumulative time, as a share of the total.

Targets: issue 2, ≥ 100 documents/s on one core and ≤ 150 MB peak RSS; issue 15, ≥ 40 documents per CPU
second (goal 100). Reading is included (each
round reads the files again); the figures are for the five .txt samples in ../shared/samples.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from budgetdoc.extract import EXTRACTORS, TABLE_FINDERS, Context
from budgetdoc.extract.identify import identify
from budgetdoc.model import PerfTable, Table
from budgetdoc.normalize import NormalizedText, find_sections
from budgetdoc.pipeline import Timings, load
from budgetdoc.read import read

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="how long to keep parsing")
    parser.add_argument("--samples", type=Path, default=ROOT.parent / "shared" / "samples")
    parser.add_argument("--only", default="", help="comma-separated file name prefixes (000,002,003,004)")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="print the N costliest functions")
    args = parser.parse_args(argv)
    prefixes = tuple(p for p in args.only.split(",") if p)
    files = sorted(f for f in args.samples.glob("*.txt") if not prefixes or f.name.startswith(prefixes))
    if not files:
        print(f"{args.samples}: 没有 .txt 样本", file=sys.stderr)
        return 2
    for path in files:  # warm-up: imports, regex compilation
        load(path)
    timings = Timings()
    count = facts = 0
    cpu_start, wall_start = time.process_time(), time.perf_counter()
    while time.perf_counter() - wall_start < args.seconds:
        for path in files:
            facts += len(load(path, timings).facts)
            count += 1
    cpu = time.process_time() - cpu_start
    wall = time.perf_counter() - wall_start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"文档 documents: {count}  ({len(files)} samples)  facts: {facts}")
    print(f"速度 speed: {count / cpu:.1f} documents/s per CPU second ({count / wall:.1f} per wall second)")
    print(f"峰值内存 peak RSS: {peak_mb:.1f} MB")
    for stage, seconds in timings.stages.items():
        print(f"  {stage}: {seconds / count * 1000:.2f} ms/document")
    print("其中 of which (CPU ms/document, one pass):")
    for name, ms in _by_step(files).items():
        print(f"  {name}: {ms:.2f}")
    if args.profile:
        _profile(files, args.profile)
    return 0


def _profile(files: list[Path], top: int, rounds: int = 4) -> None:
    """The ``top`` budgetdoc functions by own time over ``rounds`` passes, with cumulative time, in %."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(rounds):
        for path in files:
            load(path)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(own for _, _, own, _, _ in stats.values())
    ours = [(own, cum, f"{Path(file).relative_to(ROOT / 'src')}:{line}({name})")
            for (file, line, name), (_, _, own, cum, _) in stats.items() if "/src/budgetdoc/" in file]
    print(f"cProfile, {rounds} passes (own % / cumulative % of {total:.2f} s):")
    for own, cum, where in sorted(ours, reverse=True)[:top]:
        print(f"  {own / total * 100:5.1f} %  {cum / total * 100:5.1f} %  {where}")


def _by_step(files: list[Path]) -> dict[str, float]:
    """CPU time of each stage, table finder and extractor, averaged over ``files``."""
    spent: dict[str, float] = {}

    def timed(name: str, call, *args):  # noqa: ANN001, ANN202 - a stopwatch around any step
        started = time.process_time()
        try:
            result = call(*args)
            result = list(result) if name in names else result
        except Exception:  # noqa: BLE001 - the pipeline turns these into warnings too
            result = []
        spent[name] = spent.get(name, 0.0) + time.process_time() - started
        return result

    names = {step.__name__ for step in (*TABLE_FINDERS, *EXTRACTORS)}
    for path in files:
        raw = timed("read", read, path)
        norm = timed("normalize", NormalizedText, raw)
        sections = timed("find_sections", find_sections, norm)
        ident = timed("identify", identify, norm, sections)
        ctx = Context(norm=norm, sections=sections, kind=ident.kind, unit=ident.unit, year=ident.year,
                      tables=raw.tables)
        for finder in TABLE_FINDERS:
            found = timed(finder.__name__, finder, ctx)
            ctx.tables += tuple(t for t in found if isinstance(t, Table))
            ctx.perf_tables += tuple(t for t in found if isinstance(t, PerfTable))
        for extractor in EXTRACTORS:
            timed(extractor.__name__, extractor, ctx)
    return {name: seconds / len(files) * 1000 for name, seconds in spent.items()}

if __name__ == "__main__":
    raise SystemExit(main())
