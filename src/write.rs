//! Writing output safely: everything is in memory before this runs; the bytes go to a temporary
//! file in the destination directory, which is synced and renamed over the target, so a reader
//! never sees half a file and a failed run leaves no file, no temp litter, and an existing
//! output byte-for-byte intact. `-` means standard output. Uses nothing else in the crate.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically (or to stdout for `-`). The error names the path.
pub fn atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if path.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        return match out.write_all(bytes).and_then(|()| out.flush()) {
            Ok(()) => Ok(()),
            // A closed pipe (`| head`) is the reader's choice, not our failure.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => Err(format!("standard output: {e}")),
        };
    }
    let shown = path.display();
    if path.is_dir() {
        return Err(format!("{shown}: is a directory; give a file name"));
    }
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
    let mut tmp = builder.tempfile_in(dir).map_err(|e| {
        format!(
            "{shown}: cannot create a temporary file in {}: {e}",
            dir.display()
        )
    })?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| format!("{shown}: {e}"))?;
    // On failure the temporary file is removed when `tmp` drops.
    tmp.persist(path)
        .map_err(|e| format!("{shown}: {}", e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_atomically_and_leaves_no_temp_file() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("out.svg");
        std::fs::write(&p, b"old").unwrap();
        atomic(&p, b"new").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        let names: Vec<_> = std::fs::read_dir(d.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn missing_directory_and_directory_target_are_named() {
        let d = tempfile::tempdir().unwrap();
        let e = atomic(&d.path().join("nope/out.svg"), b"x").unwrap_err();
        assert!(e.contains("does not exist"), "{e}");
        let e = atomic(d.path(), b"x").unwrap_err();
        assert!(e.contains("is a directory"), "{e}");
    }
}
