//! Tokens: words, numbers, punctuation and symbols, with absolute byte ranges.
//!
//! Penn-Treebank-style, because the part-of-speech tagger is trained on PTB-tokenised text.
//! Conventions:
//!
//! - **Clitics** split off as their own [`TokenKind::Word`] tokens, with straight `'` or curly
//!   `’`: `don't` → `do` `n't`, `can't` → `ca` `n't`, `won't` → `wo` `n't`, `Russia's` →
//!   `Russia` `'s`, likewise `'re 've 'll 'd 'm`; `shouldn't've` → `should` `n't` `'ve`.
//!   Other inner apostrophes stay (`O'Brien`, `ma'am`).
//! - **Plural possessive**: `officials'` → `officials` `'`, the `'` a `Word` (PTB's POS);
//!   but when a single quote was opened earlier in the range (`'the bosses'`) it is a
//!   closing quote, `Punct`.
//! - Leading-apostrophe words stay words: `'90s`, `'n'` (`rock 'n' roll`), `'em`, `'til`,
//!   `'cause`, `'tis`, `'twas`, `'bout`. Any other `'`, `‘`, `’` that is not an apostrophe
//!   is `Punct`, as are `"`, `“`, `”`.
//! - **Words** are runs of alphanumeric chars of any script (`char::is_alphanumeric`, plus
//!   combining marks, ZWJ/ZWNJ and soft hyphens), joined by inner hyphens (`third-ranking`,
//!   `X-ray`, `COVID-19`, `24-year-old`), inner dots (`U.S`, `example.com`, `3.5`; but not
//!   `said.The`), `&` between capitals (`AT&T`) and `@` (`desk@example.org`).
//! - **Abbreviations keep their final dot** (`U.S.`, `Gen.`, `p.m.`, `e.g.`, initials
//!   `J.`; `No.` only before a number), also at the end of a sentence: `in the U.S.` gives
//!   `U.S.` and no separate `.` token. The lists are those of the sentence splitter.
//! - **Numbers** start with a digit: `3.5`, `1,200`, `10:30`, `24/7`, `5-10`, and also
//!   ordinals and suffixed amounts, `21st`, `1990s`, `1.5bn`, which are `Number`s. A digit
//!   start with a hyphenated letter part (`24-year-old`, `3-D`) is a `Word`. Signs and
//!   units are separate tokens as in PTB: `$5` → `$` (`Symbol`) `5`; `10%` → `10` `%`
//!   (`Symbol`); `-5` → `-` (`Punct`) `5`.
//! - **Punct**: ASCII `! " ' ( ) , - . / : ; ? [ ] { }` and Unicode quotes, dashes, `…`,
//!   `«»`, `¿¡`, CJK and other script punctuation. Runs of `.` (`...`), of `?`/`!` (`?!`)
//!   and of `-` (`--`) are one token each; `—` and `–` are one token each.
//! - **Symbol**: everything else that is not whitespace: `# $ % & * + < = > @ \ ^ _ | ~`,
//!   currency signs, emoji. An emoji keeps its modifiers, variation selectors, ZWJ
//!   sequences and flag pairs in one token.
//! - **Code**: a run of [`code_char`]s, which the prose view holds for inline code and
//!   printing template spans, is one token that stands for a word.
//! - Whitespace (Unicode) and zero-width format chars between tokens are skipped.

use std::ops::Range;

use super::sentences::{Abbrev, abbreviation, clamp_range};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    Symbol,
    /// Inline code or a printing template span: one word of the sentence whose text is not
    /// prose (a run of [`code_char`]s in the prose view).
    Code,
}

/// The char the prose view holds in place of each char of inline code (see
/// [`TokenKind::Code`]): one of the same UTF-8 length, so that the prose view keeps the
/// file's char boundaries. Control and private-use chars, which prose never holds.
pub fn code_char(len: usize) -> char {
    match len {
        1 => '\u{1A}',
        2 => '\u{9F}',
        3 => '\u{E000}',
        _ => '\u{F0000}',
    }
}

/// Is `c` one of the [`code_char`]s?
#[inline]
pub fn is_code_char(c: char) -> bool {
    matches!(c, '\u{1A}' | '\u{9F}' | '\u{E000}' | '\u{F0000}')
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Absolute byte offset of the first byte.
    pub start: usize,
    /// Absolute byte offset one past the last byte.
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    /// The token's text in `src` (the text it was made from); "" if out of range.
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        src.get(self.start..self.end).unwrap_or("")
    }
}

/// Tokenize `text[range]`; see the module documentation.
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, range, &mut out);
    out
}

/// Tokenize `text[range]`, APPENDING the tokens to `out` (callers record `out.len()` before
/// the call to know where a sentence's tokens start; clear the buffer yourself to reuse it).
/// Offsets are absolute; an out-of-bounds or off-boundary range is clamped, never a panic.
pub fn tokenize_into(text: &str, range: Range<usize>, out: &mut Vec<Token>) {
    let (start, end) = clamp_range(text, range);
    let b = text.as_bytes();
    let mut t = Tokenizer {
        text,
        b,
        end,
        out,
        open_single: false,
    };
    let mut i = start;
    while i < end {
        let c = b[i];
        if c == 0x1A || c >= 0x80 && is_code_char(decode(b, i).0) {
            let mut e = i;
            while e < end {
                let (ch, n) = decode(b, e);
                if !is_code_char(ch) {
                    break;
                }
                e += n;
            }
            t.push(i, e, TokenKind::Code);
            i = e;
            continue;
        }
        if c < 0x80 {
            i = match ASCII[c as usize] {
                SPACE => i + 1,
                ALNUM => t.word(i),
                _ => t.ascii_punct(i),
            };
            continue;
        }
        let (ch, n) = decode(b, i);
        i = if is_alnum(ch) {
            t.word(i)
        } else if ch.is_whitespace() || is_ignorable(ch) {
            i + n
        } else if ch == '’' || ch == '‘' {
            t.apostrophe(i, n)
        } else if is_punct(ch) {
            t.push(i, i + n, TokenKind::Punct);
            i + n
        } else {
            let e = symbol_end(b, i, n, ch, end);
            t.push(i, e, TokenKind::Symbol);
            e
        };
    }
}

const OTHER: u8 = 0;
const SPACE: u8 = 1;
const ALNUM: u8 = 2;

static ASCII: [u8; 128] = {
    let mut t = [OTHER; 128];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        if b.is_ascii_alphanumeric() {
            t[c] = ALNUM;
        } else if b.is_ascii_whitespace() || b == 0x0B || b.is_ascii_control() {
            t[c] = SPACE;
        }
        c += 1;
    }
    t
};

#[inline]
fn is_ascii_alnum(c: u8) -> bool {
    c < 0x80 && ASCII[c as usize] == ALNUM
}

/// Decode the char at `i` (a char boundary of a valid UTF-8 text). Never panics; a stray
/// continuation byte decodes as U+FFFD of length 1.
#[inline]
fn decode(b: &[u8], i: usize) -> (char, usize) {
    let c0 = b[i];
    let at = |k: usize| u32::from(b.get(i + k).copied().unwrap_or(0x80) & 0x3F);
    let (u, n) = if c0 < 0x80 {
        (u32::from(c0), 1)
    } else if c0 < 0xC0 {
        (0xFFFD, 1)
    } else if c0 < 0xE0 {
        ((u32::from(c0 & 0x1F) << 6) | at(1), 2)
    } else if c0 < 0xF0 {
        ((u32::from(c0 & 0x0F) << 12) | (at(1) << 6) | at(2), 3)
    } else {
        (
            (u32::from(c0 & 0x07) << 18) | (at(1) << 12) | (at(2) << 6) | at(3),
            4,
        )
    };
    (char::from_u32(u).unwrap_or('\u{FFFD}'), n)
}

/// `char::is_alphanumeric`, with Latin-1, Latin Extended and basic Cyrillic letters
/// skipping the Unicode table search.
#[inline]
fn is_alnum(ch: char) -> bool {
    let u = ch as u32;
    if (0xC0..=0x24F).contains(&u) {
        return u != 0xD7 && u != 0xF7;
    }
    (0x410..=0x44F).contains(&u) || ch.is_alphanumeric()
}

/// A char that continues a word: alphanumeric or a combining mark.
#[inline]
fn is_word_char(ch: char) -> bool {
    is_alnum(ch) || is_mark(ch)
}

/// Chars that continue a word without being alphanumeric: combining marks of the common
/// scripts (approximated by block), ZWNJ/ZWJ, soft hyphen.
fn is_mark(c: char) -> bool {
    let u = c as u32;
    matches!(
        u,
        0x00AD
            | 0x0300..=0x036F
            | 0x0483..=0x0489
            | 0x0591..=0x05BD
            | 0x05BF
            | 0x05C1..=0x05C2
            | 0x05C4..=0x05C5
            | 0x05C7
            | 0x0610..=0x061A
            | 0x064B..=0x065F
            | 0x0670
            | 0x06D6..=0x06DC
            | 0x06DF..=0x06E4
            | 0x06E7..=0x06E8
            | 0x06EA..=0x06ED
            | 0x0E31
            | 0x0E34..=0x0E3A
            | 0x0E47..=0x0E4E
            | 0x0EB1
            | 0x0EB4..=0x0EBC
            | 0x0EC8..=0x0ECD
            | 0x1AB0..=0x1AFF
            | 0x1DC0..=0x1DFF
            | 0x200C..=0x200D
            | 0x20D0..=0x20FF
            | 0x3099..=0x309A
            | 0xFE00..=0xFE0F
            | 0xFE20..=0xFE2F
    ) || ((0x0900..=0x0DFF).contains(&u) && !matches!(u, 0x0964 | 0x0965 | 0x0970 | 0x0DF4))
        || ((0x1000..=0x109F).contains(&u) && !(0x104A..=0x104F).contains(&u))
}

/// Zero-width format chars skipped between tokens.
fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Non-ASCII punctuation (quotes, dashes, brackets, script punctuation); not exhaustive.
fn is_punct(c: char) -> bool {
    matches!(
        c as u32,
        0x00A1
            | 0x00A7
            | 0x00AB
            | 0x00B6
            | 0x00B7
            | 0x00BB
            | 0x00BF
            | 0x037E
            | 0x0387
            | 0x055A..=0x055F
            | 0x0589..=0x058A
            | 0x05BE
            | 0x05C0
            | 0x05C3
            | 0x05C6
            | 0x05F3..=0x05F4
            | 0x060C..=0x060D
            | 0x061B
            | 0x061D..=0x061F
            | 0x066A..=0x066D
            | 0x06D4
            | 0x0964..=0x0965
            | 0x0970
            | 0x0E4F
            | 0x0E5A..=0x0E5B
            | 0x104A..=0x104F
            | 0x2010..=0x2027
            | 0x2030..=0x205E
            | 0x2E00..=0x2E4F
            | 0x3001..=0x3003
            | 0x3008..=0x3011
            | 0x3014..=0x301F
            | 0x30FB
            | 0xFE10..=0xFE19
            | 0xFE30..=0xFE4F
            | 0xFE50..=0xFE6B
            | 0xFF01..=0xFF03
            | 0xFF05..=0xFF0A
            | 0xFF0C..=0xFF0F
            | 0xFF1A..=0xFF1B
            | 0xFF1F..=0xFF20
            | 0xFF3B..=0xFF3D
            | 0xFF3F
            | 0xFF5B
            | 0xFF5D
            | 0xFF5F..=0xFF65
    )
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// End of a symbol token starting at `i` with char `ch` of length `n`: an emoji keeps its
/// skin-tone modifiers, variation selectors, keycap, tags, ZWJ sequences and flag pair.
fn symbol_end(b: &[u8], i: usize, n: usize, ch: char, end: usize) -> usize {
    let mut p = i + n;
    if is_regional_indicator(ch) && p < end {
        let (c, l) = decode(b, p);
        if is_regional_indicator(c) {
            return p + l;
        }
    }
    while p < end {
        let (c, l) = decode(b, p);
        match c as u32 {
            0xFE0E | 0xFE0F | 0x20E3 | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F => p += l,
            0x200D if p + l < end => {
                let (c2, l2) = decode(b, p + l);
                if c2.is_whitespace() || c2.is_alphanumeric() || b[p + l] < 0x80 {
                    break;
                }
                p += l + l2;
            }
            _ => break,
        }
    }
    p
}

/// The letters of a clitic after its apostrophe: s, re, ve, ll, d, m (any case).
fn is_clitic(w: &[u8]) -> bool {
    ["s", "re", "ve", "ll", "d", "m"]
        .iter()
        .any(|c| w.eq_ignore_ascii_case(c.as_bytes()))
}

struct Tokenizer<'t, 'o> {
    text: &'t str,
    b: &'t [u8],
    end: usize,
    out: &'o mut Vec<Token>,
    /// A single quote (`'` or `‘`) was opened and not yet closed.
    open_single: bool,
}

impl Tokenizer<'_, '_> {
    #[inline]
    fn push(&mut self, start: usize, end: usize, kind: TokenKind) {
        self.out.push(Token { start, end, kind });
    }

    /// Is the char at `p` alphanumeric (or a combining mark)? Returns it if so.
    #[inline]
    fn word_char_at(&self, p: usize) -> Option<char> {
        if p >= self.end {
            return None;
        }
        let c = self.b[p];
        if c < 0x80 {
            return is_ascii_alnum(c).then_some(c as char);
        }
        let (ch, _) = decode(self.b, p);
        is_word_char(ch).then_some(ch)
    }

    /// Byte length of an apostrophe (`'` or `’`) at `p`, or 0.
    #[inline]
    fn apostrophe_len(&self, p: usize) -> usize {
        if p >= self.end {
            0
        } else if self.b[p] == b'\'' {
            1
        } else if self.b[p..self.end].starts_with("’".as_bytes()) {
            3
        } else {
            0
        }
    }

    /// A word or number starting at `s` (an alphanumeric char); returns where it ends.
    fn word(&mut self, s: usize) -> usize {
        let b = self.b;
        let end = self.end;
        let mut p = s;
        let mut seg_start = s;
        let mut hyphen_alpha = false;
        let mut has_apostrophe = false;
        let mut abbrev_dot = false;
        loop {
            // A run of word chars.
            while p < end {
                while p < end && is_ascii_alnum(b[p]) {
                    p += 1;
                }
                if p >= end || b[p] < 0x80 {
                    break;
                }
                let (ch, n) = decode(b, p);
                if !is_word_char(ch) {
                    break;
                }
                p += n;
            }
            if p >= end {
                break;
            }
            // (a non-ASCII last char is never a digit here)
            let prev_digit = b[p - 1].is_ascii_digit();
            // A connector joins only when a word char follows it.
            let c = b[p];
            let (clen, join) = match c {
                b'-' => match self.word_char_at(p + 1) {
                    Some(n) => {
                        hyphen_alpha |= !n.is_ascii_digit();
                        (1, true)
                    }
                    None => (1, false),
                },
                b'\'' => (1, self.word_char_at(p + 1).is_some()),
                0xE2 if b[p..end].starts_with("’".as_bytes()) => {
                    (3, self.word_char_at(p + 3).is_some())
                }
                // U+2010 hyphen, U+2011 non-breaking hyphen
                0xE2 if b[p..end].starts_with("\u{2010}".as_bytes())
                    || b[p..end].starts_with("\u{2011}".as_bytes()) =>
                {
                    match self.word_char_at(p + 3) {
                        Some(n) => {
                            hyphen_alpha |= !n.is_ascii_digit();
                            (3, true)
                        }
                        None => (3, false),
                    }
                }
                b'.' => match self.word_char_at(p + 1) {
                    Some(n) => {
                        let seg = &b[seg_start..p];
                        let short_letters =
                            seg.len() <= 2 && seg.iter().all(u8::is_ascii_alphabetic);
                        let join = (prev_digit && n.is_ascii_digit())
                            || short_letters
                            || !n.is_uppercase();
                        (1, join)
                    }
                    None => {
                        // A trailing dot: part of an abbreviation?
                        if self.abbreviation_dot(s, p) {
                            p += 1;
                            abbrev_dot = true;
                            // "U.S.-based"
                            if p + 1 < end && b[p] == b'-' && self.word_char_at(p + 1).is_some() {
                                p += 1;
                                abbrev_dot = false;
                                seg_start = p;
                                continue;
                            }
                        }
                        break;
                    }
                },
                b',' => (1, prev_digit && self.three_digits(p + 1)),
                b':' => (
                    1,
                    prev_digit
                        && p + 2 < end
                        && b[p + 1].is_ascii_digit()
                        && b[p + 2].is_ascii_digit()
                        && !(p + 3 < end && b[p + 3].is_ascii_digit()),
                ),
                b'/' => (1, prev_digit && p + 1 < end && b[p + 1].is_ascii_digit()),
                b'&' => (
                    1,
                    b[p - 1].is_ascii_uppercase() && p + 1 < end && b[p + 1].is_ascii_uppercase(),
                ),
                b'@' => (1, self.word_char_at(p + 1).is_some()),
                _ => (0, false),
            };
            if !join {
                break;
            }
            if clen == 1 && c == b'\'' || clen == 3 && b[p + 2] == 0x99 {
                has_apostrophe = true;
            }
            p += clen;
            if c == b'.' {
                seg_start = p;
            }
        }
        let number = b[s].is_ascii_digit() && !hyphen_alpha;
        let base_kind = if number {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        if has_apostrophe && !abbrev_dot {
            // Split clitics from the end: at most three ("shouldn't've").
            let mut cut = p;
            let mut clitics = [(0usize, 0usize); 3];
            let mut n = 0;
            while n < clitics.len() {
                match self.clitic_start(s, cut) {
                    Some(c) => {
                        clitics[n] = (c, cut);
                        n += 1;
                        cut = c;
                    }
                    None => break,
                }
            }
            if n > 0 {
                self.push(s, cut, base_kind);
                for &(cs, ce) in clitics[..n].iter().rev() {
                    self.push(cs, ce, TokenKind::Word);
                }
                return p;
            }
        }
        self.push(s, p, base_kind);
        // Plural possessive: "officials'".
        if !abbrev_dot && matches!(b[p - 1], b's' | b'S') && !self.open_single {
            let a = self.apostrophe_len(p);
            if a > 0 && self.word_char_at(p + a).is_none() {
                self.push(p, p + a, TokenKind::Word);
                return p + a;
            }
        }
        p
    }

    /// Three ASCII digits at `p` not followed by a fourth ("1,200").
    fn three_digits(&self, p: usize) -> bool {
        let b = self.b;
        p + 3 <= self.end
            && b[p..p + 3].iter().all(u8::is_ascii_digit)
            && !(p + 3 < self.end && b[p + 3].is_ascii_digit())
    }

    /// Does the dot at `p`, ending the word that starts at `s`, belong to an abbreviation?
    fn abbreviation_dot(&self, s: usize, p: usize) -> bool {
        if p + 1 < self.end && self.b[p + 1] == b'.' {
            return false; // an ellipsis
        }
        let Some(w) = self.text.get(s..p) else {
            return false;
        };
        match abbreviation(w) {
            Some(Abbrev::Never | Abbrev::MaybeFinal) => true,
            Some(Abbrev::BeforeNumber) => {
                let mut q = p + 1;
                while q < self.end && matches!(self.b[q], b' ' | b'\t' | b'\n' | b'\r') {
                    q += 1;
                }
                q > p + 1 && q < self.end && (self.b[q].is_ascii_digit() || self.b[q] == b'#')
            }
            None => false,
        }
    }

    /// If `text[s..e]` ends with a clitic ('s 're 've 'll 'd 'm n't) after a non-empty stem,
    /// where the clitic starts.
    fn clitic_start(&self, s: usize, e: usize) -> Option<usize> {
        let b = self.b;
        // Find the last apostrophe in [s, e).
        let mut a = e;
        let alen = loop {
            if a <= s {
                return None;
            }
            a -= 1;
            if b[a] == b'\'' {
                break 1;
            }
            if b[a] == 0x99 && a >= s + 2 && b[a - 2] == 0xE2 && b[a - 1] == 0x80 {
                a -= 2;
                break 3;
            }
        };
        if a <= s {
            return None;
        }
        let suffix = &b[a + alen..e];
        if is_clitic(suffix) {
            return Some(a);
        }
        if suffix.eq_ignore_ascii_case(b"t") && a - 1 > s && matches!(b[a - 1], b'n' | b'N') {
            return Some(a - 1);
        }
        None
    }

    /// A `'`, `‘` or `’` that did not join a word: a leading-apostrophe word, else a quote.
    fn apostrophe(&mut self, i: usize, alen: usize) -> usize {
        let b = self.b;
        let end = self.end;
        let q = i + alen;
        // A clitic right after a word that ended on an abbreviation dot: "U.S.'s".
        if let Some(last) = self.out.last()
            && last.end == i
            && matches!(last.kind, TokenKind::Word | TokenKind::Number)
        {
            let mut r = q;
            while r < end && b[r].is_ascii_alphabetic() {
                r += 1;
            }
            if is_clitic(&b[q..r]) && self.word_char_at(r).is_none() {
                self.push(i, r, TokenKind::Word);
                return r;
            }
        }
        let word_end = if q + 1 < end && b[q].is_ascii_digit() && b[q + 1].is_ascii_digit() {
            // '90s, '07
            let mut r = q + 2;
            if r < end && b[r] == b's' {
                r += 1;
            }
            Some(r)
        } else if q < end && matches!(b[q], b'n' | b'N') {
            // 'n' and 'n
            let a = self.apostrophe_len(q + 1);
            if a > 0 && self.word_char_at(q + 1 + a).is_none() {
                Some(q + 1 + a)
            } else {
                Some(q + 1)
            }
        } else {
            let mut r = q;
            while r < end && b[r].is_ascii_alphabetic() {
                r += 1;
            }
            let w = &b[q..r];
            ["em", "til", "cause", "tis", "twas", "bout"]
                .iter()
                .any(|x| w.eq_ignore_ascii_case(x.as_bytes()))
                .then_some(r)
        };
        if let Some(r) = word_end
            && self.word_char_at(r).is_none()
            && self.apostrophe_len(r) == 0
        {
            self.push(i, r, TokenKind::Word);
            return r;
        }
        // A quote: opening if a word follows, closing otherwise.
        self.open_single = self.word_char_at(q).is_some();
        self.push(i, q, TokenKind::Punct);
        q
    }

    /// ASCII punctuation or symbol at `i`.
    fn ascii_punct(&mut self, i: usize) -> usize {
        let b = self.b;
        let c = b[i];
        let run = |set: &[u8]| {
            let mut e = i + 1;
            while e < self.end && set.contains(&b[e]) {
                e += 1;
            }
            e
        };
        let (e, kind) = match c {
            b'.' => (run(b"."), TokenKind::Punct),
            b'?' | b'!' => (run(b"?!"), TokenKind::Punct),
            b'-' => (run(b"-"), TokenKind::Punct),
            b'\'' => return self.apostrophe(i, 1),
            b'"' | b'(' | b')' | b',' | b':' | b';' | b'[' | b']' | b'{' | b'}' | b'/' => {
                (i + 1, TokenKind::Punct)
            }
            _ => (i + 1, TokenKind::Symbol),
        };
        self.push(i, e, kind);
        e
    }
}

#[cfg(test)]
mod tests {
    use super::TokenKind::{Number as N, Punct as P, Symbol as S, Word as W};
    use super::*;

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text, 0..text.len())
            .into_iter()
            .map(|t| (t.text(text), t.kind))
            .collect()
    }

    fn texts(text: &str) -> Vec<&str> {
        toks(text).into_iter().map(|(t, _)| t).collect()
    }

    #[track_caller]
    fn check(text: &str, expect: &[(&str, TokenKind)]) {
        assert_eq!(toks(text), expect, "input: {text:?}");
    }

    #[test]
    fn negative_contractions() {
        check("don't", &[("do", W), ("n't", W)]);
        check("can't", &[("ca", W), ("n't", W)]);
        check("won't", &[("wo", W), ("n't", W)]);
        check("DIDN'T", &[("DID", W), ("N'T", W)]);
        assert_eq!(texts("isn't ain't"), ["is", "n't", "ai", "n't"]);
    }

    #[test]
    fn possessive_s() {
        check("Russia's army", &[("Russia", W), ("'s", W), ("army", W)]);
    }

    #[test]
    fn other_clitics() {
        assert_eq!(
            texts("they're we'll I've I'm she'd"),
            [
                "they", "'re", "we", "'ll", "I", "'ve", "I", "'m", "she", "'d"
            ]
        );
    }

    #[test]
    fn curly_apostrophes() {
        check("don’t", &[("do", W), ("n’t", W)]);
        check("Russia’s", &[("Russia", W), ("’s", W)]);
        check("they’re", &[("they", W), ("’re", W)]);
    }

    #[test]
    fn stacked_clitics() {
        assert_eq!(texts("shouldn't've"), ["should", "n't", "'ve"]);
    }

    #[test]
    fn inner_apostrophes_stay() {
        assert_eq!(texts("O'Brien's ma'am"), ["O'Brien", "'s", "ma'am"]);
        check("n't", &[("n't", W)]);
    }

    #[test]
    fn plural_possessive() {
        check(
            "the officials' plans",
            &[("the", W), ("officials", W), ("'", W), ("plans", W)],
        );
        check(
            "the officials’ plans",
            &[("the", W), ("officials", W), ("’", W), ("plans", W)],
        );
    }

    #[test]
    fn closing_single_quote_after_s() {
        check(
            "'the bosses' view",
            &[("'", P), ("the", W), ("bosses", W), ("'", P), ("view", W)],
        );
        check(
            "‘Hello,’ he said",
            &[
                ("‘", P),
                ("Hello", W),
                (",", P),
                ("’", P),
                ("he", W),
                ("said", W),
            ],
        );
    }

    #[test]
    fn leading_apostrophe_words() {
        check("the '90s", &[("the", W), ("'90s", W)]);
        check("the ’90s", &[("the", W), ("’90s", W)]);
        check("rock 'n' roll", &[("rock", W), ("'n'", W), ("roll", W)]);
        assert_eq!(texts("see 'em 'til dawn"), ["see", "'em", "'til", "dawn"]);
    }

    #[test]
    fn dropped_g() {
        check("goin' home", &[("goin", W), ("'", P), ("home", W)]);
    }

    #[test]
    fn hyphenated_compounds() {
        check(
            "third-ranking well-known X-ray COVID-19",
            &[
                ("third-ranking", W),
                ("well-known", W),
                ("X-ray", W),
                ("COVID-19", W),
            ],
        );
        check("24-year-old", &[("24-year-old", W)]);
    }

    #[test]
    fn dashes_are_punctuation() {
        check(
            "war—and peace – then -- again - now",
            &[
                ("war", W),
                ("—", P),
                ("and", W),
                ("peace", W),
                ("–", P),
                ("then", W),
                ("--", P),
                ("again", W),
                ("-", P),
                ("now", W),
            ],
        );
        assert_eq!(texts("yes--no"), ["yes", "--", "no"]);
    }

    #[test]
    fn abbreviations_keep_dots() {
        check(
            "Gen. Lee met U.S. envoys at 5 p.m. Friday",
            &[
                ("Gen.", W),
                ("Lee", W),
                ("met", W),
                ("U.S.", W),
                ("envoys", W),
                ("at", W),
                ("5", N),
                ("p.m.", W),
                ("Friday", W),
            ],
        );
    }

    #[test]
    fn abbreviation_at_sentence_end() {
        check(
            "back in the U.S.",
            &[("back", W), ("in", W), ("the", W), ("U.S.", W)],
        );
        check("He left.", &[("He", W), ("left", W), (".", P)]);
    }

    #[test]
    fn initials_and_degrees() {
        assert_eq!(
            texts("J. R. R. Tolkien, Ph.D., e.g., this"),
            [
                "J.", "R.", "R.", "Tolkien", ",", "Ph.D.", ",", "e.g.", ",", "this"
            ]
        );
    }

    #[test]
    fn number_abbreviation() {
        check("No. 5", &[("No.", W), ("5", N)]);
        check("said no.", &[("said", W), ("no", W), (".", P)]);
    }

    #[test]
    fn numbers() {
        check(
            "3.5 1,200 $5 10% 1,200,000",
            &[
                ("3.5", N),
                ("1,200", N),
                ("$", S),
                ("5", N),
                ("10", N),
                ("%", S),
                ("1,200,000", N),
            ],
        );
        check("10:30 24/7 5-10", &[("10:30", N), ("24/7", N), ("5-10", N)]);
    }

    #[test]
    fn ordinals_and_suffixed_numbers() {
        check(
            "21st 1990s 1.5bn",
            &[("21st", N), ("1990s", N), ("1.5bn", N)],
        );
    }

    #[test]
    fn list_commas_are_not_thousands() {
        check("1,2,3", &[("1", N), (",", P), ("2", N), (",", P), ("3", N)]);
    }

    #[test]
    fn versions_urls_emails() {
        check("v2.1.0", &[("v2.1.0", W)]);
        check(
            "news.desk@example.org.",
            &[("news.desk@example.org", W), (".", P)],
        );
        check("AT&T R&D", &[("AT&T", W), ("R&D", W)]);
    }

    #[test]
    fn missing_space_after_stop() {
        check("said.The", &[("said", W), (".", P), ("The", W)]);
    }

    #[test]
    fn compound_after_abbreviation() {
        check("U.S.-based", &[("U.S.-based", W)]);
    }

    #[test]
    fn clitic_after_abbreviation() {
        check(
            "the U.S.'s role",
            &[("the", W), ("U.S.", W), ("'s", W), ("role", W)],
        );
        check("Acme Co.’s", &[("Acme", W), ("Co.", W), ("’s", W)]);
    }

    #[test]
    fn quotes_are_punctuation() {
        check(
            "“Hi,” she said \"ok\"",
            &[
                ("“", P),
                ("Hi", W),
                (",", P),
                ("”", P),
                ("she", W),
                ("said", W),
                ("\"", P),
                ("ok", W),
                ("\"", P),
            ],
        );
    }

    #[test]
    fn ellipsis_and_stops() {
        check(
            "wait... what?! no… fine!!",
            &[
                ("wait", W),
                ("...", P),
                ("what", W),
                ("?!", P),
                ("no", W),
                ("…", P),
                ("fine", W),
                ("!!", P),
            ],
        );
    }

    #[test]
    fn emoji_and_symbols() {
        check(
            "Great 👍🏽 news 🇺🇸 € #1 👩‍🚒",
            &[
                ("Great", W),
                ("👍🏽", S),
                ("news", W),
                ("🇺🇸", S),
                ("€", S),
                ("#", S),
                ("1", N),
                ("👩‍🚒", S),
            ],
        );
    }

    #[test]
    fn non_latin_scripts() {
        check("Привет, мир", &[("Привет", W), (",", P), ("мир", W)]);
        check("東京タワー。", &[("東京タワー", W), ("。", P)]);
        check("مرحبا بالعالم؟", &[("مرحبا", W), ("بالعالم", W), ("؟", P)]);
        check("नमस्ते दुनिया।", &[("नमस्ते", W), ("दुनिया", W), ("।", P)]);
    }

    #[test]
    fn combining_marks_stay_in_words() {
        check("cafe\u{301} noir", &[("cafe\u{301}", W), ("noir", W)]);
    }

    #[test]
    fn whitespace_and_format_chars_skipped() {
        check(
            "a\u{a0}b\u{200b}c\u{3000}d",
            &[("a", W), ("b", W), ("c", W), ("d", W)],
        );
    }

    #[test]
    fn absolute_offsets_and_append() {
        let text = "# Title\n\nZoë’s cat didn't.";
        let start = text.find("Zoë").unwrap();
        let mut out = vec![Token {
            start: 0,
            end: 1,
            kind: P,
        }];
        tokenize_into(text, start..text.len(), &mut out);
        let got: Vec<&str> = out[1..].iter().map(|t| t.text(text)).collect();
        assert_eq!(got, ["Zoë", "’s", "cat", "did", "n't", "."]);
        assert_eq!(out[1].start, start);
        assert_eq!(out.len(), 7);
    }

    #[test]
    fn bad_ranges_do_not_panic() {
        let text = "Zoë sang";
        assert_eq!(tokenize(text, 3..100).len(), 1); // 3 is inside "ë": starts at " sang"
        assert!(tokenize(text, Range { start: 6, end: 2 }).is_empty());
        let t = Token {
            start: 2,
            end: 3,
            kind: W,
        };
        assert_eq!(t.text(text), "");
    }

    /// Pseudo-random inputs: never a panic; tokens in order, on boundaries, inside the range,
    /// and every non-whitespace char covered by a token.
    #[test]
    fn random_inputs_keep_the_invariants() {
        let parts = [
            "U.S.", " ", "The", "a", ".", "...", "…", "?", "!", "\"", "”", "’", "‘", "(", "'",
            "\n", "n't", "s", "3", ",", "-", "—", "é", "\u{301}", "日本", "👍", "\u{200d}", "🏽",
            "🇺", "\u{fe0f}", "$", "%", "@", "&", "\u{a0}", ":", "/", "0", "x", "\u{200b}", "’s",
            "'9", "No", "p.m", "कि", "्",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..5000 {
            let mut t = String::new();
            let n = (seed % 20) as usize;
            for _ in 0..n {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                t.push_str(parts[(seed % parts.len() as u64) as usize]);
            }
            seed = seed.wrapping_add(0x2545_f491);
            let lo = (seed % 5) as usize;
            let hi = t.len().saturating_sub((seed % 3) as usize);
            let got = tokenize(&t, lo..hi);
            let (lo, hi) = clamp_range(&t, lo..hi);
            let mut prev = lo;
            for tok in &got {
                assert!(
                    tok.start >= prev && tok.start < tok.end && tok.end <= hi,
                    "{t:?} {got:?}"
                );
                assert!(t.is_char_boundary(tok.start) && t.is_char_boundary(tok.end));
                let gap = &t[prev..tok.start];
                assert!(
                    gap.chars().all(|c| c.is_whitespace() || is_ignorable(c)),
                    "{t:?} gap {gap:?} {got:?}"
                );
                prev = tok.end;
            }
            assert!(
                t[prev..hi]
                    .chars()
                    .all(|c| c.is_whitespace() || is_ignorable(c))
            );
        }
    }

    /// `cargo test --release --lib text::tokens -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn speed() {
        use crate::text::sentences::{bench, split_sentences};
        let text = bench::corpus();
        let paras = bench::paragraphs(&text);
        let mb = text.len() as f64 / 1e6;
        let mut buf = Vec::new();
        let mut n = 0usize;
        let secs = bench::best_of(7, || {
            n = 0;
            for p in &paras {
                buf.clear();
                tokenize_into(&text, p.clone(), &mut buf);
                n += buf.len();
            }
        });
        eprintln!(
            "tokens: {n} in {mb:.0} MB, {:.0} MB/s (best of 7)",
            mb / secs
        );
        let secs = bench::best_of(7, || {
            for p in &paras {
                buf.clear();
                for s in split_sentences(&text, p.clone()) {
                    tokenize_into(&text, s, &mut buf);
                }
            }
        });
        eprintln!("sentences + tokens: {:.0} MB/s (best of 7)", mb / secs);
    }
}
