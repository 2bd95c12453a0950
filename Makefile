# The two commands a newcomer needs: `make serve` and `make test`. Both create .venv from pyproject.toml.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: serve build check test schema mutants clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)  ## build the site and serve it on http://127.0.0.1:8000/ with live reload
	$(VENV)/bin/mkdocs serve

build: $(STAMP)  ## build site/ atomically (a failed build leaves the old site/ untouched)
	$(VENV)/bin/kaiyaku build

check: $(STAMP)  ## check every carrier file without building
	$(VENV)/bin/kaiyaku check

test: $(STAMP)  ## the whole test suite (installs Debian's chromium, a Japanese font and Java if missing, and vnu.jar)
	scripts/ensure-browser
	scripts/ensure-validator
	$(PY) -m pytest

mutants: $(STAMP)  ## mutation testing of facts/, derive/, output/ (slow, not in CI; see CONTRIBUTING.md)
	$(PY) -m pip install --quiet -e '.[mutants]'
	scripts/mutants

schema: $(STAMP)  ## regenerate schema/carrier.schema.json from the model
	$(VENV)/bin/kaiyaku schema

clean:
	rm -rf site .site-* .pytest_cache .mutants
