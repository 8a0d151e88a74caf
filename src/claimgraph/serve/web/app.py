"""The application factory: one FastAPI app serving /api/ (JSON) and the pages (HTML)."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from ... import resolve
from ...errors import ClaimgraphError
from ...options import Options
from ...store import Store
from . import api, errors, pages
from .security import BodyLimit, SecurityHeaders
from .stores import StorePool

log = logging.getLogger("claimgraph.web")
HERE = Path(__file__).parent
MULTIPART_OVERHEAD = 64 * 1024  # boundaries, part headers and the token field around one file


def create_app(db_path: str | Path, token: str | None = None, readonly: bool = True,
               options: Options | None = None, max_upload: int | None = None) -> FastAPI:
    """An app over the database at db_path.

    readonly: refuse uploads and merge judgements (the default: a server shows, it does not change).
    token: when set, writes need it (`Authorization: Bearer TOKEN` or a `token` form field).
    max_upload: the largest upload in bytes (default: the ingest limit, Options.limits.max_bytes).
    """
    options = options or Options()
    if max_upload is not None:
        options = replace(options, limits=replace(options.limits, max_bytes=max_upload))
    path = str(db_path)
    # Fail at start-up, not on the first request: a missing or foreign database is a usage error.
    Store(path, readonly=readonly).close()
    _prepare(path)
    pool = StorePool(path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(
        title="claimgraph",
        summary="Who said what, about whom, with what numbers — with provenance.",
        version=_version(),
        # Swagger UI and ReDoc load scripts from a CDN and run inline code, which the
        # Content-Security-Policy forbids; the schema itself stays at /openapi.json.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    state: Any = app.state
    state.pool = pool
    state.token = token or None
    state.readonly = readonly
    state.options = options
    errors.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(BodyLimit, limit=options.limits.max_bytes + MULTIPART_OVERHEAD)
    app.add_middleware(SecurityHeaders)
    return app


def _prepare(path: str) -> None:
    """Let resolve build its cross-document tables now, once, if it has not yet.

    resolve computes them on first use and keeps them, but pages read through read-only
    connections, where it cannot keep them: every page would recompute them (1.5 s per request
    at 5,000 documents, measured). A first use here, through a writable connection, keeps them.
    Skipped when the file cannot be written; the pages then still work, slowly, until
    `claimgraph resolve` is run.
    """
    if not os.access(path, os.W_OK):
        return
    try:
        with Store(path) as store:
            resolve.entities(store, limit=1)
    except (ClaimgraphError, sqlite3.Error) as exc:
        log.warning("could not prepare cross-document tables: %s", exc)


def _version() -> str:
    from ... import __version__

    return __version__
