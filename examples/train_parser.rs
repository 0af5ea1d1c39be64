//! Train galley's dependency parser and measure it on held-out GUM documents.
//!
//! `cargo run --release --example train_parser [-- --epochs N --beam N --min-weight W
//! --ensemble N --out DIR]`
//!
//! `--beam N` trains for beam search with N hypotheses (1: greedy, with the dynamic oracle);
//! `--early-update` updates at the first step the gold hypothesis falls out of the beam
//! instead of the step of largest violation; `--parse-beam N` writes a model that asks for a
//! beam of N hypotheses whatever it was trained with.
//!
//! `-- --dev` trains without the development documents and measures on them instead of
//! writing a model (see `data/parser/README.md`).
//!
//! `-- --measure` measures the model in DIR again (after a change to the parser that does
//! not change its features), `-- --speed` times it, `-- --parse TEXT` prints the arcs of
//! TEXT's lines (tokens separated by spaces).
//!
//! Reads `data/tagger/gum/`, writes `data/parser/model.bin` and
//! `data/parser/heldout_accuracy.txt` (see `data/parser/README.md`). Deterministic.

use std::path::PathBuf;
use std::time::Instant;

use galley::language::parser::model::Model;
use galley::language::parser::train::{self, Options};
use galley::language::parser::{Arc, Parser};

fn main() {
    let mut opts = Options::default();
    let mut out = PathBuf::from("data/parser");
    let mut data = PathBuf::from("data/tagger/gum");
    let mut speed_only = false;
    let mut measure_only = false;
    let mut dev = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().expect("a value after the option");
        match a.as_str() {
            "--epochs" => opts.epochs = value().parse().expect("a number"),
            "--explore-from" => opts.explore_from = value().parse().expect("a number"),
            "--explore-p" => opts.explore_p = value().parse().expect("a number"),
            "--ensemble" => opts.ensemble = value().parse().expect("a number"),
            "--beam" => opts.beam = value().parse().expect("a number"),
            "--parse-beam" => opts.parse_beam = value().parse().expect("a number"),
            "--early-update" => opts.max_violation = false,
            "--seed" => opts.seed = value().parse().expect("a number"),
            "--min-weight" => opts.min_weight = value().parse().expect("a number"),
            "--sweep" => {
                opts.sweep = value()
                    .split(',')
                    .map(|v| v.parse().expect("numbers"))
                    .collect()
            }
            "--sweep-dir" => opts.sweep_dir = Some(PathBuf::from(value())),
            "--out" => out = PathBuf::from(value()),
            "--data" => data = PathBuf::from(value()),
            "--speed" => speed_only = true,
            "--measure" => measure_only = true,
            "--dev" => dev = true,
            "--parse" => {
                // Parse sentences (one per line, tokens separated by spaces) with the model
                // in the output directory, and print their arcs.
                let bytes = std::fs::read(out.join("model.bin")).expect("a model");
                let model = Model::new(&bytes).expect("a readable model");
                for line in value().lines() {
                    let words: Vec<&str> = line.split(' ').filter(|w| !w.is_empty()).collect();
                    let tags = galley::language::tagger::tag(&words);
                    let mut arcs = Vec::new();
                    Parser::default().parse_into(&model, &words, &tags, &mut arcs);
                    for (i, (a, t)) in arcs.iter().zip(&tags).enumerate() {
                        println!(
                            "{}\t{}\t{}\t{}\t{}",
                            i + 1,
                            words[i],
                            t.xpos.as_str(),
                            a.head,
                            a.deprel.as_str()
                        );
                    }
                    println!();
                }
                return;
            }
            _ => panic!("unknown option {a}"),
        }
    }
    let t0 = Instant::now();
    let docs = train::load(&data).expect("the GUM documents");
    if measure_only {
        // Measure the model in the output directory again and rewrite its table.
        let bytes = std::fs::read(out.join("model.bin")).expect("a model");
        let model = Model::new(&bytes).expect("a readable model");
        let table = train::accuracy_table(&train::heldout_scores(&model, &docs));
        eprint!("{table}");
        std::fs::write(out.join("heldout_accuracy.txt"), &table).expect("table written");
        return;
    }
    if speed_only {
        // Measure the speed of the model in the output directory only.
        let bytes = std::fs::read(out.join("model.bin")).expect("a model");
        let model = Model::new(&bytes).expect("a readable model");
        speed(&model, &docs, t0);
        return;
    }
    // Jackknifed tags (scripts/parser/jackknife_tags.py) when there are, else the tagger's.
    let jackknife = std::fs::read_to_string(out.join("jackknife_tags.tsv"))
        .map(|t| train::read_tags(&t))
        .unwrap_or_default();
    let mut sents = Vec::new();
    let mut held = 0;
    let mut from_jackknife = 0;
    let mut dev_sents = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        if train::is_heldout(i) {
            held += d.sentences.iter().map(|s| s.words.len()).sum::<usize>();
            continue;
        }
        if dev && train::is_dev(i) {
            for (k, s) in d.sentences.iter().enumerate() {
                if let Some(t) = jackknife.get(&d.name).and_then(|ss| ss.get(k))
                    && t.len() == s.words.len()
                {
                    dev_sents.push((s, t.clone()));
                }
            }
            continue;
        }
        for (k, s) in d.sentences.iter().enumerate() {
            let tags = match jackknife.get(&d.name).and_then(|ss| ss.get(k)) {
                Some(t) if t.len() == s.words.len() => {
                    from_jackknife += 1;
                    t.clone()
                }
                _ => train::predicted_tags(s),
            };
            sents.push((s, tags));
        }
    }
    eprintln!("{from_jackknife} sentences with jackknifed tags");
    eprintln!(
        "{} training sentences ({} tokens), {} held-out tokens",
        sents.len(),
        sents.iter().map(|s| s.0.words.len()).sum::<usize>(),
        held
    );
    // The sweep measures on the development documents with `--dev`, else on the held-out
    // ones.
    let measure = |m: &Model| {
        let mut all = train::Score::default();
        if dev {
            let mut parser = Parser::default();
            let mut arcs = Vec::new();
            for (s, tags) in &dev_sents {
                all.add(&train::score(m, &mut parser, s, tags, &mut arcs));
            }
        } else {
            for (_, p, _) in train::heldout_scores(m, &docs) {
                all.add(&p);
            }
        }
        all
    };
    let bytes = train::train(&sents, &measure, &opts, &mut |m| eprintln!("{m}"));
    if dev {
        // Measure on the development documents (training documents left out of this
        // training, with their jackknifed tags), never on the held-out ones.
        let model = Model::new(&bytes).expect("a readable model");
        let all = measure(&model);
        eprintln!(
            "dev: {} tokens, UAS {:.4} LAS {:.4} ({} {}), model {} bytes",
            all.tokens,
            all.uas(),
            all.las(),
            all.heads,
            all.labelled,
            bytes.len()
        );
        return;
    }
    std::fs::create_dir_all(&out).expect("the output directory");
    std::fs::write(out.join("model.bin"), &bytes).expect("model.bin written");
    eprintln!("model: {} bytes", bytes.len());
    let model = Model::new(&bytes).expect("a readable model");
    let scores = train::heldout_scores(&model, &docs);
    let table = train::accuracy_table(&scores);
    eprint!("{table}");
    std::fs::write(out.join("heldout_accuracy.txt"), &table).expect("table written");

    speed(&model, &docs, t0);
}

/// Parse the held-out sentences ten times, with their tags computed beforehand, and print
/// the speed.
fn speed(model: &Model, docs: &[train::Doc], t0: Instant) {
    let held_sents: Vec<_> = docs
        .iter()
        .enumerate()
        .filter(|(i, _)| train::is_heldout(*i))
        .flat_map(|(_, d)| d.sentences.iter())
        .map(|s| {
            (
                s.words.iter().map(String::as_str).collect::<Vec<_>>(),
                train::predicted_tags(s),
            )
        })
        .collect();
    let mut parser = Parser::default();
    let mut arcs: Vec<Arc> = Vec::new();
    let t = Instant::now();
    let cpu = cpu_ns();
    let mut tokens = 0;
    for _ in 0..10 {
        for (w, tags) in &held_sents {
            parser.parse_into(model, w, tags, &mut arcs);
            tokens += arcs.len();
        }
    }
    let cpu = (cpu_ns() - cpu) as f64 / 1e9;
    eprintln!(
        "parsing: {:.0} tokens/s of wall time, {:.0} tokens per second of CPU time; total {:.0}s",
        tokens as f64 / t.elapsed().as_secs_f64(),
        tokens as f64 / cpu.max(1e-9),
        t0.elapsed().as_secs_f64()
    );
}

/// The time this thread spent on a CPU, in nanoseconds (Linux; 0 elsewhere).
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}
