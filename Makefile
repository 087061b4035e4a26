# relais — the two commands of a fresh machine are `make build` and `make test`.
# Each installs what it needs (Go modules; later Debian packages and npm tools).

GO      ?= go
BIN     := bin/relais
PKGS    := ./...
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X github.com/relais-ecoles/relais/internal/cli.Version=$(VERSION)

.PHONY: all build relais test test-short fmt vet bench clean deps browser

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

## browser: Debian's Chromium for the browser tests (as root; sudo otherwise)
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y chromium; }

## test: every test, with the race detector (the browser tests fail, not
## skip, without Chromium when CI=true)
test: deps browser
	$(GO) vet $(PKGS)
	$(GO) test -race -count=1 $(PKGS)

## test-short: the tests without the race detector, faster
test-short: deps
	$(GO) test -count=1 $(PKGS)

fmt:
	gofmt -l -w $$(git ls-files '*.go')

vet:
	$(GO) vet $(PKGS)

## bench: the build benchmarks
bench: deps
	$(GO) test -run '^$$' -bench . -benchmem -count 1 ./internal/build/

clean:
	rm -rf bin public .public.staging-* .public.old-*
