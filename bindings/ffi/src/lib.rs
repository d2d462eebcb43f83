//! `omg_payment_ffi`: a small, stable C ABI over omg-core. The .NET package (`dotnet/`) loads it
//! over P/Invoke; any language with a C FFI can (the header is `include/omg_payment.h`).
//!
//! The rules every entry point follows (docs/dotnet.md, "The C ABI"):
//!
//! - A client is an opaque handle (`OmgClientHandle`, a number, never a pointer): a freed or
//!   unknown handle is answered with `OMG_ERR_HANDLE`, so freeing twice is harmless.
//! - Strings go in as UTF-8 pointer + length (no NUL needed); NULL with a length above zero,
//!   invalid UTF-8 and inputs over `OMG_MAX_INPUT_BYTES` are errors, never a crash.
//! - Results come out as NUL-terminated UTF-8 owned by this library (JSON in the shapes of
//!   omg-core's boundary description, or plain text), freed with `omg_string_free`.
//! - A verified notification can also come out as its flat view (`..._flat`: the described fields
//!   in order, length-prefixed, see omg-core's `boundary::flat`), a byte buffer freed with
//!   `omg_bytes_free`; .NET reads that instead of JSON.
//! - Every call returns an `OmgStatus`; on failure the error is a JSON payload written to the
//!   `out_error` out-parameter (no thread-local "last error": .NET continuations change threads).
//! - Every entry point runs inside `catch_unwind`: a bug answers `OMG_ERR_INTERNAL`, no panic
//!   crosses into the caller.
//! - The client's log events reach the caller only through `omg_set_log_callback` (one callback
//!   per process; none by default).
//!
//! This crate converts; protocol logic stays in omg-core.

mod client;
mod convert;
mod errors;
mod functions;
mod guard;
mod handles;
mod logging;
mod operations;
mod order;
mod output;
mod status;

pub use client::*;
pub use convert::OMG_MAX_INPUT_BYTES;
pub use functions::*;
pub use logging::*;
pub use operations::*;
pub use output::{omg_bytes_free, omg_string_free};
pub use status::OmgStatus;
