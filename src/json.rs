//! JSON with positions, for the config files whose findings must point at a
//! place: `project.config.json`, `app.json`, `privacy.json`.
//!
//! Parsing goes through `jsonc-parser`, which keeps byte ranges and duplicate
//! keys. Comments and trailing commas are tolerated (uni-app's `pages.json`
//! and `manifest.json` are JSONC); anything else that is not JSON is an error
//! with a position. [`parse_strict`] reads a native mini program's config
//! files, which WeChat DevTools compiles only when they are strict JSON.

pub use jsonc_parser::ast::{Object, ObjectProp, Value};
pub use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions};

/// A JSON syntax error: byte range and message.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    /// Byte offset of the error.
    pub offset: usize,
    /// Length in bytes of the offending text.
    pub len: usize,
    /// What the parser expected or found.
    pub message: String,
}

/// Parses `text`. `Ok(None)` means the text holds no value (empty file).
pub fn parse(text: &str) -> Result<Option<Value<'_>>, SyntaxError> {
    parse_with(text, true)
}

/// Parses `text` as [`parse`] does, and also tells the first comment or
/// trailing comma, which strict JSON does not allow: `Ok((value, Some(err)))`.
/// Strict text is parsed once.
pub fn parse_strict(text: &str) -> Result<(Option<Value<'_>>, Option<SyntaxError>), SyntaxError> {
    match parse_with(text, false) {
        Ok(value) => Ok((value, None)),
        Err(strict) => parse_with(text, true).map(|value| (value, Some(strict))),
    }
}

fn parse_with(text: &str, lenient: bool) -> Result<Option<Value<'_>>, SyntaxError> {
    let options = ParseOptions {
        allow_comments: lenient,
        allow_trailing_commas: lenient,
        allow_loose_object_property_names: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    match jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &options) {
        Ok(result) => Ok(result.value),
        Err(err) => {
            let range = err.range();
            Err(SyntaxError {
                offset: range.start,
                len: range.end.saturating_sub(range.start),
                message: err.kind().to_string(),
            })
        }
    }
}

/// The value of the last property called `name` (JSON.parse keeps the last one).
pub fn get<'b, 'a>(object: &'b Object<'a>, name: &str) -> Option<&'b ObjectProp<'a>> {
    object
        .properties
        .iter()
        .rev()
        .find(|prop| prop.name.as_str() == name)
}

/// A key written twice in one object.
#[derive(Debug, Clone)]
pub struct DuplicateKey {
    /// The key.
    pub key: String,
    /// Byte offset of its first occurrence (the opening quote).
    pub first: usize,
    /// Byte range of this later occurrence.
    pub range: jsonc_parser::common::Range,
}

/// Every key written again in the same object, anywhere in `value`, in
/// source order. `JSON.parse` (and [`get`]) keep the last value.
pub fn duplicate_keys(value: &Value<'_>) -> Vec<DuplicateKey> {
    fn walk(value: &Value<'_>, out: &mut Vec<DuplicateKey>) {
        match value {
            Value::Object(object) => {
                let mut seen: std::collections::HashMap<&str, usize> =
                    std::collections::HashMap::new();
                for prop in &object.properties {
                    let range = prop.name.range();
                    match seen.entry(prop.name.as_str()) {
                        std::collections::hash_map::Entry::Occupied(first) => {
                            out.push(DuplicateKey {
                                key: prop.name.as_str().to_owned(),
                                first: *first.get(),
                                range,
                            })
                        }
                        std::collections::hash_map::Entry::Vacant(slot) => {
                            slot.insert(range.start);
                        }
                    }
                    walk(&prop.value, out);
                }
            }
            Value::Array(array) => array.elements.iter().for_each(|e| walk(e, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut out);
    out.sort_by_key(|d| d.range.start);
    out
}

/// The JSON type name of a value, for "expected an array, found a string" messages.
pub fn type_name(value: &Value<'_>) -> &'static str {
    match value {
        Value::StringLit(_) => "a string",
        Value::NumberLit(_) => "a number",
        Value::BooleanLit(_) => "a boolean",
        Value::Object(_) => "an object",
        Value::Array(_) => "an array",
        Value::NullKeyword(_) => "null",
    }
}

/// The string content of a value, if it is a string.
pub fn as_str<'b>(value: &'b Value<'_>) -> Option<&'b str> {
    match value {
        Value::StringLit(s) => Some(&s.value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn strict_json_tells_the_first_comment_or_trailing_comma() {
        let (value, strict) = super::parse_strict("{\"a\": [1]}").unwrap();
        assert!(value.is_some() && strict.is_none());
        for (text, at, message) in [
            ("{\n  // note\n  \"a\": 1\n}", 4, "Comments are not allowed"),
            (
                "{\"a\": [1,], \"b\": 2}",
                8,
                "Trailing commas are not allowed",
            ),
        ] {
            let (value, strict) = super::parse_strict(text).unwrap();
            assert!(value.is_some(), "the rest is still read");
            let strict = strict.expect("not strict");
            assert_eq!(
                (strict.offset, strict.message.as_str()),
                (at, message),
                "{text}"
            );
        }
        assert!(super::parse_strict("{\"a\": 'x'}").is_err());
    }

    use super::*;

    #[test]
    fn syntax_errors_have_positions() {
        let err = parse("{\n  \"pages\": [\"a\",, ]\n}").unwrap_err();
        assert_eq!(
            &"{\n  \"pages\": [\"a\",, ]\n}"[err.offset..err.offset + 1],
            ","
        );
        assert!(!err.message.is_empty());
    }

    #[test]
    fn comments_and_trailing_commas_are_tolerated() {
        let value = parse("{ // c\n \"a\": [1,], }").unwrap().unwrap();
        let Value::Object(obj) = value else { panic!() };
        assert!(get(&obj, "a").is_some());
    }

    #[test]
    fn duplicate_keys_are_found_at_every_depth() {
        let text = r#"{"a": 1, "b": {"c": 1, "c": 2, "d": [{"e": 0, "e": 0}]}, "a": 2}"#;
        let value = parse(text).unwrap().unwrap();
        let found: Vec<(String, &str, &str)> = duplicate_keys(&value)
            .into_iter()
            .map(|d| (d.key, &text[d.first..], &text[d.range.start..d.range.end]))
            .map(|(k, first, this)| (k, &first[..3], this))
            .collect();
        assert_eq!(
            found,
            [
                ("c".to_owned(), "\"c\"", "\"c\""),
                ("e".to_owned(), "\"e\"", "\"e\""),
                ("a".to_owned(), "\"a\"", "\"a\"")
            ]
        );
        let plain = parse(r#"{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]}"#)
            .unwrap()
            .unwrap();
        assert!(duplicate_keys(&plain).is_empty());
    }

    #[test]
    fn nesting_past_512_levels_is_a_syntax_error_not_a_crash() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let err = parse(&deep).unwrap_err();
        assert!(err.message.contains("nesting depth"), "{}", err.message);
        let fine = format!("{}{}", "[".repeat(500), "]".repeat(500));
        assert!(parse(&fine).is_ok());
    }

    #[test]
    fn last_duplicate_key_wins() {
        let text = r#"{"a": 1, "a": "two"}"#;
        let Some(Value::Object(obj)) = parse(text).unwrap() else {
            panic!()
        };
        assert_eq!(as_str(&get(&obj, "a").unwrap().value), Some("two"));
    }
}
