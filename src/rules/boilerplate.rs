use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use super::{Context, Rule, RuleDoc, on};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::{BlockKind, Document};

pub struct Boilerplate;

static DOC: RuleDoc = RuleDoc {
    id: "boilerplate",
    summary: "CMS and template residue pasted into the draft (comment forms, share bars, ...)",
    default: on(Severity::Error),
    flags: "Blocks that are residue of a content-management system or page template: comment \
            forms (\"Leave a Reply\", \"Your email address will not be published\"), author \
            boxes (\"View all posts by ...\"), share bars, \"Related posts\" blocks with their \
            list of headlines, advertisement markers, tag and category lines, \"Continue \
            reading\", newsletter and cookie prompts. A run of residue blocks of one kind is \
            one finding covering its extent. The phrase list is data: `rules/boilerplate.toml`.",
    why: "Residue copied from a web page along with the article tells readers the story was \
          lifted, not written, and breaks the page it is published on.",
    example: "The museum reopens on Saturday.\n\n## Leave a Reply\n\n\
              Your email address will not be published. Required fields are marked *\n",
    instead: "Delete the residue; the publishing system adds its own furniture.",
    fix: "Deletes the residue blocks (unsafe: check that no sentence of the article goes with \
          them).",
};

#[derive(Deserialize)]
struct PhraseFile {
    phrase: Vec<RawPhrase>,
}

#[derive(Deserialize)]
struct RawPhrase {
    text: Option<String>,
    pattern: Option<String>,
    kind: String,
    #[serde(rename = "match", default)]
    mode: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Block,
    Start,
    Anywhere,
}

struct Phrase {
    /// Folded phrase text (empty for patterns).
    text: String,
    pattern: Option<Regex>,
    kind: String,
    mode: Mode,
}

const PHRASES: &str = include_str!("../../rules/boilerplate.toml");

fn phrases() -> &'static [Phrase] {
    static P: OnceLock<Vec<Phrase>> = OnceLock::new();
    P.get_or_init(|| {
        // The built-in list is checked by a test; a broken entry is skipped, never a panic.
        let Ok(file) = toml::from_str::<PhraseFile>(PHRASES) else {
            return Vec::new();
        };
        file.phrase
            .into_iter()
            .filter_map(|p| {
                let mode = match p.mode.as_deref() {
                    Some("start") => Mode::Start,
                    Some("anywhere") => Mode::Anywhere,
                    _ => Mode::Block,
                };
                let pattern = match &p.pattern {
                    Some(re) => Some(RegexBuilder::new(re).case_insensitive(true).build().ok()?),
                    None => None,
                };
                Some(Phrase {
                    text: p.text.as_deref().map(normalize).unwrap_or_default(),
                    pattern,
                    kind: p.kind,
                    mode,
                })
            })
            .collect()
    })
}

/// Lower case, straight quotes, single spaces, no decoration at either end.
fn normalize(s: &str) -> String {
    let folded: String = s
        .chars()
        .map(|c| match c {
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect();
    let joined = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    joined
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '?' && c != '(' && c != ')')
        .to_string()
}

fn matches(p: &Phrase, norm: &str, raw: &str) -> bool {
    if let Some(re) = &p.pattern {
        return re.is_match(raw.trim());
    }
    if p.text.is_empty() {
        return false;
    }
    match p.mode {
        Mode::Block => norm == p.text,
        Mode::Start => {
            norm.starts_with(&p.text)
                && norm[p.text.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        }
        Mode::Anywhere => norm.contains(&p.text),
    }
}

/// The residue kind of a block, if it is residue.
fn residue(doc: &Document, block: usize) -> Option<&'static str> {
    let b = &doc.blocks[block];
    if b.kind == BlockKind::AltText {
        return None;
    }
    let raw = &doc.prose[b.range.clone()];
    let norm = normalize(raw);
    phrases()
        .iter()
        .find(|p| matches(p, &norm, raw))
        .map(|p| p.kind.as_str())
}

fn describe(kind: &str) -> &'static str {
    match kind {
        "comment-form" => "a comment form",
        "author-box" => "an author box",
        "share-bar" => "a share bar",
        "related" => "a related-content block",
        "advert" => "an advertisement marker",
        "tags" => "a tag or category line",
        "newsletter" => "a newsletter prompt",
        "cookie" => "a cookie prompt",
        "paywall" => "a paywall prompt",
        "navigation" => "page navigation",
        "copyright" => "a copyright footer",
        _ => "template text",
    }
}

impl Rule for Boilerplate {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let n = doc.blocks.len();
        let kinds: Vec<Option<&'static str>> = (0..n).map(|i| residue(doc, i)).collect();
        let mut i = 0;
        while i < n {
            let Some(kind) = kinds[i] else {
                i += 1;
                continue;
            };
            let mut first = i;
            let mut last = i;
            // Merge the run of residue blocks of the same kind.
            while last + 1 < n && kinds[last + 1] == Some(kind) {
                last += 1;
            }
            // A related-content heading carries its list of headlines.
            if kind == "related" && doc.blocks[last].is_heading() {
                while last + 1 < n
                    && kinds[last + 1].is_none()
                    && doc.blocks[last + 1].kind == BlockKind::ListItem
                {
                    last += 1;
                }
            }
            // An author box starts at its "About ..." heading.
            if kind == "author-box" {
                let mut j = first;
                while j > 0 && first - j < 3 && kinds[j - 1].is_none() {
                    j -= 1;
                    let b = &doc.blocks[j];
                    if b.is_heading() {
                        if normalize(&doc.prose[b.range.clone()]).starts_with("about ") {
                            first = j;
                        }
                        break;
                    }
                }
            }
            let range = doc.blocks[first].range.start..doc.blocks[last].range.end;
            let mut d = Diagnostic::new(
                DOC.id,
                range,
                format!(
                    "{} from a web page template is left in the draft",
                    describe(kind)
                ),
            )
            .help("delete it: the publishing system adds its own page furniture");
            if let Some(edit) = doc.delete_blocks(first, last) {
                d = d.fix("delete the residue", Applicability::Unsafe, vec![edit]);
            }
            out.push(d);
            i = last + 1;
        }
    }
}
