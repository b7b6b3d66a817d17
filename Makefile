# make demo   set up .venv (first run only) and run the main job on the example article
# make test   set up .venv (first run only) and run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
ARTICLE := articles/id/putin-kim-vostochny.txt

.PHONY: demo test test-all bench setup clean

setup: $(STAMP)

# argostranslate depends on stanza, which depends on torch. Installing torch first, pinned
# to the CPU build this machine kind keeps on disk, avoids a multi-GB CUDA download; where
# that release is not available pip falls back to whatever argostranslate asks for.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	-$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e ".[test]"
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/i18n segment $(ARTICLE) --lang id

test: $(STAMP)
	$(BIN)/python -m pytest -q

test-all: $(STAMP)
	$(BIN)/python -m pytest -q -m "slow or not slow"

bench: $(STAMP)
	for b in bench/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
