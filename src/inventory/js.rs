//! The JS/TS/WXS inventory visitor: every place a file references a WeChat API
//! that the rule data knows, whether called or not.
//!
//! Two passes over the same AST: the first collects same-file bindings (aliases
//! of `wx`, destructured APIs, Taro imports), the second records references, so
//! an alias used above its declaration (hoisting) is still found. Only AST nodes
//! are looked at: text in comments, strings and templates never counts.

use std::collections::{HashMap, HashSet};

use swc_atoms::Atom;
use swc_common::{Span, Spanned};
use swc_ecma_ast::*;
use swc_ecma_visit::{noop_visit_type, Visit, VisitWith};

use super::identity::{IdentityCollector, Needs, RawIdentity};
use super::modules::{FactCollector, ModuleFacts, Names};
use crate::ruleset::{Namespaces, Ruleset, AUTHORIZE_APIS};

/// Words every call, member expression or key is compared with, as atoms.
pub(super) struct Words {
    pub(super) require: Atom,
    pub(super) call: Atom,
    pub(super) default: Atom,
    pub(super) index: Atom,
    pub(super) scope: Atom,
    pub(super) get_app: Atom,
    pub(super) wx: Atom,
}

/// See [`Words`].
pub(super) static WORDS: std::sync::LazyLock<Words> = std::sync::LazyLock::new(|| Words {
    require: Atom::from("require"),
    call: Atom::from("call"),
    default: Atom::from("default"),
    index: Atom::from("index"),
    scope: Atom::from("scope"),
    get_app: Atom::from("getApp"),
    wx: Atom::from("wx"),
});

/// Webpack module ids of uni-app's mp-weixin runtime (`@dcloudio/uni-mp-weixin`)
/// in uni-app 2 builds: compiled code receives `uni` as
/// `(function (t) { t.chooseImage() }).call(this, n("543d")["default"])`.
/// The id is a hash of the runtime's path, the same in every uni-app 2 build.
const UNI_RUNTIME_MODULE_IDS: [&str; 1] = ["543d"];

/// What uni-app 3 (Vite) builds call the vendor chunk that exports `uni` as
/// `index`: `const common_vendor = require("../../common/vendor.js");
/// common_vendor.index.getLocation()`.
const UNI_VENDOR_CHUNK: &str = "common/vendor.js";

/// A reference found by the visitor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawUse {
    /// Canonical name, `wx.<member>` whatever namespace or alias was written.
    pub api: String,
    /// Byte offset of the API name in the text.
    pub offset: usize,
    /// Byte length of the API name.
    pub len: usize,
    /// For authorize calls: `Some(Some(scope))` for a literal scope,
    /// `Some(None)` when the scope is not a literal. `None` for other APIs.
    pub scope: Option<Option<String>>,
    /// The library whose code calls the API, for uses through a library hook
    /// (`taro-hooks`); `None` when the file calls it itself.
    pub library: Option<String>,
}

/// Records every API reference in `program`. `base` is the `SourceMap`
/// position of the text's first byte.
#[cfg(test)]
pub fn collect(program: &Program, base: u32, ruleset: &Ruleset) -> Vec<RawUse> {
    analyze(program, base, ruleset).0
}

/// Records every API reference in `program`, and what it says about other
/// modules (imports, exports, authorize wrappers).
#[cfg(test)]
pub fn analyze(program: &Program, base: u32, ruleset: &Ruleset) -> (Vec<RawUse>, ModuleFacts) {
    let scripts = analyze_with_jsx(program, base, ruleset, false, Needs::ALL);
    (scripts.uses, scripts.facts)
}

/// [`analyze`], and when `jsx` is set, the template uses of the JSX
/// elements too (what [`super::jsx::collect`] finds). Every walk over a
/// large AST costs about as much as the next, so the passes share walks
/// where their order allows, and most files take one:
///
/// - the binding rounds walk until the bindings settle; they also collect
///   the module names, kept from a round in which the bindings held still
///   (as if collected after the rounds);
/// - the first round also records the references and the module facts,
///   seeing no binding and the names collected so far. The references are
///   kept when that round finds no binding (most files), the facts when it
///   also looked names up only once they were complete; whatever is not kept
///   is collected again by a walk of its own once the bindings have settled.
pub(super) fn analyze_with_jsx(
    program: &Program,
    base: u32,
    ruleset: &Ruleset,
    jsx: bool,
    needs: Needs,
) -> Analyzed {
    walks(program, base, ruleset, jsx, needs, true)
}

/// [`analyze_with_jsx`]; without `share`, every pass takes a walk of its
/// own (what the shared walk must give the same results as).
fn walks(
    program: &Program,
    base: u32,
    ruleset: &Ruleset,
    jsx: bool,
    needs: Needs,
    share: bool,
) -> Analyzed {
    let mut bindings = Bindings::new(ruleset);
    let mut names = None;
    // The references and facts of the latest round, when the bindings held
    // still in it.
    let mut recorded = None;
    let mut facts = None;
    // Aliases of aliases (`const a = wx; const b = a;`) settle in a few rounds.
    for _ in 0..4 {
        let before = bindings.len();
        let changes = bindings.changes;
        // The references and facts see the bindings as the round found them:
        // right when the round changes none.
        let seen = if share {
            bindings.clone()
        } else {
            Bindings::new(ruleset)
        };
        let mut round_names = Names::default();
        let collector = BindingCollector {
            bindings: &mut bindings,
            ruleset,
            names: &mut round_names,
            functions: Vec::new(),
        };
        let (round_references, round_facts) = if share {
            let mut walk = Walk {
                bindings: Some(collector),
                references: Some(Recorder::new(&seen, ruleset, base, jsx, needs)),
                facts: Some(FactCollector::new(&seen, base)),
                names: None,
            };
            program.visit_with(&mut walk);
            (walk.references, walk.facts)
        } else {
            program.visit_with(&mut { collector });
            (None, None)
        };
        let still = share && bindings.changes == changes;
        recorded = round_references
            .filter(|_| still)
            .map(|recorder| (recorder.out, recorder.jsx, recorder.identity.finish()));
        facts = round_facts
            .filter(|facts| still && facts.looked_up_complete(&round_names))
            .map(FactCollector::finish);
        names = still.then_some(round_names);
        if bindings.len() == before {
            break;
        }
    }
    let names = names.unwrap_or_else(|| super::modules::names(program, &bindings));
    let (out, elements, identity) = recorded.unwrap_or_else(|| {
        let mut recorder = Recorder::new(&bindings, ruleset, base, jsx, needs);
        program.visit_with(&mut recorder);
        (recorder.out, recorder.jsx, recorder.identity.finish())
    });
    let facts = facts.unwrap_or_else(|| {
        let mut walk = Walk {
            bindings: None,
            references: None,
            facts: Some(FactCollector::new(&bindings, base)),
            names: Some(&names),
        };
        program.visit_with(&mut walk);
        walk.facts
            .unwrap_or_else(|| FactCollector::new(&bindings, base))
            .finish()
    });
    let (jsx_uses, jsx_agree) = elements
        .map(|elements| elements.finish(ruleset))
        .unwrap_or_default();
    Analyzed {
        uses: out,
        facts,
        jsx_uses,
        jsx_agree,
        identity,
    }
}

/// What the walks of a script found.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Analyzed {
    /// API references.
    pub(super) uses: Vec<RawUse>,
    /// What the script says about other modules.
    pub(super) facts: ModuleFacts,
    /// Template uses of its JSX elements (when asked for).
    pub(super) jsx_uses: Vec<RawUse>,
    /// The agree buttons among its JSX elements (when asked for).
    pub(super) jsx_agree: Vec<super::jsx::RawAgree>,
    /// Identity and secrets ([`super::identity`]).
    pub(super) identity: Vec<RawIdentity>,
}

/// A byte range of the program where a binding holds (`SourceMap` positions).
type Scope = (u32, u32);

/// The whole file.
const FILE_SCOPE: Scope = (0, u32::MAX);

/// Whether `inner` lies within `outer`.
fn within(inner: Scope, outer: Scope) -> bool {
    outer.0 <= inner.0 && inner.1 <= outer.1
}

/// Same-file names bound to a namespace or to one API.
#[derive(Clone, Default)]
pub(super) struct Bindings {
    /// Local names that hold a namespace object, with where they do: the whole
    /// file for `const w = wx`, the function for `(function (e) {…})(wx)`.
    namespaces: HashMap<Atom, Vec<Scope>>,
    /// Functions inside those scopes that declare the same name again, for
    /// something else: a parameter (`function (t, e, n) {…}`, a bundler's
    /// module) or a variable with another value (`var c = n("414a")`, an
    /// app module). There the name is not the namespace.
    shadows: HashMap<Atom, Vec<Scope>>,
    /// Local names that hold one API (`const { getLocation: loc } = wx` → loc → getLocation).
    apis: HashMap<Atom, String>,
    /// Local names holding an object WeChat hands out (`const rm = wx.getRecorderManager()`).
    objects: HashMap<Atom, String>,
    /// `this.<name>` properties holding such an object (`this.rm = wx.getRecorderManager()`).
    this_objects: HashMap<Atom, String>,
    /// Page data keys holding such an object
    /// (`this.setData({ ctx: wx.createMapContext('m') })`, read as `this.data.ctx`).
    data_objects: HashMap<Atom, String>,
    /// Local names holding uni-app 3's vendor chunk (`.index` is `uni`).
    vendor_chunks: HashSet<Atom>,
    /// How many times the bindings changed (an entry added or its value
    /// replaced), to tell a collection round that saw them all settled.
    changes: usize,
    /// The namespaces and modules of the framework table.
    known: std::sync::Arc<Namespaces>,
    /// Local names of library hooks: `useUserInfo` → (`taro-hooks`, `useUserInfo`).
    hooks: HashMap<Atom, (String, String)>,
    /// Local names a library hook handed an API: `getUserProfile` →
    /// (`wx.getUserProfile`, `taro-hooks`).
    hook_apis: HashMap<Atom, (String, String)>,
}

impl Bindings {
    /// No bindings yet, knowing the namespaces of `ruleset`'s frameworks.
    pub(super) fn new(ruleset: &Ruleset) -> Self {
        Bindings {
            known: ruleset.namespaces.clone(),
            ..Bindings::default()
        }
    }

    fn len(&self) -> usize {
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
    fn bind_hook(&mut self, name: &Atom, module: &str, export: &str) {
        let value = (module.to_owned(), export.to_owned());
        if self.hooks.get(name) != Some(&value) {
            self.hooks.insert(name.clone(), value);
            self.changes += 1;
        }
    }

    /// Records that `name` holds `api`, handed out by the library `module`.
    fn bind_hook_api(&mut self, name: &Atom, api: &str, module: &str) {
        let value = (api.to_owned(), module.to_owned());
        if self.hook_apis.get(name) != Some(&value) {
            self.hook_apis.insert(name.clone(), value);
            self.changes += 1;
        }
    }

    /// The library hook a call's callee names, as (module, export).
    fn hook_of(&self, callee: &Callee) -> Option<&(String, String)> {
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
    fn bind_namespace(&mut self, name: &Atom, scope: Scope) {
        let scopes = self.namespaces.entry(name.clone()).or_default();
        if !scopes.contains(&scope) {
            scopes.push(scope);
            self.changes += 1;
        }
    }

    /// Records that the function `scope` declares `name` again, when `name`
    /// holds a namespace in a scope around it.
    fn shadow(&mut self, name: &Atom, scope: Scope) {
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
    fn local_namespace(&self, id: &Ident) -> bool {
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
    fn api_alias(&self, name: &Atom) -> Option<&String> {
        if self.apis.is_empty() {
            return None;
        }
        self.apis.get(name)
    }

    /// Records that `name` holds the API `api`.
    fn bind_api(&mut self, name: &Atom, api: String) {
        if self.apis.get(name) != Some(&api) {
            self.apis.insert(name.clone(), api);
            self.changes += 1;
        }
    }

    /// Records that `name` holds an object of type `ty`.
    fn bind_object(&mut self, name: &Atom, ty: String) {
        if self.objects.get(name) != Some(&ty) {
            self.objects.insert(name.clone(), ty);
            self.changes += 1;
        }
    }

    /// Records that `this.<name>` holds an object of type `ty`.
    fn bind_this_object(&mut self, name: &Atom, ty: String) {
        if self.this_objects.get(name) != Some(&ty) {
            self.this_objects.insert(name.clone(), ty);
            self.changes += 1;
        }
    }

    /// Records that the page data key `name` holds an object of type `ty`.
    fn bind_data_object(&mut self, name: &Atom, ty: String) {
        if self.data_objects.get(name) != Some(&ty) {
            self.data_objects.insert(name.clone(), ty);
            self.changes += 1;
        }
    }

    /// Records that `name` holds uni-app 3's vendor chunk.
    fn bind_vendor_chunk(&mut self, name: &Atom) {
        if self.vendor_chunks.insert(name.clone()) {
            self.changes += 1;
        }
    }

    /// Whether `expr` evaluates to a `wx`-like namespace object.
    pub(super) fn is_namespace(&self, expr: &Expr) -> bool {
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
    pub(super) fn api_of<'e>(&'e self, expr: &'e Expr) -> Option<(&'e str, Span)> {
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
    fn object_type(&self, expr: &Expr, ruleset: &Ruleset) -> Option<String> {
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
fn is_page(expr: &Expr) -> bool {
    matches!(unwrap(expr), Expr::This(_) | Expr::Ident(_))
}

/// Strips parentheses and TypeScript wrappers that do not change the value.
pub(crate) fn unwrap(mut expr: &Expr) -> &Expr {
    loop {
        expr = match expr {
            Expr::Paren(p) => &p.expr,
            Expr::TsAs(e) => &e.expr,
            Expr::TsNonNull(e) => &e.expr,
            Expr::TsTypeAssertion(e) => &e.expr,
            Expr::TsSatisfies(e) => &e.expr,
            Expr::TsConstAssertion(e) => &e.expr,
            _ => return expr,
        }
    }
}

impl Bindings {
    /// `require('@tarojs/taro')`, `require('./../npm/wepy/lib/wepy.js')`: a
    /// require of a module the framework table says mirrors `wx`.
    fn is_namespace_require(&self, call: &CallExpr) -> bool {
        matches!(&call.callee, Callee::Expr(c) if matches!(unwrap(c), Expr::Ident(id) if id.sym == WORDS.require))
            && call
                .args
                .first()
                .is_some_and(|arg| string_value_is(&arg.expr, |s| self.known.is_module(s)))
    }

    /// Whether imports from `specifier` mirror `wx`.
    pub(super) fn is_namespace_module(&self, specifier: &str) -> bool {
        self.known.is_module(specifier)
    }
}

/// Babel's and TypeScript's module interop helpers, which hand a required
/// module on: `_interopRequireDefault(_wepy)`, `__importDefault(m)`.
fn is_interop_helper(callee: &Callee) -> bool {
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
fn is_uni_runtime_require(call: &CallExpr) -> bool {
    matches!(&call.callee, Callee::Expr(c) if matches!(unwrap(c), Expr::Ident(_)))
        && call.args.len() == 1
        && string_value_is(&call.args[0].expr, |id| {
            UNI_RUNTIME_MODULE_IDS.contains(&id)
        })
}

/// `require("../../common/vendor.js")`: uni-app 3's vendor chunk.
fn is_vendor_chunk_require(call: &CallExpr) -> bool {
    matches!(&call.callee, Callee::Expr(c) if matches!(unwrap(c), Expr::Ident(id) if id.sym == WORDS.require))
        && call.args.first().is_some_and(|arg| {
            string_value_is(&arg.expr, |s| {
                s.strip_suffix(UNI_VENDOR_CHUNK)
                    .is_some_and(|dir| dir.is_empty() || dir.ends_with('/'))
            })
        })
}

/// Whether `expr` is a string literal (or a template literal without
/// expressions) whose value passes `test`; nothing is copied.
pub(super) fn string_value_is(expr: &Expr, test: impl FnOnce(&str) -> bool) -> bool {
    match unwrap(expr) {
        Expr::Lit(Lit::Str(s)) => test(&s.value.to_atom_lossy()),
        Expr::Tpl(t) if t.exprs.is_empty() => t
            .quasis
            .first()
            .and_then(|q| q.cooked.as_ref())
            .is_some_and(|c| test(&c.to_atom_lossy())),
        _ => false,
    }
}

/// The value of a string literal or a template literal without expressions.
pub(super) fn string_value(expr: &Expr) -> Option<String> {
    match unwrap(expr) {
        Expr::Lit(Lit::Str(s)) => Some(s.value.to_atom_lossy().to_string()),
        Expr::Tpl(t) if t.exprs.is_empty() => t
            .quasis
            .first()
            .and_then(|q| q.cooked.as_ref())
            .map(|c| c.to_atom_lossy().to_string()),
        _ => None,
    }
}

/// The property name of `wx.<name>` / `wx['<name>']`, with the span to report.
pub(super) fn member_name(prop: &MemberProp) -> Option<(&str, Span)> {
    match prop {
        MemberProp::Ident(id) => Some((id.sym.as_str(), id.span)),
        MemberProp::Computed(c) => match unwrap(&c.expr) {
            Expr::Lit(Lit::Str(s)) => s.value.as_atom().map(|a| (a.as_str(), s.span)),
            Expr::Tpl(t) if t.exprs.is_empty() => t
                .quasis
                .first()
                .and_then(|q| q.cooked.as_ref())
                .and_then(|c| c.as_atom())
                .map(|a| (a.as_str(), t.span)),
            _ => None,
        },
        MemberProp::PrivateName(_) => None,
    }
}

/// Whether a property key is `word` (`scope`, `'scope'`).
pub(super) fn key_is(key: &PropName, word: &Atom) -> bool {
    match key {
        PropName::Ident(id) => id.sym == *word,
        PropName::Str(s) => s.value.as_atom() == Some(word),
        _ => false,
    }
}

/// The name written in a destructuring key or import specifier.
pub(super) fn prop_name(key: &PropName) -> Option<(&str, Span)> {
    match key {
        PropName::Ident(id) => Some((id.sym.as_str(), id.span)),
        PropName::Str(s) => s.value.as_atom().map(|a| (a.as_str(), s.span)),
        _ => None,
    }
}

pub(super) fn module_export_name(name: &ModuleExportName) -> Option<(&str, Span)> {
    match name {
        ModuleExportName::Ident(id) => Some((id.sym.as_str(), id.span)),
        ModuleExportName::Str(s) => s.value.as_atom().map(|a| (a.as_str(), s.span)),
    }
}

/// The local name at `path` in a destructuring pattern (`[, { a }]` at
/// `[1, "a"]` is `a`); `None` when the pattern does not go there.
fn follow_pattern<'p>(pat: &'p Pat, path: &[crate::ruleset::PathStep]) -> Option<&'p Atom> {
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
fn destructured(pat: &ObjectPat) -> Vec<(&str, Span, Option<&Atom>)> {
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

/// Pass 1: collects aliases, and the names bound to other modules.
struct BindingCollector<'b> {
    bindings: &'b mut Bindings,
    ruleset: &'b Ruleset,
    names: &'b mut Names,
    /// The functions around the node being visited, innermost last.
    functions: Vec<Scope>,
}

impl BindingCollector<'_> {
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

/// The binding hooks, each run before the children of its node are visited.
impl BindingCollector<'_> {
    fn on_var_declarator(&mut self, d: &VarDeclarator) {
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
        self.names.var_declarator(d, self.bindings);
    }

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
    fn enter_function<'p>(&mut self, scope: Scope, params: impl Iterator<Item = &'p Pat>) {
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

    fn exit_function(&mut self) {
        self.functions.pop();
    }

    /// `(function (e) { e.getLocation() })(wx)`, `!function (t) {…}(wx)`,
    /// `(t => …)(wx)` and `(function (n) {…}).call(this, wx)`: the parameter
    /// holds the namespace inside that function.
    fn on_call_expr(&mut self, call: &CallExpr) {
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

    fn on_assign_expr(&mut self, a: &AssignExpr) {
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
    }

    /// Import declarations: their children are not visited.
    fn on_import_decl(&mut self, import: &ImportDecl) {
        self.names.import_decl(import);
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
}

impl Visit for BindingCollector<'_> {
    noop_visit_type!();
    crate::stack::guarded_visits!();

    fn visit_var_declarator(&mut self, d: &VarDeclarator) {
        self.on_var_declarator(d);
        d.visit_children_with(self);
    }

    fn visit_call_expr(&mut self, call: &CallExpr) {
        self.on_call_expr(call);
        call.visit_children_with(self);
    }

    fn visit_assign_expr(&mut self, a: &AssignExpr) {
        self.on_assign_expr(a);
        a.visit_children_with(self);
    }

    fn visit_import_decl(&mut self, import: &ImportDecl) {
        self.on_import_decl(import);
    }

    fn visit_function(&mut self, f: &Function) {
        self.enter_function((f.span.lo.0, f.span.hi.0), f.params.iter().map(|p| &p.pat));
        f.visit_children_with(self);
        self.exit_function();
    }

    fn visit_arrow_expr(&mut self, a: &ArrowExpr) {
        self.enter_function((a.span.lo.0, a.span.hi.0), a.params.iter());
        a.visit_children_with(self);
        self.exit_function();
    }
}

/// Pass 2: records references.
struct Recorder<'a> {
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
    /// The JSX elements, when they are wanted.
    jsx: Option<super::jsx::ElementCollector>,
    /// Identity and secrets.
    identity: IdentityCollector,
}

impl<'a> Recorder<'a> {
    /// A recorder seeing `bindings`, collecting JSX elements when `jsx`.
    fn new(
        bindings: &'a Bindings,
        ruleset: &'a Ruleset,
        base: u32,
        jsx: bool,
        needs: Needs,
    ) -> Self {
        Recorder {
            bindings,
            ruleset,
            base,
            out: Vec::new(),
            handled: HashSet::new(),
            tests: HashSet::new(),
            tests_seen: HashSet::new(),
            jsx: jsx.then(|| super::jsx::ElementCollector::new(base)),
            identity: IdentityCollector::new(base, needs),
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
    /// and its aliases record their scope; identity APIs go to the
    /// identity collector.
    fn api_call(&mut self, callee: &Expr, args: &[ExprOrSpread]) {
        let Some((name, span)) = self.bindings.api_of(callee) else {
            return;
        };
        if AUTHORIZE_APIS.contains(&name) {
            let scope = args.first().and_then(scope_argument);
            self.record(name, span, Some(scope));
        }
        self.identity.api_call(name, span, args);
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

/// The reference hooks, each run before the children of its node are visited.
impl Recorder<'_> {
    #[inline]
    fn on_call_expr(&mut self, call: &CallExpr) {
        if let Callee::Expr(callee) = &call.callee {
            self.api_call(callee, &call.args);
        }
    }

    #[inline]
    fn on_opt_call(&mut self, call: &OptCall) {
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
        self.identity.on_expr(expr);
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

    /// The test of an `if`, `while`, `do … while` or `for`.
    #[inline]
    fn on_test(&mut self, test: &Expr) {
        self.mark_test(test);
    }

    #[inline]
    fn on_prop(&mut self, prop: &Prop) {
        // `{ getLocation }` passes the alias on.
        if let Prop::Shorthand(id) = prop {
            if let Some(name) = self.bindings.api_alias(&id.sym) {
                self.record(name, id.span, None);
            } else if !self.bindings.hook_apis.is_empty() {
                self.hook_api(id);
            }
        }
    }

    fn on_var_declarator(&mut self, d: &VarDeclarator) {
        self.identity.on_var_declarator(d);
        // `const { getLocation } = wx` references getLocation where it is written.
        if let (Pat::Object(obj), Some(init)) = (&d.name, &d.init) {
            if self.bindings.is_namespace(init) {
                for (name, span, _) in destructured(obj) {
                    self.record(name, span, None);
                }
            }
        }
    }

    #[inline]
    fn on_jsx_opening_element(&mut self, el: &JSXOpeningElement) {
        if let Some(jsx) = &mut self.jsx {
            jsx.element(el);
        }
    }
}

impl Visit for Recorder<'_> {
    noop_visit_type!();
    crate::stack::guarded_visits!(
        visit_stmt: swc_ecma_ast::Stmt,
        visit_pat: swc_ecma_ast::Pat,
        visit_jsx_element: swc_ecma_ast::JSXElement,
        visit_jsx_member_expr: swc_ecma_ast::JSXMemberExpr,
    );

    fn visit_call_expr(&mut self, call: &CallExpr) {
        self.on_call_expr(call);
        call.visit_children_with(self);
    }

    fn visit_opt_call(&mut self, call: &OptCall) {
        self.on_opt_call(call);
        call.visit_children_with(self);
    }

    fn visit_member_expr(&mut self, m: &MemberExpr) {
        self.on_member_expr(m);
        m.visit_children_with(self);
    }

    fn visit_expr(&mut self, expr: &Expr) {
        self.on_expr(expr);
        crate::stack::guard(|| expr.visit_children_with(self));
    }

    fn visit_prop(&mut self, prop: &Prop) {
        self.on_prop(prop);
        prop.visit_children_with(self);
    }

    fn visit_var_declarator(&mut self, d: &VarDeclarator) {
        self.on_var_declarator(d);
        d.visit_children_with(self);
    }

    fn visit_jsx_opening_element(&mut self, el: &JSXOpeningElement) {
        self.on_jsx_opening_element(el);
        el.visit_children_with(self);
    }

    fn visit_fn_decl(&mut self, f: &FnDecl) {
        self.identity.on_declared(&f.ident);
        f.visit_children_with(self);
    }

    fn visit_class_decl(&mut self, c: &ClassDecl) {
        self.identity.on_declared(&c.ident);
        c.visit_children_with(self);
    }

    /// Import specifiers are not uses: the calls and references of the local
    /// name are. Their children are not visited.
    fn visit_import_decl(&mut self, _: &ImportDecl) {}

    fn visit_if_stmt(&mut self, s: &IfStmt) {
        self.on_test(&s.test);
        s.visit_children_with(self);
    }

    fn visit_while_stmt(&mut self, s: &WhileStmt) {
        self.on_test(&s.test);
        s.visit_children_with(self);
    }

    fn visit_do_while_stmt(&mut self, s: &DoWhileStmt) {
        self.on_test(&s.test);
        s.visit_children_with(self);
    }

    fn visit_for_stmt(&mut self, s: &ForStmt) {
        if let Some(test) = &s.test {
            self.on_test(test);
        }
        s.visit_children_with(self);
    }
}

/// A walk over the AST running the hooks of any of: the binding collector
/// (with the module names), the reference recorder, the module facts. The
/// facts see less of the AST than the others (see [`FactCollector`]): the
/// walk visits what they do not see with them suspended.
struct Walk<'b, 'r, 'n> {
    bindings: Option<BindingCollector<'b>>,
    references: Option<Recorder<'r>>,
    facts: Option<FactCollector<'r>>,
    /// The names for the facts when the walk does not collect them.
    names: Option<&'n Names>,
}

impl<'r> Walk<'_, 'r, '_> {
    /// The facts, when they see the node being visited, with the names.
    fn facts(&mut self) -> Option<(&mut FactCollector<'r>, &Names)> {
        let names = match &self.bindings {
            Some(bindings) => &*bindings.names,
            None => self.names?,
        };
        self.facts
            .as_mut()
            .filter(|facts| facts.active())
            .map(|facts| (facts, names))
    }

    /// Visits `node` with the facts suspended.
    fn unseen<N: VisitWith<Self> + ?Sized>(&mut self, node: &N) {
        self.unseen_children(|walk| node.visit_with(walk));
    }

    /// Runs `visit` with the facts suspended.
    fn unseen_children(&mut self, visit: impl FnOnce(&mut Self)) {
        if let Some(facts) = &mut self.facts {
            facts.suspend();
        }
        visit(self);
        if let Some(facts) = &mut self.facts {
            facts.resume();
        }
    }

    /// Visits `node`, which holds the function value named `name`, for the
    /// facts to see as that function.
    fn named<N: VisitWith<Self> + ?Sized>(&mut self, name: (Atom, Span), node: &N) {
        if let Some(facts) = &mut self.facts {
            facts.name_next(name);
        }
        node.visit_with(self);
    }
}

impl Visit for Walk<'_, '_, '_> {
    noop_visit_type!();
    crate::stack::guarded_visits!(
        visit_stmt: swc_ecma_ast::Stmt,
        visit_pat: swc_ecma_ast::Pat,
        visit_jsx_element: swc_ecma_ast::JSXElement,
        visit_jsx_member_expr: swc_ecma_ast::JSXMemberExpr,
    );

    fn visit_var_declarator(&mut self, d: &VarDeclarator) {
        if let Some(b) = &mut self.bindings {
            b.on_var_declarator(d);
        }
        if let Some(r) = &mut self.references {
            r.on_var_declarator(d);
        }
        if self.facts().is_some() {
            if let Some(name) = FactCollector::declarator_name(d) {
                self.unseen(&d.name);
                self.named(name, &d.init);
                return;
            }
        }
        d.visit_children_with(self);
    }

    fn visit_call_expr(&mut self, call: &CallExpr) {
        if let Some(b) = &mut self.bindings {
            b.on_call_expr(call);
        }
        if let Some(r) = &mut self.references {
            r.on_call_expr(call);
        }
        if let Some((facts, names)) = self.facts() {
            facts.on_call_expr(call, names);
        }
        call.visit_children_with(self);
    }

    fn visit_assign_expr(&mut self, a: &AssignExpr) {
        if let Some(b) = &mut self.bindings {
            b.on_assign_expr(a);
        }
        if let Some(name) = self.facts().and_then(|(facts, _)| facts.on_assign_expr(a)) {
            self.unseen(&a.left);
            self.named(name, &a.right);
            return;
        }
        a.visit_children_with(self);
    }

    fn visit_import_decl(&mut self, import: &ImportDecl) {
        if let Some(b) = &mut self.bindings {
            b.on_import_decl(import);
        }
        if let Some((facts, _)) = self.facts() {
            facts.on_import_decl(import);
        }
    }

    fn visit_opt_call(&mut self, call: &OptCall) {
        if let Some(r) = &mut self.references {
            r.on_opt_call(call);
        }
        if let Some((facts, names)) = self.facts() {
            facts.on_opt_call(call, names);
        }
        call.visit_children_with(self);
    }

    fn visit_member_expr(&mut self, m: &MemberExpr) {
        if let Some(r) = &mut self.references {
            r.on_member_expr(m);
        }
        m.visit_children_with(self);
    }

    fn visit_expr(&mut self, expr: &Expr) {
        if let Some(r) = &mut self.references {
            r.on_expr(expr);
        }
        crate::stack::guard(|| expr.visit_children_with(self));
    }

    fn visit_prop(&mut self, prop: &Prop) {
        if let Some(r) = &mut self.references {
            r.on_prop(prop);
        }
        if self.facts().is_some() {
            if let Some(name) = FactCollector::prop_fn_name(prop) {
                match prop {
                    Prop::KeyValue(kv) => {
                        self.unseen(&kv.key);
                        self.named(name, &kv.value);
                        return;
                    }
                    Prop::Method(m) => {
                        self.unseen(&m.key);
                        self.named(name, &m.function);
                        return;
                    }
                    _ => {}
                }
            }
        }
        prop.visit_children_with(self);
    }

    fn visit_jsx_opening_element(&mut self, el: &JSXOpeningElement) {
        if let Some(r) = &mut self.references {
            r.on_jsx_opening_element(el);
        }
        el.visit_children_with(self);
    }

    fn visit_class_decl(&mut self, c: &ClassDecl) {
        if let Some(r) = &mut self.references {
            r.identity.on_declared(&c.ident);
        }
        c.visit_children_with(self);
    }

    fn visit_if_stmt(&mut self, s: &IfStmt) {
        if let Some(r) = &mut self.references {
            r.on_test(&s.test);
        }
        s.visit_children_with(self);
    }

    fn visit_while_stmt(&mut self, s: &WhileStmt) {
        if let Some(r) = &mut self.references {
            r.on_test(&s.test);
        }
        s.visit_children_with(self);
    }

    fn visit_do_while_stmt(&mut self, s: &DoWhileStmt) {
        if let Some(r) = &mut self.references {
            r.on_test(&s.test);
        }
        s.visit_children_with(self);
    }

    fn visit_for_stmt(&mut self, s: &ForStmt) {
        if let (Some(r), Some(test)) = (&mut self.references, &s.test) {
            r.on_test(test);
        }
        s.visit_children_with(self);
    }

    fn visit_fn_decl(&mut self, f: &FnDecl) {
        if let Some(r) = &mut self.references {
            r.identity.on_declared(&f.ident);
        }
        if self.facts().is_some() {
            self.unseen(&f.ident);
            self.named((f.ident.sym.clone(), f.ident.span), &f.function);
            return;
        }
        f.visit_children_with(self);
    }

    fn visit_function(&mut self, f: &Function) {
        if let Some(b) = &mut self.bindings {
            b.enter_function((f.span.lo.0, f.span.hi.0), f.params.iter().map(|p| &p.pat));
        }
        let params = f.params.iter().map(|p| &p.pat);
        match self.facts().map(|(facts, _)| facts.enter_function(params)) {
            Some(true) => {
                // Named by what holds it: the facts see the body only.
                self.unseen(&f.this_param);
                self.unseen(&f.params);
                self.unseen(&f.decorators);
                f.body.visit_with(self);
                f.type_params.visit_with(self);
                f.return_type.visit_with(self);
            }
            Some(false) | None => f.visit_children_with(self),
        }
        if let Some((facts, _)) = self.facts() {
            facts.exit();
        }
        if let Some(b) = &mut self.bindings {
            b.exit_function();
        }
    }

    fn visit_arrow_expr(&mut self, a: &ArrowExpr) {
        if let Some(b) = &mut self.bindings {
            b.enter_function((a.span.lo.0, a.span.hi.0), a.params.iter());
        }
        match self
            .facts()
            .map(|(facts, _)| facts.enter_function(a.params.iter()))
        {
            Some(true) => {
                self.unseen(&a.params);
                a.body.visit_with(self);
                a.type_params.visit_with(self);
                a.return_type.visit_with(self);
            }
            Some(false) | None => a.visit_children_with(self),
        }
        if let Some((facts, _)) = self.facts() {
            facts.exit();
        }
        if let Some(b) = &mut self.bindings {
            b.exit_function();
        }
    }

    fn visit_class_method(&mut self, m: &ClassMethod) {
        if self.facts().is_some() {
            if let Some(name) = FactCollector::class_method_name(m) {
                self.unseen(&m.key);
                self.named(name, &m.function);
                return;
            }
        }
        m.visit_children_with(self);
    }

    fn visit_named_export(&mut self, export: &NamedExport) {
        if let Some((facts, _)) = self.facts() {
            facts.on_named_export(export);
        }
        self.unseen_children(|walk| export.visit_children_with(walk));
    }

    fn visit_export_all(&mut self, export: &ExportAll) {
        if let Some((facts, _)) = self.facts() {
            facts.on_export_all(export);
        }
        self.unseen_children(|walk| export.visit_children_with(walk));
    }

    fn visit_export_decl(&mut self, export: &ExportDecl) {
        if let Some((facts, _)) = self.facts() {
            facts.on_export_decl(export);
        }
        export.visit_children_with(self);
    }

    fn visit_export_default_decl(&mut self, export: &ExportDefaultDecl) {
        if let DefaultDecl::Fn(f) = &export.decl {
            if let Some(name) = self
                .facts()
                .and_then(|(facts, _)| facts.on_export_default_decl(export))
            {
                self.unseen(&f.ident);
                self.named(name, &f.function);
                return;
            }
        }
        export.visit_children_with(self);
    }

    fn visit_export_default_expr(&mut self, export: &ExportDefaultExpr) {
        if let Some(name) = self
            .facts()
            .and_then(|(facts, _)| facts.on_export_default_expr(export))
        {
            self.named(name, &export.expr);
            return;
        }
        export.visit_children_with(self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;
    use crate::source::FileKind;

    #[test]
    fn the_shared_walk_finds_what_separate_walks_find() {
        let snippets = [
            "const a = require('./a'); a.f('scope.record'); function g(s) { a.f(s) }",
            "function early(s) { later.check(s) } const later = require('./later'); early('scope.camera');",
            "const auth = promisify(wx.authorize); auth({ scope: 'scope.record' }); function w(o) { auth(o) }",
            "module.exports = function named(s) { wx.authorize({ scope: s }) }; exports.b = (s) => wx.authorize({ scope: s });",
            "export default function (s) { wx.authorize({ scope: s }) }\nexport function f(x = (y) => g(y)) { g(x) }\nexport { f as h }; export * from './all';",
            "export default (s) => wx.authorize({ scope: s });",
            "const o = { m(s) { this.n(s) }, n: function (s) { wx.authorize({ scope: s }) }, ['k' + 1](s) { wx.authorize({ scope: s }) } };",
            "class C { run(s) { wx.authorize({ scope: s }) } [key](s) { this.run(s) } #p(s) { this.run(s) } }",
            "const app = getApp(); app.ask('scope.userLocation'); const { ask } = require('./auth'); ask({ scope: 'scope.werun' });",
            "const w = wx; w.getLocation(); function f(e) { e.chooseImage() } (function (n) { n.getLocation() })(wx);",
            "const rm = wx.getRecorderManager(); rm.start(); import('./lazy'); const x = () => { const y = require('./y'); y.z('scope.camera') };",
            "var f = (0, function (s) { wx.authorize({ scope: s }) }); var g = (function h(s) { f(s) });",
        ];
        let ruleset = Ruleset::builtin();
        let mut sources: Vec<String> = snippets.iter().map(|s| s.to_string()).collect();
        for entry in walkdir::WalkDir::new("fixtures")
            .into_iter()
            .filter_map(Result::ok)
        {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "js" || e == "ts") {
                // Non-UTF-8 fixtures (bad input) are not sources here.
                sources.extend(std::fs::read_to_string(path).ok());
            }
        }
        assert!(sources.len() > 40, "the fixtures are read");
        for src in &sources {
            let parsed = parse::parse("t.ts", src.clone(), FileKind::Ts);
            let parsed = if parsed.program.is_some() {
                parsed
            } else {
                parse::parse("t.js", src.clone(), FileKind::Js)
            };
            let Some(program) = parsed.program.as_ref() else {
                continue;
            };
            let shared = walks(program, parsed.base, &ruleset, true, Needs::ALL, true);
            let separate = walks(program, parsed.base, &ruleset, true, Needs::ALL, false);
            assert_eq!(shared, separate, "{src}");
        }
    }

    /// `(api, text at the reported span, scope)` for every use in `src`.
    fn uses(src: &str, kind: FileKind) -> Vec<(String, String, Option<Option<String>>)> {
        let ruleset = Ruleset::builtin();
        let parsed = parse::parse("t.js", src.to_owned(), kind);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        collect(parsed.program.as_ref().unwrap(), parsed.base, &ruleset)
            .into_iter()
            .map(|u| (u.api, src[u.offset..u.offset + u.len].to_owned(), u.scope))
            .collect()
    }

    /// Asserts the `(api, text at the reported span)` of every use in a JS `src`.
    #[track_caller]
    fn assert_spans(src: &str, expected: &[(&str, &str)]) {
        let found = uses(src, FileKind::Js);
        let spans: Vec<_> = found
            .iter()
            .map(|(a, t, _)| (a.as_str(), t.as_str()))
            .collect();
        assert_eq!(spans, expected);
    }

    fn apis(src: &str) -> Vec<String> {
        uses(src, FileKind::Js)
            .into_iter()
            .map(|(api, _, _)| api)
            .collect()
    }

    #[test]
    fn direct_optional_computed_and_passed_references() {
        let src = "wx.getLocation({});\nwx?.chooseAddress?.();\nwx['chooseImage']({});\nwx[`chooseMedia`]();\npromisify(wx.chooseLocation);\nwx.createLivePusherContext().start();";
        assert_spans(
            src,
            &[
                ("wx.getLocation", "getLocation"),
                ("wx.chooseAddress", "chooseAddress"),
                ("wx.chooseImage", "'chooseImage'"),
                ("wx.chooseMedia", "`chooseMedia`"),
                ("wx.chooseLocation", "chooseLocation"),
                ("wx.createLivePusherContext", "createLivePusherContext"),
            ],
        );
    }

    #[test]
    fn aliases_in_the_same_file() {
        let src = "const w = wx; w.chooseAddress();\nconst { getLocation } = wx; getLocation();\nconst { chooseImage: pick } = wx; pick();\nvar n; n = w; n.chooseMedia();";
        assert_spans(
            src,
            &[
                ("wx.chooseAddress", "chooseAddress"),
                ("wx.getLocation", "getLocation"),
                ("wx.getLocation", "getLocation"),
                ("wx.chooseImage", "chooseImage"),
                ("wx.chooseImage", "pick"),
                ("wx.chooseMedia", "chooseMedia"),
            ],
        );
    }

    #[test]
    fn alias_used_before_its_declaration_is_found() {
        assert_eq!(
            apis("function f() { api.getLocation() }\nvar api = wx;"),
            ["wx.getLocation"]
        );
    }

    #[test]
    fn framework_namespaces_map_to_wx() {
        assert_eq!(
            apis("uni.getLocation(); qq.chooseImage(); Taro.chooseAddress();"),
            ["wx.getLocation", "wx.chooseImage", "wx.chooseAddress"]
        );
        let src = "import T, { chooseLocation as pick } from '@tarojs/taro';\nimport * as All from '@tarojs/taro';\nT.getLocation(); pick(); All.chooseImage();";
        // The import specifier is not a use; the call of its local name is.
        assert_spans(
            src,
            &[
                ("wx.getLocation", "getLocation"),
                ("wx.chooseLocation", "pick"),
                ("wx.chooseImage", "chooseImage"),
            ],
        );
        assert_eq!(
            apis("const Taro = require('@tarojs/taro'); Taro.getLocation();\nvar _t = _interop(require(\"@tarojs/taro\")); _t.default.chooseAddress();"),
            ["wx.getLocation", "wx.chooseAddress"]
        );
    }

    #[test]
    fn authorize_scopes() {
        let src = "wx.authorize({ scope: 'scope.record' });\nwx.authorize({ scope: `scope.camera` });\nwx.authorize({ scope: s });\nwx.authorizeForMiniProgram({ scope: 'scope.userLocation', success() {} });\nconst { authorize } = wx; authorize({ scope: 'scope.werun' });\nwx?.authorize?.({ scope: 'scope.bluetooth' });";
        let found: Vec<_> = uses(src, FileKind::Js)
            .into_iter()
            .map(|(api, _, scope)| (api, scope.unwrap()))
            .collect();
        let some = |s: &str| Some(s.to_owned());
        assert_eq!(
            found,
            [
                ("wx.authorize".to_owned(), some("scope.record")),
                ("wx.authorize".to_owned(), some("scope.camera")),
                ("wx.authorize".to_owned(), None),
                (
                    "wx.authorizeForMiniProgram".to_owned(),
                    some("scope.userLocation")
                ),
                ("wx.authorize".to_owned(), None),
                ("wx.authorize".to_owned(), some("scope.werun")),
                ("wx.authorize".to_owned(), some("scope.bluetooth")),
            ]
        );
    }

    #[test]
    fn comments_strings_and_unrelated_objects_never_count() {
        let src = "// wx.getLocation()\n/* wx.chooseImage() */\nconst s = 'wx.getLocation()';\nconst t = `wx.chooseAddress ${x}`;\nconst o = { getLocation: 1, chooseImage() {} };\nfoo.getLocation(); this.chooseImage();\nclass A { getLocation() {} }\nwx.request({}); wx.showToast({});";
        assert!(apis(src).is_empty(), "{:?}", apis(src));
    }

    #[test]
    fn typescript_wrappers_and_types() {
        let src = "const w = wx as any;\nlet x: typeof wx.getLocation;\n(w!).chooseImage();\n(<any>wx).chooseAddress();";
        assert_eq!(
            uses(src, FileKind::Ts)
                .into_iter()
                .map(|u| u.0)
                .collect::<Vec<_>>(),
            ["wx.chooseImage", "wx.chooseAddress"]
        );
    }

    #[test]
    fn namespaces_passed_as_arguments_to_inline_functions() {
        let src = "!function(e){ e.getLocation() }(wx);\n(function (t) { t.chooseImage() })(uni);\n((n) => n.chooseAddress())(wx);\n(function (a, b) { b.chooseMedia() }).call(this, 1, wx);\nfunction later(e) { e.getLocation() }";
        assert_eq!(
            apis(src),
            [
                "wx.getLocation",
                "wx.chooseImage",
                "wx.chooseAddress",
                "wx.chooseMedia"
            ],
            "the parameter `e` of `later` is not wx"
        );
    }

    #[test]
    fn uni_app_compiled_runtimes() {
        let src = "(function(t){ t.chooseImage({}) }).call(this, n(\"543d\")[\"default\"]);\nconst common_vendor = require(\"../../common/vendor.js\");\ncommon_vendor.index.getLocation({}); require('../common/vendor.js').index.chooseAddress();\n(function(t){ t.getLocation() }).call(this, n(\"1234\")[\"default\"]); other.index.chooseImage(); require('./my-vendor.js').index.getLocation();";
        assert_eq!(
            apis(src),
            ["wx.chooseImage", "wx.getLocation", "wx.chooseAddress"],
            "other module ids and other files' `index` are not uni"
        );
    }

    #[test]
    fn methods_of_objects_wechat_hands_out() {
        let src = "const rm = wx.getRecorderManager();\nrm.start({ format: 'mp3' }); rm.stop();\nwx.createMapContext('map').moveToLocation();\nPage({ onLoad() { this.ctx = wx.createMapContext('m') }, locate() { this.ctx.moveToLocation() } });\nother.start(); this.other.moveToLocation();";
        assert_spans(
            src,
            &[
                ("wx.getRecorderManager", "getRecorderManager"),
                ("RecorderManager.start", "start"),
                ("MapContext.moveToLocation", "moveToLocation"),
                ("MapContext.moveToLocation", "moveToLocation"),
            ],
        );
    }

    #[test]
    fn consent_apis_are_recorded() {
        assert_eq!(
            apis("wx.onNeedPrivacyAuthorization(r => r({ event: 'agree' })); uni.requirePrivacyAuthorize();"),
            ["wx.onNeedPrivacyAuthorization", "wx.requirePrivacyAuthorize"]
        );
    }

    #[test]
    fn feature_checks_are_not_uses() {
        let src = "if (wx.getUserProfile) {}\nconst ok = !!wx.getUserProfile;\nif (typeof wx.chooseMessageFile === 'function') {}\nwx.chooseAddress && wx.chooseAddress({});\nconst a = wx.chooseMedia ? 1 : 2;\nif (!wx.getLocation || wx.chooseLocation == null) {}\nwhile (wx.chooseImage) {}\nfor (; wx.getClipboardData; ) {}\ndo {} while (Boolean(wx.chooseInvoice));\nif ('getUserProfile' in wx && wx.canIUse('getUserProfile')) {}\nconst { getLocation: loc } = wx; if (loc) { loc() }\nif (wx?.chooseVideo) {}";
        // Only the call of chooseAddress and of the alias, and the key of the
        // destructuring (which binds it), remain.
        assert_spans(
            src,
            &[
                ("wx.chooseAddress", "chooseAddress"),
                ("wx.getLocation", "getLocation"),
                ("wx.getLocation", "loc"),
            ],
        );
    }

    #[test]
    fn calls_passes_and_stores_next_to_a_test_still_count() {
        let src = "if (wx.getUserProfile) { wx.getUserProfile({ desc: 'x' }) }\nconst f = wx.chooseImage || fallback;\nconst g = cond && wx.chooseMedia;\nconst h = ok ? wx.chooseAddress : null;\npromisify(wx.getLocation);\nreturn wx.chooseLocation;";
        assert_spans(
            src,
            &[
                ("wx.getUserProfile", "getUserProfile"),
                ("wx.chooseImage", "chooseImage"),
                ("wx.chooseMedia", "chooseMedia"),
                ("wx.chooseAddress", "chooseAddress"),
                ("wx.getLocation", "getLocation"),
                ("wx.chooseLocation", "chooseLocation"),
            ],
        );
    }

    #[test]
    fn import_and_export_specifiers_are_not_uses() {
        let src = "import { chooseImage, getLocation as locate } from '@tarojs/taro';\nexport { chooseAddress } from '@tarojs/taro';\nexport { locate };\nchooseImage({ count: 1 });";
        let found = uses(src, FileKind::Ts);
        let spans: Vec<_> = found
            .iter()
            .map(|(a, t, _)| (a.as_str(), t.as_str()))
            .collect();
        assert_eq!(spans, [("wx.chooseImage", "chooseImage")]);
    }

    #[test]
    fn an_app_module_named_like_the_namespace_is_not_the_runtime() {
        // uni-app 2: the page runs inside `(function(c){…}).call(this, uni)`;
        // a helper module required as `c` in a function inside, and the
        // exports object `c` of a module function inside, are the app's.
        let src = "(function(c){\n  c.chooseImage({});\n  function f(t, c, n) { c.getLocation = h; }\n  function g() { var c = n(\"414a\"); (0, c.getLocation)(); }\n  function k() { c.chooseAddress(); var d = c; d.chooseMedia(); }\n}).call(this, n(\"543d\")[\"default\"]);\nconst w = wx; function m(w) { w.getLocation() } w.chooseLocation();";
        assert_spans(
            src,
            &[
                ("wx.chooseImage", "chooseImage"),
                ("wx.chooseAddress", "chooseAddress"),
                ("wx.chooseMedia", "chooseMedia"),
                ("wx.chooseLocation", "chooseLocation"),
            ],
        );
    }

    #[test]
    fn objects_kept_in_page_data_resolve_like_variables() {
        // The factories of rules/object-factories.json: wx.getRecorderManager
        // (itself a privacy API) and wx.createMapContext (whose
        // moveToLocation is).
        let src = "Page({\n  onReady() { const rm = wx.getRecorderManager(); this.setData({ 'map': wx.createMapContext('m'), rm, n: 1 }) },\n  locate() { this.data.map.moveToLocation() },\n  record() { const that = this; that.data.rm.start({}) },\n  other() { this.data.n.moveToLocation(); this.data.other.start() }\n});";
        assert_spans(
            src,
            &[
                ("wx.getRecorderManager", "getRecorderManager"),
                ("MapContext.moveToLocation", "moveToLocation"),
                ("RecorderManager.start", "start"),
            ],
        );
    }
}
