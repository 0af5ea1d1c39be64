//! The server's state and what it does with each message: the open documents, their last
//! findings, and the configuration each is checked under.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Exit, LogMessage, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, Request as _, Shutdown};
use lsp_types::{
    CodeActionKind, CodeActionParams, CodeActionResponse, DiagnosticRelatedInformation,
    DiagnosticSeverity, DidChangeTextDocumentParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, Location, LogMessageParams, MessageType,
    PublishDiagnosticsParams, ShowMessageParams, Uri,
};
use serde::de::DeserializeOwned;

use super::check::{self, Checker, Outcome};
use super::convert::{self, SOURCE};
use super::position::{Encoding, LineMap};
use super::uri;
use crate::config::{CliOverrides, Resolver};
use crate::diagnostic::Diagnostic;
use crate::error::ExitStatus;
use crate::registry::RuleSet;
use crate::settings::ConfigError;

/// An open document.
struct Doc {
    text: String,
    version: i32,
    /// Its file, for its configuration; `None` for an unsaved (`untitled:`) document.
    path: Option<PathBuf>,
    /// Changed since it was last checked.
    dirty: bool,
    /// The last check that finished: the text it read and what it found. A check that
    /// panics leaves it (and the diagnostics the editor shows) as it was.
    checked: Option<Checked>,
}

struct Checked {
    text: String,
    diags: Vec<Diagnostic>,
}

pub struct Server<'c> {
    conn: &'c Connection,
    encoding: Encoding,
    resolver: Resolver,
    docs: HashMap<Uri, Doc>,
    checker: Checker,
    shut_down: bool,
    /// Configuration errors met so far, by configuration file, to repeat on each document
    /// that configuration keeps from being checked (the resolver reports each once).
    config_errors: BTreeMap<PathBuf, Vec<ConfigError>>,
}

fn new_resolver() -> Resolver {
    Resolver::new(None, true, CliOverrides::default())
}

impl<'c> Server<'c> {
    pub fn new(conn: &'c Connection, encoding: Encoding, checker: Checker) -> Server<'c> {
        Server {
            conn,
            encoding,
            resolver: new_resolver(),
            docs: HashMap::new(),
            checker,
            shut_down: false,
            config_errors: BTreeMap::new(),
        }
    }

    /// Handle one message; `Some(status)` when the client said `exit`.
    pub fn handle(&mut self, msg: Message) -> Option<ExitStatus> {
        match msg {
            Message::Request(req) => {
                self.on_request(req);
                None
            }
            Message::Notification(n) => self.on_notification(n),
            // The answer to our request to watch configuration files: nothing to do.
            Message::Response(_) => None,
        }
    }

    fn on_request(&mut self, req: Request) {
        if self.shut_down {
            return self.respond_err(
                req.id,
                ErrorCode::InvalidRequest,
                "the server is shutting down".to_string(),
            );
        }
        match req.method.as_str() {
            Shutdown::METHOD => {
                self.shut_down = true;
                self.send(Response::new_ok(req.id, ()));
            }
            CodeActionRequest::METHOD => match params::<CodeActionParams>(req.params) {
                Ok(p) => match self.code_actions(&p) {
                    Ok(actions) => self.send(Response::new_ok(req.id, actions)),
                    Err(msg) => self.respond_err(req.id, ErrorCode::InvalidParams, msg),
                },
                Err(msg) => self.respond_err(req.id, ErrorCode::InvalidParams, msg),
            },
            other => self.respond_err(
                req.id,
                ErrorCode::MethodNotFound,
                format!("galley does not answer `{other}`"),
            ),
        }
    }

    fn on_notification(&mut self, n: Notification) -> Option<ExitStatus> {
        if n.method == Exit::METHOD {
            // The protocol's exit codes: 0 after `shutdown`, 1 without it.
            return Some(if self.shut_down {
                ExitStatus::Ok
            } else {
                ExitStatus::Findings
            });
        }
        if self.shut_down {
            return None;
        }
        let done = match n.method.as_str() {
            DidOpenTextDocument::METHOD => params(n.params).map(|p| self.did_open(p)),
            DidChangeTextDocument::METHOD => params(n.params).map(|p| self.did_change(p)),
            DidSaveTextDocument::METHOD => params(n.params).map(|p| self.did_save(p)),
            DidCloseTextDocument::METHOD => params(n.params).map(|p| self.did_close(p)),
            DidChangeWatchedFiles::METHOD => {
                self.reload_configuration();
                Ok(())
            }
            _ => Ok(()),
        };
        if let Err(msg) = done {
            self.log(MessageType::WARNING, format!("galley: {}: {msg}", n.method));
        }
        None
    }

    fn did_open(&mut self, p: DidOpenTextDocumentParams) {
        let doc = p.text_document;
        let path = uri::to_path(&doc.uri);
        self.docs.insert(
            doc.uri,
            Doc {
                text: doc.text,
                version: doc.version,
                path,
                dirty: true,
                checked: None,
            },
        );
    }

    fn did_change(&mut self, p: DidChangeTextDocumentParams) {
        let encoding = self.encoding;
        let Some(doc) = self.docs.get_mut(&p.text_document.uri) else {
            return;
        };
        for change in p.content_changes {
            match change.range {
                // Full sync is what the server asks for; a client that sends ranges anyway
                // still gets them applied.
                Some(range) => {
                    let bytes = LineMap::new(&doc.text, encoding).byte_range(range);
                    doc.text.replace_range(bytes, &change.text);
                }
                None => doc.text = change.text,
            }
        }
        doc.version = p.text_document.version;
        doc.dirty = true;
    }

    /// Saving a configuration file (when the editor has it open through galley) applies it.
    fn did_save(&mut self, p: DidSaveTextDocumentParams) {
        let is_config = uri::to_path(&p.text_document.uri)
            .is_some_and(|p| p.extension().is_some_and(|e| e == "toml"));
        if is_config {
            self.reload_configuration();
        }
    }

    fn did_close(&mut self, p: DidCloseTextDocumentParams) {
        let uri = p.text_document.uri;
        if self.docs.remove(&uri).is_some() {
            self.publish(uri, Vec::new(), None);
        }
    }

    /// A `galley.toml` or rule pack changed: read configuration afresh and check every open
    /// document again.
    fn reload_configuration(&mut self) {
        self.resolver = new_resolver();
        self.config_errors.clear();
        for doc in self.docs.values_mut() {
            doc.dirty = true;
        }
    }

    /// Check every document changed since its last check and publish what was found.
    pub fn check_dirty(&mut self) {
        let dirty: Vec<Uri> = self
            .docs
            .iter()
            .filter(|(_, d)| d.dirty)
            .map(|(u, _)| u.clone())
            .collect();
        for uri in dirty {
            self.check_document(&uri);
        }
    }

    fn check_document(&mut self, uri: &Uri) {
        let Some(path) = self.docs.get(uri).map(|d| d.path.clone()) else {
            return;
        };
        let set = self.rule_set(path.as_deref());
        let unconfigured = set.as_ref().err().map(|config| self.not_configured(config));
        let (encoding, checker) = (self.encoding, self.checker);
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        doc.dirty = false;
        let version = Some(doc.version);
        let outcome = match set {
            Ok(set) => check::check(&doc.text, &set, checker),
            Err(_) => Outcome::Findings(Vec::new()),
        };
        let published = match outcome {
            Outcome::Panicked(message) => {
                let message = format!(
                    "galley could not check {}: {message}; the diagnostics shown are from its \
                     last check",
                    uri.as_str()
                );
                return self.log(MessageType::ERROR, message);
            }
            Outcome::Findings(diags) => {
                let map = LineMap::new(&doc.text, encoding);
                let published = match unconfigured {
                    Some(d) => vec![d],
                    None => diags
                        .iter()
                        .map(|d| convert::diagnostic(uri, &map, d))
                        .collect(),
                };
                doc.checked = Some(Checked {
                    text: doc.text.clone(),
                    diags,
                });
                published
            }
            Outcome::NotChecked(e) => {
                let severity = if e.is_skip() {
                    DiagnosticSeverity::WARNING
                } else {
                    DiagnosticSeverity::ERROR
                };
                doc.checked = Some(Checked {
                    text: doc.text.clone(),
                    diags: Vec::new(),
                });
                vec![whole_document(severity, e.to_string(), None)]
            }
        };
        self.publish(uri.clone(), published, version);
    }

    /// The rule set for a document at `path` (the current folder's for an unsaved one), or
    /// the configuration file whose errors keep it from being checked. New configuration
    /// errors are shown to the user once.
    fn rule_set(&mut self, path: Option<&std::path::Path>) -> Result<Arc<RuleSet>, PathBuf> {
        let set = match path {
            Some(p) => self.resolver.rule_set_for(p),
            None => self.resolver.rule_set_for_stdin(None),
        };
        let errors = self.resolver.take_errors();
        for e in &errors {
            let message = format!("galley: {}: {}", e.path.display(), e.located_message());
            self.show(MessageType::ERROR, message);
        }
        for e in errors {
            self.config_errors
                .entry(e.path.clone())
                .or_default()
                .push(e);
        }
        set.map_err(|broken| crate::discover::normalize(&broken.config))
    }

    /// The one diagnostic of a document that its configuration's errors keep from being
    /// checked, pointing at each error.
    fn not_configured(&self, config: &std::path::Path) -> lsp_types::Diagnostic {
        let errors: Vec<&ConfigError> = self
            .config_errors
            .iter()
            .filter(|(p, _)| crate::discover::normalize(p) == config)
            .flat_map(|(_, e)| e)
            .collect();
        let mut message = format!(
            "not checked: the configuration {} has errors",
            config.display()
        );
        let mut related = Vec::new();
        for e in &errors {
            message.push('\n');
            message.push_str(&e.located_message());
            let (Some(uri), Some(src)) = (uri::from_path(config), e.source.as_deref()) else {
                continue;
            };
            let range = LineMap::new(src, self.encoding).range(&e.problem.span);
            related.push(DiagnosticRelatedInformation {
                location: Location::new(uri, range),
                message: e.problem.message.clone(),
            });
        }
        whole_document(DiagnosticSeverity::ERROR, message, Some(related))
    }

    fn code_actions(&mut self, p: &CodeActionParams) -> Result<CodeActionResponse, String> {
        let uri = &p.text_document.uri;
        let dirty = match self.docs.get(uri) {
            Some(doc) => doc.dirty,
            None => return Err(format!("galley has no open document {}", uri.as_str())),
        };
        if dirty {
            self.check_document(uri);
        }
        let wants_quickfix = p.context.only.as_ref().is_none_or(|only| {
            only.iter()
                .any(|k| k == &CodeActionKind::QUICKFIX || k.as_str().is_empty())
        });
        let doc = &self.docs[uri];
        let Some(checked) = doc.checked.as_ref().filter(|c| c.text == doc.text) else {
            // The last check read an older text (a newer check failed): its fixes would edit
            // the wrong bytes.
            return Ok(Vec::new());
        };
        if !wants_quickfix {
            return Ok(Vec::new());
        }
        let map = LineMap::new(&doc.text, self.encoding);
        let asked = map.byte_range(p.range);
        let mut actions = Vec::new();
        for d in checked
            .diags
            .iter()
            .filter(|d| convert::touches(&d.range, &asked))
        {
            let published = convert::diagnostic(uri, &map, d);
            actions.extend(convert::quick_fixes(uri, &map, d, &published));
        }
        Ok(actions)
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        self.notify::<PublishDiagnostics>(PublishDiagnosticsParams::new(uri, diagnostics, version));
    }

    fn log(&self, typ: MessageType, message: String) {
        self.notify::<LogMessage>(LogMessageParams { typ, message });
    }

    fn show(&self, typ: MessageType, message: String) {
        self.notify::<ShowMessage>(ShowMessageParams { typ, message });
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_string(), params));
    }

    fn respond_err(&self, id: RequestId, code: ErrorCode, message: String) {
        self.send(Response::new_err(id, code as i32, message));
    }

    fn send(&self, msg: impl Into<Message>) {
        // The client has gone when this fails; the loop ends on its next receive.
        let _ = self.conn.sender.send(msg.into());
    }
}

/// A diagnostic about the whole document, at its start: why it was not checked.
fn whole_document(
    severity: DiagnosticSeverity,
    message: String,
    related: Option<Vec<DiagnosticRelatedInformation>>,
) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        severity: Some(severity),
        source: Some(SOURCE.to_string()),
        message,
        related_information: related.filter(|r| !r.is_empty()),
        ..Default::default()
    }
}

fn params<P: DeserializeOwned>(value: serde_json::Value) -> Result<P, String> {
    serde_json::from_value(value).map_err(|e| format!("malformed parameters: {e}"))
}
