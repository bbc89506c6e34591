//! Consent facts: how a script wires `wx.onNeedPrivacyAuthorization`, what
//! becomes of the listener's `resolve`, the `resolve({ event })` calls, the
//! `wx.requirePrivacyAuthorize` calls, and the agree buttons of templates.
//!
//! The inventory visitor ([`super::js`]) has already found the consent APIs
//! whatever namespace or alias was written (`uni.`, `Taro.`, `wepy.`, `mpx.`
//! are canonicalised to `wx.`); this walk is given their offsets and looks at
//! the calls there. Everything here is conservative: a listener that is not
//! an inline function, a `resolve` kept in a structure or passed to another
//! function counts as handled, so the checks never call such code wrong.

use std::collections::HashSet;

use serde::Serialize;
use swc_atoms::Atom;
use swc_common::{Span, Spanned};
use swc_ecma_ast::*;
use swc_ecma_visit::{noop_visit_type, Visit, VisitWith};

use crate::diagnostic::Location;
use crate::parse::ast;

/// How deep the path analysis of a listener goes before it gives up (and
/// counts the listener as handled).
const MAX_DEPTH: usize = 200;

/// What happens to a listener's `resolve`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Fate {
    /// `resolve(...)` is called in the listener (or a callback in it).
    pub called: bool,
    /// `resolve` is stored (`this.x = resolve`, a module variable, a
    /// `Set`/array, page data) to be called later.
    pub stored: bool,
    /// `resolve` is passed to another function.
    pub passed: bool,
    /// The listener is not an inline function, or its parameter is not a
    /// plain name: what happens to `resolve` is not known.
    pub unknown: bool,
}

/// A `wx.onNeedPrivacyAuthorization(listener)` call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listener {
    /// Where the API name is.
    pub at: Location,
    /// What happens to `resolve`.
    pub fate: Fate,
    /// The first place where a path through the listener ends with
    /// `resolve` neither called nor kept (a `return`, or the end of the
    /// function); `None` when every path handles it or it is not known.
    pub unresolved: Option<Location>,
}

/// The `buttonId` of a `resolve({...})` call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ButtonId {
    /// No `buttonId` key.
    Missing,
    /// A literal string.
    Literal(String),
    /// Computed, or the object has a spread: not known.
    Dynamic,
}

/// Where a `resolve({...})` call runs relative to the listener.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Placement {
    /// Directly in the listener's body.
    Listener,
    /// In a timer or `success`/`complete` callback inside the listener.
    ListenerCallback,
    /// Elsewhere (a method that a tap may run, a function inside the
    /// listener the audit cannot place).
    Elsewhere,
}

/// A `resolve({ event, buttonId })` call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveCall {
    /// Where the callee is.
    pub at: Location,
    /// `agree`, `disagree` or `exposureAuthorization`.
    pub event: String,
    /// The `buttonId` sent.
    pub button: ButtonId,
    /// Where it runs.
    pub placement: Placement,
}

/// A `wx.requirePrivacyAuthorize(...)` call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequireCall {
    /// Where the API name is.
    pub at: Location,
    /// `Some(true)` when the failure is handled (`fail`/`complete`, or the
    /// promise is used), `Some(false)` when it is not, `None` when unknown.
    pub fail_handled: Option<bool>,
}

/// A `<button open-type="agreePrivacyAuthorization">` (or any tag with that
/// open-type) in a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreeButton {
    /// Where the tag name is.
    pub at: Location,
    /// The literal `id`; `None` without one.
    pub id: Option<String>,
    /// The `id` is computed (`id="{{x}}"`, `:id="x"`).
    pub dynamic_id: bool,
    /// The method bound to `bindagreeprivacyauthorization` (any bind form).
    pub handler: Option<String>,
    /// Rendered under a condition (`wx:if`, `v-if`, `hidden`).
    pub conditional: bool,
}

/// Everything one file says about consent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConsentFacts {
    /// Listener registrations.
    pub listeners: Vec<Listener>,
    /// `resolve({...})` calls.
    pub resolves: Vec<ResolveCall>,
    /// `wx.requirePrivacyAuthorize` calls.
    pub requires: Vec<RequireCall>,
    /// Agree buttons of templates.
    pub agree_buttons: Vec<AgreeButton>,
}

impl ConsentFacts {
    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.listeners.is_empty()
            && self.resolves.is_empty()
            && self.requires.is_empty()
            && self.agree_buttons.is_empty()
    }
}

/// Where a file with consent facts sits in the page graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Where {
    /// Loaded by every page: app.js (App.vue, main.js) and what it imports.
    App,
    /// A page's own file.
    Page,
    /// A component or module some pages reach.
    Component,
    /// No page reaches it.
    Unreached,
}

/// The consent facts of one file, placed in the page graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentFile {
    /// The facts.
    pub facts: ConsentFacts,
    /// The pages that reach the file, sorted.
    pub pages: Vec<String>,
    /// Where it sits.
    pub placement: Where,
}

/// Raw facts of one script, with byte offsets into the script.
#[derive(Debug, Default)]
pub struct RawFacts {
    /// `(offset, len, fate, unresolved offset)`.
    pub listeners: Vec<(usize, usize, Fate, Option<usize>)>,
    /// `(offset, len, event, button, placement)`.
    pub resolves: Vec<(usize, usize, String, ButtonId, Placement)>,
    /// `(offset, len, fail handled)`.
    pub requires: Vec<(usize, usize, Option<bool>)>,
}

/// Whether a script may hold consent code worth the walk.
pub fn worth_walking(script: &str) -> bool {
    script.contains("PrivacyAuthori") || script.contains("agree")
}

/// Walks `program`. `listeners` and `requires` are the offsets (relative
/// to the script) of the API names the inventory found for
/// `wx.onNeedPrivacyAuthorization` and `wx.requirePrivacyAuthorize`.
pub fn analyze(program: &Program, base: u32, listeners: &[usize], requires: &[usize]) -> RawFacts {
    let mut walker = Walker {
        base,
        listener_at: listeners.iter().copied().collect(),
        require_at: requires.iter().copied().collect(),
        mode: None,
        callbacks: HashSet::new(),
        declared: HashSet::new(),
        resolver_names: HashSet::new(),
        candidates: Vec::new(),
        out: RawFacts::default(),
        awaited: HashSet::new(),
    };
    program.visit_with(&mut walker);
    let Walker {
        mut out,
        candidates,
        declared,
        resolver_names,
        ..
    } = walker;
    for (name, call) in candidates {
        let resolver = resolver_names.contains(&name)
            || (name.to_ascii_lowercase().contains("resolve") && !declared.contains(&name));
        if resolver {
            out.resolves.push(call);
        }
    }
    out
}

type Candidate = (String, (usize, usize, String, ButtonId, Placement));

struct Walker {
    base: u32,
    listener_at: HashSet<usize>,
    require_at: HashSet<usize>,
    /// Inside a listener: where.
    mode: Option<Placement>,
    /// Spans (lo) of functions passed as timer or `success` callbacks.
    callbacks: HashSet<u32>,
    /// Names of functions and methods declared in the file.
    declared: HashSet<String>,
    /// Names `resolve` is called or kept under.
    resolver_names: HashSet<String>,
    candidates: Vec<Candidate>,
    out: RawFacts,
    /// Spans (lo) of calls whose result is used (awaited, `.then`, assigned).
    awaited: HashSet<(u32, u32)>,
}

impl Walker {
    fn offset(&self, span: Span) -> usize {
        span.lo.0.saturating_sub(self.base) as usize
    }

    fn len(span: Span) -> usize {
        (span.hi.0.saturating_sub(span.lo.0)) as usize
    }

    fn enter_fn(&mut self, span: Span) -> Option<Placement> {
        let saved = self.mode;
        if let Some(mode) = self.mode {
            self.mode = Some(match mode {
                Placement::Listener | Placement::ListenerCallback
                    if self.callbacks.contains(&span.lo.0) =>
                {
                    Placement::ListenerCallback
                }
                _ => Placement::Elsewhere,
            });
        }
        saved
    }
}

/// The name a callee goes by: `resolve`, `this.resolvePrivacy` →
/// `resolvePrivacy`.
fn callee_name(callee: &Expr) -> Option<(String, Span)> {
    match ast::unwrap(callee) {
        Expr::Ident(id) => Some((id.sym.to_string(), id.span)),
        Expr::Member(m) => {
            let (name, span) = ast::member_name(&m.prop)?;
            Some((name.to_owned(), span))
        }
        _ => None,
    }
}

/// The span of the API name of a callee (`wx.x` → `x`, `x` → `x`).
fn api_span(callee: &Expr) -> Option<Span> {
    match ast::unwrap(callee) {
        Expr::Ident(id) => Some(id.span),
        Expr::Member(m) => match &m.prop {
            MemberProp::Ident(i) => Some(i.span),
            MemberProp::Computed(c) => Some(c.expr.span()),
            MemberProp::PrivateName(p) => Some(p.span),
        },
        _ => None,
    }
}

/// `{ event: 'agree', buttonId }` → the event and button.
fn resolve_argument(args: &[ExprOrSpread]) -> Option<(String, ButtonId)> {
    let first = args.first().filter(|a| a.spread.is_none())?;
    let Expr::Object(obj) = ast::unwrap(&first.expr) else {
        return None;
    };
    let mut event = None;
    let mut button = ButtonId::Missing;
    let mut spread = false;
    for prop in &obj.props {
        match prop {
            PropOrSpread::Spread(_) => spread = true,
            PropOrSpread::Prop(p) => match &**p {
                Prop::KeyValue(kv) => {
                    let Some((key, _)) = ast::prop_name(&kv.key) else {
                        continue;
                    };
                    if key == "event" {
                        event = ast::string_value(&kv.value);
                    } else if key == "buttonId" {
                        button = ast::string_value(&kv.value)
                            .map_or(ButtonId::Dynamic, ButtonId::Literal);
                    }
                }
                Prop::Shorthand(id) if &*id.sym == "buttonId" => button = ButtonId::Dynamic,
                _ => {}
            },
        }
    }
    let event = event.filter(|e| matches!(&**e, "agree" | "disagree" | "exposureAuthorization"))?;
    if spread && button == ButtonId::Missing {
        button = ButtonId::Dynamic;
    }
    Some((event, button))
}

/// Whether an options object handles failure: `fail`, `complete`, or a
/// spread (unknown).
///
/// A bare `wx.requirePrivacyAuthorize()` is not judged (`None`): code calls it
/// after an API failed for want of consent, to bring up the popup, and a
/// refusal leaves nothing to do.
fn handles_fail(args: &[ExprOrSpread]) -> Option<bool> {
    let first = args.first()?;
    if first.spread.is_some() {
        return None;
    }
    let Expr::Object(obj) = ast::unwrap(&first.expr) else {
        return None;
    };
    for prop in &obj.props {
        match prop {
            PropOrSpread::Spread(_) => return None,
            PropOrSpread::Prop(p) => {
                let key = match &**p {
                    Prop::KeyValue(kv) => ast::prop_name(&kv.key).map(|k| k.0),
                    Prop::Method(m) => ast::prop_name(&m.key).map(|k| k.0),
                    Prop::Shorthand(id) => Some(&*id.sym),
                    _ => None,
                };
                if matches!(key, Some("fail" | "complete")) {
                    return Some(true);
                }
            }
        }
    }
    Some(false)
}

impl Visit for Walker {
    noop_visit_type!();

    fn visit_fn_decl(&mut self, f: &FnDecl) {
        self.declared.insert(f.ident.sym.to_string());
        f.visit_children_with(self);
    }

    fn visit_method_prop(&mut self, m: &MethodProp) {
        if let Some((name, _)) = ast::prop_name(&m.key) {
            self.declared.insert(name.to_owned());
            if self.mode.is_some() && matches!(name, "success" | "complete" | "fail") {
                self.callbacks.insert(m.function.span.lo.0);
            }
        }
        m.visit_children_with(self);
    }

    fn visit_class_method(&mut self, m: &ClassMethod) {
        if let Some((name, _)) = ast::prop_name(&m.key) {
            self.declared.insert(name.to_owned());
        }
        m.visit_children_with(self);
    }

    fn visit_key_value_prop(&mut self, kv: &KeyValueProp) {
        if let Some((name, _)) = ast::prop_name(&kv.key) {
            let value = ast::unwrap(&kv.value);
            if matches!(value, Expr::Fn(_) | Expr::Arrow(_)) {
                if self.mode.is_some() && matches!(name, "success" | "complete" | "fail") {
                    self.callbacks.insert(value.span().lo.0);
                } else {
                    self.declared.insert(name.to_owned());
                }
            }
        }
        kv.visit_children_with(self);
    }

    fn visit_function(&mut self, f: &Function) {
        let saved = self.enter_fn(f.span);
        f.visit_children_with(self);
        self.mode = saved;
    }

    fn visit_arrow_expr(&mut self, a: &ArrowExpr) {
        let saved = self.enter_fn(a.span);
        a.visit_children_with(self);
        self.mode = saved;
    }

    fn visit_await_expr(&mut self, a: &AwaitExpr) {
        let s = ast::unwrap(&a.arg).span();
        self.awaited.insert((s.lo.0, s.hi.0));
        a.visit_children_with(self);
    }

    fn visit_member_expr(&mut self, m: &MemberExpr) {
        // `wx.requirePrivacyAuthorize().then(...)`: the promise is used.
        let s = ast::unwrap(&m.obj).span();
        self.awaited.insert((s.lo.0, s.hi.0));
        m.visit_children_with(self);
    }

    fn visit_call_expr(&mut self, call: &CallExpr) {
        let Callee::Expr(callee) = &call.callee else {
            call.visit_children_with(self);
            return;
        };
        if let Some(span) = api_span(callee) {
            let at = self.offset(span);
            if self.listener_at.contains(&at) {
                let (fate, unresolved) = listener_fate(call.args.first(), &mut self.resolver_names);
                let unresolved = unresolved.map(|s| self.offset(s));
                self.out
                    .listeners
                    .push((at, Self::len(span), fate, unresolved));
                // The listener's own body runs when the event fires.
                for arg in &call.args {
                    let saved = self.mode;
                    self.mode = Some(Placement::Listener);
                    match ast::unwrap(&arg.expr) {
                        Expr::Arrow(a) => a.visit_children_with(self),
                        Expr::Fn(f) => f.function.visit_children_with(self),
                        other => other.visit_with(self),
                    }
                    self.mode = saved;
                }
                callee.visit_with(self);
                return;
            }
            if self.require_at.contains(&at) {
                // A promise that is used handles the failure; a bare call
                // is not judged (see `handles_fail`).
                let handled = if call.args.is_empty()
                    && self.awaited.contains(&(call.span.lo.0, call.span.hi.0))
                {
                    Some(true)
                } else {
                    handles_fail(&call.args)
                };
                self.out.requires.push((at, Self::len(span), handled));
            }
        }
        if self.mode.is_some() {
            let timer = matches!(
                callee_name(callee).as_ref().map(|n| n.0.as_str()),
                Some("setTimeout" | "setInterval" | "nextTick" | "showModal")
            );
            if timer {
                for arg in &call.args {
                    let e = ast::unwrap(&arg.expr);
                    if matches!(e, Expr::Fn(_) | Expr::Arrow(_)) {
                        self.callbacks.insert(e.span().lo.0);
                    }
                }
            }
        }
        if let Some((event, button)) = resolve_argument(&call.args) {
            if let Some((name, span)) = callee_name(callee) {
                self.candidates.push((
                    name,
                    (
                        self.offset(span),
                        Self::len(span),
                        event,
                        button,
                        self.mode.unwrap_or(Placement::Elsewhere),
                    ),
                ));
            }
        }
        call.visit_children_with(self);
    }
}

/// What happens to the listener's `resolve`, and the first path that drops it.
fn listener_fate(arg: Option<&ExprOrSpread>, names: &mut HashSet<String>) -> (Fate, Option<Span>) {
    let unknown = Fate {
        unknown: true,
        ..Fate::default()
    };
    let Some(arg) = arg.filter(|a| a.spread.is_none()) else {
        return (unknown, None);
    };
    let mut expr = ast::unwrap(&arg.expr);
    // `function (resolve) {...}.bind(this)`
    if let Expr::Call(c) = expr {
        if let Callee::Expr(callee) = &c.callee {
            if let Expr::Member(m) = ast::unwrap(callee) {
                if ast::member_name(&m.prop).is_some_and(|(n, _)| n == "bind") {
                    expr = ast::unwrap(&m.obj);
                }
            }
        }
    }
    let (params, body): (Vec<&Pat>, FnBody<'_>) = match expr {
        Expr::Arrow(a) => (
            a.params.iter().collect(),
            match &*a.body {
                ArrowFunctionBody::FunctionBody(b) => FnBody::Block(b),
                ArrowFunctionBody::Expr(e) => FnBody::Expr(e),
            },
        ),
        Expr::Fn(f) => match &f.function.body {
            Some(b) => (
                f.function.params.iter().map(|p| &p.pat).collect(),
                FnBody::Block(b),
            ),
            None => return (unknown, None),
        },
        _ => return (unknown, None),
    };
    let arguments: Atom = "arguments".into();
    let name = match params.first() {
        Some(Pat::Ident(id)) => id.id.sym.clone(),
        Some(_) => return (unknown, None),
        None => {
            // No parameter: `resolve` is dropped, unless `arguments` is read.
            let uses_arguments = match body {
                FnBody::Block(b) => mentions(b, &arguments),
                FnBody::Expr(e) => mentions(e, &arguments),
            };
            if uses_arguments {
                return (unknown, None);
            }
            let end = match body {
                FnBody::Block(b) => end_of(b.span),
                FnBody::Expr(e) => e.span(),
            };
            return (Fate::default(), Some(end));
        }
    };
    names.insert(name.to_string());
    let mut classify = Classify {
        name: &name,
        fate: Fate::default(),
        names,
    };
    match body {
        FnBody::Block(b) => b.visit_with(&mut classify),
        FnBody::Expr(e) => e.visit_with(&mut classify),
    }
    let fate = classify.fate;
    if matches!(body, FnBody::Block(b) if mentions(b, &arguments))
        || matches!(body, FnBody::Expr(e) if mentions(e, &arguments))
    {
        return (
            Fate {
                unknown: true,
                ..fate
            },
            None,
        );
    }
    let unresolved = match body {
        FnBody::Expr(e) => (!mentions(e, &name)).then(|| e.span()),
        FnBody::Block(b) => {
            let mut flow = Flow {
                name: &name,
                escaped: None,
                depth: 0,
                gave_up: false,
            };
            let end = flow.stmts(&b.stmts, State::START);
            if flow.gave_up {
                None
            } else {
                flow.escaped
                    .or_else(|| end.unhandled.then(|| end_of(b.span)))
            }
        }
    };
    (fate, unresolved)
}

#[derive(Clone, Copy)]
enum FnBody<'a> {
    Block(&'a FunctionBody),
    Expr(&'a Expr),
}

/// The closing brace of a block.
fn end_of(span: Span) -> Span {
    Span::new(span.hi - swc_common::BytePos(1), span.hi)
}

/// Sorts the references to `resolve` into called, stored and passed.
struct Classify<'a> {
    name: &'a Atom,
    fate: Fate,
    names: &'a mut HashSet<String>,
}

impl Classify<'_> {
    fn is_name(&self, e: &Expr) -> bool {
        matches!(ast::unwrap(e), Expr::Ident(id) if &id.sym == self.name)
    }

    fn keep_target(&mut self, target: &AssignTarget) {
        let name = match target {
            AssignTarget::Simple(SimpleAssignTarget::Ident(id)) => Some(id.id.sym.to_string()),
            AssignTarget::Simple(SimpleAssignTarget::Member(m)) => {
                ast::member_name(&m.prop).map(|(n, _)| n.to_owned())
            }
            _ => None,
        };
        self.names.extend(name);
    }
}

impl Visit for Classify<'_> {
    noop_visit_type!();

    fn visit_call_expr(&mut self, call: &CallExpr) {
        if let Callee::Expr(callee) = &call.callee {
            if self.is_name(callee) {
                self.fate.called = true;
            }
            let container = matches!(
                callee_name(callee).as_ref().map(|n| n.0.as_str()),
                Some("push" | "add" | "set" | "unshift" | "setData")
            );
            for arg in &call.args {
                if self.is_name(&arg.expr) {
                    if container {
                        self.fate.stored = true;
                        if let Expr::Member(m) = ast::unwrap(callee) {
                            if let Some((n, _)) = callee_name(&m.obj) {
                                self.names.insert(n);
                            }
                        }
                    } else {
                        self.fate.passed = true;
                    }
                }
            }
        }
        call.visit_children_with(self);
    }

    fn visit_assign_expr(&mut self, a: &AssignExpr) {
        if self.is_name(&a.right) {
            self.fate.stored = true;
            self.keep_target(&a.left);
        }
        a.visit_children_with(self);
    }

    fn visit_var_declarator(&mut self, d: &VarDeclarator) {
        if d.init.as_deref().is_some_and(|e| self.is_name(e)) {
            self.fate.stored = true;
            if let Pat::Ident(id) = &d.name {
                self.names.insert(id.id.sym.to_string());
            }
        }
        d.visit_children_with(self);
    }

    fn visit_key_value_prop(&mut self, kv: &KeyValueProp) {
        if self.is_name(&kv.value) {
            self.fate.stored = true;
            if let Some((n, _)) = ast::prop_name(&kv.key) {
                self.names.insert(n.to_owned());
            }
        }
        kv.visit_children_with(self);
    }

    fn visit_prop(&mut self, p: &Prop) {
        if let Prop::Shorthand(id) = p {
            if &id.sym == self.name {
                self.fate.stored = true;
            }
        }
        p.visit_children_with(self);
    }

    fn visit_array_lit(&mut self, a: &ArrayLit) {
        if a.elems.iter().flatten().any(|e| self.is_name(&e.expr)) {
            self.fate.stored = true;
        }
        a.visit_children_with(self);
    }
}

/// Whether `node` refers to `name` anywhere (nested functions included).
fn mentions<N: for<'m> VisitWith<Mentions<'m>> + ?Sized>(node: &N, name: &Atom) -> bool {
    let mut m = Mentions { name, found: false };
    node.visit_with(&mut m);
    m.found
}

struct Mentions<'a> {
    name: &'a Atom,
    found: bool,
}

impl Visit for Mentions<'_> {
    noop_visit_type!();

    fn visit_ident(&mut self, id: &Ident) {
        if &id.sym == self.name {
            self.found = true;
        }
    }

    fn visit_expr(&mut self, e: &Expr) {
        if !self.found {
            e.visit_children_with(self);
        }
    }
}

/// `if (typeof handler === 'function') handler(resolve)`, the official demo2
/// pattern: the handler a mounted popup sets. Whether it is set is not
/// known here (a page without the popup is `page-without-privacy-popup`), so
/// such an `if` counts as handling `resolve` on both paths.
fn handler_guard(i: &IfStmt, name: &Atom) -> bool {
    struct Handed<'a> {
        name: &'a Atom,
        callees: Vec<Atom>,
    }
    impl Visit for Handed<'_> {
        noop_visit_type!();
        fn visit_call_expr(&mut self, call: &CallExpr) {
            if let Callee::Expr(callee) = &call.callee {
                if let Expr::Ident(id) = ast::unwrap(callee) {
                    if call.args.iter().any(
                        |a| matches!(ast::unwrap(&a.expr), Expr::Ident(x) if &x.sym == self.name),
                    ) {
                        self.callees.push(id.sym.clone());
                    }
                }
            }
            call.visit_children_with(self);
        }
    }
    if i.alt.is_some() {
        return false;
    }
    let mut handed = Handed {
        name,
        callees: Vec::new(),
    };
    i.cons.visit_with(&mut handed);
    handed.callees.iter().any(|c| mentions(&*i.test, c))
}

/// The live paths at a point of the listener: some with `resolve` not yet
/// handled, some with it handled.
#[derive(Clone, Copy, Debug)]
struct State {
    unhandled: bool,
    handled: bool,
}

impl State {
    const START: State = State {
        unhandled: true,
        handled: false,
    };
    const DEAD: State = State {
        unhandled: false,
        handled: false,
    };

    fn merge(self, other: State) -> State {
        State {
            unhandled: self.unhandled || other.unhandled,
            handled: self.handled || other.handled,
        }
    }

    fn handle(self) -> State {
        State {
            unhandled: false,
            handled: self.unhandled || self.handled,
        }
    }
}

/// Path analysis of a listener body: does some path leave it with
/// `resolve` neither called nor kept? Any mention of `resolve` counts as
/// handling it (called, stored, passed, captured by a closure).
struct Flow<'a> {
    name: &'a Atom,
    escaped: Option<Span>,
    depth: usize,
    gave_up: bool,
}

impl Flow<'_> {
    fn stmts(&mut self, stmts: &[Stmt], mut st: State) -> State {
        for s in stmts {
            st = self.stmt(s, st);
        }
        st
    }

    fn stmt(&mut self, s: &Stmt, st: State) -> State {
        if !st.unhandled || self.gave_up {
            return st;
        }
        if self.depth > MAX_DEPTH {
            self.gave_up = true;
            return st.handle();
        }
        self.depth += 1;
        let out = self.stmt_inner(s, st);
        self.depth -= 1;
        out
    }

    fn stmt_inner(&mut self, s: &Stmt, st: State) -> State {
        let name = self.name;
        match s {
            Stmt::Return(r) => {
                if r.arg.as_deref().is_some_and(|a| mentions(a, name)) {
                    return State::DEAD;
                }
                if self.escaped.is_none() {
                    self.escaped = Some(r.span);
                }
                State::DEAD
            }
            Stmt::Throw(_) => State::DEAD,
            Stmt::Block(b) => self.stmts(&b.stmts, st),
            Stmt::If(i) => {
                if mentions(&*i.test, name) || handler_guard(i, name) {
                    return st.handle();
                }
                let a = self.stmt(&i.cons, st);
                let b = match &i.alt {
                    Some(alt) => self.stmt(alt, st),
                    None => st,
                };
                a.merge(b)
            }
            Stmt::Labeled(l) => self.stmt(&l.body, st),
            Stmt::Try(t) => {
                if mentions(&**t, name) {
                    return st.handle();
                }
                let body = self.stmts(&t.block.stmts, st);
                let caught = match &t.handler {
                    Some(h) => self.stmts(&h.body.stmts, st),
                    None => State::DEAD,
                };
                let after = body.merge(caught);
                match &t.finalizer {
                    Some(f) => self.stmts(&f.stmts, after),
                    None => after,
                }
            }
            Stmt::While(_)
            | Stmt::DoWhile(_)
            | Stmt::For(_)
            | Stmt::ForIn(_)
            | Stmt::ForOf(_)
            | Stmt::Switch(_) => {
                if mentions(s, name) {
                    return st.handle();
                }
                let bodies: Vec<&Stmt> = match s {
                    Stmt::While(w) => vec![&*w.body],
                    Stmt::DoWhile(w) => vec![&*w.body],
                    Stmt::For(f) => vec![&*f.body],
                    Stmt::ForIn(f) => vec![&*f.body],
                    Stmt::ForOf(f) => vec![&*f.body],
                    _ => Vec::new(),
                };
                let mut out = st;
                for body in bodies {
                    out = out.merge(self.stmt(body, st));
                }
                if let Stmt::Switch(sw) = s {
                    for case in &sw.cases {
                        out = out.merge(self.stmts(&case.cons, st));
                    }
                }
                out
            }
            _ => {
                if mentions(s, name) {
                    st.handle()
                } else {
                    st
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileKind;

    fn run(src: &str) -> RawFacts {
        let parsed = crate::parse::parse("t.js", src.to_owned(), FileKind::Js);
        let program = parsed.program.expect("parses");
        let listeners: Vec<usize> = src
            .match_indices("onNeedPrivacyAuthorization")
            .map(|(i, _)| i)
            .collect();
        let requires: Vec<usize> = src
            .match_indices("requirePrivacyAuthorize")
            .map(|(i, _)| i)
            .collect();
        analyze(&program, parsed.base, &listeners, &requires)
    }

    fn unresolved(src: &str) -> Option<String> {
        let facts = run(src);
        let (_, _, _, at) = &facts.listeners[0];
        at.map(|at| src[at..].chars().take(8).collect())
    }

    #[test]
    fn a_listener_that_calls_or_keeps_resolve_on_every_path_is_fine() {
        for src in [
            "wx.onNeedPrivacyAuthorization(r => r({ event: 'disagree' }))",
            "wx.onNeedPrivacyAuthorization(resolve => { this.resolve = resolve })",
            "wx.onNeedPrivacyAuthorization(function (resolve) { set.add(resolve) }.bind(this))",
            "wx.onNeedPrivacyAuthorization((resolve) => { if (a) { keep(resolve) } else { resolve({ event: 'disagree' }) } })",
            "wx.onNeedPrivacyAuthorization((resolve) => { setTimeout(() => resolve({ event: 'disagree' })) })",
            "wx.onNeedPrivacyAuthorization(handler)",
            "wx.onNeedPrivacyAuthorization(({ x }) => {})",
            "wx.onNeedPrivacyAuthorization(function () { keep(arguments[0]) })",
            "wx.onNeedPrivacyAuthorization((resolve, info) => { if (typeof handler === 'function') { handler(resolve) } })",
            "wx.onNeedPrivacyAuthorization((r) => { switch (a) { case 1: r(); break; default: } })",
        ] {
            assert_eq!(unresolved(src), None, "{src}");
        }
    }

    #[test]
    fn a_path_that_drops_resolve_is_found() {
        assert_eq!(
            unresolved("wx.onNeedPrivacyAuthorization(() => {})").as_deref(),
            Some("})")
        );
        assert_eq!(
            unresolved("wx.onNeedPrivacyAuthorization((resolve) => { if (busy) return; this.r = resolve })").as_deref(),
            Some("return; ")
        );
        assert_eq!(
            unresolved("wx.onNeedPrivacyAuthorization((resolve) => { if (ok) { resolve({ event: 'disagree' }) } })").as_deref(),
            Some("})")
        );
        assert_eq!(
            unresolved("wx.onNeedPrivacyAuthorization((resolve) => console.log('x'))").as_deref(),
            Some("console.")
        );
    }

    #[test]
    fn fates_are_sorted() {
        let f = run("wx.onNeedPrivacyAuthorization((resolve) => { this.r = resolve; go(resolve); resolve({ event: 'exposureAuthorization' }) })");
        let fate = &f.listeners[0].2;
        assert!(fate.called && fate.stored && fate.passed && !fate.unknown);
    }

    #[test]
    fn resolve_calls_with_events_buttons_and_placement() {
        let src = "Page({ onLoad() { wx.onNeedPrivacyAuthorization((resolve) => { this.resolvePrivacy = resolve; resolve({ event: 'agree' }); setTimeout(() => resolve({ event: 'agree', buttonId: 'b' })) }) },\n handleAgree() { this.resolvePrivacy({ buttonId: 'agree-btn', event: 'agree' }) },\n wrap() { this.submit({ event: 'agree' }) },\n resolveIt(x) { x({ event: 'agree', ...o }) } })";
        let f = run(src);
        let got: Vec<_> = f
            .resolves
            .iter()
            .map(|(o, _, e, b, p)| {
                (
                    src[*o..].split('(').next().unwrap().to_owned(),
                    e.clone(),
                    b.clone(),
                    *p,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "resolve".into(),
                    "agree".into(),
                    ButtonId::Missing,
                    Placement::Listener
                ),
                (
                    "resolve".into(),
                    "agree".into(),
                    ButtonId::Literal("b".into()),
                    Placement::ListenerCallback
                ),
                (
                    "resolvePrivacy".into(),
                    "agree".into(),
                    ButtonId::Literal("agree-btn".into()),
                    Placement::Elsewhere
                ),
            ]
        );
    }

    #[test]
    fn require_privacy_authorize_fail() {
        let f = run("wx.requirePrivacyAuthorize({ success() {} }); wx.requirePrivacyAuthorize({ fail: f }); wx.requirePrivacyAuthorize(); wx.requirePrivacyAuthorize().then(a).catch(b); await wx.requirePrivacyAuthorize(); wx.requirePrivacyAuthorize(opts)");
        let got: Vec<_> = f.requires.iter().map(|r| r.2).collect();
        assert_eq!(
            got,
            vec![Some(false), Some(true), None, Some(true), Some(true), None]
        );
    }
}
