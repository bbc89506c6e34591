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
//! Both end in the same [`AppJson`] the checks read, through the readers that
//! app.json uses.

use std::path::Path;

use swc_common::Spanned;
use swc_ecma_ast::*;

use super::{
    join_rel, json_syntax_finding, read_app_fields, read_app_object, read_config, read_subpackages,
    read_using_components, shape_finding, AppJson, ConfigFile, ConfigNode, ConfigValue,
};
use crate::diagnostic::Finding;
use crate::inventory::js::unwrap as strip;
use crate::json;
use crate::parse;
use crate::project::FileKind;

/// A framework source project's config, read.
#[derive(Debug)]
pub(super) struct Source {
    /// The folder holding the config (`src`, or `.`), relative to the audited folder.
    pub miniprogram_root: String,
    /// The file whose findings stand for app.json (`src/app.config.ts`, `manifest.json`).
    pub config_file: String,
    /// The config, as app.json would hold it.
    pub app: AppJson,
    /// Whether it is uni-app (whose sources use conditional compilation).
    pub uni_app: bool,
}

/// Folders of a framework source tree that hold build output, never audited.
pub(super) const BUILD_OUTPUT: [&str; 2] = ["dist", "unpackage"];

/// Reads the Taro or uni-app config of the project in `root`, if it has one.
pub(super) fn read(root: &Path, findings: &mut Vec<Finding>) -> Option<Source> {
    taro(root, findings).or_else(|| uni_app(root, findings))
}

fn taro(root: &Path, findings: &mut Vec<Finding>) -> Option<Source> {
    let (dir, rel) = ["src", "."].into_iter().find_map(|dir| {
        ["app.config.ts", "app.config.js"]
            .into_iter()
            .map(|name| join_rel(dir, name))
            .find(|rel| root.join(rel).is_file())
            .map(|rel| (dir, rel))
    })?;
    let app = read_config(&root.join(&rel), &rel, findings)
        .map(|text| read_taro_config(&rel, &text, findings))
        .unwrap_or_else(AppJson::unreadable);
    Some(Source {
        miniprogram_root: dir.to_owned(),
        config_file: rel,
        app,
        uni_app: false,
    })
}

/// Reads the text of a Taro `app.config.ts`/`.js`. A file that does not parse
/// gives an empty config (the inventory reports the `parse-error`).
pub(super) fn read_taro_config(rel: &str, text: &str, findings: &mut Vec<Finding>) -> AppJson {
    let kind = if rel.ends_with(".ts") {
        FileKind::Ts
    } else {
        FileKind::Js
    };
    let parsed = parse::parse(rel, text.to_owned(), kind);
    let Some(program) = parsed.program else {
        return AppJson::unreadable();
    };
    let file = ConfigFile { rel, text };
    let (app, grew) = crate::stack::walk(|| {
        let Some(object) = exported_object(&program) else {
            findings.push(shape_finding(
                rel,
                text,
                jsonc_parser::common::Range { start: 0, end: 0 },
                "no literal app config found: expected `export default defineAppConfig({ pages: [...] })`"
                    .to_owned(),
            ));
            return AppJson::unreadable();
        };
        read_app_object(&file, &from_js(object, parsed.base), findings)
    });
    // Only the config object was walked: the rest of the module may hide a
    // deep chain.
    let deep = crate::stack::is_deep(grew, parsed.chain) || text.len() >= 4 * 1024;
    crate::stack::drop_tree(program, deep);
    app
}

/// The object literal the config module exports.
fn exported_object(program: &Program) -> Option<&Expr> {
    let items: Vec<&Stmt> = match program {
        Program::Module(m) => m.body.iter().filter_map(ModuleItem::as_stmt).collect(),
        Program::Script(s) => s.body.iter().collect(),
    };
    if let Program::Module(m) = program {
        for item in &m.body {
            if let ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultExpr(e)) = item {
                return resolve(&e.expr, &items, 0);
            }
        }
    }
    // `module.exports = {...}`
    items.iter().find_map(|stmt| {
        let Stmt::Expr(ExprStmt { expr, .. }) = stmt else {
            return None;
        };
        let Expr::Assign(assign) = &**expr else {
            return None;
        };
        let AssignTarget::Simple(SimpleAssignTarget::Member(m)) = &assign.left else {
            return None;
        };
        let is_module_exports = matches!(&*m.obj, Expr::Ident(o) if o.sym == "module")
            && matches!(&m.prop, MemberProp::Ident(p) if p.sym == "exports");
        is_module_exports
            .then(|| resolve(&assign.right, &items, 0))
            .flatten()
    })
}

/// Follows `defineAppConfig(x)`, type wrappers and top-level `const x = …` to
/// an object literal.
fn resolve<'a>(expr: &'a Expr, items: &[&'a Stmt], depth: usize) -> Option<&'a Expr> {
    if depth > 8 {
        return None;
    }
    match strip(expr) {
        object @ Expr::Object(_) => Some(object),
        Expr::Call(call) => {
            let arg = call.args.first().filter(|a| a.spread.is_none())?;
            resolve(&arg.expr, items, depth + 1)
        }
        Expr::Ident(id) => items.iter().find_map(|stmt| {
            let Stmt::Decl(Decl::Var(var)) = stmt else {
                return None;
            };
            var.decls.iter().find_map(|d| match (&d.name, &d.init) {
                (Pat::Ident(b), Some(init)) if b.id.sym == id.sym => {
                    resolve(init, items, depth + 1)
                }
                _ => None,
            })
        }),
        _ => None,
    }
}

/// A JS literal as a config node; anything that is not a literal is
/// [`ConfigValue::Other`]. Ranges are byte offsets of the text.
fn from_js(expr: &Expr, base: u32) -> ConfigNode {
    crate::stack::guard(|| from_js_unguarded(expr, base))
}

fn from_js_unguarded(expr: &Expr, base: u32) -> ConfigNode {
    let range = |span: swc_common::Span| jsonc_parser::common::Range {
        start: span.lo.0.saturating_sub(base) as usize,
        end: span.hi.0.saturating_sub(base) as usize,
    };
    let other = |span| ConfigNode {
        value: ConfigValue::Other,
        range: range(span),
    };
    let expr = strip(expr);
    let value = match expr {
        Expr::Lit(Lit::Str(s)) => ConfigValue::String(s.value.to_atom_lossy().to_string()),
        Expr::Tpl(t) if t.exprs.is_empty() => {
            match t.quasis.first().and_then(|q| q.cooked.as_ref()) {
                Some(cooked) => ConfigValue::String(cooked.to_atom_lossy().to_string()),
                None => ConfigValue::Other,
            }
        }
        Expr::Lit(Lit::Bool(b)) => ConfigValue::Bool(b.value),
        Expr::Lit(Lit::Num(_)) => ConfigValue::Number,
        Expr::Lit(Lit::Null(_)) => ConfigValue::Null,
        Expr::Array(a) => ConfigValue::Array(
            a.elems
                .iter()
                .flatten()
                .map(|e| {
                    if e.spread.is_some() {
                        other(e.span())
                    } else {
                        from_js(&e.expr, base)
                    }
                })
                .collect(),
        ),
        Expr::Object(o) => ConfigValue::Object(
            o.props
                .iter()
                .filter_map(|p| match p {
                    PropOrSpread::Prop(p) => match &**p {
                        Prop::KeyValue(kv) => {
                            let key = match &kv.key {
                                PropName::Ident(id) => id.sym.to_string(),
                                PropName::Str(s) => s.value.to_atom_lossy().to_string(),
                                _ => super::SPREAD.to_owned(),
                            };
                            Some((key, from_js(&kv.value, base)))
                        }
                        Prop::Shorthand(id) => Some((id.sym.to_string(), other(id.span))),
                        _ => None,
                    },
                    // Any field may come from a spread.
                    PropOrSpread::Spread(s) => {
                        Some((super::SPREAD.to_owned(), other(s.dot3_token)))
                    }
                })
                .collect(),
        ),
        _ => ConfigValue::Other,
    };
    ConfigNode {
        value,
        range: range(expr.span()),
    }
}

fn uni_app(root: &Path, findings: &mut Vec<Finding>) -> Option<Source> {
    let dir = [".", "src"].into_iter().find(|dir| {
        root.join(join_rel(dir, "pages.json")).is_file()
            && root.join(join_rel(dir, "manifest.json")).is_file()
    })?;
    let manifest = join_rel(dir, "manifest.json");
    let pages = join_rel(dir, "pages.json");
    let mut app = read_json(root, &manifest, findings)
        .map(|(text, node)| read_manifest(&manifest, &text, &node, findings))
        .unwrap_or_else(AppJson::unreadable);
    if let Some((text, node)) = read_json(root, &pages, findings) {
        read_pages_json(&pages, &text, &node, &mut app, findings);
    }
    Some(Source {
        miniprogram_root: dir.to_owned(),
        config_file: manifest,
        app,
        uni_app: true,
    })
}

/// Reads a JSON config file into a node; syntax errors become findings.
fn read_json(root: &Path, rel: &str, findings: &mut Vec<Finding>) -> Option<(String, ConfigNode)> {
    let text = read_config(&root.join(rel), rel, findings)?;
    let node = match json::parse(&text) {
        Ok(Some(value)) => ConfigNode::from_json(&value),
        Ok(None) => return None,
        Err(err) => {
            findings.push(json_syntax_finding(rel, &text, &err));
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
    findings: &mut Vec<Finding>,
) -> AppJson {
    let file = ConfigFile { rel, text };
    let Some(weixin) = manifest.get("mp-weixin") else {
        return AppJson::default();
    };
    let ConfigValue::Object(props) = &weixin.value else {
        file.wrong(findings, weixin, |found| {
            format!("`mp-weixin` must be an object, found {found}")
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
    findings: &mut Vec<Finding>,
) {
    let file = ConfigFile { rel, text };
    if !matches!(node.value, ConfigValue::Object(_)) {
        file.wrong(findings, node, |found| {
            format!("pages.json must be an object, found {found}")
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
                    format!("`{what}` must be an array of page objects, found {found}")
                });
                return Vec::new();
            };
            let mut paths = Vec::new();
            for item in items {
                if !matches!(item.value, ConfigValue::Object(_)) {
                    file.wrong(findings, item, |found| {
                        format!("`{what}` entries must be objects with `path`, found {found}")
                    });
                    continue;
                }
                match item.get("path") {
                    Some(path) => match path.as_str() {
                        Some(p) => paths.push(p.to_owned()),
                        None => file.wrong(findings, path, |found| {
                            format!("page `path` must be a string, found {found}")
                        }),
                    },
                    None => findings.push(shape_finding(
                        file.rel,
                        file.text,
                        item.range,
                        format!("`{what}` entry has no `path`"),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn taro(text: &str) -> (AppJson, Vec<Finding>) {
        let mut findings = Vec::new();
        let app = read_taro_config("src/app.config.ts", text, &mut findings);
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
        let app = read_manifest("manifest.json", text, &node(text), &mut findings);
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
        read_pages_json("pages.json", text, &node(text), &mut app, &mut findings);
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
