"""Who may read, and who is shown the server's own file paths.

A server bound beyond this machine shows its documents to whoever reaches it; with a read token
(`--read-token`) only to those who present it (a `Bearer` header from programs, a cookie set by
/login in browsers). Where a document was found on the server's disk ("/home/…/leak.pdf") says
more than the document does: absolute paths are shown only to this machine's own browser or to
a holder of a token, others see the file's name.
"""

from __future__ import annotations

import ntpath
import posixpath
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse, RedirectResponse

from .security import HEADERS, ASGIApp, Receive, Scope, Send, bearer, is_loopback, token_ok

COOKIE = "claimgraph_token"
OPEN_PATHS = ("/login", "/static/", "/favicon.ico")  # reachable without the read token


def presented(conn: HTTPConnection) -> str | None:
    """The token a request carries: the Authorization header, else the browser's cookie."""
    return bearer(conn.headers.get("authorization")) or conn.cookies.get(COOKIE) or None


def is_token(state: Any, given: str | None) -> bool:
    """Whether `given` is the server's write or read token (a server without either: no)."""
    return given is not None and any(t is not None and token_ok(t, given) for t in (state.token, state.read_token))


def holds_token(conn: HTTPConnection) -> bool:
    return is_token(conn.app.state, presented(conn))


def may_read(conn: HTTPConnection) -> bool:
    state: Any = conn.app.state
    return state.read_token is None or holds_token(conn)


def trusted(request: Request) -> bool:
    """This machine's own browser or program, or a holder of a token: shown absolute paths."""
    client = request.client.host if request.client else ""
    return is_loopback(client) or holds_token(request)


def hide_path(value: str | None) -> str | None:
    """An absolute file path cut to its file name; URLs and names like 'upload:a.txt' unchanged."""
    if not value:
        return value
    if posixpath.isabs(value) or ntpath.isabs(value):
        return "…/" + value.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return value


def shown_locations(request: Request, locations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if trusted(request):
        return locations
    return [{**loc, "uri": hide_path(loc.get("uri")), "container": hide_path(loc.get("container"))}
            for loc in locations]


def shown_source(request: Request, row: dict[str, Any]) -> dict[str, Any]:
    """A document row (or a whole document with its extraction) with its `source` path hidden
    from those not trusted with it."""
    if not trusted(request):
        for holder in (row, row.get("extraction")):
            if isinstance(holder, dict) and isinstance(holder.get("source"), str):
                holder["source"] = hide_path(holder["source"])
    return row


class ReadGate:
    """With a read token, every page and API call needs it; /login and static files do not."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(OPEN_PATHS):
            await self.app(scope, receive, send)
            return
        conn = HTTPConnection(scope)
        if may_read(conn):
            await self.app(scope, receive, send)
            return
        response: Any
        if scope["path"].startswith("/api/") or scope["path"] == "/openapi.json":
            response = JSONResponse({"error": "token required", "detail": "this server needs its read token: send "
                                     "`Authorization: Bearer TOKEN`"}, status_code=401,
                                    headers={"WWW-Authenticate": "Bearer"})
        else:
            target = scope["path"] + ("?" + scope["query_string"].decode("latin-1") if scope.get("query_string") else "")
            response = RedirectResponse("/login?" + _next(target), status_code=303)
        for k, v in HEADERS:
            response.headers.setdefault(k.decode(), v.decode())
        await response(scope, receive, send)


def _next(target: str) -> str:
    return urlencode({"next": target})


def local_target(target: str | None) -> str:
    """Where to go after logging in: a path on this server only, never another site."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
