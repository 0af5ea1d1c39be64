//! Word hashing for the maps rules keep of a draft's words. The tables are built from the
//! project's own data and the draft's words, so there is nothing to defend against and a
//! fast multiply-rotate hash beats the standard library's keyed one.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A map keyed by words, hashed with [`WordHasher`].
pub type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// FxHash-style hashing of short keys.
#[derive(Default)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let (chunks, rest) = bytes.as_chunks::<8>();
        for chunk in chunks {
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(*chunk))
                .wrapping_mul(0x517c_c1b7_2722_0a95);
        }
        let mut last = 0u64;
        for (i, &b) in rest.iter().enumerate() {
            last |= u64::from(b) << (8 * i);
        }
        self.0 = (self.0.rotate_left(5) ^ last).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    fn hash_of(s: &str) -> u64 {
        BuildHasherDefault::<WordHasher>::default().hash_one(s)
    }

    /// A byte-at-a-time reference: the same rounds over the same eight-byte words.
    fn reference(bytes: &[u8]) -> u64 {
        let step = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
        let mut h = 0u64;
        let full = bytes.len() / 8 * 8;
        for chunk in bytes[..full].chunks(8) {
            let mut w = 0u64;
            for (i, &b) in chunk.iter().enumerate() {
                w |= u64::from(b) << (8 * i);
            }
            h = step(h, w);
        }
        let mut last = 0u64;
        for (i, &b) in bytes[full..].iter().enumerate() {
            last |= u64::from(b) << (8 * i);
        }
        step(h, last)
    }

    #[test]
    fn hashes_like_the_reference_and_tells_words_apart() {
        for w in [
            "",
            "a",
            "defence",
            "defense",
            "organisation",
            "e-mail",
            "Überstunden",
        ] {
            let mut h = WordHasher::default();
            h.write(w.as_bytes());
            assert_eq!(h.finish(), reference(w.as_bytes()), "{w}");
        }
        assert_ne!(hash_of("defence"), hash_of("defense"));
        let mut m: WordMap<&str, usize> = WordMap::default();
        m.insert("color", 1);
        m.insert("colour", 2);
        assert_eq!((m["color"], m["colour"]), (1, 2));
    }
}
