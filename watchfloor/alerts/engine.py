"""Checking stored facts against the watch rules, article by article, exactly once.

The store keeps the id of the last article checked. Each later article, once
analysed and filed, is checked in one transaction that writes its alerts, their
webhook outbox rows and the new progress mark together: a process killed at
any moment has either done all of it or none, and the article is checked again
after a restart. An alert is unique per (rule, merged event or fact), so a
check that runs twice, or a second article reporting the same event, updates
the alert and never fires it again.

A rule looks only at articles ingested after it was made: adding a rule does
not flood the feed with the archive.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import UTC, datetime

from watchfloor.alerts.matching import Matcher, alert_row, subjects_of
from watchfloor.alerts.rules import Rule
from watchfloor.store.sql_base import now
from watchfloor.store.sql_store import SQLStore
from watchfloor.stories.filing import file_pending

log = logging.getLogger(__name__)
BATCH = 200


def check_new_facts(store: SQLStore) -> Counter[str]:
    """Check every analysed article not checked yet; counts of new/updated alerts."""
    file_pending(store)  # an article killed between analysis and filing is filed first
    counts: Counter[str] = Counter()
    rules = [Rule.from_row(row) for row in store.watch_rules()]
    progress = store.alert_progress()
    marked, waiting = progress, False
    while not waiting and (rows := store.articles_after(progress, BATCH)):
        for row in rows:
            if not row["analysed"]:
                waiting = True  # later articles wait for this one, to keep the order
                break
            active = [r for r in rules if _not_after(r.created_at, row["ingested_at"])]
            progress = int(row["id"])
            if active:  # else nothing can fire: the mark moves once, below
                with store.alerts_transaction():
                    counts.update(_check_article(store, progress, active))
                    store.set_alert_progress(progress)
                marked = progress
    if progress != marked:
        store.set_alert_progress(progress)
    return counts


def _not_after(made: str, ingested: object) -> bool:
    """Whether a rule made at ``made`` was there when the article was stored."""
    try:
        return _utc(made) <= _utc(str(ingested))
    except ValueError:
        return made <= str(ingested)


def _utc(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _check_article(store: SQLStore, article_id: int, rules: list[Rule]) -> Counter[str]:
    counts: Counter[str] = Counter()
    if not rules:
        return counts
    subjects = subjects_of(store, article_id)
    ids = sorted({i for s in subjects for i in (s.source_id, s.target_id) if i is not None})
    actors = store.actors_by_id(ids)
    names = {int(a["id"]): str(a["name"]) for a in actors}
    countries = {int(a["id"]): a["country"] for a in actors}
    at = now()
    for rule in rules:
        matcher = Matcher(store, rule)
        for subject in subjects:
            if matcher.matches(subject, countries):
                outcome = store.save_alert(alert_row(rule, subject, names, at), rule.webhook)
                counts[outcome] += 1
                if outcome == "new":
                    log.info("rule %s fired on %s", rule.name, subject.subject)
    return counts
