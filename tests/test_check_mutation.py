"""A small mutation test: change one checkable figure of sample 000, re-parse, expect a finding at its line.

The full run over every checkable figure is benchmarks/mutation.py (it reports the catch rate).
"""

from __future__ import annotations

from pathlib import Path

from conftest import SAMPLE_FILES

from budgetdoc.check.mutation import checkable_facts, mutate, run_mutations
from budgetdoc.pipeline import load

ROOT = Path(__file__).resolve().parents[1]

# One of each kind the issue names: an amount in a sum, a printed percentage, a change, a count.
KEYS = {
    "summary.income_carryover_begin": "arithmetic.income-total",  # 340.85 → 341.85
    "income.fiscal.pct": "percent.share",  # 97.78% → 98.78%
    "gpb.item[一般公共服务支出/财政事务/行政运行].change": "percent.change",  # 减少 186.12 → 187.12
    "three.vehicle_operation": "arithmetic.three-vehicle",  # 31.99 → 32.99
    "staff.retired": "arithmetic.staff-total",  # 58 人 → 59 人
}


def test_mutate_changes_the_units_digit_only():
    doc = load(SAMPLE_FILES["000"])
    fact = next(f for f in doc.facts if f.key == "summary.income_total")
    text = mutate(doc.source_text, fact)
    assert text is not None and len(text) == len(doc.source_text)
    assert text[fact.source.offset : fact.source.end_offset].startswith("3,038.73")  # 9 becomes 8, other digits +1


def test_checkable_figures_include_sums_percentages_and_changes():
    keys = {f.key for f in checkable_facts(load(SAMPLE_FILES["000"]))}
    assert set(KEYS) <= keys
    assert "doc.year" not in keys


def test_each_mutation_is_caught_at_its_line():
    outcomes = {o.fact.key: o for o in run_mutations(SAMPLE_FILES["000"], keys=KEYS)}
    assert set(outcomes) == set(KEYS)
    for key, rule in KEYS.items():
        assert outcomes[key].caught, key
        assert rule in outcomes[key].rules, (key, outcomes[key].rules)


def test_figures_only_a_second_statement_can_catch():
    # 004 line 377: 保有量 4 辆 = 固定资产车辆 4 辆 with the template "差异原因是：…一致无差异"; 5 辆 contradicts it.
    # 004 line 126: 年初预算数 6,909.51 is also printed in 五 (line 146); the 差异率 alone cannot see a 1.00 change.
    keys = {"three.vehicles_owned": "three.vehicles-assets", "fiscal.budget_initial": "consistency.gpb-fiscal"}
    outcomes = {o.fact.key: o for o in run_mutations(SAMPLE_FILES["004"], keys=keys)}
    for key, rule in keys.items():
        assert rule in outcomes[key].rules, (key, outcomes[key].rules)


def test_every_printed_figure_is_mutated_not_only_the_checked_ones():
    from budgetdoc.check.mutation import run_every_figure

    outcomes = list(run_every_figure(SAMPLE_FILES["003"], stride=40))
    texts = [o.text for o in outcomes]
    assert len(outcomes) >= 5 and all(any(ch.isdigit() for ch in t) for t in texts)
    # Figures of every kind are tried, claimed by a fact family or not, and most of them are caught.
    assert {o.family for o in outcomes} - {"未抽取"}
    assert sum(o.caught for o in outcomes) * 2 > len(outcomes)


def test_a_pdf_figure_is_mutated_in_its_table_cell_too():
    """A PDF's ruled tables are rebuilt from the same text layer: the retyped figure reaches the tables too."""
    from budgetdoc.check.mutation import _FIGURE, mutate_figure
    from budgetdoc.read import read

    raw = read(ROOT.parent / "shared" / "samples" / "pdf" / "001_shpt-caizhengju_2024_juesuan.pdf")
    cells = [(t, r, c) for t, table in enumerate(raw.tables) for r, row in enumerate(table.rows)
             for c, cell in enumerate(row.cells) if cell.source is not None and _FIGURE.fullmatch(cell.text)]
    assert len(cells) > 20
    t, r, c = cells[len(cells) // 2]
    cell = raw.tables[t].rows[r].cells[c]
    match = _FIGURE.search(raw.text, cell.source.offset)
    assert match is not None and match.group(0) == cell.text
    mutated = mutate_figure(raw, match)
    new = mutated.tables[t].rows[r].cells[c].text
    assert new != cell.text and len(new) == len(cell.text)
    assert mutated.text[match.start() : match.end()] == new  # the same retyped figure in the text and the table
    changed = [(a.text, b.text) for ta, tb in zip(raw.tables, mutated.tables, strict=True)
               for ra, rb in zip(ta.rows, tb.rows, strict=True) for a, b in zip(ra.cells, rb.cells, strict=True)
               if a.text != b.text]
    assert changed == [(cell.text, new)]
