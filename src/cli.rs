//! The command line: `mpaudit check`, `mpaudit manifest`, `mpaudit rules`,
//! `mpaudit explain`.
//!
//! [`run`] takes the arguments and output streams, so tests drive the whole CLI
//! in process. Exit codes: 0 no error-level findings, 1 error-level findings,
//! 2 mpaudit could not run.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::checks::{Rule, ThirdParty, ALL_RULES};
use crate::diagnostic::Severity;
use crate::i18n::{self, t, Lang};
use crate::manifest::{self, Manifest};
use crate::report::{self, human, Format};
use crate::{audit, project, Options};

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
    /// Set up a project that has never run mpaudit: write mpaudit.json and
    /// a privacy.json draft (never replacing a file), and print the hook
    /// and CI lines for it.
    Init(InitArgs),
    /// List every rule with its id, severity and summary.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
        format: RulesFormat,
        /// The language of the summaries: `zh` or `en` (default: from
        /// LC_ALL, LC_MESSAGES or LANG; `zh*` is Chinese).
        #[arg(long, value_parser = clap::value_parser!(Lang))]
        lang: Option<Lang>,
    },
    /// Print the documentation of a rule.
    Explain {
        /// The rule id, e.g. `undeclared-privacy-type`.
        rule: String,
        /// The language of the docs: `zh` or `en` (default: from LC_ALL,
        /// LC_MESSAGES or LANG; `zh*` is Chinese).
        #[arg(long, value_parser = clap::value_parser!(Lang))]
        lang: Option<Lang>,
    },
    /// Print the JSON schema of mpaudit.json (the repository's
    /// mpaudit.schema.json is its output).
    #[command(hide = true)]
    Schema,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// The project folder: holds project.config.json (its miniprogramRoot is
    /// followed) or app.json; from a folder below it, mpaudit walks up to it.
    /// Files (what lint-staged passes): their project is audited once, and
    /// its project-wide findings and those in the files are reported.
    #[arg(default_value = ".", value_name = "PATH")]
    paths: Vec<PathBuf>,
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
    /// When to use colors (`auto`: when the output is a terminal, unless
    /// NO_COLOR is set; FORCE_COLOR forces them).
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
    /// The language of findings, reports and errors: `zh` or `en`
    /// (default: `lang` in mpaudit.json, else from LC_ALL, LC_MESSAGES or
    /// LANG; `zh*` is Chinese).
    #[arg(long, value_parser = clap::value_parser!(Lang))]
    lang: Option<Lang>,
    /// Apply the fixes that are certain to the app config (app.json,
    /// uni-app's manifest.json `mp-weixin`, Taro's app.config): add or remove
    /// `requiredPrivateInfos` values, add `requiredBackgroundModes`
    /// `location`, drop `__usePrivacyCheck__`. Says what it changed on
    /// stderr, then reports what is left.
    #[arg(long, conflicts_with = "write_baseline")]
    fix: bool,
    /// Print the fixes `--fix` would make as a unified diff, without writing
    /// them; exit 1 when there is something to fix.
    #[arg(
        long = "fix-dry-run",
        visible_alias = "diff",
        conflicts_with_all = ["fix", "write_baseline", "output"]
    )]
    fix_dry_run: bool,
    /// With --fix or --fix-dry-run, also the fixes that need a human's
    /// words: privacy.json entries (or a drafted privacy.json) with
    /// `TODO(mpaudit)` texts, which `weak-privacy-text` reports until they
    /// are filled in.
    #[arg(long)]
    unsafe_fixes: bool,
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
    /// The language of findings, reports and errors: `zh` or `en`
    /// (default: `lang` in mpaudit.json, else from LC_ALL, LC_MESSAGES or
    /// LANG; `zh*` is Chinese).
    #[arg(long, value_parser = clap::value_parser!(Lang))]
    lang: Option<Lang>,
}

#[derive(Debug, clap::Args)]
struct InitArgs {
    /// The project folder, as for `check`.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Worker threads (default: one per core).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// The language of findings, reports and errors: `zh` or `en`
    /// (default: `lang` in mpaudit.json, else from LC_ALL, LC_MESSAGES or
    /// LANG; `zh*` is Chinese).
    #[arg(long, value_parser = clap::value_parser!(Lang))]
    lang: Option<Lang>,
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
    /// `NO_COLOR` is set (not empty): no colors unless forced.
    pub no_color: bool,
    /// `FORCE_COLOR` is set (not empty): `Some(false)` for `0` or `false`,
    /// else `Some(true)`. It wins over `NO_COLOR`, as in Node.js.
    pub force_color: Option<bool>,
    /// stdout is a terminal.
    pub stdout_terminal: bool,
    /// stderr is a terminal.
    pub stderr_terminal: bool,
    /// The language LC_ALL, LC_MESSAGES or LANG name, for the commands that
    /// speak Chinese so far (`explain`, `rules`) when `--lang` is not given.
    pub lang: Lang,
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
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            force_color: std::env::var_os("FORCE_COLOR")
                .filter(|v| !v.is_empty())
                .map(|v| !matches!(v.to_str(), Some("0" | "false"))),
            stdout_terminal: std::io::stdout().is_terminal(),
            stderr_terminal: std::io::stderr().is_terminal(),
            lang: Lang::from_env(),
        }
    }

    /// Whether to color a stream (`terminal`: it is one) under `choice`.
    fn color(&self, choice: ColorChoice, terminal: bool) -> bool {
        match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => self.force_color.unwrap_or(!self.no_color && terminal),
        }
    }
}

/// The `--color` value among raw arguments that did not parse, so help and
/// usage errors follow it too.
fn color_arg<T: Into<OsString> + Clone>(args: &[T]) -> ColorChoice {
    let mut choice = ColorChoice::Auto;
    let mut args = args.iter().map(|a| a.clone().into());
    while let Some(arg) = args.next() {
        let value = match arg.to_str() {
            Some("--color") => args.next(),
            Some(a) => a.strip_prefix("--color=").map(OsString::from),
            None => None,
        };
        if let Some(value) = value.as_ref().and_then(|v| v.to_str()) {
            if let Ok(parsed) = ColorChoice::from_str(value, false) {
                choice = parsed;
            }
        }
    }
    choice
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
    // A crash inside one file's audit is an `internal-error` finding; its
    // panic message stays off stderr.
    crate::install_panic_hook();
    let args: Vec<T> = args.into_iter().collect();
    let cli = match Cli::try_parse_from(args.iter().cloned()) {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_OK
            };
            let terminal = if err.use_stderr() {
                env.stderr_terminal
            } else {
                env.stdout_terminal
            };
            let text = if env.color(color_arg(&args), terminal) {
                err.render().ansi().to_string()
            } else {
                err.render().to_string()
            };
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
        Command::Manifest(args) => manifest(args, env, stdout, stderr),
        Command::Init(args) => init(args, env, stdout, stderr),
        Command::Rules { format, lang } => {
            write_rules(format, lang.unwrap_or(env.lang), stdout).map(|()| EXIT_OK)
        }
        Command::Schema => stdout
            .write_all(crate::config::schema(&crate::checks::ALL_RULES).as_bytes())
            .map(|()| EXIT_OK),
        Command::Explain { rule, lang } => match Rule::find(&crate::checks::ALL_RULES, &rule) {
            Some(rule) => stdout
                .write_all(i18n::explain(lang.unwrap_or(env.lang), rule).as_bytes())
                .map(|()| EXIT_OK),
            None => {
                let lang = lang.unwrap_or(env.lang);
                let _ = writeln!(
                    stderr,
                    "{}",
                    error_line(lang, t!(lang, "error-unknown-rule", rule = rule.as_str()))
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
            // The run's own language is gone with the command; the
            // environment's is the best guess.
            let message = t!(
                env.lang,
                "error-cannot-write-report",
                error = err.to_string()
            );
            let _ = writeln!(stderr, "{}", error_line(env.lang, message));
            EXIT_ERROR
        }
    }
}

/// What one `mpaudit check` audits: a project, and the files named in it.
#[derive(Debug)]
struct Target {
    /// The folder to audit, as shown in reports.
    root: PathBuf,
    /// The files named on the command line, relative to `root` with `/`;
    /// `None` when the whole project is reported.
    files: Option<BTreeSet<String>>,
}

/// Finds the project of each path: a folder that is a project root as
/// given, any other folder or file by walking up ([`project::find_root`]).
/// Paths of one project share one target.
fn targets(lang: Lang, paths: &[PathBuf]) -> Result<Vec<Target>, String> {
    let mut targets: Vec<(PathBuf, Target)> = Vec::new();
    // app.json or project.config.json: its folder, like the folder itself;
    // among other files (a lint-staged run), the project it belongs to.
    let config_file = |path: &Path| project::audited_folder(path).as_path() != path;
    let files_mode = paths.iter().any(|p| p.is_file() && !config_file(p));
    for path in paths {
        if !path.exists() {
            // The same words as discovery's, which the library reports.
            return Err(t!(
                lang,
                "discover-no-such-folder",
                folder = path.display().to_string()
            ));
        }
        let cannot_read = |e: std::io::Error| {
            t!(
                lang,
                "error-cannot-read",
                path = path.display().to_string(),
                error = e.to_string()
            )
        };
        let whole_project = path.is_dir() || config_file(path);
        let (root, file) = if files_mode && config_file(path) {
            let folder =
                std::fs::canonicalize(project::audited_folder(path)).map_err(cannot_read)?;
            let root = project::find_root(&folder).unwrap_or(folder);
            (shown_path(&root), None)
        } else if whole_project {
            let folder = project::audited_folder(path);
            if project::is_root(&folder) {
                (folder, None)
            } else {
                match std::fs::canonicalize(&folder)
                    .ok()
                    .and_then(|f| project::find_root(&f))
                {
                    Some(root) => (shown_path(&root), None),
                    // Discovery says what it looked for.
                    None => (folder, None),
                }
            }
        } else {
            let not_found = || {
                t!(
                    lang,
                    "error-no-project-above",
                    path = path.display().to_string()
                )
            };
            let file = std::fs::canonicalize(path).map_err(cannot_read)?;
            let root = file
                .parent()
                .and_then(project::find_root)
                .ok_or_else(not_found)?;
            let rel = file
                .strip_prefix(&root)
                .map(crate::fs::slash_path)
                .map_err(|_| not_found())?;
            (shown_path(&root), Some(rel))
        };
        let key = std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
        let at = match targets.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                let files = file.as_ref().map(|_| BTreeSet::new());
                targets.push((key, Target { root, files }));
                targets.len() - 1
            }
        };
        let target = &mut targets[at].1;
        match (file, &mut target.files) {
            (Some(file), Some(files)) => {
                files.insert(file);
            }
            // A folder, app.json or project.config.json: the whole project.
            (None, files) => *files = None,
            (Some(_), None) => {}
        }
    }
    Ok(targets.into_iter().map(|(_, t)| t).collect())
}

/// `path` (absolute) as reports show it: relative to the working directory
/// when it is at, below or above it, else as is.
fn shown_path(path: &Path) -> PathBuf {
    let Ok(cwd) = std::env::current_dir() else {
        return path.to_path_buf();
    };
    let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
    if let Ok(below) = path.strip_prefix(&cwd) {
        return if below.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            below.to_path_buf()
        };
    }
    if let Ok(above) = cwd.strip_prefix(path) {
        return above.components().map(|_| "..").collect();
    }
    path.to_path_buf()
}

fn check(
    args: CheckArgs,
    env: &Environment,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> std::io::Result<i32> {
    let lang = args.lang.unwrap_or(env.lang);
    let targets = match targets(lang, &args.paths) {
        Ok(targets) => targets,
        Err(err) => {
            writeln!(stderr, "{}", error_line(lang, err))?;
            return Ok(EXIT_ERROR);
        }
    };
    if targets.len() > 1 {
        let one_document = matches!(
            args.format,
            Some(Format::Json | Format::Sarif | Format::Gitlab | Format::Rdjson | Format::Html)
        );
        if one_document || args.output.is_some() || args.write_baseline.is_some() {
            let roots: Vec<String> = targets
                .iter()
                .map(|t| t.root.display().to_string())
                .collect();
            let message = t!(
                lang,
                "error-many-projects",
                count = targets.len(),
                projects = roots.join(", ")
            );
            writeln!(stderr, "{}", error_line(lang, message))?;
            return Ok(EXIT_ERROR);
        }
    }
    let mut code = EXIT_OK;
    for target in targets {
        code = code.max(check_one(&args, target, env, stdout, stderr)?);
    }
    Ok(code)
}

/// Audits one project and reports it.
fn check_one(
    args: &CheckArgs,
    target: Target,
    env: &Environment,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> std::io::Result<i32> {
    let lang = args.lang.unwrap_or(env.lang);
    if target.files.is_some() && args.write_baseline.is_some() {
        let message = t!(lang, "error-baseline-whole-project");
        writeln!(stderr, "{}", error_line(lang, message))?;
        return Ok(EXIT_ERROR);
    }
    let options = Options {
        root: target.root,
        threads: args.threads.map(usize::from),
        rules_file: args.rules.clone(),
        declaration: args.declaration.clone(),
        third_party: args.third_party,
        config: args.config.clone(),
        no_config: args.no_config,
        baseline: args.baseline.clone(),
        max_file_size: args.max_file_size,
        lang: args.lang,
        default_lang: env.lang,
    };
    let mut audit = match audit(&options) {
        Ok(audit) => audit,
        Err(err) => {
            writeln!(stderr, "{}", error_line(lang, err.to_string()))?;
            return Ok(EXIT_ERROR);
        }
    };
    // From here on, the language of the run (it may come from mpaudit.json).
    let lang = audit.lang;
    if let Some(files) = &target.files {
        let hidden = keep_named_files(&mut audit, files);
        if !args.quiet {
            let root = audit.project.root.display();
            for file in files {
                if !audit.project.files.iter().any(|f| f.rel == *file) {
                    writeln!(
                        stderr,
                        "{}",
                        t!(
                            lang,
                            "note-file-not-audited",
                            file = file.as_str(),
                            root = root.to_string()
                        )
                    )?;
                }
            }
            if hidden > 0 {
                writeln!(
                    stderr,
                    "{}",
                    t!(
                        lang,
                        "note-findings-hidden",
                        count = hidden,
                        root = root.to_string()
                    )
                )?;
            }
        }
    }
    if args.unsafe_fixes && !args.fix && !args.fix_dry_run {
        let message = t!(lang, "error-unsafe-fixes-alone");
        writeln!(stderr, "{}", error_line(lang, message))?;
        return Ok(EXIT_ERROR);
    }
    if args.fix_dry_run {
        let plan = crate::fix::plan_with(&audit, args.unsafe_fixes);
        for file in &plan.files {
            stdout.write_all(file.diff().as_bytes())?;
        }
        for skipped in &plan.skipped {
            writeln!(stderr, "{}", t!(lang, "note-line", note = skipped.as_str()))?;
        }
        if plan.files.is_empty() {
            writeln!(stderr, "{}", t!(lang, "fix-nothing"))?;
            return Ok(EXIT_OK);
        }
        let (changes, fixed) = plan_counts(&plan);
        let fixes = if fixed == 0 {
            String::new()
        } else {
            t!(lang, "fix-dry-run-would-fix", count = fixed)
        };
        let command = if args.unsafe_fixes {
            "mpaudit check --fix --unsafe-fixes"
        } else {
            "mpaudit check --fix"
        };
        writeln!(
            stderr,
            "{}",
            t!(
                lang,
                "fix-dry-run-summary",
                changes = changes,
                fixes = fixes,
                command = command
            )
        )?;
        return Ok(EXIT_FINDINGS);
    }
    if args.fix {
        let plan = crate::fix::plan_with(&audit, args.unsafe_fixes);
        for file in &plan.files {
            // A new file (a drafted privacy.json) never replaces one.
            let written = if file.before.is_empty() {
                crate::fs::write_atomic(&file.path, file.after.as_bytes(), false)
            } else {
                crate::fs::write_atomic(&file.path, file.after.as_bytes(), true)
            };
            if let Err(err) = written {
                let message = t!(
                    lang,
                    "error-cannot-write",
                    path = file.path.display().to_string(),
                    error = err.to_string()
                );
                writeln!(stderr, "{}", error_line(lang, message))?;
                return Ok(EXIT_ERROR);
            }
            for change in &file.changes {
                writeln!(
                    stderr,
                    "{}",
                    t!(lang, "fix-fixed", change = change.as_str())
                )?;
            }
        }
        for skipped in &plan.skipped {
            writeln!(stderr, "{}", t!(lang, "note-line", note = skipped.as_str()))?;
        }
        if !plan.files.is_empty() {
            let (changes, fixed) = plan_counts(&plan);
            let fixes = if fixed == 0 {
                String::new()
            } else {
                t!(lang, "fix-findings-fixed", count = fixed)
            };
            writeln!(
                stderr,
                "{}",
                t!(lang, "fix-summary", changes = changes, fixes = fixes)
            )?;
            // Report what is left.
            audit = match crate::audit(&options) {
                Ok(audit) => audit,
                Err(err) => {
                    writeln!(stderr, "{}", error_line(lang, err.to_string()))?;
                    return Ok(EXIT_ERROR);
                }
            };
            if let Some(files) = &target.files {
                keep_named_files(&mut audit, files);
            }
        }
    }
    if let Some(path) = &args.write_baseline {
        return match crate::baseline::write(path, &audit.findings) {
            Ok(entries) => {
                writeln!(
                    stdout,
                    "{}",
                    t!(
                        lang,
                        "baseline-written",
                        count = audit.findings.len(),
                        entries = entries,
                        path = path.display().to_string()
                    )
                )?;
                Ok(EXIT_OK)
            }
            Err(err) => {
                writeln!(stderr, "{}", error_line(lang, err.to_string()))?;
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
        failure = Some(t!(lang, "fail-on-warning", count = warnings));
    } else if let Some(max) = args.max_warnings.filter(|max| warnings > *max) {
        failure = Some(t!(lang, "fail-max-warnings", count = warnings, max = max));
    }
    if args.quiet {
        audit.findings.retain(|f| f.severity == Severity::Error);
    }
    // A report file gets colors only when asked for.
    let color = match (&args.output, args.color) {
        (Some(_), ColorChoice::Auto) => false,
        (_, choice) => env.color(choice, env.stdout_terminal),
    };
    let width = terminal_width().unwrap_or(100);
    let human = human::Options {
        color,
        width,
        timing: true,
        quiet: args.quiet,
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
            if let Err(err) = crate::fs::write_atomic(path, &buffer, true) {
                let message = t!(
                    lang,
                    "error-cannot-write",
                    path = path.display().to_string(),
                    error = err.to_string()
                );
                writeln!(stderr, "{}", error_line(lang, message))?;
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

/// `error: <message>` (`错误：<message>`), the line an exit-2 run ends with.
fn error_line(lang: Lang, message: impl Into<String>) -> String {
    t!(lang, "error-line", message = message.into())
}

/// Keeps the findings of the named `files` and the project-wide ones (in
/// app.json, the declaration, the config files, and files that are not
/// audited sources); returns how many it dropped.
fn keep_named_files(audit: &mut crate::Audit, files: &BTreeSet<String>) -> usize {
    let project = &audit.project;
    let mut project_wide: BTreeSet<String> = [
        project.app_json_file.clone(),
        "project.config.json".to_owned(),
        "project.private.config.json".to_owned(),
        crate::fs::join_rel(&project.miniprogram_root, "pages.json"),
        crate::fs::join_rel(&project.miniprogram_root, "manifest.json"),
    ]
    .into_iter()
    .collect();
    project_wide.extend(audit.declaration.as_ref().map(|d| d.file.clone()));
    project_wide.extend(audit.config_file.clone());
    let sources: BTreeSet<&str> = project
        .files
        .iter()
        .map(|f| f.rel.as_str())
        .filter(|rel| !project_wide.contains(*rel))
        .collect();
    let before = audit.findings.len();
    audit.findings.retain(|f| {
        let file = f.location.file.as_str();
        files.contains(file) || !sources.contains(file)
    });
    before - audit.findings.len()
}

/// The changes and the findings they fix, over the files of `plan`.
fn plan_counts(plan: &crate::fix::Plan) -> (usize, usize) {
    plan.files.iter().fold((0, 0), |(changes, fixed), f| {
        (changes + f.changes.len(), fixed + f.fixed)
    })
}

/// The `$schema` of `mpaudit.json`.
const SCHEMA_URL: &str =
    "https://raw.githubusercontent.com/mpaudit/mpaudit/main/mpaudit.schema.json";

/// The folder to audit for `path`: `path` itself when it is a project root
/// or not a folder, else the project it belongs to, found by walking up as
/// `check` does.
fn walked_up(path: PathBuf) -> PathBuf {
    if path.is_dir() && !project::is_root(&path) {
        std::fs::canonicalize(&path)
            .ok()
            .and_then(|p| project::find_root(&p))
            .map_or(path, |root| shown_path(&root))
    } else {
        path
    }
}

/// `mpaudit init`.
fn init(
    args: InitArgs,
    env: &Environment,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> std::io::Result<i32> {
    let root = walked_up(args.path);
    let options = Options {
        root,
        threads: args.threads.map(usize::from),
        third_party: Some(ThirdParty::Error),
        lang: args.lang,
        default_lang: env.lang,
        ..Options::default()
    };
    let audit = match audit(&options) {
        Ok(audit) => audit,
        Err(err) => {
            let lang = args.lang.unwrap_or(env.lang);
            writeln!(stderr, "{}", error_line(lang, err.to_string()))?;
            return Ok(EXIT_ERROR);
        }
    };
    let lang = audit.lang;
    let project = &audit.project;
    let framework = project.framework.as_deref().unwrap_or("native");
    writeln!(
        stdout,
        "{}",
        t!(
            lang,
            "init-project",
            root = project.root.display().to_string(),
            framework = framework,
            app_config = &project.app_json_file
        )
    )?;
    // mpaudit.json
    let config_path = project.path_of(crate::config::FILE_NAME);
    let config =
        format!("{{\n  \"$schema\": \"{SCHEMA_URL}\",\n  \"framework\": \"{framework}\"\n}}\n");
    match crate::fs::write_atomic(&config_path, config.as_bytes(), false) {
        Ok(()) => writeln!(
            stdout,
            "{}",
            t!(lang, "init-wrote", path = config_path.display().to_string())
        )?,
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            let text = std::fs::read_to_string(&config_path).unwrap_or_default();
            let mut missing = Vec::new();
            if !text.contains("\"$schema\"") {
                missing.push(format!("\"$schema\": \"{SCHEMA_URL}\""));
            }
            if !text.contains("\"framework\"") {
                missing.push(format!("\"framework\": \"{framework}\""));
            }
            if missing.is_empty() {
                writeln!(
                    stdout,
                    "{}",
                    t!(lang, "init-kept", path = config_path.display().to_string())
                )?;
            } else {
                writeln!(
                    stdout,
                    "{}",
                    t!(
                        lang,
                        "init-kept-would-add",
                        path = config_path.display().to_string(),
                        missing = missing.join(", ")
                    )
                )?;
            }
        }
        Err(err) => {
            let message = t!(
                lang,
                "error-cannot-write",
                path = config_path.display().to_string(),
                error = err.to_string()
            );
            writeln!(stderr, "{}", error_line(lang, message))?;
            return Ok(EXIT_ERROR);
        }
    }
    // privacy.json
    let model = Manifest::from_audit(&audit);
    let draft = manifest::draft(&audit, &model);
    let declaration = match &audit.declaration {
        Some(d) => project.path_of(&d.file),
        None => project.path_of(crate::declaration::FILE_NAME),
    };
    let mut placeholders = 0;
    match &audit.declaration {
        Some(_) => writeln!(
            stdout,
            "{}",
            t!(
                lang,
                "init-kept-declaration",
                path = declaration.display().to_string(),
                count = draft.settings
            )
        )?,
        None => match crate::fs::write_atomic(&declaration, draft.to_text().as_bytes(), false) {
            Ok(()) => {
                placeholders = draft.placeholders;
                writeln!(
                    stdout,
                    "{}",
                    t!(
                        lang,
                        "init-wrote-declaration",
                        path = declaration.display().to_string(),
                        count = draft.settings,
                        placeholders = draft.placeholders,
                        prefix = crate::declaration::PLACEHOLDER_PREFIX
                    )
                )?;
            }
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => writeln!(
                stdout,
                "{}",
                t!(lang, "init-kept", path = declaration.display().to_string())
            )?,
            Err(err) => {
                let message = t!(
                    lang,
                    "error-cannot-write",
                    path = declaration.display().to_string(),
                    error = err.to_string()
                );
                writeln!(stderr, "{}", error_line(lang, message))?;
                return Ok(EXIT_ERROR);
            }
        },
    }
    // Left out of the upload: files mpaudit keeps inside the package root.
    let in_package = project.miniprogram_root == "." && project.framework.is_none();
    if in_package {
        writeln!(
            stdout,
            "\n{}\n  \"packOptions\": {{ \"ignore\": [\n    {{ \"type\": \"file\", \"value\": \"mpaudit.json\" }},\n    {{ \"type\": \"file\", \"value\": \"privacy.json\" }}\n  ] }}",
            t!(lang, "init-in-package")
        )?;
    }
    // Hook and CI lines.
    let package = std::fs::read_to_string(project.root.join("package.json")).unwrap_or_default();
    let depends = |name: &str| package.contains(&format!("\"{name}\""));
    writeln!(stdout)?;
    if depends("husky") || project.root.join(".husky").is_dir() {
        if depends("lint-staged") {
            writeln!(
                stdout,
                "{}\n  \"lint-staged\": {{ \"*.{{js,ts,jsx,tsx,wxml,wxs,vue,json}}\": \"mpaudit check -q --format concise\" }}",
                t!(lang, "init-husky-lint-staged")
            )?;
        } else {
            writeln!(
                stdout,
                "{}\n  echo \"npx mpaudit check -q --format concise\" >> .husky/pre-commit",
                t!(lang, "init-husky")
            )?;
        }
    } else {
        writeln!(
            stdout,
            "{}\n  repos:\n    - repo: local\n      hooks:\n        - id: mpaudit\n          name: mpaudit\n          language: node\n          additional_dependencies: [\"mpaudit@{}\"]\n          entry: mpaudit check -q --format concise\n          pass_filenames: false\n          always_run: true",
            t!(lang, "init-pre-commit"),
            env!("CARGO_PKG_VERSION")
        )?;
    }
    writeln!(stdout, "{}", t!(lang, "init-ci"))?;
    writeln!(stdout, "\n{}", t!(lang, "init-next"))?;
    if placeholders > 0 {
        writeln!(
            stdout,
            "  1. {}",
            t!(
                lang,
                "init-next-fill-in",
                count = placeholders,
                prefix = crate::declaration::PLACEHOLDER_PREFIX
            )
        )?;
    } else {
        writeln!(stdout, "  1. {}", t!(lang, "init-next-check"))?;
    }
    writeln!(stdout, "  2. {}", t!(lang, "init-next-fix"))?;
    Ok(EXIT_OK)
}

fn manifest(
    args: ManifestArgs,
    env: &Environment,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> std::io::Result<i32> {
    if args.write && args.format == ManifestFormat::Markdown {
        let lang = args.lang.unwrap_or(env.lang);
        let message = t!(lang, "error-write-with-markdown");
        writeln!(stderr, "{}", error_line(lang, message))?;
        return Ok(EXIT_ERROR);
    }
    // From a folder below the project, walk up to it, as `check` does.
    let root = walked_up(args.path);
    let options = Options {
        root,
        threads: args.threads.map(usize::from),
        rules_file: args.rules,
        declaration: args.declaration,
        // The draft covers npm code whatever the config says: WeChat counts it.
        third_party: Some(ThirdParty::Error),
        lang: args.lang,
        default_lang: env.lang,
        ..Options::default()
    };
    let audit = match audit(&options) {
        Ok(audit) => audit,
        Err(err) => {
            let lang = args.lang.unwrap_or(env.lang);
            writeln!(stderr, "{}", error_line(lang, err.to_string()))?;
            return Ok(EXIT_ERROR);
        }
    };
    let lang = audit.lang;
    let model = Manifest::from_audit(&audit);
    if audit.files_failed > 0 {
        writeln!(
            stderr,
            "{}",
            t!(lang, "manifest-note-unread", count = audit.files_failed)
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
                "{}",
                t!(lang, "manifest-note-declaration-unread", file = &d.file)
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
            "{}",
            t!(
                lang,
                "manifest-note-left-out",
                key = audit.ruleset.describe_key_in(lang, key)
            )
        )?;
    }
    if model.required_conflict {
        writeln!(stderr, "{}", t!(lang, "manifest-note-conflict"))?;
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
        let message = t!(lang, "error-exists-force", file = shown.to_string());
        writeln!(stderr, "{}", error_line(lang, message))?;
        return Ok(EXIT_ERROR);
    }
    match crate::fs::write_atomic(&target, draft.to_text().as_bytes(), args.force) {
        Ok(()) => {}
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            let message = t!(lang, "error-exists", file = shown.to_string());
            writeln!(stderr, "{}", error_line(lang, message))?;
            return Ok(EXIT_ERROR);
        }
        Err(err) => {
            let message = t!(
                lang,
                "error-cannot-write",
                path = shown.to_string(),
                error = err.to_string()
            );
            writeln!(stderr, "{}", error_line(lang, message))?;
            return Ok(EXIT_ERROR);
        }
    }
    writeln!(
        stdout,
        "{}",
        t!(
            lang,
            "manifest-wrote",
            path = shown.to_string(),
            count = draft.settings,
            placeholders = draft.placeholders,
            prefix = crate::declaration::PLACEHOLDER_PREFIX
        )
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
            "{}",
            t!(
                lang,
                "manifest-required",
                names = names(true),
                status = if missing.is_empty() {
                    t!(lang, "manifest-required-all-listed")
                } else {
                    t!(lang, "manifest-required-not-listed", missing = missing)
                }
            )
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

fn write_rules(format: RulesFormat, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        RulesFormat::Human => {
            let width = ALL_RULES.iter().map(|r| r.code.len()).max().unwrap_or(0);
            for rule in ALL_RULES.iter() {
                let severity = lang.severity(rule.severity);
                writeln!(
                    out,
                    "{:width$}  {}  {}",
                    rule.code,
                    i18n::pad(&severity, 7),
                    lang.rule_summary(rule)
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
                        "fix": r.fix(),
                        "docs": docs_text(r),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &rules)?;
            writeln!(out)?;
        }
        RulesFormat::Markdown => {
            out.write_all(i18n::rules_markdown(lang, &ALL_RULES).as_bytes())?
        }
    }
    Ok(())
}

/// The README rule table. Each row carries an anchor named after the rule id,
/// the target of [`Rule::help_uri`] (SARIF `helpUri`, rdjson `code.url`).
#[doc(hidden)]
pub fn rules_markdown() -> String {
    i18n::rules_markdown(Lang::En, &ALL_RULES)
}

/// A rule's docs without the one-space indent doc comments carry.
fn docs_text(rule: &Rule) -> String {
    rule.markdown()
}
