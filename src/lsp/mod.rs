//! `galley lsp`: a Language Server Protocol 3.17 server on standard input and output.
//!
//! Editors send the drafts they have open; galley checks each one as `galley check` would
//! (the nearest `galley.toml` of the document's file, through one [`crate::config::Resolver`]
//! per server), publishes the findings as diagnostics and offers their fixes as quick fixes.
//!
//! - [`position`]: byte offsets ↔ positions in UTF-16 (or UTF-8, when the client offers it);
//! - [`uri`]: `file:` URIs ↔ paths;
//! - [`convert`]: findings → diagnostics, fixes → code actions;
//! - [`check`]: one document checked, refusals as on the command line, panics caught;
//! - [`server`]: the open documents and the handling of each message.
//!
//! One thread does the work: messages are read and written by lsp-server's two threads,
//! and the main loop handles every message waiting before it checks the documents that
//! changed, so a burst of keystrokes costs one check.

pub mod check;
pub mod convert;
pub mod position;
pub mod server;
pub mod uri;

use lsp_server::{Connection, ErrorCode, Message, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::{RegisterCapability, Request as _};
use lsp_types::{
    ClientCapabilities, CodeActionKind, CodeActionOptions, CodeActionProviderCapability,
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, InitializeParams,
    InitializeResult, Registration, RegistrationParams, SaveOptions, ServerCapabilities,
    ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions,
};

use crate::error::ExitStatus;
use position::Encoding;
use server::Server;

/// Serve one client on standard input and output until it says `exit`: status 0 after a
/// `shutdown` request, 1 without one (or when the client goes away without a word).
pub fn run() -> ExitStatus {
    check::install_panic_hook();
    let (conn, io) = Connection::stdio();
    let (status, reader_done) = serve(&conn, check::galley);
    drop(conn);
    if reader_done {
        // Lets the writer send what is queued. With a protocol error the reader may still be
        // waiting on the client, so it is left to end with the process.
        let _ = io.join();
    }
    status
}

/// The server's life on a connection; the exit status, and whether the client has stopped
/// sending (so that the reading thread has ended).
pub fn serve(conn: &Connection, checker: check::Checker) -> (ExitStatus, bool) {
    let (id, params) = match conn.initialize_start() {
        Ok(start) => start,
        Err(e) => {
            eprintln!("galley lsp: {e}");
            return (ExitStatus::Findings, false);
        }
    };
    let params: InitializeParams = match serde_json::from_value(params) {
        Ok(p) => p,
        Err(e) => {
            let msg = format!("malformed initialize parameters: {e}");
            eprintln!("galley lsp: {msg}");
            let _ = conn
                .sender
                .send(Response::new_err(id, ErrorCode::InvalidParams as i32, msg).into());
            return (ExitStatus::Findings, false);
        }
    };
    let encoding = Encoding::negotiate(
        params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    );
    let result = InitializeResult {
        capabilities: capabilities(&params.capabilities, encoding),
        server_info: Some(ServerInfo {
            name: "galley".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
    };
    let result = serde_json::to_value(result).expect("the result serializes");
    if let Err(e) = conn.initialize_finish(id, result) {
        eprintln!("galley lsp: {e}");
        return (ExitStatus::Findings, false);
    }
    if watches_files(&params.capabilities) {
        watch_configuration(conn);
    }

    let mut server = Server::new(conn, encoding, checker);
    loop {
        let Ok(msg) = conn.receiver.recv() else {
            return (ExitStatus::Findings, true);
        };
        if let Some(status) = server.handle(msg) {
            return (status, true);
        }
        // Everything already waiting first (a burst of changes is checked once).
        while let Ok(msg) = conn.receiver.try_recv() {
            if let Some(status) = server.handle(msg) {
                return (status, true);
            }
        }
        server.check_dirty();
    }
}

fn capabilities(client: &ClientCapabilities, encoding: Encoding) -> ServerCapabilities {
    // Options are for clients that take code action literals; others get `true`.
    let literals = client
        .text_document
        .as_ref()
        .and_then(|t| t.code_action.as_ref())
        .is_some_and(|c| c.code_action_literal_support.is_some());
    let code_actions = if literals {
        CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            resolve_provider: Some(false),
            work_done_progress_options: Default::default(),
        })
    } else {
        CodeActionProviderCapability::Simple(true)
    };
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                will_save: None,
                will_save_wait_until: None,
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
            },
        )),
        code_action_provider: Some(code_actions),
        ..Default::default()
    }
}

fn watches_files(client: &ClientCapabilities) -> bool {
    client
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false)
}

/// Ask the client to say when a `galley.toml` or a rule pack (any `.toml`) changes, so that
/// the configuration is read again.
fn watch_configuration(conn: &Connection) {
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: vec![FileSystemWatcher {
            glob_pattern: GlobPattern::String("**/*.toml".to_string()),
            kind: None,
        }],
    };
    let params = RegistrationParams {
        registrations: vec![Registration {
            id: "galley-configuration".to_string(),
            method: lsp_types::notification::DidChangeWatchedFiles::METHOD.to_string(),
            register_options: serde_json::to_value(options).ok(),
        }],
    };
    let req = lsp_server::Request::new(
        "galley-register-1".to_string().into(),
        RegisterCapability::METHOD.to_string(),
        params,
    );
    let _ = conn.sender.send(Message::Request(req));
}

#[cfg(test)]
mod tests;
