//! `galley inspect`: the analysis as a rule sees it, for rule authors and for measuring.

use std::io::Read;

use serde::Serialize;

use crate::cli::{InspectArgs, InspectFormat};
use crate::discover::decode;
use crate::document::Document;
use crate::language::lexicon;
use crate::text::tokens::TokenKind;

#[derive(Serialize)]
pub struct Inspection {
    pub path: String,
    /// The headline, when the draft has one.
    pub title: Option<String>,
    pub blocks: Vec<BlockOut>,
    /// The ranges that are not prose: front matter, code, HTML, template syntax.
    pub markup: Vec<MarkupOut>,
    pub sentences: Vec<SentenceOut>,
}

#[derive(Serialize)]
pub struct MarkupOut {
    /// `front-matter`, `code-block`, `inline-code`, `html` or `template`.
    pub kind: &'static str,
    pub byte_start: usize,
    pub byte_end: usize,
    pub text: String,
}

#[derive(Serialize)]
pub struct BlockOut {
    pub kind: &'static str,
    /// Heading level, for headings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    pub byte_start: usize,
    pub byte_end: usize,
    pub quote_depth: u16,
    pub list_depth: u16,
    /// The innermost HTML container element around the block (`details`, `div`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container: Option<&'static str>,
    /// The block's first sentence continues the one before a code block, list, image or
    /// HTML block (or it is a footnote definition).
    pub continues: bool,
}

#[derive(Serialize)]
pub struct SentenceOut {
    pub byte_start: usize,
    pub byte_end: usize,
    /// Index into `blocks`.
    pub block: usize,
    pub text: String,
    pub tokens: Vec<TokenOut>,
}

#[derive(Serialize)]
pub struct TokenOut {
    pub text: String,
    pub byte_start: usize,
    pub byte_end: usize,
    pub kind: &'static str,
    pub upos: &'static str,
    pub xpos: &'static str,
    pub finite: bool,
    /// The head of the token in the dependency parse: its position among the sentence's
    /// tokens counted from 1, or 0 when the token is the root.
    pub head: u16,
    /// The token's Universal Dependencies relation to its head ("nsubj", "root", ...).
    pub deprel: &'static str,
    /// Lexicon classes ("VB", "NN", ...); empty for a word the lexicon does not know.
    pub lexicon: Vec<&'static str>,
    /// SCOWL size level (10 most common); absent for unknown words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<u8>,
    /// The verb bases this form inflects.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub verb_bases: Vec<&'static str>,
}

/// Analyse a document the way rules see it.
pub fn inspect(path: &str, doc: &Document) -> Inspection {
    let a = &doc.analysis;
    let tags = a.tags(&doc.prose);
    let blocks = doc
        .blocks
        .iter()
        .map(|b| BlockOut {
            kind: b.kind.as_str(),
            level: match b.kind {
                crate::document::BlockKind::Heading(l) => Some(l),
                _ => None,
            },
            byte_start: b.range.start,
            byte_end: b.range.end,
            quote_depth: b.quote_depth,
            list_depth: b.list_depth,
            container: b.container,
            continues: b.continues,
        })
        .collect();
    let markup = doc
        .markup
        .iter()
        .map(|m| MarkupOut {
            kind: m.kind.as_str(),
            byte_start: m.range.start,
            byte_end: m.range.end,
            text: doc.source[m.range.clone()].to_string(),
        })
        .collect();
    let sentences = a
        .sentences
        .iter()
        .enumerate()
        .map(|(si, s)| SentenceOut {
            byte_start: s.range.start,
            byte_end: s.range.end,
            block: s.block,
            text: doc.source[s.range.clone()].to_string(),
            tokens: s
                .tokens
                .clone()
                .map(|i| {
                    let t = a.tokens[i];
                    let arc = a.sentence_parse(&doc.prose, si).arcs[i - s.tokens.start];
                    // Code reads as the code it stands for.
                    let text = if t.kind == TokenKind::Code {
                        t.text(&doc.source)
                    } else {
                        t.text(&doc.prose)
                    };
                    let tag = tags[i];
                    let entry = lexicon::lookup_folded(text);
                    TokenOut {
                        text: text.to_string(),
                        byte_start: t.start,
                        byte_end: t.end,
                        kind: match t.kind {
                            TokenKind::Word => "word",
                            TokenKind::Number => "number",
                            TokenKind::Punct => "punct",
                            TokenKind::Symbol => "symbol",
                            TokenKind::Code => "code",
                        },
                        upos: tag.upos.as_str(),
                        xpos: tag.xpos.as_str(),
                        finite: tag.finite,
                        head: arc.head,
                        deprel: arc.deprel.as_str(),
                        lexicon: entry.map(|e| e.classes.names()).unwrap_or_default(),
                        rank: entry.map(|e| e.rank),
                        verb_bases: if t.kind == TokenKind::Word {
                            lexicon::verb_bases(text)
                        } else {
                            Vec::new()
                        },
                    }
                })
                .collect(),
        })
        .collect();
    Inspection {
        path: path.to_string(),
        title: doc.title_text().map(str::to_string),
        blocks,
        markup,
        sentences,
    }
}

/// A readable listing: each sentence, then one line per token: its position in the
/// sentence, byte range, text, tags, finiteness, the position of its head (0 for the root)
/// and its relation, and what the lexicon says of it.
pub fn human(i: &Inspection) -> String {
    let mut out = format!("{}\n", i.path);
    if let Some(t) = &i.title {
        out.push_str(&format!("headline: {t}\n"));
    }
    if !i.markup.is_empty() {
        out.push_str("\nnot prose:\n");
        for m in &i.markup {
            let text: String = m.text.chars().take(60).collect();
            let more = if text.len() < m.text.len() { "…" } else { "" };
            out.push_str(&format!(
                "  {:>6}..{:<6} {:<12} {}{}\n",
                m.byte_start,
                m.byte_end,
                m.kind,
                text.replace('\n', "⏎"),
                more
            ));
        }
    }
    for s in &i.sentences {
        let b = &i.blocks[s.block];
        let note = match (b.continues, b.container) {
            (true, Some(c)) => format!(" (continues; in <{c}>)"),
            (true, None) => " (continues)".to_string(),
            (false, Some(c)) => format!(" (in <{c}>)"),
            (false, None) => String::new(),
        };
        out.push_str(&format!(
            "\nsentence {}..{} in {} {}{}: {}\n",
            s.byte_start, s.byte_end, b.kind, s.block, note, s.text
        ));
        out.push_str(&format!(
            "  {:>3} {:>6}..{:<6} {:<16} {:<6} {:<5} {:<7} {:>3} {:<13} {}\n",
            "#", "bytes", "", "token", "upos", "xpos", "finite", "head", "deprel", "lexicon"
        ));
        for (k, t) in s.tokens.iter().enumerate() {
            out.push_str(&format!(
                "  {:>3} {:>6}..{:<6} {:<16} {:<6} {:<5} {:<7} {:>3} {:<13} {}{}\n",
                k + 1,
                t.byte_start,
                t.byte_end,
                t.text,
                t.upos,
                t.xpos,
                if t.finite { "finite" } else { "" },
                t.head,
                t.deprel,
                t.lexicon.join(","),
                t.rank.map(|r| format!(" (rank {r})")).unwrap_or_default(),
            ));
        }
    }
    out
}

pub fn run(args: &InspectArgs) -> crate::error::ExitStatus {
    let path = args.file.display().to_string();
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map(|_| buf)
            .map_err(|e| crate::discover::io_message(&e))
    } else {
        std::fs::read(&args.file).map_err(|e| crate::discover::io_message(&e))
    };
    let text = match bytes.and_then(decode) {
        Ok(t) => t,
        Err(msg) => {
            eprintln!("error: {path}: {msg}");
            return crate::error::ExitStatus::Trouble;
        }
    };
    let doc = Document::parse(text);
    let result = inspect(&path, &doc);
    match args.format {
        InspectFormat::Json => {
            println!(
                "{}",
                serde_json::to_string_pretty(&result).unwrap_or_default()
            );
        }
        InspectFormat::Human => print!("{}", human(&result)),
    }
    crate::error::ExitStatus::Ok
}
