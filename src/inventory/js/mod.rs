//! The JS/TS/WXS inventory visitor: every place a file references a WeChat API
//! that the rule data knows, whether called or not.
//!
//! Two passes over the same AST: the first collects same-file bindings (aliases
//! of `wx`, destructured APIs, Taro imports), the second records references, so
//! an alias used above its declaration (hoisting) is still found. Only AST nodes
//! are looked at: text in comments, strings and templates never counts.
//!
//! The passes are collectors (`inventory::walk::Collector`) that share
//! walks as `walks` arranges: the bindings (`js::bindings`, collected by
//! `js::binder`), the references (`js::recorder`), the identity facts
//! ([`super::identity`]), the JSX elements ([`super::jsx`]) and the module
//! facts ([`super::modules`]).

mod binder;
mod bindings;
mod recorder;
#[cfg(test)]
mod tests;

use swc_atoms::Atom;
use swc_ecma_ast::*;

use self::binder::BindingCollector;
pub(super) use self::bindings::Bindings;
use self::recorder::Recorder;
use super::identity::{IdentityCollector, Needs, RawIdentity};
use super::jsx::ElementCollector;
use super::modules::{FactCollector, ModuleFacts, Names};
use super::walk::Walk;
use crate::ruleset::Ruleset;

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
        let binder = BindingCollector::new(&mut bindings, ruleset);
        let (round_references, round_facts) = if share {
            let collectors = (
                binder,
                references(&seen, ruleset, base, jsx, needs),
                FactCollector::new(&seen, base),
            );
            let (_, references, facts) = Walk::run(program, collectors, &mut round_names);
            (Some(references), Some(facts))
        } else {
            Walk::run(program, binder, &mut round_names);
            (None, None)
        };
        let still = share && bindings.changes == changes;
        recorded = round_references.filter(|_| still).map(finish_references);
        facts = round_facts
            .filter(|facts| still && facts.looked_up_complete(&round_names))
            .map(FactCollector::finish);
        names = still.then_some(round_names);
        if bindings.len() == before {
            break;
        }
    }
    let mut names = names.unwrap_or_else(|| super::modules::names(program, &bindings));
    let (out, elements, identity) = recorded.unwrap_or_else(|| {
        let collectors = references(&bindings, ruleset, base, jsx, needs);
        finish_references(Walk::run(program, collectors, &mut Names::default()))
    });
    let facts = facts.unwrap_or_else(|| {
        Walk::run(program, FactCollector::new(&bindings, base), &mut names).finish()
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

/// The collectors of the reference pass: the references, the identity
/// facts, and the JSX elements when `jsx`, seeing `bindings`.
type References<'a> = (
    Recorder<'a>,
    IdentityCollector<'a>,
    Option<ElementCollector>,
);

/// [`References`] for a program whose text starts at `base`.
fn references<'a>(
    bindings: &'a Bindings,
    ruleset: &'a Ruleset,
    base: u32,
    jsx: bool,
    needs: Needs,
) -> References<'a> {
    (
        Recorder::new(bindings, ruleset, base),
        IdentityCollector::new(bindings, base, needs),
        jsx.then(|| ElementCollector::new(base)),
    )
}

/// What the reference pass found.
fn finish_references(
    (recorder, identity, jsx): References,
) -> (Vec<RawUse>, Option<ElementCollector>, Vec<RawIdentity>) {
    (recorder.finish(), jsx, identity.finish())
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
