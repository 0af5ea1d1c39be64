//! Tests of the clause analysis: word keys and lists, quotation marks, participles and
//! loading a sentence with given tags.

use super::*;
use crate::language::lexicon::{self, Classes};
use crate::language::tagger::Xpos;
use crate::text::tokens::tokenize;

#[test]
fn fast_keys_are_keys() {
    for w in [
        "",
        "a",
        "The",
        "THAT",
        "n't",
        "don’t",
        "Don’t",
        "@[`{",
        "AZaz09",
        "fifteen-letters",
        "sixteen-letters!",
        "naïve",
        "éA",
        "x\u{7f}Y",
    ] {
        assert_eq!(key_fast(w), key(w), "{w}");
    }
    // Every length.
    let long = "AbCdEfGhIjKlMnOpQ";
    for n in 0..=long.len() {
        assert_eq!(key_fast(&long[..n]), key(&long[..n]), "{n}");
    }
    // Every ASCII byte, in every position.
    for b in 0u8..0x80 {
        let w = String::from_utf8(vec![b'q', b, b'Z', b]).unwrap();
        assert_eq!(key_fast(&w), key(&w), "{b}");
    }
}

#[test]
fn keys_decide_eq_word() {
    for (w, x) in [
        ("That", "that"),
        ("don’t", "don't"),
        ("than", "that"),
        ("N’T", "n't"),
    ] {
        assert_eq!(key(w) == key(x), eq_word(w, x), "{w} {x}");
    }
}

#[test]
fn word_lists_find_exactly_their_words() {
    let lists = [
        FINITE_AUX,
        MODALS,
        SUBORDINATORS,
        CONNECTIVES,
        REPORTING_VERBS,
    ];
    let sets = [
        FINITE_AUX_K,
        MODALS_K,
        SUBORDINATORS_K,
        CONNECTIVES_K,
        REPORTING_VERBS_K,
    ];
    for (list, set) in lists.iter().zip(sets) {
        for w in lists.iter().flat_map(|l| l.iter()) {
            let upper = w.to_uppercase();
            for v in [*w, upper.as_str()] {
                assert_eq!(set.contains(key(v)), any_word(v, list), "{v}");
            }
        }
        for v in ["", "the", "a", "quickly", "thatt", "wa", "hadn’t"] {
            assert_eq!(set.contains(key(v)), any_word(v, list), "{v}");
        }
    }
}

#[test]
fn words_compare_without_case_and_with_either_apostrophe() {
    assert!(eq_word("That", "that"));
    assert!(eq_word("don’t", "don't"));
    assert!(!eq_word("than", "that"));
}

#[test]
fn participles_of_common_verbs_only() {
    let c = |w: &str| lexicon::classes_folded(w);
    assert!(participle_capable("visited", c("visited")));
    assert!(participle_capable("found", c("found")));
    assert!(!participle_capable("went", c("went")));
    assert!(!participle_capable("took", c("took")));
}

/// The class gate in `may_be_subjectless` turns away no word of its lists, in any case.
#[test]
fn verbish_words_have_verb_classes() {
    let gate = Classes::AUX | Classes::MODAL | Classes::VERB_3SG | Classes::VERB_PAST;
    for w in BE_HAVE_FIRST.iter().chain(&["does", "did"]).chain(MODALS) {
        let upper = w.to_uppercase();
        let title = format!("{}{}", &upper[..1], &w[1..]);
        let mixed = format!("{}{}", &w[..1], &upper[1..]);
        for v in [*w, upper.as_str(), title.as_str(), mixed.as_str()] {
            assert!(lexicon::classes_folded(v).intersects(gate), "{v}");
        }
    }
}

/// `has_quote_in` against the analysis it stands in for.
#[test]
fn quotes_found_without_the_analysis() {
    for text in [
        "",
        "He said \"no\" twice.",
        "\u{201c}Yes,\u{201d} she said.",
        "It\u{2019}s \u{2018}fine\u{2019} now.",
        "The \"plan\" failed.\"",
        "A closing\" mark alone.",
        "Quoted \u{ab}words\u{bb} here.",
        "x'y 'z' (\"a\") \u{2014}\"b\"",
        "Na\u{ef}ve caf\u{e9} \"\u{fc}ber\".",
        "No quotes at all in this one.",
    ] {
        let toks = tokenize(text, 0..text.len());
        for open in [false, true] {
            let mut s = Sent::new();
            s.load_pos(text, &toks, &vec![Pos::Other; toks.len()], open);
            assert_eq!(
                has_quote_in(text, &toks, open),
                s.has_quote(),
                "{text} {open}"
            );
            assert_eq!(
                first_quoted_in(text, &toks, open),
                s.quoted(0),
                "{text} {open}"
            );
        }
    }
}

#[test]
fn quotation_state_carries_across_sentences() {
    let text = "\u{201c}We will win. Ask anyone.\u{201d} She left.";
    let toks = tokenize(text, 0..text.len());
    assert!(quote_open_after(text, &toks[..4], false));
    assert!(!quote_open_after(text, &toks, false));
}

#[test]
fn clause_analysis_with_given_tags() {
    let text = "Because the road had flooded twice.";
    let toks = tokenize(text, 0..text.len());
    let pos: Vec<Pos> = ["IN", "DT", "NN", "VBD", "VBN", "RB", "."]
        .iter()
        .map(|t| Pos::of_xpos(Xpos::parse(t).unwrap()))
        .collect();
    let mut s = Sent::new();
    s.load_pos(text, &toks, &pos, false);
    assert_eq!(s.groups().len(), 1);
    assert!(s.groups()[0].introduced);
    assert!(s.main_groups().next().is_none());
    assert!(s.subjectless().is_none());
}
