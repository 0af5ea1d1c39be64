//! The embedded English lexicon: which words exist, their part-of-speech
//! classes, how common they are and how they inflect.
//!
//! The tables are built from `data/lexicon/` by `build.rs` into sorted binary
//! blobs embedded with `include_bytes!`; a look-up is one or two probes of a
//! hash index over the words, with no parsing, no start-up cost and no
//! allocation for input of up to [`MAX_WORD_LEN`] bytes. Sources and licences:
//! `data/lexicon/README.md`.
//!
//! Words keep their case: "Paris" and "march"/"March" are separate entries.
//! [`lookup`] is exact; [`lookup_folded`] tries the word as written, then in
//! lower case, then (for an all-capitals word) capitalised, and reads a curly
//! apostrophe as a straight one.

use std::fmt;
use std::ops::{BitAnd, BitOr, BitOrAssign};

mod blob {
    include!(concat!(env!("OUT_DIR"), "/lexicon_meta.rs"));

    /// The pool is the words' UTF-8 concatenated, so it is a `str`: a word is a slice
    /// of it with no validation.
    pub(super) static WORDS: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicon_words.bin"));
    pub(super) static ENTRIES: &[u8] =
        include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_entries.bin"));
    pub(super) static LINKS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_links.bin"));
    pub(super) static HASH: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_hash.bin"));

    use super::hot_slot as h;
    include!(concat!(env!("OUT_DIR"), "/lexicon_hot.rs"));
}

/// Length in bytes of the longest word in the lexicon; longer input is never a word.
pub const MAX_WORD_LEN: usize = blob::MAX_WORD_LEN;

/// A set of word classes (parts of speech and inflectional categories).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Classes(pub u32);

/// Names of the class bits, in bit order (the same order as `build.rs`'s tags).
const CLASS_NAMES: [&str; 24] = [
    "NOUN",
    "NOUN_PLURAL",
    "PROPER",
    "VERB",
    "VERB_PAST",
    "VERB_PAST_PART",
    "VERB_ING",
    "VERB_3SG",
    "ADJ",
    "ADJ_CMP",
    "ADJ_SUP",
    "ADV",
    "DET",
    "PRON",
    "AUX",
    "MODAL",
    "PREP",
    "CONJ",
    "SUBORD",
    "WH",
    "PARTICLE",
    "NEG",
    "NUM",
    "INTERJ",
];

impl Classes {
    /// No class at all (a known word that no source classifies, such as many abbreviations).
    pub const EMPTY: Classes = Classes(0);
    /// Common noun, singular or uncountable ("report").
    pub const NOUN: Classes = Classes(1 << 0);
    /// Plural noun ("reports", "neighbours", "criteria").
    pub const NOUN_PLURAL: Classes = Classes(1 << 1);
    /// Proper noun or other capitalised word ("Paris", "Monday", "Americans").
    pub const PROPER: Classes = Classes(1 << 2);
    /// Verb base form, also the plain present ("report").
    pub const VERB: Classes = Classes(1 << 3);
    /// Past tense ("reported", "went").
    pub const VERB_PAST: Classes = Classes(1 << 4);
    /// Past participle ("reported", "gone").
    pub const VERB_PAST_PART: Classes = Classes(1 << 5);
    /// Present participle or gerund ("reporting").
    pub const VERB_ING: Classes = Classes(1 << 6);
    /// Third person singular present ("reports").
    pub const VERB_3SG: Classes = Classes(1 << 7);
    /// Adjective ("complete", "due").
    pub const ADJ: Classes = Classes(1 << 8);
    /// Comparative adjective ("closer").
    pub const ADJ_CMP: Classes = Classes(1 << 9);
    /// Superlative adjective ("closest").
    pub const ADJ_SUP: Classes = Classes(1 << 10);
    /// Adverb ("quickly", "soon").
    pub const ADV: Classes = Classes(1 << 11);
    /// Determiner ("the", "this", "their").
    pub const DET: Classes = Classes(1 << 12);
    /// Pronoun ("they", "themselves", "someone").
    pub const PRON: Classes = Classes(1 << 13);
    /// A form of the auxiliaries be, have or do ("is", "has", "did").
    pub const AUX: Classes = Classes(1 << 14);
    /// Modal verb ("can", "would", "must").
    pub const MODAL: Classes = Classes(1 << 15);
    /// Preposition ("of", "despite").
    pub const PREP: Classes = Classes(1 << 16);
    /// Coordinating conjunction ("and", "but").
    pub const CONJ: Classes = Classes(1 << 17);
    /// Subordinating conjunction ("because", "although", "while").
    pub const SUBORD: Classes = Classes(1 << 18);
    /// Wh-word or relative word ("who", "which", "where").
    pub const WH: Classes = Classes(1 << 19);
    /// Particle: infinitive "to" and adverbs of phrasal verbs ("up", "out").
    pub const PARTICLE: Classes = Classes(1 << 20);
    /// Negation ("not", "n't", "never", "no").
    pub const NEG: Classes = Classes(1 << 21);
    /// Cardinal number word ("seven", "million").
    pub const NUM: Classes = Classes(1 << 22);
    /// Interjection ("oh", "yes").
    pub const INTERJ: Classes = Classes(1 << 23);

    /// Any verb form (base, past, participles, -s).
    pub const ANY_VERB: Classes = Classes(0b1111_1000);
    /// Any noun (singular, plural, proper).
    pub const ANY_NOUN: Classes = Classes(0b111);
    /// Any adjective (positive, comparative, superlative).
    pub const ANY_ADJ: Classes = Classes(0b111 << 8);

    /// True when every class of `other` is in `self`.
    pub fn contains(self, other: Classes) -> bool {
        self.0 & other.0 == other.0
    }

    /// True when `self` and `other` share a class.
    pub fn intersects(self, other: Classes) -> bool {
        self.0 & other.0 != 0
    }

    /// True when no class is set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The names of the classes set, in bit order ("NOUN", "VERB_PAST", ...).
    pub fn names(self) -> Vec<&'static str> {
        CLASS_NAMES
            .iter()
            .enumerate()
            .filter(|(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, name)| *name)
            .collect()
    }

    /// The class constant with this name (as printed by [`Classes::names`]).
    pub fn from_name(name: &str) -> Option<Classes> {
        CLASS_NAMES
            .iter()
            .position(|n| *n == name)
            .map(|i| Classes(1 << i))
    }
}

impl BitOr for Classes {
    type Output = Classes;
    fn bitor(self, rhs: Classes) -> Classes {
        Classes(self.0 | rhs.0)
    }
}

impl BitOrAssign for Classes {
    fn bitor_assign(&mut self, rhs: Classes) {
        self.0 |= rhs.0;
    }
}

impl BitAnd for Classes {
    type Output = Classes;
    fn bitand(self, rhs: Classes) -> Classes {
        Classes(self.0 & rhs.0)
    }
}

impl fmt::Display for Classes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.names().join("|"))
    }
}

/// The spelling regions whose SCOWL word lists hold a word. Empty means every
/// region (the word is not a regional spelling).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Regions(pub u8);

impl Regions {
    /// American ("color", "defense", "organize").
    pub const US: Regions = Regions(1 << 0);
    /// British with -ise ("colour", "organise").
    pub const GB_ISE: Regions = Regions(1 << 1);
    /// British with -ize, Oxford spelling ("colour", "organize").
    pub const GB_IZE: Regions = Regions(1 << 2);
    /// Canadian.
    pub const CA: Regions = Regions(1 << 3);
    /// Australian.
    pub const AU: Regions = Regions(1 << 4);
    /// Listed only as an accepted variant in some region ("judgement" in American lists).
    pub const VARIANT: Regions = Regions(1 << 5);

    /// True when the word is spelled the same in every region.
    pub fn is_common(self) -> bool {
        self.0 == 0
    }

    /// True when American lists hold the word (as main or variant spelling).
    pub fn american(self) -> bool {
        self.0 == 0 || self.0 & Self::US.0 != 0
    }

    /// True when British lists (either -ise or -ize) hold the word.
    pub fn british(self) -> bool {
        self.0 == 0 || self.0 & (Self::GB_ISE.0 | Self::GB_IZE.0) != 0
    }

    /// True when every region of `other` is in `self`.
    pub fn contains(self, other: Regions) -> bool {
        self.0 & other.0 == other.0
    }
}

/// One lexicon entry.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// The word as stored (case kept).
    pub word: &'static str,
    /// Its classes.
    pub classes: Classes,
    /// SCOWL size level: 10 most common, then 20, 35, 40, 50, 55, 60, 70, 80, 95;
    /// 0 for a curated closed-class word.
    pub rank: u8,
    /// The spelling regions that list it (empty: all).
    pub regions: Regions,
}

/// The principal parts of a verb, preferred spellings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerbForms {
    /// The base as stored ("disclose").
    pub base: &'static str,
    /// Past tense ("disclosed", "went").
    pub past: &'static str,
    /// Past participle ("disclosed", "gone").
    pub past_participle: &'static str,
    /// Present participle ("disclosing").
    pub ing: &'static str,
    /// Third person singular present ("discloses").
    pub third_singular: &'static str,
}

// Link kinds, the hash tables' layout and hash functions, shared with build.rs, which
// builds the tables.
include!("lexicon_layout.rs");

#[inline]
fn read_u32(bytes: &[u8], i: usize) -> u32 {
    let b = &bytes[4 * i..4 * i + 4];
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

// Fields of the 12-byte entry records (see build.rs).
const F_START: usize = 0;
const F_INFO: usize = 1;
const F_AUX: usize = 2;

#[inline]
fn field(i: usize, f: usize) -> u32 {
    read_u32(blob::ENTRIES, 3 * i + f)
}

#[inline]
fn word_str(i: usize) -> &'static str {
    &blob::WORDS[field(i, F_START) as usize..field(i + 1, F_START) as usize]
}

#[inline]
fn word_bytes(i: usize) -> &'static [u8] {
    word_str(i).as_bytes()
}

fn entry_at(i: usize) -> Entry {
    let info = field(i, F_INFO);
    Entry {
        word: word_str(i),
        classes: Classes(info & 0x00ff_ffff),
        rank: (info >> 24) as u8,
        regions: Regions((field(i, F_AUX) >> 26) as u8),
    }
}

/// Index of the entry spelled exactly `key`: linear probing from the key's
/// home slot until an empty slot; a slot whose tag differs from the key's is
/// another word, so only a matching tag costs a comparison with the pool.
#[inline]
fn find(key: &[u8]) -> Option<usize> {
    if key.is_empty() || key.len() > MAX_WORD_LEN {
        return None;
    }
    let h = word_hash(key);
    let mask = (1usize << blob::HASH_BITS) - 1;
    let tag = (h as u32) >> SLOT_INDEX_BITS;
    let mut pos = (h >> (64 - blob::HASH_BITS)) as usize;
    loop {
        let slot = read_u32(blob::HASH, pos);
        if slot == 0 {
            return None;
        }
        if slot >> SLOT_INDEX_BITS == tag {
            let i = (slot & ((1 << SLOT_INDEX_BITS) - 1)) as usize - 1;
            // Words are short: a byte loop beats a call to `memcmp`.
            let word = word_bytes(i);
            if word.len() == key.len() && word.iter().zip(key).all(|(a, b)| a == b) {
                return Some(i);
            }
        }
        pos = (pos + 1) & mask;
    }
}

/// A slot of the hot table that build.rs writes: a common word, or a spelling
/// of one that is no entry ("The"), with the whole answer of
/// [`classes_and_entry`] for it. 32 bytes, two to a cache line, and no pointer:
/// the exact entry's word is the key itself, so the slot keeps only where it
/// starts in the small pool `HOT_WORDS`.
#[derive(Clone, Copy)]
struct HotSlot {
    /// The key's bytes, zero-padded, little-endian.
    key: [u64; 2],
    /// The classes of every spelling the folded look-up tries (low 24 bits) |
    /// key length << 24 (0 for an empty slot).
    folded: u32,
    /// The exact entry's classes | rank << 24, as in the entry records (0 for none).
    info: u32,
    /// The exact entry's index + 1 (low [`SLOT_INDEX_BITS`] bits; 0 for none) | regions << 26.
    meta: u32,
    /// Where the exact entry's word starts in `HOT_WORDS`.
    word: u32,
}

const fn hot_slot(key: [u64; 2], folded: u32, info: u32, meta: u32, word: u32) -> HotSlot {
    HotSlot {
        key,
        folded,
        info,
        meta,
        word,
    }
}

/// An entry found, with its index (for its links).
#[derive(Clone, Copy, Debug)]
struct Hit {
    index: usize,
    entry: Entry,
}

/// The hot-table slot of `key`, None when the table does not hold it (the big
/// table must decide).
#[inline]
fn hot_slot_of(key: &[u8]) -> Option<&'static HotSlot> {
    if key.is_empty() || key.len() > HOT_KEY {
        return None;
    }
    let k = hot_key(key);
    let mask = (1usize << blob::HOT_BITS) - 1;
    let mut pos = hot_home(k);
    loop {
        let slot = &blob::HOT[pos];
        let len = slot.folded >> 24;
        if len == 0 {
            return None;
        }
        // The length tells "ab" from "ab\0" (both pad to the same key).
        if slot.key == k && len as usize == key.len() {
            return Some(slot);
        }
        pos = (pos + 1) & mask;
    }
}

/// Ask for the hot-table slot where a look-up of `word` ([`classes_and_entry`]) starts,
/// ahead of a batch of look-ups, so that their reads overlap (see `language::prefetch`).
#[inline]
pub fn prefetch_hot(word: &str) {
    let key = word.as_bytes();
    if !key.is_empty() && key.len() <= HOT_KEY {
        super::prefetch(&blob::HOT, hot_home(hot_key(key)));
    }
}

/// The home slot of a hot key.
#[inline]
fn hot_home(k: [u64; 2]) -> usize {
    (hot_hash(k) >> (64 - blob::HOT_BITS)) as usize
}

/// The exact entry of a hot slot, if its key is one.
#[inline]
fn hot_hit(slot: &HotSlot) -> Option<Hit> {
    let index = (slot.meta & ((1 << SLOT_INDEX_BITS) - 1)) as usize;
    let start = slot.word as usize;
    let len = (slot.folded >> 24) as usize;
    (index > 0).then(|| Hit {
        index: index - 1,
        entry: Entry {
            word: &blob::HOT_WORDS[start..start + len],
            classes: Classes(slot.info & 0x00ff_ffff),
            rank: (slot.info >> 24) as u8,
            regions: Regions((slot.meta >> 26) as u8),
        },
    })
}

/// The hot table's answer for `key`: `Some(found)` when the table holds the key
/// (as a word or as a known non-word), None when the big table must decide.
#[inline]
fn find_hot(key: &[u8]) -> Option<Option<Hit>> {
    hot_slot_of(key).map(hot_hit)
}

/// The entry spelled exactly `key`: from the hot table when it knows the key,
/// else from the hash index.
#[inline]
fn find_hit(key: &[u8]) -> Option<Hit> {
    match find_hot(key) {
        Some(found) => found,
        None => find(key).map(|index| Hit {
            index,
            entry: entry_at(index),
        }),
    }
}

/// First index whose word is not less than `key`.
fn lower_bound(key: &[u8]) -> usize {
    let (mut lo, mut hi) = (0usize, blob::ENTRY_COUNT);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if word_bytes(mid) < key {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The links of entry `i` of one kind, as target indices, preferred first.
fn links(i: usize, kind: u32) -> impl Iterator<Item = usize> {
    let start = (field(i, F_AUX) & 0x03ff_ffff) as usize;
    let end = (field(i + 1, F_AUX) & 0x03ff_ffff) as usize;
    (start..end)
        .map(|l| read_u32(blob::LINKS, l))
        .filter(move |l| l >> 28 == kind)
        .map(|l| (l & 0x0fff_ffff) as usize)
}

fn first_link(i: usize, kind: u32) -> Option<&'static str> {
    links(i, kind).next().map(word_str)
}

/// A small stack buffer for case-folded keys, so look-ups never allocate.
struct KeyBuf {
    buf: [u8; MAX_WORD_LEN + 4],
    len: usize,
}

impl KeyBuf {
    fn new() -> Self {
        KeyBuf {
            buf: [0; MAX_WORD_LEN + 4],
            len: 0,
        }
    }

    /// Appends a char; false when the key no longer fits (so it is no word).
    fn push(&mut self, c: char) -> bool {
        let n = c.len_utf8();
        if self.len + n > MAX_WORD_LEN {
            return false;
        }
        c.encode_utf8(&mut self.buf[self.len..]);
        self.len += n;
        true
    }

    fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

fn normal_apostrophe(c: char) -> char {
    match c {
        '\u{2019}' | '\u{02BC}' => '\'',
        c => c,
    }
}

/// Builds `word` with curly apostrophes straightened and each char mapped by
/// `map` (given the char's position); None when it cannot be a word.
fn fold_into(word: &str, out: &mut KeyBuf, map: impl Fn(usize, char) -> char) -> Option<()> {
    out.len = 0;
    for (n, c) in word.chars().enumerate() {
        if !out.push(map(n, normal_apostrophe(c))) {
            return None;
        }
    }
    Some(())
}

fn lower(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

fn upper(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_uppercase()
    } else {
        c.to_uppercase().next().unwrap_or(c)
    }
}

/// True when `word` has an apostrophe that the folded look-ups read as a straight one.
#[inline]
fn has_curly(word: &str) -> bool {
    !word.is_ascii() && word.contains(['\u{2019}', '\u{02BC}'])
}

/// Indices of the entries `word` may stand for, in the order [`lookup_folded`]
/// tries them: as written, lower case, capitalised (all-capitals input only).
fn folded_indices(word: &str) -> [Option<usize>; 3] {
    folded_hits(word).map(|h| h.map(|h| h.index))
}

/// [`folded_indices`] with their entries.
#[inline]
fn folded_hits(word: &str) -> [Option<Hit>; 3] {
    if word.is_ascii() {
        folded_hits_ascii(word.as_bytes())
    } else {
        folded_hits_general(word)
    }
}

/// The hit `h` unless it is one of `others` (the same entry found by an earlier spelling).
#[inline]
fn unless_found(h: Option<Hit>, others: &[Option<Hit>]) -> Option<Hit> {
    h.filter(|h| others.iter().all(|o| o.is_none_or(|o| o.index != h.index)))
}

/// [`folded_hits`] of ASCII input, without decoding chars. Exact: on ASCII,
/// `char::is_uppercase`, `is_lowercase`, `is_alphabetic` and the case mappings
/// are their ASCII versions, case folding keeps the length, and there is no
/// curly apostrophe; so each key is the one the general path builds.
#[inline]
fn folded_hits_ascii(word: &[u8]) -> [Option<Hit>; 3] {
    let mut found = [None; 3];
    found[0] = find_hit(word);
    // A word longer than any entry has no folded spelling either (the general
    // path's fold gives up on it).
    if !word.iter().any(u8::is_ascii_uppercase) || word.len() > MAX_WORD_LEN {
        return found;
    }
    let mut buf = [0u8; MAX_WORD_LEN];
    let key = &mut buf[..word.len()];
    for (k, b) in key.iter_mut().zip(word) {
        *k = b.to_ascii_lowercase();
    }
    found[1] = unless_found(find_hit(key), &found[..1]);
    let all_caps = word.iter().filter(|b| b.is_ascii_alphabetic()).count() > 1
        && !word.iter().any(u8::is_ascii_lowercase);
    if all_caps {
        key[0] = word[0].to_ascii_uppercase();
        found[2] = unless_found(find_hit(key), &found[..2]);
    }
    found
}

/// [`folded_hits`] of any input.
fn folded_hits_general(word: &str) -> [Option<Hit>; 3] {
    folded_hits_with(word, find_hit)
}

/// [`folded_hits_general`] with `get` finding the entry spelled exactly a key.
#[inline]
fn folded_hits_with(word: &str, get: impl Fn(&[u8]) -> Option<Hit>) -> [Option<Hit>; 3] {
    let find_hit = get;
    let mut found = [None; 3];
    if word.is_empty() || word.len() > 4 * MAX_WORD_LEN {
        return found;
    }
    let mut key = KeyBuf::new();
    found[0] = if has_curly(word) {
        fold_into(word, &mut key, |_, c| c).and_then(|_| find_hit(key.as_bytes()))
    } else {
        find_hit(word.as_bytes())
    };
    let has_upper = word.chars().any(char::is_uppercase);
    if !has_upper {
        return found;
    }
    if fold_into(word, &mut key, |_, c| lower(c)).is_some() {
        found[1] = unless_found(find_hit(key.as_bytes()), &found[..1]);
    }
    let all_caps = word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && !word.chars().any(char::is_lowercase);
    if all_caps
        && fold_into(
            word,
            &mut key,
            |n, c| if n == 0 { upper(c) } else { lower(c) },
        )
        .is_some()
    {
        found[2] = unless_found(find_hit(key.as_bytes()), &found[..2]);
    }
    found
}

/// The union of the classes of the entries found.
#[inline]
fn classes_of(found: &[Option<Hit>; 3]) -> Classes {
    found
        .iter()
        .flatten()
        .fold(Classes::EMPTY, |acc, h| acc | h.entry.classes)
}

/// The entry spelled exactly `word` (case-sensitive, apostrophes as given).
pub fn lookup(word: &str) -> Option<Entry> {
    find_hit(word.as_bytes()).map(|h| h.entry)
}

/// The entry for `word` as written, else in lower case, else (for an
/// all-capitals word such as "PARIS") capitalised; a curly apostrophe counts
/// as a straight one. When an all-capitals word has both a lower-case and a
/// capitalised entry, the more common one (lower rank) wins, lower case on a tie.
pub fn lookup_folded(word: &str) -> Option<Entry> {
    let chosen = match folded_hits(word) {
        [Some(h), ..] => Some(h),
        // All capitals: prefer the capitalised entry when it is the more
        // common word ("PARIS" is the city, not the rank-80 plant "paris").
        [None, Some(lower), Some(cap)] if cap.entry.rank < lower.entry.rank => Some(cap),
        [None, lower, cap] => lower.or(cap),
    };
    chosen.map(|h| h.entry)
}

/// The union of the classes of every entry [`lookup_folded`] would consider:
/// for "March" at the start of a sentence, both the month and the verb.
pub fn classes_folded(word: &str) -> Classes {
    classes_of(&folded_hits(word))
}

/// [`classes_folded`] and [`lookup`] of `word` at once.
pub fn classes_and_entry(word: &str) -> (Classes, Option<Entry>) {
    // A common word in any of its usual spellings: build.rs stored the answer.
    // Keys are ASCII, so a word with a curly apostrophe never matches one.
    if let Some(slot) = hot_slot_of(word.as_bytes()) {
        return (
            Classes(slot.folded & 0x00ff_ffff),
            hot_hit(slot).map(|h| h.entry),
        );
    }
    classes_and_entry_slow(word)
}

/// [`classes_and_entry`] by the folded look-ups, for any word.
fn classes_and_entry_slow(word: &str) -> (Classes, Option<Entry>) {
    let found = folded_hits(word);
    // Without a curly apostrophe, the first folded spelling is the word as written.
    let exact = if has_curly(word) {
        lookup(word)
    } else {
        found[0].map(|h| h.entry)
    };
    (classes_of(&found), exact)
}

/// True when the lexicon knows `word` in any of the spellings [`lookup_folded`] tries.
pub fn is_word(word: &str) -> bool {
    folded_hits(word).iter().any(Option::is_some)
}

/// The principal parts of the verb base `base` (case-folded), preferred
/// spellings first; None when `base` is no verb base with known forms.
pub fn verb_forms(base: &str) -> Option<VerbForms> {
    let i = folded_indices(base)
        .into_iter()
        .flatten()
        .find(|&i| links(i, L_PAST).next().is_some())?;
    Some(VerbForms {
        base: word_str(i),
        past: first_link(i, L_PAST)?,
        past_participle: first_link(i, L_PAST_PART)?,
        ing: first_link(i, L_ING)?,
        third_singular: first_link(i, L_3SG)?,
    })
}

/// The verb bases that `form` (case-folded) is an inflection of: "reported" ->
/// ["report"], "left" -> ["leave"], "is" -> ["be"]; a base maps to itself
/// first ("found" -> ["found", "find"]). Empty when `form` is no verb form.
pub fn verb_bases(form: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for i in folded_indices(form).into_iter().flatten() {
        if entry_at(i).classes.contains(Classes::VERB) {
            let w = word_str(i);
            if !out.contains(&w) {
                out.push(w);
            }
        }
        for b in links(i, L_VERB_BASE) {
            let w = word_str(b);
            if !out.contains(&w) {
                out.push(w);
            }
        }
    }
    out
}

/// The singular of the plural noun `plural` (case-folded): "neighbours" ->
/// "neighbour", "criteria" -> "criterion", "sheep" -> "sheep".
pub fn noun_singular(plural: &str) -> Option<&'static str> {
    folded_indices(plural)
        .into_iter()
        .flatten()
        .find_map(|i| first_link(i, L_NOUN_SING))
}

/// The preferred plural of the noun `singular` (case-folded).
pub fn noun_plural(singular: &str) -> Option<&'static str> {
    folded_indices(singular)
        .into_iter()
        .flatten()
        .find_map(|i| first_link(i, L_PLURAL))
}

/// The comparative and superlative of the adjective `adj` (case-folded), when
/// it inflects ("close" -> ("closer", "closest")).
pub fn adj_forms(adj: &str) -> Option<(&'static str, &'static str)> {
    folded_indices(adj)
        .into_iter()
        .flatten()
        .find_map(|i| Some((first_link(i, L_CMP)?, first_link(i, L_SUP)?)))
}

/// The adjective that a comparative or superlative inflects ("closest" -> "close").
pub fn adj_base(form: &str) -> Option<&'static str> {
    folded_indices(form)
        .into_iter()
        .flatten()
        .find_map(|i| first_link(i, L_ADJ_BASE))
}

/// Every entry whose word starts with `prefix` (exact case), in byte order:
/// `with_prefix("reporte")` yields "reported", "reporter", "reporters".
pub fn with_prefix(prefix: &str) -> impl Iterator<Item = Entry> {
    let key = prefix.as_bytes();
    let start = if key.is_empty() { 0 } else { lower_bound(key) };
    let prefix = prefix.to_owned();
    (start..blob::ENTRY_COUNT)
        .take_while(move |&i| word_bytes(i).starts_with(prefix.as_bytes()))
        .map(entry_at)
}

/// Every entry, in byte order.
pub fn entries() -> impl Iterator<Item = Entry> {
    (0..blob::ENTRY_COUNT).map(entry_at)
}

/// Number of entries.
pub fn len() -> usize {
    blob::ENTRY_COUNT
}

/// Always false: the lexicon is never empty (here for clippy's `len_without_is_empty`).
pub fn is_empty() -> bool {
    blob::ENTRY_COUNT == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(word: &str) -> Classes {
        lookup(word)
            .unwrap_or_else(|| panic!("{word:?} should be in the lexicon"))
            .classes
    }

    #[test]
    fn reported_is_past_and_participle_of_report() {
        let c = classes("reported");
        assert!(
            c.contains(Classes::VERB_PAST | Classes::VERB_PAST_PART),
            "{c}"
        );
        assert_eq!(verb_bases("reported"), vec!["report"]);
        assert_eq!(verb_bases("report"), vec!["report"]);
    }

    #[test]
    fn include_is_only_a_verb_base() {
        let c = classes("include");
        assert!(c.contains(Classes::VERB), "{c}");
        assert!(
            !c.intersects(Classes::NOUN | Classes::ADJ | Classes::VERB_PAST_PART),
            "{c}"
        );
        let c = classes("disclose");
        assert!(
            c.contains(Classes::VERB) && !c.intersects(Classes::NOUN | Classes::ADJ),
            "{c}"
        );
    }

    #[test]
    fn words_with_several_classes() {
        let complete = classes("complete");
        assert!(
            complete.contains(Classes::VERB | Classes::ADJ),
            "{complete}"
        );
        for (word, want) in [
            ("close", Classes::VERB | Classes::ADJ | Classes::NOUN),
            ("set", Classes::VERB | Classes::NOUN | Classes::ADJ),
            ("present", Classes::VERB | Classes::NOUN | Classes::ADJ),
            ("due", Classes::ADJ | Classes::NOUN),
            ("subject", Classes::VERB | Classes::NOUN | Classes::ADJ),
            ("president", Classes::NOUN),
            ("left", Classes::VERB_PAST | Classes::ADJ | Classes::NOUN),
        ] {
            let c = classes(word);
            assert!(c.contains(want), "{word}: {c}");
        }
    }

    #[test]
    fn truncated_words_are_not_words() {
        for w in [
            "reporte",
            "announc",
            "disclos",
            "includ",
            "anticipat",
            "confirme",
        ] {
            assert!(!is_word(w), "{w:?} should not be a word");
        }
        for w in [
            "reported",
            "announced",
            "disclosed",
            "Reported",
            "ANNOUNCED",
        ] {
            assert!(is_word(w), "{w:?} should be a word");
        }
    }

    #[test]
    fn closed_classes_are_curated_with_rank_zero() {
        for (word, want) in [
            ("the", Classes::DET),
            ("while", Classes::SUBORD),
            ("because", Classes::SUBORD),
            ("although", Classes::SUBORD),
            ("whether", Classes::SUBORD),
            ("that", Classes::SUBORD | Classes::DET | Classes::WH),
            ("who", Classes::WH | Classes::PRON),
            ("they", Classes::PRON),
            ("has", Classes::AUX | Classes::VERB_3SG),
            ("would", Classes::MODAL),
            ("of", Classes::PREP),
            ("and", Classes::CONJ),
            ("not", Classes::NEG),
            ("seven", Classes::NUM),
            ("to", Classes::PREP | Classes::PARTICLE),
        ] {
            let e = lookup(word).unwrap();
            assert!(e.classes.contains(want), "{word}: {}", e.classes);
            assert_eq!(e.rank, 0, "{word}");
        }
        // Curated rows replace the sources' noise: "he" is no noun here.
        assert!(!classes("he").intersects(Classes::NOUN | Classes::NOUN_PLURAL));
        assert!(!classes("the").intersects(Classes::NOUN));
        // Open-class words keep their SCOWL rank.
        assert_eq!(lookup("report").unwrap().rank, 10);
        assert!(lookup("disclose").unwrap().rank >= 20);
    }

    #[test]
    fn british_and_american_spellings() {
        for w in [
            "defence", "defense", "colour", "color", "organise", "organize",
        ] {
            assert!(is_word(w), "{w}");
        }
        let gb = lookup("colour").unwrap().regions;
        let us = lookup("color").unwrap().regions;
        assert!(gb.british() && !gb.contains(Regions::US), "{gb:?}");
        assert!(us.american() && !us.contains(Regions::GB_ISE), "{us:?}");
        assert!(lookup("report").unwrap().regions.is_common());
    }

    #[test]
    fn plural_nouns_and_singulars() {
        assert!(classes("neighbours").contains(Classes::NOUN_PLURAL));
        assert!(classes("neighbors").contains(Classes::NOUN_PLURAL));
        assert_eq!(noun_singular("neighbours"), Some("neighbour"));
        assert_eq!(noun_singular("criteria"), Some("criterion"));
        assert_eq!(noun_plural("neighbour"), Some("neighbours"));
        assert_eq!(noun_singular("report"), None);
        assert!(!classes("report").contains(Classes::NOUN_PLURAL));
    }

    #[test]
    fn verb_forms_regular_and_irregular() {
        let f = verb_forms("disclose").unwrap();
        assert_eq!(f.past_participle, "disclosed");
        assert_eq!(
            verb_forms("anticipate").unwrap(),
            VerbForms {
                base: "anticipate",
                past: "anticipated",
                past_participle: "anticipated",
                ing: "anticipating",
                third_singular: "anticipates",
            }
        );
        let go = verb_forms("go").unwrap();
        assert_eq!(
            (go.past, go.past_participle, go.ing, go.third_singular),
            ("went", "gone", "going", "goes")
        );
        let leave = verb_forms("leave").unwrap();
        assert_eq!((leave.past, leave.past_participle), ("left", "left"));
        let set = verb_forms("set").unwrap();
        assert_eq!(
            (set.past, set.past_participle, set.ing),
            ("set", "set", "setting")
        );
        let be = verb_forms("be").unwrap();
        assert_eq!(
            (be.past, be.past_participle, be.ing, be.third_singular),
            ("was", "been", "being", "is")
        );
        assert_eq!(verb_forms("Disclose").unwrap().base, "disclose");
        assert!(verb_forms("president").is_none());
    }

    #[test]
    fn verb_bases_of_irregular_forms() {
        assert!(verb_bases("went").contains(&"go"));
        assert!(verb_bases("gone").contains(&"go"));
        assert_eq!(verb_bases("left"), vec!["leave"]);
        assert_eq!(verb_bases("set"), vec!["set"]);
        assert_eq!(verb_bases("is"), vec!["be"]);
        assert_eq!(verb_bases("am"), vec!["be"]);
        assert_eq!(verb_bases("had"), vec!["have"]);
        assert!(verb_bases("found").starts_with(&["found", "find"]));
        assert!(verb_bases("president").is_empty());
        assert!(classes("went").contains(Classes::VERB_PAST));
        assert!(!classes("went").contains(Classes::VERB));
        assert!(classes("gone").contains(Classes::VERB_PAST_PART));
        assert!(!classes("gone").contains(Classes::VERB_PAST));
    }

    #[test]
    fn case_folding_and_apostrophes() {
        assert_eq!(lookup("Reported").map(|e| e.word), None);
        assert_eq!(lookup_folded("Reported").unwrap().word, "reported");
        assert_eq!(lookup_folded("REPORTED").unwrap().word, "reported");
        assert_eq!(lookup_folded("PARIS").unwrap().word, "Paris");
        assert!(
            lookup_folded("Paris")
                .unwrap()
                .classes
                .contains(Classes::PROPER)
        );
        assert_eq!(lookup_folded("don\u{2019}t").unwrap().word, "don't");
        assert!(
            lookup_folded("DON\u{2019}T")
                .unwrap()
                .classes
                .contains(Classes::NEG)
        );
        assert_eq!(lookup_folded("n\u{2019}t").unwrap().word, "n't");
        let march = classes_folded("March");
        assert!(march.contains(Classes::PROPER | Classes::VERB), "{march}");
        assert!(lookup_folded("").is_none());
        assert!(lookup_folded(&"x".repeat(500)).is_none());
        assert!(lookup_folded("café").is_some());
        assert_eq!(lookup_folded("CAFÉ").unwrap().word, "café");
    }

    #[test]
    fn prefix_iteration_is_sorted_and_complete() {
        let words: Vec<_> = with_prefix("reporte").map(|e| e.word).collect();
        assert!(words.contains(&"reported"), "{words:?}");
        assert!(words.contains(&"reporter"), "{words:?}");
        assert!(words.windows(2).all(|w| w[0] < w[1]));
        assert!(words.iter().all(|w| w.starts_with("reporte")));
        assert_eq!(with_prefix("zzzzzzzz").count(), 0);
        assert!(with_prefix("disclos").any(|e| e.word == "disclosed"));
    }

    #[test]
    fn table_is_sorted_and_sized() {
        assert!(len() > 200_000, "{}", len());
        assert!(!is_empty());
        let mut prev: Option<&str> = None;
        for e in entries() {
            if let Some(p) = prev {
                assert!(p.as_bytes() < e.word.as_bytes(), "{p:?} {:?}", e.word);
            }
            assert!(e.word.len() <= MAX_WORD_LEN);
            prev = Some(e.word);
        }
    }

    /// The hash index and the hot table agree with a binary search over the
    /// sorted words: every entry is found at its own index with its own fields,
    /// and near misses (one byte more or less, the case of a byte flipped, a NUL
    /// added) are found exactly when they are entries.
    #[test]
    fn hash_index_finds_every_entry() {
        let search = |key: &[u8]| {
            let i = lower_bound(key);
            (i < len() && word_bytes(i) == key).then_some(i)
        };
        let check = |key: &[u8]| {
            let want = search(key);
            assert_eq!(find(key), want, "{key:?}");
            let hit = find_hit(key);
            assert_eq!(hit.map(|h| h.index), want, "{key:?}");
            if let Some(h) = hit {
                let e = entry_at(h.index);
                assert_eq!(h.entry.word, e.word);
                assert_eq!(h.entry.classes, e.classes, "{key:?}");
                assert_eq!(h.entry.rank, e.rank, "{key:?}");
                assert_eq!(h.entry.regions, e.regions, "{key:?}");
            }
        };
        let mut probe = Vec::new();
        for i in 0..len() {
            let w = word_bytes(i);
            assert_eq!(search(w), Some(i));
            check(w);
            check(&w[..w.len() - 1]);
            for extra in [b'q', 0] {
                probe.clear();
                probe.extend_from_slice(w);
                probe.push(extra);
                check(&probe);
            }
            for at in [0, w.len() - 1] {
                probe.truncate(w.len());
                probe[at] ^= 0x20;
                check(&probe);
                probe[at] ^= 0x20;
            }
        }
        // Every slot of the hot table is a word or a known non-word, as the search says.
        for slot in blob::HOT.iter() {
            let n = (slot.folded >> 24) as usize;
            if n > 0 {
                let mut key = slot.key[0].to_le_bytes().to_vec();
                key.extend_from_slice(&slot.key[1].to_le_bytes());
                check(&key[..n]);
            }
        }
        assert_eq!(find(b""), None);
        assert!(find_hit(b"").is_none());
        assert_eq!(find(&[b'a'; MAX_WORD_LEN + 1]), None);
    }

    /// The ASCII fast path of the folded look-up builds the same keys as the general one.
    #[test]
    fn ascii_folding_matches_general_folding() {
        let mut words: Vec<String> = entries().step_by(7).map(|e| e.word.to_string()).collect();
        let extra = [
            "", "A", "I", "US", "U.S.", "NATO", "PARIS", "McDONALD", "X-RAY", "3D",
        ];
        words.extend(extra.map(String::from));
        for w in entries()
            .step_by(13)
            .map(|e| e.word)
            .filter(|w| w.is_ascii())
        {
            words.push(w.to_uppercase());
            words.push(w.to_lowercase());
            let mut cap = w.to_lowercase();
            cap[..1].make_ascii_uppercase();
            words.push(cap);
        }
        words.push("x".repeat(MAX_WORD_LEN + 1));
        for w in words.iter().filter(|w| w.is_ascii()) {
            assert_eq!(
                folded_hits_ascii(w.as_bytes()).map(|h| h.map(|h| h.index)),
                folded_hits_general(w).map(|h| h.map(|h| h.index)),
                "{w:?}"
            );
        }
    }

    /// The hot table's stored answers equal the folded look-ups through the big
    /// hash index alone: every entry in its usual spellings, and odd input.
    #[test]
    fn hot_answers_match_folded_lookups() {
        let plain = |word: &str| {
            let get = |k: &[u8]| {
                find(k).map(|index| Hit {
                    index,
                    entry: entry_at(index),
                })
            };
            // The exact entry is spelled as written, curly apostrophes too.
            let exact = get(word.as_bytes());
            (
                classes_of(&folded_hits_with(word, get)),
                exact.map(|h| (h.entry.word, h.entry.classes, h.entry.rank, h.entry.regions)),
            )
        };
        let check = |word: &str| {
            let (classes, entry) = classes_and_entry(word);
            let fast = (
                classes,
                entry.map(|e| (e.word, e.classes, e.rank, e.regions)),
            );
            assert_eq!(fast, plain(word), "{word:?}");
        };
        let mut hits = 0;
        for e in entries() {
            let w = e.word;
            for form in [w.to_string(), w.to_lowercase(), w.to_uppercase()] {
                check(&form);
            }
            let mut cap = w.to_lowercase();
            if let Some(c) = cap.chars().next() {
                let first = c.to_uppercase().to_string();
                cap.replace_range(..c.len_utf8(), &first);
            }
            check(&cap);
            hits += usize::from(hot_slot_of(w.as_bytes()).is_some());
        }
        assert!(hits > 5_000, "{hits} entries in the hot table");
        let long = ["a".repeat(16), "a".repeat(17), "b".repeat(40)];
        for w in [
            "",
            "\0",
            "a\0",
            "the\0",
            "The\0\0",
            "n't",
            "N'T",
            "n\u{2019}t",
            "don\u{2019}t",
            "Don\u{2019}t",
            "DON\u{2019}T",
            "caf\u{e9}",
            "CAF\u{c9}",
            "\u{c9}t\u{e9}",
            "governmentally",
            "Governments",
            "GOVERNMENT",
            "internationally",
            "Internationalise",
            "characteristically",
            "The",
            "THE",
            "tHE",
            "US",
            "Us",
            "U.S.",
            "I",
            "A",
            "X",
            "'tis",
            "'TIS",
            "-",
            "'",
            "1999",
        ]
        .iter()
        .map(|w| w.to_string())
        .chain(long)
        {
            check(&w);
        }
    }

    #[test]
    fn class_names_round_trip() {
        let c = Classes::VERB_PAST | Classes::VERB_PAST_PART;
        assert_eq!(c.names(), vec!["VERB_PAST", "VERB_PAST_PART"]);
        for name in CLASS_NAMES {
            assert_eq!(Classes::from_name(name).unwrap().names(), vec![name]);
        }
        assert!(Classes::default().is_empty());
        assert!(Classes::ANY_VERB.contains(Classes::VERB_3SG));
        assert!(!Classes::ANY_VERB.intersects(Classes::NOUN | Classes::ADJ));
    }

    /// Rough speed check; run with
    /// `cargo test --release --lib lexicon::tests::lookup_speed -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn lookup_speed() {
        // A cold mix (every 29th entry, lower-cased, plus misses) and a hot
        // one (the commonest words, as running text mostly is).
        let mut cold: Vec<String> = entries()
            .step_by(29)
            .map(|e| e.word.to_lowercase())
            .collect();
        cold.extend(["reporte", "announc", "disclos", "Government", "THE"].map(String::from));
        let hot: Vec<String> = entries()
            .filter(|e| e.rank <= 10)
            .step_by(8)
            .map(|e| e.word.to_string())
            .collect();
        // CPU time of this thread where Linux tells it (other jobs may share
        // the machine), else wall time.
        let now = || -> u128 {
            std::fs::read_to_string("/proc/thread-self/schedstat")
                .ok()
                .and_then(|s| s.split_whitespace().next()?.parse().ok())
                .unwrap_or_else(|| {
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .unwrap_or_default()
                        .as_nanos()
                })
        };
        let time = |name: &str, words: &[String], f: &dyn Fn(&str) -> bool| {
            let mut best = f64::MAX;
            for _ in 0..7 {
                let start = now();
                let mut hits = 0usize;
                let rounds = 400_000 / words.len() + 1;
                for _ in 0..rounds {
                    for w in words {
                        hits += usize::from(f(std::hint::black_box(w)));
                    }
                }
                let per = (now() - start) as f64 / (rounds * words.len()) as f64;
                best = best.min(per);
                assert!(hits > 0);
            }
            println!("{name}: {best:.1} ns per call over {} words", words.len());
        };
        for (mix, words) in [("cold", &cold), ("hot", &hot)] {
            println!("{mix} mix:");
            time("  lookup", words, &|w| lookup(w).is_some());
            time("  lookup_folded", words, &|w| lookup_folded(w).is_some());
            time("  is_word", words, &|w| is_word(w));
            time("  verb_bases", words, &|w| !verb_bases(w).is_empty());
        }
    }
}
