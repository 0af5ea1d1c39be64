//! Markdown to [`Document`]: blocks of prose with exact byte ranges, front matter and headline.
//!
//! Offsets come only from pulldown-cmark's offset iterator; text is never searched again.
//! The *prose view* is a copy of the source of the same byte length in which every byte that
//! is not prose (markup, code, HTML, link destinations) is an ASCII space and newlines are
//! kept, so every offset in the prose view is an offset in the file.

mod analysis;
mod front_matter;
mod lines;

use std::ops::Range;

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

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
}

impl BlockKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Heading(_) => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem => "list-item",
            BlockKind::TableCell => "table-cell",
            BlockKind::AltText => "alt-text",
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
}

impl Block {
    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading(_))
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
    /// Sentences and tokens of every block.
    pub analysis: Analysis,
}

struct Builder {
    kind: BlockKind,
    outer: Range<usize>,
    runs: Vec<Range<usize>>,
    quote_depth: u16,
    list_depth: u16,
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
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

impl Document {
    /// Parse Markdown. Never fails: any string is some document.
    pub fn parse(source: impl Into<String>) -> Document {
        let source: String = source.into();
        let mut blocks: Vec<Block> = Vec::new();
        let mut comments = Vec::new();
        let mut front_matter = None;

        let mut current: Option<Builder> = None;
        // Blocks interrupted by an image's alt text, restored when the image ends.
        let mut suspended: Vec<Option<Builder>> = Vec::new();
        let mut quote_depth: u16 = 0;
        let mut list_depth: u16 = 0;
        let mut item_depth: u16 = 0;
        let mut skip_depth: u32 = 0; // inside code blocks, HTML blocks, metadata
        let mut metadata: Option<(MetadataBlockKind, Range<usize>)> = None;
        // Consecutive HTML events (an HTML block comes one line per event), scanned for
        // comments as one piece so that a comment may span lines.
        let mut html: Option<Range<usize>> = None;

        let finish = |b: Option<Builder>, blocks: &mut Vec<Block>| {
            if let Some(b) = b
                && let (Some(first), Some(last)) = (b.runs.first(), b.runs.last())
            {
                blocks.push(Block {
                    kind: b.kind,
                    range: first.start..last.end,
                    outer: b.outer,
                    runs: b.runs,
                    quote_depth: b.quote_depth,
                    list_depth: b.list_depth,
                });
            }
        };

        for (event, range) in Parser::new_ext(&source, options()).into_offset_iter() {
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
                            _ if item_depth > 0 => BlockKind::ListItem,
                            _ => BlockKind::Paragraph,
                        };
                        finish(current.take(), &mut blocks);
                        current = Some(Builder {
                            kind,
                            outer: range,
                            runs: Vec::new(),
                            quote_depth,
                            list_depth,
                        });
                    }
                    Tag::Item => {
                        finish(current.take(), &mut blocks);
                        item_depth = item_depth.saturating_add(1);
                        // Tight list items carry their text without a paragraph.
                        current = Some(Builder {
                            kind: BlockKind::ListItem,
                            outer: range,
                            runs: Vec::new(),
                            quote_depth,
                            list_depth,
                        });
                    }
                    Tag::List(_) => {
                        finish(current.take(), &mut blocks);
                        list_depth = list_depth.saturating_add(1);
                    }
                    Tag::BlockQuote(_) => {
                        finish(current.take(), &mut blocks);
                        quote_depth = quote_depth.saturating_add(1);
                    }
                    Tag::Image { .. } => {
                        suspended.push(current.take());
                        current = Some(Builder {
                            kind: BlockKind::AltText,
                            outer: range,
                            runs: Vec::new(),
                            quote_depth,
                            list_depth,
                        });
                    }
                    Tag::CodeBlock(_) | Tag::HtmlBlock => {
                        finish(current.take(), &mut blocks);
                        skip_depth += 1;
                    }
                    Tag::MetadataBlock(kind) => {
                        skip_depth += 1;
                        metadata = Some((kind, range));
                    }
                    _ => {}
                },
                Event::End(tag) => match tag {
                    TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell => {
                        finish(current.take(), &mut blocks);
                    }
                    TagEnd::Item => {
                        finish(current.take(), &mut blocks);
                        item_depth = item_depth.saturating_sub(1);
                    }
                    TagEnd::List(_) => list_depth = list_depth.saturating_sub(1),
                    TagEnd::BlockQuote(_) => {
                        finish(current.take(), &mut blocks);
                        quote_depth = quote_depth.saturating_sub(1);
                    }
                    TagEnd::Image => {
                        finish(current.take(), &mut blocks);
                        current = suspended.pop().flatten();
                    }
                    TagEnd::CodeBlock | TagEnd::HtmlBlock => {
                        skip_depth = skip_depth.saturating_sub(1);
                    }
                    TagEnd::MetadataBlock(_) => {
                        skip_depth = skip_depth.saturating_sub(1);
                    }
                    _ => {}
                },
                Event::Text(text) => {
                    if let Some((kind, outer)) = &metadata
                        && skip_depth > 0
                    {
                        front_matter = Some(FrontMatter::new(&source, *kind, outer.clone(), range));
                        continue;
                    }
                    if skip_depth > 0 {
                        continue;
                    }
                    if let Some(b) = current.as_mut() {
                        b.push_run(text_run(&source, &text, range));
                    }
                }
                Event::Html(_) | Event::InlineHtml(_) => {
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
        finish(current.take(), &mut blocks);
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
        // Runs start and end on char boundaries of valid UTF-8, and every other byte is ASCII.
        let prose = String::from_utf8(prose).unwrap_or_else(|e| {
            String::from_utf8_lossy(e.as_bytes())
                .chars()
                .map(|c| if c.is_ascii() { c } else { ' ' })
                .collect()
        });

        let lines = LineIndex::new(&source);
        let analysis = Analysis::new(&prose, &blocks);
        let mut doc = Document {
            source,
            prose,
            lines,
            front_matter,
            title: None,
            blocks,
            comments,
            analysis,
        };
        doc.title = doc.find_title();
        doc
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
