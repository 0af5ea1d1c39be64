use std::collections::HashMap;

use super::headline::{fold, word_ranges};
use super::{Context, Rule, RuleDoc, on};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity};
use crate::document::BlockKind;

pub struct DuplicateSentence;

static DOC: RuleDoc = RuleDoc {
    id: "duplicate-sentence",
    summary: "the same body sentence written twice",
    default: on(Severity::Warning),
    flags: "A body sentence of five words or more that appears again later in the draft, \
            ignoring case, spacing and quotation-mark style. A pull quote in a block quote that \
            repeats a sentence of the text is not a duplicate, and neither is the headline \
            (the headline rules cover it).",
    why: "A sentence pasted twice is a sign of a careless merge of two versions; readers notice \
          at once.",
    example: "The library will close for repairs in June. Staff will move to the annex.\n\n\
              The library will close for repairs in June.\n",
    instead: "Keep one copy.",
    fix: "Deletes the second copy (unsafe: check which copy belongs where).",
};

impl Rule for DuplicateSentence {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let title_key = doc
            .title
            .as_ref()
            .map(|t| key(&doc.source, t.range.clone()));
        let title_block = doc.title_block();
        let mut seen: HashMap<String, (usize, std::ops::Range<usize>)> = HashMap::new();
        for s in &doc.analysis.sentences {
            let block = &doc.blocks[s.block];
            if Some(s.block) == title_block
                || !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem)
            {
                continue;
            }
            let k = key(&doc.prose, s.range.clone());
            if k.split(' ').count() < 5 || Some(&k) == title_key.as_ref() {
                continue;
            }
            match seen.get(&k) {
                Some((first_block, first)) => {
                    let first_quote = doc.blocks[*first_block].quote_depth > 0;
                    if first_quote != (block.quote_depth > 0) {
                        continue;
                    }
                    // Take the spaces after the copy, or, when it ends its line, those before.
                    let rest = &doc.source[s.range.end..];
                    let after = rest.len() - rest.trim_start_matches([' ', '\t']).len();
                    let range = if rest[after..].starts_with(['\n', '\r']) || after == rest.len() {
                        let head = &doc.source[..s.range.start];
                        let before = head.len() - head.trim_end_matches([' ', '\t']).len();
                        s.range.start - before..s.range.end + after
                    } else {
                        s.range.start..s.range.end + after
                    };
                    out.push(
                        Diagnostic::new(DOC.id, s.range.clone(), "this sentence appears twice")
                            .label(first.clone(), "first written here")
                            .fix(
                                "delete the second copy",
                                Applicability::Unsafe,
                                vec![Edit {
                                    range,
                                    replacement: String::new(),
                                }],
                            ),
                    );
                }
                None => {
                    seen.insert(k, (s.block, s.range.clone()));
                }
            }
        }
    }
}

/// A sentence's words, folded, joined by single spaces.
fn key(text: &str, range: std::ops::Range<usize>) -> String {
    let mut out = String::new();
    for (n, r) in word_ranges(text, range).enumerate() {
        if n > 0 {
            out.push(' ');
        }
        let w = &text[r];
        if w.is_ascii() {
            // Folding ASCII twice is folding it once.
            out.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(&fold(&fold(w)));
        }
    }
    out
}
