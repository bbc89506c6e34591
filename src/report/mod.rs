//! Stage 5, reporting: one module per output format.

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod human;
pub mod json;
pub mod rdjson;
pub mod sarif;
pub mod span;

use std::io::{self, Write};
use std::path::Path;

use crate::Audit;

/// Output formats of `mpaudit check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Format {
    /// Annotated source snippets (miette), an inventory summary and a summary line.
    Human,
    /// One line per finding, `file:line:col: severity [rule] message`, errors
    /// first, then a summary line.
    Concise,
    /// The stable `mpaudit/v1` JSON document.
    Json,
    /// GitHub Actions annotations (workflow commands); the default when
    /// `GITHUB_ACTIONS=true`.
    Github,
    /// GitLab Code Quality (`artifacts: reports: codequality`).
    Gitlab,
    /// SARIF 2.1.0, for GitHub code scanning (`upload-sarif`) and SARIF viewers.
    Sarif,
    /// Reviewdog Diagnostic Format, for `reviewdog -f=rdjson`.
    Rdjson,
    /// One self-contained HTML page for release sign-off: the declaration
    /// next to what the code needs, the findings, the inventory per privacy type.
    Html,
}

/// A finding's message with its help on a line of its own (`help: …`,
/// `修复建议：…`), for the formats that carry one text per finding.
pub(crate) fn message_with_help(audit: &Audit, finding: &crate::Finding) -> String {
    let mut text = finding.message.clone();
    if let Some(help) = &finding.help {
        text.push('\n');
        text.push_str(&crate::i18n::t!(audit.lang, "help-prefix"));
        text.push_str(help);
    }
    text
}

/// Writes `audit` in `format`. `step_summary` is the file GitHub Actions
/// renders as the job summary (`GITHUB_STEP_SUMMARY`), for the github format.
/// With `options.quiet`, the text formats (human, concise, github) print the
/// findings and nothing else.
pub fn write(
    format: Format,
    audit: &Audit,
    options: &human::Options,
    step_summary: Option<&Path>,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(audit, options, out),
        Format::Concise => concise::write(audit, options.color, options.quiet, out),
        Format::Gitlab => gitlab::write(audit, out),
        Format::Json => json::write(audit, out),
        Format::Github => github::write(audit, step_summary, options.quiet, out),
        Format::Sarif => sarif::write(audit, out),
        Format::Rdjson => rdjson::write(audit, out),
        Format::Html => html::write(audit, out),
    }
}
