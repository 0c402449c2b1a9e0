"""The data files shipped with the package (lexicons, cue lists, tables), read once each."""

from __future__ import annotations

import json
import tomllib
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any


@cache
def read_toml(*parts: str) -> dict[str, Any]:
    """``read_toml("facts", "plover.toml")``: a TOML file under ``watchfloor/data/``."""
    return tomllib.loads(files("watchfloor").joinpath("data", *parts).read_text("utf-8"))


def read_json(*parts: str) -> Any:
    """``read_json("facts", "cameo_verbs.json")``: a JSON file under ``watchfloor/data/``."""
    return json.loads(files("watchfloor").joinpath("data", *parts).read_text("utf-8"))


def data_root() -> Path:
    """The package's data folder on disk (where ``make models`` writes)."""
    return Path(str(files("watchfloor").joinpath("data")))
