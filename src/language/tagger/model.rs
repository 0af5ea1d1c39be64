//! The tagger's weights, read in place from the bytes of `data/tagger/model.bin`.

use super::*;

pub(super) const BYTES: &[u8] = include_bytes!("../../../data/tagger/model.bin");
pub(super) const HEADER_LEN: usize = 48;

// Slot kinds.
pub(super) const K_EMPTY: u32 = 0;
pub(super) const K_ONE: u32 = 1;
pub(super) const K_TWO: u32 = 2;
pub(super) const K_ROW: u32 = 3;
pub(super) const K_DICT: u32 = 4;
pub(super) const K_DENSE: u32 = 5;

/// Number of classes, and the same rounded up to a multiple of 8 (the length of a score
/// vector). Weights are small enough that the scores of a token always fit in an i16.
pub(super) const N_CLASSES: usize = read_u32(BYTES, 8) as usize;
pub(super) const N_PAD: usize = N_CLASSES.div_ceil(8) * 8;
pub(super) const DENSE_ROW_BYTES: usize = 2 * N_PAD;

pub(super) type Scores = [i16; N_PAD];

pub(super) const fn read_u32(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// A view of the model file; built at compile time, so a model that does not fit this code
/// fails the build.
pub(super) struct Model {
    pub(super) n_classes: usize,
    pub(super) classes: &'static [[u8; 4]],
    /// The weight of each one-byte weight code.
    pub(super) codes: [i16; 256],
    pub(super) slots: &'static [[u8; 8]],
    pub(super) mask: u64,
    pub(super) dense: &'static [[u8; DENSE_ROW_BYTES]],
    pub(super) pairs: &'static [[u8; 2]],
}

pub(super) const fn names_match(b: &[u8], at: usize) -> bool {
    let mut t = 0;
    while t < Xpos::ALL.len() {
        let name = Xpos::ALL[t].as_str().as_bytes();
        let mut j = 0;
        while j < 8 {
            let want = if j < name.len() { name[j] } else { 0 };
            if b[at + 8 * t + j] != want {
                return false;
            }
            j += 1;
        }
        t += 1;
    }
    true
}

impl Model {
    pub(super) const fn from_bytes(b: &'static [u8]) -> Model {
        assert!(
            read_u32(b, 0) == u32::from_le_bytes(*b"GTAG"),
            "not a tagger model"
        );
        assert!(read_u32(b, 4) == 3, "unsupported tagger model version");
        let n_classes = read_u32(b, 8) as usize;
        let n_xpos = read_u32(b, 12) as usize;
        let bits = read_u32(b, 16);
        let n_pairs = read_u32(b, 20) as usize;
        let n_dense = read_u32(b, 24) as usize;
        assert!(read_u32(b, 28) as usize == N_PAD, "bad row length");
        assert!(n_classes >= 1 && n_classes < 254, "bad class count");
        assert!(n_xpos == Xpos::ALL.len(), "model and Xpos disagree");
        assert!(bits < 32, "bad slot count");
        let classes_at = HEADER_LEN;
        let names_at = classes_at + 4 * n_classes;
        let codes_at = names_at + 8 * n_xpos;
        let slots_at = codes_at + 512;
        let n_slots = 1usize << bits;
        let dense_at = slots_at + 8 * n_slots;
        let pairs_at = dense_at + DENSE_ROW_BYTES * n_dense;
        assert!(
            pairs_at + 2 * n_pairs == b.len(),
            "model file has the wrong length"
        );
        assert!(
            names_match(b, names_at),
            "model and Xpos name tags differently"
        );
        let (_, rest) = b.split_at(classes_at);
        let (classes, rest) = rest.split_at(4 * n_classes);
        let (_, rest) = rest.split_at(8 * n_xpos);
        let (_, rest) = rest.split_at(512);
        let (slots, rest) = rest.split_at(8 * n_slots);
        let (dense, pairs) = rest.split_at(DENSE_ROW_BYTES * n_dense);
        let (classes, _) = classes.as_chunks::<4>();
        let mut c = 0;
        while c < n_classes {
            assert!(
                (classes[c][0] as usize) < Xpos::ALL.len(),
                "bad class table"
            );
            assert!(
                (classes[c][1] as usize) < Upos::ALL.len(),
                "bad class table"
            );
            c += 1;
        }
        let mut codes = [0i16; 256];
        let mut k = 0;
        while k < 256 {
            codes[k] = i16::from_le_bytes([b[codes_at + 2 * k], b[codes_at + 2 * k + 1]]);
            assert!(
                codes[k] as i32 * MAX_FEATURES as i32 <= i16::MAX as i32,
                "weights too big"
            );
            assert!(
                codes[k] as i32 * MAX_FEATURES as i32 >= -(i16::MAX as i32),
                "weights too big"
            );
            k += 1;
        }
        Model {
            n_classes,
            classes,
            codes,
            slots: slots.as_chunks::<8>().0,
            mask: (n_slots - 1) as u64,
            dense: dense.as_chunks::<DENSE_ROW_BYTES>().0,
            pairs: pairs.as_chunks::<2>().0,
        }
    }

    /// The kind and payload of the slot holding `key` (kind 0 when there is none).
    #[inline]
    pub(super) fn lookup(&self, key: u64) -> (u32, u32) {
        self.lookup_from(key, self.home_slot(key))
    }

    /// The contents of the slot where the probe for `key` starts.
    #[inline]
    pub(super) fn home_slot(&self, key: u64) -> u64 {
        u64::from_le_bytes(self.slots[(key & self.mask) as usize])
    }

    /// [`Model::lookup`], given the contents of the key's home slot.
    #[inline]
    pub(super) fn lookup_from(&self, key: u64, home: u64) -> (u32, u32) {
        let fp = (key >> 36) as u32;
        let mut s = key & self.mask;
        let mut e = home;
        loop {
            let low = e as u32;
            if low & 0x0FFF_FFFF == fp && low != 0 {
                return (low >> 28, (e >> 32) as u32);
            }
            if low == 0 {
                return (K_EMPTY, 0);
            }
            s = (s + 1) & self.mask;
            e = u64::from_le_bytes(self.slots[s as usize]);
        }
    }

    /// The class the tag dictionary gives the word with hash `word`, if any.
    #[inline]
    pub(super) fn dict(&self, word: u64) -> Option<usize> {
        match self.lookup(key1(T_TAGDICT, word)) {
            (K_DICT, class) => Some(class as usize),
            _ => None,
        }
    }

    /// Ask for the cache line of `key`'s home slot (see [`prefetch`]).
    #[inline]
    pub(super) fn prefetch_home(&self, key: u64) {
        prefetch(self.slots, (key & self.mask) as usize);
    }

    /// Ask for the weight rows of `hits`, so that the reads overlap and adding them later
    /// finds them in cache.
    pub(super) fn prefetch_rows(&self, hits: &[(u32, u32)]) {
        for &(kind, p) in hits {
            match kind {
                K_ROW => {
                    let (start, len) = ((p >> 8) as usize, (p & 0xFF) as usize);
                    prefetch(self.pairs, start);
                    prefetch(self.pairs, (start + len).saturating_sub(1));
                }
                K_DENSE => {
                    if let Some(row) = self.dense.get(p as usize) {
                        for at in (0..DENSE_ROW_BYTES).step_by(64) {
                            prefetch(row, at);
                        }
                        prefetch(row, DENSE_ROW_BYTES - 1);
                    }
                }
                _ => {}
            }
        }
    }

    /// Add the weights of a slot found by [`Model::lookup`] to `scores`.
    #[inline]
    pub(super) fn add_hit(&self, kind: u32, p: u32, scores: &mut Scores) {
        // Class indices come from the file: `get_mut` keeps a bad one from panicking. The
        // sums cannot overflow (see MAX_FEATURES); wrapping adds keep that free of checks.
        let mut add = |class: u32, code: u32| {
            if let Some(s) = scores.get_mut(class as usize) {
                *s = s.wrapping_add(self.codes[(code & 0xFF) as usize]);
            }
        };
        match kind {
            K_ONE => add(p & 0xFF, p >> 8),
            K_TWO => {
                add(p & 0xFF, p >> 8);
                add(p >> 16 & 0xFF, p >> 24);
            }
            K_ROW => {
                let start = (p >> 8) as usize;
                let len = (p & 0xFF) as usize;
                for &[class, code] in self.pairs.get(start..start + len).unwrap_or(&[]) {
                    add(u32::from(class), u32::from(code));
                }
            }
            K_DENSE => {
                if let Some(row) = self.dense.get(p as usize) {
                    for (s, w) in scores.iter_mut().zip(row.as_chunks::<2>().0) {
                        *s = s.wrapping_add(i16::from_le_bytes(*w));
                    }
                }
            }
            _ => {}
        }
    }

    #[inline]
    pub(super) fn xpos(&self, class: usize) -> Xpos {
        Xpos::ALL[usize::from(self.classes[class][0])]
    }

    #[inline]
    pub(super) fn tagged(&self, class: usize) -> Tagged {
        let [x, u, f, _] = self.classes[class];
        Tagged {
            upos: Upos::ALL[usize::from(u)],
            xpos: Xpos::ALL[usize::from(x)],
            finite: f != 0,
        }
    }
}

pub(super) static MODEL: Model = Model::from_bytes(BYTES);
