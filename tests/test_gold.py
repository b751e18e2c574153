"""Extraction against the hand-checked gold of the sample PDFs (``../shared/samples/pdf/gold``).

The scoring is ``benchmarks/gold.py``'s; here it guards the figures the benchmark reports in the closing note
(recall 93.6 %, precision 100 % on the eleven text-layer PDFs), so a change that loses them fails. The scanned
PDF is left to the benchmark: its OCR takes a minute and a half.
"""

from __future__ import annotations

import importlib.util
import json
import sys

import pytest
from conftest import ROOT, SAMPLES

GOLD = SAMPLES / "pdf" / "gold"
pytestmark = pytest.mark.skipif(not GOLD.is_dir(), reason="gold files not beside the checkout")


def _benchmark():
    spec = importlib.util.spec_from_file_location("gold_benchmark", ROOT / "benchmarks" / "gold.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["gold_benchmark"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.fixture(scope="module")
def scores():
    bench = _benchmark()
    out = []
    for gold_file in sorted(GOLD.glob("*.json")):
        if "scanned" in gold_file.stem:
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        out.append(bench.score(SAMPLES / "pdf" / gold["doc"], gold, ocr=False))
    return out


def test_kind_unit_and_year_of_every_sample_pdf(scores) -> None:
    wrong = {s.name: s.identity for s in scores if not s.identity_ok or s.error}
    assert not wrong


def test_headline_recall_and_precision(scores) -> None:
    found, expected = sum(s.found for s in scores), sum(s.expected for s in scores)
    right, read = sum(s.right for s in scores), sum(s.read for s in scores)
    assert found / expected >= 0.93, [m for s in scores for m in s.misses]
    assert right / read >= 0.99, [w for s in scores for w in s.wrong]


def test_gold_tables_found_on_their_page_with_their_kind(scores) -> None:
    found, expected = sum(s.tables_found for s in scores), sum(s.tables_expected for s in scores)
    assert found / expected >= 0.95, [t for s in scores for t in s.table_misses]
