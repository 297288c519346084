//! Following saves: `notify` watches the directory of every blueprint and every directory
//! searched (editors save by writing a new file and renaming it over the old one, which a
//! watch on the file itself misses); a changed file is read again and announced to the pages,
//! and a new blueprint in a searched directory joins the site.

use super::events::Hub;
use super::site::{Entry, Site};
use notify::{RecursiveMode, Watcher};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// Events of one save come in a burst (truncate, write, close, or create and rename): after
/// the last, wait this long for more, so the file is read once it is whole.
const SETTLE: Duration = Duration::from_millis(25);
/// A file opened for writing is read once it is closed, or this long after the burst began.
const MAX_WAIT: Duration = Duration::from_millis(500);

/// The paths a burst of events changed, once none is being written (`None`: the watcher has
/// stopped). Reading a file is an event too (inotify's open): those are left out, or every read
/// would bring another.
fn burst(
    first: notify::Result<notify::Event>,
    rx: &std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
) -> Option<HashMap<PathBuf, bool>> {
    use notify::EventKind::{Access, Create, Modify, Remove};
    use notify::event::{AccessKind, AccessMode, ModifyKind};
    let start = Instant::now();
    // Each path changed, and whether it is open for writing still.
    let mut changed: HashMap<PathBuf, bool> = HashMap::new();
    let take = |changed: &mut HashMap<PathBuf, bool>, event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        let writing = match event.kind {
            Access(AccessKind::Close(AccessMode::Write)) | Remove(_) => false,
            Modify(ModifyKind::Name(_)) => false,
            Modify(ModifyKind::Data(_) | ModifyKind::Any) | Create(_) => true,
            _ => return,
        };
        for path in event.paths {
            changed.insert(path, writing);
        }
    };
    take(&mut changed, first);
    loop {
        let wait = if changed.values().any(|w| *w) {
            MAX_WAIT.saturating_sub(start.elapsed())
        } else {
            SETTLE
        };
        if wait.is_zero() {
            break;
        }
        match rx.recv_timeout(wait) {
            Ok(event) => take(&mut changed, event),
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
    Some(changed)
}

/// Tells the pages that `entry` has a new version.
fn announce(hub: &Hub, entry: &Entry) {
    let version = entry.state().version;
    let data = serde_json::json!({ "slug": entry.slug, "version": version });
    hub.send("change", &data.to_string());
}

/// The absolute path a watch event names `path` by: its directory resolved, its name kept.
fn watched(path: &Path) -> Option<PathBuf> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some(dir.canonicalize().ok()?.join(path.file_name()?))
}

/// Starts watching; the watcher stops when the returned value is dropped.
pub fn start(site: Arc<Site>, hub: Arc<Hub>) -> Result<notify::RecommendedWatcher, String> {
    let (tx, rx) = channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    let mut dirs: Vec<PathBuf> = site.dirs.clone();
    let mut names: Vec<(PathBuf, Arc<Entry>)> = Vec::new();
    for e in site.list() {
        let Some(name) = watched(&e.path) else {
            continue;
        };
        if let Some(dir) = name.parent()
            && !dirs.iter().any(|d| d == dir)
        {
            dirs.push(dir.to_path_buf());
        }
        names.push((name, e));
    }
    for dir in &dirs {
        watcher
            .watch(dir, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
    }
    std::thread::Builder::new()
        .name("watch".into())
        .stack_size(blueprint::STACK_BYTES)
        .spawn(move || {
            while let Ok(first) = rx.recv() {
                let Some(changed) = burst(first, &rx) else {
                    return;
                };
                // A blueprint new in a served directory joins the site (its first version).
                for path in changed.keys() {
                    if !names.iter().any(|(n, _)| n == path)
                        && let Some(entry) = site.add(path)
                    {
                        announce(&hub, &entry);
                        names.push((path.clone(), entry));
                    }
                }
                for (name, entry) in &names {
                    if changed.contains_key(name) && entry.load() {
                        announce(&hub, entry);
                    }
                }
            }
        })
        .map_err(|e| format!("cannot start the watcher: {e}"))?;
    Ok(watcher)
}
