//! uni-app conditional compilation: `// #ifdef MP-WEIXIN` … `// #endif`
//! (also `/* #ifdef */`, `<!-- #ifdef -->` in templates, and `//` comments in
//! `pages.json`). Blocks for the WeChat build are ordinary code; blocks that
//! never reach it (`#ifdef H5`, `#ifdef APP-PLUS`, `#ifndef MP-WEIXIN`,
//! `#ifdef VUE3` in a Vue 2 project) are blanked before parsing, positions
//! unchanged, so they are neither parsed nor audited.
//!
//! The directives are read from comments (swc's lexer for scripts and JSON,
//! the WXML reader for templates), never from the text.

/// Whether `name` holds in the WeChat build of a uni-app project: `MP-WEIXIN`
/// and `MP` always, `VUE3` / `VUE2` by the project's Vue version, `UNI-APP-X`
/// for uni-app x. Every other platform (`APP-PLUS`, `APP`, `H5`, `WEB`, other
/// `MP-*`, `QUICKAPP-*`, custom `define`s of other builds) is off. Names are
/// compared without case (`h5` is written too).
fn holds(name: &str, build: Build) -> bool {
    match name.trim().to_ascii_uppercase().as_str() {
        "MP-WEIXIN" | "MP" => true,
        "VUE3" => build.vue3,
        "VUE2" => !build.vue3,
        "UNI-APP-X" => build.uni_app_x,
        _ => false,
    }
}

/// Whether code under `#ifdef <condition>` (or `#ifndef`) is in the WeChat
/// build. `A || B` is either, `A && B` both.
fn reachable(negated: bool, condition: &str, build: Build) -> bool {
    let any = condition
        .split("||")
        .any(|term| term.split("&&").all(|p| holds(p, build)));
    any != negated
}

/// Whether `text` may hold conditional-compilation directives: a cheap
/// search before any comment is collected.
pub fn has_directives(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), b"#if").is_some()
}

/// The byte ranges (of the text the comments come from) inside blocks that
/// cannot reach the WeChat build. `comments` are `(offset, len, text between
/// the delimiters)` in source order. An unclosed block runs to the end.
pub fn excluded<'a>(
    comments: impl IntoIterator<Item = (usize, usize, &'a str)>,
    build: Build,
) -> Vec<(usize, usize)> {
    let mut open: Vec<(bool, usize)> = Vec::new();
    let mut out = Vec::new();
    for (offset, len, text) in comments {
        let directive = text.trim().trim_matches('*').trim();
        let (negated, rest) = if let Some(rest) = directive.strip_prefix("#ifdef") {
            (false, rest)
        } else if let Some(rest) = directive.strip_prefix("#ifndef") {
            (true, rest)
        } else {
            if directive.starts_with("#endif") {
                if let Some((live, start)) = open.pop() {
                    // Only the outermost cut block is a range of its own.
                    if !live && open.last().is_none_or(|(outer, _)| *outer) {
                        out.push((start, offset));
                    }
                }
            }
            continue;
        };
        if !rest.starts_with(char::is_whitespace) {
            continue;
        }
        // A block inside a cut block is cut too.
        let live = open.last().is_none_or(|(live, _)| *live) && reachable(negated, rest, build);
        open.push((live, offset + len));
    }
    if let Some(&(_, start)) = open.iter().find(|(live, _)| !live) {
        out.push((start, usize::MAX));
    }
    out
}

/// The `<!-- … -->` comments of a template as `(offset, len, text between
/// the delimiters)`, found by their delimiters alone: directives may sit
/// where the markup reader sees no comment (between the attributes of one
/// start tag per platform).
pub fn template_comments(text: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(found) = memchr::memmem::find(&text.as_bytes()[pos..], b"<!--") {
        let start = pos + found;
        let Some(len) = memchr::memmem::find(&text.as_bytes()[start + 4..], b"-->") else {
            break;
        };
        let end = start + 4 + len + 3;
        out.push((start, end - start, &text[start + 4..start + 4 + len]));
        pos = end;
    }
    out
}

/// The directive comments themselves (`#ifdef`, `#ifndef`, `#endif`) among
/// `comments`, as ranges: blanked with the blocks, so a directive between
/// the attributes of a start tag leaves no stray markup.
pub fn directives<'a>(
    comments: impl IntoIterator<Item = (usize, usize, &'a str)>,
) -> Vec<(usize, usize)> {
    comments
        .into_iter()
        .filter(|(_, _, text)| {
            let t = text.trim().trim_matches('*').trim();
            t.starts_with("#ifdef") || t.starts_with("#ifndef") || t.starts_with("#endif")
        })
        .map(|(offset, len, _)| (offset, offset + len))
        .collect()
}

/// `text` with the `excluded` ranges blanked out (spaces, line breaks kept),
/// byte offsets unchanged: the code the WeChat build compiles.
pub fn blank(text: &str, excluded: &[(usize, usize)]) -> String {
    text.char_indices()
        .map(|(i, c)| {
            if c == '\n' || c == '\r' || !is_excluded(excluded, i) {
                c.to_string()
            } else {
                " ".repeat(c.len_utf8())
            }
        })
        .collect()
}

/// Whether byte `offset` lies in one of the `excluded` ranges.
pub fn is_excluded(excluded: &[(usize, usize)], offset: usize) -> bool {
    excluded
        .iter()
        .any(|&(start, end)| start <= offset && offset < end)
}

#[cfg(test)]
mod tests {
    use super::*;

    const VUE2: Build = Build {
        vue3: false,
        uni_app_x: false,
    };
    const VUE3: Build = Build {
        vue3: true,
        uni_app_x: false,
    };

    #[test]
    fn conditions() {
        for (negated, condition, expected) in [
            (false, " MP-WEIXIN", true),
            (false, " MP", true),
            (false, " H5", false),
            (false, " APP-PLUS", false),
            (false, " MP-ALIPAY", false),
            (false, " MP-WEIXIN || H5", true),
            (false, " H5 || APP", false),
            (false, " VUE3", false),
            (false, " VUE2", true),
            (false, " VUE3 && H5", false),
            (false, " h5", false),
            (false, " mp-weixin", true),
            (false, " UNI-APP-X", false),
            (false, " MY-CUSTOM-FLAG", false),
            (true, " MP-WEIXIN", false),
            (true, " MP", false),
            (true, " H5", true),
            (true, " H5 || MP-WEIXIN", false),
            (true, " VUE3", true),
            (true, " VUE2", false),
        ] {
            assert_eq!(
                reachable(negated, condition, VUE2),
                expected,
                "{negated} {condition}"
            );
        }
        assert!(reachable(false, " VUE3", VUE3));
        assert!(!reachable(false, " VUE2", VUE3));
        assert!(reachable(true, " VUE2", VUE3));
        let x = Build {
            vue3: true,
            uni_app_x: true,
        };
        assert!(reachable(false, " UNI-APP-X", x));
    }

    #[test]
    fn blocks_inside_cut_blocks_are_cut() {
        let comments = [
            (0, 10, " #ifdef H5"),
            (20, 18, " #ifdef MP-WEIXIN "),
            (40, 8, " #endif"),
            (50, 8, " #endif"),
        ];
        assert_eq!(excluded(comments, VUE2), [(10, 50)]);
    }

    #[test]
    fn blocks_nest_and_unclosed_blocks_run_to_the_end() {
        let comments = [
            (0, 10, " #ifdef H5"),
            (20, 10, " #ifdef MP"),
            (40, 8, " #endif"),
            (50, 8, " #endif "),
            (60, 20, " #ifdef MP-WEIXIN "),
            (90, 8, " #endif"),
            (100, 15, " #ifndef MP-WEIXIN"),
            (120, 9, "* #ifdefX"),
        ];
        let ranges = excluded(comments, VUE2);
        assert_eq!(ranges, [(10, 50), (115, usize::MAX)]);
        assert!(is_excluded(&ranges, 30));
        assert!(!is_excluded(&ranges, 70));
        assert!(is_excluded(&ranges, 200));
        assert_eq!(blank("ab\n定d", &[(1, 6)]), " ".repeat(0) + "a \n   d");
    }
}

/// What the WeChat build of a uni-app source project compiles: the
/// conditional-compilation names that hold besides `MP-WEIXIN` and `MP`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Build {
    /// `VUE3` holds (manifest `vueVersion` is "3", or the project builds with
    /// Vite); otherwise `VUE2` does.
    pub vue3: bool,
    /// `UNI-APP-X` holds: a uni-app x project.
    pub uni_app_x: bool,
}
