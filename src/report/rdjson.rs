//! `--format rdjson`: the Reviewdog Diagnostic Format (`DiagnosticResult`
//! message as JSON), for `reviewdog -f=rdjson`.
//!
//! Paths are relative to the audited folder, as reviewdog resolves them
//! against its working directory. Columns count UTF-8 bytes, as the format
//! defines them; ranges end just past the highlighted text (exclusive).

use std::io::{self, Write};

use serde::Serialize;

use super::span::{Position, Sources};
use crate::checks::Rule;
use crate::diagnostic::{Finding, Severity};
use crate::Audit;

#[derive(Serialize)]
struct DiagnosticResult {
    source: Source,
    severity: &'static str,
    diagnostics: Vec<Diagnostic>,
}

#[derive(Serialize)]
struct Source {
    name: &'static str,
    url: &'static str,
}

#[derive(Serialize)]
struct Diagnostic {
    message: String,
    location: DiagnosticLocation,
    severity: &'static str,
    code: Code,
}

#[derive(Serialize)]
struct DiagnosticLocation {
    path: String,
    range: Range,
}

#[derive(Serialize)]
struct Range {
    start: Pos,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<Pos>,
}

#[derive(Serialize)]
struct Pos {
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

#[derive(Serialize)]
struct Code {
    value: &'static str,
    url: String,
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
    }
}

fn pos(p: Position) -> Pos {
    Pos {
        line: p.line,
        column: Some(p.byte_column),
    }
}

fn diagnostic(audit: &Audit, finding: &Finding, sources: &mut Sources<'_>) -> Diagnostic {
    let message = super::message_with_help(audit, finding);
    let range = match sources.span(&finding.location) {
        Some(span) => Range {
            start: pos(span.start),
            end: span.end.map(pos),
        },
        // The file cannot be read again: the line alone is certain (byte
        // columns need the text).
        None => Range {
            start: Pos {
                line: finding.location.line,
                column: None,
            },
            end: None,
        },
    };
    let path = finding.location.file.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path).to_owned();
    Diagnostic {
        message,
        location: DiagnosticLocation { path, range },
        severity: severity(finding.severity),
        code: Code {
            value: finding.rule,
            url: Rule::find(&crate::checks::ALL_RULES, finding.rule)
                .map(Rule::help_uri)
                .unwrap_or_else(|| env!("CARGO_PKG_REPOSITORY").to_owned()),
        },
    }
}

/// Writes the `DiagnosticResult` as pretty JSON followed by a newline. The
/// top-level `severity` is `ERROR` when any finding is an error, else
/// `WARNING`; each diagnostic carries its own.
pub fn write(audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    let mut sources = Sources::new(audit);
    let result = DiagnosticResult {
        source: Source {
            name: "mpaudit",
            url: env!("CARGO_PKG_REPOSITORY"),
        },
        severity: severity(if audit.count(Severity::Error) > 0 {
            Severity::Error
        } else {
            Severity::Warning
        }),
        diagnostics: audit
            .findings
            .iter()
            .map(|f| diagnostic(audit, f, &mut sources))
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &result)?;
    writeln!(out)
}
