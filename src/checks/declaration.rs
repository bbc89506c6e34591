//! Checks of the code against the privacy declaration.

use std::collections::BTreeSet;

use super::{rules, Context};
use crate::diagnostic::Finding;

/// `undeclared-privacy-type`: one finding per (use site, undeclared key).
/// Held back when the declaration could not be read completely: its own
/// finding says why, and a type missing from what was read may be declared.
pub fn undeclared_privacy_type(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(declaration) = ctx.declaration.filter(|d| d.complete) else {
        return;
    };
    for u in ctx.uses {
        for key in &u.privacy_keys {
            if declaration.declares(key) {
                continue;
            }
            let described = ctx.ruleset.describe_key(key);
            let what = match (&u.scope, &u.via) {
                (Some(Some(scope)), Some(via)) => format!(
                    "`{}` with scope `{scope}` (passed to the wrapper at {via})",
                    u.api
                ),
                (Some(Some(scope)), None) => format!("`{}` with scope `{scope}`", u.api),
                _ => format!("`{}`", u.api),
            };
            let mut finding = Finding::new(
                &rules::UNDECLARED_PRIVACY_TYPE,
                u.location(),
                format!(
                    "{what} needs privacy type {described}, which {} does not declare",
                    declaration.file,
                ),
            )
            .label(format!("needs {described}"))
            .help(format!(
                "declare `{key}` in the MP console (设置 → 服务内容声明 → 用户隐私保护指引) and add {{\"privacy_key\": \"{key}\", \"privacy_text\": \"...\"}} to `setting_list` in {}; undeclared, the call fails with errno 112",
                declaration.file
            ))
            .privacy_key(key.clone())
            .api(u.api.clone());
            let row = match &u.scope {
                Some(Some(scope)) => ctx.ruleset.api(scope),
                _ => ctx.ruleset.api(&u.api),
            };
            if let Some(row) = row {
                finding = finding.url(row.source.clone());
            }
            out.push(finding);
        }
    }
}

/// `unused-privacy-declaration`: declared keys no use needs. Held back when
/// some code was not read (a parse error, `ignore`, too large): the use may
/// be there.
pub fn unused_privacy_declaration(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(declaration) = ctx.declaration else {
        return;
    };
    if !ctx.unread.all_code_read() {
        return;
    }
    let used: BTreeSet<&str> = ctx
        .uses
        .iter()
        .flat_map(|u| u.privacy_keys.iter().map(String::as_str))
        .collect();
    for declared in &declaration.keys {
        if used.contains(declared.key.as_str()) {
            continue;
        }
        // Keys no API triggers (Email, DeviceInfo, EX*) and custom keys cannot be
        // seen in code; only known, detectable keys can be called unused.
        if !ctx.ruleset.key(&declared.key).is_some_and(|k| k.detectable) {
            continue;
        }
        let described = ctx.ruleset.describe_key(&declared.key);
        out.push(
            Finding::new(
                &rules::UNUSED_PRIVACY_DECLARATION,
                declared.location.clone(),
                format!("privacy type {described} is declared but no code in the mini program uses it"),
            )
            .label("declared here, never used")
            .help("remove it from the guideline in the MP console and from this file, or check whether the code that needed it was removed by mistake")
            .privacy_key(declared.key.clone()),
        );
    }
}

/// `no-privacy-declaration`: privacy keys are used and there is no declaration.
pub fn no_privacy_declaration(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    if ctx.declaration.is_some() {
        return;
    }
    let needed: BTreeSet<&str> = ctx
        .uses
        .iter()
        .flat_map(|u| u.privacy_keys.iter().map(String::as_str))
        .collect();
    if needed.is_empty() {
        return;
    }
    let list = needed
        .iter()
        .map(|k| ctx.ruleset.describe_key(k))
        .collect::<Vec<_>>()
        .join(", ");
    let example = needed
        .iter()
        .map(|k| format!("{{\"privacy_key\": \"{k}\", \"privacy_text\": \"...\"}}"))
        .collect::<Vec<_>>()
        .join(", ");
    out.push(
        Finding::new(
            &rules::NO_PRIVACY_DECLARATION,
            crate::diagnostic::point(&ctx.project.app_json_file),
            format!(
                "no privacy.json: the code needs {} privacy type{} declared: {list}",
                needed.len(),
                if needed.len() == 1 { "" } else { "s" }
            ),
        )
        .help(format!(
            "`mpaudit init` (or `mpaudit manifest --write`) drafts privacy.json from the code, with TODO texts to fill in from the MP console (设置 → 服务内容声明 → 用户隐私保护指引); or copy the guideline into privacy.json next to project.config.json: {{\"setting_list\": [{example}]}}"
        )),
    );
}
