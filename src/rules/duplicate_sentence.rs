use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::BuildHasherDefault;

use super::headline::{fold, folded_hash_known, mix, word_ranges};
use super::inconsistent_spelling::WordHasher;
use super::{Context, Rule, RuleDoc, on};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity};
use crate::document::BlockKind;

pub struct DuplicateSentence;

/// Where a key was first seen: the block and the sentence's range.
type First = (usize, std::ops::Range<usize>);

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
            let (_, hash) = key_hash(&doc.source, t.range.clone());
            (k, hash)
        });
        let title_block = doc.title_block();
        let mut seen = Seen::with_capacity(doc.analysis.sentences.len());
        let mut k = String::new();
        for s in &doc.analysis.sentences {
            let block = &doc.blocks[s.block];
            // A collapsed `<details>` block recaps what is above it on purpose.
            if Some(s.block) == title_block
                || !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem)
                || block.in_details
            {
                continue;
            }
            // Keys are hashed unwritten; one is written only when its hash is the headline's
            // or an earlier sentence's, to compare.
            let (words, hash) = key_hash(&doc.prose, s.range.clone());
            if words < 5 {
                continue;
            }
            if let Some((tk, th)) = &title_key
                && *th == hash
            {
                key(&doc.prose, s.range.clone(), &mut k);
                if *tk == k {
                    continue;
                }
            }
            let found = seen.first(hash, (s.block, s.range.clone()), |r, out| {
                key(&doc.prose, r, out);
            });
            let Some((first_block, first)) = found else {
                continue;
            };
            let first_quote = doc.blocks[first_block].quote_depth > 0;
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
    }
}

/// The first sentence of each key, found by the key's hash: a sentence whose hash was seen
/// before has its key made and compared with that sentence's, made again (copies are few,
/// so keys need not be kept, and no sentence costs an allocation). A key whose hash is
/// another key's is kept by its text in `others`.
struct Seen {
    by_hash: HashMap<u64, First, BuildHasherDefault<WordHasher>>,
    others: HashMap<String, First>,
    /// The key of the sentence asked about, and of the earlier one of the same hash.
    key: String,
    earlier: String,
}

impl Seen {
    fn with_capacity(n: usize) -> Seen {
        Seen {
            by_hash: HashMap::with_capacity_and_hasher(n, Default::default()),
            others: HashMap::new(),
            key: String::new(),
            earlier: String::new(),
        }
    }

    /// Where the key of the sentence `here` (a key of hash `hash`) was first seen, if it was;
    /// else `here` is noted as its first place. `key_of(range, out)` writes the key of the
    /// sentence at `range`.
    fn first(
        &mut self,
        hash: u64,
        here: First,
        mut key_of: impl FnMut(std::ops::Range<usize>, &mut String),
    ) -> Option<First> {
        match self.by_hash.entry(hash) {
            Entry::Vacant(v) => {
                v.insert(here);
                None
            }
            Entry::Occupied(o) => {
                key_of(here.1.clone(), &mut self.key);
                key_of(o.get().1.clone(), &mut self.earlier);
                if self.key == self.earlier {
                    Some(o.get().clone())
                } else if let Some(f) = self.others.get(&self.key) {
                    Some(f.clone())
                } else {
                    self.others.insert(self.key.clone(), here);
                    None
                }
            }
        }
    }
}

/// The word count of the key [`key`] writes, and a hash of it, without writing it: the
/// words' [`folded_hash`](super::headline::folded_hash)es mixed in order (the key's space-separated parts are the words
/// folded twice, so equal keys hash alike).
fn key_hash(text: &str, range: std::ops::Range<usize>) -> (usize, u64) {
    let mut words = 0;
    let mut hash = 0;
    let mut ranges = word_ranges(text, range);
    while let Some(r) = ranges.next() {
        words += 1;
        hash = mix(hash, folded_hash_known(text, r, ranges.last_ascii()));
    }
    (words, hash)
}

/// A sentence's words, folded, joined by single spaces, written into `out`; returns how many
/// words there are (words hold no spaces, so this is the key's count of space-separated
/// parts). The words are those of [`word_ranges`], each folded twice (folding once can leave
/// a character that folds again). Only the headline and sentences whose [`key_hash`] was seen
/// before are written out, so this need not be fast.
fn key(text: &str, range: std::ops::Range<usize>, out: &mut String) -> usize {
    out.clear();
    let mut words = 0;
    for r in word_ranges(text, range) {
        if words > 0 {
            out.push(' ');
        }
        words += 1;
        out.push_str(&fold(&fold(&text[r])));
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::headline::hash_of_folded;

    #[test]
    fn seen_finds_the_first_of_each_key_whatever_the_hashes() {
        let keys = ["a", "b", "a", "c", "b", "b", "d", "c", "a"];
        // All hashes equal (every key collides), all distinct by key, and mixed.
        let hashes: [fn(&str) -> u64; 3] = [
            |_| 7,
            |k| u64::from(k.as_bytes()[0]),
            |k| u64::from(k.as_bytes()[0] % 2),
        ];
        for hash in hashes {
            let mut seen = Seen::with_capacity(0);
            let mut plain: HashMap<&str, First> = HashMap::new();
            for (i, k) in keys.iter().enumerate() {
                let got = seen.first(hash(k), (i, i..i + 1), |r, out| {
                    out.clear();
                    out.push_str(keys[r.start]);
                });
                let want = plain.get(k).cloned();
                plain.entry(k).or_insert((i, i..i + 1));
                assert_eq!(got, want, "{k} at {i}");
            }
        }
    }

    #[test]
    fn the_unwritten_key_hash_is_the_hash_of_the_key() {
        let long = "Supercalifragilistic".repeat(40);
        for t in [
            "",
            " ",
            "The council's plan -- approved 7-2 -- was co-signed by Dr. Ruiz.",
            "x.y. .a 'b' c'd e- -f g--h 1.5 5. U.S.-based A'-b",
            "  Spaces   and\ttabs\nand lines  ",
            "The mayor’s plan—approved in 2024—was co-signed. “Quoted” ‘single’ rock’n’roll ’90s",
            "Ærøskøbing CAFÉ naïve ΣΊΣΥΦΟΣ Σίσυφος 東京 ①② x\u{301}y İstanbul ǅemal ẞ \u{212A}elvin",
            "end.’ ’start '' -- .. x’’y x-’y x’ É’É É-é É.1 1’a",
            "tab\tnew\nline\u{a0}nbsp\u{2009}thin",
            long.as_str(),
        ] {
            let mut got = String::new();
            let n = key(t, 0..t.len(), &mut got);
            // The hash read without writing the key is that of its parts.
            let parts = got
                .split(' ')
                .filter(|p| !p.is_empty())
                .fold(0, |h, p| mix(h, hash_of_folded(p)));
            assert_eq!(key_hash(t, 0..t.len()), (n, parts), "{t:?}");
        }
    }
}
