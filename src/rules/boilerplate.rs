use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
#[cfg(test)]
use serde::Deserialize;

use super::{Context, Rule, RuleDoc, on};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::{BlockKind, Document};

pub struct Boilerplate;

static DOC: RuleDoc = RuleDoc {
    id: "boilerplate",
    summary: "CMS and template residue pasted into the draft (comment forms, share bars, ...)",
    default: on(Severity::Error),
    flags: "Blocks that are residue of a content-management system or page template: comment \
            forms (\"Leave a Reply\", \"Your email address will not be published\"), author \
            boxes (\"View all posts by ...\"), share bars, \"Related posts\" blocks with their \
            list of headlines, advertisement markers, tag and category lines, \"Continue \
            reading\", newsletter and cookie prompts, the stock lines of blog themes (\"Post \
            navigation\", \"This entry was posted in ... Bookmark the permalink.\", \"Also \
            read: <headline>\"), a picture agency's credit line that an image widget left \
            without its picture (\"Photo: Getty Images\", \"(Photo by A Name/AFP via Getty \
            Images)\"; under a picture it is the caption), and a run of other stories' \
            headlines pasted one a line after the last paragraph. Only the system's own \
            generic text counts: a line the author \
            wrote is left alone (\"Follow us on Twitter @handle\" names an account; \"See \
            also:\" and a \"## Read more\" heading introduce the author's own links). A run of \
            residue blocks of one kind is one finding covering its extent. The phrase list is \
            data: `rules/boilerplate.toml`.",
    why: "Residue copied from a web page along with the article tells readers the story was \
          lifted, not written, and breaks the page it is published on.",
    example: "The museum reopens on Saturday.\n\n## Leave a Reply\n\n\
              Your email address will not be published. Required fields are marked *\n",
    instead: "Delete the residue; the publishing system adds its own furniture.",
    fix: "Deletes the residue blocks (unsafe: check that no sentence of the article goes with \
          them).",
};

/// One `[[phrase]]` entry of the list as written.
#[derive(Clone, Copy)]
struct Entry<'a> {
    text: Option<&'a str>,
    pattern: Option<&'a str>,
    kind: &'a str,
    /// Its `match` key.
    mode: Option<&'a str>,
    headings: Option<bool>,
}

// `BUILT_IN`: the entries of rules/boilerplate.toml, read by build.rs.
include!(concat!(env!("OUT_DIR"), "/boilerplate_phrases.rs"));

/// The list parsed as TOML, with its test cases (the tests read it this way and check that
/// `BUILT_IN` holds the same entries).
#[cfg(test)]
#[derive(Deserialize)]
struct PhraseFile {
    phrase: Vec<RawPhrase>,
    #[serde(default)]
    test: Vec<RawTest>,
}

#[cfg(test)]
#[derive(Deserialize)]
struct RawPhrase {
    text: Option<String>,
    pattern: Option<String>,
    kind: String,
    #[serde(rename = "match", default)]
    mode: Option<String>,
    /// False: not residue when the block is a heading.
    #[serde(default)]
    headings: Option<bool>,
}

#[cfg(test)]
#[derive(Deserialize)]
struct RawTest {
    block: String,
    expect: String,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Block,
    Start,
    Anywhere,
}

struct Phrase {
    /// The phrase, folded (empty for patterns).
    text: String,
    pattern: Option<Pattern>,
    kind: String,
    mode: Mode,
    /// Whether a heading that matches is residue.
    headings: bool,
}

/// A `pattern` entry, compiled on first use: most blocks are ruled out by a literal prefix
/// the pattern requires, so a one-paragraph draft need not pay for compiling them all.
struct Pattern {
    source: String,
    /// What a match needs of the text, when the pattern shows it plainly.
    need: Option<Need>,
    /// The pattern ignores case (`(?i)`).
    ignore_case: bool,
    /// None when the pattern does not compile (then it matches nothing).
    regex: OnceLock<Option<Regex>>,
    /// The pattern with its bounded repeats left open (`{1,40}` as `{1,}`), when it has
    /// any: it matches every text the pattern matches, and compiles many times faster (a
    /// bounded repeat of a Unicode class is compiled once per count), so the pattern itself
    /// is compiled only for a text that passes it.
    relaxed: Option<(String, OnceLock<Option<Regex>>)>,
}

/// Something a pattern's match needs of the text, cheap to test without the regex.
#[derive(Debug, PartialEq, Eq)]
enum Need {
    /// The text starts with one of these literals.
    Start(Vec<String>),
    /// The text contains one of these literals.
    Contains(Vec<String>),
    /// The text's first character is a digit (when `digit`) or one of `chars`.
    First { digit: bool, chars: Vec<char> },
}

impl Pattern {
    fn new(source: &str) -> Pattern {
        let ignore_case = source.starts_with("(?i)");
        // Without case, literals are searched for in the lower-cased text.
        let need = match need_of(source) {
            Some(Need::Contains(lits)) if ignore_case => Some(Need::Contains(
                lits.iter().map(|l| l.to_ascii_lowercase()).collect(),
            )),
            need => need,
        };
        let relaxed = relax(source);
        Pattern {
            source: source.to_string(),
            need,
            ignore_case,
            regex: OnceLock::new(),
            relaxed: (relaxed != source).then(|| (relaxed, OnceLock::new())),
        }
    }

    /// Could the pattern match the block's `collapsed` text? False only when it cannot.
    fn may_match(&self, f: &Forms) -> bool {
        let ci = self.ignore_case;
        let text = f.collapsed;
        match &self.need {
            None => true,
            Some(Need::Start(lits)) => lits.iter().any(|l| may_start_with(text, l, ci)),
            Some(Need::Contains(lits)) => lits.iter().any(|l| may_contain(f, l, ci)),
            Some(Need::First { digit, chars }) => match text.chars().next() {
                None => false,
                Some(t) if !t.is_ascii() => true,
                Some(t) => {
                    (*digit && t.is_ascii_digit())
                        || chars.iter().any(|&c| {
                            if ci {
                                t.eq_ignore_ascii_case(&c)
                            } else {
                                t == c
                            }
                        })
                }
            },
        }
    }

    fn is_match(&self, f: &Forms) -> bool {
        let text = f.collapsed;
        self.may_match(f)
            && self.relaxed.as_ref().is_none_or(|(source, re)| {
                // A relaxed pattern that does not compile rules nothing out.
                re.get_or_init(|| Regex::new(source).ok())
                    .as_ref()
                    .is_none_or(|re| re.is_match(text))
            })
            && self
                .regex
                .get_or_init(|| Regex::new(&self.source).ok())
                .as_ref()
                .is_some_and(|re| re.is_match(text))
    }
}

/// `pattern` with every bounded repeat `{m,n}` written `{m,}`: a pattern matching a
/// superset of the texts. Escapes and bracketed classes are copied as they are.
fn relax(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    let mut class = 0usize;
    while let Some(c) = rest.chars().next() {
        let n = c.len_utf8();
        match c {
            '\\' => {
                let e = rest[1..].chars().next().map_or(0, char::len_utf8);
                out.push_str(&rest[..1 + e]);
                rest = &rest[1 + e..];
                continue;
            }
            '[' => class += 1,
            ']' if class > 0 => class -= 1,
            '{' if class == 0 => {
                let body = &rest[1..];
                if let Some(end) = body.find('}')
                    && let Some((m, hi)) = body[..end].split_once(',')
                    && !m.is_empty()
                    && m.bytes().all(|b| b.is_ascii_digit())
                    && !hi.is_empty()
                    && hi.bytes().all(|b| b.is_ascii_digit())
                {
                    out.push('{');
                    out.push_str(m);
                    out.push_str(",}");
                    rest = &body[end + 1..];
                    continue;
                }
            }
            _ => {}
        }
        out.push(c);
        rest = &rest[n..];
    }
    out
}

/// One literal character at the start of `s` as the regex reads it, and the bytes it
/// takes: an ASCII letter, digit or space, an escaped ASCII punctuation mark (`\(`), or a
/// non-ASCII character without case (`©`, `’`). None for anything else.
fn literal_char(s: &str) -> Option<(char, usize)> {
    let mut chars = s.chars();
    let c = chars.next()?;
    if c == '\\' {
        let e = chars.next()?;
        return e.is_ascii_punctuation().then_some((e, 2));
    }
    let caseless = !c.is_ascii()
        && !c.is_alphanumeric()
        && !c.is_whitespace()
        && c.to_lowercase().eq([c])
        && c.to_uppercase().eq([c]);
    (c.is_ascii_alphanumeric() || c == ' ' || caseless).then(|| (c, c.len_utf8()))
}

/// The longest run of literal characters at the start of `s`; a quantifier after it takes
/// its last character away. Returns the literal and the rest of `s` after the run (None
/// when a quantifier followed, as nothing after it is then certain).
fn literal_run(s: &str) -> (String, Option<&str>) {
    let mut out = String::new();
    let mut at = 0;
    while let Some((c, n)) = literal_char(&s[at..]) {
        out.push(c);
        at += n;
    }
    if s[at..].starts_with(['?', '*', '{', '+']) {
        out.pop();
        return (out, None);
    }
    (out, Some(&s[at..]))
}

/// Splits a group at the start of `s` ("(a|b)...") into its alternatives and the rest;
/// None when it nests, or holds an unescaped `[`.
fn group(s: &str) -> Option<(Vec<&str>, &str)> {
    let body = s.strip_prefix('(')?;
    if body.starts_with('?') {
        return None;
    }
    let mut alts = Vec::new();
    let (mut start, mut i) = (0, 0);
    let b = body.as_bytes();
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'(' | b'[' => return None,
            b'|' => {
                alts.push(&body[start..i]);
                start = i + 1;
            }
            b')' => {
                alts.push(&body[start..i]);
                return Some((alts, &body[i + 1..]));
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// What a match of `pattern` plainly needs of the text (see [`Need`]); None when it
/// cannot tell. Conservative: every text the regex matches passes the test.
fn need_of(pattern: &str) -> Option<Need> {
    let rest = pattern.strip_prefix("(?i)").unwrap_or(pattern);
    let (mut anchored, mut rest) = match rest.strip_prefix('^') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    while let Some(r) = rest.strip_prefix("\\b") {
        rest = r;
    }
    let literals: Vec<String> = if rest.starts_with('(') {
        let (alts, after) = group(rest)?;
        if let Some(after) = after.strip_prefix('?') {
            // An optional group: what follows it must be there, though not at the start.
            anchored = false;
            vec![literal_run(after).0]
        } else if after.starts_with(['*', '{', '+']) {
            return None;
        } else if alts
            .iter()
            .all(|a| matches!(literal_run(a), (l, Some("")) if !l.is_empty()))
        {
            let tail = literal_run(after).0;
            alts.iter()
                .map(|a| format!("{}{tail}", literal_run(a).0))
                .collect()
        } else if anchored {
            // Alternatives that each start with a digit class or a literal character.
            let mut digit = false;
            let mut chars = Vec::new();
            for a in alts {
                if a.starts_with("\\d") {
                    digit = true;
                } else {
                    chars.push(literal_char(a)?.0);
                }
            }
            return Some(Need::First { digit, chars });
        } else {
            return None;
        }
    } else if anchored && rest.starts_with("\\d") {
        return Some(Need::First {
            digit: true,
            chars: Vec::new(),
        });
    } else {
        vec![literal_run(rest).0]
    };
    if literals.iter().any(String::is_empty) {
        return None;
    }
    Some(if anchored {
        Need::Start(literals)
    } else {
        Need::Contains(literals)
    })
}

/// Could the block's collapsed text contain `lit` (ASCII letters, or characters without
/// case) as the regex reads it? Without case (`ignore_case`) the lower-cased text is
/// searched: lower-casing maps the text's match to `lit` lower-cased, and of the
/// characters that fold to ASCII letters only the long s keeps a form of its own (then
/// the answer is yes).
fn may_contain(f: &Forms, lit: &str, ignore_case: bool) -> bool {
    if !ignore_case {
        return f.collapsed.contains(lit);
    }
    f.long_s || f.folded.contains(lit)
}

/// Could `text` start with `prefix` as the regex reads it? ASCII characters are compared
/// (without case when `ignore_case`); a non-ASCII character of `text` might fold to the
/// prefix's character, so it never rules a match out.
fn may_start_with(text: &str, prefix: &str, ignore_case: bool) -> bool {
    let mut chars = text.chars();
    prefix.chars().all(|p| match chars.next() {
        None => false,
        Some(t) if !t.is_ascii() => true,
        Some(t) => {
            if ignore_case {
                t.eq_ignore_ascii_case(&p)
            } else {
                t == p
            }
        }
    })
}

#[cfg(test)]
const PHRASES: &str = include_str!("../../rules/boilerplate.toml");

/// The list and its test cases, parsed from the TOML file.
#[cfg(test)]
fn load() -> Result<(Vec<Phrase>, Vec<RawTest>), String> {
    let file: PhraseFile = toml::from_str(PHRASES).map_err(|e| e.to_string())?;
    let phrases = compile(file.phrase.iter().map(|p| Entry {
        text: p.text.as_deref(),
        pattern: p.pattern.as_deref(),
        kind: &p.kind,
        mode: p.mode.as_deref(),
        headings: p.headings,
    }))?;
    Ok((phrases, file.test))
}

/// The phrases of `entries`, ready to match.
fn compile<'a>(entries: impl IntoIterator<Item = Entry<'a>>) -> Result<Vec<Phrase>, String> {
    let mut out = Vec::new();
    for p in entries {
        let mode = match p.mode {
            Some("start") => Mode::Start,
            Some("anywhere") => Mode::Anywhere,
            None | Some("block") => Mode::Block,
            Some(other) => return Err(format!("unknown match mode `{other}`")),
        };
        let pattern = p.pattern.map(Pattern::new);
        let text = p.text.map(|t| strip(&fold(&collapse(t)), mode));
        if text.is_none() == pattern.is_none() {
            return Err(format!(
                "an entry of kind `{}` needs text or pattern",
                p.kind
            ));
        }
        out.push(Phrase {
            text: text.unwrap_or_default(),
            pattern,
            kind: p.kind.to_string(),
            mode,
            headings: p.headings.unwrap_or(true),
        });
    }
    Ok(out)
}

/// The phrase list, with the first four bytes of each "anywhere" phrase gathered so that a
/// block can be ruled out for all of them in one pass.
struct Table {
    phrases: Vec<Phrase>,
    /// Distinct first four bytes of the "anywhere" phrases that start with an ASCII letter.
    heads: Vec<[u8; 4]>,
    /// Bit [`head_bit`] of each head is set: four bytes whose bit is clear are no head.
    head_bits: [u64; HEAD_BITS / 64],
    /// Per phrase: the index of its head in `heads`, when it has one.
    head_of: Vec<Option<usize>>,
    /// "block" phrases: the first phrase of each text.
    block_first: HashMap<String, usize>,
    /// The longest "block" phrase, in bytes: a longer block is none of them.
    block_longest: usize,
    /// The other phrases by mode, in file order.
    starts: Vec<usize>,
    anywheres: Vec<usize>,
    patterns: Vec<usize>,
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        // The built-in list is checked by a unit test; a broken list disables the rule, never
        // panics.
        let phrases = compile(BUILT_IN.iter().copied()).unwrap_or_default();
        let mut heads: Vec<[u8; 4]> = Vec::new();
        let head_of = phrases
            .iter()
            .map(|p| {
                let b = p.text.as_bytes();
                if p.pattern.is_some()
                    || p.mode != Mode::Anywhere
                    || b.len() < 4
                    || !b[0].is_ascii_lowercase()
                {
                    return None;
                }
                let head = [b[0], b[1], b[2], b[3]];
                let at = heads.iter().position(|h| *h == head).unwrap_or_else(|| {
                    heads.push(head);
                    heads.len() - 1
                });
                (at < 64).then_some(at)
            })
            .collect();
        let mut head_bits = [0u64; HEAD_BITS / 64];
        for h in heads.iter().take(64) {
            let k = head_bit(u32::from_le_bytes(*h));
            head_bits[k / 64] |= 1 << (k % 64);
        }
        let mut block_first = HashMap::new();
        let (mut starts, mut anywheres, mut patterns) = (Vec::new(), Vec::new(), Vec::new());
        for (i, p) in phrases.iter().enumerate() {
            match (p.pattern.is_some(), p.mode) {
                (true, _) => patterns.push(i),
                (false, Mode::Block) => {
                    block_first.entry(p.text.clone()).or_insert(i);
                }
                (false, Mode::Start) => starts.push(i),
                (false, Mode::Anywhere) => anywheres.push(i),
            }
        }
        Table {
            block_longest: block_first.keys().map(String::len).max().unwrap_or(0),
            phrases,
            heads,
            head_bits,
            head_of,
            block_first,
            starts,
            anywheres,
            patterns,
        }
    })
}

/// Size of the bit set of heads.
const HEAD_BITS: usize = 4096;

/// Where four bytes fall in the bit set of heads (a multiplicative hash).
#[inline]
fn head_bit(four: u32) -> usize {
    (four.wrapping_mul(0x9E37_79B1) >> 20) as usize % HEAD_BITS
}

/// Which heads of "anywhere" phrases (bit `k` for `heads[k]`) occur in `folded` where a
/// match could start: at an ASCII letter not preceded by an ASCII letter or digit (a match
/// must follow a boundary).
fn heads_present(folded: &str, t: &Table) -> u64 {
    let heads = &t.heads;
    let b = folded.as_bytes();
    let mut mask = 0u64;
    for (i, w) in b.windows(4).enumerate() {
        let w = [w[0], w[1], w[2], w[3]];
        // Most places start no head: one bit test rules them out before anything else.
        let k = head_bit(u32::from_le_bytes(w));
        if t.head_bits[k / 64] & (1 << (k % 64)) == 0 {
            continue;
        }
        if !b[i].is_ascii_lowercase() || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
            continue;
        }
        for (k, h) in heads.iter().enumerate().take(64) {
            if *h == w {
                mask |= 1 << k;
            }
        }
    }
    mask
}

/// Trimmed, with runs of white space as one space, curly quotes straight.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    collapse_into(s, &mut out);
    out
}

/// [`collapse`] into `out`, which is cleared first. Reads runs of ASCII bytes at once,
/// decoding only other characters; white space is `char::is_whitespace`, as
/// `split_whitespace` has it (in ASCII: space and tab to carriage return).
fn collapse_into(s: &str, out: &mut String) {
    out.clear();
    let b = s.as_bytes();
    let ascii_space = |c: u8| matches!(c, b' ' | b'\t'..=b'\r');
    // A space is owed before the next character, once something has been written.
    let mut space = false;
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii() {
            if ascii_space(b[i]) {
                space = !out.is_empty();
                i += 1;
                continue;
            }
            // A run of ASCII words with single spaces between them is copied as it is.
            let start = i;
            while i < b.len() && b[i].is_ascii() {
                if ascii_space(b[i]) {
                    let single = b[i] == b' '
                        && b.get(i + 1)
                            .is_some_and(|&n| n.is_ascii() && !ascii_space(n));
                    if !single {
                        break;
                    }
                }
                i += 1;
            }
            if space {
                out.push(' ');
                space = false;
            }
            out.push_str(&s[start..i]);
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            if c.is_whitespace() {
                space = !out.is_empty();
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            out.push(match c {
                '’' | '‘' => '\'',
                '“' | '”' => '"',
                c => c,
            });
        }
    }
}

fn fold(s: &str) -> String {
    s.to_lowercase()
}

/// [`fold`] into `out`, which is cleared first.
fn fold_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        out.push_str(s);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&s.to_lowercase());
    }
}

/// Decoration that "block" phrases ignore at either end.
fn strip(s: &str, mode: Mode) -> String {
    strip_str(s, mode).to_string()
}

/// [`strip`], borrowing.
fn strip_str(s: &str, mode: Mode) -> &str {
    let s = s.trim_start_matches(|c: char| c.is_whitespace() || "•·«‹←|-–—".contains(c));
    if mode != Mode::Block {
        return s;
    }
    s.trim_end_matches(|c: char| c.is_whitespace() || ".:;,!?…*»›→>|-–—".contains(c))
}

fn boundary(c: Option<char>) -> bool {
    c.is_none_or(|c| !c.is_alphanumeric())
}

/// A block's text in the forms the phrases are compared with.
struct Forms<'a> {
    collapsed: &'a str,
    /// `collapsed` in lower case.
    folded: &'a str,
    /// `collapsed` holds a long s (which `(?i)` matches as "s" but lower case keeps).
    long_s: bool,
    /// `folded` stripped as `block` phrases compare it.
    block: &'a str,
    /// `folded` stripped as `start` phrases compare it.
    start: &'a str,
}

fn matches(p: &Phrase, f: &Forms, head: Option<usize>, heads_seen: u64) -> bool {
    // An "anywhere" phrase whose first four bytes start no word of the block is not there.
    if let Some(k) = head
        && heads_seen & (1 << k) == 0
    {
        return false;
    }
    if let Some(re) = &p.pattern {
        return re.is_match(f);
    }
    match p.mode {
        Mode::Block => f.block == p.text,
        Mode::Start => {
            let b = f.start;
            // The first bytes differ for most blocks: test them before a full comparison.
            b.as_bytes().first() == p.text.as_bytes().first()
                && b.starts_with(&p.text)
                && boundary(b[p.text.len()..].chars().next())
        }
        Mode::Anywhere => {
            let folded = f.folded;
            folded.len() >= p.text.len()
                && folded.match_indices(&p.text).any(|(i, m)| {
                    boundary(folded[..i].chars().next_back())
                        && boundary(folded[i + m.len()..].chars().next())
                })
        }
    }
}

/// The residue kind of a text, if it is residue.
#[cfg(test)]
fn classify(raw: &str) -> Option<&'static str> {
    classify_with(raw, true, &mut Scratch::default()).map(|p| p.kind.as_str())
}

/// Buffers for a block's forms, kept from block to block.
#[derive(Default)]
struct Scratch {
    collapsed: String,
    folded: String,
}

/// [`classify`]; `gated` looks "block" phrases up by their text, rules "anywhere" phrases
/// out by their first bytes first and tries each mode's phrases apart, keeping the first in
/// file order (the same answer, faster; tests compare the two).
fn classify_with(raw: &str, gated: bool, scratch: &mut Scratch) -> Option<&'static Phrase> {
    collapse_into(raw, &mut scratch.collapsed);
    fold_into(&scratch.collapsed, &mut scratch.folded);
    let (collapsed, folded) = (&scratch.collapsed, &scratch.folded);
    let forms = Forms {
        collapsed,
        folded,
        long_s: collapsed.contains('\u{17F}'),
        block: strip_str(folded, Mode::Block),
        start: strip_str(folded, Mode::Start),
    };
    let t = table();
    if !gated {
        return t.phrases.iter().find(|p| matches(p, &forms, None, 0));
    }
    // The first phrase in file order that matches is the first of each mode's first.
    let mut best = usize::MAX;
    if forms.block.len() <= t.block_longest
        && let Some(&i) = t.block_first.get(forms.block)
    {
        best = i;
    }
    let heads_seen = if t.anywheres.first().is_some_and(|&i| i < best) {
        heads_present(folded, t)
    } else {
        0
    };
    for list in [&t.starts, &t.anywheres, &t.patterns] {
        if let Some(&i) = list
            .iter()
            .take_while(|&&i| i < best)
            .find(|&&i| matches(&t.phrases[i], &forms, t.head_of[i], heads_seen))
        {
            best = i;
        }
    }
    t.phrases.get(best)
}

/// The residue kind of a block, if it is residue.
fn residue(doc: &Document, block: usize, scratch: &mut Scratch) -> Option<&'static str> {
    let b = &doc.blocks[block];
    if b.kind == BlockKind::AltText {
        return None;
    }
    classify_with(&doc.prose[b.range.clone()], true, scratch)
        .filter(|p| p.headings || !b.is_heading())
        .map(|p| p.kind.as_str())
}

/// Whether block `i` sits with a picture: one in its own source (`![…](…)` on the line
/// before, an `<img>`, a figure shortcode) or between it and the block before it.
fn credits_a_picture(doc: &Document, i: usize) -> bool {
    // (A picture's alt text is a block of its own: look past it.)
    let from = doc.blocks[..i]
        .iter()
        .rposition(|b| b.kind != BlockKind::AltText)
        .map_or(0, |p| {
            doc.blocks[p].outer.end.min(doc.blocks[i].outer.start)
        });
    let around = doc
        .source
        .get(from..doc.blocks[i].outer.end)
        .unwrap_or_default()
        .to_ascii_lowercase();
    [
        "![",
        "<img",
        "<figure",
        "<picture",
        "<video",
        "{{< figure",
        "{{% figure",
        "{% figure",
        "{% image",
        "{{< img",
        "{{< image",
    ]
    .iter()
    .any(|m| around.contains(m))
}

/// The least number of blocks in a run of pasted headlines.
const HEADLINE_RUN: usize = 3;

/// Is block `i` a headline of another story, pasted as a line of its own: a paragraph (often
/// all a link) of four to sixteen words on one line, starting with a capital and ending
/// without a full stop?
fn pasted_headline(doc: &Document, i: usize) -> bool {
    let b = &doc.blocks[i];
    if b.kind != BlockKind::Paragraph || b.quote_depth > 0 {
        return false;
    }
    let outer = doc.source[b.outer.clone()].trim();
    let text = doc.prose[b.range.clone()].trim();
    let words = text.split_whitespace().count();
    !outer.contains('\n')
        && (4..=16).contains(&words)
        && text.chars().next().is_some_and(char::is_uppercase)
        && !text.ends_with(['.', ':', ';', ','])
        && !text.contains("](")
        && !credit_line(text)
}

/// A credit or note line that closes an article ("Reporting by Mira Tal in Vessany",
/// "Editing by Oren Malik", "Photo: Harbour Press"): the article's own, not residue.
fn credit_line(text: &str) -> bool {
    let first = text
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default()
        .to_lowercase();
    matches!(
        first.as_str(),
        "reporting"
            | "additional"
            | "editing"
            | "edited"
            | "writing"
            | "written"
            | "photo"
            | "photos"
            | "photograph"
            | "image"
            | "images"
            | "video"
            | "graphic"
            | "graphics"
            | "source"
            | "sources"
            | "contact"
            | "email"
            | "correction"
            | "clarification"
            | "update"
            | "updated"
            | "published"
            | "compiled"
            | "produced"
            | "illustration"
            | "with"
            | "by"
            | "thanks"
    ) || text.contains(" by ")
        || text.contains('@')
        || text.contains('©')
}

/// The run of pasted headlines that ends the draft, after its last sentence or after other
/// residue (`kinds`): its first and last blocks.
fn trailing_headlines(doc: &Document, kinds: &[Option<&str>]) -> Option<(usize, usize)> {
    let n = doc.blocks.len();
    let mut first = n;
    while first > 0 && pasted_headline(doc, first - 1) {
        first -= 1;
    }
    // After the article: a paragraph that ends a sentence comes right before the run.
    let after_article = first > 0 && {
        let b = &doc.blocks[first - 1];
        kinds[first - 1].is_some()
            || (b.kind == BlockKind::Paragraph
                && doc.prose[b.range.clone()]
                    .trim_end()
                    .ends_with(['.', '!', '?', '"', '”']))
    };
    (n - first >= HEADLINE_RUN && after_article).then(|| (first, n - 1))
}

/// Is block `bio` a short paragraph about the author named in block `box_line` ("... by Name")?
fn is_bio(doc: &Document, bio: usize, box_line: usize) -> bool {
    let b = &doc.blocks[bio];
    if b.kind != BlockKind::Paragraph {
        return false;
    }
    let text = collapse(&doc.prose[b.range.clone()]);
    let line = collapse(&doc.prose[doc.blocks[box_line].range.clone()]);
    let Some((_, after)) = line.split_once(" by ") else {
        return false;
    };
    let name: String = after
        .chars()
        .take_while(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '-'))
        .collect();
    let name = name.trim();
    name.split(' ').count() >= 2 && text.starts_with(name) && text.split(' ').count() <= 80
}

fn describe(kind: &str) -> &'static str {
    match kind {
        "comment-form" => "a comment form",
        "author-box" => "an author box",
        "share-bar" => "a share bar",
        "related" => "a related-content block",
        "advert" => "an advertisement marker",
        "tags" => "a tag or category line",
        "newsletter" => "a newsletter prompt",
        "cookie" => "a cookie prompt",
        "paywall" => "a paywall prompt",
        "navigation" => "page navigation",
        "copyright" => "a copyright footer",
        "media" => "a media player or reading-time label",
        "credit" => "a picture agency's credit line",
        "headlines" => "a list of other stories' headlines",
        _ => "template text",
    }
}

impl Rule for Boilerplate {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let n = doc.blocks.len();
        let mut scratch = Scratch::default();
        let mut kinds: Vec<Option<&'static str>> =
            (0..n).map(|i| residue(doc, i, &mut scratch)).collect();
        // A credit line under a picture is the picture's caption: residue only where no
        // picture is left for it to credit.
        for (i, k) in kinds.iter_mut().enumerate() {
            if *k == Some("credit") && credits_a_picture(doc, i) {
                *k = None;
            }
        }
        // Links to other stories pasted after the last paragraph, one headline a line.
        if let Some((first, last)) = trailing_headlines(doc, &kinds)
            && kinds[first..=last].iter().all(Option::is_none)
        {
            for k in &mut kinds[first..=last] {
                *k = Some("headlines");
            }
        }
        let mut i = 0;
        while i < n {
            let Some(kind) = kinds[i] else {
                i += 1;
                continue;
            };
            let mut first = i;
            let mut last = i;
            // Merge the run of residue blocks of the same kind.
            while last + 1 < n && kinds[last + 1] == Some(kind) {
                last += 1;
            }
            // A related-content heading carries its list of headlines.
            if kind == "related" && doc.blocks[last].is_heading() {
                while last + 1 < n
                    && kinds[last + 1].is_none()
                    && doc.blocks[last + 1].kind == BlockKind::ListItem
                {
                    last += 1;
                }
            }
            // An author box takes in the author's bio just before it ("Dana Lee covers
            // courts..." above "See all stories by Dana Lee").
            if kind == "author-box"
                && first > 0
                && kinds[first - 1].is_none()
                && is_bio(doc, first - 1, first)
            {
                first -= 1;
            }
            // An author box starts at its "About ..." heading.
            if kind == "author-box" {
                let mut j = first;
                while j > 0 && first - j < 3 && kinds[j - 1].is_none() {
                    j -= 1;
                    let b = &doc.blocks[j];
                    if b.is_heading() {
                        if fold(&collapse(&doc.prose[b.range.clone()])).starts_with("about ") {
                            first = j;
                        }
                        break;
                    }
                }
            }
            let range = doc.blocks[first].range.start..doc.blocks[last].range.end;
            let mut d = Diagnostic::new(
                DOC.id,
                range,
                format!(
                    "{} from a web page template is left in the draft",
                    describe(kind)
                ),
            )
            .help("delete it: the publishing system adds its own page furniture");
            if let Some(edit) = doc.delete_blocks(first, last) {
                d = d.fix("delete the residue", Applicability::Unsafe, vec![edit]);
            }
            out.push(d);
            i = last + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The entries build.rs wrote are those of the TOML file, in its order.
    #[test]
    fn the_built_in_entries_are_the_files() {
        let from_toml = load().expect("rules/boilerplate.toml is valid").0;
        let built = compile(BUILT_IN.iter().copied()).expect("the built-in list compiles");
        let view = |p: &Phrase| {
            (
                p.text.clone(),
                p.pattern.as_ref().map(|r| r.source.clone()),
                p.kind.clone(),
                p.mode,
                p.headings,
            )
        };
        assert_eq!(
            built.iter().map(view).collect::<Vec<_>>(),
            from_toml.iter().map(view).collect::<Vec<_>>()
        );
    }

    #[test]
    fn the_phrase_list_loads_and_its_own_cases_pass() {
        let (phrases, tests) = load().expect("rules/boilerplate.toml is valid");
        assert!(phrases.len() > 50);
        let mut failures = Vec::new();
        for t in &tests {
            let got = classify(&t.block).unwrap_or("");
            if got != t.expect {
                failures.push(format!(
                    "{:?}: expected {:?}, got {got:?}",
                    t.block, t.expect
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn patterns_compile_and_their_prefilters_never_hide_a_match() {
        let (phrases, tests) = load().expect("rules/boilerplate.toml is valid");
        let mut texts: Vec<String> = tests.iter().map(|t| collapse(&t.block)).collect();
        texts.extend(
            [
                "SHARE ON FACEBOOK",
                "Share on Twitter · Share on Email",
                "Posted by Ana Ruiz on May 3, 2024",
                "posted in Politics | Tags: vote",
                "Click to print",
                "Get our morning newsletter",
                "Have the daily digest delivered to your inbox",
                "\u{212a}licking",
                "© 2024 Harbour Press. All rights reserved.",
                "(C) 2023 the writers, all rights reserved",
                "Copyright © 2021 Harbour Press",
                "3 comments",
                "No responses to “The ferry returns”",
                "5 min read",
                "We may earn a commission when you buy",
                "You’ve reached your limit of free articles",
                "Share this (opens in new window)",
                "ſhare on facebook",
                "\u{17F}ponsored by a \u{212A}ind Company",
                "COPYRIGHT 2024 X. ALL RIGHTS RESERVED",
                "POSTED BY Ana Ruiz",
                "Image source, Harbour Press",
                "The council met on Monday.",
                "",
            ]
            .map(String::from),
        );
        let mut filtered = 0;
        for p in phrases.iter().filter_map(|p| p.pattern.as_ref()) {
            let re = Regex::new(&p.source).unwrap_or_else(|e| panic!("{}: {e}", p.source));
            filtered += usize::from(p.need.is_some());
            for t in &texts {
                let folded = fold(t);
                let forms = Forms {
                    collapsed: t,
                    folded: &folded,
                    long_s: t.contains('\u{17F}'),
                    block: "",
                    start: "",
                };
                assert_eq!(p.is_match(&forms), re.is_match(t), "{} on {t:?}", p.source);
            }
        }
        // Every pattern but one shows what it needs.
        assert!(
            filtered + 1 >= phrases.iter().filter(|p| p.pattern.is_some()).count(),
            "only {filtered} patterns have a filter"
        );
    }

    #[test]
    fn the_anywhere_gate_hides_no_phrase() {
        let t = table();
        assert!(t.head_of.iter().flatten().count() >= 10);
        let mut texts: Vec<String> = Vec::new();
        for p in t.phrases.iter().filter(|p| p.mode == Mode::Anywhere) {
            for (before, after) in [
                ("", ""),
                ("The vote was close. ", " Thank you."),
                ("“", "”"),
                ("x", ""),
                ("— ", "."),
            ] {
                texts.push(format!("{before}{}{after}", p.text));
                texts.push(format!("{before}{}{after}", p.text.to_uppercase()));
            }
        }
        texts.push("Your emai".to_string());
        for text in &texts {
            assert_eq!(
                classify_with(text, true, &mut Scratch::default()).map(|p| p.kind.as_str()),
                classify_with(text, false, &mut Scratch::default()).map(|p| p.kind.as_str()),
                "{text}"
            );
        }
    }

    #[test]
    fn collapse_reads_white_space_as_split_whitespace_does() {
        let reference = |s: &str| {
            s.split_whitespace()
                .map(|w| {
                    w.chars()
                        .map(|c| match c {
                            '’' | '‘' => '\'',
                            '“' | '”' => '"',
                            c => c,
                        })
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        for s in [
            "",
            "  ",
            " a ",
            "Leave a\u{0b}Reply\u{0c}x\r\n\ty",
            "\u{a0}‘Share’\u{2009}“this”\u{3000}\u{85}\u{2028}now\u{1680}",
            "café\u{202f}naïve  \u{feff}x",
            "one two  three\nfour five six ",
            "a “b” c ‘d’ e f\u{a0}g h",
        ] {
            assert_eq!(collapse(s), reference(s), "{s:?}");
        }
    }

    #[test]
    fn relaxed_patterns_only_open_bounded_repeats() {
        assert_eq!(relax("(?i)^a [\\p{L}+]{1,20}$"), "(?i)^a [\\p{L}+]{1,}$");
        assert_eq!(relax("x.{0,100}\\d{4}y{2,}"), "x.{0,}\\d{4}y{2,}");
        assert_eq!(relax("[{1,2}]\\{1,2\\}"), "[{1,2}]\\{1,2\\}");
        // Every pattern of the list keeps compiling once relaxed.
        let (phrases, _) = load().expect("rules/boilerplate.toml is valid");
        for p in phrases.iter().filter_map(|p| p.pattern.as_ref()) {
            if let Some((source, _)) = &p.relaxed {
                Regex::new(source).unwrap_or_else(|e| panic!("{source}: {e}"));
            }
        }
    }

    #[test]
    fn needs_are_read_conservatively() {
        let start = |v: &[&str]| Some(Need::Start(v.iter().map(|s| s.to_string()).collect()));
        let contains = |v: &[&str]| Some(Need::Contains(v.iter().map(|s| s.to_string()).collect()));
        assert_eq!(need_of("(?i)^share (on|via) x"), start(&["share "]));
        assert_eq!(
            need_of("(?i)^(get|have) [^.]{1,4}"),
            start(&["get ", "have "])
        );
        assert_eq!(need_of("(?i)^comments?$"), start(&["comment"]));
        assert_eq!(need_of("(?i)^e-?mail"), start(&["e"]));
        assert_eq!(
            need_of("(?i)^(\\d+|no) x"),
            Some(Need::First {
                digit: true,
                chars: vec!['n']
            })
        );
        assert_eq!(
            need_of("(?i)^\\d+ x"),
            Some(Need::First {
                digit: true,
                chars: vec![]
            })
        );
        assert_eq!(need_of("^(Copyright\\s*)?©\\s*\\d"), contains(&["©"]));
        assert_eq!(need_of("(?i)\\byou('ve| have)"), contains(&["you"]));
        assert_eq!(
            need_of("(?i)\\(opens in (a )?new"),
            contains(&["(opens in "])
        );
        assert_eq!(
            need_of("(?i)(©|\\(c\\)|copyright)\\s*\\d"),
            contains(&["©", "(c)", "copyright"])
        );
        assert_eq!(need_of("(?i)^(a|b)+x"), None);
        assert_eq!(need_of("(?i)^(?:a|b)x"), None);
        assert_eq!(need_of("(?i)^[ab]x"), None);
        assert_eq!(need_of("(?i)\\s+x"), None);
        assert_eq!(need_of("(?i-u)^x"), None);
    }
}
