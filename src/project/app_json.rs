//! app.json: the pages, subpackages and the fields the checks read, with
//! their places; one reader for app.json and the configs that stand for it
//! (uni-app's pages.json and manifest.json, Taro's `app.config.ts`).

use std::collections::BTreeMap;
use std::path::Path;

use crate::config_file::{
    duplicate_key_findings, json_syntax_finding, parse_native, shape_finding, ConfigFile,
    ConfigNode, ConfigValue, SPREAD,
};
use crate::diagnostic::{Finding, Location};
use crate::fs::read_text;
use crate::i18n::{t, Lang};

use super::normalize_root;

/// A string value of a config file, with its place.
#[derive(Debug, Clone)]
pub struct Spanned {
    /// The string.
    pub value: String,
    /// Where it is written (the opening quote).
    pub location: Location,
}

/// A subpackage of app.json.
#[derive(Debug, Clone, Default)]
pub struct Subpackage {
    /// The package root folder.
    pub root: String,
    /// Its pages, relative to `root`.
    pub pages: Vec<String>,
}

/// The parts of app.json the audit uses. Missing or malformed fields are empty.
#[derive(Debug, Clone, Default)]
pub struct AppJson {
    /// Main package pages.
    pub pages: Vec<String>,
    /// `subpackages` / `subPackages`.
    pub subpackages: Vec<Subpackage>,
    /// `requiredPrivateInfos`, each value with its place.
    pub required_private_infos: Vec<Spanned>,
    /// `permission`: scope → `desc` (None when `desc` is missing or not a string).
    pub permission: BTreeMap<String, Option<String>>,
    /// `requiredBackgroundModes`.
    pub required_background_modes: Vec<String>,
    /// `plugins` aliases.
    pub plugins: Vec<String>,
    /// `usingComponents`: tag → path.
    pub using_components: BTreeMap<String, String>,
    /// `__usePrivacyCheck__`.
    pub use_privacy_check: Option<bool>,
    /// `resolveAlias`: pattern (`~/*`) → target (`/*`).
    pub resolve_alias: BTreeMap<String, String>,
    /// `tabBar.custom`: the `custom-tab-bar` component is on every tab page.
    pub custom_tab_bar: bool,
    /// Mpx's `packages` requests (`./pkg/app.mpx?root=pkg`), read into
    /// `subpackages` by discovery.
    pub mpx_packages: Vec<String>,
    /// The fields the checks need (`requiredPrivateInfos`, `permission`,
    /// `requiredBackgroundModes`) that could not be read completely: a wrong
    /// shape, or a spread or variable in a framework config; [`ALL_FIELDS`]
    /// when the config itself could not be read. A check does not conclude
    /// that a value is missing from a field listed here.
    pub unread: Vec<&'static str>,
}

/// [`AppJson::unread`] when the whole config could not be read.
pub const ALL_FIELDS: &str = "*";

impl AppJson {
    /// The config of a file that could not be read (a syntax error, not an
    /// object, unreadable): every field is unread.
    pub fn unreadable() -> AppJson {
        AppJson {
            unread: vec![ALL_FIELDS],
            ..AppJson::default()
        }
    }

    /// Whether `field` was read completely, so that a value absent from it is
    /// really absent.
    pub fn read_completely(&self, field: &str) -> bool {
        !self.unread.iter().any(|f| *f == field || *f == ALL_FIELDS)
    }

    /// Marks `field` unread when reading it added findings (a wrong shape)
    /// past the first `before`.
    fn mark_unread_on_error(&mut self, field: &'static str, before: usize, findings: &[Finding]) {
        if findings.len() > before && !self.unread.contains(&field) {
            self.unread.push(field);
        }
    }
}

/// The fields of an app config the checks conclude "missing" from.
const CHECKED_FIELDS: [&str; 3] = [
    "requiredPrivateInfos",
    "permission",
    "requiredBackgroundModes",
];

pub(crate) fn read_config(
    path: &Path,
    rel: &str,
    lang: Lang,
    findings: &mut Vec<Finding>,
) -> Option<String> {
    read_text(path, rel, u64::MAX, lang, findings)
}

pub(super) fn read_app_json(
    root: &Path,
    rel: &str,
    lang: Lang,
    findings: &mut Vec<Finding>,
) -> AppJson {
    let Some(text) = read_config(&root.join(rel), rel, lang, findings) else {
        return AppJson::unreadable();
    };
    let file = ConfigFile {
        rel,
        text: &text,
        lang,
    };
    match parse_native(rel, &text, lang, findings) {
        Err(err) => findings.push(json_syntax_finding(rel, &text, &err, lang)),
        Ok(None) => findings.push(shape_finding(
            rel,
            &text,
            jsonc_parser::common::Range { start: 0, end: 0 },
            t!(file.lang, "shape-app-json-empty"),
        )),
        Ok(Some(value)) => {
            findings.extend(duplicate_key_findings(rel, &text, &value, lang));
            let node = ConfigNode::from_json(&value);
            if matches!(node.value, ConfigValue::Object(_)) {
                return read_app_object(&file, &node, findings);
            }
            file.wrong(findings, &node, |found| {
                t!(
                    file.lang,
                    "shape-file-must-be-object",
                    file = "app.json",
                    found = found
                )
            });
        }
    }
    AppJson::unreadable()
}

/// An app.json-shaped object (app.json, Taro's app.config): pages as strings,
/// subpackages, and the other fields of [`read_app_fields`].
pub(crate) fn read_app_object(
    file: &ConfigFile<'_>,
    node: &ConfigNode,
    findings: &mut Vec<Finding>,
) -> AppJson {
    let strings =
        |file: &ConfigFile<'_>, list: &ConfigNode, what: &str, findings: &mut Vec<Finding>| {
            string_array(file, list, what, findings)
                .into_iter()
                .map(|(s, _)| s)
                .collect::<Vec<String>>()
        };
    let mut app = read_app_fields(file, node, findings);
    if let Some(pages) = node.get("pages") {
        app.pages = strings(file, pages, "pages", findings);
    }
    app.subpackages = read_subpackages(file, node, findings, |file, pages, findings| {
        strings(file, pages, "subpackage pages", findings)
    });
    app
}

/// `subpackages` / `subPackages` of an app config (`obj`): each entry's `root`,
/// and its pages as read by `pages` from the entry's `pages` value.
pub(crate) fn read_subpackages(
    file: &ConfigFile<'_>,
    obj: &ConfigNode,
    findings: &mut Vec<Finding>,
    pages: impl Fn(&ConfigFile<'_>, &ConfigNode, &mut Vec<Finding>) -> Vec<String>,
) -> Vec<Subpackage> {
    let mut out = Vec::new();
    for key in ["subpackages", "subPackages"] {
        let Some(node) = obj.get(key) else {
            continue;
        };
        let ConfigValue::Array(list) = &node.value else {
            file.wrong(findings, node, |found| {
                t!(file.lang, "shape-must-be-array", key = key, found = found)
            });
            continue;
        };
        for item in list {
            if !matches!(item.value, ConfigValue::Object(_)) {
                file.wrong(findings, item, |found| {
                    t!(
                        file.lang,
                        "shape-entries-must-be-objects",
                        key = key,
                        found = found
                    )
                });
                continue;
            }
            let mut sub = Subpackage::default();
            match item.get("root") {
                Some(value) => match value.as_str() {
                    Some(root) => sub.root = normalize_root(root),
                    None => file.wrong(findings, value, |found| {
                        t!(file.lang, "shape-subpackage-root-string", found = found)
                    }),
                },
                None => findings.push(shape_finding(
                    file.rel,
                    file.text,
                    item.range,
                    t!(file.lang, "shape-subpackage-no-root"),
                )),
            }
            if let Some(list) = item.get("pages") {
                sub.pages = pages(file, list, findings);
            }
            out.push(sub);
        }
    }
    out
}

/// The fields of an app config object other than its pages: `requiredPrivateInfos`,
/// `permission`, `requiredBackgroundModes`, `plugins`, `usingComponents`,
/// `__usePrivacyCheck__`. Shared by app.json, Taro's app.config and uni-app's
/// `mp-weixin` in manifest.json.
pub(crate) fn read_app_fields(
    file: &ConfigFile<'_>,
    obj: &ConfigNode,
    findings: &mut Vec<Finding>,
) -> AppJson {
    let mut app = AppJson::default();
    // A field is unread when reading it reported a wrong shape, or when it, or
    // the object around it (a spread), holds something that is not a literal.
    let spread = obj.get(SPREAD).is_some();
    for field in CHECKED_FIELDS {
        if spread || obj.get(field).is_some_and(ConfigNode::has_other) {
            app.unread.push(field);
        }
    }
    let before = findings.len();
    if let Some(node) = obj.get("requiredPrivateInfos") {
        app.required_private_infos = string_array(file, node, "requiredPrivateInfos", findings)
            .into_iter()
            .map(|(value, node)| Spanned {
                value,
                location: file.locate(node),
            })
            .collect();
    }
    app.mark_unread_on_error("requiredPrivateInfos", before, findings);
    let before = findings.len();
    if let Some(node) = obj.get("permission") {
        match &node.value {
            ConfigValue::Object(perms) => {
                for (scope, entry) in perms {
                    let desc = match &entry.value {
                        ConfigValue::Object(_) => entry.get("desc").and_then(ConfigNode::as_str),
                        _ => {
                            file.wrong(findings, entry, |found| {
                                t!(
                                    file.lang,
                                    "shape-permission-entry",
                                    scope = scope,
                                    found = found
                                )
                            });
                            None
                        }
                    };
                    app.permission
                        .insert(scope.clone(), desc.map(str::to_owned));
                }
            }
            _ => file.wrong(findings, node, |found| {
                t!(
                    file.lang,
                    "shape-must-be-object",
                    key = "permission",
                    found = found
                )
            }),
        }
    }
    app.mark_unread_on_error("permission", before, findings);
    let before = findings.len();
    if let Some(node) = obj.get("requiredBackgroundModes") {
        app.required_background_modes =
            string_array(file, node, "requiredBackgroundModes", findings)
                .into_iter()
                .map(|(s, _)| s)
                .collect();
    }
    app.mark_unread_on_error("requiredBackgroundModes", before, findings);
    if let Some(node) = obj.get("plugins") {
        match &node.value {
            ConfigValue::Object(props) => {
                app.plugins = props.iter().map(|(name, _)| name.clone()).collect()
            }
            _ => file.wrong(findings, node, |found| {
                t!(
                    file.lang,
                    "shape-must-be-object",
                    key = "plugins",
                    found = found
                )
            }),
        }
    }
    if let Some(node) = obj.get("usingComponents") {
        read_using_components(file, node, &mut app.using_components, findings);
    }
    if let Some(ConfigValue::Object(aliases)) = obj.get("resolveAlias").map(|n| &n.value) {
        for (pattern, node) in aliases {
            if let ConfigValue::String(target) = &node.value {
                app.resolve_alias.insert(pattern.clone(), target.clone());
            }
        }
    }
    if let Some(ConfigValue::Object(tab_bar)) = obj.get("tabBar").map(|n| &n.value) {
        app.custom_tab_bar = tab_bar
            .iter()
            .rev()
            .find(|(name, _)| name == "custom")
            .is_some_and(|(_, node)| matches!(node.value, ConfigValue::Bool(true)));
    }
    if let Some(node) = obj.get("__usePrivacyCheck__") {
        match &node.value {
            ConfigValue::Bool(b) => app.use_privacy_check = Some(*b),
            _ => file.wrong(findings, node, |found| {
                t!(
                    file.lang,
                    "shape-must-be-boolean",
                    key = "__usePrivacyCheck__",
                    found = found
                )
            }),
        }
    }
    app
}

/// `usingComponents`: tag → path, added to `into`.
pub(crate) fn read_using_components(
    file: &ConfigFile<'_>,
    node: &ConfigNode,
    into: &mut BTreeMap<String, String>,
    findings: &mut Vec<Finding>,
) {
    match &node.value {
        ConfigValue::Object(props) => {
            for (tag, path) in props {
                if let Some(path) = path.as_str() {
                    into.insert(tag.clone(), path.to_owned());
                }
            }
        }
        _ => file.wrong(findings, node, |found| {
            t!(
                file.lang,
                "shape-must-be-object",
                key = "usingComponents",
                found = found
            )
        }),
    }
}

/// The strings of an array value, reporting a wrong shape as `invalid-config`.
pub(crate) fn string_array<'n>(
    file: &ConfigFile<'_>,
    node: &'n ConfigNode,
    what: &str,
    findings: &mut Vec<Finding>,
) -> Vec<(String, &'n ConfigNode)> {
    let ConfigValue::Array(list) = &node.value else {
        file.wrong(findings, node, |found| {
            t!(
                file.lang,
                "shape-must-be-string-array",
                key = what,
                found = found
            )
        });
        return Vec::new();
    };
    list.iter()
        .filter_map(|item| match item.as_str() {
            Some(s) => Some((s.to_owned(), item)),
            None => {
                file.wrong(findings, item, |found| {
                    t!(
                        file.lang,
                        "shape-entries-must-be-strings",
                        key = what,
                        found = found
                    )
                });
                None
            }
        })
        .collect()
}
