# furikaeri: build, run on samples/, test, benchmark and fuzz.
SWIFT      ?= swift
PYTHON     ?= python3
RELEASE    := .build/release/furikaeri
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PKGS   := libzip-dev libxml2-dev libxlsxwriter-dev
PY_PKGS    := openpyxl python-calamine XlsxWriter

.PHONY: run test build deps pydeps bench fuzz clean

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
