//! Markdown to [`Document`]: blocks of prose with exact byte ranges, front matter and headline.
//!
//! Offsets come only from pulldown-cmark's offset iterator; text is never searched again.
//! The *prose view* is a copy of the source of the same byte length in which every byte that
//! is not prose (markup, code, HTML, link destinations) is an ASCII space and newlines are
//! kept, so every offset in the prose view is an offset in the file.

mod analysis;
mod front_matter;
mod lines;
pub mod markup;

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::text::tokens::code_char;

pub use analysis::{Analysis, Sentence};
pub use front_matter::FrontMatter;
pub use lines::LineIndex;

/// What kind of block a run of prose belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Heading(u8),
    Paragraph,
    ListItem,
    TableCell,
    AltText,
    /// A bold run-in heading: `**Going further.**` opening a paragraph, or a bold line
    /// standing alone.
    RunIn,
}

impl BlockKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Heading(_) => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem => "list-item",
            BlockKind::TableCell => "table-cell",
            BlockKind::AltText => "alt-text",
            BlockKind::RunIn => "run-in-heading",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Block {
    pub kind: BlockKind,
    /// From the first prose byte to the end of the last one.
    pub range: Range<usize>,
    /// The whole block in the source, markup included (the heading's `## ` and so on).
    pub outer: Range<usize>,
    /// The prose runs, in order; the bytes between them are markup or code.
    pub runs: Vec<Range<usize>>,
    /// How many block quotes enclose it.
    pub quote_depth: u16,
    /// How many lists enclose it.
    pub list_depth: u16,
    /// The innermost HTML container element (`details`, `div`, …) around it, whose content
    /// is a context of its own.
    pub container: Option<&'static str>,
    /// Inside a `<details>` element: collapsed matter, such as a recap of what is above.
    pub in_details: bool,
    /// Its first sentence continues a sentence from before it: it follows a code block,
    /// list, table, image or HTML block that interrupted that sentence, or it is a
    /// footnote definition.
    pub continues: bool,
}

impl Block {
    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading(_) | BlockKind::RunIn)
    }
}

/// An HTML comment (suppression comments live in these).
#[derive(Clone, Debug)]
pub struct Comment {
    pub range: Range<usize>,
    /// The text between `<!--` and `-->`, trimmed.
    pub body: Range<usize>,
}

/// Where the headline came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TitleSource {
    FrontMatter,
    FirstHeading,
    FirstLine,
}

#[derive(Clone, Debug)]
pub struct Title {
    /// The headline's bytes in the source.
    pub range: Range<usize>,
    pub source: TitleSource,
    /// The block that is the headline, unless it sits in the front matter.
    pub block: Option<usize>,
}

/// A parsed Markdown file.
#[derive(Debug)]
pub struct Document {
    pub source: String,
    pub prose: String,
    pub lines: LineIndex,
    pub front_matter: Option<FrontMatter>,
    pub title: Option<Title>,
    pub blocks: Vec<Block>,
    pub comments: Vec<Comment>,
    /// The ranges that are not prose (front matter, code, HTML, templates), in order.
    pub markup: Vec<Markup>,
    /// Every link, its text and destination, in order.
    pub links: Vec<Range<usize>>,
    /// Sentences and tokens of every block.
    pub analysis: Analysis,
}

struct Builder {
    kind: BlockKind,
    outer: Range<usize>,
    runs: Vec<Range<usize>>,
    quote_depth: u16,
    list_depth: u16,
    container: Option<&'static str>,
    in_details: bool,
    /// A code block, list, table, image or HTML block came between this block and the
    /// prose block before it.
    after_break: bool,
    /// The first block of a footnote definition.
    footnote: bool,
    /// Where a bold span that opens the paragraph ends, and whether it ends with a stop
    /// (a run-in heading for certain; otherwise only when nothing follows it).
    run_in: Option<(usize, bool)>,
    /// The paragraph opened with a bold span that is still open (its start).
    strong_open: bool,
}

impl Builder {
    fn push_run(&mut self, r: Range<usize>) {
        if r.is_empty() {
            return;
        }
        if let Some(last) = self.runs.last_mut()
            && last.end == r.start
        {
            last.end = r.end;
            return;
        }
        self.runs.push(r);
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The state of one parse: the blocks made so far and where the parser is.
#[derive(Default)]
struct Parse {
    blocks: Vec<Block>,
    current: Option<Builder>,
    /// Blocks interrupted by an image's alt text, restored when the image ends.
    suspended: Vec<Option<Builder>>,
    quote_depth: u16,
    list_depth: u16,
    item_depth: u16,
    /// Inside code blocks and HTML blocks.
    skip_depth: u32,
    containers: markup::HtmlContainers,
    /// A non-prose block came after the last prose block.
    interrupted: bool,
    /// The last paragraph's text ended without a full stop (a colon, or no stop at all).
    last_open: bool,
    /// The next block opens a footnote definition.
    footnote_next: bool,
    /// Inline code spans, code blocks and HTML, in order.
    markup: Vec<Markup>,
    /// Inline code that stands for a word: one [`code_char`] per char in the prose view.
    placeholders: Vec<Range<usize>>,
    /// Character references in prose: their range and the text they stand for.
    entities: Vec<(Range<usize>, String)>,
    /// Links (text and destination), in order.
    links: Vec<Range<usize>>,
}

impl Parse {
    fn start(&mut self, src: &str, kind: BlockKind, outer: Range<usize>) {
        self.finish(src);
        let footnote = std::mem::take(&mut self.footnote_next);
        self.current = Some(Builder {
            kind,
            outer,
            runs: Vec::new(),
            quote_depth: self.quote_depth,
            list_depth: self.list_depth,
            container: self.containers.current(),
            in_details: self.containers.in_details(),
            after_break: self.interrupted,
            footnote,
            run_in: None,
            strong_open: false,
        });
    }

    fn finish(&mut self, src: &str) {
        let Some(b) = self.current.take() else { return };
        if b.runs.is_empty() {
            // An image-only paragraph breaks the prose like a code block does.
            if b.kind == BlockKind::Paragraph {
                self.interrupted = true;
            }
            return;
        }
        self.push_block(src, b);
    }

    fn push_block(&mut self, src: &str, b: Builder) {
        let mut b = b;
        if let Some((cut, sure)) = b.run_in.take() {
            let mut head = Vec::new();
            let mut rest = Vec::new();
            for r in &b.runs {
                if r.end <= cut {
                    head.push(r.clone());
                } else if r.start >= cut {
                    rest.push(r.clone());
                } else {
                    head.push(r.start..cut);
                    rest.push(cut..r.end);
                }
            }
            // A bold line standing alone is a heading too, with or without a stop.
            let alone = rest
                .iter()
                .all(|r| !src[r.clone()].contains(char::is_alphanumeric));
            if !head.is_empty() && (sure || alone) {
                let head_block = Builder {
                    kind: BlockKind::RunIn,
                    runs: head,
                    ..clone_shape(&b)
                };
                self.push_built(src, head_block);
                if let Some(r) = rest.first_mut() {
                    let text = &src[r.clone()];
                    r.start += text.len() - text.trim_start().len();
                }
                rest.retain(|r| !r.is_empty());
                b.runs = rest;
                b.after_break = false;
                b.footnote = false;
                if alone {
                    return;
                }
            }
        }
        self.push_built(src, b);
    }

    fn push_built(&mut self, src: &str, b: Builder) {
        let (Some(first), Some(last)) = (b.runs.first(), b.runs.last()) else {
            return;
        };
        let range = first.start..last.end;
        let continues = b.footnote
            || b.after_break
                && b.kind == BlockKind::Paragraph
                && (self.last_open || src[range.clone()].starts_with(char::is_lowercase));
        if b.kind != BlockKind::AltText {
            self.interrupted = false;
        }
        if b.kind == BlockKind::Paragraph {
            let text = src[range.clone()].trim_end();
            let text = text.trim_end_matches(['"', '\'', '”', '’', ')', ']', '*', '_']);
            self.last_open = !text.ends_with(['.', '!', '?', '…']);
        }
        self.blocks.push(Block {
            kind: b.kind,
            range,
            outer: b.outer,
            runs: b.runs,
            quote_depth: b.quote_depth,
            list_depth: b.list_depth,
            container: b.container,
            in_details: b.in_details,
            continues,
        });
    }
}

fn clone_shape(b: &Builder) -> Builder {
    Builder {
        kind: b.kind,
        outer: b.outer.clone(),
        runs: Vec::new(),
        quote_depth: b.quote_depth,
        list_depth: b.list_depth,
        container: b.container,
        in_details: b.in_details,
        after_break: b.after_break,
        footnote: b.footnote,
        run_in: None,
        strong_open: false,
    }
}

/// What kind of non-prose range [`Document::markup`] holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkupKind {
    FrontMatter,
    CodeBlock,
    InlineCode,
    Html,
    Template,
}

impl MarkupKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MarkupKind::FrontMatter => "front-matter",
            MarkupKind::CodeBlock => "code-block",
            MarkupKind::InlineCode => "inline-code",
            MarkupKind::Html => "html",
            MarkupKind::Template => "template",
        }
    }
}

/// A range of the file that is not prose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Markup {
    pub range: Range<usize>,
    pub kind: MarkupKind,
}

impl Document {
    /// Parse Markdown. Never fails: any string is some document.
    pub fn parse(source: impl Into<String>) -> Document {
        let source: String = source.into();
        let mut comments = Vec::new();
        let front_matter = front_matter::detect(&source);
        let base = front_matter.as_ref().map_or(0, |f| f.range.end);
        let mut p = Parse::default();
        if let Some(fm) = &front_matter {
            p.markup.push(Markup {
                range: fm.range.clone(),
                kind: MarkupKind::FrontMatter,
            });
        }
        // Consecutive HTML events (an HTML block comes one line per event), scanned for
        // comments as one piece so that a comment may span lines.
        let mut html: Option<Range<usize>> = None;

        for (event, range) in Parser::new_ext(&source[base..], options()).into_offset_iter() {
            let range = range.start + base..range.end + base;
            if !matches!(event, Event::Html(_) | Event::InlineHtml(_))
                && let Some(h) = html.take()
            {
                collect_comments(&source, h, &mut comments);
            }
            match event {
                Event::Start(tag) => match tag {
                    Tag::Paragraph | Tag::Heading { .. } | Tag::TableCell => {
                        let kind = match tag {
                            Tag::Heading { level, .. } => BlockKind::Heading(level as u8),
                            Tag::TableCell => BlockKind::TableCell,
                            _ if p.item_depth > 0 => BlockKind::ListItem,
                            _ => BlockKind::Paragraph,
                        };
                        p.start(&source, kind, range);
                    }
                    Tag::Item => {
                        p.item_depth = p.item_depth.saturating_add(1);
                        // Tight list items carry their text without a paragraph.
                        p.start(&source, BlockKind::ListItem, range);
                    }
                    Tag::List(_) => {
                        p.finish(&source);
                        p.list_depth = p.list_depth.saturating_add(1);
                    }
                    Tag::BlockQuote(_) => {
                        p.finish(&source);
                        p.quote_depth = p.quote_depth.saturating_add(1);
                    }
                    Tag::FootnoteDefinition(_) => {
                        p.finish(&source);
                        p.footnote_next = true;
                    }
                    Tag::Image { .. } => {
                        let outer = p.current.take();
                        p.suspended.push(outer);
                        p.current = Some(Builder {
                            kind: BlockKind::AltText,
                            outer: range,
                            runs: Vec::new(),
                            quote_depth: p.quote_depth,
                            list_depth: p.list_depth,
                            container: p.containers.current(),
                            in_details: p.containers.in_details(),
                            after_break: false,
                            footnote: false,
                            run_in: None,
                            strong_open: false,
                        });
                    }
                    Tag::Strong => {
                        if let Some(b) = p.current.as_mut()
                            && b.kind == BlockKind::Paragraph
                            && b.runs.is_empty()
                            && b.outer.start == range.start
                        {
                            b.strong_open = true;
                        }
                    }
                    Tag::Link { .. } => p.links.push(range),
                    Tag::CodeBlock(_) | Tag::HtmlBlock => {
                        p.finish(&source);
                        p.skip_depth += 1;
                        let kind = if matches!(tag, Tag::CodeBlock(_)) {
                            MarkupKind::CodeBlock
                        } else {
                            MarkupKind::Html
                        };
                        p.markup.push(Markup { range, kind });
                    }
                    _ => {}
                },
                Event::End(tag) => match tag {
                    TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell => p.finish(&source),
                    TagEnd::Item => {
                        p.finish(&source);
                        p.item_depth = p.item_depth.saturating_sub(1);
                    }
                    TagEnd::List(_) => {
                        p.list_depth = p.list_depth.saturating_sub(1);
                        p.interrupted = true;
                    }
                    TagEnd::Table => p.interrupted = true,
                    TagEnd::BlockQuote(_) => {
                        p.finish(&source);
                        p.quote_depth = p.quote_depth.saturating_sub(1);
                    }
                    TagEnd::FootnoteDefinition => {
                        p.finish(&source);
                        p.footnote_next = false;
                    }
                    TagEnd::Image => {
                        if let Some(b) = p.current.take() {
                            p.push_block(&source, b);
                        }
                        p.current = p.suspended.pop().flatten();
                    }
                    TagEnd::Strong => {
                        if let Some(b) = p.current.as_mut()
                            && std::mem::take(&mut b.strong_open)
                        {
                            run_in_end(&source, b, range.end);
                        }
                    }
                    TagEnd::CodeBlock | TagEnd::HtmlBlock => {
                        p.skip_depth = p.skip_depth.saturating_sub(1);
                        p.interrupted = true;
                    }
                    _ => {}
                },
                Event::Text(text) => {
                    if p.skip_depth > 0 {
                        continue;
                    }
                    if let Some(b) = p.current.as_mut() {
                        let run = text_run(&source, &text, range);
                        let raw = &source[run.clone()];
                        if raw.len() > text.len() && raw.starts_with('&') && raw.ends_with(';') {
                            p.entities.push((run.clone(), text.to_string()));
                        }
                        b.push_run(run);
                    }
                }
                Event::Code(_) => {
                    p.markup.push(Markup {
                        range: range.clone(),
                        kind: MarkupKind::InlineCode,
                    });
                    if p.skip_depth == 0
                        && let Some(b) = p.current.as_mut()
                    {
                        b.push_run(range.clone());
                        p.placeholders.push(range);
                    }
                }
                Event::Html(_) | Event::InlineHtml(_) => {
                    if matches!(event, Event::Html(_)) {
                        p.containers.read(&source[range.clone()]);
                    } else {
                        p.markup.push(Markup {
                            range: range.clone(),
                            kind: MarkupKind::Html,
                        });
                    }
                    html = Some(match html.take() {
                        Some(h) => h.start.min(range.start)..h.end.max(range.end),
                        None => range,
                    });
                }
                _ => {}
            }
        }
        if let Some(h) = html.take() {
            collect_comments(&source, h, &mut comments);
        }
        p.finish(&source);
        let Parse {
            mut blocks,
            mut markup,
            mut placeholders,
            entities,
            links,
            ..
        } = p;

        // Template syntax: never prose; inside a sentence, a printing span stands for a word.
        markup.sort_by_key(|m| m.range.start);
        let skip: Vec<Range<usize>> = markup
            .iter()
            .filter(|m| {
                matches!(
                    m.kind,
                    MarkupKind::FrontMatter | MarkupKind::CodeBlock | MarkupKind::InlineCode
                )
            })
            .map(|m| m.range.clone())
            .collect();
        let templates = markup::template_spans(&source, &skip);
        if !templates.is_empty() {
            apply_templates(&source, &mut blocks, &templates, &mut placeholders);
            markup.extend(templates.iter().map(|t| Markup {
                range: t.range.clone(),
                kind: MarkupKind::Template,
            }));
            markup.sort_by_key(|m| m.range.start);
        }
        blocks.sort_by_key(|b| b.range.start);

        let mut prose: Vec<u8> = source
            .bytes()
            .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' })
            .collect();
        for block in &blocks {
            for run in &block.runs {
                prose[run.clone()].copy_from_slice(&source.as_bytes()[run.clone()]);
            }
        }
        // Inline code and printing templates: one placeholder byte each, so that they stay
        // one word of their sentence.
        for r in &placeholders {
            let mut at = r.start;
            for c in source[r.clone()].chars() {
                let n = c.len_utf8();
                code_char(n).encode_utf8(&mut prose[at..at + n]);
                at += n;
            }
        }
        // A character reference reads as the character it stands for, then spaces.
        for (r, text) in &entities {
            if prose[r.start] == b'&' {
                prose[r.clone()].fill(b' ');
                prose[r.start..r.start + text.len()].copy_from_slice(text.as_bytes());
            }
        }
        // Runs start and end on char boundaries of valid UTF-8, and every other byte is ASCII.
        let prose = String::from_utf8(prose).unwrap_or_else(|e| {
            String::from_utf8_lossy(e.as_bytes())
                .chars()
                .map(|c| if c.is_ascii() { c } else { ' ' })
                .collect()
        });

        let lines = LineIndex::new(&source);
        let analysis = Analysis::new(&prose, &blocks, &links);
        let mut doc = Document {
            source,
            prose,
            lines,
            front_matter,
            title: None,
            blocks,
            comments,
            markup,
            links,
            analysis,
        };
        doc.title = doc.find_title();
        doc
    }

    /// Whether byte `at` lies inside a link (its text or its destination).
    pub fn in_link(&self, at: usize) -> bool {
        let k = self.links.partition_point(|l| l.start <= at);
        k > 0 && self.links[k - 1].end > at
    }

    fn find_title(&self) -> Option<Title> {
        if let Some(fm) = &self.front_matter
            && let Some(r) = fm.title.clone()
            && !self.source[r.clone()].trim().is_empty()
        {
            return Some(Title {
                range: r,
                source: TitleSource::FrontMatter,
                block: None,
            });
        }
        if let Some(i) = self
            .blocks
            .iter()
            .position(|b| b.kind == BlockKind::Heading(1))
        {
            return Some(Title {
                range: self.blocks[i].range.clone(),
                source: TitleSource::FirstHeading,
                block: Some(i),
            });
        }
        // A first line that stands alone: one short line, no closing stop, more text after.
        let first = self.blocks.first()?;
        let text = &self.source[first.range.clone()];
        let words = text.split_whitespace().count();
        if first.kind == BlockKind::Paragraph
            && first.quote_depth == 0
            && self.blocks.len() > 1
            && !text.contains('\n')
            && (2..=25).contains(&words)
            && !text.trim_end().ends_with(['.', ':', ';', ',', '”', '"'])
        {
            return Some(Title {
                range: first.range.clone(),
                source: TitleSource::FirstLine,
                block: Some(0),
            });
        }
        None
    }

    /// The headline text, if the draft has one.
    pub fn title_text(&self) -> Option<&str> {
        self.title.as_ref().map(|t| &self.source[t.range.clone()])
    }

    /// Whether the document holds code (a code block or an inline code span): technical
    /// writing.
    pub fn has_code(&self) -> bool {
        self.markup
            .iter()
            .any(|m| matches!(m.kind, MarkupKind::InlineCode | MarkupKind::CodeBlock))
    }

    /// The index of the headline block, which is not part of the body.
    pub fn title_block(&self) -> Option<usize> {
        self.title.as_ref().and_then(|t| t.block)
    }

    /// Body blocks: all blocks but the headline.
    pub fn body_blocks(&self) -> impl Iterator<Item = (usize, &Block)> {
        let title = self.title_block();
        self.blocks
            .iter()
            .enumerate()
            .filter(move |(i, _)| Some(*i) != title)
    }

    /// An edit deleting the whole lines that blocks `first..=last` occupy (top-level blocks
    /// only, and only when those lines hold nothing else), with the blank lines after them.
    pub fn delete_blocks(&self, first: usize, last: usize) -> Option<crate::diagnostic::Edit> {
        let (a, b) = (self.blocks.get(first)?, self.blocks.get(last)?);
        if self.blocks[first..=last]
            .iter()
            .any(|x| x.quote_depth > 0 || x.list_depth > 0 && x.kind != BlockKind::ListItem)
        {
            return None;
        }
        let src = &self.source;
        let from = a.outer.start.min(a.range.start);
        let to = b.outer.end.max(b.range.end);
        let start = self.lines.line_start(self.lines.line_of(from));
        let last_line = self.lines.line_of(to.saturating_sub(1).max(from));
        let mut end = if last_line + 1 < self.lines.line_starts().len() {
            self.lines.line_start(last_line + 1)
        } else {
            src.len()
        };
        // Nothing else may share those lines.
        let prefix = src[start..from].trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '#' | '-' | '*' | '+' | '>')
        });
        if !prefix.is_empty()
            || self.blocks.iter().any(|x| {
                x.range.start < end
                    && x.range.end > start
                    && (x.range.start < from || x.range.end > to)
            })
        {
            return None;
        }
        while end < src.len() {
            let next = src[end..].find('\n').map_or(src.len(), |n| end + n + 1);
            if src[end..next].trim().is_empty() {
                end = next;
            } else {
                break;
            }
        }
        Some(crate::diagnostic::Edit {
            range: start..end,
            replacement: String::new(),
        })
    }

    /// The prose text of a byte range (markup blanked).
    pub fn prose_text(&self, range: Range<usize>) -> &str {
        &self.prose[range]
    }
}

/// At the end of a bold span that opened the paragraph `b`: where a run-in heading would end
/// (after a stop inside the bold, or a stop or colon right after it).
fn run_in_end(source: &str, b: &mut Builder, strong_end: usize) {
    let (Some(first), Some(last)) = (b.runs.first(), b.runs.last()) else {
        return;
    };
    let inner = source[first.start..last.end].trim_end();
    if inner.ends_with(['.', ':', '!', '?']) {
        b.run_in = Some((strong_end, true));
    } else if source[strong_end..].starts_with(['.', ':'])
        && source[strong_end + 1..].starts_with(char::is_whitespace)
    {
        b.run_in = Some((strong_end + 1, true));
    } else {
        b.run_in = Some((strong_end, false));
    }
}

/// Cut template spans out of the blocks' prose. A span inside a sentence that prints
/// something (prose before it that is not the end of a sentence, prose after it) stays
/// as one placeholder word; a block left with no prose is dropped.
fn apply_templates(
    source: &str,
    blocks: &mut Vec<Block>,
    templates: &[markup::Template],
    placeholders: &mut Vec<Range<usize>>,
) {
    let cuts: Vec<Range<usize>> = templates.iter().map(|t| t.range.clone()).collect();
    let has_word = |r: &Range<usize>| source[r.clone()].contains(char::is_alphanumeric);
    blocks.retain_mut(|b| {
        let lo = templates.partition_point(|t| t.range.end <= b.range.start);
        let hi = templates.partition_point(|t| t.range.start < b.range.end);
        if lo >= hi {
            return true;
        }
        let before = b.runs.clone();
        markup::subtract(&mut b.runs, &cuts[lo..hi]);
        for t in &templates[lo..hi] {
            if !t.inline_word {
                continue;
            }
            let prose_before = before
                .iter()
                .filter(|r| r.start < t.range.start)
                .map(|r| r.start..r.end.min(t.range.start))
                .filter(|r| !r.is_empty())
                .collect::<Vec<_>>();
            let open_sentence = prose_before.iter().rev().find_map(|r| {
                source[r.clone()]
                    .trim_end()
                    .chars()
                    .next_back()
                    .map(|c| !matches!(c, '.' | '!' | '?' | ':'))
            });
            let prose_after = b.runs.iter().any(|r| r.start >= t.range.end && has_word(r));
            if open_sentence == Some(true) && prose_before.iter().any(has_word) && prose_after {
                let at = b.runs.partition_point(|r| r.start < t.range.start);
                b.runs.insert(at, t.range.clone());
                placeholders.push(t.range.clone());
            }
        }
        if !b.runs.iter().any(has_word) {
            return false;
        }
        b.range = b.runs[0].start..b.runs[b.runs.len() - 1].end;
        true
    });
}

/// The byte range of a text event that is really prose. A backslash escape keeps only the
/// escaped character; everything else is taken as the source has it.
fn text_run(source: &str, text: &str, range: Range<usize>) -> Range<usize> {
    let raw = &source[range.clone()];
    if raw.len() != text.len() && raw.starts_with('\\') && raw.len() > 1 {
        return range.start + 1..range.end;
    }
    range
}

fn collect_comments(source: &str, range: Range<usize>, out: &mut Vec<Comment>) {
    let html = &source[range.clone()];
    let mut from = 0;
    while let Some(open) = html[from..].find("<!--") {
        let start = from + open;
        let body_start = start + 4;
        let Some(close) = html[body_start..].find("-->") else {
            break;
        };
        let body_end = body_start + close;
        let raw = &html[body_start..body_end];
        // Trail measured after the lead is gone: a blank body ("<!-- -->") is empty, not
        // inverted.
        let lead = raw.len() - raw.trim_start().len();
        let trail = raw.trim_start().len() - raw.trim().len();
        out.push(Comment {
            range: range.start + start..range.start + body_end + 3,
            body: range.start + body_start + lead..range.start + body_end - trail,
        });
        from = body_end + 3;
    }
}

#[cfg(test)]
mod tests;
