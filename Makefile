# kg — knowledge graphs of who did what to whom.
#
#   make demo     build kg and show it working on a bundled example
#   make test     vet and test everything (what CI runs)
#   make bench    benchmark tables with ratios against baselines
#   make fuzz     a short run of every fuzz target
#   make lint     staticcheck
#   make models   retrain the embedded language models from ../shared/data

GO        ?= go
BIN       := bin
KG        := $(BIN)/kg
SHARED    ?= ../shared/data
STATICCHECK_VERSION := v0.7.0
FUZZTIME  ?= 20s

.PHONY: all build test examples test-dgraph bench bench-dgraph bench-quick fuzz lint demo models clean

all: build

build:
	$(GO) build -o $(KG) ./cmd/kg

# test: vet, the whole suite, the race detector over the short suite, and
# every example built and run.
test: examples
	$(GO) vet ./...
	$(GO) test ./...
	$(GO) test -race -short ./...

examples:
	$(GO) run ./examples/embed
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && $(GO) run ./examples/graphviz -o "$$tmp/amara.dot"

# test-dgraph: load the seed graph's export into a real Dgraph (built from
# the module proxy once, then cached) and check it through DQL.
test-dgraph:
	./scripts/test-dgraph.sh

bench: build
	$(GO) run ./internal/benchtab -shared $(SHARED)

# bench-dgraph: the export for Dgraph, and dgraph live loading it into a
# real Dgraph on loopback (minutes; a published comparison point).
bench-dgraph: build
	$(GO) run ./internal/benchtab -shared $(SHARED) -only dgraph -dgraph-live -out BENCHMARKS-dgraph.md

bench-quick: build
	$(GO) run ./internal/benchtab -shared $(SHARED) -quick

# fuzz: every fuzz target of every package in turn (go test fuzzes one
# target at a time), FUZZTIME each.
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$target"; \
	    $(GO) test -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; \
	done

lint:
	$(GO) run honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION) ./...

# demo: the main job: ingest the bundled Valdoria corpus, ask questions,
# show a path, the central entities and a timeline, and draw the graph.
demo: build
	@KG=$(KG) ./examples/demo.sh

models:
	$(GO) run ./cmd/kgtrain -data $(SHARED) -out extract/internal/models

clean:
	rm -rf $(BIN)
