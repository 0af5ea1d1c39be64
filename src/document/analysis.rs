//! Sentences and tokens of a document, computed once and shared by every rule; part-of-speech
//! tags on first use.

use std::ops::Range;
use std::sync::OnceLock;

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
}

impl Analysis {
    pub(crate) fn new(prose: &str, blocks: &[Block]) -> Analysis {
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
        Analysis {
            sentences,
            tokens,
            tags: OnceLock::new(),
        }
    }

    /// Part-of-speech tags, one per token, computed on first use.
    pub fn tags(&self, prose: &str) -> &[Tagged] {
        self.tags.get_or_init(|| {
            let mut out = Vec::with_capacity(self.tokens.len());
            let mut words: Vec<&str> = Vec::new();
            for s in &self.sentences {
                words.clear();
                words.extend(self.tokens[s.tokens.clone()].iter().map(|t| t.text(prose)));
                out.extend(tagger::tag(&words));
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
