//! Identity and secrets in client code, found by the inventory's reference
//! walk ([`super::js`]; no second parse or walk).
//!
//! It records how the program logs in (`wx.login`, `wx.checkSession`), and
//! what belongs on the team's backend but sits in the package: calls to
//! WeChat's server APIs (`api.weixin.qq.com/sns/jscode2session`,
//! `/cgi-bin/…`), an AppSecret, `session_key` kept or sent, decryption of
//! `encryptedData`. It also records the URLs of requests: plain `http://` /
//! `ws://` ones, their hosts, and identities put into their query.
//!
//! Strings are read from the AST only (comments never count). A string built
//! by `+` or a template literal is read as far as the file tells: literal
//! parts, and names bound once in the file to such a string (`const BASE =
//! 'http://…'`, declared before the use); anything else is a hole.
//!
//! The collector (`collector`) reads the AST; this module holds what it
//! finds and the word lists and predicates it reads names with.

mod collector;
#[cfg(test)]
mod tests;

pub(super) use self::collector::IdentityCollector;

/// What one identity fact is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IdentityKind {
    /// `wx.login`: the program logs in with a code for its backend.
    Login,
    /// `wx.checkSession`.
    CheckSession,
    /// A URL of WeChat's server API (`path` after `api.weixin.qq.com/`, empty
    /// when not literal): `sns/jscode2session`, `cgi-bin/token`, …
    ServerApi { path: String },
    /// A 32-hex AppSecret; `name` is what holds it, `prefix` its first
    /// characters (the rest is never reported).
    AppSecret { name: String, prefix: String },
    /// `session_key` written to storage by `api`.
    SessionKeyStored { api: String },
    /// `session_key` sent in the data, form data or header of `api`.
    SessionKeySent { api: String },
    /// `encryptedData` decrypted in the package: `how` is the class or call.
    Decrypt { how: String },
    /// A request by `api` to a plain `http://`/`ws://` URL (`url` as far as
    /// literal, holes as `…`).
    InsecureUrl { api: String, url: String },
    /// `param` (openid, unionid, session_key as written) in the URL query of a
    /// request by `api` to the literal `host`.
    IdentityInUrl {
        api: String,
        param: String,
        host: String,
    },
    /// `count` requests of the script to the literal `host` (to tell the
    /// team's backend from third parties); at the first one.
    RequestHost { host: String, count: usize },
}

impl IdentityKind {
    /// The kind's name in the JSON report's `identity` list; `None` for the
    /// kinds only checks use.
    pub fn name(&self) -> Option<&'static str> {
        Some(match self {
            IdentityKind::Login => "login",
            IdentityKind::CheckSession => "check-session",
            IdentityKind::ServerApi { path } if is_code2session(path) => "code2session",
            IdentityKind::ServerApi { .. } => "server-api",
            IdentityKind::AppSecret { .. } => "app-secret",
            IdentityKind::SessionKeyStored { .. } => "session-key-stored",
            IdentityKind::SessionKeySent { .. } => "session-key-sent",
            IdentityKind::Decrypt { .. } => "decrypt",
            IdentityKind::IdentityInUrl { param, .. } if is_session_key(param) => {
                "session-key-sent"
            }
            IdentityKind::InsecureUrl { .. }
            | IdentityKind::IdentityInUrl { .. }
            | IdentityKind::RequestHost { .. } => return None,
        })
    }
}

/// Whether a server API path is the login code exchange.
pub fn is_code2session(path: &str) -> bool {
    path.starts_with("sns/jscode2session") || path.starts_with("sns/component/jscode2session")
}

/// Which identity checks a script's text can give anything to: a check is
/// skipped when the words it looks for are nowhere in the text (they would
/// be in any name, key or string it reads). Most scripts need few.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Needs {
    /// `api.weixin.qq.com` or `secret=` in strings.
    urls: bool,
    /// Names like `secret` holding an AppSecret.
    secrets: bool,
    /// `session_key` in any spelling.
    session: bool,
    /// `WXBizDataCrypt`, decrypt calls.
    crypt: bool,
    /// Request APIs (their URLs), and so the strings names are bound to.
    requests: bool,
}

impl Needs {
    /// Every check.
    pub const ALL: Needs = Needs {
        urls: true,
        secrets: true,
        session: true,
        crypt: true,
        requests: true,
    };

    /// The checks `text` may give something to.
    pub fn of(text: &str) -> Needs {
        // Each needle is a scan of the whole text when it is not there (most
        // are not): as few as cover the words, rarer ones only when needed.
        let finders = &*NEEDLES;
        let has = |i: usize| finders[i].find(text.as_bytes()).is_some();
        let secrets = has(0) || has(1);
        let session = has(2) || has(3);
        Needs {
            urls: has(4) || secrets && has(5),
            secrets,
            session,
            // Decrypt calls count only with session_key in the text.
            crypt: has(6) || session && (has(7) || has(8)),
            // request, uploadFile, downloadFile, connectSocket.
            requests: has(9) || has(10) || has(11),
        }
    }

    fn any_expr(self) -> bool {
        self.urls || self.secrets || self.crypt
    }
}

/// The words [`Needs::of`] looks for, with their searchers built once.
static NEEDLES: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 12]> =
    std::sync::LazyLock::new(|| {
        [
            "ecret",
            "ECRET",
            "ession",
            "ESSION",
            SERVER_API_HOST,
            "secret=",
            BIZ_DATA_CRYPT,
            "ecrypt",
            "ecipher",
            "request",
            "oadFile",
            "ectSocket",
        ]
        .map(memchr::memmem::Finder::new)
    });

/// An identity fact at a byte range of the script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawIdentity {
    /// What it is.
    pub kind: IdentityKind,
    /// Byte offset in the script.
    pub offset: usize,
    /// Byte length.
    pub len: usize,
}

/// APIs that send a request to a URL option.
const REQUEST_APIS: [&str; 4] = ["request", "uploadFile", "downloadFile", "connectSocket"];

/// Hosts of the developer's own machine, allowed over plain HTTP.
const LOCAL_HOSTS: [&str; 2] = ["localhost", "127.0.0.1"];

/// The name of WeChat's sample decryption class.
const BIZ_DATA_CRYPT: &str = "WXBizDataCrypt";

/// Where WeChat's server API lives.
const SERVER_API_HOST: &str = "api.weixin.qq.com";

/// What stands for a hole (a part not known from the file) in an evaluated
/// string.
const HOLE: char = '\u{0}';

/// Whether `name` is what an AppSecret is called: `secret`, `appSecret`,
/// `APP_SECRET`, `wxSecret`, `miniAppSecret`, …
fn is_secret_name(name: &str) -> bool {
    // Most names are not: tell without allocating.
    let tail = name.len().checked_sub(6).and_then(|at| name.get(at..));
    if !tail.is_some_and(|t| t.eq_ignore_ascii_case("secret")) {
        return false;
    }
    let n = normalize(name);
    n == "secret"
        || n.ends_with("appsecret")
        || n.ends_with("secret")
            && ["wx", "mp", "wechat", "weixin", "mini", "applet"]
                .iter()
                .any(|p| n.starts_with(p))
}

/// Lowercase, without `_`, `-` and `$`.
fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-' | '$'))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether `name` is `session_key` in any spelling.
pub fn is_session_key(name: &str) -> bool {
    normalized_eq(name, "sessionkey")
}

/// Whether `name`, [normalized](normalize), is `word` (lowercase ASCII),
/// without allocating.
fn normalized_eq(name: &str, word: &str) -> bool {
    if name.len() < word.len() || name.len() > word.len() + 4 {
        return false;
    }
    let mut letters = name
        .bytes()
        .filter(|b| !matches!(b, b'_' | b'-' | b'$'))
        .map(|b| b.to_ascii_lowercase());
    word.bytes().all(|w| letters.next() == Some(w)) && letters.next().is_none()
}

/// Whether `text` is an AppSecret: 32 lowercase hex digits, not a placeholder
/// of one repeated digit.
pub fn is_app_secret(text: &str) -> bool {
    text.len() == 32
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && text.bytes().any(|b| b != text.as_bytes()[0])
}

/// The identity parameter a URL query key names: `openid`, `unionid` or
/// `session_key` in any spelling.
fn identity_param(key: &str) -> bool {
    ["openid", "unionid", "sessionkey"]
        .iter()
        .any(|word| normalized_eq(key, word))
}

impl Default for Needs {
    fn default() -> Self {
        Needs::ALL
    }
}
