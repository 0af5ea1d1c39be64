//! Latency of `galley lsp`: the time from sending `textDocument/didChange` to receiving the
//! `textDocument/publishDiagnostics` for that version, on a 5,000-word draft, as an editor
//! sees it (the real binary over stdio, JSON-RPC framing and all).
//!
//! `cargo bench --bench lsp_latency` (runs: `GALLEY_BENCH_RUNS=25`, default 25).
//! Prints the median, fastest and slowest change. Each change edits one word in the middle
//! of the draft, alternating between a dropped ending and its fix, so every run checks the
//! whole text and publishes a different result.

use std::io::{BufRead, BufReader, Write};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Sentences written for this benchmark; slots filled from the lists below so that no two
/// sentences repeat.
const SENTENCES: &[&str] = &[
    "The {body} in {town} voted on Tuesday to delay the {thing} by {n} months.",
    "Officials said the {thing} would cost about {n} million euros, more than first planned.",
    "{name}, who chairs the {body}, told reporters that the vote had been close.",
    "Residents of {town} have argued for years that the {thing} was too large for the valley.",
    "A report published in {month} found that traffic near the site had doubled since {year}.",
    "The {body} will meet again in {month} to hear from engineers and from the public.",
    "{name} said she expected the {thing} to open before the end of {year}.",
    "Critics pointed out that the same {thing} had been promised twice before.",
    "The regional government has not said whether it will pay for the {thing}.",
    "In {town}, shopkeepers said the works had already kept customers away for {n} weeks.",
    "Engineers found cracks in the old {thing} during an inspection in {month}.",
    "{name} declined to say how many jobs the project would bring to {town}.",
    "The {body} approved a smaller budget for schools and libraries in the same session.",
    "Opposition members walked out before the final vote, saying they had not seen the plans.",
    "According to the minutes, {n} people spoke during the public hearing in {month}.",
    "Farmers near {town} fear that the {thing} will cut them off from their fields.",
    "The contract was awarded to a firm based in {town} after a tender that lasted {n} weeks.",
    "{name} promised that the {body} would publish every document related to the {thing}.",
    "Water levels in the river rose sharply in {month}, flooding two streets in {town}.",
    "The mayor of {town} said the delay was disappointing but not a surprise.",
];
const BODIES: &[&str] = &[
    "council",
    "planning board",
    "regional assembly",
    "transport committee",
];
const TOWNS: &[&str] = &[
    "Ålesund", "Bergen", "Tromsø", "Kirkenes", "Molde", "Narvik", "Bodø", "Harstad", "Alta",
];
const THINGS: &[&str] = &[
    "bridge",
    "ring road",
    "ferry terminal",
    "rail link",
    "tunnel",
];
const NAMES: &[&str] = &["Ingrid Solberg", "Marte Lie", "Kari Nilsen", "Sofie Berg"];
const MONTHS: &[&str] = &["January", "March", "May", "August", "October", "November"];

fn pick<'a>(list: &[&'a str], seed: &mut u64) -> &'a str {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    list[(*seed >> 33) as usize % list.len()]
}

/// A news draft of about `words` words: a headline, sections, paragraphs of four to six
/// sentences, and the one word each change edits (`{edit}`) in the middle.
fn draft(words: usize) -> String {
    let mut seed = 7;
    let mut out = String::from("# Valley council delays the ring road again\n\n");
    let mut count = 0;
    let mut paragraph = 0;
    while count < words {
        if paragraph % 8 == 7 {
            out.push_str(&format!("## Part {}\n\n", paragraph / 8 + 1));
        }
        if count >= words / 2 && !out.contains("{edit}") {
            out.push_str("The figure was first {edit} by the agency in the spring.\n\n");
        }
        let n = 4 + paragraph % 3;
        let mut sentences = Vec::new();
        for i in 0..n {
            let template = SENTENCES[(paragraph * 7 + i * 3) % SENTENCES.len()];
            let s = template
                .replace("{body}", pick(BODIES, &mut seed))
                .replace("{town}", pick(TOWNS, &mut seed))
                .replace("{thing}", pick(THINGS, &mut seed))
                .replace("{name}", pick(NAMES, &mut seed))
                .replace("{month}", pick(MONTHS, &mut seed))
                .replace("{year}", &(1990 + (paragraph + i) % 30).to_string())
                .replace("{n}", &(3 + (paragraph * 13 + i * 7) % 90).to_string());
            count += s.split_whitespace().count();
            sentences.push(s);
        }
        out.push_str(&sentences.join(" "));
        out.push_str("\n\n");
        paragraph += 1;
    }
    out
}

fn read_message(out: &mut impl BufRead) -> Option<Value> {
    let mut length = 0;
    loop {
        let mut line = String::new();
        if out.read_line(&mut line).ok()? == 0 {
            return None;
        }
        match line.trim_end() {
            "" => break,
            header => {
                if let Some(n) = header.strip_prefix("Content-Length: ") {
                    length = n.parse().ok()?;
                }
            }
        }
    }
    let mut body = vec![0; length];
    out.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn send(stdin: &mut ChildStdin, msg: Value) {
    let body = msg.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    stdin.flush().unwrap();
}

/// Wait for the diagnostics of `version`; how many there were.
fn published(messages: &mpsc::Receiver<Value>, version: i64) -> usize {
    loop {
        let m = messages
            .recv_timeout(Duration::from_secs(60))
            .expect("galley lsp answers within a minute");
        if m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version {
            return m["params"]["diagnostics"].as_array().map_or(0, Vec::len);
        }
    }
}

fn main() {
    let runs: usize = std::env::var("GALLEY_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(25);
    let template = draft(5000);
    let words = template.split_whitespace().count();
    let texts = [
        template.replace("{edit}", "reporte"),
        template.replace("{edit}", "reported"),
    ];

    let dir = std::env::temp_dir().join(format!("galley-lsp-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let uri = format!("file://{}/draft.md", dir.display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_galley"))
        .arg("lsp")
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("galley lsp starts");
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let (tx, messages) = mpsc::channel();
    std::thread::spawn(move || {
        while let Some(m) = read_message(&mut stdout) {
            if tx.send(m).is_err() {
                break;
            }
        }
    });

    send(
        &mut stdin,
        json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": { "processId": null, "rootUri": null, "capabilities": {} } }),
    );
    send(
        &mut stdin,
        json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }),
    );
    send(
        &mut stdin,
        json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": { "uri": uri, "languageId": "markdown", "version": 0,
                              "text": texts[1] } } }),
    );
    let start = Instant::now();
    let first = published(&messages, 0);
    let open = start.elapsed();

    let mut times = Vec::new();
    let mut counts = [0, 0];
    for version in 1..=runs as i64 {
        let text = &texts[(version % 2) as usize];
        let change = json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [{ "text": text }] } });
        let start = Instant::now();
        send(&mut stdin, change);
        counts[(version % 2) as usize] = published(&messages, version);
        times.push(start.elapsed());
    }
    send(
        &mut stdin,
        json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null }),
    );
    send(
        &mut stdin,
        json!({ "jsonrpc": "2.0", "method": "exit", "params": null }),
    );
    drop(stdin);
    let status = child.wait().unwrap();
    let _ = std::fs::remove_dir_all(&dir);

    assert_eq!(
        counts[0],
        counts[1] + 1,
        "the dropped ending should add exactly one finding"
    );
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "galley lsp: {words}-word draft ({} bytes), {first} findings; didOpen to diagnostics \
         {:.1} ms",
        texts[1].len(),
        ms(open)
    );
    println!(
        "didChange to publishDiagnostics over {runs} changes: median {:.1} ms, fastest {:.1} ms, \
         slowest {:.1} ms (server exit status {})",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        status.code().unwrap_or(-1)
    );
}
