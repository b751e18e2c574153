"""PDF parsing speed: ``budgetdoc parse`` against pdfplumber's plain ``extract_text`` on the same files.

Each tool runs in its own child process, so its peak RSS is its own. Pages/s is reported on CPU time (one
core, whatever else the machine is doing) and on wall time, after the tool's imports (timed apart and
reported, with the ratio including them). On a shared machine CPU time still swells
with contention, so each tool runs ``--repeat`` times, interleaved, and the fastest run of each counts.
The eleven text-layer samples are parsed with OCR off (two of them carry a page without text or image,
which OCR would never be asked to read anyway); OCR is measured separately on the image-only sample 026.

Usage:
    .venv/bin/python benchmarks/pdf_speed.py            # all three measurements
    .venv/bin/python benchmarks/pdf_speed.py --no-ocr   # skip the OCR measurement
    .venv/bin/python benchmarks/pdf_speed.py --repeat 3 # best of three runs per tool
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples" / "pdf"
SCANNED = "026_bj-zhengshuju_2026_yusuan_scanned.pdf"


def _text_pdfs() -> list[Path]:
    return sorted(p for p in SAMPLES.glob("*.pdf") if p.name != SCANNED)


def _work(mode: str, files: list[str]) -> dict[str, float]:
    """Run one tool over the files in this process and measure it."""
    pages = 0
    start = time.process_time()
    # imports are timed apart: a one-off per process, not a cost per page
    if mode == "pdfplumber":
        import pdfplumber
    else:
        from budgetdoc.pipeline import load
        from budgetdoc.serialize import document_dict
    cpu = time.process_time()
    import_cpu = cpu - start
    wall = time.perf_counter()
    if mode == "pdfplumber":
        for name in files:
            with pdfplumber.open(name) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    pages += 1
    else:
        for name in files:
            doc = load(name, ocr=(mode == "ocr"))
            json.dumps(document_dict(doc), ensure_ascii=False)
            pages += doc.pages or 0
    return {
        "pages": pages,
        "cpu": time.process_time() - cpu,
        "import_cpu": import_cpu,
        "wall": time.perf_counter() - wall,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _measure(mode: str, files: list[Path]) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--worker", mode, *map(str, files)], capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _row(label: str, m: dict[str, float]) -> str:
    return (f"{label:<28} {int(m['pages']):>6} {m['pages'] / m['cpu']:>10.1f} {m['pages'] / m['wall']:>11.1f}"
            f" {m['rss_mb']:>10.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--no-ocr", action="store_true", help="skip the OCR measurement on sample 026")
    parser.add_argument("--repeat", type=int, default=2, help="runs per tool; the fastest counts (default 2)")
    parser.add_argument("files", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(_work(args.worker, args.files)))
        return
    files = _text_pdfs()
    runs: dict[str, list[dict[str, float]]] = {"budgetdoc": [], "pdfplumber": []}
    for _ in range(max(1, args.repeat)):
        for mode, done in runs.items():
            done.append(_measure(mode, files))
    ours, plumber = (min(done, key=lambda m: m["cpu"]) for done in runs.values())
    print(f"{len(files)} text-layer PDFs from {SAMPLES}")
    print(f"{'':<28} {'pages':>6} {'pages/s cpu':>10} {'pages/s wall':>11} {'peak MB':>10}")
    print(_row("budgetdoc parse (no OCR)", ours))
    print(_row("pdfplumber extract_text", plumber))
    print(f"speed-up on CPU time: {(ours['pages'] / ours['cpu']) / (plumber['pages'] / plumber['cpu']):.1f}x"
          f" (imports excluded: budgetdoc {ours['import_cpu']:.2f} s, pdfplumber {plumber['import_cpu']:.2f} s)")
    with_imports = ((ours["pages"] / (ours["cpu"] + ours["import_cpu"]))
                    / (plumber["pages"] / (plumber["cpu"] + plumber["import_cpu"])))
    print(f"speed-up on CPU time including imports: {with_imports:.1f}x")
    if not args.no_ocr:
        ocr = _measure("ocr", [SAMPLES / SCANNED])
        print(_row("budgetdoc parse, OCR (026)", ocr))


if __name__ == "__main__":
    main()
