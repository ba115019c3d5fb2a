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

/// What [`say`] said since [`record`] was called: the result memo keeps it with the result
/// it belongs to and says it again when the result is used again.
static RECORDED: std::sync::Mutex<Option<Vec<(String, String)>>> = std::sync::Mutex::new(None);

/// Starts keeping what [`say`] says (also under `-q`: the memo must not depend on it).
pub fn record() {
    if let Ok(mut r) = RECORDED.lock() {
        *r = Some(Vec::new());
    }
}

/// What [`say`] said since [`record`], as `(kind, message)`; the recording stops.
pub fn take_recorded() -> Vec<(String, String)> {
    RECORDED
        .lock()
        .ok()
        .and_then(|mut r| r.take())
        .unwrap_or_default()
}

/// A note or warning about the run (not the input: that is a [`Diagnostic`]) on standard
/// error, as `archsplit: KIND: MESSAGE`, unless `-q` was given.
pub fn say(kind: &str, message: impl std::fmt::Display) {
    let message = message.to_string();
    if let Ok(mut r) = RECORDED.lock() {
        if let Some(r) = r.as_mut() {
            r.push((kind.to_string(), message.clone()));
        }
    }
    if !QUIET.load(std::sync::atomic::Ordering::Relaxed) {
        eprintln!("archsplit: {kind}: {message}");
    }
}
