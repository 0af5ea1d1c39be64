use super::visit::{blog_style, for_each_sentence, long_with_verb, multiword_subordinator};
use crate::diagnostic::{Diagnostic, Severity};
use crate::language::clause::{self, Pos};
use crate::language::lexicon::Classes;
use crate::language::tagger::Xpos;
use crate::rules::{Context, Rule, RuleDoc, on};
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
            subject (\"Founded in 1990, the firm ...\"), quotations, sentences of more than \
            28 words, and an opening plural noun the tagger reads as a noun before a verb or \
            a participle (\"Tools like these guide ...\", \"Minutes taken by ...\") are \
            left alone. In the `blog` style (see `style` in the configuration), a note \
            that drops its subject at the start (\"Reached out to the team.\") is style, \
            and only a subject lost after an opening phrase and its comma is reported.",
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
        for_each_sentence(doc, |v| {
            // Cheap tests first (each one alone rules the sentence out, so their order
            // changes no finding): the lexical ones, then the first tag (a sentence that opens
            // with its subject), and only then the clause analysis.
            let words = v
                .toks()
                .iter()
                .filter(|t| t.kind == TokenKind::Word)
                .count();
            if words < 3 || !v.ends_with_stop() {
                return;
            }
            // `subjectless` finds nothing in a sentence that opens inside a quotation.
            if clause::first_quoted_in(&doc.prose, v.toks(), v.open[v.index]) {
                return;
            }
            let lex = doc.analysis.lex(&doc.prose);
            let s = &v.block[v.index];
            if !clause::may_be_subjectless(&doc.prose, v.toks(), &lex.classes[s.tokens.clone()]) {
                return;
            }
            let first = v.tags_upto(1).first().map(|t| t.xpos);
            let subject_first = matches!(
                first,
                Some(Xpos::Dt | Xpos::PrpS | Xpos::Prp | Xpos::Cd | Xpos::Ex | Xpos::WpS)
            ) && !clause::eq_word(v.word(0), "that");
            if subject_first {
                return;
            }
            // "Provided that …", "Given that …": a subordinator, not a verb without its
            // subject (sentence-fragment reports the clause).
            if multiword_subordinator(v) {
                return;
            }
            let s = &v.sent();
            let Some(found) = s.subjectless() else {
                return;
            };
            // Reported only when the dependency parse agrees: no clause of the sentence
            // that stands on its own has a subject, and it is no imperative. Long sentences
            // are left alone, as sentence-fragment leaves them.
            if long_with_verb(v, SUBJECTLESS_MAX_WORDS)
                || v.parse_has_main_clause() && !opens_without_subject(v)
            {
                return;
            }
            if s.pos(found.verb.start) == Pos::Punct {
                return;
            }
            // The sentence opens with a word the tagger reads as a noun, and a finite verb
            // follows (a plural subject: "Tools like these guide users…") or a participle
            // right after it (a caption: "Minutes taken by the secretary.").
            let tags = v.tags();
            // (Not before a subject pronoun: "Says he is delighted…" reports.)
            if found.verb.start == 0
                && tags.first().is_some_and(|t| {
                    matches!(t.xpos, Xpos::Nn | Xpos::Nns | Xpos::Nnp | Xpos::Nnps)
                })
                && tags.get(1).is_none_or(|t| t.xpos != Xpos::Prp)
                && (tags.get(1).is_some_and(|t| t.xpos == Xpos::Vbn)
                    || tags
                        .get(found.verb.end..)
                        .is_some_and(|rest| rest.iter().any(|t| t.finite)))
            {
                return;
            }
            // A plural noun read as the verb, with its own verb or relative clause after it
            // ("As of this release, arrays implement …", "For example, changes that were
            // approved …"): the subject, not a verb without one.
            let first_tok = v.block[v.index].tokens.start;
            if found.verb.end == found.verb.start + 1
                && lex.classes[first_tok + found.verb.start].contains(Classes::NOUN_PLURAL)
                && (tags.get(found.verb.end).is_some_and(|t| {
                    matches!(
                        t.xpos,
                        Xpos::Vb | Xpos::Vbp | Xpos::Vbd | Xpos::Vbz | Xpos::Md
                    )
                }) || v
                    .toks()
                    .get(found.verb.end)
                    .is_some_and(|t| t.kind == TokenKind::Word)
                    && lex.classes[first_tok + found.verb.end].contains(Classes::VERB)
                    || ["that", "which", "who"]
                        .iter()
                        .any(|w| v.word(found.verb.end).eq_ignore_ascii_case(w)))
            {
                return;
            }
            // An opening plural noun read as the verb, its prepositional phrase, and a
            // word after that phrase's noun that can be the plural's verb ("Crews at the
            // depot work in three shifts", "Updates to the index land every ten minutes").
            if found.verb.start == 0
                && lex.classes[first_tok].contains(Classes::NOUN_PLURAL)
                && tags.get(1).is_some_and(|t| t.xpos == Xpos::In)
                && (3..tags.len()).any(|j| {
                    matches!(
                        tags[j - 1].xpos,
                        Xpos::Nn | Xpos::Nns | Xpos::Nnp | Xpos::Nnps | Xpos::Cd
                    ) && matches!(tags[j].xpos, Xpos::Vbp | Xpos::Vb | Xpos::Nn)
                        && lex.classes[first_tok + j].contains(Classes::VERB)
                        && v.word(j).starts_with(|c: char| c.is_ascii_lowercase())
                })
            {
                return;
            }
            // In posts, a note that drops its subject at the start ("Reached out
            // separately.") is style; a subject lost after an opening phrase is a slip.
            // So is the convention of reference documentation, where what is described is
            // the subject left out: "When used with `rm`, removes the entry.", "If true,
            // writes a log.", "If passed, will rebuild the tree." (a present or future verb;
            // a subject lost in a post's narrative leaves a past one: "In discussing this,
            // discovered that …").
            if blog_style(cx.settings, doc)
                && (found.clause == 0
                    || found.verb.start == 0
                    || v.word(found.verb.start - 1) != ","
                    || tags
                        .get(found.verb.start)
                        .is_some_and(|t| matches!(t.xpos, Xpos::Vbz | Xpos::Md)))
            {
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

/// A statement that opens with a finite "was", "were", "is", "are" or "had" and a
/// participle ("Was told it was a rounding error.", "Had planned to retire next year."), or
/// with a reporting verb in the present or past ("Says the bridge remains safe.", "Added
/// that the talks would resume."): the verb's subject is missing whatever clause the parse
/// finds after it. (An inversion puts the subject between the auxiliary and the participle,
/// "Had he known …"; a reporting verb inverted with its speaker stands by a quotation or a
/// colon, "Said the mayor: …".)
fn opens_without_subject(v: &super::visit::Visit) -> bool {
    let first = v.word(0);
    let passive = ["was", "were", "is", "are", "had"]
        .iter()
        .any(|w| first.eq_ignore_ascii_case(w))
        && v.tags_upto(2).get(1).is_some_and(|t| t.xpos == Xpos::Vbn);
    let reporting = [
        "says", "said", "adds", "added", "insists", "insisted", "claims", "claimed", "admits",
        "admitted", "warns", "warned", "told", "tells",
    ]
    .iter()
    .any(|w| first.eq_ignore_ascii_case(w))
        && v.tags_upto(1)
            .first()
            .is_some_and(|t| matches!(t.xpos, Xpos::Vbz | Xpos::Vbd))
        && !v.toks().iter().any(|t| {
            matches!(
                t.text(&v.doc.prose),
                "\"" | "“" | "”" | "'" | "‘" | "’" | ":" | "?"
            )
        });
    passive || reporting
}

/// Subjectless sentences with more words than this are not reported: see
/// `visit::FRAGMENT_MAX_WORDS`. A subjectless statement runs a little longer
/// than a fragment ("Says he is pleased it was such a decisive victory…").
const SUBJECTLESS_MAX_WORDS: usize = 28;

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use crate::document::Document;
    use crate::language::clause::{self, Sent};

    /// `may_be_subjectless` only skips sentences in which `subjectless` finds nothing.
    #[test]
    fn the_word_test_never_hides_a_subjectless_sentence() {
        let mut found = 0;
        let mut skipped = 0;
        for (path, text) in crate::rules::structure_test_texts() {
            let doc = Document::parse(&text);
            let a = &doc.analysis;
            let lex = a.lex(&doc.prose);
            for (index, s) in a.sentences.iter().enumerate() {
                let toks = &a.tokens[s.tokens.clone()];
                let classes = &lex.classes[s.tokens.clone()];
                let mut sent = Sent::new();
                sent.load(&doc.prose, toks, a.sentence_tags(&doc.prose, index), false);
                let may = clause::may_be_subjectless(&doc.prose, toks, classes);
                if sent.subjectless().is_some() {
                    found += 1;
                    assert!(may, "{}: {}", path.display(), &doc.prose[s.range.clone()]);
                }
                skipped += usize::from(!may);
            }
        }
        assert!(
            found >= 3,
            "only {found} subjectless sentences to check against"
        );
        assert!(skipped > 100, "the word test skips too little: {skipped}");
    }
}
