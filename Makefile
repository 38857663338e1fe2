# Two set-up commands: `make run` builds the seed's editions, `make test` runs the whole suite.
# Each installs what it needs: Debian packages (fonts, HarfBuzz subsetting, Java, Chromium), the venv.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
SEED := seeds/kazakhstan-xinjiang-camps.txt
OUT ?= build
APT_RUN := fonts-sil-charis fonts-inter libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 poppler-utils
APT_TEST := $(APT_RUN) default-jre-headless chromium qpdf

.PHONY: run test lint bench eval preserve fuzz check-editions conformance system-run system-test clean

define apt_ensure
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

system-run:
	$(call apt_ensure,$(APT_RUN))

system-test:
	$(call apt_ensure,$(APT_TEST))

$(VENV)/.run-stamp: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip uninstall -q -y toolkit >/dev/null 2>&1 || true  # the distribution's old name (now toolkit-editions)
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.test-stamp: pyproject.toml $(VENV)/.run-stamp
	$(PY) -m pip install -q -e '.[test]'
	touch $@

run: system-run $(VENV)/.run-stamp
	$(VENV)/bin/toolkit build $(SEED) --to pdf,epub,html -o $(OUT)

lint: $(VENV)/.test-stamp
	$(VENV)/bin/ruff check toolkit tests
	$(VENV)/bin/lint-imports --no-cache  # the layers in .importlinter (docs/architecture.md)

test: system-test $(VENV)/.test-stamp lint
	$(PY) -m pytest -q -p no:cacheprovider

bench: system-run $(VENV)/.test-stamp
	$(PY) bench/run.py

# Every development corpus, in-sample and leave-one-corpus-out (bench/eval.py; EVAL_ARGS=--no-loco for the
# quick table). Chromium and Playwright make the fundus-text corpus when it is missing.
EVAL_ARGS ?=
eval: system-test $(VENV)/.test-stamp
	$(PY) bench/eval.py $(EVAL_ARGS)

# Every word and mark of meaning of the preservation fixtures (tests/fixtures/preserve/, and pandoc's DOCX,
# ODT, RST, LaTeX and EPUB versions of the Markdown one) in every edition; fails below 99 % (docs/preservation.md).
preserve: system-run $(VENV)/.run-stamp
	$(PY) bench/preserve.py

# Property tests with many more examples than `make test` runs, stopped after FUZZ_SECONDS at most.
FUZZ_EXAMPLES ?= 200
FUZZ_SECONDS ?= 1800
fuzz: system-test $(VENV)/.test-stamp
	TOOLKIT_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) timeout --signal=INT $(FUZZ_SECONDS) \
	  $(PY) -m pytest -q -p no:cacheprovider tests/test_fuzz_trees.py tests/test_fuzz_readers.py tests/test_fuzz_formats.py

# The seed's editions through the shared QA referees (EPUBCheck + DAISY Ace, qpdf/poppler, Nu + axe).
# Ace and axe need Chromium, so this runs apart from `make test`.
QA ?= ../shared/tools/qa
check-editions: system-test $(VENV)/.run-stamp
	@test -x $(QA)/check-all || { echo "no QA tools at $(QA) (set QA=path/to/tools/qa)"; exit 2; }
	$(QA)/setup -q
	$(VENV)/bin/toolkit build $(SEED) --to pdf,epub,html -o $(OUT)
	$(VENV)/bin/toolkit build $(SEED) --to epub --page-map --embed-fonts -o $(OUT)/epub-page-map
	$(QA)/check-all $(OUT) -q
	$(QA)/check-all $(OUT)/epub-page-map -q

# Every edition of 40 corpus articles (10 a corpus, fixed sample) and of every Markdown, RST, HTML, DOCX and ODT
# fixture through the same referees, two at a time: build/conformance/report.{md,tsv} (docs/conformance.md).
# Slow: about 25-40 min on 2 cores. CONFORMANCE_ARGS=--limit 5 for a quick look.
CONFORMANCE_ARGS ?=
conformance: system-test $(VENV)/.test-stamp
	@test -x $(QA)/check-all || { echo "no QA tools at $(QA) (set QA=path/to/tools/qa)"; exit 2; }
	$(QA)/setup -q
	$(PY) bench/conformance.py --qa $(QA) $(CONFORMANCE_ARGS)

clean:
	rm -rf $(VENV) $(OUT)/*.pdf $(OUT)/*.epub $(OUT)/*.html
