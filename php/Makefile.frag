# The extension, built by cargo (see config.m4). CARGO_TARGET_DIR, when set, is honoured; otherwise
# cargo builds in cargo-target/ here. The recipe always runs: cargo decides what is stale.
omg_payment_cargo_target = $${CARGO_TARGET_DIR:-$(builddir)/cargo-target}

$(phplibdir)/omg_payment.so: omg-payment-cargo-build

omg-payment-cargo-build:
	cd "$(srcdir)/.." && PHP_CONFIG="$(OMG_PAYMENT_PHP_CONFIG)" PHP="$(PHP_EXECUTABLE)" \
	  CARGO_TARGET_DIR="$(omg_payment_cargo_target)" "$(OMG_PAYMENT_CARGO)" build --release --locked -p omg-payment-php
	cp "$(omg_payment_cargo_target)/release/libomg_payment.so" "$(phplibdir)/omg_payment.so"

.PHONY: omg-payment-cargo-build
