"""A short, fixed-seed slice of ``benchmarks/fuzz.py``: mutated real files through every reader and the pipeline.

Hypothesis draws the seed file, the mutations and the random stream (derandomized, so CI runs the same
inputs every time); every input must end ``ok`` or ``refused`` with a one-line ``BudgetdocError``, never an
internal error and never past its time budget. The full run (≥ 100,000 inputs) is the benchmark.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLES, benchmark_module

fuzz = benchmark_module("fuzz")

if not (SAMPLES / "pdf").is_dir():
    pytest.skip("the real samples are not beside the checkout", allow_module_level=True)

SEEDS = fuzz.make_seeds(SAMPLES)
BUDGET = fuzz.Budget(seconds=10, memory_mb=1024, ocr_pages=0)


def test_seeds_cover_every_format_and_parse_clean(tmp_path: Path) -> None:
    assert {s.suffix for s in SEEDS} == {".txt", ".pdf", ".docx", ".xlsx", ".html"}
    outcomes = {}
    for seed in SEEDS:
        outcomes.setdefault(seed.suffix, []).append(fuzz.run_one(seed.data, seed.suffix, tmp_path, BUDGET).kind)
    # unmutated seeds are real disclosures: most of each format must parse, or the fuzzer only tests refusals
    for suffix, kinds in outcomes.items():
        assert "crash" not in kinds and "hang" not in kinds, suffix
        assert kinds.count("ok") >= len(kinds) // 2, (suffix, kinds)


@settings(max_examples=300, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(seed=st.sampled_from(SEEDS), names=st.lists(st.sampled_from(sorted(fuzz.MUTATORS)), min_size=1, max_size=4),
       stream=st.integers(0, 2**32))
def test_mutated_inputs_never_crash_or_overrun(tmp_path: Path, seed, names, stream) -> None:
    data, suffix = fuzz.mutate(seed, random.Random(stream), SEEDS, names)
    outcome = fuzz.run_one(data, suffix, tmp_path, BUDGET)
    assert outcome.kind in ("ok", "refused"), f"{seed.name} {'+'.join(names)}: {outcome.message}"
    if outcome.kind == "refused":
        assert outcome.message and "\n" not in outcome.message
