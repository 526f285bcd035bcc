# The two commands a new user needs: `make book` and `make test`. See README.md.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.requirements.txt.installed
# ipykernel's debugger warns on stderr about frozen modules; the build treats any
# stderr output of a notebook cell as an error, so switch that warning off.
export PYDEVD_DISABLE_FILE_VALIDATION := 1
export PYTHONNOUSERSITE := 1

.PHONY: book test bench lab validate clean help mutation lock fuzz

help:
	@echo "make book   - set up .venv if needed, validate data/, build the HTML book into _build/html"
	@echo "make test   - set up .venv if needed, run the whole test suite"
	@echo "make bench  - time clean/no-change/data-change builds, page sizes, first paint and first chart (desktop, throttled phone), a 100x launch table"
	@echo "make fuzz   - a few hundred damaged source files of every kind through the importers (FUZZ_SEED, FUZZ_EXAMPLES)"
	@echo "make lab    - JupyterLab on the book's notebooks, opened on the introduction"
	@echo "make lock   - recompile requirements.lock (hashed pins) from requirements.txt"
	@echo "make clean  - remove _build"

# (Re)create the virtualenv when it is missing or the lock changed. Every distribution
# comes from requirements.lock at its exact version, each file checked against its
# sha256 hash; --no-deps installs nothing the lock does not name, and pip check fails
# the set-up if the lock misses a dependency.
$(STAMP): requirements.lock
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip check
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
	$(BIN)/python -m pytest -ra --durations=15

# The importers on damaged and hostile source files (tests/test_fuzz_importers.py): the
# fast part runs in `make test`; this is the long, seeded run. It prints the counts of
# refusals and imports per kind, the seed and the wall time.
FUZZ_SEED ?= 20261203
FUZZ_EXAMPLES ?= 300
fuzz: $(STAMP)
	USNK_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/test_fuzz_importers.py -q -p no:cacheprovider \
		--hypothesis-seed=$(FUZZ_SEED)

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

# The lock: requirements.txt (the direct dependencies, edited by hand) compiled by uv
# into every distribution the set-up installs, exact versions and sha256 hashes of all
# their files, for every platform (markers) and Python 3.11.7 or later. Only PyPI is
# asked (uv reads no pip configuration). Pins already in the lock are kept while
# requirements.txt allows them; `make lock UPGRADE=1` takes the newest allowed.
UV_VERSION := 0.13.9
LOCK_VENV  := .venv-lock
UPGRADE    ?=
lock:
	test -x $(LOCK_VENV)/bin/uv || { $(PYTHON) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/python -m pip install -q uv==$(UV_VERSION); }
	$(LOCK_VENV)/bin/uv pip compile requirements.txt --generate-hashes --universal \
	  --python-version 3.11.7 --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade) \
	  -o requirements.lock -q

clean:
	rm -rf _build
