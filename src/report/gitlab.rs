//! `--format gitlab`: a GitLab Code Quality report, the subset of the Code
//! Climate issue format GitLab reads (`artifacts: reports: codequality`).
//!
//! One JSON array; each finding is an object with `description`,
//! `check_name` (the rule id), `fingerprint`, `severity` (`major` for
//! errors, `minor` for warnings), `location.path` (relative to the
//! repository root, without `./`) and `location.lines.begin`.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde_json::json;

use crate::diagnostic::Severity;
use crate::fs::slash_path;
use crate::report::{github::workspace_path, sarif};
use crate::Audit;

/// Writes the report.
pub fn write(audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    let base = repository_prefix(&audit.project.root);
    // GitLab shows one issue per fingerprint: findings that share the
    // line-independent fingerprint get their rank among them appended.
    let mut seen: HashMap<String, usize> = HashMap::new();
    let issues: Vec<_> = audit
        .findings
        .iter()
        .map(|f| {
            let path = match &base {
                Some(prefix) => format!("{prefix}{}", f.location.file),
                None => workspace_path(audit, &f.location.file),
            };
            let mut fingerprint = sarif::fingerprint_at(f, &path);
            let n = seen.entry(fingerprint.clone()).or_default();
            *n += 1;
            if *n > 1 {
                fingerprint.push_str(&format!("-{n}"));
            }
            let description = super::message_with_help(audit, f);
            json!({
                "type": "issue",
                "description": description,
                "check_name": f.rule,
                "fingerprint": fingerprint,
                "severity": match f.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                "location": {
                    "path": path,
                    "lines": { "begin": f.location.line },
                },
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}

/// The audited folder relative to the repository that holds it, as a
/// prefix for file paths (`""` at the repository root, `apps/shop/` below
/// it); `None` when no enclosing folder has `.git`.
fn repository_prefix(root: &Path) -> Option<String> {
    let folder = std::fs::canonicalize(root).ok()?;
    let repo = repository_root(&folder)?;
    let rel = folder.strip_prefix(&repo).ok()?;
    let rel = slash_path(rel);
    Some(if rel.is_empty() {
        String::new()
    } else {
        format!("{rel}/")
    })
}

/// The nearest folder at or above `folder` with a `.git` entry (a folder, or
/// the file a worktree or submodule has).
fn repository_root(folder: &Path) -> Option<PathBuf> {
    folder
        .ancestors()
        .find(|dir| dir.join(".git").exists())
        .map(Path::to_path_buf)
}
