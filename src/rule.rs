//! Rules: what a finding is about. The foundation every stage builds
//! findings on: [`Rule`], [`Severity`] and `declare_rule!`.
//!
//! Each rule is declared once, with its doc comment as its documentation
//! (`mpaudit explain <rule>` prints it, and the README rule table is generated
//! from `summary`), next to the code that raises it: a check's rule in its file
//! under `checks/`, the rules the pipeline's stages raise in [`pipeline`].
//! `checks::ALL_RULES` lists them all. Ids are a public contract: add rules,
//! never rename.

use serde::Serialize;

pub mod pipeline;

/// How serious a finding is. Error-level findings make `mpaudit check` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth fixing; does not fail the run.
    Warning,
    /// Will be rejected by review or fail at run time; fails the run.
    Error,
}

impl Severity {
    /// The lowercase name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A rule: what a finding is about.
#[derive(Debug)]
pub struct Rule {
    /// Stable kebab-case id, used in JSON, SARIF and suppressions.
    pub code: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// One line for tables.
    pub summary: &'static str,
    /// Markdown docs: what it does, why, example, how to fix, references.
    pub docs: &'static str,
    /// The mpaudit version that introduced it.
    pub since: &'static str,
}

impl Rule {
    /// The rule of `rules` with id `code`.
    pub fn find(rules: &[&'static Rule], code: &str) -> Option<&'static Rule> {
        rules.iter().copied().find(|r| r.code == code)
    }

    /// The rule of `rules` whose id is closest to a misspelt `code` (at most
    /// a third of its characters differ), for "did you mean".
    pub fn closest(rules: &[&'static Rule], code: &str) -> Option<&'static Rule> {
        let code = code.to_lowercase().replace('_', "-");
        rules
            .iter()
            .copied()
            .map(|r| (edit_distance(&code, r.code), r))
            .filter(|(d, r)| *d <= r.code.len() / 3)
            .min_by_key(|(d, _)| *d)
            .map(|(_, r)| r)
    }

    /// The docs as Markdown, without the one-space indent doc comments carry.
    pub fn markdown(&self) -> String {
        self.docs
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// How the rule's findings can be fixed by mpaudit: `mpaudit check --fix`
    /// (the ids in [`crate::fix::FIXABLE`]) or another command; `None` when
    /// a fix needs a human.
    pub fn fix(&self) -> Option<&'static str> {
        Some(match self.code {
            "dead-consent-code" => {
                "`mpaudit check --fix` drops `__usePrivacyCheck__`; a `requirePrivacyAuthorize` without `fail` and a listener no use fires need a human"
            }
            "missing-required-private-infos" => {
                "`mpaudit check --fix` adds the value to `requiredPrivateInfos` (not when it would put fuzzy and precise location together)"
            }
            "unused-required-private-infos" => {
                "`mpaudit check --fix` removes the value from `requiredPrivateInfos` (only when every file was read)"
            }
            "missing-background-location-mode" => {
                "`mpaudit check --fix` adds `location` to `requiredBackgroundModes`"
            }
            "audit-files-in-package" => {
                "`mpaudit check --fix` adds a `{\"type\": \"file\"}` entry to `packOptions.ignore` in project.config.json"
            }
            "missing-permission-desc" => {
                "unsafe: `mpaudit check --fix --unsafe-fixes` adds a `TODO(mpaudit)` placeholder `desc` (still reported by this rule until it is replaced)"
            }
            "undeclared-privacy-type" => {
                "unsafe: `mpaudit check --fix --unsafe-fixes` adds a `setting_list` entry with a `TODO(mpaudit)` text to fill in (reported by `weak-privacy-text` until it is)"
            }
            "no-privacy-declaration" => {
                "`mpaudit init`, `mpaudit manifest --write` or `mpaudit check --fix --unsafe-fixes` drafts `privacy.json`, with `TODO(mpaudit)` texts to fill in"
            }
            _ => return None,
        })
    }

    /// The rule's row in the README rule table, which carries an anchor named
    /// after the id: `https://github.com/mpaudit/mpaudit#<id>`.
    pub fn help_uri(&self) -> String {
        format!("{}#{}", env!("CARGO_PKG_REPOSITORY"), self.code)
    }
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Declares a rule; its doc comment becomes `docs` (clippy's
/// `declare_clippy_lint!`): `NAME, "id", Severity, since "version", "summary"`.
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])* $name:ident, $code:literal, $severity:ident, since $since:literal, $summary:literal) => {
        $(#[doc = $doc])*
        // The docs are also `explain`'s and SARIF's text: plain URLs there.
        #[allow(rustdoc::bare_urls)]
        pub static $name: $crate::rule::Rule = $crate::rule::Rule {
            code: $code,
            severity: $crate::rule::Severity::$severity,
            summary: $summary,
            docs: concat!($($doc, "\n"),*),
            since: $since,
        };
    };
}
pub(crate) use declare_rule;
