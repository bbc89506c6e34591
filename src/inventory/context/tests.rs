//! Tests of the call contexts.

use super::*;
use crate::parse;
use crate::source::FileKind;

#[test]
fn skipping_functions_changes_no_context() {
    let ruleset = crate::ruleset::Ruleset::builtin();
    let mut sources = vec![
        "function a() { this.b() } Page({ onLoad() { const that = this; helper(); that.locate() }, locate() { wx.getLocation() } }); function helper() { wx.chooseImage() }".to_owned(),
        "!function(){ function x(){ return 1 } var y = function(){ wx.getLocation({ success() {} }) }; async function z(){ await q(); wx.chooseImage() } }();".to_owned(),
    ];
    for entry in walkdir::WalkDir::new("fixtures")
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry
            .path()
            .extension()
            .is_some_and(|e| e == "js" || e == "ts")
        {
            // Non-UTF-8 fixtures (bad input) are not sources here.
            sources.extend(std::fs::read_to_string(entry.path()).ok());
        }
    }
    for src in &sources {
        let parsed = parse::parse("t.ts", src.clone(), FileKind::Ts);
        let Some(program) = parsed.program.as_ref() else {
            continue;
        };
        let (uses, facts) = crate::inventory::js::analyze(program, parsed.base, &ruleset);
        let offsets: Vec<usize> = uses
            .iter()
            .map(|u| u.offset)
            .chain(facts.calls.iter().map(|c| c.offset))
            .collect();
        for wanted in [&offsets[..], &offsets[..offsets.len() / 2]] {
            let skipping =
                analyze_skipping(program, parsed.base, wanted, true, &ruleset.namespaces);
            let visiting =
                analyze_skipping(program, parsed.base, wanted, false, &ruleset.namespaces);
            assert_eq!(skipping, visiting, "{src}");
        }
    }
}

/// The context of the use at the `n`th occurrence (0-based) of `needle`.
fn ctx(src: &str, needle: &str, n: usize) -> CallContext {
    let offset = src
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle} #{n} not in source"))
        .0;
    let parsed = parse::parse("t.js", src.to_owned(), FileKind::Js);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    analyze(
        parsed.program.as_ref().unwrap(),
        parsed.base,
        &[offset],
        &crate::ruleset::Ruleset::builtin().namespaces,
    )
    .remove(&offset)
    .unwrap_or_else(|| panic!("{needle} #{n} not met"))
}

fn path(p: &[&str]) -> Option<Vec<String>> {
    Some(p.iter().map(|s| (*s).to_owned()).collect())
}

#[test]
fn methods_of_app_and_page() {
    let src = "App({ onLaunch() { wx.getLocation({}) } });\nPage({ onLoad: function () { wx.chooseImage() }, onShow: () => { wx.getClipboardData() }, tap() { wx.chooseAddress() } });";
    let c = ctx(src, "getLocation", 0);
    assert_eq!(
        (c.owner, c.method.as_deref(), c.called),
        (Some(OwnerKind::App), Some("onLaunch"), true)
    );
    assert_eq!(c.launch_path, path(&["onLaunch"]));
    assert_eq!(ctx(src, "chooseImage", 0).launch_path, path(&["onLoad"]));
    assert_eq!(
        ctx(src, "getClipboardData", 0).launch_path,
        path(&["onShow"])
    );
    let tap = ctx(src, "chooseAddress", 0);
    assert_eq!(tap.method.as_deref(), Some("tap"));
    assert_eq!(tap.launch_path, None);
    assert!(tap.sync_in_method);
    assert_eq!(tap.sync_callers, ["tap"]);
}

#[test]
fn callbacks_inside_a_lifecycle_still_run_on_launch() {
    let src = "Page({ onLoad() { wx.getSetting({ success: (r) => { wx.getLocation() } }); fetch().then(function () { wx.chooseImage() }); setTimeout(() => wx.chooseAddress(), 10) } });";
    let c = ctx(src, "getLocation", 0);
    assert_eq!(c.launch_path, path(&["onLoad"]));
    assert_eq!(
        c.async_callback,
        Some(AsyncCallback::Option {
            name: "success".into(),
            call: "wx.getSetting".into()
        })
    );
    assert!(!c.sync_in_method);
    let c = ctx(src, "chooseImage", 0);
    assert_eq!(c.launch_path, path(&["onLoad"]));
    assert_eq!(
        c.async_callback,
        Some(AsyncCallback::Promise("then".into()))
    );
    assert_eq!(ctx(src, "chooseAddress", 0).launch_path, path(&["onLoad"]));
}

#[test]
fn listeners_and_stored_functions_do_not_run_on_launch() {
    let src = "Page({ onLoad() { wx.onAccelerometerChange(() => wx.getLocation()); this.handler = () => wx.chooseImage(); bus.on('x', function () { wx.chooseAddress() }) } });";
    for api in ["getLocation", "chooseImage", "chooseAddress"] {
        let c = ctx(src, api, 0);
        assert_eq!(c.method.as_deref(), Some("onLoad"), "{api}");
        assert!(!c.runs_with_method, "{api}");
        assert_eq!(c.launch_path, None, "{api}");
    }
}

#[test]
fn same_object_calls_are_followed() {
    let src = "Page({ onLoad() { const that = this; wx.getSetting({ success() { that.init() } }) }, init() { this.locate() }, locate() { wx.getLocation() }, tap() { this.profile() }, profile() { wx.getUserProfile({ desc: 'x' }) } });";
    let c = ctx(src, "getLocation", 0);
    assert_eq!(c.method.as_deref(), Some("locate"));
    assert_eq!(c.launch_path, path(&["onLoad", "init", "locate"]));
    // Through the async `success`, onLoad does not reach it synchronously.
    assert_eq!(c.lifecycle_path, None);
    let p = ctx(src, "getUserProfile", 0);
    assert_eq!(p.launch_path, None);
    assert_eq!(p.sync_callers, ["profile", "tap"]);
    assert_eq!(p.desc, Desc::Literal("x".to_owned()));
}

#[test]
fn component_groups() {
    let src = "Component({ lifetimes: { attached() { wx.getLocation() } }, pageLifetimes: { show() { wx.chooseImage() } }, methods: { onLoad() { this.pick() }, pick() { wx.chooseAddress() }, tap() { wx.chooseMedia() } } });";
    let c = ctx(src, "getLocation", 0);
    assert_eq!(c.owner, Some(OwnerKind::Component));
    assert_eq!(c.launch_path, path(&["lifetimes.attached"]));
    assert_eq!(
        ctx(src, "chooseImage", 0).launch_path,
        path(&["pageLifetimes.show"])
    );
    assert_eq!(
        ctx(src, "chooseAddress", 0).launch_path,
        path(&["onLoad", "pick"])
    );
    assert_eq!(ctx(src, "chooseMedia", 0).launch_path, None);
}

#[test]
fn desc_forms() {
    let d = |src: &str| ctx(src, "getUserProfile", 0).desc;
    assert_eq!(d("wx.getUserProfile()"), Desc::Missing);
    assert_eq!(d("wx.getUserProfile({ success() {} })"), Desc::Missing);
    assert_eq!(
        d("wx.getUserProfile({ desc: '完善资料' })"),
        Desc::Literal("完善资料".to_owned())
    );
    assert_eq!(d("wx.getUserProfile({ desc: text })"), Desc::Unknown);
    assert_eq!(d("wx.getUserProfile({ ...opts })"), Desc::Unknown);
    assert_eq!(d("wx.getUserProfile(opts)"), Desc::Unknown);
    let reference = ctx("if (wx.getUserProfile) {}", "getUserProfile", 0);
    assert!(!reference.called);
}

#[test]
fn async_callbacks_and_await() {
    let src = "function login() { wx.login({ success() { wx.getUserProfile({ desc: 'a' }) } }) }\nasync function later() { await x; wx.getUserProfile({ desc: 'b' }) }\nfunction wrap() { return new Promise((resolve) => { wx.getUserProfile({ desc: 'c', success: resolve }) }) }\nfoo(() => { wx.getUserProfile({ desc: 'd' }) })";
    let label = |n| ctx(src, "getUserProfile", n).async_callback;
    assert_eq!(
        label(0),
        Some(AsyncCallback::Option {
            name: "success".into(),
            call: "wx.login".into()
        })
    );
    assert_eq!(label(1), Some(AsyncCallback::Await));
    assert_eq!(label(2), None);
    assert_eq!(label(3), None);
    assert_eq!(ctx(src, "getUserProfile", 2).owner, None);
}

#[test]
fn nearest_enclosing_function_names() {
    let src = "Page({ onLoad() { wx.getSetting({ success() { wx.getLocation() } }) }, lifetimes: {}, tap: function named() { wx.chooseImage() } });\n\
        Component({ lifetimes: { attached() { wx.chooseAddress() } } });\n\
        function locate() { [1].forEach(() => wx.getFuzzyLocation()) }\n\
        const pick = () => { wx.chooseMedia() };\n\
        const api = { scan() { wx.scanCode() }, record: function () { wx.startRecord() } };\n\
        class Svc { run() { wx.getClipboardData() } field = () => wx.chooseContact(); #hidden() { wx.chooseVideo() } }\n\
        exports.save = function () { wx.saveImageToPhotosAlbum() };\n\
        const outer = function () { const inner = function named2() { wx.makePhoneCall() } };\n\
        wx.getWeRunData();\n\
        setTimeout(function () { wx.chooseLocation() });";
    let f = |api: &str| ctx(src, api, 0).function;
    assert_eq!(f("getLocation").as_deref(), Some("onLoad"));
    // An owner method keeps its method name even when the function is named.
    assert_eq!(f("chooseImage").as_deref(), Some("tap"));
    assert_eq!(f("chooseAddress").as_deref(), Some("lifetimes.attached"));
    assert_eq!(f("getFuzzyLocation").as_deref(), Some("locate"));
    assert_eq!(f("chooseMedia").as_deref(), Some("pick"));
    assert_eq!(f("scanCode").as_deref(), Some("scan"));
    assert_eq!(f("startRecord").as_deref(), Some("record"));
    assert_eq!(f("getClipboardData").as_deref(), Some("Svc.run"));
    assert_eq!(f("chooseContact").as_deref(), Some("Svc.field"));
    assert_eq!(f("chooseVideo").as_deref(), Some("Svc.#hidden"));
    assert_eq!(f("saveImageToPhotosAlbum").as_deref(), Some("save"));
    // A binding name wins over the function expression's own name.
    assert_eq!(f("makePhoneCall").as_deref(), Some("inner"));
    assert_eq!(f("getWeRunData"), None);
    assert_eq!(f("chooseLocation"), None);
    // Naming does not change when the use runs.
    assert!(!ctx(src, "getClipboardData", 0).runs_with_method);
}

#[test]
fn lifecycle_reaching_synchronously() {
    let src = "Page({ onLoad() { this.getProfile() }, getProfile() { wx.getUserProfile({ desc: 'x' }) } });";
    let c = ctx(src, "getUserProfile", 0);
    assert_eq!(c.lifecycle_path, path(&["onLoad", "getProfile"]));
}
