"""The REST API (FastAPI) over :mod:`watchfloor.query`; ``watchfloor serve`` runs it."""

from __future__ import annotations

from watchfloor.api.app import create_app
from watchfloor.api.settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]
