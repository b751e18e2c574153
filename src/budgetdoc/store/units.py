"""One unit across years: names printed slightly differently map to one canonical key.

Disclosures of the same 单位 print its name with or without full-width brackets, spaces, the long form of an
autonomous prefecture (昌吉回族自治州 / 昌吉州), 中国共产党 / 中共, or a trailing （本级）. The canonical key
removes exactly those differences and nothing that could merge two distinct units.
"""

from __future__ import annotations

import hashlib
import re

from budgetdoc.amounts import to_halfwidth

# Long forms of ethnic autonomous areas → their short forms (昌吉回族自治州 → 昌吉州).
_AUTONOMOUS = re.compile(r"(.{2,4}?)(?:回族|维吾尔|蒙古|哈萨克|柯尔克孜|藏族|彝族|壮族|苗族|土家族|朝鲜族|"
                         r"布依族|侗族|白族|傣族|哈尼族|傈僳族|景颇族|羌族|黎族)+自治(州|县|区|旗)")
_SUFFIXES = re.compile(r"(\((本级|本部|机关|汇总|部门|单位)\)|本级|部门(决算|预算)?)$")
_NOISE = re.compile(r"[\s\u3000·•\"'“”‘’]")


def canonical_name(name: str) -> str:
    """The key two printings of one unit share (``昌吉回族自治州财政局`` and ``昌吉州财政局（本级）`` alike)."""
    text = _NOISE.sub("", to_halfwidth(name or ""))
    text = text.replace("中国共产党", "中共")
    text = re.sub(r"(中共.{1,8}?[省市县区州])委员会", r"\1委", text)
    text = _AUTONOMOUS.sub(lambda m: m.group(1) + ("自治区" if m.group(2) == "区" else m.group(2)), text)
    previous = None
    while previous != text:
        previous = text
        text = _SUFFIXES.sub("", text)
    return text


def unit_id(name: str) -> str:
    """A stable short id of the unit, from its canonical name (used in URLs)."""
    return hashlib.sha1(canonical_name(name).encode("utf-8")).hexdigest()[:12]
