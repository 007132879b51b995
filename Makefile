# The two commands a new user runs: `make render` and `make test`.
# `make render` publishes every notebook into output/ as a static site.
# `make test` runs the unit and end-to-end tests, then `lemma check` (every claim of every
# shipped notebook must hold), checks that the committed output/ is what the code produces,
# and loads every published page in headless Chromium.
# One build configuration for both (release, with testing enabled), so the tests reuse the
# build that renders: notebook programs link the optimised runtime library it produces.
CONFIG := -c release -Xswiftc -enable-testing
LEMMA := .build/release/lemma
# Where swift-syntax comes from: the toolchain's own build when it imports, else the package
# (scripts/swift-syntax-choice.sh); Package.swift reads it, so build and test must agree.
SWIFT_SYNTAX = LEMMA_SWIFT_SYNTAX=$$(bash scripts/swift-syntax-choice.sh)
SYNTAX_FLAGS = $$(bash scripts/swift-syntax-choice.sh --flags)

.PHONY: render test build build-lemma setup head-start lint site-check browser-test fuzz-check clean

render: build-lemma
	$(LEMMA) publish

# Tests are built together with everything else (`build` passes --build-tests), so `swift test`
# runs without building again: a separate test build compiles swift-syntax a second time.
# --parallel runs each test case in a process of its own, one per core (65 s instead of 90 on
# two cores); the signal and timing tests hold under it.
test: build lint
	@bash scripts/test-tools.sh
	$(SWIFT_SYNTAX) swift test $(CONFIG) $(SYNTAX_FLAGS) --skip-build --disable-swift-testing --parallel
	$(LEMMA) check
	$(MAKE) fuzz-check site-check browser-test

# A short fuzz run with a fixed seed (scripts/fuzz.sh runs a million inputs, any seed).
fuzz-check:
	@RUNS=20000 SEED=1 bash scripts/fuzz.sh

# The committed output/ must be exactly what `lemma publish` writes now.
site-check:
	@bash scripts/site-check.sh

browser-test:
	@bash scripts/browser-test.sh

build: setup head-start
	$(SWIFT_SYNTAX) swift build $(CONFIG) $(SYNTAX_FLAGS) --build-tests
	@bash scripts/build-identity.sh

# What `make render` needs: the lemma executable, the runtime library notebook programs link
# and the HTTP library lemma loads for a shared cache — built by one `swift build` of every
# product but the tests, so the runtime's modules (and the small benchmarks and fuzzer) compile
# on the core that lemma's chain of modules, one after another, leaves idle. `make build` later
# reuses all of it.
build-lemma: setup head-start
	$(SWIFT_SYNTAX) swift build $(CONFIG) $(SYNTAX_FLAGS)
	@bash scripts/build-identity.sh

setup:
	@bash scripts/setup.sh

# On a first build, the chain up to LemmaExecution builds while the swift-syntax probe runs.
head-start: setup
	@bash scripts/head-start.sh $(CONFIG)

lint:
	swift format lint --strict -r Sources Tests fuzz Package.swift

clean:
	rm -rf .build .lemma-cache
