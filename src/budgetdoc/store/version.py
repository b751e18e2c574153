"""The pipeline version a document was parsed and checked with: part of the store's idempotency key.

Content alone is not enough: a stored document keeps the findings of the budgetdoc that ingested it, so a new
rule or extractor must make the same file count as not yet stored.
"""

from __future__ import annotations

import functools
import hashlib


@functools.cache
def pipeline_version() -> str:
    """``<budgetdoc version>+<12 hex digits>``: the digits fingerprint the rule codes and the extractor list.

    The fingerprint changes when a rule or an extractor/table finder is added, removed or renamed; a change
    inside one keeps it (bump ``budgetdoc.__version__`` for that, or ingest with ``--force``).
    """
    from budgetdoc import __version__
    from budgetdoc.check.catalog import CATALOG
    from budgetdoc.extract import EXTRACTORS, READERS, TABLE_FINDERS

    parts = [f"rule:{rule.code}:{rule.severity.value}" for rule in CATALOG]
    parts += [f"extract:{_name(f)}" for f in EXTRACTORS] + [f"tables:{_name(f)}" for f in TABLE_FINDERS]
    parts += [f"reader:{_name(f)}" for f in READERS]
    digest = hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:12]
    return f"{__version__}+{digest}"


def _name(function: object) -> str:
    return f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', repr(function))}"
