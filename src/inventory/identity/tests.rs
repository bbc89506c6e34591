//! Tests of the identity facts, through the inventory's walk.

use super::*;
use crate::parse;
use crate::ruleset::Ruleset;
use crate::source::FileKind;

/// `(kind, text at the span)` of every fact in a JS `src`.
fn facts(src: &str) -> Vec<(IdentityKind, String)> {
    let parsed = parse::parse("t.js", src.to_owned(), FileKind::Js);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let program = parsed.program.as_ref().unwrap();
    super::super::js::analyze_with_jsx(
        program,
        parsed.base,
        &Ruleset::builtin(),
        false,
        Needs::of(src),
    )
    .identity
    .into_iter()
    .map(|f| (f.kind, src[f.offset..f.offset + f.len].to_owned()))
    .collect()
}

fn kinds(src: &str) -> Vec<Option<&'static str>> {
    facts(src).iter().map(|(k, _)| k.name()).collect()
}

#[test]
fn app_secrets_by_name_and_in_urls() {
    let hex = "3f2a9c0d4b5e6f708192a3b4c5d6e7f8";
    for src in [
        format!("const appSecret = '{hex}'"),
        format!("var APP_SECRET = \"{hex}\""),
        format!("this.globalData.secret = `{hex}`"),
        format!("module.exports = {{ 'app_secret': '{hex}' }}"),
        format!("const u = 'https://x/y?appid=wx1&secret={hex}&js_code=' + code"),
        format!("const S = '{hex}'; const u = '?secret=' + S"),
    ] {
        let found = facts(&src);
        assert_eq!(found.len(), 1, "{src}: {found:?}");
        let (kind, text) = &found[0];
        assert!(matches!(kind, IdentityKind::AppSecret { prefix, .. } if prefix == "3f2a"));
        assert!(
            text.contains(hex),
            "{src}: the span covers the digits, got {text}"
        );
    }
    for src in [
        format!("// const secret = '{hex}'"),
        format!("const md5 = '{hex}'"),
        "const secret = '00000000000000000000000000000000'".to_owned(),
        format!("const secret = '{}'", hex.to_uppercase()),
        format!("const secret = '{hex}0'"),
        format!("const secretary = '{hex}'"),
    ] {
        assert!(facts(&src).is_empty(), "{src}");
    }
}

#[test]
fn server_api_urls_in_literals_templates_and_concatenations() {
    let mut found =
        facts("wx.request({ url: `https://api.weixin.qq.com/sns/jscode2session?js_code=${c}` })");
    found.retain(|(k, _)| !matches!(k, IdentityKind::RequestHost { .. }));
    assert_eq!(
        found,
        [(
            IdentityKind::ServerApi {
                path: "sns/jscode2session".into()
            },
            "sns/jscode2session".into()
        )]
    );
    let found = facts("const H = 'https://api.weixin.qq.com'; get(H + '/cgi-bin/token?x=1')");
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[1].1, "cgi-bin/token");
    // One fact per string, however it is built.
    assert_eq!(
        facts("f('https://api.weixin.qq.com/' + 'sns/jscode2session' + '?a=' + b + '&c')").len(),
        1
    );
    // A call inside a concatenation is a string of its own.
    assert_eq!(
        kinds("x + f('https://api.weixin.qq.com/cgi-bin/token')"),
        [Some("server-api")]
    );
    assert!(facts("wx.showToast({ title: 'jscode2session failed' })").is_empty());
}

#[test]
fn requests_insecure_urls_hosts_and_identities() {
    let found = facts(
        "const B = 'http://api.x.com'; wx.request({ url: B + '/u?openid=' + o + '&unionId=' + u })",
    );
    let kinds: Vec<_> = found.iter().map(|(k, t)| (k.clone(), t.as_str())).collect();
    assert_eq!(
        kinds,
        [
            (
                IdentityKind::InsecureUrl {
                    api: "wx.request".into(),
                    url: "http://api.x.com/u?openid=…&unionId=…".into()
                },
                "B + '/u?openid=' + o + '&unionId=' + u"
            ),
            (
                IdentityKind::RequestHost {
                    host: "api.x.com".into(),
                    count: 1
                },
                "B + '/u?openid=' + o + '&unionId=' + u"
            ),
            (
                IdentityKind::IdentityInUrl {
                    api: "wx.request".into(),
                    param: "openid".into(),
                    host: "api.x.com".into()
                },
                "openid"
            ),
            (
                IdentityKind::IdentityInUrl {
                    api: "wx.request".into(),
                    param: "unionId".into(),
                    host: "api.x.com".into()
                },
                "unionId"
            ),
        ]
    );
    // Shorthand `{ url }`, other namespaces, sockets; local hosts and TLS are fine.
    let insecure = |src: &str| {
        facts(src)
            .iter()
            .filter(|(k, _)| matches!(k, IdentityKind::InsecureUrl { .. }))
            .count()
    };
    assert_eq!(
        insecure("const B = 'http://a.com'; wx.request({ url: `${B}/x` })"),
        1
    );
    assert_eq!(
        insecure("const url = 'http://a.com/x'; wx.request({ url })"),
        1
    );
    assert_eq!(
        insecure("Taro.downloadFile({ url: 'HTTP://a.com/x.png' })"),
        1
    );
    assert_eq!(insecure("uni.connectSocket({ url: 'ws://a.com/s' })"), 1);
    assert_eq!(
        insecure("wx.request({ url: 'http://localhost:3000/x' })"),
        0
    );
    assert_eq!(insecure("wx.request({ url: 'http://127.0.0.1/x' })"), 0);
    assert_eq!(insecure("wx.request({ url: 'https://a.com/x' })"), 0);
    assert_eq!(insecure("wx.request({ url: base + '/x' })"), 0);
    assert_eq!(insecure("fetch({ url: 'http://a.com/x' })"), 0);
    // A name bound to two values is not known.
    assert_eq!(
        insecure(
            "var u = 'http://a.com'; if (p) { var u = 'https://a.com' } wx.request({ url: u })"
        ),
        0
    );
}

#[test]
fn session_keys_stored_sent_and_decrypted() {
    assert_eq!(
        kinds("wx.setStorageSync('session_key', r.session_key)"),
        [Some("session-key-stored")]
    );
    assert_eq!(
        kinds("wx.setStorageSync('user', { sessionKey: k })"),
        [Some("session-key-stored")]
    );
    assert_eq!(
        kinds("wx.setStorage({ key: 'SESSION_KEY', data: k })"),
        [Some("session-key-stored")]
    );
    assert!(
        kinds("wx.setStorageSync('session', r.session); wx.setStorageSync('token', t)").is_empty()
    );
    assert_eq!(
        kinds("wx.request({ url: u, data: { code, session_key: s } })"),
        [Some("session-key-sent")]
    );
    assert!(kinds("wx.request({ url: u, data: { code } })").is_empty());
    assert_eq!(
        kinds("const p = new WXBizDataCrypt(a, k); p.decryptData(d, iv); new WXBizDataCrypt(a, k)"),
        [Some("decrypt")],
        "once per file"
    );
    assert_eq!(
        kinds("CryptoJS.AES.decrypt(d, CryptoJS.enc.Base64.parse(this.sessionKey), { iv })"),
        [Some("decrypt")]
    );
    assert_eq!(
        kinds("crypto.createDecipheriv('aes-128-cbc', Buffer.from(session_key, 'base64'), iv)"),
        [Some("decrypt")]
    );
    assert!(kinds("CryptoJS.AES.decrypt(d, key, { iv })").is_empty());
    // Real helpers: a renamed copy of the class, and a key derived from
    // session_key in a statement of its own (an unpacked, anonymous helper).
    let found = facts("function RdWXBizDataCrypt(a, k) {} module.exports = RdWXBizDataCrypt");
    assert!(
        matches!(&found[..], [(IdentityKind::Decrypt { how }, text)] if how == "RdWXBizDataCrypt" && text == "RdWXBizDataCrypt"),
        "{found:?}"
    );
    assert_eq!(
        kinds("t.prototype.decryptData = function (t, s) { var p = e.util.base64ToBytes(this.sessionKey); return e.AES.decrypt(t, p, { iv: s }) }"),
        [Some("decrypt")]
    );
    // With the class in the file, its own decrypt call is not one more.
    assert_eq!(
        kinds("function WXBizDataCrypt(a, k) { this.k = k } WXBizDataCrypt.prototype.d = function (x) { var key = b64(this.sessionKey); return AES.decrypt(x, key) }"),
        [Some("decrypt")]
    );
    // What is decrypted with the key is not the key.
    assert!(kinds(
        "const pc = new Helper(appId, res.session_key); const data = pc.decryptData(d, iv); wx.request({ url: u, data: { unionid: data.unionId } })"
    )
    .is_empty());
    assert_eq!(
        kinds("const sk = res.data.session_key; wx.setStorageSync('k', sk)"),
        [Some("session-key-stored")]
    );
}

#[test]
fn skipping_checks_by_the_words_in_the_text_loses_nothing() {
    let ruleset = Ruleset::builtin();
    let mut seen = 0;
    for entry in walkdir::WalkDir::new("fixtures")
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if !path.extension().is_some_and(|e| e == "js" || e == "ts") {
            continue;
        }
        let Ok(src) = std::fs::read_to_string(path) else {
            continue;
        };
        let parsed = parse::parse("t.ts", src.clone(), FileKind::Ts);
        let Some(program) = parsed.program.as_ref() else {
            continue;
        };
        let run = |needs| {
            super::super::js::analyze_with_jsx(program, parsed.base, &ruleset, false, needs)
                .identity
        };
        let all = run(Needs::ALL);
        seen += all.len();
        assert_eq!(run(Needs::of(&src)), all, "{}", path.display());
    }
    assert!(seen > 20, "the identity fixtures are read: {seen}");
}

#[test]
fn login_and_check_session_through_aliases() {
    assert_eq!(
        kinds("const w = wx; w.login({}); wx.checkSession({})"),
        [Some("login"), Some("check-session")]
    );
    assert_eq!(kinds("Taro.login().then(f)"), [Some("login")]);
    assert!(kinds("api.login({})").is_empty());
}
