//! Single-file components (uni-app `.vue`/`.nvue`/`.uvue`, WePY `.wpy`, Mpx
//! `.mpx`, split by [`crate::parse::sfc`]): the top-level `<script>` and `<script
//! setup>` blocks are audited as scripts (`lang="ts"` as TypeScript), and the
//! `<template>` block is read with the WXML reader and matched with the
//! template table, every position shifted into the file. A bound attribute
//! (`:open-type="cond ? 'getPhoneNumber' : ''"`, `v-bind:open-type`) counts
//! through its string literals, like `{{ }}` in WXML. Mpx blocks for other
//! platforms (`mode="ali"`) are skipped; blocks in languages mpaudit cannot
//! read (`<template lang="pug">`, `<script lang="coffee">`) are reported.

use crate::i18n::{t, Lang};
use crate::parse::ast;
use crate::parse::sfc::{blocks, Block, BlockKind};
use crate::parse::wxml::{Attr, Element};
use crate::project::ProjectFile;
use crate::ruleset::Ruleset;
use crate::source::FileKind;
use crate::source::LineIndex;

use super::FileResult;

/// A template element as WXML would have it: bound attributes
/// (`:open-type="expr"`, `v-bind:open-type="expr"`) become `open-type` with
/// the expression as `{{ expr }}`, so only its string literals count; offsets
/// are shifted by `shift`.
pub fn normalize(mut element: Element, shift: usize) -> Element {
    element.name_offset += shift;
    for attr in &mut element.attrs {
        attr.name_offset += shift;
        attr.value_offset = attr.value_offset.map(|o| o + shift);
        let bare = attr
            .name
            .strip_prefix("v-bind:")
            .or_else(|| attr.name.strip_prefix(':'));
        if let Some(bare) = bare {
            *attr = Attr {
                name: bare.to_owned().into(),
                value: attr.value.as_ref().map(|v| format!("{{{{ {v} }}}}").into()),
                ..attr.clone()
            };
        }
    }
    element
}

/// The script kind a `<script>` block's `lang` (or `type`) asks for, or
/// `None` for a language mpaudit cannot read (`coffee`, `livescript`).
fn script_kind(block: &Block) -> Option<FileKind> {
    let lang = block.lang.as_deref().map(str::trim);
    let ty = block.attr("type").map(str::trim);
    Some(match (lang, ty) {
        (Some("ts" | "typescript"), _) => FileKind::Ts,
        (Some("tsx"), _) => FileKind::Tsx,
        (Some("jsx"), _) => FileKind::Jsx,
        (Some("wxs"), _) => FileKind::Wxs,
        (Some("uts"), _) => FileKind::Uts,
        (Some("js" | "javascript" | "babel" | "es6" | "") | None, _) => match ty {
            Some("text/typescript") => FileKind::Ts,
            // `text/javascript`, `text/babel`, `module`, none, and the typos
            // real code has (`text/jsavascript`): the compilers read JS.
            _ => FileKind::Js,
        },
        _ => return None,
    })
}

/// Whether a `<template>` block's `lang` is markup the WXML reader reads.
fn readable_template(block: &Block) -> bool {
    matches!(
        block.lang.as_deref().map(str::trim),
        None | Some("" | "html" | "wxml" | "vue")
    )
}

/// Whether a block is for another platform than WeChat: Mpx's `mode`
/// attribute (`<script mode="ali">`) names the platform a block is built for.
fn other_platform(block: &Block) -> bool {
    block
        .attr("mode")
        .is_some_and(|m| !m.split(/* several modes */ ',').any(|m| m.trim() == "wx"))
}

/// Audits a single-file component (`.vue`, `.nvue`, `.uvue`, `.wpy`,
/// `.mpx`): its scripts and its template. Blocks whose content is in
/// another file (`src="…"`) are audited there; blocks in a language mpaudit
/// cannot read are reported as unaudited.
pub(super) fn analyze(
    file: &ProjectFile,
    text: &str,
    ruleset: &Ruleset,
    lang: Lang,
    result: &mut FileResult,
) {
    let index = LineIndex::new(text);
    for block in blocks(text) {
        let content = &text[block.offset..block.offset + block.len];
        if other_platform(&block) || (block.has_attr("src") && content.trim().is_empty()) {
            continue;
        }
        match block.kind {
            // renderjs runs only in App and web builds, never in mini programs
            // (https://uniapp.dcloud.net.cn/tutorial/renderjs.html).
            BlockKind::Script if block.lang.as_deref() == Some("renderjs") => {}
            BlockKind::Script => {
                let Some(kind) = script_kind(&block) else {
                    let language = block.lang.as_deref().or(block.attr("type")).unwrap_or("?");
                    super::unaudited(
                        file,
                        text,
                        &index,
                        block.offset,
                        t!(lang, "inventory-script-block-unparsed", language = language),
                        result,
                    );
                    continue;
                };
                super::analyze_script(
                    file,
                    text,
                    &index,
                    (block.offset, content),
                    kind,
                    ruleset,
                    lang,
                    result,
                );
            }
            BlockKind::Template if !readable_template(&block) => {
                super::unaudited(
                    file,
                    text,
                    &index,
                    block.offset,
                    t!(
                        lang,
                        "inventory-template-block-unread",
                        language = block.lang.as_deref().unwrap_or("")
                    ),
                    result,
                );
            }
            BlockKind::Template => {
                let shipped = super::shipped_template(file, content);
                let doc = crate::parse::wxml::read(shipped.as_deref().unwrap_or(content));
                super::agree_buttons(file, text, &index, &doc, block.offset, result);
                let before = result.findings.len();
                super::template_errors(file, text, &index, &doc, block.offset, lang, result);
                // Compilers that repair unbalanced tags build the page: the
                // markup is worth a warning, not an error.
                let lenient = if file.rel.ends_with(".wpy") {
                    Some(t!(lang, "inventory-wepy-lenient-help"))
                } else if file.conditional_compilation.is_some_and(|b| !b.vue3) {
                    Some(t!(lang, "inventory-vue2-lenient-help"))
                } else {
                    None
                };
                if let Some(help) = lenient {
                    for finding in &mut result.findings[before..] {
                        finding.severity =
                            finding.severity.min(crate::diagnostic::Severity::Warning);
                        finding.help = Some(help.clone());
                    }
                }
                super::template_suppressions(file, text, &index, &doc, block.offset, lang, result);
                super::template_links(&doc, &mut result.links);
                let elements: Vec<Element> = doc
                    .elements
                    .into_iter()
                    .map(|e| normalize(e, block.offset))
                    .collect();
                let raw = super::template::collect_elements(&elements, ruleset);
                super::record(file, text, &index, raw, ruleset, result);
            }
            BlockKind::Config => {
                // Mpx's and WePY's page config: the components it uses.
                let module = block.attr("name") == Some("json");
                result
                    .links
                    .components
                    .extend(config_components(&file.rel, content, module));
            }
            BlockKind::Other => {}
        }
    }
}

/// The component paths a config block's `usingComponents` names. The block
/// is a JS object literal (WePY's `<config>`, Mpx's JSON5 block), or with
/// `module`, a script whose `module.exports` is one (Mpx's `<script
/// name="json">`). What does not parse gives none: the audit of the block's
/// file reports nothing about its config, and the components are still
/// found through the template's tags.
fn config_components(rel: &str, content: &str, module: bool) -> Vec<String> {
    use swc_ecma_ast::{
        AssignTarget, Expr, Lit, MemberProp, ModuleItem, Program, Prop, PropName, PropOrSpread,
        SimpleAssignTarget, Stmt,
    };
    let text = if module {
        content.to_owned()
    } else {
        format!("({content})")
    };
    let parsed = crate::parse::parse(rel, text, FileKind::Js);
    let Some(program) = parsed.program else {
        return Vec::new();
    };
    let stmts: Vec<&Stmt> = match &program {
        Program::Module(m) => m.body.iter().filter_map(ModuleItem::as_stmt).collect(),
        Program::Script(s) => s.body.iter().collect(),
    };
    let object = stmts.iter().find_map(|stmt| {
        let Stmt::Expr(e) = stmt else { return None };
        let expr = ast::unwrap(&e.expr);
        if !module {
            return Some(expr);
        }
        let Expr::Assign(assign) = expr else {
            return None;
        };
        let AssignTarget::Simple(SimpleAssignTarget::Member(m)) = &assign.left else {
            return None;
        };
        let exports = matches!(&m.prop, MemberProp::Ident(p) if p.sym == "exports");
        exports.then(|| ast::unwrap(&assign.right))
    });
    let mut out = Vec::new();
    let Some(Expr::Object(object)) = object else {
        return out;
    };
    let key_is = |key: &PropName, word: &str| match key {
        PropName::Ident(id) => id.sym == word,
        PropName::Str(s) => s.value.as_atom().is_some_and(|a| a == word),
        _ => false,
    };
    for prop in &object.props {
        let PropOrSpread::Prop(prop) = prop else {
            continue;
        };
        let Prop::KeyValue(kv) = &**prop else {
            continue;
        };
        if !key_is(&kv.key, "usingComponents") {
            continue;
        }
        let Expr::Object(components) = ast::unwrap(&kv.value) else {
            continue;
        };
        for entry in &components.props {
            let PropOrSpread::Prop(entry) = entry else {
                continue;
            };
            let Prop::KeyValue(kv) = &**entry else {
                continue;
            };
            if let Expr::Lit(Lit::Str(path)) = ast::unwrap(&kv.value) {
                out.push(path.value.to_atom_lossy().to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bound_open_types_count_through_their_literals() {
        let ruleset = Ruleset::builtin();
        let src = r#"<button :open-type="phone ? 'getPhoneNumber' : ''" /><button v-bind:open-type="'chooseAvatar'" /><button :open-type="kind" /><button open-type="getRealtimePhoneNumber" @getrealtimephonenumber="f" />"#;
        let elements: Vec<Element> = crate::parse::wxml::read(src)
            .elements
            .into_iter()
            .map(|e| normalize(e, 100))
            .collect();
        let found: Vec<(String, usize)> =
            super::super::template::collect_elements(&elements, &ruleset)
                .into_iter()
                .map(|u| (u.api, u.offset - 100))
                .collect();
        assert_eq!(
            found,
            [
                (
                    r#"<button open-type="getPhoneNumber">"#.to_owned(),
                    src.find(":open-type").unwrap()
                ),
                (
                    r#"<button open-type="chooseAvatar">"#.to_owned(),
                    src.find("v-bind:open-type").unwrap()
                ),
                (
                    r#"<button open-type="getRealtimePhoneNumber">"#.to_owned(),
                    src.find("open-type=\"getReal").unwrap()
                ),
            ]
        );
    }
}
