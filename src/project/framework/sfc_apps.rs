//! The single-file-component frameworks: WePY's `src/app.wpy` and Mpx's
//! `app.mpx`, whose config is a block of the app component.

use super::js_config::{
    class_config, exported_object, isolate, parenthesized, read_object_config, script_kind_of,
};
use super::Source;
use super::{read_config, AppJson};
use crate::diagnostic::Finding;
use crate::fs::join_rel;
use crate::i18n::Lang;
use crate::source::FileKind;
use std::path::Path;

/// WePY: `src/app.wpy`, whose config is the `config = {…}` class property
/// of the app class (1.x) or the `<config>` block (2.x), a JS object literal.
pub(super) fn wepy(root: &Path, lang: Lang, findings: &mut Vec<Finding>) -> Option<Source> {
    // src/app.wpy from the project folder; app.wpy when auditing src/ itself.
    let (dir, rel) = ["src", "."].into_iter().find_map(|dir| {
        let rel = join_rel(dir, "app.wpy");
        root.join(&rel).is_file().then_some((dir, rel))
    })?;
    let text = read_config(&root.join(&rel), &rel, lang, findings);
    let app = text
        .map(|text| read_component_config(root, &rel, &text, lang, findings))
        .unwrap_or_else(AppJson::unreadable);
    Some(Source {
        miniprogram_root: dir.to_owned(),
        config_file: rel,
        app,
        framework: "wepy".to_owned(),
        build: None,
    })
}

/// Mpx: `src/app.mpx` (or `app.mpx`), whose JSON block lists the pages and
/// `packages` (`./pkg/app.mpx?root=pkg`), each package an `app.mpx` of its
/// own whose pages are relative to its folder.
pub(super) fn mpx(root: &Path, lang: Lang, findings: &mut Vec<Finding>) -> Option<Source> {
    // The Mpx CLI's templates: src/app.mpx; with cloud development,
    // src/miniprogram/app.mpx beside src/functions.
    let (dir, rel) = ["src", ".", "src/miniprogram"]
        .into_iter()
        .find_map(|dir| {
            let rel = join_rel(dir, "app.mpx");
            root.join(&rel).is_file().then_some((dir, rel))
        })?;
    let mut app = read_config(&root.join(&rel), &rel, lang, findings)
        .map(|text| read_component_config(root, &rel, &text, lang, findings))
        .unwrap_or_else(AppJson::unreadable);
    app.pages = app.pages.iter().map(|p| mpx_page(p)).collect();
    for sub in &mut app.subpackages {
        sub.pages = sub.pages.iter().map(|p| mpx_page(p)).collect();
    }
    let packages = std::mem::take(&mut app.mpx_packages);
    for package in packages {
        let path = package.split('?').next().unwrap_or_default();
        let package_rel = normalize_rel(dir, path);
        let Some(text) = read_config(&root.join(&package_rel), &package_rel, lang, findings) else {
            continue;
        };
        let inner = read_component_config(root, &package_rel, &text, lang, findings);
        let within = package_rel
            .strip_prefix(dir)
            .map(|r| r.trim_start_matches('/'))
            .unwrap_or(&package_rel);
        let folder = within.rsplit_once('/').map_or("", |(f, _)| f).to_owned();
        app.subpackages.push(crate::project::Subpackage {
            root: folder,
            pages: inner.pages.iter().map(|p| mpx_page(p)).collect(),
        });
    }
    Some(Source {
        miniprogram_root: dir.to_owned(),
        config_file: rel,
        app,
        framework: "mpx".to_owned(),
        build: None,
    })
}

/// An Mpx page request (`./pages/index`, `pages/index.mpx`) as a page path.
pub(super) fn mpx_page(page: &str) -> String {
    let page = page.trim_start_matches("./").trim_start_matches('/');
    page.strip_suffix(".mpx").unwrap_or(page).to_owned()
}

/// `path` (relative to the folder `dir`, `./` and `../` allowed) relative
/// to the audited folder.
pub(super) fn normalize_rel(dir: &str, path: &str) -> String {
    let mut parts: Vec<&str> = dir
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The app config of a single-file component (`app.wpy`, `app.mpx`): its
/// config block (WePY 2's `<config>`, Mpx's JSON script, read as a JS
/// object literal, JSON5 included), else the `config` class property of its
/// script (WePY 1), else the object its script exports as JSON (Mpx's
/// `<script name="json">`). Mpx's `packages` are kept for the caller.
pub(super) fn read_component_config(
    root: &Path,
    rel: &str,
    text: &str,
    lang: Lang,
    findings: &mut Vec<Finding>,
) -> AppJson {
    let blocks = crate::parse::sfc::blocks(text);
    let shipped = |b: &&crate::parse::sfc::Block| b.attr("mode").is_none_or(|m| m.trim() == "wx");
    if let Some(block) = blocks
        .iter()
        .filter(shipped)
        .rfind(|b| b.kind == crate::parse::sfc::BlockKind::Config)
    {
        if let Some(src) = block.attr("src") {
            // `<script name="json" src="./app.config.js">`
            let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
            let config_rel = normalize_rel(dir, src);
            let mut read = Vec::new();
            let Some(config_text) =
                read_config(&root.join(&config_rel), &config_rel, lang, &mut read)
            else {
                findings.extend(read);
                return AppJson::unreadable();
            };
            return read_object_config(
                &config_rel,
                &config_text,
                script_kind_of(&config_rel),
                exported_object,
                lang,
                findings,
            );
        }
        let is_module = block.attr("name") == Some("json");
        let isolated = isolate(text, block.offset, block.len, !is_module);
        return read_object_config(
            rel,
            &isolated,
            FileKind::Js,
            if is_module {
                exported_object
            } else {
                parenthesized
            },
            lang,
            findings,
        );
    }
    let Some(block) = blocks
        .iter()
        .filter(shipped)
        .find(|b| b.kind == crate::parse::sfc::BlockKind::Script && !b.has_attr("src"))
    else {
        return AppJson::unreadable();
    };
    let kind = match block.lang.as_deref() {
        Some("ts" | "typescript") => FileKind::Ts,
        _ => FileKind::Js,
    };
    let isolated = isolate(text, block.offset, block.len, false);
    read_object_config(rel, &isolated, kind, class_config, lang, findings)
}
