use super::headline::{TitleHashes, Word, block_repeats_title, title_verbs, title_words, words};
use super::{Context, Rule, RuleDoc, on};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::{BlockKind, TitleSource};

pub struct RepeatedHeadline;

static DOC: RuleDoc = RuleDoc {
    id: "repeated-headline",
    summary: "the headline, most of it, or a leading piece of it repeated in the body",
    default: on(Severity::Error),
    flags: "A heading or paragraph in the body that repeats the headline (from the front \
            matter's `title`, the first level-one heading, or a first line standing alone as a \
            title). A paragraph must be the headline's words and no others (a lede that \
            restates the headline as a sentence of its own is normal). A heading may repeat all \
            of it, most of its words in order, or a leading piece of four words or more, with \
            the headline's capitals (a paste keeps them), when the headline is a clause with a \
            verb (\"Council Approves Budget\") or runs to eight words or more: a headline that \
            names a thing (\"The Harbour Regatta\") may title the section about it, and a \
            question heading (one that ends with a question mark or opens with a question word: \
            \"What we learned\") is the section that answers it.",
    why: "A repeated headline is the mark of a template or a paste gone wrong: the reader sees \
          the title twice, or a section heading that says nothing new.",
    example: "# Council Approves New Budget for City Schools\n\n\
              ## Council Approves New Budget for City Schools\n\n\
              The council voted 7-2 on Tuesday to raise spending on schools.\n",
    instead: "Delete the repeat, or write a section heading that says what the section is about.",
    fix: "Deletes the repeated block (unsafe: check that nothing else was meant to stand there).",
};

impl Rule for RepeatedHeadline {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let Some(title) = title_words(doc) else {
            return;
        };
        let Some(t) = doc.title.as_ref() else { return };
        let hashes = TitleHashes::new(&title, &doc.source);
        let mut seen_first_heading = false;
        // Whether the headline is a clause, asked only once a heading repeats it.
        let mut clause: Option<bool> = None;
        for (i, block) in doc.body_blocks() {
            if matches!(block.kind, BlockKind::AltText | BlockKind::TableCell) {
                continue;
            }
            let heading = block.is_heading();
            let Some(what) =
                block_repeats_title(&title, &hashes, &doc.prose, block.range.clone(), heading)
            else {
                if heading {
                    seen_first_heading = true;
                }
                continue;
            };
            // A heading restating a headline that names a thing titles the section about it;
            // a question heading ("What we learned") is the section that answers it; one that
            // changes the headline's capitals was written again, not pasted.
            if heading
                && (question(&doc.prose[block.range.clone()])
                    || !same_case(doc, &title, block.range.clone())
                    || !*clause.get_or_insert_with(|| title_verbs(doc, &title).contains(&true)))
            {
                seen_first_heading = true;
                continue;
            }
            // A draft whose front matter holds the title often shows it again as its first
            // level-one heading: that is the headline itself, not a repeat.
            if t.source == TitleSource::FrontMatter
                && block.kind == BlockKind::Heading(1)
                && !seen_first_heading
                && doc.blocks[..i].iter().all(|b| b.is_heading())
            {
                seen_first_heading = true;
                continue;
            }
            seen_first_heading |= heading;
            let as_what = if heading { "a heading" } else { "a paragraph" };
            let mut d = Diagnostic::new(
                DOC.id,
                block.range.clone(),
                format!("{what} is repeated here as {as_what}"),
            )
            .label(t.range.clone(), "the headline first appears here")
            .help("delete the repeat, or give the section a heading of its own");
            if let Some(edit) = doc.delete_blocks(i, i) {
                d = d.fix(
                    "delete the repeated headline",
                    Applicability::Unsafe,
                    vec![edit],
                );
            }
            out.push(d);
        }
    }
}

/// Does every word of `range` that is a headline word keep a capitalisation the headline
/// gives it (curly and straight apostrophes alike)?
fn same_case(
    doc: &crate::document::Document,
    title: &[Word],
    range: std::ops::Range<usize>,
) -> bool {
    let plain = |s: &str| s.replace('’', "'");
    words(&doc.prose, range).iter().all(|w| {
        let matching: Vec<&Word> = title.iter().filter(|t| t.folded == w.folded).collect();
        matching.is_empty()
            || matching
                .iter()
                .any(|t| plain(&doc.source[t.range.clone()]) == plain(&doc.prose[w.range.clone()]))
    })
}

/// A question, or a heading worded as one: it ends with a question mark or opens with a
/// question word ("What we learned", "How the vote works").
fn question(text: &str) -> bool {
    let text = text.trim();
    let first = text
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    text.ends_with('?')
        || matches!(
            first.as_str(),
            "what" | "how" | "why" | "when" | "where" | "who" | "which" | "whether"
        )
}
