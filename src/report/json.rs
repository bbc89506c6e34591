//! The `mpaudit/v1` JSON report. Field names are a public contract: add, never rename.

use std::io::{self, Write};

use serde::Serialize;

use crate::inventory::Use;
use crate::Audit;

/// The version tag of this schema.
pub const SCHEMA: &str = "mpaudit/v1";

#[derive(Serialize)]
struct Report<'a> {
    schema: &'static str,
    version: &'static str,
    root: String,
    miniprogram_root: &'a str,
    declaration: Option<&'a str>,
    /// The config file that applied (absent without one).
    #[serde(skip_serializing_if = "Option::is_none")]
    config: Option<&'a str>,
    files: Files,
    declared: Vec<&'a str>,
    inventory: &'a [Use],
    findings: Vec<FindingOut<'a>>,
    summary: Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<BaselineOut<'a>>,
}

#[derive(Serialize)]
struct BaselineOut<'a> {
    file: &'a str,
    hidden: usize,
    stale: &'a [crate::baseline::Entry],
}

#[derive(Serialize)]
struct Files {
    scanned: usize,
    failed: usize,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    suppressed: usize,
}

#[derive(Serialize)]
struct FindingOut<'a> {
    rule: &'a str,
    severity: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    privacy_key: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    api: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

/// Writes the report as pretty JSON followed by a newline.
pub fn write(audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    let mut declared: Vec<&str> = audit
        .declaration
        .iter()
        .flat_map(|d| d.keys.iter().map(|k| k.key.as_str()))
        .collect();
    declared.sort_unstable();
    declared.dedup();
    let report = Report {
        schema: SCHEMA,
        version: env!("CARGO_PKG_VERSION"),
        root: audit.project.root.to_string_lossy().replace('\\', "/"),
        miniprogram_root: &audit.project.miniprogram_root,
        declaration: audit.declaration.as_ref().map(|d| d.file.as_str()),
        config: audit.config_file.as_deref(),
        files: Files {
            scanned: audit.files_scanned,
            failed: audit.files_failed,
        },
        declared,
        inventory: &audit.inventory,
        findings: audit
            .findings
            .iter()
            .map(|f| FindingOut {
                rule: f.rule,
                severity: f.severity.as_str(),
                file: &f.location.file,
                line: f.location.line,
                column: f.location.column,
                message: &f.message,
                privacy_key: f.privacy_key.as_deref(),
                api: f.api.as_deref(),
                help: f.help.as_deref(),
                url: f.url.as_deref(),
            })
            .collect(),
        summary: Summary {
            errors: audit.count(crate::diagnostic::Severity::Error),
            warnings: audit.count(crate::diagnostic::Severity::Warning),
            suppressed: audit.suppressed,
        },
        baseline: audit.baseline.as_ref().map(|b| BaselineOut {
            file: &b.file,
            hidden: b.hidden,
            stale: &b.stale,
        }),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
