"""Batch scaling: documents/s for 1 and 2 workers on the local and the Ray engine, stage costs, memory.

Usage: .venv/bin/python benchmarks/scale.py [--docs 2000] [--configs local:1,local:2,ray:1,ray:2]
                                            [--json out.json] [--no-pdf]

The corpus is the five .txt samples copied under varied names into a temporary directory, each copy with
a whitespace-only last line that encodes its number, so every copy has its own content hash (the batch
would otherwise parse each content once) while parsing exactly like the original. It is deleted after.

Besides the batch runs it measures, in this process, what one PDF page costs (the text-layer PDFs in
../shared/samples/pdf) and, when RapidOCR is installed, one scanned page (026, image only): the unit
costs docs/scale.md turns into a plan for 10⁶ documents.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from budgetdoc.batch import output, read_dataset, run_batch
from budgetdoc.batch.status import STAGES
from budgetdoc.pipeline import Timings, load

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "samples"
SCANNED = "026_bj-zhengshuju_2026_yusuan_scanned.pdf"


def make_corpus(target: Path, count: int) -> list[Path]:
    """``count`` distinct copies of the text samples under ``target``."""
    sources = sorted(SAMPLES.glob("*.txt"))
    data = [p.read_bytes() for p in sources]
    paths = []
    for i in range(count):
        k = i % len(sources)
        tail = format(i, "b").replace("0", " ").replace("1", "\t").encode()
        path = target / f"{i // 500:03d}" / f"{sources[k].stem}_{i:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data[k] + b"\n" + tail + b"\n")
        paths.append(path)
    return paths


def run_config(corpus: Path, engine: str, jobs: int, work: Path) -> dict[str, object]:
    out = work / f"out-{engine}-{jobs}"
    startup = 0.0
    if engine == "ray":
        import ray

        started = time.perf_counter()
        ray.init(num_cpus=jobs, include_dashboard=False, log_to_driver=False, configure_logging=False)
        startup = time.perf_counter() - started
    try:
        started = time.perf_counter()
        result = run_batch([corpus], out, engine=engine, jobs=jobs)
        wall = time.perf_counter() - started
    finally:
        if engine == "ray":
            import ray

            ray.shutdown()
    started = time.perf_counter()
    output.consolidate(out)  # idempotent: timed again alone, it is the part of wall_s the workers don't share
    consolidate = time.perf_counter() - started
    status = read_dataset(out, "status").to_pylist()
    ok = [r for r in status if r["status"] != "failed"]
    stages = {s: statistics.mean(r[f"{s}_s"] or 0.0 for r in ok) * 1000 for s in (*STAGES, "total", "cpu")}
    peaks: dict[str, float] = {}
    for r in status:
        peaks[r["worker"]] = max(peaks.get(r["worker"], 0.0), r["peak_rss_mb"] or 0.0)
    files = [f for f in out.rglob("*") if f.is_file() and not f.name.startswith(".")]
    size = sum(f.stat().st_size for f in files)
    ledger = sum(f.stat().st_size for f in files if f.relative_to(out).parts[0] in ("_parts", "_status"))
    return {
        "engine": engine, "jobs": jobs, "documents": len(status), "failed": len(status) - len(ok),
        "startup_s": round(startup, 2), "wall_s": round(wall, 2), "consolidate_s": round(consolidate, 2), "docs_per_s": round(len(status) / wall, 1),
        "stage_ms": {k: round(v, 2) for k, v in stages.items()},
        "workers": len(peaks), "peak_rss_mb_max": round(max(peaks.values()), 1),
        "output_mb": round(size / 2**20, 1), "output_kb_per_doc": round(size / 1024 / len(status), 1),
        "datasets_kb_per_doc": round((size - ledger) / 1024 / len(status), 1),
        "processed": result.processed,
    }


def pdf_costs(with_ocr: bool) -> dict[str, object]:
    """Seconds per page for the text-layer PDFs, and for the scanned one when OCR is available."""
    pages = seconds = 0.0
    per_file = {}
    for path in sorted((SAMPLES / "pdf").glob("*.pdf")):
        if path.name == SCANNED:
            continue
        timings = Timings()
        started = time.perf_counter()
        try:
            doc = load(path, timings)
        except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not stop
            per_file[path.name] = f"failed: {exc}"
            continue
        spent = time.perf_counter() - started
        pages += doc.pages or 0
        seconds += spent
        per_file[path.name] = round(spent / max(doc.pages or 1, 1), 3)
    out: dict[str, object] = {"text_pdf_pages": int(pages), "text_pdf_s_per_page": round(seconds / pages, 3)
                              if pages else None, "per_file_s_per_page": per_file}
    if with_ocr:
        from budgetdoc.read import ocr

        if ocr.engine() is not None:
            started = time.perf_counter()
            try:
                doc = load(SAMPLES / "pdf" / SCANNED)
                spent = time.perf_counter() - started
                out["ocr_pages"] = doc.pages
                out["ocr_s_per_page"] = round(spent / max(doc.pages or 1, 1), 2)
            except Exception as exc:  # noqa: BLE001
                out["ocr_error"] = str(exc)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--configs", default="local:1,local:2,ray:1,ray:2")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--no-ocr", action="store_true")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="budgetdoc-scale-"))
    results: dict[str, object] = {"cpus": os.cpu_count(), "load_avg_start": os.getloadavg()[0]}
    try:
        corpus = work / "corpus"
        if args.configs:
            make_corpus(corpus, args.docs)
        runs = []
        for config in filter(None, args.configs.split(",")):
            engine, _, jobs = config.partition(":")
            run = run_config(corpus, engine, int(jobs or 1), work)
            runs.append(run)
            print(json.dumps(run, ensure_ascii=False), flush=True)
        results["runs"] = runs
        if not args.no_pdf:
            results["pdf"] = pdf_costs(with_ocr=not args.no_ocr)
            print(json.dumps(results["pdf"], ensure_ascii=False), flush=True)
        results["load_avg_end"] = os.getloadavg()[0]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _print_table(results)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


def _print_table(results: dict[str, object]) -> None:
    print("\n| engine | workers | docs | wall s | docs/s | read | normalize | extract | check | write "
          "| total ms/doc | CPU ms/doc | peak RSS/worker MB | output KB/doc |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results.get("runs", []):
        s = r["stage_ms"]
        print(f"| {r['engine']} | {r['jobs']} | {r['documents']} | {r['wall_s']} | {r['docs_per_s']} | "
              f"{s['read']} | {s['normalize']} | {s['extract']} | {s['check']} | {s['write']} | {s['total']} | "
              f"{s['cpu']} | {r['peak_rss_mb_max']} | {r['output_kb_per_doc']} |")


if __name__ == "__main__":
    sys.exit(main())
