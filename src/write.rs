//! Writing output safely: everything is in memory before this runs; the bytes go to a temporary
//! file in the destination directory, which is synced and renamed over the target, so a reader
//! never sees half a file and a failed run leaves no file, no temp litter, and an existing
//! output byte-for-byte intact. `-` means standard output. A path that is not a regular file
//! (`/dev/null`, a named pipe) is written into, never replaced. A symbolic link at the path is
//! refused (a link committed where an output goes would make a CI job overwrite its target,
//! anywhere the job can write), unless the caller follows links ([`Links::Follow`],
//! `--follow-symlinks`): then the link stays a link and the file it names is the one replaced.
//! A loop of links is refused either way. The process's own streams (`/dev/stdout`,
//! `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`) are links on Linux, named by whoever runs the
//! command, and are written into. Uses nothing else in the crate.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// What to do with a symbolic link at the output path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Links {
    /// Refuse it, naming the link and its target (the default).
    Refuse,
    /// Replace the file it names, keeping the link (`--follow-symlinks`).
    Follow,
}

/// Writes `bytes` to `path` atomically (or to stdout for `-`). The error names the path.
pub fn atomic(path: &Path, bytes: &[u8], links: Links) -> Result<(), String> {
    atomic_parts(path, &[bytes], links)
}

/// [`atomic`] for a file given in pieces, written one after the other.
pub fn atomic_parts(path: &Path, parts: &[&[u8]], links: Links) -> Result<(), String> {
    let all = |w: &mut dyn Write| -> std::io::Result<()> {
        parts.iter().try_for_each(|p| w.write_all(p))?;
        w.flush()
    };
    if path.as_os_str() == "-" {
        return streamed(all(&mut std::io::stdout().lock()), "standard output");
    }
    let shown = path.display();
    link_allowed(path, links)?;
    if path.is_dir() {
        return Err(format!("{shown}: is a directory; give a file name"));
    }
    // Renaming over a device would swap it for a regular file (as root, `-o /dev/null` used to
    // turn the machine's /dev/null into a file that every later `>/dev/null` appends to).
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        // Written into, as `>` in a shell would: there is no file to replace, nothing to sync.
        let written = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut f| all(&mut f));
        return streamed(written, shown);
    }
    let real = resolve_link(path);
    let path = real.as_deref().unwrap_or(path);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(format!(
            "{shown}: the directory {} does not exist",
            dir.display()
        ));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".blueprint-").suffix(".tmp");
    // A temporary file is created private (0600); the output should read like any file the
    // user writes: keep an existing file's mode, else rw-r--r--.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    // Made and listed under one lock, so a signal never finds a temporary file not listed.
    let mut pending = pending();
    let mut tmp = builder.tempfile_in(dir).map_err(|e| {
        format!(
            "{shown}: cannot create a temporary file in {}: {e}",
            dir.display()
        )
    })?;
    pending.push(tmp.path().to_path_buf());
    drop(pending);
    let _listed = Listed(tmp.path().to_path_buf());
    all(&mut tmp)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| format!("{shown}: {e}"))?;
    // On failure the temporary file is removed when `tmp` drops.
    tmp.persist(path)
        .map_err(|e| format!("{shown}: {}", e.error))?;
    Ok(())
}

/// The temporary files being written now, so that a signal can remove them
/// ([`abandon_then`]).
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The list of temporary files, locked (a panic elsewhere leaves it usable).
fn pending() -> MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// One temporary file's place in [`PENDING`], given up when the write ends either way (renamed
/// into place, or removed when its `NamedTempFile` drops).
struct Listed(PathBuf);

impl Drop for Listed {
    fn drop(&mut self) {
        let mut p = pending();
        if let Some(i) = p.iter().position(|x| *x == self.0) {
            p.swap_remove(i);
        }
    }
}

/// Removes every temporary file being written, then runs `f` (the signal handler's exit) with
/// the list still locked, so no write makes another before the process ends. A file renamed into
/// place a moment ago is complete; its temporary name is gone and its removal fails harmlessly.
pub fn abandon_then<T>(f: impl FnOnce() -> T) -> T {
    let p = pending();
    for tmp in p.iter() {
        let _ = std::fs::remove_file(tmp);
    }
    let out = f();
    drop(p);
    out
}

/// The outcome of writing to a stream (standard output, a device, a pipe) named `name`. A
/// closed pipe (`| head`) is the reader's choice, not our failure.
fn streamed(written: std::io::Result<()>, name: impl std::fmt::Display) -> Result<(), String> {
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("{name}: {e}")),
        _ => Ok(()),
    }
}

/// Whether a symbolic link at `path` (if one is there) may be written through under `links`.
fn link_allowed(path: &Path, links: Links) -> Result<(), String> {
    if let (Links::Refuse, Some(dir)) = (links, linked_dir(path)) {
        return Err(format!(
            "{}: its directory {} is a symbolic link to {}; nothing is written through a link \
             unless --follow-symlinks is given",
            path.display(),
            dir.display(),
            std::fs::read_link(&dir).unwrap_or_default().display()
        ));
    }
    if !std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        || own_stream(path)
    {
        return Ok(());
    }
    let shown = path.display();
    let target = std::fs::read_link(path).unwrap_or_default();
    // Following a loop fails with ELOOP; a chain too long to follow is refused the same way.
    let looped = match std::fs::metadata(path) {
        Err(e) => e.raw_os_error() == Some(LOOP) || resolve_link(path).is_none(),
        Ok(_) => false,
    };
    if looped {
        return Err(format!(
            "{shown}: is a symbolic link to {} that loops (or goes through more than \
             {MAX_LINKS} links); nothing written",
            target.display()
        ));
    }
    match links {
        Links::Follow => Ok(()),
        Links::Refuse => Err(format!(
            "{shown}: is a symbolic link to {}; nothing is written through a link unless \
             --follow-symlinks is given",
            target.display()
        )),
    }
}

/// The first directory of a relative `path` that is a symbolic link, as written from the current
/// directory (`docs` in `docs/x.svg`): a link committed among them (`docs -> /elsewhere`) sends
/// the write elsewhere as a link at the file does. An absolute path's directories, and `..`,
/// are the caller's own spelling, taken as given.
fn linked_dir(path: &Path) -> Option<PathBuf> {
    if path.is_absolute() {
        return None;
    }
    let mut dir = PathBuf::new();
    for c in path.parent()?.components() {
        dir.push(c);
        if matches!(c, std::path::Component::Normal(_))
            && std::fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink())
        {
            return Some(dir);
        }
    }
    None
}

/// `ELOOP`, the error of following a loop of links (40 on Linux, 62 on the BSDs and macOS).
#[cfg(target_os = "linux")]
const LOOP: i32 = 40;
#[cfg(not(target_os = "linux"))]
const LOOP: i32 = 62;

/// Most links followed one by one to find where a dangling chain ends (Linux's own limit).
const MAX_LINKS: usize = 40;

/// True for the paths that name this process's own open streams: links on Linux, spelled by
/// whoever runs the command (no file committed in a repository sits at these paths).
fn own_stream(path: &Path) -> bool {
    let Some(p) = path.to_str() else {
        return false;
    };
    let fd = |rest: &str| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit());
    matches!(p, "/dev/stdout" | "/dev/stderr")
        || p.strip_prefix("/dev/fd/").is_some_and(fd)
        || p.strip_prefix("/proc/self/fd/").is_some_and(fd)
}

/// The file a symbolic link at `path` names (links followed to the end), so that it is that file
/// which gets replaced and the link stays; `None` when `path` is no link. A dangling link names
/// a file still to be made, next to the link when the link is relative. `None` too when the
/// chain of links does not end within [`MAX_LINKS`] (a loop).
fn resolve_link(path: &Path) -> Option<std::path::PathBuf> {
    if !std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return None;
    }
    if let Ok(real) = std::fs::canonicalize(path) {
        return Some(real);
    }
    let mut at = path.to_path_buf();
    // A dangling link, perhaps through other links: follow them one by one, a bounded number
    // of times.
    for _ in 0..MAX_LINKS {
        let Ok(next) = std::fs::read_link(&at) else {
            return Some(at);
        };
        at = match at.parent() {
            Some(dir) if next.is_relative() => dir.join(next),
            _ => next,
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_atomically_and_leaves_no_temp_file() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("out.svg");
        std::fs::write(&p, b"old").unwrap();
        atomic(&p, b"new", Links::Refuse).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        let names: Vec<_> = std::fs::read_dir(d.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn missing_directory_and_directory_target_are_named() {
        let d = tempfile::tempdir().unwrap();
        let e = atomic(&d.path().join("nope/out.svg"), b"x", Links::Refuse).unwrap_err();
        assert!(e.contains("does not exist"), "{e}");
        let e = atomic(d.path(), b"x", Links::Refuse).unwrap_err();
        assert!(e.contains("is a directory"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_stays_a_link_and_its_file_is_replaced() {
        let d = tempfile::tempdir().unwrap();
        let real = d.path().join("real.svg");
        std::fs::write(&real, b"old").unwrap();
        let link = d.path().join("link.svg");
        std::os::unix::fs::symlink("real.svg", &link).unwrap();
        let is_link = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_symlink());
        assert!(
            atomic(&link, b"new", Links::Refuse)
                .unwrap_err()
                .contains("is a symbolic link to real.svg")
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"old");
        atomic(&link, b"new", Links::Follow).unwrap();
        assert!(is_link(&link));
        assert_eq!(std::fs::read(&real).unwrap(), b"new");

        // A dangling link: the file it names is made, the link kept.
        let dangling = d.path().join("dangling.svg");
        std::os::unix::fs::symlink("made.svg", &dangling).unwrap();
        atomic(&dangling, b"made", Links::Follow).unwrap();
        assert!(is_link(&dangling));
        assert_eq!(std::fs::read(d.path().join("made.svg")).unwrap(), b"made");
        let mut names: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["dangling.svg", "link.svg", "made.svg", "real.svg"]);

        // A loop: refused however links are treated, and nothing made.
        let (a, b) = (d.path().join("a.svg"), d.path().join("b.svg"));
        std::os::unix::fs::symlink("b.svg", &a).unwrap();
        std::os::unix::fs::symlink("a.svg", &b).unwrap();
        for links in [Links::Refuse, Links::Follow] {
            let e = atomic(&a, b"x", links).unwrap_err();
            assert!(e.contains("loops"), "{e}");
        }
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 6);
    }

    /// A linked directory on a relative output path (`out/x.svg`, `out -> elsewhere`) is
    /// refused like a link at the file, and followed with `Links::Follow`; the same directory
    /// given as an absolute path is the caller's own spelling.
    #[test]
    fn a_linked_directory_on_a_relative_path_is_refused_unless_followed() {
        let d = tempfile::tempdir().unwrap();
        let base = d.path().canonicalize().unwrap();
        std::fs::create_dir(base.join("elsewhere")).unwrap();
        std::os::unix::fs::symlink(base.join("elsewhere"), base.join("out")).unwrap();
        std::fs::create_dir(base.join("real")).unwrap();
        // The temp directory as a relative path from the current one (`../../tmp/…`), so that
        // the test need not change the process's current directory.
        let cwd = std::env::current_dir().unwrap().canonicalize().unwrap();
        let mut up = PathBuf::new();
        for _ in 1..cwd.components().count() {
            up.push("..");
        }
        let rel = |p: &str| up.join(base.strip_prefix("/").unwrap()).join(p);
        assert!(linked_dir(&rel("real/x.svg")).is_none());
        assert!(linked_dir(Path::new("x.svg")).is_none());
        assert!(
            linked_dir(&base.join("out/x.svg")).is_none(),
            "absolute: as given"
        );
        assert_eq!(linked_dir(&rel("out/x.svg")), Some(rel("out")));
        let e = link_allowed(&rel("out/x.svg"), Links::Refuse).unwrap_err();
        assert!(e.contains("its directory"), "{e}");
        assert!(link_allowed(&rel("out/x.svg"), Links::Follow).is_ok());
    }
}
