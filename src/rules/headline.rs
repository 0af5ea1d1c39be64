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
    let slice = &text[range.clone()];
    WordRanges {
        slice,
        base: range.start,
        iter: slice.char_indices().peekable(),
        start: None,
    }
}

/// Iterator of [`word_ranges`].
pub struct WordRanges<'a> {
    slice: &'a str,
    base: usize,
    iter: std::iter::Peekable<std::str::CharIndices<'a>>,
    start: Option<usize>,
}

impl Iterator for WordRanges<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        while let Some((i, c)) = self.iter.next() {
            let inner = matches!(c, '\'' | '’' | '-' | '.')
                && self.start.is_some()
                && self.iter.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
            if c.is_alphanumeric() || inner {
                self.start.get_or_insert(i);
            } else if let Some(s) = self.start.take() {
                return Some(self.base + s..self.base + i);
            }
        }
        self.start
            .take()
            .map(|s| self.base + s..self.base + self.slice.len())
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
