//! uni-app: `manifest.json` → `mp-weixin` and `pages.json` (or the
//! `@uni-helper` `*.config.ts` files), in the audited folder (HBuilderX) or
//! in `src/` (CLI); without pages, the pages under `src/pages`.

use super::js_config::{exported_object, read_config_node, script_kind_of};
use super::{package_dependencies, Source, CONFIG_EXTENSIONS};
use super::{read_app_fields, read_config, read_subpackages, read_using_components, AppJson};
use crate::config_file::{json_syntax_finding, shape_finding, ConfigFile, ConfigNode, ConfigValue};
use crate::diagnostic::Finding;
use crate::fs::join_rel;
use crate::i18n::{t, Lang};
use crate::json;
use crate::parse;
use crate::parse::ifdef::Build;
use crate::ruleset::Framework;
use crate::source::FileKind;
use std::path::Path;

/// uni-app: pages from `pages.json` (HBuilderX: in the folder; CLI: in
/// `src/`) or `pages.config.ts` (`@uni-helper/vite-plugin-uni-pages`), the
/// `mp-weixin` settings from `manifest.json` or `manifest.config.ts`
/// (`@uni-helper/vite-plugin-uni-manifest`). Both are needed: without the
/// manifest, app.json's privacy settings are unknown.
pub(super) fn uni_app(
    root: &Path,
    declared: &[&Framework],
    lang: Lang,
    findings: &mut Vec<Finding>,
) -> Option<Source> {
    let found = |dirs: &[&str], names: &[String]| {
        dirs.iter().find_map(|dir| {
            names
                .iter()
                .map(|name| join_rel(dir, name))
                .find(|rel| root.join(rel).is_file())
        })
    };
    let configs = |base: &str| {
        CONFIG_EXTENSIONS
            .iter()
            .map(|ext| format!("{base}.{ext}"))
            .collect::<Vec<_>>()
    };
    let pages = found(&[".", "src"], &["pages.json".to_owned()])
        .or_else(|| found(&[".", "src"], &configs("pages.config")))?;
    let manifest = found(&[".", "src"], &["manifest.json".to_owned()])
        .or_else(|| found(&[".", ".config", "src"], &configs("manifest.config")))?;
    let vite = declared.iter().any(|f| f.name == "uni-app")
        && package_dependencies(root)
            .iter()
            .any(|p| p == "@dcloudio/vite-plugin-uni");
    let mut build = Build {
        vue3: vite,
        uni_app_x: false,
    };
    let mut app = if manifest.ends_with(".json") {
        read_json(root, &manifest, None, lang, findings)
            .map(|(text, node)| {
                build.vue3 |= node.get("vueVersion").and_then(ConfigNode::as_str) == Some("3");
                build.uni_app_x = node.get("uni-app-x").is_some();
                read_manifest(&manifest, &text, &node, lang, findings)
            })
            .unwrap_or_else(AppJson::unreadable)
    } else {
        build.vue3 = true; // the manifest plugin is a Vite plugin
        read_config(&root.join(&manifest), &manifest, lang, findings)
            .and_then(|text| {
                read_config_node(
                    &manifest,
                    &text,
                    script_kind_of(&manifest),
                    exported_object,
                    lang,
                    findings,
                    |file, node, findings| {
                        build.uni_app_x = node.get("uni-app-x").is_some();
                        read_manifest(file.rel, file.text, node, lang, findings)
                    },
                )
            })
            .unwrap_or_else(AppJson::unreadable)
    };
    // Sources: beside pages.json; for the Vite plugins' configs at the
    // project root, in src/.
    let miniprogram_root = if pages.ends_with("pages.json") {
        pages.rsplit_once('/').map_or(".", |(d, _)| d).to_owned()
    } else if root.join("src").is_dir() {
        "src".to_owned()
    } else {
        ".".to_owned()
    };
    if pages.ends_with(".json") {
        if let Some((text, node)) = read_json(root, &pages, Some(build), lang, findings) {
            read_pages_json(&pages, &text, &node, &mut app, lang, findings);
        }
    } else if let Some(text) = read_config(&root.join(&pages), &pages, lang, findings) {
        let listed = read_config_node(
            &pages,
            &text,
            script_kind_of(&pages),
            exported_object,
            lang,
            findings,
            |file, node, findings| {
                read_pages_json(file.rel, file.text, node, &mut app, lang, findings);
                node.get("pages").is_some()
            },
        );
        if listed != Some(true) {
            // vite-plugin-uni-pages scans src/pages for the pages a config
            // does not list.
            app.pages = scan_pages(&root.join(&miniprogram_root).join("pages"));
        }
    }
    Some(Source {
        miniprogram_root,
        config_file: manifest,
        app,
        framework: "uni-app".to_owned(),
        build: Some(build),
    })
}

/// The pages `@uni-helper/vite-plugin-uni-pages` finds by itself: every
/// `.vue`, `.nvue` and `.uvue` file under `pages/`, as `pages/<path>`.
fn scan_pages(pages_dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(pages_dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let within = e.path().strip_prefix(pages_dir).ok()?;
            let within = crate::fs::slash_path(within);
            let stem = [".vue", ".nvue", ".uvue"]
                .iter()
                .find_map(|ext| within.strip_suffix(ext))?;
            Some(format!("pages/{stem}"))
        })
        .collect();
    out.dedup();
    out
}

/// Reads a JSON config file into a node; syntax errors become findings.
/// With a `build`, the blocks of `// #ifdef` conditional compilation that
/// are not in the WeChat build are blanked first (uni-app's pages.json).
fn read_json(
    root: &Path,
    rel: &str,
    build: Option<Build>,
    lang: Lang,
    findings: &mut Vec<Finding>,
) -> Option<(String, ConfigNode)> {
    let mut text = read_config(&root.join(rel), rel, lang, findings)?;
    if let Some(build) = build.filter(|_| crate::parse::ifdef::has_directives(&text)) {
        let comments = parse::lex_comments(&text, FileKind::Js);
        let cut = crate::parse::ifdef::excluded(
            comments.iter().map(|c| (c.offset, c.len, &*c.text)),
            build,
        );
        if !cut.is_empty() {
            text = crate::parse::ifdef::blank(&text, &cut);
        }
    }
    let node = match json::parse(&text) {
        Ok(Some(value)) => ConfigNode::from_json(&value),
        Ok(None) => return None,
        Err(err) => {
            findings.push(json_syntax_finding(rel, &text, &err, lang));
            return None;
        }
    };
    Some((text, node))
}

/// `mp-weixin` of a uni-app manifest.json, read as app.json's fields.
pub(super) fn read_manifest(
    rel: &str,
    text: &str,
    manifest: &ConfigNode,
    lang: Lang,
    findings: &mut Vec<Finding>,
) -> AppJson {
    let file = ConfigFile { rel, text, lang };
    let Some(weixin) = manifest.get("mp-weixin") else {
        return AppJson::default();
    };
    let ConfigValue::Object(props) = &weixin.value else {
        file.wrong(findings, weixin, |found| {
            t!(
                lang,
                "shape-must-be-object",
                key = "mp-weixin",
                found = found
            )
        });
        return AppJson::unreadable();
    };
    // `"usingComponents": true` is uni-app's switch for the custom component mode.
    let weixin = ConfigNode {
        value: ConfigValue::Object(
            props
                .iter()
                .filter(|(k, v)| {
                    !(k == "usingComponents" && matches!(v.value, ConfigValue::Bool(_)))
                })
                .cloned()
                .collect(),
        ),
        range: weixin.range,
    };
    read_app_fields(&file, &weixin, findings)
}

/// uni-app's pages.json: `pages[].path`, `subPackages[].root` and
/// `subPackages[].pages[].path`, `globalStyle.usingComponents` and each
/// page's `style.usingComponents`.
pub(super) fn read_pages_json(
    rel: &str,
    text: &str,
    node: &ConfigNode,
    app: &mut AppJson,
    lang: Lang,
    findings: &mut Vec<Finding>,
) {
    let file = ConfigFile { rel, text, lang };
    if !matches!(node.value, ConfigValue::Object(_)) {
        file.wrong(findings, node, |found| {
            t!(
                lang,
                "shape-file-must-be-object",
                file = "pages.json",
                found = found
            )
        });
        return;
    }
    let mut components = std::mem::take(&mut app.using_components);
    let page_paths =
        |file: &ConfigFile<'_>,
         list: &ConfigNode,
         what: &str,
         findings: &mut Vec<Finding>,
         components: &mut std::collections::BTreeMap<String, String>| {
            let ConfigValue::Array(items) = &list.value else {
                file.wrong(findings, list, |found| {
                    t!(
                        file.lang,
                        "shape-must-be-page-array",
                        key = what,
                        found = found
                    )
                });
                return Vec::new();
            };
            let mut paths = Vec::new();
            for item in items {
                if !matches!(item.value, ConfigValue::Object(_)) {
                    file.wrong(findings, item, |found| {
                        t!(
                            file.lang,
                            "shape-entries-must-be-pages",
                            key = what,
                            found = found
                        )
                    });
                    continue;
                }
                match item.get("path") {
                    Some(path) => match path.as_str() {
                        Some(p) => paths.push(p.to_owned()),
                        None => file.wrong(findings, path, |found| {
                            t!(file.lang, "shape-page-path-string", found = found)
                        }),
                    },
                    None => findings.push(shape_finding(
                        file.rel,
                        file.text,
                        item.range,
                        t!(file.lang, "shape-page-no-path", key = what),
                    )),
                }
                if let Some(using) = item.get("style").and_then(|s| s.get("usingComponents")) {
                    read_using_components(file, using, components, findings);
                }
            }
            paths
        };
    if let Some(list) = node.get("pages") {
        app.pages = page_paths(&file, list, "pages", findings, &mut components);
    }
    let subpackage_components = std::cell::RefCell::new(std::collections::BTreeMap::new());
    app.subpackages = read_subpackages(&file, node, findings, |file, list, findings| {
        page_paths(
            file,
            list,
            "subpackage pages",
            findings,
            &mut subpackage_components.borrow_mut(),
        )
    });
    components.extend(subpackage_components.into_inner());
    if let Some(using) = node
        .get("globalStyle")
        .and_then(|s| s.get("usingComponents"))
    {
        read_using_components(&file, using, &mut components, findings);
    }
    app.using_components = components;
}
