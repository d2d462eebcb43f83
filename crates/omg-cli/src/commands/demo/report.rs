//! Printing the demo as it runs: one line per step with ✔ or ✘, then a summary.

use std::fmt::Display;

/// What a step returns: a value for the steps after it and a line of detail, or why it failed.
pub type Step<T> = Result<(T, String), String>;

/// A failure's text for a step.
pub fn why(e: impl Display) -> String {
    e.to_string()
}

#[derive(Default)]
pub struct Report {
    passed: u32,
    failed: u32,
}

impl Report {
    pub fn section(&self, title: &str) {
        outln!("\n{title}");
    }

    pub fn pass(&mut self, name: &str, detail: &str) {
        self.passed += 1;
        outln!("  ✔ {name}: {detail}");
    }

    pub fn fail(&mut self, name: &str, why: &str) {
        self.failed += 1;
        outln!("  ✘ {name}: {why}");
    }

    pub fn failed(&self) -> u32 {
        self.failed
    }

    pub fn summary(&self) {
        outln!("\n{} passed, {} failed", self.passed, self.failed);
    }

    /// A sequence of steps where each needs the ones before it.
    pub fn flow(&mut self) -> Flow<'_> {
        Flow { report: self, broken: false }
    }
}

/// Steps that depend on each other: once one fails, the rest are reported as not run (so every
/// step still shows up, failed) instead of failing with confusing follow-on errors.
pub struct Flow<'a> {
    report: &'a mut Report,
    broken: bool,
}

impl Flow<'_> {
    pub fn step<T>(&mut self, name: &str, run: impl FnOnce() -> Step<T>) -> Option<T> {
        if self.broken {
            self.report.fail(name, "not run: an earlier step failed");
            return None;
        }
        match run() {
            Ok((value, detail)) => {
                self.report.pass(name, &detail);
                Some(value)
            }
            Err(e) => {
                self.report.fail(name, &e);
                self.broken = true;
                None
            }
        }
    }
}
