//! Stage 1, discovery: find the mini program (project.config.json →
//! `miniprogramRoot` → app.json), read app.json (`app_json`), and list the
//! files to audit (`walk`). Without a compiled app.json, a framework source
//! tree's config stands for it ([`framework`]).

use std::fmt;
use std::path::{Path, PathBuf};

use crate::config::Ignore;
use crate::config_file::{json_syntax_finding, parse_native, shape_finding, type_name_in};
use crate::diagnostic::Finding;
use crate::fs::{join_rel, slash_path};
use crate::i18n::{t, Lang};
use crate::json::{self, Ranged, Value};
use crate::parse::ifdef::Build;
use crate::ruleset::Ruleset;
use crate::source::FileKind;

mod app_json;
pub mod framework;
mod walk;

use app_json::read_app_json;
pub(crate) use app_json::{
    read_app_fields, read_app_object, read_config, read_subpackages, read_using_components,
};
pub use app_json::{AppJson, Subpackage};
use walk::{walk, WalkRules};

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
pub fn discover(
    root: &Path,
    ignore: &Ignore,
    ruleset: &Ruleset,
    lang: Lang,
) -> Result<Project, DiscoverError> {
    let root = audited_folder(root);
    let shown = root.display();
    if !root.exists() {
        return Err(DiscoverError(t!(
            lang,
            "discover-no-such-folder",
            folder = shown.to_string()
        )));
    }
    if !root.is_dir() {
        return Err(DiscoverError(t!(
            lang,
            "discover-not-a-folder",
            folder = shown.to_string()
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
        let Some(text) = read_config(&path, name, lang, &mut findings) else {
            config_broken = true;
            continue;
        };
        match parse_native(name, &text, lang, &mut findings) {
            Err(err) => {
                config_broken = true;
                findings.push(json_syntax_finding(name, &text, &err, lang));
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
                            t!(
                                lang,
                                "shape-must-be-string",
                                key = "miniprogramRoot",
                                found = type_name_in(lang, json::type_name(&prop.value))
                            ),
                        )),
                    }
                }
            }
            Ok(Some(other)) => findings.push(shape_finding(
                name,
                &text,
                other.range(),
                t!(
                    lang,
                    "shape-file-must-be-object",
                    file = name,
                    found = type_name_in(lang, json::type_name(&other))
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
                let (folder, app_json) = (shown.to_string(), join_rel(&rel, "app.json"));
                let value = format!("{value:?}");
                Err(DiscoverError(if root.join(&rel).is_dir() {
                    t!(
                        lang,
                        "discover-root-missing-app-json",
                        config = config,
                        folder = folder,
                        value = value,
                        app_json = app_json
                    )
                } else {
                    t!(
                        lang,
                        "discover-root-missing",
                        config = config,
                        folder = folder,
                        value = value,
                        app_json = app_json
                    )
                }))
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
                let folder = shown.to_string();
                let mut message = if config_broken {
                    t!(lang, "discover-none-config-broken", folder = folder)
                } else {
                    t!(lang, "discover-none", folder = folder)
                };
                let candidates = app_json_candidates(&root);
                if !candidates.is_empty() {
                    message.push_str("\n  ");
                    message.push_str(&t!(
                        lang,
                        "discover-app-json-found-in",
                        folders = candidates.join(", ")
                    ));
                    message.push_str("\n  ");
                    message.push_str(&t!(lang, "discover-audit-one-of-those"));
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
            let app = read_app_json(&root, &file, lang, &mut findings);
            (rel, file, app, WalkRules::default(), None)
        }
        Err(err) => match framework::read(&root, ruleset, lang, &mut findings) {
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
        lang,
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

#[cfg(test)]
mod tests {
    use super::walk::origin_of;
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
