use super::{Context, Rule, RuleDoc, on};
use crate::diagnostic::{Diagnostic, Severity};
use std::ops::Range;

use crate::document::{Block, BlockKind, Document};

use crate::text::scan::{has_zero_byte, splat};

pub struct UnbalancedQuotes;

static DOC: RuleDoc = RuleDoc {
    id: "unbalanced-quotes",
    summary: "a quotation mark opened and never closed in its paragraph, or closed and never opened",
    default: on(Severity::Error),
    flags: "An opening double quotation mark (“ or \") with no closing one before the paragraph \
            ends, or a closing one (” or \") that nothing opened. It follows the newspaper \
            convention for quotations that run over several paragraphs: every paragraph but \
            the last is left open, and the next one reopens with an opening mark. Apostrophes \
            in contractions, possessives and years ('90s) are not quotation marks, and single \
            quotes may nest inside double ones. A mark after a digit closes an open quotation \
            (\"version 2.0\") and is otherwise an inch mark (12\" pipe); a code span or link \
            right beside a mark counts as a word (a quotation may open or close on one). A \
            quotation that runs on into the next paragraph must not run past its attribution: \
            a paragraph that reads “The channel must be cleared, she said. and is followed by \
            a reopened quotation is flagged, since the closing mark belongs before \"she \
            said\".",
    why: "An unclosed quotation leaves the reader unsure where the speaker's words end and the \
          writer's begin: it can put words in someone's mouth.",
    example: "The mayor told reporters, “We will rebuild the bridge by spring.\n\n\
              Work is expected to begin next month.\n",
    instead: "Close the quotation where the speaker's words end: “We will rebuild the bridge \
              by spring.”",
    fix: "None: only the writer knows where the quotation ends.",
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
}

/// Classify the double quotation marks of a block's prose, in order.
fn marks(doc: &Document, block: &Block) -> Vec<(usize, Mark)> {
    let text = &doc.prose;
    let slice = &text[block.range.clone()];
    let mut out = Vec::new();
    let mut depth = 0usize;
    // Every mark is `"` or starts with the byte 0xE2 (“ ” „), and both start a character:
    // only those characters are read, each with the character before it in the block.
    for i in candidates(slice.as_bytes()) {
        let Some(c) = slice[i..].chars().next() else {
            continue;
        };
        let at = block.range.start + i;
        let (prev, next) = neighbours(doc, at, c, slice[..i].chars().next_back());
        if let Some(m) = classify(c, prev, next, depth) {
            match m {
                Mark::Open => depth += 1,
                Mark::Close => depth = depth.saturating_sub(1),
            }
            out.push((at, m));
        }
    }
    out
}

/// The characters either side of the mark `c` at `at`, as [`classify`] reads them (`prev`
/// is the one before it in the block). Markup the prose leaves out counts as a word on that
/// side: a code span or a link's end right before the mark (`` "`i: &T`" ``, `"[a](b)"`), or
/// a code span or a link's text right after it.
fn neighbours(
    doc: &Document,
    at: usize,
    c: char,
    prev: Option<char>,
) -> (Option<char>, Option<char>) {
    let after = at + c.len_utf8();
    let next = doc.prose[after..].chars().next();
    let source_prev = doc.source[..at].chars().next_back();
    let source_next = doc.source[after..].chars().next();
    let prev = match (prev, source_prev) {
        (Some(p), Some(s)) if p != s && p.is_whitespace() && matches!(s, '`' | ')' | ']') => {
            Some('x')
        }
        _ => prev,
    };
    let next = match (next, source_next) {
        (Some(n), Some(s)) if n != s && n.is_whitespace() && matches!(s, '`' | '[') => Some('x'),
        _ => next,
    };
    (prev, next)
}

/// What the character `c`, between `prev` and `next`, is as a double quotation mark, with
/// `depth` quotations open before it in the block.
fn classify(c: char, prev: Option<char>, next: Option<char>, depth: usize) -> Option<Mark> {
    // A mark named between brackets ("U+0022 (\")") quotes nothing.
    if prev == Some('(') && next == Some(')') || prev == Some('[') && next == Some(']') {
        return None;
    }
    match c {
        '“' | '„' => Some(Mark::Open),
        '”' => Some(Mark::Close),
        '"' => {
            let before_space = prev.is_none_or(|p| {
                p.is_whitespace() || matches!(p, '(' | '[' | '{' | '—' | '–' | '/')
            });
            let after_space = next.is_none_or(|n| n.is_whitespace());
            if prev.is_some_and(|p| p.is_ascii_digit()) && after_space && depth == 0 {
                // 12" (inches) is a measure, not a quotation mark; inside an open quotation
                // ("version 2.0") the mark after a digit closes it.
                None
            } else if before_space && !after_space {
                Some(Mark::Open)
            } else if prev.is_some_and(|p| p.is_alphanumeric() || ".,;:!?…'’)".contains(p))
                && (after_space || next.is_some_and(|n| !n.is_alphanumeric()))
            {
                Some(Mark::Close)
            } else {
                // No side is clear (`said,"` or `a"b`): read it by the count so far.
                Some(if depth > 0 { Mark::Close } else { Mark::Open })
            }
        }
        _ => None,
    }
}

/// Positions of the bytes `"` and 0xE2 in `b`, in order: eight bytes at a time are ruled
/// out when none of them is either (most of a paragraph is), and only the other eights are
/// read byte by byte.
fn candidates(b: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let is_candidate = |b: u8| b == b'"' || b == 0xE2;
    b.chunks(8)
        .enumerate()
        .filter(|(_, c)| {
            c.first_chunk::<8>().is_none_or(|c| {
                let x = u64::from_le_bytes(*c);
                has_zero_byte(x ^ splat(b'"')) || has_zero_byte(x ^ splat(0xE2))
            })
        })
        .flat_map(move |(k, c)| {
            c.iter()
                .enumerate()
                .filter(move |&(_, &b)| is_candidate(b))
                .map(move |(j, _)| k * 8 + j)
        })
}

/// Does the block open with a quotation mark (the continuation of a quotation)?
fn opens_with_quote(doc: &Document, block: &Block) -> bool {
    doc.prose[block.range.clone()]
        .trim_start()
        .starts_with(['“', '"', '„'])
}

impl Rule for UnbalancedQuotes {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let all: Vec<Vec<(usize, Mark)>> = doc.blocks.iter().map(|b| marks(doc, b)).collect();
        // Closing marks already accounted for by a quotation opened in an earlier paragraph.
        let mut carried: Vec<Option<usize>> = vec![None; doc.blocks.len()];
        for (i, block) in doc.blocks.iter().enumerate() {
            let mut open: Vec<usize> = Vec::new();
            for &(at, m) in &all[i] {
                match m {
                    Mark::Open => open.push(at),
                    Mark::Close => {
                        if open.pop().is_some() || carried[i] == Some(at) {
                            continue;
                        }
                        let len = doc.source[at..].chars().next().map_or(1, char::len_utf8);
                        out.push(
                            Diagnostic::new(
                                DOC.id,
                                at..at + len,
                                "closing quotation mark with no opening one",
                            )
                            .help("add the opening quotation mark where the quotation begins, or delete this one"),
                        );
                    }
                }
            }
            let Some(&first_open) = open.first() else {
                continue;
            };
            if block.kind == BlockKind::Paragraph
                && let Some(close) = continuation(doc, &all, i)
            {
                if let Some((j, at)) = close {
                    carried[j] = Some(at);
                }
                // A quotation may run on into the next paragraph, but not past the words
                // that attribute it: "..., she said." ends the speaker's words.
                let last_open = open[open.len() - 1];
                if let Some(said) = attribution(&doc.prose[last_open..block.range.end]) {
                    let said = last_open + said.start..last_open + said.end;
                    let len = doc.source[last_open..]
                        .chars()
                        .next()
                        .map_or(1, char::len_utf8);
                    out.push(
                        Diagnostic::new(
                            DOC.id,
                            last_open..last_open + len,
                            "this quotation is not closed before its attribution",
                        )
                        .label(said, "the speaker is named here, inside the quotation")
                        .help("add the closing quotation mark (”) before the attribution"),
                    );
                }
                continue;
            }
            let len = doc.source[first_open..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
            let end = block.range.end;
            let last_char = doc.source[..end]
                .chars()
                .next_back()
                .map_or(1, char::len_utf8);
            let where_ = if block.is_heading() {
                "heading"
            } else {
                "paragraph"
            };
            out.push(
                Diagnostic::new(
                    DOC.id,
                    first_open..first_open + len,
                    "this quotation is never closed",
                )
                .label(
                    end - last_char..end,
                    format!("the {where_} ends here with the quotation still open"),
                )
                .help("add the closing quotation mark (”) where the speaker's words end")
                .note("a quotation that runs on into the next paragraph is fine when that paragraph opens with a quotation mark"),
            );
        }
    }
}

/// Verbs that attribute a quotation ("she said").
const SPEECH: &[&str] = &[
    "said",
    "says",
    "added",
    "adds",
    "explained",
    "continued",
    "noted",
    "recalled",
    "insisted",
    "warned",
    "argued",
    "stated",
    "wrote",
    "asked",
    "told",
    "remarked",
    "replied",
    "conceded",
];

/// Pronouns that name a speaker.
const SPEAKERS: &[&str] = &["he", "she", "they", "we", "I"];

/// Where `quoted` (a quotation from its opening mark to the end of its paragraph) ends with
/// an attribution: a comma, then a speaker and a verb of saying ("he said", "Mira Tal
/// added", "said the mayor") and a full stop, as the paragraph's last words. The range is the
/// attribution's, within `quoted`.
fn attribution(quoted: &str) -> Option<Range<usize>> {
    let end = quoted.trim_end();
    let body = end.strip_suffix('.')?;
    let comma = body.rfind(',')?;
    let tail = &body[comma + 1..];
    let words: Vec<&str> = tail.split_whitespace().collect();
    if !(2..=4).contains(&words.len()) || !tail.starts_with(' ') {
        return None;
    }
    let is_name = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
    };
    let is_speaker = |w: &[&str]| match w {
        [p] => SPEAKERS.contains(p) || is_name(p),
        // "the captain", "the city's mayor".
        ["the", rest @ ..] => rest.iter().all(|w| w.chars().all(char::is_lowercase)),
        [first, rest @ ..] => is_name(first) && rest.iter().all(|w| is_name(w)),
        [] => false,
    };
    let n = words.len();
    let verb_last = SPEECH.contains(&words[n - 1]) && is_speaker(&words[..n - 1]);
    let verb_first =
        SPEECH.contains(&words[0]) && (is_speaker(&words[1..]) || (words[1] == "the" && n == 3));
    if !(verb_last || verb_first) || (n == 2 && words.iter().all(|w| is_name(w))) {
        return None;
    }
    let start = comma + 1 + (tail.len() - tail.trim_start().len());
    Some(start..body.len())
}

/// Does the quotation left open in paragraph `i` run on into the next paragraph? It does when
/// that paragraph reopens it (the newspaper convention), or when it closes it without
/// reopening (a looser house style); in the second case the closing mark is returned.
#[allow(clippy::type_complexity)]
fn continuation(
    doc: &Document,
    all: &[Vec<(usize, Mark)>],
    i: usize,
) -> Option<Option<(usize, usize)>> {
    let block = &doc.blocks[i];
    let same_run = |j: usize| {
        doc.blocks.get(j).is_some_and(|next| {
            next.kind == BlockKind::Paragraph && next.quote_depth == block.quote_depth
        })
    };
    if same_run(i + 1) && opens_with_quote(doc, &doc.blocks[i + 1]) {
        return Some(None);
    }
    match all.get(i + 1).and_then(|m| m.first()) {
        Some(&(at, Mark::Close)) if same_run(i + 1) => Some(Some((i + 1, at))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain reading of [`marks`]: every character of the block, in turn.
    fn reference(doc: &Document, block: &Block) -> Vec<(usize, Mark)> {
        let text = &doc.prose;
        let mut out = Vec::new();
        let mut prev: Option<char> = None;
        let mut depth = 0usize;
        for (i, c) in text[block.range.clone()].char_indices() {
            let at = block.range.start + i;
            let (p, n) = neighbours(doc, at, c, prev);
            let mark = classify(c, p, n, depth);
            if let Some(m) = mark {
                match m {
                    Mark::Open => depth += 1,
                    Mark::Close => depth = depth.saturating_sub(1),
                }
                out.push((at, m));
            }
            prev = Some(c);
        }
        out
    }

    #[test]
    fn marks_are_read_as_the_plain_reading_does() {
        let texts = [
            "",
            "No quotation here at all, just a long plain sentence of text.",
            "She said, \"We will rebuild.\" Then \"again\" and 12\" pipes.",
            "“Open and ”close„ low‘single’ — \"x\"y\"z a\"b said,\" (\"p\") /\"q\"",
            "café “naïve” résumé\"é\"—\"—\" …\"\"\" ’\"’ 東京\"東京\"",
            "\"",
            "“",
            "a\u{2009}\"b\u{a0}\" \u{2014}\"c\u{2013}\"d",
        ];
        for t in texts {
            let src = format!("{t}\n\nSecond \"paragraph “here.\n\n- item \"one\n");
            let doc = Document::parse(&src);
            for b in &doc.blocks {
                assert!(marks(&doc, b) == reference(&doc, b), "{t:?}");
            }
        }
    }
}
