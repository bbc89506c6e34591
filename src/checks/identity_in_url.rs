//! `identity-in-url`: openid, unionid or session_key is put into the URL of a request to a third-party host.
//! From the identity facts the inventory recorded ([`crate::inventory::identity`]).

use std::collections::BTreeMap;

use super::session_key_on_client::LOGIN_URL;
use super::Context;
use crate::diagnostic::Finding;
use crate::inventory::identity::IdentityKind;
use crate::inventory::IdentityFact;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports `openid`, `unionid` or `session_key` (any spelling) put into the
    /// URL query of a request (`wx.request`, `uploadFile`, `downloadFile`,
    /// `connectSocket`) to a literal host that is not the app's own backend.
    /// The app's own hosts are those listed in `first-party-hosts` in
    /// `mpaudit.json` (a host or a parent domain: `example.com` covers
    /// `api.example.com`); without that list, the domain the app's own code
    /// sends the most requests to.
    ///
    /// ## Why is this bad?
    /// OpenID and UnionID identify a WeChat user across sessions (UnionID across
    /// all of a company's apps). In a URL they end up in the third party's access
    /// logs, proxies and analytics, which ties the user's activity to their
    /// WeChat identity without the user knowing, and the privacy guideline
    /// rarely says so. `session_key` must never leave the backend.
    ///
    /// ## Example
    /// ```js
    /// wx.request({ url: 'https://stats.example-ads.com/track?openid=' + openid + '&page=home' })
    /// ```
    ///
    /// ## How to fix
    /// Send the third party an identifier of your own (random, per service), or
    /// none; if it must know the user, send the data from your backend and say
    /// so in the privacy guideline. If the host is yours, add it to
    /// `first-party-hosts` in `mpaudit.json`.
    ///
    /// ## References
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/union-id.html
    /// - https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/login.html
    IDENTITY_IN_URL, "identity-in-url", Warning, since "0.1.0",
    "openid, unionid or session_key is put into the URL of a request to a third-party host"
}

/// User identity put into the URL of a request to a third-party host.
pub(super) fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let first_party = FirstParty::of(ctx.identity, ctx.first_party_hosts);
    for fact in ctx.identity {
        let at = fact.location.clone();
        let IdentityKind::IdentityInUrl { api, param, host } = &fact.kind else {
            continue;
        };
        if first_party.covers(host) {
            continue;
        }
        out.push(
            Finding::new(
                &IDENTITY_IN_URL,
                at,
                format!("`{param}` is put into the URL of {api} to the third-party host {host}"),
            )
            .label("user identity in a third-party URL")
            .help(format!(
                "send the third party an id of your own, or none; {}",
                first_party.explain()
            ))
            .api(api.clone())
            .url(LOGIN_URL),
        );
    }
}

/// The app's own request hosts: configured, or guessed from the code.
pub(super) struct FirstParty<'a> {
    configured: &'a [String],
    /// The domains the app's own code sends the most requests to, when not
    /// configured.
    guessed: Vec<String>,
}

impl<'a> FirstParty<'a> {
    pub(super) fn of(facts: &[IdentityFact], configured: &'a [String]) -> Self {
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
    pub(super) fn covers(&self, host: &str) -> bool {
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
