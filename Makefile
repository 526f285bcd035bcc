# The two commands a new user needs: `make book` and `make test`. See README.md.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.requirements.txt.installed
# ipykernel's debugger warns on stderr about frozen modules; the build treats any
# stderr output of a notebook cell as an error, so switch that warning off.
export PYDEVD_DISABLE_FILE_VALIDATION := 1
export PYTHONNOUSERSITE := 1

.PHONY: book test bench lab validate clean help mutation

help:
	@echo "make book   - set up .venv if needed, validate data/, build the HTML book into _build/html"
	@echo "make test   - set up .venv if needed, run the whole test suite"
	@echo "make bench  - time clean/no-change/data-change builds, page sizes, first chart, a 100x launch table"
	@echo "make lab    - JupyterLab on the book's notebooks, opened on the introduction"
	@echo "make clean  - remove _build"

# (Re)create the virtualenv when it is missing or requirements.txt changed.
$(STAMP): requirements.txt
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt
	$(BIN)/python -c "import site, sys; open(site.getsitepackages()[0] + '/usnk-repo.pth', 'w').write(sys.argv[1] + '\n')" "$(CURDIR)"
	$(BIN)/python -m usnk.plotlyjs fetch
	touch $@

validate: $(STAMP)
	$(BIN)/python -m usnk validate

book: validate
	$(BIN)/python -m tools.build . -W -n --keep-going
	@echo "Open $(CURDIR)/_build/html/index.html"

# axe-core for the browser tests' accessibility checks, at the exact version of
# package-lock.json, into node_modules/ (git-ignored; never served with the book).
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

test: $(STAMP) $(AXE)
	$(BIN)/python -m pytest -ra

bench: $(STAMP)
	$(BIN)/python -m tools.bench

# JupyterLab on book/, opened on the introduction; --allow-root only for root (tools/lab.py).
lab: $(STAMP)
	$(BIN)/python -m tools.lab

# Mutation testing of the core modules (config: [tool.mutmut] in pyproject.toml), one
# worker; MUTANTS limits the run, e.g. make mutation MUTANTS='usnk.validate*'.
# Not part of `make test`. Results stay in mutants/ (`.venv/bin/mutmut browse`). The
# reference files are named by path, since the run's copy of the tests sits in mutants/.
MUTANTS ?=
mutation: $(STAMP)
	USNK_REFERENCE_DIR=$(abspath ../shared/reference) $(BIN)/mutmut run --max-children 1 $(MUTANTS)
	$(BIN)/mutmut results

clean:
	rm -rf _build
