//! `blueprint lsp`: a language server over standard input and output (LSP 3.17, with
//! `lsp-server`, the transport rust-analyzer uses). On open and on every change it publishes
//! the diagnostics `check` gives; it completes keys, enum values, phase ids and item
//! references, shows on hover what a reference names, goes to definitions, lists references,
//! renames step, item and phase ids, and lists phases and steps as document symbols.
//!
//! The parts: `lines` (byte offsets ↔ UTF-16 positions), `context` (where the cursor is, from
//! the lines), `complete`, `doc` (an open document and its diagnostics), `navigate` (hover,
//! definition, references, rename, symbols). Text is synced incrementally (an edit sends its
//! range, not the file). Changes are coalesced: when several arrive at once
//! only the last text is checked, and a request is answered after pending checks are published.

mod complete;
mod context;
mod doc;
mod lines;
mod navigate;

use super::outcome::{Failure, Outcome};
use doc::Doc;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{
    Completion, DocumentSymbolRequest, GotoDefinition, HoverRequest, PrepareRenameRequest,
    References, Rename, Request as _,
};
use lsp_types::{
    CompletionOptions, HoverProviderCapability, OneOf, PrepareRenameResponse,
    PublishDiagnosticsParams, RenameOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};
use std::collections::{BTreeSet, HashMap};

/// Runs the server until the client says `exit` (or closes its end).
pub fn run() -> Result<Outcome, Failure> {
    let (connection, io) = Connection::stdio();
    let result = serve(&connection);
    drop(connection);
    io.join()
        .map_err(|e| Failure::Io(format!("lsp: standard input or output failed: {e}")))?;
    result.map(|()| Outcome::Success)
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".into(), " ".into(), ".".into()]),
            ..CompletionOptions::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

fn serve(connection: &Connection) -> Result<(), Failure> {
    let protocol = |e: lsp_server::ProtocolError| Failure::Io(format!("lsp: {e}"));
    let init = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": ServerInfo {
            name: "blueprint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        },
    });
    let (id, _params) = connection.initialize_start().map_err(protocol)?;
    connection.initialize_finish(id, init).map_err(protocol)?;
    let mut server = Server::default();
    loop {
        // Wait only when no check is pending; else take what has already arrived, and publish
        // once nothing has.
        let msg = if server.pending.is_empty() {
            match connection.receiver.recv() {
                Ok(m) => m,
                Err(_) => return Ok(()),
            }
        } else {
            match connection.receiver.try_recv() {
                Ok(m) => m,
                Err(crossbeam_channel::TryRecvError::Empty) => {
                    server.publish(connection);
                    continue;
                }
                Err(crossbeam_channel::TryRecvError::Disconnected) => return Ok(()),
            }
        };
        match msg {
            Message::Request(req) => {
                if connection.handle_shutdown(&req).map_err(protocol)? {
                    return Ok(());
                }
                server.publish(connection);
                let response = server.answer(req);
                send(connection, Message::Response(response));
            }
            // `exit` without `shutdown` first: the client is going, so stop too.
            Message::Notification(n) if n.method == "exit" => return Ok(()),
            Message::Notification(n) => server.notified(n),
            Message::Response(_) => {}
        }
    }
}

fn send(connection: &Connection, msg: Message) {
    // The client went away: the receiving loop ends on its own.
    let _ = connection.sender.send(msg);
}

#[derive(Default)]
struct Server {
    /// The open documents by URI (as text: `Uri` caches parts of itself in cells, so it makes
    /// a poor key), each with its `Uri`.
    docs: HashMap<String, (Uri, Doc)>,
    /// Documents changed since their diagnostics were last published.
    pending: BTreeSet<String>,
}

impl Server {
    fn notified(&mut self, n: Notification) {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) =
                    n.extract::<lsp_types::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                {
                    let d = p.text_document;
                    let key = d.uri.as_str().to_string();
                    self.pending.insert(key.clone());
                    self.docs.insert(key, (d.uri, Doc::new(d.text, d.version)));
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = n.extract::<lsp_types::DidChangeTextDocumentParams>(
                    DidChangeTextDocument::METHOD,
                ) {
                    let uri = p.text_document.uri;
                    if let Some((_, doc)) = self.docs.get_mut(uri.as_str()) {
                        doc.change(p.content_changes, p.text_document.version);
                        self.pending.insert(uri.as_str().to_string());
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) =
                    n.extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                {
                    self.docs.remove(p.text_document.uri.as_str());
                    self.pending.remove(p.text_document.uri.as_str());
                }
            }
            _ => {}
        }
    }

    /// Publishes the diagnostics of every document changed since the last time.
    fn publish(&mut self, connection: &Connection) {
        for key in std::mem::take(&mut self.pending) {
            let Some((uri, doc)) = self.docs.get(&key) else {
                continue;
            };
            let params =
                PublishDiagnosticsParams::new(uri.clone(), doc.diagnostics(uri), Some(doc.version));
            let n = Notification::new(PublishDiagnostics::METHOD.to_string(), params);
            send(connection, Message::Notification(n));
        }
    }

    fn answer(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        match self.dispatch(req) {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        }
    }

    fn dispatch(&mut self, req: Request) -> Result<serde_json::Value, (ErrorCode, String)> {
        use serde_json::{Value, to_value};
        const KNOWN: [&str; 7] = [
            Completion::METHOD,
            HoverRequest::METHOD,
            GotoDefinition::METHOD,
            References::METHOD,
            PrepareRenameRequest::METHOD,
            Rename::METHOD,
            DocumentSymbolRequest::METHOD,
        ];
        if !KNOWN.contains(&req.method.as_str()) {
            return Err((ErrorCode::MethodNotFound, req.method));
        }
        let bad = |e: String| (ErrorCode::InvalidParams, e);
        let json = |v: Result<Value, serde_json::Error>| v.map_err(|e| bad(e.to_string()));
        let params = req.params;
        let uri_of = |p: &Value| -> Result<Uri, (ErrorCode, String)> {
            let uri = p
                .pointer("/textDocument/uri")
                .cloned()
                .unwrap_or(Value::Null);
            serde_json::from_value(uri).map_err(|e| bad(e.to_string()))
        };
        let uri = uri_of(&params)?;
        let pos: Option<lsp_types::Position> = params
            .get("position")
            .and_then(|p| serde_json::from_value(p.clone()).ok());
        let Some((_, doc)) = self.docs.get_mut(uri.as_str()) else {
            return Err(bad(format!("{} is not open", uri.as_str())));
        };
        if req.method == Completion::METHOD {
            let pos = pos.ok_or_else(|| bad("no position".into()))?;
            let offset = doc.lines.offset(&doc.text, pos);
            let line = pos.line as usize;
            let start = doc
                .lines
                .offset(&doc.text, lsp_types::Position::new(pos.line, 0));
            let before = doc.text[start..offset].to_string();
            let all: Vec<&str> = (0..doc.lines.count())
                .map(|i| doc.lines.line(&doc.text, i))
                .collect();
            let place = context::place(&all, line, &before);
            let items = match place {
                Some(place) => complete::items(&place, doc.any_outline()),
                None => Vec::new(),
            };
            return json(to_value(items));
        }
        // The rest need the outline of the text as it is now: none when it is not YAML.
        let Some(view) = doc.view(&uri) else {
            return Ok(Value::Null);
        };
        let pos = pos.ok_or_else(|| bad("no position".into()));
        match req.method.as_str() {
            HoverRequest::METHOD => json(to_value(view.hover(pos?))),
            GotoDefinition::METHOD => json(to_value(view.definition(pos?))),
            References::METHOD => {
                let declaration = params
                    .pointer("/context/includeDeclaration")
                    .and_then(Value::as_bool)
                    .unwrap_or(true);
                json(to_value(view.references(pos?, declaration)))
            }
            PrepareRenameRequest::METHOD => {
                let found = view.rename_target(pos?);
                json(to_value(found.map(|(_, range, placeholder)| {
                    PrepareRenameResponse::RangeWithPlaceholder { range, placeholder }
                })))
            }
            Rename::METHOD => {
                let new = params.get("newName").and_then(Value::as_str).unwrap_or("");
                match view.rename(pos?, new) {
                    Ok(edit) => json(to_value(edit)),
                    Err(why) => Err((ErrorCode::RequestFailed, why)),
                }
            }
            DocumentSymbolRequest::METHOD => json(to_value(view.symbols())),
            _ => Err((ErrorCode::MethodNotFound, req.method)),
        }
    }
}
