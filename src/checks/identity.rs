//! Identity and secrets on the client: `client-code2session`,
//! `hardcoded-app-secret`, `session-key-on-client`, `insecure-request`,
//! `identity-in-url`, `client-side-decrypt`, from the identity facts the
//! inventory recorded ([`crate::inventory::identity`]).

use std::collections::BTreeMap;

use super::rules;
use super::Context;
use crate::diagnostic::Finding;
use crate::inventory::identity::{is_code2session, IdentityKind};
use crate::inventory::IdentityFact;

/// Where code2Session is documented.
const CODE2SESSION_URL: &str =
    "https://developers.weixin.qq.com/miniprogram/dev/server/API/user-login/api_code2session";
/// Where request domains and the AppSecret's place are documented.
const NETWORK_URL: &str =
    "https://developers.weixin.qq.com/miniprogram/dev/framework/ability/network.html";
/// Where `session_key` is documented.
const LOGIN_URL: &str =
    "https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/login.html";
/// Where decrypting `encryptedData` is documented.
const SIGNATURE_URL: &str =
    "https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html";

/// Every identity rule.
pub(super) fn identity_rules(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let first_party = FirstParty::of(ctx.identity, ctx.first_party_hosts);
    for fact in ctx.identity {
        if let Some(finding) = finding(fact, &first_party) {
            out.push(finding);
        }
    }
}

/// The finding for one fact, if it is a problem.
fn finding(fact: &IdentityFact, first_party: &FirstParty) -> Option<Finding> {
    let at = fact.location.clone();
    Some(match &fact.kind {
        IdentityKind::ServerApi { path } if is_code2session(path) => Finding::new(
            &rules::CLIENT_CODE2SESSION,
            at,
            "client code calls code2Session (api.weixin.qq.com/sns/jscode2session): the login is done with the AppSecret in the package",
        )
        .label("only your backend may call this")
        .help("send the wx.login code to your backend and call code2Session there; reset the AppSecret in the MP console, the shipped one is public")
        .url(CODE2SESSION_URL),
        IdentityKind::ServerApi { path } => {
            let what = if path.is_empty() {
                "api.weixin.qq.com".to_owned()
            } else {
                format!("api.weixin.qq.com/{path}")
            };
            Finding::new(
                &rules::CLIENT_CODE2SESSION,
                at,
                format!("client code calls WeChat's server API ({what}), which needs the AppSecret or an access_token"),
            )
            .label("only your backend may call this")
            .help("call it from your backend (or a cloud function) and keep the AppSecret and access_token there; api.weixin.qq.com cannot be a request domain of a mini program")
            .url(NETWORK_URL)
        }
        IdentityKind::AppSecret { name, prefix } => Finding::new(
            &rules::HARDCODED_APP_SECRET,
            at,
            format!("`{name}` holds an AppSecret in client code ({prefix}…, 32 hex digits)"),
        )
        .label("AppSecret")
        .help("remove it and reset the AppSecret in the MP console (开发 → 开发管理 → 开发设置); keep the new one on your backend only")
        .url(NETWORK_URL),
        IdentityKind::SessionKeyStored { api } => Finding::new(
            &rules::SESSION_KEY_ON_CLIENT,
            at,
            format!("session_key is written to storage by {api}"),
        )
        .label("session_key stored on the device")
        .help("keep session_key on your backend; give the mini program a session token of your own")
        .api(api.clone())
        .url(LOGIN_URL),
        IdentityKind::SessionKeySent { api } => {
            session_key_sent(at, format!("session_key is sent out by {api}"), api)
        }
        IdentityKind::InsecureUrl { api, url } => Finding::new(
            &rules::INSECURE_REQUEST,
            at,
            format!("{api} uses a plain {} URL: {url}", if url.to_ascii_lowercase().starts_with("ws") { "ws://" } else { "http://" }),
        )
        .label("not HTTPS")
        .help("serve it over HTTPS (wss:// for sockets); a released mini program can only reach https:// and wss:// request domains")
        .api(api.clone())
        .url(NETWORK_URL),
        IdentityKind::IdentityInUrl { api, param, host } => {
            if first_party.covers(host) {
                if !crate::inventory::identity::is_session_key(param) {
                    return None;
                }
                session_key_sent(
                    at,
                    format!("session_key is sent in the URL of {api} to {host}"),
                    api,
                )
            } else {
                Finding::new(
                    &rules::IDENTITY_IN_URL,
                    at,
                    format!("`{param}` is put into the URL of {api} to the third-party host {host}"),
                )
                .label("user identity in a third-party URL")
                .help(format!(
                    "send the third party an id of your own, or none; {}",
                    first_party.explain()
                ))
                .api(api.clone())
                .url(LOGIN_URL)
            }
        }
        IdentityKind::Decrypt { how } => Finding::new(
            &rules::CLIENT_SIDE_DECRYPT,
            at,
            if how.contains("WXBizDataCrypt") {
                format!("encryptedData is decrypted in client code ({how}), which needs session_key on the device")
            } else {
                format!("encryptedData is decrypted in client code ({how} with session_key)")
            },
        )
        .label("decrypt on your backend")
        .help("send encryptedData and iv to your backend and decrypt them there; for phone numbers use the getPhoneNumber code with getuserphonenumber")
        .url(SIGNATURE_URL),
        IdentityKind::Login
        | IdentityKind::CheckSession
        | IdentityKind::RequestHost { .. } => return None,
    })
}

/// `session-key-on-client` for `session_key` sent out by `api`.
fn session_key_sent(at: crate::diagnostic::Location, message: String, api: &str) -> Finding {
    Finding::new(&rules::SESSION_KEY_ON_CLIENT, at, message)
        .label("session_key sent from the client")
        .help("keep session_key on your backend, where it was issued; identify the user by a session token of your own")
        .api(api)
        .url(LOGIN_URL)
}

/// The app's own request hosts: configured, or guessed from the code.
struct FirstParty<'a> {
    configured: &'a [String],
    /// The domains the app's own code sends the most requests to, when not
    /// configured.
    guessed: Vec<String>,
}

impl<'a> FirstParty<'a> {
    fn of(facts: &[IdentityFact], configured: &'a [String]) -> Self {
        let mut guessed = Vec::new();
        if configured.is_empty() {
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for fact in facts.iter().filter(|f| f.origin == "app") {
                match &fact.kind {
                    // WeChat's server API is nobody's backend.
                    IdentityKind::RequestHost { host, count } if host != "api.weixin.qq.com" => {
                        *counts.entry(site(host)).or_default() += count;
                    }
                    _ => {}
                }
            }
            let most = counts.values().copied().max().unwrap_or(0);
            guessed = counts
                .into_iter()
                .filter(|(_, n)| *n == most)
                .map(|(d, _)| d)
                .collect();
        }
        FirstParty {
            configured,
            guessed,
        }
    }

    /// Whether `host` is the app's own.
    fn covers(&self, host: &str) -> bool {
        let list: &[String] = if self.configured.is_empty() {
            &self.guessed
        } else {
            self.configured
        };
        list.iter().any(|own| {
            host == own
                || host
                    .strip_suffix(own.as_str())
                    .is_some_and(|rest| rest.ends_with('.'))
        })
    }

    /// What counts as the app's own, for a help line.
    fn explain(&self) -> String {
        if self.configured.is_empty() {
            let guessed = if self.guessed.is_empty() {
                "none".to_owned()
            } else {
                self.guessed.join(", ")
            };
            format!("your own hosts are taken to be where most requests go ({guessed}): list them under `first-party-hosts` in mpaudit.json")
        } else {
            format!(
                "your own hosts (`first-party-hosts`): {}",
                self.configured.join(", ")
            )
        }
    }
}

/// The registrable domain of a host, roughly: the last two labels, three
/// under a two-letter country code with a generic second level
/// (`api.shop.com.cn` → `shop.com.cn`); an IP address whole.
fn site(host: &str) -> String {
    if host.parse::<std::net::IpAddr>().is_ok() {
        return host.to_owned();
    }
    let labels: Vec<&str> = host.split('.').collect();
    let n = labels.len();
    let keep = if n >= 3
        && labels[n - 1].len() == 2
        && ["com", "net", "org", "gov", "edu", "co", "ac"].contains(&labels[n - 2])
    {
        3
    } else {
        2
    };
    labels[n.saturating_sub(keep)..].join(".")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;

    fn host_fact(host: &str, origin: &str) -> IdentityFact {
        IdentityFact {
            kind: IdentityKind::RequestHost {
                host: host.into(),
                count: 1,
            },
            location: Location {
                file: "a.js".into(),
                line: 1,
                column: 1,
                offset: 0,
                len: 0,
            },
            origin: origin.into(),
        }
    }

    #[test]
    fn sites_are_registrable_domains() {
        assert_eq!(site("api.example.com"), "example.com");
        assert_eq!(site("example.com"), "example.com");
        assert_eq!(site("a.b.shop.com.cn"), "shop.com.cn");
        assert_eq!(site("10.0.0.8"), "10.0.0.8");
        assert_eq!(site("localhost"), "localhost");
    }

    #[test]
    fn the_app_s_own_hosts_are_configured_or_where_most_requests_go() {
        let facts = vec![
            host_fact("api.shop.com", "app"),
            host_fact("img.shop.com", "app"),
            host_fact("stats.ads.com", "app"),
            host_fact("sdk.vendor.com", "npm:vendor"),
            host_fact("sdk.vendor.com", "npm:vendor"),
            host_fact("sdk.vendor.com", "npm:vendor"),
        ];
        let guessed = FirstParty::of(&facts, &[]);
        assert!(guessed.covers("api.shop.com") && guessed.covers("shop.com"));
        assert!(!guessed.covers("stats.ads.com"));
        assert!(!guessed.covers("sdk.vendor.com"), "npm code does not vote");
        assert!(!guessed.covers("evilshop.com"));
        let configured = ["ads.com".to_owned()];
        let given = FirstParty::of(&facts, &configured);
        assert!(given.covers("stats.ads.com") && !given.covers("api.shop.com"));
        assert!(given.explain().contains("ads.com"));
    }
}
