//! The reference recorder: every place a file references a WeChat API
//! the rule data knows, through the settled bindings, as hooks of the shared
//! walk ([`crate::inventory::walk`]). Feature checks (`if (wx.x)`) are not
//! references.

use std::collections::HashSet;

use swc_common::{Span, Spanned};
use swc_ecma_ast::*;

use super::bindings::{destructured, Bindings};
use super::{RawUse, WORDS};
use crate::inventory::modules::Names;
use crate::inventory::walk::{Collector, Control};
use crate::parse::ast::{key_is, member_name, string_value, unwrap};
use crate::ruleset::{Ruleset, AUTHORIZE_APIS};

/// Pass 2: records references.
pub(super) struct Recorder<'a> {
    bindings: &'a Bindings,
    ruleset: &'a Ruleset,
    base: u32,
    out: Vec<RawUse>,
    /// Start positions already recorded (authorize callees carry their scope).
    handled: HashSet<u32>,
    /// Start positions of API names read only as a test (`if (wx.x)`,
    /// `typeof wx.x`, `!!wx.x`): feature checks, never recorded. Marked by
    /// the parent node's hook, before the name is visited.
    tests: HashSet<u32>,
    /// The `!`, `&&`, `||` and `??` nodes [`Self::mark_test`] went into,
    /// by span: a chain of 50,000 `!` is gone through once, not once per `!`.
    tests_seen: HashSet<(u32, u32)>,
}

impl<'a> Recorder<'a> {
    /// A recorder seeing `bindings`.
    pub(super) fn new(bindings: &'a Bindings, ruleset: &'a Ruleset, base: u32) -> Self {
        Recorder {
            bindings,
            ruleset,
            base,
            out: Vec::new(),
            handled: HashSet::new(),
            tests: HashSet::new(),
            tests_seen: HashSet::new(),
        }
    }

    fn record(&mut self, name: &str, span: Span, scope: Option<Option<String>>) {
        if !self.ruleset.is_wx_member(name) {
            return;
        }
        let scope = match scope {
            Some(scope) => Some(scope),
            None if AUTHORIZE_APIS.contains(&name) => Some(None),
            None => None,
        };
        self.record_api(format!("wx.{name}"), span, scope);
    }

    fn record_api(&mut self, api: String, span: Span, scope: Option<Option<String>>) {
        self.record_from(api, span, scope, None);
    }

    /// Records a use; `library` names the library whose code makes the call.
    fn record_from(
        &mut self,
        api: String,
        span: Span,
        scope: Option<Option<String>>,
        library: Option<String>,
    ) {
        if (!self.tests.is_empty() && self.tests.contains(&span.lo.0))
            || !self.handled.insert(span.lo.0)
        {
            return;
        }
        self.out.push(RawUse {
            api,
            offset: span.lo.0.saturating_sub(self.base) as usize,
            len: span.hi.0.saturating_sub(span.lo.0) as usize,
            scope,
            library,
        });
    }

    /// A call of a namespace API: `wx.authorize({ scope: 'scope.record' })`
    /// and its aliases record their scope.
    fn api_call(&mut self, callee: &Expr, args: &[ExprOrSpread]) {
        let Some((name, span)) = self.bindings.api_of(callee) else {
            return;
        };
        if AUTHORIZE_APIS.contains(&name) {
            let scope = args.first().and_then(scope_argument);
            self.record(name, span, Some(scope));
        }
    }

    /// The references found.
    pub(super) fn finish(self) -> Vec<RawUse> {
        self.out
    }
}

/// The literal `scope` of an authorize options object.
fn scope_argument(arg: &ExprOrSpread) -> Option<String> {
    if arg.spread.is_some() {
        return None;
    }
    let Expr::Object(obj) = unwrap(&arg.expr) else {
        return None;
    };
    obj.props.iter().rev().find_map(|prop| match prop {
        PropOrSpread::Prop(p) => match &**p {
            Prop::KeyValue(kv) if key_is(&kv.key, &WORDS.scope) => Some(string_value(&kv.value)),
            Prop::Shorthand(id) if id.sym == WORDS.scope => Some(None),
            _ => None,
        },
        PropOrSpread::Spread(_) => None,
    })?
}

impl Recorder<'_> {
    /// A name a library hook handed an API (`getUserProfile` after
    /// `const [, { getUserProfile }] = useUserInfo()`).
    fn hook_api(&mut self, id: &Ident) {
        if let Some((api, module)) = self.bindings.hook_apis.get(&id.sym).cloned() {
            self.record_from(api, id.span, None, Some(module));
        }
    }

    /// A call of a library hook that itself calls an API (`useLocation()`
    /// gets the location when the component mounts).
    fn hook_call(&mut self, call: &CallExpr) {
        let Some((module, export)) = self.bindings.hook_of(&call.callee).cloned() else {
            return;
        };
        let Callee::Expr(callee) = &call.callee else {
            return;
        };
        for row in self.ruleset.namespaces.hook(&module, &export) {
            if row.path.is_empty() {
                self.record_from(row.api.clone(), callee.span(), None, Some(module.clone()));
            }
        }
    }

    /// Marks the API names `expr` reads only for their truth: `expr` itself
    /// when it is an API reference, and inside `!`, `&&`, `||` and `??`
    /// (whose value is only tested here too).
    fn mark_test(&mut self, expr: &Expr) {
        match unwrap(expr) {
            Expr::Unary(u)
                if u.op == UnaryOp::Bang && self.tests_seen.insert((u.span.lo.0, u.span.hi.0)) =>
            {
                crate::stack::guard(|| self.mark_test(&u.arg))
            }
            Expr::Bin(b)
                if matches!(
                    b.op,
                    BinaryOp::LogicalAnd | BinaryOp::LogicalOr | BinaryOp::NullishCoalescing
                ) =>
            {
                if !self.tests_seen.insert((b.span.lo.0, b.span.hi.0)) {
                    return;
                }
                crate::stack::guard(|| {
                    self.mark_test(&b.left);
                    self.mark_test(&b.right);
                })
            }
            Expr::Member(m) if self.bindings.is_namespace(&m.obj) => {
                if let Some((_, span)) = member_name(&m.prop) {
                    self.tests.insert(span.lo.0);
                }
            }
            Expr::OptChain(chain) => {
                if let OptChainBase::Member(m) = &*chain.base {
                    if self.bindings.is_namespace(&m.obj) {
                        if let Some((_, span)) = member_name(&m.prop) {
                            self.tests.insert(span.lo.0);
                        }
                    }
                }
            }
            Expr::Ident(id) if self.bindings.api_alias(&id.sym).is_some() => {
                self.tests.insert(id.span.lo.0);
            }
            _ => {}
        }
    }
}

/// The reference hooks.
impl Collector for Recorder<'_> {
    #[inline]
    fn on_call_expr(&mut self, call: &CallExpr, _: &Names) {
        if let Callee::Expr(callee) = &call.callee {
            self.api_call(callee, &call.args);
        }
    }

    #[inline]
    fn on_opt_call(&mut self, call: &OptCall, _: &Names) {
        self.api_call(&call.callee, &call.args);
    }

    #[inline]
    fn on_member_expr(&mut self, m: &MemberExpr) {
        if self.bindings.is_namespace(&m.obj) {
            if let Some((name, span)) = member_name(&m.prop) {
                self.record(name, span, None);
            }
        } else if let Some(ty) = self.bindings.object_type(&m.obj, self.ruleset) {
            if let Some((name, span)) = member_name(&m.prop) {
                let api = format!("{ty}.{name}");
                if self.ruleset.is_method(&api) {
                    self.record_api(api, span, None);
                }
            }
        }
    }

    #[inline]
    fn on_expr(&mut self, expr: &Expr) {
        match expr {
            Expr::Ident(id) => {
                if let Some(name) = self.bindings.api_alias(&id.sym) {
                    self.record(name, id.span, None);
                } else if !self.bindings.hook_apis.is_empty() {
                    self.hook_api(id);
                }
            }
            // Feature checks: the value is only tested, never called or kept.
            Expr::Unary(u) if matches!(u.op, UnaryOp::Bang | UnaryOp::TypeOf) => {
                self.mark_test(&u.arg)
            }
            Expr::Bin(b) => match b.op {
                // `wx.x && wx.x()`: the left side's value is kept only when falsy.
                BinaryOp::LogicalAnd => self.mark_test(&b.left),
                BinaryOp::EqEq | BinaryOp::NotEq | BinaryOp::EqEqEq | BinaryOp::NotEqEq => {
                    self.mark_test(&b.left);
                    self.mark_test(&b.right);
                }
                _ => {}
            },
            Expr::Cond(c) => self.mark_test(&c.test),
            // `Boolean(wx.x)`
            Expr::Call(call)
                if call.args.len() == 1
                    && call.args[0].spread.is_none()
                    && matches!(&call.callee, Callee::Expr(c) if matches!(&**c, Expr::Ident(id) if &*id.sym == "Boolean")) =>
            {
                self.mark_test(&call.args[0].expr)
            }
            Expr::Call(call) if !self.bindings.hooks.is_empty() => self.hook_call(call),
            _ => {}
        }
    }

    /// The test of an `if`, `while`, `do … while` or `for`.
    #[inline]
    fn on_test(&mut self, test: &Expr) {
        self.mark_test(test);
    }

    #[inline]
    fn on_prop(&mut self, prop: &Prop) -> Control {
        // `{ getLocation }` passes the alias on.
        if let Prop::Shorthand(id) = prop {
            if let Some(name) = self.bindings.api_alias(&id.sym) {
                self.record(name, id.span, None);
            } else if !self.bindings.hook_apis.is_empty() {
                self.hook_api(id);
            }
        }
        Control::Children
    }

    fn on_var_declarator(&mut self, d: &VarDeclarator, _: &mut Names) -> Control {
        // `const { getLocation } = wx` references getLocation where it is written.
        if let (Pat::Object(obj), Some(init)) = (&d.name, &d.init) {
            if self.bindings.is_namespace(init) {
                for (name, span, _) in destructured(obj) {
                    self.record(name, span, None);
                }
            }
        }
        Control::Children
    }
}
