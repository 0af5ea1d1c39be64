//! Configuration files: which `galley.toml` files apply to a checked file, read, validated
//! and merged into [`Settings`] (the data types live in [`crate::settings`]).
//!
//! - [`file`]: one `galley.toml`, parsed and validated (errors carry spans), then compiled;
//! - [`discover`]: which files apply to a checked file (nearest `galley.toml`, `--config`,
//!   `--no-config`), merged in precedence order and cached per folder;
//! - [`init`]: the starter `galley.toml` that `galley init` writes.

pub mod discover;
pub mod file;
pub mod init;

pub use crate::settings::error;
pub use crate::settings::{
    ConfigError, DEFAULT_MAX_FILE_SIZE, Dialect, Level, Settings, Style, edit_distance, suggest,
};
pub use discover::{CliOverrides, Resolver};
pub use file::{CONFIG_FILE_NAME, Config};

/// Every rule id a configuration may name before its packs are known: the built-in rules
/// and any `pack/name` (see [`crate::registry::known_id`]).
pub fn known_rule(id: &str) -> bool {
    crate::registry::known_id(id)
}

/// "did you mean `x`?" for an unknown rule id, when one is close.
pub fn rule_suggestion(unknown: &str) -> Option<String> {
    suggest(unknown, crate::registry::builtin_ids()).map(|s| format!("did you mean `{s}`?"))
}
