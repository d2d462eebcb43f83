dnl The omg_payment extension is Rust (the crate omg-payment-php in ../bindings/php, ext-php-rs).
dnl This file lets the usual build, the one PIE runs from this folder (composer.json's build-path),
dnl make it with cargo:
dnl
dnl   phpize && ./configure && make && make install
dnl
dnl configure checks for cargo and remembers the php-config it was given (--with-php-config), so
dnl that the extension is built against that PHP's headers; Makefile.frag runs
dnl `cargo build --release -p omg-payment-php` and puts the library at modules/omg_payment.so,
dnl where `make install` takes it from. Where there is no Rust, install a prebuilt binary instead
dnl (`pie install omg-payment/omg-payment` picks one for PHP 8.2 NTS on Linux x86_64: docs/php.md).

PHP_ARG_ENABLE([omg-payment],
  [whether to enable the omg_payment extension],
  [AS_HELP_STRING([--enable-omg-payment], [Build the omg_payment extension (needs Rust's cargo)])],
  [yes])

if test "$PHP_OMG_PAYMENT" != "no"; then
  AC_PATH_PROG([OMG_PAYMENT_CARGO], [cargo], [no], [$PATH:$HOME/.cargo/bin])
  if test "$OMG_PAYMENT_CARGO" = "no"; then
    AC_MSG_ERROR([omg_payment is written in Rust: building it needs cargo (https://rustup.rs). Without Rust, install a prebuilt binary: pie install omg-payment/omg-payment (docs/php.md)])
  fi
  AC_MSG_CHECKING([for the omg_payment sources])
  if test ! -f "$abs_srcdir/../bindings/php/Cargo.toml"; then
    AC_MSG_ERROR([$abs_srcdir/../bindings/php/Cargo.toml not found: build from the whole omg-payment repository])
  fi
  AC_MSG_RESULT([$abs_srcdir/../bindings/php])

  dnl ext-php-rs wants php-config as a path (phpize passes a bare "php-config" when not told).
  case "$PHP_CONFIG" in
    /*) OMG_PAYMENT_PHP_CONFIG="$PHP_CONFIG" ;;
    *) OMG_PAYMENT_PHP_CONFIG="`command -v "$PHP_CONFIG"`" ;;
  esac
  PHP_MODULES="\$(phplibdir)/omg_payment.so"
  PHP_SUBST([OMG_PAYMENT_CARGO])
  PHP_SUBST([OMG_PAYMENT_PHP_CONFIG])
  dnl No C sources, so no PHP_NEW_EXTENSION: name the fragment and the build folder explicitly.
  PHP_ADD_MAKEFILE_FRAGMENT([$abs_srcdir/Makefile.frag], [$abs_srcdir], [$abs_builddir])
  PHP_ADD_BUILD_DIR([modules])
fi
