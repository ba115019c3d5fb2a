//! Diagnostics: bad input recorded as data (file, line, column, message) instead of an abort.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// How much a diagnostic matters to the analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Part of the input could not be analyzed (a file that does not parse, a missing module).
    Error,
    /// The input is odd but was analyzed (a file no module declares, replaced bytes).
    Warning,
}

/// One problem found in the analyzed input. `file` is relative to the analyzed root, with `/`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub severity: Severity,
    /// A stable kebab-case name for the kind of problem, e.g. `parse-error`.
    pub code: Cow<'static, str>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(code: &'static str, file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: 0,
            column: 0,
            severity: Severity::Error,
            code: Cow::Borrowed(code),
            message: message.into(),
        }
    }

    pub fn warning(
        code: &'static str,
        file: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, message)
        }
    }

    pub fn at(mut self, line: u32, column: u32) -> Self {
        self.line = line;
        self.column = column;
        self
    }
}

/// Sorts and removes exact duplicates so that output is the same on every run.
pub fn normalize(diags: &mut Vec<Diagnostic>) {
    diags.sort();
    diags.dedup();
}

/// `-q`: no notes or warnings on standard error, only errors.
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Silences [`say`] for the rest of the run (`-q`).
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, std::sync::atomic::Ordering::Relaxed);
}

/// A note or warning about the run (not the input: that is a [`Diagnostic`]) on standard
/// error, as `archsplit: KIND: MESSAGE`, unless `-q` was given.
pub fn say(kind: &str, message: impl std::fmt::Display) {
    if !QUIET.load(std::sync::atomic::Ordering::Relaxed) {
        eprintln!("archsplit: {kind}: {message}");
    }
}
