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

use swc_atoms::Atom;
use swc_common::Spanned;
use swc_ecma_ast::*;

use super::{
    read_app_fields, read_app_object, read_config, read_subpackages, read_using_components,
    AppJson, DiscoverError,
};
use crate::config_file::{json_syntax_finding, shape_finding, ConfigFile, ConfigNode, ConfigValue};
use crate::diagnostic::Finding;
use crate::fs::join_rel;
use crate::json;
use crate::parse;
use crate::parse::ast::unwrap as strip;
use crate::parse::ifdef::Build;
use crate::ruleset::{Framework, Ruleset};
use crate::source::FileKind;

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
const CONFIG_EXTENSIONS: [&str; 6] = ["ts", "mts", "cts", "js", "mjs", "cjs"];

/// Reads the config of the framework source project in `root`, if it has
/// one. Single-file-component apps (Mpx's `app.mpx`, WePY's `app.wpy`) are
/// tried first: their folders may hold an `app.config.js` that is not Taro's.
/// A folder whose `package.json` depends on a framework of the table but
/// holds no config mpaudit can read is an error that says so, never "no mini
/// program found".
pub(super) fn read(
    root: &Path,
    ruleset: &Ruleset,
    findings: &mut Vec<Finding>,
) -> Result<Option<Source>, DiscoverError> {
    let declared = package_frameworks(root, ruleset);
    let declares = |name: &str| declared.iter().any(|f| f.name == name);
    if let Some(source) = mpx(root, findings) {
        return Ok(Some(source));
    }
    if let Some(source) = wepy(root, findings) {
        return Ok(Some(source));
    }
    if let Some(source) = taro(root, findings) {
        return Ok(Some(source));
    }
    if let Some(source) = uni_app(root, &declared, findings) {
        return Ok(Some(source));
    }
    if declares("taro") {
        if let Some(source) = taro_class(root, findings) {
            return Ok(Some(source));
        }
    }
    let Some(framework) = declared.first() else {
        return Ok(None);
    };
    let looked_for = match framework.name.as_str() {
        "taro" => "src/app.config.ts (Taro 3) or the `config` of the App class in src/app.jsx (Taro 1/2)",
        "uni-app" => "pages.json (or pages.config.ts) with manifest.json (or manifest.config.ts), in the folder or in src/",
        "wepy" => "src/app.wpy",
        "mpx" => "src/app.mpx, app.mpx or src/miniprogram/app.mpx",
        _ => "its app config",
    };
    let mut message = format!(
        "{} depends on {} (package.json), but mpaudit found none of its config files: looked for {looked_for}. Nothing was audited: audit the folder that holds them, or the compiled output (the folder with app.json)",
        root.display(),
        framework.title
    );
    let candidates = super::app_json_candidates(root);
    if !candidates.is_empty() {
        message.push_str("\n  app.json found in: ");
        message.push_str(&candidates.join(", "));
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
fn package_dependencies(root: &Path) -> Vec<String> {
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
        framework: "taro".to_owned(),
        build: None,
    })
}

/// Taro 1 and 2: the app config is the `config` class property of the App
/// component in `src/app.jsx` (or `.tsx`, `.js`, `.ts`).
fn taro_class(root: &Path, findings: &mut Vec<Finding>) -> Option<Source> {
    let rel = ["app.jsx", "app.tsx", "app.js", "app.ts"]
        .into_iter()
        .map(|name| join_rel("src", name))
        .find(|rel| root.join(rel).is_file())?;
    let text = read_config(&root.join(&rel), &rel, findings)?;
    let kind = script_kind_of(&rel);
    let app = read_object_config(&rel, &text, kind, class_config, findings);
    Some(Source {
        miniprogram_root: "src".to_owned(),
        config_file: rel,
        app,
        framework: "taro".to_owned(),
        build: None,
    })
}

/// WePY: `src/app.wpy`, whose config is the `config = {…}` class property
/// of the app class (1.x) or the `<config>` block (2.x), a JS object literal.
fn wepy(root: &Path, findings: &mut Vec<Finding>) -> Option<Source> {
    // src/app.wpy from the project folder; app.wpy when auditing src/ itself.
    let (dir, rel) = ["src", "."].into_iter().find_map(|dir| {
        let rel = join_rel(dir, "app.wpy");
        root.join(&rel).is_file().then_some((dir, rel))
    })?;
    let text = read_config(&root.join(&rel), &rel, findings);
    let app = text
        .map(|text| read_component_config(root, &rel, &text, findings))
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
fn mpx(root: &Path, findings: &mut Vec<Finding>) -> Option<Source> {
    // The Mpx CLI's templates: src/app.mpx; with cloud development,
    // src/miniprogram/app.mpx beside src/functions.
    let (dir, rel) = ["src", ".", "src/miniprogram"]
        .into_iter()
        .find_map(|dir| {
            let rel = join_rel(dir, "app.mpx");
            root.join(&rel).is_file().then_some((dir, rel))
        })?;
    let mut app = read_config(&root.join(&rel), &rel, findings)
        .map(|text| read_component_config(root, &rel, &text, findings))
        .unwrap_or_else(AppJson::unreadable);
    app.pages = app.pages.iter().map(|p| mpx_page(p)).collect();
    for sub in &mut app.subpackages {
        sub.pages = sub.pages.iter().map(|p| mpx_page(p)).collect();
    }
    let packages = std::mem::take(&mut app.mpx_packages);
    for package in packages {
        let path = package.split('?').next().unwrap_or_default();
        let package_rel = normalize_rel(dir, path);
        let Some(text) = read_config(&root.join(&package_rel), &package_rel, findings) else {
            continue;
        };
        let inner = read_component_config(root, &package_rel, &text, findings);
        let within = package_rel
            .strip_prefix(dir)
            .map(|r| r.trim_start_matches('/'))
            .unwrap_or(&package_rel);
        let folder = within.rsplit_once('/').map_or("", |(f, _)| f).to_owned();
        app.subpackages.push(super::Subpackage {
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
fn mpx_page(page: &str) -> String {
    let page = page.trim_start_matches("./").trim_start_matches('/');
    page.strip_suffix(".mpx").unwrap_or(page).to_owned()
}

/// `path` (relative to the folder `dir`, `./` and `../` allowed) relative
/// to the audited folder.
fn normalize_rel(dir: &str, path: &str) -> String {
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
fn read_component_config(
    root: &Path,
    rel: &str,
    text: &str,
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
            let Some(config_text) = read_config(&root.join(&config_rel), &config_rel, &mut read)
            else {
                findings.extend(read);
                return AppJson::unreadable();
            };
            return read_object_config(
                &config_rel,
                &config_text,
                script_kind_of(&config_rel),
                exported_object,
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
    read_object_config(rel, &isolated, kind, class_config, findings)
}

/// `text` with everything outside `offset..offset + len` blanked (line
/// breaks kept), so that positions in the part are positions in the file;
/// with `parens`, the characters just outside the part (the `>` of the start
/// tag and the `<` of the end tag) become `(` and `)`, making an object
/// literal an expression statement.
fn isolate(text: &str, offset: usize, len: usize, parens: bool) -> String {
    let end = offset + len;
    let mut out: String = text
        .char_indices()
        .map(|(i, c)| {
            if (offset..end).contains(&i) || c == '\n' || c == '\r' {
                c.to_string()
            } else {
                " ".repeat(c.len_utf8())
            }
        })
        .collect();
    if parens && offset > 0 && end < out.len() {
        out.replace_range(offset - 1..offset, "(");
        out.replace_range(end..end + 1, ")");
    }
    out
}

/// The script kind of a config file by its extension.
fn script_kind_of(rel: &str) -> FileKind {
    if rel.ends_with("ts") {
        FileKind::Ts
    } else if rel.ends_with(".tsx") {
        FileKind::Tsx
    } else {
        FileKind::Js
    }
}

/// Reads the text of a Taro `app.config.ts`/`.js`. A file that does not parse
/// gives an empty config (the inventory reports the `parse-error`).
pub(super) fn read_taro_config(rel: &str, text: &str, findings: &mut Vec<Finding>) -> AppJson {
    read_object_config(rel, text, script_kind_of(rel), exported_object, findings)
}

/// Parses a config script and reads the object literal `find` finds in it
/// as an app config. A script that does not parse gives an empty config (the
/// inventory reports the `parse-error`).
fn read_object_config(
    rel: &str,
    text: &str,
    kind: FileKind,
    find: for<'p> fn(&'p Program) -> Option<&'p Expr>,
    findings: &mut Vec<Finding>,
) -> AppJson {
    read_config_node(rel, text, kind, find, findings, |file, node, findings| {
        let mut app = read_app_object(file, node, findings);
        // Mpx: `packages: ['./pkg/app.mpx?root=pkg']`.
        if let Some(ConfigValue::Array(items)) = node.get("packages").map(|n| &n.value) {
            app.mpx_packages = items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_owned))
                .collect();
        }
        app
    })
    .unwrap_or_else(AppJson::unreadable)
}

/// Parses a config script and hands the object literal `find` finds in it,
/// as a config node, to `read`; `None` when the script does not parse.
fn read_config_node<T>(
    rel: &str,
    text: &str,
    kind: FileKind,
    find: for<'p> fn(&'p Program) -> Option<&'p Expr>,
    findings: &mut Vec<Finding>,
    read: impl FnOnce(&ConfigFile<'_>, &ConfigNode, &mut Vec<Finding>) -> T,
) -> Option<T> {
    let parsed = parse::parse(rel, text.to_owned(), kind);
    let program = parsed.program?;
    let file = ConfigFile { rel, text };
    let (app, grew) = crate::stack::walk(|| {
        let Some(object) = find(&program) else {
            findings.push(shape_finding(
                rel,
                text,
                jsonc_parser::common::Range { start: 0, end: 0 },
                "no literal app config found: expected an object literal such as `export default defineAppConfig({ pages: [...] })`"
                    .to_owned(),
            ));
            return None;
        };
        let consts = Consts::of(&program);
        Some(read(
            &file,
            &from_js(object, parsed.base, &consts, 0),
            findings,
        ))
    });
    // Only the config object was walked: the rest of the module may hide a
    // deep chain.
    let deep = crate::stack::is_deep(grew, parsed.chain) || text.len() >= 4 * 1024;
    crate::stack::drop_tree(program, deep);
    app
}

/// `({ … })`: the object literal of a config block made an expression.
fn parenthesized(program: &Program) -> Option<&Expr> {
    let stmt = match program {
        Program::Module(m) => m.body.iter().find_map(ModuleItem::as_stmt),
        Program::Script(s) => s.body.first(),
    }?;
    let Stmt::Expr(ExprStmt { expr, .. }) = stmt else {
        return None;
    };
    matches!(strip(expr), Expr::Object(_)).then(|| strip(expr))
}

/// The `config = {…}` class property of a class in the module (WePY 1's
/// app class, Taro 1/2's App component), or, failing that, the exported
/// object (WePY 2 style `wepy.app({...})` does not hold the config).
fn class_config(program: &Program) -> Option<&Expr> {
    let mut classes: Vec<&Class> = Vec::new();
    let mut stmts: Vec<&Stmt> = Vec::new();
    match program {
        Program::Module(m) => {
            for item in &m.body {
                match item {
                    ModuleItem::Stmt(s) => stmts.push(s),
                    ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(d)) => {
                        if let DefaultDecl::Class(c) = &d.decl {
                            classes.push(&c.class);
                        }
                    }
                    ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(d)) => {
                        if let Decl::Class(c) = &d.decl {
                            classes.push(&c.class);
                        }
                    }
                    ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultExpr(e)) => {
                        if let Expr::Class(c) = strip(&e.expr) {
                            classes.push(&c.class);
                        }
                    }
                    _ => {}
                }
            }
        }
        Program::Script(s) => stmts.extend(s.body.iter()),
    }
    for stmt in stmts {
        if let Stmt::Decl(Decl::Class(c)) = stmt {
            classes.push(&c.class);
        }
    }
    classes.iter().find_map(|class| {
        class.body.iter().find_map(|member| match member {
            ClassMember::ClassProp(p) => match (&p.key, &p.value) {
                (PropName::Ident(id), Some(value)) if id.sym == "config" => {
                    matches!(strip(value), Expr::Object(_)).then(|| strip(value))
                }
                _ => None,
            },
            _ => None,
        })
    })
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
/// The module's top-level `const name = value` declarations, through which
/// a config names its parts (`const pages = [...]; export default { pages }`).
struct Consts<'p>(Vec<(&'p Atom, &'p Expr)>);

impl<'p> Consts<'p> {
    fn of(program: &'p Program) -> Self {
        let stmts: Vec<&Stmt> = match program {
            Program::Module(m) => m
                .body
                .iter()
                .filter_map(|item| match item {
                    ModuleItem::Stmt(s) => Some(s),
                    _ => None,
                })
                .collect(),
            Program::Script(s) => s.body.iter().collect(),
        };
        let exported = match program {
            Program::Module(m) => m
                .body
                .iter()
                .filter_map(|item| match item {
                    ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl {
                        decl: Decl::Var(v),
                        ..
                    })) => Some(&**v),
                    _ => None,
                })
                .collect(),
            Program::Script(_) => Vec::new(),
        };
        let vars = stmts
            .into_iter()
            .filter_map(|s| match s {
                Stmt::Decl(Decl::Var(v)) => Some(&**v),
                _ => None,
            })
            .chain(exported)
            .filter(|v| v.kind == VarDeclKind::Const);
        Consts(
            vars.flat_map(|v| &v.decls)
                .filter_map(|d| match (&d.name, &d.init) {
                    (Pat::Ident(b), Some(init)) => Some((&b.id.sym, &**init)),
                    _ => None,
                })
                .collect(),
        )
    }

    /// The value of the top-level constant `name`.
    fn get(&self, name: &Atom) -> Option<&'p Expr> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, e)| *e)
    }
}

/// How many constants a value may go through (`a = b`, `b = [...]`).
const MAX_CONST_HOPS: usize = 8;

fn from_js(expr: &Expr, base: u32, consts: &Consts<'_>, hops: usize) -> ConfigNode {
    crate::stack::guard(|| from_js_unguarded(expr, base, consts, hops))
}

fn from_js_unguarded(expr: &Expr, base: u32, consts: &Consts<'_>, hops: usize) -> ConfigNode {
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
        Expr::Ident(id) => match consts.get(&id.sym).filter(|_| hops < MAX_CONST_HOPS) {
            Some(value) => return from_js(value, base, consts, hops + 1),
            None => ConfigValue::Other,
        },
        Expr::Array(a) => ConfigValue::Array(
            a.elems
                .iter()
                .flatten()
                .map(|e| {
                    if e.spread.is_some() {
                        other(e.span())
                    } else {
                        from_js(&e.expr, base, consts, hops)
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
                            Some((key, from_js(&kv.value, base, consts, hops)))
                        }
                        Prop::Shorthand(id) => Some((
                            id.sym.to_string(),
                            match consts.get(&id.sym).filter(|_| hops < MAX_CONST_HOPS) {
                                Some(value) => from_js(value, base, consts, hops + 1),
                                None => other(id.span),
                            },
                        )),
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

/// uni-app: pages from `pages.json` (HBuilderX: in the folder; CLI: in
/// `src/`) or `pages.config.ts` (`@uni-helper/vite-plugin-uni-pages`), the
/// `mp-weixin` settings from `manifest.json` or `manifest.config.ts`
/// (`@uni-helper/vite-plugin-uni-manifest`). Both are needed: without the
/// manifest, app.json's privacy settings are unknown.
fn uni_app(root: &Path, declared: &[&Framework], findings: &mut Vec<Finding>) -> Option<Source> {
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
        read_json(root, &manifest, None, findings)
            .map(|(text, node)| {
                build.vue3 |= node.get("vueVersion").and_then(ConfigNode::as_str) == Some("3");
                build.uni_app_x = node.get("uni-app-x").is_some();
                read_manifest(&manifest, &text, &node, findings)
            })
            .unwrap_or_else(AppJson::unreadable)
    } else {
        build.vue3 = true; // the manifest plugin is a Vite plugin
        read_config(&root.join(&manifest), &manifest, findings)
            .and_then(|text| {
                read_config_node(
                    &manifest,
                    &text,
                    script_kind_of(&manifest),
                    exported_object,
                    findings,
                    |file, node, findings| {
                        build.uni_app_x = node.get("uni-app-x").is_some();
                        read_manifest(file.rel, file.text, node, findings)
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
        if let Some((text, node)) = read_json(root, &pages, Some(build), findings) {
            read_pages_json(&pages, &text, &node, &mut app, findings);
        }
    } else if let Some(text) = read_config(&root.join(&pages), &pages, findings) {
        let listed = read_config_node(
            &pages,
            &text,
            script_kind_of(&pages),
            exported_object,
            findings,
            |file, node, findings| {
                read_pages_json(file.rel, file.text, node, &mut app, findings);
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
            let within = super::slash_path(within);
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
    findings: &mut Vec<Finding>,
) -> Option<(String, ConfigNode)> {
    let mut text = read_config(&root.join(rel), rel, findings)?;
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
            findings.push(json_syntax_finding(rel, &text, &err));
            return None;
        }
    };
    Some((text, node))
}

/// The app config object of the config file `rel` (app.json, uni-app's
/// manifest.json → `mp-weixin`, Taro's app.config, the config block of
/// WePY's app.wpy or Mpx's app.mpx), with byte ranges into `text`: what
/// `--fix` edits. `None` when the file holds no literal config object.
pub(crate) fn config_object(rel: &str, text: &str) -> Option<ConfigNode> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let mut ignored = Vec::new();
    let node = if name.ends_with(".json") {
        ConfigNode::from_json(&json::parse(text).ok()??)
    } else if name.ends_with(".wpy") || name.ends_with(".mpx") {
        let blocks = crate::parse::sfc::blocks(text);
        let shipped =
            |b: &&crate::parse::sfc::Block| b.attr("mode").is_none_or(|m| m.trim() == "wx");
        let block = blocks
            .iter()
            .filter(shipped)
            .rfind(|b| b.kind == crate::parse::sfc::BlockKind::Config);
        match block {
            Some(block) if block.attr("src").is_some() => return None,
            Some(block) => {
                let is_module = block.attr("name") == Some("json");
                let isolated = isolate(text, block.offset, block.len, !is_module);
                let find = if is_module {
                    exported_object
                } else {
                    parenthesized
                };
                read_config_node(
                    rel,
                    &isolated,
                    FileKind::Js,
                    find,
                    &mut ignored,
                    |_, n, _| n.clone(),
                )?
            }
            None => {
                let block = blocks.iter().filter(shipped).find(|b| {
                    b.kind == crate::parse::sfc::BlockKind::Script && !b.has_attr("src")
                })?;
                let kind = match block.lang.as_deref() {
                    Some("ts" | "typescript") => FileKind::Ts,
                    _ => FileKind::Js,
                };
                let isolated = isolate(text, block.offset, block.len, false);
                read_config_node(
                    rel,
                    &isolated,
                    kind,
                    class_config,
                    &mut ignored,
                    |_, n, _| n.clone(),
                )?
            }
        }
    } else {
        let find = if name.starts_with("app.config.") || name.starts_with("manifest.config.") {
            exported_object
        } else {
            class_config
        };
        read_config_node(
            rel,
            text,
            script_kind_of(rel),
            find,
            &mut ignored,
            |_, n, _| n.clone(),
        )?
    };
    if name.starts_with("manifest.") {
        return node.get("mp-weixin").cloned();
    }
    Some(node)
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
        let app = read_component_config(root, "src/app.wpy", wepy1, &mut findings);
        assert_eq!(app.pages, ["pages/index"]);
        assert_eq!(app.required_private_infos[0].location.line, 6);
        let wepy2 = "<script>wepy.app({})</script>\n<config>\n{ pages: ['pages/a'], }\n</config>";
        assert_eq!(
            read_component_config(root, "src/app.wpy", wepy2, &mut findings).pages,
            ["pages/a"]
        );
        let mpx = "<script type=\"application/json\" mode=\"ali\">{\"pages\": [\"./ali\"]}</script>\n<script type=\"application/json\">\n{\n  // JSON5\n  \"pages\": [\"./pages/index\",],\n  \"packages\": [\"./sub/app.mpx?root=sub\"]\n}\n</script>";
        let app = read_component_config(root, "src/app.mpx", mpx, &mut findings);
        assert_eq!(app.pages, ["./pages/index"]);
        assert_eq!(app.mpx_packages, ["./sub/app.mpx?root=sub"]);
        let module = "<script name=\"json\">\nmodule.exports = { pages: ['./pages/m'] }\n</script>";
        assert_eq!(
            read_component_config(root, "src/app.mpx", module, &mut findings).pages,
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
