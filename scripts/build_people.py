"""Build the people of the actor knowledge base (``make kb``).

Reads ``watchfloor/data/actors/people_reviewed.jsonl`` (reviewed by hand) and the Phoenix
actor dictionaries in ``../shared/data/phoenix`` (MIT), and writes
``watchfloor/data/actors/people.jsonl``, ``people_phoenix.jsonl`` and ``orgs_phoenix.jsonl``
(committed, so a clone without ../shared runs). See ``watchfloor/actors/kb_build.py``.
From the repository root::

    .venv/bin/python scripts/build_people.py [--shared ../shared]   # rewrite the outputs
    .venv/bin/python scripts/build_people.py --check                # exit 1 if they are stale
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from watchfloor.actors.kb_build import build

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "watchfloor" / "data" / "actors"
OUTPUTS = ("people.jsonl", "people_phoenix.jsonl", "orgs_phoenix.jsonl")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args()
    phoenix = args.shared / "data" / "phoenix"
    if not phoenix.is_dir():
        print(f"no Phoenix dictionaries at {phoenix}", file=sys.stderr)
        return 2
    if not args.check:
        for key, value in build(DATA, phoenix).items():
            print(f"{key}: {value}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        build(DATA, phoenix, Path(tmp))
        stale = [n for n in OUTPUTS if (Path(tmp) / n).read_bytes() != (DATA / n).read_bytes()]
    for name in stale:
        print(f"{name} is stale: run make kb", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
