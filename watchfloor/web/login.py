"""The key, asked for once: ``/login`` keeps it in an HttpOnly, SameSite=Strict cookie
(Secure over HTTPS). The form carries a CSRF token equal to its cookie's."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from watchfloor.web.setup import CSRF_COOKIE, KEY_COOKIE, render, secure_cookie, with_headers

router = APIRouter(include_in_schema=False)


def _local(target: str | None) -> str:
    """Only a path of this server to go back to (never another site)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> Response:
    return render(request, "login.html", next=_local(next), error=None)


@router.post("/login")
def login(
    request: Request,
    key: Annotated[str, Form(max_length=500)],
    csrf: Annotated[str, Form(max_length=200)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    expected = request.app.state.settings.api_key or ""
    cookie = request.cookies.get(CSRF_COOKIE) or ""
    if not cookie or not secrets.compare_digest(cookie.encode(), csrf.encode()):
        return render(request, "login.html", 403, next=_local(next), error="Stale form: try again.")
    if not expected or not secrets.compare_digest(key.encode(), expected.encode()):
        return render(request, "login.html", 403, next=_local(next), error="Wrong key.")
    response = RedirectResponse(_local(next), 303)
    secure_cookie(request, response, KEY_COOKIE, key)
    return with_headers(response)
