//! English language knowledge: the embedded lexicon and the part-of-speech tagger.

pub mod clause;
pub mod lexicon;
pub mod parser;
pub mod tagger;
