use std::sync::OnceLock;

use regex::Regex;
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
    #[serde(default)]
    test: Vec<RawTest>,
}

#[derive(Deserialize)]
struct RawPhrase {
    text: Option<String>,
    pattern: Option<String>,
    kind: String,
    #[serde(rename = "match", default)]
    mode: Option<String>,
}

#[derive(Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
struct RawTest {
    block: String,
    expect: String,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Block,
    Start,
    Anywhere,
}

struct Phrase {
    /// The phrase, folded (empty for patterns).
    text: String,
    pattern: Option<Regex>,
    kind: String,
    mode: Mode,
}

const PHRASES: &str = include_str!("../../rules/boilerplate.toml");

fn load() -> Result<(Vec<Phrase>, Vec<RawTest>), String> {
    let file: PhraseFile = toml::from_str(PHRASES).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for p in file.phrase {
        let mode = match p.mode.as_deref() {
            Some("start") => Mode::Start,
            Some("anywhere") => Mode::Anywhere,
            None | Some("block") => Mode::Block,
            Some(other) => return Err(format!("unknown match mode `{other}`")),
        };
        let pattern = match &p.pattern {
            Some(re) => Some(Regex::new(re).map_err(|e| e.to_string())?),
            None => None,
        };
        let text = p.text.as_deref().map(|t| strip(&fold(&collapse(t)), mode));
        if text.is_none() == pattern.is_none() {
            return Err(format!(
                "an entry of kind `{}` needs text or pattern",
                p.kind
            ));
        }
        out.push(Phrase {
            text: text.unwrap_or_default(),
            pattern,
            kind: p.kind,
            mode,
        });
    }
    Ok((out, file.test))
}

fn phrases() -> &'static [Phrase] {
    static P: OnceLock<Vec<Phrase>> = OnceLock::new();
    // The built-in list is checked by a unit test; a broken list disables the rule, never panics.
    P.get_or_init(|| load().map(|(p, _)| p).unwrap_or_default())
}

/// Trimmed, with runs of white space as one space, curly quotes straight.
fn collapse(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| match c {
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            c => c,
        })
        .collect()
}

fn fold(s: &str) -> String {
    s.to_lowercase()
}

/// Decoration that "block" phrases ignore at either end.
fn strip(s: &str, mode: Mode) -> String {
    let s = s.trim_start_matches(|c: char| c.is_whitespace() || "•·«‹←|-–—".contains(c));
    if mode != Mode::Block {
        return s.to_string();
    }
    s.trim_end_matches(|c: char| c.is_whitespace() || ".:;,!?…*»›→>|-–—".contains(c))
        .to_string()
}

fn boundary(c: Option<char>) -> bool {
    c.is_none_or(|c| !c.is_alphanumeric())
}

fn matches(p: &Phrase, folded: &str, collapsed: &str) -> bool {
    if let Some(re) = &p.pattern {
        return re.is_match(collapsed);
    }
    match p.mode {
        Mode::Block => strip(folded, Mode::Block) == p.text,
        Mode::Start => {
            let b = strip(folded, Mode::Start);
            b.starts_with(&p.text) && boundary(b[p.text.len()..].chars().next())
        }
        Mode::Anywhere => folded.match_indices(&p.text).any(|(i, m)| {
            boundary(folded[..i].chars().next_back())
                && boundary(folded[i + m.len()..].chars().next())
        }),
    }
}

/// The residue kind of a text, if it is residue.
fn classify(raw: &str) -> Option<&'static str> {
    let collapsed = collapse(raw);
    let folded = fold(&collapsed);
    phrases()
        .iter()
        .find(|p| matches(p, &folded, &collapsed))
        .map(|p| p.kind.as_str())
}

/// The residue kind of a block, if it is residue.
fn residue(doc: &Document, block: usize) -> Option<&'static str> {
    let b = &doc.blocks[block];
    if b.kind == BlockKind::AltText {
        return None;
    }
    classify(&doc.prose[b.range.clone()])
}

/// Is block `bio` a short paragraph about the author named in block `box_line` ("... by Name")?
fn is_bio(doc: &Document, bio: usize, box_line: usize) -> bool {
    let b = &doc.blocks[bio];
    if b.kind != BlockKind::Paragraph {
        return false;
    }
    let text = collapse(&doc.prose[b.range.clone()]);
    let line = collapse(&doc.prose[doc.blocks[box_line].range.clone()]);
    let Some((_, after)) = line.split_once(" by ") else {
        return false;
    };
    let name: String = after
        .chars()
        .take_while(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '-'))
        .collect();
    let name = name.trim();
    name.split(' ').count() >= 2 && text.starts_with(name) && text.split(' ').count() <= 80
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
        "media" => "a media player or reading-time label",
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
            // An author box takes in the author's bio just before it ("Dana Lee covers
            // courts..." above "See all stories by Dana Lee").
            if kind == "author-box"
                && first > 0
                && kinds[first - 1].is_none()
                && is_bio(doc, first - 1, first)
            {
                first -= 1;
            }
            // An author box starts at its "About ..." heading.
            if kind == "author-box" {
                let mut j = first;
                while j > 0 && first - j < 3 && kinds[j - 1].is_none() {
                    j -= 1;
                    let b = &doc.blocks[j];
                    if b.is_heading() {
                        if fold(&collapse(&doc.prose[b.range.clone()])).starts_with("about ") {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_phrase_list_loads_and_its_own_cases_pass() {
        let (phrases, tests) = load().expect("rules/boilerplate.toml is valid");
        assert!(phrases.len() > 50);
        let mut failures = Vec::new();
        for t in &tests {
            let got = classify(&t.block).unwrap_or("");
            if got != t.expect {
                failures.push(format!(
                    "{:?}: expected {:?}, got {got:?}",
                    t.block, t.expect
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
