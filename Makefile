# Sales Profit Playbook. The first call of any target creates .venv and installs
# the pinned requirements; nothing is downloaded after that.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8888

.PHONY: venv lab test book data notebooks app bench clean

$(STAMP): requirements.txt constraints.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

venv: $(STAMP)

## Start the course in JupyterLab (127.0.0.1, token on) at the welcome notebook.
lab: venv
	$(PY) tools/lab.py --port $(PORT)

## Run every test: library, data, widgets, notebooks (nbval, strict) and the book.
test: venv
	$(PY) -m pytest tests notebooks lib/salesprofit --doctest-modules \
		--nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

## Static HTML book into _build/html (from the committed notebook outputs).
book: venv
	$(PY) tools/build_book.py

## Regenerate the sample company's tables in datasets/.
data: venv
	$(PY) -m salesprofit.synth --out datasets/

## Re-execute every notebook in place, saving outputs and widget state.
notebooks: venv
	$(PY) tools/run_notebooks.py

clean:
	rm -rf _build .pytest_cache
