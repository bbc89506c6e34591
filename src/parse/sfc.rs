//! Single-file components: `.vue` (uni-app, Taro), `.nvue`/`.uvue`
//! (uni-app), `.wpy` (WePY) and `.mpx` (Mpx) files split into their
//! top-level blocks, as the frameworks' compilers split them: top-level
//! start tags, raw text up to `</script>`/`</style>`/`</config>`, and nested
//! `<template>` tags counted up to the template's own end tag. Block contents
//! are never scanned here: scripts go to swc, templates to [`crate::parse::wxml`],
//! config blocks to the framework config reader.

use crate::parse::wxml;

/// What a top-level block holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// `<template>`
    Template,
    /// `<script>` / `<script setup>`
    Script,
    /// A config block: WePY 2's `<config>`, Mpx's `<script
    /// type="application/json">` / `<script name="json">`, uni-pages'
    /// `<route>`.
    Config,
    /// `<style>` and other custom blocks: not audited.
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
    /// The start tag's other attributes that decide how the block is read:
    /// `type`, `mode` (Mpx's per-platform blocks), `src` (content in
    /// another file), `name`.
    pub attrs: Vec<(String, Option<String>)>,
}

impl Block {
    /// The value of the start tag attribute `name`, if it has one.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }

    /// Whether the start tag has the attribute `name`.
    pub fn has_attr(&self, name: &str) -> bool {
        self.attrs.iter().any(|(n, _)| n == name)
    }
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
        let attrs: Vec<(String, Option<String>)> = element
            .iter()
            .flat_map(|e| &e.attrs)
            .filter(|a| matches!(&*a.name, "type" | "mode" | "src" | "name" | "setup"))
            .map(|a| (a.name.to_string(), a.value.as_deref().map(str::to_owned)))
            .collect();
        let attr = |n: &str| {
            attrs
                .iter()
                .find(|(k, _)| k == n)
                .and_then(|(_, v)| v.as_deref())
        };
        let kind = match name {
            "template" => BlockKind::Template,
            "script"
                if attr("type").is_some_and(|t| t.trim().ends_with("json"))
                    || attr("name") == Some("json") =>
            {
                BlockKind::Config
            }
            "script" => BlockKind::Script,
            "config" | "route" => BlockKind::Config,
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
            attrs,
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
    fn config_blocks_of_wepy_and_mpx() {
        let text = r#"<script type="application/json">{"pages": []}</script>
<script name="json">module.exports = {}</script>
<script mode="ali">my.x()</script>
<config>{ pages: [] }</config>
<script src="./a.js"></script>"#;
        let found = blocks(text);
        let kinds: Vec<BlockKind> = found.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Config,
                BlockKind::Config,
                BlockKind::Script,
                BlockKind::Config,
                BlockKind::Script
            ]
        );
        assert_eq!(found[2].attr("mode"), Some("ali"));
        assert_eq!(found[4].attr("src"), Some("./a.js"));
        assert_eq!(found[1].attr("name"), Some("json"));
    }
}
