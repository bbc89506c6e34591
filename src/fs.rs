//! Reading the project's files, the findings for files that cannot be read,
//! and the one atomic write every command that writes a file goes through.

use std::io;
use std::path::Path;

use crate::diagnostic::{locate, point, Finding, Location};
use crate::i18n::{t, Lang};
use crate::rule::pipeline::{FILE_TOO_LARGE, NON_UTF8_FILE, UNREADABLE_FILE};
use crate::source;

/// Reads a file of the project as text ([`source::read`]): `None` with an
/// `unreadable-file` or `file-too-large` finding when it cannot be read or is
/// over `max` bytes, and a `non-utf8-file` finding when it is not UTF-8.
pub fn read_text(
    path: &Path,
    rel: &str,
    max: u64,
    lang: Lang,
    findings: &mut Vec<Finding>,
) -> Option<String> {
    match source::read(path, max) {
        Ok(text) => {
            if let Some(not_utf8) = &text.not_utf8 {
                findings.push(non_utf8_finding(rel, &text.text, not_utf8, lang));
            }
            Some(text.text)
        }
        Err(unread) => {
            findings.push(unread_finding(rel, unread, max, lang));
            None
        }
    }
}

/// The finding for a file that was not read: `file-too-large` or
/// `unreadable-file`.
pub fn unread_finding(
    rel: &str,
    unread: source::Unread,
    max_file_size: u64,
    lang: Lang,
) -> Finding {
    match unread {
        source::Unread::TooLarge(size) => Finding::new(
            &FILE_TOO_LARGE,
            point(rel),
            t!(
                lang,
                "fs-too-large",
                file = rel,
                size = human_size(size),
                limit = human_size(max_file_size)
            ),
        )
        .help(t!(lang, "fs-too-large-help")),
        source::Unread::Binary {
            offset,
            line,
            column,
        } => Finding::new(
            &UNREADABLE_FILE,
            Location {
                file: rel.to_owned(),
                line,
                column,
                offset,
                len: 0,
            },
            t!(
                lang,
                "fs-binary",
                file = rel,
                line = line.to_string(),
                column = column.to_string()
            ),
        )
        .help(t!(lang, "fs-binary-help")),
        source::Unread::Io(err) => Finding::new(
            &UNREADABLE_FILE,
            point(rel),
            t!(lang, "fs-unreadable", file = rel, error = err.to_string()),
        ),
    }
}

/// `non-utf8-file` at the first byte that is not UTF-8.
pub fn non_utf8_finding(rel: &str, text: &str, not_utf8: &source::NotUtf8, lang: Lang) -> Finding {
    match not_utf8 {
        source::NotUtf8::Invalid { byte, offset } => {
            let len = text[*offset..].chars().next().map_or(0, char::len_utf8);
            let location = locate(rel, text, *offset, len);
            Finding::new(
                &NON_UTF8_FILE,
                location.clone(),
                t!(
                    lang,
                    "fs-not-utf8",
                    file = rel,
                    byte = format!("0x{byte:02X}"),
                    line = location.line.to_string(),
                    column = location.column.to_string()
                ),
            )
            .label(t!(lang, "fs-not-utf8-label"))
            .help(t!(lang, "fs-save-as-utf8"))
        }
        source::NotUtf8::Utf16 { encoding } => Finding::new(
            &NON_UTF8_FILE,
            point(rel),
            t!(
                lang,
                "fs-utf16",
                file = rel,
                encoding = encoding.to_string()
            ),
        )
        .help(t!(lang, "fs-save-as-utf8")),
    }
}

/// `52428800` → `50 MB`, `1536` → `1.5 KB`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KB", "MB", "GB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} bytes")
    } else if value.fract() == 0.0 {
        format!("{value} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// Writes `contents` to `path` through a temporary file in the same folder
/// and a rename, so an interrupted run never leaves a truncated file. Without
/// `overwrite`, fails with [`io::ErrorKind::AlreadyExists`] when `path` exists.
#[cfg_attr(not(feature = "cli"), allow(dead_code))] // used by the command line only
pub fn write_atomic(path: &Path, contents: &[u8], overwrite: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file path"))?;
    let tmp = dir.join(format!(
        ".{}.mpaudit-{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        io::Write::write_all(&mut file, contents)?;
        file.sync_all()?;
        drop(file);
        if overwrite {
            return std::fs::rename(&tmp, path);
        }
        // A hard link never replaces an existing file, so a file created
        // since the caller looked is not clobbered.
        match std::fs::hard_link(&tmp, path) {
            Ok(()) => std::fs::remove_file(&tmp),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => Err(err),
            // File systems without hard links.
            Err(_) if path.exists() => Err(io::ErrorKind::AlreadyExists.into()),
            Err(_) => std::fs::rename(&tmp, path),
        }
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// `path` with `/` separators.
pub fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// `rel` joined to `name` with `/`, where `.` is the audited folder itself.
pub fn join_rel(rel: &str, name: &str) -> String {
    if rel == "." || rel.is_empty() {
        name.to_owned()
    } else {
        format!("{rel}/{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_atomic_never_replaces_without_overwrite() {
        let dir = std::env::temp_dir().join(format!("mpaudit-fs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("privacy.json");
        write_atomic(&path, b"one", false).unwrap();
        let err = write_atomic(&path, b"two", false).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        write_atomic(&path, b"three", true).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "three");
        let entries: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(entries, ["privacy.json"], "no temporary file left");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
