//! `--format concise`: one line per finding,
//! `file:line:col: severity [rule] message`, errors first, then a one-line
//! summary. For hooks and terminals where the annotated report is too long.
//!
//! `file` is the audited folder as given joined with the finding's file, so
//! editors and terminals open it from the working directory.

use std::io::{self, Write};

use crate::diagnostic::Severity;
use crate::i18n::t;
use crate::report::github::workspace_path;
use crate::Audit;

/// Writes one line per finding (errors, then warnings, each in file order)
/// and, unless `quiet`, the summary line. `color` paints the severity.
pub fn write(audit: &Audit, color: bool, quiet: bool, out: &mut dyn Write) -> io::Result<()> {
    for severity in [Severity::Error, Severity::Warning] {
        let word = match (severity, color) {
            (Severity::Error, true) => "\x1b[1;31merror\x1b[0m",
            (Severity::Warning, true) => "\x1b[1;33mwarning\x1b[0m",
            (severity, false) => severity.as_str(),
        };
        for f in audit.findings.iter().filter(|f| f.severity == severity) {
            // A message is one line; a stray line break would split the record.
            let message = f.message.replace(['\r', '\n'], " ");
            writeln!(
                out,
                "{}:{}:{}: {word} [{}] {message}",
                workspace_path(audit, &f.location.file),
                f.location.line,
                f.location.column,
                f.rule,
            )?;
        }
    }
    if !quiet {
        writeln!(out, "{}", summary(audit))?;
    }
    Ok(())
}

/// `mpaudit: 6 errors, 5 warnings in 6 files` (and what could not be read).
pub fn summary(audit: &Audit) -> String {
    let errors = audit.count(Severity::Error);
    let warnings = audit.count(Severity::Warning);
    let mut line = t!(
        audit.lang,
        "concise-summary",
        errors = errors,
        warnings = warnings,
        files = audit.files_scanned
    );
    if audit.files_failed > 0 {
        line.push_str(&t!(
            audit.lang,
            "summary-unreadable",
            count = audit.files_failed
        ));
    }
    line
}
