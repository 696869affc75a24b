# The developer interface. `make run` and `make test` each do their own set-up,
# so a fresh clone needs nothing else first.
.PHONY: run test install lint format check ci db-stop bench audit help

PYTHON := .venv/bin/python

help:                       ## list the targets
	@grep -E '^[a-z-]+:.*## ' Makefile | sed 's/:.*## /\t/'

run: export DJANGO_DEBUG ?= true
run: .venv/ready            ## install, start the database, migrate, load content, serve :$PORT (8000)
	$(PYTHON) manage.py dev_server

test: .venv/ready           ## the whole suite on PostgreSQL (browser tests included)
	bin/ensure-browser
	$(PYTHON) -m pytest -n 2 $(PYTEST_ARGS)

install: .venv/ready        ## dependencies only, into .venv/

.venv/ready: pyproject.toml uv.lock bin/bootstrap
	bin/bootstrap
	touch $@

lint: .venv/ready           ## ruff + template formatting check
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/djade --check $$(git ls-files 'templates/*.html')

format: .venv/ready         ## apply ruff and djade formatting
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .
	.venv/bin/djade $$(git ls-files 'templates/*.html')

check: .venv/ready          ## system checks and missing migrations
	$(PYTHON) manage.py check
	$(PYTHON) manage.py makemigrations --check --dry-run

ci:                         ## what CI runs: .ci/run
	bash .ci/run

bench: .venv/ready          ## load-test a production-mode server on loopback (reports/)
	bin/bench

audit: .venv/ready          ## Lighthouse, axe, CSP, headers, check --deploy, pip-audit (reports/)
	bin/audit

db-stop: .venv/ready        ## stop the embedded PostgreSQL (it keeps running between commands)
	$(PYTHON) -c "from runlocalai import embedded_db; embedded_db.stop()"
