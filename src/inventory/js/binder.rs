//! The binding collector: the pass that finds the same-file bindings
//! ([`super::bindings::Bindings`]) and the names bound to other modules
//! ([`Names`]), as hooks of the shared walk ([`crate::inventory::walk`]).

use swc_common::Spanned;
use swc_ecma_ast::*;

use super::bindings::{
    destructured, follow_pattern, is_page, is_vendor_chunk_require, Bindings, Scope, FILE_SCOPE,
};
use super::WORDS;
use crate::inventory::modules::Names;
use crate::inventory::walk::{Collector, Control};
use crate::parse::ast::{module_export_name, unwrap};
use crate::ruleset::Ruleset;

/// Pass 1: collects aliases, and the names bound to other modules.
pub(super) struct BindingCollector<'b> {
    bindings: &'b mut Bindings,
    ruleset: &'b Ruleset,
    /// The functions around the node being visited, innermost last.
    functions: Vec<Scope>,
}

impl<'b> BindingCollector<'b> {
    /// A collector adding to `bindings`.
    pub(super) fn new(bindings: &'b mut Bindings, ruleset: &'b Ruleset) -> Self {
        BindingCollector {
            bindings,
            ruleset,
            functions: Vec::new(),
        }
    }

    /// `const [, { getUserProfile }] = useUserInfo()`: the names the library
    /// hook table says hold an API.
    fn bind_hook_result(&mut self, pat: &Pat, call: &CallExpr) {
        let Some((module, export)) = self.bindings.hook_of(&call.callee).cloned() else {
            return;
        };
        for row in self.ruleset.namespaces.hook(&module, &export) {
            if row.path.is_empty() {
                continue;
            }
            if let Some(local) = follow_pattern(pat, &row.path) {
                self.bindings.bind_hook_api(local, &row.api, &module);
            }
        }
    }

    fn bind(&mut self, pat: &Pat, init: &Expr) {
        if let Expr::Call(call) = unwrap(init) {
            self.bind_hook_result(pat, call);
        }
        if let (Pat::Ident(b), Expr::Call(call)) = (pat, unwrap(init)) {
            if is_vendor_chunk_require(call) {
                self.bindings.bind_vendor_chunk(&b.id.sym);
                return;
            }
        }
        if let (Pat::Ident(b), Some(ty)) = (pat, self.bindings.object_type(init, self.ruleset)) {
            self.bindings.bind_object(&b.id.sym, ty);
        } else if self.bindings.is_namespace(init) {
            match pat {
                Pat::Ident(b) => self.bindings.bind_namespace(&b.id.sym, FILE_SCOPE),
                Pat::Object(obj) => {
                    for (name, _, local) in destructured(obj) {
                        if let Some(local) = local {
                            self.bindings.bind_api(local, name.to_owned());
                        }
                    }
                    for prop in &obj.props {
                        if let ObjectPatProp::Rest(rest) = prop {
                            if let Pat::Ident(b) = &*rest.arg {
                                self.bindings.bind_namespace(&b.id.sym, FILE_SCOPE);
                            }
                        }
                    }
                }
                _ => {}
            }
        } else if let (Pat::Ident(b), Some((name, _))) = (pat, self.bindings.api_of(init)) {
            // const loc = wx.getLocation
            let name = name.to_owned();
            self.bindings.bind_api(&b.id.sym, name);
        }
    }
}

impl BindingCollector<'_> {
    /// `this.setData({ ctx: wx.createMapContext('m') })`: the data key holds
    /// the object.
    fn on_set_data(&mut self, call: &CallExpr) {
        let Callee::Expr(callee) = &call.callee else {
            return;
        };
        let Expr::Member(m) = unwrap(callee) else {
            return;
        };
        if !matches!(&m.prop, MemberProp::Ident(p) if &*p.sym == "setData") || !is_page(&m.obj) {
            return;
        }
        let Some(Expr::Object(data)) = call
            .args
            .first()
            .filter(|a| a.spread.is_none())
            .map(|a| unwrap(&a.expr))
        else {
            return;
        };
        for prop in &data.props {
            if let PropOrSpread::Prop(p) = prop {
                if let Prop::KeyValue(kv) = &**p {
                    let key = match &kv.key {
                        PropName::Ident(id) => id.sym.clone(),
                        PropName::Str(s) => match s.value.as_atom() {
                            Some(a) => a.clone(),
                            None => continue,
                        },
                        _ => continue,
                    };
                    if let Some(ty) = self.bindings.object_type(&kv.value, self.ruleset) {
                        self.bindings.bind_data_object(&key, ty);
                    }
                } else if let Prop::Shorthand(id) = &**p {
                    if let Some(ty) = self.bindings.objects.get(&id.sym).cloned() {
                        self.bindings.bind_data_object(&id.sym, ty);
                    }
                }
            }
        }
    }

    /// Entering a function (its span, its parameters): a parameter named like
    /// a namespace of a scope around it holds something else here.
    fn enter<'p>(&mut self, scope: Scope, params: impl Iterator<Item = &'p Pat>) {
        self.functions.push(scope);
        if self.bindings.namespaces.is_empty() {
            return;
        }
        for param in params {
            let name = match param {
                Pat::Ident(b) => &b.id.sym,
                Pat::Assign(a) => match &*a.left {
                    Pat::Ident(b) => &b.id.sym,
                    _ => continue,
                },
                _ => continue,
            };
            self.bindings.shadow(name, scope);
        }
    }
}

/// The binding hooks.
impl Collector for BindingCollector<'_> {
    fn on_var_declarator(&mut self, d: &VarDeclarator, names: &mut Names) -> Control {
        if let Some(init) = &d.init {
            self.bind(&d.name, init);
            // `var c = n("414a")` in a function inside the scope of a
            // namespace `c`: an app module, not the runtime.
            if let Pat::Ident(b) = &d.name {
                if !self.bindings.namespaces.is_empty() && !self.bindings.is_namespace(init) {
                    let scope = self.functions.last().copied().unwrap_or(FILE_SCOPE);
                    self.bindings.shadow(&b.id.sym, scope);
                }
            }
        }
        names.var_declarator(d, self.bindings);
        Control::Children
    }

    /// `(function (e) { e.getLocation() })(wx)`, `!function (t) {…}(wx)`,
    /// `(t => …)(wx)` and `(function (n) {…}).call(this, wx)`: the parameter
    /// holds the namespace inside that function.
    fn on_call_expr(&mut self, call: &CallExpr, _: &Names) {
        self.on_set_data(call);
        if let Callee::Expr(callee) = &call.callee {
            let (func, args) = match unwrap(callee) {
                Expr::Member(m) if matches!(&m.prop, MemberProp::Ident(p) if p.sym == WORDS.call) => {
                    (unwrap(&m.obj), call.args.get(1..).unwrap_or(&[]))
                }
                other => (other, &call.args[..]),
            };
            let params: Vec<&Pat> = match func {
                Expr::Fn(f) => f.function.params.iter().map(|p| &p.pat).collect(),
                Expr::Arrow(a) => a.params.iter().collect(),
                _ => Vec::new(),
            };
            let scope = (func.span().lo.0, func.span().hi.0);
            for (param, arg) in params.into_iter().zip(args) {
                if let Pat::Ident(b) = param {
                    if arg.spread.is_none() && self.bindings.is_namespace(&arg.expr) {
                        self.bindings.bind_namespace(&b.id.sym, scope);
                    }
                }
            }
        }
    }

    fn on_assign_expr(&mut self, a: &AssignExpr) -> Control {
        if a.op == AssignOp::Assign {
            let object = self.bindings.object_type(&a.right, self.ruleset);
            match &a.left {
                AssignTarget::Simple(SimpleAssignTarget::Ident(b)) => {
                    if let Some(ty) = object {
                        self.bindings.bind_object(&b.id.sym, ty);
                    } else if self.bindings.is_namespace(&a.right) {
                        self.bindings.bind_namespace(&b.id.sym, FILE_SCOPE);
                    }
                }
                AssignTarget::Simple(SimpleAssignTarget::Member(m)) => {
                    if let (Expr::This(_), MemberProp::Ident(p), Some(ty)) =
                        (unwrap(&m.obj), &m.prop, object)
                    {
                        self.bindings.bind_this_object(&p.sym, ty);
                    }
                }
                _ => {}
            }
        }
        Control::Children
    }

    /// Import declarations: their children are not visited.
    fn on_import_decl(&mut self, import: &ImportDecl, names: &mut Names) {
        names.import_decl(import);
        let from = import.src.value.to_atom_lossy();
        if self.ruleset.namespaces.is_hook_module(&from) {
            for spec in &import.specifiers {
                if let ImportSpecifier::Named(n) = spec {
                    let export = n
                        .imported
                        .as_ref()
                        .and_then(module_export_name)
                        .map_or_else(|| n.local.sym.to_string(), |(name, _)| name.to_owned());
                    self.bindings.bind_hook(&n.local.sym, &from, &export);
                }
            }
            return;
        }
        if !self.bindings.is_namespace_module(&from) {
            return;
        }
        for spec in &import.specifiers {
            match spec {
                ImportSpecifier::Default(d) => {
                    self.bindings.bind_namespace(&d.local.sym, FILE_SCOPE)
                }
                ImportSpecifier::Namespace(n) => {
                    self.bindings.bind_namespace(&n.local.sym, FILE_SCOPE)
                }
                ImportSpecifier::Named(n) => {
                    let name = n
                        .imported
                        .as_ref()
                        .and_then(module_export_name)
                        .map(|(name, _)| name.to_owned())
                        .unwrap_or_else(|| n.local.sym.to_string());
                    if name == "default" {
                        self.bindings.bind_namespace(&n.local.sym, FILE_SCOPE);
                    } else {
                        self.bindings.bind_api(&n.local.sym, name);
                    }
                }
            }
        }
    }

    fn enter_function(&mut self, f: &Function) -> Control {
        self.enter((f.span.lo.0, f.span.hi.0), f.params.iter().map(|p| &p.pat));
        Control::Children
    }

    fn enter_arrow(&mut self, a: &ArrowExpr) -> Control {
        self.enter((a.span.lo.0, a.span.hi.0), a.params.iter());
        Control::Children
    }

    fn exit_function(&mut self) {
        self.functions.pop();
    }
}
