//! The text a pack rule reads: one *unit* per block (its sentences and tokens from the
//! document's analysis) and one per front-matter value (tokenised here), each with the facts
//! a `scope` needs.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

use crate::document::{BlockKind, Document, TitleSource};
use crate::settings::Item;
use crate::settings::error::Problem;
use crate::text::sentences::split_sentences;
use crate::text::tokens::{Token, TokenKind, tokenize_into};

use super::read::one_of_help;

/// Where a unit of text sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place<'a> {
    Block { kind: BlockKind, quoted: bool },
    FrontMatter { key: &'a str },
}

/// One block or front-matter value.
pub(crate) struct Unit<'a> {
    /// The haystack the ranges index: the prose view for blocks, the source for front matter.
    pub text: &'a str,
    pub range: Range<usize>,
    pub tokens: Cow<'a, [Token]>,
    /// Each sentence: its byte range and its tokens (indices into `tokens`).
    pub sentences: Vec<(Range<usize>, Range<usize>)>,
    pub place: Place<'a>,
    /// Whether this is the document's headline.
    pub headline: bool,
    exact: OnceCell<Vec<Cow<'a, str>>>,
    folded: OnceCell<Vec<Cow<'a, str>>>,
}

/// Token text as matched: curly apostrophes read as straight ones; lower case when folded.
pub(crate) fn normalize(s: &str, fold: bool) -> Cow<'_, str> {
    let curly = s.contains(['\u{2019}', '\u{2018}', '\u{02BC}']);
    let upper = fold && s.chars().any(char::is_uppercase);
    if !curly && !upper {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = if matches!(c, '\u{2019}' | '\u{2018}' | '\u{02BC}') {
            '\''
        } else {
            c
        };
        if fold {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

impl<'a> Unit<'a> {
    /// Token texts, apostrophes normalised; lower-cased when `fold`.
    pub(crate) fn words(&self, fold: bool) -> &[Cow<'a, str>] {
        let cell = if fold { &self.folded } else { &self.exact };
        cell.get_or_init(|| {
            let text: &'a str = self.text;
            self.tokens
                .iter()
                .map(|t| normalize(t.text(text), fold))
                .collect()
        })
    }

    /// The number of words (word and number tokens, clitics such as `'s` and `n't` not
    /// counted) in a token range.
    pub(crate) fn word_count(&self, tokens: Range<usize>) -> usize {
        self.tokens[tokens]
            .iter()
            .filter(|t| is_counted_word(t, self.text))
            .count()
    }
}

/// A word for counting: a word or number token that is not a clitic.
pub(crate) fn is_counted_word(t: &Token, text: &str) -> bool {
    match t.kind {
        TokenKind::Number => true,
        TokenKind::Word => {
            let s = t.text(text);
            !(s.starts_with(['\'', '\u{2019}'])
                || s.eq_ignore_ascii_case("n't")
                || s.eq_ignore_ascii_case("n\u{2019}t"))
        }
        _ => false,
    }
}

/// A span without the whitespace at its ends. In the prose view, markup is blanked to
/// spaces byte by byte, so a regex match may start or end inside a blanked multi-byte char;
/// its trimmed ends are prose chars, which sit on char boundaries of the source too.
pub(crate) fn trim_span(text: &str, span: Range<usize>) -> Range<usize> {
    let Some(s) = text.get(span.clone()) else {
        return span.start..span.start;
    };
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    span.start + lead..span.start + lead + trimmed.len()
}

/// Every unit of a document: blocks in order, then front-matter values when asked for.
pub(crate) fn units(doc: &Document, front_matter: bool) -> Vec<Unit<'_>> {
    let mut out = Vec::with_capacity(doc.blocks.len());
    let title_block = doc.title_block();
    let tokens = &doc.analysis.tokens;
    for (i, block) in doc.blocks.iter().enumerate() {
        let sentences = doc.analysis.block_sentences(i);
        let (first, last) = match (sentences.first(), sentences.last()) {
            (Some(f), Some(l)) => (f.tokens.start, l.tokens.end),
            _ => (0, 0),
        };
        out.push(Unit {
            text: &doc.prose,
            range: block.range.clone(),
            tokens: Cow::Borrowed(&tokens[first..last]),
            sentences: sentences
                .iter()
                .map(|s| {
                    (
                        s.range.clone(),
                        s.tokens.start - first..s.tokens.end - first,
                    )
                })
                .collect(),
            place: Place::Block {
                kind: block.kind,
                quoted: block.quote_depth > 0,
            },
            headline: title_block == Some(i),
            exact: OnceCell::new(),
            folded: OnceCell::new(),
        });
    }
    if front_matter && let Some(fm) = &doc.front_matter {
        let title_range = doc
            .title
            .as_ref()
            .filter(|t| t.source == TitleSource::FrontMatter)
            .map(|t| t.range.clone());
        for (key, range) in &fm.keys {
            if range.is_empty() {
                continue;
            }
            let mut toks = Vec::new();
            let mut sentences = Vec::new();
            for s in split_sentences(&doc.source, range.clone()) {
                let first = toks.len();
                tokenize_into(&doc.source, s.clone(), &mut toks);
                sentences.push((s, first..toks.len()));
            }
            out.push(Unit {
                text: &doc.source,
                range: range.clone(),
                tokens: Cow::Owned(toks),
                sentences,
                place: Place::FrontMatter { key },
                headline: title_range.as_ref() == Some(range),
                exact: OnceCell::new(),
                folded: OnceCell::new(),
            });
        }
    }
    out
}

/// Which units a rule reads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Scope {
    /// Bit `n` for heading level `n` (1..=6).
    headings: u8,
    paragraph: bool,
    list_item: bool,
    blockquote: bool,
    table_cell: bool,
    alt_text: bool,
    headline: bool,
    front_matter: Vec<String>,
}

/// The scope names, for messages and "did you mean".
pub(crate) const SCOPE_NAMES: &[&str] = &[
    "heading",
    "heading1",
    "heading2",
    "heading3",
    "heading4",
    "heading5",
    "heading6",
    "headline",
    "paragraph",
    "list-item",
    "blockquote",
    "table-cell",
    "alt-text",
    "front-matter.title",
];

impl Scope {
    pub(crate) fn prose() -> Scope {
        Scope {
            paragraph: true,
            list_item: true,
            ..Scope::default()
        }
    }

    pub(crate) fn headings() -> Scope {
        Scope {
            headings: 0b111_1110,
            ..Scope::default()
        }
    }

    pub(crate) fn parse(items: &[Item], out: &mut Vec<Problem>) -> Scope {
        let mut s = Scope::default();
        for item in items {
            let name = item.value.as_str();
            match name {
                "heading" => s.headings = 0b111_1110,
                "paragraph" => s.paragraph = true,
                "list-item" => s.list_item = true,
                "blockquote" => s.blockquote = true,
                "table-cell" => s.table_cell = true,
                "alt-text" => s.alt_text = true,
                "headline" => s.headline = true,
                _ => {
                    if let Some(level) = name
                        .strip_prefix("heading")
                        .and_then(|n| n.parse::<u8>().ok())
                        .filter(|n| (1..=6).contains(n))
                    {
                        s.headings |= 1 << level;
                    } else if let Some(key) = name.strip_prefix("front-matter.")
                        && !key.is_empty()
                    {
                        s.front_matter.push(key.to_string());
                    } else {
                        let help = if name == "front-matter" {
                            "name the key: `front-matter.title`, `front-matter.description`"
                                .to_string()
                        } else {
                            one_of_help(name, SCOPE_NAMES)
                        };
                        out.push(
                            Problem::new(
                                item.span.clone(),
                                format!("unknown scope `{name}`"),
                                "not a scope galley knows",
                            )
                            .help(Some(help)),
                        );
                    }
                }
            }
        }
        s
    }

    pub(crate) fn wants_front_matter(&self) -> bool {
        self.headline || !self.front_matter.is_empty()
    }

    pub(crate) fn matches(&self, unit: &Unit) -> bool {
        if self.headline && unit.headline {
            return true;
        }
        match unit.place {
            Place::FrontMatter { key } => self.front_matter.iter().any(|k| k == key),
            Place::Block { quoted: true, .. } => self.blockquote,
            Place::Block { kind, .. } => match kind {
                BlockKind::Heading(level) => self.headings & (1 << level.min(7)) != 0,
                // A run-in heading sits in a paragraph of the source.
                BlockKind::Paragraph | BlockKind::RunIn => self.paragraph,
                BlockKind::ListItem => self.list_item,
                BlockKind::TableCell => self.table_cell,
                BlockKind::AltText => self.alt_text,
            },
        }
    }
}
