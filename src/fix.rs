//! `mpaudit check --fix`: the fixes that are certain, as minimal text edits
//! of the app config (app.json, uni-app's manifest.json → `mp-weixin`, the
//! literal object of Taro's app.config, WePY's app.wpy and Mpx's app.mpx).
//!
//! - `missing-required-private-infos`: the value is added to
//!   `requiredPrivateInfos` (never one that would put fuzzy and precise
//!   location together).
//! - `unused-required-private-infos`: the value is removed (only when every
//!   file was read: the check holds back otherwise, and so does the fix).
//! - `missing-background-location-mode`: `location` is added to
//!   `requiredBackgroundModes`.
//! - `__usePrivacyCheck__`, meaningless since 2023-09-15, is dropped.
//!
//! A field the audit could not read completely is never edited. Edits keep
//! indentation, key order, quotes, comments and line endings; the edited
//! file is read again and must hold exactly the intended config, with the
//! rest of the file unchanged, or nothing is written.

use crate::config_file::{ConfigNode, ConfigValue, SPREAD};
use crate::i18n::{t, Lang};
use crate::project::framework;
use crate::Audit;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The rules whose findings `--fix` fixes.
pub const FIXABLE: [&str; 5] = [
    "audit-files-in-package",
    "dead-consent-code",
    "missing-required-private-infos",
    "unused-required-private-infos",
    "missing-background-location-mode",
];

/// The fix of one file.
#[derive(Debug, Clone)]
pub struct FileFix {
    /// Path relative to the audited folder.
    pub rel: String,
    /// Path on disk.
    #[cfg_attr(not(feature = "cli"), allow(dead_code))] // used by the command line only
    pub path: PathBuf,
    /// The file's text before (with its byte order mark, if any).
    pub before: String,
    /// The file's text after the fix.
    pub after: String,
    /// What changed, one line each.
    pub changes: Vec<String>,
    /// How many findings the fix resolves.
    pub fixed: usize,
}

impl FileFix {
    /// The unified diff, `a/<rel>` → `b/<rel>`.
    #[cfg_attr(not(feature = "cli"), allow(dead_code))] // used by the command line only
    pub fn diff(&self) -> String {
        similar::TextDiff::from_lines(&self.before, &self.after)
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{}", self.rel), &format!("b/{}", self.rel))
            .to_string()
    }
}

/// What `--fix` would do.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The files to change (at most one: the app config).
    pub files: Vec<FileFix>,
    /// Fixes that were held back, and why.
    pub skipped: Vec<String>,
}

/// What the fix wants the config to hold.
#[derive(Debug, Default)]
struct Want {
    add_infos: Vec<String>,
    remove_infos: Vec<String>,
    background_mode: Option<String>,
    drop_use_privacy_check: bool,
    /// Scopes whose `permission[scope].desc` gets the placeholder (unsafe).
    permission_descs: Vec<String>,
}

impl Want {
    fn is_empty(&self) -> bool {
        self.add_infos.is_empty()
            && self.remove_infos.is_empty()
            && self.background_mode.is_none()
            && !self.drop_use_privacy_check
            && self.permission_descs.is_empty()
    }
}

/// Why an edit cannot be made for sure: rendered in the run's language by
/// [`Why::text`] (after `<file>: not fixed: `).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Why {
    CannotReadUtf8,
    NotJsonObject,
    NotStrictJsonObject,
    /// The field (code) is written twice.
    WrittenTwice(String),
    NotArray(String),
    NotObject(String),
    NotEmptyString(String),
    /// `desc` of the scope is written twice.
    DescWrittenTwice(String),
    /// The scope is written twice in the field.
    WrittenTwiceIn(String, String),
    ReadBack,
    CannotRead(String),
    NotUtf8,
    NoConfigObject,
    ConfigNotObject,
    OutsideObject,
    EditsOverlap,
    FieldNotArray,
    NotStrings,
    CommentBetween,
    CannotFind(String),
    CommentBefore(String),
    EndsInSpread,
    LastProperty,
}

impl Why {
    fn text(&self, lang: Lang) -> String {
        match self {
            Why::CannotReadUtf8 => t!(lang, "fix-why-cannot-read-utf8"),
            Why::NotJsonObject => t!(lang, "fix-why-not-json-object"),
            Why::NotStrictJsonObject => t!(lang, "fix-why-not-strict-json-object"),
            Why::WrittenTwice(field) => t!(lang, "fix-why-written-twice", field = field),
            Why::NotArray(field) => t!(lang, "fix-why-not-array", field = field),
            Why::NotObject(field) => t!(lang, "fix-why-not-object", field = field),
            Why::NotEmptyString(field) => t!(lang, "fix-why-not-empty-string", field = field),
            Why::DescWrittenTwice(scope) => t!(lang, "fix-why-desc-written-twice", scope = scope),
            Why::WrittenTwiceIn(scope, field) => {
                t!(
                    lang,
                    "fix-why-written-twice-in",
                    scope = scope,
                    field = field
                )
            }
            Why::ReadBack => t!(lang, "fix-why-read-back"),
            Why::CannotRead(error) => t!(lang, "fix-why-cannot-read", error = error),
            Why::NotUtf8 => t!(lang, "fix-why-not-utf8"),
            Why::NoConfigObject => t!(lang, "fix-why-no-config-object"),
            Why::ConfigNotObject => t!(lang, "fix-why-config-not-object"),
            Why::OutsideObject => t!(lang, "fix-why-outside-object"),
            Why::EditsOverlap => t!(lang, "fix-why-edits-overlap"),
            Why::FieldNotArray => t!(lang, "fix-why-field-not-array"),
            Why::NotStrings => t!(lang, "fix-why-not-strings"),
            Why::CommentBetween => t!(lang, "fix-why-comment-between"),
            Why::CannotFind(field) => t!(lang, "fix-why-cannot-find", field = field),
            Why::CommentBefore(field) => t!(lang, "fix-why-comment-before", field = field),
            Why::EndsInSpread => t!(lang, "fix-why-ends-in-spread"),
            Why::LastProperty => t!(lang, "fix-why-last-property"),
        }
    }
}

/// One change of the app config, rendered by [`Change::text`] in the run's
/// language.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Change {
    AddedInfos(Vec<String>),
    RemovedInfos(Vec<String>),
    BackgroundMode(String),
    DroppedUsePrivacyCheck,
    PermissionDescs(Vec<String>),
}

impl Change {
    fn text(&self, rel: &str, lang: Lang) -> String {
        match self {
            Change::AddedInfos(names) => t!(
                lang,
                "fix-change-added-infos",
                file = rel,
                names = quoted(names)
            ),
            Change::RemovedInfos(names) => t!(
                lang,
                "fix-change-removed-infos",
                file = rel,
                names = quoted(names),
                count = names.len()
            ),
            Change::BackgroundMode(mode) => {
                t!(lang, "fix-change-background-mode", file = rel, mode = mode)
            }
            Change::DroppedUsePrivacyCheck => t!(lang, "fix-change-use-privacy-check", file = rel),
            Change::PermissionDescs(scopes) => t!(
                lang,
                "fix-change-permission-desc",
                file = rel,
                scopes = quoted(scopes)
            ),
        }
    }
}

/// The rules whose findings `--fix --unsafe-fixes` also fixes, with
/// placeholder texts a human must replace.
#[cfg(test)]
pub const UNSAFE_FIXABLE: [&str; 3] = [
    "missing-permission-desc",
    "undeclared-privacy-type",
    "no-privacy-declaration",
];

/// The permission `desc` `--unsafe-fixes` writes: the `manifest` placeholder
/// prefix, so `missing-permission-desc` keeps reporting it until it is
/// replaced (25 characters, under the 30 allowed).
pub fn permission_placeholder() -> String {
    format!(
        "{}: 你的位置信息将用于…",
        crate::declaration::PLACEHOLDER_PREFIX
    )
}

/// The fixes for the findings of `audit`, and with `unsafe_fixes` those
/// that write `TODO(mpaudit)` placeholders into privacy.json (the texts
/// `mpaudit manifest` writes, which `weak-privacy-text` reports until they
/// are filled in).
pub fn plan_with(audit: &Audit, unsafe_fixes: bool) -> Plan {
    let mut plan = app_plan(audit, unsafe_fixes);
    match package_fix(audit) {
        Ok(Some(fix)) => plan.files.push(fix),
        Ok(None) => {}
        Err(why) => plan.skipped.push(why),
    }
    if unsafe_fixes {
        match declaration_fix(audit) {
            Ok(Some(fix)) => plan.files.push(fix),
            Ok(None) => {}
            Err(why) => plan.skipped.push(why),
        }
    }
    plan
}

/// `undeclared-privacy-type`: a `setting_list` entry with a TODO text per
/// undeclared type, added to the declaration; `no-privacy-declaration`: the
/// draft `mpaudit manifest --write` writes.
fn declaration_fix(audit: &Audit) -> Result<Option<FileFix>, String> {
    let Some(declaration) = &audit.declaration else {
        if !audit
            .findings
            .iter()
            .any(|f| f.rule == crate::checks::no_privacy_declaration::NO_PRIVACY_DECLARATION.code)
        {
            return Ok(None);
        }
        let rel = crate::declaration::FILE_NAME.to_owned();
        let path = audit.project.path_of(&rel);
        if path.exists() {
            return Ok(None);
        }
        let model = crate::manifest::Manifest::from_audit(audit);
        let draft = crate::manifest::draft(audit, &model);
        return Ok(Some(FileFix {
            changes: vec![t!(
                audit.lang,
                "fix-change-drafted",
                file = &rel,
                settings = draft.settings,
                placeholders = draft.placeholders
            )],
            fixed: 1,
            rel,
            path,
            before: String::new(),
            after: draft.to_text(),
        }));
    };
    let mut keys: Vec<&str> = Vec::new();
    for f in &audit.findings {
        if f.rule == crate::checks::undeclared_privacy_type::UNDECLARED_PRIVACY_TYPE.code {
            if let Some(key) = f.privacy_key.as_deref() {
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
    }
    if keys.is_empty() || !declaration.complete {
        return Ok(None);
    }
    let rel = declaration.file.clone();
    let lang = audit.lang;
    let fail = |why: Why| t!(lang, "fix-not-fixed", file = &rel, reason = why.text(lang));
    let before = read_utf8(audit, &rel)
        .ok()
        .flatten()
        .ok_or_else(|| fail(Why::CannotReadUtf8))?;
    let bom = if before.starts_with('\u{feff}') { 3 } else { 0 };
    let text = &before[bom..];
    let root = crate::json::parse(text)
        .ok()
        .flatten()
        .map(|v| ConfigNode::from_json(&v))
        .filter(|n| matches!(n.value, ConfigValue::Object(_)))
        .ok_or_else(|| fail(Why::NotJsonObject))?;
    let ConfigValue::Object(props) = &root.value else {
        return Err(fail(Why::NotJsonObject));
    };
    if props.iter().filter(|(k, _)| k == "setting_list").count() > 1 {
        return Err(fail(Why::WrittenTwice("setting_list".to_owned())));
    }
    let style = Style {
        newline: if text.contains("\r\n") { "\r\n" } else { "\n" },
        quote: '"',
        quote_keys: true,
    };
    let entries: Vec<String> = keys
        .iter()
        .map(|key| {
            let name_zh = audit
                .ruleset
                .key(key)
                .map_or_else(|| (*key).to_owned(), |k| k.name_zh.clone());
            format!(
                "{{ \"privacy_key\": {}, \"privacy_text\": {} }}",
                serde_json::Value::from(*key),
                serde_json::Value::from(crate::manifest::placeholder(&name_zh))
            )
        })
        .collect();
    let edit = match root.get("setting_list") {
        Some(list) => {
            let ConfigValue::Array(items) = &list.value else {
                return Err(fail(Why::NotArray("setting_list".to_owned())));
            };
            match items.last() {
                None => Edit {
                    start: list.range.start,
                    end: list.range.end,
                    text: format!("[{}]", entries.join(", ")),
                },
                Some(last) => {
                    let multiline = text[list.range.start..items[0].range.start].contains('\n');
                    let separator = match indent_before(text, last.range.start) {
                        Some(indent) if multiline => format!(",{}{indent}", style.newline),
                        _ => ", ".to_owned(),
                    };
                    Edit {
                        start: last.range.end,
                        end: last.range.end,
                        text: entries.iter().map(|e| format!("{separator}{e}")).collect(),
                    }
                }
            }
        }
        None => add_properties(
            text,
            &root,
            &[("setting_list", format!("[{}]", entries.join(", ")))],
            &style,
        )
        .map_err(fail)?,
    };
    let after = apply(text, vec![edit]).map_err(fail)?;
    // Read back: the same file with the entries at the end of setting_list.
    let got = crate::json::parse(&after)
        .ok()
        .flatten()
        .map(|v| ConfigNode::from_json(&v))
        .ok_or_else(|| fail(Why::ReadBack))?;
    let declared = |node: &ConfigNode| -> Vec<String> {
        match node.get("setting_list").map(|l| &l.value) {
            Some(ConfigValue::Array(items)) => items
                .iter()
                .filter_map(|i| i.get("privacy_key").and_then(ConfigNode::as_str))
                .map(str::to_owned)
                .collect(),
            _ => Vec::new(),
        }
    };
    let mut expected = declared(&root);
    expected.extend(keys.iter().map(|k| (*k).to_owned()));
    if declared(&got) != expected {
        return Err(fail(Why::ReadBack));
    }
    let fixed = audit
        .findings
        .iter()
        .filter(|f| f.rule == crate::checks::undeclared_privacy_type::UNDECLARED_PRIVACY_TYPE.code)
        .count();
    Ok(Some(FileFix {
        changes: vec![t!(
            lang,
            "fix-change-declared",
            file = &rel,
            keys = keys.join(", ")
        )],
        fixed,
        after: format!("{}{after}", &before[..bom]),
        before,
        path: audit.project.path_of(&rel),
        rel,
    }))
}

/// The fixes for the findings of `audit`.
pub fn plan(audit: &Audit) -> Plan {
    plan_with(audit, false)
}

/// `audit-files-in-package`: `{"type": "file", "value": …}` entries added to
/// `packOptions.ignore` of project.config.json (strict JSON).
fn package_fix(audit: &Audit) -> Result<Option<FileFix>, String> {
    let root = audit.project.miniprogram_root.trim_end_matches('/');
    let mut names: Vec<String> = Vec::new();
    for f in &audit.findings {
        if f.rule != crate::checks::audit_files_in_package::AUDIT_FILES_IN_PACKAGE.code {
            continue;
        }
        let rel = f.location.file.as_str();
        let within = if root.is_empty() || root == "." {
            rel
        } else {
            match rel.strip_prefix(root).and_then(|r| r.strip_prefix('/')) {
                Some(within) => within,
                None => continue,
            }
        };
        if !names.iter().any(|n| n == within) {
            names.push(within.to_owned());
        }
    }
    if names.is_empty() {
        return Ok(None);
    }
    let rel = crate::checks::audit_files_in_package::PROJECT_CONFIG.to_owned();
    let lang = audit.lang;
    let fail = |why: Why| t!(lang, "fix-not-fixed", file = &rel, reason = why.text(lang));
    let before = read_utf8(audit, &rel)
        .ok()
        .flatten()
        .ok_or_else(|| fail(Why::CannotReadUtf8))?;
    let bom = if before.starts_with('\u{feff}') { 3 } else { 0 };
    let text = &before[bom..];
    let after = add_pack_ignores(text, &names).map_err(fail)?;
    if after == text {
        return Ok(None);
    }
    let fixed = audit
        .findings
        .iter()
        .filter(|f| f.rule == crate::checks::audit_files_in_package::AUDIT_FILES_IN_PACKAGE.code)
        .count();
    Ok(Some(FileFix {
        changes: vec![t!(
            lang,
            "fix-change-pack-ignore",
            file = &rel,
            names = quoted(&names)
        )],
        fixed,
        after: format!("{}{after}", &before[..bom]),
        before,
        path: audit.project.path_of(&rel),
        rel,
    }))
}

/// `text` (a strict JSON project.config.json) with a `file` entry per name
/// added to `packOptions.ignore`; read back before it is returned.
fn add_pack_ignores(text: &str, names: &[String]) -> Result<String, Why> {
    let parse = |t: &str| match crate::json::parse_strict(t) {
        Ok((Some(v), None)) => Some(ConfigNode::from_json(&v)),
        _ => None,
    };
    let root = parse(text)
        .filter(|n| matches!(n.value, ConfigValue::Object(_)))
        .ok_or(Why::NotStrictJsonObject)?;
    let style = Style {
        newline: if text.contains("\r\n") { "\r\n" } else { "\n" },
        quote: '"',
        quote_keys: true,
    };
    let entries: Vec<String> = names
        .iter()
        .map(|n| {
            format!(
                "{{\"type\": \"file\", \"value\": {}}}",
                serde_json::Value::from(n.as_str())
            )
        })
        .collect();
    let count = |node: &ConfigNode, name: &str| match &node.value {
        ConfigValue::Object(props) => props.iter().filter(|(k, _)| k == name).count(),
        _ => 0,
    };
    if count(&root, "packOptions") > 1 {
        return Err(Why::WrittenTwice("packOptions".to_owned()));
    }
    let edit = match root.get("packOptions") {
        None => add_properties(
            text,
            &root,
            &[(
                "packOptions",
                format!("{{\"ignore\": [{}]}}", entries.join(", ")),
            )],
            &style,
        )?,
        Some(pack) => {
            if !matches!(pack.value, ConfigValue::Object(_)) {
                return Err(Why::NotObject("packOptions".to_owned()));
            }
            if count(pack, "ignore") > 1 {
                return Err(Why::WrittenTwice("packOptions.ignore".to_owned()));
            }
            match pack.get("ignore") {
                None => add_properties(
                    text,
                    pack,
                    &[("ignore", format!("[{}]", entries.join(", ")))],
                    &style,
                )?,
                Some(list) => {
                    let ConfigValue::Array(items) = &list.value else {
                        return Err(Why::NotArray("packOptions.ignore".to_owned()));
                    };
                    match items.last() {
                        None => Edit {
                            start: list.range.start,
                            end: list.range.end,
                            text: format!("[{}]", entries.join(", ")),
                        },
                        Some(last) => {
                            let multiline =
                                text[list.range.start..items[0].range.start].contains('\n');
                            let separator = match indent_before(text, items[0].range.start) {
                                Some(indent) if multiline => {
                                    format!(",{}{indent}", style.newline)
                                }
                                _ => ", ".to_owned(),
                            };
                            Edit {
                                start: last.range.end,
                                end: last.range.end,
                                text: entries.iter().map(|e| format!("{separator}{e}")).collect(),
                            }
                        }
                    }
                }
            }
        }
    };
    let after = apply(text, vec![edit])?;
    // Read back: the same config with the entries at the end of the list.
    let got = parse(&after).ok_or(Why::ReadBack)?;
    let without_ignore = |t: &str, node: &ConfigNode| -> String {
        let mut node = node.clone();
        if let ConfigValue::Object(props) = &mut node.value {
            for (k, v) in props.iter_mut() {
                if k == "packOptions" {
                    if let ConfigValue::Object(pack) = &mut v.value {
                        pack.retain(|(k, _)| k != "ignore");
                    }
                }
            }
            if root.get("packOptions").is_none() {
                props.retain(|(k, _)| k != "packOptions");
            }
        }
        shape(t, &node)
    };
    let ignore = |t: &str, node: &ConfigNode| -> Vec<String> {
        match node
            .get("packOptions")
            .and_then(|p| p.get("ignore"))
            .map(|l| &l.value)
        {
            Some(ConfigValue::Array(items)) => items.iter().map(|i| shape(t, i)).collect(),
            _ => Vec::new(),
        }
    };
    let mut expected = ignore(text, &root);
    expected.extend(
        names
            .iter()
            .map(|n| format!("{{\"type\":{:?},\"value\":{n:?}}}", "file")),
    );
    if without_ignore(text, &root) != without_ignore(&after, &got)
        || ignore(&after, &got) != expected
    {
        return Err(Why::ReadBack);
    }
    Ok(after)
}

/// The fixes of the app config; with `unsafe_fixes` also the permission
/// `desc` placeholders.
fn app_plan(audit: &Audit, unsafe_fixes: bool) -> Plan {
    let mut plan = Plan::default();
    let lang = audit.lang;
    let app = &audit.project.app;
    let ruleset = &audit.ruleset;
    let mut want = Want::default();
    let rel = audit.project.app_json_file.clone();
    if app.read_completely("requiredPrivateInfos") {
        let missing: BTreeSet<&str> = audit
            .findings
            .iter()
            .filter(|f| {
                f.rule
                    == crate::checks::missing_required_private_infos::MISSING_REQUIRED_PRIVATE_INFOS
                        .code
            })
            .filter_map(|f| f.api.as_deref())
            .filter_map(|api| ruleset.required_value_for_api(api))
            .map(|v| v.name.as_str())
            .collect();
        want.add_infos = ruleset
            .location
            .values
            .iter()
            .map(|v| v.name.clone())
            .filter(|n| missing.contains(n.as_str()))
            .collect();
        if audit.unread.all_code_read() {
            let mut unused: Vec<String> = audit
                .findings
                .iter()
                .filter(|f| f.rule == crate::checks::unused_required_private_infos::UNUSED_REQUIRED_PRIVATE_INFOS.code)
                .filter_map(|f| f.api.as_deref()?.strip_prefix("wx."))
                .map(str::to_owned)
                .collect();
            unused.dedup();
            want.remove_infos = unused;
        }
        // Never write fuzzy and precise location together: DevTools refuses it.
        let exclusive = &ruleset.location.exclusive;
        let result: BTreeSet<&str> = app
            .required_private_infos
            .iter()
            .map(|s| s.value.as_str())
            .filter(|v| !want.remove_infos.iter().any(|r| r == v))
            .chain(want.add_infos.iter().map(String::as_str))
            .collect();
        let fuzzy = result
            .iter()
            .any(|v| exclusive.fuzzy.iter().any(|f| f == v));
        let precise = result
            .iter()
            .any(|v| exclusive.precise.iter().any(|p| p == v));
        if fuzzy && precise {
            let held: Vec<String> = want
                .add_infos
                .iter()
                .filter(|a| exclusive.fuzzy.contains(a) || exclusive.precise.contains(a))
                .cloned()
                .collect();
            if !held.is_empty() {
                plan.skipped.push(t!(
                    lang,
                    "fix-not-adding-location",
                    file = &rel,
                    names = quoted(&held)
                ));
                want.add_infos.retain(|a| !held.contains(a));
            }
        }
    }
    if app.read_completely("requiredBackgroundModes")
        && audit.findings.iter().any(|f| {
            f.rule
                == crate::checks::missing_background_location_mode::MISSING_BACKGROUND_LOCATION_MODE
                    .code
        })
    {
        want.background_mode = Some(ruleset.location.background.mode.clone());
    }
    // `dead-consent-code` reports the flag at the config that holds it.
    want.drop_use_privacy_check = app.use_privacy_check.is_some()
        && audit.findings.iter().any(|f| {
            f.rule == crate::checks::dead_consent_code::DEAD_CONSENT_CODE.code
                && f.location.file == rel
        });
    if unsafe_fixes && app.read_completely("permission") {
        for f in &audit.findings {
            let Some(scope) = f
                .api
                .as_deref()
                .filter(|_| {
                    f.rule == crate::checks::missing_permission_desc::MISSING_PERMISSION_DESC.code
                })
                .and_then(|api| ruleset.required_value_for_api(api))
                .and_then(|v| v.permission_scope.clone())
            else {
                continue;
            };
            // A placeholder already written is left for a human.
            let written = app
                .permission
                .get(&scope)
                .and_then(|d| d.as_deref())
                .is_some_and(|d| !d.trim().is_empty());
            if !written && !want.permission_descs.contains(&scope) {
                want.permission_descs.push(scope);
            }
        }
    }
    if want.is_empty() {
        return plan;
    }
    // A framework's build output is written anew by the next build.
    if rel
        .split('/')
        .any(|part| framework::BUILD_OUTPUT.contains(&part))
    {
        plan.skipped
            .push(t!(lang, "fix-not-build-output", file = &rel));
        return plan;
    }
    match fix_file(
        &rel,
        &audit.project.path_of(&rel),
        read_utf8(audit, &rel),
        &want,
        lang,
    ) {
        Ok(Some(mut fix)) => {
            fix.fixed = audit
                .findings
                .iter()
                .filter(|f| {
                    let api = f.api.as_deref().unwrap_or_default();
                    if f.rule == crate::checks::missing_required_private_infos::MISSING_REQUIRED_PRIVATE_INFOS.code {
                        ruleset
                            .required_value_for_api(api)
                            .is_some_and(|v| want.add_infos.contains(&v.name))
                    } else if f.rule == crate::checks::unused_required_private_infos::UNUSED_REQUIRED_PRIVATE_INFOS.code {
                        api.strip_prefix("wx.")
                            .is_some_and(|v| want.remove_infos.iter().any(|r| r == v))
                    } else if f.rule == crate::checks::missing_permission_desc::MISSING_PERMISSION_DESC.code {
                        ruleset
                            .required_value_for_api(api)
                            .and_then(|v| v.permission_scope.as_ref())
                            .is_some_and(|s| want.permission_descs.contains(s))
                    } else {
                        f.rule == crate::checks::missing_background_location_mode::MISSING_BACKGROUND_LOCATION_MODE.code
                            && want.background_mode.is_some()
                    }
                })
                .count();
            plan.files.push(fix);
        }
        Ok(None) => {}
        Err(why) => plan.skipped.push(t!(
            lang,
            "fix-not-fixed",
            file = &rel,
            reason = why.text(lang)
        )),
    }
    plan
}

/// `"a", "b"`.
fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A text edit: `start..end` of the text becomes `text`.
#[derive(Debug, Clone)]
struct Edit {
    start: usize,
    end: usize,
    text: String,
}

/// How the file writes things.
struct Style {
    newline: &'static str,
    quote: char,
    /// Keys are quoted (JSON); in JS they are bare when they can be.
    quote_keys: bool,
}

/// The text of `rel` (a UTF-8 BOM kept), `None` when it is not UTF-8: as the
/// audit read it ([`Audit::sources`]), else from the disk.
fn read_utf8(audit: &Audit, rel: &str) -> std::io::Result<Option<String>> {
    if let Some(Some(read)) = audit.sources.get(rel) {
        return Ok(read.not_utf8.is_none().then(|| {
            let bom = if read.utf8_bom { "\u{feff}" } else { "" };
            format!("{bom}{}", read.text)
        }));
    }
    let bytes = std::fs::read(audit.project.path_of(rel))?;
    Ok(String::from_utf8(bytes).ok())
}

fn fix_file(
    rel: &str,
    path: &std::path::Path,
    before: std::io::Result<Option<String>>,
    want: &Want,
    lang: Lang,
) -> Result<Option<FileFix>, Why> {
    let before = before
        .map_err(|e| Why::CannotRead(e.to_string()))?
        .ok_or(Why::NotUtf8)?;
    let bom = if before.starts_with('\u{feff}') { 3 } else { 0 };
    let text = &before[bom..];
    let (body, changes) = fix_text(rel, text, want)?;
    if body == text {
        return Ok(None);
    }
    Ok(Some(FileFix {
        rel: rel.to_owned(),
        path: path.to_path_buf(),
        after: format!("{}{body}", &before[..bom]),
        before,
        changes: changes.iter().map(|c| c.text(rel, lang)).collect(),
        fixed: 0,
    }))
}

/// Applies `want` to the config text of `rel`; returns the new text and what
/// changed. Fails (nothing is changed) when the edit cannot be made for sure.
fn fix_text(rel: &str, text: &str, want: &Want) -> Result<(String, Vec<Change>), Why> {
    let obj = framework::config_object(rel, text).ok_or(Why::NoConfigObject)?;
    let ConfigValue::Object(props) = &obj.value else {
        return Err(Why::ConfigNotObject);
    };
    let json = rel.ends_with(".json");
    let style = Style {
        newline: if text.contains("\r\n") { "\r\n" } else { "\n" },
        quote: if json { '"' } else { first_quote(text, &obj) },
        quote_keys: json,
    };
    let count = |name: &str| props.iter().filter(|(k, _)| k == name).count();
    let mut edits: Vec<Edit> = Vec::new();
    let mut changes = Vec::new();
    let mut append: Vec<(&str, String)> = Vec::new();

    if !want.add_infos.is_empty() || !want.remove_infos.is_empty() {
        let field = "requiredPrivateInfos";
        if count(field) > 1 {
            return Err(Why::WrittenTwice(field.to_owned()));
        }
        let adds: Vec<&str> = want.add_infos.iter().map(String::as_str).collect();
        let removes: Vec<&str> = want.remove_infos.iter().map(String::as_str).collect();
        match obj.get(field) {
            Some(array) => edits.extend(edit_array(text, array, &removes, &adds, &style)?),
            None if !adds.is_empty() => append.push((field, inline_array(&adds, &style))),
            None => {}
        }
        if !adds.is_empty() {
            changes.push(Change::AddedInfos(want.add_infos.clone()));
        }
        if !removes.is_empty() {
            changes.push(Change::RemovedInfos(want.remove_infos.clone()));
        }
    }
    if let Some(mode) = &want.background_mode {
        let field = "requiredBackgroundModes";
        if count(field) > 1 {
            return Err(Why::WrittenTwice(field.to_owned()));
        }
        match obj.get(field) {
            Some(array) => edits.extend(edit_array(text, array, &[], &[mode], &style)?),
            None => append.push((field, inline_array(&[mode], &style))),
        }
        changes.push(Change::BackgroundMode(mode.clone()));
    }
    if want.drop_use_privacy_check {
        let field = "__usePrivacyCheck__";
        let at: Vec<usize> = props
            .iter()
            .enumerate()
            .filter(|(_, (k, _))| k == field)
            .map(|(i, _)| i)
            .collect();
        if at.len() == 1 && matches!(props[at[0]].1.value, ConfigValue::Bool(_)) {
            edits.push(remove_property(text, &obj, at[0], field)?);
            changes.push(Change::DroppedUsePrivacyCheck);
        }
    }
    if !want.permission_descs.is_empty() {
        let field = "permission";
        if count(field) > 1 {
            return Err(Why::WrittenTwice(field.to_owned()));
        }
        let desc = quote(&permission_placeholder(), &style);
        let desc_key = if style.quote_keys { "\"desc\"" } else { "desc" };
        match obj.get(field) {
            None => {
                let scopes: Vec<String> = want
                    .permission_descs
                    .iter()
                    .map(|scope| format!("{}: {{ {desc_key}: {desc} }}", quote(scope, &style)))
                    .collect();
                append.push((field, format!("{{ {} }}", scopes.join(", "))));
            }
            Some(permission) => {
                let ConfigValue::Object(scopes) = &permission.value else {
                    return Err(Why::NotObject(field.to_owned()));
                };
                let mut new_scopes = Vec::new();
                for scope in &want.permission_descs {
                    match scopes.iter().filter(|(k, _)| k == scope).count() {
                        0 => new_scopes.push((scope.as_str(), format!("{{ {desc_key}: {desc} }}"))),
                        1 => {
                            let node = permission.get(scope).expect("counted");
                            let ConfigValue::Object(fields) = &node.value else {
                                return Err(Why::NotObject(format!("{field}[\"{scope}\"]")));
                            };
                            match fields.iter().filter(|(k, _)| k == "desc").count() {
                                0 => edits.push(add_properties(
                                    text,
                                    node,
                                    &[("desc", desc.clone())],
                                    &style,
                                )?),
                                1 => {
                                    let old = node.get("desc").expect("counted");
                                    if !old.as_str().is_some_and(|d| d.trim().is_empty()) {
                                        return Err(Why::NotEmptyString(format!(
                                            "{field}[\"{scope}\"].desc"
                                        )));
                                    }
                                    edits.push(Edit {
                                        start: old.range.start,
                                        end: old.range.end,
                                        text: desc.clone(),
                                    });
                                }
                                _ => return Err(Why::DescWrittenTwice(scope.clone())),
                            }
                        }
                        _ => return Err(Why::WrittenTwiceIn(scope.clone(), field.to_owned())),
                    }
                }
                if !new_scopes.is_empty() {
                    edits.push(add_properties(text, permission, &new_scopes, &style)?);
                }
            }
        }
        changes.push(Change::PermissionDescs(want.permission_descs.clone()));
    }
    if !append.is_empty() {
        edits.push(add_properties(text, &obj, &append, &style)?);
    }
    if edits
        .iter()
        .any(|e| e.start < obj.range.start || e.end > obj.range.end)
    {
        return Err(Why::OutsideObject);
    }
    let after = apply(text, edits)?;
    verify(rel, text, &after, &obj, want)?;
    Ok((after, changes))
}

/// The quote character the object's first string uses (`'` or `"`).
fn first_quote(text: &str, node: &ConfigNode) -> char {
    fn find(text: &str, node: &ConfigNode) -> Option<char> {
        match &node.value {
            ConfigValue::String(_) => text[node.range.start..]
                .chars()
                .next()
                .filter(|c| *c == '\'' || *c == '"'),
            ConfigValue::Array(items) => items.iter().find_map(|i| find(text, i)),
            ConfigValue::Object(props) => props.iter().find_map(|(_, v)| find(text, v)),
            _ => None,
        }
    }
    find(text, node).unwrap_or('\'')
}

fn quote(s: &str, style: &Style) -> String {
    format!("{q}{s}{q}", q = style.quote)
}

fn inline_array(values: &[&str], style: &Style) -> String {
    let items: Vec<String> = values.iter().map(|v| quote(v, style)).collect();
    format!("[{}]", items.join(", "))
}

/// The start of the line holding `at`.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The indentation of the line holding `at`, when only whitespace is before
/// `at` on it.
fn indent_before(text: &str, at: usize) -> Option<&str> {
    let start = line_start(text, at);
    let indent = &text[start..at];
    indent
        .chars()
        .all(|c| c == ' ' || c == '\t')
        .then_some(indent)
}

fn has_comment(s: &str) -> bool {
    s.contains("//") || s.contains("/*")
}

/// Edits of a string array: `removes` out, `adds` in after the last kept
/// value, in the array's layout (one per line, or inline).
fn edit_array(
    text: &str,
    array: &ConfigNode,
    removes: &[&str],
    adds: &[&str],
    style: &Style,
) -> Result<Vec<Edit>, Why> {
    let ConfigValue::Array(items) = &array.value else {
        return Err(Why::FieldNotArray);
    };
    if items.iter().any(|i| i.as_str().is_none()) {
        return Err(Why::NotStrings);
    }
    let removed = |i: &ConfigNode| i.as_str().is_some_and(|s| removes.contains(&s));
    let Some(last_kept) = items.iter().rposition(|i| !removed(i)) else {
        // Nothing is kept: the values are written anew, in the layout of the
        // old ones when there are new ones to write.
        if let (Some(first), Some(last), false) = (items.first(), items.last(), adds.is_empty()) {
            if has_comment(&text[first.range.start..last.range.end]) {
                return Err(Why::CommentBetween);
            }
            let multiline = text[array.range.start..first.range.start].contains('\n');
            let separator = match indent_before(text, first.range.start) {
                Some(indent) if multiline => format!(",{}{indent}", style.newline),
                _ => ", ".to_owned(),
            };
            let values: Vec<String> = adds.iter().map(|a| quote(a, style)).collect();
            return Ok(vec![Edit {
                start: first.range.start,
                end: last.range.end,
                text: values.join(&separator),
            }]);
        }
        return Ok(vec![Edit {
            start: array.range.start,
            end: array.range.end,
            text: inline_array(adds, style),
        }]);
    };
    let mut edits = Vec::new();
    for i in 0..last_kept {
        if removed(&items[i]) {
            edits.push(Edit {
                start: items[i].range.start,
                end: items[i + 1].range.start,
                text: String::new(),
            });
        }
    }
    let kept = &items[last_kept];
    let multiline = text[array.range.start..items[0].range.start].contains('\n');
    let separator = match indent_before(text, kept.range.start) {
        Some(indent) if multiline => format!(",{}{indent}", style.newline),
        _ => ", ".to_owned(),
    };
    let added: String = adds
        .iter()
        .map(|a| format!("{separator}{}", quote(a, style)))
        .collect();
    let end = if last_kept + 1 < items.len() {
        let gap = &text[kept.range.end..items[last_kept + 1].range.start];
        if has_comment(gap) {
            return Err(Why::CommentBetween);
        }
        items[items.len() - 1].range.end
    } else {
        kept.range.end
    };
    if end > kept.range.end || !added.is_empty() {
        edits.push(Edit {
            start: kept.range.end,
            end,
            text: added,
        });
    }
    Ok(edits)
}

/// Where the key of the property whose value starts at `value_start` starts,
/// checking that it is `name`.
fn key_start(text: &str, value_start: usize, name: &str) -> Option<usize> {
    let before = text[..value_start].trim_end();
    let before = before.strip_suffix(':')?.trim_end();
    let last = before.chars().last()?;
    let start = if last == '"' || last == '\'' {
        before[..before.len() - 1].rfind(last)?
    } else {
        before
            .trim_end_matches(|c: char| c.is_alphanumeric() || c == '_' || c == '$')
            .len()
    };
    let key = before[start..].trim_matches(|c| c == '"' || c == '\'');
    (key == name).then_some(start)
}

/// The edit that removes property `index` of `obj`.
fn remove_property(text: &str, obj: &ConfigNode, index: usize, name: &str) -> Result<Edit, Why> {
    let ConfigValue::Object(props) = &obj.value else {
        return Err(Why::ConfigNotObject);
    };
    let cannot = || Why::CannotFind(name.to_owned());
    let value = &props[index].1;
    let key = key_start(text, value.range.start, name).ok_or_else(cannot)?;
    if props.len() == 1 {
        return Ok(Edit {
            start: obj.range.start,
            end: obj.range.end,
            text: "{}".to_owned(),
        });
    }
    if let Some((next_name, next)) = props.get(index + 1) {
        if next_name == SPREAD {
            return Err(cannot());
        }
        let next_key = key_start(text, next.range.start, next_name).ok_or_else(cannot)?;
        let (start, end) = match (
            indent_before(text, key),
            indent_before(text, next_key),
            line_start(text, key) < line_start(text, next_key),
        ) {
            (Some(_), Some(_), true) => (line_start(text, key), line_start(text, next_key)),
            _ => (key, next_key),
        };
        return Ok(Edit {
            start,
            end,
            text: String::new(),
        });
    }
    let previous = &props[index - 1].1;
    if has_comment(&text[previous.range.end..key]) {
        return Err(Why::CommentBefore(name.to_owned()));
    }
    Ok(Edit {
        start: previous.range.end,
        end: value.range.end,
        text: String::new(),
    })
}

/// The edit that adds `props` (name, value text) at the end of `obj`.
fn add_properties(
    text: &str,
    obj: &ConfigNode,
    props: &[(&str, String)],
    style: &Style,
) -> Result<Edit, Why> {
    let ConfigValue::Object(existing) = &obj.value else {
        return Err(Why::ConfigNotObject);
    };
    // Keys are written as the last one is: quoted (JSON, a JSON block of an
    // Mpx file) or bare.
    let key_quote = existing
        .iter()
        .rev()
        .find(|(name, _)| name != SPREAD)
        .and_then(|(name, node)| key_start(text, node.range.start, name))
        .and_then(|at| text[at..].chars().next())
        .filter(|c| *c == '"' || *c == '\'');
    let identifier = |name: &str| {
        !name.is_empty()
            && !name.starts_with(|c: char| c.is_ascii_digit())
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
    };
    let key = |name: &str| match key_quote {
        _ if style.quote_keys => format!("\"{name}\""),
        None if !identifier(name) => quote(name, style),
        Some(q) => format!("{q}{name}{q}"),
        None => name.to_owned(),
    };
    let Some((last_name, last)) = existing.last() else {
        let indent = indent_before(text, line_start(text, obj.range.start))
            .map(|_| {
                let start = line_start(text, obj.range.start);
                let rest = &text[start..];
                rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()].to_owned()
            })
            .unwrap_or_default();
        let inner: Vec<String> = props
            .iter()
            .map(|(name, value)| format!("{indent}  {}: {value}", key(name)))
            .collect();
        return Ok(Edit {
            start: obj.range.start,
            end: obj.range.end,
            text: format!(
                "{{{nl}{}{nl}{indent}}}",
                inner.join(&format!(",{}", style.newline)),
                nl = style.newline
            ),
        });
    };
    if last_name == SPREAD {
        return Err(Why::EndsInSpread);
    }
    let last_key = key_start(text, last.range.start, last_name).ok_or(Why::LastProperty)?;
    let separator = match indent_before(text, last_key) {
        Some(indent) => format!(",{}{indent}", style.newline),
        None => ", ".to_owned(),
    };
    let added: String = props
        .iter()
        .map(|(name, value)| format!("{separator}{}: {value}", key(name)))
        .collect();
    Ok(Edit {
        start: last.range.end,
        end: last.range.end,
        text: added,
    })
}

/// Applies non-overlapping edits; edits at one place go in the order given.
fn apply(text: &str, mut edits: Vec<Edit>) -> Result<String, Why> {
    edits.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for edit in edits {
        if edit.start < at || !text.is_char_boundary(edit.start) || !text.is_char_boundary(edit.end)
        {
            return Err(Why::EditsOverlap);
        }
        out.push_str(&text[at..edit.start]);
        out.push_str(&edit.text);
        at = edit.end;
    }
    out.push_str(&text[at..]);
    Ok(out)
}

/// A node's value without its ranges (non-literals by their text).
fn shape(text: &str, node: &ConfigNode) -> String {
    match &node.value {
        ConfigValue::String(s) => format!("{s:?}"),
        ConfigValue::Bool(b) => b.to_string(),
        ConfigValue::Number | ConfigValue::Other => {
            text[node.range.start..node.range.end].to_owned()
        }
        ConfigValue::Null => "null".to_owned(),
        ConfigValue::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|i| shape(text, i))
                .collect::<Vec<_>>()
                .join(",")
        ),
        ConfigValue::Object(props) => format!(
            "{{{}}}",
            props
                .iter()
                .map(|(k, v)| format!("{k:?}:{}", shape(text, v)))
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

fn string_node(s: &str) -> ConfigNode {
    ConfigNode {
        value: ConfigValue::String(s.to_owned()),
        range: jsonc_parser::common::Range { start: 0, end: 0 },
    }
}

/// Checks that `after` holds the config of `before` with `want` applied and
/// nothing else changed, outside the config object too.
fn verify(rel: &str, before: &str, after: &str, obj: &ConfigNode, want: &Want) -> Result<(), Why> {
    let fail = || Why::ReadBack;
    let mut expected = obj.clone();
    let ConfigValue::Object(props) = &mut expected.value else {
        return Err(fail());
    };
    let mut expect_array = |field: &str, removes: &[String], adds: &[String]| {
        if removes.is_empty() && adds.is_empty() {
            return;
        }
        let position = props.iter().position(|(k, _)| k == field);
        let items = match position {
            Some(i) => &mut props[i].1,
            None => {
                props.push((
                    field.to_owned(),
                    ConfigNode {
                        value: ConfigValue::Array(Vec::new()),
                        range: jsonc_parser::common::Range { start: 0, end: 0 },
                    },
                ));
                &mut props.last_mut().expect("pushed").1
            }
        };
        if let ConfigValue::Array(list) = &mut items.value {
            list.retain(|i| !i.as_str().is_some_and(|s| removes.iter().any(|r| r == s)));
            list.extend(adds.iter().map(|a| string_node(a)));
        }
    };
    expect_array("requiredPrivateInfos", &want.remove_infos, &want.add_infos);
    expect_array(
        "requiredBackgroundModes",
        &[],
        &want.background_mode.iter().cloned().collect::<Vec<_>>(),
    );
    if want.drop_use_privacy_check {
        props.retain(|(k, _)| k != "__usePrivacyCheck__");
    }
    if !want.permission_descs.is_empty() {
        let empty_object = || ConfigNode {
            value: ConfigValue::Object(Vec::new()),
            range: jsonc_parser::common::Range { start: 0, end: 0 },
        };
        let permission = match props.iter().position(|(k, _)| k == "permission") {
            Some(i) => &mut props[i].1,
            None => {
                props.push(("permission".to_owned(), empty_object()));
                &mut props.last_mut().expect("pushed").1
            }
        };
        let ConfigValue::Object(scopes) = &mut permission.value else {
            return Err(fail());
        };
        for scope in &want.permission_descs {
            let node = match scopes.iter().position(|(k, _)| k == scope) {
                Some(i) => &mut scopes[i].1,
                None => {
                    scopes.push((scope.clone(), empty_object()));
                    &mut scopes.last_mut().expect("pushed").1
                }
            };
            let ConfigValue::Object(fields) = &mut node.value else {
                return Err(fail());
            };
            match fields.iter().position(|(k, _)| k == "desc") {
                Some(i) => fields[i].1 = string_node(&permission_placeholder()),
                None => fields.push(("desc".to_owned(), string_node(&permission_placeholder()))),
            }
        }
    }
    // Properties added at the end: the expected order is the edit order.
    let got = framework::config_object(rel, after).ok_or_else(fail)?;
    if shape(after, &got) != shape(before, &expected) {
        return Err(fail());
    }
    // Outside the object, nothing changed.
    let tail = before.len() - obj.range.end;
    if after.len() < tail + obj.range.start
        || before[..obj.range.start] != after[..obj.range.start]
        || before[obj.range.end..] != after[after.len() - tail..]
    {
        return Err(fail());
    }
    // Strict JSON stays strict.
    if rel.ends_with("app.json") {
        let strict = |t: &str| matches!(crate::json::parse_strict(t), Ok((_, None)));
        if strict(before) && !strict(after) {
            return Err(fail());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_check_fix_fixes_say_so() {
        for rule in crate::checks::ALL_RULES.iter() {
            let by_fix = rule
                .fix()
                .is_some_and(|f| f.starts_with("`mpaudit check --fix`"));
            assert_eq!(by_fix, FIXABLE.contains(&rule.code), "{}", rule.code);
            let by_unsafe_fix = rule.fix().is_some_and(|f| f.contains("--unsafe-fixes"));
            assert_eq!(
                by_unsafe_fix,
                UNSAFE_FIXABLE.contains(&rule.code),
                "{}",
                rule.code
            );
        }
        for code in FIXABLE {
            assert!(
                crate::checks::Rule::find(&crate::checks::ALL_RULES, code).is_some(),
                "{code}"
            );
        }
    }

    fn want(add: &[&str], remove: &[&str], bg: bool, upc: bool) -> Want {
        Want {
            add_infos: add.iter().map(|s| s.to_string()).collect(),
            remove_infos: remove.iter().map(|s| s.to_string()).collect(),
            background_mode: bg.then(|| "location".to_owned()),
            drop_use_privacy_check: upc,
            permission_descs: Vec::new(),
        }
    }

    fn fixed(rel: &str, text: &str, w: &Want) -> String {
        fix_text(rel, text, w).map(|(t, _)| t).unwrap()
    }

    #[test]
    fn adds_to_a_multiline_array_in_its_layout() {
        let text = "{\n  \"pages\": [\"pages/index/index\"],\n  \"requiredPrivateInfos\": [\n    \"chooseLocation\"\n  ]\n}\n";
        assert_eq!(
            fixed("app.json", text, &want(&["getLocation"], &[], false, false)),
            "{\n  \"pages\": [\"pages/index/index\"],\n  \"requiredPrivateInfos\": [\n    \"chooseLocation\",\n    \"getLocation\"\n  ]\n}\n"
        );
    }

    #[test]
    fn adds_missing_fields_after_the_last_property_with_crlf() {
        let text = "{\r\n  \"pages\": [\r\n    \"a\"\r\n  ]\r\n}";
        assert_eq!(
            fixed("app.json", text, &want(&["getLocation"], &[], true, false)),
            "{\r\n  \"pages\": [\r\n    \"a\"\r\n  ],\r\n  \"requiredPrivateInfos\": [\"getLocation\"],\r\n  \"requiredBackgroundModes\": [\"location\"]\r\n}"
        );
    }

    #[test]
    fn removes_values_anywhere_in_the_array() {
        let w = want(&[], &["chooseAddress", "getLocation"], false, false);
        let inline = "{\"pages\":[\"a\"],\"requiredPrivateInfos\":[\"getLocation\", \"chooseLocation\", \"chooseAddress\"]}";
        assert_eq!(
            fixed("app.json", inline, &w),
            "{\"pages\":[\"a\"],\"requiredPrivateInfos\":[\"chooseLocation\"]}"
        );
        let all = "{\"pages\":[\"a\"],\"requiredPrivateInfos\":[\n  \"getLocation\",\n  \"chooseAddress\"\n]}";
        assert_eq!(
            fixed("app.json", all, &w),
            "{\"pages\":[\"a\"],\"requiredPrivateInfos\":[]}"
        );
    }

    #[test]
    fn replacing_every_value_keeps_the_layout() {
        let text = "{\n  \"pages\": [\"a\"],\n  \"requiredPrivateInfos\": [\n    \"chooseLocation\"\n  ]\n}";
        assert_eq!(
            fixed(
                "app.json",
                text,
                &want(&["getLocation"], &["chooseLocation"], false, false)
            ),
            "{\n  \"pages\": [\"a\"],\n  \"requiredPrivateInfos\": [\n    \"getLocation\"\n  ]\n}"
        );
    }

    #[test]
    fn drops_use_privacy_check_with_its_line_and_comment() {
        let text = "{\n  // c\n  \"name\": \"x\",\n  \"mp-weixin\": {\n    \"appid\": \"wx1\",\n    \"__usePrivacyCheck__\": true, // on\n    \"requiredPrivateInfos\": [\"getLocation\"]\n  }\n}";
        assert_eq!(
            fixed("manifest.json", text, &want(&[], &[], false, true)),
            "{\n  // c\n  \"name\": \"x\",\n  \"mp-weixin\": {\n    \"appid\": \"wx1\",\n    \"requiredPrivateInfos\": [\"getLocation\"]\n  }\n}"
        );
        let last = "{\n  \"mp-weixin\": {\n    \"appid\": \"wx1\",\n    \"__usePrivacyCheck__\": true\n  }\n}";
        assert_eq!(
            fixed("manifest.json", last, &want(&[], &[], false, true)),
            "{\n  \"mp-weixin\": {\n    \"appid\": \"wx1\"\n  }\n}"
        );
    }

    #[test]
    fn taro_literal_keeps_quotes_and_bare_keys() {
        let text = "export default defineAppConfig({\n  pages: ['pages/index/index'],\n  requiredPrivateInfos: ['chooseLocation'],\n})\n";
        assert_eq!(
            fixed("src/app.config.ts", text, &want(&["getLocation"], &[], true, false)),
            "export default defineAppConfig({\n  pages: ['pages/index/index'],\n  requiredPrivateInfos: ['chooseLocation', 'getLocation'],\n  requiredBackgroundModes: ['location'],\n})\n"
        );
    }

    #[test]
    fn values_outside_the_literal_are_not_edited() {
        let text = "const infos = ['chooseLocation']\nexport default { pages: ['a'], requiredPrivateInfos: infos }\n";
        assert!(fix_text(
            "src/app.config.ts",
            text,
            &want(&["getLocation"], &[], false, false)
        )
        .is_err());
    }

    #[test]
    fn fixing_twice_changes_nothing() {
        let text = "{\n  \"pages\": [\"a\"],\n  \"requiredPrivateInfos\": [\"chooseAddress\"],\n  \"__usePrivacyCheck__\": true\n}\n";
        let w = want(&["getLocation"], &["chooseAddress"], true, true);
        let once = fixed("app.json", text, &w);
        assert_eq!(
            once,
            "{\n  \"pages\": [\"a\"],\n  \"requiredPrivateInfos\": [\"getLocation\"],\n  \"requiredBackgroundModes\": [\"location\"]\n}\n"
        );
        // The second run finds nothing to add, remove or drop.
        assert_eq!(
            fixed("app.json", &once, &want(&[], &[], false, false)),
            once
        );
    }

    fn desc_for(scopes: &[&str]) -> Want {
        Want {
            permission_descs: scopes.iter().map(|s| s.to_string()).collect(),
            ..Want::default()
        }
    }

    #[test]
    fn adds_a_permission_placeholder_in_the_file_layout() {
        let p = permission_placeholder();
        assert!(p.chars().count() <= 30);
        let w = desc_for(&["scope.userLocation"]);
        let text = "{\r\n  \"pages\": [\"a\"]\r\n}\r\n";
        assert_eq!(
            fixed("app.json", text, &w),
            format!("{{\r\n  \"pages\": [\"a\"],\r\n  \"permission\": {{ \"scope.userLocation\": {{ \"desc\": \"{p}\" }} }}\r\n}}\r\n")
        );
        // Another scope is there: the missing one is added next to it.
        let other =
            "{\n  \"permission\": {\n    \"scope.userFuzzyLocation\": {\"desc\": \"x\"}\n  }\n}";
        assert_eq!(
            fixed("app.json", other, &w),
            format!("{{\n  \"permission\": {{\n    \"scope.userFuzzyLocation\": {{\"desc\": \"x\"}},\n    \"scope.userLocation\": {{ \"desc\": \"{p}\" }}\n  }}\n}}")
        );
        // The scope is there without desc, or with an empty one.
        let no_desc = "{\"permission\": {\"scope.userLocation\": {}}}";
        assert_eq!(
            fixed("app.json", no_desc, &w),
            format!("{{\"permission\": {{\"scope.userLocation\": {{\n  \"desc\": \"{p}\"\n}}}}}}")
        );
        let empty = "{\"permission\": {\"scope.userLocation\": {\"desc\": \"\"}}}";
        assert_eq!(
            fixed("app.json", empty, &w),
            format!("{{\"permission\": {{\"scope.userLocation\": {{\"desc\": \"{p}\"}}}}}}")
        );
        // A desc that is not a string is left alone.
        assert!(fix_text(
            "app.json",
            "{\"permission\": {\"scope.userLocation\": {\"desc\": 1}}}",
            &w
        )
        .is_err());
    }

    #[test]
    fn taro_permission_placeholder_quotes_the_scope_key() {
        let p = permission_placeholder();
        let w = desc_for(&["scope.userLocation"]);
        let text = "export default defineAppConfig({\n  pages: ['a'],\n  permission: {\n    'scope.userFuzzyLocation': { desc: 'x' },\n  },\n})\n";
        assert_eq!(
            fixed("src/app.config.ts", text, &w),
            format!("export default defineAppConfig({{\n  pages: ['a'],\n  permission: {{\n    'scope.userFuzzyLocation': {{ desc: 'x' }},\n    'scope.userLocation': {{ desc: '{p}' }},\n  }},\n}})\n")
        );
        let bare = "export default { pages: ['a'] }\n";
        assert_eq!(
            fixed("src/app.config.ts", bare, &w),
            format!("export default {{ pages: ['a'], permission: {{ 'scope.userLocation': {{ desc: '{p}' }} }} }}\n")
        );
    }

    #[test]
    fn a_permission_placeholder_is_written_once() {
        let text = "{\n  \"pages\": [\"a\"]\n}\n";
        let once = fixed("app.json", text, &desc_for(&["scope.userLocation"]));
        assert_eq!(fixed("app.json", &once, &Want::default()), once);
    }

    #[test]
    fn adds_pack_ignores_in_the_file_layout() {
        let names = vec!["privacy.json".to_owned()];
        let entry = "{\"type\": \"file\", \"value\": \"privacy.json\"}";
        // No packOptions: added after the last property, with CRLF.
        assert_eq!(
            add_pack_ignores("{\r\n  \"appid\": \"wx1\"\r\n}\r\n", &names).unwrap(),
            format!("{{\r\n  \"appid\": \"wx1\",\r\n  \"packOptions\": {{\"ignore\": [{entry}]}}\r\n}}\r\n")
        );
        // packOptions without ignore, an empty ignore, a multiline ignore.
        assert_eq!(
            add_pack_ignores("{\"packOptions\": {\"include\": []}}", &names).unwrap(),
            format!("{{\"packOptions\": {{\"include\": [], \"ignore\": [{entry}]}}}}")
        );
        assert_eq!(
            add_pack_ignores("{\"packOptions\": {\"ignore\": []}}", &names).unwrap(),
            format!("{{\"packOptions\": {{\"ignore\": [{entry}]}}}}")
        );
        let multiline = "{\n  \"packOptions\": {\n    \"ignore\": [\n      {\"type\": \"folder\", \"value\": \"docs\"}\n    ]\n  }\n}\n";
        assert_eq!(
            add_pack_ignores(multiline, &names).unwrap(),
            format!("{{\n  \"packOptions\": {{\n    \"ignore\": [\n      {{\"type\": \"folder\", \"value\": \"docs\"}},\n      {entry}\n    ]\n  }}\n}}\n")
        );
        // Not strict JSON, or ignore of the wrong shape: not edited.
        assert!(add_pack_ignores("{\n  // c\n  \"appid\": \"wx1\"\n}", &names).is_err());
        assert!(add_pack_ignores("{\"packOptions\": {\"ignore\": {}}}", &names).is_err());
    }
}
