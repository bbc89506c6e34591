//! Tests of the module facts.

use super::*;
use crate::parse;
use crate::ruleset::Ruleset;
use crate::source::FileKind;

fn facts(src: &str) -> ModuleFacts {
    let parsed = parse::parse("t.js", src.to_owned(), FileKind::Js);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let ruleset = Ruleset::builtin();
    super::super::js::analyze(parsed.program.as_ref().unwrap(), parsed.base, &ruleset).1
}

fn import(spec: &str, name: &str) -> Target {
    Target::Import {
        spec: spec.to_owned(),
        name: name.to_owned(),
    }
}

#[test]
fn a_named_function_is_seen_from_its_body_only() {
    // The parameters (defaults included) of a function named by what
    // holds it are not where a scope is forwarded; computed keys and
    // functions without such a name are.
    let src = "function outer1(s) { const f = (x = g(s)) => x; }
function outer2(s) { function inner(y = h(s)) {} }
function outer3(s) { return { m(a = k(s)) {}, n: function (b = k(s)) {}, [q(s)]: 1 } }
function outer4(s) { class A { [k(s)]() {} m(a = k2(s)) {} } }
function outer5(s) { exports.x = function (a = k3(s)) {}; module.exports.y = (b = k4(s)) => b; }
function outer6(s) { const v = function named(a = k5(s)) {}; var w = (0, function (c = k6(s)) {}); }
function outer7(s) { return function (d = k7(s)) { k8(s) } }";
    let found: Vec<(String, String)> = facts(src)
        .wrappers
        .into_iter()
        .filter(|w| w.shape == Shape::Scope)
        .map(|w| match w.forward {
            Some((Target::Local(to), _)) => (w.name, to),
            other => panic!("{other:?}"),
        })
        .collect();
    let expected = [
        ("outer3", "q"),
        ("outer4", "k"),
        ("outer6", "k6"),
        ("outer7", "k7"),
        ("outer7", "k8"),
    ];
    assert_eq!(found, expected.map(|(a, b)| (a.to_owned(), b.to_owned())));
}

#[test]
fn only_wrappers_that_can_link_are_kept() {
    let src = "function ask(s) { wx.authorize({ scope: s }) }
function viaAsk(s) { ask(s) }
function viaImport(s) { auth.check(s) }
function minified(e) { return String(e) + isNaN(e) }
const auth = require('./auth');";
    let mut kept: Vec<String> = linkable(facts(src).wrappers)
        .into_iter()
        .map(|w| w.name)
        .collect();
    kept.dedup();
    assert_eq!(kept, ["ask", "viaAsk", "viaImport"]);
}

#[test]
fn imports_of_every_kind() {
    let f = facts(
        "import a from './a'; import * as b from '../b'; export { c } from '/c'; export * from 'd';\nconst e = require('./e.js'); import('./f'); require(name);",
    );
    assert_eq!(f.imports, ["../b", "./a", "./e.js", "./f", "/c", "d"]);
}

#[test]
fn exports_of_every_kind() {
    let f = facts(
        "function a(s) {} const b = () => {};\nmodule.exports = { a, renamed: b, c(s) {}, d: function (s) {} };\nmodule.exports.e = function (s) {}; exports.f = a;\nexport function g() {} export const h = 1; export { a as i };",
    );
    let pairs: Vec<(&str, &str)> = f
        .exports
        .iter()
        .map(|(e, l)| (e.as_str(), l.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("a", "a"),
            ("c", "c"),
            ("d", "d"),
            ("e", "e"),
            ("f", "a"),
            ("g", "g"),
            ("h", "h"),
            ("i", "a"),
            ("renamed", "b"),
        ]
    );
    assert_eq!(
        facts("module.exports = function auth(s) {}").exports,
        [("default".to_owned(), "auth".to_owned())]
    );
    assert_eq!(
        facts("export default function (s) { wx.authorize({ scope: s }) }").wrappers[0].name,
        "default"
    );
}

#[test]
fn wrappers_direct_forwarding_and_options() {
    let f = facts(
        "function direct(scope) { wx.authorize({ scope }) }\nconst keyed = (x, s) => new Promise(r => wx.authorize({ scope: s, success: r }));\nconst opts = function (o) { wx.authorize({ ...o, fail() {} }) };\nfunction forward(n) { return direct(n) }\nfunction nothing(s) { console.log(s) }\nfunction shadowed(s) { [1].forEach(s => wx.authorize({ scope: s })) }",
    );
    let defs: Vec<(&str, usize, Shape, bool)> = f
        .wrappers
        .iter()
        .map(|d| (d.name.as_str(), d.param, d.shape, d.forward.is_some()))
        .collect();
    assert_eq!(
        defs,
        [
            ("direct", 0, Shape::Scope, false),
            ("keyed", 1, Shape::Scope, false),
            ("opts", 0, Shape::Options, false),
            ("forward", 0, Shape::Scope, true),
            ("forward", 0, Shape::Options, true),
        ],
        "console.log is no wrapper target, and the arrow's own `s` in `shadowed` is not shadowed's parameter"
    );
}

#[test]
fn scope_calls_name_their_target() {
    let f = facts(
        "const { check } = require('./auth'); const auth = require('./auth');\nimport perm, { ask } from '@/perm'; const app = getApp();\ncheck('scope.record'); auth.check('scope.camera'); ask({ scope: 'scope.werun' });\nperm.ask('scope.address'); app.authorize('scope.userInfo'); getApp().a('scope.bluetooth');\nthis.ensure('scope.invoice'); local(1, 'scope.userLocation');\nthis.setData({ scope: 'x' }); check('not a scope'); promisify(wx.authorize)({ scope: 'scope.record' });",
    );
    let calls: Vec<(Target, usize, Shape, &str)> = f
        .calls
        .iter()
        .map(|c| (c.callee.clone(), c.arg, c.shape, c.scope.as_str()))
        .collect();
    assert_eq!(
        calls,
        [
            (import("./auth", "check"), 0, Shape::Scope, "scope.record"),
            (import("./auth", "check"), 0, Shape::Scope, "scope.camera"),
            (import("@/perm", "ask"), 0, Shape::Options, "scope.werun"),
            (import("@/perm", "ask"), 0, Shape::Scope, "scope.address"),
            (
                Target::App("authorize".into()),
                0,
                Shape::Scope,
                "scope.userInfo"
            ),
            (Target::App("a".into()), 0, Shape::Scope, "scope.bluetooth"),
            (
                Target::Local("ensure".into()),
                0,
                Shape::Scope,
                "scope.invoice"
            ),
            (
                Target::Local("local".into()),
                1,
                Shape::Scope,
                "scope.userLocation"
            ),
            (Target::Authorize, 0, Shape::Options, "scope.record"),
        ]
    );
}
