//! Throughput of `galley check` on a news-like Markdown corpus built from the project's own
//! drafts (examples/drafts and tests/corpus/sound), repeated to the requested size.
//!
//! `cargo bench --bench throughput` (size in MB: `GALLEY_BENCH_MB=20`, default 20).
//! `GALLEY_BENCH_DIR=DIR` reads the Markdown files under DIR instead, each once unless
//! `GALLEY_BENCH_MB` asks for more: a corpus that does not repeat itself shows what the
//! per-word memos gain from the default corpus's repetition.
//! Prints MB/s and words/s, the time to first output on a one-paragraph draft (in process,
//! and as `galley check` run as a process, start-up included) and peak memory (VmHWM) of
//! this process.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use galley::config::Settings;
use galley::document::Document;

fn drafts(dirs: &[PathBuf]) -> Vec<String> {
    let mut out = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                out.extend(drafts(&[p]));
            } else if p.extension().is_some_and(|e| e == "md")
                && let Ok(s) = std::fs::read_to_string(&p)
            {
                out.push(s);
            }
        }
    }
    out
}

/// Median time from starting `galley check` on a file holding `text` to its first byte of
/// output, over a few runs.
fn process_first_output(text: &str) -> Option<Duration> {
    let dir = std::env::temp_dir().join(format!("galley-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join("draft.md");
    std::fs::write(&path, text).ok()?;
    let mut times = Vec::new();
    for _ in 0..11 {
        let start = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_galley"))
            .args(["check", "--format", "short", "--no-config"])
            .arg(&path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let mut first = [0u8; 1];
        let got = child.stdout.as_mut()?.read(&mut first).ok()?;
        times.push(start.elapsed());
        let _ = child.wait();
        if got == 0 {
            return None;
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    times.sort();
    Some(times[times.len() / 2])
}

fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let own = std::env::var_os("GALLEY_BENCH_DIR").map(PathBuf::from);
    let base = match &own {
        Some(dir) => drafts(std::slice::from_ref(dir)),
        None => {
            let root = Path::new(env!("CARGO_MANIFEST_DIR"));
            drafts(&[
                root.join("examples/drafts"),
                root.join("tests/corpus/sound"),
            ])
        }
    };
    assert!(!base.is_empty(), "no drafts found to build the corpus from");
    let once: usize = base.iter().map(String::len).sum();
    let mb_bytes: usize = std::env::var("GALLEY_BENCH_MB")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
        .map_or(if own.is_some() { once } else { 20_000_000 }, |mb| {
            mb * 1_000_000
        });
    let settings = Settings::default();

    // One paragraph, cold: time to first output of a single small draft.
    let para = "# Council votes\n\nThe council voted on Tuesday to close the the library.\n";
    let t = Instant::now();
    let d = galley::check_str(para, &settings);
    let first = t.elapsed();
    assert!(!d.is_empty());
    let process = process_first_output(para);

    let mut corpus = Vec::new();
    let mut bytes = 0usize;
    'fill: loop {
        for d in &base {
            if bytes >= mb_bytes {
                break 'fill;
            }
            bytes += d.len();
            corpus.push(d.as_str());
        }
    }
    let words: usize = corpus.iter().map(|d| d.split_whitespace().count()).sum();

    // Drafts are handed out one at a time, as `galley check` does, so that a thread that
    // finishes early takes more work.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let next = AtomicUsize::new(0);
    let t = Instant::now();
    let findings: usize = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let (settings, corpus, next) = (&settings, &corpus, &next);
                s.spawn(move || {
                    let mut found = 0;
                    while let Some(src) = corpus.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let doc = Document::parse(*src);
                        found += galley::check_document(&doc, settings).len();
                    }
                    found
                })
            })
            .collect();
        workers.into_iter().map(|h| h.join().unwrap()).sum()
    });
    let secs = t.elapsed().as_secs_f64();
    println!(
        "corpus: {:.1} MB, {} words, {} drafts, {} threads",
        bytes as f64 / 1e6,
        words,
        corpus.len(),
        threads
    );
    println!(
        "throughput: {:.1} MB/s, {:.0} words/s ({} findings in {:.2} s)",
        bytes as f64 / 1e6 / secs,
        words as f64 / secs,
        findings,
        secs
    );
    println!(
        "one-paragraph draft, first check in process: {:.2} ms",
        first.as_secs_f64() * 1e3
    );
    match process {
        Some(p) => println!(
            "one-paragraph draft, first output of `galley check` as a process (median of 11): {:.2} ms",
            p.as_secs_f64() * 1e3
        ),
        None => println!("one-paragraph draft as a process: could not run galley"),
    }
    if let Some(m) = peak_memory_mb() {
        println!("peak memory (VmHWM): {m:.0} MB");
    }
}
