"""The CLI loads the pipeline, the store and the readers only when a command needs them.

Every command module is imported on every ``budgetdoc`` run (that is how typer learns the commands), so a
module-level import of the pipeline is paid by ``--version`` too. The timings are measured by
``benchmarks/cli_startup.py``; this test asserts what is imported, which is what makes them.
"""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("budgetdoc.pipeline", "budgetdoc.extract", "budgetdoc.check", "budgetdoc.store.core", "budgetdoc.read.pdf",
         "budgetdoc.generate", "budgetdoc.web", "budgetdoc.batch", "duckdb", "pyarrow", "pypdfium2", "fastapi",
         "openpyxl", "jinja2")


def _loaded_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint('\\n'.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    return set(result.stdout.split())


def test_registering_the_commands_loads_no_library_stage() -> None:
    loaded = _loaded_after("import budgetdoc.cli")
    assert "budgetdoc.cli.parse" in loaded and "budgetdoc.cli.store" in loaded  # the commands are registered
    assert sorted(m for m in HEAVY if m in loaded) == []


def test_parse_loads_the_pipeline_but_not_the_store_or_pdf_reader(tmp_path) -> None:
    text = tmp_path / "x.txt"
    text.write_text("不是公开文档的一段中文文字。\n", encoding="utf-8")
    loaded = _loaded_after(
        "import sys\nfrom budgetdoc.cli import main\nsys.argv = ['budgetdoc', 'parse', %r]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass" % str(text))
    assert "budgetdoc.pipeline" in loaded
    assert not {"budgetdoc.store.core", "duckdb", "pypdfium2", "fastapi"} & loaded


def test_export_formats_in_the_help_are_the_exporters() -> None:
    from budgetdoc.cli.store import FORMATS
    from budgetdoc.export import FORMATS as EXPORT_FORMATS

    assert FORMATS == EXPORT_FORMATS
