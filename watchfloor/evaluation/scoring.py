"""Scoring facts JSON against gold files, by the project's published matching rules.

The rules (see the gold FORMAT document): names are compared after folding
case, quotes, dashes and punctuation; an actor matches a gold actor when one of
its names is one of the gold names; a fact matches when its key fields match
and its evidence holds at least half of the words of a gold evidence string
(and is not a whole page). Gold facts pair one-to-one with predictions
(maximum bipartite matching); predictions that pair with an ``optional_*`` gold
entry are neither hits nor false positives.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

SECTIONS = ("actors", "events", "quotes", "claims", "forecasts", "watch_items")
_FOLD_TABLE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2014": "-",
        "\u2013": "-",
        "\u2010": "-",
        "\u00a0": " ",
    }
)
Json = dict[str, Any]


def fold(text: str) -> str:
    folded = unicodedata.normalize("NFKC", str(text)).translate(_FOLD_TABLE).lower()
    return re.sub(r"\s+", " ", folded).strip()


def name_key(text: str) -> str:
    folded = re.sub(r"'s\b", "", fold(text))
    return re.sub(r"[^\w ]", "", folded).replace(" ", "")


def word_list(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def covers(pred: Any, options: list[str]) -> bool:
    """``pred`` holds half the words of one option and is no longer than 3x it (or 80 words)."""
    if not isinstance(pred, str) or not pred:
        return False
    pred_words = word_list(pred)
    pred_set = set(pred_words)
    for option in options:
        gold_words = word_list(option)
        if not gold_words or len(pred_words) > max(3 * len(gold_words), 80):
            continue
        if sum(w in pred_set for w in gold_words) / len(gold_words) >= 0.5:
            return True
    return False


class PredictedDoc:
    """A prediction with its actors indexed by id."""

    def __init__(self, obj: Json) -> None:
        self.obj = obj
        actors: list[Any] = obj["actors"] if isinstance(obj.get("actors"), list) else []
        self.actors = {
            a["id"]: a for a in actors if isinstance(a, dict) and isinstance(a.get("id"), str)
        }

    def keys(self, ref: Any, with_country: bool = True) -> set[str]:
        actor = self.actors.get(ref) if isinstance(ref, str) else None
        if actor is None:
            return {name_key(ref)} if isinstance(ref, str) and ref else set()
        names = [actor.get("name"), *as_list(actor.get("aliases"))]
        if with_country and actor.get("country"):
            names.append(actor["country"])
        return {name_key(n) for n in names if isinstance(n, str) and n}

    def refers(self, ref: Any, gold_names: Any) -> bool:
        if not gold_names:
            return True
        return bool(self.keys(ref) & {name_key(n) for n in as_list(gold_names)})


Matcher = Callable[[Json, Json], bool]


def matcher(section: str, doc: PredictedDoc) -> Matcher:
    """``f(gold, pred)``: do the key fields of a prediction match a gold entry?"""
    if section == "actors":
        return lambda g, p: bool(
            doc.keys(p.get("id"), with_country=False) & {name_key(n) for n in g["names"]}
        )
    if section == "events":
        return lambda g, p: (
            (not g.get("type") or p.get("type") in as_list(g.get("type")))
            and doc.refers(p.get("source"), g.get("source"))
            and doc.refers(p.get("target"), g.get("target"))
            and covers(p.get("evidence"), as_list(g.get("evidence")))
        )
    if section == "quotes":
        return lambda g, p: (
            doc.refers(p.get("speaker"), g.get("speaker"))
            and covers(p.get("text"), as_list(g.get("text")))
        )
    if section == "claims":
        return lambda g, p: (
            _same_value(p.get("value"), g.get("value"))
            and covers(p.get("evidence"), as_list(g.get("evidence")))
        )
    if section == "forecasts":
        return lambda g, p: (
            isinstance(p.get("phrase"), str)
            and any(fold(x) in fold(p["phrase"]) for x in as_list(g.get("phrase")))
            and covers(p.get("evidence"), as_list(g.get("evidence")))
        )
    if section == "watch_items":
        return lambda g, p: (
            covers(p.get("text"), as_list(g.get("text")))
            and (not g.get("evidence") or covers(p.get("evidence"), as_list(g.get("evidence"))))
        )
    raise ValueError(f"unknown section {section!r}")


def _same_value(pred: Any, gold: Any) -> bool:
    try:
        value = float(pred)
    except (TypeError, ValueError):
        return False
    return any(abs(value - float(x)) <= 0.01 * abs(float(x)) for x in as_list(gold))


def max_matching(gold: list[Json], pred: list[Json], ok: Matcher) -> list[tuple[int, int]]:
    """Maximum bipartite matching of gold to predictions (augmenting paths)."""
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j, candidate in enumerate(pred):
            if j in seen or not ok(gold[i], candidate):
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def attributes(section: str, doc: PredictedDoc, g: Json, p: Json) -> dict[str, bool]:
    """Attribute agreement of one matched pair (scored as accuracy)."""
    out: dict[str, bool] = {}
    if section == "actors":
        out["type"] = p.get("type") == g.get("type")
        out["country"] = (p.get("country") or None) == (g.get("country") or None)
    elif section == "events":
        for name in ("modality", "mode"):
            if g.get(name):
                out[name] = p.get(name) in g[name]
    elif section == "quotes" and g.get("kind"):
        out["kind"] = p.get("kind") in g["kind"]
    elif section in ("claims", "forecasts") and g.get("source"):
        out["source"] = doc.refers(p.get("source"), g["source"])
    if section == "forecasts" and g.get("p_low") is not None:
        out["p_range"] = _same_range(p, g)
    return out


def _same_range(p: Json, g: Json) -> bool:
    try:
        low = abs(float(p["p_low"]) - float(g["p_low"]))
        high = abs(float(p["p_high"]) - float(g["p_high"]))
    except (KeyError, TypeError, ValueError):
        return False
    return low <= 0.05 and high <= 0.05


@dataclass
class SectionTally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    attributes: dict[str, list[int]] = field(default_factory=dict)
    missed: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocumentTally:
    n: int = 0
    missing: int = 0
    title: int = 0
    clean: int = 0
    body: int = 0


@dataclass
class Score:
    documents: DocumentTally = field(default_factory=DocumentTally)
    sections: dict[str, SectionTally] = field(
        default_factory=lambda: {s: SectionTally() for s in SECTIONS}
    )

    @property
    def macro_f1(self) -> float:
        scored = [t.f1 for t in self.sections.values() if t.tp + t.fn]
        return sum(scored) / len(scored) if scored else 0.0


def score(golds: list[Json], preds: dict[str, Json]) -> Score:
    """Score every gold document against its prediction (by doc_id)."""
    result = Score()
    for gold in golds:
        pred = preds.get(gold["doc_id"])
        _score_text(result.documents, gold, pred)
        doc = PredictedDoc(pred or {})
        for section in SECTIONS:
            _score_section(result.sections[section], section, gold, doc)
    return result


def _score_text(tally: DocumentTally, gold: Json, pred: Json | None) -> None:
    tally.n += 1
    if pred is None:
        tally.missing += 1
        pred = {}
    text = fold(pred["text"]) if isinstance(pred.get("text"), str) else ""
    title = pred["title"] if isinstance(pred.get("title"), str) else ""
    tally.title += int(bool(gold.get("title")) and fold(title) == fold(gold["title"]))
    tally.clean += int(bool(text) and not any(fold(b) in text for b in gold.get("boilerplate", [])))
    tally.body += int(
        bool(text) and all(fold(b) in text for b in gold.get("body_must_contain", []))
    )


def _score_section(tally: SectionTally, section: str, gold: Json, doc: PredictedDoc) -> None:
    wanted = gold.get(section) or []
    raw = doc.obj.get(section)
    predicted = [p for p in raw if isinstance(p, dict)] if isinstance(raw, list) else []
    ok = matcher(section, doc)
    pairs = max_matching(wanted, predicted, ok)
    hit = {j for _, j in pairs}
    rest = [j for j in range(len(predicted)) if j not in hit]
    optional = gold.get("optional_" + section) or []
    optional_pairs = max_matching(optional, [predicted[j] for j in rest], ok) if optional else []
    optional_hit = {rest[j] for _, j in optional_pairs}
    false = [j for j in rest if j not in optional_hit]
    tally.tp += len(pairs)
    tally.fn += len(wanted) - len(pairs)
    tally.fp += len(false)
    for i, j in pairs:
        for name, agrees in attributes(section, doc, wanted[i], predicted[j]).items():
            counts = tally.attributes.setdefault(name, [0, 0])
            counts[0] += int(agrees)
            counts[1] += 1
    matched = {i for i, _ in pairs}
    doc_id = gold["doc_id"]
    tally.missed += [
        f"{doc_id}: {_describe(wanted[i])}" for i in range(len(wanted)) if i not in matched
    ]
    tally.false += [f"{doc_id}: {_describe(predicted[j])}" for j in false]


def _describe(item: Json) -> str:
    for key in ("names", "name", "text", "evidence", "phrase"):
        if item.get(key):
            value = as_list(item[key])[0]
            extra = f" [{item.get('type')}, {item.get('country')}]" if key == "name" else ""
            return f"{str(value)[:90]}{extra}"
    return str(item)[:90]
