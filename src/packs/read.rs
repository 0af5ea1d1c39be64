//! Reading a rule file's TOML values with their spans: every wrong type, unknown key or bad
//! value becomes a [`Problem`] that points at the offending key or value.

use std::collections::HashMap;
use std::ops::Range;

use toml::de::DeValue;

use crate::settings::Item;
use crate::settings::error::Problem;
use crate::settings::suggest;

pub(crate) use crate::settings::value::{Value, wrong_type};

/// The keys of one TOML table, by name, with the span of each key.
pub(crate) struct Fields<'a, 'i> {
    map: HashMap<&'a str, (Range<usize>, &'a Value<'i>)>,
}

impl<'a, 'i> Fields<'a, 'i> {
    pub(crate) fn new(table: &'a toml::de::DeTable<'i>) -> Self {
        let map = table
            .iter()
            .map(|(k, v)| (k.get_ref().as_ref(), (k.span(), v)))
            .collect();
        Fields { map }
    }

    pub(crate) fn get(&self, key: &str) -> Option<&'a Value<'i>> {
        self.map.get(key).map(|(_, v)| *v)
    }

    pub(crate) fn key_span(&self, key: &str) -> Option<Range<usize>> {
        self.map.get(key).map(|(s, _)| s.clone())
    }

    /// Keys in file order.
    pub(crate) fn keys(&self) -> Vec<(&'a str, Range<usize>)> {
        let mut keys: Vec<_> = self.map.iter().map(|(k, (s, _))| (*k, s.clone())).collect();
        keys.sort_by_key(|(_, s)| s.start);
        keys
    }
}

pub(crate) fn string(v: &Value, key: &str, out: &mut Vec<Problem>) -> Option<Item> {
    match v.get_ref().as_str() {
        Some(s) => Some(Item {
            value: s.to_string(),
            span: v.span(),
        }),
        None => {
            out.push(wrong_type(v, key, "a string"));
            None
        }
    }
}

pub(crate) fn boolean(v: &Value, key: &str, out: &mut Vec<Problem>) -> Option<bool> {
    match v.get_ref().as_bool() {
        Some(b) => Some(b),
        None => {
            out.push(wrong_type(v, key, "`true` or `false`"));
            None
        }
    }
}

/// A whole number of at least `min`.
pub(crate) fn count(v: &Value, key: &str, min: u64, out: &mut Vec<Problem>) -> Option<u64> {
    let parsed = match v.get_ref() {
        DeValue::Integer(i) => {
            let digits: String = i.as_str().chars().filter(|&c| c != '_').collect();
            let digits = digits.trim_start_matches('+');
            if digits.starts_with('-') {
                None
            } else {
                u64::from_str_radix(digits, i.radix()).ok()
            }
        }
        _ => {
            out.push(wrong_type(v, key, "a whole number"));
            return None;
        }
    };
    match parsed {
        Some(n) if n >= min => Some(n),
        _ => {
            out.push(Problem::new(
                v.span(),
                format!("bad value for `{key}`"),
                format!("expected a whole number of at least {min}"),
            ));
            None
        }
    }
}

/// Any number, whole or not.
pub(crate) fn number(v: &Value, key: &str, out: &mut Vec<Problem>) -> Option<f64> {
    let parsed = match v.get_ref() {
        DeValue::Integer(i) => {
            let digits: String = i.as_str().chars().filter(|&c| c != '_').collect();
            i64::from_str_radix(digits.trim_start_matches('+'), i.radix())
                .ok()
                .map(|n| n as f64)
        }
        DeValue::Float(f) => {
            let digits: String = f.as_str().chars().filter(|&c| c != '_').collect();
            digits.parse::<f64>().ok().filter(|x| x.is_finite())
        }
        _ => {
            out.push(wrong_type(v, key, "a number"));
            return None;
        }
    };
    if parsed.is_none() {
        out.push(Problem::new(
            v.span(),
            format!("bad value for `{key}`"),
            "not a number galley can use",
        ));
    }
    parsed
}

/// An array of strings (a single string is accepted as a list of one).
pub(crate) fn strings(v: &Value, key: &str, out: &mut Vec<Problem>) -> Vec<Item> {
    crate::settings::value::strings(v, key, true, out)
}

/// `expected one of ...` or `did you mean ...` for a value that is not one of `names`.
pub(crate) fn one_of_help(unknown: &str, names: &[&str]) -> String {
    match suggest(unknown, names.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("expected one of {}", list(names)),
    }
}

/// "`a`, `b`, `c`".
pub(crate) fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A string value that must be one of `names`.
pub(crate) fn choice<'n>(
    v: &Value,
    key: &str,
    names: &[&'n str],
    out: &mut Vec<Problem>,
) -> Option<&'n str> {
    let s = string(v, key, out)?;
    match names.iter().find(|n| **n == s.value) {
        Some(n) => Some(n),
        None => {
            out.push(
                Problem::new(
                    v.span(),
                    format!("unknown value `{}` for `{key}`", s.value),
                    "not a value galley knows",
                )
                .help(Some(one_of_help(&s.value, names))),
            );
            None
        }
    }
}
