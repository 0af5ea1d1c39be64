use super::{Context, Rule, RuleDoc, on};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity};
use crate::text::tokens::TokenKind;

pub struct RepeatedWord;

static DOC: RuleDoc = RuleDoc {
    id: "repeated-word",
    summary: "the same word twice in a row (\"the the\"), also across a line break",
    default: on(Severity::Error),
    flags: "A word written twice in a row with only spaces or a line break between. Doublings \
            that grammar allows (\"had had\", \"that that\", \"is is\") and names such as \
            \"Bora Bora\" are left alone.",
    why: "A doubled word is the commonest slip of fast typing and the easiest for a reader to \
          spot.",
    example: "The council will vote on the\nthe budget on Tuesday.\n",
    instead: "The council will vote on the budget on Tuesday.",
    fix: "Deletes the second word (safe).",
};

/// Doublings that can be grammatical.
const ALLOWED: &[&str] = &[
    "had", "that", "is", "do", "bye", "ha", "no", "so", "very", "really", "super", "knock", "tut",
    "chop", "go", "yada", "blah", "bang", "boo", "oh", "uh", "um", "yeah", "yes", "hear", "far",
    "more", "much", "many", "long", "little", "big", "way", "well", "now", "there",
];

impl Rule for RepeatedWord {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let a = &doc.analysis;
        for s in &a.sentences {
            let toks = &a.tokens[s.tokens.clone()];
            for (k, pair) in toks.windows(2).enumerate() {
                let (x, y) = (pair[0], pair[1]);
                if x.kind != TokenKind::Word || y.kind != TokenKind::Word {
                    continue;
                }
                let between = &doc.prose[x.end..y.start];
                if !between.chars().all(char::is_whitespace) || between.is_empty() {
                    continue;
                }
                // Markup between the two (a link, emphasis) often marks a deliberate echo.
                if doc.source[x.end..y.start] != *between {
                    continue;
                }
                let (xt, yt) = (x.text(&doc.prose), y.text(&doc.prose));
                if !xt.eq_ignore_ascii_case(yt) || !xt.chars().any(char::is_alphabetic) {
                    continue;
                }
                // "first FIRST Global": a word and a differently cased name.
                let shape = |w: &str| w.chars().skip(1).any(char::is_uppercase);
                if shape(xt) != shape(yt) {
                    continue;
                }
                // "killing killing killing": deliberate, rhetorical repetition.
                let third = toks.get(k + 2).is_some_and(|z| {
                    z.kind == TokenKind::Word && z.text(&doc.prose).eq_ignore_ascii_case(xt)
                });
                let before = k > 0 && toks[k - 1].text(&doc.prose).eq_ignore_ascii_case(xt);
                let function_word = crate::language::lexicon::lookup(&xt.to_lowercase())
                    .is_some_and(|e| e.rank == 0);
                if (third || before) && !function_word {
                    continue;
                }
                let lower = xt.to_lowercase();
                if ALLOWED.contains(&lower.as_str()) {
                    continue;
                }
                // "Bora Bora", "Sirhan Sirhan": capitalised both times, mid-sentence.
                let first_of_sentence = k == 0;
                if !first_of_sentence
                    && xt.chars().next().is_some_and(char::is_uppercase)
                    && yt.chars().next().is_some_and(char::is_uppercase)
                {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        DOC.id,
                        x.start..y.end,
                        format!("'{lower}' is written twice"),
                    )
                    .fix(
                        format!("delete the second '{yt}'"),
                        Applicability::Safe,
                        vec![Edit {
                            range: x.end..y.end,
                            replacement: String::new(),
                        }],
                    ),
                );
            }
        }
    }
}
