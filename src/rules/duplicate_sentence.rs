use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::headline::{fold, word_ranges};
use super::inconsistent_spelling::WordHasher;
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
        let title_key = doc.title.as_ref().map(|t| {
            let mut k = String::new();
            key(&doc.source, t.range.clone(), &mut k);
            k
        });
        let title_block = doc.title_block();
        // Keys of the sentences seen so far; only a new key is copied into the map.
        let mut seen: HashMap<
            String,
            (usize, std::ops::Range<usize>),
            BuildHasherDefault<WordHasher>,
        > = HashMap::with_capacity_and_hasher(doc.analysis.sentences.len(), Default::default());
        let mut k = String::new();
        for s in &doc.analysis.sentences {
            let block = &doc.blocks[s.block];
            if Some(s.block) == title_block
                || !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem)
            {
                continue;
            }
            if key(&doc.prose, s.range.clone(), &mut k) < 5 || title_key.as_deref() == Some(&k) {
                continue;
            }
            match seen.get(k.as_str()) {
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
                    seen.insert(k.clone(), (s.block, s.range.clone()));
                }
            }
        }
    }
}

/// A sentence's words, folded, joined by single spaces, written into `out`; returns how many
/// words there are (words hold no spaces, so this is the key's count of space-separated
/// parts).
fn key(text: &str, range: std::ops::Range<usize>, out: &mut String) -> usize {
    if text[range.clone()].is_ascii() {
        return ascii_key(text[range].as_bytes(), out);
    }
    out.clear();
    let mut words = 0;
    for (n, r) in word_ranges(text, range).enumerate() {
        words = n + 1;
        if n > 0 {
            out.push(' ');
        }
        let w = &text[r];
        if w.is_ascii() {
            // Folding ASCII twice is folding it once.
            let at = out.len();
            out.push_str(w);
            out[at..].make_ascii_lowercase();
        } else {
            out.push_str(&fold(&fold(w)));
        }
    }
    words
}

/// [`key`] of an ASCII sentence in one pass over its bytes: a word is a run of letters and
/// digits, with `'`, `-` or `.` inside it when a letter or digit follows (as
/// [`word_ranges`] reads it).
fn ascii_key(b: &[u8], out: &mut String) -> usize {
    out.clear();
    out.reserve(b.len());
    let mut words = 0;
    let mut in_word = false;
    for (i, &c) in b.iter().enumerate() {
        if c.is_ascii_alphanumeric() {
            if !in_word {
                if words > 0 {
                    out.push(' ');
                }
                words += 1;
                in_word = true;
            }
            out.push(char::from(c.to_ascii_lowercase()));
        } else if in_word
            && matches!(c, b'\'' | b'-' | b'.')
            && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
        {
            out.push(char::from(c));
        } else {
            in_word = false;
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_key_is_the_key() {
        for t in [
            "",
            "The council's plan -- approved 7-2 -- was co-signed by Dr. Ruiz.",
            "x.y. .a 'b' c'd e- -f g--h 1.5 5. U.S.-based A'-b",
            "  Spaces   and\ttabs\nand lines  ",
        ] {
            let mut general = String::new();
            let n = {
                general.clear();
                let mut words = 0;
                for (i, r) in word_ranges(t, 0..t.len()).enumerate() {
                    words = i + 1;
                    if i > 0 {
                        general.push(' ');
                    }
                    general.push_str(&fold(&t[r]));
                }
                words
            };
            let mut fast = String::new();
            assert_eq!(ascii_key(t.as_bytes(), &mut fast), n, "{t:?}");
            assert_eq!(fast, general, "{t:?}");
        }
    }
}
