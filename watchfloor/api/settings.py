"""How the API server is set up: database, API key, who may read."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Literal

from watchfloor.store import DEFAULT_DATABASE

ReadAccess = Literal["public", "key"]
API_KEY_ENV = "WATCHFLOOR_API_KEY"
DATABASE_ENV = "WATCHFLOOR_DB"
READ_ACCESS_ENV = "WATCHFLOOR_READ_ACCESS"
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class ApiSettings:
    """``read_access`` public: anyone may read; key: reads need the API key too.

    ``POST /ingest`` always needs the key; with no key set, ingestion is off.
    ``allow_private`` lets ingestion fetch private and loopback addresses.
    """

    database: str = DEFAULT_DATABASE
    api_key: str | None = None
    read_access: ReadAccess = "public"
    allow_private: bool = False
    max_upload_bytes: int = MAX_UPLOAD_BYTES

    def __post_init__(self) -> None:
        if self.read_access not in ("public", "key"):
            raise ValueError("read_access must be public or key")
        if self.read_access == "key" and not self.api_key:
            raise ValueError("read_access=key needs an API key")

    @classmethod
    def from_env(
        cls,
        database: str | None = None,
        api_key: str | None = None,
        read_access: str | None = None,
        allow_private: bool = False,
    ) -> ApiSettings:
        """Settings from the arguments given, else the environment, else the defaults."""
        access = read_access or os.environ.get(READ_ACCESS_ENV) or "public"
        if access not in ("public", "key"):
            raise ValueError("read_access must be public or key")
        return cls(
            database=database or os.environ.get(DATABASE_ENV) or DEFAULT_DATABASE,
            api_key=api_key or os.environ.get(API_KEY_ENV) or None,
            read_access="key" if access == "key" else "public",
            allow_private=allow_private,
        )
