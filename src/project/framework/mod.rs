//! Framework sources as the app.json equivalent, for projects audited before
//! they are built (no compiled app.json in the audited folder):
//!
//! - Taro: `src/app.config.ts` (or `.js`, or at the audited folder itself),
//!   parsed with swc: the literal object of `export default
//!   defineAppConfig({...})`, `export default {...}`, `const config = {...};
//!   export default config` or `module.exports = {...}`. Non-literal values
//!   (a spread, a variable) are skipped.
//! - uni-app: `manifest.json` → `mp-weixin` (`requiredPrivateInfos`,
//!   `permission`, `__usePrivacyCheck__`, …) and `pages.json` for the pages,
//!   in the audited folder (HBuilderX) or in `src/` (CLI).
//!
//! - WePY and Mpx: the config block of `app.wpy` / `app.mpx` (`sfc_apps`).
//!
//! All end in the same [`AppJson`] the checks read, through the readers that
//! app.json uses. This file picks the framework (`package.json`, then which
//! config exists); `js_config` reads configs written in JS or TS.

mod js_config;
mod sfc_apps;
mod taro;
mod uni_app;

use super::{
    read_app_fields, read_app_object, read_config, read_subpackages, read_using_components,
    AppJson, DiscoverError,
};
use crate::diagnostic::Finding;
use crate::i18n::{t, Lang};
use crate::json;
use crate::parse::ifdef::Build;
use crate::ruleset::{Framework, Ruleset};
pub(crate) use js_config::config_object;
use sfc_apps::{mpx, wepy};
use std::path::Path;
use taro::{taro, taro_class};
use uni_app::uni_app;

/// A framework source project's config, read.
#[derive(Debug)]
pub(super) struct Source {
    /// The folder holding the sources (`src`, or `.`), relative to the audited folder.
    pub miniprogram_root: String,
    /// The file whose findings stand for app.json (`src/app.config.ts`,
    /// `manifest.json`, `src/app.wpy`, `src/app.mpx`).
    pub config_file: String,
    /// The config, as app.json would hold it.
    pub app: AppJson,
    /// The framework table row's name: `taro`, `uni-app`, `wepy`, `mpx`.
    pub framework: String,
    /// For uni-app: the conditional-compilation names of the WeChat build.
    pub build: Option<Build>,
}

/// Folders of a framework source tree that hold build output, never audited.
pub(crate) const BUILD_OUTPUT: [&str; 2] = ["dist", "unpackage"];

/// Script extensions a framework config may be written in, in the order
/// the frameworks' tools try them.
pub(super) const CONFIG_EXTENSIONS: [&str; 6] = ["ts", "mts", "cts", "js", "mjs", "cjs"];

/// Reads the config of the framework source project in `root`, if it has
/// one. Single-file-component apps (Mpx's `app.mpx`, WePY's `app.wpy`) are
/// tried first: their folders may hold an `app.config.js` that is not Taro's.
/// A folder whose `package.json` depends on a framework of the table but
/// holds no config mpaudit can read is an error that says so, never "no mini
/// program found".
pub(super) fn read(
    root: &Path,
    ruleset: &Ruleset,
    lang: Lang,
    findings: &mut Vec<Finding>,
) -> Result<Option<Source>, DiscoverError> {
    let declared = package_frameworks(root, ruleset);
    let declares = |name: &str| declared.iter().any(|f| f.name == name);
    if let Some(source) = mpx(root, lang, findings) {
        return Ok(Some(source));
    }
    if let Some(source) = wepy(root, lang, findings) {
        return Ok(Some(source));
    }
    if let Some(source) = taro(root, lang, findings) {
        return Ok(Some(source));
    }
    if let Some(source) = uni_app(root, &declared, lang, findings) {
        return Ok(Some(source));
    }
    if declares("taro") {
        if let Some(source) = taro_class(root, lang, findings) {
            return Ok(Some(source));
        }
    }
    let Some(framework) = declared.first() else {
        return Ok(None);
    };
    let looked_for = match framework.name.as_str() {
        "taro" => t!(lang, "discover-looked-for-taro"),
        "uni-app" => t!(lang, "discover-looked-for-uni-app"),
        "wepy" => "src/app.wpy".to_owned(),
        "mpx" => t!(lang, "discover-looked-for-mpx"),
        _ => t!(lang, "discover-looked-for-other"),
    };
    let mut message = t!(
        lang,
        "discover-framework-without-config",
        folder = root.display().to_string(),
        framework = &framework.title,
        looked_for = looked_for
    );
    let candidates = crate::project::app_json_candidates(root);
    if !candidates.is_empty() {
        message.push_str("\n  ");
        message.push_str(&t!(
            lang,
            "discover-app-json-found-in",
            folders = candidates.join(", ")
        ));
    }
    Err(DiscoverError(message))
}

/// The frameworks `root/package.json` depends on (`dependencies`,
/// `devDependencies`), in table order. An unreadable package.json marks none:
/// it is not a mini program config.
fn package_frameworks<'r>(root: &Path, ruleset: &'r Ruleset) -> Vec<&'r Framework> {
    let names = package_dependencies(root);
    ruleset
        .frameworks
        .iter()
        .filter(|f| f.packages.iter().any(|p| names.contains(p)))
        .collect()
}

/// The `dependencies` and `devDependencies` of `root/package.json`; none
/// when it cannot be read.
pub(super) fn package_dependencies(root: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(root.join("package.json")) else {
        return Vec::new();
    };
    let Ok(Some(json::Value::Object(obj))) = json::parse(&text) else {
        return Vec::new();
    };
    let mut names = Vec::new();
    for key in ["dependencies", "devDependencies"] {
        if let Some(json::Value::Object(deps)) = json::get(&obj, key).map(|p| &p.value) {
            names.extend(deps.properties.iter().map(|p| p.name.as_str().to_owned()));
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::js_config::read_taro_config;
    use super::sfc_apps::{mpx_page, normalize_rel, read_component_config};
    use super::uni_app::{read_manifest, read_pages_json};
    use super::*;
    use crate::config_file::ConfigNode;

    fn taro(text: &str) -> (AppJson, Vec<Finding>) {
        let mut findings = Vec::new();
        let app = read_taro_config("src/app.config.ts", text, Lang::En, &mut findings);
        (app, findings)
    }

    #[test]
    fn taro_define_app_config_literal() {
        let text = "export default defineAppConfig({\n  pages: ['pages/index/index', ...more],\n  subPackages: [{ root: 'sub', pages: ['a/a'] }],\n  requiredPrivateInfos: ['getLocation', 'getFoo'],\n  permission: { 'scope.userLocation': { desc: '门店' } },\n  requiredBackgroundModes: ['location'],\n  plugins: { p: { version: '1', provider: 'wx1' } },\n  usingComponents: { 'van-button': '@vant/weapp/button/index' },\n  __usePrivacyCheck__: true,\n  window: { navigationBarTitleText: title },\n})\n";
        let (app, findings) = taro(text);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(app.pages, ["pages/index/index"]);
        assert_eq!(app.subpackages[0].root, "sub");
        assert_eq!(app.subpackages[0].pages, ["a/a"]);
        let infos: Vec<_> = app
            .required_private_infos
            .iter()
            .map(|s| (s.value.as_str(), s.location.line, s.location.column))
            .collect();
        assert_eq!(infos, [("getLocation", 4, 26), ("getFoo", 4, 41)]);
        assert_eq!(
            app.permission.get("scope.userLocation"),
            Some(&Some("门店".to_owned()))
        );
        assert_eq!(app.required_background_modes, ["location"]);
        assert_eq!(app.plugins, ["p"]);
        assert_eq!(app.using_components.len(), 1);
        assert_eq!(app.use_privacy_check, Some(true));
    }

    #[test]
    fn taro_config_through_a_const_a_plain_object_and_module_exports() {
        for text in [
            "const config = { pages: ['p/i'] } as const;\nexport default config;",
            "export default { pages: ['p/i'] }",
            "const c = defineAppConfig({ pages: ['p/i'] }); export default c",
            "module.exports = { pages: ['p/i'] }",
        ] {
            let (app, findings) = taro(text);
            assert!(findings.is_empty(), "{text}: {findings:?}");
            assert_eq!(app.pages, ["p/i"], "{text}");
        }
    }

    #[test]
    fn taro_config_parts_named_by_top_level_constants() {
        let (app, findings) = taro(
            "const pages = ['p/a', 'p/b'];\nexport const INFOS = ['getLocation'];\nconst sub = [{ root: 's', pages: ['x'] }];\nexport default defineAppConfig({ pages, subPackages: sub, requiredPrivateInfos: INFOS })",
        );
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(app.pages, ["p/a", "p/b"]);
        assert_eq!(app.subpackages[0].pages, ["x"]);
        assert_eq!(app.required_private_infos[0].value, "getLocation");
        assert_eq!(app.required_private_infos[0].location.line, 2);
        // Constants that name each other end, and stay unread.
        let (app, _) = taro(
            "const a = b; const b = a; let c = ['p']; export default { pages: a, subPackages: c }",
        );
        assert!(app.pages.is_empty() && app.subpackages.is_empty());
    }

    #[test]
    fn wepy_and_mpx_component_configs() {
        let root = Path::new("/nonexistent");
        let mut findings = Vec::new();
        let wepy1 = "<script>\nexport default class extends wepy.app {\n  config = {\n    pages: ['pages/index', // home\n    ],\n    requiredPrivateInfos: ['getLocation'],\n  }\n}\n</script>";
        let app = read_component_config(root, "src/app.wpy", wepy1, Lang::En, &mut findings);
        assert_eq!(app.pages, ["pages/index"]);
        assert_eq!(app.required_private_infos[0].location.line, 6);
        let wepy2 = "<script>wepy.app({})</script>\n<config>\n{ pages: ['pages/a'], }\n</config>";
        assert_eq!(
            read_component_config(root, "src/app.wpy", wepy2, Lang::En, &mut findings).pages,
            ["pages/a"]
        );
        let mpx = "<script type=\"application/json\" mode=\"ali\">{\"pages\": [\"./ali\"]}</script>\n<script type=\"application/json\">\n{\n  // JSON5\n  \"pages\": [\"./pages/index\",],\n  \"packages\": [\"./sub/app.mpx?root=sub\"]\n}\n</script>";
        let app = read_component_config(root, "src/app.mpx", mpx, Lang::En, &mut findings);
        assert_eq!(app.pages, ["./pages/index"]);
        assert_eq!(app.mpx_packages, ["./sub/app.mpx?root=sub"]);
        let module = "<script name=\"json\">\nmodule.exports = { pages: ['./pages/m'] }\n</script>";
        assert_eq!(
            read_component_config(root, "src/app.mpx", module, Lang::En, &mut findings).pages,
            ["./pages/m"]
        );
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(mpx_page("./pages/index.mpx"), "pages/index");
        assert_eq!(
            normalize_rel("src", "./sub/../pkg/app.mpx"),
            "src/pkg/app.mpx"
        );
    }

    #[test]
    fn taro_non_literals_are_skipped_wrong_literals_reported() {
        let (app, findings) = taro(
            "export default defineAppConfig({ pages, requiredPrivateInfos: infos, permission: 'x', __usePrivacyCheck__: flag })",
        );
        assert!(app.pages.is_empty() && app.required_private_infos.is_empty());
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(findings[0]
            .message
            .contains("`permission` must be an object"));

        let (_, findings) = taro("export default makeConfig");
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.contains("no literal app config"));

        // A file that does not parse is left to the inventory's parse-error.
        let (_, findings) = taro("export default defineAppConfig({ pages: [ })");
        assert!(findings.is_empty());
    }

    fn node(text: &str) -> ConfigNode {
        ConfigNode::from_json(&json::parse(text).unwrap().unwrap())
    }

    #[test]
    fn uni_app_manifest_reads_mp_weixin() {
        let text = "{\n  // comment\n  \"name\": \"x\",\n  \"mp-weixin\": {\n    \"usingComponents\": true,\n    \"requiredPrivateInfos\": [\"chooseLocation\"],\n    \"permission\": { \"scope.userLocation\": { \"desc\": \"d\" } },\n    \"__usePrivacyCheck__\": true\n  },\n  \"mp-alipay\": { \"requiredPrivateInfos\": [\"getLocation\"] }\n}";
        let mut findings = Vec::new();
        let app = read_manifest("manifest.json", text, &node(text), Lang::En, &mut findings);
        assert!(findings.is_empty(), "{findings:?}");
        let infos: Vec<_> = app
            .required_private_infos
            .iter()
            .map(|s| (s.value.as_str(), s.location.line, s.location.column))
            .collect();
        assert_eq!(infos, [("chooseLocation", 6, 30)]);
        assert_eq!(app.permission.len(), 1);
        assert_eq!(app.use_privacy_check, Some(true));
        assert!(app.using_components.is_empty());
    }

    #[test]
    fn uni_app_pages_json_pages_subpackages_and_components() {
        let text = r#"{
  "pages": [{ "path": "pages/index/index", "style": { "usingComponents": { "a-b": "/c/a-b" } } }, "pages/bad"],
  "subPackages": [{ "root": "pkg", "pages": [{ "path": "detail/detail" }] }],
  "globalStyle": { "usingComponents": { "van-button": "/wxcomponents/vant/button/index" } }
}"#;
        let mut findings = Vec::new();
        let mut app = AppJson::default();
        read_pages_json(
            "pages.json",
            text,
            &node(text),
            &mut app,
            Lang::En,
            &mut findings,
        );
        assert_eq!(app.pages, ["pages/index/index"]);
        assert_eq!(app.subpackages[0].root, "pkg");
        assert_eq!(app.subpackages[0].pages, ["detail/detail"]);
        assert_eq!(
            app.using_components.keys().collect::<Vec<_>>(),
            ["a-b", "van-button"]
        );
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(findings[0].message.contains("entries must be objects"));
    }
}
