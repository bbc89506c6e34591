//! Stage 3b, link: what the per-file facts mean across the project.
//!
//! Every file reported what it loads ([`Links`]): modules it imports,
//! templates it includes, components its config uses. This stage resolves
//! those paths the way WeChat does (relative, absolute from the mini program
//! root, app.json `resolveAlias`, `miniprogram_npm` lookup; `@/` for Taro and
//! uni-app sources) and answers two
//! questions:
//!
//! - which app.json pages reach each file, so every inventory entry can name
//!   the pages a reviewer should open ([`Use::pages`]). app.js and what it
//!   imports reach every page; a component registered globally in app.json
//!   reaches the pages whose templates use its tag;
//! - which calls pass a literal scope to a wrapper of `wx.authorize`, in the
//!   same file or in an imported one, so `checkAuth('scope.userLocation')`
//!   counts as the authorize call it is.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::diagnostic::Location;
use crate::fs::join_rel;
use crate::inventory::modules::{Shape, Target};
use crate::inventory::{FileResult, Links, Use};
use crate::project::{Project, ProjectFile};
use crate::ruleset::Ruleset;
use crate::source::FileKind;

/// Extensions of the files that make up a page or component.
const UNIT_EXTENSIONS: [&str; 13] = [
    ".js", ".ts", ".wxml", ".json", ".jsx", ".tsx", ".vue", ".wxs", ".nvue", ".uvue", ".wpy",
    ".mpx", ".uts",
];

/// What a script path may be written without.
const SCRIPT_SUFFIXES: [&str; 22] = [
    "",
    // Taro: `x.weapp.js` replaces `x.js` in the WeChat build.
    ".weapp.js",
    ".weapp.ts",
    ".weapp.jsx",
    ".weapp.tsx",
    ".js",
    ".ts",
    ".jsx",
    ".tsx",
    ".vue",
    ".wxs",
    ".nvue",
    ".uvue",
    ".wpy",
    ".mpx",
    ".uts",
    "/index.uts",
    "/index.js",
    "/index.ts",
    "/index.jsx",
    "/index.tsx",
    "/index.vue",
];

/// What a template `src` may be written without.
const TEMPLATE_SUFFIXES: [&str; 3] = ["", ".wxml", ".wxs"];

/// The linked project: which pages reach which file.
pub struct Graph<'p> {
    project: &'p Project,
    files: &'p [ProjectFile],
    index: HashMap<&'p str, usize>,
    /// Every page, as `root/page` without extension, in app.json order.
    pub pages: Vec<String>,
    /// For each file, the indexes (into `pages`) of the pages that reach it.
    reached_by: Vec<Vec<u32>>,
    /// Files every page reaches (app.js, global components and what they load).
    everywhere: Vec<bool>,
}

impl<'p> Graph<'p> {
    /// Resolves every file's links and walks the graph from each page.
    pub fn build(project: &'p Project, results: &[FileResult]) -> Self {
        let files = &project.files[..];
        let index = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.rel.as_str(), i))
            .collect();
        let mut graph = Graph {
            project,
            files,
            index,
            pages: Vec::new(),
            reached_by: vec![Vec::new(); files.len()],
            everywhere: vec![false; files.len()],
        };
        // Resolving every file's paths is most of the work: on the worker
        // threads, when called from the audit's pool.
        let edges: Vec<Vec<usize>> = files
            .par_iter()
            .zip(results)
            .map(|(file, result)| graph.edges(file, &result.links))
            .collect();

        let app = &project.app;
        let mut pages = app.pages.clone();
        for sub in &app.subpackages {
            pages.extend(sub.pages.iter().map(|p| join_rel(&sub.root, p)));
        }
        let mut seen = HashSet::new();
        pages.retain(|p| seen.insert(p.clone()));

        // What every page loads: app.js and what it imports, the custom tab
        // bar. app.json's global components link to the templates that use
        // their tag (see `edges`).
        let mut global = graph.unit(&graph.in_root("app"));
        if graph.is_framework_source() {
            // uni-app: App.vue and main.js; Taro: app.ts (above).
            global.extend(graph.unit(&graph.in_root("App")));
            global.extend(graph.unit(&graph.in_root("main")));
        }
        if app.custom_tab_bar {
            global.extend(graph.unit(&graph.in_root("custom-tab-bar/index")));
        }
        let mut everywhere = vec![false; files.len()];
        let mut visited = Vec::new();
        walk(&global, &edges, &mut everywhere, &mut visited);
        graph.everywhere = everywhere;

        // Each page's walk touches the files it reaches, not every file.
        let mut reached = vec![false; files.len()];
        for (i, page) in pages.iter().enumerate() {
            visited.clear();
            walk(
                &graph.unit(&graph.in_root(page)),
                &edges,
                &mut reached,
                &mut visited,
            );
            for &file in &visited {
                reached[file] = false;
                if !graph.everywhere[file] {
                    graph.reached_by[file].push(i as u32);
                }
            }
        }
        graph.pages = pages;
        graph
    }

    /// Whether `rel` is loaded by every page (app.js and what it imports,
    /// the custom tab bar).
    pub fn is_everywhere(&self, rel: &str) -> bool {
        self.index.get(rel).is_some_and(|&i| self.everywhere[i])
    }

    /// The pages that reach `rel`, sorted.
    pub fn pages_of(&self, rel: &str) -> Vec<String> {
        let Some(&i) = self.index.get(rel) else {
            return Vec::new();
        };
        let mut out: Vec<String> = if self.everywhere[i] {
            self.pages.clone()
        } else {
            self.reached_by[i]
                .iter()
                .map(|&p| self.pages[p as usize].clone())
                .collect()
        };
        out.sort();
        out
    }

    /// Whether the project is Taro or uni-app source (its config is not app.json).
    fn is_framework_source(&self) -> bool {
        self.project.framework.is_some()
    }

    fn in_root(&self, path: &str) -> String {
        join_rel(&self.project.miniprogram_root, path)
    }

    /// The files a page or component at `base` (no extension) is made of.
    fn unit(&self, base: &str) -> Vec<usize> {
        let mut key = String::with_capacity(base.len() + 8);
        UNIT_EXTENSIONS
            .iter()
            .filter_map(|ext| self.lookup(&mut key, base, ext))
            .collect()
    }

    /// The index of the file at `base` + `suffix`, built in `key`.
    fn lookup(&self, key: &mut String, base: &str, suffix: &str) -> Option<usize> {
        key.clear();
        key.push_str(base);
        key.push_str(suffix);
        self.index.get(key.as_str()).copied()
    }

    /// The files `file` loads.
    fn edges(&self, file: &ProjectFile, links: &Links) -> Vec<usize> {
        let suffixes: &[&str] = match file.kind {
            FileKind::Wxml => &TEMPLATE_SUFFIXES,
            _ => &SCRIPT_SUFFIXES,
        };
        let mut out: Vec<usize> = links
            .imports
            .iter()
            .filter_map(|spec| self.resolve(&file.rel, spec, suffixes))
            .collect();
        for path in &links.components {
            out.extend(self.component(&file.rel, path));
        }
        let global = &self.project.app.using_components;
        for tag in &links.tags {
            if let Some(path) = global.get(tag) {
                out.extend(self.component(&self.project.app_json_file, path));
            }
        }
        out
    }

    /// The files of the component `path`, used by the config `from`.
    fn component(&self, from: &str, path: &str) -> Vec<usize> {
        if path.starts_with("plugin://") || path.starts_with("plugin-private://") {
            return Vec::new();
        }
        for base in self.candidates(from, path) {
            for base in [base.clone(), format!("{base}/index")] {
                let unit = self.unit(&base);
                if !unit.is_empty() {
                    return unit;
                }
            }
        }
        Vec::new()
    }

    /// The file a module, template or script path written in `from` loads.
    pub fn resolve(&self, from: &str, spec: &str, suffixes: &[&str]) -> Option<usize> {
        let mut key = String::new();
        self.candidates(from, spec).into_iter().find_map(|base| {
            suffixes
                .iter()
                .find_map(|s| self.lookup(&mut key, &base, s))
        })
    }

    /// Where `spec`, written in `from`, may point, most likely first:
    /// `resolveAlias`, relative, absolute from the mini program root, then a
    /// `miniprogram_npm` package in `from`'s folder or any folder above it.
    fn candidates(&self, from: &str, spec: &str) -> Vec<String> {
        let spec = spec.trim();
        if spec.is_empty() {
            return Vec::new();
        }
        let root = &self.project.miniprogram_root;
        let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
        let mut out = Vec::new();
        for (pattern, target) in &self.project.app.resolve_alias {
            let (prefix, target) = match (pattern.strip_suffix('*'), target.strip_suffix('*')) {
                (Some(p), Some(t)) => (p, t),
                _ => (pattern.as_str(), target.as_str()),
            };
            if let Some(rest) = spec.strip_prefix(prefix) {
                if pattern.ends_with('*') || rest.is_empty() {
                    let target = format!("{}{rest}", target.trim_start_matches('/'));
                    out.extend(normalize(&join_rel(root, &target)));
                }
            }
        }
        if let Some(rest) = spec
            .strip_prefix("@/")
            .filter(|_| self.is_framework_source())
        {
            // Taro's and uni-app's default `@` alias: the source root.
            out.extend(normalize(&join_rel(root, rest)));
        }
        if let Some(absolute) = spec.strip_prefix('/') {
            out.extend(normalize(&join_rel(root, absolute)));
        } else if spec.starts_with("./") || spec.starts_with("../") {
            out.extend(normalize(&join_rel(dir, spec)));
        } else {
            // A bare path: an npm package first (`@vant/weapp/button/index`),
            // then, as WeChat's require also allows, relative to the file and
            // to the root.
            let mut folder = Some(dir.to_owned());
            while let Some(d) = folder {
                out.extend(normalize(&join_rel(&join_rel(&d, "miniprogram_npm"), spec)));
                folder = d
                    .rsplit_once('/')
                    .map(|(up, _)| up.to_owned())
                    .or_else(|| (!d.is_empty() && d != ".").then(String::new));
            }
            out.extend(normalize(&join_rel(dir, spec)));
            out.extend(normalize(&join_rel(root, spec)));
        }
        out
    }

    /// The audited-folder path of the template `src` written in `from`.
    pub fn resolve_template(&self, from: &str, src: &str) -> Option<String> {
        self.resolve(from, src, &TEMPLATE_SUFFIXES)
            .map(|i| self.files[i].rel.clone())
    }

    /// The index of the file at `rel`.
    pub fn file_index(&self, rel: &str) -> Option<usize> {
        self.index.get(rel).copied()
    }

    /// The files that were linked.
    pub fn files(&self) -> &[ProjectFile] {
        self.files
    }
}

/// Marks everything reachable from `start`, and lists what it marks in
/// `visited`.
fn walk(start: &[usize], edges: &[Vec<usize>], seen: &mut [bool], visited: &mut Vec<usize>) {
    let mut stack: Vec<usize> = start.to_vec();
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        visited.push(i);
        stack.extend(edges[i].iter().copied().filter(|&j| !seen[j]));
    }
}

/// Removes `.` and `..` segments; `None` when `..` climbs above the audited folder.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// Authorize uses that reach `wx.authorize` through a wrapper function: a
/// literal scope passed to a same-file or imported function whose parameter
/// flows into the `scope` (directly, or through further wrappers).
pub fn wrapper_uses(graph: &Graph<'_>, results: &[FileResult], ruleset: &Ruleset) -> Vec<Use> {
    type Key = (usize, String, usize, Shape);
    let files = graph.files();
    let app_file = ["app.js", "app.ts"]
        .iter()
        .find_map(|name| graph.file_index(&graph.in_root(name)));

    // The functions each callee may be.
    let targets = |from: usize, callee: &Target| -> Vec<(usize, String)> {
        match callee {
            Target::Local(name) => vec![(from, name.clone())],
            Target::App(name) => app_file.map(|a| (a, name.clone())).into_iter().collect(),
            Target::Import { spec, name } => {
                let Some(target) = graph.resolve(&files[from].rel, spec, &SCRIPT_SUFFIXES) else {
                    return Vec::new();
                };
                let exports = &results[target].links.exports;
                let locals: Vec<(usize, String)> = exports
                    .iter()
                    .filter(|(exported, _)| exported == name)
                    .map(|(_, local)| (target, local.clone()))
                    .collect();
                if locals.is_empty() {
                    vec![(target, name.clone())]
                } else {
                    locals
                }
            }
            Target::Authorize => Vec::new(),
        }
    };

    let mut resolved: HashMap<Key, Location> = HashMap::new();
    for (f, result) in results.iter().enumerate() {
        for (def, at) in &result.links.wrappers {
            if def.forward.is_none() {
                resolved
                    .entry((f, def.name.clone(), def.param, def.shape))
                    .or_insert_with(|| at.clone());
            }
        }
    }
    // Wrappers of wrappers settle in a few rounds.
    for _ in 0..8 {
        let before = resolved.len();
        for (f, result) in results.iter().enumerate() {
            for (def, at) in &result.links.wrappers {
                let Some((callee, arg)) = &def.forward else {
                    continue;
                };
                let key = (f, def.name.clone(), def.param, def.shape);
                if resolved.contains_key(&key) {
                    continue;
                }
                let hit = targets(f, callee)
                    .into_iter()
                    .any(|(t, name)| resolved.contains_key(&(t, name, *arg, def.shape)));
                if hit {
                    resolved.insert(key, at.clone());
                }
            }
        }
        if resolved.len() == before {
            break;
        }
    }

    let mut out: Vec<Use> = Vec::new();
    for (f, result) in results.iter().enumerate() {
        for linked in &result.links.calls {
            let (call, at) = (&linked.call, &linked.at);
            let via = if call.callee == Target::Authorize {
                Some(None)
            } else {
                targets(f, &call.callee).into_iter().find_map(|(t, name)| {
                    resolved
                        .get(&(t, name, call.arg, call.shape))
                        .map(|l| Some(format!("{}:{}:{}", l.file, l.line, l.column)))
                })
            };
            let Some(via) = via else { continue };
            let privacy_keys = ruleset
                .api(&call.scope)
                .map(|r| r.privacy_keys.clone())
                .unwrap_or_default();
            let entry = Use {
                api: "wx.authorize".to_owned(),
                privacy_keys,
                file: at.file.clone(),
                line: at.line,
                column: at.column,
                origin: files[f].origin.clone(),
                scope: Some(Some(call.scope.clone())),
                via,
                pages: Vec::new(),
                offset: at.offset,
                len: at.len,
                context: linked.context.clone(),
            };
            if !out.contains(&entry) {
                out.push(entry);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::AppJson;

    fn project(files: &[&str]) -> Project {
        let mut app = AppJson::default();
        app.resolve_alias.insert("@/*".into(), "/*".into());
        app.resolve_alias
            .insert("~utils".into(), "/lib/utils/index".into());
        Project {
            root: "p".into(),
            miniprogram_root: "mp".into(),
            app_json_file: "mp/app.json".into(),
            app,
            files: files
                .iter()
                .map(|rel| ProjectFile {
                    path: rel.into(),
                    rel: rel.to_string(),
                    kind: if rel.ends_with(".wxml") {
                        FileKind::Wxml
                    } else {
                        FileKind::Js
                    },
                    origin: "app".into(),
                    conditional_compilation: None,
                    strict_json: false,
                })
                .collect(),
            findings: Vec::new(),
            framework: None,
            unread: Vec::new(),
            ignored: Vec::new(),
            projectname: None,
            folder_name: "p".into(),
        }
    }

    #[test]
    fn module_paths_resolve_like_wechat() {
        let p = project(&[
            "mp/pages/a/a.js",
            "mp/utils/x.js",
            "mp/utils/dir/index.js",
            "mp/lib/utils/index.js",
            "mp/miniprogram_npm/dayjs/index.js",
            "mp/pages/miniprogram_npm/local/index.js",
            "mp/pages/a/sibling.js",
        ]);
        let results: Vec<FileResult> = p.files.iter().map(|_| FileResult::default()).collect();
        let g = Graph::build(&p, &results);
        let resolve = |spec: &str| {
            g.resolve("mp/pages/a/a.js", spec, &SCRIPT_SUFFIXES)
                .map(|i| p.files[i].rel.clone())
        };
        assert_eq!(resolve("../../utils/x").as_deref(), Some("mp/utils/x.js"));
        assert_eq!(resolve("/utils/x.js").as_deref(), Some("mp/utils/x.js"));
        assert_eq!(
            resolve("@/utils/dir").as_deref(),
            Some("mp/utils/dir/index.js")
        );
        assert_eq!(resolve("~utils").as_deref(), Some("mp/lib/utils/index.js"));
        assert_eq!(
            resolve("dayjs").as_deref(),
            Some("mp/miniprogram_npm/dayjs/index.js")
        );
        assert_eq!(
            resolve("local").as_deref(),
            Some("mp/pages/miniprogram_npm/local/index.js"),
            "the nearest miniprogram_npm folder above the file"
        );
        assert_eq!(resolve("sibling").as_deref(), Some("mp/pages/a/sibling.js"));
        assert_eq!(resolve("../../../../outside"), None);
        assert_eq!(resolve("missing"), None);
    }

    #[test]
    fn template_paths_resolve_with_or_without_extension() {
        let p = project(&[
            "mp/pages/a/a.wxml",
            "mp/pages/common/t.wxml",
            "mp/tpl/x.wxml",
        ]);
        let results: Vec<FileResult> = p.files.iter().map(|_| FileResult::default()).collect();
        let g = Graph::build(&p, &results);
        let from = "mp/pages/a/a.wxml";
        assert_eq!(
            g.resolve_template(from, "../common/t.wxml").as_deref(),
            Some("mp/pages/common/t.wxml")
        );
        assert_eq!(
            g.resolve_template(from, "/tpl/x").as_deref(),
            Some("mp/tpl/x.wxml")
        );
        assert_eq!(g.resolve_template(from, "../../../../x.wxml"), None);
    }

    #[test]
    fn normalize_resolves_dots_and_refuses_to_climb_out() {
        assert_eq!(normalize("pages/a/../b/./c").as_deref(), Some("pages/b/c"));
        assert_eq!(normalize("./x").as_deref(), Some("x"));
        assert_eq!(normalize("../x"), None);
    }
}
