import re

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetdoc.amounts import to_halfwidth
from budgetdoc.normalize import NormalizedText, find_sections
from budgetdoc.read.base import RawDocument

from conftest import SAMPLE_FILES


def norm_of(text: str) -> NormalizedText:
    return NormalizedText(RawDocument(path="t.txt", text=text, format="txt"))


def test_pdf_layout_joins_wraps_and_drops_page_numbers():
    raw = ("2023 年度收入总计 3,039.73 万元，其中：本年收入合\n\n计 2,698.88 万\n\n元，年初结\n\n"
           "\n\n\n7\n\n转和结余 340.85 万元。\n\n")
    norm = norm_of(raw)
    assert norm.text.strip() == "2023年度收入总计3,039.73万元,其中:本年收入合计2,698.88万元,年初结转和结余340.85万元。"
    assert norm.dropped_lines == (10,)
    start = norm.text.index("2,698.88万元")
    source = norm.source(start, start + len("2,698.88万元"))
    assert (source.line, source.column, source.end_line, source.end_column) == (3, 3, 5, 1)
    assert source.text == "2,698.88 万\n\n元"


def test_word_layout_keeps_one_paragraph_per_line():
    raw = "第二部分 部门决算情况说明\n一、收入支出决算总体情况说明\n2024年度收入总计1,787.23万元。\n二、收入决算情况说明\n"
    norm = norm_of(raw)
    assert [norm.text[p.start : p.end] for p in norm.paragraphs] == [
        "第二部分部门决算情况说明", "一、收入支出决算总体情况说明", "2024年度收入总计1,787.23万元。", "二、收入决算情况说明"]
    kinds = [s.kind for s in find_sections(norm)]
    assert kinds == ["explanation", "summary", "income"]


_words = st.text(alphabet="收入支出合计本年结余万元其中占比上年增加减少，。：", min_size=1, max_size=12)
_numbers = st.decimals(min_value=0, max_value=10**7, places=2).map(lambda d: f"{d:,.2f}")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_words, _numbers), min_size=1, max_size=8), st.data())
def test_joining_never_changes_digits_and_spans_map_back(parts, data):
    prose = "".join(w + " " + n + " 万元" for w, n in parts) + "。"
    # Hard-wrap the prose the way PDF exports do: at arbitrary places outside numbers, blank line after each.
    cuts = sorted(data.draw(st.sets(st.integers(1, len(prose) - 1), max_size=6)))
    spans = [m.span() for m in re.finditer(r"[\d,.]+", prose)]
    cuts = [c for c in cuts if not any(a < c < b for a, b in spans)]
    pieces, last = [], 0
    for cut in [*cuts, len(prose)]:
        pieces.append(prose[last:cut])
        last = cut
    raw = "\n\n".join(pieces) + "\n"
    norm = norm_of(raw)
    printed = [n for _, n in parts]
    assert re.findall(r"\d[\d,]*\.\d\d", norm.text) == printed
    for match in re.finditer(r"\d[\d,]*\.\d\d", norm.text):
        source = norm.source(*match.span())
        assert to_halfwidth(re.sub(r"\s", "", source.text)) == match.group()
        assert raw[source.offset : source.end_offset] == source.text


def test_every_sample_maps_every_normalized_character_back():
    for path in SAMPLE_FILES.values():
        raw = path.read_text(encoding="utf-8")
        norm = NormalizedText(RawDocument(path=str(path), text=raw, format="txt"))
        for index, char in enumerate(norm.text):
            if char in "\n ":
                continue
            assert to_halfwidth(raw[norm.raw_offset(index)]) == char
