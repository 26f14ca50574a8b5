# BorderTwin: `make run` serves the app with demo data; `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run serve test setup system-deps messages database demo check clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || { echo "BorderTwin needs Python 3.11 (found $$($(PYTHON) --version))."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP) messages

messages: $(STAMP)
	@command -v msgfmt >/dev/null || scripts/install-system-deps gettext
	mkdir -p bordertwin/locale
	cd bordertwin && ../$(BIN)/bordertwin compilemessages -v0

database: setup
	$(BIN)/bordertwin migrate --noinput -v1
	$(BIN)/bordertwin load_reference

demo: database
	$(BIN)/bordertwin load_demo

run: demo
	$(BIN)/bordertwin run 127.0.0.1:$(PORT)

serve: database
	$(BIN)/bordertwin serve --bind 127.0.0.1:$(PORT)

system-deps:
	scripts/install-system-deps

test: setup system-deps
	$(BIN)/ruff check bordertwin tests bench scripts conftest.py
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/bordertwin makemigrations --check --dry-run -v1
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) var artifacts
