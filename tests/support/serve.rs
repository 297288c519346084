//! A `blueprint serve` run for tests: started on a free port, its base URL read from the first
//! line of its output, stopped when dropped; and a plain HTTP/1.1 client over `TcpStream`
//! (one request per connection), including a reader of its server-sent events.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running server.
pub struct Served {
    child: Child,
    /// `http://127.0.0.1:PORT/`.
    pub base: String,
    /// `127.0.0.1:PORT`.
    pub addr: String,
}

impl Served {
    /// `blueprint serve PATHS --port 0`.
    pub fn start(paths: &[&Path]) -> Served {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("blueprint"))
            .arg("serve")
            .args(paths)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start blueprint serve");
        let mut out = BufReader::new(child.stdout.take().expect("stdout"));
        let mut base = String::new();
        out.read_line(&mut base).expect("the base URL");
        let base = base.trim().to_string();
        let addr = base
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        Served { child, base, addr }
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// `GET path`.
    pub fn get(&self, path: &str) -> Reply {
        self.request("GET", path, &[])
    }

    /// One request; `headers` replace none of the defaults (`Host`, `Connection: close`)
    /// unless they name `Host`.
    pub fn request(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut s = TcpStream::connect(&self.addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(60))).ok();
        let mut head = format!("{method} {path} HTTP/1.1\r\n");
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
            head += &format!("Host: {}\r\n", self.addr);
        }
        for (k, v) in headers {
            head += &format!("{k}: {v}\r\n");
        }
        head += "Connection: close\r\n\r\n";
        s.write_all(head.as_bytes()).expect("send");
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).expect("read");
        Reply::parse(&raw, method == "HEAD")
    }

    /// Follows `/events`.
    pub fn events(&self) -> Events {
        let mut s = TcpStream::connect(&self.addr).expect("connect");
        let head = format!("GET /events HTTP/1.1\r\nHost: {}\r\n\r\n", self.addr);
        s.write_all(head.as_bytes()).expect("send");
        let mut r = BufReader::new(s);
        let mut line = String::new();
        r.read_line(&mut line).expect("status line");
        assert!(line.starts_with("HTTP/1.1 200"), "{line}");
        loop {
            line.clear();
            r.read_line(&mut line).expect("header");
            if line.trim().is_empty() {
                break;
            }
        }
        Events { r }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP response.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    fn parse(raw: &[u8], head_only: bool) -> Reply {
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a response head");
        let head = String::from_utf8_lossy(&raw[..split]).to_string();
        let mut lines = head.split("\r\n");
        let status = lines.next().unwrap_or("")[9..12].parse().expect("a status");
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
            .collect();
        let mut body = raw[split + 4..].to_vec();
        let chunked = headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
        if chunked && !head_only {
            body = dechunk(&body);
        }
        Reply {
            status,
            headers,
            body,
        }
    }

    /// The value of header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).to_string()
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("JSON")
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = b.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&b[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[end + 2..end + 2 + size]);
        b = &b[end + 2 + size + 2..];
    }
}

/// A server-sent event stream.
pub struct Events {
    r: BufReader<TcpStream>,
}

impl Events {
    /// The data of the next `change` event within `within`, or `None`.
    pub fn next_change(&mut self, within: Duration) -> Option<serde_json::Value> {
        let deadline = Instant::now() + within;
        let mut event = String::new();
        let mut line = String::new();
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            self.r
                .get_ref()
                .set_read_timeout(Some(left.max(Duration::from_millis(1))))
                .ok();
            line.clear();
            if self.r.read_line(&mut line).ok()? == 0 {
                return None;
            }
            let line = line.trim_end();
            if let Some(e) = line.strip_prefix("event: ") {
                event = e.to_string();
            } else if let Some(d) = line.strip_prefix("data: ")
                && event == "change"
            {
                return serde_json::from_str(d).ok();
            }
        }
    }
}

/// The resident set size of process `pid` in KiB, from /proc.
pub fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS")
}
