//! uni-app conditional compilation: `// #ifdef MP-WEIXIN` … `// #endif`
//! (also `/* #ifdef */` and `<!-- #ifdef -->` in templates). Blocks for the
//! WeChat build are ordinary code; blocks that can never reach it (`#ifdef H5`,
//! `#ifdef APP-PLUS`, `#ifndef MP-WEIXIN`, `#ifndef MP`) are cut out of the
//! inventory, because they never ship in the mini program.
//!
//! The directives are read from the comments the parsers collected (swc's
//! comments for scripts, the WXML reader's for templates), never from the text.

/// Platforms that are always on in the WeChat mini program build.
const WEIXIN: [&str; 2] = ["MP-WEIXIN", "MP"];

/// Whether `platform` is definitely on in the WeChat build (`Some(true)`),
/// definitely off (`Some(false)`), or unknown (`None`: `VUE3`, custom flags).
fn platform(platform: &str) -> Option<bool> {
    let p = platform.trim();
    if WEIXIN.contains(&p) {
        Some(true)
    } else if p.starts_with("MP-")
        || p.starts_with("APP")
        || p.starts_with("QUICKAPP")
        || p == "H5"
        || p == "WEB"
    {
        Some(false)
    } else {
        None
    }
}

/// Whether code under `#ifdef <condition>` (or `#ifndef`) can reach the WeChat
/// build. `A || B` is either, `A && B` both; unknown platforms count as
/// reachable, so a use is never hidden on a guess.
fn reachable(negated: bool, condition: &str) -> bool {
    let any = condition.split("||").any(|term| {
        term.split("&&").all(|p| {
            let on = platform(p);
            if negated {
                on == Some(true)
            } else {
                on != Some(false)
            }
        })
    });
    if negated {
        !any
    } else {
        any
    }
}

/// The byte ranges (of the text the comments come from) inside blocks that
/// cannot reach the WeChat build. `comments` are `(offset, len, text between
/// the delimiters)` in source order. An unclosed block runs to the end.
pub fn excluded<'a>(
    comments: impl IntoIterator<Item = (usize, usize, &'a str)>,
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
                    if !live {
                        out.push((start, offset));
                    }
                }
            }
            continue;
        };
        if !rest.starts_with(char::is_whitespace) {
            continue;
        }
        open.push((reachable(negated, rest), offset + len));
    }
    for (live, start) in open {
        if !live {
            out.push((start, usize::MAX));
        }
    }
    out
}

/// Drops the uses that lie in blocks that cannot reach the WeChat build;
/// `comments` as for [`excluded`], in the offsets of the uses.
pub fn retain_shipped<'a>(
    uses: &mut Vec<super::js::RawUse>,
    comments: impl IntoIterator<Item = (usize, usize, &'a str)>,
) {
    let cut = excluded(comments);
    if !cut.is_empty() {
        uses.retain(|u| !is_excluded(&cut, u.offset));
    }
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
            (false, " VUE3", true),
            (false, " VUE3 && H5", false),
            (true, " MP-WEIXIN", false),
            (true, " MP", false),
            (true, " H5", true),
            (true, " H5 || MP-WEIXIN", false),
            (true, " VUE2", true),
        ] {
            assert_eq!(
                reachable(negated, condition),
                expected,
                "{negated} {condition}"
            );
        }
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
        let ranges = excluded(comments);
        assert_eq!(ranges, [(10, 50), (115, usize::MAX)]);
        assert!(is_excluded(&ranges, 30));
        assert!(!is_excluded(&ranges, 70));
        assert!(is_excluded(&ranges, 200));
        assert_eq!(blank("ab\n定d", &[(1, 6)]), " ".repeat(0) + "a \n   d");
    }
}
