//! Clause structure, as the structure rules (`sentence-fragment`, `orphaned-clause`,
//! `missing-subject`) need it: finite verb groups, which of them a subordinator or relative
//! word introduces, quotation spans, subjects, reporting verbs and the nouns that take a
//! "that" clause.
//!
//! Everything works on one sentence at a time through [`Sent`], which holds the sentence's
//! tokens, a compact Penn tag per token and a mask of the tokens inside quotation marks. The
//! buffers are reused from sentence to sentence, so a rule allocates once per document.
//!
//! The helpers lean towards "there is a main clause": when a sentence could be read two
//! ways, they pick the reading under which it is sound, because the rules built on them must
//! be trusted by an editor.

mod fragment;
mod keys;
mod quotes;
mod sent;
mod store;
mod subjectless;
mod tags;
#[cfg(test)]
mod tests;
mod word_lists;

use std::ops::Range;

pub use fragment::Host;
pub(crate) use keys::words;
pub use keys::{Key, NO_KEY, Words, any_word, eq_word, key, key_fast, keys, keys_of};
pub use quotes::{first_quoted_in, has_quote_in, quote_open_after};
pub use sent::Sent;
pub use store::{Facts, Store, Visits};
pub use subjectless::{Subjectless, may_be_subjectless};
pub use tags::{Pos, lexicon_allows, participle_capable, tag_with_lexicon};
pub use word_lists::*;

/// A finite verb group: a finite verb and the auxiliaries, adverbs and verbs that follow it
/// ("has not yet been disclosed").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// Token indices within the sentence.
    pub range: Range<usize>,
    /// The main verb (the last verb of the group).
    pub head: usize,
    /// A subordinator, relative word or complementiser opens the clause of this group.
    pub introduced: bool,
}
