//! The blueprints a `serve` run shows: found once from the paths given (a file, or a directory's
//! `*.yaml` and `*.yml`, symlinks out of it left out), each with its latest text and diagnostics
//! and its last good blueprint, which the figures are drawn from. A file read again after a
//! save replaces the diagnostics; only a valid one replaces the blueprint, so an invalid save
//! keeps the last good figure.

use blueprint::cut::{Cut, StepRange};
use blueprint::diag::{Diagnostics, Severity};
use blueprint::model::Blueprint;
use blueprint::span::Source;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

/// A directory's blueprints are looked for this deep, no deeper.
const MAX_DEPTH: usize = 8;
/// At most this many blueprints are served.
const MAX_ENTRIES: usize = 1000;

/// One blueprint served.
pub struct Entry {
    /// The name in its URLs (`/b/NAME`): the file stem, made unique.
    pub slug: String,
    /// The path read, as found (the given file, or a directory's entry).
    pub path: PathBuf,
    /// The directory it was found in (canonical), which it must stay inside; `None` for a file
    /// given by name.
    root: Option<PathBuf>,
    state: Mutex<State>,
}

/// What is known of a blueprint now.
pub struct State {
    /// Bumped at every change of the text read (or of whether it could be read).
    pub version: u64,
    /// The text last read.
    pub source: Source,
    /// The diagnostics of that text, or why it could not be read.
    pub diags: Diagnostics,
    pub unreadable: Option<String>,
    /// The last valid blueprint read, which figures are drawn from.
    pub good: Option<Arc<Blueprint>>,
    bytes: Option<Vec<u8>>,
}

impl Entry {
    /// The state, even if a thread panicked while holding it (it is replaced whole).
    pub fn state(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Reads the file again; true when what it holds changed.
    pub fn load(&self) -> bool {
        let read = read_inside(&self.path, self.root.as_deref());
        let mut state = self.state();
        if state.bytes.as_ref() == read.as_ref().ok() && state.version > 0 {
            return false;
        }
        state.version += 1;
        match read {
            Ok(bytes) => {
                state.bytes = Some(bytes.clone());
                state.unreadable = None;
                let name = self.path.display().to_string();
                let (source, diags, good) = match blueprint::decode(&name, bytes) {
                    Err((source, diags)) => (source, diags, None),
                    Ok(source) => match blueprint::check(&source) {
                        Ok(checked) => (source, checked.warnings, Some(checked.value)),
                        Err(diags) => (source, diags, None),
                    },
                };
                state.source = source;
                state.diags = diags;
                if let Some(good) = good {
                    // The old blueprint is freed on the freeing thread when it is big.
                    let items = good.items.len();
                    if let Some(old) = state.good.replace(Arc::new(good)) {
                        blueprint::discard(old, items);
                    }
                }
            }
            Err(why) => {
                state.bytes = None;
                state.unreadable = Some(why);
                state.diags = Diagnostics::default();
            }
        }
        true
    }

    /// The last good blueprint, if any.
    pub fn good(&self) -> Option<Arc<Blueprint>> {
        self.state().good.clone()
    }
}

/// The bytes of `path`, refused when it is not a regular file, when it resolves outside `root`
/// (a symlink out of the served directory), or when it is larger than a blueprint may be.
fn read_inside(path: &Path, root: Option<&Path>) -> Result<Vec<u8>, String> {
    let shown = path.display();
    if let Some(root) = root {
        let real = path.canonicalize().map_err(|e| format!("{shown}: {e}"))?;
        if !real.starts_with(root) {
            return Err(format!(
                "{shown} leads outside {} (a symlink): not served",
                root.display()
            ));
        }
    }
    let file = std::fs::File::open(path).map_err(|e| format!("{shown}: {e}"))?;
    let meta = file.metadata().map_err(|e| format!("{shown}: {e}"))?;
    if !meta.is_file() {
        return Err(format!("{shown} is not a file"));
    }
    let max = blueprint::limits::MAX_INPUT_BYTES as u64;
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{shown}: {e}"))?;
    if bytes.len() as u64 > max {
        return Err(format!("{shown} is larger than {max} bytes"));
    }
    Ok(bytes)
}

/// The blueprints served, and the directories they are looked for in.
pub struct Site {
    entries: RwLock<Vec<Arc<Entry>>>,
    /// Every directory searched (canonical): the directories given and those below them.
    pub dirs: Vec<PathBuf>,
    /// The directories given (canonical): a blueprint that appears in one is served too.
    roots: Vec<PathBuf>,
}

impl Site {
    /// Every blueprint the paths name: files as given, directories searched (sorted, hidden
    /// entries and symlinks that lead outside skipped). Fails on a path that is neither.
    pub fn find(paths: &[PathBuf]) -> Result<Site, String> {
        let mut found: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
        let (mut dirs, mut roots) = (Vec::new(), Vec::new());
        for path in paths {
            let shown = path.display();
            let meta = std::fs::metadata(path).map_err(|e| format!("{shown}: {e}"))?;
            if meta.is_dir() {
                let root = path.canonicalize().map_err(|e| format!("{shown}: {e}"))?;
                search(path, &root, 0, &mut found, &mut dirs);
                dirs.push(root.clone());
                roots.push(root);
            } else {
                found.push((path.clone(), None));
            }
        }
        if found.is_empty() && roots.is_empty() {
            return Err("no blueprint (*.yaml, *.yml) found in the paths given".into());
        }
        if found.len() > MAX_ENTRIES {
            return Err(format!(
                "{} blueprints found; serve at most {MAX_ENTRIES} at once",
                found.len()
            ));
        }
        let site = Site {
            entries: RwLock::new(Vec::new()),
            dirs,
            roots,
        };
        for (path, root) in found {
            site.push(path, root);
        }
        Ok(site)
    }

    fn push(&self, path: PathBuf, root: Option<PathBuf>) -> Arc<Entry> {
        let stem = path
            .file_stem()
            .map_or("blueprint".into(), |s| s.to_string_lossy().to_string());
        let stem = slug(&stem);
        let mut entries = self
            .entries
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut name = stem.clone();
        let mut n = 1;
        while entries.iter().any(|e| e.slug == name) {
            n += 1;
            name = format!("{stem}-{n}");
        }
        let entry = Arc::new(Entry {
            slug: name,
            path,
            root,
            state: Mutex::new(State {
                version: 0,
                source: Source::new("", ""),
                diags: Diagnostics::default(),
                unreadable: None,
                good: None,
                bytes: None,
            }),
        });
        entry.load();
        entries.push(Arc::clone(&entry));
        entry
    }

    /// The blueprints, in the order found.
    pub fn list(&self) -> Vec<Arc<Entry>> {
        self.entries
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// The blueprint called `slug`.
    pub fn get(&self, slug: &str) -> Option<Arc<Entry>> {
        self.list().into_iter().find(|e| e.slug == slug)
    }

    /// `path` (absolute, its directory resolved), a file that appeared in a searched
    /// directory: served from now on when it is a blueprint the search would have found.
    pub fn add(&self, path: &Path) -> Option<Arc<Entry>> {
        let root = self.roots.iter().find(|r| path.starts_with(r))?;
        let within = path.strip_prefix(root).ok()?;
        let hidden = within
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        let yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        let inside = path.canonicalize().is_ok_and(|real| real.starts_with(root));
        let deep = within.components().count() > MAX_DEPTH + 1;
        if hidden || !yaml || !inside || deep || !path.is_file() {
            return None;
        }
        if self.list().len() >= MAX_ENTRIES {
            return None;
        }
        Some(self.push(path.to_path_buf(), Some(root.clone())))
    }
}

fn search(
    dir: &Path,
    root: &Path,
    depth: usize,
    out: &mut Vec<(PathBuf, Option<PathBuf>)>,
    dirs: &mut Vec<PathBuf>,
) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        let real = path
            .canonicalize()
            .ok()
            .filter(|real| real.starts_with(root));
        let Some(real) = real.filter(|_| !hidden) else {
            continue;
        };
        let link = path.symlink_metadata().is_ok_and(|m| m.is_symlink());
        if path.is_dir() {
            if depth < MAX_DEPTH && !link {
                dirs.push(real);
                search(&path, root, depth + 1, out, dirs);
            }
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push((path, Some(root.to_path_buf())));
        }
    }
}

/// A URL-safe name: letters, digits, `-` and `_` kept, anything else `-`.
fn slug(stem: &str) -> String {
    let s: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if s.is_empty() { "blueprint".into() } else { s }
}

/// What a figure request asks for: `theme`, `phase`, `steps` and `lanes` (as `render`'s
/// options take them).
#[derive(Default)]
pub struct Ask {
    pub theme: Option<String>,
    pub cut: Cut,
}

impl Ask {
    /// From a URL's query pairs; an unknown theme or a bad step range is an error.
    pub fn from_pairs(pairs: &[(String, String)]) -> Result<Ask, String> {
        let mut ask = Ask::default();
        let list = |v: &str| -> Vec<String> {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        };
        for (k, v) in pairs {
            match k.as_str() {
                "theme" if !v.is_empty() => {
                    if !blueprint::validate::keys::THEMES.contains(&v.as_str()) {
                        return Err(format!("unknown theme {v:?}"));
                    }
                    ask.theme = Some(v.clone());
                }
                "phase" => ask.cut.phases.extend(list(v)),
                "lanes" => ask.cut.lanes.extend(list(v)),
                "steps" => {
                    for r in list(v) {
                        ask.cut.steps.push(StepRange::parse(&r)?);
                    }
                }
                _ => {}
            }
        }
        Ok(ask)
    }
}

/// The figure of `bp` as `ask` says, in `format`: the bytes, or why not (a cut that does not
/// fit, an image too big).
pub fn figure(bp: &Blueprint, ask: &Ask, format: blueprint::Format) -> Result<Vec<u8>, String> {
    let options = blueprint::Options {
        theme: ask
            .theme
            .as_deref()
            .and_then(blueprint::theme::Theme::named),
        ..blueprint::Options::default()
    };
    let drawn = blueprint::render_for(bp, &ask.cut, &options, &[format]).map_err(|d| {
        let errors: Vec<&str> =
            d.0.iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.message.as_str())
                .collect();
        errors.join("; ")
    })?;
    let drawn = drawn.value;
    if format == blueprint::Format::Svg {
        return Ok(drawn.svg.into_string().into_bytes());
    }
    let svg = drawn.for_raster().parts().collect::<String>();
    blueprint::export(&svg, format, &blueprint::Export::default()).map(|b| b.into_owned())
}
