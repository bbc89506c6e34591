//! The privacy declaration: the project's copy of its 用户隐私保护指引, read
//! from `privacy.json` in the shape of WeChat's getprivacysetting response or
//! setprivacysetting request.

use std::path::{Path, PathBuf};

use crate::config_file::type_name_in;
use crate::diagnostic::{Finding, Location};
use crate::i18n::{t, Lang};
use crate::json::{self, Ranged, Value};
use crate::project::Project;

/// How every placeholder `mpaudit manifest` writes begins; the
/// `weak-privacy-text` rule reports texts that still start with it.
pub const PLACEHOLDER_PREFIX: &str = "TODO(mpaudit)";

/// The file name looked for in the audited folder, then the mini program root.
pub const FILE_NAME: &str = "privacy.json";

/// One declared privacy type.
#[derive(Debug, Clone)]
pub struct DeclaredKey {
    /// The `privacy_key`, e.g. `Location`.
    pub key: String,
    /// Where its value is written in the declaration file.
    pub location: Location,
    /// The purpose text, if given.
    pub privacy_text: Option<String>,
    /// Where the `privacy_text` value is written, when the entry has one.
    pub text_location: Option<Location>,
    /// `Some(sdk_name)` when declared under `sdk_privacy_info_list`.
    pub sdk: Option<String>,
}

/// A loaded privacy declaration.
#[derive(Debug, Clone)]
pub struct Declaration {
    /// The file, relative to the audited folder when inside it.
    pub file: String,
    /// Declared types, in file order.
    pub keys: Vec<DeclaredKey>,
    /// Whether the whole file was read: no syntax error, no entry of the wrong
    /// shape, readable. When it was not, a type missing from `keys` may still
    /// be declared, and `undeclared-privacy-type` holds back.
    pub complete: bool,
    /// The file's text as read (BOM stripped); `None` when it could not be
    /// read. `mpaudit manifest` keeps what the declaration already says.
    pub text: Option<String>,
}

impl Declaration {
    /// Whether `key` is declared.
    pub fn declares(&self, key: &str) -> bool {
        self.keys.iter().any(|k| k.key == key)
    }
}

/// Finds and reads the declaration: `explicit` (from `--declaration`), else
/// `privacy.json` in the audited folder, else in the mini program root.
/// Returns `Err` only when an explicitly given file is missing.
pub fn load(
    project: &Project,
    explicit: Option<&Path>,
    lang: Lang,
    findings: &mut Vec<Finding>,
) -> Result<Option<Declaration>, String> {
    let (path, rel): (PathBuf, String) = match explicit {
        Some(path) => {
            if !path.is_file() {
                return Err(t!(
                    lang,
                    "declaration-missing",
                    file = path.display().to_string()
                ));
            }
            let rel = path
                .strip_prefix(&project.root)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_else(|_| path.to_string_lossy().replace('\\', "/"));
            (path.to_path_buf(), rel)
        }
        None => {
            let candidates = [
                FILE_NAME.to_owned(),
                crate::fs::join_rel(&project.miniprogram_root, FILE_NAME),
            ];
            match candidates
                .into_iter()
                .find(|rel| project.path_of(rel).is_file())
            {
                Some(rel) => (project.path_of(&rel), rel),
                None => return Ok(None),
            }
        }
    };
    let Some(text) = crate::fs::read_text(&path, &rel, u64::MAX, lang, findings) else {
        return Ok(Some(Declaration {
            file: rel,
            keys: Vec::new(),
            complete: false,
            text: None,
        }));
    };
    let (keys, complete) = parse(&rel, &text, lang, findings);
    Ok(Some(Declaration {
        file: rel,
        keys,
        complete,
        text: Some(text),
    }))
}

/// Reads the declared keys of a declaration text, reporting problems, and
/// whether every entry could be read (a key written twice is read, once).
fn parse(
    rel: &str,
    text: &str,
    lang: Lang,
    findings: &mut Vec<Finding>,
) -> (Vec<DeclaredKey>, bool) {
    let before = findings.len();
    let mut repeated = Vec::new();
    let keys = parse_keys(rel, text, lang, findings, &mut repeated);
    let complete = findings.len() == before;
    findings.extend(repeated);
    (keys, complete)
}

/// The declared keys; a privacy type declared twice goes to `repeated`.
fn parse_keys(
    rel: &str,
    text: &str,
    lang: Lang,
    findings: &mut Vec<Finding>,
    repeated: &mut Vec<Finding>,
) -> Vec<DeclaredKey> {
    let mut keys = Vec::new();
    let obj = match json::parse(text) {
        Err(err) => {
            findings.push(crate::config_file::json_syntax_finding(
                rel, text, &err, lang,
            ));
            return keys;
        }
        Ok(Some(value @ Value::Object(_))) => {
            findings.extend(crate::config_file::duplicate_key_findings(
                rel, text, &value, lang,
            ));
            let Value::Object(obj) = value else {
                unreachable!("matched above")
            };
            obj
        }
        Ok(other) => {
            let range = other
                .as_ref()
                .map(|v| v.range())
                .unwrap_or(jsonc_parser::common::Range { start: 0, end: 0 });
            let found = match other.as_ref() {
                Some(value) => type_name_in(lang, json::type_name(value)),
                None => t!(lang, "declaration-found-nothing"),
            };
            findings.push(crate::config_file::shape_finding(
                rel,
                text,
                range,
                t!(lang, "declaration-not-object", found = found),
            ));
            return keys;
        }
    };
    let mut shape = |range, message: String| {
        findings.push(crate::config_file::shape_finding(rel, text, range, message))
    };
    let settings = json::get(&obj, "setting_list");
    if settings.is_none() {
        shape(obj.range, t!(lang, "declaration-no-setting-list"));
    }
    let mut read_list = |value: &Value<'_>, what: &str, sdk: Option<&str>| {
        // privacy_key → where this list first declares it.
        let mut seen: Vec<(String, Location)> = Vec::new();
        let Value::Array(list) = value else {
            shape(
                value.range(),
                t!(
                    lang,
                    "shape-must-be-array",
                    key = what,
                    found = type_name_in(lang, json::type_name(value))
                ),
            );
            return;
        };
        for item in &list.elements {
            let Value::Object(entry) = item else {
                shape(
                    item.range(),
                    t!(
                        lang,
                        "shape-entries-must-be-objects",
                        key = what,
                        found = type_name_in(lang, json::type_name(item))
                    ),
                );
                continue;
            };
            let Some(key) = json::get(entry, "privacy_key") else {
                shape(
                    item.range(),
                    t!(lang, "declaration-no-privacy-key", key = what),
                );
                continue;
            };
            let Some(name) = json::as_str(&key.value) else {
                shape(
                    key.value.range(),
                    t!(
                        lang,
                        "shape-must-be-string",
                        key = "privacy_key",
                        found = type_name_in(lang, json::type_name(&key.value))
                    ),
                );
                continue;
            };
            let range = key.value.range();
            let location =
                crate::diagnostic::locate(rel, text, range.start, range.end - range.start);
            if let Some((_, first)) = seen.iter().find(|(k, _)| k == name) {
                let mut finding = crate::config_file::shape_finding(
                    rel,
                    text,
                    range,
                    t!(
                        lang,
                        "declaration-twice",
                        key = name,
                        list = what,
                        line = first.line.to_string(),
                        column = first.column.to_string()
                    ),
                )
                .label(t!(lang, "declaration-twice-label"));
                finding.help = Some(t!(lang, "declaration-twice-help"));
                repeated.push(finding);
                continue;
            }
            seen.push((name.to_owned(), location.clone()));
            let purpose = json::get(entry, "privacy_text");
            keys.push(DeclaredKey {
                key: name.to_owned(),
                location,
                privacy_text: purpose
                    .and_then(|t| json::as_str(&t.value))
                    .map(str::to_owned),
                text_location: purpose.map(|t| {
                    let range = t.value.range();
                    crate::diagnostic::locate(rel, text, range.start, range.end - range.start)
                }),
                sdk: sdk.map(str::to_owned),
            });
        }
    };
    if let Some(settings) = settings {
        read_list(&settings.value, "setting_list", None);
    }
    if let Some(sdks) = json::get(&obj, "sdk_privacy_info_list") {
        if let Value::Array(list) = &sdks.value {
            for sdk in &list.elements {
                if let Value::Object(sdk) = sdk {
                    let name = json::get(sdk, "sdk_name")
                        .and_then(|n| json::as_str(&n.value))
                        .unwrap_or("sdk")
                        .to_owned();
                    if let Some(items) = json::get(sdk, "sdk_list") {
                        read_list(&items.value, "sdk_list", Some(&name));
                    }
                }
            }
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_getprivacysetting_responses() {
        let text = r#"{"errcode":0,"code_exist":1,"privacy_list":["UserInfo"],
            "setting_list":[{"privacy_key":"UserInfo","privacy_text":"登录","privacy_label":""},
                            {"privacy_key":"Location","privacy_text":"附近门店"}],
            "owner_setting":{"notice_method":"弹窗"},
            "privacy_desc":{"privacy_desc_list":[{"privacy_key":"UserInfo","privacy_desc":"用户信息"}]}}"#;
        let mut findings = Vec::new();
        let (keys, complete) = parse("privacy.json", text, Lang::En, &mut findings);
        assert!(findings.is_empty(), "{findings:?}");
        assert!(complete);
        let names: Vec<_> = keys.iter().map(|k| k.key.as_str()).collect();
        assert_eq!(names, ["UserInfo", "Location"]);
        assert_eq!(keys[1].location.line, 3);
        let text = keys[1].text_location.as_ref().unwrap();
        assert_eq!((text.line, text.column), (3, 70));
        assert_eq!(text.len, "\"附近门店\"".len());
    }

    #[test]
    fn wrong_shapes_are_findings() {
        let mut findings = Vec::new();
        let (keys, complete) = parse(
            "privacy.json",
            r#"{"setting_list": [{"privacy_key": 3}, "x"]}"#,
            Lang::En,
            &mut findings,
        );
        assert!(keys.is_empty());
        assert!(!complete);
        assert_eq!(findings.len(), 2);
        assert!(findings.iter().all(|f| f.rule == "invalid-config"));
    }
}
