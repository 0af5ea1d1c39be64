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
    let mut out = Vec::new();
    let slice = &text[range.clone()];
    let mut start: Option<usize> = None;
    let mut iter = slice.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let inner = matches!(c, '\'' | '’' | '-' | '.')
            && start.is_some()
            && iter.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(word(slice, range.start, s, i));
        }
    }
    if let Some(s) = start {
        out.push(word(slice, range.start, s, slice.len()));
    }
    out
}

fn word(slice: &str, base: usize, s: usize, e: usize) -> Word {
    Word {
        range: base + s..base + e,
        folded: fold(&slice[s..e]),
    }
}

/// Lower case, straight apostrophes.
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' { '\'' } else { c })
        .collect()
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
    let common = lcs(title, block);
    if common * 5 >= title.len() * 4 && block.len() <= title.len() + 2 && title.len() >= 4 {
        return Some("most of the headline");
    }
    None
}
