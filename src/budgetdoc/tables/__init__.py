"""Table vocabulary shared by every reader and extractor: which table a title names, classification codes."""

from budgetdoc.tables.catalog import CATALOG, TableSpec, identify_table, split_number
from budgetdoc.tables.codes import Code, parse_code, split_code_label

__all__ = ["CATALOG", "Code", "TableSpec", "identify_table", "parse_code", "split_code_label", "split_number"]
