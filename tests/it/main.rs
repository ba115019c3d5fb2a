//! The one integration-test binary: golden files over testdata/, safety, and the CLI.

mod advice;
mod analyze;
mod browser;
mod check;
mod cli;
mod golden;
mod graph_view;
mod history;
mod hostile;
mod safety;
mod schema;
mod support;
