//! The sentences the structure rules visit (the body paragraphs' sentences, with their
//! quotation state), and what each visit can tell about its sentence: tokens, tags, the
//! clause analysis and the parse's verdict on its main clause.

use super::main_clause::main_clause;
use crate::document::{Block, BlockKind, Document, Sentence};
use crate::language::clause::{self, Sent};
use crate::language::lexicon::{self, Classes};
use crate::language::parser::{Deprel, Parse};
use crate::language::tagger::{self, Tagged, Upos, Xpos};
use crate::settings::{Settings, Style};
use crate::text::tokens::{Token, TokenKind};

/// One sentence of a checked paragraph, as the structure rules visit it: its raw tokens
/// and tags (for cheap tests) and, on demand, its clause analysis.
pub(super) struct Visit<'d, 'v> {
    pub doc: &'d Document,
    /// The sentences of the block and the index of this one among them.
    pub block: &'d [Sentence],
    pub index: usize,
    /// Index of the block's first sentence in `Analysis::sentences`.
    pub base: usize,
    /// Quotation state at the start of each sentence of the block.
    pub open: &'v [bool],
}

impl<'d> Visit<'d, '_> {
    /// The sentence's tokens.
    pub fn toks(&self) -> &'d [Token] {
        &self.doc.analysis.tokens[self.block[self.index].tokens.clone()]
    }

    /// The sentence's tags, aligned with its tokens.
    pub fn tags(&self) -> &'d [Tagged] {
        self.doc
            .analysis
            .sentence_tags(&self.doc.prose, self.base + self.index)
    }

    /// The tags of the sentence's first `k` tokens at least (all of them when it is
    /// shorter), aligned with its tokens.
    pub fn tags_upto(&self, k: usize) -> &'d [Tagged] {
        self.doc
            .analysis
            .sentence_tags_upto(&self.doc.prose, self.base + self.index, k)
    }

    /// The sentence's dependency parse.
    pub fn parse(&self) -> &'d Parse {
        self.doc
            .analysis
            .sentence_parse(&self.doc.prose, self.base + self.index)
    }

    /// Whether the dependency parse finds a main clause: a root that is an imperative, or a
    /// finite clause with a subject (or an expletive "there") and no subordinating word of
    /// its own; or such a clause joined to the root (a conjunct, or a clause set beside it).
    /// The structure rules report a sentence only when the parse agrees that it has none.
    pub fn parse_has_main_clause(&self) -> bool {
        let index = self.base + self.index;
        self.doc
            .analysis
            .main_clause(index, || self.decide_main_clause())
    }

    fn decide_main_clause(&self) -> bool {
        let doc = self.doc;
        let index = self.base + self.index;
        let tags = self.tags();
        let lex = doc.analysis.lex(&doc.prose);
        let classes = &lex.classes[self.block[self.index].tokens.clone()];
        // No word that is or could be a verb: no parse can find a clause ("Into the sea.").
        if !tags.iter().zip(classes).any(|(t, c)| {
            matches!(t.upos, Upos::Verb | Upos::Aux) || c.intersects(Classes::ANY_VERB)
        }) {
            return false;
        }
        let words = doc.analysis.sentence_words(&doc.prose, index);
        if main_clause(self.parse(), &words, tags, None) {
            return true;
        }
        // The tagger reads some verbs as nouns ("The tests that failed pass again", "Crews
        // at the depot work"): a sentence is a fragment only when no reading of such a word
        // as a verb gives it a main clause either.
        // Only where a verb could stand: opening the sentence or a clause after a comma, or
        // after a word that can end a subject (a noun, a pronoun, code, a number, a
        // participle or an adverb ending a relative clause, an -ing subject, or a name the
        // tagger read as an adjective).
        // (A word the lexicon does not know, made of a prefix, a hyphen and a verb, is
        // that verb: "under-reports", "re-runs".)
        let verb_classes = |i: usize| match words[i].split_once('-') {
            Some((pre, rest))
                if classes[i].is_empty()
                    && HYPHEN_PREFIXES.iter().any(|p| pre.eq_ignore_ascii_case(p)) =>
            {
                lexicon::classes_folded(rest)
            }
            _ => classes[i],
        };
        let candidates = (0..words.len()).filter(|&i| {
            (matches!(tags[i].xpos, Xpos::Nn | Xpos::Nns | Xpos::Jj)
                && verb_classes(i).intersects(Classes::VERB | Classes::VERB_3SG)
                || tags[i].xpos == Xpos::Vbn && classes[i].contains(Classes::VERB_PAST)
                // (An "adverb" after a plural noun: "Nominations close next week".)
                || tags[i].xpos == Xpos::Rb
                    && classes[i].contains(Classes::VERB)
                    && i > 0
                    && matches!(tags[i - 1].xpos, Xpos::Nns | Xpos::Nnps))
                && (i == 0
                    || words[i - 1] == ","
                    || matches!(
                        tags[i - 1].xpos,
                        Xpos::Nn
                            | Xpos::Nns
                            | Xpos::Nnp
                            | Xpos::Nnps
                            | Xpos::Prp
                            | Xpos::Vbd
                            | Xpos::Vbn
                            | Xpos::Vbg
                            | Xpos::Vbz
                            | Xpos::Vbp
                            | Xpos::Rb
                            | Xpos::Cd
                            | Xpos::Jj
                    )
                    || tags[i - 1].xpos == Xpos::In && classes[i - 1].contains(Classes::ADV))
        });
        // An opening past form that is also the verb's base ("Read on to learn more", "Set
        // the flag before you build"): an imperative, unless an agent with "by" makes it a
        // participle ("Set up in 2010 by two brothers.").
        if tags
            .first()
            .is_some_and(|t| matches!(t.xpos, Xpos::Vbn | Xpos::Vbd))
            && words.first().is_some_and(|w| {
                lexicon::verb_forms(w).is_some_and(|f| f.past_participle.eq_ignore_ascii_case(w))
            })
            && !words.iter().any(|w| w.eq_ignore_ascii_case("by"))
        {
            let retagged = tagger::tag_constrained(&words, &|j, x| j != 0 || x == Xpos::Vb);
            let parse = Parse::new(&words, &retagged);
            // (With an object, a particle or a clause of its own: "Cut from the budget in
            // March." is a participle phrase.)
            let complemented = parse.children(0).any(|k| {
                matches!(
                    parse.deprel(k),
                    Some(
                        Deprel::Obj
                            | Deprel::Iobj
                            | Deprel::CompoundPrt
                            | Deprel::Xcomp
                            | Deprel::Ccomp
                            | Deprel::Advcl
                    )
                )
            });
            if parse.root() == Some(0)
                && complemented
                && main_clause(&parse, &words, &retagged, Some(0))
            {
                return true;
            }
        }
        // (A past tense only where the sentence does not open with a verb itself:
        // "Conceded defeat in a statement posted online.")
        let opens_with_verb = tags.first().is_some_and(|t| {
            matches!(
                t.xpos,
                Xpos::Vb | Xpos::Vbd | Xpos::Vbn | Xpos::Vbz | Xpos::Vbp | Xpos::Vbg
            )
        });
        // An -ing subject, a particle closing its phrase, then an -s verb and its object
        // ("Leaving the lights on costs money", "Turning logging off halves the run
        // time"): the parse takes the particle for a preposition and the verb for its
        // object. With no finite verb anywhere else, the -s word is the main verb.
        if tags.first().is_some_and(|t| t.xpos == Xpos::Vbg)
            && !tags.iter().any(|t| t.finite)
            && (2..words.len().saturating_sub(1)).any(|i| {
                tags[i].xpos == Xpos::Nns
                    && classes[i].contains(Classes::VERB_3SG)
                    && ["on", "off", "up", "down", "out", "in", "back", "over"]
                        .iter()
                        .any(|p| words[i - 1].eq_ignore_ascii_case(p))
                    && matches!(
                        tags[i + 1].xpos,
                        Xpos::Dt | Xpos::PrpS | Xpos::Cd | Xpos::Nn | Xpos::Nns
                    )
            })
        {
            return true;
        }
        let candidates = candidates.filter(|&i| tags[i].xpos != Xpos::Vbn || !opens_with_verb);
        for i in candidates.take(4) {
            let past = tags[i].xpos == Xpos::Vbn;
            let mut retagged = tagger::tag_constrained(&words, &|j, x| {
                j != i
                    || if past {
                        x == Xpos::Vbd
                    } else {
                        matches!(x, Xpos::Vb | Xpos::Vbp | Xpos::Vbz)
                    }
            });
            // A present tense that disagrees with a plural before it ("The tests that
            // failed pass again"): the plural reading first.
            if retagged[i].xpos == Xpos::Vbz
                && classes[i].contains(Classes::VERB)
                && tags[..i]
                    .iter()
                    .any(|t| matches!(t.xpos, Xpos::Nns | Xpos::Nnps))
            {
                let plural = tagger::tag_constrained(&words, &|j, x| j != i || x == Xpos::Vbp);
                let parse = Parse::new(&words, &plural);
                if main_clause(&parse, &words, &plural, Some(i)) {
                    return true;
                }
                retagged = tagger::tag_constrained(&words, &|j, x| j != i || x == Xpos::Vbz);
            }
            let parse = Parse::new(&words, &retagged);
            if main_clause(&parse, &words, &retagged, Some(i)) {
                return true;
            }
            // A noun the tagger read as an adjective right before the verb is its subject
            // ("The new chief executive starts in January"): both read again.
            // (Only an -s form the tagger read as a plural noun: a plain form after an
            // adjective is most often a noun, "a junior doctor", "a stable condition".)
            if i > 0
                && retagged[i - 1].xpos == Xpos::Jj
                && classes[i - 1].contains(Classes::NOUN)
                && tags[i].xpos == Xpos::Nns
                && retagged[i].xpos == Xpos::Vbz
            {
                let both = tagger::tag_constrained(&words, &|j, x| {
                    if j == i - 1 {
                        x == Xpos::Nn
                    } else {
                        j != i || x == Xpos::Vbz
                    }
                });
                let parse = Parse::new(&words, &both);
                if main_clause(&parse, &words, &both, Some(i)) {
                    return true;
                }
            }
        }
        // And the other way round: an opening plural noun read as a verb ("Values greater
        // than eight give…", "Tools such as these also know…"). Read as a noun, it must be
        // the subject of a main clause the parse finds after it.
        if tags
            .first()
            .is_some_and(|t| matches!(t.xpos, Xpos::Vbz | Xpos::Vbp))
            && classes
                .first()
                .is_some_and(|c| c.contains(Classes::NOUN_PLURAL))
        {
            let retagged = tagger::tag_constrained(&words, &|j, x| j != 0 || x == Xpos::Nns);
            let parse = Parse::new(&words, &retagged);
            // (The only subject: "Says he is delighted" is no plural noun "Says".)
            if parse.root().is_some_and(|r| {
                r > 0
                    && parse.subject_of(r) == Some(0)
                    && parse
                        .children(r)
                        .filter(|&c| parse.deprel(c).is_some_and(Deprel::is_subject))
                        .count()
                        == 1
            }) && main_clause(&parse, &words, &retagged, None)
            {
                return true;
            }
        }
        false
    }

    /// The text of token `i`.
    pub fn word(&self, i: usize) -> &'d str {
        self.toks().get(i).map_or("", |t| t.text(&self.doc.prose))
    }

    /// The sentence ends with a full stop (perhaps inside a closing quote or bracket).
    pub fn ends_with_stop(&self) -> bool {
        let toks = self.toks();
        toks.iter()
            .rev()
            .find(|t| !matches!(t.text(&self.doc.prose), "\"" | "”" | "’" | "'" | ")" | "]"))
            .is_some_and(|t| {
                let w = t.text(&self.doc.prose);
                w == "." || t.kind == TokenKind::Word && w.len() > 1 && w.ends_with('.')
            })
    }

    /// The clause analysis of the sentence, made once per document and shared by the
    /// structure rules.
    pub fn sent(&self) -> Sent<'d> {
        load(self.doc, self.base + self.index, self.open[self.index])
    }

    /// The clause analysis of another sentence of the same block.
    pub fn neighbour(&self, index: usize) -> Option<Sent<'d>> {
        self.block.get(index)?;
        Some(load(self.doc, self.base + index, self.open[index]))
    }
}

/// The clause analysis of sentence `index` of the document, from the document's store.
/// `open` is the quotation state at its start ([`for_each_sentence`] gives every rule the
/// same one, so the stored analysis fits them all).
pub(super) fn load(doc: &Document, index: usize, open: bool) -> Sent<'_> {
    let a = &doc.analysis;
    let s = &a.sentences[index];
    a.clauses().sent(
        index,
        &doc.prose,
        &a.tokens[s.tokens.clone()],
        || a.sentence_tags(&doc.prose, index),
        &a.lex(&doc.prose).classes[s.tokens.clone()],
        open,
    )
}

/// Visit every sentence of every body paragraph the structure rules check: paragraphs
/// outside block quotes, lists and tables, not the headline, not a caption or credit, and
/// not the opening words of a paragraph that continues a sentence ([`Block::continues`]).
/// The paragraphs and their quotation states are found once per document, for all the
/// structure rules.
pub(super) fn for_each_sentence<'d>(doc: &'d Document, mut f: impl FnMut(&Visit<'d, '_>)) {
    let a = &doc.analysis;
    let visits = a.clauses().visits(|| find_visits(doc));
    for r in &visits.blocks {
        let sents = &a.sentences[r.clone()];
        let open = &visits.open[r.clone()];
        // The first sentence of a block that continues one interrupted by a code block (or
        // a list, table, image or footnote) is not a sentence of its own.
        let first = usize::from(sents.first().is_some_and(|s| doc.blocks[s.block].continues));
        for index in first..sents.len() {
            f(&Visit {
                doc,
                block: sents,
                index,
                base: r.start,
                open,
            });
        }
    }
}

/// Whether the structure rules read `doc` in the blog style: configured so, or for `auto`,
/// when [`reads_as_post`] finds the draft written as a post (found once per document, and
/// only when a rule asks).
pub(in crate::rules) fn blog_style(settings: &Settings, doc: &Document) -> bool {
    settings
        .style
        .resolve(|| doc.analysis.clauses().post(|| reads_as_post(doc)))
        == Style::Blog
}

/// Whether a draft is written as a post rather than as news copy: it holds code (inline or
/// in blocks: technical writing), or its author speaks in the first person ("we", "I")
/// outside quotations, in at least three places and at least once in five sentences of
/// four words or more. News copy keeps the first person inside quotations, and its
/// sentences are whole by convention; a post's short verbless sentences are often
/// deliberate.
pub(super) fn reads_as_post(doc: &Document) -> bool {
    if doc.has_code() {
        return true;
    }
    let a = &doc.analysis;
    let prose = &doc.prose;
    let (mut sentences, mut first_person) = (0usize, 0usize);
    for s in &a.sentences {
        let toks = &a.tokens[s.tokens.clone()];
        let quoted = toks.iter().any(|t| {
            t.kind == TokenKind::Punct && matches!(t.text(prose), "\"" | "“" | "”" | "«" | "»")
        });
        let words = toks.iter().filter(|t| t.kind == TokenKind::Word);
        if quoted || words.clone().count() < 4 {
            continue;
        }
        sentences += 1;
        first_person += words.filter(|t| is_first_person(t.text(prose))).count();
    }
    first_person >= 3 && first_person * 5 >= sentences
}

/// Prefixes that make a verb of a verb with a hyphen ("under-reports", "re-runs").
const HYPHEN_PREFIXES: &[&str] = &[
    "under", "over", "re", "co", "pre", "mis", "out", "cross", "double", "down", "up",
];

/// "I", "we" and their contractions, in any case but all capitals ("WE"), a curly
/// apostrophe counting as a straight one. ("US" is the country.)
fn is_first_person(w: &str) -> bool {
    const FIRST_PERSON: &[&str] = &[
        "i", "we", "i'm", "i've", "i'd", "i'll", "we're", "we've", "we'd", "we'll",
    ];
    if !w.starts_with(['i', 'I', 'w', 'W']) || w.len() > 8 || w == "WE" {
        return false;
    }
    let mut buf = [0u8; 8];
    let mut n = 0;
    for c in w.chars() {
        let c = if c == '’' { '\'' } else { c };
        if !c.is_ascii() || n == buf.len() {
            return false;
        }
        buf[n] = c.to_ascii_lowercase() as u8;
        n += 1;
    }
    FIRST_PERSON.iter().any(|p| p.as_bytes() == &buf[..n])
}

/// The sentences [`for_each_sentence`] visits.
pub(super) fn find_visits(doc: &Document) -> clause::Visits {
    let a = &doc.analysis;
    let mut visits = clause::Visits {
        blocks: Vec::new(),
        open: vec![false; a.sentences.len()],
    };
    // The image blocks, for `checked_block` to look through.
    let alts: Vec<&Block> = doc
        .blocks
        .iter()
        .filter(|x| x.kind == BlockKind::AltText)
        .collect();
    for (b, _) in doc.body_blocks() {
        if !checked_block(doc, b, &alts) {
            continue;
        }
        let base = a.sentences.partition_point(|s| s.block < b);
        let sents = a.block_sentences(b);
        if sents.is_empty() {
            continue;
        }
        let mut state = false;
        for (i, s) in sents.iter().enumerate() {
            visits.open[base + i] = state;
            state = clause::quote_open_after(&doc.prose, &a.tokens[s.tokens.clone()], state);
        }
        visits.blocks.push(base..base + sents.len());
    }
    visits
}

/// A body paragraph of running prose: not a heading, list item, table cell or alt text,
/// not inside a block quote, not a caption (a paragraph in emphasis, or one right under an
/// image) and not the headline. `alts` are the document's alt-text blocks.
pub(super) fn checked_block(doc: &Document, b: usize, alts: &[&Block]) -> bool {
    let block = &doc.blocks[b];
    if block.kind != BlockKind::Paragraph || block.quote_depth > 0 || block.list_depth > 0 {
        return false;
    }
    if doc.title_block() == Some(b) {
        return false;
    }
    let outer = doc.source[block.outer.clone()].trim();
    let emphasised = |c: char| outer.starts_with(c) && outer.ends_with(c);
    if emphasised('*') || emphasised('_') || link_only(outer) {
        return false;
    }
    // An image inside the paragraph, or just above it.
    let image_near = alts.iter().any(|x| {
        (x.outer.start >= block.outer.start && x.outer.end <= block.outer.end)
            || (x.outer.end <= block.outer.start
                && doc.source[x.outer.end..block.outer.start].trim().is_empty())
    });
    !image_near
}

/// A paragraph that is one link and nothing else but a closing stop: a pointer to another
/// page ("[Moved to the archive](old.md).", `<a href="…">Read the full report</a>`), which
/// reads as a label, not as a sentence.
fn link_only(outer: &str) -> bool {
    let body = outer.trim_end_matches(['.', '!', ' ']);
    if let Some(rest) = body.strip_prefix('[') {
        // `[text](url)` or `[text][ref]`, the text holding no link of its own.
        let Some(close) = rest.find("](").or_else(|| rest.find("][")) else {
            return false;
        };
        let (text, tail) = (&rest[..close], &rest[close + 1..]);
        let closing = if tail.starts_with('(') { ')' } else { ']' };
        return !text.contains(['[', ']'])
            && tail.ends_with(closing)
            && !tail[1..tail.len() - 1].contains([closing, ' ']);
    }
    let lower = body.get(..3).map(str::to_ascii_lowercase);
    lower.as_deref() == Some("<a ")
        && body.len() >= 4
        && body[body.len() - 4..].eq_ignore_ascii_case("</a>")
        && body.matches("</a>").count() + body.matches("</A>").count() == 1
}

/// Sentences with a verb and more words than this are not reported as fragments: past
/// it, a sentence that seems to have no main clause has almost always been misread (the
/// tagger's and the parser's errors add up over a long sentence), and the fragments
/// that rushed copy leaves are short ("Into the sea.", "While the mayor.") or not much
/// longer (an infinitive of purpose with a clause of its own). Verbless
/// sentences are reported at any length.
pub(super) const FRAGMENT_MAX_WORDS: usize = 24;

/// Whether the sentence has more than `max` words and a word tagged as a verb.
pub(super) fn long_with_verb(v: &Visit, max: usize) -> bool {
    let toks = v.toks();
    toks.iter()
        .filter(|t| {
            matches!(
                t.kind,
                TokenKind::Word | TokenKind::Number | TokenKind::Code
            )
        })
        .count()
        > max
        && v.tags().iter().any(|t| {
            matches!(
                t.xpos,
                Xpos::Vb | Xpos::Vbd | Xpos::Vbg | Xpos::Vbn | Xpos::Vbp | Xpos::Vbz | Xpos::Md
            )
        })
}

/// The sentence opens with a subordinator of two or three words ("Provided that …", "As
/// long as …", "Even though …").
pub(super) fn multiword_subordinator(v: &Visit) -> bool {
    const TWO: &[[&str; 2]] = &[
        ["provided", "that"],
        ["providing", "that"],
        ["given", "that"],
        ["assuming", "that"],
        ["supposing", "that"],
        ["so", "that"],
        ["now", "that"],
        ["even", "though"],
        ["even", "if"],
        ["except", "that"],
    ];
    const THREE: &[[&str; 3]] = &[
        ["as", "long", "as"],
        ["as", "soon", "as"],
        ["in", "order", "that"],
        ["as", "far", "as"],
    ];
    let w = |k: usize| v.word(k);
    TWO.iter()
        .any(|p| w(0).eq_ignore_ascii_case(p[0]) && w(1).eq_ignore_ascii_case(p[1]))
        || THREE.iter().any(|p| {
            w(0).eq_ignore_ascii_case(p[0])
                && w(1).eq_ignore_ascii_case(p[1])
                && w(2).eq_ignore_ascii_case(p[2])
        })
}
