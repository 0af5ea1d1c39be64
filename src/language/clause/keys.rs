//! Word keys: a word folded and packed into 128 bits ([`Key`]), the keyed word lists
//! ([`Words`], [`words!`]) and the case-insensitive word comparisons they stand for.

/// A word folded for comparison with the word lists: ASCII lower case, a curly apostrophe
/// read as a straight one, packed with its length into 128 bits. For a list word `x` (ASCII,
/// at most 15 bytes) `key(w) == key(x)` exactly when `eq_word(w, x)`: a word with any other
/// non-ASCII character, or longer than 15 bytes once folded, equals no list word and gets
/// `NO_KEY`. The structure rules test each token against many lists; comparing keys spares
/// them the case-folding string compares.
pub type Key = u128;

/// The key of every word that equals no list word.
pub const NO_KEY: Key = u128::MAX;

/// `key("")`.
pub(super) const EMPTY_KEY: Key = 0;

/// The [`Key`] of `w`.
pub const fn key(w: &str) -> Key {
    let b = w.as_bytes();
    let mut k: Key = 0;
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        let c = if b[i] == 0xE2 && i + 2 < b.len() && b[i + 1] == 0x80 && b[i + 2] == 0x99 {
            i += 3;
            b'\''
        } else if b[i] >= 0x80 {
            return NO_KEY;
        } else {
            i += 1;
            b[i - 1].to_ascii_lowercase()
        };
        if n == 15 {
            return NO_KEY;
        }
        k |= (c as Key) << (8 * n);
        n += 1;
    }
    k | (n as Key) << 120
}

/// [`key`], eight bytes at a time for a short ASCII word (most tokens).
#[inline]
pub fn key_fast(w: &str) -> Key {
    let b = w.as_bytes();
    if b.len() > 15 || !b.is_ascii() {
        return key(w);
    }
    let x = load_le(b);
    // Every byte is below 0x80, so these sums carry into no other byte: the top bit of a
    // byte is set in `ge_a` when it is at least b'A', in `gt_z` when it is above b'Z'.
    let ge_a = x.wrapping_add(0x3f3f_3f3f_3f3f_3f3f_3f3f_3f3f_3f3f_3f3f) & HIGH_BITS;
    let gt_z = x.wrapping_add(0x2525_2525_2525_2525_2525_2525_2525_2525) & HIGH_BITS;
    // Upper-case letters get their 0x20 bit, as `to_ascii_lowercase` gives it.
    let lower = x | ((ge_a & !gt_z) >> 2);
    lower | (b.len() as Key) << 120
}

/// The bytes of `b` (at most 16) as a little-endian number, with overlapping reads instead
/// of a copy (a byte read twice lands in the same place both times).
#[inline]
fn load_le(b: &[u8]) -> u128 {
    let n = b.len();
    if n >= 8 {
        let lo = u64::from_le_bytes(b[..8].try_into().expect("8 bytes"));
        let hi = u64::from_le_bytes(b[n - 8..].try_into().expect("8 bytes"));
        u128::from(lo) | u128::from(hi) << (8 * (n - 8))
    } else if n >= 4 {
        let lo = u32::from_le_bytes(b[..4].try_into().expect("4 bytes"));
        let hi = u32::from_le_bytes(b[n - 4..].try_into().expect("4 bytes"));
        u128::from(lo) | u128::from(hi) << (8 * (n - 4))
    } else if n > 0 {
        u128::from(b[0])
            | u128::from(b[n / 2]) << (8 * (n / 2))
            | u128::from(b[n - 1]) << (8 * (n - 1))
    } else {
        0
    }
}

/// The top bit of every byte.
const HIGH_BITS: Key = 0x8080_8080_8080_8080_8080_8080_8080_8080;

/// The keys of a word list, checked when compiled: every word ASCII and 15 bytes at most,
/// so that [`key`] decides [`eq_word`] for it.
pub const fn keys_of<const N: usize>(words: &[&str]) -> [Key; N] {
    assert!(words.len() == N, "wrong list length");
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        assert!(words[i].is_ascii(), "list words are ASCII");
        out[i] = key(words[i]);
        assert!(out[i] != NO_KEY, "list words have at most 15 bytes");
        i += 1;
    }
    out
}

/// The keys of a word list, with the lengths of its words for a quick first test.
#[derive(Debug)]
pub struct Words {
    keys: &'static [Key],
    /// Bit n: some word has n bytes.
    lens: u32,
    /// Bit b: some word starts with the byte b (folded; all are ASCII).
    firsts: u128,
    /// Bit [`key_hash`]: some word's key hashes there (a one-hash Bloom filter, so that
    /// most words that pass the tests above are still turned away before the scan).
    hashes: u128,
}

/// A 7-bit hash of a key, for [`Words::hashes`].
#[inline]
const fn key_hash(k: Key) -> u32 {
    let folded = (k as u64) ^ ((k >> 64) as u64);
    (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 57) as u32
}

impl Words {
    pub const fn new(keys: &'static [Key]) -> Words {
        let mut lens = 0;
        let mut firsts = 0;
        let mut hashes = 0;
        let mut i = 0;
        while i < keys.len() {
            lens |= 1 << (keys[i] >> 120);
            firsts |= 1 << (keys[i] & 0x7f);
            hashes |= 1 << key_hash(keys[i]);
            i += 1;
        }
        Words {
            keys,
            lens,
            firsts,
            hashes,
        }
    }

    /// Is `k` the key of one of the words?
    #[inline]
    pub fn contains(&self, k: Key) -> bool {
        // The length byte of a key is at most 15, of `NO_KEY` 255.
        // Every byte of any other key is below 0x80 too, its first byte the folded first
        // letter (zero for "", which no list holds).
        let len = (k >> 120) as u32;
        len < 16
            && self.lens >> len & 1 == 1
            && self.firsts >> (k & 0x7f) & 1 == 1
            && self.hashes >> key_hash(k) & 1 == 1
            && self.keys.contains(&k)
    }
}

/// [`keys_of`] for a literal list.
pub const fn keys<const N: usize>(words: [&str; N]) -> [Key; N] {
    keys_of(&words)
}

/// The keys of a literal word list, for [`Sent::is_any`]: `words!["not", "n't"]`.
///
/// [`Sent::is_any`]: super::Sent::is_any
macro_rules! words {
    ($($w:literal),+ $(,)?) => {{
        const K: &[$crate::language::clause::Key] = &$crate::language::clause::keys([$($w),+]);
        const W: &$crate::language::clause::Words = &$crate::language::clause::Words::new(K);
        W
    }};
}
pub(crate) use words;

/// ASCII-case-insensitive word comparison in which a curly apostrophe equals a straight one.
#[inline]
pub fn eq_word(a: &str, b: &str) -> bool {
    if a.len() == b.len() {
        return a.eq_ignore_ascii_case(b);
    }
    // Different lengths can only be equal through curly apostrophes (three bytes for one
    // each, so the lengths differ by an even number), whose UTF-8 starts with 0xE2.
    if (a.len() ^ b.len()) & 1 == 1 || !(has_e2(a) || has_e2(b)) {
        return false;
    }
    let mut x = a.chars().map(|c| if c == '’' { '\'' } else { c });
    let mut y = b.chars().map(|c| if c == '’' { '\'' } else { c });
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p.eq_ignore_ascii_case(&q) => {}
            _ => return false,
        }
    }
}

/// `words.iter().any(|x| eq_word(w, x))`, with the test on `w` made once.
#[inline]
pub fn any_word(w: &str, words: &[&str]) -> bool {
    let w_e2 = has_e2(w);
    words.iter().any(|x| {
        if x.len() == w.len() {
            x.eq_ignore_ascii_case(w)
        } else if (x.len() ^ w.len()) & 1 == 1 || !(w_e2 || has_e2(x)) {
            false
        } else {
            eq_word(w, x)
        }
    })
}

/// Does `s` hold a byte 0xE2 (the lead byte of "’")? A plain loop: the words are short.
#[inline]
fn has_e2(s: &str) -> bool {
    s.bytes().any(|b| b == 0xE2)
}
