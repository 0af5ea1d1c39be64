//! What the headline rules share: the headline's words, compared without case or quote style.

use crate::text::scan::{HI, LO, ascii_alnum_mask};
use std::ops::Range;

/// A word of running text: its byte range and its folded form.
#[derive(Clone, Debug)]
pub struct Word {
    pub range: Range<usize>,
    pub folded: String,
}

/// Words (letters and digits with inner apostrophes, hyphens and dots) in `text[range]`,
/// folded to lower case with curly apostrophes made straight.
pub fn words(text: &str, range: Range<usize>) -> Vec<Word> {
    word_ranges(text, range)
        .map(|r| Word {
            folded: fold(&text[r.clone()]),
            range: r,
        })
        .collect()
}

/// The byte ranges of the words [`words`] finds, without folding them.
pub fn word_ranges(text: &str, range: Range<usize>) -> WordRanges<'_> {
    WordRanges {
        slice: &text[range.clone()],
        base: range.start,
        pos: 0,
        ascii: true,
    }
}

/// Iterator of [`word_ranges`]: a word is a run of alphanumeric characters, with `'`, `’`,
/// `-` and `.` inside it when an alphanumeric character follows them. Reads bytes, decoding
/// only non-ASCII characters.
pub struct WordRanges<'a> {
    slice: &'a str,
    base: usize,
    /// Where the next word is looked for.
    pos: usize,
    /// Whether the word last returned is all ASCII.
    ascii: bool,
}

impl WordRanges<'_> {
    /// Whether the word last returned is all ASCII (its bytes were read, so this costs
    /// nothing).
    pub fn last_ascii(&self) -> bool {
        self.ascii
    }

    /// The character at byte `i` (a char boundary inside the slice) and its length.
    #[inline]
    fn char_at(&self, i: usize) -> (char, usize) {
        let b = self.slice.as_bytes()[i];
        if b < 0x80 {
            return (char::from(b), 1);
        }
        let c = self.slice[i..].chars().next().unwrap_or('\0');
        (c, c.len_utf8())
    }

    #[inline]
    fn alnum_at(&self, i: usize) -> bool {
        match self.slice.as_bytes().get(i) {
            None => false,
            Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
            Some(_) => self.char_at(i).0.is_alphanumeric(),
        }
    }
}

/// Per byte: is it an ASCII letter or digit? (A table read is cheaper than the range tests.)
static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The end of the run of ASCII letters and digits from byte `i` on, read 8 bytes at a time.
#[inline]
fn ascii_alnum_run(bytes: &[u8], mut i: usize) -> usize {
    while let Some(c) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let stop = !ascii_alnum_mask(u64::from_le_bytes(*c)) & HI;
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && ASCII_ALNUM[usize::from(bytes[i])] {
        i += 1;
    }
    i
}

impl Iterator for WordRanges<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let len = self.slice.len();
        let bytes = self.slice.as_bytes();
        // Skip to the first alphanumeric character: a word starts with one.
        let mut i = self.pos;
        loop {
            if i >= len {
                self.pos = len;
                return None;
            }
            if ASCII_ALNUM[usize::from(bytes[i])] {
                break;
            }
            if bytes[i].is_ascii() {
                i += 1;
            } else {
                let (c, n) = self.char_at(i);
                if c.is_alphanumeric() {
                    break;
                }
                i += n;
            }
        }
        let start = i;
        self.ascii = true;
        // Extend over alphanumerics and inner marks followed by one.
        loop {
            i = ascii_alnum_run(bytes, i);
            if i >= len {
                break;
            }
            let b = bytes[i];
            // Not an ASCII letter or digit: an ASCII byte goes on the word only as an inner
            // mark; another character as an alphanumeric or an inner `’`.
            let n = if b.is_ascii() {
                if matches!(b, b'\'' | b'-' | b'.') && self.alnum_at(i + 1) {
                    i += 1;
                    continue;
                }
                1
            } else {
                let (c, n) = self.char_at(i);
                if c.is_alphanumeric() || (c == '’' && self.alnum_at(i + n)) {
                    self.ascii = false;
                    i += n;
                    continue;
                }
                n
            };
            // The character ending the word starts no word either.
            self.pos = i + n;
            return Some(self.base + start..self.base + i);
        }
        self.pos = len;
        Some(self.base + start..self.base + len)
    }
}

/// Lower case, straight apostrophes.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' { '\'' } else { c })
        .collect()
}

/// `fold(raw) == folded`, without building the folded text.
pub fn eq_folded(raw: &str, folded: &str) -> bool {
    if raw.is_ascii() {
        return raw.len() == folded.len()
            && raw
                .bytes()
                .map(|b| b.to_ascii_lowercase())
                .eq(folded.bytes());
    }
    raw.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' { '\'' } else { c })
        .eq(folded.chars())
}

/// Finds a word of running text that folds to a given word: [`word_ranges`] and
/// [`eq_folded`], without reading the text word by word when it can.
pub struct WordFinder<'a> {
    folded: &'a str,
    /// The word is ASCII letters and digits, with `-` or `.` between them: only ASCII text
    /// folds to it (of the other characters only the Kelvin sign folds to ASCII, to `k`, and
    /// `’`, to `'`), so a match is its bytes, in any case; when the word has a `k`, only in
    /// text without the Kelvin sign.
    ascii: bool,
    has_k: bool,
}

impl<'a> WordFinder<'a> {
    pub fn new(folded: &'a str) -> WordFinder<'a> {
        let b = folded.as_bytes();
        let ascii = b.first().is_some_and(u8::is_ascii_alphanumeric)
            && b.iter().enumerate().all(|(i, &c)| {
                c.is_ascii_alphanumeric()
                    || (matches!(c, b'-' | b'.')
                        && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric))
            });
        let has_k = b.iter().any(|c| c.eq_ignore_ascii_case(&b'k'));
        WordFinder {
            folded,
            ascii,
            has_k,
        }
    }

    /// The folded word's length in bytes.
    pub fn word_len(&self) -> usize {
        self.folded.len()
    }

    /// Is some word of `text[range]` the word, folded?
    pub fn in_text(&self, text: &str, range: Range<usize>) -> bool {
        let slice = &text[range.clone()];
        if !self.ascii || (self.has_k && slice.contains('\u{212A}')) {
            return word_ranges(text, range).any(|r| eq_folded(&text[r], self.folded));
        }
        let hay = slice.as_bytes();
        let needle = self.folded.as_bytes();
        let n = needle.len();
        if hay.len() < n {
            return false;
        }
        // Setting bit 0x20 lower-cases an ASCII letter and keeps a digit: a byte that could
        // start the word has `first` so. (Some control bytes do too; the full comparison
        // rules them out.)
        let first = needle[0] | 0x20;
        let is_at = |p: usize| {
            hay[p..p + n].eq_ignore_ascii_case(needle)
                && starts_word(slice, p)
                && ends_word(slice, p + n)
        };
        let mut p = 0;
        // Eight bytes at a time: the bytes that OR 0x20 make `first` are the zero bytes of
        // `v` (a byte's high bit set in `zero` exactly when all its bits are clear in `v`).
        while p + n <= hay.len()
            && let Some(c) = hay[p..].first_chunk::<8>()
        {
            let v = (u64::from_le_bytes(*c) | (LO * 0x20)) ^ (LO * u64::from(first));
            let mut zero = !(((v & !HI) + !HI) | v) & HI;
            while zero != 0 {
                let q = p + (zero.trailing_zeros() / 8) as usize;
                if q + n <= hay.len() && is_at(q) {
                    return true;
                }
                zero &= zero - 1;
            }
            p += 8;
        }
        while p + n <= hay.len() {
            if hay[p] | 0x20 == first && is_at(p) {
                return true;
            }
            p += 1;
        }
        false
    }
}

/// Is `c` a mark that stays inside a word when a letter or digit follows it?
fn inner_mark(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.')
}

/// Does a word of [`word_ranges`] start at byte `p` of `s`, an alphanumeric character?
/// It does unless the character before is alphanumeric, or is an inner mark after an
/// alphanumeric one (then the word before runs on through it).
fn starts_word(s: &str, p: usize) -> bool {
    let mut before = s[..p].chars().rev();
    match before.next() {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some(c) => !(inner_mark(c) && before.next().is_some_and(char::is_alphanumeric)),
    }
}

/// Does the word of [`word_ranges`] running up to byte `q` of `s` end there? It does unless
/// the next character is alphanumeric, or an inner mark with an alphanumeric one after it.
fn ends_word(s: &str, q: usize) -> bool {
    let mut after = s[q..].chars();
    match after.next() {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some(c) => !(inner_mark(c) && after.next().is_some_and(char::is_alphanumeric)),
    }
}

/// Length of the longest common subsequence of two word lists.
pub fn lcs(a: &[Word], b: &[Word]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    for x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x.folded == y.folded {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        prev = cur;
    }
    prev[b.len()]
}

/// How many leading words of `title` the words from `at` on repeat.
pub fn leading_run(title: &[Word], words: &[Word], at: usize) -> usize {
    title
        .iter()
        .zip(&words[at..])
        .take_while(|(t, w)| t.folded == w.folded)
        .count()
}

/// The headline's words, when there is a headline worth comparing (three words or more).
pub fn title_words(doc: &crate::document::Document) -> Option<Vec<Word>> {
    let t = doc.title.as_ref()?;
    let w = words(&doc.source, t.range.clone());
    (w.len() >= 3).then_some(w)
}

/// The length from which a headline reads as a sentence of news even when the tagger finds
/// no verb in it: names and topic labels are short.
pub const LONG_TITLE: usize = 8;

/// For each word of the headline, whether it is a verb there: the headline is read by the
/// tagger in lower case, but for names (title case would make every word a proper noun). A verb makes the
/// headline a clause, a sentence of news ("Council Approves Budget"), rather than the name of
/// a thing ("The Harbour Regatta") or a topic label; an "-ing" form counts unless a noun
/// follows it ("working group"). A long headline in which no verb is found (the tagger reads
/// some verbs of lower-cased headlines as nouns: "federation sign pact") is read as a
/// clause throughout: every word counts.
pub fn title_verbs(doc: &crate::document::Document, title: &[Word]) -> Vec<bool> {
    let verbs = tagged_verbs(doc, title);
    if title.len() >= LONG_TITLE && !verbs.contains(&true) {
        return vec![true; title.len()];
    }
    verbs
}

fn tagged_verbs(doc: &crate::document::Document, title: &[Word]) -> Vec<bool> {
    use crate::language::tagger::{self, Xpos};
    let Some(t) = doc.title.as_ref() else {
        return vec![false; title.len()];
    };
    // Words the lexicon knows are lowered; names it does not know keep their capitals (an
    // unknown lower-case word first would read as a command). ASCII capitals lowered keep
    // every byte offset.
    let mut lower = doc.source[t.range.clone()].to_string();
    for w in title {
        let r = w.range.start - t.range.start..w.range.end - t.range.start;
        if lower[r.clone()].is_ascii() && crate::language::lexicon::is_word(&w.folded) {
            lower[r].make_ascii_lowercase();
        }
    }
    let toks = crate::text::tokens::tokenize(&lower, 0..lower.len());
    let texts: Vec<&str> = toks.iter().map(|k| k.text(&lower)).collect();
    let tags = tagger::tag(&texts);
    let verb: Vec<bool> = tags
        .iter()
        .enumerate()
        .map(|(i, g)| match g.xpos {
            Xpos::Vb | Xpos::Vbd | Xpos::Vbn | Xpos::Vbp | Xpos::Vbz | Xpos::Md => true,
            Xpos::Vbg => !tags.get(i + 1).is_some_and(|n| n.xpos.is_noun()),
            _ => false,
        })
        .collect();
    title
        .iter()
        .map(|w| {
            let (a, b) = (w.range.start - t.range.start, w.range.end - t.range.start);
            toks.iter()
                .zip(&verb)
                .any(|(k, &v)| v && k.start < b && k.end > a)
        })
        .collect()
}

/// Whether a body block is the headline again: all of it, or, for a heading, most of it or
/// a leading piece of four words or more. A paragraph must hold the headline's words and no
/// others: a sentence that says most of it in words of its own is a lede restating it.
pub fn repeats_title(title: &[Word], block: &[Word], heading: bool) -> Option<&'static str> {
    if block.is_empty() {
        return None;
    }
    let same = block.len() == title.len() && leading_run(title, block, 0) == title.len();
    if same {
        return Some("the headline");
    }
    if !heading {
        return None;
    }
    if block.len() < title.len() && leading_run(title, block, 0) == block.len() && block.len() >= 4
    {
        return Some("a leading piece of the headline");
    }
    if block.len() <= title.len() + 2
        && title.len() >= 4
        && lcs(title, block) * 5 >= title.len() * 4
    {
        return Some("most of the headline");
    }
    None
}

/// [`repeats_title`] for the words of `text[range]`; a block with more words than the
/// headline could be repeated in is ruled out before any word is folded, and so is one with
/// too few of the headline's words (told by `hashes`, made from `title`).
pub fn block_repeats_title(
    title: &[Word],
    hashes: &TitleHashes,
    text: &str,
    range: Range<usize>,
    heading: bool,
) -> Option<&'static str> {
    if word_ranges(text, range.clone())
        .nth(title.len() + 2)
        .is_some()
    {
        return None;
    }
    if !hashes.may_repeat(title.len(), text, range.clone(), heading) {
        return None;
    }
    repeats_title(title, &words(text, range), heading)
}

/// The hashes ([`folded_hash`]) of the headline's words, to count without folding them how
/// many words of a block may be headline words.
pub struct TitleHashes {
    hashes: Vec<u64>,
}

impl TitleHashes {
    /// `title` are the words of `source`.
    pub fn new(title: &[Word], source: &str) -> TitleHashes {
        TitleHashes {
            hashes: title
                .iter()
                .map(|w| folded_hash(source, w.range.clone()))
                .collect(),
        }
    }

    /// Could [`repeats_title`] find the headline (of `title_len` words) in the words of
    /// `text[range]`, at most `title_len + 2` of them? Each of its findings needs enough words
    /// of the block to be headline words: all of them (the headline, or a leading piece of it
    /// in a heading), or, in a heading, four fifths of the headline's count (most of it: the
    /// common subsequence is made of headline words). Words that fold alike hash alike, so `hits`
    /// counts every headline word (and, at worst, a few others).
    fn may_repeat(&self, title_len: usize, text: &str, range: Range<usize>, heading: bool) -> bool {
        let mut n = 0;
        let mut hits = 0;
        for r in word_ranges(text, range) {
            n += 1;
            hits += usize::from(self.hashes.contains(&folded_hash(text, r)));
        }
        (n > 0 && hits == n && (heading || n == title_len))
            || (heading && title_len >= 4 && hits * 5 >= title_len * 4)
    }
}

/// A hash of `fold(fold(word))` for the word `text[range]` (folding twice, as the
/// duplicate-sentence key does; words that fold alike also fold twice alike): an ASCII word
/// is hashed from its bytes, OR-ed with 0x20 (which lower-cases a letter and keeps a digit,
/// `'`, `-` and `.`), so nothing is written; another is folded first.
pub fn folded_hash(text: &str, range: Range<usize>) -> u64 {
    let ascii = text[range.clone()].is_ascii();
    folded_hash_known(text, range, ascii)
}

/// [`folded_hash`] of a word known to be all ASCII or not (`ascii`).
pub fn folded_hash_known(text: &str, range: Range<usize>, ascii: bool) -> u64 {
    let w = &text[range.clone()];
    if ascii {
        return hash_bytes(text.as_bytes(), range.start, w.len(), 0x20);
    }
    let folded = fold(&fold(w));
    hash_bytes(folded.as_bytes(), 0, folded.len(), 0)
}

/// The plain reading of [`folded_hash`]: the hash of a folded word's bytes.
#[cfg(test)]
pub fn hash_of_folded(folded: &str) -> u64 {
    hash_bytes(folded.as_bytes(), 0, folded.len(), 0)
}

/// FxHash-style mixing of one more 8-byte piece into `h`.
#[inline]
pub fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// Hash of `buf[at..at + n]` with each byte OR-ed with `or`, read 8 bytes at a time (the last
/// piece may read bytes past the end of the range, then masked off; the length is mixed in
/// with it, so any text hashes as the same bytes would).
#[inline]
fn hash_bytes(buf: &[u8], at: usize, n: usize, or: u8) -> u64 {
    let or8 = u64::from_ne_bytes([or; 8]);
    let mut h = 0;
    let mut i = 0;
    while i + 8 <= n {
        if let Some(c) = buf[at + i..].first_chunk::<8>() {
            h = mix(h, u64::from_le_bytes(*c) | or8);
        }
        i += 8;
    }
    let r = n - i;
    let mut tail = 0;
    if r > 0 {
        let raw = match buf[at + i..].first_chunk::<8>() {
            Some(c) => u64::from_le_bytes(*c),
            None => buf[at + i..at + n]
                .iter()
                .enumerate()
                .fold(0, |t, (k, &b)| t | u64::from(b) << (8 * k)),
        };
        tail = (raw | or8) & (u64::MAX >> (64 - 8 * r));
    }
    // `r` < 8, so the top byte of `tail` is free for the length.
    mix(h, tail | ((n as u64) << 56))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain reading of [`WordRanges`], char by char, to check the byte reading against.
    fn reference(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut iter = text.char_indices().peekable();
        let mut start = None;
        while let Some((i, c)) = iter.next() {
            let inner = matches!(c, '\'' | '’' | '-' | '.')
                && start.is_some()
                && iter.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
            if c.is_alphanumeric() || inner {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                out.push(s..i);
            }
        }
        if let Some(s) = start {
            out.push(s..text.len());
        }
        out
    }

    #[test]
    fn only_the_kelvin_sign_folds_to_ascii_from_outside_it() {
        let odd: Vec<char> = (0x80..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| fold(&c.to_string()).is_ascii())
            .collect();
        assert_eq!(odd, vec!['’', '\u{212A}']);
    }

    #[test]
    fn the_word_finder_finds_what_the_word_reader_does() {
        let texts = [
            "The council met. the COUNCIL's vote",
            "council-led councils recouncil council.x council. council’s",
            "x.council -council 'council council- council_",
            "Café council\u{301} naïve counci council",
            "\u{212A}elvin kelvin KELVIN stri\u{212A}e strike-\u{212A}",
            "strike strikes STRIKE. s-trike",
            "cccc ccouncil xcouncil tthe 55 5.5 the council’s xx COUNCIL-x cocouncil counci the",
            "a long run of words before the last one, with the word only at the very end: council",
            "the’ ’the the’s o’the the-",
            "1.5 5 x5 5x 5.",
            "",
        ];
        let words = [
            "council",
            "the",
            "council's",
            "the's",
            "5",
            "1.5",
            "café",
            "naïve",
            "x",
            "s",
            "kelvin",
            "council-led",
            "strike",
            "k",
        ];
        for t in texts {
            for w in words {
                let f = WordFinder::new(w);
                let want = word_ranges(t, 0..t.len()).any(|r| eq_folded(&t[r], w));
                assert_eq!(f.in_text(t, 0..t.len()), want, "{w:?} in {t:?}");
                if t.len() > 4 && t.is_char_boundary(2) && t.is_char_boundary(t.len() - 2) {
                    let want = word_ranges(t, 2..t.len() - 2).any(|r| eq_folded(&t[r], w));
                    assert_eq!(f.in_text(t, 2..t.len() - 2), want, "{w:?} in {t:?}");
                }
            }
        }
    }

    #[test]
    fn word_ranges_read_bytes_as_the_char_reading_does() {
        let texts = [
            "",
            " ",
            "a",
            "The mayor's plan—approved in 2024—was co-signed by Dr. Ruiz.",
            "rock’n’roll isn’t ’90s… ‘quoted’ - -x x- x-- .5 5. a.b.c. U.S.",
            "Ærøskøbing café naïve Σίσυφος 東京 ①② x\u{301}y",
            "İstanbul \u{212A}elvin-\u{212A} ß’ẞ x’İ",
            "end.’ ’start '' -- .. x’’y x-’y x’",
            "tab\tnew\nline\u{a0}nbsp\u{2009}thin",
        ];
        for t in texts {
            let got: Vec<_> = word_ranges(t, 0..t.len()).collect();
            assert_eq!(got, reference(t), "{t:?}");
            let mut words = word_ranges(t, 0..t.len());
            while let Some(r) = words.next() {
                assert_eq!(words.last_ascii(), t[r.clone()].is_ascii(), "{:?}", &t[r]);
            }
            // Offsets are absolute when the range starts inside the text.
            let padded = format!("xx {t}");
            let got: Vec<_> = word_ranges(&padded, 3..padded.len()).collect();
            let want: Vec<_> = reference(t)
                .into_iter()
                .map(|r| r.start + 3..r.end + 3)
                .collect();
            assert_eq!(got, want, "{t:?}");
        }
    }

    const ODD_TEXTS: [&str; 9] = [
        "",
        "The mayor's plan—approved in 2024—was co-signed by Dr. Ruiz.",
        "rock’n’roll isn’t ’90s… ‘quoted’ - -x x- x-- .5 5. a.b.c. U.S.",
        "Ærøskøbing CAFÉ naïve ΣΊΣΥΦΟΣ Σίσυφος 東京 ①② x\u{301}y İstanbul ǅemal ẞ",
        "\u{212A}elvin kelvin KELVIN stri\u{212A}e Mayor’s MAYOR'S mayor’s",
        "end.’ ’start '' -- .. x’’y x-’y x’",
        "tab\tnew\nline\u{a0}nbsp\u{2009}thin",
        "Supercalifragilisticexpialidocious ABCDEFGH abcdefgh abcdefghi a1b2c3d4e5f6g7h8",
        "x",
    ];

    #[test]
    fn the_folded_hash_is_the_hash_of_the_word_folded_twice() {
        let long = "Internationalisation’s-".repeat(30) + "end";
        for t in ODD_TEXTS.iter().copied().chain([long.as_str()]) {
            for r in word_ranges(t, 0..t.len()) {
                let want = hash_of_folded(&fold(&fold(&t[r.clone()])));
                assert_eq!(folded_hash(t, r.clone()), want, "{:?}", &t[r]);
            }
        }
        // Words that fold alike hash alike, whatever their case, apostrophes and place.
        let a = "Mayor’s KELVIN";
        let b = "x mayor's \u{212A}elvin";
        let ha: Vec<u64> = word_ranges(a, 0..a.len())
            .map(|r| folded_hash(a, r))
            .collect();
        let hb: Vec<u64> = word_ranges(b, 0..b.len())
            .skip(1)
            .map(|r| folded_hash(b, r))
            .collect();
        assert_eq!(ha, hb);
    }

    #[test]
    fn the_title_hashes_rule_out_only_blocks_that_do_not_repeat_the_title() {
        let titles = [
            "# Council Approves New Budget for City Schools",
            "# The Mayor’s Plan for İstanbul Parks",
            "# \u{212A}elvin Scale Rises Again",
            "# One Two Three",
        ];
        let blocks = [
            "Council Approves New Budget for City Schools",
            "council approves new budget for city schools",
            "Council Approves New Budget",
            "Council Approves Budget for City Schools Today",
            "The council approved a new budget for schools in the city on Tuesday night.",
            "Approves Council New Budget for City Schools",
            "The Mayor's Plan for Istanbul Parks",
            "the mayor’s plan for i̇stanbul parks",
            "The MAYOR’S Plan",
            "kelvin scale rises again",
            "Kelvin scale",
            "one two three",
            "One two",
            "three one two",
            "",
            "—",
            "Unrelated words only here",
        ];
        for title_text in titles {
            let title = words(title_text, 2..title_text.len());
            let hashes = TitleHashes::new(&title, title_text);
            for block in blocks {
                for heading in [false, true] {
                    let got = block_repeats_title(&title, &hashes, block, 0..block.len(), heading);
                    let plain = if word_ranges(block, 0..block.len()).count() > title.len() + 2 {
                        None
                    } else {
                        repeats_title(&title, &words(block, 0..block.len()), heading)
                    };
                    assert_eq!(got, plain, "{title_text:?} / {block:?} / {heading}");
                }
            }
        }
    }

    #[test]
    fn title_verbs_tell_a_clause_headline_from_a_name() {
        let verbs = |src: &str| {
            let doc = crate::document::Document::parse(src);
            let title = title_words(&doc).unwrap();
            let v = title_verbs(&doc, &title);
            title
                .iter()
                .zip(v)
                .filter(|(_, v)| *v)
                .map(|(w, _)| w.folded.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            verbs("# Kerrow Council Approves Budget for Pool\n"),
            ["approves"]
        );
        assert_eq!(verbs("# Dunmore Ferry to Cut Winter Sailings\n"), ["cut"]);
        assert!(verbs("# The Kerrow Summer Music Festival\n").is_empty());
        assert!(verbs("# The Harbour Trust Working Group\n").is_empty());
    }

    #[test]
    fn the_eight_byte_readings_are_the_byte_readings() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut chunk = [b'a'; 8];
                chunk[at] = b;
                let x = u64::from_le_bytes(chunk);
                let want = b.is_ascii_alphanumeric();
                assert_eq!(ascii_alnum_mask(x) >> (8 * at + 7) & 1 == 1, want, "{b:#x}");
                assert_eq!(ascii_alnum_run(&chunk, 0), if want { 8 } else { at });
            }
        }
        for t in ODD_TEXTS {
            for i in 0..=t.len() {
                let plain = i + t.as_bytes()[i..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                assert_eq!(ascii_alnum_run(t.as_bytes(), i), plain, "{t:?} at {i}");
            }
        }
    }
}
