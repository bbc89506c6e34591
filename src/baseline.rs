//! Baselines: adopt mpaudit on a project with known findings, and report
//! only new ones.
//!
//! `mpaudit check --write-baseline FILE` records the current findings;
//! `mpaudit check --baseline FILE` hides findings the baseline records and
//! lists the entries that no longer match anything, so the file can be pruned.
//!
//! An entry is keyed by rule, file, API and privacy key, never by line or
//! message, so editing a file (or upgrading mpaudit's wording) does not
//! invalidate it, and counts how many findings share the key: three uses of an
//! undeclared API in one file are one entry with `"count": 3`, and a fourth is
//! reported. When a key has more findings than its count, the first ones in
//! file order are hidden. The file is versioned, sorted and pretty-printed, so
//! diffs of it stay small in the repositories that commit it.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Finding;
use crate::i18n::{t, Lang};

/// The baseline format version this mpaudit reads and writes.
pub const VERSION: u32 = 1;

/// One key of the baseline and how many findings it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The rule id.
    pub rule: String,
    /// The file, relative to the audited folder, with `/`.
    pub file: String,
    /// The canonical API, when the finding has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api: Option<String>,
    /// The privacy key, when the finding has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy_key: Option<String>,
    /// How many findings share this key. In a stale entry: how many the
    /// baseline records that were not found.
    pub count: usize,
}

/// Sort and identity key of an entry: file first, so a file's entries stay together.
type Key = (String, String, Option<String>, Option<String>);

impl Entry {
    fn key(&self) -> Key {
        (
            self.file.clone(),
            self.rule.clone(),
            self.api.clone(),
            self.privacy_key.clone(),
        )
    }
}

fn key_of(f: &Finding) -> Key {
    (
        f.location.file.clone(),
        f.rule.to_owned(),
        f.api.clone(),
        f.privacy_key.clone(),
    )
}

/// The file as written.
#[derive(Serialize, Deserialize)]
struct Document {
    version: u32,
    findings: Vec<Entry>,
}

/// Only the version, read first so a newer format is named as such.
#[derive(Deserialize)]
struct Header {
    version: u32,
}

/// A baseline read from disk.
#[derive(Debug, Clone)]
pub struct Baseline {
    /// The path as given, for messages and reports.
    pub file: String,
    /// Entries by key (duplicate keys in a hand-edited file add up).
    entries: BTreeMap<Key, usize>,
}

/// What applying a baseline did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The baseline file as given.
    pub file: String,
    /// Findings hidden because the baseline records them.
    pub hidden: usize,
    /// Entries (or parts of their counts) that matched no finding, sorted.
    pub stale: Vec<Entry>,
}

/// Groups findings into sorted entries.
#[cfg_attr(not(feature = "cli"), allow(dead_code))] // used by the command line only
pub fn entries(findings: &[Finding]) -> Vec<Entry> {
    let mut counts: BTreeMap<Key, usize> = BTreeMap::new();
    for f in findings {
        *counts.entry(key_of(f)).or_default() += 1;
    }
    to_entries(counts)
}

fn to_entries(counts: BTreeMap<Key, usize>) -> Vec<Entry> {
    counts
        .into_iter()
        .map(|((file, rule, api, privacy_key), count)| Entry {
            rule,
            file,
            api,
            privacy_key,
            count,
        })
        .collect()
}

/// The baseline text for `findings`: pretty JSON and a final newline.
#[cfg(test)]
pub fn render(findings: &[Finding]) -> String {
    render_entries(entries(findings))
}

#[cfg_attr(not(feature = "cli"), allow(dead_code))] // used by the command line only
fn render_entries(findings: Vec<Entry>) -> String {
    let document = Document {
        version: VERSION,
        findings,
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes the baseline of `findings` to `path` atomically (a temporary file
/// in the same folder, then a rename); returns the number of entries.
#[cfg_attr(not(feature = "cli"), allow(dead_code))] // used by the command line only
pub fn write(path: &Path, findings: &[Finding]) -> Result<usize, String> {
    let entries = entries(findings);
    let count = entries.len();
    let text = render_entries(entries);
    let fail = |e: std::io::Error| format!("cannot write baseline {}: {e}", path.display());
    crate::fs::write_atomic(path, text.as_bytes(), true).map_err(fail)?;
    Ok(count)
}

impl Baseline {
    /// Reads a baseline. The error names the file and, for bad JSON, the
    /// line and column.
    pub fn read(path: &Path, lang: Lang) -> Result<Baseline, String> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            t!(
                lang,
                "baseline-cannot-read",
                file = &name,
                error = e.to_string()
            )
        })?;
        let invalid = |e: serde_json::Error| {
            t!(
                lang,
                "baseline-invalid",
                file = &name,
                error = e.to_string()
            )
        };
        let header: Header = serde_json::from_str(&text).map_err(invalid)?;
        if header.version != VERSION {
            return Err(t!(
                lang,
                "baseline-version",
                file = &name,
                version = header.version.to_string(),
                expected = VERSION.to_string()
            ));
        }
        let document: Document = serde_json::from_str(&text).map_err(invalid)?;
        let mut entries = BTreeMap::new();
        for entry in document.findings {
            *entries.entry(entry.key()).or_default() += entry.count;
        }
        Ok(Baseline {
            file: name.replace('\\', "/"),
            entries,
        })
    }

    /// Removes the findings the baseline records, up to each key's count, in
    /// the order given (the first ones are hidden).
    pub fn apply(&self, findings: &mut Vec<Finding>) -> Applied {
        let mut left = self.entries.clone();
        let before = findings.len();
        findings.retain(|f| match left.get_mut(&key_of(f)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
        left.retain(|_, n| *n > 0);
        Applied {
            file: self.file.clone(),
            hidden: before - findings.len(),
            stale: to_entries(left),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;

    fn finding(file: &str, line: usize, api: &str) -> Finding {
        Finding::new(
            &crate::checks::undeclared_privacy_type::UNDECLARED_PRIVACY_TYPE,
            Location {
                file: file.into(),
                line,
                column: 1,
                offset: 0,
                len: 0,
            },
            format!("message {line}"),
        )
        .api(api)
        .privacy_key("Location")
    }

    #[test]
    fn entries_count_per_key_and_ignore_lines() {
        let findings = [
            finding("b.js", 1, "wx.getLocation"),
            finding("a.js", 9, "wx.getLocation"),
            finding("a.js", 3, "wx.getLocation"),
            finding("a.js", 4, "wx.chooseLocation"),
        ];
        let text = render(&findings);
        let expected = r#"{
  "version": 1,
  "findings": [
    {
      "rule": "undeclared-privacy-type",
      "file": "a.js",
      "api": "wx.chooseLocation",
      "privacy_key": "Location",
      "count": 1
    },
    {
      "rule": "undeclared-privacy-type",
      "file": "a.js",
      "api": "wx.getLocation",
      "privacy_key": "Location",
      "count": 2
    },
    {
      "rule": "undeclared-privacy-type",
      "file": "b.js",
      "api": "wx.getLocation",
      "privacy_key": "Location",
      "count": 1
    }
  ]
}
"#;
        assert_eq!(text, expected);
    }

    #[test]
    fn apply_hides_up_to_the_count_and_lists_the_rest_as_stale() {
        let dir =
            std::env::temp_dir().join(format!("mpaudit-baseline-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("baseline.json");
        let old = [
            finding("a.js", 1, "wx.getLocation"),
            finding("a.js", 2, "wx.getLocation"),
            finding("c.js", 2, "wx.getLocation"),
        ];
        assert_eq!(write(&path, &old).unwrap(), 2);
        let baseline = Baseline::read(&path, Lang::En).unwrap();
        let mut now = vec![
            finding("a.js", 5, "wx.getLocation"),
            finding("a.js", 6, "wx.getLocation"),
            finding("a.js", 7, "wx.getLocation"),
        ];
        let applied = baseline.apply(&mut now);
        assert_eq!(applied.hidden, 2);
        assert_eq!(now.len(), 1);
        assert_eq!(now[0].location.line, 7);
        assert_eq!(applied.stale.len(), 1);
        assert_eq!(
            (applied.stale[0].file.as_str(), applied.stale[0].count),
            ("c.js", 1)
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn bad_files_are_named_with_the_position() {
        let dir = std::env::temp_dir().join(format!("mpaudit-baseline-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("b.json");
        std::fs::write(&path, "{\"version\": 1,\n \"findings\": [}").unwrap();
        let err = Baseline::read(&path, Lang::En).unwrap_err();
        assert!(
            err.contains("b.json") && err.contains("line 2 column 15"),
            "{err}"
        );
        std::fs::write(&path, r#"{"version": 2, "findings": []}"#).unwrap();
        let err = Baseline::read(&path, Lang::En).unwrap_err();
        assert!(err.contains("version 2"), "{err}");
        let err = Baseline::read(&dir.join("missing.json"), Lang::En).unwrap_err();
        assert!(
            err.contains("cannot read baseline") && err.contains("missing.json"),
            "{err}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
