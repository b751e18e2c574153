"""budgetdoc generate from what budgetdoc parse writes: the round trip on the real text samples (issue 14)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from budgetdoc.cli import app
from budgetdoc.errors import UsageError
from budgetdoc.generate import fact_set, generate
from budgetdoc.generate.roundtrip import round_trip
from budgetdoc.serialize import document_dict
from tests.conftest import FINAL_ACCOUNTS, SAMPLE_FILES, sample_doc

runner = CliRunner()


@pytest.mark.parametrize("sample_id", FINAL_ACCOUNTS)
def test_parse_generate_parse_keeps_the_samples_facts(sample_id: str) -> None:
    result = round_trip(sample_doc(sample_id))
    assert result.total > 400
    assert result.share >= 0.98, result.lost


def test_printed_slips_are_kept_and_the_gate_still_sees_them() -> None:
    # 002 prints 收入总计 1,810.23 while its parts add to 1,810.22: the regenerated document prints what the
    # document printed, so the checker finds the same slip in both.
    doc = sample_doc("002")
    fs = fact_set(document_dict(doc), doc.path)
    assert str(fs.stated["summary.income_total"]) == "1810.23"
    assert "1,810.23万元" in str(generate(fs, "txt"))


def test_the_cli_generates_from_parse_json(tmp_path: Path) -> None:
    parsed = tmp_path / "003.json"
    out = runner.invoke(app, ["parse", str(SAMPLE_FILES["003"]), "--format", "json"])
    assert out.exit_code == 0
    parsed.write_text(out.stdout, encoding="utf-8")
    target = tmp_path / "003.txt"
    result = runner.invoke(app, ["generate", str(parsed), "-o", str(target), "--force"])
    assert result.exit_code == 0, result.output
    again = runner.invoke(app, ["parse", str(target), "--format", "json"])
    facts = {f["key"]: f["value"] for f in json.loads(again.stdout)["facts"]}
    assert facts["doc.unit"] == "昌吉回族自治州人民政府办公室"
    assert facts["perf.overall_score"] == "99.74"


def test_a_budget_whose_parse_lacks_base_figures_names_them_in_one_message(tmp_path: Path) -> None:
    doc = sample_doc("001")
    with pytest.raises(UsageError) as err:
        generate(fact_set(document_dict(doc), doc.path), "txt")
    assert "缺少基础数据" in str(err.value)
    parsed = tmp_path / "001.json"
    parsed.write_text(json.dumps(document_dict(doc), ensure_ascii=False), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "budgetdoc", "generate", str(parsed), "-o", str(tmp_path / "x.txt")],
                            capture_output=True, text=True, check=False, env={**os.environ, "COLUMNS": "100000"})
    assert result.returncode == 4, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "budget.project[财政业务费].item" in result.stderr
    assert not (tmp_path / "x.txt").exists()
