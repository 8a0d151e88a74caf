"""The application factory: one FastAPI app serving /api/ (JSON) and the pages (HTML)."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from ... import __version__
from ...errors import ConfigError
from ...options import Options
from ...store import Store
from . import api, errors, exports, login, pages
from .access import ReadGate
from .jobs import Jobs
from .security import MIN_TOKEN, BodyLimit, HostCheck, SecurityHeaders
from .stores import StorePool

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
MULTIPART_OVERHEAD = 64 * 1024  # boundaries, part headers and the token field around one file


def create_app(db_path: str | Path, token: str | None = None, readonly: bool = True,
               options: Options | None = None, max_upload: int | None = None, *, read_token: str | None = None,
               host: str = "127.0.0.1", allow_hosts: Iterable[str] = ()) -> FastAPI:
    """An app over the database at db_path.

    readonly: refuse uploads and merge judgements (the default: a server shows, it does not change).
    token: when set, writes need it (`Authorization: Bearer TOKEN` or a `token` form field).
    read_token: when set, every page and API call needs it (or the write token).
    host, allow_hosts: the address it listens on and the other names it may be reached by; any
    other Host header is refused (DNS rebinding).
    max_upload: the largest upload in bytes (default: the ingest limit, Options.limits.max_bytes).
    """
    for name, value in (("token", token), ("read token", read_token)):
        if value is not None and len(value) < MIN_TOKEN:
            raise ConfigError(f"the {name} is {len(value)} characters long: use at least {MIN_TOKEN} "
                              "(for example `python3 -c 'import secrets; print(secrets.token_urlsafe())'`)")
    options = options or Options()
    if max_upload is not None:
        options = replace(options, limits=replace(options.limits, max_bytes=max_upload))
    path = str(db_path)
    # Fail at start-up, not on the first request: a missing or foreign database is a usage error.
    Store(path, readonly=readonly).close()
    pool = StorePool(path)
    jobs = Jobs(pool, options)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # What start-up loaded (modules, the app, its routes: about 100,000 objects) lives as long
        # as the server: kept out of the collector's full passes, which otherwise walked all of it
        # every few hundred requests and stalled one request 100-250 ms (a page's p95).
        gc.collect()
        gc.freeze()
        yield
        jobs.close()
        pool.close()

    app = FastAPI(
        title="claimgraph",
        summary="Who said what, about whom, with what numbers — with provenance.",
        version=__version__,
        # Swagger UI and ReDoc load scripts from a CDN and run inline code, which the
        # Content-Security-Policy forbids; the schema itself stays at /openapi.json.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    state: Any = app.state
    state.pool = pool
    state.jobs = jobs
    state.token = token or None
    state.read_token = read_token or None
    state.readonly = readonly
    state.options = options
    errors.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(login.router)
    app.include_router(exports.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(BodyLimit, limit=options.limits.max_bytes + MULTIPART_OVERHEAD)
    app.add_middleware(ReadGate)
    app.add_middleware(HostCheck, allowed={host, *allow_hosts})
    app.add_middleware(SecurityHeaders)
    return app
