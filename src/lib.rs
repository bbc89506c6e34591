//! mpaudit audits WeChat Mini Program projects for privacy compliance before
//! they go to WeChat review.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`project`] — discover: project.config.json → `miniprogramRoot` → app.json, files.
//! 2. [`parse`] — parse every JS/TS/WXS file with swc, in parallel (rayon).
//! 3. [`inventory`] — record every place that touches private data.
//!    [`graph`] links the files: which pages reach each use, and scopes passed
//!    to wrappers of `wx.authorize` in other files.
//! 4. [`checks`] — check the inventory against [`declaration`] (privacy.json),
//!    app.json and the rule data in [`ruleset`].
//! 5. [`report`] — human (miette), JSON, GitHub annotations, SARIF, rdjson.
//!
//! [`audit`] runs stages 1–4; the CLI ([`cli`]) adds stage 5.

pub mod checks;
pub mod cli;
pub mod declaration;
pub mod diagnostic;
pub mod graph;
pub mod inventory;
pub mod json;
pub mod parse;
pub mod project;
pub mod report;
pub mod ruleset;
pub mod source;
pub mod wxml;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::checks::rules;
use crate::declaration::Declaration;
use crate::diagnostic::{Finding, Severity};
use crate::inventory::{FileResult, Use};
use crate::project::Project;
use crate::ruleset::Ruleset;

/// Stack size of audit worker threads: deeply nested code recurses deeply.
const WORKER_STACK: usize = 64 * 1024 * 1024;

/// What to audit and how.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The folder to audit (holding project.config.json or app.json).
    pub root: PathBuf,
    /// Worker threads; `None` means one per core.
    pub threads: Option<usize>,
    /// Extra rule rows (`--rules FILE`).
    pub rules_file: Option<PathBuf>,
    /// The privacy declaration, if not `privacy.json` in `root`.
    pub declaration: Option<PathBuf>,
    /// How findings in `miniprogram_npm` code count.
    pub third_party: checks::ThirdParty,
}

/// Why the audit could not run (exit code 2).
#[derive(Debug, Clone)]
pub struct RunError(pub String);

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The result of an audit.
#[derive(Debug)]
pub struct Audit {
    /// The discovered project.
    pub project: Project,
    /// The rule data used.
    pub ruleset: Ruleset,
    /// The privacy declaration, if any.
    pub declaration: Option<Declaration>,
    /// Every privacy use, sorted by file and position.
    pub inventory: Vec<Use>,
    /// Consent handling uses, sorted.
    pub consent: Vec<Use>,
    /// Every page of app.json (main package, then subpackages), as
    /// `root/page`.
    pub pages: Vec<String>,
    /// Findings, sorted by file, position and rule.
    pub findings: Vec<Finding>,
    /// Files read and audited.
    pub files_scanned: usize,
    /// Files that could not be read or parsed at all.
    pub files_failed: usize,
    /// Wall time of the audit.
    pub elapsed: Duration,
}

impl Audit {
    /// Findings at `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// 1 when there are error-level findings, else 0.
    pub fn exit_code(&self) -> i32 {
        i32::from(self.count(Severity::Error) > 0)
    }
}

/// Runs discovery, parsing, the inventory and the checks.
pub fn audit(options: &Options) -> Result<Audit, RunError> {
    let started = Instant::now();
    let ruleset = match &options.rules_file {
        Some(path) => Ruleset::with_overrides(path).map_err(|e| RunError(e.message))?,
        None => Ruleset::builtin(),
    };
    let project = project::discover(&options.root).map_err(|e| RunError(e.0))?;
    let mut findings = project.findings.clone();
    let declaration = declaration::load(&project, options.declaration.as_deref(), &mut findings)
        .map_err(RunError)?;

    // Config files already read (and reported) by discovery are not re-checked.
    let mut read_already = vec![
        project.app_json_file.clone(),
        declaration::FILE_NAME.to_owned(),
    ];
    read_already.extend(
        [
            "project.config.json",
            "project.private.config.json",
            declaration::FILE_NAME,
        ]
        .map(|name| project::join_rel(&project.miniprogram_root, name)),
    );
    if let Some(d) = &declaration {
        read_already.push(d.file.clone());
    }

    let mut pool = rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK);
    if let Some(threads) = options.threads {
        pool = pool.num_threads(threads);
    }
    let pool = pool
        .build()
        .map_err(|e| RunError(format!("cannot start worker threads: {e}")))?;
    let results: Vec<FileResult> = pool.install(|| {
        project
            .files
            .par_iter()
            .map(|file| {
                catch_unwind(AssertUnwindSafe(|| {
                    inventory::analyze_file(file, &ruleset, &read_already)
                }))
                .unwrap_or_else(|panic| internal_error(&file.rel, panic))
            })
            .collect()
    });

    // Stage 3b: link files to pages, and scopes to wrappers of wx.authorize.
    let graph = graph::Graph::build(&project, &results);
    let mut inventory = graph::wrapper_uses(&graph, &results, &ruleset);
    let mut consent = Vec::new();
    let mut templates = std::collections::BTreeMap::new();
    let files_scanned = results.len();
    let mut files_failed = 0;
    for (file, mut result) in project.files.iter().zip(results) {
        if let Some(mut events) = result.events.take() {
            events.resolved = events
                .includes
                .iter()
                .map(|src| graph.resolve_template(&file.rel, src))
                .collect();
            templates.insert(file.rel.clone(), events);
        }
        files_failed += usize::from(result.failed);
        inventory.extend(result.uses);
        consent.extend(result.consent);
        findings.extend(result.findings);
    }
    for u in inventory.iter_mut().chain(consent.iter_mut()) {
        u.pages = graph.pages_of(&u.file);
    }
    let pages = graph.pages.clone();
    drop(graph);
    inventory.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    consent.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));

    findings.extend(checks::run_all(&checks::Context {
        project: &project,
        ruleset: &ruleset,
        uses: &inventory,
        consent: &consent,
        declaration: declaration.as_ref(),
        templates: &templates,
    }));
    checks::third_party(&mut findings, &project, options.third_party);
    name_functions(&mut findings, inventory.iter().chain(&consent));
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup();

    Ok(Audit {
        project,
        ruleset,
        declaration,
        inventory,
        consent,
        pages,
        findings,
        files_scanned,
        files_failed,
        elapsed: started.elapsed(),
    })
}

/// Sets [`Finding::function`] of the findings located exactly at a use (same
/// file and byte offset) to the use's enclosing function.
fn name_functions<'a>(findings: &mut [Finding], uses: impl Iterator<Item = &'a Use>) {
    let mut functions: std::collections::HashMap<(&str, usize), &str> =
        std::collections::HashMap::new();
    for u in uses {
        if let Some(function) = u.context.as_ref().and_then(|c| c.function.as_deref()) {
            functions.entry((&u.file, u.offset)).or_insert(function);
        }
    }
    if functions.is_empty() {
        return;
    }
    for finding in findings {
        let at = (finding.location.file.as_str(), finding.location.offset);
        if let Some(function) = functions.get(&at) {
            finding.function = Some((*function).to_owned());
        }
    }
}

fn internal_error(rel: &str, panic: Box<dyn std::any::Any + Send>) -> FileResult {
    let reason = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned());
    FileResult {
        findings: vec![Finding::new(
            &rules::INTERNAL_ERROR,
            project::point(rel),
            format!("mpaudit crashed while auditing {rel}: {reason}"),
        )
        .help("this is a bug in mpaudit; the other files were audited. Please report it with this file attached")],
        failed: true,
        ..FileResult::default()
    }
}
