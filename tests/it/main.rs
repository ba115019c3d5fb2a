//! The one integration-test binary: golden files over testdata/, safety, and the CLI.

mod advice;
mod analyze;
mod architecture;
mod browser;
mod check;
mod cli;
mod golden;
mod history;
mod hostile;
mod safety;
mod schema;
mod support;
