"""``budgetdoc serve``: the web UI and API over a store (127.0.0.1 unless told otherwise)."""

from __future__ import annotations

from typing import Annotated

import typer

from budgetdoc.cli.app import app, console
from budgetdoc.cli.store import DbOption, existing_store


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="监听地址（默认只在本机）")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", help="端口")] = 8000,
) -> None:
    """启动网页界面与 JSON 接口。Serve the web UI and its API.

    Example: budgetdoc serve --db corpus.duckdb --port 8000
    """
    import uvicorn

    from budgetdoc.web import create_app

    with existing_store(db) as store:
        console.print(f"预决算公开文档库：http://{host}:{port}/ （{store.url}；API 文档 /docs）", highlight=False)
        uvicorn.run(create_app(store), host=host, port=port, log_level="warning")
