//! `audit-files-in-package`: mpaudit's files sit in the mini program root and packOptions.ignore does not leave them out of the upload.

use super::Context;
use crate::config_file::{ConfigNode, ConfigValue};
use crate::diagnostic::{Finding, Location};
use crate::i18n::t;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports `mpaudit.json`, `privacy.json` and `mpaudit-baseline.json` when they sit inside the mini program
    /// root and `packOptions.ignore` of `project.config.json` does not list them. Only
    /// when project.config.json exists and is valid JSON; files outside the mini
    /// program root (a `miniprogramRoot` subfolder) are never reported.
    ///
    /// ## Why is this bad?
    /// Every file in the mini program root is uploaded with the package: the audit
    /// configuration ends up in the code package users download, and counts against
    /// its size.
    ///
    /// ## Example
    /// ```json
    /// {"appid": "wx123", "compileType": "miniprogram"}
    /// ```
    /// with `privacy.json` next to `app.json`.
    ///
    /// ## How to fix
    /// ```json
    /// {"packOptions": {"ignore": [{"type": "file", "value": "privacy.json"}]}}
    /// ```
    /// `mpaudit check --fix` adds the entries. Or move the files out of the mini
    /// program root.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/devtools/projectconfig.html
    AUDIT_FILES_IN_PACKAGE, "audit-files-in-package", Warning, since "0.1.0",
    "mpaudit's files sit in the mini program root and packOptions.ignore does not leave them out of the upload"
}

/// One finding per audit file in the package, at the file itself.
pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (rel, within) in unignored(ctx) {
        out.push(
            Finding::new(
                &AUDIT_FILES_IN_PACKAGE,
                Location {
                    file: rel.clone(),
                    line: 1,
                    column: 1,
                    offset: 0,
                    len: 0,
                },
                t!(
                    ctx.lang,
                    "audit-files-in-package-message",
                    file = rel.as_str(),
                    config = PROJECT_CONFIG
                ),
            )
            .label(t!(ctx.lang, "audit-files-in-package-label"))
            .help(t!(
                ctx.lang,
                "audit-files-in-package-help",
                value = within.as_str(),
                config = PROJECT_CONFIG
            )),
        );
    }
}

/// The project config whose `packOptions.ignore` decides the upload.
pub const PROJECT_CONFIG: &str = "project.config.json";

/// The baseline name the README suggests (`--write-baseline
/// mpaudit-baseline.json`); a baseline under another name is not known here.
pub const BASELINE_NAME: &str = "mpaudit-baseline.json";

/// The audit files (relative to the audited folder) inside the mini program
/// root, each with its path relative to that root, that `packOptions.ignore`
/// of project.config.json does not list. Empty when project.config.json is
/// missing or is not a strict JSON object.
pub fn unignored(ctx: &Context<'_>) -> Vec<(String, String)> {
    let project = ctx.project;
    let Some(text) = std::fs::read(project.path_of(PROJECT_CONFIG))
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
    else {
        return Vec::new();
    };
    let text = text.trim_start_matches('\u{feff}');
    let Ok((Some(value), None)) = crate::json::parse_strict(text) else {
        return Vec::new();
    };
    let config = ConfigNode::from_json(&value);
    if !matches!(config.value, ConfigValue::Object(_)) {
        return Vec::new();
    }
    let ignored: Vec<(String, String)> =
        match config.get("packOptions").and_then(|p| p.get("ignore")) {
            Some(ConfigNode {
                value: ConfigValue::Array(items),
                ..
            }) => items
                .iter()
                .filter_map(|i| {
                    Some((
                        i.get("type")?.as_str()?.to_owned(),
                        i.get("value")?
                            .as_str()?
                            .trim_start_matches("./")
                            .to_owned(),
                    ))
                })
                .collect(),
            Some(_) => return Vec::new(),
            None => Vec::new(),
        };
    let root = project.miniprogram_root.trim_end_matches('/');
    let mut candidates = vec![
        crate::config::FILE_NAME.to_owned(),
        BASELINE_NAME.to_owned(),
    ];
    if let Some(declaration) = ctx.declaration {
        candidates.push(declaration.file.clone());
    }
    let mut out = Vec::new();
    for rel in candidates {
        if out.iter().any(|(r, _)| *r == rel) || !project.path_of(&rel).is_file() {
            continue;
        }
        let within = if root.is_empty() || root == "." {
            rel.clone()
        } else if let Some(rest) = rel.strip_prefix(&format!("{root}/")) {
            rest.to_owned()
        } else {
            continue;
        };
        let listed = ignored.iter().any(|(kind, value)| match kind.as_str() {
            "file" => *value == within,
            "folder" => within.starts_with(&format!("{}/", value.trim_end_matches('/'))),
            "suffix" => within.ends_with(value.as_str()),
            "prefix" => within.starts_with(value.as_str()),
            "glob" => globset::Glob::new(value)
                .map(|g| g.compile_matcher().is_match(&within))
                .unwrap_or(false),
            "regexp" => true, // not evaluated: assume it covers the file
            _ => false,
        });
        if !listed {
            out.push((rel, within));
        }
    }
    out
}
