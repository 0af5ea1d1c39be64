//! galley's integration tests, built as one binary: each file here is a module, so the crate
//! is linked once (at the test profile's opt-level) rather than once per file.
//! `tests/README.md` describes the layout, the fixtures and how to refresh the snapshots.

mod common;

mod changed_since;
mod ci_formats;
mod cli;
mod config;
mod corpus;
mod credits;
mod fix;
mod fixes;
mod fixtures;
mod hostile;
mod lsp;
mod packs;
mod properties;
mod rules;
mod structure;
mod suppress;
