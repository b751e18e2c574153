"""Nothing silently dropped: every number of 第一部分/第二部分 (up to the first 绩效 table) is claimed."""

from __future__ import annotations

import subprocess
import sys

import pytest

from budgetdoc.extract.unclaimed import classify_non_figure, number_tokens, unclaimed

from conftest import FINAL_ACCOUNTS, SAMPLE_FILES, sample_doc


@pytest.mark.parametrize("sample_id", FINAL_ACCOUNTS)
def test_cli_lists_nothing_unclaimed(sample_id):
    path = SAMPLE_FILES[sample_id]
    result = subprocess.run([sys.executable, "-m", "budgetdoc", "parse", "--unclaimed", str(path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines() == [f"{path}: 0 个未认领的数字"]


@pytest.mark.parametrize("sample_id", FINAL_ACCOUNTS)
def test_most_numbers_are_facts_not_non_figures(sample_id):
    tokens = number_tokens(sample_doc(sample_id))
    kinds = {t.kind for t in tokens}
    assert kinds <= {"fact", "year", "date", "ordinal", "heading", "name", "page"}
    facts = sum(t.kind == "fact" for t in tokens)
    # Non-figures are the few years, dates, list numbers and names; the figures are the bulk.
    assert facts > 3 * (len(tokens) - facts)


def test_without_facts_the_figures_are_unclaimed():
    doc = sample_doc("000")
    bare = type(doc)(**{**{f: getattr(doc, f) for f in doc.__dataclass_fields__}, "facts": ()})
    left = {t.text for t in unclaimed(bare)}
    assert {"3,039.73", "2,698.88", "97.78", "131"} <= left
    assert "2023" not in left


@pytest.mark.parametrize(
    ("text", "number", "kind"),
    [
        ("截至2023年12月31日,", "2023", "year"),
        ("截至2023年12月31日,", "12", "date"),
        ("单价100万元(含)以上设备", "100", "name"),
        ("受理中心、12345政务服务便民热线", "12345", "name"),
        ("圆满组织了2024舌尖上的丝绸之路美食节", "2024", "year"),
        ("建州70周年庆祝大会", "70", "ordinal"),
        ("主要原因是:1.本年在职人员减少", "1", "ordinal"),
        ("全年累计开展学习17次", "17", ""),
        ("车辆6辆,价值183.85万元", "6", ""),
    ],
)
def test_non_figure_classes(text, number, kind):
    start = text.index(number)
    assert classify_non_figure(text, start, start + len(number)) == kind
