//! The command line: `mpaudit check`, `mpaudit rules`, `mpaudit explain`.
//!
//! [`run`] takes the arguments and output streams, so tests drive the whole CLI
//! in process. Exit codes: 0 no error-level findings, 1 error-level findings,
//! 2 mpaudit could not run.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::checks::{Rule, ThirdParty, ALL_RULES};
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
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = ThirdParty::Error)]
    third_party: ThirdParty,
    /// When to use colors in the human format.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RulesFormat {
    Human,
    Json,
    /// The README rule table.
    Markdown,
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
}

impl Environment {
    /// Reads this process's environment.
    pub fn from_process() -> Self {
        Environment {
            github_actions: std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true"),
            step_summary: std::env::var_os("GITHUB_STEP_SUMMARY")
                .filter(|p| !p.is_empty())
                .map(PathBuf::from),
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
    };
    let audit = match audit(&options) {
        Ok(audit) => audit,
        Err(err) => {
            writeln!(stderr, "error: {err}")?;
            return Ok(EXIT_ERROR);
        }
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
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
    report::write(format, &audit, &human, env.step_summary.as_deref(), stdout)?;
    Ok(audit.exit_code())
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
