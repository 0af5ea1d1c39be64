//! Fuzz target: any UTF-8 text is parsed, checked (default settings, then every rule and every
//! built-in pack switched on) and fixed; every span a finding names must lie on character
//! boundaries inside the text, and every round of fixes must change no byte outside its edits.
//!
//! Run from `fuzz/` (see the README): `RUSTC_BOOTSTRAP=1 cargo fuzz run check seeds/`.

#![no_main]

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::OnceLock;

use galley::config::{Level, Settings};
use galley::diagnostic::{Diagnostic, Edit, Severity};
use galley::document::Document;
use galley::fix::{self, FixMode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        run(text);
    }
});

/// Every built-in rule and every built-in pack on, at warning level.
fn everything() -> &'static Settings {
    static ALL: OnceLock<Settings> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut levels: HashMap<String, Level> = galley::rules::ids()
            .map(|id| (id.to_string(), Level::On(Severity::Warning)))
            .collect();
        let packs = galley::packs::builtin_packs();
        for p in &packs {
            levels.insert(format!("{p}/*"), Level::On(Severity::Warning));
        }
        Settings {
            levels,
            packs: packs
                .iter()
                .map(|p| PathBuf::from(format!("builtin:{p}")))
                .collect(),
            ..Settings::default()
        }
    })
}

fn run(text: &str) {
    let defaults = Settings::default();
    let doc = Document::parse(text);
    document_spans(&doc);
    let diags = galley::check_document(&doc, &defaults);
    spans(text, &diags);

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
    spans(text, &diags);
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
        spans(&text, &diags);
    }
    let settled = fix::select(&text, &diags, mode).is_empty();
    (text, settled)
}

fn span(text: &str, r: &Range<usize>, what: &str) {
    assert!(
        r.start <= r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end),
        "{what} {r:?} off a char boundary or outside a text of {} bytes",
        text.len()
    );
}

/// Every span a finding names: primary, labels, every edit of every fix.
fn spans(text: &str, diags: &[Diagnostic]) {
    for d in diags {
        span(text, &d.range, &format!("[{}] primary", d.rule));
        for l in &d.labels {
            span(text, &l.range, &format!("[{}] label", d.rule));
        }
        for f in &d.fixes {
            for e in &f.edits {
                span(
                    text,
                    &e.range,
                    &format!("[{}] edit of '{}'", d.rule, f.title),
                );
            }
        }
    }
}

/// The document's own ranges: blocks, runs, comments, title, sentences, tokens.
fn document_spans(doc: &Document) {
    let text = doc.source.as_str();
    assert_eq!(doc.prose.len(), text.len(), "prose view changes length");
    for b in &doc.blocks {
        span(text, &b.range, "block");
        span(text, &b.outer, "block outer");
        for r in &b.runs {
            span(text, r, "run");
        }
    }
    for c in &doc.comments {
        span(text, &c.range, "comment");
        span(text, &c.body, "comment body");
    }
    if let Some(t) = &doc.title {
        span(text, &t.range, "title");
    }
    for s in &doc.analysis.sentences {
        span(text, &s.range, "sentence");
        assert!(s.block < doc.blocks.len());
        assert!(s.tokens.end <= doc.analysis.tokens.len());
    }
    for t in &doc.analysis.tokens {
        span(text, &(t.start..t.end), "token");
    }
}

/// The edited text is the original with each edit's range replaced, and nothing else: every
/// byte between edits is copied as it was, in order.
fn outside_unchanged(old: &str, edits: &[&Edit], new: &str) {
    let mut sorted: Vec<&Edit> = edits.to_vec();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    for w in sorted.windows(2) {
        assert!(
            w[0].range.end <= w[1].range.start,
            "overlapping edits chosen: {:?} and {:?}",
            w[0].range,
            w[1].range
        );
        assert!(
            !(w[0].range.is_empty()
                && w[1].range.is_empty()
                && w[0].range.start == w[1].range.start),
            "two insertions at one point chosen"
        );
    }
    let (old_b, new_b) = (old.as_bytes(), new.as_bytes());
    let (mut at_old, mut at_new) = (0usize, 0usize);
    for e in &sorted {
        let keep = e.range.start - at_old;
        assert_eq!(
            &old_b[at_old..e.range.start],
            &new_b[at_new..at_new + keep],
            "bytes before edit {:?} changed",
            e.range
        );
        at_new += keep;
        let rep = e.replacement.as_bytes();
        assert_eq!(&new_b[at_new..at_new + rep.len()], rep);
        at_new += rep.len();
        at_old = e.range.end;
    }
    assert_eq!(
        &old_b[at_old..],
        &new_b[at_new..],
        "bytes after the last edit changed"
    );
    assert!(std::str::from_utf8(new_b).is_ok());
}
