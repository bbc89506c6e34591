//! Framework configs written in JS or TS (Taro's `app.config.ts`, uni-app's
//! `pages.config.ts`, WePY's `config = {…}`, Mpx's `<script name="json">`),
//! read with swc as literal objects; top-level constants they name are
//! followed.

use super::{read_app_object, AppJson};
use crate::config_file::{shape_finding, ConfigFile, ConfigNode, ConfigValue};
use crate::diagnostic::Finding;
use crate::i18n::{t, Lang};
use crate::json;
use crate::parse;
use crate::parse::ast::unwrap as strip;
use crate::source::FileKind;
use swc_atoms::Atom;
use swc_common::Spanned;
use swc_ecma_ast::*;

/// `text` with everything outside `offset..offset + len` blanked (line
/// breaks kept), so that positions in the part are positions in the file;
/// with `parens`, the characters just outside the part (the `>` of the start
/// tag and the `<` of the end tag) become `(` and `)`, making an object
/// literal an expression statement.
pub(super) fn isolate(text: &str, offset: usize, len: usize, parens: bool) -> String {
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
pub(super) fn script_kind_of(rel: &str) -> FileKind {
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
pub(crate) fn read_taro_config(
    rel: &str,
    text: &str,
    lang: Lang,
    findings: &mut Vec<Finding>,
) -> AppJson {
    read_object_config(
        rel,
        text,
        script_kind_of(rel),
        exported_object,
        lang,
        findings,
    )
}

/// Parses a config script and reads the object literal `find` finds in it
/// as an app config. A script that does not parse gives an empty config (the
/// inventory reports the `parse-error`).
pub(super) fn read_object_config(
    rel: &str,
    text: &str,
    kind: FileKind,
    find: for<'p> fn(&'p Program) -> Option<&'p Expr>,
    lang: Lang,
    findings: &mut Vec<Finding>,
) -> AppJson {
    read_config_node(
        rel,
        text,
        kind,
        find,
        lang,
        findings,
        |file, node, findings| {
            let mut app = read_app_object(file, node, findings);
            // Mpx: `packages: ['./pkg/app.mpx?root=pkg']`.
            if let Some(ConfigValue::Array(items)) = node.get("packages").map(|n| &n.value) {
                app.mpx_packages = items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_owned))
                    .collect();
            }
            app
        },
    )
    .unwrap_or_else(AppJson::unreadable)
}

/// Parses a config script and hands the object literal `find` finds in it,
/// as a config node, to `read`; `None` when the script does not parse.
pub(super) fn read_config_node<T>(
    rel: &str,
    text: &str,
    kind: FileKind,
    find: for<'p> fn(&'p Program) -> Option<&'p Expr>,
    lang: Lang,
    findings: &mut Vec<Finding>,
    read: impl FnOnce(&ConfigFile<'_>, &ConfigNode, &mut Vec<Finding>) -> T,
) -> Option<T> {
    let parsed = parse::parse(rel, text.to_owned(), kind);
    let program = parsed.program?;
    let file = ConfigFile { rel, text, lang };
    let (app, grew) = crate::stack::walk(|| {
        let Some(object) = find(&program) else {
            findings.push(shape_finding(
                rel,
                text,
                jsonc_parser::common::Range { start: 0, end: 0 },
                t!(lang, "shape-no-literal-app-config"),
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
pub(super) fn parenthesized(program: &Program) -> Option<&Expr> {
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
pub(super) fn class_config(program: &Program) -> Option<&Expr> {
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
pub(super) fn exported_object(program: &Program) -> Option<&Expr> {
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
                                _ => crate::config_file::SPREAD.to_owned(),
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
                        Some((crate::config_file::SPREAD.to_owned(), other(s.dot3_token)))
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
                    Lang::En,
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
                    Lang::En,
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
            Lang::En,
            &mut ignored,
            |_, n, _| n.clone(),
        )?
    };
    if name.starts_with("manifest.") {
        return node.get("mp-weixin").cloned();
    }
    Some(node)
}
