//! [`Pos`], the Penn Treebank tag reduced to what clause analysis needs, and what the
//! lexicon says about tags: which it allows for a word, and which words can be read as past
//! participles.

use crate::language::lexicon::{self, Classes};
use crate::language::tagger::{Tagged, Xpos};

use super::eq_word;

/// A Penn Treebank tag, reduced to what clause analysis needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pos {
    /// Coordinating conjunction.
    Cc,
    /// Cardinal number.
    Cd,
    /// Determiner (also predeterminer).
    Dt,
    /// Existential "there".
    Ex,
    /// Preposition or subordinating conjunction.
    In,
    /// Adjective (positive, comparative, superlative).
    Jj,
    /// Modal.
    Md,
    /// Common noun, singular.
    Nn,
    /// Common noun, plural.
    Nns,
    /// Proper noun.
    Nnp,
    /// Possessive ending.
    Possessive,
    /// Personal pronoun.
    Prp,
    /// Possessive pronoun.
    PrpS,
    /// Adverb.
    Rb,
    /// Particle.
    Rp,
    /// Infinitive or prepositional "to".
    To,
    /// Interjection.
    Uh,
    /// Verb, base form.
    Vb,
    /// Verb, past tense.
    Vbd,
    /// Verb, gerund or present participle.
    Vbg,
    /// Verb, past participle.
    Vbn,
    /// Verb, present, not third person singular.
    Vbp,
    /// Verb, third person singular present.
    Vbz,
    /// Wh-determiner ("which", relative "that").
    Wdt,
    /// Wh-pronoun ("who", "what", "whose").
    Wp,
    /// Wh-adverb ("where", "when", "how").
    Wrb,
    /// Punctuation.
    Punct,
    /// Anything else (symbols, foreign words, list markers).
    Other,
}

impl Pos {
    /// The compact tag of a tagger result.
    pub fn of(t: &Tagged) -> Pos {
        Pos::of_xpos(t.xpos)
    }

    /// The compact tag of a Penn tag.
    pub fn of_xpos(x: Xpos) -> Pos {
        match x {
            Xpos::Cc => Pos::Cc,
            Xpos::Cd => Pos::Cd,
            Xpos::Dt | Xpos::Pdt => Pos::Dt,
            Xpos::Ex => Pos::Ex,
            Xpos::In => Pos::In,
            Xpos::Jj | Xpos::Jjr | Xpos::Jjs => Pos::Jj,
            Xpos::Md => Pos::Md,
            Xpos::Nn => Pos::Nn,
            Xpos::Nns => Pos::Nns,
            Xpos::Nnp | Xpos::Nnps => Pos::Nnp,
            Xpos::Pos => Pos::Possessive,
            Xpos::Prp => Pos::Prp,
            Xpos::PrpS | Xpos::WpS => Pos::PrpS,
            Xpos::Rb | Xpos::Rbr | Xpos::Rbs => Pos::Rb,
            Xpos::Rp => Pos::Rp,
            Xpos::To => Pos::To,
            Xpos::Uh => Pos::Uh,
            Xpos::Vb => Pos::Vb,
            Xpos::Vbd => Pos::Vbd,
            Xpos::Vbg => Pos::Vbg,
            Xpos::Vbn => Pos::Vbn,
            Xpos::Vbp => Pos::Vbp,
            Xpos::Vbz => Pos::Vbz,
            Xpos::Wdt => Pos::Wdt,
            Xpos::Wp => Pos::Wp,
            Xpos::Wrb => Pos::Wrb,
            Xpos::OpenQuote
            | Xpos::CloseQuote
            | Xpos::Comma
            | Xpos::Period
            | Xpos::Colon
            | Xpos::Lrb
            | Xpos::Rrb
            | Xpos::Hyph
            | Xpos::Nfp => Pos::Punct,
            _ => Pos::Other,
        }
    }

    pub fn is_noun(self) -> bool {
        matches!(self, Pos::Nn | Pos::Nns | Pos::Nnp)
    }

    pub fn is_verb(self) -> bool {
        matches!(
            self,
            Pos::Vb | Pos::Vbd | Pos::Vbg | Pos::Vbn | Pos::Vbp | Pos::Vbz | Pos::Md
        )
    }

    /// Tags that may stand inside a plain noun phrase.
    pub(super) fn in_np(self) -> bool {
        matches!(
            self,
            Pos::Dt
                | Pos::Cd
                | Pos::Jj
                | Pos::Nn
                | Pos::Nns
                | Pos::Nnp
                | Pos::Possessive
                | Pos::PrpS
        )
    }
}

/// Can `word` be read as a past participle of one of its common verbs? "visited" and
/// "found" can; "went" only as the participle of the rare "wend", so it cannot.
pub fn participle_capable(word: &str, classes: Classes) -> bool {
    if !classes.contains(Classes::VERB_PAST_PART) {
        return false;
    }
    let bases = lexicon::verb_bases(word);
    if bases.is_empty() {
        return true;
    }
    let rank = |b: &str| lexicon::lookup_folded(b).map_or(u8::MAX, |e| e.rank);
    let best = bases.iter().map(|b| rank(b)).min().unwrap_or(u8::MAX);
    bases.iter().any(|b| {
        rank(b) <= best.saturating_add(15)
            && lexicon::verb_forms(b).is_some_and(|f| eq_word(f.past_participle, word))
    })
}

/// Would the lexicon accept the Penn tag `x` for `word`? Unknown words and words the
/// lexicon lists without classes accept every tag; only verb and noun tags are checked.
pub fn lexicon_allows(word: &str, x: Xpos) -> bool {
    let c = lexicon::classes_folded(word);
    if c.is_empty() {
        return true;
    }
    let aux = Classes::AUX | Classes::MODAL;
    match x {
        Xpos::Vb | Xpos::Vbp => c.intersects(Classes::VERB | aux),
        Xpos::Vbd => c.intersects(Classes::VERB_PAST | aux),
        Xpos::Vbn => c.intersects(Classes::VERB_PAST_PART | aux),
        Xpos::Vbg => c.intersects(Classes::VERB_ING | aux),
        Xpos::Vbz => c.intersects(Classes::VERB_3SG | aux),
        Xpos::Md => c.intersects(Classes::MODAL),
        Xpos::Nn | Xpos::Nns => {
            c.intersects(Classes::ANY_NOUN | Classes::ADJ | Classes::VERB_ING | Classes::NUM)
        }
        _ => true,
    }
}

/// Tag a sentence with the tagger's guesses limited to what the lexicon allows.
pub fn tag_with_lexicon(words: &[&str]) -> Vec<Tagged> {
    crate::language::tagger::tag_constrained(words, &|i, x| lexicon_allows(words[i], x))
}
