//! Settings: what a check runs with, after the configuration files and the command line have
//! been merged.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::Severity;

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

    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::EnUs => "en-US",
            Dialect::EnGb => "en-GB",
            Dialect::EnCa => "en-CA",
            Dialect::EnAu => "en-AU",
        }
    }
}

pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// Compiled settings for checking one file.
#[derive(Clone, Debug)]
pub struct Settings {
    pub fail_on: Severity,
    pub dialect: Option<Dialect>,
    /// Levels set by configuration, by rule id; rules not named keep their default.
    pub levels: HashMap<String, Level>,
    /// Accepted words and names.
    pub vocabulary: HashSet<String>,
    pub max_file_size: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            fail_on: Severity::Error,
            dialect: None,
            levels: HashMap::new(),
            vocabulary: HashSet::new(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
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
