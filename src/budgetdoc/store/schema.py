"""Table layouts of the store, written once in SQL that DuckDB and PostgreSQL both accept.

Amounts are ``DECIMAL(20,6)`` (sample PDFs print six decimals), never DOUBLE. A fact's value keeps its
printed text in ``value_text``, its number (when it has one) in ``value_num`` and its Python type in
``value_type`` so a mixed-type column never loses what was printed.
"""

from __future__ import annotations

AMOUNT = "DECIMAL(20,6)"

# Source columns repeated on every located record: 1-based positions, raw offsets, the snippet, PDF page.
_SOURCE = """line INTEGER, col INTEGER, end_line INTEGER, end_col INTEGER,
    src_offset INTEGER, src_end INTEGER, snippet TEXT, page INTEGER"""

SOURCE_COLUMNS = ("line", "col", "end_line", "end_col", "src_offset", "src_end", "snippet", "page")

V1 = (
    """CREATE TABLE units (
    unit_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    canonical TEXT NOT NULL)""",
    """CREATE TABLE unit_names (
    name TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL)""",
    """CREATE TABLE documents (
    doc_id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    unit_id TEXT,
    unit TEXT,
    year INTEGER,
    kind TEXT,
    format TEXT,
    pages INTEGER,
    source_text TEXT,
    warnings TEXT,
    n_facts INTEGER,
    n_findings INTEGER,
    passed INTEGER,
    ingested_at TIMESTAMP)""",
    f"""CREATE TABLE facts (
    doc_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    key TEXT NOT NULL,
    value_text TEXT,
    value_num {AMOUNT},
    value_type TEXT,
    section TEXT,
    {_SOURCE})""",
    f"""CREATE TABLE findings (
    doc_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT,
    expected TEXT,
    actual TEXT,
    keys TEXT,
    {_SOURCE})""",
)

V2 = (
    """CREATE TABLE sections (
    doc_id TEXT NOT NULL, seq INTEGER NOT NULL, title TEXT, level INTEGER, kind TEXT, path TEXT,
    norm_start INTEGER, norm_end INTEGER, line INTEGER)""",
    """CREATE TABLE deferred (
    doc_id TEXT NOT NULL, seq INTEGER NOT NULL, rule TEXT, missing TEXT)""",
    f"""CREATE TABLE perf_tables (
    doc_id TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT, scope TEXT, title TEXT, year INTEGER,
    project TEXT, department TEXT, implementer TEXT, goal_target TEXT, goal_actual TEXT,
    total_score {AMOUNT}, line INTEGER)""",
    f"""CREATE TABLE perf_funding (
    doc_id TEXT NOT NULL, table_seq INTEGER NOT NULL, seq INTEGER NOT NULL, label TEXT,
    budget_initial {AMOUNT}, budget_full {AMOUNT}, executed {AMOUNT}, weight {AMOUNT},
    execution_rate {AMOUNT}, score {AMOUNT})""",
    f"""CREATE TABLE indicators (
    doc_id TEXT NOT NULL, table_seq INTEGER NOT NULL, seq INTEGER NOT NULL,
    level1 TEXT, level2 TEXT, name TEXT, target TEXT, target_op TEXT, target_value {AMOUNT},
    target_unit TEXT, actual TEXT, weight {AMOUNT}, score {AMOUNT}, completion_rate TEXT,
    deviation_reason TEXT, line INTEGER)""",
    """CREATE TABLE budget_tables (
    doc_id TEXT NOT NULL, seq INTEGER NOT NULL, name TEXT, number TEXT, kind TEXT, unit TEXT,
    empty_statement TEXT, columns TEXT, line INTEGER)""",
    """CREATE TABLE budget_rows (
    doc_id TEXT NOT NULL, table_seq INTEGER NOT NULL, seq INTEGER NOT NULL, code TEXT, level TEXT,
    parent TEXT, label TEXT, cells TEXT, line INTEGER)""",
)

V3 = (
    "CREATE INDEX facts_key ON facts (key)",
    "CREATE INDEX facts_doc ON facts (doc_id)",
    "CREATE INDEX findings_doc ON findings (doc_id)",
    "CREATE INDEX documents_unit ON documents (unit_id, year)",
)

# The idempotency key becomes content + pipeline version (store/version.py); rows stored before it have ''
# and are parsed again on the next ingest. ``cross_passed`` counts the passes of the cross-document rules
# inside ``passed``, so a re-check against the unit's other documents can replace just those.
V4 = (
    "ALTER TABLE documents ADD COLUMN pipeline TEXT DEFAULT ''",
    "ALTER TABLE documents ADD COLUMN cross_passed INTEGER DEFAULT 0",
)

# Where a fact was read: a sentence (``text``) or a cell of a rebuilt table (``table``); see Source.origin.
V5 = ("ALTER TABLE facts ADD COLUMN origin TEXT DEFAULT 'text'",)

# Tables that hang off one document: deleted together when a document is replaced.
CHILD_TABLES = ("facts", "findings", "sections", "deferred", "perf_tables", "perf_funding", "indicators",
                "budget_tables", "budget_rows")
