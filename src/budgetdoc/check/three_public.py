"""“三公”经费 specifics: the counts a final account must state, and counts that must fit the amounts."""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetdoc.check.base import PASSED, Outcome, Rule, Subject
from budgetdoc.check.labels import label
from budgetdoc.check.tolerance import fmt
from budgetdoc.model import Severity

COUNT_STATEMENTS = (
    ("因公出国(境)团组数和人次", re.compile(r"团组.{0,30}?人次|\d+个.{0,20}?\d+人次|出国.{0,40}(无|未|没有)")),
    ("公务用车购置数", re.compile(r"购置(数|车辆)?.{0,6}?\d+辆|购置.{0,10}(无|未|没有)|(没有|未)购置")),
    ("公务用车保有量", re.compile(r"保有量.{0,6}?\d+辆|保有.{0,10}(无|未|没有)")),
    ("国内公务接待批次和人次", re.compile(r"\d+(批次|批|次).{0,20}?\d+(人次|人)|接待.{0,40}(无|未发生|没有)")),
)


_NOTHING_SPENT = re.compile(r"(无|未发生|没有)“?三公”?经费(财政拨款)?支出")


def run_counts_present(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """A final account states 团组/人次, 购置数, 保有量 and 接待批次/人次 (or says there were none)."""
    section = s.main_section("three_public")
    if section is None:
        yield rule.deferred("section:three_public")
        return
    body = re.sub(r"\s+", "", s.body(section))  # PDF text breaks lines and spaces figures apart
    sections = [section]
    nothing_spent = _NOTHING_SPENT.search(body) is not None  # 无“三公”经费支出: every count is 0
    for name, pattern in COUNT_STATEMENTS:
        if nothing_spent or pattern.search(body):
            yield PASSED
        else:
            # Searched for and not found: it may be stated in words we do not know, so a warning.
            yield rule.finding(f"“三公”经费说明未说明{name}（未找到该表述）", expected=name, actual="未找到",
                               severity=Severity.WARNING,
                               sources=[sections[0].source])


# (count key, amount key): a count above zero needs money and money needs a count.
_PAIRS = (("three.vehicles_purchased", "three.vehicle_purchase"), ("three.overseas_groups", "three.overseas"),
          ("three.reception_batches", "three.reception"))


def run_counts_plausible(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """购置数 > 0 ⇔ 购置费 > 0; 出国团组 = 0 ⇔ 出国费 = 0; 接待批次 = 0 ⇔ 接待费 = 0."""
    for count_key, amount_key in _PAIRS:
        count, amount = s.amount(count_key), s.amount(amount_key)
        if count is None and amount is None:
            continue
        if count is None or amount is None:
            yield rule.deferred(count_key if count is None else amount_key)
            continue
        if (count > 0) == (amount > 0):
            yield PASSED
            continue
        yield rule.finding(f"{label(count_key)} {fmt(count)} 与{label(amount_key)} {fmt(amount)} 万元不相符",
                           expected="同为 0 或同大于 0", actual=f"{fmt(count)} / {fmt(amount)}",
                           keys=[count_key, amount_key],
                           sources=[s.facts[count_key].source, s.facts[amount_key].source])


_DIFFERENCE_REASON = re.compile(r"差异(的)?原因(是|为)?|原因(是|为)|主要(是|原因)|借用|租用")
_NO_DIFFERENCE = re.compile(r"[^。;；]{0,30}(一致|无差异|没有差异|相同)")


def run_vehicles_vs_assets(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """公务用车保有量 vs 国有资产车辆: a difference must be explained in the “三公” section."""
    owned, fixed = s.get("three.vehicles_owned"), s.get("three.fixed_asset_vehicles")
    assets = s.get("assets.vehicles")
    if fixed is not None and assets is not None:
        if fixed.value == assets.value:
            yield PASSED
        else:
            yield rule.finding(f"{label(fixed.key)} {fixed.value} 辆 ≠ {label(assets.key)} {assets.value} 辆",
                               expected=str(assets.value), actual=str(fixed.value), keys=[fixed.key, assets.key],
                               sources=[fixed.source, assets.source])
    other = fixed or assets
    if owned is None or other is None:
        if owned is not None or other is not None:
            yield rule.deferred("three.vehicles_owned" if owned is None else "assets.vehicles")
        return
    if owned.value == other.value:
        yield PASSED
        return
    start = max(owned.source.end_offset, other.source.end_offset)
    tail = re.sub(r"\s", "", s.doc.source_text[start : start + 300])
    reason = _DIFFERENCE_REASON.search(tail)
    if reason and not _NO_DIFFERENCE.match(tail[reason.end() :].lstrip(":：")):
        yield PASSED
        return
    if reason:  # the template sentence "差异原因是：…一致无差异" kept while the figures differ
        yield rule.finding(f"{label(owned.key)} {owned.value} 辆与{label(other.key)} {other.value} 辆不一致，"
                           "说明却称二者一致", expected=str(other.value), actual=str(owned.value),
                           keys=[owned.key, other.key], sources=[owned.source, other.source])
        return
    yield rule.finding(f"{label(owned.key)} {owned.value} 辆与{label(other.key)} {other.value} 辆不一致，且未说明原因",
                       expected=str(other.value), actual=str(owned.value), keys=[owned.key, other.key],
                       sources=[owned.source, other.source])
