//! galley: an editorial quality linter for Markdown article drafts.

pub mod language;
pub mod text;
