//! Sentences and tokens.

pub mod sentences;
pub mod tokens;
