"""CLI start-up: wall time of ``budgetdoc --version`` and time to the first byte ``budgetdoc parse`` prints.

Usage: .venv/bin/python benchmarks/cli_startup.py [--runs 9] [--file ../shared/samples/003_….txt]

Each run is a fresh ``python -m budgetdoc`` process (one warm-up first, so the OS file cache is warm);
the median and the range of the counted runs are printed. Targets (issue 15): ``--version`` ≤ 0.3 s, the
first output of ``parse`` ≤ 0.6 s. ``python -X importtime -m budgetdoc --version`` shows what is imported.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "samples" / "003_e5361b4e9819f483.txt"


def _first_byte(args: list[str]) -> tuple[float, float]:
    """(seconds to the first byte on stdout, seconds to exit) of ``python -m budgetdoc ARGS``."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "budgetdoc", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    proc.stdout.read(1)
    first = time.perf_counter() - started
    proc.stdout.read()
    proc.wait()
    return first, time.perf_counter() - started


def _report(name: str, values: list[float], target: float) -> None:
    median = statistics.median(values)
    verdict = "≤" if median <= target else ">"
    print(f"{name:<28} median {median:.3f} s (min {min(values):.3f}, max {max(values):.3f}) {verdict} {target} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--file", type=Path, default=SAMPLE)
    args = parser.parse_args(argv)
    runs: dict[str, list[float]] = {"version": [], "parse_first": [], "parse_total": []}
    for index in range(args.runs + 1):
        _, version = _first_byte(["--version"])
        first, total = _first_byte(["parse", str(args.file)])
        if index:  # the first round warms the file cache
            runs["version"].append(version)
            runs["parse_first"].append(first)
            runs["parse_total"].append(total)
    _report("budgetdoc --version (exit)", runs["version"], 0.3)
    _report("parse: first output", runs["parse_first"], 0.6)
    _report("parse: exit", runs["parse_total"], float("inf"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
