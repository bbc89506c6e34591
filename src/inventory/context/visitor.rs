//! The call context visitor ([`ContextVisitor`]): one walk that finds the
//! owner object, method, invocation path and function name around each use
//! asked for, and the same-object calls between methods.

use std::collections::HashMap;
use std::sync::Arc;

use swc_atoms::Atom;
use swc_common::Span;
use swc_ecma_ast::*;
use swc_ecma_visit::{noop_visit_type, Visit, VisitWith};

use super::paths::{callers, paths_from, Edge, EdgeIndex, Paths};
use super::{is_launch_lifecycle, is_lifecycle, AsyncCallback, CallContext, Desc, OwnerKind};
use crate::parse::ast::unwrap;
use crate::ruleset::Namespaces;

/// How a function is invoked relative to the function around it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Invoke {
    /// Right away (`new Promise(fn)`, `arr.forEach(fn)`, an IIFE).
    Sync,
    /// Later, once (`success`, `.then()`, `setTimeout`); the label says which.
    Async(AsyncCallback),
    /// By code we cannot see (`foo(fn)`, a local function declaration).
    Unknown,
    /// Maybe never from here: stored, returned, or registered as a listener.
    Detached,
}

#[derive(Debug, Clone)]
enum Role {
    /// A method of an owner object.
    Method { owner: usize, name: String },
    /// Any other function.
    Callback(Invoke),
}

struct Frame {
    role: Role,
    /// The function's name, when it has one (see [`CallContext::function`]).
    name: Option<String>,
    /// An `await` was met in this function (before the current point).
    awaited: bool,
    /// Names bound to `this` in this function (`const that = this`).
    this_aliases: Vec<Atom>,
}

/// What the path from the current point up to the enclosing method says.
struct Here {
    method: Option<(usize, String)>,
    runs_with_method: bool,
    sync_in_method: bool,
    async_callback: Option<AsyncCallback>,
}

struct Found {
    called: bool,
    desc: Desc,
    owner: Option<usize>,
    method: Option<String>,
    runs_with_method: bool,
    sync_in_method: bool,
    async_callback: Option<AsyncCallback>,
    function: Option<String>,
}

pub(super) struct ContextVisitor {
    base: u32,
    /// The offsets asked for, sorted: every name and string of the program
    /// is looked up, so by binary search rather than by hashing.
    wanted: Vec<usize>,
    found: HashMap<usize, Found>,
    frames: Vec<Frame>,
    /// The role of the function about to be visited.
    next_role: Option<Role>,
    /// The name of the function about to be visited.
    next_name: Option<String>,
    /// Names of the classes being visited (`None` for anonymous ones).
    classes: Vec<Option<String>>,
    owners: Vec<OwnerKind>,
    edges: Vec<Edge>,
    /// Whether functions that cannot matter are skipped.
    skip: bool,
    /// The framework table's constructors.
    known: Arc<Namespaces>,
}

impl ContextVisitor {
    /// A visitor for the uses at `offsets` in a program whose text starts at
    /// `SourceMap` position `base`.
    pub(super) fn new(base: u32, offsets: &[usize], skip: bool, known: &Arc<Namespaces>) -> Self {
        ContextVisitor {
            base,
            wanted: {
                let mut wanted = offsets.to_vec();
                wanted.sort_unstable();
                wanted.dedup();
                wanted
            },
            found: HashMap::new(),
            frames: Vec::new(),
            next_role: None,
            next_name: None,
            classes: Vec::new(),
            owners: Vec::new(),
            edges: Vec::new(),
            skip,
            known: known.clone(),
        }
    }
}

impl ContextVisitor {
    /// The owner kind a call of `callee` registers: `Page` for `Page` and
    /// for the framework table's `createPage` or `wepy.page`.
    fn owner_kind(&self, callee: &Expr) -> Option<OwnerKind> {
        match unwrap(callee) {
            Expr::Ident(id) => OwnerKind::from_name(&id.sym).or_else(|| {
                self.known
                    .constructor(&id.sym)
                    .and_then(OwnerKind::from_name)
            }),
            Expr::Member(m) => {
                let (Expr::Ident(obj), MemberProp::Ident(prop)) = (unwrap(&m.obj), &m.prop) else {
                    return None;
                };
                let name = format!("{}.{}", obj.sym, prop.sym);
                self.known.constructor(&name).and_then(OwnerKind::from_name)
            }
            _ => None,
        }
    }

    fn offset(&self, span: Span) -> usize {
        span.lo.0.saturating_sub(self.base) as usize
    }

    fn here(&self) -> Here {
        let mut here = Here {
            method: None,
            runs_with_method: true,
            sync_in_method: true,
            async_callback: None,
        };
        // Once a function invoked by unseen code is crossed, what lies
        // outside it says nothing about when the use runs.
        let mut settled = false;
        for frame in self.frames.iter().rev() {
            if frame.awaited {
                here.sync_in_method = false;
                if !settled && here.async_callback.is_none() {
                    here.async_callback = Some(AsyncCallback::Await);
                }
            }
            match &frame.role {
                Role::Method { owner, name } => {
                    here.method = Some((*owner, name.clone()));
                    return here;
                }
                Role::Callback(Invoke::Sync) => {}
                Role::Callback(Invoke::Async(label)) => {
                    here.sync_in_method = false;
                    if !settled && here.async_callback.is_none() {
                        here.async_callback = Some(label.clone());
                    }
                }
                Role::Callback(Invoke::Unknown) => {
                    here.sync_in_method = false;
                    settled = true;
                }
                Role::Callback(Invoke::Detached) => {
                    here.sync_in_method = false;
                    here.runs_with_method = false;
                    settled = true;
                }
            }
        }
        here
    }

    /// The nearest enclosing named function.
    fn function_name(&self) -> Option<String> {
        self.frames
            .iter()
            .rev()
            .find_map(|frame| match &frame.role {
                Role::Method { name, .. } => Some(name.clone()),
                Role::Callback(_) => frame.name.clone(),
            })
    }

    /// `Class.member` inside a named class, else `member`.
    fn member_name(&self, member: &str) -> String {
        match self.classes.last() {
            Some(Some(class)) => format!("{class}.{member}"),
            _ => member.to_owned(),
        }
    }

    fn mark(&mut self, span: Span, called: bool, desc: Desc) {
        let offset = self.offset(span);
        if self.wanted.binary_search(&offset).is_err() || self.found.contains_key(&offset) {
            return;
        }
        let here = self.here();
        let (owner, method) = match here.method {
            Some((owner, name)) => (Some(owner), Some(name)),
            None => (None, None),
        };
        self.found.insert(
            offset,
            Found {
                called,
                desc,
                owner,
                method,
                runs_with_method: here.runs_with_method,
                sync_in_method: here.sync_in_method,
                async_callback: here.async_callback,
                function: self.function_name(),
            },
        );
    }

    /// Visits a function (or arrow) node with `role`.
    fn visit_fn_with<N: VisitWith<Self>>(&mut self, node: &N, role: Role) {
        self.next_role = Some(role);
        node.visit_with(self);
        self.next_role = None;
    }

    /// Visits `value` naming the function it is (after wrappers such as
    /// parentheses), if it is one.
    fn visit_maybe_named<N: VisitWith<Self>>(
        &mut self,
        value: &Expr,
        node: &N,
        name: impl FnOnce(&Self) -> Option<String>,
    ) {
        if matches!(unwrap(value), Expr::Fn(_) | Expr::Arrow(_)) {
            self.next_name = name(self);
        }
        node.visit_with(self);
        self.next_name = None;
    }

    /// Whether the function about to be visited, spanning `span`, can be
    /// skipped: no use asked for is in it, and it is neither a method of an
    /// owner object nor inside one, so a `this.m()` in it is no edge that a
    /// use elsewhere depends on. What it would change elsewhere is balanced
    /// within it (its own frame, classes, owners of its own). Minified
    /// bundles are mostly such functions.
    fn skippable(&mut self, span: Span) -> bool {
        let (lo, hi) = (
            self.offset(span),
            span.hi.0.saturating_sub(self.base) as usize,
        );
        let first = self.wanted.partition_point(|&w| w < lo);
        let wanted_inside = self.wanted.get(first).is_some_and(|&w| w < hi);
        let in_method = matches!(self.next_role, Some(Role::Method { .. }))
            || self
                .frames
                .iter()
                .any(|frame| matches!(frame.role, Role::Method { .. }));
        if !self.skip || wanted_inside || in_method {
            return false;
        }
        // What entering would have taken.
        self.next_role = None;
        self.next_name = None;
        true
    }

    fn enter(&mut self) {
        let role = self
            .next_role
            .take()
            .unwrap_or(Role::Callback(Invoke::Detached));
        let name = self.next_name.take();
        self.frames.push(Frame {
            role,
            name,
            awaited: false,
            this_aliases: Vec::new(),
        });
    }

    /// Whether `expr` is `this` or a name bound to it in an enclosing
    /// function up to the method.
    fn is_this(&self, expr: &Expr) -> bool {
        match unwrap(expr) {
            Expr::This(_) => true,
            Expr::Ident(id) => {
                for frame in self.frames.iter().rev() {
                    if frame.this_aliases.contains(&id.sym) {
                        return true;
                    }
                    if matches!(frame.role, Role::Method { .. }) {
                        break;
                    }
                }
                false
            }
            _ => false,
        }
    }

    /// `this.m(...)` inside a method: an edge from the method to `m`.
    fn same_object_call(&mut self, callee: &Expr) {
        let Expr::Member(m) = unwrap(callee) else {
            return;
        };
        let MemberProp::Ident(prop) = &m.prop else {
            return;
        };
        if !self.is_this(&m.obj) {
            return;
        }
        let here = self.here();
        if let Some((owner, from)) = here.method {
            self.edges.push(Edge {
                owner,
                from,
                to: prop.sym.to_string(),
                runs_with_method: here.runs_with_method,
                sync: here.sync_in_method,
            });
        }
    }

    /// The options object's `desc`, for the call `callee(args)`.
    fn mark_call(&mut self, callee: &Expr, args: &[ExprOrSpread]) {
        let Some(span) = callee_name_span(callee) else {
            return;
        };
        let offset = self.offset(span);
        if self.wanted.binary_search(&offset).is_ok() {
            self.mark(span, true, desc_of(args));
        }
    }

    /// Visits call arguments, giving functions the role their callee implies.
    fn visit_args(&mut self, callee: Option<&Expr>, args: &[ExprOrSpread]) {
        for arg in args {
            match unwrap(&arg.expr) {
                Expr::Fn(_) | Expr::Arrow(_) => {
                    let invoke = callee.map(invoke_of).unwrap_or(Invoke::Unknown);
                    self.visit_fn_with(&*arg.expr, Role::Callback(invoke));
                }
                Expr::Object(obj) => self.visit_options(obj, callee),
                _ => arg.visit_with(self),
            }
        }
    }

    /// An options object passed to a call: `success`/`fail`/`complete` run later.
    fn visit_options(&mut self, obj: &ObjectLit, callee: Option<&Expr>) {
        let what = || callee.map(describe).unwrap_or_else(|| "a call".to_owned());
        for prop in &obj.props {
            let PropOrSpread::Prop(p) = prop else {
                prop.visit_with(self);
                continue;
            };
            let invoke = |name: &str| {
                if matches!(name, "success" | "fail" | "complete") {
                    Invoke::Async(AsyncCallback::Option {
                        name: name.to_owned(),
                        call: what(),
                    })
                } else {
                    Invoke::Unknown
                }
            };
            match &**p {
                Prop::KeyValue(kv) if matches!(unwrap(&kv.value), Expr::Fn(_) | Expr::Arrow(_)) => {
                    kv.key.visit_with(self);
                    let name = prop_name(&kv.key).unwrap_or_default();
                    self.visit_fn_with(&*kv.value, Role::Callback(invoke(&name)));
                }
                Prop::Method(m) => {
                    m.key.visit_with(self);
                    let name = prop_name(&m.key).unwrap_or_default();
                    self.visit_fn_with(&*m.function, Role::Callback(invoke(&name)));
                }
                _ => p.visit_with(self),
            }
        }
    }

    /// The object literal passed to `App`/`Page`/`Component`/`Behavior`.
    fn visit_owner(&mut self, owner: usize, obj: &ObjectLit, prefix: &str) {
        let kind = self.owners[owner];
        for prop in &obj.props {
            let PropOrSpread::Prop(p) = prop else {
                prop.visit_with(self);
                continue;
            };
            match &**p {
                Prop::KeyValue(kv) => {
                    kv.key.visit_with(self);
                    let Some(name) = prop_name(&kv.key) else {
                        kv.value.visit_with(self);
                        continue;
                    };
                    match unwrap(&kv.value) {
                        Expr::Fn(_) | Expr::Arrow(_) => {
                            let role = Role::Method {
                                owner,
                                name: format!("{prefix}{name}"),
                            };
                            self.visit_fn_with(&*kv.value, role);
                        }
                        Expr::Object(inner)
                            if prefix.is_empty()
                                && matches!(kind, OwnerKind::Component | OwnerKind::Behavior) =>
                        {
                            match name.as_str() {
                                "methods" => self.visit_owner(owner, inner, ""),
                                "lifetimes" | "pageLifetimes" | "observers" => {
                                    self.visit_owner(owner, inner, &format!("{name}."))
                                }
                                _ => kv.value.visit_with(self),
                            }
                        }
                        _ => kv.value.visit_with(self),
                    }
                }
                Prop::Method(m) => {
                    m.key.visit_with(self);
                    match prop_name(&m.key) {
                        Some(name) => {
                            let role = Role::Method {
                                owner,
                                name: format!("{prefix}{name}"),
                            };
                            self.visit_fn_with(&*m.function, role);
                        }
                        None => m.function.visit_with(self),
                    }
                }
                _ => p.visit_with(self),
            }
        }
    }

    pub(super) fn finish(mut self) -> HashMap<usize, CallContext> {
        let mut incoming: EdgeIndex = HashMap::new();
        let mut outgoing: EdgeIndex = HashMap::new();
        for edge in &self.edges {
            incoming
                .entry((edge.owner, edge.to.as_str()))
                .or_default()
                .push(edge);
            outgoing
                .entry((edge.owner, edge.from.as_str()))
                .or_default()
                .push(edge);
        }
        // Paths from the lifecycles, once per owner: (launch, any lifecycle).
        let reach: Vec<(Paths, Paths)> = self
            .owners
            .iter()
            .enumerate()
            .map(|(owner, &kind)| {
                (
                    paths_from(
                        &self.edges,
                        &outgoing,
                        owner,
                        |m| is_launch_lifecycle(kind, m),
                        |e| e.runs_with_method,
                    ),
                    paths_from(
                        &self.edges,
                        &outgoing,
                        owner,
                        |m| is_lifecycle(kind, m),
                        |e| e.sync,
                    ),
                )
            })
            .collect();
        let found_all = std::mem::take(&mut self.found);
        let mut out = HashMap::new();
        for (offset, found) in found_all {
            let mut ctx = CallContext {
                called: found.called,
                desc: found.desc,
                owner: found.owner.map(|o| self.owners[o]),
                method: found.method.clone(),
                runs_with_method: found.runs_with_method,
                sync_in_method: found.sync_in_method,
                async_callback: found.async_callback,
                function: found.function,
                ..CallContext::default()
            };
            if let (Some(owner), Some(method)) = (found.owner, &found.method) {
                let kind = self.owners[owner];
                let (launch, lifecycle) = &reach[owner];
                if found.runs_with_method {
                    ctx.launch_path = if is_launch_lifecycle(kind, method) {
                        Some(vec![method.clone()])
                    } else {
                        launch.get(method.as_str()).cloned()
                    };
                }
                if found.sync_in_method {
                    ctx.lifecycle_path = if is_lifecycle(kind, method) {
                        Some(vec![method.clone()])
                    } else {
                        lifecycle.get(method.as_str()).cloned()
                    };
                    ctx.sync_callers = callers(&incoming, owner, method, |e| e.sync);
                }
            }
            out.insert(offset, ctx);
        }
        out
    }
}

impl Visit for ContextVisitor {
    noop_visit_type!();
    crate::stack::guarded_visits!();

    fn visit_function(&mut self, f: &Function) {
        if f.decorators.is_empty() && self.skippable(f.span) {
            return;
        }
        self.enter();
        f.visit_children_with(self);
        self.frames.pop();
    }

    fn visit_arrow_expr(&mut self, a: &ArrowExpr) {
        if self.skippable(a.span) {
            return;
        }
        self.enter();
        a.visit_children_with(self);
        self.frames.pop();
    }

    fn visit_fn_decl(&mut self, f: &FnDecl) {
        // A named function is usually called where it is declared.
        f.ident.visit_with(self);
        self.next_name = Some(f.ident.sym.to_string());
        self.visit_fn_with(&*f.function, Role::Callback(Invoke::Unknown));
        self.next_name = None;
    }

    fn visit_fn_expr(&mut self, f: &FnExpr) {
        // `function named() {}`: its own name unless bound to another one.
        if self.next_name.is_none() {
            self.next_name = f.ident.as_ref().map(|id| id.sym.to_string());
        }
        f.ident.visit_with(self);
        f.function.visit_with(self);
        self.next_name = None;
    }

    fn visit_class(&mut self, c: &Class) {
        // Class members are detached unless we know better.
        self.next_role = None;
        self.next_name = None;
        c.visit_children_with(self);
    }

    fn visit_class_decl(&mut self, c: &ClassDecl) {
        self.classes.push(Some(c.ident.sym.to_string()));
        c.class.visit_with(self);
        self.classes.pop();
    }

    fn visit_class_expr(&mut self, c: &ClassExpr) {
        self.classes
            .push(c.ident.as_ref().map(|id| id.sym.to_string()));
        c.class.visit_with(self);
        self.classes.pop();
    }

    fn visit_class_method(&mut self, m: &ClassMethod) {
        m.key.visit_with(self);
        self.next_name = prop_name(&m.key).map(|name| self.member_name(&name));
        m.function.visit_with(self);
        self.next_name = None;
    }

    fn visit_private_method(&mut self, m: &PrivateMethod) {
        self.next_name = Some(self.member_name(&format!("#{}", m.key.name)));
        m.function.visit_with(self);
        self.next_name = None;
    }

    fn visit_class_prop(&mut self, p: &ClassProp) {
        p.decorators.visit_with(self);
        p.key.visit_with(self);
        if let Some(value) = &p.value {
            let name = |this: &Self| prop_name(&p.key).map(|name| this.member_name(&name));
            self.visit_maybe_named(value, value, name);
        }
    }

    fn visit_method_prop(&mut self, m: &MethodProp) {
        m.key.visit_with(self);
        self.next_name = prop_name(&m.key);
        m.function.visit_with(self);
        self.next_name = None;
    }

    fn visit_key_value_prop(&mut self, kv: &KeyValueProp) {
        kv.key.visit_with(self);
        self.visit_maybe_named(&kv.value, &kv.value, |_| prop_name(&kv.key));
    }

    fn visit_assign_expr(&mut self, a: &AssignExpr) {
        // `exports.f = function () {…}`, `f = () => …`
        a.left.visit_with(self);
        let name = |_: &Self| match &a.left {
            AssignTarget::Simple(SimpleAssignTarget::Ident(id)) => Some(id.id.sym.to_string()),
            AssignTarget::Simple(SimpleAssignTarget::Member(m)) => match &m.prop {
                MemberProp::Ident(p) => Some(p.sym.to_string()),
                _ => None,
            },
            _ => None,
        };
        self.visit_maybe_named(&a.right, &a.right, name);
    }

    fn visit_await_expr(&mut self, a: &AwaitExpr) {
        a.visit_children_with(self);
        if let Some(frame) = self.frames.last_mut() {
            frame.awaited = true;
        }
    }

    fn visit_var_declarator(&mut self, d: &VarDeclarator) {
        if let (Pat::Ident(b), Some(init)) = (&d.name, &d.init) {
            if matches!(unwrap(init), Expr::This(_)) {
                if let Some(frame) = self.frames.last_mut() {
                    frame.this_aliases.push(b.id.sym.clone());
                }
            }
        }
        d.name.visit_with(self);
        if let Some(init) = &d.init {
            let name = |_: &Self| match &d.name {
                Pat::Ident(b) => Some(b.id.sym.to_string()),
                _ => None,
            };
            self.visit_maybe_named(init, init, name);
        }
    }

    fn visit_call_expr(&mut self, call: &CallExpr) {
        let Callee::Expr(callee) = &call.callee else {
            call.visit_children_with(self);
            return;
        };
        // App({...}), Page({...}), Component({...}), Behavior({...}), and the
        // framework table's constructors: createPage({...}), wepy.page({...})
        if let (Some(kind), Some(first)) = (self.owner_kind(callee), call.args.first()) {
            if let Expr::Object(obj) = unwrap(&first.expr) {
                if first.spread.is_none() {
                    self.owners.push(kind);
                    let owner = self.owners.len() - 1;
                    self.visit_owner(owner, obj, "");
                    for arg in &call.args[1..] {
                        arg.visit_with(self);
                    }
                    return;
                }
            }
        }
        self.mark_call(callee, &call.args);
        self.same_object_call(callee);
        // (function () {…})() and (function () {…}).call(this) run right away.
        match unwrap(callee) {
            Expr::Fn(_) | Expr::Arrow(_) => {
                self.visit_fn_with(&**callee, Role::Callback(Invoke::Sync))
            }
            Expr::Member(m)
                if matches!(unwrap(&m.obj), Expr::Fn(_) | Expr::Arrow(_))
                    && matches!(&m.prop, MemberProp::Ident(p) if p.sym == "call" || p.sym == "apply") =>
            {
                self.visit_fn_with(&*m.obj, Role::Callback(Invoke::Sync));
            }
            _ => callee.visit_with(self),
        }
        self.visit_args(Some(callee), &call.args);
    }

    fn visit_opt_call(&mut self, call: &OptCall) {
        self.mark_call(&call.callee, &call.args);
        self.same_object_call(&call.callee);
        call.callee.visit_with(self);
        self.visit_args(Some(&call.callee), &call.args);
    }

    fn visit_new_expr(&mut self, n: &NewExpr) {
        n.callee.visit_with(self);
        let Some(args) = &n.args else {
            return;
        };
        let is_promise = matches!(unwrap(&n.callee), Expr::Ident(id) if id.sym == "Promise");
        for arg in args {
            if is_promise && matches!(unwrap(&arg.expr), Expr::Fn(_) | Expr::Arrow(_)) {
                self.visit_fn_with(&*arg.expr, Role::Callback(Invoke::Sync));
            } else if matches!(unwrap(&arg.expr), Expr::Fn(_) | Expr::Arrow(_)) {
                self.visit_fn_with(&*arg.expr, Role::Callback(Invoke::Unknown));
            } else {
                arg.visit_with(self);
            }
        }
    }

    fn visit_ident(&mut self, id: &Ident) {
        self.mark(id.span, false, Desc::Unknown);
    }

    fn visit_ident_name(&mut self, id: &IdentName) {
        self.mark(id.span, false, Desc::Unknown);
    }

    fn visit_str(&mut self, s: &Str) {
        self.mark(s.span, false, Desc::Unknown);
    }

    fn visit_tpl(&mut self, t: &Tpl) {
        self.mark(t.span, false, Desc::Unknown);
        t.visit_children_with(self);
    }
}

/// The span the inventory reports for a callee: the member name of
/// `wx.getLocation` / `wx['getLocation']` / `wx?.getLocation`, or the name
/// of a bare alias.
fn callee_name_span(callee: &Expr) -> Option<Span> {
    let member_span = |prop: &MemberProp| match prop {
        MemberProp::Ident(id) => Some(id.span),
        MemberProp::Computed(c) => match unwrap(&c.expr) {
            Expr::Lit(Lit::Str(s)) => Some(s.span),
            Expr::Tpl(t) => Some(t.span),
            _ => None,
        },
        MemberProp::PrivateName(_) => None,
    };
    match unwrap(callee) {
        Expr::Member(m) => member_span(&m.prop),
        Expr::Ident(id) => Some(id.span),
        Expr::OptChain(chain) => match &*chain.base {
            OptChainBase::Member(m) => member_span(&m.prop),
            OptChainBase::Call(_) => None,
        },
        _ => None,
    }
}

fn prop_name(key: &PropName) -> Option<String> {
    match key {
        PropName::Ident(id) => Some(id.sym.to_string()),
        PropName::Str(s) => Some(s.value.to_atom_lossy().to_string()),
        _ => None,
    }
}

/// The `desc` of a call's first argument.
fn desc_of(args: &[ExprOrSpread]) -> Desc {
    let Some(first) = args.first() else {
        return Desc::Missing;
    };
    if first.spread.is_some() {
        return Desc::Unknown;
    }
    let Expr::Object(obj) = unwrap(&first.expr) else {
        return Desc::Unknown;
    };
    let mut desc = Desc::Missing;
    for prop in &obj.props {
        match prop {
            PropOrSpread::Spread(_) => desc = Desc::Unknown,
            PropOrSpread::Prop(p) => match &**p {
                Prop::KeyValue(kv) if prop_name(&kv.key).as_deref() == Some("desc") => {
                    desc = match unwrap(&kv.value) {
                        Expr::Lit(Lit::Str(s)) => {
                            Desc::Literal(s.value.to_atom_lossy().to_string())
                        }
                        Expr::Tpl(t) if t.exprs.is_empty() => t
                            .quasis
                            .first()
                            .and_then(|q| q.cooked.as_ref())
                            .map(|c| Desc::Literal(c.to_atom_lossy().to_string()))
                            .unwrap_or(Desc::Unknown),
                        _ => Desc::Unknown,
                    };
                }
                Prop::Shorthand(id) if id.sym == "desc" => desc = Desc::Unknown,
                _ => {}
            },
        }
    }
    desc
}

/// `wx.login`, `this.fetch`, `setTimeout`: the callee as written, when short.
fn describe(callee: &Expr) -> String {
    fn path(expr: &Expr, depth: usize) -> Option<String> {
        match unwrap(expr) {
            Expr::Ident(id) => Some(id.sym.to_string()),
            Expr::This(_) => Some("this".to_owned()),
            Expr::Member(m) if depth < 3 => match &m.prop {
                MemberProp::Ident(p) => Some(format!("{}.{}", path(&m.obj, depth + 1)?, p.sym)),
                _ => None,
            },
            _ => None,
        }
    }
    path(callee, 0).unwrap_or_else(|| "a call".to_owned())
}

/// How a function passed to `callee` is invoked.
fn invoke_of(callee: &Expr) -> Invoke {
    let name = match unwrap(callee) {
        Expr::Ident(id) => id.sym.to_string(),
        Expr::Member(m) => match &m.prop {
            MemberProp::Ident(p) => p.sym.to_string(),
            _ => return Invoke::Unknown,
        },
        _ => return Invoke::Unknown,
    };
    match name.as_str() {
        "then" | "catch" | "finally" => Invoke::Async(AsyncCallback::Promise(name)),
        "setTimeout"
        | "setInterval"
        | "setImmediate"
        | "requestAnimationFrame"
        | "nextTick"
        | "$nextTick"
        | "queueMicrotask" => Invoke::Async(AsyncCallback::Timer(name)),
        "setData" => Invoke::Async(AsyncCallback::SetData),
        "forEach" | "map" | "filter" | "some" | "every" | "find" | "findIndex" | "reduce"
        | "reduceRight" | "sort" | "flatMap" => Invoke::Sync,
        "on" | "once" | "$on" | "$once" | "addEventListener" | "subscribe" | "watch" | "$watch"
        | "observe" => Invoke::Detached,
        _ if name.starts_with("on") && name[2..].starts_with(|c: char| c.is_ascii_uppercase()) => {
            Invoke::Detached
        }
        _ => Invoke::Unknown,
    }
}
