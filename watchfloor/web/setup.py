"""Wiring the dashboard into the app: templates, static files, headers and the key."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from watchfloor.query.geo import places_of
from watchfloor.web.article_view import fact_label
from watchfloor.web.charts import QUAD_COLOURS

if TYPE_CHECKING:  # the API imports this module: no import of it at run time
    from watchfloor.api.settings import ApiSettings

HERE = Path(__file__).parent
KEY_COOKIE = "watchfloor_key"
CSRF_COOKIE = "watchfloor_csrf"
# Scripts, styles and images from the server only; no inline script or style, no frames.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " connect-src 'self'; font-src 'none'; object-src 'none'; base-uri 'none';"
    " form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

templates = Jinja2Templates(directory=HERE / "templates")
templates.env.autoescape = True


def _href(url: str | None) -> str | None:
    """A link a reader may follow: http and https addresses only (never javascript:)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def _q(text: str | None) -> str:
    return quote(text or "", safe="")


templates.env.filters["href"] = _href
templates.env.filters["q"] = _q
templates.env.globals["colours"] = QUAD_COLOURS
templates.env.globals["label"] = fact_label
templates.env.globals["places_of"] = places_of


class KeyRequired(Exception):
    """A page asked for without the key, on a server whose reads need it."""


def guarded(request: Request) -> bool:
    settings: ApiSettings = request.app.state.settings
    return settings.read_access == "key"


def check_key(request: Request) -> None:
    """Pages need the key (kept in an HttpOnly cookie) when reads do."""
    if not guarded(request):
        return
    expected = request.app.state.settings.api_key or ""
    given = request.cookies.get(KEY_COOKIE) or ""
    if not given or not secrets.compare_digest(given.encode(), expected.encode()):
        raise KeyRequired


def render(request: Request, name: str, code: int = 200, **context: Any) -> Response:
    """A page from its template, with the security headers."""
    token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
    response = templates.TemplateResponse(
        request, name, {"csrf": token, "guarded": guarded(request), **context}, status_code=code
    )
    secure_cookie(request, response, CSRF_COOKIE, token)
    return with_headers(response)


def with_headers(response: Response) -> Response:
    for header, value in SECURITY_HEADERS.items():
        response.headers[header] = value
    return response


def secure_cookie(request: Request, response: Response, name: str, value: str) -> None:
    response.set_cookie(
        name,
        value,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )


async def _key_required(request: Request, exc: Exception) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return with_headers(RedirectResponse(f"/login?next={quote(target, safe='')}", 303))


def add_dashboard(app: FastAPI) -> None:
    """The dashboard's pages at ``/`` and its files under ``/static``."""
    from watchfloor.web import login, pages

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(pages.router)
    app.include_router(login.router)
    app.add_exception_handler(KeyRequired, _key_required)
