use super::{Context, Rule, RuleDoc, on};
use crate::diagnostic::{Diagnostic, Severity};
use crate::text::scan::{has_zero_byte, splat};

pub struct UnbalancedBrackets;

static DOC: RuleDoc = RuleDoc {
    id: "unbalanced-brackets",
    summary: "a bracket left open, or closed without being opened, within a paragraph",
    default: on(Severity::Warning),
    flags: "An opening bracket ( [ { with no matching closing one before the paragraph ends, \
            a closing one that nothing opened, or a pair that does not match (\"(...]\"). \
            Enumerations such as \"a)\" and \"2)\" and emoticons (\":-)\", \";)\", \":(\") are not \
            brackets, and an aside left open inside a quotation that closes is the quoted \
            writer's, reproduced as written.",
    why: "A parenthesis left open swallows the rest of the paragraph: the reader cannot tell \
          where the aside ends.",
    example: "The plan (approved in March was delayed again.\n",
    instead: "The plan (approved in March) was delayed again.",
    fix: "None: only the writer knows where the aside ends.",
};

fn pair(close: char) -> char {
    match close {
        ')' => '(',
        ']' => '[',
        _ => '{',
    }
}

impl Rule for UnbalancedBrackets {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        for block in &doc.blocks {
            let text = &doc.prose[block.range.clone()];
            let mut stack: Vec<(usize, char)> = Vec::new();
            // Only brackets matter, and they are ASCII (no byte of a longer character): go
            // from one to the next, reading the two characters before each from the text.
            for i in bracket_positions(text.as_bytes()) {
                let b = text.as_bytes()[i];
                let c = char::from(b);
                let mut before = text[..i].chars().rev();
                let prev = before.next();
                let prev2 = before.next();
                let at = block.range.start + i;
                let next = text[i + 1..].chars().next();
                let face = emoticon(&text[..i], c, next);
                // A bracket named rather than used, read in the source (the prose blanks
                // the markup around a link's text): alone between brackets of another
                // kind, perhaps escaped ("U+007B ({)", "U+005B (\\[)"), or a closing one
                // standing between words with no opening one to close ("a misplaced ) in
                // the test").
                let source = &doc.source[block.range.clone()];
                let mut back = source.get(..i).unwrap_or("").chars().rev();
                let mut sprev = back.next();
                if sprev == Some('\\') {
                    sprev = back.next();
                }
                let snext = source.get(i + 1..).and_then(|t| t.chars().next());
                let family = |x: char| match x {
                    '(' | ')' => 0,
                    '[' | ']' => 1,
                    _ => 2,
                };
                let space_then_word = |a: Option<char>, b: Option<char>| {
                    matches!(a, Some(' ' | '\t')) && b.is_some_and(char::is_alphabetic)
                };
                let mut after = source.get(i + 1..).unwrap_or("").chars();
                let mut before = source.get(..i).unwrap_or("").chars().rev();
                let between_words = space_then_word(before.next(), before.next())
                    && space_then_word(after.next(), after.next());
                let named =
                    between_words && ")]}".contains(c) && !stack.iter().any(|&(_, o)| o == pair(c))
                        || sprev.is_some_and(|p| "([{".contains(p) && family(p) != family(c))
                            && snext.is_some_and(|n| ")]}".contains(n) && family(n) != family(c));
                match c {
                    _ if named => {}
                    '(' if face => {}
                    '(' | '[' | '{' => stack.push((at, c)),
                    ')' | ']' | '}' => {
                        // "a)", "2)", "iv)" as list markers inside a paragraph.
                        let marker = c == ')'
                            && (prev.is_some_and(|p| p.is_alphanumeric())
                                && prev2.is_none_or(|p| p.is_whitespace() || p == '(')
                                || enumerator(&text[..i]))
                            && !stack.iter().any(|&(_, o)| o == '(');
                        // A half-open interval: "[0, 10)", "(a, b]".
                        let half_open = |stack: &[(usize, char)]| {
                            stack.last().is_some_and(|&(open_at, o)| {
                                (o == '[' && c == ')' || o == '(' && c == ']')
                                    && interval(&text[open_at - block.range.start + 1..i])
                            })
                        };
                        if half_open(&stack) {
                            stack.pop();
                        } else if marker || face {
                        } else if stack.last().is_some_and(|&(_, o)| o == pair(c)) {
                            stack.pop();
                        } else if let Some(&(open_at, open)) = stack.last() {
                            stack.pop();
                            out.push(
                                Diagnostic::new(
                                    DOC.id,
                                    at..at + 1,
                                    format!("'{c}' closes the '{open}' opened earlier"),
                                )
                                .label(open_at..open_at + 1, "opened here"),
                            );
                        } else {
                            out.push(
                                Diagnostic::new(
                                    DOC.id,
                                    at..at + 1,
                                    format!("closing '{c}' with no opening '{}'", pair(c)),
                                )
                                .help("add the opening bracket where the aside begins, or delete this one"),
                            );
                        }
                    }
                    _ => {}
                }
            }
            for (at, open) in stack {
                // An aside left open inside a quotation is the quoted writer's, verbatim.
                if inside_quotation(text, at - block.range.start) {
                    continue;
                }
                let end = block.range.end;
                let last = doc.source[..end]
                    .chars()
                    .next_back()
                    .map_or(1, char::len_utf8);
                out.push(
                    Diagnostic::new(DOC.id, at..at + 1, format!("'{open}' is never closed"))
                        .label(end - last..end, "the paragraph ends here")
                        .help("close the bracket where the aside ends"),
                );
            }
        }
    }
}

/// Is the bracket `c`, after `before` and before `next`, the mouth of an emoticon (`:)`,
/// `:-)`, `;)`, `:')`, `:(`, `:-(`)? Its eyes are a colon or semicolon, perhaps with a nose
/// (`-`) or a tear (`'`) between; a semicolon that ends a character reference (`&amp;`,
/// `&#8221;`) is no eye. A frown is one only when no word follows it at once and no word
/// comes right before its eyes, so that `note:(see below)` keeps its bracket.
fn emoticon(before: &str, c: char, next: Option<char>) -> bool {
    if c != ')' && c != '(' {
        return false;
    }
    let mut rest = before;
    let mut eye = rest.chars().next_back();
    if let Some(nose @ ('-' | '\'' | '\u{2019}')) = eye {
        rest = &rest[..rest.len() - nose.len_utf8()];
        eye = rest.chars().next_back();
    }
    let Some(eye @ (':' | ';')) = eye else {
        return false;
    };
    rest = &rest[..rest.len() - 1];
    if eye == ';' && ends_with_reference(rest) {
        return false;
    }
    c == ')'
        || (next.is_none_or(|n| !n.is_alphanumeric() && n != '(')
            && rest
                .chars()
                .next_back()
                .is_none_or(|p| !p.is_alphanumeric()))
}

/// Is byte `i` of `text` inside a quotation that closes later in `text`: after an odd
/// number of double quotation marks, with another one after it?
fn inside_quotation(text: &str, i: usize) -> bool {
    let marks = |t: &str| t.chars().filter(|c| matches!(c, '"' | '“' | '”')).count();
    marks(&text[..i]) % 2 == 1 && marks(&text[i..]) > 0
}

/// Does `text` end with the body of a character reference (`&amp`, `&#8221`, `&#x201D`),
/// whose `;` comes next?
fn ends_with_reference(text: &str) -> bool {
    let body = text.trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '#');
    body.ends_with('&') && body.len() + 1 < text.len()
}

/// Does `before` end with a list enumerator of more than one character, a number or a
/// roman numeral standing alone ("ii", "iv", "12"), whose ")" follows?
fn enumerator(before: &str) -> bool {
    let word_start = before.len()
        - before
            .bytes()
            .rev()
            .take_while(u8::is_ascii_alphanumeric)
            .count();
    let word = &before[word_start..];
    let alone = before[..word_start]
        .chars()
        .next_back()
        .is_none_or(|p| p.is_whitespace() || p == '(');
    alone
        && (2..=4).contains(&word.len())
        && (word.bytes().all(|b| b.is_ascii_digit())
            || word.bytes().all(|b| matches!(b, b'i' | b'v' | b'x'))
            || word.bytes().all(|b| matches!(b, b'I' | b'V' | b'X')))
}

/// Is `inner` the inside of an interval: two bounds, each one short token (a number, a
/// letter, a name of a few characters), separated by a comma ("0x800, 0x10000")?
fn interval(inner: &str) -> bool {
    let mut parts = inner.split(',');
    let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let bound = |s: &str| {
        let s = s.trim();
        !s.is_empty()
            && s.len() <= 16
            && !s.contains(char::is_whitespace)
            && (s.chars().count() == 1 || s.contains(|c: char| c.is_ascii_digit()) || s == "∞")
    };
    bound(a) && bound(b)
}

/// Is `b` a bracket byte?
fn is_bracket(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'[' | b']' | b'{' | b'}')
}

/// Could one of the eight bytes of `x` be a bracket? `b & 0xFE == 0x28` holds for `(` and
/// `)` alone, `b & 0xDF == 0x5B` for `[` and `{`, and `b & 0xDF == 0x5D` for `]` and `}`.
#[inline]
fn may_hold_bracket(x: u64) -> bool {
    has_zero_byte((x & splat(0xFE)) ^ splat(0x28))
        || has_zero_byte((x & splat(0xDF)) ^ splat(0x5B))
        || has_zero_byte((x & splat(0xDF)) ^ splat(0x5D))
}

/// Positions of the bracket bytes of `b`, in order: eight bytes at a time are ruled out
/// with [`may_hold_bracket`] (most text has no bracket), and only the eights that may hold
/// one are read byte by byte.
fn bracket_positions(b: &[u8]) -> impl Iterator<Item = usize> + '_ {
    b.chunks(8)
        .enumerate()
        .filter(|(_, c)| {
            c.first_chunk::<8>()
                .is_none_or(|c| may_hold_bracket(u64::from_le_bytes(*c)))
        })
        .flat_map(|(k, c)| {
            c.iter()
                .enumerate()
                .filter(|&(_, &b)| is_bracket(b))
                .map(move |(j, _)| k * 8 + j)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracket_positions_are_the_bracket_bytes() {
        let mut texts: Vec<String> = [
            "",
            "(",
            "plain text with nothing to report at all, none",
            "a (b) [c] {d} e) f] g} (( ]]",
            "caf\u{e9} (na\u{ef}ve) \u{2018}x\u{2019} \u{201c}(\u{201d} \u{ff08}wide\u{ff09}",
            "\u{a8}\u{a9}\u{e8}\u{e9}\u{fb}\u{fd}\u{28}\u{29}",
        ]
        .map(String::from)
        .to_vec();
        // Every byte value in every place of an eight.
        let all: Vec<u8> = (0u8..=127).collect();
        texts.push(String::from_utf8(all.clone()).unwrap());
        texts.push(String::from_utf8(all[3..].to_vec()).unwrap());
        for t in &texts {
            let want: Vec<usize> = t
                .bytes()
                .enumerate()
                .filter(|&(_, b)| is_bracket(b))
                .map(|(i, _)| i)
                .collect();
            assert_eq!(
                bracket_positions(t.as_bytes()).collect::<Vec<_>>(),
                want,
                "{t:?}"
            );
        }
        for x in 0..=255u8 {
            let mut eight = [b'a'; 8];
            for k in 0..8 {
                eight[k] = x;
                assert_eq!(
                    may_hold_bracket(u64::from_le_bytes(eight)),
                    eight.iter().any(|&b| is_bracket(b)),
                    "{eight:?}"
                );
                eight[k] = b'a';
            }
        }
    }
}
