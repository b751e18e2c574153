"""The ``budgetdoc compare --chart`` picture: grouped bars of the compare table, drawn with Pillow."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from budgetdoc.check.labels import label

# CJK fonts Debian and the usual desktops ship; without one the labels fall back to Pillow's own font.
FONT_CANDIDATES = ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
                   "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                   "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc")
COLORS = ("#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4")


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size)


def _number(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def compare_chart(rows: list[dict[str, Any]], keys: list[str], path: str | Path, title: str = "对比") -> None:
    """Write a PNG of ``rows`` (one group per row, one bar per key) to ``path``."""
    width, height, left, bottom, top = 1200, 640, 90, 150, 70
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font, small = _font(18), _font(13)
    draw.text((left, 16), title, fill="#222", font=font)
    values = [[_number(row.get(k)) for k in keys] for row in rows]
    present = [v for group in values for v in group if v is not None]
    high, low = max(present + [Decimal(0)]), min(present + [Decimal(0)])
    span = (high - low) or Decimal(1)
    plot_w, plot_h = width - left - 30, height - top - bottom

    def y_of(value: Decimal) -> float:
        return top + plot_h - float((value - low) / span) * plot_h

    for i in range(5):
        tick = low + span * i / 4
        draw.line((left, y_of(tick), left + plot_w, y_of(tick)), fill="#ddd")
        draw.text((8, y_of(tick) - 8), f"{tick:,.2f}", fill="#555", font=small)
    group_w = plot_w / max(len(rows), 1)
    bar_w = group_w * 0.8 / max(len(keys), 1)
    for g, (row, group) in enumerate(zip(rows, values, strict=True)):
        x0 = left + g * group_w + group_w * 0.1
        for k, value in enumerate(group):
            if value is None:
                continue
            y0, y1 = sorted((y_of(value), y_of(Decimal(0))))
            draw.rectangle((x0 + k * bar_w, y0, x0 + (k + 1) * bar_w - 2, max(y1, y0 + 1)),
                           fill=COLORS[k % len(COLORS)])
        unit = str(row.get("unit") or "")
        # the unit wraps every 8 characters; year and kind stay whole on their own line
        lines = [unit[i:i + 8] for i in range(0, len(unit), 8)] + [f"{row.get('year') or ''}{row.get('kind', '')}"]
        draw.multiline_text((x0, top + plot_h + 8), "\n".join(lines), fill="#333", font=small)
    for k, key in enumerate(keys):
        x = left + 260 + k * 200
        draw.rectangle((x, 22, x + 14, 36), fill=COLORS[k % len(COLORS)])
        draw.text((x + 20, 20), label(key), fill="#333", font=small)
    draw.line((left, y_of(Decimal(0)), left + plot_w, y_of(Decimal(0))), fill="#333")
    image.save(path, format="PNG")
