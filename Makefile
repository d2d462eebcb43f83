# omg-payment: the two commands of the README, and the pieces they are made of.
#   make demo   build and run the whole flow on the built-in offline gateway
#   make test   install what is missing, then run every test in every language
#   make dist   every package a merchant installs, for every platform built here, into dist/
#   make test-dist  install each artefact of dist/ without Rust and use it (not part of make test)
SHELL := /bin/bash
CARGO ?= cargo

# Every language's suite: `make test` runs `make test-<lang>` for each, in this order, reports
# each even when an earlier one failed, prints a summary per language, and fails if any failed.
# A new language adds its name here and a `test-<lang>` target below. `docs` runs last: the
# runnable code blocks of docs/ (scripts/test-docs.sh) use what the language suites built.
LANGS := rust python node php dotnet docs

.PHONY: demo test deps lint lint-selftest test-lint test-langs test-rust test-python test-node test-php test-dotnet test-docs generate check-generated check-versions dist test-dist bench fuzz

# Says what it does before each step, and every 10 s of a cold build (scripts/demo.sh).
demo:
	@CARGO="$(CARGO)" bash scripts/demo.sh

# The linters first (reported as "lint" in the summary), then every language.
test: deps check-versions
	@bash scripts/test-langs.sh lint $(LANGS)

# The languages only, without installing anything first.
test-langs:
	@bash scripts/test-langs.sh $(LANGS)

deps:
	bash scripts/install-deps.sh

# Every linter and formatter check (scripts/lint.sh: rustfmt, clippy, ruff, Biome, php -l +
# phpcs, C# warnings as errors); installs its own tools.
lint:
	bash scripts/lint.sh

# Each language's check must refuse a deliberately misformatted file (scripts/lint-selftest.sh).
lint-selftest:
	bash scripts/lint-selftest.sh

test-lint: lint lint-selftest

# The generated files first (check-generated), then every Rust test.
test-rust: check-generated
	$(CARGO) test

test-python:
	bash scripts/test-python.sh

test-node:
	bash scripts/test-node.sh

test-php:
	bash scripts/test-php.sh

test-dotnet:
	bash scripts/test-dotnet.sh

# Every code block of docs/ marked runnable, run against omg-sim (scripts/docs_check.py).
test-docs:
	bash scripts/test-docs.sh

# Every language's type surface and glue, written from omg-core's contract (crates/omg-core/src/
# boundary/) by crates/omg-generate: .pyi, options.py, async_client.py, __init__.py, index.d.ts,
# lib/operations.js, the PHP stubs, the C# classes, P/Invoke and client methods, each binding's
# operations.rs. docs/architecture.md, "The contract".
generate:
	$(CARGO) run --quiet -p omg-generate

# Fails when any generated file differs from what the generator writes now (byte for byte, so
# every name, argument type, optionality and result type). Part of test-rust, so of `make test`.
check-generated:
	$(CARGO) run --quiet -p omg-generate -- --check

# One version and one repository URL in every package manifest (scripts/check-versions.py), and
# the proof that the check fails when one manifest differs. Part of `make test`.
check-versions:
	bash scripts/test-check-versions.sh

# Every artefact of docs/release.md into dist/ (long: cross-builds for every platform).
dist:
	bash scripts/dist.sh

# Installs every artefact of dist/ in a clean environment (no cargo or rustc on PATH, no sources
# reachable) and uses it through its public API. Needs `make dist` first. Not part of `make test`;
# CI runs it when OMG_DIST=1 (.ci/run).
test-dist:
	bash scripts/test-dist.sh

# One table for every language (scripts/bench-all.sh, docs/performance.md). Not part of `make test`.
bench:
	bash scripts/bench-all.sh

# Fuzz every target of fuzz/ for FUZZ_SECONDS each (default 60), starting from the committed seed
# corpus; new inputs go to a temporary directory, crashes to fuzz/artifacts/. Needs nightly and
# cargo-fuzz (installed when missing). Not part of `make test` or CI. See docs/reliability.md.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := form_body notification_verify raw_replies json_replies order_values malleability vector_masks
fuzz:
	command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked
	for t in $(FUZZ_TARGETS); do \
	  out="$$(mktemp -d)"; \
	  $(CARGO) +nightly fuzz run "$$t" "$$out" "fuzz/corpus/$$t" -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=1024 || exit 1; \
	  rm -rf "$$out"; \
	done
