"""The analyst's dashboard: server-rendered pages over the query service.

:func:`add_dashboard` adds the pages (``/``, ``/search``, ``/article/{doc_id}``,
``/actor/{name}``, ``/dyad``, ``/map``, ``/outlook``) and their static files to
the API's FastAPI app. Pages are Jinja2 templates (text always escaped), charts
and the map are SVG drawn by the server, and the little script there is
(:file:`static/app.js`) is served from the package: no CDN, no web font, no
tile server, and a Content-Security-Policy that forbids inline scripts.
"""

from __future__ import annotations

from watchfloor.web.setup import add_dashboard

__all__ = ["add_dashboard"]
