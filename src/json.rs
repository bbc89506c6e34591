//! JSON with positions, for the config files whose findings must point at a
//! place: `project.config.json`, `app.json`, `privacy.json`.
//!
//! Parsing goes through `jsonc-parser`, which keeps byte ranges and duplicate
//! keys. Comments and trailing commas are tolerated (WeChat DevTools writes
//! neither, but hand-edited files have them); anything else that is not JSON is
//! an error with a position.

pub use jsonc_parser::ast::{Array, Object, ObjectProp, Value};
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
    let options = ParseOptions {
        allow_comments: true,
        allow_trailing_commas: true,
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
    fn last_duplicate_key_wins() {
        let text = r#"{"a": 1, "a": "two"}"#;
        let Some(Value::Object(obj)) = parse(text).unwrap() else {
            panic!()
        };
        assert_eq!(as_str(&get(&obj, "a").unwrap().value), Some("two"));
    }
}
