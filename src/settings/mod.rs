//! Settings: what a check runs with once the configuration files and the command line have
//! been merged, and the pieces the configuration and rule-pack readers share.
//!
//! - [`Settings`], [`Level`], [`Dialect`], [`Style`]: plain data the rules read;
//! - [`error`]: problems in a TOML file (a `galley.toml` or a rule-pack file), rendered like
//!   code errors;
//! - [`value`]: typed reads of TOML values with their spans.
//!
//! This module depends on nothing above it: the configuration files ([`crate::config`]) and
//! the rule packs ([`crate::packs`]) are both read with it.

pub mod error;
pub mod value;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::diagnostic::Severity;

pub use error::ConfigError;
pub use value::Item;

/// A rule's level: a severity, or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "off" => Some(Level::Off),
            _ => Severity::parse(s).map(Level::On),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::On(s) => s.as_str(),
        }
    }

    /// The values `Level::parse` accepts.
    pub const NAMES: &'static [&'static str] = &["error", "warning", "info", "off"];
}

/// Spelling dialect: decides which variant `inconsistent-spelling` prefers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    EnUs,
    EnGb,
    EnCa,
    EnAu,
}

impl Dialect {
    pub fn parse(s: &str) -> Option<Dialect> {
        match s {
            "en-US" => Some(Dialect::EnUs),
            "en-GB" => Some(Dialect::EnGb),
            "en-CA" => Some(Dialect::EnCa),
            "en-AU" => Some(Dialect::EnAu),
            _ => None,
        }
    }

    /// The values `Dialect::parse` accepts.
    pub const NAMES: &'static [&'static str] = &["en-US", "en-GB", "en-CA", "en-AU"];

    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::EnUs => "en-US",
            Dialect::EnGb => "en-GB",
            Dialect::EnCa => "en-CA",
            Dialect::EnAu => "en-AU",
        }
    }
}

/// How strictly the structure rules read sentences: as copy that must be made of whole
/// sentences, or as writing in which a short verbless sentence is often deliberate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Style {
    /// `blog` for a draft written in the first person outside quotations ("we", "I") or
    /// with code in it, `news` for any other.
    #[default]
    Auto,
    /// Every sentence should be whole: sentence-fragment and missing-subject report every
    /// shape they know.
    News,
    /// Verbless sentences and sentences that drop their subject at the start are often
    /// style: those two rules report only the shapes that are slips in any register.
    Blog,
}

impl Style {
    pub fn parse(s: &str) -> Option<Style> {
        match s {
            "auto" => Some(Style::Auto),
            "news" => Some(Style::News),
            "blog" => Some(Style::Blog),
            _ => None,
        }
    }

    /// The values `Style::parse` accepts.
    pub const NAMES: &'static [&'static str] = &["auto", "news", "blog"];

    pub fn as_str(self) -> &'static str {
        match self {
            Style::Auto => "auto",
            Style::News => "news",
            Style::Blog => "blog",
        }
    }

    /// The style a draft is read in; `auto` asks `personal` whether the draft reads as a
    /// post (see [`Style::Auto`]).
    pub fn resolve(self, personal: impl FnOnce() -> bool) -> Style {
        match self {
            Style::Auto if personal() => Style::Blog,
            Style::Auto => Style::News,
            s => s,
        }
    }
}

pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// Compiled settings for checking one file.
#[derive(Clone, Debug)]
pub struct Settings {
    pub fail_on: Severity,
    pub dialect: Option<Dialect>,
    pub style: Style,
    /// Levels set by configuration, by rule id; rules not named keep their default.
    pub levels: HashMap<String, Level>,
    /// Accepted words and names.
    pub vocabulary: HashSet<String>,
    pub max_file_size: u64,
    /// Extra rule-pack folders (absolute), from `packs` in the configuration files.
    pub packs: Vec<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            fail_on: Severity::Error,
            dialect: None,
            style: Style::Auto,
            levels: HashMap::new(),
            vocabulary: HashSet::new(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            packs: Vec::new(),
        }
    }
}

impl Settings {
    /// The level of a rule: configured, else its default.
    pub fn level(&self, rule: &str, default: Level) -> Level {
        self.levels.get(rule).copied().unwrap_or(default)
    }

    pub fn knows_word(&self, word: &str) -> bool {
        self.vocabulary.contains(word)
    }
}

/// The nearest candidate by edit distance, when it is near enough to be a likely slip.
pub fn suggest<'a>(
    unknown: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let unknown = unknown.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            let lower = c.to_lowercase();
            // A clear abbreviation ("warn", "vocab") counts as one slip.
            let d = if unknown.len() >= 3 && lower.starts_with(&unknown) {
                1
            } else {
                edit_distance(&unknown, &lower)
            };
            (d, c)
        })
        .filter(|&(d, c)| d <= (c.chars().count() / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

/// Levenshtein distance over chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        assert_eq!(
            suggest("repeated-wrod", ["repeated-word", "boilerplate"]),
            Some("repeated-word")
        );
        assert_eq!(
            suggest("en-us", Dialect::NAMES.iter().copied()),
            Some("en-US")
        );
        assert_eq!(
            suggest("warn", Level::NAMES.iter().copied()),
            Some("warning")
        );
        assert_eq!(suggest("zebra", ["repeated-word", "boilerplate"]), None);
    }
}
