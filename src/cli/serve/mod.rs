//! `blueprint serve PATH...`: a live preview in the browser. Each blueprint gets a page with
//! its figure, theme and cut controls and downloads; a save updates the open pages through
//! server-sent events, an invalid save shows its diagnostics and keeps the last good figure.
//! Binds 127.0.0.1 by default and prints the base URL as the first line of standard output.
//!
//! The parts, each used only by those after it: `site` (the blueprints found, their state and
//! figures), `events` (the event streams), `pages` (the HTML and JSON), `http` (the routes),
//! `watch` (saves noticed, files read again). One thread per request, with the stack `check`
//! needs; a stream holds its thread until its page goes.

mod events;
mod http;
mod pages;
mod site;
mod watch;

use super::args::ServeArgs;
use super::outcome::{Failure, Outcome};
use std::io::Write;
use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Requests answered at once, past which more get 503 (streams are counted by `events`).
const MAX_REQUESTS: usize = 128;

/// Runs the server until the process is stopped.
pub fn run(args: ServeArgs) -> Result<Outcome, Failure> {
    let site = Arc::new(site::Site::find(&args.paths).map_err(Failure::Io)?);
    let server = tiny_http::Server::http((args.host, args.port))
        .map_err(|e| Failure::Io(format!("cannot listen on {}:{}: {e}", args.host, args.port)))?;
    let port = server.server_addr().to_ip().map_or(args.port, |a| a.port());
    let shown = match args.host {
        IpAddr::V6(a) => format!("[{a}]"),
        IpAddr::V4(a) => a.to_string(),
    };
    let base = format!("http://{shown}:{port}/");
    let hosts = if args.host.is_loopback() {
        vec![
            format!("{shown}:{port}"),
            format!("localhost:{port}"),
            format!("127.0.0.1:{port}"),
            format!("[::1]:{port}"),
        ]
    } else {
        Vec::new()
    };
    let hub = Arc::new(events::Hub::default());
    let _watcher = watch::start(Arc::clone(&site), Arc::clone(&hub)).map_err(Failure::Io)?;
    let count = site.list().len();
    let routes = Arc::new(http::Routes { site, hub, hosts });
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{base}");
        let _ = out.flush();
    }
    eprintln!("serving {count} blueprint(s) at {base}; stop with Ctrl-C");
    let busy = Arc::new(AtomicUsize::new(0));
    for request in server.incoming_requests() {
        if busy.load(Ordering::Relaxed) >= MAX_REQUESTS + events::MAX_STREAMS {
            let _ = request.respond(tiny_http::Response::from_string("busy").with_status_code(503));
            continue;
        }
        let (routes, done) = (Arc::clone(&routes), Arc::clone(&busy));
        busy.fetch_add(1, Ordering::Relaxed);
        let spawned = std::thread::Builder::new()
            .name("request".into())
            .stack_size(blueprint::STACK_BYTES)
            .spawn(move || {
                routes.handle(request);
                done.fetch_sub(1, Ordering::Relaxed);
            });
        if spawned.is_err() {
            busy.fetch_sub(1, Ordering::Relaxed);
        }
    }
    Ok(Outcome::Success)
}
