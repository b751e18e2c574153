"""What an extractor receives: the normalized text, its outline, and a way to make located facts."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from budgetdoc.model import DocKind, Fact, PerfTable, Section, Table, Value
from budgetdoc.normalize import NormalizedText, section_at


@dataclass(slots=True)
class Context:
    """The document as extractors see it. Extractors only read it and return facts."""

    norm: NormalizedText
    sections: tuple[Section, ...]
    kind: DocKind = DocKind.UNKNOWN
    unit: str = ""
    year: int | None = None
    tables: tuple[Table, ...] = ()
    perf_tables: tuple[PerfTable, ...] = ()
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.norm.text

    def fact(self, key: str, value: Value, start: int, end: int) -> Fact:
        """A fact read from the normalized span [start, end), located in the raw text."""
        section = section_at(self.sections, start)
        return Fact(key=key, value=value, source=self.norm.source(start, end),
                    section=" > ".join(section.path) if section else "")

    def sections_of(self, *kinds: str) -> list[Section]:
        """Sections whose title identifies them as one of ``kinds``, in document order."""
        return [s for s in self.sections if s.kind in kinds]

    def first(self, *kinds: str) -> Section | None:
        found = self.sections_of(*kinds)
        return found[0] if found else None

    def body(self, section: Section) -> str:
        return self.text[section.start : section.end]

    def finditer(self, pattern: re.Pattern[str], section: Section | None = None) -> Iterator[re.Match[str]]:
        """Matches of ``pattern`` over the whole text or within one section (offsets stay global)."""
        if section is None:
            yield from pattern.finditer(self.text)
        else:
            yield from pattern.finditer(self.text, section.start, section.end)


Extractor = Callable[[Context], Iterable[Fact]]
"""An extractor reads the context and yields facts; it owns some key families (see docs/facts.md)."""
