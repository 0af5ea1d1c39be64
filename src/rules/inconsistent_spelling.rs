use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;
use std::sync::OnceLock;

use super::{Context, Rule, RuleDoc, on};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity};
use crate::document::{BlockKind, Document};
use crate::language::lexicon;
use crate::settings::Dialect;
use crate::text::case::match_case;
use crate::text::hash::WordHasher;
use crate::text::tokens::{Token, TokenKind};

pub struct InconsistentSpelling;

static DOC: RuleDoc = RuleDoc {
    id: "inconsistent-spelling",
    summary: "one word spelt two ways in one draft (defence/defense, U.S./US, e-mail/email)",
    default: on(Severity::Warning),
    flags: "A draft that writes one word in two spellings: American and British variants \
            (defence/defense, neighbours/neighbors, organise/organize, travelled/traveled, \
            metres/meters as units, programme/program outside computing), forms of an \
            abbreviation (U.S./US, U.K./UK), hyphenation and compounds (e-mail/email, \
            co-operate/cooperate, per cent/percent), and near-identical spellings of one \
            name (\"Haldane\"/\"Haldan\"). The spelling to keep follows `dialect` when it is \
            set, else the one the draft uses most. Forms of one word count together \
            (\"centre\" and \"centers\", \"minimised\" and \"minimize\"), and a single use of \
            each spelling is enough. The headline counts, from a heading or the front matter's \
            `title`. Official names (\"Pearl Harbor\" in a British draft, \
            `rules/proper-names.txt`), quoted titles and block quotes (Markdown `>` or HTML \
            `<blockquote>`: other writers' words, in their spelling) and the text of links \
            (which often copies the title of the page linked to) are left alone, and so is \
            a heading that a link's address in its section spells the same way (\"Extend \
            behavioural testing\" over a link to `…/extend-behavioural-testing`). The \
            variant lists are data built from SCOWL (`rules/spelling/`).",
    why: "Readers notice a word that changes spelling between paragraphs; it reads as two \
          writers' copy pasted together and makes the whole piece look unedited.",
    example: "The defence minister spoke first.\n\nLater, the defense ministry issued a \
              statement, and the defence budget was approved.\n",
    instead: "Pick one spelling (the house dialect's) and use it throughout.",
    fix: "Rewrites the other spellings to the one to keep, keeping case (unsafe: check names \
          and quotations).",
};

// The rows of rules/spelling/variants.tsv, compounds.tsv and abbreviations.tsv, split at
// build time (see build.rs): `VARIANT_ROWS`, `COMPOUND_ROWS`, `ABBREVIATION_ROWS`.
include!(concat!(env!("OUT_DIR"), "/spelling_rows.rs"));
const PROPER_NAMES: &str = include_str!("../../rules/proper-names.txt");

/// How cautiously a group is treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sense {
    /// Plain variants of one word.
    Plain,
    /// meter/metre: counted only as units, after a number.
    Unit,
    /// program/programme: not counted near computing words.
    Program,
    /// Abbreviations that must follow a number (a.m./am).
    AfterNumber,
    /// Abbreviations that must come before a name (Mr./Mr).
    BeforeName,
}

#[derive(Clone, Debug)]
struct Group {
    /// Spelling by dialect: us, gb, ca, au.
    dialects: [&'static str; 4],
    sense: Sense,
    case_sensitive: bool,
}

struct Tables {
    groups: Vec<Group>,
    /// The forms by their first (or only) word, so that one look-up per word finds both
    /// kinds.
    forms: FastMap<Forms>,
    /// Proper names by each of their words.
    names: FastMap<Vec<Vec<&'static str>>>,
    /// Both bits [`filter_bits`] of every ASCII key of `forms` are set: an ASCII word with
    /// either bit clear is no key, in any case (see [`ascii_print`]). Two bits per key rule
    /// out about ten times as many other words as one did.
    ascii_filter: Box<[u64; FILTER_BITS / 64]>,
    /// How many groups come from the variants list (the first ones).
    variant_groups: usize,
    /// Per group: its family, the groups that are forms of one word (organize, organized,
    /// organization...), when it has one. Made when a draft first uses two groups.
    family: OnceLock<Vec<Option<usize>>>,
}

impl Tables {
    fn family(&self) -> &[Option<usize>] {
        self.family.get_or_init(|| {
            let mut families: HashMap<String, usize> = HashMap::new();
            self.groups
                .iter()
                .enumerate()
                .map(|(g, group)| {
                    if g >= self.variant_groups || group.sense != Sense::Plain {
                        return None;
                    }
                    let key = family_key(
                        &group.dialects[0].to_lowercase(),
                        &group.dialects[1].to_lowercase(),
                    )?;
                    let next = families.len();
                    Some(*families.entry(key).or_insert(next))
                })
                .collect()
        })
    }
}

/// The family of a variant pair: the stem both spellings share and the letters that differ
/// ("organi", "z", "s" for organized/organised and organization/organisation; "cent",
/// "er", "re" for center/centre and centers/centres). None for a pair that differs too
/// near its start to tell one word from another.
fn family_key(us: &str, gb: &str) -> Option<String> {
    if us == gb || !us.is_ascii() || !gb.is_ascii() || us.contains(' ') || gb.contains(' ') {
        return None;
    }
    let (a, b) = (us.as_bytes(), gb.as_bytes());
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let s = a[p..]
        .iter()
        .rev()
        .zip(b[p..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (p >= 3).then(|| {
        format!(
            "{}|{}|{}",
            &us[..p],
            &us[p..us.len() - s],
            &gb[p..gb.len() - s]
        )
    })
}

/// Size of [`Tables::ascii_filter`] in bits (8 KB).
const FILTER_BITS: usize = 1 << 16;

/// The two bits of [`Tables::ascii_filter`] an ASCII word falls on: two 16-bit pieces of its
/// [`ascii_print`].
#[inline]
fn filter_bits(w: &[u8]) -> [usize; 2] {
    let x = ascii_print(w);
    [(x >> 48) as usize, ((x >> 32) & 0xFFFF) as usize]
}

/// Does an ASCII word pass [`Tables::ascii_filter`] (both its bits set)?
#[inline]
fn passes_filter(filter: &[u64; FILTER_BITS / 64], w: &[u8]) -> bool {
    filter_bits(w)
        .iter()
        .all(|&k| filter[k / 64] & (1 << (k % 64)) != 0)
}

/// A hash of an ASCII word's length and of its first and last four bytes, each with the
/// 0x20 bit set. ASCII lower-casing only changes `A`..`Z` into `a`..`z`, which differ from
/// them by that bit alone, so a word and its lower case have the same print.
#[inline]
fn ascii_print(w: &[u8]) -> u64 {
    const CASE: u32 = 0x2020_2020;
    let n = w.len();
    let (head, tail) = match w.first_chunk::<4>() {
        Some(head) => (
            u32::from_le_bytes(*head),
            w.last_chunk::<4>().map_or(0, |t| u32::from_le_bytes(*t)),
        ),
        None => {
            // Fewer than four bytes: the word itself, in a word.
            let mut x = 0u32;
            for &b in w {
                x = (x << 8) | u32::from(b);
            }
            (x, 0)
        }
    };
    let x = ((u64::from(head | CASE) << 32) | u64::from(tail | CASE))
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ (n as u64);
    (x ^ (x >> 29)).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// The forms a word starts.
#[derive(Default)]
struct Forms {
    /// Folded (or, for abbreviations, exact) single-token form: its group.
    single: Option<usize>,
    /// Two-word forms ("per cent", "web site") starting with this word: the second word and
    /// the group.
    double: Vec<(String, usize)>,
}

/// A map from words, hashed for speed (every word of a draft is looked up): the tables are
/// built from the project's own data, so there is nothing to defend against.
/// Its keys borrow the embedded lists wherever a form is already folded, so that building
/// the tables allocates little (they are built on every run, before the first finding).
type FastMap<V> = HashMap<Cow<'static, str>, V, BuildHasherDefault<WordHasher>>;

/// `form` folded to lower case, borrowed when it already is.
fn folded_form(form: &'static str) -> Cow<'static, str> {
    if form
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(form)
    } else {
        Cow::Owned(form.to_lowercase())
    }
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = Tables {
            groups: Vec::with_capacity(3000),
            forms: FastMap::with_capacity_and_hasher(12_000, Default::default()),
            names: FastMap::default(),
            ascii_filter: Box::new([0; FILTER_BITS / 64]),
            variant_groups: 0,
            family: OnceLock::new(),
        };
        let add_form = |t: &mut Tables, form: &'static str, g: usize| {
            let form = form.trim();
            if form.is_empty() || form == "-" {
                return;
            }
            let key = if t.groups[g].case_sensitive {
                Cow::Borrowed(form)
            } else {
                folded_form(form)
            };
            match key.split_once(' ') {
                Some((first, rest)) if !rest.contains(' ') => {
                    let first = match &key {
                        Cow::Borrowed(k) => Cow::Borrowed(&k[..first.len()]),
                        Cow::Owned(_) => Cow::Owned(first.to_string()),
                    };
                    t.forms
                        .entry(first)
                        .or_default()
                        .double
                        .push((rest.to_string(), g));
                }
                Some(_) => {}
                None => {
                    t.forms.entry(key).or_default().single.get_or_insert(g);
                }
            }
        };
        for &r in VARIANT_ROWS {
            if r.len() < 6 {
                continue;
            }
            let sense = match (r[5], r[0]) {
                ("-", _) => Sense::Plain,
                (_, "meter" | "meters") => Sense::Unit,
                (_, "program" | "programs") => Sense::Program,
                _ => continue,
            };
            let g = t.groups.len();
            t.groups.push(Group {
                dialects: [r[0], r[1], r[2], r[3]],
                sense,
                case_sensitive: false,
            });
            for f in &r[..4] {
                add_form(&mut t, f, g);
            }
        }
        t.variant_groups = t.groups.len();
        for &r in COMPOUND_ROWS {
            if r.len() < 3 {
                continue;
            }
            let g = t.groups.len();
            t.groups.push(Group {
                dialects: [r[0], r[1], r[0], r[1]],
                sense: Sense::Plain,
                case_sensitive: false,
            });
            add_form(&mut t, r[0], g);
            add_form(&mut t, r[1], g);
            for f in r[2].split(',') {
                add_form(&mut t, f, g);
            }
        }
        for &r in ABBREVIATION_ROWS {
            if r.len() < 5 {
                continue;
            }
            let sense = match r[4] {
                "after-number" => Sense::AfterNumber,
                "before-name" => Sense::BeforeName,
                "-" => Sense::Plain,
                _ => continue,
            };
            let (us, gb) = (
                if r[2] == "-" { r[0] } else { r[2] },
                if r[3] == "-" { r[0] } else { r[3] },
            );
            let g = t.groups.len();
            t.groups.push(Group {
                dialects: [us, gb, us, gb],
                sense,
                case_sensitive: true,
            });
            add_form(&mut t, r[0], g);
            add_form(&mut t, r[1], g);
        }
        for line in PROPER_NAMES.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let words: Vec<&'static str> = line.split_whitespace().collect();
            for &w in &words {
                t.names
                    .entry(Cow::Borrowed(w))
                    .or_default()
                    .push(words.clone());
            }
        }
        for key in t.forms.keys().filter(|k| k.is_ascii()) {
            for k in filter_bits(key.as_bytes()) {
                t.ascii_filter[k / 64] |= 1 << (k % 64);
            }
        }
        t
    })
}

/// A run of words to read: the text they are in, their tokens, the block they belong to
/// (`usize::MAX` for the front matter's title) and that block's range.
type Segment<'a> = (&'a str, std::borrow::Cow<'a, [Token]>, usize, Range<usize>);

/// One use of a spelling.
#[derive(Clone, Debug)]
struct Use {
    range: Range<usize>,
    /// The spelling as the group knows it (folded unless case matters).
    form: String,
}

fn dialect_index(d: Dialect) -> usize {
    match d {
        Dialect::EnUs => 0,
        Dialect::EnGb => 1,
        Dialect::EnCa => 2,
        Dialect::EnAu => 3,
    }
}

/// Is the word at `t` part of an official name such as "Pearl Harbor"?
fn in_proper_name(text: &str, toks: &[Token], i: usize) -> bool {
    let word = toks[i].text(text);
    let Some(names) = tables().names.get(word) else {
        return false;
    };
    names.iter().any(|name| {
        let Some(pos) = name.iter().position(|w| *w == word) else {
            return false;
        };
        if pos > i {
            return false;
        }
        let start = i - pos;
        name.iter().enumerate().all(|(k, w)| {
            toks.get(start + k)
                .is_some_and(|t| t.kind == TokenKind::Word && t.text(text) == *w)
        })
    })
}

/// Byte ranges of short quoted titles ("“Colour of Money”"), whose spelling is the title's.
fn quoted_titles(text: &str, block: Range<usize>) -> Vec<Range<usize>> {
    let text = &text[block.clone()];
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('“', _) | ('"', None) => open = Some(i),
            ('”', Some(s)) | ('"', Some(s)) => {
                let inner = &text[s..i];
                let words: Vec<&str> = inner
                    .split_whitespace()
                    .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                    .filter(|w| !w.is_empty())
                    .collect();
                let caps = words
                    .iter()
                    .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                    .count();
                if !words.is_empty() && words.len() <= 8 && caps * 2 >= words.len() {
                    out.push(block.start + s..block.start + i);
                }
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// The byte ranges of HTML block quotes (`<blockquote>` to `</blockquote>`) in `source`.
fn html_quotes(source: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !source.contains("<blockquote") {
        return out;
    }
    let mut at = 0;
    while let Some(open) = source[at..].find("<blockquote").map(|k| at + k) {
        let Some(close) = source[open..].find("</blockquote>").map(|k| open + k) else {
            out.push(open..source.len());
            break;
        };
        out.push(open..close);
        at = close + 1;
    }
    out
}

const COMPUTING: &[&str] = &[
    "software",
    "computer",
    "computers",
    "app",
    "apps",
    "code",
    "coding",
    "coder",
    "coders",
    "programmer",
    "programmers",
    "programming",
    "algorithm",
    "hackers",
    "malware",
    "laptop",
];

impl InconsistentSpelling {
    fn collect(&self, cx: &Context) -> HashMap<usize, Vec<Use>> {
        let doc = cx.doc;
        let t = tables();
        let a = &doc.analysis;
        let title = doc.title_block();
        let computing = || {
            a.tokens.iter().any(|tok| {
                tok.kind == TokenKind::Word && {
                    let w = tok.text(&doc.prose);
                    // The list is lower-case ASCII: an ASCII word matches when it is one of
                    // them in any case (and only a word of their lengths can).
                    if w.is_ascii() {
                        (3..=11).contains(&w.len())
                            && COMPUTING.iter().any(|c| c.eq_ignore_ascii_case(w))
                    } else {
                        COMPUTING.contains(&w.to_lowercase().as_str())
                    }
                }
            })
        };
        // Whether the draft is about computing, found out when a word needs it.
        let mut is_computing: Option<bool> = None;
        let mut uses: HashMap<usize, Vec<Use>> = HashMap::new();
        let mut titles_of: Option<(usize, Vec<Range<usize>>)> = None;
        let mut folded = String::new();
        // What is read: the headline when it sits in the front matter (its words, read from
        // the source), then every sentence of the body's prose, the headline's included.
        // Block quotes (Markdown's or HTML's) hold other writers' words, in their spelling.
        let quoted = html_quotes(&doc.source);
        let mut segments: Vec<Segment> = Vec::new();
        if let Some(t) = &doc.title
            && t.block.is_none()
        {
            let toks = crate::text::tokens::tokenize(&doc.source, t.range.clone());
            segments.push((&doc.source, toks.into(), usize::MAX, t.range.clone()));
        }
        for s in &a.sentences {
            let block = &doc.blocks[s.block];
            if !matches!(
                block.kind,
                BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Heading(_)
            ) || (Some(s.block) != title
                && (block.quote_depth > 0
                    || quoted
                        .iter()
                        .any(|q| q.start <= block.range.start && block.range.end <= q.end)))
            {
                continue;
            }
            let toks = &a.tokens[s.tokens.clone()];
            segments.push((&doc.prose, toks.into(), s.block, block.range.clone()));
        }
        for (text_all, toks, block_id, block_range) in &segments {
            let (text_all, block_id): (&str, usize) = (text_all, *block_id);
            let prose = text_all.as_bytes();
            let toks: &[Token] = toks;
            for (i, tok) in toks.iter().enumerate() {
                if tok.kind != TokenKind::Word {
                    continue;
                }
                // An ASCII word and its lower case are both ASCII: when one of its bits is
                // clear, neither is a key, and the word is no form (most words end here).
                // The bytes first: slicing the text checks char boundaries.
                let bytes = prose.get(tok.start..tok.end).unwrap_or_default();
                if bytes.is_ascii() && !passes_filter(&t.ascii_filter, bytes) {
                    continue;
                }
                let text = tok.text(text_all);
                folded.clear();
                if text.is_ascii() {
                    folded.push_str(text);
                    folded.make_ascii_lowercase();
                } else {
                    folded.push_str(&text.to_lowercase());
                }
                let mut hit: Option<(usize, String, Range<usize>)> = None;
                let by_folded = t.forms.get(folded.as_str());
                // Two-word forms first: "per cent", "web site".
                if let Some(f) = by_folded
                    && !f.double.is_empty()
                    && let Some(next) = toks.get(i + 1)
                {
                    let second = next.text(text_all).to_lowercase();
                    if let Some((_, g)) = f.double.iter().find(|(w, _)| *w == second) {
                        hit = Some((*g, format!("{folded} {second}"), tok.start..next.end));
                    }
                }
                if hit.is_none() {
                    // The exact form first; a word already in lower case is its folded form,
                    // looked up above.
                    let exact = if text == folded {
                        by_folded
                    } else {
                        t.forms.get(text)
                    };
                    if let Some(g) = exact.and_then(|f| f.single) {
                        hit = Some((g, text.to_string(), tok.start..tok.end));
                    } else if let Some(g) = by_folded.and_then(|f| f.single)
                        && !t.groups[g].case_sensitive
                    {
                        hit = Some((g, folded.clone(), tok.start..tok.end));
                    }
                }
                let Some((g, form, range)) = hit else {
                    continue;
                };
                // A link's text often copies the title of the page it links to, in that
                // writer's spelling ("[Cache directories (ie XDG support)](…)").
                if block_id != usize::MAX && doc.in_link(range.start) {
                    continue;
                }
                let group = &t.groups[g];
                let prev_number = i > 0 && toks[i - 1].kind == TokenKind::Number;
                let next_capital = toks.get(i + 1).is_some_and(|n| {
                    n.kind == TokenKind::Word
                        && n.text(text_all)
                            .chars()
                            .next()
                            .is_some_and(char::is_uppercase)
                });
                let counted = match group.sense {
                    Sense::Plain => true,
                    Sense::Unit | Sense::AfterNumber => prev_number,
                    Sense::Program => !*is_computing.get_or_insert_with(computing),
                    Sense::BeforeName => next_capital,
                };
                if !counted || in_proper_name(text_all, toks, i) {
                    continue;
                }
                // "US" in a line of capitals is a shout, not an abbreviation.
                if group.case_sensitive && all_caps_block(text_all, block_range.clone()) {
                    continue;
                }
                let titles = match &titles_of {
                    Some((b, r)) if *b == block_id => r,
                    _ => {
                        titles_of = Some((block_id, quoted_titles(text_all, block_range.clone())));
                        &titles_of.as_ref().unwrap().1
                    }
                };
                if titles
                    .iter()
                    .any(|r| r.start <= range.start && range.end <= r.end)
                {
                    continue;
                }
                if Some(block_id) != title && named_by_a_link(doc, block_id, &form) {
                    continue;
                }
                uses.entry(g).or_default().push(Use { range, form });
            }
        }
        uses
    }
}

/// Whether block `block_id` is a heading that a link in its section (up to the next
/// heading) names: the link's address spells out `form` together with a word of the
/// heading next to it. The heading is then the name of a project or a report, which the
/// page linked to spells that way ("### Extend behavioural testing" over a link to
/// `…/extend-behavioural-testing`). (In a paragraph the link's own text is already left
/// alone; the words around it are the author's.)
fn named_by_a_link(doc: &Document, block_id: usize, form: &str) -> bool {
    let Some(block) = doc.blocks.get(block_id) else {
        return false;
    };
    if !matches!(block.kind, BlockKind::Heading(_)) {
        return false;
    }
    let heading = words_of(doc.prose.get(block.range.clone()).unwrap_or_default());
    let wanted = words_of(form);
    if wanted.is_empty() {
        return false;
    }
    let Some(at) = heading
        .windows(wanted.len())
        .position(|w| w == wanted.as_slice())
    else {
        return false;
    };
    // The form with the heading's word before it, and with the word after it.
    let before = at
        .checked_sub(1)
        .map(|b| heading[b..at + wanted.len()].to_vec());
    let after = heading
        .get(at + wanted.len())
        .map(|_| heading[at..=at + wanted.len()].to_vec());
    let end = doc.blocks[block_id + 1..]
        .iter()
        .find(|b| matches!(b.kind, BlockKind::Heading(_)))
        .map_or(doc.source.len(), |b| b.outer.start);
    let start = block.outer.start;
    let first = doc.links.partition_point(|l| l.start < start);
    doc.links[first..]
        .iter()
        .take_while(|l| l.start < end)
        .filter_map(|l| link_address(doc.source.get(l.clone())?))
        .any(|address| {
            let words = words_of(address);
            [&before, &after]
                .into_iter()
                .flatten()
                .any(|run| words.windows(run.len()).any(|w| w == run.as_slice()))
        })
}

/// The address of a link written inline (`[text](address)` or `<address>`).
fn link_address(link: &str) -> Option<&str> {
    if let Some(inner) = link.strip_prefix('<') {
        return inner.strip_suffix('>');
    }
    let rest = &link[link.rfind("](")? + 2..];
    let rest = rest.strip_suffix(')').unwrap_or(rest).trim();
    // Without a title: `(address "Title")`.
    Some(rest.split_whitespace().next().unwrap_or(rest))
}

/// The words of `text` in lower case, split as addresses split them ("extend", "behavioural",
/// "testing" in `…/extend-behavioural-testing`).
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn all_caps_block(text: &str, range: Range<usize>) -> bool {
    let letters = text[range].chars().filter(|c| c.is_alphabetic());
    let (mut upper, mut total) = (0, 0);
    for c in letters {
        total += 1;
        upper += usize::from(c.is_uppercase());
    }
    total > 12 && upper * 10 >= total * 9
}

impl Rule for InconsistentSpelling {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let t = tables();
        let mut collected = self.collect(cx);
        families(cx, &mut collected, out);
        let mut groups: Vec<(usize, Vec<Use>)> = collected.into_iter().collect();
        groups.sort_by_key(|(_, u)| u[0].range.start);
        for (g, uses) in groups {
            let group = &t.groups[g];
            // Count each spelling, in order of first use.
            let mut counts: Vec<(String, Vec<Range<usize>>)> = Vec::new();
            for u in &uses {
                match counts.iter_mut().find(|(f, _)| *f == u.form) {
                    Some((_, r)) => r.push(u.range.clone()),
                    None => {
                        counts.push((u.form.clone(), std::iter::once(u.range.clone()).collect()))
                    }
                }
            }
            if counts.len() < 2 {
                continue;
            }
            let preferred = cx.settings.dialect.map(|d| {
                let f = group.dialects[dialect_index(d)];
                if group.case_sensitive {
                    f.to_string()
                } else {
                    f.to_lowercase()
                }
            });
            let keep = preferred
                .filter(|p| counts.iter().any(|(f, _)| f == p))
                .unwrap_or_else(|| {
                    // The majority; on a tie, the first used.
                    let max = counts.iter().map(|(_, r)| r.len()).max().unwrap_or(0);
                    counts
                        .iter()
                        .find(|(_, r)| r.len() == max)
                        .map(|(f, _)| f.clone())
                        .unwrap_or_default()
                });
            push_finding(doc, cx, &keep, &counts, out);
        }
        near_names(cx, out);
    }
}

/// Why `keep` is the spelling to keep when no dialect is set: the draft uses it most, or,
/// on a `tie`, first.
fn count_reason(keep: &str, tie: bool) -> String {
    if tie {
        format!("'{keep}' is the spelling this draft uses first (no spelling is used more)")
    } else {
        format!("'{keep}' is the spelling this draft uses most")
    }
}

fn push_finding(
    doc: &Document,
    cx: &Context,
    keep: &str,
    counts: &[(String, Vec<Range<usize>>)],
    out: &mut Vec<Diagnostic>,
) {
    push_finding_with(doc, cx, keep, counts, &|_| keep.to_string(), None, out);
}

/// [`push_finding`], with the spelling to write in place of each other use given by
/// `replace` (the kept spelling of that use's own form: "centres" for "centers"), and the
/// reason to keep it when it is not the dialect's or the majority's (`why`).
fn push_finding_with(
    doc: &Document,
    cx: &Context,
    keep: &str,
    counts: &[(String, Vec<Range<usize>>)],
    replace: &dyn Fn(&Range<usize>) -> String,
    why: Option<String>,
    out: &mut Vec<Diagnostic>,
) {
    let Some((_, kept)) = counts.iter().find(|(f, _)| f == keep) else {
        return;
    };
    let others: Vec<&(String, Vec<Range<usize>>)> =
        counts.iter().filter(|(f, _)| f != keep).collect();
    let Some(first_other) = others.first() else {
        return;
    };
    let primary = first_other.1[0].clone();
    let times = |n: usize| {
        if n == 1 {
            "once".to_string()
        } else {
            format!("{n} times")
        }
    };
    let listed = others
        .iter()
        .map(|(f, r)| format!("'{f}' ({})", times(r.len())))
        .collect::<Vec<_>>()
        .join(", ");
    let why = match (why, cx.settings.dialect) {
        (Some(why), _) => why,
        (None, Some(d)) => format!("the configured dialect ({}) spells it '{keep}'", d.as_str()),
        (None, None) => count_reason(keep, others.iter().any(|(_, r)| r.len() >= kept.len())),
    };
    let mut d = Diagnostic::new(
        DOC.id,
        primary,
        format!(
            "'{keep}' ({}) and {listed} are used in the same draft",
            times(kept.len())
        ),
    )
    .label(kept[0].clone(), format!("'{keep}' is used here"))
    .note(why);
    let mut edits = Vec::new();
    for (k, (_, ranges)) in others.iter().enumerate() {
        for (n, r) in ranges.iter().enumerate() {
            if k > 0 || n > 0 {
                d = d.label(r.clone(), "and here");
            }
            edits.push(Edit {
                range: r.clone(),
                replacement: match_case(&doc.source[r.clone()], &replace(r)),
            });
        }
    }
    out.push(d.fix(
        format!("write '{keep}' throughout"),
        Applicability::Unsafe,
        edits,
    ));
}

/// Forms of one word spelt both ways ("centre" and "centers", "minimised" and "minimize"):
/// one finding per word, taken out of `collected`. A family is read this way only when each
/// of its uses is one of the two spellings its own form has (the American or the British);
/// otherwise its groups are left to be read one by one.
fn families(cx: &Context, collected: &mut HashMap<usize, Vec<Use>>, out: &mut Vec<Diagnostic>) {
    let t = tables();
    let mut by_family: HashMap<usize, Vec<usize>> = HashMap::new();
    for &g in collected.keys() {
        if let Some(f) = t.family()[g] {
            by_family.entry(f).or_default().push(g);
        }
    }
    let mut found: Vec<(usize, Vec<usize>)> = by_family
        .into_values()
        .filter(|gs| gs.len() > 1)
        .map(|gs| {
            let first = gs
                .iter()
                .map(|g| collected[g][0].range.start)
                .min()
                .unwrap_or(0);
            (first, gs)
        })
        .collect();
    found.sort();
    for (_, gs) in found {
        let side = |g: usize, form: &str| {
            let d = &t.groups[g].dialects;
            if form == d[0].to_lowercase() {
                Some(0)
            } else if form == d[1].to_lowercase() {
                Some(1)
            } else {
                None
            }
        };
        // Each use with its group and side, in reading order.
        let mut uses: Vec<(Range<usize>, usize, usize, String)> = Vec::new();
        let mut sided = true;
        for &g in &gs {
            for u in &collected[&g] {
                match side(g, &u.form) {
                    Some(s) => uses.push((u.range.clone(), g, s, u.form.clone())),
                    None => sided = false,
                }
            }
        }
        if !sided {
            continue;
        }
        for g in &gs {
            collected.remove(g);
        }
        uses.sort_by_key(|u| u.0.start);
        // The spellings of each side, named by the first form used.
        let mut counts: Vec<(String, Vec<Range<usize>>, usize)> = Vec::new();
        for (r, _, s, form) in &uses {
            match counts.iter_mut().find(|c| c.2 == *s) {
                Some(c) => c.1.push(r.clone()),
                None => counts.push((form.clone(), vec![r.clone()], *s)),
            }
        }
        if counts.len() < 2 {
            continue;
        }
        let preferred = cx.settings.dialect.and_then(|d| {
            let g = &t.groups[uses[0].1];
            side(uses[0].1, &g.dialects[dialect_index(d)].to_lowercase())
        });
        let keep_side = preferred.unwrap_or_else(|| {
            // The majority; on a tie, the first used.
            let max = counts.iter().map(|c| c.1.len()).max().unwrap_or(0);
            counts.iter().find(|c| c.1.len() == max).map_or(0, |c| c.2)
        });
        let Some(keep) = counts
            .iter()
            .find(|c| c.2 == keep_side)
            .map(|c| c.0.clone())
        else {
            continue;
        };
        let plain: Vec<(String, Vec<Range<usize>>)> =
            counts.into_iter().map(|(f, r, _)| (f, r)).collect();
        let replace = |r: &Range<usize>| {
            uses.iter().find(|u| u.0 == *r).map_or_else(
                || keep.clone(),
                |u| t.groups[u.1].dialects[keep_side].to_lowercase(),
            )
        };
        push_finding_with(cx.doc, cx, &keep, &plain, &replace, None, out);
    }
}

/// Near-identical spellings of one name: "Haldane" three times and "Haldan" once.
fn near_names(cx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let a = &doc.analysis;
    let mut names: Vec<(String, Vec<Range<usize>>)> = Vec::new();
    // Where each name is in `names`.
    let mut index: HashMap<&str, usize, BuildHasherDefault<WordHasher>> = HashMap::default();
    let prose = doc.prose.as_bytes();
    for s in &a.sentences {
        if !matches!(
            doc.blocks[s.block].kind,
            BlockKind::Paragraph | BlockKind::ListItem
        ) {
            continue;
        }
        let toks = &a.tokens[s.tokens.clone()];
        for (i, t) in toks.iter().enumerate() {
            // Cheapest tests first, on the bytes: six of them (fewer bytes are fewer
            // characters), and a first byte that is an ASCII capital or starts a non-ASCII
            // character (an ASCII byte other than a capital is no upper-case character).
            if t.kind != TokenKind::Word
                || i == 0
                || t.end - t.start < 6
                || prose
                    .get(t.start)
                    .is_none_or(|&b| b.is_ascii() && !b.is_ascii_uppercase())
            {
                continue;
            }
            let w = t.text(&doc.prose);
            // Then a capital, six characters, the rest in lower case.
            if !w.chars().next().is_some_and(char::is_uppercase)
                || w.len() < 6
                || w.chars().count() < 6
                || !w.chars().skip(1).all(|c| c.is_lowercase())
                || lexicon::is_word(w)
                || cx.settings.knows_word(w)
            {
                continue;
            }
            match index.get(w) {
                Some(&k) => names[k].1.push(t.start..t.end),
                None => {
                    index.insert(w, names.len());
                    names.push((w.to_string(), std::iter::once(t.start..t.end).collect()));
                }
            }
        }
    }
    // Names more than one letter apart in length are never one letter apart.
    let lengths: Vec<usize> = names.iter().map(|(n, _)| n.chars().count()).collect();
    for i in 0..names.len() {
        for j in i + 1..names.len() {
            let (a, b) = (&names[i], &names[j]);
            if lengths[i].abs_diff(lengths[j]) > 1 || !one_letter_apart(&a.0, &b.0) {
                continue;
            }
            // The name used more; on a tie, the longer (a letter left out is the likelier
            // slip: "Haldan" for "Haldane"), else the first used. The dialect has no say.
            let longer = |k: &str| {
                format!(
                    "each spelling is used as often; '{k}' is the longer, and a letter left out \
                     is the likelier slip"
                )
            };
            let (keep, other, why) = match b.1.len().cmp(&a.1.len()) {
                Ordering::Greater => (b, a, count_reason(&b.0, false)),
                Ordering::Less => (a, b, count_reason(&a.0, false)),
                Ordering::Equal if lengths[j] > lengths[i] => (b, a, longer(&b.0)),
                Ordering::Equal if lengths[i] > lengths[j] => (a, b, longer(&a.0)),
                Ordering::Equal => (a, b, count_reason(&a.0, true)),
            };
            let counts = [keep.clone(), other.clone()];
            push_finding_with(
                doc,
                cx,
                &keep.0,
                &counts,
                &|_| keep.0.clone(),
                Some(why),
                out,
            );
        }
    }
}

/// One letter inserted, deleted, or two neighbours swapped (not a substitution: "Allen" and
/// "Allan" are often two people).
fn one_letter_apart(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        // One byte is one letter.
        return letters_apart(a.as_bytes(), b.as_bytes());
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    letters_apart(&a, &b)
}

/// [`one_letter_apart`] on the letters.
fn letters_apart<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    if a.len().abs_diff(b.len()) == 1 {
        let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
        let k = long
            .iter()
            .zip(short.iter())
            .take_while(|(x, y)| x == y)
            .count();
        // A letter more at the end is an inflection or another word ("Shawntas", "Beheshti").
        return long[k + 1..] == short[k..] && k > 0 && k < short.len();
    }
    if a.len() == b.len() {
        // Exactly two letters differ, neighbours swapped: the first difference `d` and the
        // next are a swap, and nothing after them differs.
        let Some(d) = (0..a.len()).find(|&i| a[i] != b[i]) else {
            return false;
        };
        return d > 0
            && d + 1 < a.len()
            && a[d] == b[d + 1]
            && a[d + 1] == b[d]
            && a[d + 2..] == b[d + 2..];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computing_words_are_three_to_eleven_letters_of_lower_case_ascii() {
        assert!(
            COMPUTING
                .iter()
                .all(|w| (3..=11).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_lowercase()))
        );
    }

    #[test]
    fn the_ascii_filter_passes_every_key_in_any_case() {
        let t = tables();
        let passes = |w: &str| passes_filter(&t.ascii_filter, w.as_bytes());
        let mut n = 0;
        for key in t.forms.keys().filter(|k| k.is_ascii()) {
            let mut capital = key.to_string();
            capital[..1].make_ascii_uppercase();
            for w in [key.to_string(), key.to_ascii_uppercase(), capital] {
                assert!(passes(&w), "{w}");
            }
            n += 1;
        }
        assert!(n > 1000);
        // It rules most other words out.
        let common = [
            "the", "said", "and", "minister", "Tuesday", "reported", "of", "It",
        ];
        assert!(common.iter().filter(|w| passes(w)).count() <= 1);
    }

    /// The plain reading of [`one_letter_apart`], to check the faster one against.
    fn reference(a: &str, b: &str) -> bool {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        if a.len().abs_diff(b.len()) == 1 {
            let (long, short) = if a.len() > b.len() {
                (&a, &b)
            } else {
                (&b, &a)
            };
            let k = long
                .iter()
                .zip(short.iter())
                .take_while(|(x, y)| x == y)
                .count();
            return long[k + 1..] == short[k..] && k > 0 && k < short.len();
        }
        if a.len() == b.len() {
            let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            return diff.len() == 2
                && diff[1] == diff[0] + 1
                && a[diff[0]] == b[diff[1]]
                && a[diff[1]] == b[diff[0]]
                && diff[0] > 0;
        }
        false
    }

    #[test]
    fn one_letter_apart_agrees_with_its_plain_reading() {
        let names = [
            "Haldane", "Haldan", "Hladane", "Hadlane", "Haldnae", "Haldaen", "Halden", "Haldanes",
            "Aldane", "Hlaadne", "Hadlnae", "Zoë", "Zeö", "Zoëe", "Zöe", "Ana", "Aan", "A", "",
            "Ahdlane", "Haldna",
        ];
        for a in names {
            for b in names {
                assert_eq!(one_letter_apart(a, b), reference(a, b), "{a} {b}");
            }
        }
    }
}
