//! Call contexts: where in a mini program's lifecycle each use runs.
//!
//! The inventory visitor ([`super::js`]) finds *what* a file uses; this
//! second visitor, given the parsed program and the offsets of those uses,
//! finds *when* each one runs: the enclosing `App({...})`, `Page({...})`,
//! `Component({...})` or `Behavior({...})`, the method of that object, and
//! how the function between the method and the use is invoked (directly, in
//! a `success` callback, in a `.then()`, as an event listener…). It also
//! records same-object calls (`this.locate()`, `that.locate()` with
//! `const that = this`), so a use in `locate` is known to run from `onLoad`
//! when `onLoad` calls `this.locate()`.
//!
//! It also names the nearest enclosing function of each use (a method of
//! such an object, a function declaration, `const f = () => …`, an object or
//! class method), for reporters that identify a finding by its function.
//!
//! Only AST nodes are looked at, and nothing here can fail: code that does not
//! fit a known shape gives a use without an owner or method.
//!
//! `visitor` walks the program; `paths` follows the same-object calls
//! it found from the lifecycles to each method.

mod paths;
#[cfg(test)]
mod tests;
mod visitor;

use std::collections::HashMap;
use std::sync::Arc;

use swc_ecma_ast::Program;
use swc_ecma_visit::VisitWith;

use self::visitor::ContextVisitor;
use crate::ruleset::Namespaces;

/// How many same-object calls are followed from a lifecycle to a use.
const MAX_HOPS: usize = 4;

/// The constructor an object literal is passed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerKind {
    /// `App({...})`.
    App,
    /// `Page({...})`.
    Page,
    /// `Component({...})`, which may also be a page.
    Component,
    /// `Behavior({...})`, mixed into components.
    Behavior,
}

impl OwnerKind {
    /// `App`, `Page`, `Component` or `Behavior`.
    pub fn as_str(self) -> &'static str {
        match self {
            OwnerKind::App => "App",
            OwnerKind::Page => "Page",
            OwnerKind::Component => "Component",
            OwnerKind::Behavior => "Behavior",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "App" => OwnerKind::App,
            "Page" => OwnerKind::Page,
            "Component" => OwnerKind::Component,
            "Behavior" => OwnerKind::Behavior,
            _ => return None,
        })
    }
}

/// The `desc` of a call's options object.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Desc {
    /// Not judged: no call, options not an object literal, a spread, or a
    /// `desc` that is not a string literal.
    #[default]
    Unknown,
    /// The call has no options, or an object literal without `desc`.
    Missing,
    /// A string literal `desc`.
    Literal(String),
}

/// Where a use runs later than the function around it; the checks word it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AsyncCallback {
    /// After an `await`.
    Await,
    /// In the `success`, `fail` or `complete` callback (`name`) of a call
    /// (`call`, e.g. `wx.login`).
    Option {
        /// `success`, `fail` or `complete`.
        name: String,
        /// The call it is passed to, as written.
        call: String,
    },
    /// In a `.then()`, `.catch()` or `.finally()` callback (the method).
    Promise(String),
    /// In a timer or scheduler callback: `setTimeout`, `nextTick`…
    Timer(String),
    /// In the callback of `setData`.
    SetData,
}

/// When a use runs, as far as the file tells.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CallContext {
    /// Whether the use is the callee of a call (`wx.getLocation()`), not a
    /// reference (`if (wx.getUserProfile)`, `promisify(wx.getLocation)`).
    pub called: bool,
    /// For calls: the `desc` of the first argument.
    pub desc: Desc,
    /// The object literal the use is in, when it is passed to `App`/`Page`/`Component`/`Behavior`.
    pub owner: Option<OwnerKind>,
    /// The enclosing method of that object: `onLoad`, `getProfile`;
    /// `lifetimes.attached`, `pageLifetimes.show`, `observers.x` for the
    /// nested groups of a component. Methods in `methods` keep their name.
    pub method: Option<String>,
    /// Whether the use runs whenever `method` runs: nothing between them
    /// registers a listener or stores a function for later.
    pub runs_with_method: bool,
    /// Whether the use runs synchronously within `method` (no callback
    /// that may run later, no `await` before it).
    pub sync_in_method: bool,
    /// Where the use runs asynchronously (in the `success` callback of
    /// `wx.login`, in a `.then()` callback, after an `await`), when it is
    /// certain the use does not run synchronously in whatever function
    /// encloses it.
    pub async_callback: Option<AsyncCallback>,
    /// A path from a launch lifecycle to the use's method (see
    /// [`is_launch_lifecycle`]): `["onLoad"]`, or `["onLoad", "init",
    /// "locate"]` through `this.init()` and `this.locate()`.
    pub launch_path: Option<Vec<String>>,
    /// A path from any lifecycle (see [`is_lifecycle`]) that reaches the use's
    /// method synchronously.
    pub lifecycle_path: Option<Vec<String>>,
    /// The method and every method of the same object that reaches it
    /// synchronously through `this.m()` calls: the handlers that may be the
    /// tap handler a template binds.
    pub sync_callers: Vec<String>,
    /// The nearest enclosing named function: the owner method (as
    /// `method`), a function declaration or named function expression, a
    /// function bound to a name (`const f = () => …`, `exports.f =
    /// function () {…}`), or an object or class method (`Class.method`).
    /// Anonymous callbacks are skipped. `None` at the top level.
    pub function: Option<String>,
}

/// Whether `method` of an `owner` runs when the mini program or a page
/// opens, before any user action: App `onLaunch`/`onShow`, a page's
/// `onLoad`/`onShow` (also in a component's `methods`, for components used
/// as pages, and `pageLifetimes.show`), and a component's
/// `created`/`attached`/`ready`.
pub fn is_launch_lifecycle(owner: OwnerKind, method: &str) -> bool {
    match owner {
        OwnerKind::App => matches!(method, "onLaunch" | "onShow"),
        OwnerKind::Page => matches!(method, "onLoad" | "onShow"),
        OwnerKind::Component | OwnerKind::Behavior => matches!(
            method,
            "onLoad"
                | "onShow"
                | "pageLifetimes.show"
                | "created"
                | "attached"
                | "ready"
                | "lifetimes.created"
                | "lifetimes.attached"
                | "lifetimes.ready"
        ),
    }
}

/// Whether `method` of an `owner` is run by the framework, not by a tap:
/// lifecycles, page events (pull-down refresh, reach bottom, share…),
/// component lifetimes and observers.
pub fn is_lifecycle(owner: OwnerKind, method: &str) -> bool {
    const APP: &[&str] = &[
        "onLaunch",
        "onShow",
        "onHide",
        "onError",
        "onPageNotFound",
        "onUnhandledRejection",
        "onThemeChange",
    ];
    const PAGE: &[&str] = &[
        "onLoad",
        "onShow",
        "onReady",
        "onHide",
        "onUnload",
        "onRouteDone",
        "onPullDownRefresh",
        "onReachBottom",
        "onPageScroll",
        "onShareAppMessage",
        "onShareTimeline",
        "onAddToFavorites",
        "onResize",
        "onSaveExitState",
    ];
    const COMPONENT: &[&str] = &["created", "attached", "ready", "moved", "detached", "error"];
    match owner {
        OwnerKind::App => APP.contains(&method),
        OwnerKind::Page => PAGE.contains(&method),
        OwnerKind::Component | OwnerKind::Behavior => {
            PAGE.contains(&method)
                || COMPONENT.contains(&method)
                || ["lifetimes.", "pageLifetimes.", "observers."]
                    .iter()
                    .any(|p| method.starts_with(p))
        }
    }
}

/// The contexts of the uses at `offsets` (byte offsets of the API names in
/// the script text, as the inventory visitor reports them). `base` is the
/// `SourceMap` position of the text's first byte. Offsets the visitor never
/// meets are left out.
/// `known` names the framework constructors (`createPage`, `wepy.page`)
/// besides `App`/`Page`/`Component`/`Behavior`.
pub fn analyze(
    program: &Program,
    base: u32,
    offsets: &[usize],
    known: &Arc<Namespaces>,
) -> HashMap<usize, CallContext> {
    analyze_skipping(program, base, offsets, true, known)
}

/// [`analyze`]; with `skip`, functions that cannot matter are not visited
/// (see `ContextVisitor::skippable`).
fn analyze_skipping(
    program: &Program,
    base: u32,
    offsets: &[usize],
    skip: bool,
    known: &Arc<Namespaces>,
) -> HashMap<usize, CallContext> {
    if offsets.is_empty() {
        return HashMap::new();
    }
    let mut visitor = ContextVisitor::new(base, offsets, skip, known);
    program.visit_with(&mut visitor);
    visitor.finish()
}
