"""The clause reader: every sentence of the explanations read against the whole concept lexicon.

For each figure with its unit, the words before it back to the last clause mark are read from the figure
outwards: the *fill* (为, 是, 支出, a year, a scope word, a measure word such as 年初预算 or 决算), then a
concept name, then the scope words before the name. What follows the figure is read for the comparison
(比上年增加 C 万元，增长 P%; 占 P%). A clause whose words before the figure are all fill (``支出决算为0.00万元``,
``2026年预算数127.74万元``) states another figure of the concept the sentence is about.

The scope of a figure is the nearest one stated: before the name or in the fill, else that of the concept
the sentence is about, else the section's title (六、一般公共预算财政拨款基本支出决算情况说明), else 全口径.
A concept gives a fact only for the scopes and measures the lexicon lists for it, so a figure about other
funds or another measure gives no fact rather than a wrong one.

The reader runs after the template extractors and takes only figures no fact has claimed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from budgetdoc.amounts import NUMBER, parse_amount, parse_int, signed
from budgetdoc.extract.base import Context
from budgetdoc.extract.lexicon import ALL, COUNT, MONEY, PLAIN, Concept, Lexicon, lexicon
from budgetdoc.model import DocKind, Fact, Section

_FIGURE = re.compile(rf"(?P<num>{NUMBER})(?P<unit>万元|元|辆|台\(套\)|台|个|家|人)")
_BOUNDARY = re.compile(r"[,;:、。]|其中")
# Words that may stand between a name and its figure without changing what the figure is.
_FILL_WORDS = (r"为|是|共|计|约|达|合计|总额|金额|总计|支出|收入|数|的|安排|本年|当年|本级|年度|资金|经费|拨款|"
               r"预算|决算|全年|年初|有|\d{4}年度?|\d{4}年|\([^()]{0,16}\)")
_DIRECTION = r"增加|减少|增长|下降|降低|上升"
# between 比上年 and 增加: anything but a clause mark (a number's thousands separator is no clause mark)
_GAP = r"(?:[^,;。%]|(?<=\d),(?=\d{3}))"
_SKIP_KINDS = frozenset({"glossary", "glossary_entry", "functions", "tables", "perf_table"})


@dataclass(frozen=True, slots=True)
class _Reading:
    concept: Concept
    scope: str
    measure: str


class _Reader:
    def __init__(self, ctx: Context, lex: Lexicon, claimed: set[int]) -> None:
        self.ctx, self.lex, self.claimed = ctx, lex, claimed
        self.kind = ctx.kind
        scope_words = r"|".join(sorted((re.escape(w) for ws in lex.scopes.values() for w in ws), key=len,
                                       reverse=True))
        measure_words = r"|".join(sorted((re.escape(w) for ws in lex.measures.values() for w in ws), key=len,
                                         reverse=True))
        self.fill = re.compile(rf"(?:{scope_words}|{measure_words}|{_FILL_WORDS}|:)*")
        self.names = {unit: lex.names_re(self.kind, unit) for unit in (MONEY, COUNT)}
        counted = {name: key for key, names in lex.counted.items() for name in names}
        self.counted = counted
        self.counted_re = re.compile("|".join(re.escape(n) for n in sorted(counted, key=len, reverse=True)))
        self.change_re = re.compile(
            rf",?(?:(?:比|较|与)(?P<ref>上年|上一年|(?P<year>\d{{4}})年){_GAP}{{0,30}}?(?:相比,?)?)?"
            rf"(?P<dir>{_DIRECTION})(?P<chg>{NUMBER})万元(?:,?(?P<dir2>{_DIRECTION})(?P<pct>{NUMBER})%)?")
        self.share_re = re.compile(rf",?占(?P<base>[^,;。%\d]{{0,20}}?)(?P<pct>{NUMBER})%")

    # --- one figure ---------------------------------------------------------------------------------

    def read(self, prefix: str, unit_kind: str) -> _Reading | None:
        """The concept, scope and measure named by the words before a figure, or None."""
        names = self.names[unit_kind]
        best: re.Match[str] | None = None
        best_rank = (0, 0)
        for start in range(len(prefix)):
            match = names.match(prefix, start)
            if match is None or self.fill.fullmatch(prefix, match.end()) is None:
                continue
            # The first name wins (基本支出 in 基本支出预算, not 支出预算), counted from after the scope words
            # a name may begin with, so that 财政拨款收入支出总计 is 收入支出总计 of 财政拨款 and not 财政拨款收入
            # followed by fill; at the same place, the longer name.
            lead = self.lex.scope_word_re.match(match.group())
            rank = (-(start + (lead.end() if lead and lead.end() < len(match.group()) else 0)), match.end())
            if best is None or rank > best_rank:
                best, best_rank = match, rank
        if best is None:
            return None
        concept = self.lex.concept_of(self.kind, best.group())
        start, fill = best.start(), prefix[best.end():]
        if concept is not None and any(prefix[: best.end()].endswith(word) for word in concept.not_names):
            return None  # 在职人员经费: a longer word that names something else
        other_flow = {"income": "支出", "expense": "收入"}.get(concept.flow if concept else "")
        if other_flow and other_flow in fill:
            return None  # 一般公共预算拨款支出预算: a figure of spending, not of the income named
        # 增加基本支出844.15万元: the figure is an increase of the concept, not its amount
        if concept is None or re.search(rf"(?:{_DIRECTION}|调减|调增|压减|新增|节约|购置|安排购置)$", prefix[:start]):
            return None
        before = self.lex.scope_re.search(prefix[:start])
        scope_word = before.group() if before else None
        in_fill = self.lex.scope_word_re.findall(fill)
        # a name that begins with its scope (一般公共预算拨款收入) is of that scope unless another is stated
        lead = self.lex.scope_word_re.match(best.group())
        scope = self._scope(scope_word or (in_fill[0] if in_fill else None) or (lead.group() if lead else None))
        return _Reading(concept, scope, self._measure(fill))

    def _scope(self, words: str | None) -> str | None:
        if not words:
            return None
        # 一般公共预算财政拨款 is one scope; the first scope word of a run names it
        first = self.lex.scope_word_re.match(words)
        return self.lex.scope_of(first.group()) if first else None

    def _measure(self, fill: str) -> str:
        found = self.lex.measure_re.findall(fill)
        return self.lex.measure_of(found[-1]) if found else PLAIN

    # --- sentences ----------------------------------------------------------------------------------

    def sentences(self, start: int, end: int, section_scope: str | None,
                  subject: _Reading | None = None) -> Iterator[Fact]:
        """Facts of the sentences in [start, end); ``subject`` is what a heading above them names."""
        text = self.ctx.text
        last_boundary = sentence_start = start
        taken_until = start
        compared = False  # 与上年相比, earlier in the sentence: a bare 增加/减少 figure is a change
        for match in _FIGURE.finditer(text, start, end):
            begin = match.start()
            for boundary in _BOUNDARY.finditer(text, last_boundary, begin):
                if boundary.group() == "。":
                    sentence = text[sentence_start:boundary.start()]
                    # a heading sentence (``(一)因公出国(境)费用。``) names the subject of the next one
                    subject = self.title_subject(sentence) if _heading(sentence) else None
                    sentence_start = boundary.end()
                    compared = False
                last_boundary = boundary.end()
            if begin < taken_until or _inside_word(text, begin):
                continue
            # a figure a template extractor has read: its comparison may still be left to read
            claimed = self._claimed(begin)
            unit = match.group("unit")
            unit_kind = MONEY if unit in ("万元", "元") else COUNT
            prefix = text[last_boundary:begin]
            if re.search(r"与(?:上年|上一年|\d{4}年度?)(?:预算|决算)?(?:数)?相比", text[max(start, begin - 60):begin]):
                compared = True
            counted = self.counted_re.match(text, match.end("num"))
            if claimed and unit_kind != MONEY:
                continue
            if unit_kind == COUNT and counted:
                yield self._fact(self.counted[counted.group()], parse_int(match.group("num")), match)
                taken_until = match.end()
                continue
            direction = re.search(rf"(?P<dir>{_DIRECTION})$", prefix)
            if direction and unit_kind == MONEY:
                if claimed:
                    continue
                facts = self._change_first(prefix[: direction.start()], direction.group(), match, subject,
                                           section_scope, compared)
                if facts:
                    yield from facts
                    taken_until = self._after_change(match)
                continue
            reading = self.read(prefix, unit_kind)
            if reading is None and subject is not None and self.fill.fullmatch(prefix) is not None \
                    and subject.concept.unit == unit_kind:
                in_fill = self.lex.scope_word_re.findall(prefix)
                reading = _Reading(subject.concept, self._scope(in_fill[0]) if in_fill else subject.scope,
                                   self._measure(prefix))
            if reading is None:
                continue
            if reading.scope is None:
                reading = _Reading(reading.concept, section_scope or ALL, reading.measure)
            if reading.concept.unit == unit_kind:
                subject = reading
            keys = reading.concept.keys_for(self.kind, reading.scope, reading.measure)
            if not keys:
                continue
            if not claimed:
                value = _value(match)
                for key in keys:
                    yield self._fact(key, value, match)
            taken_until = match.end()
            if unit_kind == MONEY:
                made, taken_until = self._suffix(reading, keys, match)
                yield from (f for f in made if not any(
                    self._claimed(o, raw=True) for o in range(f.source.offset, f.source.end_offset)))

    def title_subject(self, title: str) -> _Reading | None:
        """The concept a heading names on its own (``(一)因公出国(境)费用``, ``(一)基本支出``), or None."""
        title = re.sub(r"^(?:[一二三四五六七八九十]+、|\d+[、.]|\([一二三四五六七八九十\d]+\))", "", title)
        concept = self.lex.concept_of(self.kind, title.rstrip("。.:"))
        return _Reading(concept, None, PLAIN) if concept is not None else None

    def _claimed(self, offset: int, *, raw: bool = False) -> bool:
        return (offset if raw else self.ctx.norm.raw_offset(offset)) in self.claimed

    def _change_first(self, prefix: str, direction: str, figure: re.Match[str], subject: _Reading | None,
                      section_scope: str | None, compared: bool) -> list[Fact]:
        """``与上年相比,收入支出总计减少56.95万元`` / ``比上年增加`` after the name."""
        cmp = re.search(r"(?:比|较)(?:上年|上一年|(?P<year>\d{4})年)[^,;。]{0,20}?$", prefix)
        if cmp is not None:
            if cmp.group("year") and self.ctx.year and int(cmp.group("year")) >= self.ctx.year:
                return []
            prefix = prefix[: cmp.start()]
        elif not compared:
            return []
        reading = self.read(prefix, MONEY) if prefix else None
        if reading is None and subject is not None and self.fill.fullmatch(prefix) is not None:
            reading = subject
        if reading is None:
            return []
        scope = reading.scope or section_scope or ALL
        keys = reading.concept.keys_for(self.kind, scope, PLAIN if reading.measure in (PLAIN, "final", "budget")
                                        else reading.measure)
        if not keys:
            return []
        change_keys = reading.concept.change_keys(self.kind, scope, keys)
        value = signed(parse_amount(figure.group("num")), direction)
        facts = [self._fact(key, _zero(value), figure) for key in change_keys]
        rate = re.match(rf",?(?P<dir>{_DIRECTION})(?P<pct>{NUMBER})%", self.ctx.text[figure.end():])
        if rate:
            pct = signed(Decimal(rate.group("pct")), rate.group("dir"))
            start = figure.end() + rate.start("dir")
            facts += [self.ctx.fact(f"{key}_pct", _zero(pct), start, figure.end() + rate.end("pct"))
                      for key in change_keys]
        return facts

    def _after_change(self, figure: re.Match[str]) -> int:
        rate = re.match(rf",?(?:{_DIRECTION}){NUMBER}%", self.ctx.text[figure.end():])
        return figure.end() + (rate.end() if rate else 0)

    def _suffix(self, reading: _Reading, keys: tuple[str, ...], figure: re.Match[str]) -> tuple[list[Fact], int]:
        """The share and the comparison printed right after a figure."""
        text, pos, made = self.ctx.text, figure.end(), []
        share = self.share_re.match(text, pos)
        if share:
            made += [self.ctx.fact(f"{key}.pct", Decimal(share.group("pct")), *share.span("pct")) for key in keys]
            pos = share.end()
        change = self.change_re.match(text, pos)
        if change and _other_base(self.kind, change.group()):
            change = None  # 比上年执行数增加: another base than the key's (比上年预算 in a 部门预算)
        if change and (change.group("ref") or not change.group("year")):
            year = change.group("year")
            if change.group("ref") and not (year and self.ctx.year and int(year) >= self.ctx.year):
                change_keys = reading.concept.change_keys(self.kind, reading.scope, keys)
                value = _zero(signed(parse_amount(change.group("chg")), change.group("dir")))
                made += [self.ctx.fact(k, value, change.start("dir"), change.end("chg")) for k in change_keys]
                if change.group("pct"):
                    pct = _zero(signed(Decimal(change.group("pct")), change.group("dir2")))
                    made += [self.ctx.fact(f"{k}_pct", pct, change.start("dir2"), change.end("pct"))
                             for k in change_keys]
                pos = change.end()
        return made, pos

    def _fact(self, key: str, value: Decimal | int, figure: re.Match[str]) -> Fact:
        return self.ctx.fact(key, value, figure.start(), figure.end())


def _other_base(kind: DocKind, comparison: str) -> bool:
    """Whether a comparison is against another base than a ``.change`` key's: last year's budget in a
    部门预算, last year's 决算 in a 部门决算."""
    head = comparison.split("增加")[0].split("减少")[0]
    if kind is DocKind.BUDGET:
        return bool(re.search(r"执行|决算|实际", head))
    return bool(re.search(r"年初预算|全年预算|预算数", head))


def _zero(value: Decimal) -> Decimal:
    return abs(value) if value == 0 else value  # a zero change has no sign


def _value(figure: re.Match[str]) -> Decimal | int:
    number, unit = figure.group("num"), figure.group("unit")
    if unit == "万元":
        return parse_amount(number)
    if unit == "元":
        return parse_amount(number).scaleb(-4)  # facts are in 万元; exact, no rounding
    return parse_int(number) if re.fullmatch(r"\d+", number) else parse_amount(number)


def _inside_word(text: str, start: int) -> bool:
    """A number run into the word before it (``单价100万元``, ``12345热线``) or part of a longer number."""
    return start > 0 and (text[start - 1].isdigit() or text[start - 1] in ".-")


def _heading(sentence: str) -> bool:
    """A short sentence with no figure (``(一)因公出国(境)费用。``): its concept carries to the next one."""
    return len(sentence) <= 24 and not re.search(r"\d+(?:\.\d+)?(?:万元|元)", sentence)


def _table_lines(ctx: Context) -> set[int]:
    """Raw lines that print table cells: a flattened table's words are not sentences."""
    lines: set[int] = set()
    for table in ctx.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell.source is not None:
                    lines.update(range(cell.source.line, cell.source.end_line + 1))
    return lines


def _section_scope(ctx: Context, lex: Lexicon, section: Section | None, own_heading: bool) -> str | None:
    """The scope the headings above a paragraph state (not the paragraph's own heading)."""
    titles = section.path if section else ()
    for title in reversed(titles[:-1] if own_heading else titles):
        found = lex.scope_word_re.search(title)
        if found:
            return lex.scope_of(found.group())
    return None


def _title_subject(reader: _Reader, section: Section | None, own_heading: bool) -> _Reading | None:
    """The concept the heading above a paragraph names on its own: the subject of the paragraph."""
    return None if section is None or own_heading else reader.title_subject(section.title)


def read_clauses(ctx: Context, claimed: Iterable[Fact]) -> Iterator[Fact]:
    """Facts of the explanation sentences that no template extractor has claimed."""
    if ctx.kind is DocKind.UNKNOWN:
        return
    covered: set[int] = set()  # raw offsets inside the source of a fact already made
    for fact in claimed:
        covered.update(range(fact.source.offset, max(fact.source.end_offset, fact.source.offset + 1)))
    reader = _Reader(ctx, lexicon(), covered)
    table_lines = _table_lines(ctx)
    text = ctx.text
    for para in ctx.norm.paragraphs:
        if table_lines and any(line in table_lines for line in range(para.first_line, para.last_line + 1)):
            continue
        section = _deepest(ctx, para.start)
        if section is not None and (section.kind in _SKIP_KINDS or any(
                s.kind in _SKIP_KINDS for s in ctx.sections if s.start <= para.start < s.end and s.level == 1)):
            continue
        if not re.search(r"\d(?:万元|元|辆|台|个|家)", text[para.start:para.end]):
            continue
        own = section is not None and section.start == para.start
        yield from reader.sentences(para.start, para.end, _section_scope(ctx, reader.lex, section, own),
                                    _title_subject(reader, section, own))


def _deepest(ctx: Context, offset: int) -> Section | None:
    from budgetdoc.normalize import section_at

    return section_at(ctx.sections, offset)
