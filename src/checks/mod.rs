//! Stage 4, checks: cheap functions over the inventory, app.json and the
//! privacy declaration. Each rule is declared once in [`rules`] with its id,
//! default severity and documentation; the rule ids are a public contract.

mod consent;
mod coverage;
mod declaration;
mod deprecated;
mod identity;
mod location;
pub(crate) mod package;
mod privacy_text;
pub mod rules;
mod timing;

pub use crate::config::ThirdParty;
pub use crate::rule::Rule;
pub use location::required_private_infos;
pub use privacy_text::{weak_texts, weakness, Weakness};
pub use rules::ALL_RULES;

use crate::declaration::Declaration;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::diagnostic::{Finding, Severity};
use crate::inventory::events::TemplateEvents;
use crate::inventory::{IdentityFact, Unaudited, Use};
use crate::project::Project;
use crate::ruleset::Ruleset;

/// Everything the checks look at.
pub struct Context<'a> {
    /// The discovered project (app.json).
    pub project: &'a Project,
    /// The rule data.
    pub ruleset: &'a Ruleset,
    /// Privacy uses, sorted by file and position.
    pub uses: &'a [Use],
    /// Consent handling uses.
    pub consent: &'a [Use],
    /// The privacy declaration, when the project has one.
    pub declaration: Option<&'a Declaration>,
    /// The event handlers each WXML template binds, by file.
    pub templates: &'a BTreeMap<String, TemplateEvents>,
    /// How each file wires consent, by file.
    pub consent_files: &'a BTreeMap<String, crate::inventory::consent::ConsentFile>,
    /// Identity and secrets in scripts, sorted by file and position.
    pub identity: &'a [IdentityFact],
    /// The app's own request hosts from `mpaudit.json` (`first-party-hosts`).
    pub first_party_hosts: &'a [String],
    /// Parts of files that were not audited, sorted.
    pub unaudited: &'a [Unaudited],
    /// What the audit could not read.
    pub unread: &'a Unread,
}

/// What the audit could not read, or was told to leave out. A check that
/// would conclude from what it did not see that something is unused or
/// missing holds its finding back when the evidence it needs is here: such a
/// finding would invite the user to delete a declaration their code needs, or
/// to add one their config already has. The failures themselves are findings
/// of their own (`parse-error`, `unreadable-file`, `file-too-large`,
/// `invalid-config`), so holding back is never an all-clear.
#[derive(Debug, Clone, Default)]
pub struct Unread {
    /// Files that may hold privacy uses (scripts, templates, `.vue` files)
    /// and were not read completely: a syntax error, unreadable, too large,
    /// binary, a crash of mpaudit; and the paths `ignore` left out (see
    /// [`Project::ignored`]). Sorted, relative to the audited folder.
    pub code: Vec<String>,
}

impl Unread {
    /// Collects the scripts and templates that `findings` say were not read
    /// completely, and the paths `ignore` left out.
    /// Parts of files mpaudit could not read ([`Unaudited`]: a `<template
    /// lang="pug">`, UTS the parser gives up on) and files of a kind it does
    /// not read (`.pug`, [`Project::unread`]) count as unread code too.
    pub fn collect(project: &Project, findings: &[Finding], unaudited: &[Unaudited]) -> Unread {
        let code_files: std::collections::HashSet<&str> = project
            .files
            .iter()
            .filter(|f| f.kind != crate::source::FileKind::Json)
            .map(|f| f.rel.as_str())
            .collect();
        let failure = [
            rules::PARSE_ERROR.code,
            rules::UNREADABLE_FILE.code,
            rules::FILE_TOO_LARGE.code,
            rules::INTERNAL_ERROR.code,
        ];
        let mut code: Vec<String> = findings
            .iter()
            .filter(|f| {
                let file = f.location.file.as_str();
                failure.contains(&f.rule)
                    && (code_files.contains(file)
                        // An unreadable folder, or a link to code outside.
                        || (f.rule == rules::UNREADABLE_FILE.code
                            && !file.ends_with(".json")
                            && !project.files.iter().any(|p| p.rel == file)))
            })
            .map(|f| f.location.file.clone())
            .chain(project.ignored.iter().cloned())
            .chain(project.unread.iter().cloned())
            .chain(unaudited.iter().map(|u| u.location.file.clone()))
            .collect();
        code.sort();
        code.dedup();
        Unread { code }
    }

    /// Whether every file that may hold code was read.
    pub fn all_code_read(&self) -> bool {
        self.code.is_empty()
    }

    /// `"pages/a/a.js"`, `"pages/a/a.js and 2 more"`: the unread code for a
    /// message, or `None` when all was read.
    pub fn code_summary(&self) -> Option<String> {
        let first = self.code.first()?;
        Some(match self.code.len() {
            1 => first.clone(),
            n => format!("{first} and {} more", n - 1),
        })
    }
}

/// Runs every project-wide check.
pub fn run_all(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    declaration::undeclared_privacy_type(ctx, &mut out);
    declaration::unused_privacy_declaration(ctx, &mut out);
    declaration::no_privacy_declaration(ctx, &mut out);
    privacy_text::weak_privacy_text(ctx, &mut out);
    location::missing_required_private_infos(ctx, &mut out);
    location::invalid_required_private_infos(ctx, &mut out);
    location::conflicting_required_private_infos(ctx, &mut out);
    location::unused_required_private_infos(ctx, &mut out);
    location::missing_permission_desc(ctx, &mut out);
    location::missing_background_location_mode(ctx, &mut out);
    deprecated::deprecated_api(ctx, &mut out);
    consent::missing_privacy_authorization(ctx, &mut out);
    consent::wiring(ctx, &mut out);
    timing::privacy_call_on_launch(ctx, &mut out);
    timing::getuserprofile_misuse(ctx, &mut out);
    identity::identity_rules(ctx, &mut out);
    coverage::unaudited_source(ctx, &mut out);
    package::audit_files_in_package(ctx, &mut out);
    out
}

/// `file:line:col` of a use, for messages that point elsewhere.
fn at(u: &Use) -> String {
    format!("{}:{}:{}", u.file, u.line, u.column)
}

/// Names the npm package in every finding on third-party code and applies
/// `setting` to its severity.
pub fn third_party(findings: &mut Vec<Finding>, project: &Project, setting: ThirdParty) {
    let packages: std::collections::HashMap<&str, &str> = project
        .files
        .iter()
        .filter_map(|f| Some((f.rel.as_str(), f.origin.strip_prefix("npm:")?)))
        .collect();
    findings.retain_mut(|f| {
        let Some(package) = packages.get(f.location.file.as_str()) else {
            return true;
        };
        let _ = write!(f.message, " (in npm package `{package}`)");
        match setting {
            ThirdParty::Error => true,
            ThirdParty::Warning => {
                f.severity = f.severity.min(Severity::Warning);
                true
            }
            ThirdParty::Off => false,
        }
    });
}
