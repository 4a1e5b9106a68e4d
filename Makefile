# furikaeri: build, run on samples/, test, benchmark and fuzz.
SWIFT      ?= swift
PYTHON     ?= python3
RELEASE    := .build/release/furikaeri
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PKGS   := libzip-dev libxml2-dev libxlsxwriter-dev
PY_PKGS    := openpyxl python-calamine XlsxWriter

.PHONY: run test build deps pydeps bench fuzz clean
.PHONY: install uninstall dist deb

## make run: install what is missing, build, and process samples/ into output/.
run: deps build
	$(RELEASE) process samples --output output

build: deps
	$(SWIFT) build -c release --product furikaeri

## System libraries the build links against; installed only when pkg-config cannot find them.
deps:
	@if ! pkg-config --exists libzip libxml-2.0 xlsxwriter 2>/dev/null; then \
	  echo "Installing $(APT_PKGS)"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $(APT_PKGS) || \
	  { $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $(APT_PKGS); }; \
	fi

## Test-time oracles (Python readers we did not write); never used at run time.
pydeps:
	@$(PYTHON) -c "import openpyxl, python_calamine, xlsxwriter" 2>/dev/null || \
	  $(PYTHON) -m pip install --quiet $(PY_PKGS)

## make test: the whole suite, unit and end-to-end (the end-to-end tests run the built binary).
test: deps pydeps
	$(SWIFT) build --product furikaeri
	$(SWIFT) test

bench: deps pydeps build
	$(PYTHON) Benchmarks/bench.py --binary $(RELEASE)
	@echo "== summary workbook + CSV for 10,000 synthetic projects"
	$(RELEASE) process --bench-projects 10000
	$(PYTHON) Benchmarks/intake_bench.py --binary $(RELEASE) --count 10000 --work bench-out/intake

fuzz: deps
	./scripts/fuzz.sh

clean:
	rm -rf .build output/*.xlsx output/*.csv

## make install / make uninstall: the binary, shell completions, the manual page furikaeri(1) in
## Japanese and English, and the systemd unit furikaeri-watch@.service. Build first (make build), then
## install (sudo make install): installing never builds as root unless the binary is missing.
## BINARY installs another build (the tests use .build/debug/furikaeri).
PREFIX         ?= /usr/local
DESTDIR        ?=
BINARY         ?= $(RELEASE)
BINDIR         ?= $(PREFIX)/bin
MANDIR         ?= $(PREFIX)/share/man
BASHCOMPDIR    ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR     ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR    ?= $(PREFIX)/share/fish/vendor_completions.d
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
DIST           ?= .build/dist
INSTALLED      := $(BINDIR)/furikaeri $(BASHCOMPDIR)/furikaeri $(ZSHCOMPDIR)/_furikaeri \
                  $(FISHCOMPDIR)/furikaeri.fish $(MANDIR)/man1/furikaeri.1 $(MANDIR)/ja/man1/furikaeri.1 \
                  $(SYSTEMDUNITDIR)/furikaeri-watch@.service

$(RELEASE):
	$(MAKE) build

## Completions, manual pages and the unit, made from BINARY itself into DIST.
dist: $(BINARY)
	@mkdir -p $(DIST)/man/ja
	$(BINARY) --generate-completion-script bash > $(DIST)/furikaeri.bash
	$(BINARY) --generate-completion-script zsh > $(DIST)/_furikaeri
	$(BINARY) --generate-completion-script fish > $(DIST)/furikaeri.fish
	$(PYTHON) packaging/make_manpage.py --binary $(BINARY) --lang en > $(DIST)/man/furikaeri.1
	$(PYTHON) packaging/make_manpage.py --binary $(BINARY) --lang ja > $(DIST)/man/ja/furikaeri.1
	sed 's|@BINDIR@|$(BINDIR)|g' packaging/furikaeri-watch@.service.in > $(DIST)/furikaeri-watch@.service

install: dist
	install -Dm755 $(BINARY) $(DESTDIR)$(BINDIR)/furikaeri
	install -Dm644 $(DIST)/furikaeri.bash $(DESTDIR)$(BASHCOMPDIR)/furikaeri
	install -Dm644 $(DIST)/_furikaeri $(DESTDIR)$(ZSHCOMPDIR)/_furikaeri
	install -Dm644 $(DIST)/furikaeri.fish $(DESTDIR)$(FISHCOMPDIR)/furikaeri.fish
	install -Dm644 $(DIST)/man/furikaeri.1 $(DESTDIR)$(MANDIR)/man1/furikaeri.1
	install -Dm644 $(DIST)/man/ja/furikaeri.1 $(DESTDIR)$(MANDIR)/ja/man1/furikaeri.1
	install -Dm644 $(DIST)/furikaeri-watch@.service $(DESTDIR)$(SYSTEMDUNITDIR)/furikaeri-watch@.service

## Removes exactly the files install wrote (folders are left: other software shares them).
uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
