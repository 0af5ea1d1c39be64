//! Reading typed values out of TOML with spans, shared by configuration files and rule packs:
//! every wrong value becomes a [`Problem`] pointing at it.

use std::ops::Range;

use toml::Spanned;
use toml::de::DeValue;

use super::error::Problem;

/// A string value and where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub value: String,
    pub span: Range<usize>,
}

pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

/// "a string", "an array": the value's type with its article.
pub(crate) fn a_type(v: &DeValue) -> String {
    let t = v.type_str();
    let article = if t.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {t}")
}

pub(crate) fn wrong_type(v: &Value, key: &str, expected: &str) -> Problem {
    Problem::new(
        v.span(),
        format!("`{key}` must be {expected}"),
        format!("expected {expected}, found {}", a_type(v.get_ref())),
    )
}

/// An array of strings; with `single`, a lone string is taken as a list of one.
pub(crate) fn strings(v: &Value, key: &str, single: bool, out: &mut Vec<Problem>) -> Vec<Item> {
    if single && let Some(s) = v.get_ref().as_str() {
        return vec![Item {
            value: s.to_string(),
            span: v.span(),
        }];
    }
    let Some(array) = v.get_ref().as_array() else {
        out.push(wrong_type(v, key, "an array of strings"));
        return Vec::new();
    };
    let mut items = Vec::new();
    for e in array.iter() {
        match e.get_ref().as_str() {
            Some(s) => items.push(Item {
                value: s.to_string(),
                span: e.span(),
            }),
            None => out.push(Problem::new(
                e.span(),
                format!("`{key}` must be an array of strings"),
                format!("expected a string, found {}", a_type(e.get_ref())),
            )),
        }
    }
    items
}
