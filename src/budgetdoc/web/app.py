"""FastAPI app factory: Chinese pages (Jinja2) and their JSON twins under ``/api``, from the same data."""

from __future__ import annotations

import hmac
import os
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import FastAPI, File, Form, Header, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from budgetdoc.errors import BudgetdocError, UsageError
from budgetdoc.export import MEDIA_TYPES, export_bytes
from budgetdoc.labels import label
from budgetdoc.serialize import plain
from budgetdoc.store import Store, document_id
from budgetdoc.web import data, pages
from budgetdoc.web.upload import check_upload, upload_limit

HERE = Path(__file__).parent
Keys = Annotated[list[str], Query(alias="key")]
Units = Annotated[list[str], Query(alias="unit")]
Years = Annotated[list[int], Query(alias="year")]
Rules = Annotated[list[str], Query(alias="rule")]
Severities = Annotated[list[str], Query(alias="severity")]
PageNo = Annotated[int, Query(alias="page", ge=1)]
FINDING_COLUMNS = ("unit", "year", "kind", "rule", "severity", "message", "expected", "actual", "keys",
                   "key_labels", "line", "snippet", "doc_id")


def _require_token(token: str | None) -> None:
    """Write endpoints need ``$BUDGETDOC_TOKEN`` when it is set."""
    expected = os.environ.get("BUDGETDOC_TOKEN")
    if expected and not hmac.compare_digest((token or "").encode(), expected.encode()):
        raise HTTPException(403, "需要有效的访问令牌（BUDGETDOC_TOKEN）才能写入")


def _download(content: bytes, fmt: str, stem: str) -> Response:
    name = f"{stem}.{fmt}"
    return Response(content, media_type=MEDIA_TYPES[fmt],
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})


def create_app(store: Store) -> FastAPI:
    """The web app over ``store``; every page ``/x`` has its JSON twin ``/api/x``."""
    app = FastAPI(title="budgetdoc 预决算公开文档库", version="1",
                  description="部门预算/决算公开文档的事实、检查结果与对比。每个页面都有同源的 JSON 接口。")
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals.update(kind_labels=data.KIND_LABELS, severity_labels=data.SEVERITY_LABELS, label=label)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        return templates.TemplateResponse(request, name, {"data": context, "json": plain(context)},
                                          status_code=status)

    def api(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "请求无效"
        if exc.status_code == 404 and message == "Not Found":
            message = "页面不存在"
        if api(request):
            return JSONResponse({"error": message, "status": exc.status_code}, status_code=exc.status_code)
        return page(request, "error.html", {"error": message, "status": exc.status_code}, exc.status_code)

    @app.exception_handler(BudgetdocError)
    async def library_error(request: Request, exc: BudgetdocError) -> Response:
        status = 404 if isinstance(exc, UsageError) else 422
        return await http_error(request, StarletteHTTPException(status, str(exc)))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        return await http_error(request, StarletteHTTPException(500, f"内部错误：{type(exc).__name__}"))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        fields = "、".join(str(e.get("loc", ["?"])[-1]) for e in exc.errors())
        return await http_error(request, StarletteHTTPException(400, f"参数无效：{fields}"))

    @app.middleware("http")
    async def refuse_nul(request: Request, call_next: Any) -> Response:
        # no stored text can hold NUL (PostgreSQL refuses it outright): a request carrying one is malformed
        if "%00" in request.url.query or "\x00" in request.url.path:
            return await http_error(request, StarletteHTTPException(400, "参数无效：不能含有 NUL 字符"))
        return await call_next(request)

    # -- 总览 ----------------------------------------------------------------------------------------------
    @app.get("/api/overview", tags=["总览"])
    def api_overview() -> dict[str, Any]:
        return data.overview(store)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview_page(request: Request) -> HTMLResponse:
        return page(request, "overview.html", data.overview(store))

    # -- 文档 ----------------------------------------------------------------------------------------------
    @app.get("/api/documents", tags=["文档"])
    def api_documents(page_no: PageNo = 1) -> dict[str, Any]:
        return data.documents(store, page_no)

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(request: Request, page_no: PageNo = 1) -> HTMLResponse:
        return page(request, "documents.html", data.documents(store, page_no))

    def _document(doc_id: str, fact: int | None, finding: int | None) -> dict[str, Any]:
        found = data.document(store, doc_id, fact, finding)
        if found is None:
            raise HTTPException(404, f"没有这个文档：{doc_id}")
        return found

    @app.get("/api/documents/{doc_id}", tags=["文档"])
    def api_document(doc_id: str, fact: int | None = None, finding: int | None = None) -> dict[str, Any]:
        return plain(_document(doc_id, fact, finding))

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str, fact: int | None = None,
                      finding: int | None = None) -> HTMLResponse:
        return page(request, "document.html", _document(doc_id, fact, finding))

    @app.get("/api/documents/{doc_id}/findings/{seq}/page", tags=["文档"])
    def api_finding_page(doc_id: str, seq: int) -> dict[str, Any]:
        """The page a finding's figures are printed on and their boxes (PDF points, top-left origin)."""
        marks = pages.finding_marks(store, doc_id, seq)
        if marks is None:
            raise HTTPException(404, "该问题没有可定位的 PDF 页面")
        return {"doc_id": doc_id, "seq": seq, **(pages.marks_dict(marks) or {}),
                "image": f"/documents/{doc_id}/findings/{seq}/page.png"}

    @app.get("/documents/{doc_id}/findings/{seq}/page.png", tags=["文档"])
    def finding_page_png(doc_id: str, seq: int) -> Response:
        """The finding's page rendered, every figure involved framed in red."""
        image = pages.finding_image(store, doc_id, seq)
        if image is None:
            raise HTTPException(404, "该问题没有可定位的 PDF 页面")
        return Response(image, media_type="image/png")

    # -- 单位 ----------------------------------------------------------------------------------------------
    @app.get("/api/units", tags=["单位"])
    def api_units(page_no: PageNo = 1) -> dict[str, Any]:
        return data.units(store, page_no)

    @app.get("/units", response_class=HTMLResponse, include_in_schema=False)
    def units_page(request: Request, page_no: PageNo = 1) -> HTMLResponse:
        return page(request, "units.html", data.units(store, page_no))

    def _unit(unit_id: str) -> dict[str, Any]:
        found = data.unit(store, unit_id)
        if found is None:
            raise HTTPException(404, f"没有这个单位：{unit_id}")
        return found

    @app.get("/api/units/{unit_id}", tags=["单位"])
    def api_unit(unit_id: str) -> dict[str, Any]:
        return _unit(unit_id)

    @app.get("/units/{unit_id}", response_class=HTMLResponse, include_in_schema=False)
    def unit_page(request: Request, unit_id: str) -> HTMLResponse:
        return page(request, "unit.html", _unit(unit_id))

    # -- 对比 ----------------------------------------------------------------------------------------------
    @app.get("/api/compare", tags=["对比"])
    def api_compare(key: Keys = [], unit: Units = [], year: Years = []) -> dict[str, Any]:  # noqa: B006
        return data.compare_table(store, key, unit, year)

    @app.get("/compare", response_class=HTMLResponse, include_in_schema=False)
    def compare_page(request: Request, key: Keys = [], unit: Units = [],  # noqa: B006
                     year: Years = []) -> HTMLResponse:  # noqa: B006
        return page(request, "compare.html", data.compare_table(store, key, unit, year) | data.compare_choices(store))

    @app.get("/compare/download", tags=["对比"])
    def compare_download(fmt: Annotated[str, Query(alias="format", pattern="^(csv|xlsx)$")] = "csv",
                         key: Keys = [], unit: Units = [], year: Years = []) -> Response:  # noqa: B006
        table = data.compare_table(store, key, unit, year)
        return _download(export_bytes(table["rows"], fmt, table["columns"]), fmt, "对比")

    @app.get("/api/keys", tags=["对比"])
    def api_keys(q: str = "", limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> dict[str, Any]:
        """Stored fact keys with their Chinese names, found by Chinese or English (``q``)."""
        return data.key_search(store, q, limit)

    # -- 检查 ----------------------------------------------------------------------------------------------
    @app.get("/api/findings", tags=["检查"])
    def api_findings(rule: Rules = [], severity: Severities = [], year: Years = []) -> dict[str, Any]:  # noqa: B006
        return data.findings(store, rule, severity, year)

    @app.get("/findings", response_class=HTMLResponse, include_in_schema=False)
    def findings_page(request: Request, rule: Rules = [], severity: Severities = [],  # noqa: B006
                      year: Years = []) -> HTMLResponse:  # noqa: B006
        return page(request, "findings.html", data.findings(store, rule, severity, year))

    @app.get("/findings/download", tags=["检查"])
    def findings_download(rule: Rules = [], severity: Severities = [], year: Years = []) -> Response:  # noqa: B006
        rows = store.findings(rules=[r for r in rule if r], severities=[s for s in severity if s], years=year)
        return _download(export_bytes(rows, "xlsx", FINDING_COLUMNS), "xlsx", "检查结果")

    # -- 检查结果（检查工作） ----------------------------------------------------------------------------------
    @app.get("/api/inspect", tags=["检查"])
    def api_inspect() -> dict[str, Any]:
        """Every stored unit: documents found, completeness, findings by severity and type, declared score."""
        from budgetdoc.inspect import campaign  # noqa: PLC0415

        return plain(campaign(store))

    @app.get("/inspect", response_class=HTMLResponse, include_in_schema=False)
    def inspect_page(request: Request) -> HTMLResponse:
        from budgetdoc.inspect import campaign  # noqa: PLC0415

        return page(request, "inspect.html", plain(campaign(store)))

    @app.get("/inspect/download", tags=["检查"])
    def inspect_download() -> Response:
        from budgetdoc.inspect import campaign, workbook_bytes  # noqa: PLC0415

        return _download(workbook_bytes(campaign(store)), "xlsx", "检查结果")

    # -- 功能分类 treemap ----------------------------------------------------------------------------------
    @app.get("/api/treemap", tags=["功能分类"])
    def api_treemap(doc: str | None = None) -> dict[str, Any]:
        return data.treemap(store, doc)

    @app.get("/treemap", response_class=HTMLResponse, include_in_schema=False)
    def treemap_page(request: Request, doc: str | None = None) -> HTMLResponse:
        return page(request, "treemap.html", data.treemap(store, doc))

    # -- 上传检查 ------------------------------------------------------------------------------------------
    async def _upload(file: UploadFile, save: bool, token: str | None) -> dict[str, Any]:
        if save:
            _require_token(token)
        content = await file.read(upload_limit() + 1)
        # in a worker thread: parsing takes a CPU-bound while that must not stall every other request
        doc, report = await run_in_threadpool(check_upload, file.filename or "upload", content)
        stored_id = None
        if save:
            # Stored like an ingested file: its unit's other documents are re-checked against it.
            store.recheck_related(store.save(doc, report))
            stored_id = document_id(doc)
        return {"document": {"path": doc.path, "unit": doc.unit, "year": doc.year, "kind": doc.kind.value,
                             "facts": len(doc.facts), "warnings": list(doc.warnings)},
                "findings": [plain(f) for f in report.findings], "passed": report.passed,
                "deferred": [plain(d) for d in report.deferred], "stored": stored_id}

    @app.post("/api/upload", tags=["上传检查"])
    async def api_upload(file: Annotated[UploadFile, File()], store_it: Annotated[bool, Form(alias="store")] = False,
                         x_budgetdoc_token: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        return await _upload(file, store_it, x_budgetdoc_token)

    @app.get("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload_form(request: Request) -> HTMLResponse:
        return page(request, "upload.html", {"result": None, "limit_mb": upload_limit() // (1024 * 1024)})

    @app.post("/upload", response_class=HTMLResponse, include_in_schema=False)
    async def upload_page(request: Request, file: Annotated[UploadFile, File()],
                          store_it: Annotated[bool, Form(alias="store")] = False,
                          token: Annotated[str | None, Form()] = None) -> HTMLResponse:
        result = await _upload(file, store_it, token)
        return page(request, "upload.html", {"result": result, "limit_mb": upload_limit() // (1024 * 1024)})

    return app
