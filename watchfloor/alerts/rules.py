"""Watch rules: what a rule asks for, checked before it is stored."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit

from watchfloor.store.sql_base import now
from watchfloor.store.sql_facts import SECTIONS
from watchfloor.store.sql_store import SQLStore


class RuleError(ValueError):
    """A rule that cannot be stored (bad field, name taken, unknown rule)."""


@dataclass(frozen=True)
class Rule:
    """One watch rule as stored (``webhook_secret`` never leaves the store in listings)."""

    name: str
    section: str = "events"
    actor: str | None = None
    with_actor: str | None = None
    types: tuple[str, ...] = ()
    country: str | None = None
    keyword: str | None = None
    min_sources: int = 1
    claim_above: float | None = None
    webhook: str | None = None
    id: int = 0
    created_at: str = ""

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Rule:
        types = tuple(t for t in str(row.get("types") or "").split(",") if t)
        fields = {k: row[k] for k in cls.__dataclass_fields__ if k in row and k != "types"}
        return cls(**{**fields, "types": types})

    def public(self, has_secret: bool = False) -> dict[str, Any]:
        """The rule as listings show it: every field, and whether a secret is set."""
        return {**asdict(self), "types": list(self.types), "webhook_secret_set": has_secret}


def new_rule(
    name: str,
    *,
    section: str = "events",
    actor: str | None = None,
    with_actor: str | None = None,
    types: list[str] | None = None,
    country: str | None = None,
    keyword: str | None = None,
    min_sources: int = 1,
    claim_above: float | None = None,
    webhook: str | None = None,
    webhook_secret: str | None = None,
) -> dict[str, Any]:
    """The row of a new rule; RuleError for anything a rule cannot hold."""
    name = name.strip()
    if not name or len(name) > 100 or "/" in name:
        raise RuleError("a rule name is 1 to 100 characters, without '/'")
    if section not in SECTIONS:
        raise RuleError(f"unknown section {section!r}: one of {', '.join(SECTIONS)}")
    if min_sources < 1:
        raise RuleError("--min-sources is at least 1")
    if claim_above is not None and section != "claims":
        raise RuleError("--claim-above needs --section claims")
    kinds = sorted({t.strip().upper() for p in types or [] for t in p.split(",") if t.strip()})
    if not any((actor, with_actor, kinds, country, keyword, claim_above is not None)):
        raise RuleError("a rule needs at least one of actor, with, type, country, keyword")
    if webhook is not None:
        _check_webhook(webhook, webhook_secret)
    return {
        "name": name,
        "section": section,
        "actor": _clean(actor),
        "with_actor": _clean(with_actor),
        "types": ",".join(kinds) or None,
        "country": _clean(country.upper() if country else None),
        "keyword": _clean(keyword),
        "min_sources": min_sources,
        "claim_above": claim_above,
        "webhook": webhook,
        "webhook_secret": webhook_secret or None,
        "created_at": now(),
    }


def add_rule(store: SQLStore, fields: dict[str, Any]) -> Rule:
    try:
        store.add_rule(fields)
    except ValueError as exc:
        raise RuleError(str(exc)) from exc
    row = store.watch_rule(fields["name"])
    assert row is not None
    return Rule.from_row(row)


def list_rules(store: SQLStore) -> list[dict[str, Any]]:
    return [
        Rule.from_row(row).public(bool(row.get("webhook_secret"))) for row in store.watch_rules()
    ]


def _check_webhook(url: str, secret: str | None) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RuleError(f"a webhook is an http(s) URL, not {url!r}")
    if not secret:
        raise RuleError("a webhook needs a secret: --webhook-secret or WATCHFLOOR_WEBHOOK_SECRET")


def _clean(value: str | None) -> str | None:
    return value.strip() or None if value else None
