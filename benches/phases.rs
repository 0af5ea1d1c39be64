//! Where `galley check` spends its time: each analysis stage and each rule, timed alone on
//! one thread over a corpus built from the project's drafts (as `throughput` builds it).
//!
//! `cargo bench --bench phases` (size in MB: `GALLEY_BENCH_MB=4`, default 4).
//! Shared analysis (sentences, lexicon facts, tags) is computed before the rules run, so a
//! rule's figure is its own work.

use std::path::Path;
use std::time::{Duration, Instant};

use galley::config::Settings;
use galley::document::Document;
use galley::rules::{Context, builtin};

fn corpus(mb: usize) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut base = Vec::new();
    for dir in ["examples/drafts", "tests/corpus/sound"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.extension().is_some_and(|e| e == "md")
                && let Ok(s) = std::fs::read_to_string(&p)
            {
                base.push(s);
            }
        }
    }
    assert!(!base.is_empty(), "no drafts found to build the corpus from");
    let mut out = Vec::new();
    let mut bytes = 0;
    while bytes < mb * 1_000_000 {
        for d in &base {
            bytes += d.len();
            out.push(d.clone());
        }
    }
    out
}

fn main() {
    let mb: usize = std::env::var("GALLEY_BENCH_MB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4);
    let docs = corpus(mb);
    let bytes: usize = docs.iter().map(String::len).sum();
    let settings = Settings::default();
    let rules = builtin();
    let mut parse = Duration::ZERO;
    let mut lex = Duration::ZERO;
    let mut tags = Duration::ZERO;
    let mut per_rule = vec![Duration::ZERO; rules.len()];
    let mut out = Vec::new();
    for src in &docs {
        let t = Instant::now();
        let doc = Document::parse(src);
        parse += t.elapsed();
        let t = Instant::now();
        std::hint::black_box(doc.analysis.lex(&doc.prose));
        lex += t.elapsed();
        let t = Instant::now();
        std::hint::black_box(doc.analysis.tags(&doc.prose));
        tags += t.elapsed();
        let cx = Context {
            doc: &doc,
            settings: &settings,
        };
        for (r, rule) in rules.iter().enumerate() {
            let t = Instant::now();
            out.clear();
            rule.check(&cx, &mut out);
            per_rule[r] += t.elapsed();
        }
    }
    let total = parse + lex + tags + per_rule.iter().sum::<Duration>();
    let line = |name: &str, d: Duration| {
        println!(
            "{name:<24} {:>8.1} ms {:>5.1}%  {:>7.1} MB/s",
            d.as_secs_f64() * 1e3,
            100.0 * d.as_secs_f64() / total.as_secs_f64(),
            bytes as f64 / 1e6 / d.as_secs_f64()
        );
    };
    println!(
        "{:.1} MB, {} drafts, one thread",
        bytes as f64 / 1e6,
        docs.len()
    );
    line("parse + sentences", parse);
    line("lexicon facts", lex);
    line("tagging", tags);
    for (r, rule) in rules.iter().enumerate() {
        line(rule.doc().id, per_rule[r]);
    }
    line("total", total);
}
