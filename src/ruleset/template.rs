//! The template rows (`component` and `open-type` kinds) as element matchers,
//! parsed once when the tables are loaded.
//!
//! Rows like `<camera>` match the tag; `<functional-page-navigator
//! name="loginAndGetUserInfo">` the tag and attribute; `<button
//! open-type="getPhoneNumber">` an `open-type`/`openType` value on ANY tag,
//! because component libraries forward it (`<van-button>`, `<t-button>`);
//! `<input type="nickname">` a `type` on any tag for the same reason
//! (`<van-field type="nickname">`).

use super::ApiKind;

/// The attribute names that carry an open-type.
pub const OPEN_TYPE_ATTRS: [&str; 2] = ["open-type", "openType"];

/// One way a template element can match a table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matcher {
    /// The canonical row spelling, recorded as the use's `api`.
    pub api: String,
    /// Required tag name; `None` matches any tag.
    pub tag: Option<String>,
    /// Required attribute and value.
    pub attr: Option<(String, String)>,
}

/// A template row taken apart: `<tag>` or `<tag attr="value">`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateRow {
    /// The tag name, e.g. `button`.
    pub tag: String,
    /// The attribute and its value, e.g. `("open-type", "getPhoneNumber")`.
    pub attr: Option<(String, String)>,
}

/// `<tag>` or `<tag attr="value">`, or why the row is not written that way.
pub fn parse_row(api: &str) -> Result<TemplateRow, String> {
    const SHAPE: &str = "must be written `<tag>` or `<tag attr=\"value\">`";
    let inner = api
        .strip_prefix('<')
        .and_then(|s| s.strip_suffix('>'))
        .ok_or_else(|| SHAPE.to_owned())?;
    let (tag, rest) = inner.split_once(' ').unwrap_or((inner, ""));
    if !is_tag_name(tag) {
        return Err(format!(
            "has tag `{tag}`, which is not a tag name (lowercase letters, digits and `-`, starting with a letter)"
        ));
    }
    if rest.is_empty() {
        return Ok(TemplateRow {
            tag: tag.to_owned(),
            attr: None,
        });
    }
    let (name, value) = rest.split_once('=').ok_or_else(|| SHAPE.to_owned())?;
    if !is_attr_name(name) {
        return Err(format!(
            "has attribute `{name}`, which is not an attribute name"
        ));
    }
    let value = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .ok_or_else(|| SHAPE.to_owned())?;
    if value.is_empty()
        || !value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(format!(
            "has attribute value `{value}`; a row matches one value of letters, digits, `-` and `_` (`open-type` values are split on `|`, so a row with `|` never matches)"
        ));
    }
    Ok(TemplateRow {
        tag: tag.to_owned(),
        attr: Some((name.to_owned(), value.to_owned())),
    })
}

/// `camera`, `live-pusher`, `functional-page-navigator`.
fn is_tag_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !name.ends_with('-')
}

/// `open-type`, `openType`, `name`.
fn is_attr_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':')
}

/// The matchers of the component and open-type rows among `rows`, once per
/// spelling. Rows that do not parse match nothing (and are reported by
/// [`super::Ruleset::problems`]).
pub(super) fn matchers<'a>(rows: impl Iterator<Item = (&'a String, ApiKind)>) -> Vec<Matcher> {
    let mut out: Vec<Matcher> = Vec::new();
    for (api, kind) in rows {
        if !matches!(kind, ApiKind::Component | ApiKind::OpenType) {
            continue;
        }
        let Ok(TemplateRow { tag, attr }) = parse_row(api) else {
            continue;
        };
        let any_tag = match &attr {
            // Forwarded by component libraries, so any tag counts.
            Some((name, _)) => OPEN_TYPE_ATTRS.contains(&name.as_str()) || name == "type",
            None => false,
        };
        if out.iter().any(|m| m.api == *api) {
            continue;
        }
        out.push(Matcher {
            api: api.clone(),
            tag: (!any_tag).then_some(tag),
            attr,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_parse() {
        assert_eq!(
            parse_row("<camera>"),
            Ok(TemplateRow {
                tag: "camera".into(),
                attr: None
            })
        );
        assert_eq!(
            parse_row(r#"<button open-type="getPhoneNumber">"#),
            Ok(TemplateRow {
                tag: "button".into(),
                attr: Some(("open-type".into(), "getPhoneNumber".into()))
            })
        );
        assert!(parse_row("wx.getLocation").is_err());
        assert!(parse_row("<foo").is_err());
        assert!(parse_row("<Camera>")
            .unwrap_err()
            .contains("not a tag name"));
        assert!(parse_row("<button open-type=getPhoneNumber>").is_err());
        assert!(parse_row(r#"<button open-type="a|b">"#)
            .unwrap_err()
            .contains("never matches"));
    }

    #[test]
    fn open_type_and_type_rows_match_any_tag() {
        let rows = [
            ("<camera>".to_owned(), ApiKind::Component),
            (r#"<input type="nickname">"#.to_owned(), ApiKind::Component),
            (
                r#"<button open-type="chooseAvatar">"#.to_owned(),
                ApiKind::OpenType,
            ),
            ("<camera>".to_owned(), ApiKind::Component),
            ("wx.getLocation".to_owned(), ApiKind::Api),
        ];
        let got = matchers(rows.iter().map(|(a, k)| (a, *k)));
        let tags: Vec<_> = got.iter().map(|m| m.tag.as_deref()).collect();
        assert_eq!(tags, [Some("camera"), None, None]);
    }
}
