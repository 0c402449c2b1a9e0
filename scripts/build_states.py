"""Build ``watchfloor/data/actors/states.jsonl`` from pycountry plus the hand-kept overlay.

pycountry supplies every ISO 3166-1 entry (codes, ISO name, official name); the overlay
``watchfloor/data/actors/states_overlay.toml`` adds what the team knows (common names,
aliases, demonyms, capitals, government metonyms, sovereign of territories, Wikidata QIDs)
and a few entities missing from ISO 3166-1 (Kosovo). Run from the repository root::

    .venv/bin/python scripts/build_states.py          # rewrite states.jsonl
    .venv/bin/python scripts/build_states.py --check  # exit 1 if states.jsonl is stale

The output is deterministic (sorted by alpha-3, extras last), one JSON object per line.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pycountry

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "watchfloor" / "data" / "actors"
OVERLAY = DATA / "states_overlay.toml"
OUTPUT = DATA / "states.jsonl"

OVERLAY_KEYS = {
    "name",
    "aliases",
    "demonyms",
    "capitals",
    "seats",
    "metonyms",
    "case_sensitive",
    "part_of",
    "wikidata",
    "alpha2",
    "official_name",
}
# Not sovereign states and not dependencies of one.
UNCLAIMED_TERRITORIES = {"ATA", "ESH"}


def _dedupe(items: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    seen = {x.casefold() for x in exclude}
    out: list[str] = []
    for item in items:
        item = item.strip()
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            out.append(item)
    return out


def _entry(
    alpha3: str,
    alpha2: str,
    numeric: str | None,
    iso_name: str,
    official: str | None,
    common: str | None,
    extra: dict[str, Any],
    iso_source: str,
    in_iso: bool,
) -> dict[str, Any]:
    unknown = set(extra) - OVERLAY_KEYS
    if unknown:
        raise ValueError(f"{alpha3}: unknown overlay keys {sorted(unknown)}")
    name = extra.get("name") or common or iso_name
    official_name = official or extra.get("official_name") or iso_name
    aliases = _dedupe(
        [iso_name, common or "", official_name, *extra.get("aliases", [])], exclude=[name]
    )
    strings = {
        name,
        *aliases,
        *extra.get("demonyms", []),
        *extra.get("capitals", []),
        *extra.get("seats", []),
        *extra.get("metonyms", []),
    }
    case_sensitive = _dedupe(extra.get("case_sensitive", []))
    missing = [s for s in case_sensitive if s not in strings]
    if missing:
        raise ValueError(f"{alpha3}: case_sensitive names not listed elsewhere: {missing}")
    part_of = extra.get("part_of")
    kind = "territory" if part_of or alpha3 in UNCLAIMED_TERRITORIES else "state"
    team = "team knowledge (states_overlay.toml)"
    sources: dict[str, str] = {}
    for field in ("id", "alpha2", "alpha3", "numeric", "iso_name", "official_name"):
        sources[field] = iso_source if in_iso else team
    sources["name"] = team if extra.get("name") or not in_iso else iso_source
    for field, key in (
        ("aliases", "aliases"),
        ("demonyms", "demonyms"),
        ("capitals", "capitals"),
        ("seats_of_government", "seats"),
        ("metonyms", "metonyms"),
        ("case_sensitive_aliases", "case_sensitive"),
        ("part_of", "part_of"),
    ):
        if extra.get(key):
            sources[field] = team if field != "aliases" else f"{iso_source} + {team}"
    if extra.get("wikidata"):
        sources["wikidata"] = "Wikidata QID from team knowledge"
    return {
        "id": f"state:{alpha3}",
        "type": "GPE",
        "kind": kind,
        "name": name,
        "iso_name": iso_name,
        "official_name": official_name,
        "alpha2": alpha2,
        "alpha3": alpha3,
        "numeric": numeric,
        "in_iso_3166": in_iso,
        "country": alpha3,
        "part_of": part_of,
        "aliases": aliases,
        "case_sensitive_aliases": case_sensitive,
        "demonyms": _dedupe(extra.get("demonyms", [])),
        "capitals": _dedupe(extra.get("capitals", [])),
        "seats_of_government": _dedupe(extra.get("seats", [])),
        "metonyms": _dedupe(extra.get("metonyms", [])),
        "wikidata": extra.get("wikidata"),
        "sources": sources,
    }


def build() -> list[dict[str, Any]]:
    overlay = tomllib.loads(OVERLAY.read_text(encoding="utf-8"))
    extras: dict[str, dict[str, Any]] = overlay.pop("extra", {})
    iso_source = f"pycountry {version('pycountry')}"
    codes = {c.alpha_3 for c in pycountry.countries}
    stray = sorted(set(overlay) - codes)
    if stray:
        raise ValueError(f"overlay codes not in pycountry (put them under [extra]): {stray}")
    rows: list[dict[str, Any]] = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        rows.append(
            _entry(
                c.alpha_3,
                c.alpha_2,
                c.numeric,
                c.name,
                getattr(c, "official_name", None),
                getattr(c, "common_name", None),
                overlay.get(c.alpha_3, {}),
                iso_source,
                True,
            )
        )
    for alpha3, extra in sorted(extras.items()):
        if alpha3 in codes:
            raise ValueError(f"[extra] {alpha3} is already in pycountry")
        fields = dict(extra)
        alpha2 = fields.pop("alpha2")
        rows.append(
            _entry(
                alpha3,
                alpha2,
                None,
                fields["name"],
                fields.get("official_name"),
                None,
                fields,
                iso_source,
                False,
            )
        )
    return rows


def render(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="fail if states.jsonl is stale")
    args = parser.parse_args(argv)
    text = render(build())
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is out of date; run scripts/build_states.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {text.count(chr(10))} states to {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
