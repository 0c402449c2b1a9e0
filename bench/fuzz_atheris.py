"""One fuzz target under atheris (coverage-guided), for bench/fuzz.py --atheris.

    python bench/fuzz_atheris.py TARGET SECONDS FOLDER

watchfloor is imported under atheris' instrumentation (its own code only: instrumenting
every loaded library takes minutes), then the Hypothesis target of bench/fuzz.py is
driven by libFuzzer until SECONDS have passed. A failure exits non-zero.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["watchfloor"]):
    import watchfloor.api
    import watchfloor.service
    import watchfloor.sources.fetch  # noqa: F401

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz import atheris_target

if __name__ == "__main__":
    atheris_target(sys.argv[1], float(sys.argv[2]), Path(sys.argv[3]))
