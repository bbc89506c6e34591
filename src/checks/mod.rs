//! Stage 4, checks: cheap functions over the inventory, app.json and the
//! privacy declaration. One file per check: its rule, declared with
//! [`declare_rule!`](crate::rule::declare_rule) (id, default severity,
//! `since`, docs), and its `run` function. [`CHECKS`] runs them all; a test
//! keeps it sorted and complete, and [`ALL_RULES`] adds the rules the
//! pipeline raises itself ([`crate::rule::pipeline`]). Rule ids are a public
//! contract.

pub mod audit_files_in_package;
pub mod client_code2session;
pub mod client_side_decrypt;
pub mod conflicting_required_private_infos;
pub mod dead_consent_code;
pub mod deprecated_api;
pub mod getuserprofile_misuse;
pub mod hardcoded_app_secret;
pub mod identity_in_url;
pub mod insecure_request;
pub mod invalid_required_private_infos;
pub mod missing_background_location_mode;
pub mod missing_permission_desc;
pub mod missing_privacy_authorization;
pub mod missing_required_private_infos;
pub mod no_privacy_declaration;
pub mod page_without_privacy_popup;
pub mod privacy_agree_without_button;
pub mod privacy_call_on_launch;
pub mod privacy_listener_never_resolves;
pub mod session_key_on_client;
mod shared;
pub mod unaudited_source;
pub mod undeclared_privacy_type;
pub mod unused_privacy_declaration;
pub mod unused_required_private_infos;
pub mod weak_privacy_text;

pub use crate::config::ThirdParty;
pub use crate::rule::Rule;
pub use shared::required_private_infos;
pub use weak_privacy_text::{weak_texts, Weakness};

use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::declaration::Declaration;
use crate::diagnostic::{Finding, Severity};
use crate::inventory::events::TemplateEvents;
use crate::inventory::{IdentityFact, Unaudited, Use};
use crate::project::Project;
use crate::ruleset::Ruleset;

/// One check: the rule it reports and the function that looks.
pub struct Check {
    /// The rule of the findings it makes.
    pub rule: &'static Rule,
    /// Looks at the project and adds findings.
    pub run: fn(&Context<'_>, &mut Vec<Finding>),
}

/// Every check, sorted by rule id. A test keeps it sorted and complete: each
/// file of `src/checks/` but `shared.rs` (helpers several checks use) is one
/// entry, named after its rule.
pub static CHECKS: &[Check] = &[
    Check {
        rule: &audit_files_in_package::AUDIT_FILES_IN_PACKAGE,
        run: audit_files_in_package::run,
    },
    Check {
        rule: &client_code2session::CLIENT_CODE2SESSION,
        run: client_code2session::run,
    },
    Check {
        rule: &client_side_decrypt::CLIENT_SIDE_DECRYPT,
        run: client_side_decrypt::run,
    },
    Check {
        rule: &conflicting_required_private_infos::CONFLICTING_REQUIRED_PRIVATE_INFOS,
        run: conflicting_required_private_infos::run,
    },
    Check {
        rule: &dead_consent_code::DEAD_CONSENT_CODE,
        run: dead_consent_code::run,
    },
    Check {
        rule: &deprecated_api::DEPRECATED_API,
        run: deprecated_api::run,
    },
    Check {
        rule: &getuserprofile_misuse::GETUSERPROFILE_MISUSE,
        run: getuserprofile_misuse::run,
    },
    Check {
        rule: &hardcoded_app_secret::HARDCODED_APP_SECRET,
        run: hardcoded_app_secret::run,
    },
    Check {
        rule: &identity_in_url::IDENTITY_IN_URL,
        run: identity_in_url::run,
    },
    Check {
        rule: &insecure_request::INSECURE_REQUEST,
        run: insecure_request::run,
    },
    Check {
        rule: &invalid_required_private_infos::INVALID_REQUIRED_PRIVATE_INFOS,
        run: invalid_required_private_infos::run,
    },
    Check {
        rule: &missing_background_location_mode::MISSING_BACKGROUND_LOCATION_MODE,
        run: missing_background_location_mode::run,
    },
    Check {
        rule: &missing_permission_desc::MISSING_PERMISSION_DESC,
        run: missing_permission_desc::run,
    },
    Check {
        rule: &missing_privacy_authorization::MISSING_PRIVACY_AUTHORIZATION,
        run: missing_privacy_authorization::run,
    },
    Check {
        rule: &missing_required_private_infos::MISSING_REQUIRED_PRIVATE_INFOS,
        run: missing_required_private_infos::run,
    },
    Check {
        rule: &no_privacy_declaration::NO_PRIVACY_DECLARATION,
        run: no_privacy_declaration::run,
    },
    Check {
        rule: &page_without_privacy_popup::PAGE_WITHOUT_PRIVACY_POPUP,
        run: page_without_privacy_popup::run,
    },
    Check {
        rule: &privacy_agree_without_button::PRIVACY_AGREE_WITHOUT_BUTTON,
        run: privacy_agree_without_button::run,
    },
    Check {
        rule: &privacy_call_on_launch::PRIVACY_CALL_ON_LAUNCH,
        run: privacy_call_on_launch::run,
    },
    Check {
        rule: &privacy_listener_never_resolves::PRIVACY_LISTENER_NEVER_RESOLVES,
        run: privacy_listener_never_resolves::run,
    },
    Check {
        rule: &session_key_on_client::SESSION_KEY_ON_CLIENT,
        run: session_key_on_client::run,
    },
    Check {
        rule: &unaudited_source::UNAUDITED_SOURCE,
        run: unaudited_source::run,
    },
    Check {
        rule: &undeclared_privacy_type::UNDECLARED_PRIVACY_TYPE,
        run: undeclared_privacy_type::run,
    },
    Check {
        rule: &unused_privacy_declaration::UNUSED_PRIVACY_DECLARATION,
        run: unused_privacy_declaration::run,
    },
    Check {
        rule: &unused_required_private_infos::UNUSED_REQUIRED_PRIVATE_INFOS,
        run: unused_required_private_infos::run,
    },
    Check {
        rule: &weak_privacy_text::WEAK_PRIVACY_TEXT,
        run: weak_privacy_text::run,
    },
];

/// Every rule mpaudit reports, sorted by id: the checks' and the pipeline's.
pub static ALL_RULES: LazyLock<Vec<&'static Rule>> = LazyLock::new(|| {
    let mut rules: Vec<&'static Rule> = CHECKS
        .iter()
        .map(|c| c.rule)
        .chain(crate::rule::pipeline::RULES.iter().copied())
        .collect();
    rules.sort_by_key(|r| r.code);
    rules
});

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
    /// The language of the findings' texts.
    pub lang: crate::i18n::Lang,
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
            crate::rule::pipeline::PARSE_ERROR.code,
            crate::rule::pipeline::UNREADABLE_FILE.code,
            crate::rule::pipeline::FILE_TOO_LARGE.code,
            crate::rule::pipeline::INTERNAL_ERROR.code,
        ];
        let mut code: Vec<String> = findings
            .iter()
            .filter(|f| {
                let file = f.location.file.as_str();
                failure.contains(&f.rule)
                    && (code_files.contains(file)
                        // An unreadable folder, or a link to code outside.
                        || (f.rule == crate::rule::pipeline::UNREADABLE_FILE.code
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
    pub fn code_summary(&self, lang: crate::i18n::Lang) -> Option<String> {
        let first = self.code.first()?;
        Some(match self.code.len() {
            1 => first.clone(),
            n => crate::i18n::t!(
                lang,
                "unread-and-more",
                first = first.as_str(),
                count = n - 1
            ),
        })
    }
}

/// Runs every check.
pub fn run_all(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for check in CHECKS {
        (check.run)(ctx, &mut out);
    }
    out
}

/// `file:line:col` of a use, for messages that point elsewhere.
fn at(u: &Use) -> String {
    format!("{}:{}:{}", u.file, u.line, u.column)
}

/// Names the npm package in every finding on third-party code and applies
/// `setting` to its severity.
pub fn third_party(
    findings: &mut Vec<Finding>,
    project: &Project,
    setting: ThirdParty,
    lang: crate::i18n::Lang,
) {
    let packages: std::collections::HashMap<&str, &str> = project
        .files
        .iter()
        .filter_map(|f| Some((f.rel.as_str(), f.origin.strip_prefix("npm:")?)))
        .collect();
    findings.retain_mut(|f| {
        let Some(package) = packages.get(f.location.file.as_str()) else {
            return true;
        };
        f.message
            .push_str(&crate::i18n::t!(lang, "in-npm-package", package = *package));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_sorted_unique_and_documented() {
        let codes: Vec<_> = ALL_RULES.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(
            codes, sorted,
            "ALL_RULES must be sorted by id, without duplicates"
        );
        for rule in ALL_RULES.iter() {
            for heading in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## How to fix",
                "## References",
            ] {
                assert!(rule.docs.contains(heading), "{} lacks {heading}", rule.code);
            }
            assert!(
                !rule.summary.ends_with('.'),
                "{}: no trailing period",
                rule.code
            );
            assert!(
                rule.summary.chars().next().unwrap().is_lowercase(),
                "{}",
                rule.code
            );
        }
    }

    #[test]
    fn checks_are_sorted_and_one_per_file() {
        let codes: Vec<_> = CHECKS.iter().map(|c| c.rule.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(
            codes, sorted,
            "CHECKS must be sorted by id, without duplicates"
        );
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/checks");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name != "mod.rs" && name != "shared.rs")
            .map(|name| name.trim_end_matches(".rs").replace('_', "-"))
            .collect();
        files.sort();
        assert_eq!(
            files, codes,
            "each file of src/checks/ holds one check, named after its rule, listed in CHECKS"
        );
    }

    #[test]
    fn every_rule_has_a_since_version() {
        for rule in ALL_RULES.iter() {
            let parts: Vec<&str> = rule.since.split('.').collect();
            assert!(
                parts.len() == 3 && parts.iter().all(|p| p.parse::<u32>().is_ok()),
                "{}: since {:?}",
                rule.code,
                rule.since
            );
        }
    }
}
