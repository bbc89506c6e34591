//! The same-file names bound to other modules or to the app ([`Names`]):
//! `const a = require('./a')`, `import { f } from './f'`, `const app =
//! getApp()`, a promisified `wx.authorize`. The binding collector writes
//! them; the module facts look callees up in them.

use std::collections::HashMap;

use swc_atoms::Atom;
use swc_ecma_ast::*;
use swc_ecma_visit::{noop_visit_type, Visit, VisitWith};

use crate::inventory::js::{Bindings, WORDS};
use crate::parse::ast::{module_export_name, prop_name, string_value, unwrap};
use crate::ruleset::AUTHORIZE_APIS;

/// The same-file names bound to other modules or to the app, in a pass of
/// their own (see [`Names::var_declarator`] to collect them in another pass).
pub(in crate::inventory) fn names(program: &Program, bindings: &Bindings) -> Names {
    let mut names = Names::default();
    program.visit_with(&mut NameCollector {
        names: &mut names,
        bindings,
    });
    names
}

/// Same-file names bound to other modules or to the app.
#[derive(Default)]
pub(in crate::inventory) struct Names {
    /// Local name → (module specifier, exported name; `*` for the whole module).
    pub(super) imports: HashMap<Atom, (String, String)>,
    /// Local names holding `getApp()`.
    pub(super) apps: Vec<Atom>,
    /// Local names bound to a promisified `wx.authorize` (`promisify(wx.authorize)`).
    pub(super) authorizers: Vec<Atom>,
    /// How many times `imports` or `apps` were written to.
    pub(super) module_writes: usize,
    /// How many times `authorizers` was written to.
    pub(super) authorizer_writes: usize,
}

/// The module a `require('x')` expression loads.
pub(super) fn required(expr: &Expr) -> Option<String> {
    match unwrap(expr) {
        Expr::Call(call) => required_call(call),
        _ => None,
    }
}

/// The module a `require('x')` call loads.
pub(super) fn required_call(call: &CallExpr) -> Option<String> {
    let Callee::Expr(callee) = &call.callee else {
        return None;
    };
    if !matches!(unwrap(callee), Expr::Ident(id) if id.sym == WORDS.require) {
        return None;
    }
    let arg = call.args.first()?;
    if arg.spread.is_some() {
        return None;
    }
    string_value(&arg.expr)
}

/// `getApp()`.
pub(super) fn is_get_app(expr: &Expr) -> bool {
    matches!(unwrap(expr), Expr::Call(call)
        if matches!(&call.callee, Callee::Expr(c) if matches!(unwrap(c), Expr::Ident(id) if id.sym == WORDS.get_app)))
}

/// Pass 1: names bound to modules and to `getApp()`.
struct NameCollector<'n> {
    names: &'n mut Names,
    bindings: &'n Bindings,
}

impl Names {
    /// Records the names a declarator binds: `require('x')` (whole, a member,
    /// destructured), `getApp()`, a promisified `wx.authorize`. The caller
    /// visits the declarator's children.
    pub(in crate::inventory) fn var_declarator(&mut self, d: &VarDeclarator, bindings: &Bindings) {
        if let Some(init) = &d.init {
            // `require('x').name` and interop wrappers `_interop(require('x'))`.
            let (module, member) = match unwrap(init) {
                Expr::Member(m) => match (required(&m.obj), &m.prop) {
                    (Some(spec), MemberProp::Ident(p)) => (Some(spec), Some(p.sym.to_string())),
                    _ => (None, None),
                },
                Expr::Call(call) => match required(init) {
                    Some(spec) => (Some(spec), None),
                    None => (
                        call.args
                            .first()
                            .filter(|a| a.spread.is_none())
                            .and_then(|a| required(&a.expr)),
                        None,
                    ),
                },
                _ => (None, None),
            };
            match (&d.name, module) {
                (Pat::Ident(b), Some(spec)) => {
                    let name = member.unwrap_or_else(|| "*".to_owned());
                    self.imports.insert(b.id.sym.clone(), (spec, name));
                    self.module_writes += 1;
                }
                (Pat::Object(obj), Some(spec)) if member.is_none() => {
                    for prop in &obj.props {
                        let (key, local) = match prop {
                            ObjectPatProp::KeyValue(kv) => match (prop_name(&kv.key), &*kv.value) {
                                (Some((key, _)), Pat::Ident(b)) => (key.to_owned(), &b.id.sym),
                                _ => continue,
                            },
                            ObjectPatProp::Assign(a) => (a.key.sym.to_string(), &a.key.sym),
                            ObjectPatProp::Rest(_) => continue,
                        };
                        self.imports.insert(local.clone(), (spec.clone(), key));
                        self.module_writes += 1;
                    }
                }
                (Pat::Ident(b), None) if is_get_app(init) => {
                    self.apps.push(b.id.sym.clone());
                    self.module_writes += 1;
                }
                (Pat::Ident(b), None) => {
                    // const authorize = promisify(wx.authorize)
                    if let Expr::Call(call) = unwrap(init) {
                        let wraps_authorize = call.args.iter().any(|a| {
                            a.spread.is_none()
                                && bindings
                                    .api_of(&a.expr)
                                    .is_some_and(|(n, _)| AUTHORIZE_APIS.contains(&n))
                        });
                        if wraps_authorize {
                            self.authorizers.push(b.id.sym.clone());
                            self.authorizer_writes += 1;
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// Records the names an import declaration binds.
    pub(in crate::inventory) fn import_decl(&mut self, import: &ImportDecl) {
        let spec = import.src.value.to_atom_lossy().to_string();
        for s in &import.specifiers {
            let (local, name) = match s {
                ImportSpecifier::Default(d) => (&d.local.sym, "default".to_owned()),
                ImportSpecifier::Namespace(n) => (&n.local.sym, "*".to_owned()),
                ImportSpecifier::Named(n) => (
                    &n.local.sym,
                    n.imported
                        .as_ref()
                        .and_then(module_export_name)
                        .map(|(name, _)| name.to_owned())
                        .unwrap_or_else(|| n.local.sym.to_string()),
                ),
            };
            self.imports.insert(local.clone(), (spec.clone(), name));
            self.module_writes += 1;
        }
    }
}

impl Visit for NameCollector<'_> {
    noop_visit_type!();
    crate::stack::guarded_visits!();

    fn visit_var_declarator(&mut self, d: &VarDeclarator) {
        self.names.var_declarator(d, self.bindings);
        d.visit_children_with(self);
    }

    fn visit_import_decl(&mut self, import: &ImportDecl) {
        self.names.import_decl(import);
    }
}
