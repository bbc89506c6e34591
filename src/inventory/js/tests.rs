//! Tests of the JS inventory: the shared walk against separate walks, and
//! the references found in snippets.

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
