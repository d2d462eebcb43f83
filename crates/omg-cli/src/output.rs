//! Printing results and errors, human-readable or as JSON for scripts.
//!
//! Results go through `outln!` / `out!` rather than `println!`: `println!` panics when stdout is a
//! pipe whose reader has gone (`omg sim deliveries --json | head`), where a command should just
//! stop, as `cat` and `grep` do.

use std::io::Write;

use omg_core::{Error, Fields};
use serde_json::{Map, Value};

/// `println!` for a command's output: a closed stdout ends the command quietly (exit 0).
macro_rules! outln {
    () => {
        $crate::output::write_stdout(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::output::write_stdout(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `print!` for a command's output: a closed stdout ends the command quietly (exit 0).
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::output::write_stdout(format_args!($($arg)*))
    };
}

/// Writes to stdout and flushes. When the reader of a pipe has gone (`| head`), the command has
/// nobody left to tell anything: it exits 0 at once, with no message. Any other write error
/// (a full disk) is said on stderr and exits `exit::OUTPUT`.
pub fn write_stdout(args: std::fmt::Arguments) {
    if let Err(e) = try_write_stdout(args) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(crate::exit::OK);
        }
        eprintln!("omg: cannot write to standard output: {e}");
        std::process::exit(crate::exit::OUTPUT);
    }
}

fn try_write_stdout(args: std::fmt::Arguments) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_fmt(args)?;
    stdout.flush()
}

/// Fields as a JSON object, in order.
pub fn fields_json(fields: &Fields) -> Value {
    Value::Object(fields.iter().map(|(k, v)| (k.to_string(), Value::String(v.to_string()))).collect::<Map<_, _>>())
}

/// Fields as aligned `key  value` lines.
pub fn fields_text(fields: &Fields) -> String {
    let width = fields.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
    fields.iter().map(|(k, v)| format!("  {k:<width$}  {v}\n")).collect()
}

/// An error as JSON: omg-core's error payload (the same fields in every language binding), plus
/// `error` (= `kind`) and `errors` (= `field_errors`), the names of the first `--json` format,
/// kept for scripts that read them.
pub fn error_json(error: &Error) -> Value {
    let mut v = omg_core::boundary::error_payload(error);
    v["error"] = v["kind"].clone();
    v["errors"] = v["field_errors"].clone();
    v
}

/// Reports an error on stderr (or as JSON on stdout with `--json`) and returns its exit code.
pub fn report_error(error: &Error, as_json: bool) -> i32 {
    if as_json {
        // A closed stdout must not turn a failure into exit 0: the error's own code is kept.
        let _ = try_write_stdout(format_args!("{}\n", error_json(error)));
    } else {
        eprintln!("omg: {error}");
    }
    crate::exit::code_for(error)
}
