//! The one integration-test binary: golden files over testdata/, safety, the CLI, hostile
//! input and the parse stage's fuzz test.

mod advice;
mod analyze;
mod architecture;
mod browser;
mod check;
mod cli;
mod fuzz;
mod fuzz_manifests;
mod golden;
mod graph_view;
mod history;
mod hostile;
mod memo;
mod safety;
mod schema;
mod support;
