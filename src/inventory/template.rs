//! The WXML inventory: template elements that touch private data or handle
//! consent, matched against the template rows of the rule data.
//!
//! Rows like `<camera>` match the tag; `<functional-page-navigator
//! name="loginAndGetUserInfo">` the tag and attribute; `<button
//! open-type="getPhoneNumber">` an `open-type`/`openType` value on ANY tag,
//! because component libraries forward it (`<van-button>`, `<t-button>`);
//! `<input type="nickname">` a `type` on any tag for the same reason
//! (`<van-field type="nickname">`). `open-type` values are split on `|`, and
//! string literals inside `{{ }}` count.

use swc_ecma_ast::{BinaryOp, Expr, Lit};

use crate::parse::wxml::{Attr, Document, Element};
use crate::ruleset::{Matcher, Ruleset, OPEN_TYPE_ATTRS};

use super::js::RawUse;

/// `<open-data type>` values that still show data (group names are not personal).
const OPEN_DATA_STILL_WORKING: [&str; 1] = ["groupName"];

/// The values an attribute can take: split on `|`, and for `{{ }}`
/// expressions the string literals inside them.
pub(super) fn attr_values(attr: &Attr) -> Vec<String> {
    let Some(raw) = &attr.value else {
        return Vec::new();
    };
    let mut pieces = Vec::new();
    let mut rest = &**raw;
    while let Some(start) = rest.find("{{") {
        pieces.push(rest[..start].to_owned());
        let after = &rest[start + 2..];
        let end = after.find("}}").unwrap_or(after.len());
        pieces.extend(string_literals(&after[..end]));
        rest = after.get(end + 2..).unwrap_or("");
    }
    pieces.push(rest.to_owned());
    pieces
        .iter()
        .flat_map(|p| p.split('|'))
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect()
}

/// The strings an expression can evaluate to: `'a'`, both branches of
/// `c ? 'a' : 'b'`, the operands of `||`, `&&` and `??`. A literal that is
/// only compared (`openType === 'getUserInfo' ? '' : openType`) is not a value.
fn string_literals(expr: &str) -> Vec<String> {
    fn values(expr: &Expr, out: &mut Vec<String>) {
        crate::stack::guard(|| values_of(expr, out));
    }
    fn values_of(expr: &Expr, out: &mut Vec<String>) {
        match expr {
            Expr::Lit(Lit::Str(s)) => out.push(s.value.to_atom_lossy().to_string()),
            Expr::Tpl(t) if t.exprs.is_empty() => out.extend(
                t.quasis
                    .iter()
                    .filter_map(|q| q.cooked.as_ref().map(|c| c.to_atom_lossy().to_string())),
            ),
            Expr::Paren(p) => values(&p.expr, out),
            Expr::Seq(s) => {
                if let Some(last) = s.exprs.last() {
                    values(last, out);
                }
            }
            Expr::Cond(c) => {
                values(&c.cons, out);
                values(&c.alt, out);
            }
            Expr::Bin(b)
                if matches!(
                    b.op,
                    BinaryOp::LogicalOr | BinaryOp::LogicalAnd | BinaryOp::NullishCoalescing
                ) =>
            {
                values(&b.left, out);
                values(&b.right, out);
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Some(parsed) = crate::parse::expression(expr) {
        let ((), grew) = crate::stack::walk(|| values(&parsed, &mut out));
        // The expression is not measured: a long one is taken apart.
        let deep = crate::stack::is_deep(grew, 0) || expr.len() >= 16 * 1024;
        crate::stack::drop_tree(parsed, deep);
    }
    out
}

/// Where `element` matches `matcher`: the tag name, or for a row matching
/// any tag, the attribute. `values` caches the values of the element's
/// attributes ([`attr_values`]) across the matchers, by attribute index.
fn element_matches(
    element: &Element,
    matcher: &Matcher,
    values: &mut Vec<Option<Vec<String>>>,
) -> Option<(usize, usize)> {
    if let Some(tag) = &matcher.tag {
        if element.name != *tag {
            return None;
        }
    }
    let tag_span = (element.name_offset, element.name.len());
    let Some((name, value)) = &matcher.attr else {
        return Some(tag_span);
    };
    let open_type = OPEN_TYPE_ATTRS.contains(&name.as_str());
    for (i, a) in element.attrs.iter().enumerate() {
        let named = if open_type {
            OPEN_TYPE_ATTRS.contains(&&*a.name)
        } else {
            a.name == *name
        };
        if !named {
            continue;
        }
        if values.len() != element.attrs.len() {
            values.clear();
            values.resize(element.attrs.len(), None);
        }
        if values[i]
            .get_or_insert_with(|| attr_values(a))
            .iter()
            .any(|v| v == value)
        {
            return Some(if matcher.tag.is_some() {
                tag_span
            } else {
                (a.name_offset, a.name.len())
            });
        }
    }
    None
}

/// Records every template use in `doc`. Offsets are bytes of the WXML text.
pub fn collect(doc: &Document, ruleset: &Ruleset) -> Vec<RawUse> {
    collect_elements(&doc.elements, ruleset)
}

/// Records every use among `elements`, start tags as WXML would write them
/// (kebab-case tag names). JSX and Vue templates come here too, once their
/// tags are put into that shape. Offsets are those of the elements.
pub fn collect_elements(elements: &[Element], ruleset: &Ruleset) -> Vec<RawUse> {
    let matchers = ruleset.template_matchers();
    // The attribute names any row looks at: most elements have none of them,
    // and then only the rows of a bare tag can match.
    let mut attr_names: Vec<&str> = matchers
        .iter()
        .filter_map(|m| m.attr.as_ref().map(|(name, _)| name.as_str()))
        .collect();
    if attr_names.iter().any(|n| OPEN_TYPE_ATTRS.contains(n)) {
        attr_names.extend(OPEN_TYPE_ATTRS);
    }
    let mut out = Vec::new();
    let mut values = Vec::new();
    for element in elements {
        values.clear();
        let has_row_attr = element.attrs.iter().any(|a| attr_names.contains(&&*a.name));
        for matcher in matchers {
            if matcher.attr.is_some() && !has_row_attr {
                continue;
            }
            let Some((offset, len)) = element_matches(element, matcher, &mut values) else {
                continue;
            };
            if matcher.api == "<open-data>"
                && element
                    .attr("type")
                    .and_then(|t| t.value.as_deref())
                    .is_none_or(|t| OPEN_DATA_STILL_WORKING.contains(&t.trim()))
            {
                continue;
            }
            out.push(RawUse {
                api: matcher.api.clone(),
                offset,
                len,
                scope: None,
                library: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::wxml;

    fn apis(src: &str) -> Vec<(String, String)> {
        let ruleset = Ruleset::builtin();
        collect(&wxml::read(src), &ruleset)
            .into_iter()
            .map(|u| (u.api, src[u.offset..u.offset + u.len].to_owned()))
            .collect()
    }

    #[test]
    fn literals_that_are_only_compared_are_not_values() {
        // @vant/weapp's button forwards its openType and only compares it.
        let src = r#"<button open-type="{{ disabled || loading || (canIUseGetUserProfile && openType === 'getUserInfo') ? '' : openType }}" />
<button open-type="{{ phone ? 'getPhoneNumber' : (avatar && 'chooseAvatar') }}" />
<button open-type="{{ [1, 'getUserInfo'] }}" />"#;
        assert_eq!(
            apis(src)
                .into_iter()
                .map(|(api, _)| api)
                .collect::<Vec<_>>(),
            [
                r#"<button open-type="chooseAvatar">"#,
                r#"<button open-type="getPhoneNumber">"#
            ]
        );
        assert_eq!(
            string_literals(" a ?? `chooseAvatar` "),
            ["chooseAvatar"],
            "template literals without expressions count"
        );
        assert!(string_literals("{ a: 'getUserInfo' }").is_empty());
    }

    #[test]
    fn open_type_on_any_tag_split_and_in_expressions() {
        let src = r#"<button open-type="getPhoneNumber|agreePrivacyAuthorization" bindgetphonenumber="p">x</button>
<van-button open-type="chooseAvatar" />
<t-button openType="getRealtimePhoneNumber" />
<button open-type="{{ cond ? 'getRealtimePhoneNumber' : '' }}">y</button>
<button open-type="share">z</button>"#;
        assert_eq!(
            apis(src),
            [
                (
                    r#"<button open-type="getPhoneNumber">"#.to_owned(),
                    "open-type".to_owned()
                ),
                (
                    r#"<button open-type="agreePrivacyAuthorization">"#.to_owned(),
                    "open-type".to_owned()
                ),
                (
                    r#"<button open-type="chooseAvatar">"#.to_owned(),
                    "open-type".to_owned()
                ),
                (
                    r#"<button open-type="getRealtimePhoneNumber">"#.to_owned(),
                    "openType".to_owned()
                ),
                (
                    r#"<button open-type="getRealtimePhoneNumber">"#.to_owned(),
                    "open-type".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn components_nickname_and_open_data() {
        let src = r#"<camera device-position="back" /><live-pusher url="{{u}}" />
<voip-room openid="{{o}}"></voip-room>
<input type="nickname" /><van-field type="nickname" /><input type="text" />
<functional-page-navigator name="loginAndGetUserInfo"><button>登录</button></functional-page-navigator>
<open-data type="userNickName" /><open-data type="groupName" />
<!-- <camera /> <button open-type="getPhoneNumber"> -->"#;
        let found = apis(src);
        let names: Vec<&str> = found.iter().map(|(a, _)| a.as_str()).collect();
        assert_eq!(
            names,
            [
                "<camera>",
                "<live-pusher>",
                "<voip-room>",
                r#"<input type="nickname">"#,
                r#"<input type="nickname">"#,
                r#"<functional-page-navigator name="loginAndGetUserInfo">"#,
                "<open-data>",
            ]
        );
        assert_eq!(found[0].1, "camera");
        assert_eq!(found[3].1, "type");
    }
}
