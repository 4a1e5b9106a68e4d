# furikaeri: build, run on samples/, test, benchmark and fuzz.
SWIFT      ?= swift
PYTHON     ?= python3
RELEASE    := .build/release/furikaeri
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PKGS   := libzip-dev libxml2-dev libxlsxwriter-dev libssl-dev
PY_PKGS    := openpyxl python-calamine XlsxWriter krippendorff

.PHONY: run test build deps pydeps bench fuzz clean
.PHONY: install uninstall dist deb build-static deb-install-check

## make run: install what is missing, build, and process samples/ into output/.
run: deps build
	$(RELEASE) process samples --output output

build: deps
	$(SWIFT) build -c release --product furikaeri

## System libraries the build links against; installed only when pkg-config cannot find them.
deps:
	@if ! pkg-config --exists libzip libxml-2.0 xlsxwriter libcrypto 2>/dev/null; then \
	  echo "Installing $(APT_PKGS)"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $(APT_PKGS) || \
	  { $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $(APT_PKGS); }; \
	fi

## Test-time oracles (Python readers we did not write); never used at run time.
pydeps:
	@$(PYTHON) -c "import openpyxl, python_calamine, xlsxwriter, krippendorff" 2>/dev/null || \
	  $(PYTHON) -m pip install --quiet $(PY_PKGS)

## make test: the whole suite, unit and end-to-end (the end-to-end tests run the built binary).
test: deps pydeps
	$(SWIFT) build --product furikaeri
	$(SWIFT) test

bench: deps pydeps build
	$(PYTHON) Benchmarks/bench.py --binary $(RELEASE)
	@echo "== summary workbook + CSV for 10,000 synthetic projects"
	$(SWIFT) build -c release --product summary-bench
	.build/release/summary-bench 10000
	$(PYTHON) Benchmarks/intake_bench.py --binary $(RELEASE) --count 10000 --work bench-out/intake
	@echo "== 事例集 (static site) of 10 years x 200 projects: time, size, load and search in Chromium"
	$(PYTHON) Benchmarks/site_bench.py --binary .build/release/summary-bench --shape 10x200 --work bench-out/site

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

## Completions, manual pages and the unit, made from BINARY itself into DIST (the pages dated by the
## last commit, or SOURCE_DATE_EPOCH, so that the same commit makes the same pages).
dist: $(BINARY)
	@mkdir -p $(DIST)/man/ja
	$(BINARY) --generate-completion-script bash > $(DIST)/furikaeri.bash
	sed -i '1{/^#!/d}' $(DIST)/furikaeri.bash  # sourced, never run
	$(BINARY) --generate-completion-script zsh > $(DIST)/_furikaeri
	$(BINARY) --generate-completion-script fish > $(DIST)/furikaeri.fish
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null)} \
	  $(PYTHON) packaging/make_manpage.py --binary $(BINARY) --lang en > $(DIST)/man/furikaeri.1
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null)} \
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

## make deb: a Debian package built with dpkg-deb from a release binary linked with the Swift runtime
## inside (--static-swift-stdlib, in .build-static), so the server needs no Swift. Its Depends come
## from dpkg-shlibdeps (libzip4, libxml2, libxlsxwriter4, libssl3, libsqlite3-0 …). DEB_BINARY packages
## another build; one that needs the Swift runtime's shared libraries is refused unless
## DEB_ALLOW_SHARED_SWIFT=1 (the tests, to keep them fast: such a package runs only where Swift is).
DEB_BINARY             ?= .build-static/release/furikaeri
DEB_ALLOW_SHARED_SWIFT ?=
DEB_OUT                ?= .build/deb
DEB_VERSION            ?= $(shell sed -n 's/.*current = "\(.*\)"/\1/p' Sources/FurikaeriCLI/Version.swift)+git$(shell git log -1 --format=%cd.%h --date=format:%Y%m%d)
DEB_ARCH               := $(shell dpkg --print-architecture 2>/dev/null)
# Fixed rather than the last commit's author: the package never depends on who committed last.
DEB_MAINTAINER         ?= furikaeri maintainers <maintainers@users.noreply.r-seed-5f607756.example>
DEB_STAGE               = $(DEB_OUT)/furikaeri_$(DEB_VERSION)_$(DEB_ARCH)
DEB_FILE                = $(DEB_OUT)/furikaeri_$(DEB_VERSION)_$(DEB_ARCH).deb

build-static: deps
	$(SWIFT) build -c release --product furikaeri --static-swift-stdlib --scratch-path .build-static \
	  -Xlinker -z -Xlinker relro -Xlinker -z -Xlinker now

.build-static/release/furikaeri:
	$(MAKE) build-static

deb: $(DEB_BINARY)
	@if [ -z "$(DEB_ALLOW_SHARED_SWIFT)" ] && ldd $(DEB_BINARY) | grep -q libswiftCore; then \
	  echo "$(DEB_BINARY) needs the Swift runtime's shared libraries: build it with make build-static"; exit 1; fi
	rm -rf $(DEB_STAGE) $(DEB_FILE)
	$(MAKE) --no-print-directory install DESTDIR=$(abspath $(DEB_STAGE)) PREFIX=/usr SYSTEMDUNITDIR=/lib/systemd/system \
	  ZSHCOMPDIR=/usr/share/zsh/vendor-completions BINARY=$(DEB_BINARY) DIST=$(DEB_OUT)/dist
	strip --strip-unneeded --remove-section=.comment --remove-section=.note $(DEB_STAGE)/usr/bin/furikaeri
	gzip -9n $(DEB_STAGE)/usr/share/man/man1/furikaeri.1 $(DEB_STAGE)/usr/share/man/ja/man1/furikaeri.1
	install -Dm644 packaging/debian/copyright $(DEB_STAGE)/usr/share/doc/furikaeri/copyright
	install -Dm644 packaging/debian/lintian-overrides $(DEB_STAGE)/usr/share/lintian/overrides/furikaeri
	sed -e 's|@VERSION@|$(DEB_VERSION)|' -e 's|@MAINTAINER@|$(DEB_MAINTAINER)|' \
	  -e "s|@COMMIT@|$$(git rev-parse --short HEAD)|" -e "s|@DATE@|$$(git log -1 --format=%aD)|" \
	  packaging/debian/changelog.in | gzip -9n > $(DEB_STAGE)/usr/share/doc/furikaeri/changelog.gz
	chmod 644 $(DEB_STAGE)/usr/share/doc/furikaeri/changelog.gz
	install -d $(DEB_STAGE)/DEBIAN $(DEB_OUT)/shlibs/debian
	install -m755 packaging/debian/postinst packaging/debian/prerm packaging/debian/postrm $(DEB_STAGE)/DEBIAN/
	printf 'Source: furikaeri\n\nPackage: furikaeri\nArchitecture: any\n' > $(DEB_OUT)/shlibs/debian/control
	cd $(DEB_OUT)/shlibs && dpkg-shlibdeps -O $(if $(DEB_ALLOW_SHARED_SWIFT),--ignore-missing-info) \
	  -e $(abspath $(DEB_STAGE))/usr/bin/furikaeri 2>/dev/null | sed -n 's/^shlibs:Depends=//p' > ../depends
	@test -s $(DEB_OUT)/depends || { echo "dpkg-shlibdeps found no dependencies"; exit 1; }
	sed -e 's|@VERSION@|$(DEB_VERSION)|' -e 's|@ARCH@|$(DEB_ARCH)|' -e 's|@MAINTAINER@|$(DEB_MAINTAINER)|' \
	  -e "s|@SIZE@|$$(du -sk --exclude=DEBIAN $(DEB_STAGE) | cut -f1)|" -e "s|@DEPENDS@|$$(cat $(DEB_OUT)/depends)|" \
	  packaging/debian/control.in > $(DEB_STAGE)/DEBIAN/control
	cd $(DEB_STAGE) && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum > DEBIAN/md5sums
	dpkg-deb --root-owner-group -Zxz --build $(DEB_STAGE) $(DEB_FILE)
	@echo "$(DEB_FILE)"

## make deb-install-check: dpkg -i the package on this machine (CI's throw-away one: it changes the
## system and makes the user furikaeri), check --version, man (both languages), the unit and doctor,
## then dpkg -r it.
deb-install-check: deb
	packaging/check_deb_install.sh $(DEB_FILE)
