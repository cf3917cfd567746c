# netca-client: the two commands a newcomer needs are `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Independent PDF readers the interop suite (tests/interop) checks stamped PDFs with. Test
# use only: iText 5 and MuPDF are AGPL and are run as outside programs, never imported.
# javac and npm come from whatever JDK / Node the machine has; Debian's only when missing.
INTEROP_PACKAGES := qpdf mupdf-tools libpdfbox2-java libbcprov-java libbcpkix-java libbcutil-java \
                    libitext5-java \
                    $(shell command -v javac >/dev/null 2>&1 || echo default-jdk-headless) \
                    $(shell command -v npm >/dev/null 2>&1 || echo nodejs npm)

# Debian/Ubuntu packages the tests and the demo use. Installed with apt-get
# only when missing, so a machine that has them is not touched.
# The libxcb-*/libxkbcommon-x11 set is what Qt's xcb platform plugin loads (make demo).
# libssl-dev: OpenSSL 3 headers for drivers/vkey's SM2; openssl: the CLI tests/gm and tests/ra
# check SM2 and RSA outputs with (docs/gm.md).
APT_PACKAGES := softhsm2 opensc poppler-utils libssl-dev openssl postgresql chromium chromium-driver \
                fonts-noto-cjk build-essential python3-venv valgrind xvfb \
                libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
                libxkbcommon-x11-0 libxcb-randr0 libxcb-shape0 libxcb-xkb1 libegl1 libgl1 \
                $(INTEROP_PACKAGES)

.PHONY: help sysdeps venv build vkey translations translations-update i18n-check lint typecheck imports interop-npm test unit demo clean \
        package package-venv tools-venv lock wheel package-if-stale package-repro

help:
	@echo "make demo   - install what is needed and run the client against a local RA with virtual keys"
	@echo "make test   - install what is needed and run every check and test"
	@echo "make package - the Linux bundle, .deb and tarball in dist/ (docs/packaging.md)"

sysdeps:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "apt-get install:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[ra,dev]'
	@touch $@

build: vkey translations

TS_FILES := $(wildcard resources/translations/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)
GUI_SOURCES = $(shell find netca_client/gui -name '*.py' | sort)

translations: venv $(QM_FILES)

resources/translations/%.qm: resources/translations/%.ts
	$(BIN)/pyside6-lrelease -silent $< -qm $@

# After changing GUI texts: refresh the .ts files, translate the new entries, commit.
translations-update: venv
	$(BIN)/pyside6-lupdate $(GUI_SOURCES) -no-obsolete -locations none -ts $(TS_FILES)

i18n-check: venv
	$(BIN)/python tools/i18n_check.py

# pdf.js for the interop suite, from the committed lock file; npm ci only when node_modules is
# missing or older than the lock (npm ci writes node_modules/.package-lock.json).
INTEROP_JS := tests/interop/js
interop-npm: $(INTEROP_JS)/node_modules/.package-lock.json

$(INTEROP_JS)/node_modules/.package-lock.json: $(INTEROP_JS)/package.json $(INTEROP_JS)/package-lock.json
	cd $(INTEROP_JS) && npm ci --no-audit --no-fund
	@touch $@

vkey:
	@if [ -f drivers/vkey/Makefile ]; then $(MAKE) --no-print-directory -C drivers/vkey; fi

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

imports: venv
	$(BIN)/lint-imports

typecheck: venv
	$(BIN)/mypy

# pytest exits 5 when it collected no test; make stops on any non-zero exit,
# so an empty run can never pass silently.
test: sysdeps venv build interop-npm lint imports typecheck i18n-check package-if-stale
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

unit: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q tests/unit

# The desktop client against a local RA (SQLite) with virtual USB keys. Without a
# display (a server, CI) the window comes up on a virtual X server and the demo saves a
# picture of it now and then (it says where); use `.venv/bin/netca demo --no-gui` for
# the RA and keys alone.
demo: sysdeps venv build
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  $(BIN)/netca demo $(DEMO_ARGS); \
	else \
	  echo "No display: starting the client on a virtual X server (xvfb-run); nobody sees it there."; \
	  xvfb-run -a -s "-screen 0 1280x800x24" $(BIN)/netca demo --virtual-display $(DEMO_ARGS); \
	fi

# --- Installers (docs/packaging.md) ----------------------------------------------------------
# The bundle is built in an environment of its own, installed from hashed locks only:
# requirements-bundle.txt (what ships) + requirements-build.txt (PyInstaller). The SBOM tool
# and uv live in a third one, so nothing of theirs can reach the bundle. `make lock` refreshes
# the three locks; `make package` builds dist/ reproducibly (SOURCE_DATE_EPOCH: the last
# commit's time unless set).
PKG_VENV   := build/package-venv
TOOLS_VENV := build/tools-venv
BUNDLE     := build/package/dist/netca-client
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 315532800)
export SOURCE_DATE_EPOCH
PIP_QUIET  := 2>&1 | { grep -v "is ignored: it is neither a file" || true; }

package-venv: $(PKG_VENV)/.installed
$(PKG_VENV)/.installed: packaging/requirements-bundle.txt packaging/requirements-build.txt
	rm -rf $(PKG_VENV)
	$(PYTHON) -m venv $(PKG_VENV)
	set -o pipefail; $(PKG_VENV)/bin/python -m pip install -q --require-hashes --no-deps \
	  -r packaging/requirements-bundle.txt -r packaging/requirements-build.txt $(PIP_QUIET)
	@touch $@

tools-venv: $(TOOLS_VENV)/.installed
$(TOOLS_VENV)/.installed: packaging/requirements-tools.txt
	rm -rf $(TOOLS_VENV)
	$(PYTHON) -m venv $(TOOLS_VENV)
	set -o pipefail; $(TOOLS_VENV)/bin/python -m pip install -q --require-hashes --no-deps \
	  -r packaging/requirements-tools.txt $(PIP_QUIET)
	@touch $@

# One lock for every OS (--universal): the Windows and macOS builds install the same file.
UV_COMPILE = SSL_CERT_FILE=$${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt} \
	$(TOOLS_VENV)/bin/uv pip compile --universal --python-version 3.11 --generate-hashes -q \
	--custom-compile-command "make lock"
lock: tools-venv
	$(UV_COMPILE) pyproject.toml -o packaging/requirements-bundle.txt
	$(UV_COMPILE) packaging/requirements-build.in -c packaging/requirements-bundle.txt \
	  -o packaging/requirements-build.txt
	$(UV_COMPILE) packaging/requirements-tools.in -o packaging/requirements-tools.txt

package: sysdeps vkey translations package-venv tools-venv
	rm -rf build/lib build/bdist.* build/package/dist build/package/work
	set -o pipefail; $(PKG_VENV)/bin/python -m pip install -q --no-deps --no-build-isolation \
	  --force-reinstall . $(PIP_QUIET)
	PYTHONHASHSEED=0 $(PKG_VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
	  --distpath build/package/dist --workpath build/package/work \
	  packaging/pyinstaller/netca-linux.spec
	$(PKG_VENV)/bin/python packaging/linux/build.py --bundle $(BUNDLE) --out dist \
	  --sbom-python $(TOOLS_VENV)/bin/python --bundle-python $(PKG_VENV)/bin/python

# `make test` builds the package only when a source it is made from is newer than the .deb.
PACKAGE_SOURCES = pyproject.toml Makefile $(wildcard packaging/*.txt packaging/*/*.py \
	packaging/*/*.spec resources/linux/* resources/icons/* drivers/models.toml drivers/vkey/src/*) \
	$(shell find netca_client netca_vkey netca_protocol netca_seal -name '*.py') $(TS_FILES)
DEB = dist/netca-client_$(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)_amd64.deb
package-if-stale: $(DEB)
$(DEB): $(PACKAGE_SOURCES)
	$(MAKE) --no-print-directory package

# Reproducibility: everything built twice from scratch (PyInstaller included); the second
# build's artefacts must have the first's SHA-256 (bundle files compared when they do not).
package-repro:
	$(MAKE) --no-print-directory package
	rm -rf build/repro && mkdir -p build/repro && cp -a dist build/repro/first && cp -a $(BUNDLE) build/repro/first-bundle
	$(MAKE) --no-print-directory package
	@if cmp -s dist/SHA256SUMS build/repro/first/SHA256SUMS; then \
	  echo "reproducible: two builds gave byte-identical artefacts"; cat dist/SHA256SUMS; \
	else \
	  echo "NOT reproducible; differing bundle files:"; \
	  diff -rq build/repro/first-bundle $(BUNDLE); exit 1; \
	fi

# The RA as a wheel (netca-ra on PATH after `pip install 'WHEEL[ra]'`), docs/ra-deploy.md.
wheel: package-venv
	rm -rf build/lib build/bdist.*
	$(PKG_VENV)/bin/python -m pip wheel -q --no-deps --no-build-isolation -w dist .

clean:
	rm -rf $(VENV) drivers/vkey/build .mypy_cache .ruff_cache .pytest_cache $(INTEROP_JS)/node_modules \
	  build dist
