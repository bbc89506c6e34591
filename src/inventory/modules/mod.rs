//! What a script says about other files: the modules it imports, the names it
//! exports, and the functions that forward a scope to `wx.authorize`.
//!
//! The facts are per file and position-free of other files; the link stage
//! ([`crate::graph`]) resolves them across the project: imports become edges
//! of the page graph, and a call `checkAuth('scope.userLocation')` to a wrapper
//! defined in `utils/auth.js` becomes an authorize use with that scope.

mod facts;
mod names;
#[cfg(test)]
mod tests;

use std::collections::HashSet;

pub(super) use self::facts::FactCollector;
pub(super) use self::names::{names, Names};

/// The function a call goes to, as far as one file can tell.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// A function or method defined in the same file (`f()`, `this.f()`).
    Local(String),
    /// An export of another module: `require(spec).name`, `import { name } from spec`.
    /// `name` is `default` for the module itself (`module.exports = f`).
    Import {
        /// The module specifier as written.
        spec: String,
        /// The exported name.
        name: String,
    },
    /// A method of the `App({...})` object (`getApp().f()`).
    App(String),
    /// `wx.authorize` itself behind a promisify-like helper:
    /// `promisify(wx.authorize)({ scope })`.
    Authorize,
}

/// How a scope reaches a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// The parameter is the scope string: `f('scope.record')`.
    Scope,
    /// The parameter is an options object with `scope`: `f({ scope: 'scope.record' })`.
    Options,
}

/// A function whose parameter reaches the `scope` of `wx.authorize`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WrapperDef {
    /// The function's name (declaration, variable, method or export name).
    pub name: String,
    /// Index of the parameter.
    pub param: usize,
    /// What the parameter holds.
    pub shape: Shape,
    /// `None` when the parameter goes to `wx.authorize` itself; otherwise the
    /// function it is passed on to, and at which argument.
    pub forward: Option<(Target, usize)>,
    /// Byte offset and length of the function's name (or the function).
    pub offset: usize,
    /// Byte length.
    pub len: usize,
}

/// A call that passes a literal scope to a function that may be a wrapper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeCall {
    /// The function called.
    pub callee: Target,
    /// Index of the argument holding the scope.
    pub arg: usize,
    /// What the argument is.
    pub shape: Shape,
    /// The literal scope (`scope.userLocation`).
    pub scope: String,
    /// Byte offset of the callee's name.
    pub offset: usize,
    /// Byte length of the callee's name.
    pub len: usize,
}

/// Everything one script says about other files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModuleFacts {
    /// Module specifiers: `require`, `import`, `export … from`, `import()`.
    pub imports: Vec<String>,
    /// Exported name → local function name.
    pub exports: Vec<(String, String)>,
    /// Functions that forward a scope parameter.
    pub wrappers: Vec<WrapperDef>,
    /// Calls passing a literal scope to another function.
    pub calls: Vec<ScopeCall>,
}

/// The wrappers that can take part in linking ([`crate::graph::wrapper_uses`]):
/// those that call `wx.authorize`, pass a scope to another module or to the
/// app, or to a function of the same file that is itself a wrapper. A
/// parameter passed to any other same-file function (`String(e)`, minified
/// helpers) never reaches `wx.authorize`; minified bundles have thousands.
pub(super) fn linkable(mut wrappers: Vec<WrapperDef>) -> Vec<WrapperDef> {
    let names: HashSet<String> = wrappers.iter().map(|w| w.name.clone()).collect();
    wrappers.retain(|w| match &w.forward {
        Some((Target::Local(name), _)) => names.contains(name),
        _ => true,
    });
    wrappers
}
