"""The brief over HTTP, through the same functions as ``watchfloor brief``.

``GET /brief`` is a preview: it records nothing, so reading it (or the dashboard's
brief at ``/``) never hides an alert from the next brief. ``POST /brief`` (needs the
API key) is a brief delivered: it is recorded, and the next brief's "Caught by
watch rules" lists only the alerts fired after it (watchfloor/brief/collect.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from watchfloor.api.deps import AUTH_RESPONSES, StoreDep, require_key
from watchfloor.api.read import IsoDate
from watchfloor.brief import Brief, build_brief, mark_brief, to_markdown
from watchfloor.query import QueryError

read_router = APIRouter(tags=["brief"])
write_router = APIRouter(tags=["brief"])
Since = Annotated[
    str,
    Query(
        pattern=r"^(all|[0-9]{1,5}[hdw])$",
        description="12h, 1d, 7d, 2w (back from the newest stored article) or all.",
    ),
]
FromDay = Annotated[
    IsoDate | None, Query(description="From this day on (YYYY-MM-DD), instead of since.")
]


@dataclass(frozen=True)
class LinkOut:
    doc_id: str
    title: str
    published: str | None
    url: str | None


@dataclass(frozen=True)
class ItemOut:
    label: str
    text: str
    note: str
    links: list[LinkOut]


@dataclass(frozen=True)
class SectionOut:
    title: str
    note: str  # what the section covers when not the window ("Since the last brief, ...")
    empty: str
    items: list[ItemOut]


@dataclass(frozen=True)
class BriefOut:
    title: str
    since: str | None  # the window, UTC (None: from the first article)
    until: str
    summary: str
    sections: list[SectionOut]
    markdown: str  # the whole brief, as `watchfloor brief` prints it
    marked_at: str | None  # when this brief was recorded (POST), else None


@read_router.get("/brief")
def preview_brief(store: StoreDep, since: Since = "1d", from_day: FromDay = None) -> BriefOut:
    """The brief of a window, with what the watch rules caught since the last brief
    recorded. A preview: it records nothing."""
    return _out(_build(store, since, from_day), None)


@write_router.post("/brief", dependencies=[Depends(require_key)], responses=AUTH_RESPONSES)
def deliver_brief(store: StoreDep, since: Since = "1d", from_day: FromDay = None) -> BriefOut:
    """The brief, recorded as delivered (needs the API key): the next brief lists only
    the alerts fired after this one."""
    brief = _build(store, since, from_day)
    return _out(brief, mark_brief(store, brief))


def _build(store: StoreDep, since: str, from_day: date | None) -> Brief:
    try:
        return build_brief(store, from_day.isoformat() if from_day else since)
    except ValueError as exc:  # answered 422 by the app's QueryError handler
        raise QueryError(str(exc)) from exc


def _out(brief: Brief, marked_at: str | None) -> BriefOut:
    sections = [
        SectionOut(
            s.title,
            s.note,
            s.empty,
            [
                ItemOut(
                    i.label,
                    i.text,
                    i.note,
                    [LinkOut(k.doc_id, k.title, k.published, k.url) for k in i.links],
                )
                for i in s.items
            ],
        )
        for s in brief.sections
    ]
    window = brief.window
    return BriefOut(
        brief.title,
        window.since,
        window.until,
        brief.summary,
        sections,
        to_markdown(brief),
        marked_at,
    )


@write_router.api_route(
    "/brief", methods=["PUT", "PATCH", "DELETE", "OPTIONS"], include_in_schema=False
)
def brief_other_methods() -> Response:
    """405 naming both methods of /brief (Starlette names only the first route's)."""
    return Response(status_code=405, headers={"Allow": "GET, POST"})
