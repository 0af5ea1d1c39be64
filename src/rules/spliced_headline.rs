use std::ops::Range;

use super::headline::{
    TitleHashes, Word, WordFinder, block_repeats_title, eq_folded, title_verbs, title_words,
    word_ranges,
};
use super::{Context, Rule, RuleDoc, on};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity};
use crate::document::{BlockKind, Document};
use crate::language::lexicon;
use crate::language::lexicon::Classes;

pub struct SplicedHeadline;

static DOC: RuleDoc = RuleDoc {
    id: "spliced-headline",
    summary: "the headline, or four or more of its leading words, pasted into a body sentence",
    default: on(Severity::Error),
    flags: "A run of four or more of the headline's leading words inside a body sentence \
            that it breaks: the headline is a clause (it has a verb, as news headlines do; a \
            headline of eight words or more counts as one throughout), the run holds that verb \
            and keeps its title-case capital (\"to Approve\"; a verb is never capitalised in \
            running text) or runs to eight words or more, and the sentence does not join with \
            it: an article stands right before it (\"the Council Approves Budget decision\"), \
            or a word that cannot follow a clause (a noun, a verb, an article) comes right \
            after it (\"...visited Council to Approve New Budget the town hall...\"); or the whole \
            headline of five words or more, its capitals kept, stands anywhere inside the \
            sentence (\"...said in a statement Council to Approve New Budget on Monday.\"). \
            Silent on \
            a name the headline shares with the text (\"the Harbour Regatta was...\"), on the \
            headline's words in the text's own case (\"the Kerrow Library reopens after its \
            renovation work...\"), on a sentence that opens with the headline's words or says \
            them as a clause of its own (\"...said that the council approves the budget.\"), \
            and when the headline is quoted, linked or italicised as a title.",
    why: "Content-management systems paste the headline into the body when a template \
          variable or a find-and-replace misfires; the sentence around it no longer reads.",
    example: "# Council to Approve New Budget for Schools\n\n\
              The mayor met teachers at Council to Approve New Budget the town hall on Monday.\n",
    instead: "Delete the pasted words and restore what the sentence meant to say.",
    fix: "Suggests deleting the pasted words (shown, never applied: the words they replaced \
          are lost).",
};

impl Rule for SplicedHeadline {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let Some(title) = title_words(doc) else {
            return;
        };
        if title.len() < 4 {
            return;
        }
        let Some(t) = doc.title.as_ref() else { return };
        // A run of four of the headline's words or more holds its first four.
        let mut finders: Vec<WordFinder> = title[..4]
            .iter()
            .map(|w| WordFinder::new(&w.folded))
            .collect();
        // All four must be found: the longest (the rarest, mostly) is looked for first.
        finders.sort_by_key(|f| std::cmp::Reverse(f.word_len()));
        let hashes = TitleHashes::new(&title, &doc.source);
        // The words of a sentence, kept from sentence to sentence.
        let mut sw: Vec<Range<usize>> = Vec::new();
        // Which headline words are verbs, asked once a run is found.
        let mut verbs: Option<Vec<bool>> = None;
        for (b, block) in doc.body_blocks() {
            if !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem) {
                continue;
            }
            // A block that is the headline again is the repeated-headline rule's finding
            // (asked only once a sentence of it holds the headline's first words: few do).
            let mut repeats = None;
            for s in doc.analysis.block_sentences(b) {
                if !finders
                    .iter()
                    .all(|f| f.in_text(&doc.prose, s.range.clone()))
                {
                    continue;
                }
                if *repeats.get_or_insert_with(|| {
                    block_repeats_title(&title, &hashes, &doc.prose, block.range.clone(), false)
                        .is_some()
                }) {
                    break;
                }
                sw.clear();
                sw.extend(word_ranges(&doc.prose, s.range.clone()));
                let mut j = 0;
                while j < sw.len() {
                    // How many leading words of the headline the words from `j` on repeat.
                    let run = title
                        .iter()
                        .zip(&sw[j..])
                        .take_while(|(t, r)| eq_folded(&doc.prose[(*r).clone()], &t.folded))
                        .count();
                    if run < 4 {
                        j += 1;
                        continue;
                    }
                    let span = sw[j].start..sw[j + run - 1].end;
                    let verbs = verbs.get_or_insert_with(|| title_verbs(doc, &title));
                    if j > 0
                        && verbs[..run].contains(&true)
                        && pasted(doc, &title, verbs, &sw[j..j + run])
                        && (breaks(doc, &sw, j, run)
                            || run == title.len()
                                && run >= WHOLE_RUN
                                && title_case_kept(doc, &title, verbs, &sw[j..j + run]))
                        && !cited(doc, block.range.start, span.clone())
                    {
                        let pasted = &doc.source[span.clone()];
                        out.push(
                            Diagnostic::new(
                                DOC.id,
                                span.clone(),
                                format!(
                                    "the headline's words '{pasted}' are pasted into this sentence"
                                ),
                            )
                            .label(t.range.clone(), "the headline")
                            .note("the sentence does not read with them in it")
                            .fix(
                                "delete the pasted headline words",
                                Applicability::Display,
                                vec![Edit {
                                    range: with_trailing_space(doc, span),
                                    replacement: String::new(),
                                }],
                            ),
                        );
                    }
                    j += run;
                }
            }
        }
    }
}

/// The fewest words of a headline that, pasted whole into a sentence with its capitals, is
/// a paste whatever words surround it ("told a press conference in Kells Inquiry Finds
/// Crew Ignored Warnings that …"): a sentence that names a headline quotes it or links it.
const WHOLE_RUN: usize = 5;

/// The fewest headline words in a row that look pasted without the headline's capitals.
const LONG_RUN: usize = 8;

/// Does a run of headline words (inside a sentence) look pasted rather than written? Eight
/// words or more, or a verb of the headline with its title-case capital kept ("to Travel",
/// "Approves"): names keep their capitals in running text, verbs never do.
fn pasted(doc: &Document, title: &[Word], verbs: &[bool], run: &[Range<usize>]) -> bool {
    run.len() >= LONG_RUN || title_case_kept(doc, title, verbs, run)
}

/// Does the run keep the headline's capitals on one of its verbs ("Finds", "Take"), as
/// only a paste does?
fn title_case_kept(doc: &Document, title: &[Word], verbs: &[bool], run: &[Range<usize>]) -> bool {
    run.iter().zip(title).zip(verbs).any(|((w, tw), &verb)| {
        let text = &doc.source[w.clone()];
        verb && text == &doc.source[tw.range.clone()] && title_cased_common(text)
    })
}

/// Does the run of headline words `sw[j..j + run]`, a clause, break its sentence? An article
/// right before it wants a noun, not a clause; right after it, with nothing between, a word
/// that cannot follow a clause (a noun, a verb, an article: not a preposition, a
/// conjunction, an adverb, a pronoun or a determiner opening a phrase of time) shows the
/// sentence going on with words of its own.
fn breaks(doc: &Document, sw: &[Range<usize>], j: usize, run: usize) -> bool {
    let joined = |a: &Range<usize>, b: &Range<usize>| doc.prose[a.end..b.start].trim().is_empty();
    let article = |w: &Range<usize>| {
        let t = &doc.prose[w.clone()];
        ["a", "an", "the"].iter().any(|a| t.eq_ignore_ascii_case(a))
    };
    if j > 0 && joined(&sw[j - 1], &sw[j]) && article(&sw[j - 1]) {
        return true;
    }
    let Some(next) = sw.get(j + run) else {
        return false;
    };
    if !joined(&sw[j + run - 1], next) {
        return false;
    }
    if article(next) {
        return true;
    }
    let function = Classes(
        Classes::PREP.0
            | Classes::CONJ.0
            | Classes::SUBORD.0
            | Classes::WH.0
            | Classes::ADV.0
            | Classes::DET.0
            | Classes::PRON.0
            | Classes::PARTICLE.0
            | Classes::NEG.0,
    );
    !lexicon::classes_folded(&doc.prose[next.clone()]).intersects(function)
}

/// "Travel", "Warns": capitalised, not all capitals, and an ordinary lower-case word.
fn title_cased_common(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() || !chars.clone().any(char::is_lowercase) {
        return false;
    }
    if word.chars().skip(1).any(char::is_uppercase) {
        return false;
    }
    let lower = word.to_lowercase();
    lexicon::lookup(&lower).is_some() && lexicon::lookup(word).is_none()
}

/// Quoted, linked or emphasised words are a title being cited.
fn cited(doc: &Document, block_start: usize, span: std::ops::Range<usize>) -> bool {
    let before = doc.source[..span.start].trim_end_matches([' ', '\t']);
    if before.ends_with(['“', '"', '‘', '\'', '*', '_', '[', '«']) {
        return true;
    }
    // Inside an open quotation in this block?
    let mut open = false;
    for c in doc.prose[block_start..span.start].chars() {
        match c {
            '“' => open = true,
            '”' => open = false,
            '"' => open = !open,
            _ => {}
        }
    }
    open
}

fn with_trailing_space(doc: &Document, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let rest = &doc.source[span.end..];
    let spaces = rest.len() - rest.trim_start_matches(' ').len();
    span.start..span.end + spaces
}
