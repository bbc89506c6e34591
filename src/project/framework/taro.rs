//! Taro: `src/app.config.ts` (Taro 3), or the `config` of the App class in
//! `src/app.jsx` (Taro 1/2).

use super::js_config::{class_config, read_object_config, read_taro_config, script_kind_of};
use super::Source;
use super::{read_config, AppJson};
use crate::diagnostic::Finding;
use crate::fs::join_rel;
use crate::i18n::Lang;
use std::path::Path;

pub(super) fn taro(root: &Path, lang: Lang, findings: &mut Vec<Finding>) -> Option<Source> {
    let (dir, rel) = ["src", "."].into_iter().find_map(|dir| {
        ["app.config.ts", "app.config.js"]
            .into_iter()
            .map(|name| join_rel(dir, name))
            .find(|rel| root.join(rel).is_file())
            .map(|rel| (dir, rel))
    })?;
    let app = read_config(&root.join(&rel), &rel, lang, findings)
        .map(|text| read_taro_config(&rel, &text, lang, findings))
        .unwrap_or_else(AppJson::unreadable);
    Some(Source {
        miniprogram_root: dir.to_owned(),
        config_file: rel,
        app,
        framework: "taro".to_owned(),
        build: None,
    })
}

/// Taro 1 and 2: the app config is the `config` class property of the App
/// component in `src/app.jsx` (or `.tsx`, `.js`, `.ts`).
pub(super) fn taro_class(root: &Path, lang: Lang, findings: &mut Vec<Finding>) -> Option<Source> {
    let rel = ["app.jsx", "app.tsx", "app.js", "app.ts"]
        .into_iter()
        .map(|name| join_rel("src", name))
        .find(|rel| root.join(rel).is_file())?;
    let text = read_config(&root.join(&rel), &rel, lang, findings)?;
    let kind = script_kind_of(&rel);
    let app = read_object_config(&rel, &text, kind, class_config, lang, findings);
    Some(Source {
        miniprogram_root: "src".to_owned(),
        config_file: rel,
        app,
        framework: "taro".to_owned(),
        build: None,
    })
}
