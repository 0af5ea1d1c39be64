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
const HOT_KEY: usize = 16;

/// Up to 8 bytes, zero-padded, little-endian, with at most three loads whatever the
/// length (two overlapping ones for 4 to 7 bytes: the bytes they share are the same).
#[inline]
fn load_padded(b: &[u8]) -> u64 {
    let n = b.len();
    let u32_at = |i: usize| u64::from(u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]));
    match n {
        0 => 0,
        1..=3 => {
            u64::from(b[0]) | u64::from(b[n / 2]) << (8 * (n / 2)) | u64::from(b[n - 1]) << (8 * (n - 1))
        }
        4..=7 => u32_at(0) | u32_at(n - 4) << (8 * (n - 4)),
        _ => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
    }
}

/// The bytes of a key of 1 to [`HOT_KEY`] bytes, zero-padded, little-endian, as two words.
#[inline]
fn hot_key(key: &[u8]) -> [u64; 2] {
    let (head, tail) = key.split_at(key.len().min(8));
    [load_padded(head), load_padded(&tail[..tail.len().min(8)])]
}

/// The home slot of a hot key, in the high bits.
#[inline]
fn hot_hash(key: [u64; 2]) -> u64 {
    let mut h = (key[0] ^ key[1].rotate_left(31).wrapping_mul(0xff51_afd7_ed55_8ccd))
        .wrapping_mul(0x9e37_79b9_7f4a_7c15);
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
