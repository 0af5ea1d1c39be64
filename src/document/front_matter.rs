//! YAML (`---`) and TOML (`+++`) front matter: never prose; its `title` is the headline.

use std::ops::Range;

use pulldown_cmark::MetadataBlockKind;

#[derive(Clone, Debug)]
pub struct FrontMatter {
    pub toml: bool,
    /// The whole block, fences included.
    pub range: Range<usize>,
    /// The text between the fences.
    pub content: Range<usize>,
    /// Top-level keys in order, each with the byte range of its (unquoted) scalar value.
    pub keys: Vec<(String, Range<usize>)>,
    /// The byte range of the `title` value.
    pub title: Option<Range<usize>>,
}

impl FrontMatter {
    pub(crate) fn new(
        source: &str,
        kind: MetadataBlockKind,
        range: Range<usize>,
        content: Range<usize>,
    ) -> FrontMatter {
        let toml = kind == MetadataBlockKind::PlusesStyle;
        let sep = if toml { '=' } else { ':' };
        let mut keys = Vec::new();
        let mut offset = content.start;
        for line in source[content.clone()].split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            if line.starts_with([' ', '\t', '#', '-', '[']) {
                continue;
            }
            let Some(at) = line.find(sep) else { continue };
            let key = line[..at].trim().trim_matches('"');
            if key.is_empty() || key.contains(char::is_whitespace) {
                continue;
            }
            let value = &line[at + 1..];
            let lead = value.len() - value.trim_start().len();
            let mut v_start = start + at + 1 + lead;
            let mut v_end = start + at + 1 + value.trim_end().len();
            let bytes = source.as_bytes();
            if v_end > v_start + 1
                && (bytes[v_start] == b'"' || bytes[v_start] == b'\'')
                && bytes[v_end - 1] == bytes[v_start]
            {
                v_start += 1;
                v_end -= 1;
            }
            keys.push((key.to_string(), v_start..v_end.max(v_start)));
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
