# relais — the two commands of a fresh machine are `make build` and `make test`.
# Each installs what it needs (Go modules; later Debian packages and npm tools).

GO      ?= go
BIN     := bin/relais
PKGS    := ./...
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X github.com/relais-ecoles/relais/internal/cli.Version=$(VERSION)

.PHONY: all build relais serve test test-short test-long lint fmt vet bench bench-hugo hugo bench-go bench-search fuzz clean deps browser test-tools check-output check-output-tools cms-tools

all: build

deps:
	$(GO) mod download

## relais: compile the command into bin/relais
relais: deps
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/relais

## build: build the shipped site into public/
build: relais
	./$(BIN) build --source . --dest public
	@echo "The site is in $(CURDIR)/public/ (open public/index.html, or serve the folder)."

## serve: serve the shipped site on http://127.0.0.1:1313/, rebuilt and
## reloaded in the browser on every change (nothing is written)
serve: relais
	./$(BIN) serve --source .

## browser: Debian's Chromium for the browser tests, installed when
## missing and upgraded when older than CHROMIUM_MIN (the oldest the tests
## run on, internal/browsertest.MinVersion); as root, sudo otherwise
CHROMIUM_MIN := 120

browser:
	@v=$$( { chromium --version || chromium-browser --version; } 2>/dev/null | sed -n 's/^[A-Za-z ]*\([0-9][0-9]*\)\..*/\1/p' | head -n 1); \
	if [ -z "$$v" ] || [ "$$v" -lt $(CHROMIUM_MIN) ]; then \
	  echo "Chromium $${v:-not installed}: installing Debian's chromium (the browser tests need $(CHROMIUM_MIN) or later)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	fi

## test-tools: the real servers and checkers the tests use, each test
## starting its own on loopback: versitygw (S3, pinned, from the Go module
## proxy into .tools/bin), Debian's chromium, nginx with its brotli module,
## and libical (python3-gi and gir1.2-ical-3.0, to read calendars as
## Evolution does). Debian packages as root (sudo otherwise), only when
## one is missing.
TOOLS_BIN         := $(CURDIR)/.tools/bin
VERSITYGW_VERSION := v1.8.0
VERSITYGW_STAMP   := $(TOOLS_BIN)/.versitygw-$(VERSITYGW_VERSION)
DEBIAN_TEST_PKGS  := chromium nginx-core libnginx-mod-http-brotli-static python3-gi gir1.2-ical-3.0

test-tools:
	@test -x $(TOOLS_BIN)/versitygw -a -e $(VERSITYGW_STAMP) || { \
	  echo "installing versitygw $(VERSITYGW_VERSION) into $(TOOLS_BIN)"; \
	  GOBIN=$(TOOLS_BIN) $(GO) install github.com/versity/versitygw/cmd/versitygw@$(VERSITYGW_VERSION) && \
	  rm -f $(TOOLS_BIN)/.versitygw-* && touch $(VERSITYGW_STAMP); }
	@missing=$$(for p in $(DEBIAN_TEST_PKGS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  echo "installing Debian packages:" $$missing; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

## cms-tools: the web form's npm packages, pinned by tools/cms/package-lock.json:
## decap-cms (the script relais cms copies into the admin folder) and
## decap-server (its local backend on loopback), into tools/cms/node_modules
CMS_STAMP := tools/cms/node_modules/.relais-installed
cms-tools: $(CMS_STAMP)

$(CMS_STAMP): tools/cms/package.json tools/cms/package-lock.json
	@command -v npm >/dev/null || \
		{ SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; }
	npm ci --prefix tools/cms --no-audit --no-fund --loglevel=error
	touch $@

## lint: go vet and staticcheck (pinned, from the Go module proxy into
## .tools/bin); both must be clean
STATICCHECK_VERSION := v0.8.2
STATICCHECK_STAMP   := $(TOOLS_BIN)/.staticcheck-$(STATICCHECK_VERSION)

lint: deps $(STATICCHECK_STAMP)
	$(GO) vet $(PKGS)
	$(TOOLS_BIN)/staticcheck $(PKGS)

$(STATICCHECK_STAMP):
	GOBIN=$(TOOLS_BIN) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	touch $@

# IN_RAM starts a recipe line whose tests write their temporary folders
# (go test's TMPDIR, and so every t.TempDir) in a fresh folder of
# /dev/shm, removed when the line ends; without /dev/shm they stay in the
# system's temporary folder. The tests write whole builds, spares and the
# kill test's sites, tens of thousands of small files: on an ext4 disk
# mounted with discard one build of the shipped site (10,000 files) costs
# 10 s of system time and 35 s of wall time to write, in RAM under 1 s.
IN_RAM = if d=$$(mktemp -d /dev/shm/relais-test.XXXXXX 2>/dev/null); then trap 'rm -rf "$$d"' EXIT; export TMPDIR="$$d"; fi;

## test: lint, then every test: the packages whose code runs concurrently
## under the race detector, the two packages of whole-site tests without
## it (the browser tests fail, not skip, without Chromium when CI=true).
## The long fault-injection runs and national-scale fixtures are trimmed
## (test-long runs them in full).
# Which packages run under -race, and why: the race detector slows code
# five to tenfold and finds races only in code that runs concurrently.
# That code is in load, site, render, publish, serve, deploy and pipeline
# (errgroups over files, pages and uploads; the record's fingerprint), and
# their own tests run it under -race (deploy's versitygw test on a build
# of the shipped site, serve's tests rebuilding incrementally).
# internal/sitetest and internal/pipeline are whole-site tests that run
# the same code again, on many sites and many edits (the
# incremental-vs-full property tests alone take 10 minutes under -race on
# 2 cores, sitetest 5): they run once without -race, and pipeline's tests
# of its own concurrent parts (PIPELINE_RACE_TESTS: the incremental
# build's parallel render of the shipped site, the record's fingerprint)
# run under -race as well. So do WHOLE_SITE_TESTS, in race packages but
# whose own code does not run concurrently: a build of the shipped site
# then read by nginx (hosting) and by libical (render), and a fixture's
# (fixture), 20, 7 and 6 s of CPU under -race, 2 to 4 s without. A
# renamed test in either list fails the run rather than leaving a hole.
#
# How the run keeps both cores busy to its end: the race run of RACE_PKGS
# and the chain of the whole-site tests (without the race detector, then
# PIPELINE_RACE_TESTS with it) go at the same time, two go test commands
# whose outputs interleave package by package; the run fails when either
# does. Each go test starts with its longest packages (RACE_FIRST,
# NO_RACE_PKGS): go test starts packages in the order given, and the last
# one to end decides when the run ends.
NO_RACE_PKGS        := ./internal/pipeline/ ./internal/sitetest/
PIPELINE_RACE_TESTS := TestIncrementalRendersLittle TestBuildRecord
WHOLE_SITE_TESTS    := TestNginxServesTheShippedBuild TestShippedCalendarsPassLibical TestBuilds
WHOLE_SITE_PKGS     := ./internal/hosting/ ./internal/render/ ./internal/fixture/
RACE_FIRST          := ./internal/cli/ ./internal/deploy/ ./internal/hosting/ ./internal/render/ ./internal/serve/
empty :=
space := $(empty) $(empty)
PIPELINE_RACE_RE     = ^($(subst $(space),|,$(PIPELINE_RACE_TESTS)))$$
WHOLE_SITE_RE        = ^($(subst $(space),|,$(WHOLE_SITE_TESTS)))$$
RACE_PKGS            = $(RACE_FIRST) $$($(GO) list $(PKGS) | grep -v -e '/internal/pipeline$$' -e '/internal/sitetest$$')
test: deps test-tools browser cms-tools lint
	@n=$$($(GO) test -list '$(PIPELINE_RACE_RE)' ./internal/pipeline/ | grep -c '^Test'); \
	test "$$n" = $(words $(PIPELINE_RACE_TESTS)) || { echo "internal/pipeline has $$n of the $(words $(PIPELINE_RACE_TESTS)) tests of PIPELINE_RACE_TESTS: update the Makefile"; exit 1; }; \
	n=$$($(GO) test -list '$(WHOLE_SITE_RE)' $(WHOLE_SITE_PKGS) | grep -c '^Test'); \
	test "$$n" = $(words $(WHOLE_SITE_TESTS)) || { echo "$(WHOLE_SITE_PKGS) have $$n of the $(words $(WHOLE_SITE_TESTS)) tests of WHOLE_SITE_TESTS: update the Makefile"; exit 1; }
	@$(IN_RAM) export RELAIS_VERSITYGW=$(TOOLS_BIN)/versitygw RELAIS_NGINX_REQUIRED=1; set -x; \
	{ $(GO) test -count=1 -timeout 20m $(NO_RACE_PKGS) && \
	  $(GO) test -count=1 -run '$(WHOLE_SITE_RE)' $(WHOLE_SITE_PKGS) && \
	  $(GO) test -race -count=1 -run '$(PIPELINE_RACE_RE)' ./internal/pipeline/; } & whole=$$!; \
	$(GO) test -race -count=1 -timeout 20m -skip '$(WHOLE_SITE_RE)' $(RACE_PKGS); race=$$?; \
	wait $$whole; whole=$$?; \
	test $$race = 0 && test $$whole = 0

## test-short: go test -short without the race detector: the quick tests,
## for the edit-test loop (no kill test, fewer incremental edits); the
## longest packages first, so that the others fill the second core
SHORT_FIRST := ./internal/pipeline/ ./internal/sitetest/ ./internal/cli/ ./internal/hosting/
test-short: deps
	@$(IN_RAM) set -x; $(GO) test -short -count=1 $(SHORT_FIRST) $(PKGS)

## test-long: every test with the long fault-injection runs in full
## (RELAIS_LONG=1: six SIGKILLs of a build, a spare of 6,000 stray files)
## and twenty extra random edits in the incremental-vs-full tests
test-long: deps test-tools browser
	@$(IN_RAM) set -x; RELAIS_LONG=1 RELAIS_INCREMENTAL_EXTRA=20 RELAIS_VERSITYGW=$(TOOLS_BIN)/versitygw RELAIS_NGINX_REQUIRED=1 $(GO) test -count=1 -timeout 30m $(PKGS)

## check-output: build the site and validate it: every page through the Nu
## HTML Checker, then a sample of pages (tools/checkoutput/pages.txt) through
## axe-core in headless Chromium (WCAG 2.2 A/AA with target sizes, console and CSP errors,
## reflow at 320 px); then serves a build through nginx with _nginx.conf.
## Installs Java, Chromium, nginx and the npm tools when missing.
CHECK_NOW ?= 2020-03-23T09:00:00+01:00
CHECK_DEST := .check-output/public
NPM_TOOLS  := tools/node_modules
VNU        := $(NPM_TOOLS)/vnu-jar/build/dist/vnu.jar
AXE        := $(NPM_TOOLS)/axe-core/axe.min.js
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

check-output: relais check-output-tools
	./$(BIN) build --quiet --no-precompress --source . --dest $(CHECK_DEST) --now $(CHECK_NOW)
	java -jar $(VNU) --errors-only --skip-non-html $(CHECK_DEST)/
	@echo "Nu HTML Checker: no error in $$(find $(CHECK_DEST) -name '*.html' | wc -l) pages"
	$(GO) run ./tools/checkoutput -axe $(AXE) -pages tools/checkoutput/pages.txt $(CHECK_DEST)
	RELAIS_NGINX_REQUIRED=1 $(GO) test -count=1 -run Nginx ./internal/hosting/

check-output-tools: $(VNU) $(AXE)
	@command -v java >/dev/null && command -v chromium >/dev/null && { command -v nginx || test -x /usr/sbin/nginx; } >/dev/null && test -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so || \
		{ $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless chromium nginx-core libnginx-mod-http-brotli-static; }

# npm tools, pinned by tools/package-lock.json; their install scripts are not
# run (vnu-jar's would download a Java runtime: Debian's is used instead).
$(VNU) $(AXE): tools/package.json tools/package-lock.json
	@command -v npm >/dev/null || \
		{ $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; }
	npm ci --prefix tools --ignore-scripts --no-audit --no-fund
	touch $(VNU) $(AXE)

fmt:
	gofmt -l -w $$(git ls-files '*.go')

vet:
	$(GO) vet $(PKGS)

## bench: national-scale builds (tools/bench): 5,000, 10,000 and 20,000
## directives, cold, unchanged and after one edit, with and without
## precompression; wall and processor time, pages/s, files, peak memory.
## BENCH_FLAGS="-directives 20000 -repeat 3" for other runs. First, the
## corpus of 10,000 directive pages built by relais and by Hugo side by
## side (Debian's hugo, installed when missing; docs/performance.md).
bench: deps hugo
	$(GO) run ./tools/bench $(BENCH_FLAGS)

## bench-hugo: only the corpus of 10,000 directive pages, relais and Hugo
bench-hugo: deps hugo
	$(GO) run ./tools/bench -directives "" -incremental=false $(BENCH_FLAGS)

## hugo: Debian's hugo for the benchmark against it, when missing (as root,
## sudo otherwise; without the recommended golang-any, an older Go)
hugo:
	@command -v hugo >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  echo "installing Debian's hugo (make bench builds the same pages with it)"; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends hugo; }

## bench-go: the Go benchmarks of the build (in memory)
bench-go: deps
	$(GO) test -run '^$$' -bench . -benchmem -count 1 ./internal/pipeline/

## bench-search: one query of the catalog's search at 5,000 programmes in
## headless Chromium (docs/performance.md)
bench-search: deps browser
	$(GO) test -run '^$$' -bench CatalogSearchInBrowser -benchtime 2s ./internal/sitetest/

## fuzz: each fuzz target for FUZZTIME (default 60s), one at a time
FUZZTIME ?= 60s
FUZZ_TARGETS := FuzzSplitFront:./internal/load FuzzFront:./internal/load FuzzFastFront:./internal/load \
	FuzzParseClock:./internal/vocab FuzzSlugify:./internal/vocab \
	FuzzDecode:./internal/timetable FuzzDecode:./internal/directive \
	FuzzDecode:./internal/territory FuzzDecodeProgramme:./internal/catalog \
	FuzzRender:./internal/markdown FuzzPage:./internal/sitetest
fuzz: deps
	@for t in $(FUZZ_TARGETS); do \
		name=$${t%%:*}; pkg=$${t#*:}; echo "== $$name $$pkg"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 1x -parallel 1 $$pkg || exit 1; \
	done

clean:
	rm -rf bin .tools public .public.previous .public.staging-* .public.old-* .relais .check-output
