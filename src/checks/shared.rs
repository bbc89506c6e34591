//! Helpers that more than one check uses: the pages a consent file covers,
//! the app's own request hosts, the `requiredPrivateInfos` a use needs, and
//! the documentation URLs several rules cite.

use crate::i18n::{t, Lang};
use std::collections::{BTreeMap, BTreeSet};

use super::Context;
use crate::inventory::consent::{ConsentFile, Where};
use crate::inventory::identity::IdentityKind;
use crate::inventory::{IdentityFact, Use};
use crate::ruleset::{RequiredValue, Ruleset};

/// The privacy authorization development guide.
pub(super) const GUIDE: &str =
    "https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html";

/// The `wx.onNeedPrivacyAuthorization` reference.
pub(super) const LISTENER_DOC: &str =
    "https://developers.weixin.qq.com/miniprogram/dev/api/open-api/privacy/wx.onNeedPrivacyAuthorization.html";

/// The agree button, as the inventory records it.
pub(super) const AGREE_BUTTON: &str = "<button open-type=\"agreePrivacyAuthorization\">";

/// The pages a consent file covers: every page for app-level code.
pub(super) fn pages_of<'a>(ctx: &'a Context<'_>, file: &'a ConsentFile) -> Vec<&'a str> {
    if file.placement == Where::App {
        all_pages(ctx)
    } else {
        file.pages.iter().map(String::as_str).collect()
    }
}

pub(super) fn all_pages<'a>(ctx: &'a Context<'_>) -> Vec<&'a str> {
    let app = &ctx.project.app;
    let mut pages: Vec<&str> = app.pages.iter().map(String::as_str).collect();
    // Subpackage pages are named `root/page` in the graph.
    for u in ctx.uses.iter().chain(ctx.consent) {
        pages.extend(u.pages.iter().map(String::as_str));
    }
    for f in ctx.consent_files.values() {
        pages.extend(f.pages.iter().map(String::as_str));
    }
    pages.sort_unstable();
    pages.dedup();
    pages
}

/// `, through `this.init()` → `this.locate()`` for a path longer than the lifecycle.
pub(super) fn via(lang: Lang, path: &[String]) -> String {
    if path.len() < 2 {
        return String::new();
    }
    let calls: Vec<String> = path[1..].iter().map(|m| format!("`this.{m}()`")).collect();
    t!(lang, "shared-via", calls = calls.join(" → "))
}

/// Where `session_key` is documented.
pub(super) const LOGIN_URL: &str =
    "https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/login.html";

/// Where request domains and the AppSecret's place are documented.
pub(super) const NETWORK_URL: &str =
    "https://developers.weixin.qq.com/miniprogram/dev/framework/ability/network.html";

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
    pub(super) fn explain(&self, lang: Lang) -> String {
        let separator = t!(lang, "list-separator");
        if self.configured.is_empty() {
            let guessed = if self.guessed.is_empty() {
                t!(lang, "shared-hosts-none")
            } else {
                self.guessed.join(&separator)
            };
            t!(lang, "shared-hosts-guessed", hosts = guessed)
        } else {
            t!(
                lang,
                "shared-hosts-configured",
                hosts = self.configured.join(&separator)
            )
        }
    }
}

/// The registrable domain of a host, roughly: the last two labels, three
/// under a two-letter country code with a generic second level
/// (`api.shop.com.cn` → `shop.com.cn`); an IP address whole.
pub(super) fn site(host: &str) -> String {
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

/// The `requiredPrivateInfos` name of a use, if its API is one of the values.
pub(super) fn required_name<'a>(ruleset: &'a Ruleset, u: &Use) -> Option<&'a str> {
    ruleset
        .required_value_for_api(&u.api)
        .map(|v| v.name.as_str())
}

/// The `requiredPrivateInfos` values `uses` need, in the order of the docs
/// (`rules/required-private-infos.json`). The checks and `mpaudit manifest`
/// both use this.
pub fn required_private_infos<'r>(ruleset: &'r Ruleset, uses: &[Use]) -> Vec<&'r RequiredValue> {
    let used: BTreeSet<&str> = uses
        .iter()
        .filter_map(|u| required_name(ruleset, u))
        .collect();
    ruleset
        .location
        .values
        .iter()
        .filter(|v| used.contains(v.name.as_str()))
        .collect()
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
        assert!(given.explain(Lang::En).contains("ads.com"));
        assert!(given.explain(Lang::Zh).contains("你自己的域名"));
    }
}
