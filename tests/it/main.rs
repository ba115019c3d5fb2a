//! The one integration-test binary: golden files over testdata/, safety, and the CLI.

mod analyze;
mod cli;
mod golden;
mod safety;
mod support;
