// Included by build.rs (which builds the lexicon's tables) and by src/language/lexicon.rs
// (which reads them), so that both agree on the layout and place a word alike.
// Not a module of its own: `include!` keeps the build script free of the crate.

// Link kinds.
const L_PAST: u32 = 0;
const L_PAST_PART: u32 = 1;
const L_ING: u32 = 2;
const L_3SG: u32 = 3;
const L_PLURAL: u32 = 4;
const L_CMP: u32 = 5;
const L_SUP: u32 = 6;
const L_VERB_BASE: u32 = 8;
const L_NOUN_SING: u32 = 9;
const L_ADJ_BASE: u32 = 10;

/// Longest key (in bytes) of the hot table.
const HOT_KEY: usize = 8;

/// The bytes of a key of at most [`HOT_KEY`] bytes, zero-padded, little-endian
/// (a loop: shorter than a call to copy a slice of unknown length).
#[inline]
fn hot_key(key: &[u8]) -> u64 {
    key.iter()
        .take(HOT_KEY)
        .enumerate()
        .fold(0, |k, (i, &b)| k | u64::from(b) << (8 * i))
}

/// The home slot of a hot key, in the high bits.
#[inline]
fn hot_hash(key: u64) -> u64 {
    let mut h = key.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h ^= h >> 29;
    h.wrapping_mul(0xbf58_476d_1ce4_e5b9)
}

/// Bits of a hash-table slot that hold the entry index + 1; the rest hold the tag.
const SLOT_INDEX_BITS: u32 = 22;

/// The hash of a word's bytes that places it in the hash table: FxHash-style mixing of
/// 8-byte little-endian chunks (the last one zero-padded), seeded with the length, then a
/// murmur3-style finaliser so the high bits (slot and tag) depend on every byte.
#[inline]
fn word_hash(key: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = (key.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let (chunks, rest) = key.as_chunks::<8>();
    for chunk in chunks {
        h = (h.rotate_left(5) ^ u64::from_le_bytes(*chunk)).wrapping_mul(K);
    }
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(last)).wrapping_mul(K);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}
