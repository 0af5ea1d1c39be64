//! What the headline rules share: the headline's words, compared without case or quote style.

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
}

impl WordRanges<'_> {
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
        // Extend over alphanumerics and inner marks followed by one.
        while i < len {
            let b = bytes[i];
            if ASCII_ALNUM[usize::from(b)] {
                i += 1;
                continue;
            }
            let (c, n) = if b.is_ascii() {
                (char::from(b), 1)
            } else {
                self.char_at(i)
            };
            let word_char = c.is_alphanumeric()
                || (matches!(c, '\'' | '’' | '-' | '.') && self.alnum_at(i + n));
            if !word_char {
                // The character ending the word starts no word either.
                self.pos = i + n;
                return Some(self.base + start..self.base + i);
            }
            i += n;
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
    /// The word is ASCII letters and digits, with `-` or `.` between them, and no `k`: only
    /// ASCII text folds to it (of the other characters only the Kelvin sign folds to ASCII,
    /// to `k`, and `’`, to `'`), so a match is its bytes, in any case.
    ascii: bool,
}

impl<'a> WordFinder<'a> {
    pub fn new(folded: &'a str) -> WordFinder<'a> {
        let b = folded.as_bytes();
        let ascii = b.first().is_some_and(u8::is_ascii_alphanumeric)
            && b.iter().enumerate().all(|(i, &c)| {
                (c.is_ascii_alphanumeric() && c != b'k' && c != b'K')
                    || (matches!(c, b'-' | b'.')
                        && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric))
            });
        WordFinder { folded, ascii }
    }

    /// Is some word of `text[range]` the word, folded?
    pub fn in_text(&self, text: &str, range: Range<usize>) -> bool {
        if !self.ascii {
            return word_ranges(text, range).any(|r| eq_folded(&text[r], self.folded));
        }
        let slice = &text[range];
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
        let mut p = 0;
        while p + n <= hay.len() {
            if hay[p] | 0x20 == first
                && hay[p..p + n].eq_ignore_ascii_case(needle)
                && starts_word(slice, p)
                && ends_word(slice, p + n)
            {
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

/// Whether a body block is the headline again: all of it, most of it, or (for a heading) a
/// leading piece of four words or more.
pub fn repeats_title(title: &[Word], block: &[Word], heading: bool) -> Option<&'static str> {
    if block.is_empty() {
        return None;
    }
    let same = block.len() == title.len() && leading_run(title, block, 0) == title.len();
    if same {
        return Some("the headline");
    }
    if heading
        && block.len() < title.len()
        && leading_run(title, block, 0) == block.len()
        && (block.len() >= 4 || block.len() * 2 >= title.len())
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
/// headline could be repeated in is ruled out before any word is folded.
pub fn block_repeats_title(
    title: &[Word],
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
    repeats_title(title, &words(text, range), heading)
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
            "end.’ ’start '' -- .. x’’y x-’y x’",
            "tab\tnew\nline\u{a0}nbsp\u{2009}thin",
        ];
        for t in texts {
            let got: Vec<_> = word_ranges(t, 0..t.len()).collect();
            assert_eq!(got, reference(t), "{t:?}");
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
}
