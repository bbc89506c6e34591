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
use crate::i18n::t;
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
    let message = super::message_with_help(audit, finding);
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
            "{}",
            t!(
                audit.lang,
                "github-summary",
                errors = errors,
                warnings = warnings,
                files = audit.files_scanned
            )
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
    let lang = audit.lang;
    let mut md = String::from("## mpaudit\n\n");
    let mut rules: BTreeMap<&str, (Severity, usize)> = BTreeMap::new();
    for f in &audit.findings {
        rules.entry(f.rule).or_insert((f.severity, 0)).1 += 1;
    }
    if rules.is_empty() {
        let _ = writeln!(md, "{}", t!(lang, "html-no-problems"));
    } else {
        let _ = writeln!(
            md,
            "| {} | {} | {} |\n|---|---|---|",
            t!(lang, "html-column-rule"),
            t!(lang, "html-column-severity"),
            t!(lang, "html-column-findings"),
        );
        for (rule, (severity, n)) in &rules {
            let _ = writeln!(md, "| `{rule}` | {} | {n} |", lang.severity(*severity));
        }
    }
    let mut keys: BTreeMap<&str, usize> = BTreeMap::new();
    for u in &audit.inventory {
        for key in &u.privacy_keys {
            *keys.entry(key).or_default() += 1;
        }
    }
    if !keys.is_empty() {
        let _ = writeln!(
            md,
            "\n### {}\n\n| {} | {} | {} |\n|---|---|---|",
            t!(lang, "github-inventory-heading"),
            t!(lang, "github-column-data-type"),
            t!(lang, "github-column-uses"),
            t!(lang, "html-column-declared"),
        );
        for (key, uses) in &keys {
            let declared = match &audit.declaration {
                None => t!(lang, "inventory-no-declaration"),
                Some(d) if d.declares(key) => t!(lang, "html-yes"),
                Some(_) => format!("**{}**", t!(lang, "html-no")),
            };
            let _ = writeln!(
                md,
                "| {} | {uses} | {declared} |",
                audit.ruleset.describe_key_in(lang, key)
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
