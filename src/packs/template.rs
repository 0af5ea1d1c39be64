//! Message templates: `"Use '{good}', not '{bad}'."` with placeholders checked when the
//! rule is compiled.

use std::ops::Range;

use crate::settings::Item;
use crate::settings::error::Problem;
use crate::settings::suggest;

#[derive(Clone, Debug)]
enum Piece {
    Text(String),
    Var(String),
}

#[derive(Clone, Debug)]
pub(crate) struct Template {
    pieces: Vec<Piece>,
}

/// `{name}` where name is lower-case letters and hyphens.
fn placeholders(s: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'{' {
            let rest = &s[i + 1..];
            let len = rest
                .bytes()
                .take_while(|b| b.is_ascii_lowercase() || *b == b'-')
                .count();
            if len > 0 && rest.as_bytes().get(len) == Some(&b'}') {
                out.push((i..i + len + 2, &rest[..len]));
                i += len + 2;
                continue;
            }
        }
        i += 1;
    }
    out
}

impl Template {
    /// A template from the `message` key, or the kind's default. Unknown placeholders are
    /// problems.
    pub(crate) fn compile(
        message: Option<&Item>,
        default: &str,
        allowed: &[&str],
        kind: &str,
        out: &mut Vec<Problem>,
    ) -> Template {
        let text = message.map_or(default, |m| m.value.as_str());
        let mut pieces = Vec::new();
        let mut last = 0;
        for (range, name) in placeholders(text) {
            if !allowed.contains(&name) {
                if let Some(m) = message {
                    let help = match suggest(name, allowed.iter().copied()) {
                        Some(s) => format!("did you mean `{{{s}}}`?"),
                        None => format!(
                            "`{kind}` messages may use {}",
                            allowed
                                .iter()
                                .map(|a| format!("`{{{a}}}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    };
                    out.push(
                        Problem::new(
                            m.span.clone(),
                            format!("unknown placeholder `{{{name}}}` in `message`"),
                            "not a placeholder of this kind of rule",
                        )
                        .help(Some(help)),
                    );
                }
                continue;
            }
            if range.start > last {
                pieces.push(Piece::Text(text[last..range.start].to_string()));
            }
            pieces.push(Piece::Var(name.to_string()));
            last = range.end;
        }
        if last < text.len() {
            pieces.push(Piece::Text(text[last..].to_string()));
        }
        Template { pieces }
    }

    /// Fill the placeholders; a missing value renders as nothing.
    pub(crate) fn render(&self, vars: &[(&str, &str)]) -> String {
        let mut s = String::new();
        for p in &self.pieces {
            match p {
                Piece::Text(t) => s.push_str(t),
                Piece::Var(v) => {
                    if let Some((_, value)) = vars.iter().find(|(k, _)| k == v) {
                        s.push_str(value);
                    }
                }
            }
        }
        s
    }

    /// Whether the template writes `name` between quotes (`'{good}'`): the quote char, so a
    /// list of values can be joined as `a' or 'b`.
    pub(crate) fn quote_around(&self, name: &str) -> Option<(char, char)> {
        for (i, p) in self.pieces.iter().enumerate() {
            if let Piece::Var(v) = p
                && v == name
            {
                let before = match i.checked_sub(1).map(|j| &self.pieces[j]) {
                    Some(Piece::Text(t)) => t.chars().last(),
                    _ => None,
                };
                let after = match self.pieces.get(i + 1) {
                    Some(Piece::Text(t)) => t.chars().next(),
                    _ => None,
                };
                return match (before?, after?) {
                    (a @ ('\'' | '"' | '`'), b) if a == b => Some((a, b)),
                    (a @ '‘', b @ '’') | (a @ '“', b @ '”') => Some((a, b)),
                    _ => None,
                };
            }
        }
        None
    }

    /// Join several values for `name`: `a' or 'b` inside quotes, `a or b` otherwise.
    pub(crate) fn join(&self, name: &str, values: &[String]) -> String {
        match self.quote_around(name) {
            Some((open, close)) => values.join(&format!("{close} or {open}")),
            None => values.join(" or "),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_and_checks_placeholders() {
        let mut out = Vec::new();
        let item = Item {
            value: "Use '{good}', not '{bad}' {oops}.".into(),
            span: 0..10,
        };
        let t = Template::compile(Some(&item), "", &["good", "bad"], "substitution", &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(
            t.render(&[("good", "to"), ("bad", "in order to")]),
            "Use 'to', not 'in order to' {oops}."
        );
        assert_eq!(t.join("good", &["a".into(), "b".into()]), "a' or 'b");
        assert_eq!(t.join("bad", &["a".into()]), "a");
    }
}
