"""Property-based tests of the JSON API from its own OpenAPI schema (schemathesis), on the stored samples.

Every operation the schema lists gets generated requests, those the schema allows and those it does not:
no answer may be a 500, and every error must be the one error body (``{"error": "…", "status": N}`` under
``/api/``, the error page elsewhere). A short derandomized run, so CI sees the same requests every time.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from test_store_support import sample_store  # noqa: F401 - fixture

from budgetdoc.web import create_app

EXAMPLES = 25


def _check(case) -> None:
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        if case.path.startswith("/api/"):
            body = response.json()
            assert set(body) == {"error", "status"}, body
            assert body["status"] == response.status_code
            assert isinstance(body["error"], str) and body["error"] and "Traceback" not in body["error"]
        else:
            assert response.headers["content-type"][0].startswith("text/html"), response.headers
            assert "Traceback" not in response.text


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_500_and_one_error_body(sample_store, mode):  # noqa: F811 - the fixture imported above
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(sample_store))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    ran: list[str] = []
    for operation in operations:
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case) -> None:
            _check(case)

        try:
            run()
        except Unsatisfiable:
            # no request breaks a schema without constraints (no parameters, or free-text ones only)
            assert mode is GenerationMode.NEGATIVE
            continue
        ran.append(operation.label)
    assert len(ran) >= (len(operations) if mode is GenerationMode.POSITIVE else 5), ran


def test_what_schemathesis_found_stays_fixed(sample_store):  # noqa: F811 - the fixture imported above
    from fastapi.testclient import TestClient

    client = TestClient(create_app(sample_store), raise_server_exceptions=False)
    # a NUL in a filter (PostgreSQL cannot even compare it) is a bad request, in the one error body
    response = client.get("/api/compare", params={"key": "three.total\x00"})
    assert (response.status_code, response.json()) == (400, {"error": "参数无效：不能含有 NUL 字符", "status": 400})
    # a control character in a key named in the xlsx download is dropped from the sheet, not a 500
    response = client.get("/compare/download", params={"format": "xlsx", "key": "three.total\x1f"})
    assert response.status_code == 200
    assert response.content.startswith(b"PK")
