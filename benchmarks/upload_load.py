"""Web upload under load: N concurrent ``POST /api/upload`` against ``budgetdoc serve`` on 127.0.0.1.

Usage: .venv/bin/python benchmarks/upload_load.py [--requests 200] [--concurrency 200]

Starts ``budgetdoc serve`` on a free local port over a fresh DuckDB file, then sends every request at once
(httpx, one connection each) with a mix of bodies: the five text samples, a one-page PDF cut from a sample,
a truncated PDF, random bytes, an empty file and a Chinese text that is not a disclosure. Every request
must be answered: 200 for disclosures, 4xx in the one error body (``{"error", "status"}``) otherwise, never
a 5xx or a dropped connection. Prints the status counts and the latency median / p95 / max. Exit 1 when any
request failed that rule.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import io
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "samples"


def _bodies() -> list[tuple[str, bytes, int]]:
    """(file name, bytes, expected status) of each kind of upload."""
    import pypdfium2 as pdfium

    out = [(p.name, p.read_bytes(), 200) for p in sorted(SAMPLES.glob("*.txt"))]
    src = pdfium.PdfDocument(str(SAMPLES / "pdf" / "024_bj-caizhengju_2026_yusuan.pdf"))
    one = pdfium.PdfDocument.new()
    one.import_pages(src, [0, 1, 2])
    buffer = io.BytesIO()
    one.save(buffer)
    pdf = buffer.getvalue()
    out += [("three-pages.pdf", pdf, 200), ("truncated.pdf", pdf[: len(pdf) // 3], 422),
            ("noise.bin", random.Random(0).randbytes(4096), 422), ("empty.txt", b"", 422),
            ("note.txt", "这是一段普通的中文说明文字，不是部门预算或决算公开文档。\n".encode() * 20, 422)]
    return out


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _one(client: httpx.AsyncClient, url: str, name: str, body: bytes) -> tuple[int, float, str]:
    started = time.perf_counter()
    try:
        response = await client.post(url, files={"file": (name, body)})
    except httpx.HTTPError as exc:
        return 0, time.perf_counter() - started, f"{type(exc).__name__}: {exc}"
    elapsed = time.perf_counter() - started
    problem = ""
    if response.status_code >= 400:
        data = response.json()
        if set(data) != {"error", "status"} or data["status"] != response.status_code:
            problem = f"not the error body: {data}"
    return response.status_code, elapsed, problem


async def _run(base: str, requests: int, concurrency: int) -> list[tuple[str, int, int, float, str]]:
    bodies = _bodies()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=0)
    gate = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(timeout=600, limits=limits) as client:

        async def send(index: int) -> tuple[str, int, int, float, str]:
            name, body, expected = bodies[index % len(bodies)]
            async with gate:
                status, seconds, problem = await _one(client, f"{base}/api/upload", name, body)
            return name, expected, status, seconds, problem

        return await asyncio.gather(*(send(i) for i in range(requests)))


def _wait_ready(base: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("budgetdoc serve exited before it was ready")
        try:
            if httpx.get(f"{base}/api/overview", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("budgetdoc serve did not answer within 60 s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=200)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="budgetdoc-load-") as tmp:
        db = Path(tmp) / "load.duckdb"
        from budgetdoc.store import open_store

        open_store(str(db)).close()  # serve opens only an existing store
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen([sys.executable, "-m", "budgetdoc", "serve", "--db", str(db), "--port", str(port)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ})
        try:
            _wait_ready(base, proc)
            started = time.perf_counter()
            results = asyncio.run(_run(base, args.requests, args.concurrency))
            wall = time.perf_counter() - started
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    statuses = collections.Counter(status for _, _, status, _, _ in results)
    wrong = [(n, e, s, p) for n, e, s, _, p in results if s != e or p]
    latencies = sorted(seconds for *_, seconds, _ in results)
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
    print(f"{args.requests} uploads, {args.concurrency} at once, {wall:.1f} s wall "
          f"({args.requests / wall:.1f} requests/s)")
    print(f"status: {dict(sorted(statuses.items()))}; 5xx or dropped: "
          f"{sum(v for k, v in statuses.items() if k == 0 or k >= 500)}")
    print(f"latency: median {statistics.median(latencies):.2f} s, p95 {p95:.2f} s, max {latencies[-1]:.2f} s")
    for name, expected, status, problem in wrong[:10]:
        print(f"  {name}: expected {expected}, got {status} {problem}")
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
