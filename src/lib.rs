//! mpaudit audits WeChat Mini Program projects for privacy compliance before
//! they go to WeChat review.
//!
//! The pipeline, one module per stage; imports only run downward, and
//! `tests/architecture.rs` keeps it so:
//!
//! - Foundations: `rule` (rule ids, severities, the rules the stages raise
//!   themselves), `diagnostic` (findings and their locations), `source`
//!   (text and line indexes), `fs` (reading files, the one atomic write),
//!   `json` and `config_file` (config files with positions).
//! - Data: `ruleset` (the rule tables of `rules/`), `config`
//!   (`mpaudit.json`).
//! 1. `project` — discover: project.config.json → `miniprogramRoot` →
//!    app.json (or a framework's config), the files; `declaration` reads
//!    the privacy declaration (privacy.json).
//! 2. `parse` — parse: scripts through swc, templates through the WXML
//!    tokenizer, single-file components into blocks, uni-app conditional
//!    compilation, suppression comments; syntax errors become findings.
//! 3. `inventory` — extract every place that touches private data, in
//!    parallel (rayon); `graph` links the files: which pages reach each use.
//! 4. `checks` — one file per check over the inventory, app.json and the
//!    declaration; then `suppress` drops what inline comments suppress and
//!    `baseline` what `--baseline` records.
//! 5. Output: `report` (human, JSON, GitHub, SARIF, rdjson, GitLab, HTML),
//!    `manifest` (the declaration the code needs) and `fix` (`--fix`).
//!
//! [`audit`] runs stages 1–4; the CLI (`cli`) adds stage 5.
//!
//! # Using mpaudit as a library
//!
//! [`audit`] takes [`Options`] (the folder to audit and what the command
//! line's flags would set) and returns an [`Audit`]: the [`Finding`]s, the
//! privacy inventory ([`Use`]), the pages and the counts; or an [`Error`]
//! when the audit cannot run at all (no project, a broken config, rules,
//! baseline or declaration file). [`write_report`] renders an `Audit` in any
//! of the command line's [`Format`]s, from the `Audit` alone: it does not
//! read the project again. [`ALL_RULES`] lists every [`Rule`].
//! [`Options::lang`] picks the language of every text ([`Lang::Zh`] for
//! Chinese; English by default); [`Audit::lang`] says which one the run used.
//!
//! ```
//! let audit = mpaudit::audit(&mpaudit::Options {
//!     root: "fixtures/example-shop".into(),
//!     ..Default::default()
//! })?;
//! for finding in &audit.findings {
//!     let at = &finding.location;
//!     println!("{}:{}:{} {} {}", at.file, at.line, at.column, finding.rule, finding.message);
//! }
//! let mut json = Vec::new();
//! mpaudit::write_report(
//!     mpaudit::Format::Json,
//!     &audit,
//!     &mpaudit::ReportOptions::default(),
//!     None,
//!     &mut json,
//! )?;
//! assert!(audit.count(mpaudit::Severity::Error) > 0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`audit`] catches a panic inside one file's audit (it becomes an
//! `internal-error` finding) but leaves the process's panic hook alone; call
//! [`install_panic_hook`] to keep such panics off stderr as the command line
//! does.
//!
//! The default `cli` feature builds the `mpaudit` command line (`clap`);
//! without it the library still writes every report format.

mod baseline;
mod checks;
#[cfg(feature = "cli")]
pub mod cli;
mod config;
mod config_file;
mod declaration;
mod diagnostic;
mod fix;
mod fs;
mod fuzzing;
mod graph;
mod i18n;
mod inventory;
mod json;
mod manifest;
mod parse;
mod project;
mod report;
mod rule;
mod ruleset;
mod source;
mod stack;
mod suppress;

pub use crate::checks::ALL_RULES;
pub use crate::config::ThirdParty;
pub use crate::diagnostic::{Finding, Location};
pub use crate::i18n::Lang;
pub use crate::inventory::Use;
pub use crate::report::human::Options as ReportOptions;
pub use crate::report::{write as write_report, Format};
pub use crate::rule::{Rule, Severity};

/// What the tests, examples, benchmarks and fuzz targets of this repository
/// use from inside the crate. Not part of the API: no semver promise, may
/// change in any release.
#[doc(hidden)]
pub mod internals {
    pub use crate::worker_pool;

    /// Inside `config`.
    pub mod config {
        pub use crate::config::{schema, Ignore, KEYS};
    }
    /// The languages of messages (issue 17: not wired in yet).
    pub mod i18n {
        pub use crate::i18n::*;
    }
    /// Inside `fix`.
    pub mod fix {
        pub use crate::fix::FIXABLE;
    }
    /// The fuzz targets' entry points.
    pub mod fuzzing {
        pub use crate::fuzzing::{config, script, template};
    }
    /// Inside `inventory`.
    pub mod inventory {
        pub use crate::inventory::analyze_file;
    }
    /// Inside `manifest`.
    pub mod manifest {
        pub use crate::manifest::{draft, markdown, Manifest, PLACEHOLDER_PREFIX};
    }
    /// Inside `parse`.
    pub mod parse {
        pub use crate::parse::parse;
    }
    /// Inside `project`.
    pub mod project {
        pub use crate::project::discover;
    }
    /// The report writers, one per format.
    pub mod report {
        /// The human format.
        pub mod human {
            pub use crate::report::human::{write, Options};
        }
        /// The JSON format.
        pub mod json {
            pub use crate::report::json::write;
        }
        /// The rdjson format.
        pub mod rdjson {
            pub use crate::report::rdjson::write;
        }
        /// The SARIF format.
        pub mod sarif {
            pub use crate::report::sarif::{fingerprint, write};
        }
    }
    /// Inside `ruleset`.
    pub mod ruleset {
        pub use crate::ruleset::{ApiKind, Ruleset, WhenCalled};
    }
    /// Inside `source`.
    pub mod source {
        pub use crate::source::{decode, FileKind};
    }
}

use std::cell::{Cell, RefCell};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Once;
use std::time::{Duration, Instant};

use crate::declaration::Declaration;
use crate::i18n::t;

use crate::inventory::FileResult;
use crate::project::Project;
use crate::ruleset::Ruleset;
use rayon::prelude::*;

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
    /// How findings in `miniprogram_npm` code count; `None` means the config
    /// file's setting, else `error`.
    pub third_party: Option<crate::config::ThirdParty>,
    /// The config file (`--config FILE`); `None` means `mpaudit.json` in the
    /// audited folder, when there is one.
    pub config: Option<PathBuf>,
    /// Do not read any config file (`--no-config`).
    pub no_config: bool,
    /// A baseline (`--baseline FILE`): the findings it records are hidden.
    pub baseline: Option<PathBuf>,
    /// Files larger than this many bytes are not audited (`--max-file-size`);
    /// `None` means the config file's setting, else
    /// 10 MB (`source::DEFAULT_MAX_FILE_SIZE`).
    pub max_file_size: Option<u64>,
    /// The language of findings, reports and errors (`--lang`); `None`
    /// means `lang` in the config file, else [`Options::default_lang`].
    pub lang: Option<Lang>,
    /// The language when neither [`Options::lang`] nor the config file names
    /// one: the CLI passes [`Lang::from_env`]; the default is English.
    pub default_lang: Lang,
}

/// Why the audit could not run (the CLI prints `error: <message>` and exits
/// with code 2). Each variant names the input that failed; its text is the
/// message, naming the file and what is wrong with it.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// No mini program at [`Options::root`], or its project.config.json or
    /// app.json cannot be used.
    Discover(String),
    /// The config file (`mpaudit.json`, [`Options::config`]) cannot be read
    /// or is invalid.
    Config(String),
    /// A rules file ([`Options::rules_file`] or the config's `rules`) cannot
    /// be read or is invalid.
    Rules(String),
    /// The baseline ([`Options::baseline`]) cannot be read or is invalid.
    Baseline(String),
    /// The privacy declaration ([`Options::declaration`]) cannot be read.
    Declaration(String),
    /// The worker threads could not be started.
    Threads(rayon::ThreadPoolBuildError),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Discover(message)
            | Error::Config(message)
            | Error::Rules(message)
            | Error::Baseline(message)
            | Error::Declaration(message) => f.write_str(message),
            Error::Threads(e) => write!(f, "cannot start worker threads: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Threads(e) => Some(e),
            _ => None,
        }
    }
}

/// The result of an audit.
#[derive(Debug)]
pub struct Audit {
    /// The discovered project.
    pub(crate) project: Project,
    /// The rule data used.
    pub(crate) ruleset: Ruleset,
    /// The privacy declaration, if any.
    pub(crate) declaration: Option<Declaration>,
    /// Every privacy use, sorted by file and position.
    pub inventory: Vec<Use>,
    /// Consent handling uses, sorted.
    pub consent: Vec<Use>,
    /// How each file wires consent, by file.
    pub(crate) consent_files: std::collections::BTreeMap<String, inventory::consent::ConsentFile>,
    /// Identity and secrets in scripts: how the program logs in, what it does
    /// on the client that belongs on a backend, its request URLs. Sorted.
    pub(crate) identity: Vec<inventory::IdentityFact>,
    /// The config file that applied, relative to the audited folder.
    pub config_file: Option<String>,
    /// Every page of app.json (main package, then subpackages), as
    /// `root/page`.
    pub pages: Vec<String>,
    /// Findings, sorted by file, position and rule; without those an inline
    /// suppression or the baseline hides.
    pub findings: Vec<Finding>,
    /// Findings hidden by inline suppressions (`// mpaudit-ignore-next-line`).
    pub suppressed: usize,
    /// What the baseline hid and which of its entries are stale, when one was given.
    pub(crate) baseline: Option<baseline::Applied>,
    /// What the audit could not read: the checks that conclude "unused" or
    /// "missing" held back on it.
    pub(crate) unread: checks::Unread,
    /// Files read and audited.
    pub files_scanned: usize,
    /// Files that could not be read or parsed at all, or were not read (over
    /// the size limit, binary).
    pub files_failed: usize,
    /// The size limit the audit applied, in bytes: reports do not read back
    /// larger files.
    pub max_file_size: u64,
    /// Wall time of the audit.
    pub elapsed: Duration,
    /// The texts of the files findings are in, and of the config files the
    /// fixes edit, as the audit saw them (`None` when a file cannot be read,
    /// or is over the size limit): reports show their lines and fixes
    /// without going back to the disk.
    pub(crate) sources: std::collections::BTreeMap<String, Option<source::Text>>,
    /// The language of the run: the findings' texts are in it, and the
    /// reports write their own texts in it (`--lang`, `lang` in the config
    /// file, else [`Options::default_lang`]).
    pub lang: Lang,
}

/// The consent wiring of one page (`consent_pages` in the JSON report): the
/// listeners, agree buttons and `requirePrivacyAuthorize` calls in effect on
/// it, and its privacy uses.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PageConsent {
    /// The page, as `root/page`.
    pub page: String,
    /// Privacy uses (with a privacy type) that the page reaches.
    pub uses: usize,
    /// `wx.onNeedPrivacyAuthorization` registrations in effect: the app's
    /// and those in files the page reaches, as `file:line:column`.
    pub listeners: Vec<String>,
    /// What the listeners do with `resolve`: `resolves` (called or kept on
    /// every path), `drops` (a path where it is neither), `unknown`; absent
    /// without a listener.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolve: Option<&'static str>,
    /// `<button open-type="agreePrivacyAuthorization">` the page renders, as
    /// `file:line:column`.
    pub agree_buttons: Vec<String>,
    /// `wx.requirePrivacyAuthorize` calls the page reaches.
    pub require_calls: Vec<String>,
}

impl PageConsent {
    /// Whether some consent handling is in effect on the page.
    pub fn covered(&self) -> bool {
        !(self.listeners.is_empty()
            && self.agree_buttons.is_empty()
            && self.require_calls.is_empty())
    }
}

impl Audit {
    /// The consent wiring page by page, in app.json order; empty when the
    /// project has no page.
    pub fn consent_by_page(&self) -> Vec<PageConsent> {
        use inventory::consent::Where;
        let at = |l: &diagnostic::Location| format!("{}:{}:{}", l.file, l.line, l.column);
        self.pages
            .iter()
            .map(|page| {
                let mut wiring = PageConsent {
                    page: page.clone(),
                    uses: self
                        .inventory
                        .iter()
                        .filter(|u| !u.privacy_keys.is_empty() && u.pages.contains(page))
                        .count(),
                    listeners: Vec::new(),
                    resolve: None,
                    agree_buttons: Vec::new(),
                    require_calls: Vec::new(),
                };
                let mut drops = false;
                let mut unknown = false;
                for file in self.consent_files.values() {
                    if file.placement != Where::App && !file.pages.contains(page) {
                        continue;
                    }
                    for l in &file.facts.listeners {
                        wiring.listeners.push(at(&l.at));
                        drops |= l.unresolved.is_some();
                        unknown |=
                            l.fate.unknown || !(l.fate.called || l.fate.stored || l.fate.passed);
                    }
                    wiring
                        .agree_buttons
                        .extend(file.facts.agree_buttons.iter().map(|b| at(&b.at)));
                    wiring
                        .require_calls
                        .extend(file.facts.requires.iter().map(|r| at(&r.at)));
                }
                if !wiring.listeners.is_empty() {
                    wiring.resolve = Some(if drops {
                        "drops"
                    } else if unknown {
                        "unknown"
                    } else {
                        "resolves"
                    });
                }
                wiring
            })
            .collect()
    }

    /// Findings at `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// The text of `file` (relative to the audited folder, as in
    /// [`Location::file`]) as the audit read it, BOM stripped; `None` when no
    /// finding is in it or it could not be read.
    pub fn source_text(&self, file: &str) -> Option<&str> {
        self.sources.get(file)?.as_ref().map(|t| t.text.as_str())
    }

    /// 1 when there are error-level findings, else 0.
    pub fn exit_code(&self) -> i32 {
        i32::from(self.count(Severity::Error) > 0)
    }
}

/// The worker threads files are audited on: `threads` of them (`None`: one
/// per core), with a stack deep enough for deeply nested code. The
/// benchmark's parse-only floor (`examples/parse_floor.rs`) parses on the
/// same pool.
#[doc(hidden)]
pub fn worker_pool(threads: Option<usize>) -> Result<rayon::ThreadPool, Error> {
    let mut pool = rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK);
    if let Some(threads) = threads {
        pool = pool.num_threads(threads);
    }
    pool.build().map_err(Error::Threads)
}

/// Runs discovery, parsing, the inventory and the checks.
///
/// A panic while auditing one file becomes an `internal-error` finding for
/// that file, and the other files are still audited. The process's panic hook
/// is left alone: it still reports such panics (on stderr by default) unless
/// [`install_panic_hook`] was called.
pub fn audit(options: &Options) -> Result<Audit, Error> {
    let started = Instant::now();
    // Read first: a bad baseline stops the run before the work.
    let early_lang = options.lang.unwrap_or(options.default_lang);
    let baseline = match &options.baseline {
        Some(path) => Some(baseline::Baseline::read(path, early_lang).map_err(Error::Baseline)?),
        None => None,
    };
    let folder = project::audited_folder(&options.root);
    let mut config_findings = Vec::new();
    let config = if options.no_config {
        config::Config::default()
    } else {
        config::load(
            &folder,
            options.config.as_deref(),
            &checks::ALL_RULES,
            (early_lang, options.lang.is_some()),
            &mut config_findings,
        )
        .map_err(Error::Config)?
    };
    // Command-line flags win over the config file.
    let lang = options.lang.or(config.lang).unwrap_or(options.default_lang);
    let ruleset = match (&options.rules_file, &config.rules) {
        (Some(path), _) | (None, Some(config::RulesSource::File(path))) => {
            Ruleset::with_overrides(path)
        }
        (None, Some(config::RulesSource::Inline { origin, text })) => {
            Ruleset::with_overrides_text(text, origin)
        }
        (None, None) => Ok(Ruleset::builtin()),
    }
    .map_err(|e| Error::Rules(e.message))?;
    let third_party = options
        .third_party
        .or(config.third_party)
        .unwrap_or_default();
    let max_file_size = options
        .max_file_size
        .or(config.max_file_size)
        .unwrap_or(source::DEFAULT_MAX_FILE_SIZE);
    let project = project::discover(&options.root, &config.ignore, &ruleset, lang)
        .map_err(|e| Error::Discover(e.0))?;
    let mut findings = project.findings.clone();
    findings.extend(config_findings);
    let declaration = declaration::load(
        &project,
        options
            .declaration
            .as_deref()
            .or(config.declaration.as_deref()),
        lang,
        &mut findings,
    )
    .map_err(Error::Declaration)?;

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
        .map(|name| crate::fs::join_rel(&project.miniprogram_root, name)),
    );
    if let Some(d) = &declaration {
        read_already.push(d.file.clone());
    }
    read_already.extend(config.file.clone());

    let pool = worker_pool(options.threads)?;
    let results: Vec<FileResult> = pool.install(|| {
        project
            .files
            .par_iter()
            .map(|file| {
                per_file(&file.rel, lang, || {
                    inventory::analyze_file(file, &ruleset, &read_already, max_file_size, lang)
                })
            })
            .collect()
    });

    // Stage 3b: link files to pages, and scopes to wrappers of wx.authorize.
    let graph = pool.install(|| graph::Graph::build(&project, &results));
    let mut inventory = graph::wrapper_uses(&graph, &results, &ruleset);
    let mut consent = Vec::new();
    let mut templates = std::collections::BTreeMap::new();
    let mut consent_files = std::collections::BTreeMap::new();
    let files_scanned = results.len();
    let mut files_failed = 0;
    let mut suppressions = Vec::new();
    let mut identity = Vec::new();
    let mut unaudited = Vec::new();
    // What the links were read from is dropped on a thread of its own while
    // the checks run: tens of thousands of small allocations.
    let mut spent = Vec::with_capacity(results.len());
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
        suppressions.extend(result.suppressions);
        identity.extend(result.identity);
        unaudited.extend(result.unaudited);
        spent.push(result.links);
        if !result.consent_facts.is_empty() {
            let pages = graph.pages_of(&file.rel);
            let base = file.rel.rsplit_once('.').map_or(&*file.rel, |(b, _)| b);
            let placement = if graph.is_everywhere(&file.rel) {
                inventory::consent::Where::App
            } else if graph
                .pages
                .iter()
                .any(|p| crate::fs::join_rel(&project.miniprogram_root, p) == base)
            {
                inventory::consent::Where::Page
            } else if pages.is_empty() {
                inventory::consent::Where::Unreached
            } else {
                inventory::consent::Where::Component
            };
            consent_files.insert(
                file.rel.clone(),
                inventory::consent::ConsentFile {
                    facts: result.consent_facts,
                    pages,
                    placement,
                },
            );
        }
    }
    for u in inventory.iter_mut().chain(consent.iter_mut()) {
        u.pages = graph.pages_of(&u.file);
    }
    let pages = graph.pages.clone();
    drop(graph);
    let dropping = std::thread::Builder::new()
        .name("mpaudit-drop".into())
        .spawn(move || drop(spent))
        .ok();
    inventory.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    consent.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    identity.sort_by(|a, b| a.location.cmp(&b.location).then(a.kind.cmp(&b.kind)));

    let unread = checks::Unread::collect(&project, &findings, &unaudited);
    findings.extend(checks::run_all(&checks::Context {
        project: &project,
        ruleset: &ruleset,
        uses: &inventory,
        consent: &consent,
        declaration: declaration.as_ref(),
        templates: &templates,
        consent_files: &consent_files,
        identity: &identity,
        first_party_hosts: &config.first_party_hosts,
        unaudited: &unaudited,
        unread: &unread,
        lang,
    }));
    // Configured severities, then the third-party setting, then ignore globs.
    let settle = |findings: &mut Vec<Finding>| {
        config::apply_severity(findings, &config.severity);
        checks::third_party(findings, &project, third_party, lang);
        if !config.ignore.is_empty() {
            findings.retain(|f| {
                config.file.as_ref() == Some(&f.location.file)
                    || !config.ignore.is_ignored(&f.location.file)
            });
        }
    };
    findings.extend(suppress::check_names(&mut suppressions, lang));
    settle(&mut findings);
    name_functions(&mut findings, inventory.iter().chain(&consent));
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup();

    // Inline suppressions, then the baseline, over the final findings. A
    // suppression of a rule the config turns off is not "unused".
    for s in &mut suppressions {
        s.rules
            .retain(|named| config.severity.get(named.code.as_str()) != Some(&config::Level::Off));
    }
    let (suppressed, mut unused) = suppress::apply(&mut findings, &suppressions, lang);
    settle(&mut unused);
    findings.extend(unused);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let baseline = baseline.map(|b| b.apply(&mut findings));
    // And the files `fix` (SARIF's fixes) edits.
    let mut fixed = vec![
        project.app_json_file.clone(),
        "project.config.json".to_owned(),
    ];
    fixed.extend(declaration.as_ref().map(|d| d.file.clone()));
    let sources = pool.install(|| read_sources(&project, &findings, &fixed, max_file_size));
    if let Some(dropping) = dropping {
        let _ = dropping.join();
    }

    Ok(Audit {
        project,
        ruleset,
        declaration,
        inventory,
        consent,
        consent_files,
        identity,
        config_file: config.file,
        pages,
        findings,
        suppressed,
        baseline,
        unread,
        files_scanned,
        files_failed,
        max_file_size,
        elapsed: started.elapsed(),
        sources,
        lang,
    })
}

/// The texts of the files `findings` are in, read once each, so that reports
/// are a function of the [`Audit`] alone.
fn read_sources(
    project: &Project,
    findings: &[Finding],
    more: &[String],
    max_file_size: u64,
) -> std::collections::BTreeMap<String, Option<source::Text>> {
    let files: std::collections::BTreeSet<&str> = findings
        .iter()
        .map(|f| f.location.file.as_str())
        .chain(more.iter().map(String::as_str))
        .collect();
    files
        .into_par_iter()
        .map(|rel| {
            let text = source::read_back(&project.path_of(rel), max_file_size);
            (rel.to_owned(), text)
        })
        .collect()
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

thread_local! {
    /// Set while [`per_file`] runs its closure on this thread: the panic hook
    /// keeps quiet and records where the panic happened.
    static AUDITING: Cell<bool> = const { Cell::new(false) };
    /// Where the last panic of this thread's audit happened.
    static PANIC_AT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs, once per process, a panic hook that keeps the panics [`audit`]
/// catches off stderr (they become `internal-error` findings, whose message
/// then also names where in mpaudit the panic happened) and passes every
/// other panic to the hook installed before.
///
/// [`audit`] never installs it: a panic hook is the embedding program's to
/// choose. The `mpaudit` command line installs it.
pub fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if AUDITING.with(Cell::get) {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
                PANIC_AT.with(|p| *p.borrow_mut() = at);
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs the audit of one file: a panic in `f` becomes an `internal-error`
/// finding for `rel`, without a message on stderr.
fn per_file(rel: &str, lang: Lang, f: impl FnOnce() -> FileResult) -> FileResult {
    let was = AUDITING.with(|a| a.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    AUDITING.with(|a| a.set(was));
    result.unwrap_or_else(|panic| {
        let at = PANIC_AT.with(|p| p.borrow_mut().take());
        internal_error(rel, panic, at, lang)
    })
}

fn internal_error(
    rel: &str,
    panic: Box<dyn std::any::Any + Send>,
    at: Option<String>,
    lang: Lang,
) -> FileResult {
    let reason = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned());
    let message = match at {
        Some(at) => t!(
            lang,
            "internal-error-at",
            file = rel,
            reason = reason,
            at = at
        ),
        None => t!(lang, "internal-error", file = rel, reason = reason),
    };
    FileResult {
        findings: vec![Finding::new(
            &crate::rule::pipeline::INTERNAL_ERROR,
            crate::diagnostic::point(rel),
            message,
        )
        .help(t!(lang, "internal-error-help"))],
        failed: true,
        ..FileResult::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_one_file_is_an_internal_error_finding() {
        install_panic_hook();
        let result = per_file("pages/a/a.js", Lang::En, || {
            panic!("index out of bounds: {}", 7)
        });
        assert!(result.failed);
        assert_eq!(result.findings.len(), 1);
        let finding = &result.findings[0];
        assert_eq!(finding.rule, "internal-error");
        assert_eq!(finding.severity, Severity::Error);
        assert_eq!(finding.location.file, "pages/a/a.js");
        assert!(
            finding.message.starts_with(
                "mpaudit crashed while auditing pages/a/a.js: index out of bounds: 7 (at src/lib.rs:"
            ),
            "{}",
            finding.message
        );
        // The thread is usable again, and its panics are loud again.
        assert!(!AUDITING.with(Cell::get));
        let fine = per_file("b.js", Lang::En, FileResult::default);
        assert!(!fine.failed && fine.findings.is_empty());
    }

    #[test]
    fn panics_with_other_payloads_are_caught_too() {
        install_panic_hook();
        let result = per_file("c.wxml", Lang::En, || std::panic::panic_any(42_u8));
        assert_eq!(result.findings[0].rule, "internal-error");
        assert!(
            result.findings[0].message.contains("unknown panic"),
            "{}",
            result.findings[0].message
        );
    }

    #[test]
    fn panics_on_many_threads_leave_the_other_files_audited() {
        install_panic_hook();
        let results: Vec<FileResult> = (0..64)
            .into_par_iter()
            .map(|i| {
                per_file(&format!("f{i}.js"), Lang::En, || {
                    if i % 3 == 0 {
                        panic!("boom {i}");
                    }
                    FileResult::default()
                })
            })
            .collect();
        let failed: Vec<usize> = (0..64).filter(|i| results[*i].failed).collect();
        assert_eq!(failed, (0..64).filter(|i| i % 3 == 0).collect::<Vec<_>>());
        for i in failed {
            assert!(results[i].findings[0]
                .message
                .contains(&format!("f{i}.js: boom {i} (at ")));
        }
    }
}
