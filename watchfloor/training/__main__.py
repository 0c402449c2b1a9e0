"""``python -m watchfloor.training models|crossval --shared ../shared``.

- ``models``: the CAMEO cue data, the generic actor nouns (Phoenix agents), the
  GeoNames city table, the GeoNames gazetteer of places (watchfloor.places) and
  the event coder's weights, fitted on ``gold/train`` only (``make models``; the
  outputs are committed).
- ``crossval``: k-fold cross-validation of the event coders over train and dev,
  and the fit-on-train score on dev, as a Markdown table.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from watchfloor.datafiles import data_root
from watchfloor.facts.events.model import MODEL_FILE, Thresholds
from watchfloor.training import agents, cameo, cities, gazetteer
from watchfloor.training.corpus import load_marked
from watchfloor.training.events import fit, prepare, widest_lexicons

SHIPPED_THRESHOLDS = Thresholds(event=0.5, nobody_source=1.0, nobody_target=1.0)


def build_models(shared: Path) -> None:
    phoenix = shared / "data" / "phoenix" / "CAMEO.2.0.txt"
    table = shared / "data" / "plover-manual" / "CAMEO2PLOVER-2021.txt"
    cameo.write(phoenix, table, data_root() / "facts" / "cameo_verbs.json")
    cities.write(data_root() / "actors" / "cities.json")
    gazetteer.write(data_root() / "places" / "gazetteer.json")
    agents.write(
        shared / "data" / "phoenix" / "Phoenix.agents.txt", data_root() / "actors" / "agents.json"
    )
    from watchfloor.facts.events.lexicons import cameo_lexicon

    cameo_lexicon.cache_clear()
    marked = load_marked([shared / "gold" / "train"])
    docs = prepare(marked, widest_lexicons(marked))
    model = fit(docs, SHIPPED_THRESHOLDS)
    out = data_root().joinpath(*MODEL_FILE)
    out.write_text(json.dumps(model.as_json(), sort_keys=True, separators=(",", ":")) + "\n")
    print(f"wrote {out} ({len(model.learned)} learned triggers, fitted on {len(docs)} articles)")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m watchfloor.training")
    parser.add_argument("command", choices=["models", "crossval"])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    if args.command == "models":
        build_models(args.shared)
    else:
        from watchfloor.training.report import crossval_report

        print(crossval_report(args.shared, args.folds, SHIPPED_THRESHOLDS))


if __name__ == "__main__":
    main()
