"""Errors as JSON under /api/ and as a plain page elsewhere; never a traceback."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from ...errors import ClaimgraphError, InputError, LimitError, NotFound, StoreBusy
from ...store import DatabaseError, is_busy
from .render import render_error

log = logging.getLogger(__name__)

TITLES = {400: "bad request", 401: "token required", 403: "forbidden", 404: "not found",
          405: "method not allowed", 413: "upload too large", 422: "invalid request",
          500: "internal error", 501: "not available yet", 503: "busy"}
RETRY_AFTER_S = 5  # another writer holds the database: most hold it for well under this


def status_of(exc: ClaimgraphError) -> int:
    if isinstance(exc, StoreBusy):
        return 503
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, LimitError):
        return 413
    if isinstance(exc, InputError):
        return 422
    return 400


def respond(request: Request, status: int, error: str, detail: Any = None,
            headers: dict[str, str] | None = None) -> Response:
    if request.url.path.startswith(("/api/", "/export/")) or request.url.path == "/openapi.json":
        return JSONResponse({"error": error, "detail": jsonable_encoder(detail)}, status_code=status, headers=headers)
    return render_error(request, status, error, detail, headers)


def _retry(code: int) -> dict[str, str] | None:
    return {"Retry-After": str(RETRY_AFTER_S)} if code == 503 else None


def install(app: FastAPI) -> None:
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        title = TITLES.get(exc.status_code, "error")
        detail = exc.detail if exc.detail and exc.detail != title else None
        return respond(request, exc.status_code, title, detail, dict(exc.headers or {}) or None)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        detail = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg")} for e in exc.errors()]
        return respond(request, 422, "invalid request", detail)

    async def claimgraph_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ClaimgraphError)
        code = status_of(exc)
        return respond(request, code, TITLES[code], str(exc), _retry(code))

    async def database_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, DatabaseError)
        if not is_busy(exc):
            return await server_error(request, exc)
        return respond(request, 503, TITLES[503], "the database is busy with another writer", _retry(503))

    async def not_implemented(request: Request, exc: Exception) -> Response:
        return respond(request, 501, TITLES[501], "this needs the resolve stage, which is not in this build yet")

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return respond(request, 500, TITLES[500], "something went wrong on the server; it has been logged")

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(ClaimgraphError, claimgraph_error)
    app.add_exception_handler(DatabaseError, database_error)
    app.add_exception_handler(NotImplementedError, not_implemented)
    app.add_exception_handler(Exception, server_error)
