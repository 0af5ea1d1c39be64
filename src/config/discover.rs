//! Which configuration applies to a checked file, merged in precedence order:
//! command line > `--config FILE` > nearest `galley.toml` above the file > defaults.
//!
//! Each configuration file is read and compiled once; the nearest file is looked up once per
//! folder; settings are built once per combination of files and matching overrides.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::file::{CONFIG_FILE_NAME, Config};
use crate::diagnostic::Severity;
pub use crate::discover::normalize;
use crate::packs;
use crate::registry::RuleSet;
use crate::settings::Settings;
use crate::settings::error::ConfigError;

/// Settings given on the command line; they beat every file.
#[derive(Clone, Debug, Default)]
pub struct CliOverrides {
    pub fail_on: Option<Severity>,
    pub max_file_size: Option<u64>,
}

/// A file whose configuration has errors, so it cannot be checked as configured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broken {
    /// The configuration file at fault, as shown to users.
    pub config: PathBuf,
}

type Loaded = Result<Arc<Config>, Broken>;

/// What settings depend on: the nearest file, and which overrides of each layer match.
type SettingsKey = (Option<PathBuf>, Vec<Vec<usize>>);

/// Finds, loads and merges configuration for each checked file.
pub struct Resolver {
    discover: bool,
    explicit: Option<Loaded>,
    cli: CliOverrides,
    cwd: PathBuf,
    /// Folder → the nearest configuration file at or above it.
    nearest: HashMap<PathBuf, Option<PathBuf>>,
    /// Configuration file (absolute) → compiled.
    loaded: HashMap<PathBuf, Loaded>,
    /// (nearest file, matching overrides of each layer) → settings.
    settings: HashMap<SettingsKey, Arc<Settings>>,
    /// Rule sets by settings (the same key).
    sets: HashMap<SettingsKey, Arc<RuleSet>>,
    /// Compiled rule packs, per `packs` list.
    packs: packs::Cache,
    /// The `packs` lists whose errors were reported.
    packs_reported: HashSet<Vec<PathBuf>>,
    errors: Vec<ConfigError>,
    pack_errors: Vec<ConfigError>,
}

impl Resolver {
    /// `explicit` is `--config FILE`; `discover` is false under `--no-config`, which turns off
    /// the search for `galley.toml` (an explicit file still applies).
    pub fn new(explicit: Option<&Path>, discover: bool, cli: CliOverrides) -> Resolver {
        let cwd = normalize(Path::new("."));
        let mut r = Resolver {
            discover,
            explicit: None,
            cli,
            cwd,
            nearest: HashMap::new(),
            loaded: HashMap::new(),
            settings: HashMap::new(),
            sets: HashMap::new(),
            packs: packs::Cache::default(),
            packs_reported: HashSet::new(),
            errors: Vec::new(),
            pack_errors: Vec::new(),
        };
        if let Some(path) = explicit {
            let abs = normalize(path);
            let loaded = r.load(&abs, path);
            r.explicit = Some(loaded);
        }
        r
    }

    /// Errors found since the last call: those of the configuration files in the order
    /// found, then those of the rule packs they name (each pack list's once, met while
    /// compiling rule sets).
    pub fn take_errors(&mut self) -> Vec<ConfigError> {
        let mut errors = std::mem::take(&mut self.errors);
        errors.append(&mut self.pack_errors);
        errors
    }

    /// The rule set for checking `file`: its settings (see [`Resolver::settings_for`])
    /// compiled with their packs, once per distinct configuration.
    pub fn rule_set_for(&mut self, file: &Path) -> Result<Arc<RuleSet>, Broken> {
        let (dir, abs) = self.place(Some(file));
        self.rule_set_in(&dir, abs.as_deref())
    }

    /// The rule set for standard input (see [`Resolver::settings_for_stdin`]).
    pub fn rule_set_for_stdin(&mut self, name: Option<&Path>) -> Result<Arc<RuleSet>, Broken> {
        let (dir, abs) = self.place(name);
        self.rule_set_in(&dir, abs.as_deref())
    }

    /// Where configuration is looked up for a file named `name` (absolute), and from which
    /// folder: the file's own, or the current folder for unnamed standard input.
    fn place(&self, name: Option<&Path>) -> (PathBuf, Option<PathBuf>) {
        match name {
            Some(file) => {
                let abs = normalize(file);
                let dir = abs.parent().unwrap_or(Path::new("/")).to_path_buf();
                (dir, Some(abs))
            }
            None => (self.cwd.clone(), None),
        }
    }

    fn rule_set_in(&mut self, dir: &Path, file: Option<&Path>) -> Result<Arc<RuleSet>, Broken> {
        let (settings, key) = self.settings_keyed(dir, file)?;
        if let Some(set) = self.sets.get(&key) {
            return Ok(set.clone());
        }
        let loaded = if settings.packs.is_empty() {
            None
        } else {
            let (loaded, _) = self.packs.get(&settings.packs);
            if self.packs_reported.insert(settings.packs.clone()) {
                self.pack_errors.extend(loaded.errors.iter().cloned());
            }
            Some(loaded)
        };
        let set = Arc::new(RuleSet::with_packs(settings, loaded));
        self.sets.insert(key, set.clone());
        Ok(set)
    }

    /// Whether `--config` named a file that could not be used (nothing can be checked).
    pub fn explicit_broken(&self) -> Option<&Broken> {
        match &self.explicit {
            Some(Err(b)) => Some(b),
            _ => None,
        }
    }

    fn load(&mut self, abs: &Path, display: &Path) -> Loaded {
        if let Some(l) = self.loaded.get(abs) {
            return l.clone();
        }
        let loaded = match Config::load_with(abs, display, &mut self.packs) {
            Ok(c) => Ok(Arc::new(c)),
            Err(errors) => {
                self.errors.extend(errors);
                Err(Broken {
                    config: display.to_path_buf(),
                })
            }
        };
        self.loaded.insert(abs.to_path_buf(), loaded.clone());
        loaded
    }

    /// How a found configuration file is shown: relative to the current folder when under it.
    fn display(&self, abs: &Path) -> PathBuf {
        abs.strip_prefix(&self.cwd)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| abs.to_path_buf())
    }

    /// The nearest `galley.toml` at or above `dir` (absolute).
    fn nearest_file(&mut self, dir: &Path) -> Option<PathBuf> {
        let mut visited = Vec::new();
        let mut found = None;
        for d in dir.ancestors() {
            if let Some(cached) = self.nearest.get(d) {
                found = cached.clone();
                break;
            }
            visited.push(d.to_path_buf());
            let candidate = d.join(CONFIG_FILE_NAME);
            if candidate.is_file() {
                found = Some(candidate);
                break;
            }
        }
        for d in visited {
            self.nearest.insert(d, found.clone());
        }
        found
    }

    /// The configuration layers for a file in the folder `dir`, lowest precedence first.
    fn layers(&mut self, dir: &Path) -> Result<(Option<PathBuf>, Vec<Arc<Config>>), Broken> {
        let mut layers = Vec::new();
        let mut nearest = None;
        if self.discover
            && let Some(found) = self.nearest_file(dir)
        {
            // Applying the same file twice (nearest and `--config`) is harmless: every
            // setting is idempotent.
            let display = self.display(&found);
            layers.push(self.load(&found, &display)?);
            nearest = Some(found);
        }
        if let Some(explicit) = &self.explicit {
            layers.push(explicit.clone()?);
        }
        Ok((nearest, layers))
    }

    /// The settings a file is checked with.
    pub fn settings_for(&mut self, file: &Path) -> Result<Arc<Settings>, Broken> {
        let (dir, abs) = self.place(Some(file));
        self.settings_keyed(&dir, abs.as_deref()).map(|(s, _)| s)
    }

    /// The settings for standard input: configuration is looked up from the folder of
    /// `--stdin-filename` when given, else from the current folder.
    pub fn settings_for_stdin(&mut self, name: Option<&Path>) -> Result<Arc<Settings>, Broken> {
        let (dir, abs) = self.place(name);
        self.settings_keyed(&dir, abs.as_deref()).map(|(s, _)| s)
    }

    /// The settings for a file in `dir`, and the key they are kept under.
    fn settings_keyed(
        &mut self,
        dir: &Path,
        file: Option<&Path>,
    ) -> Result<(Arc<Settings>, SettingsKey), Broken> {
        let (nearest, layers) = self.layers(dir)?;
        let matches: Vec<Vec<usize>> = layers
            .iter()
            .map(|c| file.map(|f| c.matching_overrides(f)).unwrap_or_default())
            .collect();
        let key = (nearest, matches);
        if let Some(s) = self.settings.get(&key) {
            return Ok((s.clone(), key));
        }
        let mut s = Settings::default();
        for (layer, matched) in layers.iter().zip(&key.1) {
            layer.apply(&mut s);
            for &i in matched {
                layer.overrides[i].apply(&mut s);
            }
        }
        if let Some(f) = self.cli.fail_on {
            s.fail_on = f;
        }
        if let Some(m) = self.cli.max_file_size {
            s.max_file_size = m;
        }
        let s = Arc::new(s);
        self.settings.insert(key.clone(), s.clone());
        Ok((s, key))
    }

    /// Whether a configuration's `exclude` covers `file`. A broken configuration excludes
    /// nothing (its files are reported as not checked instead).
    pub fn is_excluded(&mut self, file: &Path) -> bool {
        let abs = normalize(file);
        let dir = abs.parent().unwrap_or(Path::new("/")).to_path_buf();
        match self.layers(&dir) {
            Ok((_, layers)) => layers.iter().any(|c| c.excludes(&abs)),
            Err(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_resolves_dots() {
        assert_eq!(
            normalize(Path::new("/a/b/../c/./d")),
            PathBuf::from("/a/c/d")
        );
    }
}
