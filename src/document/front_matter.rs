//! YAML (`---`) and TOML (`+++`) front matter: never prose; its `title` is the headline.
//!
//! Found by galley itself, not by the Markdown parser, so that the shapes content repositories
//! use all work: a closing fence followed at once by text (no blank line), TOML multi-line
//! strings (`title = '''…'''`), YAML block scalars (`title: >-` and indented lines), quoted
//! scalars, comments and `...` as YAML's closing fence.

use std::ops::Range;

#[derive(Clone, Debug)]
pub struct FrontMatter {
    pub toml: bool,
    /// The whole block, fences included (and the line break after the closing fence).
    pub range: Range<usize>,
    /// The text between the fences.
    pub content: Range<usize>,
    /// Top-level keys in order, each with the byte range of its scalar value (quotes and
    /// block-scalar indicators left out; a multi-line value spans its lines).
    pub keys: Vec<(String, Range<usize>)>,
    /// The byte range of the `title` value.
    pub title: Option<Range<usize>>,
}

/// The front matter at the very start of `source`, if there is one: an opening fence line
/// (`---` or `+++`, trailing spaces allowed), then a closing fence line (`---` or `...` for
/// YAML, `+++` for TOML). Without a closing fence there is no front matter.
pub(crate) fn detect(source: &str) -> Option<FrontMatter> {
    let body = source.strip_prefix('\u{feff}').unwrap_or(source);
    let bom = source.len() - body.len();
    let first_end = body.find('\n').map_or(body.len(), |n| n + 1);
    let fence = body[..first_end].trim_end();
    let toml = match fence {
        "---" => false,
        "+++" => true,
        _ => return None,
    };
    let content_start = bom + first_end;
    let mut at = content_start;
    while at < source.len() {
        let end = source[at..].find('\n').map_or(source.len(), |n| at + n + 1);
        let line = source[at..end].trim_end();
        let closes = if toml {
            line == "+++"
        } else {
            line == "---" || line == "..."
        };
        if closes {
            return Some(FrontMatter::new(source, toml, 0..end, content_start..at));
        }
        at = end;
    }
    None
}

impl FrontMatter {
    pub(crate) fn new(
        source: &str,
        toml: bool,
        range: Range<usize>,
        content: Range<usize>,
    ) -> FrontMatter {
        let lines = line_ranges(source, content.clone());
        let mut keys = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            let r = lines[i].clone();
            i += 1;
            let line = &source[r.clone()];
            // Top-level keys only: no indentation, no comment, no list item, no table header.
            if line.starts_with([' ', '\t', '#', '-', '[', '\r', '\n']) || line.is_empty() {
                continue;
            }
            let sep = if toml { '=' } else { ':' };
            let Some(at) = key_end(line, sep) else {
                continue;
            };
            let key = line[..at].trim().trim_matches(['"', '\'']);
            if key.is_empty() || key.contains(char::is_whitespace) {
                continue;
            }
            let value_start = r.start + at + 1;
            let (value, used) = if toml {
                toml_value(source, value_start, &lines[i..])
            } else {
                yaml_value(source, value_start, &lines[i..])
            };
            i += used;
            keys.push((key.to_string(), value));
        }
        let title = keys
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("title"))
            .map(|(_, r)| r.clone());
        FrontMatter {
            toml,
            range,
            content,
            keys,
            title,
        }
    }

    /// The value of a top-level key, as written (quotes removed).
    pub fn get<'a>(&self, source: &'a str, key: &str) -> Option<&'a str> {
        self.keys
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, r)| &source[r.clone()])
    }
}

/// The lines of `range`, each without its line break.
fn line_ranges(source: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = range.start;
    while at < range.end {
        let end = source[at..range.end]
            .find('\n')
            .map_or(range.end, |n| at + n);
        let trimmed = if end > at && source.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        out.push(at..trimmed);
        at = end + 1;
    }
    out
}

/// Where a key ends: the first `sep` outside a quoted key.
fn key_end(line: &str, sep: char) -> Option<usize> {
    let mut quote = None;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, c) if c == sep => return Some(i),
            _ => {}
        }
    }
    None
}

/// Leading and trailing whitespace trimmed off `range`.
fn trim(source: &str, range: Range<usize>) -> Range<usize> {
    let s = &source[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let start = range.start + lead;
    start..(start + s.trim().len()).max(start)
}

/// A one-line scalar: quotes removed when they enclose the whole value; a trailing comment
/// after a closing quote (or after whitespace in a plain value) left out.
fn scalar(source: &str, range: Range<usize>, comment: char) -> Range<usize> {
    let r = trim(source, range);
    let s = &source[r.clone()];
    if let Some(q) = s.chars().next().filter(|c| matches!(c, '"' | '\'')) {
        // The closing quote: the last one before any trailing comment.
        if let Some(close) = s[1..].rfind(q).map(|n| n + 1) {
            let rest = s[close + 1..].trim();
            if rest.is_empty() || rest.starts_with(comment) {
                return r.start + 1..r.start + close;
            }
        }
        return r;
    }
    match s
        .find([' ', '\t'])
        .and_then(|ws| s[ws..].trim_start().starts_with(comment).then_some(ws))
    {
        Some(ws) => trim(source, r.start..r.start + ws),
        None => r,
    }
}

/// A TOML value starting at `start` (just after `=`); `rest` are the lines after the key's.
/// Returns the value's range and how many of `rest` it used.
fn toml_value(source: &str, start: usize, rest: &[Range<usize>]) -> (Range<usize>, usize) {
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |n| start + n);
    let first = trim(source, start..line_end);
    let text = &source[first.clone()];
    for delim in ["'''", "\"\"\""] {
        if let Some(after) = text.strip_prefix(delim) {
            let open_end = first.start + delim.len();
            // Closed on the same line?
            if let Some(close) = after.find(delim) {
                return (trim(source, open_end..open_end + close), 0);
            }
            for (k, line) in rest.iter().enumerate() {
                if let Some(close) = source[line.clone()].find(delim) {
                    return (trim(source, open_end..line.start + close), k + 1);
                }
            }
            return (trim(source, open_end..first.end), 0);
        }
    }
    (scalar(source, first, '#'), 0)
}

/// A YAML value starting at `start` (just after `:`); `rest` are the lines after the key's.
/// Plain, quoted, block (`|`, `>`, with chomping and indentation indicators) and plain
/// scalars continued on indented lines are read; flow collections and anything else
/// are taken as written on the key's line.
fn yaml_value(source: &str, start: usize, rest: &[Range<usize>]) -> (Range<usize>, usize) {
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |n| start + n);
    let first = trim(source, start..line_end);
    let text = &source[first.clone()];
    let indented = |r: &Range<usize>| {
        let l = &source[r.clone()];
        l.trim().is_empty() || l.starts_with([' ', '\t'])
    };
    // How many following lines belong to the value (indented or blank), not counting
    // trailing blank lines.
    let mut used = rest.iter().take_while(|r| indented(r)).count();
    while used > 0 && source[rest[used - 1].clone()].trim().is_empty() {
        used -= 1;
    }
    let is_block = text.starts_with(['|', '>']) && {
        let rest = text[1..]
            .trim_start_matches(|c: char| c == '-' || c == '+' || c.is_ascii_digit())
            .trim();
        rest.is_empty() || rest.starts_with('#')
    };
    if is_block {
        if used == 0 {
            return (first.end..first.end, 0);
        }
        return (trim(source, rest[0].start..rest[used - 1].end), used);
    }
    if text.is_empty() {
        // A nested mapping or a list: no scalar value here.
        return (first.end..first.end, used);
    }
    if text.starts_with(['"', '\'']) {
        let q = &text[..1];
        // A quoted scalar may continue on the next lines until its closing quote.
        if text.len() > 1 && text[1..].contains(q) {
            return (scalar(source, first, '#'), 0);
        }
        for (k, line) in rest.iter().enumerate().take(used) {
            if let Some(close) = source[line.clone()].find(q) {
                return (trim(source, first.start + 1..line.start + close), k + 1);
            }
        }
        return (first, 0);
    }
    let one = scalar(source, first.clone(), '#');
    if used > 0 && !text.starts_with(['[', '{', '&', '*', '!']) {
        // A plain scalar folded over indented lines.
        return (one.start..trim(source, rest[used - 1].clone()).end, used);
    }
    (one, 0)
}
