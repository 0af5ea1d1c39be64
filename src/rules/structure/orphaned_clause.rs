use super::visit::{Visit, for_each_sentence};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity};
use crate::language::clause;
use crate::language::lexicon;
use crate::language::parser::Deprel;
use crate::language::tagger::Xpos;
use crate::rules::{Context, Rule, RuleDoc, on};

pub struct OrphanedClause;

static DOC: RuleDoc = RuleDoc {
    id: "orphaned-clause",
    summary: "a \"that\" clause cut off its reporting verb by a stray full stop",
    default: on(Severity::Error),
    flags: "A sentence that is only a \"that\" clause (\"That the road would close.\", \"On \
            Monday that the road would close.\") right after a sentence that ends where such \
            a clause belongs: on a reporting verb with nothing reported (\"The council \
            said on Friday.\") or on a noun that wants one (\"Officials found no \
            evidence.\"). \"That\" as a determiner or pronoun (\"That decision was \
            reversed.\", \"That is why ...\") and subject clauses (\"That he lied is not in \
            dispute.\") are left alone.",
    why: "The full stop leaves one sentence that says something was said without saying \
          what, and another that says what without saying who said it.",
    example: "The harbour master said on Friday. That the channel would be dredged in May.\n",
    instead: "The harbour master said on Friday that the channel would be dredged in May.",
    fix: "Joins the two sentences: removes the full stop and lower-cases the first letter of \
          the clause (unsafe: read the result).",
};

impl Rule for OrphanedClause {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        for_each_sentence(doc, |v| {
            // Cheap tests first: a "that" among the first words (`eq_word` with "that",
            // which has no apostrophe: only a four-byte word can equal it), a full stop at
            // the end, and no quotation open at the start (`orphan_that` finds nothing
            // then).
            let prose = &doc.prose;
            if v.index == 0
                || !v.toks().iter().take(12).any(|t| {
                    let w = t.text(prose);
                    w.len() == 4 && w.eq_ignore_ascii_case("that")
                })
                || !v.ends_with_stop()
                || clause::first_quoted_in(prose, v.toks(), v.open[v.index])
            {
                return;
            }
            let s = &v.sent();
            if s.orphan_that().is_none() && !parse_orphan_that(v) {
                return;
            }
            let Some(p) = v.neighbour(v.index - 1) else {
                return;
            };
            let Some(host) = p.reporting_host() else {
                return;
            };
            let phrase = squash(&doc.prose[p.span(host.phrase.start, host.phrase.end)]);
            let message = if host.noun {
                format!(
                    "this clause belongs to the previous sentence: a full stop cuts '{phrase}' from the clause that completes it"
                )
            } else {
                // The reporting verb stands in the past before the stop: of the verbs the
                // word can be a form of, the one it is the past of ("found": find, not
                // found).
                let w = p.w(host.word).to_lowercase();
                let done = lexicon::verb_bases(&w)
                    .iter()
                    .filter_map(|b| lexicon::verb_forms(b))
                    .find(|f| f.past == w || f.past_participle == w)
                    .or_else(|| p.verb_base(host.word).and_then(lexicon::verb_forms))
                    .map_or(w.clone(), |f| f.past_participle.to_string());
                format!(
                    "this clause belongs to the previous sentence: a full stop cuts '{phrase}' from what was {done}"
                )
            };
            let stop = p.toks[p.len() - 1];
            let first = s.toks[0];
            let word = s.w(0);
            let n = word.chars().next().map_or(0, char::len_utf8);
            let lowered = {
                let lower = word.to_lowercase();
                let name = lexicon::lookup(&lower).is_none();
                if name {
                    word[..n].to_string()
                } else {
                    word[..n].to_lowercase()
                }
            };
            let range = s.span(0, s.len());
            out.push(
                Diagnostic::new(DOC.id, range, message)
                    .label(
                        p.span(host.phrase.start, host.phrase.end),
                        "the clause belongs here",
                    )
                    .help("remove the full stop so that the clause follows its verb")
                    .fix(
                        "join the clause to the sentence before",
                        Applicability::Unsafe,
                        vec![Edit {
                            range: stop.start..first.start + n,
                            replacement: format!(" {lowered}"),
                        }],
                    ),
            );
        });
    }
}

/// The dependency parse's reading, where the clause analysis found no orphan: the
/// sentence opens with "that" as the subordinating word of its main verb ("That the new
/// build is faster on every machine we tried."), and that verb is finite.
fn parse_orphan_that(v: &Visit) -> bool {
    if !v.word(0).eq_ignore_ascii_case("that") {
        return false;
    }
    let tags = v.tags();
    if tags.first().is_none_or(|t| t.xpos != Xpos::In) {
        return false;
    }
    let p = v.parse();
    p.root().is_some_and(|r| {
        p.head(0) == Some(r) && p.deprel(0) == Some(Deprel::Mark) && p.is_finite(tags, r)
    })
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
