//! What clause analysis finds in one sentence ([`Facts`]), and the [`Store`] that keeps it
//! for every sentence of a document, with the sentences the structure rules visit.

use std::ops::Range;
use std::sync::OnceLock;

use crate::language::lexicon::Classes;
use crate::language::tagger::Tagged;
use crate::text::tokens::{Token, TokenKind};

use super::quotes::{QuoteRole, quote_role};
use super::{Group, Host, Key, Pos, Sent, Subjectless, key_fast};

/// What clause analysis finds in one sentence, owned so that a document can keep it
/// ([`Store`]) and every structure rule reads the same analysis. The costly parts (the
/// verb groups and the rules' questions) are found on first use.
#[derive(Debug, Default)]
pub struct Facts {
    pub(super) pos: Vec<Pos>,
    pub(super) quoted: Vec<bool>,
    /// [`key`] of each token.
    ///
    /// [`key`]: super::key
    pub(super) keys: Vec<Key>,
    /// The finite verb groups (many sentences are settled without them).
    pub(super) groups: OnceLock<Vec<Group>>,
    pub(super) subjectless: OnceLock<Option<Subjectless>>,
    pub(super) orphan_that: OnceLock<Option<usize>>,
    pub(super) reporting_host: OnceLock<Option<Host>>,
    pub(super) relative_only: OnceLock<Option<Range<usize>>>,
}

impl Facts {
    /// Analyse `toks` (aligned with `tags`), with a quotation open before them or not.
    pub(super) fn load(&mut self, text: &str, toks: &[Token], tags: &[Tagged], open_quote: bool) {
        self.pos.clear();
        self.pos.extend((0..toks.len()).map(|i| match toks[i].kind {
            TokenKind::Punct => Pos::Punct,
            TokenKind::Symbol => Pos::Other,
            _ => tags.get(i).map_or(Pos::Other, Pos::of),
        }));
        self.load_rest(text, toks, open_quote);
    }

    /// Everything but the tags.
    pub(super) fn load_rest(&mut self, text: &str, toks: &[Token], open_quote: bool) {
        self.keys.clear();
        self.keys
            .extend(toks.iter().map(|t| key_fast(t.text(text))));
        self.mark_quotes(text, toks, open_quote);
        self.groups = OnceLock::new();
        self.subjectless = OnceLock::new();
        self.orphan_that = OnceLock::new();
        self.reporting_host = OnceLock::new();
        self.relative_only = OnceLock::new();
    }

    fn mark_quotes(&mut self, text: &str, toks: &[Token], open: bool) {
        self.quoted.clear();
        self.quoted.reserve(toks.len());
        let mut depth: u32 = u32::from(open);
        for &t in toks {
            if t.kind != TokenKind::Punct {
                self.quoted.push(depth > 0);
                continue;
            }
            match quote_role(text, t) {
                QuoteRole::Open => {
                    depth += 1;
                    self.quoted.push(true);
                }
                QuoteRole::Close => {
                    self.quoted.push(depth > 0);
                    depth = depth.saturating_sub(1);
                }
                QuoteRole::None => self.quoted.push(depth > 0),
            }
        }
    }
}

/// The clause analysis of a document's sentences, each made on first use and then shared
/// by the structure rules (indexed like `Analysis::sentences`).
#[derive(Debug, Default)]
pub struct Store {
    cells: Box<[OnceLock<Facts>]>,
    visits: OnceLock<Visits>,
    /// Whether the document reads as a post (see `rules::structure`'s `reads_as_post`).
    post: OnceLock<bool>,
}

/// The sentences the structure rules visit, found once per document for all of them.
#[derive(Debug, Default)]
pub struct Visits {
    /// The sentences of each visited paragraph, as ranges of sentence indices.
    pub blocks: Vec<Range<usize>>,
    /// Per sentence: a quotation opened by an earlier sentence of its paragraph is still
    /// open where it starts (false outside visited paragraphs).
    pub open: Vec<bool>,
}

impl Store {
    /// A store for `n` sentences, none analysed yet.
    pub fn new(n: usize) -> Store {
        Store {
            cells: (0..n).map(|_| OnceLock::new()).collect(),
            visits: OnceLock::new(),
            post: OnceLock::new(),
        }
    }

    /// The sentences the structure rules visit, found by `find` on first use.
    pub fn visits(&self, find: impl FnOnce() -> Visits) -> &Visits {
        self.visits.get_or_init(find)
    }

    /// Whether the document reads as a post, found by `find` on first use.
    pub fn post(&self, find: impl FnOnce() -> bool) -> bool {
        *self.post.get_or_init(find)
    }

    /// Sentence `index` (`toks`, with `classes` the lexicon's classes of each token),
    /// analysed on first use with the tags `tags` gives; `open_quote` as for [`Sent::load`]
    /// (the same for every call on one sentence).
    pub fn sent<'a>(
        &'a self,
        index: usize,
        text: &'a str,
        toks: &'a [Token],
        tags: impl FnOnce() -> &'a [Tagged],
        classes: &'a [Classes],
        open_quote: bool,
    ) -> Sent<'a> {
        let facts = self.cells[index].get_or_init(|| {
            let mut f = Facts::default();
            f.load(text, toks, tags(), open_quote);
            f
        });
        Sent {
            text,
            toks,
            facts: Held::Shared(facts),
            known: if classes.len() == toks.len() {
                classes
            } else {
                &[]
            },
            classes: Vec::new(),
            starts_quoted: open_quote,
        }
    }
}

/// A sentence's [`Facts`]: its own (loaded by [`Sent::load`]) or a document's.
#[derive(Debug)]
pub(super) enum Held<'a> {
    Own(Box<Facts>),
    Shared(&'a Facts),
}

impl Default for Held<'_> {
    fn default() -> Self {
        Held::Own(Box::default())
    }
}

impl std::ops::Deref for Held<'_> {
    type Target = Facts;
    fn deref(&self) -> &Facts {
        match self {
            Held::Own(f) => f,
            Held::Shared(f) => f,
        }
    }
}
