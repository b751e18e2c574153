"""Fuzz every reader and the whole pipeline (read → normalize → extract → check) with mutated real files.

Usage: .venv/bin/python benchmarks/fuzz.py [--inputs 100000] [--seed 1] [--time-budget 10] [--crashes DIR]

Seeds are made from the real samples in ../shared/samples at start-up, in memory: windows of the text
exports (the title block plus a run of lines, so that each seed is still a disclosure and reaches the
extractors), one- and two-page PDFs cut from the text-layer PDFs with pypdfium2, a hand-written PDF with a
classic cross-reference table, and DOCX / XLSX / HTML files written from text windows. Each input is one
seed put through one to four mutations: byte flips, inserted or deleted runs, truncation, splices with
another seed, duplicated runs, broken ``xref`` / ``startxref`` / ``/Length`` / ``/Count`` entries,
huge numbers, deep nesting (``[[[…``, ``<div><div>…``, ``（（（…``), shuffled and joined lines, stray
code points.

Every input runs in this process through ``pipeline.load`` (OCR off: a scan costs seconds a page and is
bounded by the OCR page cap, not by fuzzing) and ``check``, within a per-input ``Budget``. The outcome is
``ok``, ``refused`` (a ``BudgetdocError``: the one-line message users see; over-budget included) or
``crash`` (any other exception: an internal error). A run longer than its time budget is a ``hang`` even when
it ends; a watchdog kills the process (with a traceback) at three times the budget. Crashing inputs are
saved under ``--crashes`` with their traceback. Exit status: 1 when anything crashed or hung.
"""

from __future__ import annotations

import argparse
import collections
import faulthandler
import io
import json
import random
import re
import resource
import sys
import tempfile
import time
import traceback
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from budgetdoc.budgets import Budget, rss_mb
from budgetdoc.check import check
from budgetdoc.errors import BudgetdocError
from budgetdoc.pipeline import load

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "samples"


@dataclass(frozen=True, slots=True)
class Seed:
    name: str
    suffix: str
    data: bytes


# ---------------------------------------------------------------- seeds


def _text_windows(text: str, count: int, rng: random.Random) -> list[str]:
    lines = text.splitlines()
    head = lines[:25]
    out = []
    for _ in range(count):
        start = rng.randrange(25, max(26, len(lines) - 40))
        out.append("\n".join(head + lines[start : start + rng.randrange(20, 120)]) + "\n")
    return out


def _pdf_pages(data: bytes, pages: list[int]) -> bytes:
    import pypdfium2 as pdfium  # noqa: PLC0415 - only when seeding

    src = pdfium.PdfDocument(data)
    dst = pdfium.PdfDocument.new()
    dst.import_pages(src, [p for p in pages if p < len(src)])
    buffer = io.BytesIO()
    dst.save(buffer)
    return buffer.getvalue()


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def minimal_pdf(content: bytes, font: bytes = HELVETICA) -> bytes:
    """A one-page PDF written by hand, with a classic cross-reference table (pdfium's saves use xref
    streams, which hide the table from the structure mutations)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        font,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _classic_pdf(lines: list[str]) -> bytes:
    content = b"BT /F1 10 Tf 40 800 Td " + b"".join(
        b"(" + line.encode("ascii", "replace")[:80].replace(b"(", b"[").replace(b")", b"]") + b") Tj 0 -12 Td "
        for line in lines) + b"ET"
    return minimal_pdf(content)


def _rows(text: str) -> list[list[str]]:
    return [re.split(r"\s{2,}|\t", line.strip()) for line in text.splitlines() if line.strip()]


def _html(text: str) -> bytes:
    rows = _rows(text)
    paragraphs = "".join(f"<p>{r[0]}</p>" for r in rows[:10])
    table = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows[10:])
    return f"<!DOCTYPE html><html><body>{paragraphs}<table>{table}</table></body></html>".encode()


def _docx(text: str) -> bytes:
    import docx  # noqa: PLC0415 - only when seeding

    document = docx.Document()
    rows = _rows(text)
    for row in rows[:10]:
        document.add_paragraph(" ".join(row))
    body = rows[10:60]
    if body:
        width = max(len(r) for r in body)
        table = document.add_table(rows=len(body), cols=width)
        for i, row in enumerate(body):
            for j, cell in enumerate(row):
                table.cell(i, j).text = cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx(text: str) -> bytes:
    import openpyxl  # noqa: PLC0415 - only when seeding

    book = openpyxl.Workbook()
    sheet = book.active
    for row in _rows(text)[:120]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def make_seeds(samples: Path = SAMPLES, seed: int = 0) -> list[Seed]:
    """Seed files made from the real samples; the same ``seed`` gives the same list."""
    rng = random.Random(seed)
    seeds: list[Seed] = []
    texts = sorted(samples.glob("*.txt"))
    for path in texts:
        text = path.read_text(encoding="utf-8")
        for i, window in enumerate(_text_windows(text, 6, rng)):
            seeds.append(Seed(f"{path.stem}-w{i}", ".txt", window.encode()))
            if i < 2:
                seeds.append(Seed(f"{path.stem}-w{i}-gb18030", ".txt", window.encode("gb18030")))
            if i == 2:
                seeds.append(Seed(f"{path.stem}-w{i}", ".html", _html(window)))
            if i == 3:
                seeds.append(Seed(f"{path.stem}-w{i}", ".docx", _docx(window)))
            if i == 4:
                seeds.append(Seed(f"{path.stem}-w{i}", ".xlsx", _xlsx(window)))
    for path in sorted((samples / "pdf").glob("*.pdf")):
        if "scanned" in path.name:
            continue  # OCR-only: nothing for the text reader, seconds per page
        data = path.read_bytes()
        seeds.append(Seed(f"{path.stem}-p1", ".pdf", _pdf_pages(data, [0])))
        seeds.append(Seed(f"{path.stem}-p2-3", ".pdf", _pdf_pages(data, [1, 2])))
    if texts:
        lines = texts[0].read_text(encoding="utf-8").splitlines()[:40]
        seeds.append(Seed("classic-xref", ".pdf", _classic_pdf(lines)))
    return seeds


# ---------------------------------------------------------------- mutations

Mutator = Callable[[bytes, random.Random, list[Seed]], bytes]


def _span(data: bytes, rng: random.Random, most: int = 64) -> tuple[int, int]:
    start = rng.randrange(len(data) + 1)
    return start, min(len(data), start + rng.randrange(1, most + 1))


def flip(data: bytes, rng: random.Random, seeds: list[Seed]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randrange(1, 16)):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def insert(data: bytes, rng: random.Random, seeds: list[Seed]) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.randbytes(rng.randrange(1, 256)) + data[at:]


def delete(data: bytes, rng: random.Random, seeds: list[Seed]) -> bytes:
    start, end = _span(data, rng, 4096)
    return data[:start] + data[end:]


def truncate(data: bytes, rng: random.Random, seeds: list[Seed]) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def splice(data: bytes, rng: random.Random, seeds: list[Seed]) -> bytes:
    other = rng.choice(seeds).data
    return data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1) :]


def duplicate(data: bytes, rng: random.Random, seeds: list[Seed]) -> bytes:
    start, end = _span(data, rng, 8192)
    return data[:end] + data[start:end] * rng.randrange(1, 20) + data[end:]


_XREF_TARGETS = re.compile(rb"startxref\s*\d+|\d{10} \d{5} [nf]|/Length \d+|/Count \d+|/Size \d+|/W \[[^\]]*\]"
                           rb"|/Index \[[^\]]*\]|/Prev \d+|/XRefStm \d+|\bxref\b|\bobj\b|\bendobj\b|\bendstream\b")


def break_structure(data: bytes, rng: random.Random, seeds: list[Seed]) -> bytes:
    """Damage what a PDF reader navigates by: xref rows, startxref, lengths, counts, object markers."""
    hits = list(_XREF_TARGETS.finditer(data[:2_000_000]))
    if not hits:
        return flip(data, rng, seeds)
    out = data
    for match in rng.sample(hits, min(len(hits), rng.randrange(1, 6))):
        token = match.group()
        replacement = rng.choice([
            b"", re.sub(rb"\d", lambda _: str(rng.randrange(10)).encode(), token),
            re.sub(rb"\d+", b"99999999999999999999", token), re.sub(rb"\d+", b"-1", token),
            re.sub(rb"\d+", b"0", token), token[: len(token) // 2],
        ])
        out = out.replace(token, replacement, 1)
    return out


_NUMBER = re.compile(rb"\d[\d,.]*")


def huge_numbers(data: bytes, rng: random.Random, seeds: list[Seed]) -> bytes:
    hits = list(_NUMBER.finditer(data[:500_000]))
    if not hits:
        return insert(data, rng, seeds)
    out = bytearray(data)
    for match in sorted(rng.sample(hits, min(len(hits), rng.randrange(1, 8))), key=lambda m: -m.start()):
        big = rng.choice([b"9" * rng.randrange(20, 2000), b"1" + b",000" * rng.randrange(10, 300),
                          b"0." + b"0" * 500 + b"1", b"1e999", b"-" + b"9" * 400 + b".99", "１２３，４５６．７８".encode()])
        out[match.start() : match.end()] = big
    return bytes(out)


def nest(data: bytes, rng: random.Random, seeds: list[Seed]) -> bytes:
    at = rng.randrange(len(data) + 1)
    depth = rng.choice([100, 1000, 10_000, 50_000])
    opener, closer = rng.choice([(b"[", b"]"), (b"<<", b">>"), (b"<div>", b"</div>"), ("（".encode(), "）".encode()),
                                 (b"<table><tr><td>", b"</td></tr></table>"), (b"(", b")")])
    closed = rng.random() < 0.5
    return data[:at] + opener * depth + (closer * depth if closed else b"") + data[at:]


def shuffle_lines(data: bytes, rng: random.Random, seeds: list[Seed]) -> bytes:
    lines = data.split(b"\n")
    if len(lines) < 3:
        return flip(data, rng, seeds)
    op = rng.randrange(3)
    if op == 0:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif op == 1:
        i = rng.randrange(len(lines) - 1)
        lines[i : i + 2] = [lines[i] + lines[i + 1]]
    else:
        i = rng.randrange(len(lines))
        lines[i:i] = [lines[i]] * rng.randrange(1, 200)
    return b"\n".join(lines)


_STRAY = "\ufeff\u200b\u3000\ufffd\x0c\u2028\ue000\U0001f600\u0301年万元%％—-－()（）：:合计小计"


def stray_chars(data: bytes, rng: random.Random, seeds: list[Seed]) -> bytes:
    out = data
    for _ in range(rng.randrange(1, 10)):
        at = rng.randrange(len(out) + 1)
        out = out[:at] + "".join(rng.choice(_STRAY) for _ in range(rng.randrange(1, 6))).encode() + out[at:]
    return out


def zip_member(data: bytes, rng: random.Random, seeds: list[Seed]) -> bytes:
    """For DOCX/XLSX: mutate one member's XML and re-zip, so the damage gets past the zip layer."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as src:
            infos = src.infolist()
            members = {info.filename: src.read(info) for info in infos}
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
        return flip(data, rng, seeds)
    xml = [n for n in members if n.endswith(".xml")]
    if not xml:
        return flip(data, rng, seeds)
    name = rng.choice(xml)
    inner = rng.choice([flip, delete, truncate, duplicate, huge_numbers, nest, stray_chars])
    members[name] = inner(members[name], rng, seeds)
    if rng.random() < 0.1:
        del members[name]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for member, body in members.items():
            dst.writestr(member, body)
    return buffer.getvalue()


def drop_lines(data: bytes, rng: random.Random, seeds: list[Seed]) -> bytes:
    lines = data.split(b"\n")
    start = rng.randrange(len(lines))
    del lines[start : start + rng.randrange(1, 30)]
    return b"\n".join(lines)


MUTATORS: dict[str, Mutator] = {f.__name__: f for f in (
    flip, insert, delete, truncate, splice, duplicate, break_structure, huge_numbers, nest, shuffle_lines,
    stray_chars, zip_member, drop_lines)}
# Byte-level damage mostly makes a text export undecodable, which the reader refuses at once; these keep
# it valid text, so that most text inputs reach normalization, the table finders, extraction and checks.
TEXT_SAFE = ("huge_numbers", "nest", "shuffle_lines", "stray_chars", "drop_lines", "truncate")


def pick_mutations(seed: Seed, rng: random.Random) -> list[str]:
    """One to four mutation names for ``seed``; a text seed mostly gets text-preserving ones."""
    pool = TEXT_SAFE if seed.suffix == ".txt" and rng.random() < 0.8 else tuple(MUTATORS)
    return [rng.choice(pool) for _ in range(rng.randrange(1, 5))]


def mutate(seed: Seed, rng: random.Random, seeds: list[Seed], names: list[str] | None = None) -> tuple[bytes, str]:
    """One input from ``seed``: the bytes and the suffix to store them under (rarely not the seed's own)."""
    data = seed.data
    for name in names or pick_mutations(seed, rng):
        data = MUTATORS[name](data, rng, seeds)
    suffix = seed.suffix if rng.random() < 0.95 else rng.choice([".txt", ".pdf", ".docx", ".xlsx", ".html", ""])
    return data, suffix


# ---------------------------------------------------------------- running


@dataclass(slots=True)
class Outcome:
    kind: str
    """``ok``, ``refused``, ``crash`` or ``hang``."""
    seconds: float
    grown_mb: float
    message: str = ""


def run_one(data: bytes, suffix: str, workdir: Path, budget: Budget) -> Outcome:
    """Write ``data`` to a file and put it through the whole pipeline, as ``budgetdoc check`` would."""
    path = workdir / f"input{suffix}"
    path.write_bytes(data)
    before = rss_mb()
    started = time.monotonic()
    kind, message = "ok", ""
    try:
        check(load(path, budget=budget, ocr=False))
    except BudgetdocError as exc:
        kind, message = "refused", exc.problem
    except Exception:  # noqa: BLE001 - an internal error is what the fuzzer is looking for
        kind, message = "crash", traceback.format_exc(limit=-8)
    seconds = time.monotonic() - started
    if kind != "crash" and budget.seconds and seconds > budget.seconds:
        kind, message = "hang", f"{seconds:.1f} s > {budget.seconds:g} s"
    return Outcome(kind, seconds, rss_mb() - before, message)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-budget", type=float, default=10.0, help="seconds per input (a hang past it)")
    parser.add_argument("--memory-budget", type=float, default=1024.0, help="MB of resident growth per input")
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    parser.add_argument("--crashes", type=Path, default=Path("fuzz-crashes"))
    parser.add_argument("--json", type=Path, help="write the summary here too")
    args = parser.parse_args(argv)
    seeds = make_seeds(args.samples)
    if not seeds:
        print(f"{args.samples}: 没有样本", file=sys.stderr)
        return 2
    budget = Budget(seconds=args.time_budget, memory_mb=args.memory_budget, ocr_pages=0)
    rng = random.Random(args.seed)
    counts: collections.Counter[str] = collections.Counter()
    by_format: collections.Counter[str] = collections.Counter()
    messages: collections.Counter[str] = collections.Counter()
    slowest = (0.0, "")
    most_grown = 0.0
    failures: list[dict[str, str]] = []
    started = time.monotonic()
    cpu_started = time.process_time()
    print(f"{len(seeds)} seeds ({', '.join(f'{k} {v}' for k, v in sorted(collections.Counter(s.suffix for s in seeds).items()))}); "
          f"{args.inputs} inputs, seed {args.seed}, budget {budget.seconds:g} s / {budget.memory_mb:g} MB", flush=True)
    with tempfile.TemporaryDirectory(prefix="budgetdoc-fuzz-") as tmp:
        workdir = Path(tmp)
        for index in range(args.inputs):
            seed = rng.choice(seeds)
            names = pick_mutations(seed, rng)
            data, suffix = mutate(seed, rng, seeds, names)
            faulthandler.dump_traceback_later(budget.seconds * 3, exit=True)
            outcome = run_one(data, suffix, workdir, budget)
            faulthandler.cancel_dump_traceback_later()
            counts[outcome.kind] += 1
            by_format[seed.suffix] += 1
            if outcome.kind == "refused":
                messages[re.sub(r"\d+", "N", outcome.message)[:60]] += 1
            if outcome.seconds > slowest[0]:
                slowest = (outcome.seconds, f"#{index} {seed.name} {'+'.join(names)}")
            most_grown = max(most_grown, outcome.grown_mb)
            if outcome.kind in ("crash", "hang"):
                args.crashes.mkdir(parents=True, exist_ok=True)
                stem = f"{index:06d}-{outcome.kind}-{seed.name}"
                (args.crashes / f"{stem}{suffix}").write_bytes(data)
                (args.crashes / f"{stem}.txt").write_text(f"{'+'.join(names)}\n{outcome.message}", encoding="utf-8")
                failures.append({"input": stem, "kind": outcome.kind, "mutations": "+".join(names),
                                 "message": outcome.message.strip().splitlines()[-1] if outcome.message else ""})
                print(f"{outcome.kind.upper()} #{index} {seed.name} {'+'.join(names)}: "
                      f"{failures[-1]['message']}", flush=True)
            if (index + 1) % 5000 == 0:
                elapsed = time.monotonic() - started
                print(f"{index + 1} inputs, {elapsed:.0f} s, {dict(counts)}", flush=True)
    wall = time.monotonic() - started
    cpu = time.process_time() - cpu_started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    summary = {
        "inputs": args.inputs, "seed": args.seed, "seeds": len(seeds), "outcomes": dict(counts),
        "by_seed_format": dict(by_format), "crashes": counts["crash"], "hangs": counts["hang"],
        "wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "inputs_per_s": round(args.inputs / wall, 1),
        "slowest_s": round(slowest[0], 3), "slowest_input": slowest[1], "peak_rss_mb": round(peak, 1),
        "max_growth_per_input_mb": round(most_grown, 1),
        "top_refusals": dict(messages.most_common(12)), "failures": failures[:50],
    }
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    return 1 if counts["crash"] or counts["hang"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
