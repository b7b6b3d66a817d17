# make demo   set up .venv (first run only) and run the main job on the example article
# make test   set up .venv (first run only) and run the test suite
# make lint   ruff (lint + import order) and mypy
# make screenshot   docs/report.png, the README's picture of `i18n report` (needs chromium)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
ARTICLE := articles/id/putin-kim-vostochny.txt

.PHONY: demo test test-full bench lint setup clean screenshot

setup: $(STAMP)

# argostranslate depends on stanza, which depends on torch. Installing torch first, pinned
# to the CPU build this machine kind keeps on disk, avoids a multi-GB CUDA download; where
# that release is not available pip falls back to whatever argostranslate asks for.
# pip's output goes to .venv/install.log and is shown only when an install fails.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "installing into $(VENV) (log: $(VENV)/install.log)"
	@$(BIN)/python -m pip install -q --upgrade pip > $(VENV)/install.log 2>&1 || { cat $(VENV)/install.log; exit 1; }
	@$(BIN)/python -m pip install -q torch==2.13.0 >> $(VENV)/install.log 2>&1 || echo "torch 2.13.0 (CPU) not available here: pip picks the torch argostranslate asks for"
	@$(BIN)/python -m pip install -q -e ".[mt,test,dev,bench,ray]" >> $(VENV)/install.log 2>&1 || { cat $(VENV)/install.log; exit 1; }
	@touch $(STAMP)

# The main job on the example article. Translation needs the Argos packages id-en, en-ru and
# en-vi: they are downloaded when missing and the network is there; offline the step says which
# package files to install and the demo goes on with the committed reviewed translations.
demo: $(STAMP)
	@echo "== 1/6 sentences of $(ARTICLE)"
	$(BIN)/i18n segment $(ARTICLE)
	@echo "== 2/6 glossary"
	$(BIN)/i18n glossary lint glossary/
	@echo "== 3/6 machine translation into en, ru, vi (merged into locales/, reviewed entries kept)"
	@if $(BIN)/i18n models install id-en en-ru en-vi; then \
	    $(BIN)/i18n translate $(ARTICLE) --from id --to en,ru,vi; \
	else \
	    echo "no translation model installed: translation skipped (install the files named above)"; \
	fi
	@echo "== 4/6 QA and glossary check, as CI runs it"
	$(BIN)/i18n check locales/ --glossary glossary/
	@echo "== 5/6 review status"
	$(BIN)/i18n stats locales/
	@echo "== 6/6 the reviewed Russian article"
	$(BIN)/i18n apply locales/ru/LC_MESSAGES/putin-kim-vostochny.po --source $(ARTICLE)

test: $(STAMP)
	$(BIN)/python -m pytest -q

# The property and crash tests at full budget (100 examples, a dozen SIGKILLs); `make test`
# runs them smoke-sized.
test-full: $(STAMP)
	I18N_SLOW_BUDGET=full $(BIN)/python -m pytest -q -m slow

lint: $(STAMP)
	$(BIN)/ruff check i18n cli.py bench tests
	$(BIN)/mypy i18n cli.py

bench: $(STAMP)
	for b in bench/*.py; do $(BIN)/python $$b || exit 1; done

# The README's screenshot of `i18n report`: the test suite's review tree (tests/reviewtree.py: a
# copy of locales/ with machine suggestions, findings, a changed source), rendered by Chromium.
screenshot: $(STAMP)
	rm -rf build/report-demo
	$(BIN)/python tests/reviewtree.py build/report-demo
	cd build/report-demo && $(CURDIR)/$(BIN)/i18n report locales --glossary glossary -o report.html
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
	    --disable-sync --no-first-run --hide-scrollbars --user-data-dir=build/report-demo/.chromium \
	    --window-size=1280,1500 --screenshot=docs/report.png file://$(CURDIR)/build/report-demo/report.html

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
