//! The parser's weights: a hash table from feature keys to short rows of (class, weight)
//! pairs, read in place from the bytes of the model file.
//!
//! Layout (all integers little-endian):
//!
//! | Offset | Size | What |
//! | --- | --- | --- |
//! | 0 | 4 | magic `GPAR` |
//! | 4 | 4 | format version (4) |
//! | 8 | 4 | number of relations the classes are built from ([`N_DEPRELS`]) |
//! | 12 | 4 | slots in the table (0 for an empty model) |
//! | 16 | 8 | bit mask of the relations the model predicts (bit `i`: `Deprel::ALL[i]`) |
//! | 24 | 4 | number of pairs |
//! | 28 | 4 | weight scale (the weights are the averaged perceptron's times this) |
//! | 32 | 4 | number of dense rows |
//! | 36 | 4 | beam width the model was trained for (0 or 1: greedy parsing) |
//! | 40 | 8 × slots | the table: per slot, the key's upper 32 bits (0: empty slot; a key whose upper bits are 0 is stored as 1) and the row (see below) |
//! | … | 4 × pairs | the pairs: class << 16 \| weight as an `i16` |
//! | … | 2 × classes × dense rows | the dense rows: a weight (`i16`) for every class |
//!
//! A slot's row is one of
//! - `1 << 31 | a << 24 | b << 16 | w` (`w` an `i16`): the row is held in the slot itself,
//!   weight `w` for class `a` and `-w` for class `b` (`b` = 255: no second class). Most
//!   features were updated once in training, which gave them exactly such a row; held in
//!   the slot, they cost one read of the table instead of two.
//! - first pair << 8 \| pair count (first pair below 2^23), or dense row << 8 \| 255.
//!
//! A key's home slot is its lower 32 bits scaled to the number of slots; collisions probe
//! the following slots. Rows with
//! many classes (the features of tags alone) are dense, so that adding them is a loop
//! the compiler vectorises.

use super::deprel::N_DEPRELS;
use crate::language::prefetch;

pub(crate) const MAGIC: &[u8; 4] = b"GPAR";
pub(crate) const VERSION: u32 = 4;
pub(crate) const HEADER_LEN: usize = 40;

/// The widest beam a model may ask for.
pub const MAX_BEAM: usize = 64;

/// How full the table is: 7 slots of 10 hold a row (linear probing stays short).
const LOAD: (usize, usize) = (7, 10);

/// The home slot of `key` in a table of `n` slots: its lower 32 bits scaled to the table
/// (the upper ones are the fingerprint).
#[inline]
fn home(key: u64, n: usize) -> usize {
    (((key & 0xFFFF_FFFF) * n as u64) >> 32) as usize
}

/// Rows with at least this many pairs are stored dense.
const DENSE_FROM: usize = 24;

/// The row length that marks a dense row.
const DENSE: usize = 255;

/// The bit of a slot's row that marks a row held in the slot.
const INLINE: u32 = 1 << 31;

/// The second class of an inline row that has only one.
const NO_CLASS: u32 = 0xFF;

// An inline row's first class has 7 bits.
const _: () = assert!(N_CLASSES <= 0x80);

/// Transition classes: shift, reduce, then left-arc and right-arc for each relation.
pub const N_CLASSES: usize = 2 + 2 * N_DEPRELS;

pub(crate) type Scores = [i32; N_CLASSES];

/// A model file read in place.
#[derive(Clone, Copy)]
pub struct Model<'a> {
    slots: &'a [u8],
    pairs: &'a [u8],
    dense: &'a [u8],
    n_slots: usize,
    /// Relations the model predicts.
    pub labels: u64,
    /// How many hypotheses the parser keeps (1: greedy).
    pub beam: usize,
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
        if n_slots >= 1 << 31 {
            return None;
        }
        let labels = u64::from_le_bytes(bytes[16..24].try_into().ok()?);
        let n_pairs = u32_at(bytes, 24) as usize;
        let n_dense = u32_at(bytes, 32) as usize;
        let beam = (u32_at(bytes, 36) as usize).clamp(1, MAX_BEAM);
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
            n_slots,
            labels,
            beam,
        })
    }

    /// A model with no weights: every transition scores 0.
    pub const fn empty() -> Model<'static> {
        Model {
            slots: &[],
            pairs: &[],
            dense: &[],
            n_slots: 0,
            labels: u64::MAX,
            beam: 1,
        }
    }

    /// The row of `key` as its slot holds it (see the layout above), if the table has it.
    #[inline]
    fn row(&self, key: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let fp = ((key >> 32) as u32).max(1);
        let mut at = home(key, self.n_slots);
        // The table is at most seven tenths full, so a probe ends at an empty slot soon.
        loop {
            let f = u32_at(self.slots, 8 * at);
            if f == fp {
                return Some(u32_at(self.slots, 8 * at + 4));
            }
            if f == 0 {
                return None;
            }
            at += 1;
            if at == self.n_slots {
                at = 0;
            }
        }
    }

    /// The (class, weight) pairs of `key`'s row, in the order they are stored (empty when
    /// the table does not have the key).
    #[cfg(test)]
    pub(crate) fn pairs_of(&self, key: u64) -> Vec<(usize, i32)> {
        let Some(r) = self.row(key) else {
            return Vec::new();
        };
        if r & INLINE != 0 {
            let w = i32::from(r as u16 as i16);
            let mut out = vec![((r >> 24 & 0x7F) as usize, w)];
            if r >> 16 & 0xFF != NO_CLASS {
                out.push(((r >> 16 & 0xFF) as usize, -w));
            }
            return out;
        }
        let (first, n) = ((r >> 8) as usize, (r & 0xFF) as usize);
        if n == DENSE {
            let at = first * 2 * N_CLASSES;
            let row = self.dense.get(at..at + 2 * N_CLASSES).unwrap_or(&[]);
            return row
                .chunks_exact(2)
                .enumerate()
                .map(|(c, w)| (c, i32::from(i16::from_le_bytes([w[0], w[1]]))))
                .collect();
        }
        let pairs = self.pairs.get(4 * first..4 * (first + n)).unwrap_or(&[]);
        pairs
            .chunks_exact(4)
            .map(|p| {
                let v = u32::from_le_bytes([p[0], p[1], p[2], p[3]]);
                ((v >> 16) as usize, i32::from(v as u16 as i16))
            })
            .collect()
    }

    /// [`Model::add`] the simple way: each key's pairs one after the other. The reference
    /// the fast version is tested against.
    #[cfg(test)]
    pub(crate) fn add_reference(&self, keys: &[u64], scores: &mut Scores) {
        for &k in keys {
            for (c, w) in self.pairs_of(k) {
                if let Some(s) = scores.get_mut(c) {
                    *s += w;
                }
            }
        }
    }

    /// Add the weights of the features `keys` to `scores`.
    #[inline]
    pub(crate) fn add(&self, keys: &[u64], scores: &mut Scores) {
        let keys = &keys[..keys.len().min(MAX_KEYS)];
        if self.slots.is_empty() {
            return;
        }
        // The table is large and seldom in cache. Ask for every key's home slot first, so
        // that the reads overlap (a probe loop's mispredicted exits would otherwise throw
        // away the reads started after it); the probes then find their slots in cache.
        for &k in keys {
            prefetch(self.slots, 8 * home(k, self.n_slots));
        }
        let mut rows = [0u32; MAX_KEYS];
        let mut found = 0;
        for &k in keys {
            if let Some(r) = self.row(k) {
                rows[found] = r;
                found += 1;
            }
        }
        self.add_rows(&rows[..found], scores);
    }

    /// [`Model::add`], looking each key up in `memo` before the table. A beam's hypotheses
    /// share most of their features (those of the buffer's words, of a common stack top),
    /// so most keys are found there, in cache, rather than in the large table.
    #[inline]
    pub(crate) fn add_memo(&self, keys: &[u64], scores: &mut Scores, memo: &mut RowMemo) {
        let keys = &keys[..keys.len().min(MAX_KEYS)];
        if self.slots.is_empty() {
            return;
        }
        memo.fit(self);
        let mask = memo.slots.len() - 1;
        let at = |k: u64| (k ^ k >> 29) as usize & mask;
        for &k in keys {
            if memo.slots[at(k)].0 != k {
                prefetch(self.slots, 8 * home(k, self.n_slots));
            }
        }
        let mut rows = [0u32; MAX_KEYS];
        let mut found = 0;
        for &k in keys {
            let slot = &mut memo.slots[at(k)];
            if slot.0 != k {
                *slot = (k, self.row(k).unwrap_or(NO_ROW));
            }
            if slot.1 != NO_ROW {
                rows[found] = slot.1;
                found += 1;
            }
        }
        self.add_rows(&rows[..found], scores);
    }

    /// Add the weights of `rows` (as the table holds them) to `scores`.
    #[inline]
    fn add_rows(&self, rows: &[u32], scores: &mut Scores) {
        // The same for the rows held outside the table.
        for &r in rows {
            if r & INLINE == 0 {
                let first = (r >> 8) as usize;
                if r & 0xFF == DENSE as u32 {
                    let at = first * 2 * N_CLASSES;
                    for line in (at..at + 2 * N_CLASSES).step_by(64) {
                        prefetch(self.dense, line);
                    }
                    prefetch(self.dense, at + 2 * N_CLASSES - 1);
                } else {
                    prefetch(self.pairs, 4 * first);
                    prefetch(self.pairs, 4 * (first + (r & 0xFF) as usize) - 1);
                }
            }
        }
        for &r in rows {
            if r & INLINE != 0 {
                let w = i32::from(r as u16 as i16);
                if let Some(s) = scores.get_mut((r >> 24 & 0x7F) as usize) {
                    *s += w;
                }
                if let Some(s) = scores.get_mut((r >> 16 & 0xFF) as usize) {
                    *s -= w;
                }
                continue;
            }
            let (first, n) = ((r >> 8) as usize, (r & 0xFF) as usize);
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

/// The most feature keys one scoring reads.
const MAX_KEYS: usize = 96;

/// The row a memo records for a key the table does not hold (no row is 0: an inline row
/// has its top bit set, any other at least one pair).
const NO_ROW: u32 = 0;

/// Rows of the weight table by feature key, as a parser found them: a small direct-mapped
/// table that stays in cache (see [`Model::add_memo`]). It belongs to one model, and is
/// emptied when used with another.
pub(crate) struct RowMemo {
    slots: Vec<(u64, u32)>,
    /// The model the rows are from (the address and length of its table).
    model: (usize, usize),
}

/// Slots of a [`RowMemo`] (a power of two): 128 KB, within a core's second-level cache.
const MEMO_SLOTS: usize = 8192;

impl Default for RowMemo {
    /// An empty memo, which takes its memory on first use.
    fn default() -> RowMemo {
        RowMemo {
            slots: Vec::new(),
            model: (0, 0),
        }
    }
}

impl RowMemo {
    /// Empty the memo unless it holds rows of `model`. An empty slot holds the key
    /// u64::MAX with no row: a feature whose key were u64::MAX (a chance of 2^-64) would
    /// read as absent.
    fn fit(&mut self, model: &Model) {
        let id = (model.slots.as_ptr() as usize, model.slots.len());
        if self.model != id || self.slots.is_empty() {
            self.slots.clear();
            self.slots.resize(MEMO_SLOTS, (u64::MAX, NO_ROW));
            self.model = id;
        }
    }
}

/// A feature key and its (class, weight) pairs.
pub type Row = (u64, Vec<(u8, i16)>);

/// The row held in a slot that stands for `row`, if it can be held there: one class, or
/// two with opposite weights.
fn inline(row: &[(u8, i16)]) -> Option<u32> {
    let word = |a: u8, b: u32, w: i16| INLINE | u32::from(a) << 24 | b << 16 | u32::from(w as u16);
    match *row {
        [(a, w)] if a < 0x80 => Some(word(a, NO_CLASS, w)),
        [(a, wa), (b, wb)] if a < 0x80 && wa != i16::MIN && wb == -wa => {
            Some(word(a, u32::from(b), wa))
        }
        _ => None,
    }
}

/// Write a model file from rows of (class, weight) pairs by key, for parsing with a beam
/// of `beam` hypotheses.
pub fn write(rows: &[Row], labels: u64, scale: u32, beam: usize) -> Vec<u8> {
    let n_slots = if rows.is_empty() {
        0
    } else {
        rows.len() * LOAD.1 / LOAD.0 + 1
    };
    let mut table = vec![(0u32, 0u32); n_slots];
    let mut pairs: Vec<u32> = Vec::new();
    let mut dense: Vec<i16> = Vec::new();
    'rows: for (key, row) in rows {
        let fp = ((key >> 32) as u32).max(1);
        let mut at = home(*key, n_slots);
        while table[at].0 != 0 {
            if table[at].0 == fp {
                // A look-up could not tell the two keys apart: keep the first only.
                continue 'rows;
            }
            at = (at + 1) % n_slots;
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
        if let Some(r) = inline(row) {
            table[at] = (fp, r);
            continue;
        }
        assert!(pairs.len() < (1 << 23), "model too large");
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
    out.extend_from_slice(&(beam.clamp(1, MAX_BEAM) as u32).to_le_bytes());
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The memo changes no score: the embedded model's rows for keys it holds and keys it
    /// does not, looked up twice (the second time from the memo), and after a switch to
    /// another model.
    #[test]
    fn memo_scores_as_the_table_does() {
        let model = crate::language::parser::embedded();
        let mut memo = RowMemo::default();
        // Keys the table holds (read off its slots) mixed with keys it does not.
        let mut keys: Vec<u64> = (0..model.n_slots)
            .filter_map(|at| {
                let f = u32_at(model.slots, 8 * at);
                // The lower half that makes `at` the key's home slot.
                let low = ((at as u64) << 32).div_ceil(model.n_slots as u64);
                (f != 0 && at % 97 == 0).then_some(u64::from(f) << 32 | low)
            })
            .take(2000)
            .collect();
        keys.extend((0..2000u64).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15)));
        let mut scored = 0;
        for chunk in keys.chunks(40).chain(keys.chunks(40)) {
            let (mut plain, mut memoised) = ([0; N_CLASSES], [0; N_CLASSES]);
            model.add(chunk, &mut plain);
            model.add_memo(chunk, &mut memoised, &mut memo);
            assert_eq!(plain, memoised);
            scored += usize::from(plain != [0; N_CLASSES]);
        }
        assert!(scored > 50, "only {scored} chunks found rows");
        let empty = Model::empty();
        let mut scores = [0; N_CLASSES];
        empty.add_memo(&keys[..40], &mut scores, &mut memo);
        assert_eq!(scores, [0; N_CLASSES]);
    }

    #[test]
    fn rows_read_back_as_written() {
        let rows: Vec<Row> = vec![
            (0x1234_5678_0000_0001, vec![(3, 40)]),
            (0x2234_5678_0000_0001, vec![(3, 40), (7, -40)]),
            (0x3234_5678_0000_0002, vec![(3, 40), (7, -41)]),
            (0x4234_5678_0000_0002, vec![(1, -5), (9, 5), (20, 7)]),
            (
                0x5234_5678_0000_0003,
                (0..30).map(|c| (c, i16::from(c) - 15)).collect(),
            ),
            (
                0x6234_5678_0000_0004,
                vec![(113, i16::MIN + 1), (0, i16::MAX)],
            ),
        ];
        let bytes = write(&rows, u64::MAX, 1, 1);
        let m = Model::new(&bytes).expect("a readable model");
        for (key, row) in &rows {
            let mut want: Vec<(usize, i32)> = row
                .iter()
                .map(|&(c, w)| (usize::from(c), i32::from(w)))
                .collect();
            want.retain(|&(_, w)| w != 0);
            let mut got = m.pairs_of(*key);
            got.retain(|&(_, w)| w != 0);
            want.sort_unstable();
            got.sort_unstable();
            assert_eq!(got, want, "row of {key:x}");
        }
        assert!(m.pairs_of(0x7234_5678_0000_0001).is_empty());
    }

    #[test]
    fn the_fast_sum_is_the_reference_sum() {
        use crate::language::parser::{State, embedded, features, sentence_toks};
        use crate::language::tagger;
        let model = embedded();
        let text = "The council voted on Tuesday to close the library , which had been open since 1901 . \
                    Farmers in the valley grow apples and pears for the market in town .";
        let words: Vec<&str> = text.split(' ').collect();
        let tags = tagger::tag(&words);
        let mut toks = Vec::new();
        sentence_toks(&words, &tags, &mut toks);
        let mut st = State::default();
        st.reset(words.len());
        let mut keys = [0u64; super::super::N_FEATURES];
        let mut steps = 0;
        while !st.terminal() {
            features(&st, &toks, &mut keys);
            let (mut fast, mut slow) = ([0; N_CLASSES], [0; N_CLASSES]);
            model.add(&keys, &mut fast);
            model.add_reference(&keys, &mut slow);
            assert_eq!(fast, slow);
            let c = super::super::best_valid(&st, &fast, model.labels);
            st.apply(c);
            steps += 1;
        }
        assert!(steps >= words.len());
    }
}
