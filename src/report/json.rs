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
    /// How the program logs in, and identity work done on the client
    /// (absent when there is none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    identity: Vec<IdentityOut<'a>>,
    /// The consent wiring of each page (absent when the project has no
    /// consent handling).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    consent_pages: Vec<crate::PageConsent>,
    findings: Vec<FindingOut<'a>>,
    summary: Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<BaselineOut<'a>>,
}

/// One identity fact: `kind` is `login`, `check-session`, `code2session`,
/// `server-api`, `app-secret`, `session-key-stored`, `session-key-sent` or
/// `decrypt`.
#[derive(Serialize)]
struct IdentityOut<'a> {
    kind: &'static str,
    file: &'a str,
    line: usize,
    column: usize,
    origin: &'a str,
    /// The API (`wx.setStorageSync`) for session_key facts.
    #[serde(skip_serializing_if = "Option::is_none")]
    api: Option<&'a str>,
    /// The server API path (`sns/jscode2session`).
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    /// What holds an AppSecret (`appSecret`); the secret itself is never written.
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    /// How data is decrypted (`WXBizDataCrypt`, `decrypt`).
    #[serde(skip_serializing_if = "Option::is_none")]
    how: Option<&'a str>,
}

fn identity_out(fact: &crate::inventory::IdentityFact) -> Option<IdentityOut<'_>> {
    use crate::inventory::identity::IdentityKind as K;
    let (mut api, mut path, mut name, mut how) = (None, None, None, None);
    match &fact.kind {
        K::ServerApi { path: p } => path = Some(p.as_str()),
        K::AppSecret { name: n, .. } => name = Some(n.as_str()),
        K::SessionKeyStored { api: a }
        | K::SessionKeySent { api: a }
        | K::IdentityInUrl { api: a, .. } => api = Some(a.as_str()),
        K::Decrypt { how: h } => how = Some(h.as_str()),
        _ => {}
    }
    Some(IdentityOut {
        kind: fact.kind.name()?,
        file: &fact.location.file,
        line: fact.location.line,
        column: fact.location.column,
        origin: &fact.origin,
        api,
        path,
        name,
        how,
    })
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
        identity: audit.identity.iter().filter_map(identity_out).collect(),
        consent_pages: if audit.consent_files.is_empty() {
            Vec::new()
        } else {
            audit.consent_by_page()
        },
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
