//! The command line: `mpaudit check`, `mpaudit manifest`, `mpaudit rules`,
//! `mpaudit explain`.
//!
//! [`run`] takes the arguments and output streams, so tests drive the whole CLI
//! in process. Exit codes: 0 no error-level findings, 1 error-level findings,
//! 2 mpaudit could not run.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::checks::{Rule, ThirdParty, ALL_RULES};
use crate::diagnostic::Severity;
use crate::manifest::{self, Manifest};
use crate::report::{self, human, Format};
use crate::{audit, Options};

/// Exit code: no error-level findings.
pub const EXIT_OK: i32 = 0;
/// Exit code: error-level findings.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: mpaudit could not run (no project, bad arguments, bad rules file).
pub const EXIT_ERROR: i32 = 2;

/// Audits WeChat Mini Program projects for privacy compliance before review.
#[derive(Debug, Parser)]
#[command(name = "mpaudit", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Audit a mini program project.
    Check(CheckArgs),
    /// Draft the privacy declaration (privacy.json) the code needs, or a
    /// Markdown table of the privacy types for review notes.
    Manifest(ManifestArgs),
    /// List every rule with its id, severity and summary.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
        format: RulesFormat,
    },
    /// Print the documentation of a rule.
    Explain {
        /// The rule id, e.g. `undeclared-privacy-type`.
        rule: String,
    },
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// The project folder: holds project.config.json (its miniprogramRoot is
    /// followed) or app.json.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Output format (default: `human`, or `github` when GITHUB_ACTIONS=true).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Worker threads (default: one per core).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// A JSON rules file whose rows add to or override the built-in tables.
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    /// The privacy declaration (default: privacy.json in PATH, then in the
    /// mini program root).
    #[arg(long, value_name = "FILE")]
    declaration: Option<PathBuf>,
    /// How findings in third-party code (miniprogram_npm) count: `error`
    /// keeps each rule's severity (WeChat counts npm code like your own),
    /// `warning` caps them at warning, `off` drops them (the inventory keeps
    /// their uses).
    /// (default: `third-party` in mpaudit.json, else `error`)
    #[arg(long, value_enum, value_name = "LEVEL")]
    third_party: Option<ThirdParty>,
    /// The config file (default: mpaudit.json in PATH, when there is one).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Do not read mpaudit.json.
    #[arg(long)]
    no_config: bool,
    /// The lowest severity that makes the run fail (exit 1).
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Fail (exit 1) when there are more than N warnings.
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    /// Report errors only. Warnings still count for --fail-on warning and
    /// --max-warnings.
    #[arg(long, short)]
    quiet: bool,
    /// Write the report to FILE instead of stdout (through a temporary file
    /// and a rename, so it is never half-written).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// When to use colors in the human format.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Hide the findings this baseline records (written by
    /// --write-baseline) and report only new ones; entries that match
    /// nothing any more are listed.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    baseline: Option<PathBuf>,
    /// Record the current findings in FILE as a baseline instead of reporting
    /// them, and exit 0.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Do not audit files larger than SIZE (a `file-too-large` warning):
    /// bytes, or with a unit: `512KB`, `10MB`, `1GB` (powers of 1024).
    /// (default: `max-file-size` in mpaudit.json, else 10MB)
    #[arg(long, value_name = "SIZE", value_parser = crate::config::parse_size)]
    max_file_size: Option<u64>,
}

#[derive(Debug, clap::Args)]
struct ManifestArgs {
    /// The project folder, as for `check`.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// `json`: a privacy.json draft (setprivacysetting shape); `markdown`: a
    /// table per privacy type.
    #[arg(long, value_enum, default_value_t = ManifestFormat::Json)]
    format: ManifestFormat,
    /// Write the draft to privacy.json (the existing declaration, else
    /// privacy.json in PATH) instead of printing it; refuses to replace an
    /// existing file without --force.
    #[arg(long)]
    write: bool,
    /// With --write: replace an existing privacy.json (its privacy_text
    /// values, owner_setting and SDK entries are kept).
    #[arg(long, requires = "write")]
    force: bool,
    /// Worker threads (default: one per core).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// A JSON rules file whose rows add to or override the built-in tables.
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    /// The existing privacy declaration (default: privacy.json in PATH, then
    /// in the mini program root).
    #[arg(long, value_name = "FILE")]
    declaration: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ManifestFormat {
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RulesFormat {
    Human,
    Json,
    /// The README rule table.
    Markdown,
}

/// `--fail-on`: the lowest severity that fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    /// Error-level findings fail the run.
    Error,
    /// Any finding fails the run.
    Warning,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// What the CLI reads from the environment, passed in explicitly so tests
/// control it.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    /// `GITHUB_ACTIONS=true`: the default format is `github`.
    pub github_actions: bool,
    /// `GITHUB_STEP_SUMMARY`: where the github format appends its Markdown summary.
    pub step_summary: Option<PathBuf>,
    /// The process exits after the command: what it built is left to the
    /// operating system to free instead of being dropped piece by piece.
    pub exits_after: bool,
}

impl Environment {
    /// Reads this process's environment.
    pub fn from_process() -> Self {
        Environment {
            github_actions: std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true"),
            step_summary: std::env::var_os("GITHUB_STEP_SUMMARY")
                .filter(|p| !p.is_empty())
                .map(PathBuf::from),
            exits_after: true,
        }
    }
}

/// Runs the CLI with `args` (including the program name) in an empty
/// environment; returns the exit code.
pub fn run<I, T>(args: I, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    run_with(args, &Environment::default(), stdout, stderr)
}

/// Runs the CLI with `args` in `env`; returns the exit code.
pub fn run_with<I, T>(
    args: I,
    env: &Environment,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_OK
            };
            let text = err.render().ansi().to_string();
            let _ = if err.use_stderr() {
                stderr.write_all(text.as_bytes())
            } else {
                stdout.write_all(text.as_bytes())
            };
            return code;
        }
    };
    let result = match cli.command {
        Command::Check(args) => check(args, env, stdout, stderr),
        Command::Manifest(args) => manifest(args, stdout, stderr),
        Command::Rules { format } => write_rules(format, stdout).map(|()| EXIT_OK),
        Command::Explain { rule } => match Rule::by_code(&rule) {
            Some(rule) => explain(rule, stdout).map(|()| EXIT_OK),
            None => {
                let _ = writeln!(
                    stderr,
                    "error: unknown rule `{rule}`; `mpaudit rules` lists them"
                );
                return EXIT_ERROR;
            }
        },
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`mpaudit check | head`) is not an error worth a message.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(err) => {
            let _ = writeln!(stderr, "error: cannot write the report: {err}");
            EXIT_ERROR
        }
    }
}

fn check(
    args: CheckArgs,
    env: &Environment,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> std::io::Result<i32> {
    let options = Options {
        root: args.path,
        threads: args.threads.map(usize::from),
        rules_file: args.rules,
        declaration: args.declaration,
        third_party: args.third_party,
        config: args.config,
        no_config: args.no_config,
        baseline: args.baseline,
        max_file_size: args.max_file_size,
    };
    let mut audit = match audit(&options) {
        Ok(audit) => audit,
        Err(err) => {
            writeln!(stderr, "error: {err}")?;
            return Ok(EXIT_ERROR);
        }
    };
    if let Some(path) = &args.write_baseline {
        return match crate::baseline::write(path, &audit.findings) {
            Ok(entries) => {
                writeln!(
                    stdout,
                    "wrote {} finding{} ({entries} entr{}) to baseline {}",
                    audit.findings.len(),
                    plural(audit.findings.len()),
                    if entries == 1 { "y" } else { "ies" },
                    path.display()
                )?;
                Ok(EXIT_OK)
            }
            Err(err) => {
                writeln!(stderr, "error: {err}")?;
                Ok(EXIT_ERROR)
            }
        };
    }
    // The exit code counts every finding, also those --quiet hides.
    let errors = audit.count(Severity::Error);
    let warnings = audit.count(Severity::Warning);
    let mut failure = None;
    if errors > 0 {
        failure = Some(String::new());
    } else if args.fail_on == FailOn::Warning && warnings > 0 {
        failure = Some(format!(
            "mpaudit: failing on {warnings} warning{} (--fail-on warning)",
            plural(warnings)
        ));
    } else if let Some(max) = args.max_warnings.filter(|max| warnings > *max) {
        failure = Some(format!(
            "mpaudit: {warnings} warning{} exceed --max-warnings {max}",
            plural(warnings)
        ));
    }
    if args.quiet {
        audit.findings.retain(|f| f.severity == Severity::Error);
    }
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let width = terminal_width().unwrap_or(100);
    let human = human::Options {
        color,
        width,
        timing: true,
    };
    let format = args.format.unwrap_or(if env.github_actions {
        Format::Github
    } else {
        Format::Human
    });
    match &args.output {
        None => {
            // One write, not one per line (stdout is line-buffered): a large
            // project's JSON report has tens of thousands of lines.
            let mut out = std::io::BufWriter::new(stdout);
            report::write(
                format,
                &audit,
                &human,
                env.step_summary.as_deref(),
                &mut out,
            )?;
            out.flush()?;
        }
        Some(path) => {
            let mut buffer = Vec::new();
            report::write(
                format,
                &audit,
                &human,
                env.step_summary.as_deref(),
                &mut buffer,
            )?;
            if let Err(err) = report::write_atomic(path, &buffer) {
                writeln!(stderr, "error: cannot write {}: {err}", path.display())?;
                return Ok(EXIT_ERROR);
            }
        }
    }
    if env.exits_after {
        std::mem::forget(audit);
    }
    Ok(match failure {
        None => EXIT_OK,
        Some(reason) => {
            if !reason.is_empty() {
                writeln!(stderr, "{reason}")?;
            }
            EXIT_FINDINGS
        }
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn manifest(
    args: ManifestArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> std::io::Result<i32> {
    if args.write && args.format == ManifestFormat::Markdown {
        writeln!(
            stderr,
            "error: --write writes the privacy.json draft; leave out --format markdown"
        )?;
        return Ok(EXIT_ERROR);
    }
    let options = Options {
        root: args.path,
        threads: args.threads.map(usize::from),
        rules_file: args.rules,
        declaration: args.declaration,
        // The draft covers npm code whatever the config says: WeChat counts it.
        third_party: Some(ThirdParty::Error),
        ..Options::default()
    };
    let audit = match audit(&options) {
        Ok(audit) => audit,
        Err(err) => {
            writeln!(stderr, "error: {err}")?;
            return Ok(EXIT_ERROR);
        }
    };
    let model = Manifest::from_audit(&audit);
    if audit.files_failed > 0 {
        writeln!(
            stderr,
            "note: {} file{} could not be read or parsed; uses in {} are missing (`mpaudit check` shows where)",
            audit.files_failed,
            if audit.files_failed == 1 { "" } else { "s" },
            if audit.files_failed == 1 { "it" } else { "them" },
        )?;
    }
    if let Some(d) = &audit.declaration {
        let broken = audit
            .findings
            .iter()
            .filter(|f| f.location.file == d.file)
            .any(|f| matches!(f.rule, "invalid-config" | "parse-error" | "unreadable-file"));
        if broken {
            writeln!(
                stderr,
                "note: {} could not be fully read; what it declares may be missing (`mpaudit check` shows where)",
                d.file
            )?;
        }
    }
    if args.format == ManifestFormat::Markdown {
        stdout.write_all(manifest::markdown(&model).as_bytes())?;
        return Ok(EXIT_OK);
    }
    let draft = manifest::draft(&audit, &model);
    for key in &draft.dropped {
        writeln!(
            stderr,
            "note: left out {}: declared, but no code uses it",
            audit.ruleset.describe_key(key)
        )?;
    }
    if model.required_conflict {
        writeln!(
            stderr,
            "note: the code uses fuzzy and precise location; app.json cannot list both in requiredPrivateInfos"
        )?;
    }
    if !args.write {
        stdout.write_all(draft.to_text().as_bytes())?;
        return Ok(EXIT_OK);
    }
    // Where the declaration is read from: the existing file, else the first
    // place looked at.
    let target = match &audit.declaration {
        Some(d) => audit.project.path_of(&d.file),
        None => audit.project.path_of(crate::declaration::FILE_NAME),
    };
    let shown = target.display();
    if !args.force && (audit.declaration.is_some() || target.exists()) {
        writeln!(
            stderr,
            "error: {shown} already exists; not replacing it. Run without --write to print the draft, or add --force to replace the file (its privacy_text values are kept)"
        )?;
        return Ok(EXIT_ERROR);
    }
    match manifest::write_file(&target, draft.to_text().as_bytes(), args.force) {
        Ok(()) => {}
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            writeln!(
                stderr,
                "error: {shown} already exists; not replacing it (add --force to replace it)"
            )?;
            return Ok(EXIT_ERROR);
        }
        Err(err) => {
            writeln!(stderr, "error: cannot write {shown}: {err}")?;
            return Ok(EXIT_ERROR);
        }
    }
    writeln!(
        stdout,
        "wrote {shown}: {} privacy type{}, {} placeholder{} to fill in (search for `{}`)",
        draft.settings,
        if draft.settings == 1 { "" } else { "s" },
        draft.placeholders,
        if draft.placeholders == 1 { "" } else { "s" },
        manifest::PLACEHOLDER_PREFIX,
    )?;
    if !model.required_private_infos.is_empty() {
        let names = |all: bool| {
            model
                .required_private_infos
                .iter()
                .filter(|r| all || !r.listed)
                .map(|r| format!("\"{}\"", r.name))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let missing = names(false);
        writeln!(
            stdout,
            "app.json needs \"requiredPrivateInfos\": [{}]{}",
            names(true),
            if missing.is_empty() {
                " (all listed)".to_owned()
            } else {
                format!("; not listed yet: {missing}")
            }
        )?;
    }
    Ok(EXIT_OK)
}

/// `COLUMNS` when set (terminals export it), else `None`.
fn terminal_width() -> Option<usize> {
    std::env::var("COLUMNS")
        .ok()?
        .parse()
        .ok()
        .filter(|w| *w >= 40)
}

fn write_rules(format: RulesFormat, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        RulesFormat::Human => {
            let width = ALL_RULES.iter().map(|r| r.code.len()).max().unwrap_or(0);
            for rule in ALL_RULES {
                writeln!(
                    out,
                    "{:width$}  {:7}  {}",
                    rule.code,
                    rule.severity.as_str(),
                    rule.summary
                )?;
            }
        }
        RulesFormat::Json => {
            let rules: Vec<_> = ALL_RULES
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "rule": r.code,
                        "severity": r.severity.as_str(),
                        "summary": r.summary,
                        "since": r.since,
                        "docs": docs_text(r),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &rules)?;
            writeln!(out)?;
        }
        RulesFormat::Markdown => out.write_all(rules_markdown().as_bytes())?,
    }
    Ok(())
}

/// The README rule table. Each row carries an anchor named after the rule id,
/// the target of [`Rule::help_uri`] (SARIF `helpUri`, rdjson `code.url`).
pub fn rules_markdown() -> String {
    let mut text = String::from("| rule | severity | reports |\n|---|---|---|\n");
    for rule in ALL_RULES {
        text.push_str(&format!(
            "| <a id=\"{0}\"></a>`{0}` | {1} | {2} |\n",
            rule.code,
            rule.severity.as_str(),
            rule.summary
        ));
    }
    text
}

/// A rule's docs without the one-space indent doc comments carry.
fn docs_text(rule: &Rule) -> String {
    rule.markdown()
}

fn explain(rule: &Rule, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "# {} ({}, since {})\n\n{}",
        rule.code,
        rule.severity.as_str(),
        rule.since,
        docs_text(rule).trim_end()
    )
}
