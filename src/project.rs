//! Stage 1, discovery: find the mini program (project.config.json →
//! `miniprogramRoot` → app.json), read app.json, and list the files to audit.
//! Without a compiled app.json, a Taro or uni-app source tree's config stands
//! for it ([`framework`]).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::config::Ignore;
use crate::config_file::{
    duplicate_key_findings, json_syntax_finding, parse_native, shape_finding, ConfigFile,
    ConfigNode, ConfigValue, SPREAD,
};
use crate::diagnostic::{point, Finding, Location};
use crate::fs::{join_rel, read_text, slash_path};
use crate::json::{self, Ranged, Value};
use crate::parse::ifdef::Build;
use crate::rule::pipeline as rules;
use crate::ruleset::Ruleset;
use crate::source::FileKind;

pub mod framework;

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
    /// Whether uni-app's conditional compilation (`// #ifdef H5` … `// #endif`)
    /// applies (the file belongs to a uni-app source project), and with which
    /// names.
    pub conditional_compilation: Option<Build>,
    /// Whether WeChat DevTools reads the file as strict JSON: the `.json` of
    /// a page or component (beside a script or template of the same name) in
    /// a native or compiled mini program.
    pub strict_json: bool,
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
    /// The framework of a source project (`taro`, `uni-app`, `wepy`, `mpx`:
    /// a row of the framework table); `None` for compiled or native code.
    pub framework: Option<String>,
    /// Source files of a kind mpaudit does not read (`.pug`, `.coffee`), found
    /// while walking: relative paths, sorted.
    pub unread: Vec<String>,
    /// Files and folders under the mini program root that `ignore` left out
    /// and that may hold code (folders, scripts, templates), relative to the
    /// audited folder, sorted.
    pub ignored: Vec<String>,
    /// `projectname` of project.config.json, overridden by
    /// project.private.config.json as WeChat DevTools does; as written
    /// (DevTools percent-encodes non-ASCII names).
    pub projectname: Option<String>,
    /// The name of the audited folder (resolved, so `.` has a name).
    pub folder_name: String,
}

impl Project {
    /// Joins a path relative to the audited folder.
    pub fn path_of(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }
}

/// Finds the mini program in `root` and lists its files.
pub fn discover(root: &Path, ignore: &Ignore, ruleset: &Ruleset) -> Result<Project, DiscoverError> {
    let root = audited_folder(root);
    let shown = root.display();
    if !root.exists() {
        return Err(DiscoverError(format!(
            "cannot audit {shown}: no such file or folder"
        )));
    }
    if !root.is_dir() {
        return Err(DiscoverError(format!(
            "cannot audit {shown}: not a folder (give the folder that holds project.config.json or app.json)"
        )));
    }
    let mut findings = Vec::new();
    let mut configured: Option<(String, String)> = None; // (config file, miniprogramRoot)
    let mut projectname = None;
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
        match parse_native(name, &text, &mut findings) {
            Err(err) => {
                config_broken = true;
                findings.push(json_syntax_finding(name, &text, &err));
            }
            Ok(None) => {}
            Ok(Some(Value::Object(obj))) => {
                if let Some(name) =
                    json::get(&obj, "projectname").and_then(|p| json::as_str(&p.value))
                {
                    projectname = Some(name.to_owned());
                }
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

    let compiled = match &configured {
        Some((config, value)) => {
            let rel = normalize_root(value);
            if root.join(&rel).join("app.json").is_file() {
                Ok(rel)
            } else {
                Err(DiscoverError(format!(
                    "{config} in {shown} sets miniprogramRoot to {value:?}, but {} does not exist{}",
                    join_rel(&rel, "app.json"),
                    if root.join(&rel).is_dir() {
                        ""
                    } else {
                        " (if the project is built by Taro or uni-app, build it first, or audit its sources: mpaudit reads src/app.config.ts for Taro, pages.json and manifest.json for uni-app)"
                    }
                )))
            }
        }
        None if root.join("app.json").is_file() => Ok(".".to_owned()),
        None => {
            let fallback = if config_broken {
                find_app_json_below(&root)
            } else {
                None
            };
            fallback.ok_or_else(|| {
                let mut message = format!(
                    "no mini program found in {shown}: looked for project.config.json (its miniprogramRoot), app.json, Taro's src/app.config.ts and uni-app's pages.json with manifest.json{}",
                    if config_broken { "; project.config.json could not be read" } else { "" }
                );
                let candidates = app_json_candidates(&root);
                if !candidates.is_empty() {
                    message.push_str("\n  app.json found in: ");
                    message.push_str(&candidates.join(", "));
                    message.push_str("\n  audit one of those folders (for uni-app and Taro, the compiled output)");
                }
                DiscoverError(message)
            })
        }
    };

    // A compiled app.json wins; without one, a framework source tree.
    let compiled_root = compiled.is_ok();
    let (miniprogram_root, app_json_file, app, rules, framework) = match compiled {
        Ok(rel) => {
            let file = join_rel(&rel, "app.json");
            let app = read_app_json(&root, &file, &mut findings);
            (rel, file, app, WalkRules::default(), None)
        }
        Err(err) => match framework::read(&root, ruleset, &mut findings) {
            Ok(Some(source)) => {
                let rules = WalkRules {
                    skip: &framework::BUILD_OUTPUT,
                    uni_app: source.build.is_some(),
                    uni_app_x: source.build.is_some_and(|b| b.uni_app_x),
                    taro: source.framework == "taro",
                };
                (
                    source.miniprogram_root,
                    source.config_file,
                    source.app,
                    rules,
                    Some((source.framework, source.build)),
                )
            }
            Ok(None) => return Err(err),
            Err(framework_err) => return Err(framework_err),
        },
    };
    let mut ignored = Vec::new();
    let (mut files, unread) = walk(
        &root,
        &miniprogram_root,
        &rules,
        ignore,
        ruleset,
        &mut findings,
        &mut ignored,
    );
    let build = framework.as_ref().and_then(|(_, build)| *build);
    for file in &mut files {
        file.conditional_compilation = build;
    }
    if compiled_root {
        mark_strict_json(&mut files);
    }
    Ok(Project {
        miniprogram_root,
        app_json_file,
        app,
        files,
        findings,
        framework: framework.map(|(name, _)| name),
        unread,
        ignored,
        projectname,
        folder_name: std::fs::canonicalize(&root)
            .ok()
            .as_deref()
            .unwrap_or(&root)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| root.display().to_string()),
        root,
    })
}

/// Marks the `.json` files of pages and components: those beside a script or
/// template with the same name.
fn mark_strict_json(files: &mut [ProjectFile]) {
    let stems: std::collections::HashSet<String> = files
        .iter()
        .filter(|f| f.kind != FileKind::Json)
        .filter_map(|f| Some(f.rel[..f.rel.rfind('.')?].to_owned()))
        .collect();
    for file in files.iter_mut().filter(|f| f.kind == FileKind::Json) {
        file.strict_json = file
            .rel
            .strip_suffix(".json")
            .is_some_and(|stem| stems.contains(stem));
    }
}

/// The folder `mpaudit check PATH` audits: PATH, or its folder when PATH
/// is an app.json or project.config.json.
pub fn audited_folder(root: &Path) -> PathBuf {
    match root.file_name().and_then(|n| n.to_str()) {
        Some("app.json" | "project.config.json") if root.is_file() => {
            root.parent().unwrap_or(Path::new(".")).to_path_buf()
        }
        _ => root.to_path_buf(),
    }
}

/// How strongly a folder's files say "this is the project root", for
/// [`find_root`]; higher is stronger.
#[cfg_attr(not(feature = "cli"), allow(dead_code))] // used by the command line only
fn root_marker(dir: &Path) -> Option<u8> {
    let has = |name: &str| dir.join(name).is_file();
    // The project: WeChat DevTools' config, or a framework's source tree
    // below it (Taro's src/app.config.*, uni-app CLI's src/pages.json).
    // WePY's and Mpx's src/app.wpy, src/app.mpx; the @uni-helper Vite
    // plugins' pages.config.* at the project root.
    if has("project.config.json")
        || has("src/app.config.ts")
        || has("src/app.config.js")
        || (has("src/pages.json") && has("src/manifest.json"))
        || has("src/app.wpy")
        || has("src/app.mpx")
        || ["ts", "mts", "js", "mjs"]
            .iter()
            .any(|ext| has(&format!("pages.config.{ext}")))
    {
        return Some(3);
    }
    // A mini program folder: compiled app.json, or framework config in place.
    if has("app.json")
        || has("app.config.ts")
        || has("app.config.js")
        || (has("pages.json") && has("manifest.json"))
        || has("app.wpy")
        || has("app.mpx")
    {
        return Some(2);
    }
    // A JavaScript package: where an unknown framework's project would be.
    has("package.json").then_some(1)
}

/// Whether `dir` itself looks like a folder mpaudit can audit (a project
/// config, app.json, or a Taro or uni-app config), so `mpaudit check DIR`
/// audits it as given instead of looking above it.
#[cfg_attr(not(feature = "cli"), allow(dead_code))] // used by the command line only
pub fn is_root(dir: &Path) -> bool {
    root_marker(dir).is_some_and(|strength| strength >= 2)
}

/// The project `start` (a folder) belongs to, as an absolute path, found by walking up the way
/// git finds its repository: of the folders from `start` up to the
/// repository root (the first with `.git`) or the file system root, the
/// nearest one with the strongest marker. Project markers (project.config.json,
/// `src/app.config.ts|js`, `src/pages.json` with `src/manifest.json`) beat
/// mini program folders (app.json, `app.config.ts|js`, `pages.json` with
/// `manifest.json`), which beat a `package.json`; so a file in `miniprogram/`
/// belongs to the folder above it that holds project.config.json.
#[cfg_attr(not(feature = "cli"), allow(dead_code))] // used by the command line only
pub fn find_root(start: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(start).ok()?;
    let mut best: Option<(u8, &Path)> = None;
    for dir in start.ancestors() {
        if let Some(strength) = root_marker(dir) {
            if best.is_none_or(|(b, _)| strength > b) {
                best = Some((strength, dir));
            }
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    best.map(|(_, dir)| dir.to_path_buf())
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
    read_text(path, rel, u64::MAX, findings)
}

fn read_app_json(root: &Path, rel: &str, findings: &mut Vec<Finding>) -> AppJson {
    let Some(text) = read_config(&root.join(rel), rel, findings) else {
        return AppJson::unreadable();
    };
    let file = ConfigFile { rel, text: &text };
    match parse_native(rel, &text, findings) {
        Err(err) => findings.push(json_syntax_finding(rel, &text, &err)),
        Ok(None) => findings.push(shape_finding(
            rel,
            &text,
            jsonc_parser::common::Range { start: 0, end: 0 },
            "app.json is empty; it must be an object with `pages`".to_owned(),
        )),
        Ok(Some(value)) => {
            findings.extend(duplicate_key_findings(rel, &text, &value));
            let node = ConfigNode::from_json(&value);
            if matches!(node.value, ConfigValue::Object(_)) {
                return read_app_object(&file, &node, findings);
            }
            file.wrong(findings, &node, |found| {
                format!("app.json must be an object, found {found}")
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
                format!("`{key}` must be an array, found {found}")
            });
            continue;
        };
        for item in list {
            if !matches!(item.value, ConfigValue::Object(_)) {
                file.wrong(findings, item, |found| {
                    format!("`{key}` entries must be objects, found {found}")
                });
                continue;
            }
            let mut sub = Subpackage::default();
            match item.get("root") {
                Some(value) => match value.as_str() {
                    Some(root) => sub.root = normalize_root(root),
                    None => file.wrong(findings, value, |found| {
                        format!("subpackage `root` must be a string, found {found}")
                    }),
                },
                None => findings.push(shape_finding(
                    file.rel,
                    file.text,
                    item.range,
                    "subpackage has no `root`".to_owned(),
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
                                format!(
                                    "`permission[\"{scope}\"]` must be an object with `desc`, found {found}"
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
                format!("`permission` must be an object, found {found}")
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
                format!("`plugins` must be an object, found {found}")
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
                format!("`__usePrivacyCheck__` must be a boolean, found {found}")
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
            format!("`usingComponents` must be an object, found {found}")
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
            format!("`{what}` must be an array of strings, found {found}")
        });
        return Vec::new();
    };
    list.iter()
        .filter_map(|item| match item.as_str() {
            Some(s) => Some((s.to_owned(), item)),
            None => {
                file.wrong(findings, item, |found| {
                    format!("`{what}` entries must be strings, found {found}")
                });
                None
            }
        })
        .collect()
}

/// Lists the files under the mini program root, sorted. Skips `node_modules`,
/// `.git` and hidden folders, and the folders named in `skip` directly under
/// the mini program root (build output next to framework sources); never
/// follows symlinked folders, and keeps `miniprogram_npm` (it ships in the
/// package).
/// What a framework source tree leaves out of the walk.
#[derive(Default)]
struct WalkRules {
    /// Folders directly under the mini program root that hold build output.
    skip: &'static [&'static str],
    /// uni-app: uniCloud folders are server code, and `platforms/<p>/`
    /// (and `utssdk/<p>/`) folders count only for `mp-weixin`.
    uni_app: bool,
    /// uni-app x: `.uvue` and `.uts` files are built; in other uni-app
    /// projects they belong to uni-app x builds of `uni_modules` and are not.
    uni_app_x: bool,
    /// Taro: files for other platforms (`x.h5.ts`) are not in the WeChat
    /// build, and `x.weapp.ts` replaces `x.ts`.
    taro: bool,
}

/// Taro's platform infixes of files built for other platforms than WeChat
/// (https://docs.taro.zone/docs/envs, 多端文件).
const TARO_OTHER_PLATFORMS: [&str; 10] = [
    "h5", "alipay", "swan", "tt", "qq", "jd", "rn", "harmony", "kwai", "dd",
];

/// Extensions of source files mpaudit cannot read; found in the mini program
/// root, they are reported as unaudited.
const UNREAD_SOURCE: [&str; 5] = [".pug", ".jade", ".coffee", ".ls", ".svelte"];

impl WalkRules {
    /// Whether the folder `name` at `depth` below the mini program root, in
    /// the folder `parent`, is left out.
    fn skips_dir(&self, name: &str, depth: usize, parent: Option<&str>) -> bool {
        (depth == 1 && self.skip.contains(&name))
            || (self.uni_app
                && (name.starts_with("uniCloud")
                    || (matches!(parent, Some("platforms" | "utssdk"))
                        && !matches!(name, "mp-weixin" | "mp_weixin"))))
    }

    /// Whether the file `name` is built for another platform than WeChat.
    fn skips_file(&self, name: &str) -> bool {
        (self.taro && taro_platform(name).is_some_and(|p| p != "weapp"))
            || (self.uni_app
                && !self.uni_app_x
                && (name.ends_with(".uvue") || name.ends_with(".uts")))
    }
}

/// The platform infix of a Taro file name (`index.h5.tsx` → `h5`).
fn taro_platform(name: &str) -> Option<&str> {
    let mut parts = name.rsplit('.');
    parts.next()?; // extension
    let infix = parts.next()?;
    parts.next()?; // the base name must remain
    (infix == "weapp" || TARO_OTHER_PLATFORMS.contains(&infix)).then_some(infix)
}

fn walk(
    root: &Path,
    miniprogram_root: &str,
    rules: &WalkRules,
    ignore: &Ignore,
    ruleset: &Ruleset,
    findings: &mut Vec<Finding>,
    ignored: &mut Vec<String>,
) -> (Vec<ProjectFile>, Vec<String>) {
    let base = root.join(miniprogram_root);
    let real = Real {
        root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
        base: std::fs::canonicalize(&base).unwrap_or_else(|_| base.clone()),
    };
    let mut files = Vec::new();
    let mut unread = Vec::new();
    let walker = walkdir::WalkDir::new(&base)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            let skipped_dir = e.file_type().is_dir()
                && e.file_name().to_str().is_some_and(|n| {
                    let parent = e
                        .path()
                        .parent()
                        .and_then(|p| p.file_name())
                        .and_then(|p| p.to_str());
                    n == "node_modules"
                        || n.starts_with('.')
                        || rules.skips_dir(n, e.depth(), parent)
                });
            if skipped_dir || ignore.is_empty() {
                return !skipped_dir;
            }
            let Ok(within) = e.path().strip_prefix(&base) else {
                return true;
            };
            let rel = join_rel(miniprogram_root, &slash_path(within));
            if !ignore.is_ignored(&rel) {
                return true;
            }
            let may_hold_code = e.file_type().is_dir()
                || e.file_name()
                    .to_str()
                    .and_then(|n| kind_of(n, ruleset))
                    .is_some_and(|kind| kind != FileKind::Json);
            if may_hold_code {
                ignored.push(rel);
            }
            false
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
        let Some(name) = entry.file_name().to_str() else {
            continue;
        };
        let within = entry.path().strip_prefix(&base).unwrap_or(entry.path());
        let within = slash_path(within);
        if entry.file_type().is_symlink() {
            let rel = join_rel(miniprogram_root, &within);
            if !follow_link(entry.path(), &rel, name, &real, ruleset, findings) {
                continue;
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        if rules.skips_file(name) {
            continue;
        }
        let Some(kind) = kind_of(name, ruleset) else {
            if UNREAD_SOURCE.iter().any(|ext| name.ends_with(ext)) {
                unread.push(join_rel(miniprogram_root, &within));
            }
            continue;
        };
        files.push(ProjectFile {
            path: entry.path().to_path_buf(),
            rel: join_rel(miniprogram_root, &within),
            kind,
            origin: origin_of(&within),
            conditional_compilation: None,
            strict_json: false,
        });
    }
    if rules.uni_app {
        // A page's `.nvue` beside a `.vue` of the same name is for App
        // builds; mini programs compile the `.vue`.
        let vue: std::collections::HashSet<&str> = files
            .iter()
            .filter_map(|f| f.rel.strip_suffix(".vue"))
            .collect();
        let twins: std::collections::HashSet<String> = files
            .iter()
            .filter_map(|f| f.rel.strip_suffix(".nvue"))
            .filter(|stem| vue.contains(stem))
            .map(|stem| format!("{stem}.nvue"))
            .collect();
        files.retain(|f| !twins.contains(&f.rel));
    }
    if rules.taro {
        // `x.weapp.ts` replaces `x.ts` (any script extension) in the WeChat build.
        let replaced: std::collections::HashSet<String> = files
            .iter()
            .filter_map(|f| {
                let (dir, name) = f.rel.rsplit_once('/').unwrap_or(("", &f.rel));
                let stem = name.split_once(".weapp.")?.0;
                Some(join_rel(dir, stem))
            })
            .collect();
        if !replaced.is_empty() {
            files.retain(|f| {
                let stem = f.rel.rsplit_once('.').map_or(&*f.rel, |(s, _)| s);
                !replaced.contains(stem) || taro_platform(&f.rel).is_some()
            });
        }
    }
    (files, unread)
}

/// What a walked file is, by its name; `None` for files not audited.
/// Single-file component extensions come from the framework table.
fn kind_of(name: &str, ruleset: &Ruleset) -> Option<FileKind> {
    Some(
        if name.ends_with(".d.ts") || name.ends_with(".d.mts") || name.ends_with(".d.cts") {
            return None;
        } else if name.ends_with(".js") || name.ends_with(".mjs") || name.ends_with(".cjs") {
            FileKind::Js
        } else if name.ends_with(".ts") || name.ends_with(".mts") || name.ends_with(".cts") {
            FileKind::Ts
        } else if name.ends_with(".uts") {
            FileKind::Uts
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
        } else if name.ends_with(".vue")
            || name
                .rfind('.')
                .is_some_and(|dot| ruleset.is_component_extension(&name[dot..]))
        {
            FileKind::Vue
        } else {
            return None;
        },
    )
}

/// The audited folder and the mini program root with links resolved.
struct Real {
    root: PathBuf,
    base: PathBuf,
}

/// Whether to audit the symbolic link `path` (`rel`) as a file. A link to a
/// file inside the audited folder is audited; a linked folder is never
/// followed (loops, files counted twice), which is fine when it points into
/// the mini program root or above it, whose files are walked anyway. Every
/// other link is an `unreadable-file` finding: one to a file or folder
/// outside (never read, so a report cannot print what it points to), a broken
/// one, a loop.
fn follow_link(
    path: &Path,
    rel: &str,
    name: &str,
    real: &Real,
    ruleset: &Ruleset,
    findings: &mut Vec<Finding>,
) -> bool {
    if name == "node_modules" || name.starts_with('.') {
        return false;
    }
    let shown = std::fs::read_link(path)
        .map(|t| t.display().to_string())
        .unwrap_or_default();
    let target = match std::fs::canonicalize(path) {
        Ok(target) => target,
        Err(err) => {
            // A broken link to a file type mpaudit does not read is no loss.
            if kind_of(name, ruleset).is_some() || !name.contains('.') {
                let what = if is_link_loop(path) {
                    "a symbolic link loop"
                } else {
                    "a broken symbolic link"
                };
                findings.push(
                    Finding::new(
                        &rules::UNREADABLE_FILE,
                        point(rel),
                        format!("{rel} is {what} (to {shown}): {err}"),
                    )
                    .help("remove the link, or point it at an existing file"),
                );
            }
            return false;
        }
    };
    if target.is_dir() {
        if !(target.starts_with(&real.base) || real.base.starts_with(&target)) {
            findings.push(
                Finding::new(
                    &rules::UNREADABLE_FILE,
                    point(rel),
                    format!(
                        "{rel} is a symbolic link to the folder {shown}, outside the mini program root; linked folders are not followed, so its files were not audited"
                    ),
                )
                .help("audit the real folder, or copy it into the project; list the link under `ignore` in mpaudit.json to leave it out"),
            );
        }
        return false;
    }
    if kind_of(name, ruleset).is_none() {
        return false;
    }
    if !target.starts_with(&real.root) && !target.starts_with(&real.base) {
        findings.push(
            Finding::new(
                &rules::UNREADABLE_FILE,
                point(rel),
                format!(
                    "{rel} is a symbolic link to {shown}, outside the audited folder; it was not read"
                ),
            )
            .help("copy the file into the project, or audit the folder that holds both; list the link under `ignore` in mpaudit.json to leave it out"),
        );
        return false;
    }
    true
}

/// Whether following the links from `path` comes back to one already seen.
fn is_link_loop(path: &Path) -> bool {
    let mut seen = std::collections::HashSet::new();
    let mut at = path.to_path_buf();
    // The kernel gives up after 40 links too.
    for _ in 0..40 {
        let Ok(target) = std::fs::read_link(&at) else {
            return false;
        };
        at = at.parent().unwrap_or(Path::new(".")).join(target);
        if !seen.insert(at.clone()) {
            return true;
        }
    }
    true
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

    /// A folder tree under the temp dir, removed on drop.
    struct Tree(PathBuf);

    impl Tree {
        fn new(name: &str, files: &[&str]) -> Tree {
            let dir =
                std::env::temp_dir().join(format!("mpaudit-root-{}-{name}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            for file in files {
                let path = dir.join(file);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, "{}").unwrap();
            }
            Tree(std::fs::canonicalize(&dir).unwrap())
        }

        /// The root found from `rel`, relative to the tree.
        fn root_from(&self, rel: &str) -> Option<String> {
            let start = self.0.join(rel);
            std::fs::create_dir_all(&start).unwrap();
            let root = find_root(&start)?;
            Some(slash_path(root.strip_prefix(&self.0).ok()?))
        }
    }

    impl Drop for Tree {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn find_root_prefers_the_project_over_its_mini_program_folder() {
        let tree = Tree::new(
            "native",
            &[
                ".git/HEAD",
                "project.config.json",
                "miniprogram/app.json",
                "miniprogram/package.json",
            ],
        );
        assert_eq!(
            tree.root_from("miniprogram/pages/index").as_deref(),
            Some("")
        );
        assert_eq!(tree.root_from("miniprogram").as_deref(), Some(""));
        assert_eq!(tree.root_from("cloudfunctions/login").as_deref(), Some(""));
    }

    #[test]
    fn find_root_knows_taro_and_uni_app_sources() {
        let taro = Tree::new(
            "taro",
            &["package.json", "project.config.json", "src/app.config.ts"],
        );
        assert_eq!(taro.root_from("src/pages/index").as_deref(), Some(""));
        // uni-app CLI: src/ looks like an HBuilderX project, the folder above wins.
        let uni = Tree::new(
            "uni",
            &["package.json", "src/pages.json", "src/manifest.json"],
        );
        assert_eq!(uni.root_from("src/pages/index").as_deref(), Some(""));
        let hbuilder = Tree::new("hbuilder", &["pages.json", "manifest.json"]);
        assert_eq!(hbuilder.root_from("pages/index").as_deref(), Some(""));
    }

    #[test]
    fn find_root_takes_the_nearest_of_equals_and_stops_at_the_repository() {
        // A monorepo: the package.json at the top is weaker than app.json.
        let mono = Tree::new(
            "mono",
            &[
                ".git/HEAD",
                "package.json",
                "apps/a/app.json",
                "apps/b/project.config.json",
            ],
        );
        assert_eq!(mono.root_from("apps/a/pages").as_deref(), Some("apps/a"));
        assert_eq!(mono.root_from("apps/b/pages").as_deref(), Some("apps/b"));
        assert_eq!(mono.root_from("tools").as_deref(), Some(""));
        // Nothing above the repository counts.
        let nested = Tree::new(
            "nested",
            &["project.config.json", "repo/.git/HEAD", "repo/lib/x.js"],
        );
        assert_eq!(nested.root_from("repo/lib"), None);
        // A package.json alone: the nearest.
        let pkg = Tree::new("pkg", &[".git/HEAD", "package.json", "web/package.json"]);
        assert_eq!(pkg.root_from("web/src").as_deref(), Some("web"));
        assert!(is_root(&mono.0.join("apps/a")));
        assert!(!is_root(&mono.0));
    }

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
