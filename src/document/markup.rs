//! Markup that is not Markdown but sits in Markdown files: template syntax and HTML
//! containers, found so that only prose is linted.
//!
//! Template syntaxes recognised (wherever they are unambiguous, outside code):
//!
//! - Hugo shortcodes `{{< name args >}}` and `{{% name args %}}`, closing `{{< /name >}}`,
//!   comments `{{</* … */>}}`;
//! - Liquid, Jekyll, Nunjucks, Jinja, Eleventy and Zola output `{{ expr }}` (`{{- … -}}`
//!   too), Zola shortcode calls `{{ name(args) }}`;
//! - tags `{% name args %}` (`{%- … -%}`), Zola `{% name() %}…{% end %}`, and template
//!   comments `{# … #}`;
//! - `{% raw %}…{% endraw %}` and `{% comment %}…{% endcomment %}`, whose whole content is not
//!   prose either.
//!
//! A span never crosses a blank line and is at most [`MAX_SPAN`] bytes long.

use std::ops::Range;

/// The longest template span galley recognises.
pub const MAX_SPAN: usize = 4096;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemplateKind {
    /// `{{ … }}`, `{{< … >}}`, `{{% … %}}`: output, or a shortcode.
    Output,
    /// `{% … %}`: a tag.
    Tag,
    /// `{# … #}`, or a raw or comment block with its content.
    Comment,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub range: Range<usize>,
    pub kind: TemplateKind,
    /// Whether, inside a sentence, the span stands for a word (it prints something: an
    /// output expression, a shortcode, an include or a link tag); closing tags, control
    /// tags and comments never do.
    pub inline_word: bool,
}

/// Liquid and Jekyll tags that print something in place.
const PRINTING_TAGS: &[&str] = &[
    "cite",
    "figure",
    "gist",
    "image",
    "img",
    "include",
    "include_relative",
    "link",
    "post_url",
    "ref",
    "relref",
    "render",
    "tweet",
    "youtube",
];

/// Every template span in `source`, in order, that does not start inside one of `skip`
/// (sorted, non-overlapping ranges: code and front matter).
pub fn template_spans(source: &str, skip: &[Range<usize>]) -> Vec<Template> {
    let b = source.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    let mut k = 0; // index into skip
    while let Some(n) = source[at..].find('{') {
        let i = at + n;
        at = i + 1;
        let Some(&next) = b.get(i + 1) else { break };
        if !matches!(next, b'{' | b'%' | b'#') {
            continue;
        }
        while k < skip.len() && skip[k].end <= i {
            k += 1;
        }
        if k < skip.len() && skip[k].start <= i {
            at = skip[k].end.max(at);
            continue;
        }
        if let Some(t) = template_at(source, i) {
            at = t.range.end;
            out.push(t);
        }
    }
    out
}

/// The template span opening at `i` (which holds `{`), if it closes.
fn template_at(source: &str, i: usize) -> Option<Template> {
    let rest = &source[i..];
    let (kind, close, open_len) = if rest.starts_with("{{<") {
        (TemplateKind::Output, ">}}", 3)
    } else if rest.starts_with("{{%") {
        (TemplateKind::Output, "%}}", 3)
    } else if rest.starts_with("{{") {
        (TemplateKind::Output, "}}", 2)
    } else if rest.starts_with("{%") {
        (TemplateKind::Tag, "%}", 2)
    } else if rest.starts_with("{#") {
        (TemplateKind::Comment, "#}", 2)
    } else {
        return None;
    };
    let end = close_of(source, i + open_len, close)?;
    let inner = source[i + open_len..end - close.len()]
        .trim_matches(|c: char| c == '-' || c == '~' || c.is_whitespace());
    if inner.is_empty() {
        return None;
    }
    let name = inner
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '/'))
        .next()
        .unwrap_or("");
    let closing = inner.starts_with('/') || name == "end" || name.starts_with("end");
    let mut t = Template {
        range: i..end,
        kind,
        inline_word: false,
    };
    match kind {
        TemplateKind::Output => {
            t.inline_word = !closing && !inner.starts_with("/*");
        }
        TemplateKind::Tag => {
            if name == "raw" || name == "comment" {
                // The content up to the matching end tag is not prose either.
                let end_tag = if name == "raw" {
                    "endraw"
                } else {
                    "endcomment"
                };
                if let Some(e) = end_tag_after(source, end, end_tag) {
                    t.range.end = e;
                    t.kind = TemplateKind::Comment;
                }
            } else {
                t.inline_word = PRINTING_TAGS.contains(&name);
            }
        }
        TemplateKind::Comment => {}
    }
    Some(t)
}

/// The offset just past `close`, searched from `from`, if it comes before a blank line and
/// within [`MAX_SPAN`] bytes.
fn close_of(source: &str, from: usize, close: &str) -> Option<usize> {
    let limit = (from + MAX_SPAN).min(source.len());
    let mut limit = limit;
    while !source.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = &source[from..limit];
    let at = window.find(close)?;
    let inside = &window[..at];
    if blank_line_in(inside) {
        return None;
    }
    Some(from + at + close.len())
}

fn blank_line_in(s: &str) -> bool {
    let mut lines = s.split('\n');
    lines.next();
    // Every line but the first and the last is a whole line.
    let mut whole: Vec<&str> = lines.collect();
    whole.pop();
    whole.iter().any(|l| l.trim().is_empty())
}

/// The end of the `{% end_tag %}` after `from`, within [`MAX_SPAN`] bytes.
fn end_tag_after(source: &str, from: usize, end_tag: &str) -> Option<usize> {
    let mut at = from;
    let mut stop = (from + 16 * MAX_SPAN).min(source.len());
    while !source.is_char_boundary(stop) {
        stop -= 1;
    }
    while at < stop {
        let n = source[at..stop].find("{%")?;
        let open = at + n;
        // (The `%` of `{%` starts no `%}`: "{%}" is no tag.)
        let close = source[open + 2..stop].find("%}")? + open + 4;
        // A stray `{%` before the tag opens nothing.
        let open = source[open + 2..close - 2]
            .rfind("{%")
            .map_or(open, |k| open + 2 + k);
        let inner =
            source[open + 2..close - 2].trim_matches(|c: char| c == '-' || c.is_whitespace());
        if inner == end_tag {
            return Some(close);
        }
        at = close;
    }
    None
}

/// HTML elements whose content galley reads as a context of its own.
const CONTAINERS: &[&str] = &["aside", "details", "div", "figure", "section", "summary"];

/// Follows the container elements that HTML blocks open and close.
#[derive(Debug, Default)]
pub struct HtmlContainers {
    open: Vec<&'static str>,
}

impl HtmlContainers {
    /// Read one piece of block HTML: every container tag it opens or closes, in order.
    pub fn read(&mut self, html: &str) {
        let b = html.as_bytes();
        let mut at = 0;
        while let Some(n) = html[at..].find('<') {
            let i = at + n + 1;
            at = i;
            let closing = b.get(i) == Some(&b'/');
            let name_start = i + usize::from(closing);
            let name_end = html[name_start..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .map_or(html.len(), |e| name_start + e);
            let name = &html[name_start..name_end];
            let Some(&tag) = CONTAINERS.iter().find(|c| c.eq_ignore_ascii_case(name)) else {
                continue;
            };
            if closing {
                if let Some(p) = self.open.iter().rposition(|&t| t == tag) {
                    self.open.truncate(p);
                }
            } else if !html[name_end..].starts_with("/>") && self.open.len() < 64 {
                self.open.push(tag);
            }
        }
    }

    /// The innermost open container, if any.
    pub fn current(&self) -> Option<&'static str> {
        self.open.last().copied()
    }

    /// Whether a `<details>` element is open around this point.
    pub fn in_details(&self) -> bool {
        self.open.contains(&"details")
    }
}

/// Remove every part of `runs` that lies inside one of `cut` (both sorted).
pub fn subtract(runs: &mut Vec<Range<usize>>, cut: &[Range<usize>]) {
    if cut.is_empty() || runs.is_empty() {
        return;
    }
    let mut out = Vec::with_capacity(runs.len());
    let mut k = 0;
    for r in runs.drain(..) {
        let mut start = r.start;
        while k > 0 && cut[k - 1].end > start {
            k -= 1;
        }
        let mut j = k;
        while start < r.end {
            while j < cut.len() && cut[j].end <= start {
                j += 1;
            }
            match cut.get(j) {
                Some(c) if c.start < r.end => {
                    if c.start > start {
                        out.push(start..c.start);
                    }
                    start = c.end.max(start);
                }
                _ => {
                    out.push(start..r.end);
                    start = r.end;
                }
            }
        }
        k = j;
    }
    *runs = out;
}

/// What galley reads as prose, for the rules page (`docs/rules.md`).
pub const WHAT_IS_PROSE: &str = "\
## What galley reads as prose

Every rule reads prose only: the text of headings, paragraphs, list items, table cells and \
image alt text. The rest of a Markdown file is markup, and `galley inspect FILE` lists it \
under \"not prose\":

- **Front matter** at the top of the file: YAML between `---` lines (closed by `---` or \
`...`) or TOML between `+++` lines, with or without a blank line after it. Its `title` is the \
headline; TOML multi-line strings (`title = '''…'''`), YAML block scalars (`title: >-`), \
quoted values and comments are read.
- **Code**: fenced and indented code blocks are skipped. Inline code is one word of its \
sentence (`` `cargo audit` checks… `` has a subject), never checked itself.
- **Links and images**: link text is prose and part of its sentence (inline, reference, \
shortcut and autolinks alike); destinations and titles are not. An image's alt text is a \
block of its own, not part of the sentence around it.
- **HTML**: HTML blocks and inline tags are skipped; character references (`&#8221;`, \
`&rdquo;`, `&amp;`, `&nbsp;`) count as the character they stand for. Markdown inside \
`<details>`, `<summary>`, `<div>`, `<section>`, `<aside>` and `<figure>` is read as a \
context of its own: a collapsed `<details>` recap does not repeat the text above it.
- **Template syntax**, wherever it is unambiguous and outside code: Hugo shortcodes \
(`{{< name >}}`, `{{% name %}}`, `{{< /name >}}`), Liquid, Jekyll, Nunjucks, Jinja and \
Eleventy output and tags (`{{ author | link }}`, `{% image \"a.png\" %}`, `{%- … -%}`), \
Zola shortcodes (`{{ youtube(id=\"x\") }}`, `{% note() %}…{% end %}`), template comments \
(`{# … #}`), and `{% raw %}` or `{% comment %}` blocks with their content. A block made \
only of template syntax is not prose; a span inside a sentence that prints something (an \
output expression, a shortcode, an include or link tag) is one word of that sentence. \
Quotation marks inside template syntax are never prose quotes.
- **Bold run-in headings** (`**Going further.** The next step…`, or a bold line standing \
alone) are headings, not sentences.
- **Sentences that run on across a block**: a paragraph after a code block, list, table, \
image or HTML block that continues the sentence before it (that sentence ended with a \
colon or no stop, or the paragraph opens in lower case) is not read as a new sentence; \
nor is the opening of a footnote definition (`[^2]: Which…`), which continues the \
sentence that cites it.
";

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(src: &str) -> Vec<(&str, TemplateKind, bool)> {
        template_spans(src, &[])
            .into_iter()
            .map(|t| (&src[t.range], t.kind, t.inline_word))
            .collect()
    }

    /// A `{%}` (whose `%` could be read as both the opening and the closing one) or a
    /// multi-byte character where the search for an end tag stops ends no raw block and
    /// splits no character.
    #[test]
    fn end_tags_are_whole_and_on_character_boundaries() {
        assert_eq!(
            spans("{% raw %} over {%} and {% endraw %} after"),
            vec![(
                "{% raw %} over {%} and {% endraw %}",
                TemplateKind::Comment,
                false
            )]
        );
        assert_eq!(
            spans("{% raw %} over {%}"),
            vec![("{% raw %}", TemplateKind::Tag, false)]
        );
        let long = format!(
            "{{% raw %}}{}é{{% endraw %}}",
            "x".repeat(16 * MAX_SPAN - 1)
        );
        // (The search stops inside the "é": the block does not close within reach.)
        assert_eq!(
            spans(&long),
            vec![
                ("{% raw %}", TemplateKind::Tag, false),
                ("{% endraw %}", TemplateKind::Tag, false)
            ]
        );
    }

    #[test]
    fn finds_each_syntax() {
        use TemplateKind::*;
        let src = "a {{< img src=\"x.png\" alt=\"A \"big\" day\" >}} b {{% note %}} c {{< /note >}} \
                   d {{ author | link }} e {% image \"a.png\" \"Caption\" %} f {{ youtube(id=\"x\") }} \
                   g {% note() %}body{% end %} h {# a comment #} i {{- page.title -}}";
        assert_eq!(
            spans(src),
            vec![
                (
                    "{{< img src=\"x.png\" alt=\"A \"big\" day\" >}}",
                    Output,
                    true
                ),
                ("{{% note %}}", Output, true),
                ("{{< /note >}}", Output, false),
                ("{{ author | link }}", Output, true),
                ("{% image \"a.png\" \"Caption\" %}", Tag, true),
                ("{{ youtube(id=\"x\") }}", Output, true),
                ("{% note() %}", Tag, false),
                ("{% end %}", Tag, false),
                ("{# a comment #}", Comment, false),
                ("{{- page.title -}}", Output, true),
            ]
        );
    }

    #[test]
    fn raw_and_comment_blocks_take_their_content() {
        let src = "x {% raw %}{{ not a template }} \"q{% endraw %} y {% comment %}note \"{% endcomment %} z";
        let got = spans(src);
        assert_eq!(got[0].0, "{% raw %}{{ not a template }} \"q{% endraw %}");
        assert_eq!(got[1].0, "{% comment %}note \"{% endcomment %}");
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn unclosed_empty_or_split_by_a_blank_line_is_no_template() {
        assert!(spans("a { b } {{}} {{ x\n\ny }} {% z").is_empty());
        assert_eq!(spans("{{< figure\n  src=\"a\"\n  >}}").len(), 1);
    }

    #[test]
    fn spans_starting_in_code_are_skipped() {
        let src = "`{{ x }}` and {{ y }}";
        let code = [Range { start: 0, end: 9 }];
        let got: Vec<_> = template_spans(src, &code)
            .into_iter()
            .map(|t| &src[t.range])
            .collect();
        assert_eq!(got, vec!["{{ y }}"]);
    }

    #[test]
    fn containers_nest_and_close() {
        let mut c = HtmlContainers::default();
        c.read("<details>\n<summary>Comments</summary>");
        assert_eq!(c.current(), Some("details"));
        assert!(c.in_details());
        c.read("<div class=\"x\"><div/>");
        assert_eq!(c.current(), Some("div"));
        c.read("</div>");
        c.read("</DETAILS>");
        assert_eq!(c.current(), None);
    }

    #[test]
    fn subtract_cuts_runs() {
        let mut runs = vec![0..10, 12..20, 25..30];
        subtract(&mut runs, &[2..4, 8..14, 26..40]);
        assert_eq!(runs, vec![0..2, 4..8, 14..20, 25..26]);
    }
}
