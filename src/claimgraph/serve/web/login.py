"""/login: a browser presents a token once and keeps it in a cookie (for the read token, and to
be shown where documents were found on the server)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .access import COOKIE, holds_token, is_token, local_target
from .render import page

router = APIRouter(include_in_schema=False)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: Annotated[str | None, Query(max_length=2000)] = None) -> Response:
    return page(request, "login.html", target=local_target(next), signed_in=holds_token(request))


@router.post("/login")
def login(request: Request, token: Annotated[str, Form(max_length=500)],
          next: Annotated[str | None, Form(max_length=2000)] = None) -> Response:
    if not is_token(request.app.state, token):
        return page(request, "login.html", status=401, target=local_target(next), wrong=True, signed_in=False)
    response = RedirectResponse(local_target(next), status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return response


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE)
    return response
