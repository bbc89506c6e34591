//! The same-file bindings of WeChat's namespaces ([`Bindings`]): local
//! names that hold `wx` or a framework's mirror of it, one API, or an object
//! WeChat hands out; and how an expression resolves through them
//! ([`Bindings::is_namespace`], [`Bindings::api_of`]). Also the pattern
//! helpers the binding collector and the recorder share.

use std::collections::{HashMap, HashSet};

use swc_atoms::Atom;
use swc_common::Span;
use swc_ecma_ast::*;

use super::WORDS;
use crate::parse::ast::{member_name, prop_name, string_value_is, unwrap};
use crate::ruleset::{Namespaces, Ruleset};

/// Webpack module ids of uni-app's mp-weixin runtime (`@dcloudio/uni-mp-weixin`)
/// in uni-app 2 builds: compiled code receives `uni` as
/// `(function (t) { t.chooseImage() }).call(this, n("543d")["default"])`.
/// The id is a hash of the runtime's path, the same in every uni-app 2 build.
const UNI_RUNTIME_MODULE_IDS: [&str; 1] = ["543d"];

/// What uni-app 3 (Vite) builds call the vendor chunk that exports `uni` as
/// `index`: `const common_vendor = require("../../common/vendor.js");
/// common_vendor.index.getLocation()`.
const UNI_VENDOR_CHUNK: &str = "common/vendor.js";

/// A byte range of the program where a binding holds (`SourceMap` positions).
pub(super) type Scope = (u32, u32);

/// The whole file.
pub(super) const FILE_SCOPE: Scope = (0, u32::MAX);

/// Whether `inner` lies within `outer`.
fn within(inner: Scope, outer: Scope) -> bool {
    outer.0 <= inner.0 && inner.1 <= outer.1
}

/// Same-file names bound to a namespace or to one API.
#[derive(Clone, Default)]
pub(in crate::inventory) struct Bindings {
    /// Local names that hold a namespace object, with where they do: the whole
    /// file for `const w = wx`, the function for `(function (e) {…})(wx)`.
    pub(super) namespaces: HashMap<Atom, Vec<Scope>>,
    /// Functions inside those scopes that declare the same name again, for
    /// something else: a parameter (`function (t, e, n) {…}`, a bundler's
    /// module) or a variable with another value (`var c = n("414a")`, an
    /// app module). There the name is not the namespace.
    pub(super) shadows: HashMap<Atom, Vec<Scope>>,
    /// Local names that hold one API (`const { getLocation: loc } = wx` → loc → getLocation).
    pub(super) apis: HashMap<Atom, String>,
    /// Local names holding an object WeChat hands out (`const rm = wx.getRecorderManager()`).
    pub(super) objects: HashMap<Atom, String>,
    /// `this.<name>` properties holding such an object (`this.rm = wx.getRecorderManager()`).
    pub(super) this_objects: HashMap<Atom, String>,
    /// Page data keys holding such an object
    /// (`this.setData({ ctx: wx.createMapContext('m') })`, read as `this.data.ctx`).
    pub(super) data_objects: HashMap<Atom, String>,
    /// Local names holding uni-app 3's vendor chunk (`.index` is `uni`).
    pub(super) vendor_chunks: HashSet<Atom>,
    /// How many times the bindings changed (an entry added or its value
    /// replaced), to tell a collection round that saw them all settled.
    pub(super) changes: usize,
    /// The namespaces and modules of the framework table.
    pub(super) known: std::sync::Arc<Namespaces>,
    /// Local names of library hooks: `useUserInfo` → (`taro-hooks`, `useUserInfo`).
    pub(super) hooks: HashMap<Atom, (String, String)>,
    /// Local names a library hook handed an API: `getUserProfile` →
    /// (`wx.getUserProfile`, `taro-hooks`).
    pub(super) hook_apis: HashMap<Atom, (String, String)>,
}

impl Bindings {
    /// No bindings yet, knowing the namespaces of `ruleset`'s frameworks.
    pub(in crate::inventory) fn new(ruleset: &Ruleset) -> Self {
        Bindings {
            known: ruleset.namespaces.clone(),
            ..Bindings::default()
        }
    }

    pub(super) fn len(&self) -> usize {
        self.namespaces.values().map(Vec::len).sum::<usize>()
            + self.shadows.values().map(Vec::len).sum::<usize>()
            + self.apis.len()
            + self.objects.len()
            + self.this_objects.len()
            + self.data_objects.len()
            + self.vendor_chunks.len()
            + self.hooks.len()
            + self.hook_apis.len()
    }

    /// Records that `name` holds the library hook `export` of `module`.
    pub(super) fn bind_hook(&mut self, name: &Atom, module: &str, export: &str) {
        let value = (module.to_owned(), export.to_owned());
        if self.hooks.get(name) != Some(&value) {
            self.hooks.insert(name.clone(), value);
            self.changes += 1;
        }
    }

    /// Records that `name` holds `api`, handed out by the library `module`.
    pub(super) fn bind_hook_api(&mut self, name: &Atom, api: &str, module: &str) {
        let value = (api.to_owned(), module.to_owned());
        if self.hook_apis.get(name) != Some(&value) {
            self.hook_apis.insert(name.clone(), value);
            self.changes += 1;
        }
    }

    /// The library hook a call's callee names, as (module, export).
    pub(super) fn hook_of(&self, callee: &Callee) -> Option<&(String, String)> {
        if self.hooks.is_empty() {
            return None;
        }
        let Callee::Expr(callee) = callee else {
            return None;
        };
        match unwrap(callee) {
            Expr::Ident(id) => self.hooks.get(&id.sym),
            _ => None,
        }
    }

    /// Records that `name` holds a namespace within `scope`.
    pub(super) fn bind_namespace(&mut self, name: &Atom, scope: Scope) {
        let scopes = self.namespaces.entry(name.clone()).or_default();
        if !scopes.contains(&scope) {
            scopes.push(scope);
            self.changes += 1;
        }
    }

    /// Records that the function `scope` declares `name` again, when `name`
    /// holds a namespace in a scope around it.
    pub(super) fn shadow(&mut self, name: &Atom, scope: Scope) {
        let Some(scopes) = self.namespaces.get(name) else {
            return;
        };
        if !scopes.iter().any(|&ns| ns != scope && within(scope, ns)) {
            return;
        }
        let shadows = self.shadows.entry(name.clone()).or_default();
        if !shadows.contains(&scope) {
            shadows.push(scope);
            self.changes += 1;
        }
    }

    /// Whether the local name `id` holds a namespace where it is written: in
    /// the innermost scope binding it, and not declared again in a function
    /// inside that scope.
    pub(super) fn local_namespace(&self, id: &Ident) -> bool {
        let at = id.span.lo.0;
        let contains = |&(lo, hi): &Scope| lo <= at && at < hi;
        let Some(innermost) = self.namespaces.get(&id.sym).and_then(|scopes| {
            scopes
                .iter()
                .filter(|s| contains(s))
                .min_by_key(|(lo, hi)| hi - lo)
        }) else {
            return false;
        };
        self.shadows.is_empty()
            || !self.shadows.get(&id.sym).is_some_and(|shadows| {
                shadows
                    .iter()
                    .any(|s| contains(s) && s != innermost && within(*s, *innermost))
            })
    }

    /// The API a local name holds (`loc` after `const loc = wx.getLocation`).
    #[inline]
    pub(super) fn api_alias(&self, name: &Atom) -> Option<&String> {
        if self.apis.is_empty() {
            return None;
        }
        self.apis.get(name)
    }

    /// Records that `name` holds the API `api`.
    pub(super) fn bind_api(&mut self, name: &Atom, api: String) {
        if self.apis.get(name) != Some(&api) {
            self.apis.insert(name.clone(), api);
            self.changes += 1;
        }
    }

    /// Records that `name` holds an object of type `ty`.
    pub(super) fn bind_object(&mut self, name: &Atom, ty: String) {
        if self.objects.get(name) != Some(&ty) {
            self.objects.insert(name.clone(), ty);
            self.changes += 1;
        }
    }

    /// Records that `this.<name>` holds an object of type `ty`.
    pub(super) fn bind_this_object(&mut self, name: &Atom, ty: String) {
        if self.this_objects.get(name) != Some(&ty) {
            self.this_objects.insert(name.clone(), ty);
            self.changes += 1;
        }
    }

    /// Records that the page data key `name` holds an object of type `ty`.
    pub(super) fn bind_data_object(&mut self, name: &Atom, ty: String) {
        if self.data_objects.get(name) != Some(&ty) {
            self.data_objects.insert(name.clone(), ty);
            self.changes += 1;
        }
    }

    /// Records that `name` holds uni-app 3's vendor chunk.
    pub(super) fn bind_vendor_chunk(&mut self, name: &Atom) {
        if self.vendor_chunks.insert(name.clone()) {
            self.changes += 1;
        }
    }

    /// Whether `expr` evaluates to a `wx`-like namespace object.
    pub(in crate::inventory) fn is_namespace(&self, expr: &Expr) -> bool {
        match unwrap(expr) {
            Expr::Ident(id) => {
                self.known.is_global(&id.sym)
                    || !self.namespaces.is_empty() && self.local_namespace(id)
            }
            // require('@tarojs/taro'), and interop wrappers around it
            // (`_interopRequireDefault(require('wepy'))`, or around a name
            // bound to the require).
            Expr::Call(call) => {
                self.is_namespace_require(call)
                    || call.args.first().is_some_and(|arg| {
                        arg.spread.is_none()
                            && match unwrap(&arg.expr) {
                                Expr::Call(inner) => self.is_namespace_require(inner),
                                Expr::Ident(_) => {
                                    is_interop_helper(&call.callee)
                                        && crate::stack::guard(|| self.is_namespace(&arg.expr))
                                }
                                _ => false,
                            }
                    })
            }
            // require('@tarojs/taro').default, _taro.default, n("543d")["default"],
            // common_vendor.index
            Expr::Member(m) => {
                let (default, index) = match &m.prop {
                    MemberProp::Ident(p) => (p.sym == WORDS.default, p.sym == WORDS.index),
                    prop => match member_name(prop) {
                        Some((name, _)) => (name == "default", name == "index"),
                        None => (false, false),
                    },
                };
                if default {
                    crate::stack::guard(|| self.is_namespace(&m.obj))
                        || matches!(unwrap(&m.obj), Expr::Call(c) if is_uni_runtime_require(c))
                } else if matches!(&m.prop, MemberProp::Ident(p) if p.sym == WORDS.wx) {
                    // `wepy.wx.chooseImage` (@wepy/use-promisify), its compiled
                    // `_core["default"].wx.chooseImage`, `this.wx`: an object's
                    // `wx` property holds `wx`.
                    true
                } else if index {
                    match unwrap(&m.obj) {
                        Expr::Ident(id) => {
                            !self.vendor_chunks.is_empty() && self.vendor_chunks.contains(&id.sym)
                        }
                        Expr::Call(c) => is_vendor_chunk_require(c),
                        _ => false,
                    }
                } else {
                    false
                }
            }
            _ => false,
        }
    }

    /// The API `expr` refers to: `wx.getLocation` or an alias of it.
    pub(in crate::inventory) fn api_of<'e>(&'e self, expr: &'e Expr) -> Option<(&'e str, Span)> {
        match unwrap(expr) {
            Expr::Member(m) if self.is_namespace(&m.obj) => member_name(&m.prop),
            Expr::Ident(id) if !self.apis.is_empty() => {
                self.apis.get(&id.sym).map(|name| (name.as_str(), id.span))
            }
            Expr::OptChain(chain) => match &*chain.base {
                OptChainBase::Member(m) if self.is_namespace(&m.obj) => member_name(&m.prop),
                _ => None,
            },
            _ => None,
        }
    }
}

impl Bindings {
    /// The object type `expr` evaluates to (`RecorderManager` for
    /// `wx.getRecorderManager()` or a name bound to it).
    pub(super) fn object_type(&self, expr: &Expr, ruleset: &Ruleset) -> Option<String> {
        match unwrap(expr) {
            Expr::Call(call) => match &call.callee {
                Callee::Expr(callee) => self
                    .api_of(callee)
                    .and_then(|(name, _)| ruleset.factory_type(name))
                    .map(str::to_owned),
                _ => None,
            },
            Expr::Ident(id) if !self.objects.is_empty() => self.objects.get(&id.sym).cloned(),
            Expr::Member(m) if !self.this_objects.is_empty() || !self.data_objects.is_empty() => {
                match (unwrap(&m.obj), &m.prop) {
                    (Expr::This(_), MemberProp::Ident(p)) => self.this_objects.get(&p.sym).cloned(),
                    // `this.data.ctx`, `that.data.ctx`
                    (Expr::Member(data), MemberProp::Ident(p))
                        if !self.data_objects.is_empty()
                            && is_page(&data.obj)
                            && matches!(&data.prop, MemberProp::Ident(d) if &*d.sym == "data") =>
                    {
                        self.data_objects.get(&p.sym).cloned()
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

/// `this`, or a name (`that`, `self`, `page`) that may hold it.
pub(super) fn is_page(expr: &Expr) -> bool {
    matches!(unwrap(expr), Expr::This(_) | Expr::Ident(_))
}

impl Bindings {
    /// `require('@tarojs/taro')`, `require('./../npm/wepy/lib/wepy.js')`: a
    /// require of a module the framework table says mirrors `wx`.
    pub(super) fn is_namespace_require(&self, call: &CallExpr) -> bool {
        matches!(&call.callee, Callee::Expr(c) if matches!(unwrap(c), Expr::Ident(id) if id.sym == WORDS.require))
            && call
                .args
                .first()
                .is_some_and(|arg| string_value_is(&arg.expr, |s| self.known.is_module(s)))
    }

    /// Whether imports from `specifier` mirror `wx`.
    pub(in crate::inventory) fn is_namespace_module(&self, specifier: &str) -> bool {
        self.known.is_module(specifier)
    }
}

/// Babel's and TypeScript's module interop helpers, which hand a required
/// module on: `_interopRequireDefault(_wepy)`, `__importDefault(m)`.
pub(super) fn is_interop_helper(callee: &Callee) -> bool {
    let Callee::Expr(c) = callee else {
        return false;
    };
    matches!(unwrap(c), Expr::Ident(id) if {
        let name = id.sym.as_str();
        name.contains("interopRequire") || matches!(name, "__importDefault" | "__importStar")
    })
}

/// `n("543d")`: a webpack require of uni-app 2's runtime module, whatever the
/// minifier named the require function.
pub(super) fn is_uni_runtime_require(call: &CallExpr) -> bool {
    matches!(&call.callee, Callee::Expr(c) if matches!(unwrap(c), Expr::Ident(_)))
        && call.args.len() == 1
        && string_value_is(&call.args[0].expr, |id| {
            UNI_RUNTIME_MODULE_IDS.contains(&id)
        })
}

/// `require("../../common/vendor.js")`: uni-app 3's vendor chunk.
pub(super) fn is_vendor_chunk_require(call: &CallExpr) -> bool {
    matches!(&call.callee, Callee::Expr(c) if matches!(unwrap(c), Expr::Ident(id) if id.sym == WORDS.require))
        && call.args.first().is_some_and(|arg| {
            string_value_is(&arg.expr, |s| {
                s.strip_suffix(UNI_VENDOR_CHUNK)
                    .is_some_and(|dir| dir.is_empty() || dir.ends_with('/'))
            })
        })
}

/// The local name at `path` in a destructuring pattern (`[, { a }]` at
/// `[1, "a"]` is `a`); `None` when the pattern does not go there.
pub(super) fn follow_pattern<'p>(
    pat: &'p Pat,
    path: &[crate::ruleset::PathStep],
) -> Option<&'p Atom> {
    use crate::ruleset::PathStep;
    let Some((step, rest)) = path.split_first() else {
        return match pat {
            Pat::Ident(b) => Some(&b.id.sym),
            Pat::Assign(a) => follow_pattern(&a.left, path),
            _ => None,
        };
    };
    match (pat, step) {
        (Pat::Assign(a), _) => follow_pattern(&a.left, path),
        (Pat::Array(array), PathStep::Index(i)) => {
            follow_pattern(array.elems.get(*i)?.as_ref()?, rest)
        }
        (Pat::Object(object), PathStep::Key(key)) => {
            object.props.iter().find_map(|prop| match prop {
                ObjectPatProp::KeyValue(kv) => prop_name(&kv.key)
                    .filter(|(name, _)| name == key)
                    .and_then(|_| follow_pattern(&kv.value, rest)),
                ObjectPatProp::Assign(a) if a.key.sym == key.as_str() && rest.is_empty() => {
                    Some(&a.key.sym)
                }
                _ => None,
            })
        }
        _ => None,
    }
}

/// The local names an object pattern binds from a namespace, with the API each gets.
pub(super) fn destructured(pat: &ObjectPat) -> Vec<(&str, Span, Option<&Atom>)> {
    let mut out = Vec::new();
    for prop in &pat.props {
        match prop {
            ObjectPatProp::KeyValue(kv) => {
                if let Some((name, span)) = prop_name(&kv.key) {
                    let local = match &*kv.value {
                        Pat::Ident(b) => Some(&b.id.sym),
                        Pat::Assign(a) => match &*a.left {
                            Pat::Ident(b) => Some(&b.id.sym),
                            _ => None,
                        },
                        _ => None,
                    };
                    out.push((name, span, local));
                }
            }
            ObjectPatProp::Assign(a) => {
                out.push((a.key.sym.as_str(), a.key.span, Some(&a.key.sym)));
            }
            ObjectPatProp::Rest(_) => {}
        }
    }
    out
}
