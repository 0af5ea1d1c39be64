use super::headline::{TitleHashes, block_repeats_title, title_words};
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
            title): all of it, most of its words in order, or, for a heading, a leading piece \
            of four words or more.",
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
