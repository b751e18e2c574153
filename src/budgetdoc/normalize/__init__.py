"""Raw text → normalized text with an offset map, and its outline of sections."""

from __future__ import annotations

from budgetdoc.normalize.sections import find_sections, section_at, title_kind
from budgetdoc.normalize.text import NormalizedText, heading_level, is_table_title

__all__ = ["NormalizedText", "find_sections", "heading_level", "is_table_title", "section_at", "title_kind"]
