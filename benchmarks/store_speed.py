"""Store at scale: ingest rate, compare latency and page render p95 on a synthetic corpus (DuckDB).

Builds 10,000 documents' facts (2,000 units × 5 years, ~90 facts and 3 findings each), saves them one
document per transaction, then times ``Store.compare`` and the web pages through the ASGI app.

    .venv/bin/python benchmarks/store_speed.py [--docs 10000] [--db /tmp/bench.duckdb]

Targets (issue 7): compare < 100 ms, page p95 < 300 ms.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from fastapi.testclient import TestClient

from budgetdoc.model import DocKind, Document, Fact, Finding, Report, Severity, Source
from budgetdoc.store import document_id, open_store
from budgetdoc.web import create_app

KEYS = ["summary.income_total", "summary.expense_total", "expense.basic", "expense.project", "three.total",
        "three.overseas", "three.vehicle", "three.reception", "ops.total", "gpb.total", "basic.total",
        "basic.personnel", "basic.public", "procurement.total"]
ITEMS = [f"gpb.item[{c}/{k}/{i}]" for c in ("一般公共服务支出", "教育支出", "社会保障和就业支出", "卫生健康支出")
         for k in ("行政事务", "事业运行", "其他") for i in ("行政运行", "一般行政管理事务", "机关服务", "其他支出")]


def synthetic(n: int, rng: random.Random) -> tuple[Document, Report]:
    unit = f"合成市第{n // 5:04d}局"
    year = 2019 + n % 5
    lines, facts = [], []
    offset = 0
    for key in KEYS + ITEMS + [f"{k}.change" for k in KEYS[:20]]:
        value = Decimal(rng.randrange(1, 10_000_000)) / 100
        line = f"{key} 为 {value} 万元。"
        start = offset + line.index(str(value))
        source = Source(path=f"synthetic/{n}.txt", line=len(lines) + 1, column=line.index(str(value)) + 1,
                        end_line=len(lines) + 1, end_column=line.index(str(value)) + len(str(value)),
                        text=str(value), offset=start, end_offset=start + len(str(value)))
        facts.append(Fact(key=key, value=value, source=source, section="合成章节"))
        lines.append(line)
        offset += len(line) + 1
    text = "\n".join(lines)
    doc = Document(path=f"synthetic/{n}.txt", kind=DocKind.FINAL_ACCOUNTS, unit=unit, year=year, text=text,
                   source_text=text, facts=tuple(facts), meta={"sha256": hashlib.sha256(str(n).encode()).hexdigest(), "format": "txt"})
    findings = tuple(Finding(rule=rng.choice(["arithmetic.total", "percent.change", "three.sum"]),
                             severity=rng.choice(list(Severity)), message="合成问题", expected="1", actual="2",
                             keys=(facts[i].key,), sources=(facts[i].source,)) for i in range(3))
    return doc, Report(path=doc.path, findings=findings, passed=10)


def timed(fn, runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each run (CPU time shows our cost on a machine others load too)."""
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def line(label: str, wall: list[float], cpu: list[float]) -> str:
    return (f"{label}: median {statistics.median(wall):.1f} ms, p95 {p95(wall):.1f} ms "
            f"(CPU median {statistics.median(cpu):.1f} ms, p95 {p95(cpu):.1f} ms)")


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--db", default=str(Path(tempfile.mkdtemp()) / "bench.duckdb"))
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--single", type=int, default=300, help="documents saved one transaction each")
    parser.add_argument("--batch", type=int, default=200, help="documents per save_many transaction")
    args = parser.parse_args()
    rng = random.Random(7)
    store = open_store(args.db)
    docs = [synthetic(n, rng) for n in range(args.docs)]
    n_facts = sum(len(d.facts) for d, _ in docs)
    single = docs[: args.single]
    started = time.perf_counter()
    for doc, report in single:
        store.save(doc, report)
    elapsed = time.perf_counter() - started
    print(f"ingest, one transaction per document (Store.save): {len(single)} documents in {elapsed:.1f} s = "
          f"{len(single) / elapsed:.0f} docs/s")
    rest = docs[args.single:]
    started = time.perf_counter()
    for i in range(0, len(rest), args.batch):
        store.save_many(rest[i:i + args.batch])
    elapsed = time.perf_counter() - started
    print(f"ingest, {args.batch} documents per transaction (Store.save_many): {len(rest)} documents in {elapsed:.1f} s"
          f" = {len(rest) / elapsed:.0f} docs/s; corpus {args.docs} documents, {n_facts} facts")

    started = time.perf_counter()
    store.backend.maintain()
    print(f"checkpoint after the load: {time.perf_counter() - started:.1f} s; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    units = [f"合成市第{u:04d}局" for u in rng.sample(range(args.docs // 5), 20)]
    uids = store.resolve_units(units)
    cases = {
        "compare 2 keys × 20 units × 5 years": lambda: store.compare(["three.total", "ops.total"], uids),
        "compare 1 key × all units, 1 year": lambda: store.compare(["three.total"], years=[2021]),
    }
    for name, fn in cases.items():
        print(line(name, *timed(fn, args.runs)))

    client = TestClient(create_app(store))
    doc_id = document_id(docs[123][0])
    pages = {
        "/": "总览", "/documents": "文档", f"/documents/{doc_id}?fact=4": "文档（高亮）",
        f"/units/{uids[0]}": "单位", "/units": "单位列表",
        "/compare?key=three.total&key=ops.total&" + "&".join(f"unit={u}" for u in uids[:10]): "对比",
        "/findings?severity=error": "检查", f"/treemap?doc={doc_id}": "功能分类",
        "/api/compare?key=three.total&year=2021": "对比 API",
    }
    all_wall: list[float] = []
    all_cpu: list[float] = []
    for url, label in pages.items():
        assert client.get(url).status_code == 200, url
        wall, cpu = timed(lambda url=url: client.get(url), args.runs)
        all_wall += wall
        all_cpu += cpu
        print(line(f"page {label} {url[:50]}", wall, cpu))
    print(line(f"all pages ({len(all_wall)} requests)", all_wall, all_cpu))
    print(f"load average now {os.getloadavg()[0]:.1f}")
    store.close()


if __name__ == "__main__":
    main()
