# vanban — the two commands a new machine needs: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DB     ?= outputs/vanban.db

.PHONY: install demo test eval bench serve clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

## demo: ingest the sample corpus, then show the task register and the citation graph
demo: $(STAMP)
	@mkdir -p outputs
	$(BIN)/vanban ingest corpus --db $(DB)
	$(BIN)/vanban tasks --db $(DB) --format csv -o outputs/tasks.csv
	$(BIN)/vanban tasks --db $(DB) --format xlsx -o outputs/tasks.xlsx
	$(BIN)/vanban tasks --db $(DB) --agency "Sở Khoa học và Công nghệ" --due-before 2026-03-31 --format table
	$(BIN)/vanban graph cited-by 57-NQ/TW --db $(DB)
	$(BIN)/vanban graph top --limit 10 --db $(DB)
	$(BIN)/vanban graph missing --limit 10 --db $(DB)

## test: the whole suite (system tools come from .ci/run on CI)
test: $(STAMP)
	$(BIN)/python -m pytest -q

## eval: score the extractors against the gold files (fixtures, then our real documents)
eval: $(STAMP)
	$(BIN)/vanban eval corpus
	@for d in tests/real tests/real2 tests/real3 tests/real4 tests/real5 tests/real6 tests/real7 tests/real8 tests/real9 tests/real10 tests/real11 tests/real12 tests/real13 tests/real14 tests/real15 tests/real16 tests/real17 tests/real18 tests/real19 tests/real20 tests/real21 tests/real22 tests/real23 tests/real24; do \
		if [ -d $$d ]; then echo "== $$d"; $(BIN)/vanban eval $$d; fi; done

## bench: speed and memory figures, written to outputs/bench.md
bench: $(STAMP)
	$(BIN)/python bench/run.py

serve: $(STAMP)
	$(BIN)/vanban serve --db $(DB)

clean:
	rm -rf $(VENV) outputs/*.db outputs/*.db-* build *.egg-info
