"""A small store for the dashboard tests, filled by the real pipeline (ingest, analyse,
file in stories) from a few short articles written for these tests, one of them hostile."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from watchfloor.api import ApiSettings, create_app
from watchfloor.ledger.service import update_ledger
from watchfloor.models import Page, PageKind
from watchfloor.service import analyse_stored, ingest_pages
from watchfloor.store import Store
from watchfloor.stories import file_pending

TOPICS = (
    "procurement",
    "training",
    "maintenance",
    "logistics",
    "air defence",
    "cyber defence",
    "space",
    "research",
    "exports",
    "reserves",
    "medical support",
    "transport",
)
STRIKES = {
    "url": "https://wire.example/world/us-strikes-iraq",
    "title": "US strikes militia targets in Iraq",
    "published": "2030-01-02T10:00:00Z",
    "source": "Wire One",
    "text": "The United States launched airstrikes on Iraq on Monday, killing 12 fighters near"
    " Baghdad, officials said.\n\n"
    '"We will not accept attacks on our soil," Iraqi Prime Minister Mohammed Shia al-Sudani'
    " said in a televised address.\n\n"
    "The number of displaced families rose to 3,000 from 1,200, the United Nations said.\n\n"
    "Analysts said Iran was likely to retaliate against the United States by March.",
}
STRIKES_AGAIN = {
    "url": "https://daily.example/2030/01/02/iraq-airstrikes",
    "title": "Airstrikes hit Iraq",
    "published": "2030-01-02T12:30:00+01:00",
    "source": "Daily Two",
    "text": "The United States carried out airstrikes on Iraq on Monday, the Pentagon said.\n\n"
    "Iran condemned the strikes and accused the United States of violating Iraqi sovereignty.",
}
TREATY = {
    "url": "https://wire.example/europe/france-germany-pact",
    "title": "France and Germany sign defence pact",
    "published": "2030-01-01",
    "source": "Wire One",
    "text": "France and Germany signed a defence agreement in Paris on Tuesday.\n\n"
    "French President Emmanuel Macron met German Chancellor Olaf Scholz to discuss"
    " cooperation on air defence.\n\n"
    "Observers should watch whether the parliaments ratify the agreement before June.\n\n"
    + "\n\n".join(
        f"The pact's chapter on {topic} sets out the terms of joint work, training and"
        " upkeep for the systems both countries operate, and the way reviews are held."
        for topic in TOPICS
    )
    + "\n\nGermany's defence minister said Berlin would propose a joint drill by April.",
}
HOSTILE = {  # text, title and address crafted to run script if a page failed to escape them
    "url": "https://evil.example/x?q=<script>alert(1)</script>",
    "title": "<img src=x onerror=alert(2)> Protest in Madrid",
    "published": "2030-01-02T08:00:00Z",
    "source": "<script>alert(3)</script>",
    "text": "Thousands of people protested against Spain's government in Madrid on Sunday."
    " <script>alert(4)</script>\n\n"
    'Organisers shared a link, <a href="javascript:alert(5)">javascript:alert(5)</a>,'
    ' and an image <img src=x onerror="alert(6)"> with the crowd.\n\n'
    "Spanish police arrested 20 protesters near the parliament, officials said.",
}
ARTICLES = (STRIKES, STRIKES_AGAIN, TREATY, HOSTILE)
SYNDICATED = {**STRIKES, "url": "https://syndicator.example/us-iraq", "source": "Syndicator"}


def page(record: dict[str, str]) -> Page:
    return Page(
        origin=record["url"],
        kind=PageKind.RECORD,
        data=record["text"],
        url=record["url"],
        title=record["title"],
        published=record["published"],
        source=record["source"],
    )


def fill(store: Store) -> None:
    """Ingest, analyse and file the articles, as ``watchfloor ingest`` does."""
    summary = ingest_pages(store, [page(r) for r in (*ARTICLES, SYNDICATED)])
    assert (summary.ingested, summary.duplicates) == (len(ARTICLES), 1), summary
    assert analyse_stored(store) == len(ARTICLES)
    file_pending(store)
    update_ledger(store, today="2030-01-05")


@contextmanager
def serving(settings: ApiSettings) -> Iterator[str]:
    """``watchfloor serve``'s app under uvicorn on a free port of 127.0.0.1; its base URL."""
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
