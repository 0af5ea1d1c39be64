//! The rule registry: every rule galley can run, built-in or from a rule pack, with its id,
//! default level and documentation, and the [`RuleSet`] a configuration compiles to.
//!
//! Everything that names rules reads them from here: `galley rules` and `galley explain`,
//! the validation of `[rules]` tables, suppression comments, SARIF's rule table, and the
//! severity of every finding (the check stage runs the enabled rules of a [`RuleSet`] at
//! the levels it holds).

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use crate::diagnostic::Severity;
use crate::packs::{self, Loaded, PackRule};
use crate::rules::{self, Rule, RuleDoc};
use crate::settings::{Level, Settings};

/// Where a rule comes from.
#[derive(Clone, Copy)]
pub enum Source<'a> {
    /// Built into galley, documented by its [`RuleDoc`].
    Builtin(&'static dyn Rule),
    /// A rule-pack file: a built-in pack (off until enabled) or a configured folder.
    Pack(&'a PackRule),
}

/// What the registry knows of one rule.
#[derive(Clone, Copy)]
pub struct RuleMeta<'a> {
    /// `repeated-word`, or `pack/name` for a pack rule.
    pub id: &'a str,
    /// Its level when no configuration names it (a built-in pack's rules: off until the
    /// pack is enabled, then the level their file gives).
    pub default: Level,
    /// One line: what it flags.
    pub summary: &'a str,
    pub source: Source<'a>,
}

impl<'a> RuleMeta<'a> {
    /// The documentation of a built-in rule.
    pub fn doc(&self) -> Option<&'static RuleDoc> {
        match self.source {
            Source::Builtin(r) => Some(r.doc()),
            Source::Pack(_) => None,
        }
    }

    /// The pack rule, for a rule from a pack.
    pub fn pack_rule(&self) -> Option<&'a PackRule> {
        match self.source {
            Source::Pack(r) => Some(r),
            Source::Builtin(_) => None,
        }
    }
}

fn builtin_meta(r: &'static dyn Rule) -> RuleMeta<'static> {
    let d = r.doc();
    RuleMeta {
        id: d.id,
        default: d.default,
        summary: d.summary,
        source: Source::Builtin(r),
    }
}

fn pack_meta(r: &PackRule) -> RuleMeta<'_> {
    RuleMeta {
        id: &r.id,
        default: if r.builtin { Level::Off } else { r.level },
        summary: r.description.as_deref().unwrap_or(r.kind),
        source: Source::Pack(r),
    }
}

/// The built-in rules, sorted by id.
pub fn builtin() -> impl Iterator<Item = RuleMeta<'static>> {
    rules::builtin().iter().map(|r| builtin_meta(*r))
}

/// A built-in rule by id.
pub fn find_builtin(id: &str) -> Option<RuleMeta<'static>> {
    builtin().find(|m| m.id == id)
}

/// The ids of the built-in rules, for "did you mean" suggestions.
pub fn builtin_ids() -> impl Iterator<Item = &'static str> {
    builtin().map(|m| m.id)
}

/// Whether a configuration may name `id` before its packs are known: a built-in rule, or
/// any `pack/name` (checked against the packs once they are compiled).
pub fn known_id(id: &str) -> bool {
    id.contains('/') || find_builtin(id).is_some()
}

/// A pack rule of a rule set: one of the built-in packs' rules, or one of the configured
/// packs' (an index into [`packs::builtin`] or [`Loaded::rules`]).
#[derive(Clone, Copy, Debug)]
enum PackRef {
    Builtin(usize),
    Configured(usize),
}

/// A configuration compiled for checking: its settings, and every rule it can run (the
/// built-in rules and the rules of its packs) with the level it gives each. Built once per
/// distinct configuration and shared by the files it applies to.
pub struct RuleSet {
    settings: Arc<Settings>,
    /// The compiled packs of `settings.packs` (none listed: `None`).
    packs: Option<Arc<Loaded>>,
    /// The level of each built-in rule, in [`builtin`] order.
    builtin_levels: Vec<Level>,
    /// Every pack rule the configuration sees (built-in packs unless shadowed by a
    /// configured pack of the same name, then the configured ones), with its level; listed
    /// on first use, so that a check with no pack enabled never compiles the built-in packs.
    pack_levels: OnceLock<Vec<(PackRef, Level)>>,
}

impl RuleSet {
    /// A rule set for `settings` alone, compiling its packs (their errors are dropped: the
    /// command line reports them through [`crate::config::Resolver`]).
    pub fn from_settings(settings: &Settings) -> RuleSet {
        let loaded = (!settings.packs.is_empty()).then(|| Arc::new(Loaded::new(&settings.packs)));
        RuleSet::with_packs(Arc::new(settings.clone()), loaded)
    }

    /// Compile `settings` with the compiled packs of its `packs` list (`None` when it lists
    /// none).
    pub fn with_packs(settings: Arc<Settings>, packs: Option<Arc<Loaded>>) -> RuleSet {
        let builtin_levels = builtin().map(|m| settings.level(m.id, m.default)).collect();
        RuleSet {
            settings,
            packs,
            builtin_levels,
            pack_levels: OnceLock::new(),
        }
    }

    fn pack_levels(&self) -> &[(PackRef, Level)] {
        self.pack_levels.get_or_init(|| {
            let none = HashSet::new();
            let (enabled, shadowed) = match &self.packs {
                Some(l) => (&l.enabled, &l.shadowed),
                None => (&none, &none),
            };
            let mut levels = Vec::new();
            for (i, r) in packs::builtin().iter().enumerate() {
                if !shadowed.contains(&r.pack) {
                    levels.push((
                        PackRef::Builtin(i),
                        packs::level_of(r, &self.settings, enabled),
                    ));
                }
            }
            if let Some(l) = &self.packs {
                for (i, r) in l.rules.iter().enumerate() {
                    levels.push((
                        PackRef::Configured(i),
                        packs::level_of(r, &self.settings, enabled),
                    ));
                }
            }
            levels
        })
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    fn pack_rule(&self, r: PackRef) -> &PackRule {
        match r {
            PackRef::Builtin(i) => &packs::builtin()[i],
            PackRef::Configured(i) => &self.packs.as_ref().expect("configured packs").rules[i],
        }
    }

    /// The built-in rules that run, with their severity, in id order.
    pub fn enabled_builtin(&self) -> impl Iterator<Item = (&'static dyn Rule, Severity)> + '_ {
        rules::builtin()
            .iter()
            .zip(&self.builtin_levels)
            .filter_map(|(r, l)| match l {
                Level::On(s) => Some((*r, *s)),
                Level::Off => None,
            })
    }

    /// The pack rules that run, with their severity.
    pub fn enabled_packs(&self) -> Vec<(&PackRule, Severity)> {
        self.pack_levels()
            .iter()
            .filter_map(|&(r, l)| match l {
                Level::On(s) => Some((self.pack_rule(r), s)),
                Level::Off => None,
            })
            .collect()
    }

    /// Whether any pack rule runs. Built-in packs are off unless a `packs` list or a
    /// `pack/…` level names them, so with neither no pack is compiled to find out.
    pub fn any_pack_enabled(&self) -> bool {
        if self.settings.packs.is_empty() && !self.settings.levels.keys().any(|k| k.contains('/')) {
            return false;
        }
        self.pack_levels()
            .iter()
            .any(|(_, l)| matches!(l, Level::On(_)))
    }

    /// Every built-in rule with its level here, in id order.
    pub fn builtin_rules(&self) -> impl Iterator<Item = (RuleMeta<'static>, Level)> + '_ {
        builtin().zip(self.builtin_levels.iter().copied())
    }

    /// Every pack rule this configuration sees with its level here, sorted by id.
    pub fn pack_rules(&self) -> Vec<(RuleMeta<'_>, Level)> {
        let mut out: Vec<_> = self
            .pack_levels()
            .iter()
            .map(|&(r, l)| (pack_meta(self.pack_rule(r)), l))
            .collect();
        out.sort_by(|a, b| a.0.id.cmp(b.0.id));
        out
    }

    /// A rule by id, with its level here; `None` when no rule has this id.
    pub fn find(&self, id: &str) -> Option<(RuleMeta<'_>, Level)> {
        if id.contains('/') {
            self.pack_levels()
                .iter()
                .map(|&(r, l)| (self.pack_rule(r), l))
                .find(|(r, _)| r.id == id)
                .map(|(r, l)| (pack_meta(r), l))
        } else {
            self.builtin_rules().find(|(m, _)| m.id == id)
        }
    }

    /// The level of rule `id` here; `None` when no rule has this id.
    pub fn level(&self, id: &str) -> Option<Level> {
        self.find(id).map(|(_, l)| l)
    }
}

impl std::fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleSet")
            .field("settings", &self.settings)
            .field("packs", &self.settings.packs)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_rules_are_sorted_and_unique() {
        let ids: Vec<&str> = builtin_ids().collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted);
        let packs: Vec<&str> = packs::builtin().iter().map(|r| r.id.as_str()).collect();
        let mut sorted = packs.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(packs, sorted);
        for p in &packs {
            assert!(find_builtin(p).is_none(), "{p} is also a built-in rule id");
        }
    }

    #[test]
    fn levels_follow_the_settings() {
        let mut s = Settings::default();
        s.levels.insert("repeated-word".into(), Level::Off);
        s.levels
            .insert("cliches/*".into(), Level::On(Severity::Info));
        let set = RuleSet::from_settings(&s);
        assert_eq!(set.level("repeated-word"), Some(Level::Off));
        assert_eq!(
            set.level("boilerplate"),
            Some(Level::On(Severity::Error)),
            "a rule not named keeps its default"
        );
        assert_eq!(
            set.level("cliches/news-cliches"),
            Some(Level::On(Severity::Info))
        );
        assert_eq!(set.level("hedging/vague-attribution"), Some(Level::Off));
        assert_eq!(set.level("no-such-rule"), None);
        assert!(
            set.enabled_builtin()
                .all(|(r, _)| r.doc().id != "repeated-word")
        );
        assert_eq!(
            set.enabled_packs()
                .iter()
                .map(|(r, _)| r.id.as_str())
                .collect::<Vec<_>>(),
            ["cliches/news-cliches"]
        );
    }
}
