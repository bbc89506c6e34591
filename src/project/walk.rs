//! The walk: the files under the mini program root, what each one is, and
//! what a framework source tree leaves out.

use std::path::{Path, PathBuf};

use crate::config::Ignore;
use crate::diagnostic::{point, Finding};
use crate::fs::{join_rel, slash_path};
use crate::i18n::{t, Lang};
use crate::ruleset::Ruleset;
use crate::source::FileKind;

use super::ProjectFile;

/// What a framework source tree leaves out of the walk.
#[derive(Default)]
pub(super) struct WalkRules {
    /// Folders directly under the mini program root that hold build output.
    pub(super) skip: &'static [&'static str],
    /// uni-app: uniCloud folders are server code, and `platforms/<p>/`
    /// (and `utssdk/<p>/`) folders count only for `mp-weixin`.
    pub(super) uni_app: bool,
    /// uni-app x: `.uvue` and `.uts` files are built; in other uni-app
    /// projects they belong to uni-app x builds of `uni_modules` and are not.
    pub(super) uni_app_x: bool,
    /// Taro: files for other platforms (`x.h5.ts`) are not in the WeChat
    /// build, and `x.weapp.ts` replaces `x.ts`.
    pub(super) taro: bool,
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

/// Lists the files under the mini program root, sorted. Skips `node_modules`,
/// `.git` and hidden folders, and the folders named in `skip` directly under
/// the mini program root (build output next to framework sources); never
/// follows symlinked folders, and keeps `miniprogram_npm` (it ships in the
/// package). Findings are written in `lang`.
#[allow(clippy::too_many_arguments)] // where, what to skip, and two outputs
pub(super) fn walk(
    root: &Path,
    miniprogram_root: &str,
    rules: &WalkRules,
    ignore: &Ignore,
    ruleset: &Ruleset,
    lang: Lang,
    findings: &mut Vec<Finding>,
    ignored: &mut Vec<String>,
) -> (Vec<ProjectFile>, Vec<String>) {
    let base = root.join(miniprogram_root);
    let real = Real {
        lang,
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
                    &crate::rule::pipeline::UNREADABLE_FILE,
                    point(&rel),
                    t!(lang, "fs-unreadable", file = &rel, error = err.to_string()),
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
    lang: Lang,
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
                let (lang, error) = (real.lang, err.to_string());
                let message = if is_link_loop(path) {
                    t!(
                        lang,
                        "walk-link-loop",
                        file = rel,
                        target = &shown,
                        error = &error
                    )
                } else {
                    t!(
                        lang,
                        "walk-link-broken",
                        file = rel,
                        target = &shown,
                        error = &error
                    )
                };
                findings.push(
                    Finding::new(&crate::rule::pipeline::UNREADABLE_FILE, point(rel), message)
                        .help(t!(real.lang, "walk-link-broken-help")),
                );
            }
            return false;
        }
    };
    if target.is_dir() {
        if !(target.starts_with(&real.base) || real.base.starts_with(&target)) {
            findings.push(
                Finding::new(
                    &crate::rule::pipeline::UNREADABLE_FILE,
                    point(rel),
                    t!(
                        real.lang,
                        "walk-link-folder-outside",
                        file = rel,
                        target = &shown
                    ),
                )
                .help(t!(real.lang, "walk-link-folder-outside-help")),
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
                &crate::rule::pipeline::UNREADABLE_FILE,
                point(rel),
                t!(
                    real.lang,
                    "walk-link-file-outside",
                    file = rel,
                    target = &shown
                ),
            )
            .help(t!(real.lang, "walk-link-file-outside-help")),
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
