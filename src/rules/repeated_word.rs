use std::ops::Range;

use super::{Context, Rule, RuleDoc, on};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity};
use crate::text::tokens::TokenKind;

pub struct RepeatedWord;

static DOC: RuleDoc = RuleDoc {
    id: "repeated-word",
    summary: "the same word twice in a row (\"the the\"), also across a line break",
    default: on(Severity::Error),
    flags: "A word written twice in a row with only spaces or a line break between. Doublings \
            that grammar allows (\"had had\", \"that that\", \"is is\", \"to write to to \
            ask\"), deliberate reduplications (\"done done\", \"bye bye\", \"choo choo\", \
            doubled interjections such as \"ah ah ah\") and names such as \"Bora Bora\" are \
            left alone.",
    why: "A doubled word is the commonest slip of fast typing and the easiest for a reader to \
          spot.",
    example: "The council will vote on the\nthe budget on Tuesday.\n",
    instead: "The council will vote on the budget on Tuesday.",
    fix: "Deletes the second word (safe), leaving line breaks where they are: across a line \
          break the word that starts the next line goes, or else the one that ends the line.",
};

/// Doublings that can be grammatical ("had had", "that that"), and words whose doubling is
/// an established form of its own: reduplications ("bye bye", "choo choo", "so so", "done
/// done" for truly finished), sounds and intensifiers ("very very", "far far").
const ALLOWED: &[&str] = &[
    "had", "that", "is", "do", "bye", "buh", "ha", "he", "hee", "heh", "ho", "no", "nope", "so",
    "very", "really", "super", "knock", "tut", "tsk", "chop", "go", "yada", "blah", "bang", "boo",
    "oh", "uh", "um", "yeah", "yes", "hear", "far", "more", "much", "many", "long", "little",
    "big", "way", "well", "now", "there", "done", "choo", "chug", "beep", "honk", "toot", "ding",
    "ring", "tick", "tap", "clap", "woof", "meow", "moo", "baa", "quack", "vroom", "zoom", "bling",
    "hush", "pooh", "goody", "night", "din", "hubba", "mahi", "aye", "la", "na", "dum", "rah",
    "hip", "pom", "tom", "yum", "wah", "bam", "boom", "wow", "hey", "yo", "ta", "please", "wait",
    "stop", "okay", "ok", "never", "pretty", "again", "cha", "bora", "walla", "woo", "yay", "duh",
    "ugh", "whoa", "mm", "hmm", "ooh", "aah", "ah",
];

/// "to write to to sign": a preposition left at the end of an infinitive ("to write to")
/// followed by an infinitive of its own ("to sign"). `x` is the first of the two "to"s.
fn stranded_to(
    doc: &crate::document::Document,
    toks: &[crate::text::tokens::Token],
    k: usize,
) -> bool {
    use crate::language::lexicon::Classes;
    let word = |i: usize| {
        toks.get(i)
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.text(&doc.prose).to_lowercase())
    };
    let verb = |i: usize| {
        word(i)
            .and_then(|w| crate::language::lexicon::lookup(&w))
            .is_some_and(|e| e.classes.contains(Classes::VERB))
    };
    k >= 2
        && word(k).as_deref() == Some("to")
        && verb(k - 1)
        && word(k - 2).as_deref() == Some("to")
        && verb(k + 2)
        && !word(k + 2).is_some_and(|w| {
            crate::language::lexicon::lookup(&w)
                .is_some_and(|e| e.classes.intersects(Classes::DET | Classes::PRON))
        })
}

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
                if in_name(&doc.prose, x.start, y.end) || quoted_pair(&doc.prose, x.start, y.end) {
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
                if ALLOWED.contains(&lower.as_str()) || stranded_to(doc, toks, k) {
                    continue;
                }
                // "ah ah", "whee whee": interjections are doubled on purpose.
                if crate::language::lexicon::lookup(&lower).is_some_and(|e| {
                    e.classes
                        .contains(crate::language::lexicon::Classes::INTERJ)
                }) {
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
                let (range, applicability) = deletion(&doc.source, x.start..x.end, y.start..y.end);
                out.push(
                    Diagnostic::new(
                        DOC.id,
                        x.start..y.end,
                        format!("'{lower}' is written twice"),
                    )
                    .fix(
                        format!("delete the second '{yt}'"),
                        applicability,
                        vec![Edit {
                            range,
                            replacement: String::new(),
                        }],
                    ),
                );
            }
        }
    }
}

/// Whether the first word ends a name written as code and the second starts one, glued to
/// the characters around them ("Changed shrink_to to …", "rename to_str to to_cow_str",
/// "Function::Call call"): the words are parts of names, not a repetition.
fn in_name(prose: &str, start: usize, end: usize) -> bool {
    let b = prose.as_bytes();
    let glued_before = start > 0
        && match b[start - 1] {
            b'_' | b':' => true,
            b'.' => start > 1 && b[start - 2].is_ascii_alphanumeric(),
            _ => false,
        };
    let glued_after = match b.get(end) {
        Some(b'_' | b':') => true,
        Some(b'.') => b.get(end + 1).is_some_and(u8::is_ascii_alphanumeric),
        _ => false,
    };
    glued_before || glued_after
}

/// Whether the two words stand alone inside quotation marks: the repetition is mentioned,
/// not made ("fix the \"the the\" typo").
fn quoted_pair(prose: &str, start: usize, end: usize) -> bool {
    let before = prose[..start].chars().next_back();
    let after = prose[end..].chars().next();
    matches!(before, Some('"' | '“' | '\'' | '‘' | '`'))
        && matches!(after, Some('"' | '”' | '\'' | '’' | '`'))
}

/// What to delete to drop the second of two words, `x` and `y`, and whether the deletion is
/// safe. On one line, the space before the second word and the word go. Across a line break
/// the line break stays where it is: the second word goes with the spaces after it (it starts
/// its line), or else the first word with the spaces before it (it ends its line); when
/// neither can go cleanly ("the\nthe." alone on a line) the plain deletion is offered, unsafe.
fn deletion(source: &str, x: Range<usize>, y: Range<usize>) -> (Range<usize>, Applicability) {
    if !source[x.end..y.start].contains('\n') {
        return (x.end..y.end, Applicability::Safe);
    }
    let after = source[y.end..].len() - source[y.end..].trim_start_matches([' ', '\t']).len();
    if after > 0
        && !source[y.end + after..].starts_with(['\n', '\r'])
        && y.end + after < source.len()
    {
        return (y.start..y.end + after, Applicability::Safe);
    }
    let before = source[..x.start].len() - source[..x.start].trim_end_matches([' ', '\t']).len();
    if before > 0 && !source[..x.start - before].ends_with('\n') && x.start > before {
        return (x.start - before..x.end, Applicability::Safe);
    }
    (x.end..y.end, Applicability::Unsafe)
}
