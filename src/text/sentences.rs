use std::ops::Range;
pub fn split_sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let s = &text[range.clone()];
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c == '.' || c == '?' || c == '!' {
            let next = s[i + 1..].chars().next();
            if next.is_none_or(char::is_whitespace) {
                let seg = &s[start..i + 1];
                let lead = seg.len() - seg.trim_start().len();
                out.push(range.start + start + lead..range.start + i + 1);
                start = i + 1;
            }
        }
    }
    let seg = &s[start..];
    if !seg.trim().is_empty() {
        let lead = seg.len() - seg.trim_start().len();
        out.push(range.start + start + lead..range.start + start + seg.trim_end().len());
    }
    out
}
