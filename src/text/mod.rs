//! Text helpers every stage shares: sentences and tokens, line diffs, letter case, fast
//! byte scans and word hashing. Rules import these from here, never from one another.

pub mod case;
pub mod diff;
pub mod hash;
pub mod scan;
pub mod sentences;
pub mod tokens;
