//! `galley lsp` driven over standard input and output as an editor drives it: JSON-RPC
//! messages with Content-Length headers. Every wait has a timeout, so a server that hangs
//! fails the test instead of hanging it.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(60);
/// The longest a test's server may live: a server that stops reading would otherwise block
/// a write to its standard input for ever.
const LIFETIME: Duration = Duration::from_secs(300);

struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    next_id: i64,
    done: Arc<AtomicBool>,
}

impl Drop for Server {
    fn drop(&mut self) {
        // A failed test leaves no server behind.
        self.done.store(true, Ordering::Relaxed);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One message off the server's standard output; `None` at its end.
fn read_message(out: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if out.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    out.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Server {
    fn start(dir: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_galley"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("galley lsp starts");
        let stdin = child.stdin.take();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            while let Some(msg) = read_message(&mut stdout) {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        let done = Arc::new(AtomicBool::new(false));
        let watched = Arc::clone(&done);
        let pid = child.id().to_string();
        std::thread::spawn(move || {
            let deadline = Instant::now() + LIFETIME;
            while Instant::now() < deadline {
                if watched.load(Ordering::Relaxed) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            let _ = Command::new("kill").args(["-9", &pid]).status();
        });
        Server {
            child,
            stdin,
            messages,
            next_id: 0,
            done,
        }
    }

    /// Started and initialized, as a client that offers no position encoding (UTF-16).
    fn initialized(dir: &Path) -> Server {
        let mut s = Server::start(dir);
        let init = s.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": {
                "textDocument": { "codeAction": { "codeActionLiteralSupport": {
                    "codeActionKind": { "valueSet": ["quickfix"] } } } } } }),
        );
        let caps = &init["result"]["capabilities"];
        assert_eq!(caps["positionEncoding"], "utf-16");
        assert_eq!(caps["textDocumentSync"]["change"], 1); // full
        assert_eq!(
            caps["codeActionProvider"]["codeActionKinds"],
            json!(["quickfix"])
        );
        assert_eq!(init["result"]["serverInfo"]["name"], "galley");
        s.notify("initialized", json!({}));
        s
    }

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        let stdin = self.stdin.as_mut().expect("standard input is open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// The response to a request (the whole message, with `result` or `error`).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait_for(|m| m["id"] == id && m.get("method").is_none())
    }

    fn wait_for(&self, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(m) if wanted(&m) => return m,
                Ok(_) => continue,
                Err(e) => panic!("no answer from galley lsp within {WAIT:?}: {e}"),
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&self, uri: &str) -> Value {
        let m = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        m["params"].clone()
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
        );
    }

    /// Shut down and exit; the exit status.
    fn stop(mut self) -> Option<i32> {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null);
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null);
        self.stdin = None;
        self.exit_status()
    }

    fn exit_status(&mut self) -> Option<i32> {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("galley lsp did not exit within {WAIT:?}");
    }
}

/// A fresh folder of its own for each test.
fn temp_folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("galley-lsp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn range(l1: u32, c1: u32, l2: u32, c2: u32) -> Value {
    json!({ "start": { "line": l1, "character": c1 }, "end": { "line": l2, "character": c2 } })
}

/// "reporte" after 'ë' (2 bytes, 1 UTF-16 unit), '’' (3 bytes, 1 unit) and a chart emoji
/// (4 bytes, 2 units): byte 34 of its line, character 28, UTF-16 unit 29.
const DRAFT: &str = "# Counting the vote\n\nZoë’s 📈 count was initially reporte by the agency.\n";
const FIXED: &str = "# Counting the vote\n\nZoë’s 📈 count was initially reported by the agency.\n";

#[test]
fn a_dropped_suffix_is_published_at_its_utf16_range_fixed_and_cleared() {
    let dir = temp_folder("fix");
    let uri = file_uri(&dir.join("draft.md"));
    let mut s = Server::initialized(&dir);
    s.open(&uri, DRAFT);
    let published = s.diagnostics(&uri);
    assert_eq!(published["version"], 1);
    assert_eq!(
        published["diagnostics"],
        json!([{
            "range": range(2, 29, 2, 36),
            "severity": 1,
            "code": "dropped-suffix",
            "source": "galley",
            "message": "'reporte' looks like 'reported' with its ending dropped\n\
                        help: 'reporte' is not an English word",
        }])
    );

    // The cursor on the word: its fix, as a preferred quick fix.
    let r = s.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": range(2, 31, 2, 31),
                "context": { "diagnostics": published["diagnostics"] } }),
    );
    let actions = r["result"].as_array().expect("a list of actions");
    assert_eq!(actions.len(), 1, "{r}");
    assert_eq!(actions[0]["title"], "write 'reported'");
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(
        actions[0]["edit"]["changes"][&uri],
        json!([{ "range": range(2, 29, 2, 36), "newText": "reported" }])
    );
    // Nothing to fix elsewhere.
    let r = s.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": range(0, 3, 0, 3),
                "context": { "diagnostics": [] } }),
    );
    assert_eq!(r["result"], json!([]));

    // The editor applies the fix: the diagnostic goes.
    s.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 },
                "contentChanges": [{ "text": FIXED }] }),
    );
    let published = s.diagnostics(&uri);
    assert_eq!(published["version"], 2);
    assert_eq!(published["diagnostics"], json!([]));

    assert_eq!(s.stop(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_nearest_galley_toml_is_honoured() {
    let dir = temp_folder("config");
    let quiet = dir.join("quiet");
    std::fs::create_dir_all(quiet.join("drafts")).unwrap();
    std::fs::write(
        quiet.join("galley.toml"),
        "[rules]\ndropped-suffix = \"off\"\n",
    )
    .unwrap();
    let mut s = Server::initialized(&dir);
    let muted = file_uri(&quiet.join("drafts/draft.md"));
    s.open(&muted, DRAFT);
    assert_eq!(s.diagnostics(&muted)["diagnostics"], json!([]));
    // The same text outside that folder is checked with the defaults.
    let loud = file_uri(&dir.join("draft.md"));
    s.open(&loud, DRAFT);
    assert_eq!(
        s.diagnostics(&loud)["diagnostics"][0]["code"],
        "dropped-suffix"
    );
    // A broken configuration is reported on the draft it keeps from being checked.
    let broken = dir.join("broken");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(
        broken.join("galley.toml"),
        "[rules]\ndroped-suffix = \"off\"\n",
    )
    .unwrap();
    let uri = file_uri(&broken.join("draft.md"));
    s.open(&uri, DRAFT);
    let d = &s.diagnostics(&uri)["diagnostics"][0];
    let message = d["message"].as_str().unwrap();
    assert!(
        message.starts_with(&format!(
            "not checked: the configuration {} has errors\n",
            broken.join("galley.toml").display()
        )) && message.contains("did you mean `dropped-suffix`?"),
        "{message}"
    );
    assert_eq!(
        d["relatedInformation"][0]["location"]["uri"],
        file_uri(&broken.join("galley.toml"))
    );
    // Mended on disk: when the editor reports the change, the draft is checked again.
    std::fs::write(
        broken.join("galley.toml"),
        "[rules]\nrepeated-word = \"off\"\n",
    )
    .unwrap();
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": file_uri(&broken.join("galley.toml")), "type": 2 }] }),
    );
    let d = &s.diagnostics(&uri)["diagnostics"];
    assert_eq!(d.as_array().unwrap().len(), 1, "{d}");
    assert_eq!(d[0]["code"], "dropped-suffix");
    assert_eq!(d[0]["range"], range(2, 29, 2, 36));
    assert_eq!(s.stop(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn hostile_documents_still_get_an_answer() {
    let dir = temp_folder("hostile");
    let mut s = Server::initialized(&dir);

    let nul = "untitled:nul";
    s.open(nul, "# Title\n\nHello\0 world.\n");
    assert_eq!(
        s.diagnostics(nul)["diagnostics"],
        json!([{ "range": range(0, 0, 0, 0), "severity": 1, "source": "galley",
                 "message": "binary file (it contains NUL bytes); not checked" }])
    );

    let long = "untitled:long-line";
    let mut line = "word ".repeat(400_000);
    line.push_str("the the end\n");
    s.open(long, &line);
    let d = &s.diagnostics(long)["diagnostics"][0];
    assert_eq!(d["code"], "repeated-word");
    assert_eq!(d["range"], range(0, 2_000_000, 0, 2_000_007));

    // A finding every four words on one long line: each column counts on from the last.
    let many = "untitled:many";
    let text = format!("Zoë {}end.\n", "the ".repeat(100_000));
    let started = Instant::now();
    s.open(many, &text);
    let d = &s.diagnostics(many)["diagnostics"];
    let d: Vec<&Value> = d
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "repeated-word")
        .collect();
    assert_eq!(d.len(), 99_999);
    assert_eq!(d[0]["range"], range(0, 4, 0, 11));
    assert_eq!(d[99_998]["range"], range(0, 399_996, 0, 400_003));
    assert!(
        started.elapsed() < Duration::from_secs(50),
        "{:?}",
        started.elapsed()
    );

    let deep = "untitled:deep";
    let mut nested = ">".repeat(200_000);
    nested.push_str(" the the deep\n");
    s.open(deep, &nested);
    assert!(s.diagnostics(deep)["diagnostics"].is_array());

    let r = s.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": "untitled:never-opened" }, "range": range(0, 0, 0, 0),
                "context": { "diagnostics": [] } }),
    );
    assert_eq!(r["error"]["code"], -32602);
    assert_eq!(
        r["error"]["message"],
        "galley has no open document untitled:never-opened"
    );

    assert_eq!(s.stop(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn exit_without_shutdown_is_status_1() {
    let dir = temp_folder("exit");
    let mut s = Server::initialized(&dir);
    s.notify("exit", Value::Null);
    s.stdin = None;
    assert_eq!(s.exit_status(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}
