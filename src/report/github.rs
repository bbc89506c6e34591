//! `--format github`: GitHub Actions workflow commands, one annotation per
//! finding (`::error file=…,line=…,col=…,title=mpaudit(rule)::message`).
//!
//! GitHub shows at most 10 error and 10 warning annotations per step, so
//! errors come first, then warnings, then a one-line summary. When
//! `GITHUB_STEP_SUMMARY` names a file, a Markdown summary (counts per rule,
//! the privacy inventory per data type) is appended to it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

use crate::diagnostic::{Finding, Severity};
use crate::Audit;

/// Escapes the message of a workflow command.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The path GitHub knows: relative to the workspace, i.e. the audited folder
/// as given joined with the finding's file.
pub(crate) fn workspace_path(audit: &Audit, file: &str) -> String {
    let root = audit.project.root.to_string_lossy().replace('\\', "/");
    let root = root.trim_end_matches('/');
    match root {
        "" | "." => file.to_owned(),
        _ => format!("{}/{file}", root.strip_prefix("./").unwrap_or(root)),
    }
}

/// One workflow command for `finding`.
fn command(audit: &Audit, finding: &Finding) -> String {
    let level = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut message = finding.message.clone();
    if let Some(help) = &finding.help {
        let _ = write!(message, "\nhelp: {help}");
    }
    format!(
        "::{level} file={},line={},col={},title={}::{}",
        escape_property(&workspace_path(audit, &finding.location.file)),
        finding.location.line,
        finding.location.column,
        escape_property(&format!("mpaudit({})", finding.rule)),
        escape_data(&message)
    )
}

/// Writes the annotations and (unless `quiet`) the summary line; appends the
/// Markdown summary to `summary_file` (`GITHUB_STEP_SUMMARY`) when given.
pub fn write(
    audit: &Audit,
    summary_file: Option<&Path>,
    quiet: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    for severity in [Severity::Error, Severity::Warning] {
        for finding in audit.findings.iter().filter(|f| f.severity == severity) {
            writeln!(out, "{}", command(audit, finding))?;
        }
    }
    if !quiet {
        let (errors, warnings) = (audit.count(Severity::Error), audit.count(Severity::Warning));
        writeln!(
            out,
            "mpaudit: {errors} error{}, {warnings} warning{} in {} files",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" },
            audit.files_scanned
        )?;
    }
    if let Some(path) = summary_file {
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)?;
        file.write_all(step_summary(audit).as_bytes())?;
    }
    Ok(())
}

/// The Markdown step summary: findings per rule, then the inventory.
pub fn step_summary(audit: &Audit) -> String {
    let mut md = String::from("## mpaudit\n\n");
    let mut rules: BTreeMap<&str, (&str, usize)> = BTreeMap::new();
    for f in &audit.findings {
        rules.entry(f.rule).or_insert((f.severity.as_str(), 0)).1 += 1;
    }
    if rules.is_empty() {
        md.push_str("No problems found.\n");
    } else {
        md.push_str("| rule | severity | findings |\n|---|---|---|\n");
        for (rule, (severity, n)) in &rules {
            let _ = writeln!(md, "| `{rule}` | {severity} | {n} |");
        }
    }
    let mut keys: BTreeMap<&str, usize> = BTreeMap::new();
    for u in &audit.inventory {
        for key in &u.privacy_keys {
            *keys.entry(key).or_default() += 1;
        }
    }
    if !keys.is_empty() {
        md.push_str("\n### Privacy inventory\n\n| data type | uses | declared |\n|---|---|---|\n");
        for (key, uses) in &keys {
            let declared = match &audit.declaration {
                None => "no privacy.json",
                Some(d) if d.declares(key) => "yes",
                Some(_) => "**no**",
            };
            let _ = writeln!(
                md,
                "| {} | {uses} | {declared} |",
                audit.ruleset.describe_key(key)
            );
        }
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_workflow_command_rules() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
