//! Recalled user-info APIs.

use super::{rules, Context};
use crate::diagnostic::Finding;

/// `deprecated-api`: each use of a recalled API or scope.
pub fn deprecated_api(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for u in ctx.uses {
        let (row, what) = match &u.scope {
            Some(Some(scope)) => match ctx.ruleset.deprecated(scope) {
                Some(row) => (row, format!("`{}` with scope `{scope}`", u.api)),
                None => continue,
            },
            _ => match ctx.ruleset.deprecated(&u.api) {
                Some(row) => (row, format!("`{}`", u.api)),
                None => continue,
            },
        };
        out.push(
            Finding::new(
                &rules::DEPRECATED_API,
                u.location(),
                format!(
                    "{what} was recalled on {}: {}",
                    row.since,
                    lower_first(&row.returns_now),
                ),
            )
            .label(format!("recalled since {}", row.since))
            .help(format!("use {} instead", lower_first(&row.replacement)))
            .api(u.api.clone())
            .url(row.doc_url.clone()),
        );
    }
}

/// Messages start lowercase and end without a period (clippy's convention).
fn lower_first(text: &str) -> String {
    let text = text.trim().trim_end_matches('.');
    let mut chars = text.chars();
    match chars.next() {
        Some(first)
            if first.is_uppercase() && !chars.clone().next().is_some_and(char::is_uppercase) =>
        {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_owned(),
    }
}
