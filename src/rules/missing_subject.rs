use super::sentence_fragment::for_each_sentence;
use super::{Context, Rule, RuleDoc, on};
use crate::diagnostic::{Diagnostic, Severity};
use crate::language::clause::{self, Pos, Sent};
use crate::language::tagger::Xpos;
use crate::text::tokens::TokenKind;

pub struct MissingSubject;

static DOC: RuleDoc = RuleDoc {
    id: "missing-subject",
    summary: "a statement whose verb has no subject (\"However, stated on Monday that ...\")",
    default: on(Severity::Error),
    flags: "A declarative sentence in a body paragraph whose clause opens with a finite verb \
            in the past or present tense, perhaps after a connective or an opening phrase \
            (\"However, insisted ...\", \"On Monday, announced ...\", \"Was elected ...\"), \
            so that nobody does what the verb says. Imperatives (\"Visit the museum ...\"), \
            questions, inversions (\"Then came the rain.\", \"Said one official: ...\", \
            \"Included in the price are ...\"), participle openers followed by their \
            subject (\"Founded in 1990, the firm ...\") and quotations are left alone.",
    why: "When the subject is lost in editing the reader cannot tell who acted, and the \
          sentence before rarely settles it.",
    example: "The mayor met the harbour board. Afterwards, promised that the channel would be \
              dredged.\n",
    instead: "Afterwards, the mayor promised that the channel would be dredged.",
    fix: "None: only the writer knows who the subject is.",
};

impl Rule for MissingSubject {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let mut buf = Sent::new();
        for_each_sentence(doc, |v| {
            // Cheap tests first: a sentence that opens with its subject needs no analysis.
            let first = v.tags().first().map(|t| t.xpos);
            let subject_first = matches!(
                first,
                Some(Xpos::Dt | Xpos::PrpS | Xpos::Prp | Xpos::Cd | Xpos::Ex | Xpos::WpS)
            ) && !clause::eq_word(v.word(0), "that");
            let words = v
                .toks()
                .iter()
                .filter(|t| t.kind == TokenKind::Word)
                .count();
            if words < 3 || subject_first || !v.ends_with_stop() {
                return;
            }
            v.load_into(&mut buf);
            let s = &buf;
            let Some(found) = s.subjectless() else {
                return;
            };
            if s.pos(found.verb.start) == Pos::Punct {
                return;
            }
            let verb = squash(&doc.prose[s.span(found.verb.start, found.verb.end)]).to_lowercase();
            let range = s.span(0, found.verb.end);
            let mut d = Diagnostic::new(
                DOC.id,
                range,
                format!("this sentence has no subject: who {verb}?"),
            )
            .help(format!(
                "name who {verb}, or join this sentence to the one it continues"
            ));
            if found.clause > 0 {
                d = d.note(format!(
                    "'{}' opens the sentence; the clause after it starts with the verb",
                    squash(&doc.prose[s.span(0, found.clause)]).trim_end_matches(',')
                ));
            }
            out.push(d);
        });
    }
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
