//! The routes, and nothing else: `/` (the index), `/b/NAME` (a blueprint's page),
//! `/b/NAME/status.json`, `/b/NAME/figure.{svg,png,pdf}` (drawn from the last good blueprint,
//! cut and themed as the query asks), `/events` (server-sent events) and the page's own script
//! and style. No route reads a path from the URL, so nothing outside the blueprints given can
//! be served; methods other than GET and HEAD get 405, and a `Host` that is not this server's
//! gets 421 (a page on another site cannot reach it through DNS rebinding).

use super::events::{self, Hub};
use super::pages;
use super::site::{self, Ask, Entry, Site};
use std::io::Cursor;
use std::sync::Arc;
use tiny_http::{Header, Method, Request, Response, StatusCode};

const PAGE_JS: &str = include_str!("page.js");
const PAGE_CSS: &str = include_str!("page.css");

/// What the routes serve from.
pub struct Routes {
    pub site: Arc<Site>,
    pub hub: Arc<Hub>,
    /// The `Host` values accepted; empty accepts any (a server bound to a public address).
    pub hosts: Vec<String>,
}

type Reply = Response<Cursor<Vec<u8>>>;

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

fn reply(code: u16, kind: &str, body: impl Into<Vec<u8>>) -> Reply {
    Response::from_data(body.into())
        .with_status_code(StatusCode(code))
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
}

fn text(code: u16, body: &str) -> Reply {
    reply(code, "text/plain; charset=utf-8", format!("{body}\n"))
}

impl Routes {
    /// Answers one request.
    pub fn handle(&self, request: Request) {
        let host = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Host"))
            .map(|h| h.value.as_str().to_ascii_lowercase());
        if !self.hosts.is_empty() && !host.is_some_and(|h| self.hosts.contains(&h)) {
            let _ = request.respond(text(421, "421 Misdirected Request: unknown Host"));
            return;
        }
        if !matches!(request.method(), Method::Get | Method::Head) {
            let r = text(405, "405 Method Not Allowed: only GET and HEAD")
                .with_header(header("Allow", "GET, HEAD"));
            let _ = request.respond(r);
            return;
        }
        let url = request.url().to_string();
        let (path, query) = url.split_once('?').unwrap_or((&url, ""));
        if path == "/events" && request.method() == &Method::Head {
            let _ = request.respond(reply(200, "text/event-stream; charset=utf-8", ""));
            return;
        }
        if path == "/events" {
            match self.hub.subscribe() {
                Some(rx) => events::stream(request.into_writer(), &rx),
                None => {
                    let _ = request.respond(text(503, "503: too many pages follow this server"));
                }
            }
            return;
        }
        let _ = request.respond(self.route(path, query));
    }

    fn route(&self, path: &str, query: &str) -> Reply {
        match path {
            "/" => {
                return reply(
                    200,
                    "text/html; charset=utf-8",
                    pages::index(&self.site.list()),
                );
            }
            "/assets/page.js" => return reply(200, "text/javascript; charset=utf-8", PAGE_JS),
            "/assets/page.css" => return reply(200, "text/css; charset=utf-8", PAGE_CSS),
            _ => {}
        }
        let Some(rest) = path.strip_prefix("/b/") else {
            return text(404, "404 Not Found");
        };
        let (slug, what) = rest.split_once('/').unwrap_or((rest, ""));
        let Some(entry) = self.site.get(slug) else {
            return text(404, "404 Not Found");
        };
        match what {
            "" => reply(200, "text/html; charset=utf-8", pages::page(&entry)),
            "status.json" => {
                let status = pages::status(&entry.state());
                reply(200, "application/json", status.to_string())
            }
            _ => {
                let format = match what {
                    "figure.svg" => blueprint::Format::Svg,
                    "figure.png" => blueprint::Format::Png,
                    "figure.pdf" => blueprint::Format::Pdf,
                    _ => return text(404, "404 Not Found"),
                };
                figure(&entry, query, format)
            }
        }
    }
}

fn figure(entry: &Entry, query: &str, format: blueprint::Format) -> Reply {
    let pairs = pairs(query);
    let ask = match Ask::from_pairs(&pairs) {
        Ok(a) => a,
        Err(why) => return text(400, &why),
    };
    let Some(bp) = entry.good() else {
        return text(409, "no valid version of this blueprint yet");
    };
    match site::figure(&bp, &ask, format) {
        Ok(bytes) => {
            let kind = match format {
                blueprint::Format::Svg => "image/svg+xml",
                blueprint::Format::Png => "image/png",
                blueprint::Format::Pdf => "application/pdf",
            };
            let mut r = reply(200, kind, bytes);
            if pairs.iter().any(|(k, _)| k == "download") {
                let name = format!(
                    "attachment; filename=\"{}.{}\"",
                    entry.slug,
                    format.extension()
                );
                r = r.with_header(header("Content-Disposition", &name));
            }
            r
        }
        Err(why) => text(400, &why),
    }
}

/// The query's `key=value` pairs, percent-decoded (`+` is a space, as forms send it).
fn pairs(query: &str) -> Vec<(String, String)> {
    let decode = |s: &str| {
        let s = s.replace('+', " ");
        percent_encoding::percent_decode_str(&s)
            .decode_utf8_lossy()
            .into_owned()
    };
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}
