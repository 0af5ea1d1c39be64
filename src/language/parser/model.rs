//! The parser's weights: a hash table from feature keys to short rows of (class, weight)
//! pairs, read in place from the bytes of the model file.
//!
//! Layout (all integers little-endian):
//!
//! | Offset | Size | What |
//! | --- | --- | --- |
//! | 0 | 4 | magic `GPAR` |
//! | 4 | 4 | format version (2) |
//! | 8 | 4 | number of relations the classes are built from ([`N_DEPRELS`]) |
//! | 12 | 4 | slots in the table, a power of two, or 0 for an empty model |
//! | 16 | 8 | bit mask of the relations the model predicts (bit `i`: `Deprel::ALL[i]`) |
//! | 24 | 4 | number of pairs |
//! | 28 | 4 | weight scale (the weights are the averaged perceptron's times this) |
//! | 32 | 4 | number of dense rows |
//! | 36 | 4 | 0 |
//! | 40 | 8 × slots | the table: per slot, the key's upper 32 bits (0: empty slot; a key whose upper bits are 0 is stored as 1) and the row (first pair << 8 \| pair count, or dense row << 8 \| 255) |
//! | … | 4 × pairs | the pairs: class << 16 \| weight as an `i16` |
//! | … | 2 × classes × dense rows | the dense rows: a weight (`i16`) for every class |
//!
//! A key's home slot is its lower bits; collisions probe the following slots. Rows with
//! many classes (the features of tags alone) are dense, so that adding them is a loop
//! the compiler vectorises.

use super::deprel::N_DEPRELS;

pub(crate) const MAGIC: &[u8; 4] = b"GPAR";
pub(crate) const VERSION: u32 = 2;
pub(crate) const HEADER_LEN: usize = 40;

/// Rows with at least this many pairs are stored dense.
const DENSE_FROM: usize = 24;

/// The row length that marks a dense row.
const DENSE: usize = 255;

/// Transition classes: shift, reduce, then left-arc and right-arc for each relation.
pub const N_CLASSES: usize = 2 + 2 * N_DEPRELS;

pub(crate) type Scores = [i32; N_CLASSES];

/// A model file read in place.
#[derive(Clone, Copy)]
pub struct Model<'a> {
    slots: &'a [u8],
    pairs: &'a [u8],
    dense: &'a [u8],
    mask: usize,
    /// Relations the model predicts.
    pub labels: u64,
}

#[inline]
fn u32_at(b: &[u8], at: usize) -> u32 {
    match b.get(at..at + 4) {
        Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
        _ => 0,
    }
}

impl<'a> Model<'a> {
    /// Read the header of a model file. None when it is not one this code can read.
    pub fn new(bytes: &'a [u8]) -> Option<Model<'a>> {
        if bytes.len() < HEADER_LEN || &bytes[..4] != MAGIC || u32_at(bytes, 4) != VERSION {
            return None;
        }
        if u32_at(bytes, 8) as usize != N_DEPRELS {
            return None;
        }
        let n_slots = u32_at(bytes, 12) as usize;
        if n_slots != 0 && !n_slots.is_power_of_two() {
            return None;
        }
        let labels = u64::from_le_bytes(bytes[16..24].try_into().ok()?);
        let n_pairs = u32_at(bytes, 24) as usize;
        let n_dense = u32_at(bytes, 32) as usize;
        let slots_end = HEADER_LEN + 8 * n_slots;
        let pairs_end = slots_end + 4 * n_pairs;
        let end = pairs_end + 2 * N_CLASSES * n_dense;
        if bytes.len() != end {
            return None;
        }
        Some(Model {
            slots: &bytes[HEADER_LEN..slots_end],
            pairs: &bytes[slots_end..pairs_end],
            dense: &bytes[pairs_end..end],
            mask: n_slots.wrapping_sub(1),
            labels,
        })
    }

    /// A model with no weights: every transition scores 0.
    pub const fn empty() -> Model<'static> {
        Model {
            slots: &[],
            pairs: &[],
            dense: &[],
            mask: 0,
            labels: u64::MAX,
        }
    }

    /// The row of `key`: the range of its pairs, if the table has it.
    #[inline]
    fn row(&self, key: u64) -> Option<(usize, usize)> {
        if self.slots.is_empty() {
            return None;
        }
        let fp = ((key >> 32) as u32).max(1);
        let mut at = (key as usize) & self.mask;
        // The table is at most three quarters full, so a probe ends at an empty slot soon.
        loop {
            let f = u32_at(self.slots, 8 * at);
            if f == fp {
                let r = u32_at(self.slots, 8 * at + 4) as usize;
                return Some((r >> 8, r & 0xFF));
            }
            if f == 0 {
                return None;
            }
            at = (at + 1) & self.mask;
        }
    }

    /// Add the weights of the features `keys` to `scores`.
    #[inline]
    pub(crate) fn add(&self, keys: &[u64], scores: &mut Scores) {
        // Find every row first: the reads of the table do not wait for one another.
        let mut rows = [(0usize, 0usize); 96];
        let mut found = 0;
        for &k in keys {
            if let Some(r) = self.row(k)
                && found < rows.len()
            {
                rows[found] = r;
                found += 1;
            }
        }
        for &(first, n) in &rows[..found] {
            if n == DENSE {
                let at = first * 2 * N_CLASSES;
                if let Some(row) = self.dense.get(at..at + 2 * N_CLASSES) {
                    for (s, w) in scores.iter_mut().zip(row.chunks_exact(2)) {
                        *s += i32::from(i16::from_le_bytes([w[0], w[1]]));
                    }
                }
                continue;
            }
            let Some(pairs) = self.pairs.get(4 * first..4 * (first + n)) else {
                continue;
            };
            for p in pairs.chunks_exact(4) {
                let v = u32::from_le_bytes([p[0], p[1], p[2], p[3]]);
                if let Some(s) = scores.get_mut((v >> 16) as usize) {
                    *s += i32::from(v as u16 as i16);
                }
            }
        }
    }
}

/// A feature key and its (class, weight) pairs.
pub type Row = (u64, Vec<(u8, i16)>);

/// Write a model file from rows of (class, weight) pairs by key.
pub fn write(rows: &[Row], labels: u64, scale: u32) -> Vec<u8> {
    // At most three quarters full.
    let n_slots = if rows.is_empty() {
        0
    } else {
        (rows.len() + rows.len() / 3 + 1).next_power_of_two()
    };
    let mask = n_slots.wrapping_sub(1);
    let mut table = vec![(0u32, 0u32); n_slots];
    let mut pairs: Vec<u32> = Vec::new();
    let mut dense: Vec<i16> = Vec::new();
    'rows: for (key, row) in rows {
        let fp = ((key >> 32) as u32).max(1);
        let mut at = (*key as usize) & mask;
        while table[at].0 != 0 {
            if table[at].0 == fp {
                // A look-up could not tell the two keys apart: keep the first only.
                continue 'rows;
            }
            at = (at + 1) & mask;
        }
        if row.len() >= DENSE_FROM {
            let d = dense.len() / N_CLASSES;
            assert!(d < (1 << 24), "model too large");
            table[at] = (fp, ((d as u32) << 8) | DENSE as u32);
            let mut full = [0i16; N_CLASSES];
            for &(c, w) in row {
                full[usize::from(c)] = w;
            }
            dense.extend_from_slice(&full);
            continue;
        }
        assert!(pairs.len() < (1 << 24), "model too large");
        table[at] = (fp, ((pairs.len() as u32) << 8) | row.len() as u32);
        for &(c, w) in row {
            pairs.push((u32::from(c) << 16) | u32::from(w as u16));
        }
    }
    let mut out = Vec::with_capacity(HEADER_LEN + 8 * n_slots + 4 * pairs.len() + 2 * dense.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(N_DEPRELS as u32).to_le_bytes());
    out.extend_from_slice(&(n_slots as u32).to_le_bytes());
    out.extend_from_slice(&labels.to_le_bytes());
    out.extend_from_slice(&(pairs.len() as u32).to_le_bytes());
    out.extend_from_slice(&scale.to_le_bytes());
    out.extend_from_slice(&((dense.len() / N_CLASSES) as u32).to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    for (fp, r) in table {
        out.extend_from_slice(&fp.to_le_bytes());
        out.extend_from_slice(&r.to_le_bytes());
    }
    for p in pairs {
        out.extend_from_slice(&p.to_le_bytes());
    }
    for w in dense {
        out.extend_from_slice(&w.to_le_bytes());
    }
    out
}
