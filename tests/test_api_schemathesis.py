"""A property test of the whole API against its own OpenAPI schema (schemathesis).

Every operation gets generated requests, valid and invalid; each response must
be no server error, conform to the documented status codes, content types and
schemas, and reject what the schema rejects. ``POST /ingest`` is exercised
too, but the key it needs is never sent, so it only ever answers 401/403/4xx:
no fetching, no writing.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from query_corpus import build_small

from watchfloor.api import ApiSettings, create_app
from watchfloor.store import open_store

# The app opens its database per request, so the schema can load before the data is filed.
_FOLDER = Path(tempfile.mkdtemp(prefix="watchfloor-schemathesis-"))
atexit.register(shutil.rmtree, _FOLDER, True)
DATABASE = _FOLDER / "small.db"
APP = create_app(ApiSettings(database=str(DATABASE), api_key="never-sent-" + "k" * 32))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def _data() -> None:
    if not DATABASE.exists():
        store = open_store(DATABASE)
        build_small(store)
        store.close()


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_conforms_to_its_schema(case: schemathesis.Case) -> None:  # type: ignore[type-arg]
    case.call_and_validate()
