//! Sentences and tokens of a document, computed once and shared by every rule; part-of-speech
//! tags on first use.

use std::ops::Range;
use std::sync::OnceLock;

use crate::language::clause;
use crate::language::lexicon::{self, Classes, Entry};
use crate::language::parser::{self, Parse};
use crate::language::tagger::{self, Tagged};
use crate::text::sentences::split_sentences;
use crate::text::tokens::{Token, TokenKind, tokenize_into};

use super::Block;

#[derive(Clone, Debug)]
pub struct Sentence {
    /// Trimmed byte range in the file.
    pub range: Range<usize>,
    /// Index of its block in `Document::blocks`.
    pub block: usize,
    /// Its tokens: indices into `Analysis::tokens`.
    pub tokens: Range<usize>,
}

#[derive(Debug, Default)]
pub struct Analysis {
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    tags: OnceLock<Vec<Tagged>>,
    /// Per sentence: its tags, computed on first use (the structure rules read only the
    /// sentences of body paragraphs).
    sentence_tags: Vec<OnceLock<Box<[Tagged]>>>,
    /// Per sentence: the tags of its first words, when a rule asked for no more; the
    /// whole sentence's tags continue from them.
    prefix_tags: Vec<OnceLock<tagger::Partial>>,
    /// Per sentence: its dependency parse, made on first use.
    sentence_parse: Vec<OnceLock<Parse>>,
    /// Per sentence: whether a reading of it has a main clause, as the structure rules
    /// decide from the parse (see `rules::structure`), shared by those rules.
    main_clause: Vec<OnceLock<bool>>,
    lex: OnceLock<TokenLex>,
    /// The clause analysis of each sentence, made on first use and shared by the structure
    /// rules.
    clauses: OnceLock<clause::Store>,
    /// Tokens that are the whole text of a link and no word the lexicon knows (a user
    /// name, a project): the tagger reads them as it reads inline code, as a name.
    link_names: Vec<usize>,
}

/// The indices of the tokens that make up the whole text of a link on their own and are no
/// word the lexicon knows ("[weihanglo](…) stabilized the flag"), in order.
fn link_names(prose: &str, tokens: &[Token], links: &[Range<usize>]) -> Vec<usize> {
    let mut out = Vec::new();
    for link in links {
        let lo = tokens.partition_point(|t| t.start < link.start);
        let hi = tokens.partition_point(|t| t.start < link.end);
        let inside = &tokens[lo..hi];
        let [only] = inside else { continue };
        if only.kind == TokenKind::Word
            && only.end <= link.end
            && lexicon::lookup_folded(only.text(prose)).is_none()
        {
            out.push(lo);
        }
    }
    out
}

/// The lexicon's facts about each token, looked up once per document for every rule.
#[derive(Debug, Default)]
pub struct TokenLex {
    /// [`lexicon::classes_folded`] of each word token (empty for other tokens).
    pub classes: Vec<Classes>,
    /// [`lexicon::lookup`] of each word token (None for other tokens).
    pub entries: Vec<Option<Entry>>,
}

/// What the tagger reads for inline code and printing template spans: a name, which is what
/// they most often are in a sentence (`` `cargo audit` checks… ``, "run `make` first").
const CODE_WORD: &str = "X";

impl Analysis {
    pub(crate) fn new(prose: &str, blocks: &[Block], links: &[Range<usize>]) -> Analysis {
        let mut sentences = Vec::new();
        let mut tokens = Vec::new();
        for (b, block) in blocks.iter().enumerate() {
            for range in split_sentences(prose, block.range.clone()) {
                let first = tokens.len();
                tokenize_into(prose, range.clone(), &mut tokens);
                sentences.push(Sentence {
                    range,
                    block: b,
                    tokens: first..tokens.len(),
                });
            }
        }
        let link_names = link_names(prose, &tokens, links);
        let sentence_tags = sentences.iter().map(|_| OnceLock::new()).collect();
        let prefix_tags = sentences.iter().map(|_| OnceLock::new()).collect();
        let sentence_parse = sentences.iter().map(|_| OnceLock::new()).collect();
        let main_clause = sentences.iter().map(|_| OnceLock::new()).collect();
        Analysis {
            sentences,
            tokens,
            tags: OnceLock::new(),
            sentence_tags,
            prefix_tags,
            sentence_parse,
            main_clause,
            lex: OnceLock::new(),
            clauses: OnceLock::new(),
            link_names,
        }
    }

    /// The words of sentence `index`, as the tagger reads them.
    pub(crate) fn sentence_words<'p>(&self, prose: &'p str, index: usize) -> Vec<&'p str> {
        self.sentences.get(index).map_or_else(Vec::new, |s| {
            let names = &self.link_names;
            self.tokens[s.tokens.clone()]
                .iter()
                .zip(s.tokens.clone())
                .map(|(t, k)| match t.kind {
                    TokenKind::Code => CODE_WORD,
                    TokenKind::Word if !names.is_empty() && names.binary_search(&k).is_ok() => {
                        CODE_WORD
                    }
                    _ => t.text(prose),
                })
                .collect()
        })
    }

    /// The part-of-speech tags of sentence `index`, one per token, computed on first use.
    pub fn sentence_tags(&self, prose: &str, index: usize) -> &[Tagged] {
        match self.sentence_tags.get(index) {
            Some(cell) => cell.get_or_init(|| {
                let words = self.sentence_words(prose, index);
                let mut part = self.prefix_tags[index].get().cloned().unwrap_or_default();
                tagger::tag_more(&words, &mut part, words.len());
                part.tags.into()
            }),
            None => &[],
        }
    }

    /// The dependency parse of sentence `index` (its tokens in order, positions counted
    /// from the sentence's first token), made on first use from its tags.
    pub fn sentence_parse(&self, prose: &str, index: usize) -> &Parse {
        static EMPTY: Parse = Parse { arcs: Vec::new() };
        match self.sentence_parse.get(index) {
            Some(cell) => cell.get_or_init(|| {
                let words = self.sentence_words(prose, index);
                let tags = self.sentence_tags(prose, index);
                Parse {
                    arcs: parser::parse(&words, tags),
                }
            }),
            None => &EMPTY,
        }
    }

    /// Whether sentence `index` has a main clause, as `decide` finds on first use.
    pub fn main_clause(&self, index: usize, decide: impl FnOnce() -> bool) -> bool {
        match self.main_clause.get(index) {
            Some(cell) => *cell.get_or_init(decide),
            None => decide(),
        }
    }

    /// The tags of at least the first `k` tokens of sentence `index` (fewer only when the
    /// sentence is shorter): the same as the first `k` of [`Analysis::sentence_tags`],
    /// without tagging the rest of the sentence when no rule asked for it yet.
    pub fn sentence_tags_upto(&self, prose: &str, index: usize, k: usize) -> &[Tagged] {
        let (Some(full), Some(prefix)) =
            (self.sentence_tags.get(index), self.prefix_tags.get(index))
        else {
            return &[];
        };
        if let Some(tags) = full.get() {
            return tags;
        }
        let n = self.sentences[index].tokens.len();
        if let Some(p) = prefix.get() {
            return if p.tags.len() >= k.min(n) {
                &p.tags
            } else {
                self.sentence_tags(prose, index)
            };
        }
        if k >= n {
            return self.sentence_tags(prose, index);
        }
        &prefix
            .get_or_init(|| {
                let mut part = tagger::Partial::default();
                tagger::tag_more(&self.sentence_words(prose, index), &mut part, k);
                part
            })
            .tags
    }

    /// The lexicon's facts about each token, computed on first use.
    pub fn lex(&self, prose: &str) -> &TokenLex {
        self.lex.get_or_init(|| {
            let mut lex = TokenLex {
                classes: Vec::with_capacity(self.tokens.len()),
                entries: Vec::with_capacity(self.tokens.len()),
            };
            // A look-up is one probe of the lexicon's hot table for most words, cheaper
            // than remembering the document's words in a map of its own. The probes of a
            // few dozen tokens are asked for before any is read, so that they overlap.
            for chunk in self.tokens.chunks(32) {
                for t in chunk.iter().filter(|t| t.kind == TokenKind::Word) {
                    lexicon::prefetch_hot(t.text(prose));
                }
                for t in chunk {
                    let (c, e) = if t.kind == TokenKind::Word {
                        lexicon::classes_and_entry(t.text(prose))
                    } else {
                        (Classes::EMPTY, None)
                    };
                    lex.classes.push(c);
                    lex.entries.push(e);
                }
            }
            lex
        })
    }

    /// The clause analysis of the sentences, each analysed on first use.
    pub fn clauses(&self) -> &clause::Store {
        self.clauses
            .get_or_init(|| clause::Store::new(self.sentences.len()))
    }

    /// Part-of-speech tags, one per token, computed on first use.
    pub fn tags(&self, prose: &str) -> &[Tagged] {
        self.tags.get_or_init(|| {
            let mut out = Vec::with_capacity(self.tokens.len());
            for index in 0..self.sentences.len() {
                out.extend_from_slice(self.sentence_tags(prose, index));
            }
            out
        })
    }

    /// The sentences of one block.
    pub fn block_sentences(&self, block: usize) -> &[Sentence] {
        let lo = self.sentences.partition_point(|s| s.block < block);
        let hi = self.sentences.partition_point(|s| s.block <= block);
        &self.sentences[lo..hi]
    }

    /// The word tokens of a sentence.
    pub fn words<'a>(&'a self, s: &Sentence) -> impl Iterator<Item = &'a Token> + 'a {
        self.tokens[s.tokens.clone()]
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
    }
}
