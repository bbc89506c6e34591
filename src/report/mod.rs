//! Stage 5, reporting: one module per output format.

pub mod human;
pub mod json;

use std::io::{self, Write};

use crate::Audit;

/// Output formats of `mpaudit check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Annotated source snippets (miette), an inventory summary and a summary line.
    Human,
    /// The stable `mpaudit/v1` JSON document.
    Json,
}

/// Writes `audit` in `format`.
pub fn write(
    format: Format,
    audit: &Audit,
    options: &human::Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(audit, options, out),
        Format::Json => json::write(audit, out),
    }
}
