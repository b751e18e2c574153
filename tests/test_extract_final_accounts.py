"""Every fact of the four 部门决算 samples (and the staff/org facts of the 部门预算 sample 001).

Each table row is ``key value line``: the value as printed (Decimal scale kept, signs applied to changes,
``True`` for the empty-table statements) and the 1-based line of the original file where the figure
starts. The values were read from the sample texts; the extracted key set must equal the table's, so
nothing unexpected sneaks in and nothing stated goes missing.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from decimal import Decimal

import pytest

from budgetdoc.amounts import parse_amount, to_halfwidth
from budgetdoc.model import DocKind
from budgetdoc.serialize import plain

from conftest import FINAL_ACCOUNTS, SAMPLE_FILES, sample_doc

# Families this issue owns; the 预算/绩效表 extractors' keys are tested with them.
OWN = re.compile(r"^(doc|staff|org|summary|income|expense|fiscal|gpb|basic|three|gov_fund|soe_capital|ops|"
                 r"procurement|assets)\.|^perf\.(overall_|projects|narrative\[)")
COUNTS = re.compile(r"^(staff|org)\.|_groups$|_persons$|_batches$|vehicles_purchased$|vehicles_owned$|"
                    r"fixed_asset_vehicles$|^assets\.vehicles(\[.*\])?$|equipment_over_1m$|"
                    r"^perf\.(overall_tables|projects)$|^doc\.year$|^perf\.narrative\[.*(?<!万元)(?<!%)\]$")

EXPECTED = {
    "000": """
doc.kind final_accounts 1
doc.unit 昌吉回族自治州财政局 1
doc.year 2023 1
staff.total 131 144
staff.active 73 146
staff.lixiu 0 146
staff.retired 58 146
org.divisions 14 148
org.subunits 0 148
summary.income_total 3039.73 161
summary.income_current 2698.88 163
summary.income_nonfiscal_balance_used 0.00 163
summary.income_carryover_begin 340.85 165
summary.expense_total 3039.73 167
summary.expense_current 2722.67 169
summary.expense_surplus_distribution 0.00 169
summary.expense_carryover_end 317.06 171
summary.change 218.72 173
summary.change_pct 7.75 175
income.current 2698.88 185
income.fiscal 2639.05 185
income.fiscal.pct 97.78 187
income.superior_subsidy 0.00 187
income.superior_subsidy.pct 0.00 187
income.business 0.00 189
income.business.pct 0.00 189
income.operating 0.00 189
income.operating.pct 0.00 189
income.affiliated_remit 0.00 191
income.affiliated_remit.pct 0.00 191
income.other 59.83 191
income.other.pct 2.22 193
expense.current 2722.67 197
expense.basic 1566.90 197
expense.basic.pct 57.55 199
expense.project 1155.77 199
expense.project.pct 42.45 199
expense.remit_superior 0.00 200
expense.remit_superior.pct 0.00 200
expense.operating 0.00 200
expense.operating.pct 0.00 200
expense.affiliated_subsidy 0.00 202
expense.affiliated_subsidy.pct 0.00 202
fiscal.income_total 2639.05 206
fiscal.carryover_begin 0.00 208
fiscal.income_current 2639.05 210
fiscal.expense_total 2639.05 210
fiscal.carryover_end 0.00 212
fiscal.expense_current 2639.05 214
fiscal.change 255.11 216
fiscal.change_pct 10.70 218
fiscal.budget_initial 2951.66 226
fiscal.final 2639.05 226
fiscal.deviation_pct -10.59 228
gpb.total 2639.05 238
gpb.share_of_expense_current 96.93 240
gpb.change 500.16 240
gpb.change_pct 23.38 242
gpb.budget_initial 2951.66 249
gpb.final 2639.05 249
gpb.deviation_pct -10.59 251
gpb.category[一般公共服务支出] 2216.44 259
gpb.category[一般公共服务支出].pct 83.99 259
gpb.category[社会保障和就业支出] 235.99 261
gpb.category[社会保障和就业支出].pct 8.94 261
gpb.category[卫生健康支出] 68.52 263
gpb.category[卫生健康支出].pct 2.60 263
gpb.category[住房保障支出] 99.79 265
gpb.category[住房保障支出].pct 3.78 265
gpb.category[其他支出] 18.31 267
gpb.category[其他支出].pct 0.69 267
gpb.item[一般公共服务支出/财政事务/行政运行] 826.17 273
gpb.item[一般公共服务支出/财政事务/行政运行].change -186.12 273
gpb.item[一般公共服务支出/财政事务/行政运行].change_pct -18.39 275
gpb.item[一般公共服务支出/财政事务/一般行政管理事务] 616.48 281
gpb.item[一般公共服务支出/财政事务/一般行政管理事务].change 322.50 283
gpb.item[一般公共服务支出/财政事务/一般行政管理事务].change_pct 109.70 283
gpb.item[一般公共服务支出/财政事务/信息化建设] 470.36 288
gpb.item[一般公共服务支出/财政事务/信息化建设].change 356.79 288
gpb.item[一般公共服务支出/财政事务/信息化建设].change_pct 314.16 290
gpb.item[一般公共服务支出/财政事务/事业运行] 301.56 302
gpb.item[一般公共服务支出/财政事务/事业运行].change -20.05 302
gpb.item[一般公共服务支出/财政事务/事业运行].change_pct -6.23 304
gpb.item[一般公共服务支出/财政事务/其他财政事务支出] 1.10 310
gpb.item[一般公共服务支出/财政事务/其他财政事务支出].change -6.73 310
gpb.item[一般公共服务支出/财政事务/其他财政事务支出].change_pct -85.95 312
gpb.item[一般公共服务支出/统战事务/其他统战事务支出] 0.77 318
gpb.item[一般公共服务支出/统战事务/其他统战事务支出].change -0.90 318
gpb.item[一般公共服务支出/统战事务/其他统战事务支出].change_pct -53.89 320
gpb.item[社会保障和就业支出/行政事业单位养老支出/行政单位离退休] 22.87 326
gpb.item[社会保障和就业支出/行政事业单位养老支出/行政单位离退休].change 14.26 328
gpb.item[社会保障和就业支出/行政事业单位养老支出/行政单位离退休].change_pct 165.62 328
gpb.item[社会保障和就业支出/行政事业单位养老支出/机关事业单位基本养老保险缴费支出] 122.19 335
gpb.item[社会保障和就业支出/行政事业单位养老支出/机关事业单位基本养老保险缴费支出].change 6.89 335
gpb.item[社会保障和就业支出/行政事业单位养老支出/机关事业单位基本养老保险缴费支出].change_pct 5.98 335
gpb.item[社会保障和就业支出/行政事业单位养老支出/机关事业单位职业年金缴费支出] 90.93 343
gpb.item[社会保障和就业支出/行政事业单位养老支出/机关事业单位职业年金缴费支出].change 32.03 345
gpb.item[社会保障和就业支出/行政事业单位养老支出/机关事业单位职业年金缴费支出].change_pct 54.38 345
gpb.item[卫生健康支出/行政事业单位医疗/行政单位医疗] 43.15 355
gpb.item[卫生健康支出/行政事业单位医疗/行政单位医疗].change 0.04 355
gpb.item[卫生健康支出/行政事业单位医疗/行政单位医疗].change_pct 0.09 357
gpb.item[卫生健康支出/行政事业单位医疗/事业单位医疗] 20.95 363
gpb.item[卫生健康支出/行政事业单位医疗/事业单位医疗].change 2.32 363
gpb.item[卫生健康支出/行政事业单位医疗/事业单位医疗].change_pct 12.45 365
gpb.item[卫生健康支出/行政事业单位医疗/公务员医疗补助] 3.95 371
gpb.item[卫生健康支出/行政事业单位医疗/公务员医疗补助].change -1.92 371
gpb.item[卫生健康支出/行政事业单位医疗/公务员医疗补助].change_pct -32.71 372
gpb.item[卫生健康支出/行政事业单位医疗/其他行政事业单位医疗支出] 0.46 378
gpb.item[卫生健康支出/行政事业单位医疗/其他行政事业单位医疗支出].change -0.42 380
gpb.item[卫生健康支出/行政事业单位医疗/其他行政事业单位医疗支出].change_pct -47.73 380
gpb.item[住房保障支出/住房改革支出/住房公积金] 99.79 386
gpb.item[住房保障支出/住房改革支出/住房公积金].change -3.80 386
gpb.item[住房保障支出/住房改革支出/住房公积金].change_pct -3.67 388
gpb.item[其他支出/其他支出/其他支出] 18.31 394
gpb.item[其他支出/其他支出/其他支出].change -14.74 394
gpb.item[其他支出/其他支出/其他支出].change_pct -44.60 394
basic.total 1543.11 402
basic.personnel 1397.80 404
basic.public 145.31 414
three.total 32.94 423
three.change -0.28 425
three.change_pct -0.84 425
three.overseas 0.00 429
three.overseas.pct 0.00 429
three.overseas.change 0.00 431
three.overseas.change_pct 0.00 431
three.vehicle 31.99 433
three.vehicle.pct 97.12 435
three.vehicle.change -0.28 435
three.vehicle.change_pct -0.87 435
three.reception 0.95 439
three.reception.pct 2.88 441
three.reception.change 0.00 441
three.reception.change_pct 0.00 441
three.overseas 0.00 447
three.overseas_groups 0 451
three.overseas_persons 0 451
three.vehicle 31.99 453
three.vehicle_purchase 0.00 455
three.vehicle_operation 31.99 455
three.vehicles_purchased 0 458
three.vehicles_owned 8 460
three.fixed_asset_vehicles 6 460
three.reception 0.95 468
three.reception_batches 10 470
three.reception_persons 95 470
three.budget 32.94 474
three.final 32.94 474
three.deviation_pct 0.00 474
three.overseas.budget 0.00 478
three.overseas.final 0.00 478
three.overseas.deviation_pct 0.00 480
three.vehicle_purchase.budget 0.00 482
three.vehicle_purchase.final 0.00 482
three.vehicle_purchase.deviation_pct 0.00 484
three.vehicle_operation.budget 31.99 486
three.vehicle_operation.final 31.99 488
three.vehicle_operation.deviation_pct 0.00 488
three.reception.budget 0.95 490
three.reception.final 0.95 492
three.reception.deviation_pct 0.00 492
gov_fund.empty True 500
soe_capital.empty True 507
ops.total 145.31 517
ops.change -3.92 519
ops.change_pct -2.63 519
procurement.total 540.02 525
procurement.goods 110.73 527
procurement.works 46.51 527
procurement.services 382.78 529
procurement.sme 461.10 531
procurement.sme_pct 85.39 533
procurement.small_micro 265.53 533
procurement.small_micro_pct 49.17 535
assets.fixed_original_value 3155.19 539
assets.house_area 9864.44 541
assets.house_value 1507.70 541
assets.vehicles 6 541
assets.vehicles_value 183.85 543
assets.vehicles[副部(省)级及以上领导用车] 0 543
assets.vehicles[主要负责人用车] 0 544
assets.vehicles[机要通信用车] 0 544
assets.vehicles[应急保障用车] 0 544
assets.vehicles[执法执勤用车] 0 546
assets.vehicles[特种专业技术用车] 0 546
assets.vehicles[离退休干部服务用车] 0 548
assets.vehicles[其他用车] 6 548
assets.equipment_over_1m 3 550
perf.overall_tables 1 556
perf.overall_budget 3039.73 556
perf.overall_executed 2722.67 558
perf.projects 9 558
perf.projects_budget 1716.05 560
perf.projects_executed 1168.28 560
""",
    "002": """
doc.kind final_accounts 3
doc.unit 昌吉回族自治州政务服务和公共资源交易中心 1
doc.year 2023 3
staff.total 39 34
staff.active 32 34
staff.lixiu 0 34
staff.retired 7 36
org.divisions 9 38
org.subunits 0 38
summary.income_total 1810.23 51
summary.income_current 1511.95 53
summary.income_nonfiscal_balance_used 298.27 53
summary.income_carryover_begin 0.00 55
summary.expense_total 1810.23 57
summary.expense_current 1810.23 59
summary.expense_surplus_distribution 0.00 59
summary.expense_carryover_end 0.00 59
summary.change 321.94 63
summary.change_pct 21.63 65
income.current 1511.95 77
income.fiscal 1497.60 77
income.fiscal.pct 99.05 79
income.superior_subsidy 0.00 79
income.superior_subsidy.pct 0.00 79
income.business 0.00 81
income.business.pct 0.00 81
income.operating 0.00 81
income.operating.pct 0.00 81
income.affiliated_remit 0.00 83
income.affiliated_remit.pct 0.00 83
income.other 14.35 83
income.other.pct 0.95 85
expense.current 1810.23 89
expense.basic 1004.00 89
expense.basic.pct 55.46 90
expense.project 806.23 90
expense.project.pct 44.54 90
expense.remit_superior 0.00 92
expense.remit_superior.pct 0.00 92
expense.operating 0.00 92
expense.operating.pct 0.00 92
expense.affiliated_subsidy 0.00 94
expense.affiliated_subsidy.pct 0.00 94
fiscal.income_total 1497.60 98
fiscal.carryover_begin 0.00 100
fiscal.income_current 1497.60 102
fiscal.expense_total 1497.60 102
fiscal.carryover_end 0.00 104
fiscal.expense_current 1497.60 106
fiscal.change 134.15 108
fiscal.change_pct 9.84 110
fiscal.budget_initial 993.12 120
fiscal.final 1497.60 120
fiscal.deviation_pct 50.80 120
gpb.total 1497.60 132
gpb.share_of_expense_current 82.73 133
gpb.change 134.15 133
gpb.change_pct 9.84 135
gpb.budget_initial 993.12 145
gpb.final 1497.60 145
gpb.deviation_pct 50.80 145
gpb.category[一般公共服务支出] 1305.17 155
gpb.category[一般公共服务支出].pct 87.15 155
gpb.category[社会保障和就业支出] 108.55 157
gpb.category[社会保障和就业支出].pct 7.25 157
gpb.category[卫生健康支出] 17.20 159
gpb.category[卫生健康支出].pct 1.15 159
gpb.category[住房保障支出] 44.97 161
gpb.category[住房保障支出].pct 3.00 161
gpb.category[其他支出] 21.72 163
gpb.category[其他支出].pct 1.45 163
gpb.item[一般公共服务支出/政府办公厅(室)及相关机构事务/行政运行] 302.91 169
gpb.item[一般公共服务支出/政府办公厅(室)及相关机构事务/行政运行].change 79.77 171
gpb.item[一般公共服务支出/政府办公厅(室)及相关机构事务/行政运行].change_pct 35.75 171
gpb.item[一般公共服务支出/政府办公厅(室)及相关机构事务/一般行政管理事务] 806.23 176
gpb.item[一般公共服务支出/政府办公厅(室)及相关机构事务/一般行政管理事务].change 88.01 178
gpb.item[一般公共服务支出/政府办公厅(室)及相关机构事务/一般行政管理事务].change_pct 12.25 178
gpb.item[一般公共服务支出/政府办公厅(室)及相关机构事务/事业运行] 196.03 188
gpb.item[一般公共服务支出/政府办公厅(室)及相关机构事务/事业运行].change -88.35 190
gpb.item[一般公共服务支出/政府办公厅(室)及相关机构事务/事业运行].change_pct -31.07 190
gpb.item[社会保障和就业支出/行政事业单位养老支出/行政单位离退休] 2.19 196
gpb.item[社会保障和就业支出/行政事业单位养老支出/行政单位离退休].change 1.16 198
gpb.item[社会保障和就业支出/行政事业单位养老支出/行政单位离退休].change_pct 112.62 198
gpb.item[社会保障和就业支出/行政事业单位养老支出/机关事业单位基本养老保险缴费支出] 60.20 206
gpb.item[社会保障和就业支出/行政事业单位养老支出/机关事业单位基本养老保险缴费支出].change 18.30 206
gpb.item[社会保障和就业支出/行政事业单位养老支出/机关事业单位基本养老保险缴费支出].change_pct 43.68 206
gpb.item[社会保障和就业支出/行政事业单位养老支出/机关事业单位职业年金缴费支出] 46.15 214
gpb.item[社会保障和就业支出/行政事业单位养老支出/机关事业单位职业年金缴费支出].change 41.83 216
gpb.item[社会保障和就业支出/行政事业单位养老支出/机关事业单位职业年金缴费支出].change_pct 968.29 216
gpb.item[社会保障和就业支出/其他社会保障和就业支出/其他社会保障和就业支出] 0.01 225
gpb.item[社会保障和就业支出/其他社会保障和就业支出/其他社会保障和就业支出].change 0.01 227
gpb.item[社会保障和就业支出/其他社会保障和就业支出/其他社会保障和就业支出].change_pct 100.00 227
gpb.item[卫生健康支出/行政事业单位医疗/行政单位医疗] 10.72 235
gpb.item[卫生健康支出/行政事业单位医疗/行政单位医疗].change 2.44 235
gpb.item[卫生健康支出/行政事业单位医疗/行政单位医疗].change_pct 29.47 237
gpb.item[卫生健康支出/行政事业单位医疗/事业单位医疗] 4.33 243
gpb.item[卫生健康支出/行政事业单位医疗/事业单位医疗].change -13.13 243
gpb.item[卫生健康支出/行政事业单位医疗/事业单位医疗].change_pct -75.20 245
gpb.item[卫生健康支出/行政事业单位医疗/公务员医疗补助] 1.92 251
gpb.item[卫生健康支出/行政事业单位医疗/公务员医疗补助].change -6.21 251
gpb.item[卫生健康支出/行政事业单位医疗/公务员医疗补助].change_pct -76.38 253
gpb.item[卫生健康支出/行政事业单位医疗/其他行政事业单位医疗支出] 0.23 259
gpb.item[卫生健康支出/行政事业单位医疗/其他行政事业单位医疗支出].change 0.02 261
gpb.item[卫生健康支出/行政事业单位医疗/其他行政事业单位医疗支出].change_pct 9.52 261
gpb.item[住房保障支出/住房改革支出/住房公积金] 44.97 266
gpb.item[住房保障支出/住房改革支出/住房公积金].change 7.13 266
gpb.item[住房保障支出/住房改革支出/住房公积金].change_pct 18.84 268
gpb.item[其他支出/其他支出/其他支出] 21.72 274
gpb.item[其他支出/其他支出/其他支出].change 3.17 274
gpb.item[其他支出/其他支出/其他支出].change_pct 17.09 274
basic.total 691.38 280
basic.personnel 627.51 282
basic.public 63.87 292
three.total 4.86 304
three.change -0.13 305
three.change_pct -2.61 305
three.overseas 0.00 309
three.overseas.pct 0.00 309
three.overseas.change 0.00 309
three.overseas.change_pct 0.00 311
three.vehicle 4.80 313
three.vehicle.pct 98.77 313
three.vehicle.change 0.01 315
three.vehicle.change_pct 0.21 315
three.reception 0.06 317
three.reception.pct 1.23 319
three.reception.change -0.14 319
three.reception.change_pct -70.00 319
three.overseas 0.00 327
three.overseas_groups 0 331
three.overseas_persons 0 331
three.vehicle 4.80 333
three.vehicle_purchase 0.00 335
three.vehicle_operation 4.80 335
three.vehicles_purchased 0 339
three.vehicles_owned 3 341
three.fixed_asset_vehicles 3 341
three.reception 0.06 347
three.reception_batches 1 348
three.reception_persons 12 348
three.budget 5.00 352
three.final 4.86 352
three.deviation_pct -2.80 352
three.overseas.budget 0.00 358
three.overseas.final 0.00 358
three.overseas.deviation_pct 0.00 360
three.vehicle_purchase.budget 0.00 362
three.vehicle_purchase.final 0.00 362
three.vehicle_purchase.deviation_pct 0.00 364
three.vehicle_operation.budget 4.80 366
three.vehicle_operation.final 4.80 366
three.vehicle_operation.deviation_pct 0.00 368
three.reception.budget 0.20 370
three.reception.final 0.06 370
three.reception.deviation_pct -70.00 372
gov_fund.empty True 382
soe_capital.empty True 390
ops.total 63.87 399
ops.change -3.52 399
ops.change_pct -5.22 401
procurement.total 252.60 407
procurement.goods 50.57 409
procurement.works 0.57 409
procurement.services 201.46 411
procurement.sme 252.60 413
procurement.sme_pct 100.00 415
procurement.small_micro 252.60 415
procurement.small_micro_pct 100.00 417
assets.fixed_original_value 939.18 421
assets.house_area 0.00 423
assets.house_value 0.00 423
assets.vehicles 3 423
assets.vehicles_value 72.85 423
assets.vehicles[副部(省)级及以上领导用车] 0 425
assets.vehicles[主要负责人用车] 2 427
assets.vehicles[机要通信用车] 0 427
assets.vehicles[应急保障用车] 0 427
assets.vehicles[执法执勤用车] 0 429
assets.vehicles[特种专业技术用车] 0 429
assets.vehicles[离退休干部服务用车] 0 431
assets.vehicles[其他用车] 1 431
assets.equipment_over_1m 0 433
perf.overall_tables 1 438
perf.overall_budget 1810.22 438
perf.overall_executed 1810.22 440
perf.projects 11 440
perf.projects_budget 579.64 442
perf.projects_executed 502.24 442
""",
    "003": """
doc.kind final_accounts 6
doc.unit 昌吉回族自治州人民政府办公室 6
doc.year 2024 6
staff.total 98 21
staff.active 45 21
staff.active.change -10 21
staff.lixiu 1 21
staff.lixiu.change 0 21
staff.retired 52 21
staff.retired.change 1 21
org.divisions 10 22
org.subunits 0 22
summary.income_total 1787.23 27
summary.income_current 1741.71 27
summary.income_nonfiscal_balance_used 0.00 27
summary.income_carryover_begin 45.52 27
summary.expense_total 1787.23 28
summary.expense_current 1740.70 28
summary.expense_surplus_distribution 0.00 28
summary.expense_carryover_end 46.53 28
summary.change -191.15 29
summary.change_pct -9.66 29
income.current 1741.71 31
income.fiscal 1693.16 31
income.fiscal.pct 97.21 31
income.superior_subsidy 0.00 31
income.superior_subsidy.pct 0.00 31
income.business 0.00 31
income.business.pct 0.00 31
income.operating 0.00 31
income.operating.pct 0.00 31
income.affiliated_remit 0.00 31
income.affiliated_remit.pct 0.00 31
income.other 48.55 31
income.other.pct 2.79 31
expense.current 1740.70 33
expense.basic 1217.85 33
expense.basic.pct 69.96 33
expense.project 522.85 33
expense.project.pct 30.04 33
expense.remit_superior 0.00 33
expense.remit_superior.pct 0.00 33
expense.operating 0.00 33
expense.operating.pct 0.00 33
expense.affiliated_subsidy 0.00 33
expense.affiliated_subsidy.pct 0.00 33
fiscal.income_total 1693.16 35
fiscal.carryover_begin 0.00 35
fiscal.income_current 1693.16 35
fiscal.expense_total 1693.16 35
fiscal.carryover_end 0.00 35
fiscal.expense_current 1693.16 35
fiscal.change -180.86 36
fiscal.change_pct -9.65 36
fiscal.budget_initial 1753.38 36
fiscal.final 1693.16 36
fiscal.deviation_pct -3.43 36
gpb.total 1693.16 39
gpb.share_of_expense_current 97.27 39
gpb.change -180.86 39
gpb.change_pct -9.65 39
gpb.budget_initial 1753.38 39
gpb.final 1693.16 39
gpb.deviation_pct -3.43 39
gpb.category[一般公共服务支出] 1348.43 41
gpb.category[一般公共服务支出].pct 79.64 41
gpb.category[社会保障和就业支出] 202.36 42
gpb.category[社会保障和就业支出].pct 11.95 42
gpb.category[卫生健康支出] 50.25 43
gpb.category[卫生健康支出].pct 2.97 43
gpb.category[住房保障支出] 80.22 44
gpb.category[住房保障支出].pct 4.74 44
gpb.category[其他支出] 11.90 45
gpb.category[其他支出].pct 0.70 45
gpb.item[一般公共服务支出/政府办公厅(室)及相关机构事务/行政运行] 881.38 47
gpb.item[一般公共服务支出/政府办公厅(室)及相关机构事务/行政运行].change -3.81 47
gpb.item[一般公共服务支出/政府办公厅(室)及相关机构事务/行政运行].change_pct -0.43 47
gpb.item[一般公共服务支出/政府办公厅(室)及相关机构事务/一般行政管理事务] 9.46 48
gpb.item[一般公共服务支出/政府办公厅(室)及相关机构事务/一般行政管理事务].change 9.46 48
gpb.item[一般公共服务支出/政府办公厅(室)及相关机构事务/一般行政管理事务].change_pct 100.00 48
gpb.item[一般公共服务支出/政府办公厅(室)及相关机构事务/事业运行] 0.00 49
gpb.item[一般公共服务支出/政府办公厅(室)及相关机构事务/事业运行].change -106.47 49
gpb.item[一般公共服务支出/政府办公厅(室)及相关机构事务/事业运行].change_pct -100.00 49
gpb.item[一般公共服务支出/政府办公厅(室)及相关机构事务/其他政府办公厅(室)及相关机构事务支出] 457.59 50
gpb.item[一般公共服务支出/政府办公厅(室)及相关机构事务/其他政府办公厅(室)及相关机构事务支出].change -0.32 50
gpb.item[一般公共服务支出/政府办公厅(室)及相关机构事务/其他政府办公厅(室)及相关机构事务支出].change_pct -0.07 50
gpb.item[一般公共服务支出/统战事务/宗教事务] 0.00 51
gpb.item[一般公共服务支出/统战事务/宗教事务].change -1.26 51
gpb.item[一般公共服务支出/统战事务/宗教事务].change_pct -100.00 51
gpb.item[社会保障和就业支出/行政事业单位养老支出/行政单位离退休] 54.32 52
gpb.item[社会保障和就业支出/行政事业单位养老支出/行政单位离退休].change 12.17 52
gpb.item[社会保障和就业支出/行政事业单位养老支出/行政单位离退休].change_pct 28.87 52
gpb.item[社会保障和就业支出/行政事业单位养老支出/机关事业单位基本养老保险缴费支出] 84.70 53
gpb.item[社会保障和就业支出/行政事业单位养老支出/机关事业单位基本养老保险缴费支出].change -29.48 53
gpb.item[社会保障和就业支出/行政事业单位养老支出/机关事业单位基本养老保险缴费支出].change_pct -25.82 53
gpb.item[社会保障和就业支出/行政事业单位养老支出/机关事业单位职业年金缴费支出] 63.33 54
gpb.item[社会保障和就业支出/行政事业单位养老支出/机关事业单位职业年金缴费支出].change -35.35 54
gpb.item[社会保障和就业支出/行政事业单位养老支出/机关事业单位职业年金缴费支出].change_pct -35.82 54
gpb.item[卫生健康支出/行政事业单位医疗/行政单位医疗] 46.85 55
gpb.item[卫生健康支出/行政事业单位医疗/行政单位医疗].change -1.74 55
gpb.item[卫生健康支出/行政事业单位医疗/行政单位医疗].change_pct -3.58 55
gpb.item[卫生健康支出/行政事业单位医疗/事业单位医疗] 0.00 56
gpb.item[卫生健康支出/行政事业单位医疗/事业单位医疗].change -8.50 56
gpb.item[卫生健康支出/行政事业单位医疗/事业单位医疗].change_pct -100.00 56
gpb.item[卫生健康支出/行政事业单位医疗/公务员医疗补助] 3.15 57
gpb.item[卫生健康支出/行政事业单位医疗/公务员医疗补助].change 1.29 57
gpb.item[卫生健康支出/行政事业单位医疗/公务员医疗补助].change_pct 69.35 57
gpb.item[卫生健康支出/行政事业单位医疗/其他行政事业单位医疗支出] 0.26 58
gpb.item[卫生健康支出/行政事业单位医疗/其他行政事业单位医疗支出].change -0.38 58
gpb.item[卫生健康支出/行政事业单位医疗/其他行政事业单位医疗支出].change_pct -59.38 58
gpb.item[住房保障支出/住房改革支出/住房公积金] 80.22 59
gpb.item[住房保障支出/住房改革支出/住房公积金].change -9.60 59
gpb.item[住房保障支出/住房改革支出/住房公积金].change_pct -10.69 59
gpb.item[其他支出/其他支出/其他支出] 11.90 60
gpb.item[其他支出/其他支出/其他支出].change -6.88 60
gpb.item[其他支出/其他支出/其他支出].change_pct -36.63 60
basic.total 1217.85 62
basic.personnel 1055.92 62
basic.public 161.94 63
three.total 77.21 69
three.change -30.30 69
three.change_pct -28.18 69
three.overseas 2.46 69
three.overseas.pct 3.19 69
three.overseas.change 0.57 69
three.overseas.change_pct 30.16 69
three.vehicle 74.75 69
three.vehicle.pct 96.81 69
three.vehicle.change -30.87 69
three.vehicle.change_pct -29.23 69
three.reception 0.00 69
three.reception.pct 0.00 69
three.reception.change 0.00 69
three.reception.change_pct 0.00 69
three.overseas 2.46 71
three.overseas_groups 1 71
three.overseas_persons 1 71
three.vehicle 74.75 72
three.vehicle_purchase 0.00 72
three.vehicle_operation 74.75 72
three.vehicles_purchased 0 72
three.vehicles_owned 17 72
three.fixed_asset_vehicles 17 72
three.reception 0.00 73
three.reception_batches 0 73
three.reception_persons 0 73
three.budget 77.21 74
three.final 77.21 74
three.deviation_pct 0.00 74
three.overseas.budget 2.46 74
three.overseas.final 2.46 74
three.overseas.deviation_pct 0.00 74
three.vehicle_purchase.budget 0.00 74
three.vehicle_purchase.final 0.00 74
three.vehicle_purchase.deviation_pct 0.00 74
three.vehicle_operation.budget 74.75 74
three.vehicle_operation.final 74.75 74
three.vehicle_operation.deviation_pct 0.00 74
three.reception.budget 0.00 74
three.reception.final 0.00 74
three.reception.deviation_pct 0.00 74
gov_fund.empty True 65
soe_capital.empty True 67
ops.total 161.94 77
ops.change -42.73 77
ops.change_pct -20.88 77
procurement.total 114.53 79
procurement.goods 73.11 79
procurement.works 0.00 79
procurement.services 41.42 79
procurement.sme 114.53 80
procurement.sme_pct 100.00 80
procurement.small_micro 114.53 80
procurement.small_micro_pct 100.00 80
assets.house_area 19646.98 82
assets.house_value 2719.44 82
assets.vehicles 17 82
assets.vehicles_value 426.54 82
assets.vehicles[副部(省)级及以上领导用车] 0 82
assets.vehicles[主要负责人用车] 0 82
assets.vehicles[机要通信用车] 0 82
assets.vehicles[应急保障用车] 0 82
assets.vehicles[执法执勤用车] 0 82
assets.vehicles[特种专业技术用车] 0 82
assets.vehicles[离退休干部服务用车] 0 82
assets.vehicles[其他用车] 17 82
assets.equipment_over_1m 1 82
perf.overall_tables 1 84
perf.overall_budget 1787.23 84
perf.overall_executed 1740.70 84
perf.projects 5 84
perf.projects_budget 504.89 84
perf.projects_executed 502.05 84
perf.overall_score 99.74 84
perf.narrative[全年累计开展党组理论学习中心组学习N次] 17 84
perf.narrative[其中研讨交流N次] 11 84
perf.narrative[党(总)支部集体学习N次] 38 84
perf.narrative[做好经济高质量发展专项组承担的自治区巡视反馈N项整改任务的落实] 27 84
perf.narrative[聚焦州党委N项重点任务] 70 84
perf.narrative[N项重点项目] 75 84
perf.narrative[共起草制发各类公文N余件] 900 84
perf.narrative[政府全体会暨廉政工作会议讲话等各类文稿N余篇] 300 84
perf.narrative[协调保障国家和自治区级以上考察调研N批次] 134 84
perf.narrative[各类会议活动N场次] 863 84
perf.narrative[如我单位项目绩效资金为机关运行补助经费N万元] 600 84
""",
    "004": """
doc.kind final_accounts 3
doc.unit 昌吉回族自治州工业和信息化局 1
doc.year 2023 3
staff.total 79 44
staff.active 33 44
staff.lixiu 1 44
staff.retired 45 44
org.divisions 9 47
org.subunits 0 47
summary.income_total 2528.87 60
summary.income_current 2528.87 62
summary.income_nonfiscal_balance_used 0.00 62
summary.income_carryover_begin 0.00 64
summary.expense_total 2528.87 66
summary.expense_current 2528.87 68
summary.expense_surplus_distribution 0.00 68
summary.expense_carryover_end 0.00 68
summary.change 606.57 72
summary.change_pct 31.55 74
income.current 2528.87 82
income.fiscal 2407.30 82
income.fiscal.pct 95.19 84
income.superior_subsidy 0.00 84
income.superior_subsidy.pct 0.00 84
income.business 0.00 86
income.business.pct 0.00 86
income.operating 0.00 86
income.operating.pct 0.00 86
income.affiliated_remit 0.00 88
income.affiliated_remit.pct 0.00 88
income.other 121.58 88
income.other.pct 4.81 90
expense.current 2528.87 94
expense.basic 786.36 94
expense.basic.pct 31.10 96
expense.project 1742.52 96
expense.project.pct 68.90 96
expense.remit_superior 0.00 98
expense.remit_superior.pct 0.00 98
expense.operating 0.00 98
expense.operating.pct 0.00 98
expense.affiliated_subsidy 0.00 104
expense.affiliated_subsidy.pct 0.00 104
fiscal.income_total 2407.30 108
fiscal.carryover_begin 0.00 110
fiscal.income_current 2407.30 112
fiscal.expense_total 2407.30 112
fiscal.carryover_end 0.00 114
fiscal.expense_current 2407.30 116
fiscal.change 568.37 118
fiscal.change_pct 30.91 120
fiscal.budget_initial 6909.51 126
fiscal.final 2407.30 126
fiscal.deviation_pct -65.16 128
gpb.total 2407.30 136
gpb.share_of_expense_current 95.19 138
gpb.change 568.37 138
gpb.change_pct 30.91 140
gpb.budget_initial 6909.51 146
gpb.final 2407.30 146
gpb.deviation_pct -65.16 147
gpb.category[一般公共服务支出] 1724.88 153
gpb.category[一般公共服务支出].pct 71.65 153
gpb.category[社会保障和就业支出] 177.30 155
gpb.category[社会保障和就业支出].pct 7.37 155
gpb.category[卫生健康支出] 29.34 157
gpb.category[卫生健康支出].pct 1.22 157
gpb.category[资源勘探工业信息等支出] 421.67 159
gpb.category[资源勘探工业信息等支出].pct 17.52 161
gpb.category[住房保障支出] 35.82 163
gpb.category[住房保障支出].pct 1.49 163
gpb.category[其他支出] 18.28 165
gpb.category[其他支出].pct 0.75 165
gpb.item[一般公共服务支出/商贸事务/行政运行] 532.65 171
gpb.item[一般公共服务支出/商贸事务/行政运行].change -59.98 171
gpb.item[一般公共服务支出/商贸事务/行政运行].change_pct -10.12 173
gpb.item[一般公共服务支出/商贸事务/其他商贸事务支出] 1191.30 179
gpb.item[一般公共服务支出/商贸事务/其他商贸事务支出].change 381.65 181
gpb.item[一般公共服务支出/商贸事务/其他商贸事务支出].change_pct 47.14 181
gpb.item[一般公共服务支出/统战事务/宗教事务] 0.93 187
gpb.item[一般公共服务支出/统战事务/宗教事务].change 0.93 187
gpb.item[一般公共服务支出/统战事务/宗教事务].change_pct 100.00 189
gpb.item[社会保障和就业支出/行政事业单位养老支出/行政单位离退休] 36.72 194
gpb.item[社会保障和就业支出/行政事业单位养老支出/行政单位离退休].change 13.48 196
gpb.item[社会保障和就业支出/行政事业单位养老支出/行政单位离退休].change_pct 58.00 196
gpb.item[社会保障和就业支出/行政事业单位养老支出/机关事业单位基本养老保险缴费支出] 51.97 204
gpb.item[社会保障和就业支出/行政事业单位养老支出/机关事业单位基本养老保险缴费支出].change 0.53 204
gpb.item[社会保障和就业支出/行政事业单位养老支出/机关事业单位基本养老保险缴费支出].change_pct 1.03 204
gpb.item[社会保障和就业支出/行政事业单位养老支出/机关事业单位职业年金缴费支出] 27.85 210
gpb.item[社会保障和就业支出/行政事业单位养老支出/机关事业单位职业年金缴费支出].change 27.85 212
gpb.item[社会保障和就业支出/行政事业单位养老支出/机关事业单位职业年金缴费支出].change_pct 100.00 212
gpb.item[社会保障和就业支出/抚恤/死亡抚恤] 60.77 218
gpb.item[社会保障和就业支出/抚恤/死亡抚恤].change 60.77 218
gpb.item[社会保障和就业支出/抚恤/死亡抚恤].change_pct 100.00 220
gpb.item[卫生健康支出/行政事业单位医疗/行政单位医疗] 22.90 226
gpb.item[卫生健康支出/行政事业单位医疗/行政单位医疗].change -3.75 226
gpb.item[卫生健康支出/行政事业单位医疗/行政单位医疗].change_pct -14.07 228
gpb.item[卫生健康支出/行政事业单位医疗/事业单位医疗] 4.25 233
gpb.item[卫生健康支出/行政事业单位医疗/事业单位医疗].change 0.71 233
gpb.item[卫生健康支出/行政事业单位医疗/事业单位医疗].change_pct 20.06 235
gpb.item[卫生健康支出/行政事业单位医疗/公务员医疗补助] 1.74 241
gpb.item[卫生健康支出/行政事业单位医疗/公务员医疗补助].change -7.31 241
gpb.item[卫生健康支出/行政事业单位医疗/公务员医疗补助].change_pct -80.77 243
gpb.item[卫生健康支出/行政事业单位医疗/其他行政事业单位医疗支出] 0.46 249
gpb.item[卫生健康支出/行政事业单位医疗/其他行政事业单位医疗支出].change -0.09 251
gpb.item[卫生健康支出/行政事业单位医疗/其他行政事业单位医疗支出].change_pct -16.36 251
gpb.item[资源勘探工业信息等支出/工业和信息产业监管/产业发展] 421.67 259
gpb.item[资源勘探工业信息等支出/工业和信息产业监管/产业发展].change 250.38 261
gpb.item[资源勘探工业信息等支出/工业和信息产业监管/产业发展].change_pct 146.17 261
gpb.item[住房保障支出/住房改革支出/住房公积金] 35.82 269
gpb.item[住房保障支出/住房改革支出/住房公积金].change -9.93 269
gpb.item[住房保障支出/住房改革支出/住房公积金].change_pct -21.70 271
gpb.item[其他支出/其他支出/其他支出] 18.28 276
gpb.item[其他支出/其他支出/其他支出].change -4.84 276
gpb.item[其他支出/其他支出/其他支出].change_pct -20.93 276
gpb.item[社会保障和就业支出/行政事业单位养老支出/其他行政事业单位养老支出] 0.00 282
gpb.item[社会保障和就业支出/行政事业单位养老支出/其他行政事业单位养老支出].change -0.02 284
gpb.item[社会保障和就业支出/行政事业单位养老支出/其他行政事业单位养老支出].change_pct -100 284
gpb.item[节能环保支出/其他节能环保支出/其他节能环保支出] 0.00 294
gpb.item[节能环保支出/其他节能环保支出/其他节能环保支出].change -79.00 296
gpb.item[节能环保支出/其他节能环保支出/其他节能环保支出].change_pct -100 296
gpb.item[灾害防治及应急管理支出/应急管理事务/其他应急管理支出] 0.00 302
gpb.item[灾害防治及应急管理支出/应急管理事务/其他应急管理支出].change -3.00 304
gpb.item[灾害防治及应急管理支出/应急管理事务/其他应急管理支出].change_pct -100 304
basic.total 786.36 310
basic.personnel 716.50 312
basic.public 69.85 326
three.total 12.24 336
three.change 1.83 338
three.change_pct 17.58 338
three.overseas 1.89 344
three.overseas.pct 15.44 344
three.overseas.change 1.89 346
three.overseas.change_pct 100.00 346
three.vehicle 10.00 350
three.vehicle.pct 81.70 350
three.vehicle.change 0.01 352
three.vehicle.change_pct 0.10 352
three.reception 0.35 354
three.reception.pct 2.86 356
three.reception.change -0.07 356
three.reception.change_pct -16.67 356
three.overseas 1.89 364
three.overseas_groups 1 367
three.overseas_persons 1 369
three.vehicle 10.00 371
three.vehicle_purchase 0.00 373
three.vehicle_operation 10.00 373
three.vehicles_purchased 0 377
three.vehicles_owned 4 377
three.fixed_asset_vehicles 4 379
three.reception 0.35 385
three.reception_batches 5 387
three.reception_persons 38 387
three.budget 12.24 391
three.final 12.24 391
three.deviation_pct 0.00 391
three.overseas.budget 1.89 395
three.overseas.final 1.89 395
three.overseas.deviation_pct 0.00 397
three.vehicle_purchase.budget 0.00 399
three.vehicle_purchase.final 0.00 401
three.vehicle_purchase.deviation_pct 0.00 401
three.vehicle_operation.budget 10.00 403
three.vehicle_operation.final 10.00 405
three.vehicle_operation.deviation_pct 0.00 405
three.reception.budget 0.35 409
three.reception.final 0.35 409
three.reception.deviation_pct 0.00 409
gov_fund.empty True 416
soe_capital.empty True 424
ops.total 69.85 434
ops.change -4.22 436
ops.change_pct -5.70 436
procurement.total 119.13 442
procurement.goods 8.27 444
procurement.works 0.00 444
procurement.services 110.86 446
procurement.sme 117.51 448
procurement.sme_pct 98.64 450
procurement.small_micro 112.50 450
procurement.small_micro_pct 94.43 452
assets.fixed_original_value 183.75 455
assets.house_area 59.14 457
assets.house_value 17.00 457
assets.vehicles 4 457
assets.vehicles_value 90.12 457
assets.vehicles[副部(省)级及以上领导用车] 0 459
assets.vehicles[主要负责人用车] 0 461
assets.vehicles[机要通信用车] 0 461
assets.vehicles[应急保障用车] 0 461
assets.vehicles[执法执勤用车] 0 463
assets.vehicles[特种专业技术用车] 0 463
assets.vehicles[离退休干部服务用车] 0 465
assets.vehicles[其他用车] 4 465
assets.equipment_over_1m 0 467
perf.overall_tables 1 473
perf.overall_budget 2528.87 473
perf.overall_executed 2528.87 475
perf.projects 16 475
perf.projects_budget 6563.59 477
perf.projects_executed 1602.71 477
perf.narrative[主题库建设完成N个] 6 481
perf.narrative[“小巨人”企业N家] 20 485
perf.narrative[三是开展行业安全监管和工业企业安全指导N轮] 7 493
perf.narrative[对全州N家民爆生产销售企业] 14 495
perf.narrative[N家重点工业企业开展安全生产检查指导] 300 495
""",
    "001": """
doc.kind budget 117
doc.unit 自治区财政厅 1
doc.year 2024 1
org.subunits 1 103
org.divisions 39 105
org.admin_units 1 127
org.institutions 1 127
staff.authorized 419 135
staff.total 586 135
staff.active 315 135
staff.active.change -20 135
staff.retired 267 137
staff.retired.change 13 137
staff.lixiu 4 137
staff.lixiu.change 0 137
""",
}


def rows(sample_id: str) -> Counter:
    out: Counter = Counter()
    for line in EXPECTED[sample_id].strip().splitlines():
        key, value, lineno = line.rsplit(" ", 2)
        out[(key, value, int(lineno))] += 1
    return out


def extracted(sample_id: str) -> Counter:
    doc = sample_doc(sample_id)
    return Counter((f.key, str(plain(f.value)), f.source.line) for f in doc.facts if OWN.match(f.key))


@pytest.mark.parametrize("sample_id", [*FINAL_ACCOUNTS, "001"])
def test_every_fact_with_value_and_line(sample_id):
    got, want = extracted(sample_id), rows(sample_id)
    assert got - want == Counter(), "extracted but not expected"
    assert want - got == Counter(), "expected but not extracted"


@pytest.mark.parametrize("sample_id", [*FINAL_ACCOUNTS, "001"])
def test_values_are_typed_and_sources_are_the_printed_figures(sample_id):
    for fact in sample_doc(sample_id).facts:
        if not OWN.match(fact.key) or fact.key.startswith("doc.kind") or fact.key.startswith("doc.unit"):
            continue
        if isinstance(fact.value, bool):
            assert fact.source.text.replace("\n", "").replace(" ", "").endswith("空表"), fact
            continue
        assert isinstance(fact.value, int if COUNTS.search(fact.key) else Decimal), fact
        if fact.source.text.startswith("无"):  # 无下属预算单位 states a count of 0 in words
            assert fact.value == 0
            continue
        printed = re.match(r"-?[\d,.]+", to_halfwidth(re.sub(r"\s", "", fact.source.text))).group()
        # The source is the figure as printed; only a direction word (减少/下降) outside it gives the sign.
        assert abs(parse_amount(printed)) == abs(Decimal(fact.value)), fact


def test_same_key_in_two_places_keeps_both_sources():
    doc = sample_doc("000")
    vehicle = [f for f in doc.facts if f.key == "three.vehicle"]
    assert [(f.value, f.source.line) for f in vehicle] == [(Decimal("31.99"), 433), (Decimal("31.99"), 453)]
    assert vehicle[0].section.endswith("七、财政拨款“三公”经费支出决算情况说明")


def test_source_columns_point_into_the_original_file():
    doc = sample_doc("000")
    fact = next(f for f in doc.facts if f.key == "expense.basic")
    lines = SAMPLE_FILES["000"].read_text(encoding="utf-8").split("\n")
    assert (fact.source.line, fact.source.end_line) == (197, 199)
    assert lines[196][fact.source.column - 1 :].startswith("1,566.90")
    assert lines[198][: fact.source.end_column] == "元"


def test_budget_sample_gets_no_final_accounts_facts():
    doc = sample_doc("001")
    assert doc.kind is DocKind.BUDGET
    final_only = re.compile(r"^(summary|income|expense|fiscal|gpb|basic|three|gov_fund|soe_capital|ops|"
                            r"procurement|assets)\.|^perf\.(overall_|projects|narrative)")
    assert [f.key for f in doc.facts if final_only.match(f.key)] == []
    assert not [w for w in doc.warnings if "提取器" in w and "budget" not in w]


@pytest.mark.parametrize("sample_id", ["000"])
def test_cli_json_has_the_contract_shape(sample_id):
    command = [sys.executable, "-m", "budgetdoc", "parse", str(SAMPLE_FILES[sample_id]), "--format", "json"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    assert data["document"]["kind"] == "final_accounts"
    summary = next(f for f in data["facts"] if f["key"] == "summary.income_total")
    assert set(summary["source"]) >= {"line", "column", "end_line", "end_column", "text"}
    assert re.fullmatch(r"\d+\.\d\d", summary["value"])


# Sentences as printed in another region's 决算 (上海市普陀区财政局 2024, shared/samples/pdf/001_…pdf), behind a
# table of contents that repeats every title: the phrasing differs from the four samples.
OTHER_TEMPLATE = """上海市普陀区财政局2024年度部门决算
第三部分上海市普陀区财政局2024年度部门决算情况说明
一、收入支出决算总体情况说明
五、一般公共预算财政拨款支出决算情况说明
第二部分上海市普陀区财政局2024年度部门决算表
第三部分上海市普陀区财政局2024年度部门决算情况说明
一、收入支出决算总体情况说明
上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比,收入支出总计减少56.95万元,下降1.87%。
二、收入决算情况说明
本年收入合计2946.25万元,其中:财政拨款收入2940.05万元,占99.79%;其他收入6.2万元,占0.21%;
五、一般公共预算财政拨款支出决算情况说明
(二)一般公共预算财政拨款支出决算结构情况
一般公共预算财政拨款支出2940.05万元,主要用于以下方面:一般公共服务支出(类)2106.66万元,占71.73%;社会保障和就业支出(类)326.72万元,占11.11%;
(三)一般公共预算财政拨款支出决算具体情况
1、一般公共服务支出(类)财政事务(款)行政运行(项)。主要用于:局本部人员经费及公用经费等的基本支出。年初预算为1560.05万元,支出决算为1511.89万元。
"""


def test_other_template_phrasing_and_table_of_contents():
    from budgetdoc.pipeline import parse_raw
    from budgetdoc.read.base import RawDocument

    doc = parse_raw(RawDocument(path="other.txt", text=OTHER_TEMPLATE, format="txt"))
    got = {(f.key, str(plain(f.value)), f.source.line) for f in doc.facts if OWN.match(f.key)}
    item = "gpb.item[一般公共服务支出/财政事务/行政运行]"
    assert got >= {
        ("summary.change", "-56.95", 8), ("summary.change_pct", "-1.87", 8),
        ("income.fiscal", "2940.05", 10), ("income.other", "6.2", 10), ("income.other.pct", "0.21", 10),
        ("gpb.category[一般公共服务支出]", "2106.66", 13), ("gpb.category[社会保障和就业支出].pct", "11.11", 13),
        (item, "1511.89", 15), (f"{item}.budget_initial", "1560.05", 15),
    }
    # 收入支出总计 states both totals at once: one figure, both keys, the same place.
    assert {("summary.income_total", "2995.39", 8), ("summary.expense_total", "2995.39", 8)} <= got
