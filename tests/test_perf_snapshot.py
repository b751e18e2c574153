"""The 绩效 finder's shortcuts against their definitions, on every piece of every sample's 绩效 tables.

The finder skips work it can prove useless (a regex whose first character cannot match, a line number kept
by counting newlines, a width looked up per character once); each test here recomputes the slow, obvious
way on the real samples and requires the same answer, so a shortcut that drifts is caught by name.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from budgetdoc.amounts import to_halfwidth
from budgetdoc.extract.perf.indicators import _DATE_START, _TERM_HEADS, _TERMS
from budgetdoc.extract.perf.layout import _NUMBER_PIECE, classify, display_width, line_pieces
from budgetdoc.extract.perf.operators import is_operator_value
from budgetdoc.normalize import NormalizedText
from budgetdoc.read import read
from tests.conftest import SAMPLE_FILES, sample_doc


def _tables(sample_id: str):
    """(locator, first line, last line, skipped lines) of each 绩效 table of a sample."""
    norm = NormalizedText(read(SAMPLE_FILES[sample_id]))
    skip = frozenset(norm.dropped_lines)
    return [(norm.locator, t.source.line, t.source.end_line, skip)
            for t in sample_doc(sample_id).perf_tables if t.source is not None]


@pytest.fixture(scope="module", params=sorted(SAMPLE_FILES))
def pieces(request):
    """Every piece of every 绩效 table of one sample, with the table it came from."""
    return [(table, piece) for table in _tables(request.param) for piece in line_pieces(*table)]


def test_pieces_keep_every_printed_token_once_on_its_own_line(pieces):
    tables = {id(t): t for t, _ in pieces}
    assert tables, "every sample prints 绩效 tables"
    for table in tables.values():
        locator, first, last, skip = table
        found = [p for t, p in pieces if t is table]
        printed = [token for n in range(first, last + 1) if n not in skip
                   for token in locator.line_text(n).split()]
        text = locator.raw.text
        # A piece glued from two lines (＜ / =135) spans the newline between them: split it back.
        assert [token for p in found for token in text[p.start : p.end].split()] == printed
        for piece in found:
            assert locator.line_col(piece.start)[0] == piece.line
            assert first <= piece.line <= last and piece.line not in skip


def test_text_shortcut_of_classify_matches_the_patterns(pieces):
    for _, piece in pieces:
        for text in (piece.text, *piece.text.split()):
            folded = to_halfwidth(text).strip()
            value = is_operator_value(folded) or bool(_NUMBER_PIECE.match(folded.replace(" ", "")))
            assert (classify(text) != "T") == value, text


def test_date_start_before_folding_matches_after(pieces):
    for _, piece in pieces:
        folded = to_halfwidth(piece.text)
        assert bool(_DATE_START.match(piece.text)) == bool(re.match(r"[=<>≤≥]*\d", folded)), piece.text


def test_term_heads_are_the_proper_prefixes_of_terms(pieces):
    for _, piece in pieces:
        head = piece.text.strip()
        starts = {term for term in _TERMS if term.startswith(head) and term != head}
        assert _TERM_HEADS.get(head, frozenset()) == starts, head


def test_display_width_counts_wide_characters_twice(pieces):
    lines = {(t[0], p.line) for t, p in pieces}
    for locator, line in lines:
        text = locator.line_text(line)
        expected = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text.strip())
        assert display_width(text) == expected
