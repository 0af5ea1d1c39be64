//! The invariants every input must keep, as assertions, shared by the property tests
//! (`tests/integration/properties.rs`) and the fuzz target (`fuzz/`): every range a document holds and
//! every span a finding names lies on character boundaries inside the text, and applying a
//! set of fixes changes no byte outside their edits. Not for use outside tests: each check
//! panics on failure.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::OnceLock;

use crate::diagnostic::{Diagnostic, Edit, Severity};
use crate::document::Document;
use crate::settings::{Level, Settings};

/// Every built-in rule and every built-in pack on, at warning level.
pub fn everything() -> &'static Settings {
    static ALL: OnceLock<Settings> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut levels: HashMap<String, Level> = crate::registry::builtin_ids()
            .map(|id| (id.to_string(), Level::On(Severity::Warning)))
            .collect();
        let packs = crate::packs::builtin_packs();
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

fn span(text: &str, r: &Range<usize>, what: &str) {
    assert!(
        r.start <= r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end),
        "{what} {r:?} is off a char boundary or outside a text of {} bytes",
        text.len()
    );
}

/// The document's own ranges: blocks, prose runs, comments, title, sentences, tokens.
pub fn document_spans(doc: &Document) {
    let text = doc.source.as_str();
    assert_eq!(doc.prose.len(), text.len(), "the prose view changed length");
    for b in &doc.blocks {
        span(text, &b.range, "block");
        span(text, &b.outer, "block outer range");
        for r in &b.runs {
            span(text, r, "prose run");
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
        assert!(s.block < doc.blocks.len(), "sentence of no block");
        assert!(s.tokens.end <= doc.analysis.tokens.len());
    }
    for t in &doc.analysis.tokens {
        span(text, &(t.start..t.end), "token");
    }
}

/// The dependency parse of every sentence is a tree over its tokens: one arc per token,
/// exactly one token hanging from the root, every head a token of the sentence, no cycle.
pub fn sentence_parses(doc: &Document) {
    let a = &doc.analysis;
    for (i, s) in a.sentences.iter().enumerate() {
        let parse = a.sentence_parse(&doc.prose, i);
        assert_eq!(
            parse.arcs.len(),
            s.tokens.len(),
            "sentence {i}: {} arcs for {} tokens",
            parse.arcs.len(),
            s.tokens.len()
        );
        arcs_form_a_tree(&parse.arcs);
    }
}

/// `arcs` (heads counted from 1, 0 for the root) form one tree; nothing for no arcs.
pub fn arcs_form_a_tree(arcs: &[crate::language::parser::Arc]) {
    if arcs.is_empty() {
        return;
    }
    let heads: Vec<u16> = arcs.iter().map(|a| a.head).collect();
    assert!(
        crate::language::parser::train::is_tree(&heads),
        "not a tree: heads {heads:?}"
    );
    let roots: Vec<_> = arcs
        .iter()
        .filter(|a| a.head == 0)
        .map(|a| a.deprel)
        .collect();
    assert_eq!(
        roots,
        [crate::language::parser::Deprel::Root],
        "the root's relation"
    );
}

/// Every span a finding names: primary, labels, each edit of each fix.
pub fn finding_spans(text: &str, diags: &[Diagnostic]) {
    for d in diags {
        span(text, &d.range, &format!("[{}] primary span", d.rule));
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

/// The edited text is the old one with each edit's range replaced and every other byte
/// copied as it was, in order; the chosen edits do not overlap.
pub fn outside_unchanged(old: &str, edits: &[&Edit], new: &str) {
    let mut sorted = edits.to_vec();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    for w in sorted.windows(2) {
        assert!(
            w[0].range.end <= w[1].range.start
                && !(w[0].range.is_empty() && w[1].range == w[0].range),
            "conflicting edits chosen: {:?} and {:?}",
            w[0].range,
            w[1].range
        );
    }
    let (ob, nb) = (old.as_bytes(), new.as_bytes());
    let (mut o, mut n) = (0, 0);
    for e in &sorted {
        let keep = e.range.start - o;
        assert_eq!(
            &ob[o..e.range.start],
            &nb[n..n + keep],
            "bytes before the edit at {:?} changed",
            e.range
        );
        n += keep;
        let rep = e.replacement.as_bytes();
        assert_eq!(&nb[n..n + rep.len()], rep, "replacement not where expected");
        n += rep.len();
        o = e.range.end;
    }
    assert_eq!(&ob[o..], &nb[n..], "bytes after the last edit changed");
}
