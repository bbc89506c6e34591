//! Coverage: what the audit could not read is said, never silently skipped.

use super::{rules, Context};
use crate::diagnostic::Finding;
use crate::inventory::Unaudited;

/// How many places `unaudited-source` names in its message.
const SHOWN: usize = 3;

/// `unaudited-source`: one finding for the project, at the first place that
/// was not audited, counting them all: blocks and files in languages mpaudit
/// cannot read, UTS the parser cannot read, and a framework config without
/// pages.
pub fn unaudited_source(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut places: Vec<Unaudited> = ctx.unaudited.to_vec();
    places.extend(ctx.project.unread.iter().map(|rel| Unaudited {
        location: crate::diagnostic::point(rel),
        what: format!(
            "a `{}` file, which mpaudit cannot read",
            rel.rsplit_once('.').map_or("", |(_, ext)| ext)
        ),
    }));
    let app = &ctx.project.app;
    if let Some(framework) = &ctx.project.framework {
        if app.pages.is_empty() && app.subpackages.iter().all(|s| s.pages.is_empty()) {
            places.push(Unaudited {
                location: crate::diagnostic::point(&ctx.project.app_json_file),
                what: format!(
                    "the {} config lists no pages that mpaudit can read, so no use is tied to a page",
                    ctx.ruleset
                        .frameworks
                        .iter()
                        .find(|f| &f.name == framework)
                        .map_or(framework.as_str(), |f| f.title.as_str())
                ),
            });
        }
    }
    places.sort_by(|a, b| a.location.cmp(&b.location));
    let Some(first) = places.first() else {
        return;
    };
    let shown: Vec<String> = places
        .iter()
        .take(SHOWN)
        .map(|p| format!("{}:{}: {}", p.location.file, p.location.line, p.what))
        .collect();
    let more = places.len().saturating_sub(SHOWN);
    out.push(
        Finding::new(
            &rules::UNAUDITED_SOURCE,
            first.location.clone(),
            format!(
                "{} place{} not audited: {}{}",
                places.len(),
                if places.len() == 1 { " was" } else { "s were" },
                shown.join("; "),
                if more > 0 {
                    format!("; and {more} more")
                } else {
                    String::new()
                }
            ),
        )
        .label(first.what.clone())
        .help(if places.iter().all(|p| p.what.contains("lists no pages")) {
            "the uses found are in the inventory, but none is tied to a page, so the page table and the per-page checks say nothing; write the page list as literal strings, or audit the build output for WeChat (the folder with app.json)"
        } else {
            "privacy APIs used there are not in the inventory: audit the build output for WeChat (the folder with app.json), or write these parts in WXML/HTML and JS/TS; leave out code that never ships with `ignore` in mpaudit.json"
        }),
    );
}
