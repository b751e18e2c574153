"""parse(generate(facts)) == facts: the generator is the inverse of the parser (architecture practice 14)."""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetdoc.demo.units import UNITS, random_fact_set
from budgetdoc.generate import derive, generate, read_input
from budgetdoc.generate.gate import parse_text
from budgetdoc.model import Document, Value
from budgetdoc.pipeline import load

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "示例县农业技术推广站_2024.yaml"


def parsed_facts(doc: Document) -> dict[str, set[Value]]:
    """Every value the parser read under each key (a key printed twice must read the same both times)."""
    out: dict[str, set[Value]] = defaultdict(set)
    # a text figure about a 功能分类 item also carries the table's code key (extract/table_facts.read_codes):
    # the same printed figure again, not one more the generator wrote
    items = {(f.source.offset, f.source.end_offset) for f in doc.facts if f.key.startswith("budget.gpb_item[")}
    for fact in doc.facts:
        if fact.key.startswith("budget.gpb_function[") and (fact.source.offset, fact.source.end_offset) in items:
            continue
        out[fact.key].add(fact.value)
    return dict(out)


def assert_round_trip(doc: Document, want: dict[str, Value]) -> None:
    got = parsed_facts(doc)
    assert sorted(set(want) - set(got)) == [], "generated but not read back"
    assert sorted(set(got) - set(want)) == [], "read back but never generated"
    wrong = {k: (v, want[k]) for k, v in got.items() if v != {want[k]}}
    assert wrong == {}


def test_example_round_trips_through_txt() -> None:
    fs = read_input(EXAMPLE)
    want = derive(fs.facts)
    assert want["summary.income_total"] == Decimal("1580.86")
    assert_round_trip(parse_text(str(generate(fs, "txt"))), want)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rng=st.randoms(use_true_random=False), unit=st.sampled_from(UNITS), year=st.integers(2019, 2025))
def test_random_fact_sets_round_trip_through_txt(rng: random.Random, unit: tuple[str, str], year: int) -> None:
    # allow_new=False: an item new this year is printed with 上年无此项支出 (no rate exists, checks.md #35),
    # a phrasing the extractor does not read yet.
    fs = random_fact_set(rng, unit[0], year, unit[1], allow_new=False)
    assert_round_trip(parse_text(str(generate(fs, "txt"))), derive(fs.facts))


# derandomize: a docx/pdf example takes a second and shrinking a failure over st.randoms takes minutes, so CI
# runs the same five examples every time; the txt property above explores new ones on every run.
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@settings(max_examples=5, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(rng=st.randoms(use_true_random=False), unit=st.sampled_from(UNITS), year=st.integers(2019, 2025))
def test_random_fact_sets_round_trip_through_published_formats(
    fmt: str, rng: random.Random, unit: tuple[str, str], year: int, tmp_path_factory: pytest.TempPathFactory,
) -> None:
    pytest.importorskip(f"budgetdoc.read.{fmt}")
    fs = random_fact_set(rng, unit[0], year, unit[1], allow_new=False)
    path = tmp_path_factory.mktemp(fmt) / f"generated.{fmt}"
    path.write_bytes(generate(fs, fmt))  # type: ignore[arg-type]
    assert_round_trip(load(path), derive(fs.facts))


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_example_round_trips_through_published_formats(fmt: str, tmp_path: Path) -> None:
    pytest.importorskip(f"budgetdoc.read.{fmt}")
    fs = read_input(EXAMPLE)
    path = tmp_path / f"公开说明.{fmt}"
    path.write_bytes(generate(fs, fmt))  # type: ignore[arg-type]
    assert_round_trip(load(path), derive(fs.facts))
