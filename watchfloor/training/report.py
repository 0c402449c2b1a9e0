"""The event coders side by side: held-out folds over train and dev, and fit-on-train on dev."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from watchfloor.evaluation.scoring import score
from watchfloor.facts.events.coder import fill_events, merge_events
from watchfloor.facts.events.model import EventModel, Thresholds
from watchfloor.training.corpus import load_marked
from watchfloor.training.crossval import predict
from watchfloor.training.events import DocExample, fit, folds, prepare, widest_lexicons

Json = dict[str, Any]
CODERS = ("rules", "learned", "rules + learned", "rules, learned where they found none")


def _coded(doc: DocExample, model: EventModel, coder: str) -> Json:
    learned = predict(doc, model)
    ruled = [e for s in doc.sentences for c in s.candidates for e in c.rule_facts]
    ruled = list({id(e): e for e in ruled}.values())
    ruled.sort(key=lambda e: e["evidence_start"])
    events = {
        "rules": ruled,
        "learned": learned["events"],
        "rules + learned": merge_events(ruled, learned["events"]),
        "rules, learned where they found none": fill_events(ruled, learned["events"]),
    }[coder]
    return {**learned, "events": events}


def _row(name: str, docs: list[DocExample], preds: dict[str, Json]) -> str:
    tally = score([d.marked.gold for d in docs], preds).sections["events"]
    modality = tally.attributes.get("modality", [0, 0])
    mod = f"{modality[0] / modality[1]:.3f}" if modality[1] else "-"
    return (
        f"| {name} | {tally.precision:.3f} | {tally.recall:.3f} | {tally.f1:.3f} "
        f"| {tally.tp} | {tally.fp} | {tally.fn} | {mod} |"
    )


def crossval_report(shared: Path, k: int, thresholds: Thresholds) -> str:
    train_dir, dev_dir = shared / "gold" / "train", shared / "gold" / "dev"
    marked = load_marked([train_dir, dev_dir])
    docs = prepare(marked, widest_lexicons(marked))
    dev_ids = {p.stem for p in dev_dir.glob("*.json")}
    train = [d for d in docs if d.marked.doc_id not in dev_ids]
    dev = [d for d in docs if d.marked.doc_id in dev_ids]
    parts = folds(docs, k)
    models = [
        dataclasses.replace(
            fit([d for m, p in enumerate(parts) if m != n for d in p]), thresholds=thresholds
        )
        for n in range(k)
    ]
    on_train = dataclasses.replace(fit(train), thresholds=thresholds)
    lines = [
        f"| events ({len(docs)} articles, {k} folds) | P | R | F1 | tp | fp | fn | modality |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for coder in CODERS:
        held_out = {
            d.marked.doc_id: _coded(d, models[n], coder) for n, p in enumerate(parts) for d in p
        }
        lines.append(_row(f"{coder}: held-out folds, train + dev", docs, held_out))
        lines.append(_row(f"{coder}: held-out folds, train articles", train, held_out))
        on_dev = {d.marked.doc_id: _coded(d, on_train, coder) for d in dev}
        lines.append(_row(f"{coder}: fitted on train, dev", dev, on_dev))
    return "\n".join(lines)
