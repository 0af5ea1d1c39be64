// Included by build.rs (which builds the lexicon's hash table) and by
// src/language/lexicon.rs (which reads it), so that both place a word alike.
// Not a module of its own: `include!` keeps the build script free of the crate.

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
