# parley's verbs. `make report` and `make test` are the two set-up commands: each creates
# .venv on first use (python -m venv) and installs the project into it.
#
# The interpreter .venv is made from: the distribution's /usr/bin/python3 when it is 3.11 or
# later and can make a venv, else python3 on PATH; PYTHON=... overrides. Debian's CPython is
# built with profile-guided optimisation and LTO, pyenv's default build is not, and the
# extraction runs a quarter to a third faster on the former (README, "How accurate and how fast").
PYTHON ?= $(shell for p in /usr/bin/python3 python3; do \
	  $$p -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	  && { echo $$p; break; }; done)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.parley-installed
PARAMS ?=

.PHONY: help install report run test unit notebooks browser lint bench lab strip clean-reports

help:
	@echo "make report   set up .venv if needed, run the pipeline over data/raw, write reports/"
	@echo "make test     set up .venv if needed, run every test (unit, notebooks, end to end)"
	@echo "make lab      open JupyterLab with the project's environment"
	@echo "make bench    extraction speed and memory on the corpus (needs ../shared)"
	@echo "make lint     ruff"
	@echo "make strip    strip notebook outputs before committing"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q src  # byte-code ahead: every parley process imports it
	touch $(STAMP)

install: $(STAMP)

report: $(STAMP)
	$(BIN)/parley run $(if $(PARAMS),-f $(PARAMS),)

run: report

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -p no:cacheprovider --nbval-lax notebooks tests

unit: $(STAMP)
	$(BIN)/python -m pytest -p no:cacheprovider tests -m "not browser and not slow"

notebooks: $(STAMP)
	$(BIN)/python -m pytest -p no:cacheprovider --nbval-lax notebooks

browser:
	@command -v chromium >/dev/null || { apt-get update -q && apt-get install -y -q chromium; }

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

bench: $(STAMP)
	$(BIN)/python -m compileall -q src
	$(BIN)/python benchmarks/bench_extract.py

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root,) $(LAB_ARGS)

strip: $(STAMP)
	$(BIN)/python -m helpers.notebooks strip notebooks/*.ipynb

clean-reports:
	rm -rf reports/_runs reports/_failed
