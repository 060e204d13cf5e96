# Sales Profit Playbook. The first call of any target creates .venv and installs
# the pinned requirements; nothing is downloaded after that.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8888
APP_PORT ?= 8866
# JupyterHub's proxy (Running a class), from the npm registry into the project, never global.
CHP_VERSION := 5.3.0
CHP    := $(VENV)/node/node_modules/.bin/configurable-http-proxy
BENCH_STAMP := $(VENV)/bench/.installed-stamp

.PHONY: venv browser-deps lab lint test test-fast test-explore book data notebooks app bench loadtest clean

$(STAMP): requirements.txt constraints.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

venv: $(STAMP) $(CHP) browser-deps

## Debian's chromium and CJK fonts for the browser tests (never `playwright install`).
## Installed with apt when missing and root; under CI a missing browser is an error.
browser-deps:
	@missing=""; \
	test -x /usr/bin/chromium || command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	{ dpkg -s fonts-noto-cjk >/dev/null 2>&1 || fc-list :lang=zh 2>/dev/null | grep -q .; } || missing="$$missing fonts-noto-cjk"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing$$missing with apt (for the browser tests)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	elif [ -n "$$CI" ]; then \
		echo "ERROR: the browser tests need$$missing; run as root or: sudo apt-get install -y --no-install-recommends$$missing" >&2; exit 1; \
	else \
		echo "note: missing$$missing; the browser tests will be skipped (sudo apt-get install -y --no-install-recommends$$missing)"; \
	fi

# configurable-http-proxy for JupyterHub, pinned, in .venv/node (needs node and npm; as root
# they are installed with apt when missing). Without them only the JupyterHub smoke test is
# skipped (under CI it fails).
$(CHP):
	@if ! command -v npm >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing nodejs and npm with apt (for JupyterHub's proxy)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm; \
	fi; \
	if command -v npm >/dev/null 2>&1; then \
		mkdir -p $(VENV)/node && \
		npm install --prefix $(VENV)/node --no-audit --no-fund --loglevel=error \
			configurable-http-proxy@$(CHP_VERSION) && touch $@; \
	elif [ -n "$$CI" ]; then \
		echo "ERROR: JupyterHub's proxy needs node and npm (sudo apt-get install nodejs npm)" >&2; exit 1; \
	else \
		echo "note: no npm: JupyterHub's proxy is not installed and its smoke test will be skipped"; \
	fi

## Start the course in JupyterLab (127.0.0.1, token on) at the welcome notebook.
lab: venv
	$(PY) tools/lab.py --port $(PORT)

# What `make test` runs with pytest; hypothesis uses the profile of tests/conftest.py:
# "deterministic" (derandomised, no example database) unless told otherwise.
PYTEST_ALL  := tests notebooks lib/salesprofit --doctest-modules \
	--nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
# Day-to-day: no browser, no book, no server, no notebooks (nbval): unit, property,
# widget, data and guard tests and the library's doctests.
PYTEST_FAST := tests lib/salesprofit --doctest-modules -m "not slow and not browser"

## Lint and format check (ruff, pinned; rules in pyproject.toml). Fails fast in `make test`.
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## Run every test: lint, then library, data, widgets, notebooks (nbval, strict) and the book.
## Deterministic: the same commit gives the same result on any machine.
test: lint
	$(PY) -m pytest $(PYTEST_ALL)

## The quick loop for contributors (a couple of minutes): lint, then no browser, book or notebooks.
test-fast: lint
	$(PY) -m pytest $(PYTEST_FAST)

## Hypothesis explores new random examples (and remembers failures in .hypothesis/).
## Not deterministic by design: a failure it finds becomes an @example on the test.
test-explore: venv
	$(PY) -m pytest $(PYTEST_FAST) --hypothesis-profile=explore

## Static HTML book into _build/html (from the committed notebook outputs).
book: venv
	$(PY) tools/build_book.py

## Regenerate the sample company's tables in datasets/.
data: venv
	$(PY) -m salesprofit.synth --out datasets/

## The calculator gallery in Voilà (127.0.0.1, token on): every calculator, one click each.
app: venv
	$(PY) tools/app.py --port $(APP_PORT)

## Performance against docs/DESIGN.md's budgets -> bench/results.json (installs lifetimes into .venv/bench).
bench: venv $(BENCH_STAMP)
	$(PY) tools/bench.py

## A class on one server: simulated learners on JupyterHub (10, then 30) -> bench/loadtest.json.
loadtest: venv
	$(PY) tools/loadtest.py --waves 10 30

$(BENCH_STAMP): requirements-bench.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --target $(VENV)/bench -r requirements-bench.txt
	@touch $@

## Re-execute every notebook in place, saving outputs and widget state.
notebooks: venv
	$(PY) tools/run_notebooks.py

clean:
	rm -rf _build .pytest_cache
