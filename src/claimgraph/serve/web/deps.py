"""What routes ask FastAPI for: a database connection, and permission to write."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Form, Header, HTTPException, Request

from ...options import Options
from ...store import Store
from .jobs import Jobs
from .security import bearer, same_origin, token_ok
from .stores import StorePool


def pool(request: Request) -> StorePool:
    p: StorePool = request.app.state.pool
    return p


def jobs(request: Request) -> Jobs:
    j: Jobs = request.app.state.jobs
    return j


def store(request: Request) -> Iterator[Store]:
    with pool(request).reader() as s:
        yield s


def options(request: Request) -> Options:
    o: Options = request.app.state.options
    return o


def _check_write(request: Request, given: str | None) -> None:
    state: Any = request.app.state
    if state.readonly:
        raise HTTPException(403, "this server is read-only; start it with `claimgraph serve --write` to allow changes")
    if not same_origin(request.headers.get("origin"), request.headers.get("host"),
                       request.headers.get("sec-fetch-site")):
        raise HTTPException(403, "a request from another site was refused")
    if not token_ok(state.token, given):
        raise HTTPException(401, "this server needs a token for changes: send `Authorization: Bearer TOKEN` "
                            "or a `token` form field", headers={"WWW-Authenticate": "Bearer"})


def write_by_header(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """Writes from programs: the token in the Authorization header."""
    _check_write(request, bearer(authorization))


def write_by_form(request: Request, authorization: Annotated[str | None, Header()] = None,
                  token: Annotated[str | None, Form(description="the server's token, when it has one")] = None) -> None:
    """Writes from forms (pages, curl -F): the token in the header or a form field."""
    _check_write(request, bearer(authorization) or token)


StoreDep = Annotated[Store, Depends(store)]
OptionsDep = Annotated[Options, Depends(options)]
