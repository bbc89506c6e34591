//! Vue single-file components (uni-app `.vue`): the top-level `<script>` and
//! `<script setup>` blocks are audited as scripts (`lang="ts"` as TypeScript),
//! and the `<template>` block is read with the WXML reader and matched with the
//! template table, every position shifted into the `.vue` file. A bound
//! attribute (`:open-type="cond ? 'getPhoneNumber' : ''"`, `v-bind:open-type`)
//! counts through its string literals, like `{{ }}` in WXML.
//!
//! The file is split into blocks as Vue's compiler does: top-level start tags,
//! raw text up to `</script>`/`</style>`, and nested `<template>` tags counted
//! up to the template's own end tag. Block contents are never scanned here:
//! scripts go to swc, templates to [`crate::wxml`].

use crate::project::{FileKind, ProjectFile};
use crate::ruleset::Ruleset;
use crate::source::LineIndex;
use crate::wxml::{self, Attr, Element};

use super::FileResult;

/// What a top-level block holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// `<template>`
    Template,
    /// `<script>` / `<script setup>`
    Script,
    /// `<style>` and custom blocks: not audited.
    Other,
}

/// A top-level block of a single-file component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// Byte offset of the content (just after the start tag).
    pub offset: usize,
    /// Byte length of the content.
    pub len: usize,
    /// The `lang` attribute (`ts`, `tsx`, `jsx`, `wxs`…), if any.
    pub lang: Option<String>,
}

/// The top-level blocks of `text`, in source order. Never fails: an unclosed
/// block runs to the end of the text.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(found) = text[pos..].find('<') {
        let lt = pos + found;
        let rest = &text[lt..];
        if rest.starts_with("<!--") {
            pos = rest.find("-->").map_or(text.len(), |i| lt + i + 3);
            continue;
        }
        let name_len = rest[1..]
            .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len() - 1);
        let name = &rest[1..1 + name_len];
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            pos = lt + 1;
            continue;
        }
        let Some(gt) = tag_end(text, lt + 1 + name_len) else {
            break;
        };
        let start_tag = &text[lt..=gt];
        let element = wxml::read(start_tag).elements.into_iter().next();
        let lang = element
            .as_ref()
            .and_then(|e| e.attr("lang"))
            .and_then(|a| a.value.as_deref())
            .map(str::to_owned);
        let kind = match name {
            "template" => BlockKind::Template,
            "script" => BlockKind::Script,
            _ => BlockKind::Other,
        };
        let content = gt + 1;
        if start_tag.ends_with("/>") {
            pos = content;
            continue;
        }
        let (end, next) = match kind {
            BlockKind::Template => template_end(text, content),
            _ => {
                let close = format!("</{name}");
                match text[content..].find(&close) {
                    Some(i) => {
                        let end = content + i;
                        (end, tag_end(text, end).map_or(text.len(), |g| g + 1))
                    }
                    None => (text.len(), text.len()),
                }
            }
        };
        out.push(Block {
            kind,
            offset: content,
            len: end - content,
            lang,
        });
        pos = next;
    }
    out
}

/// The `>` that ends the tag whose attributes start at `from`, skipping quoted values.
fn tag_end(text: &str, from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, c) in text[from..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(from + i),
            _ => {}
        }
    }
    None
}

/// The end of a `<template>` block's content starting at `from` (nested
/// `<template>` tags counted), and where reading goes on after its end tag.
fn template_end(text: &str, from: usize) -> (usize, usize) {
    let mut depth = 1;
    let mut pos = from;
    while let Some(found) = text[pos..].find("template") {
        let at = pos + found;
        pos = at + "template".len();
        let boundary = text[pos..]
            .chars()
            .next()
            .is_none_or(|c| c.is_ascii_whitespace() || c == '>' || c == '/');
        if !boundary {
            continue;
        }
        if text[..at].ends_with("</") {
            depth -= 1;
            if depth == 0 {
                let end = at - 2;
                return (end, tag_end(text, pos).map_or(text.len(), |g| g + 1));
            }
        } else if text[..at].ends_with('<') {
            let Some(gt) = tag_end(text, pos) else {
                break;
            };
            if !text[..gt].ends_with('/') {
                depth += 1;
            }
            pos = gt + 1;
        }
    }
    (text.len(), text.len())
}

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

/// Audits a `.vue` file: its scripts and its template.
pub(super) fn analyze(file: &ProjectFile, text: &str, ruleset: &Ruleset, result: &mut FileResult) {
    let index = LineIndex::new(text);
    for block in blocks(text) {
        let content = &text[block.offset..block.offset + block.len];
        match block.kind {
            BlockKind::Script => {
                let kind = match block.lang.as_deref().map(str::trim) {
                    Some("ts") => FileKind::Ts,
                    Some("tsx") => FileKind::Tsx,
                    Some("wxs") => FileKind::Wxs,
                    _ => FileKind::Js,
                };
                super::analyze_script(
                    file,
                    text,
                    &index,
                    (block.offset, content),
                    kind,
                    ruleset,
                    result,
                );
            }
            BlockKind::Template => {
                let doc = wxml::read(content);
                super::template_errors(file, text, &index, &doc, block.offset, result);
                super::template_suppressions(file, text, &index, &doc, block.offset, result);
                let elements: Vec<Element> = doc
                    .elements
                    .into_iter()
                    .map(|e| normalize(e, block.offset))
                    .collect();
                let mut raw = super::wxml::collect_elements(&elements, ruleset);
                if file.conditional_compilation {
                    let comments = doc.comments.iter();
                    let shifted = comments.map(|c| (block.offset + c.offset, c.len, &*c.text));
                    super::ifdef::retain_shipped(&mut raw, shifted);
                }
                super::record(file, text, &index, raw, ruleset, result);
            }
            BlockKind::Other => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(text: &str) -> Vec<(BlockKind, &str, Option<String>)> {
        blocks(text)
            .into_iter()
            .map(|b| (b.kind, &text[b.offset..b.offset + b.len], b.lang))
            .collect()
    }

    #[test]
    fn blocks_split_like_vue() {
        let text = r#"<!-- <script>no</script> -->
<template>
  <view><template v-if="a"><button open-type="getPhoneNumber" /></template><template v-slot:x /></view>
</template>
<script setup lang="ts">
const a = '<template>' < 1
</script>
<style scoped>.a > .b {}</style>
<script>export default {}</script>"#;
        let found = contents(text);
        assert_eq!(found.len(), 4, "{found:?}");
        assert_eq!(found[0].0, BlockKind::Template);
        assert!(
            found[0].1.trim_end().ends_with("</view>"),
            "{:?}",
            found[0].1
        );
        assert_eq!(
            found[1],
            (
                BlockKind::Script,
                "\nconst a = '<template>' < 1\n",
                Some("ts".to_owned())
            )
        );
        assert_eq!(found[2].0, BlockKind::Other);
        assert_eq!(found[3], (BlockKind::Script, "export default {}", None));
    }

    #[test]
    fn unclosed_blocks_run_to_the_end() {
        assert_eq!(
            contents("<script>wx.getLocation()"),
            [(BlockKind::Script, "wx.getLocation()", None)]
        );
        assert_eq!(contents("<template><view>").len(), 1);
        assert!(contents("<script").is_empty());
    }

    #[test]
    fn bound_open_types_count_through_their_literals() {
        let ruleset = Ruleset::builtin();
        let src = r#"<button :open-type="phone ? 'getPhoneNumber' : ''" /><button v-bind:open-type="'chooseAvatar'" /><button :open-type="kind" /><button open-type="getRealtimePhoneNumber" @getrealtimephonenumber="f" />"#;
        let elements: Vec<Element> = wxml::read(src)
            .elements
            .into_iter()
            .map(|e| normalize(e, 100))
            .collect();
        let found: Vec<(String, usize)> = super::super::wxml::collect_elements(&elements, &ruleset)
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
