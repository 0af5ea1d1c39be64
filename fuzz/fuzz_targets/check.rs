//! Fuzz target: any UTF-8 text is parsed, checked (default settings, each style, then every rule
//! and every built-in pack switched on) and fixed; every span a finding names must lie on character
//! boundaries inside the text, every round of fixes must change no byte outside its edits, and
//! every sentence's dependency parse must be a tree.
//!
//! Run from `fuzz/` (see the README): `RUSTC_BOOTSTRAP=1 cargo fuzz run check seeds/`.

#![no_main]

use galley::config::{Settings, Style};
use galley::diagnostic::{Diagnostic, Edit};
use galley::document::Document;
use galley::fix::{self, FixMode};
use galley::invariants::{
    document_spans, everything, finding_spans, outside_unchanged, sentence_parses,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        run(text);
    }
});

fn run(text: &str) {
    let defaults = Settings::default();
    let doc = Document::parse(text);
    document_spans(&doc);
    sentence_parses(&doc);
    let diags = galley::check_document(&doc, &defaults);
    finding_spans(text, &diags);
    // Each style the structure rules read in, whatever `auto` finds.
    for style in [Style::News, Style::Blog] {
        let settings = Settings {
            style,
            ..Settings::default()
        };
        finding_spans(text, &galley::check_document(&doc, &settings));
    }

    // Rounds of safe fixes, by hand, each checked; then the library's own loop must agree.
    let by_hand = rounds(&doc, &diags, FixMode::Safe, &defaults);
    let fixed = fix::fix_document(&doc, &diags, FixMode::Safe, |d| {
        galley::check_document(d, &defaults)
    });
    let lib_text = fixed.doc.as_ref().map_or(text, |d| d.source.as_str());
    assert_eq!(
        lib_text, by_hand.0,
        "fix_document and select/apply disagree"
    );
    assert_eq!(fixed.settled, by_hand.1);
    assert!(fixed.settled, "safe fixes did not settle");

    // Everything on: spans, and safe and unsafe fixes.
    let all = everything();
    let diags = galley::check_document(&doc, all);
    finding_spans(text, &diags);
    rounds(&doc, &diags, FixMode::Unsafe, all);
}

/// Apply rounds of fixes with `select` and `apply`, asserting the span and edit properties
/// after each; returns the final text and whether it settled.
fn rounds(doc: &Document, diags: &[Diagnostic], mode: FixMode, s: &Settings) -> (String, bool) {
    let mut text = doc.source.clone();
    let mut diags = diags.to_vec();
    for _ in 0..fix::MAX_ROUNDS {
        let chosen = fix::select(&text, &diags, mode);
        if chosen.is_empty() {
            return (text, true);
        }
        let edits: Vec<&Edit> = chosen.iter().flat_map(|(_, f)| f.edits.iter()).collect();
        let new_text = fix::apply(&text, &edits);
        outside_unchanged(&text, &edits, &new_text);
        if new_text == text {
            // `fix_document` stops here too, and counts it as not settled.
            return (text, false);
        }
        text = new_text;
        let doc = Document::parse(text.as_str());
        document_spans(&doc);
        diags = galley::check_document(&doc, s);
        finding_spans(&text, &diags);
    }
    let settled = fix::select(&text, &diags, mode).is_empty();
    (text, settled)
}
