//! Server-sent events: every open page holds one `GET /events` stream, and each change of a
//! blueprint is sent to all of them as `event: change` with `{"slug", "version"}`. A stream
//! is a thread writing to its socket; a comment every few seconds finds the ones whose page
//! has gone, and a page that cannot keep up loses events rather than growing a queue (it
//! asks for the state it shows anyway).

use std::io::Write;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TrySendError, sync_channel};
use std::time::Duration;

/// At most this many pages follow at once; more are refused (503).
pub const MAX_STREAMS: usize = 64;
/// How often an idle stream is written to, to notice a page that went away.
const KEEPALIVE: Duration = Duration::from_secs(10);

/// The open streams.
#[derive(Default)]
pub struct Hub {
    streams: Mutex<Vec<SyncSender<String>>>,
}

impl Hub {
    /// A new stream, or `None` when there are too many.
    pub fn subscribe(&self) -> Option<Receiver<String>> {
        // An empty message finds the streams whose page has gone (their thread has ended).
        self.send_raw(String::new());
        let mut streams = self.lock();
        if streams.len() >= MAX_STREAMS {
            return None;
        }
        let (tx, rx) = sync_channel(16);
        streams.push(tx);
        Some(rx)
    }

    /// Sends `event` with `data` (one line of JSON) to every stream.
    pub fn send(&self, event: &str, data: &str) {
        self.send_raw(format!("event: {event}\ndata: {data}\n\n"));
    }

    fn send_raw(&self, message: String) {
        self.lock().retain(|s| match s.try_send(message.clone()) {
            Ok(()) | Err(TrySendError::Full(_)) => true,
            Err(TrySendError::Disconnected(_)) => false,
        });
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<SyncSender<String>>> {
        self.streams
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Writes the stream to `out` until the page goes away: the response head (written here, as
/// tiny_http would buffer a streamed body), then each message as it comes.
pub fn stream(mut out: Box<dyn Write + Send>, messages: &Receiver<String>) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
                Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\
                Connection: close\r\n\r\nretry: 1000\n\n";
    if out
        .write_all(head.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return;
    }
    loop {
        let message = match messages.recv_timeout(KEEPALIVE) {
            // An empty message is `subscribe` checking the stream: nothing to write.
            Ok(m) if m.is_empty() => continue,
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if out
            .write_all(message.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}
