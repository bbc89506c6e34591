//! Stage 1, discovery: find the mini program (project.config.json →
//! `miniprogramRoot` → app.json), read app.json, and list the files to audit.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::checks::rules;
use crate::diagnostic::{Finding, Location};
use crate::json::{self, Ranged, Value};
use crate::source;

/// The project config files, in increasing priority.
const PROJECT_CONFIGS: [&str; 2] = ["project.config.json", "project.private.config.json"];

/// Why discovery could not find a project to audit (exit code 2).
#[derive(Debug, Clone)]
pub struct DiscoverError(pub String);

impl fmt::Display for DiscoverError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a walked file is, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `.js`
    Js,
    /// `.ts` (not `.d.ts`)
    Ts,
    /// `.wxs`, WeChat's script dialect (parsed as JS)
    Wxs,
    /// `.json`
    Json,
    /// `.wxml` templates
    Wxml,
    /// `.jsx` (JS with JSX, as Taro sources write it)
    Jsx,
    /// `.tsx` (TypeScript with JSX)
    Tsx,
    /// `.vue` single-file components (uni-app): `<script>` and `<template>` blocks
    Vue,
}

/// A file of the mini program.
#[derive(Debug, Clone)]
pub struct ProjectFile {
    /// Path on disk.
    pub path: PathBuf,
    /// Path relative to the audited folder, with `/`.
    pub rel: String,
    /// What it is.
    pub kind: FileKind,
    /// `app`, or `npm:<package>` for code under `miniprogram_npm/`.
    pub origin: String,
}

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
}

/// A discovered mini program.
#[derive(Debug, Clone)]
pub struct Project {
    /// The audited folder, as given.
    pub root: PathBuf,
    /// The mini program root relative to `root` (`.` when they are the same).
    pub miniprogram_root: String,
    /// `<miniprogram_root>/app.json` relative to `root`.
    pub app_json_file: String,
    /// app.json as read.
    pub app: AppJson,
    /// Files to audit, sorted by path.
    pub files: Vec<ProjectFile>,
    /// Problems found while discovering (broken config files, unreadable folders).
    pub findings: Vec<Finding>,
}

impl Project {
    /// Joins a path relative to the audited folder.
    pub fn path_of(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }
}

/// Finds the mini program in `root` and lists its files.
pub fn discover(root: &Path) -> Result<Project, DiscoverError> {
    let root = match root.file_name().and_then(|n| n.to_str()) {
        // `mpaudit check path/to/app.json` means its folder.
        Some("app.json" | "project.config.json") if root.is_file() => {
            root.parent().unwrap_or(Path::new(".")).to_path_buf()
        }
        _ => root.to_path_buf(),
    };
    let shown = root.display();
    if !root.is_dir() {
        return Err(DiscoverError(format!(
            "cannot audit {shown}: not a folder (give the folder that holds project.config.json or app.json)"
        )));
    }
    let mut findings = Vec::new();
    let mut configured: Option<(String, String)> = None; // (config file, miniprogramRoot)
    let mut config_broken = false;
    for name in PROJECT_CONFIGS {
        let path = root.join(name);
        if !path.is_file() {
            continue;
        }
        let Some(text) = read_config(&path, name, &mut findings) else {
            config_broken = true;
            continue;
        };
        match json::parse(&text) {
            Err(err) => {
                config_broken = true;
                findings.push(json_syntax_finding(name, &text, &err));
            }
            Ok(None) => {}
            Ok(Some(Value::Object(obj))) => {
                if let Some(prop) = json::get(&obj, "miniprogramRoot") {
                    match json::as_str(&prop.value) {
                        Some(value) => configured = Some((name.to_owned(), value.to_owned())),
                        None => findings.push(shape_finding(
                            name,
                            &text,
                            prop.value.range(),
                            format!(
                                "`miniprogramRoot` must be a string, found {}",
                                json::type_name(&prop.value)
                            ),
                        )),
                    }
                }
            }
            Ok(Some(other)) => findings.push(shape_finding(
                name,
                &text,
                other.range(),
                format!(
                    "{name} must be an object, found {}",
                    json::type_name(&other)
                ),
            )),
        }
    }

    let miniprogram_root = match &configured {
        Some((config, value)) => {
            let rel = normalize_root(value);
            if !root.join(&rel).join("app.json").is_file() {
                return Err(DiscoverError(format!(
                    "{config} in {shown} sets miniprogramRoot to {value:?}, but {} does not exist{}",
                    join_rel(&rel, "app.json"),
                    if root.join(&rel).is_dir() {
                        ""
                    } else {
                        " (if the project is built by Taro or uni-app, build it first: the audit reads the compiled mini program)"
                    }
                )));
            }
            rel
        }
        None if root.join("app.json").is_file() => ".".to_owned(),
        None => {
            let fallback = if config_broken {
                find_app_json_below(&root)
            } else {
                None
            };
            match fallback {
                Some(rel) => rel,
                None => {
                    let mut message = format!(
                        "no mini program found in {shown}: looked for project.config.json (its miniprogramRoot) and app.json{}",
                        if config_broken { "; project.config.json could not be read" } else { "" }
                    );
                    let candidates = app_json_candidates(&root);
                    if !candidates.is_empty() {
                        message.push_str("\n  app.json found in: ");
                        message.push_str(&candidates.join(", "));
                        message.push_str("\n  audit one of those folders (for uni-app and Taro, the compiled output)");
                    }
                    return Err(DiscoverError(message));
                }
            }
        }
    };

    let app_json_file = join_rel(&miniprogram_root, "app.json");
    let app = read_app_json(&root, &app_json_file, &mut findings);
    let files = walk(&root, &miniprogram_root, &mut findings);
    Ok(Project {
        root,
        miniprogram_root,
        app_json_file,
        app,
        files,
        findings,
    })
}

/// `"./dist/"` → `dist`, `""` → `.`.
fn normalize_root(value: &str) -> String {
    let trimmed = value.trim().replace('\\', "/");
    let parts: Vec<&str> = trimmed
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join("/")
    }
}

/// `rel` joined to `name` with `/`, where `.` is the audited folder itself.
pub fn join_rel(rel: &str, name: &str) -> String {
    if rel == "." || rel.is_empty() {
        name.to_owned()
    } else {
        format!("{rel}/{name}")
    }
}

/// When project.config.json is broken: the one direct subfolder holding app.json.
fn find_app_json_below(root: &Path) -> Option<String> {
    let mut found: Vec<String> = std::fs::read_dir(root)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.path().join("app.json").is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .filter(|n| !n.starts_with('.') && n != "node_modules")
        .collect();
    found.sort();
    (found.len() == 1).then(|| found.remove(0))
}

/// Folders below `root` (at most 6 levels, no node_modules or hidden folders)
/// holding an app.json: where to point a user who ran mpaudit one level too high.
fn app_json_candidates(root: &Path) -> Vec<String> {
    let mut found: Vec<String> = walkdir::WalkDir::new(root)
        .max_depth(6)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !e.file_name().to_str().is_some_and(|n| {
                    n == "node_modules" || n == "miniprogram_npm" || n.starts_with('.')
                })
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() == "app.json")
        .filter_map(|e| e.path().parent()?.strip_prefix(root).ok().map(slash_path))
        .take(5)
        .collect();
    found.sort();
    found
}

fn read_config(path: &Path, rel: &str, findings: &mut Vec<Finding>) -> Option<String> {
    match std::fs::read(path) {
        Ok(bytes) => Some(source::decode(&bytes).0),
        Err(err) => {
            findings.push(Finding::new(
                &rules::UNREADABLE_FILE,
                point(rel),
                format!("cannot read {rel}: {err}"),
            ));
            None
        }
    }
}

/// A location at the start of a file, for findings about a whole file.
pub fn point(rel: &str) -> Location {
    Location {
        file: rel.to_owned(),
        line: 1,
        column: 1,
        offset: 0,
        len: 0,
    }
}

/// The location of a byte range of `text`.
pub fn locate(rel: &str, text: &str, offset: usize, len: usize) -> Location {
    let (line, column) = source::position(text, offset);
    Location {
        file: rel.to_owned(),
        line,
        column,
        offset,
        len,
    }
}

/// `invalid-config` for a JSON syntax error.
pub fn json_syntax_finding(rel: &str, text: &str, err: &json::SyntaxError) -> Finding {
    Finding::new(
        &rules::INVALID_CONFIG,
        locate(rel, text, err.offset, err.len),
        format!("{rel} is not valid JSON: {}", err.message),
    )
    .label(err.message.clone())
    .help("fix the JSON syntax; WeChat DevTools refuses to compile a project with a broken config file")
}

/// `invalid-config` for a value of the wrong shape.
pub fn shape_finding(
    rel: &str,
    text: &str,
    range: jsonc_parser::common::Range,
    message: String,
) -> Finding {
    Finding::new(
        &rules::INVALID_CONFIG,
        locate(rel, text, range.start, range.end - range.start),
        format!("{rel}: {message}"),
    )
    .label(message)
}

fn read_app_json(root: &Path, rel: &str, findings: &mut Vec<Finding>) -> AppJson {
    let mut app = AppJson::default();
    let Some(text) = read_config(&root.join(rel), rel, findings) else {
        return app;
    };
    let obj = match json::parse(&text) {
        Err(err) => {
            findings.push(json_syntax_finding(rel, &text, &err));
            return app;
        }
        Ok(None) => {
            findings.push(shape_finding(
                rel,
                &text,
                jsonc_parser::common::Range { start: 0, end: 0 },
                "app.json is empty; it must be an object with `pages`".to_owned(),
            ));
            return app;
        }
        Ok(Some(Value::Object(obj))) => obj,
        Ok(Some(other)) => {
            findings.push(shape_finding(
                rel,
                &text,
                other.range(),
                format!(
                    "app.json must be an object, found {}",
                    json::type_name(&other)
                ),
            ));
            return app;
        }
    };
    let mut shape =
        |range, message: String| findings.push(shape_finding(rel, &text, range, message));

    if let Some(prop) = json::get(&obj, "pages") {
        app.pages = string_array(&prop.value, "pages", &mut shape)
            .into_iter()
            .map(|(s, _)| s)
            .collect();
    }
    for key in ["subpackages", "subPackages"] {
        let Some(prop) = json::get(&obj, key) else {
            continue;
        };
        let Value::Array(list) = &prop.value else {
            shape(
                prop.value.range(),
                format!(
                    "`{key}` must be an array, found {}",
                    json::type_name(&prop.value)
                ),
            );
            continue;
        };
        for item in &list.elements {
            let Value::Object(pkg) = item else {
                shape(
                    item.range(),
                    format!(
                        "`{key}` entries must be objects, found {}",
                        json::type_name(item)
                    ),
                );
                continue;
            };
            let mut sub = Subpackage::default();
            match json::get(pkg, "root").map(|p| (&p.value, json::as_str(&p.value))) {
                Some((_, Some(root))) => sub.root = normalize_root(root),
                Some((value, None)) => shape(
                    value.range(),
                    format!(
                        "subpackage `root` must be a string, found {}",
                        json::type_name(value)
                    ),
                ),
                None => shape(item.range(), "subpackage has no `root`".to_owned()),
            }
            if let Some(pages) = json::get(pkg, "pages") {
                sub.pages = string_array(&pages.value, "subpackage pages", &mut shape)
                    .into_iter()
                    .map(|(s, _)| s)
                    .collect();
            }
            app.subpackages.push(sub);
        }
    }
    if let Some(prop) = json::get(&obj, "requiredPrivateInfos") {
        app.required_private_infos = string_array(&prop.value, "requiredPrivateInfos", &mut shape)
            .into_iter()
            .map(|(value, range)| Spanned {
                value,
                location: locate(rel, &text, range.start, range.end - range.start),
            })
            .collect();
    }
    if let Some(prop) = json::get(&obj, "permission") {
        match &prop.value {
            Value::Object(perms) => {
                for entry in &perms.properties {
                    let desc = match &entry.value {
                        Value::Object(o) => {
                            json::get(o, "desc").and_then(|d| json::as_str(&d.value))
                        }
                        other => {
                            shape(
                                other.range(),
                                format!(
                                    "`permission[\"{}\"]` must be an object with `desc`, found {}",
                                    entry.name.as_str(),
                                    json::type_name(other)
                                ),
                            );
                            None
                        }
                    };
                    app.permission
                        .insert(entry.name.as_str().to_owned(), desc.map(str::to_owned));
                }
            }
            other => shape(
                other.range(),
                format!(
                    "`permission` must be an object, found {}",
                    json::type_name(other)
                ),
            ),
        }
    }
    if let Some(prop) = json::get(&obj, "requiredBackgroundModes") {
        app.required_background_modes =
            string_array(&prop.value, "requiredBackgroundModes", &mut shape)
                .into_iter()
                .map(|(s, _)| s)
                .collect();
    }
    if let Some(prop) = json::get(&obj, "plugins") {
        match &prop.value {
            Value::Object(o) => {
                app.plugins = o
                    .properties
                    .iter()
                    .map(|p| p.name.as_str().to_owned())
                    .collect()
            }
            other => shape(
                other.range(),
                format!(
                    "`plugins` must be an object, found {}",
                    json::type_name(other)
                ),
            ),
        }
    }
    if let Some(prop) = json::get(&obj, "usingComponents") {
        match &prop.value {
            Value::Object(o) => {
                for p in &o.properties {
                    if let Some(path) = json::as_str(&p.value) {
                        app.using_components
                            .insert(p.name.as_str().to_owned(), path.to_owned());
                    }
                }
            }
            other => shape(
                other.range(),
                format!(
                    "`usingComponents` must be an object, found {}",
                    json::type_name(other)
                ),
            ),
        }
    }
    if let Some(prop) = json::get(&obj, "__usePrivacyCheck__") {
        match &prop.value {
            Value::BooleanLit(b) => app.use_privacy_check = Some(b.value),
            other => shape(
                other.range(),
                format!(
                    "`__usePrivacyCheck__` must be a boolean, found {}",
                    json::type_name(other)
                ),
            ),
        }
    }
    app
}

/// The strings of an array value, reporting a wrong shape through `shape`.
fn string_array(
    value: &Value<'_>,
    what: &str,
    shape: &mut impl FnMut(jsonc_parser::common::Range, String),
) -> Vec<(String, jsonc_parser::common::Range)> {
    let Value::Array(list) = value else {
        shape(
            value.range(),
            format!(
                "`{what}` must be an array of strings, found {}",
                json::type_name(value)
            ),
        );
        return Vec::new();
    };
    list.elements
        .iter()
        .filter_map(|item| match json::as_str(item) {
            Some(s) => Some((s.to_owned(), item.range())),
            None => {
                shape(
                    item.range(),
                    format!(
                        "`{what}` entries must be strings, found {}",
                        json::type_name(item)
                    ),
                );
                None
            }
        })
        .collect()
}

/// Lists the files under the mini program root, sorted. Skips `node_modules`,
/// `.git` and hidden folders, never follows symlinked folders, and keeps
/// `miniprogram_npm` (it ships in the package).
fn walk(root: &Path, miniprogram_root: &str, findings: &mut Vec<Finding>) -> Vec<ProjectFile> {
    let base = root.join(miniprogram_root);
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(&base)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !e.file_type().is_dir()
                || !e
                    .file_name()
                    .to_str()
                    .is_some_and(|n| n == "node_modules" || n.starts_with('.'))
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let rel = err
                    .path()
                    .and_then(|p| p.strip_prefix(&base).ok())
                    .map(|p| join_rel(miniprogram_root, &slash_path(p)))
                    .unwrap_or_else(|| miniprogram_root.to_owned());
                findings.push(Finding::new(
                    &rules::UNREADABLE_FILE,
                    point(&rel),
                    format!("cannot read {rel}: {err}"),
                ));
                continue;
            }
        };
        let is_file = entry.file_type().is_file()
            || (entry.file_type().is_symlink() && entry.path().is_file());
        if !is_file {
            continue;
        }
        let Some(name) = entry.file_name().to_str() else {
            continue;
        };
        let kind = if name.ends_with(".d.ts") {
            continue;
        } else if name.ends_with(".js") {
            FileKind::Js
        } else if name.ends_with(".ts") {
            FileKind::Ts
        } else if name.ends_with(".wxs") {
            FileKind::Wxs
        } else if name.ends_with(".json") {
            FileKind::Json
        } else if name.ends_with(".wxml") {
            FileKind::Wxml
        } else if name.ends_with(".jsx") {
            FileKind::Jsx
        } else if name.ends_with(".tsx") {
            FileKind::Tsx
        } else if name.ends_with(".vue") {
            FileKind::Vue
        } else {
            continue;
        };
        let within = entry.path().strip_prefix(&base).unwrap_or(entry.path());
        let within = slash_path(within);
        files.push(ProjectFile {
            path: entry.path().to_path_buf(),
            rel: join_rel(miniprogram_root, &within),
            kind,
            origin: origin_of(&within),
        });
    }
    files
}

fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// `app`, or `npm:<package>` for a path inside `miniprogram_npm/<package>/`.
pub fn origin_of(rel_in_root: &str) -> String {
    let parts: Vec<&str> = rel_in_root.split('/').collect();
    if let Some(i) = parts.iter().position(|p| *p == "miniprogram_npm") {
        let rest = &parts[i + 1..];
        // The last part is the file itself, never a package name.
        let package = match rest {
            [scope, name, _, ..] if scope.starts_with('@') => Some(format!("{scope}/{name}")),
            [name, _, ..] if !name.starts_with('@') => Some((*name).to_owned()),
            _ => None,
        };
        if let Some(package) = package {
            return format!("npm:{package}");
        }
    }
    "app".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_are_normalized() {
        assert_eq!(normalize_root("dist/"), "dist");
        assert_eq!(normalize_root("./miniprogram/"), "miniprogram");
        assert_eq!(normalize_root(""), ".");
        assert_eq!(normalize_root("./"), ".");
        assert_eq!(
            normalize_root("unpackage\\dist\\dev\\mp-weixin\\"),
            "unpackage/dist/dev/mp-weixin"
        );
    }

    #[test]
    fn origins_name_the_npm_package() {
        assert_eq!(origin_of("pages/index/index.js"), "app");
        assert_eq!(
            origin_of("miniprogram_npm/@vant/weapp/button/index.js"),
            "npm:@vant/weapp"
        );
        assert_eq!(origin_of("miniprogram_npm/dayjs/index.js"), "npm:dayjs");
        assert_eq!(origin_of("sub/miniprogram_npm/lodash/a/b.js"), "npm:lodash");
        assert_eq!(origin_of("miniprogram_npm/index.js"), "app");
    }
}
