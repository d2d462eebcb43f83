# omg-payment: the two commands of the README, and the pieces they are made of.
#   make demo   build and run the whole flow on the built-in offline gateway
#   make test   install what is missing, then run every test in every language
SHELL := /bin/bash
CARGO ?= cargo

.PHONY: demo test deps test-rust test-python test-node bench

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
