//! Stage 3, the inventory: every place the project touches private data, and
//! every place it handles privacy consent.
//!
//! [`analyze_file`] runs on one file inside a rayon worker: read, parse, visit,
//! and return owned results. It never fails: unreadable files and syntax errors
//! come back as findings, and whatever swc recovered is still searched.

pub mod context;
pub mod events;
pub mod js;
pub mod wxml;

use serde::Serialize;

use crate::checks::rules;
use crate::diagnostic::{Finding, Location};
use crate::json;
use crate::parse;
use crate::project::{self, FileKind, ProjectFile};
use crate::ruleset::Ruleset;
use crate::source::{self, LineIndex};

/// One place that touches private data (or handles consent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Use {
    /// Canonical API: `wx.getLocation`, `wx.authorize`, `RecorderManager.start`.
    pub api: String,
    /// Privacy keys this use needs declared (empty when unknown, e.g. a
    /// non-literal authorize scope).
    pub privacy_keys: Vec<String>,
    /// Path relative to the audited folder.
    pub file: String,
    /// 1-based line of the API name.
    pub line: usize,
    /// 1-based column of the API name.
    pub column: usize,
    /// `app` or `npm:<package>`.
    pub origin: String,
    /// For authorize calls: the literal scope, or `null` when not a literal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Option<String>>,
    /// Byte range of the API name, for reporters.
    #[serde(skip)]
    pub offset: usize,
    /// Byte length of the API name.
    #[serde(skip)]
    pub len: usize,
    /// When the use runs (scripts only), for the timing checks.
    #[serde(skip)]
    pub context: Option<Box<context::CallContext>>,
}

impl Use {
    /// Where this use is.
    pub fn location(&self) -> Location {
        Location {
            file: self.file.clone(),
            line: self.line,
            column: self.column,
            offset: self.offset,
            len: self.len,
        }
    }

    /// The name of the API as written after the namespace (`getLocation`).
    pub fn member(&self) -> &str {
        self.api.strip_prefix("wx.").unwrap_or(&self.api)
    }

    /// Sort order: file, position, API.
    pub fn sort_key(&self) -> (&str, usize, usize, &str) {
        (&self.file, self.line, self.column, &self.api)
    }
}

/// What one file contributed.
#[derive(Debug, Default)]
pub struct FileResult {
    /// Privacy uses.
    pub uses: Vec<Use>,
    /// Consent handling (`wx.onNeedPrivacyAuthorization` …).
    pub consent: Vec<Use>,
    /// Problems with the file itself (syntax errors, unreadable).
    pub findings: Vec<Finding>,
    /// Whether the file could not be read or parsed at all.
    pub failed: bool,
    /// For a WXML template: the event handlers it binds.
    pub events: Option<events::TemplateEvents>,
}

/// Reads, parses and visits one file.
pub fn analyze_file(file: &ProjectFile, ruleset: &Ruleset, skip_json: &[String]) -> FileResult {
    let mut result = FileResult::default();
    let bytes = match std::fs::read(&file.path) {
        Ok(bytes) => bytes,
        Err(err) => {
            result.failed = true;
            result.findings.push(Finding::new(
                &rules::UNREADABLE_FILE,
                project::point(&file.rel),
                format!("cannot read {}: {err}", file.rel),
            ));
            return result;
        }
    };
    let (text, _valid_utf8) = source::decode(&bytes);
    match file.kind {
        FileKind::Json => {
            if !skip_json.contains(&file.rel) {
                if let Err(err) = json::parse(&text) {
                    result.failed = true;
                    result
                        .findings
                        .push(project::json_syntax_finding(&file.rel, &text, &err));
                }
            }
        }
        FileKind::Js | FileKind::Ts | FileKind::Wxs => {
            let index = LineIndex::new(&text);
            analyze_script(
                file,
                &text,
                &index,
                (0, &text),
                file.kind,
                ruleset,
                &mut result,
            );
        }
        FileKind::Wxml => analyze_template(file, &text, ruleset, &mut result),
    }
    result
}

/// Parses a script and records its uses. `part` is `(offset, text)` of the
/// script within the file (the whole file, or an inline `<wxs>` body).
fn analyze_script(
    file: &ProjectFile,
    text: &str,
    index: &LineIndex,
    part: (usize, &str),
    kind: FileKind,
    ruleset: &Ruleset,
    result: &mut FileResult,
) {
    let (shift, script) = part;
    let parsed = parse::parse(&file.rel, script.to_owned(), kind);
    for err in &parsed.errors {
        result.findings.push(
            Finding::new(
                &rules::PARSE_ERROR,
                locate(file, text, index, shift + err.offset, err.len),
                format!("{} does not parse: {}", file.rel, err.message),
            )
            .label(err.message.clone())
            .help(if parsed.program.is_some() {
                "the parser recovered and the rest of the file was still audited; WeChat's compiler may reject this file"
            } else {
                "fix the syntax error: uses of privacy APIs in this script could not be audited"
            }),
        );
    }
    let Some(program) = parsed.program else {
        result.failed = true;
        return;
    };
    let mut raw = js::collect(&program, parsed.base, ruleset);
    let offsets: Vec<usize> = raw.iter().map(|u| u.offset).collect();
    let mut contexts = context::analyze(&program, parsed.base, &offsets);
    for use_ in &mut raw {
        use_.offset += shift;
    }
    let before = result.uses.len();
    record(file, text, index, raw, ruleset, result);
    for use_ in &mut result.uses[before..] {
        use_.context = contexts.remove(&(use_.offset - shift)).map(Box::new);
    }
}

/// Reads a WXML template: its elements and its inline `<wxs>` scripts.
fn analyze_template(file: &ProjectFile, text: &str, ruleset: &Ruleset, result: &mut FileResult) {
    let index = LineIndex::new(text);
    let doc = crate::wxml::read(text);
    for err in &doc.errors {
        result.findings.push(
            Finding::new(
                &rules::PARSE_ERROR,
                locate(file, text, &index, err.offset, err.len),
                format!("{} has broken markup: {}", file.rel, err.message),
            )
            .label(err.message.clone())
            .help("fix the markup; the rest of the template was still audited, but WeChat's compiler may reject it"),
        );
    }
    record(
        file,
        text,
        &index,
        wxml::collect(&doc, ruleset),
        ruleset,
        result,
    );
    result.events = Some(events::collect(&doc));
    for script in &doc.scripts {
        analyze_script(
            file,
            text,
            &index,
            (script.offset, &script.text),
            FileKind::Wxs,
            ruleset,
            result,
        );
    }
}

fn locate(
    file: &ProjectFile,
    text: &str,
    index: &LineIndex,
    offset: usize,
    len: usize,
) -> Location {
    let (line, column) = index.position(text, offset);
    Location {
        file: file.rel.clone(),
        line,
        column,
        offset,
        len,
    }
}

/// Turns raw uses into inventory entries (privacy uses or consent handling).
fn record(
    file: &ProjectFile,
    text: &str,
    index: &LineIndex,
    raw: Vec<js::RawUse>,
    ruleset: &Ruleset,
    result: &mut FileResult,
) {
    for raw in raw {
        let location = locate(file, text, index, raw.offset, raw.len);
        let privacy_keys = match &raw.scope {
            Some(Some(scope)) => ruleset
                .api(scope)
                .map(|r| r.privacy_keys.clone())
                .unwrap_or_default(),
            Some(None) => Vec::new(),
            None => ruleset
                .api(&raw.api)
                .map(|r| r.privacy_keys.clone())
                .unwrap_or_default(),
        };
        let entry = Use {
            api: raw.api,
            privacy_keys,
            file: location.file,
            line: location.line,
            column: location.column,
            origin: file.origin.clone(),
            scope: raw.scope,
            offset: raw.offset,
            len: raw.len,
            context: None,
        };
        if ruleset.is_consent(&entry.api) {
            result.consent.push(entry);
        } else if !entry.privacy_keys.is_empty()
            || entry.scope.is_some()
            || ruleset.deprecated(&entry.api).is_some()
            || ruleset.api(&entry.api).is_some()
        {
            result.uses.push(entry);
        }
    }
}
