//! Training and measuring the parser (build-time code: galley itself only parses).
//!
//! Driven by `cargo run --release --example train_parser`; see `data/parser/README.md`.
//! The data are the GUM documents in `data/tagger/gum/`, read as galley's tokenizer splits
//! text (hyphenated compounds and multiword tokens without an apostrophe kept whole, as
//! `scripts/tagger/train.py` does). Every document whose index in sorted order is 9
//! modulo 10 is held out, as for the tagger.
//!
//! Training is the averaged perceptron with the dynamic oracle of Goldberg and Nivre
//! (2012) for arc-eager: at each state the update goes towards the best-scoring transition
//! that loses the fewest gold arcs still reachable, and after the first epochs the
//! parser follows its own prediction most of the time, so it learns to recover from its
//! mistakes. With `--beam N`, training is instead the structured perceptron over a beam of
//! N hypotheses (see `train_one_beam`). Deterministic: fixed seed, sorted inputs, no
//! randomly seeded hashing.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

use super::deprel::N_DEPRELS;
use super::model::{self, Model, N_CLASSES};
use super::{
    Arc, Beam, Deprel, Item, N_FEATURES, NONE, Parser, REDUCE, SHIFT, State, Tok, features, left,
    parsed_upos, right, sentence_toks,
};
use crate::language::tagger::{self, Tagged, Upos, Xpos};

/// One sentence with its gold annotation, tokenised as galley reads text.
#[derive(Clone, Debug)]
pub struct GoldSentence {
    pub words: Vec<String>,
    pub upos: Vec<Upos>,
    pub xpos: Vec<Xpos>,
    /// Heads counted from 1, 0 for the root.
    pub heads: Vec<u16>,
    pub deprels: Vec<Deprel>,
    /// Whether the heads form one tree (merging tokens can, rarely, make a cycle).
    pub is_tree: bool,
}

#[derive(Clone, Debug)]
pub struct Doc {
    pub name: String,
    pub genre: String,
    pub sentences: Vec<GoldSentence>,
}

/// One word line of a CoNLL-U file.
struct Row {
    id: usize,
    form: String,
    upos: String,
    xpos: String,
    head: usize,
    deprel: String,
    space_after: bool,
    /// The multiword token this word belongs to, when galley keeps it as one token.
    joined: Option<String>,
}

fn read_conllu(text: &str) -> Vec<Vec<Row>> {
    let mut sents = Vec::new();
    let mut cur: Vec<Row> = Vec::new();
    let mut mwt: Option<(usize, usize, bool, String)> = None;
    for line in text.lines() {
        if line.is_empty() {
            if !cur.is_empty() {
                sents.push(std::mem::take(&mut cur));
            }
            mwt = None;
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 10 {
            continue;
        }
        let mut space = !c[9].split('|').any(|m| m == "SpaceAfter=No");
        if let Some((a, b)) = c[0].split_once('-') {
            if let (Ok(a), Ok(b)) = (a.parse(), b.parse()) {
                mwt = Some((a, b, space, c[1].to_string()));
            }
            continue;
        }
        let Ok(id) = c[0].parse::<usize>() else {
            continue;
        };
        let mut joined = None;
        if let Some((a, b, sp, form)) = &mwt
            && (*a..=*b).contains(&id)
        {
            space = if id == *b { *sp } else { false };
            if !form.contains(['\'', '\u{2019}', '`']) {
                joined = Some(form.clone());
            }
        }
        cur.push(Row {
            id,
            form: c[1].to_string(),
            upos: c[3].to_string(),
            xpos: c[4].to_string(),
            head: c[6].parse().unwrap_or(0),
            deprel: c[7].to_string(),
            space_after: space,
            joined,
        });
    }
    if !cur.is_empty() {
        sents.push(cur);
    }
    sents
}

fn deprel_of(name: &str) -> Deprel {
    Deprel::parse(name)
        .or_else(|| Deprel::parse(name.split(':').next().unwrap_or(name)))
        .unwrap_or(Deprel::Dep)
}

const HYPHENS: [&str; 3] = ["-", "\u{2010}", "\u{2011}"];

/// Join what GUM splits but galley's tokenizer keeps whole, as `join_words` of
/// `scripts/tagger/train.py` does, and carry the tree over: a joined token takes the head
/// and relation of the word of its run whose head lies outside the run (the last such of
/// a hyphenated compound, the first of a multiword token: "cannot" is an auxiliary).
fn join(rows: &[Row]) -> GoldSentence {
    let n = rows.len();
    // (range of rows, row whose tags label the token, row whose arc the token takes)
    let mut groups: Vec<(std::ops::Range<usize>, usize, usize, String)> = Vec::new();
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 2 < n
            && !rows[j].space_after
            && rows[j + 1].xpos == "HYPH"
            && HYPHENS.contains(&rows[j + 1].form.as_str())
            && !rows[j + 1].space_after
        {
            j += 2;
        }
        let outside = |r: &Row, lo: usize, hi: usize| r.head < rows[lo].id || r.head > rows[hi].id;
        if j > i {
            let heads: Vec<usize> = (i..=j)
                .filter(|&k| outside(&rows[k], i, j) && rows[k].xpos != "HYPH")
                .collect();
            let rep = heads
                .last()
                .copied()
                .or_else(|| (i..=j).rev().find(|&k| rows[k].xpos != "HYPH"))
                .unwrap_or(j);
            let form: String = rows[i..=j].iter().map(|r| r.form.as_str()).collect();
            groups.push((i..j + 1, rep, rep, form));
        } else if let Some(joined) = &rows[i].joined {
            while j + 1 < n && rows[j + 1].joined.is_some() && rows[j + 1].id == rows[j].id + 1 {
                j += 1;
            }
            let arc = (i..=j).find(|&k| outside(&rows[k], i, j)).unwrap_or(i);
            groups.push((i..j + 1, i, arc, joined.clone()));
        } else {
            groups.push((i..i + 1, i, i, rows[i].form.clone()));
        }
        i = j + 1;
    }
    // The new position (from 1) of each word id.
    let max_id = rows.iter().map(|r| r.id).max().unwrap_or(0);
    let mut new_of = vec![0u16; max_id + 1];
    for (g, (range, _, _, _)) in groups.iter().enumerate() {
        for r in range.clone() {
            new_of[rows[r].id] = (g + 1) as u16;
        }
    }
    let mut s = GoldSentence {
        words: Vec::new(),
        upos: Vec::new(),
        xpos: Vec::new(),
        heads: Vec::new(),
        deprels: Vec::new(),
        is_tree: true,
    };
    for (g, (_, tag_row, arc_row, form)) in groups.iter().enumerate() {
        let t = &rows[*tag_row];
        let a = &rows[*arc_row];
        s.words.push(form.clone());
        s.upos.push(Upos::parse(&t.upos).unwrap_or(Upos::X));
        s.xpos.push(Xpos::parse(&t.xpos).unwrap_or(Xpos::Xx));
        let h = if a.head == 0 {
            0
        } else {
            new_of.get(a.head).copied().unwrap_or(0)
        };
        if usize::from(h) == g + 1 {
            s.is_tree = false;
        }
        s.heads.push(h);
        s.deprels.push(deprel_of(&a.deprel));
    }
    s.is_tree = s.is_tree && is_tree(&s.heads);
    s
}

/// Whether `heads` (from 1, 0 for the root) form one tree: one root, every head in range,
/// no cycle.
pub fn is_tree(heads: &[u16]) -> bool {
    let n = heads.len();
    if heads.iter().filter(|&&h| h == 0).count() != 1 {
        return false;
    }
    if heads.iter().any(|&h| usize::from(h) > n) {
        return false;
    }
    for start in 0..n {
        let mut at = start;
        let mut steps = 0;
        while heads[at] != 0 {
            at = usize::from(heads[at]) - 1;
            steps += 1;
            if steps > n {
                return false;
            }
        }
    }
    true
}

/// The GUM documents of `dir` (its `*.conllu` files), in sorted order.
pub fn load(dir: &Path) -> std::io::Result<Vec<Doc>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".conllu"))
        .collect();
    names.sort();
    let mut docs = Vec::new();
    for name in names {
        let text = std::fs::read_to_string(dir.join(&name))?;
        let genre = name.split('_').nth(1).unwrap_or("other").to_string();
        let sentences = read_conllu(&text).iter().map(|s| join(s)).collect();
        docs.push(Doc {
            name,
            genre,
            sentences,
        });
    }
    Ok(docs)
}

/// Whether the document at `index` (in sorted order) is held out of training.
pub fn is_heldout(index: usize) -> bool {
    index % 10 == 9
}

/// Whether the document at `index` (in sorted order) is a development document: one
/// that `--dev` training leaves out to measure choices on, instead of the held-out ones.
pub fn is_dev(index: usize) -> bool {
    index % 10 == 8
}

/// Gold tags as the parser's input.
pub fn gold_tags(s: &GoldSentence) -> Vec<Tagged> {
    s.upos
        .iter()
        .zip(&s.xpos)
        .map(|(&upos, &xpos)| Tagged {
            upos,
            xpos,
            finite: false,
        })
        .collect()
}

/// Tags by document and sentence from a file in the format of
/// `scripts/parser/jackknife_tags.py` (`# doc NAME` lines; per sentence, one `word XPOS
/// UPOS` line per token, then a blank line).
pub fn read_tags(text: &str) -> HashMap<String, Vec<Vec<Tagged>>> {
    let mut out: HashMap<String, Vec<Vec<Tagged>>> = HashMap::new();
    let mut doc = String::new();
    let mut cur = Vec::new();
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("# doc ") {
            doc = name.to_string();
            continue;
        }
        if line.is_empty() {
            if !cur.is_empty() {
                out.entry(doc.clone())
                    .or_default()
                    .push(std::mem::take(&mut cur));
            }
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() == 3 {
            cur.push(Tagged {
                xpos: Xpos::parse(c[1]).unwrap_or(Xpos::Xx),
                upos: Upos::parse(c[2]).unwrap_or(Upos::X),
                finite: false,
            });
        }
    }
    if !cur.is_empty() {
        out.entry(doc).or_default().push(cur);
    }
    out
}

/// The tagger's tags of a sentence.
pub fn predicted_tags(s: &GoldSentence) -> Vec<Tagged> {
    let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
    tagger::tag(&words)
}

// ---------------------------------------------------------------------------------------
// The averaged perceptron
// ---------------------------------------------------------------------------------------

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// A weight, with the sum of its updates times the time they were made, from which the
/// average over all steps follows (w - total / steps).
#[derive(Clone, Copy)]
struct Cell {
    class: u8,
    w: f32,
    total: f64,
}

#[derive(Default)]
struct Perceptron {
    rows: HashMap<u64, Vec<Cell>, BuildHasherDefault<KeyHasher>>,
    steps: u64,
}

impl Perceptron {
    fn scores(&self, keys: &[u64], out: &mut [f32; N_CLASSES]) {
        out.fill(0.0);
        for k in keys {
            if let Some(row) = self.rows.get(k) {
                for c in row {
                    out[usize::from(c.class)] += c.w;
                }
            }
        }
    }

    /// The scores of `keys` as integers (the weights are sums of whole updates).
    fn int_scores(&self, keys: &[u64], out: &mut model::Scores) {
        for k in keys {
            if let Some(row) = self.rows.get(k) {
                for c in row {
                    out[usize::from(c.class)] += c.w as i32;
                }
            }
        }
    }

    /// Add `d` to the weights of `class` for `keys`.
    fn update_class(&mut self, keys: &[u64], class: usize, d: f32) {
        let t = self.steps as f64;
        for &k in keys {
            let row = self.rows.entry(k).or_default();
            let cell = match row.iter_mut().position(|c| usize::from(c.class) == class) {
                Some(p) => &mut row[p],
                None => {
                    row.push(Cell {
                        class: class as u8,
                        w: 0.0,
                        total: 0.0,
                    });
                    row.last_mut().unwrap_or_else(|| unreachable!())
                }
            };
            cell.w += d;
            cell.total += t * f64::from(d);
        }
    }

    fn update(&mut self, keys: &[u64], good: usize, bad: usize) {
        let t = self.steps as f64;
        for &k in keys {
            let row = self.rows.entry(k).or_default();
            for (class, d) in [(good, 1.0f32), (bad, -1.0)] {
                let cell = match row.iter_mut().position(|c| usize::from(c.class) == class) {
                    Some(p) => &mut row[p],
                    None => {
                        row.push(Cell {
                            class: class as u8,
                            w: 0.0,
                            total: 0.0,
                        });
                        row.last_mut().unwrap_or_else(|| unreachable!())
                    }
                };
                cell.w += d;
                cell.total += t * f64::from(d);
            }
        }
    }

    /// The averaged weights, scaled to `i16` with the rows sorted by key; weights smaller
    /// than `min` (in the perceptron's units) are dropped.
    fn quantised(&self, min: f64) -> (Vec<model::Row>, u32) {
        let t = self.steps.max(1) as f64;
        let avg = |c: &Cell| f64::from(c.w) - c.total / t;
        let max = self
            .rows
            .values()
            .flatten()
            .map(|c| avg(c).abs())
            .fold(0.0f64, f64::max)
            .max(1e-9);
        let scale = (32000.0 / max).floor().clamp(1.0, 1e6);
        let mut rows: Vec<model::Row> = self
            .rows
            .iter()
            .filter_map(|(&k, row)| {
                let mut r: Vec<(u8, i16)> = row
                    .iter()
                    .filter(|c| avg(c).abs() >= min)
                    .map(|c| (c.class, (avg(c) * scale).round() as i16))
                    .filter(|&(_, w)| w != 0)
                    .collect();
                r.sort_unstable();
                (!r.is_empty()).then_some((k, r))
            })
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        (rows, scale as u32)
    }
}

/// A small deterministic random number generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

// ---------------------------------------------------------------------------------------
// The dynamic oracle
// ---------------------------------------------------------------------------------------

/// How many gold arcs still reachable from `st` each transition loses (u32::MAX for an
/// invalid one). `gold_head` and `gold_label` are indexed by position from 1.
fn costs(
    st: &State,
    gold_head: &[u16],
    gold_label: &[u8],
    labels: u64,
    out: &mut [u32; N_CLASSES],
) {
    let n = st.n;
    let b = st.b;
    let s0 = st.s0();
    let in_stack_reachable = |h: usize| -> bool {
        st.stack.iter().any(|&k| usize::from(k) == h) && (h != 0 || st.root_child == NONE)
    };
    let headless_deps_in_stack = |of: usize| -> u32 {
        st.stack
            .iter()
            .filter(|&&k| {
                k != 0
                    && usize::from(gold_head[usize::from(k)]) == of
                    && st.head[usize::from(k)] == NONE
            })
            .count() as u32
    };
    let deps_in_buffer = |of: usize, from: usize| -> u32 {
        (from..=n)
            .filter(|&k| usize::from(gold_head[k]) == of)
            .count() as u32
    };
    out.fill(u32::MAX);
    if st.valid(SHIFT, labels) {
        let h = usize::from(gold_head[b]);
        out[SHIFT] = u32::from(in_stack_reachable(h)) + headless_deps_in_stack(b);
    }
    if st.valid(REDUCE, labels) {
        out[REDUCE] = deps_in_buffer(s0, b);
    }
    if b <= n && s0 != 0 && st.head[s0] == NONE {
        let h = usize::from(gold_head[s0]);
        let base = u32::from(h > b) + deps_in_buffer(s0, b);
        for l in 0..N_DEPRELS {
            let c = left(l);
            if st.valid(c, labels) {
                out[c] = base + u32::from(h == b && usize::from(gold_label[s0]) != l);
            }
        }
    }
    if b <= n {
        let h = usize::from(gold_head[b]);
        let lost_head = h != s0 && (h > b || in_stack_reachable(h));
        let base = u32::from(lost_head) + headless_deps_in_stack(b);
        for l in 0..N_DEPRELS {
            let c = right(l);
            if st.valid(c, labels) {
                out[c] = base + u32::from(h == s0 && usize::from(gold_label[b]) != l);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Training
// ---------------------------------------------------------------------------------------

pub struct Options {
    pub epochs: usize,
    /// The epoch from which the parser follows its own predictions.
    pub explore_from: usize,
    /// How often it then follows them.
    pub explore_p: f64,
    pub seed: u64,
    /// Averaged weights smaller than this are dropped.
    pub min_weight: f64,
    /// Runs (with seeds `seed`, `seed + 1`, …) whose averaged weights are averaged.
    pub ensemble: usize,
    /// Other values of `min_weight` to measure (with the `measure` given to [`train`]).
    pub sweep: Vec<f64>,
    /// Where to write the models of `sweep` (`model-W.bin` for `--min-weight W`), if
    /// anywhere.
    pub sweep_dir: Option<std::path::PathBuf>,
    /// Hypotheses kept in training (1: greedy training with the dynamic oracle; more:
    /// beam search, trained as a whole).
    pub beam: usize,
    /// The beam the model file asks the parser for (0: `beam`).
    pub parse_beam: usize,
    /// In beam training, update at the step where the beam's best hypothesis beats the
    /// gold one by most (else at the first step where the gold one falls out).
    pub max_violation: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            epochs: 15,
            explore_from: 1,
            explore_p: 0.9,
            seed: 1,
            min_weight: 0.0,
            ensemble: 1,
            sweep: Vec::new(),
            sweep_dir: None,
            beam: 1,
            parse_beam: 0,
            max_violation: true,
        }
    }
}

/// A training sentence: feature tokens and gold arcs by position from 1.
struct Prepared {
    toks: Vec<Tok>,
    gold_head: Vec<u16>,
    gold_label: Vec<u8>,
}

fn prepare(s: &GoldSentence, tags: &[Tagged]) -> Prepared {
    let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
    let mut toks = Vec::new();
    sentence_toks(&words, tags, &mut toks);
    let mut gold_head = vec![0u16];
    gold_head.extend_from_slice(&s.heads);
    let mut gold_label = vec![0u8];
    gold_label.extend(s.deprels.iter().map(|d| d.index() as u8));
    Prepared {
        toks,
        gold_head,
        gold_label,
    }
}

/// Train on `sents` (each with the tags the parser will read) and return the model file.
/// `measure` scores a model (for `opts.sweep`).
pub fn train(
    sents: &[(&GoldSentence, Vec<Tagged>)],
    measure: &dyn Fn(&Model) -> Score,
    opts: &Options,
    log: &mut dyn FnMut(String),
) -> Vec<u8> {
    let data: Vec<Prepared> = sents
        .iter()
        .filter(|(s, _)| s.is_tree && !s.words.is_empty() && s.words.len() < super::MAX_TOKENS)
        .map(|(s, t)| prepare(s, t))
        .collect();
    let parse_beam = if opts.parse_beam > 0 {
        opts.parse_beam
    } else {
        opts.beam
    };
    let mut labels = 0u64;
    for p in &data {
        for &l in &p.gold_label[1..] {
            labels |= 1 << l;
        }
    }
    let mut model = Perceptron::default();
    for r in 0..opts.ensemble.max(1) {
        let seed = opts.seed + r as u64;
        let one = if opts.beam > 1 {
            train_one_beam(&data, labels, opts, seed, log)
        } else {
            train_one(&data, labels, opts, seed, log)
        };
        if opts.ensemble <= 1 {
            model = one;
            break;
        }
        // The mean of the averaged weights of the runs.
        let t = one.steps.max(1) as f64;
        let share = 1.0 / opts.ensemble as f64;
        for (k, row) in one.rows {
            let into = model.rows.entry(k).or_default();
            for c in row {
                let w = ((f64::from(c.w) - c.total / t) * share) as f32;
                match into.iter_mut().find(|d| d.class == c.class) {
                    Some(d) => d.w += w,
                    None => into.push(Cell {
                        class: c.class,
                        w,
                        total: 0.0,
                    }),
                }
            }
        }
        model.steps = 1;
    }
    model
        .rows
        .retain(|_, row| row.iter().any(|c| c.w != 0.0 || c.total != 0.0));
    for &min in &opts.sweep {
        let (rows, scale) = model.quantised(min);
        let bytes = model::write(&rows, labels, scale, parse_beam);
        if let Some(dir) = &opts.sweep_dir
            && let Err(e) = std::fs::write(dir.join(format!("model-{min}.bin")), &bytes)
        {
            log(format!("model of min weight {min} not written: {e}"));
        }
        if let Some(m) = Model::new(&bytes) {
            let all = measure(&m);
            log(format!(
                "min weight {min}: {} features, {} weights, {} bytes, UAS {:.4} LAS {:.4}",
                rows.len(),
                rows.iter().map(|r| r.1.len()).sum::<usize>(),
                bytes.len(),
                all.uas(),
                all.las()
            ));
        }
    }
    let (rows, scale) = model.quantised(opts.min_weight);
    log(format!(
        "kept {} features, {} weights (scale {scale})",
        rows.len(),
        rows.iter().map(|r| r.1.len()).sum::<usize>()
    ));
    model::write(&rows, labels, scale, parse_beam)
}

/// One run of the averaged perceptron over `data`, with the order and the exploration
/// drawn from `seed`.
fn train_one(
    data: &[Prepared],
    labels: u64,
    opts: &Options,
    seed: u64,
    log: &mut dyn FnMut(String),
) -> Perceptron {
    let mut model = Perceptron::default();
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut st = State::default();
    let mut keys = [0u64; N_FEATURES];
    let mut scores = [0f32; N_CLASSES];
    let mut cost = [0u32; N_CLASSES];
    for epoch in 0..opts.epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let explore = epoch >= opts.explore_from;
        let (mut right_steps, mut steps) = (0u64, 0u64);
        for &si in &order {
            let p = &data[si];
            st.reset(p.toks.len() - 1);
            while !st.terminal() {
                features(&st, &p.toks, &mut keys);
                model.scores(&keys, &mut scores);
                costs(&st, &p.gold_head, &p.gold_label, labels, &mut cost);
                let min = cost.iter().copied().min().unwrap_or(0);
                let mut pred = usize::MAX;
                let mut gold = usize::MAX;
                for c in 0..N_CLASSES {
                    if cost[c] == u32::MAX {
                        continue;
                    }
                    if pred == usize::MAX || scores[c] > scores[pred] {
                        pred = c;
                    }
                    if cost[c] == min && (gold == usize::MAX || scores[c] > scores[gold]) {
                        gold = c;
                    }
                }
                if pred == usize::MAX {
                    break;
                }
                steps += 1;
                if cost[pred] > min {
                    model.update(&keys, gold, pred);
                } else {
                    right_steps += 1;
                }
                model.steps += 1;
                let next = if explore && rng.chance(opts.explore_p) {
                    pred
                } else {
                    gold
                };
                st.apply(next);
            }
        }
        log(format!(
            "epoch {}: {:.2}% of transitions right, {} features",
            epoch + 1,
            100.0 * right_steps as f64 / steps.max(1) as f64,
            model.rows.len()
        ));
    }
    model
}

/// Replay `classes` from the initial state of `p` and add `d` to the weights of each
/// transition taken from step `from` on.
fn update_path(
    model: &mut Perceptron,
    p: &Prepared,
    classes: &[u8],
    from: usize,
    d: f32,
    st: &mut State,
) {
    let mut keys = [0u64; N_FEATURES];
    st.reset(p.toks.len() - 1);
    for (t, &c) in classes.iter().enumerate() {
        if t >= from {
            features(st, &p.toks, &mut keys);
            model.update_class(&keys, usize::from(c), d);
        }
        st.apply(usize::from(c));
    }
}

/// One run of the structured perceptron with beam search over `data`: the gold
/// hypothesis is the best-scoring one among those that lose no more gold arcs than
/// necessary (the dynamic oracle's costs, summed), and when it falls out of the beam the
/// weights move towards it and away from the beam's best (at the first such step, or at the
/// step of largest violation).
fn train_one_beam(
    data: &[Prepared],
    labels: u64,
    opts: &Options,
    seed: u64,
    log: &mut dyn FnMut(String),
) -> Perceptron {
    let mut model = Perceptron::default();
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut beam = Beam::default();
    let mut gold = Item::default();
    let mut keys = [0u64; N_FEATURES];
    let mut st = State::default();
    let mut cost_of: Vec<[u32; N_CLASSES]> = Vec::new();
    let mut prev_cost: Vec<u32> = Vec::new();
    let mut scores: model::Scores = [0; N_CLASSES];
    let mut cost = [0u32; N_CLASSES];
    // The worst violation so far: margin, gold transitions, the beam's best's.
    let mut worst: (i64, Vec<u8>, Vec<u8>) = (i64::MIN, Vec::new(), Vec::new());
    for epoch in 0..opts.epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let (mut updates, mut full) = (0usize, 0usize);
        for &si in &order {
            let p = &data[si];
            let n = p.toks.len() - 1;
            beam.reset(n);
            gold.reset(n);
            worst.0 = i64::MIN;
            let mut gold_in = true;
            loop {
                if beam.done() && gold.st.terminal() {
                    break;
                }
                prev_cost.clear();
                prev_cost.extend(beam.items.iter().map(|it| it.cost));
                cost_of.resize(beam.items.len(), [0; N_CLASSES]);
                {
                    let m = &model;
                    let cost_of = &mut cost_of;
                    beam.step(opts.beam, labels, &mut |i, st, s| {
                        features(st, &p.toks, &mut keys);
                        m.int_scores(&keys, s);
                        if gold_in {
                            costs(st, &p.gold_head, &p.gold_label, labels, &mut cost_of[i]);
                        }
                    });
                }
                if !gold.st.terminal() {
                    // Extend the gold hypothesis by its best-scoring cheapest transition.
                    features(&gold.st, &p.toks, &mut keys);
                    scores.fill(0);
                    model.int_scores(&keys, &mut scores);
                    costs(&gold.st, &p.gold_head, &p.gold_label, labels, &mut cost);
                    let min = cost.iter().copied().min().unwrap_or(0);
                    let best = (0..N_CLASSES)
                        .filter(|&c| cost[c] == min && cost[c] != u32::MAX)
                        .max_by_key(|&c| (scores[c], std::cmp::Reverse(c)));
                    let Some(c) = best else { break };
                    gold.st.apply(c);
                    gold.classes.push(c as u8);
                    gold.score += i64::from(scores[c]);
                    gold.cost += min;
                }
                if gold_in {
                    for (j, &(i, c)) in beam.origin.iter().enumerate() {
                        let add = if c == super::STAY {
                            0
                        } else {
                            cost_of[i][usize::from(c)]
                        };
                        beam.items[j].cost = prev_cost[i] + add;
                    }
                    // The best hypothesis as good as the gold one becomes the gold one.
                    if let Some(it) = beam.items.iter().find(|it| it.cost <= gold.cost) {
                        gold.copy_from(it);
                        continue;
                    }
                    gold_in = false;
                }
                let margin = beam.items[0].score - gold.score;
                if margin >= worst.0 {
                    worst.0 = margin;
                    worst.1.clone_from(&gold.classes);
                    worst.2.clone_from(&beam.items[0].classes);
                }
                if !opts.max_violation {
                    break;
                }
            }
            if gold_in {
                // The gold hypothesis stayed in the beam: update if it is not the best.
                if beam.items[0].cost > gold.cost {
                    worst = (0, gold.classes.clone(), beam.items[0].classes.clone());
                } else {
                    full += 1;
                    model.steps += 1;
                    continue;
                }
            }
            let (_, g, b) = &worst;
            let from = g.iter().zip(b).take_while(|(x, y)| x == y).count();
            update_path(&mut model, p, g, from, 1.0, &mut st);
            update_path(&mut model, p, b, from, -1.0, &mut st);
            updates += 1;
            model.steps += 1;
        }
        log(format!(
            "epoch {}: {:.2}% of sentences parsed right, {} updates, {} features",
            epoch + 1,
            100.0 * full as f64 / data.len().max(1) as f64,
            updates,
            model.rows.len()
        ));
    }
    model
}

// ---------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------

/// Counts of one evaluation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Score {
    pub tokens: usize,
    /// Tokens with the right head.
    pub heads: usize,
    /// Tokens with the right head and relation.
    pub labelled: usize,
    /// Tokens with the right universal tag (from the tags the parser read).
    pub upos: usize,
    /// Tokens with the right universal tag once the parse refines it ([`parsed_upos`]).
    pub upos_parsed: usize,
}

impl Score {
    pub fn add(&mut self, o: &Score) {
        self.tokens += o.tokens;
        self.heads += o.heads;
        self.labelled += o.labelled;
        self.upos += o.upos;
        self.upos_parsed += o.upos_parsed;
    }
    pub fn uas(&self) -> f64 {
        self.heads as f64 / self.tokens.max(1) as f64
    }
    pub fn las(&self) -> f64 {
        self.labelled as f64 / self.tokens.max(1) as f64
    }
    pub fn upos_accuracy(&self) -> f64 {
        self.upos as f64 / self.tokens.max(1) as f64
    }
    pub fn upos_parsed_accuracy(&self) -> f64 {
        self.upos_parsed as f64 / self.tokens.max(1) as f64
    }
}

/// Parse `s` with `model` reading `tags` and count what it gets right (every token,
/// punctuation included).
pub fn score(
    model: &Model,
    parser: &mut Parser,
    s: &GoldSentence,
    tags: &[Tagged],
    arcs: &mut Vec<Arc>,
) -> Score {
    let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
    parser.parse_into(model, &words, tags, arcs);
    let mut out = Score {
        tokens: s.words.len(),
        ..Score::default()
    };
    for (i, a) in arcs.iter().enumerate() {
        if a.head == s.heads[i] {
            out.heads += 1;
            if a.deprel == s.deprels[i] {
                out.labelled += 1;
            }
        }
        if tags.get(i).is_some_and(|t| t.upos == s.upos[i]) {
            out.upos += 1;
        }
        if parsed_upos(arcs, tags, i) == Some(s.upos[i]) {
            out.upos_parsed += 1;
        }
    }
    out
}

/// Scores of the held-out documents of `docs` by genre (sorted), with the tagger's tags
/// and with gold tags.
pub fn heldout_scores(model: &Model, docs: &[Doc]) -> Vec<(String, Score, Score)> {
    let mut by_genre: Vec<(String, Score, Score)> = Vec::new();
    let mut parser = Parser::default();
    let mut arcs = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        if !is_heldout(i) {
            continue;
        }
        let at = match by_genre.iter().position(|g| g.0 == d.genre) {
            Some(p) => p,
            None => {
                by_genre.push((d.genre.clone(), Score::default(), Score::default()));
                by_genre.len() - 1
            }
        };
        for s in &d.sentences {
            let pred = score(model, &mut parser, s, &predicted_tags(s), &mut arcs);
            let gold = score(model, &mut parser, s, &gold_tags(s), &mut arcs);
            by_genre[at].1.add(&pred);
            by_genre[at].2.add(&gold);
        }
    }
    by_genre.sort_by(|a, b| a.0.cmp(&b.0));
    by_genre
}

/// The table written to `data/parser/heldout_accuracy.txt`.
pub fn accuracy_table(scores: &[(String, Score, Score)]) -> String {
    let mut out = String::from(
        "# galley's parser on the GUM documents held out of training, by genre. Every token\n\
         # counts, punctuation included. UAS, LAS and UPOS read galley's own tags (the real\n\
         # pipeline: tokenizer, tagger, parser); UPOS+parse is the universal tag once the parse\n\
         # refines it (parsed_upos); the last two columns give the parser gold tags instead.\n\
         # Counts: right heads, right heads and relations, right UPOS, right UPOS+parse.\n\
         #\n\
         # genre       tokens     UAS     LAS    UPOS  UPOS+parse  UAS-gold-tags  LAS-gold-tags  counts\n",
    );
    let mut all = (Score::default(), Score::default());
    let mut line = |name: &str, p: &Score, g: &Score| {
        out.push_str(&format!(
            "{name:<13} {:>6}  {:.4}  {:.4}  {:.4}  {:>10.4}  {:>13.4}  {:>13.4}  {} {} {} {}\n",
            p.tokens,
            p.uas(),
            p.las(),
            p.upos_accuracy(),
            p.upos_parsed_accuracy(),
            g.uas(),
            g.las(),
            p.heads,
            p.labelled,
            p.upos,
            p.upos_parsed,
        ));
    };
    for (genre, p, g) in scores {
        line(genre, p, g);
        all.0.add(p);
        all.1.add(g);
    }
    line("all", &all.0, &all.1);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_gives_the_recorded_heldout_accuracy() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let docs = load(&root.join("data/tagger/gum")).expect("the GUM documents");
        let recorded = std::fs::read_to_string(root.join("data/parser/heldout_accuracy.txt"))
            .expect("the recorded accuracy");
        let scores = heldout_scores(&super::super::embedded(), &docs);
        assert_eq!(accuracy_table(&scores), recorded);
        // The held-out documents are the tagger's.
        let tokens: usize = scores.iter().map(|s| s.1.tokens).sum();
        assert_eq!(tokens, 9077);
    }

    #[test]
    fn merged_tokens_keep_a_tree() {
        let text = "1\tall\tall\tDET\tDT\t_\t3\tcompound\t_\tSpaceAfter=No\n\
                    2\t-\t-\tPUNCT\tHYPH\t_\t1\tpunct\t_\tSpaceAfter=No\n\
                    3\tgirl\tgirl\tNOUN\tNN\t_\t4\tcompound\t_\t_\n\
                    4\tteam\tteam\tNOUN\tNN\t_\t7\tnsubj\t_\t_\n\
                    5-6\tcannot\t_\t_\t_\t_\t_\t_\t_\t_\n\
                    5\tcan\tcan\tAUX\tMD\t_\t7\taux\t_\t_\n\
                    6\tnot\tnot\tPART\tRB\t_\t7\tadvmod\t_\t_\n\
                    7\twin\twin\tVERB\tVB\t_\t0\troot\t_\t_\n";
        let s = join(&read_conllu(text)[0]);
        assert_eq!(s.words, ["all-girl", "team", "cannot", "win"]);
        assert_eq!(s.heads, [2, 4, 4, 0]);
        assert_eq!(s.deprels[0], Deprel::Compound);
        assert_eq!(s.deprels[2], Deprel::Aux);
        assert!(s.is_tree);
    }
}
