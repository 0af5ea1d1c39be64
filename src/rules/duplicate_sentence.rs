use std::ops::Range;

use super::headline::{fold, folded_hash_known, mix, word_ranges};
use super::{Context, Rule, RuleDoc, on};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity};
use crate::document::{BlockKind, Document};

pub struct DuplicateSentence;

/// The fewest words of the author's own prose (not code, link text or addresses) a repeated
/// passage needs before it is worth a finding: shorter sentences ("For example, you may
/// write:", "We will be in touch by Friday.") recur naturally.
const MIN_OWN_WORDS: usize = 10;

/// The fewest own words of each sentence of a repeated passage.
const MIN_SENTENCE_WORDS: usize = 5;

static DOC: RuleDoc = RuleDoc {
    id: "duplicate-sentence",
    summary: "the same body sentence written twice",
    default: on(Severity::Warning),
    flags: "A sentence of a body paragraph, of eight words or more of prose, written again \
            in a later paragraph: the same words in the same order, ignoring case, spacing, \
            emphasis and quotation-mark style (inline code and link addresses must match too). \
            Not a duplicate: a sentence written three times or more (a refrain or a template), \
            a sentence that opens paragraphs after headings or run-in labels of the same text \
            (parallel sections), a lone sentence used again in another section in a post \
            (the `blog` style) or, in any style, one that speaks to the reader (an \
            imperative, a sentence with \"you\": an introduction or a call to action \
            reused on purpose; a passage of two sentences or more still counts), a copy in a summary section (\"TL;DR\", \"Summary\", \"In \
            short\"), a question, a lead-in ending with a colon, an attribution \
            line, a sentence counted short once its code, link text and addresses are left \
            out, the headline, and sentences in list items, tables, block quotes and HTML \
            `<details>`, `<blockquote>` or `<aside>` elements (a recap or a pull quote).",
    why: "A sentence pasted twice is a sign of a careless merge of two versions; readers notice \
          at once.",
    example: "The library will close for repairs in June, the city council said on Monday.\n\n\
              Staff will move to the annex on Fourth Street.\n\n\
              The library will close for repairs in June, the city council said on Monday.\n",
    instead: "Keep one copy.",
    fix: "Deletes the second copy (unsafe: check which copy belongs where).",
};

impl Rule for DuplicateSentence {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let title_block = doc.title_block();
        // Every sentence of a paragraph or list item long enough to count, by the hash of its
        // key; keys are written only for sentences whose hash another shares.
        let mut hashed: Vec<(u64, usize)> = Vec::new();
        for (i, s) in doc.analysis.sentences.iter().enumerate() {
            let block = &doc.blocks[s.block];
            // A collapsed `<details>` block recaps what is above it on purpose.
            if Some(s.block) == title_block
                || !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem)
                || block.in_details
            {
                continue;
            }
            // The prose words (link text included) bound the own words from above.
            if word_ranges(&doc.prose, s.range.clone())
                .nth(MIN_SENTENCE_WORDS - 1)
                .is_none()
            {
                continue;
            }
            let (_, hash) = key_hash(&doc.source, s.range.clone());
            hashed.push((hash, i));
        }
        hashed.sort_unstable();
        let title_key = doc.title.as_ref().map(|t| {
            let mut k = String::new();
            key(&doc.source, t.range.clone(), &mut k);
            k
        });
        let mut containers: Option<Vec<Range<usize>>> = None;
        let mut found: Vec<(usize, usize)> = Vec::new();
        for run in hashed.chunk_by(|a, b| a.0 == b.0) {
            if run.len() < 2 {
                continue;
            }
            // Group the sentences of one hash by their keys, in document order.
            let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
            for &(_, i) in run {
                let mut k = String::new();
                key(&doc.source, doc.analysis.sentences[i].range.clone(), &mut k);
                match groups.iter_mut().find(|(g, _)| *g == k) {
                    Some((_, members)) => members.push(i),
                    None => groups.push((k, vec![i])),
                }
            }
            for (k, members) in groups {
                // Three copies or more are a refrain or a template, not a slip.
                if members.len() != 2 || title_key.as_deref() == Some(k.as_str()) {
                    continue;
                }
                let (a, b) = (members[0], members[1]);
                let containers = containers.get_or_insert_with(|| html_containers(&doc.source));
                if eligible(doc, a, containers)
                    && eligible(doc, b, containers)
                    && !parallel(doc, a, b)
                {
                    found.push((b, a));
                }
            }
        }
        found.sort_unstable();
        // Copies that follow each other in one paragraph, of sentences that follow each other,
        // are one passage written twice: one finding.
        let mut passages: Vec<(Range<usize>, Range<usize>)> = Vec::new();
        for &(second, first) in &found {
            if let Some((seconds, firsts)) = passages.last_mut()
                && seconds.end == second
                && firsts.end == first
                && doc.analysis.sentences[second].block == doc.analysis.sentences[second - 1].block
                && doc.analysis.sentences[first].block == doc.analysis.sentences[first - 1].block
            {
                seconds.end += 1;
                firsts.end += 1;
                continue;
            }
            passages.push((second..second + 1, first..first + 1));
        }
        let sentences = &doc.analysis.sentences;
        for (seconds, firsts) in passages {
            let words: usize = seconds.clone().map(|i| own_words(doc, i)).sum();
            if words < MIN_OWN_WORDS {
                continue;
            }
            // In a post, a lone sentence used again in another section (a heading between
            // the copies) is reused on purpose: an introduction repeated where a second
            // section needs it, a call to action closing the post as it opened it. A pasted
            // passage of two sentences or more, a sentence repeated within its section, or
            // any repeat in news copy (which never restates a sentence word for word) is not.
            let (fb, sb) = (
                sentences[firsts.start].block,
                sentences[seconds.start].block,
            );
            let between = doc.blocks.get(fb + 1..sb).unwrap_or(&[]);
            if seconds.len() == 1
                && between.iter().any(|b| section_heading(doc, b))
                && (super::structure::blog_style(cx.settings, doc)
                    || addresses_reader(doc, seconds.start))
            {
                continue;
            }
            let span = sentences[seconds.start].range.start..sentences[seconds.end - 1].range.end;
            let first = sentences[firsts.start].range.start..sentences[firsts.end - 1].range.end;
            // Take the spaces after the copy, or, when it ends its line, those before.
            let rest = &doc.source[span.end..];
            let after = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            let range = if rest[after..].starts_with(['\n', '\r']) || after == rest.len() {
                let head = &doc.source[..span.start];
                let before = head.len() - head.trim_end_matches([' ', '\t']).len();
                span.start - before..span.end + after
            } else {
                span.start..span.end + after
            };
            let message = if seconds.len() == 1 {
                "this sentence appears twice"
            } else {
                "these sentences appear twice"
            };
            out.push(
                Diagnostic::new(DOC.id, span, message)
                    .label(first, "first written here")
                    .fix(
                        "delete the second copy",
                        Applicability::Unsafe,
                        vec![Edit {
                            range,
                            replacement: String::new(),
                        }],
                    ),
            );
        }
    }
}

/// Does sentence `i` speak to the reader: an imperative, or a sentence with "you" in it (a
/// call to action, which a text may well close with as it opened)?
fn addresses_reader(doc: &Document, i: usize) -> bool {
    let a = &doc.analysis;
    let s = &a.sentences[i];
    use crate::language::lexicon::Classes;
    use crate::language::tagger::Xpos;
    let tags = a.sentence_tags_upto(&doc.prose, i, 2);
    // A verb first, tagged so, or one that can be a verb before what opens a noun phrase
    // ("Send questions to …", which the tagger may read as a compound noun).
    let imperative = tags.first().is_some_and(|t| t.xpos == Xpos::Vb)
        || a.lex(&doc.prose)
            .classes
            .get(s.tokens.start)
            .is_some_and(|c| c.contains(Classes::VERB))
            && tags
                .get(1)
                .is_some_and(|t| matches!(t.xpos, Xpos::Dt | Xpos::PrpS | Xpos::Prp | Xpos::Nns));
    imperative
        || a.tokens[s.tokens.clone()].iter().any(|t| {
            matches!(
                t.text(&doc.prose).to_ascii_lowercase().as_str(),
                "you" | "your" | "yours" | "yourself"
            )
        })
}

/// Is block `b` a heading that opens a section: not the headline pasted again (a leading
/// piece of it), which is a defect of its own rather than structure.
fn section_heading(doc: &Document, b: &crate::document::Block) -> bool {
    if !b.is_heading() {
        return false;
    }
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let heading = words(&doc.source[b.range.clone()]);
    let title = doc.title_text().map(words).unwrap_or_default();
    heading.is_empty() || !title.starts_with(&heading)
}

/// Can sentence `i` be one copy of a duplicate? It must be prose of a body paragraph (not a
/// list item, a block quote or an HTML recap), of enough words of its own, and neither a
/// question, a lead-in to what follows, nor an attribution.
fn eligible(doc: &Document, i: usize, containers: &[Range<usize>]) -> bool {
    let s = &doc.analysis.sentences[i];
    let block = &doc.blocks[s.block];
    if block.kind != BlockKind::Paragraph
        || block.quote_depth > 0
        || containers.iter().any(|c| c.contains(&s.range.start))
    {
        return false;
    }
    let text = doc.source[s.range.clone()].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '_' | ')' | ']' | '"' | '\'' | '”' | '’')
    });
    if text.ends_with(['?', ':']) {
        return false;
    }
    if text
        .trim_start_matches(['*', '_', ' '])
        .starts_with(['-', '—', '–', '―'])
    {
        return false;
    }
    own_words(doc, i) >= MIN_SENTENCE_WORDS
}

/// The words of a sentence the author wrote as prose: not inside square brackets (link text,
/// which names what it points at; the brackets are looked for across the whole block, as
/// link text may hold a sentence or run past one) and not part of a web address.
fn own_words(doc: &Document, i: usize) -> usize {
    let s = &doc.analysis.sentences[i];
    let outer = doc.blocks[s.block].outer.clone();
    let src = &doc.source;
    let mut brackets: Vec<Range<usize>> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (p, c) in src[outer.clone()].char_indices() {
        match c {
            '[' => open.push(outer.start + p),
            ']' => {
                if let Some(o) = open.pop() {
                    brackets.push(o..outer.start + p);
                }
            }
            _ => {}
        }
    }
    word_ranges(&doc.prose, s.range.clone())
        .filter(|r| !brackets.iter().any(|b| b.contains(&r.start)) && !in_address(src, r.clone()))
        .count()
}

/// Is the word at `r` part of a web address (its stretch of text between spaces holds `://`
/// or starts with `www.`)?
fn in_address(src: &str, r: Range<usize>) -> bool {
    let start = src[..r.start]
        .rfind(char::is_whitespace)
        .map_or(0, |p| p + 1);
    let end = src[r.end..]
        .find(char::is_whitespace)
        .map_or(src.len(), |p| r.end + p);
    let token = src[start..end].trim_start_matches(['(', '<', '[', '"', '\'']);
    token.contains("://") || token.starts_with("www.")
}

/// The byte ranges of HTML `<details>`, `<blockquote>` and `<aside>` elements: what sits in
/// them recaps, quotes or pulls out text shown elsewhere. An element left open runs to the end.
fn html_containers(src: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !src.contains('<') {
        return out;
    }
    let lower = src.to_ascii_lowercase();
    for name in ["details", "blockquote", "aside"] {
        let open = format!("<{name}");
        let close = format!("</{name}");
        let mut depth = 0usize;
        let mut start = 0;
        let mut p = 0;
        while let Some(q) = lower[p..].find('<').map(|q| p + q) {
            let rest = &lower[q..];
            let is = |tag: &str| {
                rest.starts_with(tag)
                    && rest[tag.len()..].starts_with(|c: char| c == '>' || c.is_whitespace())
            };
            if is(&open) {
                if depth == 0 {
                    start = q;
                }
                depth += 1;
            } else if is(&close) && depth > 0 {
                depth -= 1;
                if depth == 0 {
                    out.push(start..q);
                }
            }
            p = q + 1;
        }
        if depth > 0 {
            out.push(start..src.len());
        }
    }
    out
}

/// Do two copies stand in parallel places: after section headings, or run-in labels opening
/// their paragraphs, of the same text? Then the sections share a template (the same question
/// answered, the same note closing each) and the repeat is deliberate.
fn parallel(doc: &Document, a: usize, b: usize) -> bool {
    let (la, lb) = (label(doc, a), label(doc, b));
    if let (Some((pa, la)), Some((pb, lb))) = (&la, &lb)
        && pa != pb
        && la == lb
    {
        return true;
    }
    // A summary section ("TL;DR", "In short") restates the body on purpose.
    if [&la, &lb]
        .iter()
        .any(|l| l.as_ref().is_some_and(|(_, k)| summary_heading(k)))
    {
        return true;
    }
    // Paragraphs of one sentence each, followed by the same scaffolding (a heading, a
    // lead-in, a question, a short label): the same note in each section of a template.
    let (ba, bb) = (
        doc.analysis.sentences[a].block,
        doc.analysis.sentences[b].block,
    );
    if doc.analysis.block_sentences(ba).len() != 1 || doc.analysis.block_sentences(bb).len() != 1 {
        return false;
    }
    let (Some(na), Some(nb)) = (doc.blocks.get(ba + 1), doc.blocks.get(bb + 1)) else {
        return false;
    };
    let (mut ka, mut kb) = (String::new(), String::new());
    let words = key(&doc.source, na.range.clone(), &mut ka);
    key(&doc.source, nb.range.clone(), &mut kb);
    let text = doc.source[na.range.clone()].trim_end_matches(['*', '_', ' ']);
    ka == kb && (na.is_heading() || words < MIN_OWN_WORDS || text.ends_with([':', '?']))
}

/// Is a heading's key (its folded words) the title of a summary section?
fn summary_heading(key: &str) -> bool {
    let words: Vec<&str> = key.split(' ').collect();
    words
        .iter()
        .any(|w| matches!(*w, "summary" | "recap" | "tldr"))
        || matches!(
            words.as_slice(),
            ["tl", "dr"]
                | ["in", "short"]
                | ["in", "brief"]
                | ["at", "a", "glance"]
                | ["key", "points"]
        )
}

/// Where the label of sentence `i`'s place starts, and its words folded: the run-in label
/// (bold words) opening its paragraph, else the nearest heading before it.
fn label(doc: &Document, i: usize) -> Option<(usize, String)> {
    let b = doc.analysis.sentences[i].block;
    let block = &doc.blocks[b];
    let outer = &doc.source[block.outer.clone()];
    for mark in ["**", "__"] {
        if let Some(rest) = outer.strip_prefix(mark)
            && let Some(end) = rest.find(mark)
            && !rest[..end].contains('\n')
        {
            let at = block.outer.start + mark.len();
            let mut k = String::new();
            key(&doc.source, at..at + end, &mut k);
            return Some((block.outer.start, k));
        }
    }
    let h = doc.blocks[..b].iter().rposition(|x| x.is_heading())?;
    let mut k = String::new();
    key(&doc.prose, doc.blocks[h].range.clone(), &mut k);
    Some((doc.blocks[h].range.start, k))
}

/// The word count of the key [`key`] writes, and a hash of it, without writing it: the
/// words' [`folded_hash`](super::headline::folded_hash)es mixed in order (the key's space-separated parts are the words
/// folded twice, so equal keys hash alike).
fn key_hash(text: &str, range: std::ops::Range<usize>) -> (usize, u64) {
    let mut words = 0;
    let mut hash = 0;
    let mut ranges = word_ranges(text, range);
    while let Some(r) = ranges.next() {
        words += 1;
        hash = mix(hash, folded_hash_known(text, r, ranges.last_ascii()));
    }
    (words, hash)
}

/// A sentence's words, folded, joined by single spaces, written into `out`; returns how many
/// words there are (words hold no spaces, so this is the key's count of space-separated
/// parts). The words are those of [`word_ranges`], each folded twice (folding once can leave
/// a character that folds again). Only the headline and sentences whose [`key_hash`] was seen
/// before are written out, so this need not be fast.
fn key(text: &str, range: std::ops::Range<usize>, out: &mut String) -> usize {
    out.clear();
    let mut words = 0;
    for r in word_ranges(text, range) {
        if words > 0 {
            out.push(' ');
        }
        words += 1;
        out.push_str(&fold(&fold(&text[r])));
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The duplicate-sentence findings of a draft: the text underlined and the message.
    fn findings(src: &str) -> Vec<(String, String)> {
        crate::check_str(src, &crate::settings::Settings::default())
            .into_iter()
            .filter(|d| d.rule == DOC.id)
            .map(|d| (src[d.range.clone()].to_string(), d.message))
            .collect()
    }

    const LONG: &str = "The ferry to Inishcarra will run twice a day from the first of May.";

    const LONG2: &str =
        "Tickets for the crossing will cost four euros for adults and two for children.";

    fn once(text: &str) -> Vec<(String, String)> {
        vec![(text.to_string(), "this sentence appears twice".to_string())]
    }

    fn passage() -> String {
        format!("{LONG} {LONG2}")
    }

    fn twice(text: &str) -> Vec<(String, String)> {
        vec![(text.to_string(), "these sentences appear twice".to_string())]
    }

    #[test]
    fn a_lone_sentence_reused_in_another_section_is_deliberate_and_a_passage_is_not() {
        // In news copy a statement written again in another section is a paste.
        let lone = format!(
            "# Ferry

{LONG}

## Fares

{LONG}
"
        );
        assert_eq!(findings(&lone), once(LONG));
        // In a post (here: one with code), the same reuse is an introduction restated.
        let post = format!(
            "# Ferry

{LONG} The timetable is in `ferry.txt`.

## Fares

{LONG}
"
        );
        assert_eq!(findings(&post), vec![]);
        // A call to action, in any style, may close a text as it opened it.
        let call =
            "Send questions to the harbour office before the first of May, or call the pier.";
        let calls = format!(
            "# Ferry

{call}

## Fares

{call}
"
        );
        assert_eq!(findings(&calls), vec![]);
        let same_section = format!(
            "# Ferry

{LONG}

The pier was repainted in March.

{LONG}
"
        );
        assert_eq!(findings(&same_section), once(LONG));
        let pasted = format!(
            "# Ferry

{p}

## Fares

{p}
",
            p = passage()
        );
        assert_eq!(findings(&pasted), twice(&passage()));
    }

    #[test]
    fn a_recap_in_details_is_silent_and_the_same_text_outside_it_fires() {
        let plain = format!("# Ferry\n\n{LONG}\n\nThe pier was repainted in March.\n\n{LONG}\n");
        assert_eq!(findings(&plain), once(LONG));
        let recap = format!(
            "# Ferry\n\n{LONG}\n\n<details>\n<summary>Updates</summary>\n\n{LONG}\n\n</details>\n"
        );
        assert_eq!(findings(&recap), vec![]);
        let pull = format!("# Ferry\n\n{LONG}\n\n<aside class=\"pull\">\n\n{LONG}\n\n</aside>\n");
        assert_eq!(findings(&pull), vec![]);
    }

    #[test]
    fn a_summary_section_restates_the_body() {
        for heading in ["TL;DR", "Summary", "In short"] {
            let draft = format!("# Ferry\n\n## {heading}\n\n{LONG}\n\n## Details\n\n{LONG}\n");
            assert_eq!(findings(&draft), vec![], "{heading}");
        }
        let draft = format!(
            "# Ferry\n\n## Fares\n\n{p}\n\n## Details\n\n{p}\n",
            p = passage()
        );
        assert_eq!(findings(&draft), twice(&passage()));
    }

    #[test]
    fn a_third_copy_makes_a_refrain() {
        let two = format!("# Ferry\n\n{LONG}\n\nFares rise.\n\n{LONG}\n");
        assert_eq!(findings(&two), once(LONG));
        let three = format!("{two}\nIt changes.\n\n{LONG}\n");
        assert_eq!(findings(&three), vec![]);
    }

    #[test]
    fn answers_after_the_same_label_are_parallel_and_after_different_ones_are_not() {
        let draft = |a: &str, b: &str| {
            format!(
                "# Crew\n\n## Ana\n\n**{a}** {p}\n\n## Ben\n\n**{b}** {p}\n",
                p = passage()
            )
        };
        assert_eq!(findings(&draft("Plans.", "Plans.")), vec![]);
        assert_eq!(findings(&draft("Plans.", "Worries.")), twice(&passage()));
    }

    #[test]
    fn sentences_differing_in_inline_code_are_not_copies() {
        let s =
            "To print the timetable for the island route, run `ferry --list north` at the desk.";
        let t = s.replace("north", "south");
        assert_eq!(findings(&format!("# Ferry\n\n{s}\n\n{t}\n")), vec![]);
        assert_eq!(findings(&format!("# Ferry\n\n{s}\n\n{s}\n")), once(s));
    }

    #[test]
    fn questions_lead_ins_link_text_and_short_sentences_do_not_count() {
        for s in [
            "Will the ferry to Inishcarra run twice a day from the first of May?",
            "The ferry to Inishcarra will run on these days from the first of May:",
            "Read [the timetable of the ferry to Inishcarra for the summer](https://example.org).",
            "The ferry will run twice a day.",
        ] {
            assert_eq!(
                findings(&format!("# Ferry\n\n{s}\n\n## More\n\n{s}\n")),
                vec![],
                "{s}"
            );
        }
    }

    #[test]
    fn list_items_and_block_quotes_do_not_count() {
        assert_eq!(
            findings(&format!("# Ferry\n\n- {LONG}\n\n## More\n\n- {LONG}\n")),
            vec![]
        );
        assert_eq!(
            findings(&format!("# Ferry\n\n{LONG}\n\n> {LONG}\n")),
            vec![]
        );
    }
    use crate::rules::headline::hash_of_folded;

    #[test]
    fn the_unwritten_key_hash_is_the_hash_of_the_key() {
        let long = "Supercalifragilistic".repeat(40);
        for t in [
            "",
            " ",
            "The council's plan -- approved 7-2 -- was co-signed by Dr. Ruiz.",
            "x.y. .a 'b' c'd e- -f g--h 1.5 5. U.S.-based A'-b",
            "  Spaces   and\ttabs\nand lines  ",
            "The mayor’s plan—approved in 2024—was co-signed. “Quoted” ‘single’ rock’n’roll ’90s",
            "Ærøskøbing CAFÉ naïve ΣΊΣΥΦΟΣ Σίσυφος 東京 ①② x\u{301}y İstanbul ǅemal ẞ \u{212A}elvin",
            "end.’ ’start '' -- .. x’’y x-’y x’ É’É É-é É.1 1’a",
            "tab\tnew\nline\u{a0}nbsp\u{2009}thin",
            long.as_str(),
        ] {
            let mut got = String::new();
            let n = key(t, 0..t.len(), &mut got);
            // The hash read without writing the key is that of its parts.
            let parts = got
                .split(' ')
                .filter(|p| !p.is_empty())
                .fold(0, |h, p| mix(h, hash_of_folded(p)));
            assert_eq!(key_hash(t, 0..t.len()), (n, parts), "{t:?}");
        }
    }
}
