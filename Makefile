# omg-payment: the two commands of the README, and the pieces they are made of.
#   make demo   build and run the whole flow on the built-in offline gateway
#   make test   install what is missing, then run every test in every language
SHELL := /bin/bash
CARGO ?= cargo

.PHONY: demo test deps test-rust test-python test-node bench fuzz

demo:
	$(CARGO) run --release --quiet -p omg-cli -- demo

test: deps test-rust test-python test-node

deps:
	bash scripts/install-deps.sh

test-rust:
	$(CARGO) test

test-python:
	bash scripts/test-python.sh

test-node:
	bash scripts/test-node.sh

bench:
	$(CARGO) bench -p omg-core --bench mac

# Fuzz every target of fuzz/ for FUZZ_SECONDS each (default 60), starting from the committed seed
# corpus; new inputs go to a temporary directory, crashes to fuzz/artifacts/. Needs nightly and
# cargo-fuzz (installed when missing). Not part of `make test` or CI. See docs/reliability.md.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := form_body notification_verify raw_replies json_replies order_values malleability
fuzz:
	command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked
	for t in $(FUZZ_TARGETS); do \
	  out="$$(mktemp -d)"; \
	  $(CARGO) +nightly fuzz run "$$t" "$$out" "fuzz/corpus/$$t" -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=1024 || exit 1; \
	  rm -rf "$$out"; \
	done
