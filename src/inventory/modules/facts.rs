//! The module facts collector ([`FactCollector`]): imports, exports,
//! wrappers of `wx.authorize` and calls passing a literal scope, as hooks of
//! the shared walk ([`crate::inventory::walk`]).

use std::cell::Cell;
use std::collections::HashSet;

use swc_atoms::Atom;
use swc_common::Span;
use swc_ecma_ast::*;

use super::names::{is_get_app, required, required_call, Names};
use super::{ModuleFacts, ScopeCall, Shape, Target, WrapperDef};
use crate::inventory::js::{Bindings, WORDS};
use crate::inventory::walk::{Collector, Control};
use crate::parse::ast::{key_is, member_name, module_export_name, prop_name, string_value, unwrap};
use crate::ruleset::AUTHORIZE_APIS;

/// A function being visited: its name, and where its simple parameters are
/// on the collector's parameter stack.
struct Function {
    name: Option<(Atom, Span)>,
    params: std::ops::Range<usize>,
}

/// Imports, exports, wrappers and scope calls, collected by hooks
/// ([`Collector`]) that a walk over the AST calls (see [`super::walk`]),
/// which visits the children.
///
/// The facts see only some of the AST: a function's body but not its
/// parameters or name when the function is named by what holds it (`const f
/// = () => …`, a method), not the specifiers of re-exports. Their hooks ask
/// the walk ([`Control`]) to bracket what they do not see with
/// [`Collector::suspend`] and [`Collector::resume`], and to name the
/// function it visits next with [`Collector::name_next`].
pub(in crate::inventory) struct FactCollector<'a> {
    bindings: &'a Bindings,
    base: u32,
    functions: Vec<Function>,
    /// The parameters of the functions being visited, innermost last
    /// (one stack for all, rather than a vector for each function).
    params: Vec<Option<Atom>>,
    facts: ModuleFacts,
    /// How many suspensions are open: the facts see nothing while any is.
    suspended: u32,
    /// The name of the function the walk visits next.
    next_name: Option<(Atom, Span)>,
    /// The write counts of the names (`module_writes`, `authorizer_writes`)
    /// at their first lookup, to tell whether every lookup saw them complete.
    first_lookups: (Cell<Option<usize>>, Cell<Option<usize>>),
}

/// The name of a simple parameter (`a`, `a = 1`).
fn param_name(p: &Pat) -> Option<Atom> {
    match p {
        Pat::Ident(b) => Some(b.id.sym.clone()),
        Pat::Assign(a) => match &*a.left {
            Pat::Ident(b) => Some(b.id.sym.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The name a property key writes, as an atom: `a`, `'a'`.
fn prop_atom(key: &PropName) -> Option<(Atom, Span)> {
    match key {
        PropName::Ident(id) => Some((id.sym.clone(), id.span)),
        PropName::Str(s) => s.value.as_atom().map(|a| (a.clone(), s.span)),
        _ => None,
    }
}

/// The value of a string literal (or a template literal without
/// expressions) that starts with `scope.`; other strings are not copied.
fn scope_string(expr: &Expr) -> Option<String> {
    let value = match unwrap(expr) {
        Expr::Lit(Lit::Str(s)) => s.value.to_atom_lossy(),
        Expr::Tpl(t) if t.exprs.is_empty() => t.quasis.first()?.cooked.as_ref()?.to_atom_lossy(),
        _ => return None,
    };
    value.starts_with("scope.").then(|| value.to_string())
}

fn scope_literal(arg: &ExprOrSpread) -> Option<(Shape, String)> {
    if arg.spread.is_some() {
        return None;
    }
    if let Some(s) = scope_string(&arg.expr) {
        return Some((Shape::Scope, s));
    }
    let Expr::Object(obj) = unwrap(&arg.expr) else {
        return None;
    };
    obj.props.iter().rev().find_map(|p| match p {
        PropOrSpread::Prop(p) => match &**p {
            Prop::KeyValue(kv) if key_is(&kv.key, &WORDS.scope) => {
                scope_string(&kv.value).map(|s| (Shape::Options, s))
            }
            _ => None,
        },
        PropOrSpread::Spread(_) => None,
    })
}

impl<'a> FactCollector<'a> {
    fn span_of(&self, span: Span) -> (usize, usize) {
        (
            span.lo.0.saturating_sub(self.base) as usize,
            span.hi.0.saturating_sub(span.lo.0) as usize,
        )
    }

    /// The parameter `name` refers to: the innermost function that has it,
    /// when that function has a name.
    fn param_of(&self, name: &Atom) -> Option<(&Function, usize)> {
        for f in self.functions.iter().rev() {
            let params = &self.params[f.params.clone()];
            if let Some(i) = params.iter().position(|p| p.as_ref() == Some(name)) {
                return f.name.is_some().then_some((f, i));
            }
        }
        None
    }

    fn wrapper(&mut self, param: &Atom, shape: Shape, forward: Option<(Target, usize)>) {
        let Some((f, index)) = self.param_of(param) else {
            return;
        };
        let Some((name, span)) = &f.name else {
            return;
        };
        let (offset, len) = self.span_of(*span);
        let def = WrapperDef {
            name: name.to_string(),
            param: index,
            shape,
            forward,
            offset,
            len,
        };
        // Duplicates go once the file is visited (see `collect`).
        self.facts.wrappers.push(def);
    }

    /// Whether `callee` is `wx.authorize` or an alias (the inventory records
    /// those calls itself).
    /// A collector for a program whose text starts at `SourceMap` position
    /// `base`; the bindings must be settled.
    pub(in crate::inventory) fn new(bindings: &'a Bindings, base: u32) -> Self {
        FactCollector {
            bindings,
            base,
            functions: Vec::new(),
            params: Vec::new(),
            facts: ModuleFacts::default(),
            suspended: 0,
            next_name: None,
            first_lookups: Default::default(),
        }
    }

    /// Whether every lookup of `names` saw them as they are now: then the
    /// facts are those of a walk made once the names were complete.
    pub(in crate::inventory) fn looked_up_complete(&self, names: &Names) -> bool {
        self.first_lookups
            .0
            .get()
            .is_none_or(|at| at == names.module_writes)
            && self
                .first_lookups
                .1
                .get()
                .is_none_or(|at| at == names.authorizer_writes)
    }

    /// The facts collected.
    pub(in crate::inventory) fn finish(self) -> ModuleFacts {
        let mut facts = self.facts;
        // The first of equal wrappers stays, in order; a minified bundle has
        // thousands, so not by a linear search for each.
        let mut seen = HashSet::with_capacity(facts.wrappers.len());
        let first: Vec<bool> = facts.wrappers.iter().map(|w| seen.insert(w)).collect();
        drop(seen);
        let mut first = first.into_iter();
        facts.wrappers.retain(|_| first.next().unwrap_or(false));
        facts.imports.sort();
        facts.imports.dedup();
        facts.exports.sort();
        facts.exports.dedup();
        facts
    }

    /// Whether the facts see the nodes being visited.
    pub(in crate::inventory) fn active(&self) -> bool {
        self.suspended == 0
    }

    fn module_lookup(&self, names: &Names) {
        if self.first_lookups.0.get().is_none() {
            self.first_lookups.0.set(Some(names.module_writes));
        }
    }

    fn authorizer_lookup(&self, names: &Names) {
        if self.first_lookups.1.get().is_none() {
            self.first_lookups.1.set(Some(names.authorizer_writes));
        }
    }

    fn is_authorize(&self, callee: &Expr) -> bool {
        self.bindings
            .api_of(callee)
            .is_some_and(|(name, _)| AUTHORIZE_APIS.contains(&name))
    }

    /// `promisify(wx.authorize)` or a name bound to it, with a span to report.
    fn promisified_authorize(&self, callee: &Expr, names: &Names) -> Option<Span> {
        match unwrap(callee) {
            Expr::Ident(id) => {
                self.authorizer_lookup(names);
                names.authorizers.contains(&id.sym).then_some(id.span)
            }
            Expr::Call(call) => call.args.iter().find_map(|a| {
                (a.spread.is_none())
                    .then(|| self.bindings.api_of(&a.expr))
                    .flatten()
                    .filter(|(n, _)| AUTHORIZE_APIS.contains(n))
                    .map(|(_, span)| span)
            }),
            _ => None,
        }
    }

    /// What a callee expression goes to, with the span of its name.
    fn callee(&self, callee: &Expr, names: &Names) -> Option<(Target, Span)> {
        self.module_lookup(names);
        match unwrap(callee) {
            Expr::Ident(id) => Some(match names.imports.get(&id.sym) {
                Some((spec, name)) => (
                    Target::Import {
                        spec: spec.clone(),
                        name: if name == "*" {
                            "default".to_owned()
                        } else {
                            name.clone()
                        },
                    },
                    id.span,
                ),
                None => (Target::Local(id.sym.to_string()), id.span),
            }),
            Expr::Member(m) => {
                let (name, span) = member_name(&m.prop)?;
                let name = name.to_owned();
                match unwrap(&m.obj) {
                    Expr::This(_) => Some((Target::Local(name), span)),
                    obj if is_get_app(obj) => Some((Target::App(name), span)),
                    Expr::Ident(id) if names.apps.contains(&id.sym) => {
                        Some((Target::App(name), span))
                    }
                    Expr::Ident(id) => match names.imports.get(&id.sym) {
                        Some((spec, whole)) if whole == "*" || whole == "default" => Some((
                            Target::Import {
                                spec: spec.clone(),
                                name,
                            },
                            span,
                        )),
                        _ => None,
                    },
                    obj => required(obj).map(|spec| (Target::Import { spec, name }, span)),
                }
            }
            _ => None,
        }
    }

    fn call(&mut self, callee: &Expr, args: &[ExprOrSpread], names: &Names) {
        if let Some(span) = self.promisified_authorize(callee, names) {
            match args.first().map(|a| (a, scope_literal(a))) {
                Some((_, Some((Shape::Options, scope)))) => {
                    let (offset, len) = self.span_of(span);
                    self.facts.calls.push(ScopeCall {
                        callee: Target::Authorize,
                        arg: 0,
                        shape: Shape::Options,
                        scope,
                        offset,
                        len,
                    });
                }
                Some((arg, None)) if arg.spread.is_none() => {
                    if let Expr::Ident(id) = unwrap(&arg.expr) {
                        self.wrapper(&id.sym, Shape::Options, None);
                    }
                }
                _ => {}
            }
            return;
        }
        if self.is_authorize(callee) {
            if let Some(arg) = args.first().filter(|a| a.spread.is_none()) {
                match unwrap(&arg.expr) {
                    // wx.authorize(options)
                    Expr::Ident(id) => self.wrapper(&id.sym, Shape::Options, None),
                    Expr::Object(obj) => {
                        for p in &obj.props {
                            match p {
                                PropOrSpread::Spread(s) => {
                                    if let Expr::Ident(id) = unwrap(&s.expr) {
                                        self.wrapper(&id.sym, Shape::Options, None);
                                    }
                                }
                                PropOrSpread::Prop(p) => match &**p {
                                    Prop::Shorthand(id) if id.sym == WORDS.scope => {
                                        self.wrapper(&id.sym, Shape::Scope, None)
                                    }
                                    Prop::KeyValue(kv) if key_is(&kv.key, &WORDS.scope) => {
                                        if let Expr::Ident(id) = unwrap(&kv.value) {
                                            self.wrapper(&id.sym, Shape::Scope, None);
                                        }
                                    }
                                    _ => {}
                                },
                            }
                        }
                    }
                    _ => {}
                }
            }
            return;
        }
        // The callee is worked out on first need: most calls pass neither a
        // literal scope nor a parameter of a named function.
        let mut resolved: Option<Option<(Target, Span)>> = None;
        for (i, arg) in args.iter().enumerate() {
            if let Some((shape, scope)) = scope_literal(arg) {
                let Some((target, span)) =
                    resolved.get_or_insert_with(|| self.callee(callee, names))
                else {
                    return;
                };
                let (offset, len) = self.span_of(*span);
                self.facts.calls.push(ScopeCall {
                    callee: target.clone(),
                    arg: i,
                    shape,
                    scope,
                    offset,
                    len,
                });
            } else if arg.spread.is_none() {
                if let Expr::Ident(id) = unwrap(&arg.expr) {
                    if self.param_of(&id.sym).is_none() {
                        continue;
                    }
                    let Some((target, _)) =
                        resolved.get_or_insert_with(|| self.callee(callee, names))
                    else {
                        return;
                    };
                    let target = target.clone();
                    // A parameter passed on: `function a(s) { b(s) }`. Its shape
                    // is whatever `b` expects; both are tried when resolving.
                    for shape in [Shape::Scope, Shape::Options] {
                        self.wrapper(&id.sym, shape, Some((target.clone(), i)));
                    }
                }
            }
        }
    }

    /// Enters a function: its name, and the names of its parameters.
    fn enter(&mut self, name: Option<(Atom, Span)>, params: impl Iterator<Item = Option<Atom>>) {
        let start = self.params.len();
        self.params.extend(params);
        let params = start..self.params.len();
        self.functions.push(Function { name, params });
    }

    /// Enters a function (or arrow) with the name given by
    /// [`Collector::name_next`] if any: [`Control::Body`] when it has
    /// one.
    fn enter_named<'p>(&mut self, params: impl Iterator<Item = &'p Pat>) -> Control {
        let name = self.next_name.take();
        let named = name.is_some();
        self.enter(name, params.map(param_name));
        if named {
            Control::Body
        } else {
            Control::Children
        }
    }

    fn export(&mut self, exported: impl Into<String>, local: impl Into<String>) {
        self.facts.exports.push((exported.into(), local.into()));
    }

    /// `module.exports = { a, b: c, d() {} }` and `export default { … }`.
    fn export_object(&mut self, obj: &ObjectLit) {
        for p in &obj.props {
            let PropOrSpread::Prop(p) = p else { continue };
            match &**p {
                Prop::Shorthand(id) => self.export(id.sym.to_string(), id.sym.to_string()),
                Prop::KeyValue(kv) => {
                    if let Some((key, _)) = prop_name(&kv.key) {
                        match unwrap(&kv.value) {
                            Expr::Ident(id) => self.export(key, id.sym.to_string()),
                            Expr::Fn(_) | Expr::Arrow(_) => self.export(key, key),
                            _ => {}
                        }
                    }
                }
                Prop::Method(m) => {
                    if let Some((key, _)) = prop_name(&m.key) {
                        self.export(key, key);
                    }
                }
                _ => {}
            }
        }
    }
}

/// `module.exports`, `exports`: the member written after them, if any.
enum ExportTarget {
    /// `module.exports = …`
    Whole,
    /// `module.exports.name = …`, `exports.name = …`
    Named(String, Span),
}

fn export_target(target: &SimpleAssignTarget) -> Option<ExportTarget> {
    let SimpleAssignTarget::Member(m) = target else {
        return None;
    };
    let is_module_exports = |e: &Expr| {
        matches!(unwrap(e), Expr::Member(inner)
            if matches!(unwrap(&inner.obj), Expr::Ident(o) if o.sym == "module")
            && matches!(&inner.prop, MemberProp::Ident(p) if p.sym == "exports"))
    };
    let (name, span) = member_name(&m.prop)?;
    if matches!(unwrap(&m.obj), Expr::Ident(o) if o.sym == "module") && name == "exports" {
        return Some(ExportTarget::Whole);
    }
    if is_module_exports(&m.obj) || matches!(unwrap(&m.obj), Expr::Ident(o) if o.sym == "exports") {
        return Some(ExportTarget::Named(name.to_owned(), span));
    }
    None
}

/// The hooks of the facts, which see a node only while they are
/// [active](FactCollector::active). A hook returning [`Control::Named`]
/// names a function value: the walk then visits what the facts do not see
/// suspended, names the function ([`Collector::name_next`]) and visits
/// it.
impl Collector for FactCollector<'_> {
    /// `const f = function () {…}`, `const f = () => …`: `f`.
    fn on_var_declarator(&mut self, d: &VarDeclarator, _: &mut Names) -> Control {
        match (&d.name, &d.init) {
            (Pat::Ident(b), Some(init)) if self.active() && is_function(unwrap(init)) => {
                Control::Named(b.id.sym.clone(), b.id.span)
            }
            _ => Control::Children,
        }
    }

    fn on_call_expr(&mut self, call: &CallExpr, names: &Names) {
        if !self.active() {
            return;
        }
        match &call.callee {
            Callee::Expr(callee) => {
                if let Some(spec) = required_call(call) {
                    self.facts.imports.push(spec);
                }
                self.call(callee, &call.args, names);
            }
            Callee::Import(_) => {
                if let Some(spec) = call.args.first().and_then(|a| string_value(&a.expr)) {
                    self.facts.imports.push(spec);
                }
            }
            Callee::Super(_) => {}
        }
    }

    fn on_opt_call(&mut self, call: &OptCall, names: &Names) {
        if self.active() {
            self.call(&call.callee, &call.args, names);
        }
    }

    /// `module.exports = …`, `exports.f = …`: the name of a function assigned.
    fn on_assign_expr(&mut self, a: &AssignExpr) -> Control {
        if !self.active() {
            return Control::Children;
        }
        match self.assign(a) {
            Some((name, span)) => Control::Named(name, span),
            None => Control::Children,
        }
    }

    /// Import declarations: their children are not visited.
    fn on_import_decl(&mut self, import: &ImportDecl, _: &mut Names) {
        if self.active() {
            self.facts
                .imports
                .push(import.src.value.to_atom_lossy().to_string());
        }
    }

    /// `f: function () {…}`, `f: () => …`, `f() {…}`: `f`.
    fn on_prop(&mut self, prop: &Prop) -> Control {
        if !self.active() {
            return Control::Children;
        }
        let name = match prop {
            Prop::KeyValue(kv) if is_function(unwrap(&kv.value)) => prop_atom(&kv.key),
            Prop::Method(m) => prop_atom(&m.key),
            _ => None,
        };
        match name {
            Some((name, span)) => Control::Named(name, span),
            None => Control::Children,
        }
    }

    /// `function f() {…}`: `f`.
    fn on_fn_decl(&mut self, f: &FnDecl) -> Control {
        if self.active() {
            Control::Named(f.ident.sym.clone(), f.ident.span)
        } else {
            Control::Children
        }
    }

    /// Enters a function, with the name given by
    /// [`Collector::name_next`] if any; when it has one, the walk
    /// visits its parameters suspended and then its body.
    fn enter_function(&mut self, f: &swc_ecma_ast::Function) -> Control {
        if self.active() {
            self.enter_named(f.params.iter().map(|p| &p.pat))
        } else {
            Control::Children
        }
    }

    /// [`Collector::enter_function`] for an arrow.
    fn enter_arrow(&mut self, a: &ArrowExpr) -> Control {
        if self.active() {
            self.enter_named(a.params.iter())
        } else {
            Control::Children
        }
    }

    /// Leaves the innermost function, when the facts saw it entered (they
    /// are active at its end when they were at its start).
    fn exit_function(&mut self) {
        if self.active() {
            if let Some(f) = self.functions.pop() {
                self.params.truncate(f.params.start);
            }
        }
    }

    /// A class method with a plain name.
    fn on_class_method(&mut self, m: &ClassMethod) -> Control {
        match prop_atom(&m.key) {
            Some((name, span)) if self.active() => Control::Named(name, span),
            _ => Control::Children,
        }
    }

    /// `export { a as b }`, `export { a } from 'x'`: the facts do not see the
    /// children.
    fn on_named_export(&mut self, export: &NamedExport) -> Control {
        if self.active() {
            self.named_export(export);
        }
        Control::Unseen
    }

    /// `export * from 'x'`: the facts do not see the children.
    fn on_export_all(&mut self, export: &ExportAll) -> Control {
        if self.active() {
            self.facts
                .imports
                .push(export.src.value.to_atom_lossy().to_string());
        }
        Control::Unseen
    }

    fn on_export_decl(&mut self, export: &ExportDecl) {
        if !self.active() {
            return;
        }
        match &export.decl {
            Decl::Fn(f) => self.export(f.ident.sym.to_string(), f.ident.sym.to_string()),
            Decl::Var(v) => {
                for d in &v.decls {
                    if let Pat::Ident(b) = &d.name {
                        self.export(b.id.sym.to_string(), b.id.sym.to_string());
                    }
                }
            }
            _ => {}
        }
    }

    /// `export default function f() {}`: the function's name.
    fn on_export_default_decl(&mut self, export: &ExportDefaultDecl) -> Control {
        let DefaultDecl::Fn(f) = &export.decl else {
            return Control::Children;
        };
        if !self.active() {
            return Control::Children;
        }
        let (name, span) = match &f.ident {
            Some(id) => (id.sym.clone(), id.span),
            None => (Atom::from("default"), f.function.span),
        };
        self.export("default", name.to_string());
        Control::Named(name, span)
    }

    /// `export default …`: `default` when it is a function.
    fn on_export_default_expr(&mut self, export: &ExportDefaultExpr) -> Control {
        if !self.active() {
            return Control::Children;
        }
        match unwrap(&export.expr) {
            Expr::Ident(id) => self.export("default", id.sym.to_string()),
            Expr::Object(obj) => self.export_object(obj),
            value if is_function(value) => {
                self.export("default", "default");
                return Control::Named(Atom::from("default"), export.span);
            }
            _ => {}
        }
        Control::Children
    }

    fn suspend(&mut self) {
        self.suspended += 1;
    }

    fn resume(&mut self) {
        self.suspended -= 1;
    }

    fn name_next(&mut self, name: (Atom, Span)) {
        self.next_name = Some(name);
    }
}

impl FactCollector<'_> {
    /// `export { a as b }` (without `from`): the names exported; with
    /// `from`, the module.
    fn named_export(&mut self, export: &NamedExport) {
        if let Some(src) = &export.src {
            self.facts
                .imports
                .push(src.value.to_atom_lossy().to_string());
            return;
        }
        for s in &export.specifiers {
            if let ExportSpecifier::Named(n) = s {
                if let Some((local, _)) = module_export_name(&n.orig) {
                    let exported = n
                        .exported
                        .as_ref()
                        .and_then(module_export_name)
                        .map_or(local, |(e, _)| e);
                    self.export(exported, local);
                }
            }
        }
    }

    /// `module.exports = …`, `exports.f = …`: the name of a function assigned.
    fn assign(&mut self, a: &AssignExpr) -> Option<(Atom, Span)> {
        let AssignTarget::Simple(target) = &a.left else {
            return None;
        };
        match export_target(target) {
            Some(ExportTarget::Whole) => match unwrap(&a.right) {
                Expr::Ident(id) => self.export("default", id.sym.to_string()),
                Expr::Object(obj) => self.export_object(obj),
                Expr::Fn(f) => {
                    let name = f
                        .ident
                        .as_ref()
                        .map_or_else(|| "default".to_owned(), |i| i.sym.to_string());
                    self.export("default", name.clone());
                    return Some((Atom::from(name.as_str()), a.span));
                }
                _ => {}
            },
            Some(ExportTarget::Named(name, span)) => {
                if let Expr::Ident(id) = unwrap(&a.right) {
                    self.export(name, id.sym.to_string());
                } else if is_function(unwrap(&a.right)) {
                    self.export(name.clone(), name.clone());
                    return Some((Atom::from(name.as_str()), span));
                }
            }
            None => {}
        }
        None
    }
}

/// A function or arrow expression.
fn is_function(expr: &Expr) -> bool {
    matches!(expr, Expr::Fn(_) | Expr::Arrow(_))
}
