"""THE rule catalogue: every rule the checker runs, in one immutable tuple (documented in docs/checks.md)."""

from __future__ import annotations

from budgetdoc.check import (
    budget_tables,
    codes,
    completeness,
    consistency,
    cross_document,
    cross_tables,
    narrative,
    percentages,
    performance,
    slips,
    three_public,
)
from budgetdoc.check.base import BOTH, BUDGET, FINAL, PERF, Rule
from budgetdoc.check.identities import equal, equal_pairs, family_sum, hierarchy, identity
from budgetdoc.model import Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

CATALOG: tuple[Rule, ...] = (
    # --- arithmetic: declared sums of the explanation (checks.md B, E33) ---
    Rule("arithmetic.income-total", "收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
         "收入支出决算总体情况中收入总计等于各组成部分之和。", E, FINAL,
         identity("summary.income_total", "summary.income_current", "summary.income_nonfiscal_balance_used?",
                  "summary.income_carryover_begin")),
    Rule("arithmetic.expense-total", "支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余",
         "收入支出决算总体情况中支出总计等于各组成部分之和。", E, FINAL,
         identity("summary.expense_total", "summary.expense_current", "summary.expense_surplus_distribution?",
                  "summary.expense_carryover_end")),
    Rule("arithmetic.balance", "收入总计 = 支出总计", "决算收支平衡：收入总计等于支出总计。", E, FINAL,
         equal("summary.income_total", "summary.expense_total")),
    Rule("arithmetic.income-breakdown", "本年收入 = 各项收入之和",
         "收入决算情况中本年收入等于财政拨款、上级补助、事业、经营、附属单位上缴和其他收入之和。", E, FINAL,
         identity("income.current", "income.fiscal?", "income.superior_subsidy?", "income.business?",
                  "income.operating?", "income.affiliated_remit?", "income.other?", min_present=2)),
    Rule("arithmetic.expense-breakdown", "本年支出 = 各项支出之和",
         "支出决算情况中本年支出等于基本、项目、上缴上级、经营和对附属单位补助支出之和。", E, FINAL,
         identity("expense.current", "expense.basic", "expense.project", "expense.remit_superior?",
                  "expense.operating?", "expense.affiliated_subsidy?")),
    Rule("arithmetic.fiscal-income-total", "财政拨款收入总计 = 年初结转和结余 + 本年财政拨款收入",
         "财政拨款收入支出决算总体情况的收入方等式。", E, FINAL,
         identity("fiscal.income_total", "fiscal.carryover_begin", "fiscal.income_current")),
    Rule("arithmetic.fiscal-expense-total", "财政拨款支出总计 = 年末结转和结余 + 本年财政拨款支出",
         "财政拨款收入支出决算总体情况的支出方等式。", E, FINAL,
         identity("fiscal.expense_total", "fiscal.carryover_end", "fiscal.expense_current")),
    Rule("arithmetic.fiscal-balance", "财政拨款收入总计 = 财政拨款支出总计", "财政拨款收支平衡。", E, FINAL,
         equal("fiscal.income_total", "fiscal.expense_total")),
    Rule("arithmetic.gpb-categories", "一般公共预算财政拨款支出 = 各类支出之和",
         "结构情况中各(类)金额之和等于一般公共预算财政拨款支出。", E, FINAL,
         family_sum(r"gpb\.total", r"gpb\.category\[[^\]]+\]", shares=True)),
    Rule("arithmetic.gpb-items", "各类支出 = 所属(项)支出之和",
         "具体情况中同一(类)下各(项)支出决算数之和等于结构情况中该类金额。", E, FINAL,
         family_sum(r"gpb\.category\[(?P<p>[^\]/]+)\]", r"gpb\.item\[(?P<p>[^\]/]+)/[^\]]+\]")),
    Rule("arithmetic.basic-split", "基本支出 = 人员经费 + 公用经费",
         "一般公共预算财政拨款基本支出等于人员经费与公用经费之和。", E, FINAL,
         identity("basic.total", "basic.personnel", "basic.public")),
    Rule("arithmetic.three-total", "“三公”经费 = 因公出国(境)费 + 公务用车购置及运行维护费 + 公务接待费",
         "“三公”经费合计等于三项之和。", E, FINAL,
         identity("three.total", "three.overseas", "three.vehicle", "three.reception")),
    Rule("arithmetic.three-vehicle", "公务用车购置及运行维护费 = 购置费 + 运行维护费",
         "公务用车购置及运行维护费分列购置费和运行维护费，二者之和等于合计。", E, FINAL,
         identity("three.vehicle", "three.vehicle_purchase", "three.vehicle_operation")),
    Rule("arithmetic.three-budget", "“三公”经费全年预算数 = 各项全年预算数之和",
         "与全年预算相比部分，“三公”经费预算数等于四项预算数之和。", E, FINAL,
         identity("three.budget", "three.overseas.budget", "three.vehicle_purchase.budget",
                  "three.vehicle_operation.budget", "three.reception.budget")),
    Rule("arithmetic.three-final", "“三公”经费决算数 = 各项决算数之和",
         "与全年预算相比部分，“三公”经费决算数等于四项决算数之和。", E, FINAL,
         identity("three.final", "three.overseas.final", "three.vehicle_purchase.final",
                  "three.vehicle_operation.final", "three.reception.final")),
    Rule("arithmetic.procurement-total", "政府采购支出总额 = 货物 + 工程 + 服务",
         "政府采购支出总额等于货物、工程、服务支出之和。", E, BOTH,
         identity("procurement.total", "procurement.goods", "procurement.works", "procurement.services")),
    Rule("arithmetic.staff-total", "实有人数 = 在职 + 离休 + 退休", "单位概况中的人员数内部一致。", E, BOTH,
         identity("staff.total", "staff.active", "staff.lixiu", "staff.retired")),
    # --- percentages (checks.md E34–E36, G46) ---
    Rule("percent.share", "占比 = 部分 / 整体", "文中每个“占 X%”按所述金额重新计算。", E, BOTH,
         percentages.run_shares),
    Rule("percent.change", "增减率 = 增减额 / 上年数", "“比上年增加/减少 X 万元，增长/下降 Y%”：Y = X / (本年 − X)，"
         "增减方向与符号一致；上年为 0 时不应给出增减率。", E, BOTH, percentages.run_changes),
    Rule("percent.change-executed", "比上年执行数增减率 = (本年安排 − 上年执行数) / 上年执行数",
         "“上年预算执行数为 A 万元，本年预算安排 B 万元，比上年预算执行数增加/减少 R%”：R 按 A、B 重新计算，方向词与符号一致，"
         "“持平”时 A = B。", E, BOTH, cross_tables.run_change_against_executed),
    Rule("percent.deviation", "预决算差异率 = (决算数 − 预算数) / 预算数", "与年初预算相比的差异率按所述金额重新计算。",
         E, FINAL, percentages.run_deviations),
    Rule("percent.procurement-parts", "小微企业 ≤ 中小企业 ≤ 政府采购总额", "授予小微企业合同金额不超过中小企业，"
         "中小企业不超过政府采购支出总额。", E, BOTH, percentages.run_part_within_whole),
    # --- the same figure stated twice (checks.md C, E33) ---
    Rule("consistency.income-current", "总体情况与收入决算的本年收入一致", "一、中的本年收入合计与二、中的本年收入相同。",
         E, FINAL, equal("summary.income_current", "income.current")),
    Rule("consistency.expense-current", "总体情况与支出决算的本年支出一致", "一、中的本年支出合计与三、中的本年支出相同。",
         E, FINAL, equal("summary.expense_current", "expense.current")),
    Rule("consistency.fiscal-income", "本年财政拨款收入 = 财政拨款收入", "四、中的本年财政拨款收入与二、中的财政拨款收入相同。",
         E, FINAL, equal("fiscal.income_current", "income.fiscal")),
    Rule("consistency.gpb-fiscal", "一般公共预算财政拨款支出 = 本年财政拨款支出（无基金和国有资本经营时）",
         "政府性基金和国有资本经营预算均为空表时，五、中的一般公共预算财政拨款支出、年初预算数和决算数等于四、中的"
         "本年财政拨款支出、年初预算数和决算数。",
         E, FINAL, consistency.run_gpb_is_all_fiscal),
    Rule("consistency.gpb-final", "一般公共预算财政拨款决算数 = 支出总额", "五、中与年初预算相比的决算数等于本年支出。",
         E, FINAL, equal("gpb.total", "gpb.final")),
    Rule("consistency.three-final", "“三公”经费决算数与支出一致", "与全年预算相比部分的决算数等于前文所述支出。",
         E, FINAL, equal("three.total", "three.final")),
    Rule("consistency.three-items-final", "“三公”各项决算数与支出一致", "各项决算数等于前文所述该项支出。", E, FINAL,
         equal_pairs(("three.overseas", "three.overseas.final"),
                     ("three.vehicle_purchase", "three.vehicle_purchase.final"),
                     ("three.vehicle_operation", "three.vehicle_operation.final"),
                     ("three.reception", "three.reception.final"))),
    Rule("consistency.ops-public", "机关运行经费与公用经费", "行政单位的机关运行经费通常等于一般公共预算财政拨款"
         "基本支出中的公用经费；不等时应核对口径。", W, FINAL, equal("ops.total", "basic.public")),
    Rule("consistency.perf-tables", "绩效说明与所附自评表一致", "十一、所述自评表个数、预算和执行总额与所附绩效自评表一致。",
         W, FINAL, consistency.run_perf_counts),
    Rule("consistency.perf-overall-summary", "整体绩效预算与执行总额 = 收入总计与本年支出合计", "十一、所述整体支出"
         "全年预算总额、实际执行总额与一、中的收入总计、本年支出合计一致（各样本均如此）；不等时应核对口径。", W, FINAL,
         equal_pairs(("summary.income_total", "perf.overall_budget"),
                     ("summary.expense_current", "perf.overall_executed"))),
    # --- 三公 specifics (checks.md F) ---
    Rule("three.counts-present", "“三公”经费说明列明团组、车辆和接待数", "决算应说明因公出国团组数和人次、公务用车购置数和"
         "保有量、国内公务接待批次和人次（或明确为 0/无）。", E, FINAL, three_public.run_counts_present),
    Rule("three.counts-plausible", "数量与金额相符", "购置数 > 0 与购置费 > 0 一致，出国团组与出国费一致，接待批次与接待费一致。",
         W, FINAL, three_public.run_counts_plausible),
    Rule("three.vehicles-assets", "公务用车保有量与国有资产车辆", "三公中的固定资产车辆数等于国有资产占用中的车辆数；"
         "保有量与之不同时应说明原因。", W, FINAL, three_public.run_vehicles_vs_assets),
    # --- completeness (checks.md A5, A6, G) ---
    Rule("completeness.sections", "必备章节齐全", "按文档类型（决算/预算）检查全国模板规定的说明章节。", E, BOTH,
         completeness.run_sections),
    Rule("completeness.overview", "单位概况含主要职能和机构设置", "部门(单位)概况说明主要职能和机构设置。", E, BOTH,
         completeness.run_overview),
    Rule("completeness.empty-funds", "政府性基金、国有资本经营空表有说明", "无相关收支时须明确说明“为空表”。", E, BOTH,
         completeness.run_fund_tables_explained),
    Rule("completeness.statements", "其他重要事项有金额或“无”的说明", "机关运行经费、政府采购、国有资产、预算绩效部分给出"
         "金额，或明确说明无此项。", E, BOTH, completeness.run_statements),
    Rule("completeness.glossary", "名词解释包含必需术语", "名词解释至少解释财政拨款收入、事业收入、年初结转和结余、基本支出、"
         "项目支出、“三公”经费和机关运行经费。", W, BOTH, completeness.run_glossary),
    # --- narrative (checks.md E38, E39) ---
    Rule("narrative.reason-present", "增减变化说明原因", "比上年增减和预决算差异不为 0 时，须说明主要原因。", W, BOTH,
         narrative.run_reason_present),
    Rule("narrative.reason-specific", "原因说明具体", "原因不应只是“工作需要”“据实列支”等套话，应指明具体项目、事项或政策。",
         W, BOTH, narrative.run_reason_specific),
    # --- 绩效 tables (checks.md H) ---
    Rule("performance.execution-rate", "执行率 = 全年执行数 / 全年预算数", "绩效自评表资金行的执行率按金额重新计算。", E, PERF,
         performance.run_execution_rate),
    Rule("performance.funding-sum", "资金来源各行相加等于合计", "绩效表资金行逐列相加：合计（年度资金总额）等于各来源之和，"
         "小计等于其下①②③各行之和。", E, PERF, performance.run_funding_sums),
    Rule("performance.execution-score", "执行率得分符合评分规则", "执行率得分与已知的执行率评分规则（分值 × 执行率；"
         "或按档次）之一相符；各地规则不同且表中多不印出，不符为警告（指定了本地区规则时为错误）。", W, PERF, performance.run_execution_score),
    Rule("performance.weights", "分值合计为 100", "执行率分值与各三级指标分值之和为 100。", W, PERF,
         performance.run_weights),
    Rule("performance.total-score", "总分 = 各项得分之和", "总分等于执行率得分与各指标得分之和，且不超过 100。", E, PERF,
         performance.run_total_score),
    Rule("performance.indicator-score", "指标得分符合评分规则", "得分在 0 与分值之间（超出为错误）；定量指标的得分与所选"
         "地区评分规则（全国通行的比例法，或按偏离程度扣分）之一相符，不符为警告。", W, PERF, performance.run_indicator_scores),
    Rule("performance.deviation-reason", "未满分指标说明偏差原因", "得分低于分值的指标须填写偏差原因分析及改进措施。", E, PERF,
         performance.run_deviation_reasons),
    # --- budget tables (checks.md B13, B14) ---
    Rule("budget.hierarchy", "上级科目 = 下级科目之和",
         "编码表格中每个类、款等于其下级科目之和，逐列检查；已有功能/经济分类科目逐级汇总规则的单元格由那条规则报告，不重复。",
         E, BOTH, budget_tables.run_table_hierarchy),
    Rule("budget.column-sums", "合计栏 = 所属各栏之和", "表头中“合计”“小计”“本年收入合计”等栏等于同一表头下并列各栏之和"
         "（其中项不计）；多数行不符的栏视为读表有误而暂缓。", E, BOTH, budget_tables.run_column_sums),
    Rule("budget.total-row", "合计行 = 最高级科目之和", "编码表格唯一的“合计”行等于最高一级科目（类；只列项时为各项）之和，"
         "逐列检查；一列跨越多行，任何一格读错都会使其不符，故为警告。", W, BOTH, budget_tables.run_total_row),
    Rule("budget.function-hierarchy", "功能分类科目逐级汇总", "budget.function[类] 等于其款之和，款等于其项之和。", E, BUDGET,
         hierarchy("budget.function")),
    Rule("budget.gpb-function-hierarchy", "一般公共预算功能科目逐级汇总", "budget.gpb_function[类] 等于其款之和，款等于其项之和。",
         E, BUDGET, hierarchy("budget.gpb_function")),
    Rule("budget.economic-hierarchy", "经济分类科目逐级汇总", "budget.economic[类] 等于其款之和。", E, BUDGET,
         hierarchy("budget.economic")),
    Rule("budget.function-split", "科目金额 = 基本支出 + 项目支出", "每个功能科目的合计等于基本支出与项目支出之和。", E,
         BUDGET, budget_tables.run_function_split),
    Rule("budget.balance", "预算收入总计 = 支出总计", "部门预算收支平衡。", E, BUDGET,
         equal("budget.income_total", "budget.expense_total")),
    Rule("budget.expense-split", "支出总计 = 基本支出 + 项目支出", "部门预算支出总计等于基本支出与项目支出之和（另列单位预留机动经费、年末结转结余的，加上它们）。", E, BUDGET,
         identity("budget.expense_total", "budget.basic", "budget.project", "budget.reserve?",
                  "budget.carryover_end?")),
    Rule("budget.income-split", "收入总计 = 各项资金之和", "部门预算收入总计等于一般公共预算、政府性基金、国有资本经营、"
         "单位资金和上年结转之和。", E, BUDGET,
         identity("budget.income_total", "budget.gpb", "budget.gov_fund?", "budget.soe_capital?",
                  "budget.unit_funds?", "budget.carryover?")),
    Rule("budget.three-total", "“三公”经费预算 = 三项之和", "“三公”经费预算等于因公出国(境)费、公务接待费、公务用车"
         "购置及运行维护费之和。", E, BUDGET,
         identity("budget.three.total", "budget.three.overseas", "budget.three.reception", "budget.three.vehicle")),
    Rule("budget.three-vehicle", "公务用车预算 = 购置费 + 运行维护费", "公务用车购置及运行维护费预算等于两项之和。", E,
         BUDGET, identity("budget.three.vehicle", "budget.three.vehicle_purchase", "budget.three.vehicle_operation")),
    Rule("budget.procurement-total", "政府采购预算 = 货物 + 工程 + 服务", "政府采购预算总额等于货物、工程、服务之和。", E,
         BUDGET, identity("budget.procurement.total", "budget.procurement.goods", "budget.procurement.works",
                          "budget.procurement.services")),
    Rule("budget.basic-split", "基本支出 = 人员经费 + 公用经费", "一般公共预算基本支出等于人员经费与公用经费之和。", E,
         BUDGET, identity("budget.basic", "budget.personnel", "budget.public")),
    Rule("budget.gpb-split", "一般公共预算拨款 = 基本支出 + 项目支出", "一般公共预算当年拨款等于其基本支出与项目支出之和。",
         E, BUDGET, identity("budget.gpb_total", "budget.gpb_basic", "budget.gpb_project")),
    Rule("budget.gpb-same", "一般公共预算拨款前后一致", "收入预算中的一般公共预算拨款与当年拨款情况说明中的合计相同。", E,
         BUDGET, equal("budget.gpb", "budget.gpb_total")),
    Rule("budget.fiscal-total", "财政拨款合计 = 一般公共预算 + 政府性基金 + 国有资本经营", "财政拨款收支总额等于三本预算拨款之和。",
         E, BUDGET, identity("budget.fiscal_total", "budget.gpb", "budget.gov_fund?", "budget.soe_capital?")),
    Rule("budget.gpb-categories", "一般公共预算拨款 = 各类之和", "当年拨款结构情况中各(类)金额之和等于一般公共预算拨款合计。",
         E, BUDGET, family_sum(r"budget\.gpb_total", r"budget\.gpb_category\[[^\]]+\]", shares=True)),
    Rule("budget.gpb-items", "各类拨款 = 所属(项)之和", "当年拨款具体使用情况中同一(类)下各(项)预算数之和等于结构情况中"
         "该类金额。", E, BUDGET,
         family_sum(r"budget\.gpb_category\[(?P<p>[^\]/]+)\]", r"budget\.gpb_item\[(?P<p>[^\]/]+)/[^\]]+\]")),
    Rule("budget.gpb-function-split", "一般公共预算科目 = 基本支出 + 项目支出", "一般公共预算支出表每个科目的合计等于基本支出"
         "与项目支出之和。", E, BUDGET, budget_tables.run_function_split),
    Rule("budget.ops-public", "机关运行经费预算与公用经费", "行政单位的机关运行经费预算通常等于一般公共预算基本支出中的公用"
         "经费；不等时为提示，文中称二者一致而不等时为警告。", W, BUDGET, consistency.run_ops_public_budget),
    # --- one figure, one value: table against table, text against table (issue 13) ---
    Rule("consistency.class-across-tables", "同一(类)在同口径各表中金额相同", "收入支出总表、支出表等同一口径的支出表中，"
         "同一功能分类(类)的金额相同（表格列可能读错，故为警告并列出每处）。", W, BOTH, cross_tables.run_class_across_tables),
    Rule("consistency.item-text-table", "文中(项)金额见于表中该项", "说明中“…（类）…（款）…（项）”的金额应出现在表中该项的"
         "某一金额栏。", W, BOTH, cross_tables.run_item_text_table),
    Rule("consistency.item-restated", "同一项目的本年安排前后一致", "项目标题的金额与句中“本年预算安排 X 万元”相同。", W,
         BOTH, cross_tables.run_item_restated),
    Rule("percent.three-shares", "“三公”三项占比之和为 100%", "依次给出的因公出国(境)费、公务用车、公务接待费占“三公”经费的"
         "比例相加应为 100%。", W, BOTH, cross_tables.run_three_shares),
    Rule("consistency.total-text-table", "文中收支总计与总表一致", "说明中的“（财政拨款）收入支出总计 X 万元”等于"
         "（财政拨款）收入支出总表的总计。", W, BOTH, codes.run_total_text_table),
    # --- codes and row numbers as printed (issue 13) ---
    Rule("codes.truncated", "科目编码位数完整", "款、项编码印为两位（301 02），不少印一位（301 2）。", W, BOTH,
         codes.run_truncated_codes),
    Rule("codes.row-numbers", "行次不重复", "同一表中每个行次只用一次。", W, BOTH, codes.run_row_numbers),
    # --- printed slips and template residue (issue 13) ---
    Rule("slips.empty-note-subject", "空表说明针对本表", "空表说明所讲的资金（政府性基金、国有资本经营、“三公”）与表名一致；"
         "讲的是另一张表，多为复制粘贴。", W, BOTH, slips.run_empty_note_subject),
    Rule("slips.filled-marked-empty", "注明为空表的表格无金额", "注明“本表为空表/无数据”的表格中不应印有非零金额。", W, BOTH,
         slips.run_filled_marked_empty),
    Rule("slips.repeated-block", "同一段文字不重复印出", "连续三段以上标题与文字逐字重复，多为整页重复印出。", W, BOTH,
         slips.run_repeated_block),
    Rule("slips.zero-base-rate", "基数为 0 不给增减率", "非零的增减额配 0% 的增减率，或非零决算数“完成预算 0 万元的 0%”："
         "基数为 0 时比率无意义，基数非零时比率不为 0。", W, BOTH, slips.run_zero_base_rates),
    Rule("slips.no-previous-year", "无上年数不作比上年比较", "同一句说明“无上年决算数”（本年新设单位）时，不应给出比上年"
         "增减额和增减率。", W, BOTH, slips.run_no_previous_year),
    Rule("slips.reason-direction", "原因与增减方向一致", "“减少…主要原因是…经费增加”之类原因与变化方向相反。", W, BOTH,
         slips.run_reason_direction),
    Rule("slips.sibling-reason", "说明针对本项", "编号条目的原因或说明讲的是同级另一条目、且未提本条目时，多为复制粘贴。", W,
         BOTH, codes.run_sibling_reason),
    Rule("slips.template-level", "模板层级与单位层级一致", "名词解释等处的“市级预算主管部门”“与市级财政有经费领拨关系”等表述"
         "与单位所在层级（省/市/区/县）一致。", W, BOTH, slips.run_template_level),
    # --- across documents of one unit (issue 6 §4) ---
    Rule("cross.previous-year", "比上年增减与上年文件一致", "同一单位上年同类文件中的数字与本年“比上年增减”相符。", E, BOTH,
         cross_document.run_previous_year),
    Rule("cross.budget-final", "年初预算数与部门预算一致", "决算中的年初预算数与同年部门预算公开的数字一致。", W, FINAL,
         cross_document.run_budget_vs_final),
)

RULES = {rule.code: rule for rule in CATALOG}
assert len(RULES) == len(CATALOG), "duplicate rule code"
