//! The server on an in-memory connection, with checks that can be made to fail.

use std::thread::JoinHandle;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, ResponseError};
use serde_json::{Value, json};

use super::check::galley;
use super::serve;
use crate::diagnostic::Diagnostic;
use crate::error::ExitStatus;
use crate::registry::RuleSet;

/// Panics on any text with "boom" in it, as a broken rule would.
fn flaky(text: String, set: &RuleSet) -> Vec<Diagnostic> {
    if text.contains("boom") {
        panic!("a rule fell over");
    }
    galley(text, set)
}

struct Client {
    conn: Connection,
    server: Option<JoinHandle<(ExitStatus, bool)>>,
    next_id: i32,
}

const URI: &str = "untitled:draft-1";

impl Client {
    fn start() -> Client {
        let (server, client) = Connection::memory();
        let handle = std::thread::spawn(move || serve(&server, flaky));
        let mut c = Client {
            conn: client,
            server: Some(handle),
            next_id: 0,
        };
        let init = c.request("initialize", json!({ "capabilities": {} }));
        assert_eq!(init.unwrap()["capabilities"]["positionEncoding"], "utf-16");
        c.notify("initialized", json!({}));
        c
    }

    fn notify(&self, method: &str, params: Value) {
        let n = Notification::new(method.to_string(), params);
        self.conn.sender.send(n.into()).unwrap();
    }

    fn request(&mut self, method: &str, params: Value) -> Result<Value, ResponseError> {
        self.next_id += 1;
        let id = self.next_id;
        let req = Request::new(id.into(), method.to_string(), params);
        self.conn.sender.send(req.into()).unwrap();
        loop {
            match self.recv() {
                Message::Response(r) if r.id == id.into() => return r.response_result,
                _ => continue,
            }
        }
    }

    fn recv(&self) -> Message {
        self.conn
            .receiver
            .recv_timeout(Duration::from_secs(20))
            .expect("the server answers")
    }

    /// The next notification of `method`, skipping others.
    fn next(&self, method: &str) -> Value {
        loop {
            if let Message::Notification(n) = self.recv()
                && n.method == method
            {
                return n.params;
            }
        }
    }

    fn open(&self, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": URI, "languageId": "markdown", "version": 1, "text": text } }),
        );
    }

    fn change(&self, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": URI, "version": version },
                    "contentChanges": [{ "text": text }] }),
        );
    }

    fn code_actions(&mut self, line: u32, character: u32) -> Result<Value, ResponseError> {
        let at = json!({ "line": line, "character": character });
        self.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": URI }, "range": { "start": at, "end": at },
                    "context": { "diagnostics": [] } }),
        )
    }

    fn finish(mut self) -> ExitStatus {
        let handle = self.server.take().unwrap();
        handle.join().unwrap().0
    }
}

#[test]
fn a_check_that_panics_is_logged_and_the_last_diagnostics_stay() {
    let mut c = Client::start();
    c.open("The the vote was close.\n");
    let published = c.next("textDocument/publishDiagnostics");
    assert_eq!(published["diagnostics"][0]["code"], "repeated-word");

    c.change(2, "The the vote was close, boom.\n");
    let log = c.next("window/logMessage");
    assert_eq!(log["type"], 1);
    let message = log["message"].as_str().unwrap();
    assert!(
        message.starts_with("galley could not check untitled:draft-1: ")
            && message.contains("a rule fell over"),
        "{message}"
    );
    // No fixes for bytes the last check did not read.
    let r = c.code_actions(0, 1);
    assert_eq!(r.unwrap(), json!([]));

    // The server is still there, and checks the next text.
    c.change(3, "A vote was close. The the count was not.\n");
    let published = c.next("textDocument/publishDiagnostics");
    assert_eq!(published["version"], 3);
    assert_eq!(
        published["diagnostics"][0]["range"],
        json!({ "start": { "line": 0, "character": 18 }, "end": { "line": 0, "character": 25 } })
    );
    let r = c.code_actions(0, 20);
    assert_eq!(r.unwrap()[0]["kind"], "quickfix");

    assert!(c.request("shutdown", Value::Null).is_ok());
    c.notify("exit", Value::Null);
    assert_eq!(c.finish(), ExitStatus::Ok);
}

#[test]
fn requests_for_unknown_documents_and_after_shutdown_are_errors() {
    let mut c = Client::start();
    let r = c.code_actions(0, 0);
    let e = r.expect_err("an error");
    assert_eq!(e.code, lsp_server::ErrorCode::InvalidParams as i32);
    assert_eq!(e.message, "galley has no open document untitled:draft-1");

    let r = c.request("textDocument/hover", json!({}));
    assert_eq!(
        r.unwrap_err().code,
        lsp_server::ErrorCode::MethodNotFound as i32
    );

    assert!(c.request("shutdown", Value::Null).is_ok());
    let r = c.code_actions(0, 0);
    assert_eq!(
        r.unwrap_err().code,
        lsp_server::ErrorCode::InvalidRequest as i32
    );
    c.notify("exit", Value::Null);
    assert_eq!(c.finish(), ExitStatus::Ok);
}

#[test]
fn exit_without_shutdown_is_status_1() {
    let c = Client::start();
    c.notify("exit", Value::Null);
    assert_eq!(c.finish(), ExitStatus::Findings);
}

#[test]
fn ranged_changes_are_applied_and_closing_clears_the_diagnostics() {
    let mut c = Client::start();
    c.open("Zoë’s 📈 count was the the total.\n");
    let published = c.next("textDocument/publishDiagnostics");
    assert_eq!(
        published["diagnostics"][0]["range"]["start"],
        json!({ "line": 0, "character": 19 })
    );
    // Delete the first "the " (UTF-16 columns 19..23).
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 2 },
                "contentChanges": [{ "range": {
                    "start": { "line": 0, "character": 19 },
                    "end": { "line": 0, "character": 23 } }, "text": "" }] }),
    );
    let published = c.next("textDocument/publishDiagnostics");
    assert_eq!(published["diagnostics"], json!([]), "{published}");
    c.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": URI } }),
    );
    let published = c.next("textDocument/publishDiagnostics");
    assert_eq!(published["diagnostics"], json!([]));
    assert_eq!(c.code_actions(0, 0).unwrap_err().code, -32602);
    c.notify("exit", Value::Null);
    assert_eq!(c.finish(), ExitStatus::Findings);
}
