//! `substitution`: flag listed words or phrases and offer their replacement (`[swap]`
//! bad = good). One replacement is a safe fix; several are shown as suggestions.

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::document::Document;
use crate::settings::Item;
use crate::settings::error::Problem;

use super::matcher::{Hit, Matcher, Syntax};
use super::read;
use super::units::Unit;
use super::{Common, KindCx};

pub(super) const KEYS: &[&str] = &["swap", "regex"];
pub(super) const PLACEHOLDERS: &[&str] = &["match", "bad", "good"];
pub(super) const MESSAGE: &str = "Use '{good}' instead of '{bad}'.";

pub(crate) struct Substitution {
    matcher: Matcher,
    /// Replacements per entry.
    goods: Vec<Vec<String>>,
    exceptions: Matcher,
}

pub(super) fn compile(cx: &mut KindCx) -> Option<Substitution> {
    let (v, table) = cx.required_table(
        "swap",
        "a `substitution` rule needs a `[swap]` table",
        "add `[swap]` with lines such as `\"in order to\" = \"to\"`",
        "a table of replacements",
    )?;
    let mut entries: Vec<(Item, Vec<String>)> = Vec::new();
    for (k, val) in table.iter() {
        let bad = Item {
            value: k.get_ref().to_string(),
            span: k.span(),
        };
        let goods: Vec<String> = if let Some(s) = val.get_ref().as_str() {
            vec![s.to_string()]
        } else if val.get_ref().is_array() {
            let items = read::strings(val, &bad.value, &mut cx.problems);
            if items.is_empty() {
                cx.problems.push(Problem::new(
                    val.span(),
                    format!("no replacement for `{}`", bad.value),
                    "an empty list",
                ));
            }
            items.into_iter().map(|i| i.value).collect()
        } else {
            cx.problems.push(read::wrong_type(
                val,
                &bad.value,
                "a string or an array of strings",
            ));
            continue;
        };
        entries.push((bad, goods));
    }
    if entries.is_empty() {
        cx.problems.push(Problem::new(
            v.span(),
            "`swap` is empty",
            "nothing to replace",
        ));
        return None;
    }
    entries.sort_by_key(|(b, _)| b.span.start);
    let mut matcher = Matcher::new(cx.ignore_case);
    let syntax = if cx.regex {
        Syntax::BoundedRegex
    } else {
        Syntax::Words
    };
    let bads: Vec<Item> = entries.iter().map(|(b, _)| b.clone()).collect();
    matcher.add(&bads, 0, syntax, "swap", &mut cx.problems);
    let exceptions = cx.exceptions_matcher();
    Some(Substitution {
        matcher,
        goods: entries.into_iter().map(|(_, g)| g).collect(),
        exceptions,
    })
}

/// Give a replacement the capitals of the text it replaces: `In order to` → `To`,
/// `IN ORDER TO` → `TO`.
pub(crate) fn match_case(written: &str, good: &str) -> String {
    let letters: Vec<char> = written.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return good.to_uppercase();
    }
    let mut chars = good.chars();
    match (written.chars().next(), chars.next()) {
        (Some(w), Some(g)) if w.is_uppercase() && g.is_lowercase() => {
            g.to_uppercase().chain(chars).collect()
        }
        _ => good.to_string(),
    }
}

/// A fix replacing `span`, or None when the span holds markup (a link, emphasis) that a
/// replacement would destroy.
pub(crate) fn replacement_fix(
    doc: &Document,
    unit: &Unit,
    span: std::ops::Range<usize>,
    good: &str,
    applicability: Applicability,
) -> (String, Applicability, Vec<Edit>) {
    let clean = doc.source.get(span.clone()) == unit.text.get(span.clone());
    let title = if good.is_empty() {
        format!("delete '{}'", &doc.source[span.clone()])
    } else {
        format!("write '{good}'")
    };
    let applicability = if clean {
        applicability
    } else {
        Applicability::Display
    };
    (
        title,
        applicability,
        vec![Edit {
            range: span,
            replacement: good.to_string(),
        }],
    )
}

impl Substitution {
    pub(super) fn check(
        &self,
        c: &Common,
        doc: &Document,
        units: &[&Unit],
        out: &mut Vec<Diagnostic>,
    ) {
        let mut hits: Vec<Hit> = Vec::new();
        for u in units {
            self.matcher.hits(&self.exceptions, u, &mut hits);
            for h in &hits {
                let bad = &doc.source[h.span.clone()];
                let goods: Vec<String> = self.goods[h.entry]
                    .iter()
                    .map(|g| {
                        if c.ignore_case {
                            match_case(bad, g)
                        } else {
                            g.clone()
                        }
                    })
                    .collect();
                if goods.iter().any(|g| g == bad) {
                    continue;
                }
                let good = c.message.join("good", &goods);
                let mut d = c.diag(
                    h.span.clone(),
                    &[("match", bad), ("bad", bad), ("good", &good)],
                );
                let applicability = if goods.len() == 1 {
                    Applicability::Safe
                } else {
                    Applicability::Display
                };
                for g in &goods {
                    let (title, a, edits) =
                        replacement_fix(doc, u, h.span.clone(), g, applicability);
                    d = d.fix(title, a, edits);
                }
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::match_case;

    #[test]
    fn replacements_follow_the_written_case() {
        assert_eq!(match_case("In order to", "to"), "To");
        assert_eq!(match_case("IN ORDER TO", "to"), "TO");
        assert_eq!(match_case("in order to", "to"), "to");
        assert_eq!(match_case("Utilize", "use"), "Use");
    }
}
