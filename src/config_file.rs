//! Config files with positions: the `invalid-config` findings for JSON that
//! does not parse, is not strict, repeats a key or has the wrong shape, and
//! [`ConfigNode`], one model of a config value read from JSON (app.json,
//! uni-app's pages.json and manifest.json) or from a JS object literal (Taro's
//! `app.config.ts`), so that one reader serves them all.

use crate::diagnostic::{locate, Finding, Location};
use crate::i18n::{t, Lang};
use crate::json::{self, Ranged, Value};
use crate::rule::pipeline::INVALID_CONFIG;
use crate::source;

/// The property name a spread (`...common`) or a computed key of a JS config
/// object is read as: the object may hold any field.
pub const SPREAD: &str = "...";

/// `invalid-config` for a JSON syntax error.
pub fn json_syntax_finding(rel: &str, text: &str, err: &json::SyntaxError, lang: Lang) -> Finding {
    Finding::new(
        &INVALID_CONFIG,
        locate(rel, text, err.offset, err.len),
        t!(lang, "config-not-json", file = rel, error = &err.message),
    )
    .label(err.message.clone())
    .help(t!(lang, "config-not-json-help"))
}

/// `invalid-config` for a comment or trailing comma in a native config file
/// (`app.json`, a page or component `.json`, `project.config.json`): WeChat
/// DevTools refuses to compile it ("JSON 文件中无法使用注释").
pub fn strict_json_finding(rel: &str, text: &str, err: &json::SyntaxError, lang: Lang) -> Finding {
    Finding::new(
        &INVALID_CONFIG,
        locate(rel, text, err.offset, err.len),
        t!(lang, "config-not-strict-json", file = rel, error = &err.message),
    )
    .label(err.message.clone())
    .help(t!(lang, "config-not-strict-json-help"))
    .url("https://developers.weixin.qq.com/miniprogram/dev/framework/quickstart/code.html#JSON-%E8%AF%AD%E6%B3%95")
}

/// Parses a native config file: a comment or trailing comma is a
/// [`strict_json_finding`], and the rest of the file is still read.
pub fn parse_native<'t>(
    rel: &str,
    text: &'t str,
    lang: Lang,
    findings: &mut Vec<Finding>,
) -> Result<Option<Value<'t>>, json::SyntaxError> {
    let (value, strict) = json::parse_strict(text)?;
    if let Some(err) = strict {
        findings.push(strict_json_finding(rel, text, &err, lang));
    }
    Ok(value)
}

/// `invalid-config` for each key written twice in one object of a config
/// file: the last value applies, as in `JSON.parse`.
pub fn duplicate_key_findings(
    rel: &str,
    text: &str,
    value: &Value<'_>,
    lang: Lang,
) -> Vec<Finding> {
    json::duplicate_keys(value)
        .into_iter()
        .map(|d| {
            let (line, column) = source::position(text, d.first);
            shape_finding(
                rel,
                text,
                d.range,
                t!(
                    lang,
                    "config-duplicate-key",
                    key = &*d.key,
                    line = line.to_string(),
                    column = column.to_string()
                ),
            )
            .label(t!(lang, "config-duplicate-key-label"))
            .help(t!(lang, "config-duplicate-key-help"))
        })
        .collect()
}

/// `invalid-config` for a value of the wrong shape.
pub fn shape_finding(
    rel: &str,
    text: &str,
    range: jsonc_parser::common::Range,
    message: String,
) -> Finding {
    Finding::new(
        &INVALID_CONFIG,
        locate(rel, text, range.start, range.end - range.start),
        format!("{rel}: {message}"),
    )
    .label(message)
}

/// A config value with its byte range in the config file, read from JSON
/// (app.json, uni-app's manifest.json and pages.json) or from the object
/// literal of a Taro `app.config.ts`, so that one reader serves them all.
#[derive(Debug, Clone)]
pub struct ConfigNode {
    /// The value.
    pub value: ConfigValue,
    /// Byte range in the file's text (a string starts at its opening quote).
    pub range: jsonc_parser::common::Range,
}

/// The shape of a [`ConfigNode`].
#[derive(Debug, Clone)]
pub enum ConfigValue {
    /// A string.
    String(String),
    /// `true` / `false`.
    Bool(bool),
    /// A number.
    Number,
    /// `null`.
    Null,
    /// An array (holes and spreads in JS become [`ConfigValue::Other`]).
    Array(Vec<ConfigNode>),
    /// An object, properties in source order, duplicates kept.
    Object(Vec<(String, ConfigNode)>),
    /// Not a literal (a variable, a call, a spread in JS): skipped without a finding.
    Other,
}

impl ConfigNode {
    /// Converts a JSON value.
    pub fn from_json(value: &Value<'_>) -> ConfigNode {
        let range = value.range();
        let value = match value {
            Value::StringLit(s) => ConfigValue::String(s.value.to_string()),
            Value::BooleanLit(b) => ConfigValue::Bool(b.value),
            Value::NumberLit(_) => ConfigValue::Number,
            Value::NullKeyword(_) => ConfigValue::Null,
            Value::Array(a) => ConfigValue::Array(a.elements.iter().map(Self::from_json).collect()),
            Value::Object(o) => ConfigValue::Object(
                o.properties
                    .iter()
                    .map(|p| (p.name.as_str().to_owned(), Self::from_json(&p.value)))
                    .collect(),
            ),
        };
        ConfigNode { value, range }
    }

    /// The value of the last property called `name` (the last one wins, as in
    /// `JSON.parse` and JS object literals).
    pub fn get(&self, name: &str) -> Option<&ConfigNode> {
        match &self.value {
            ConfigValue::Object(props) => {
                props.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v)
            }
            _ => None,
        }
    }

    /// Whether this value, or one inside it, is not a literal
    /// ([`ConfigValue::Other`]) or holds a spread.
    pub fn has_other(&self) -> bool {
        match &self.value {
            ConfigValue::Other => true,
            ConfigValue::Array(items) => items.iter().any(ConfigNode::has_other),
            ConfigValue::Object(props) => props
                .iter()
                .any(|(name, value)| name == SPREAD || value.has_other()),
            _ => false,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            ConfigValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// The type name for "must be an array, found a string" messages; `None`
    /// for a non-literal, which is never reported.
    pub fn type_name(&self) -> Option<&'static str> {
        Some(match &self.value {
            ConfigValue::String(_) => "a string",
            ConfigValue::Number => "a number",
            ConfigValue::Bool(_) => "a boolean",
            ConfigValue::Object(_) => "an object",
            ConfigValue::Array(_) => "an array",
            ConfigValue::Null => "null",
            ConfigValue::Other => return None,
        })
    }
}

/// A JSON type name as [`json::type_name`] and [`ConfigNode::type_name`]
/// write it (`a string`, `an object`…), in `lang`.
pub fn type_name_in(lang: Lang, english: &str) -> String {
    match english {
        "a string" => t!(lang, "json-type-string"),
        "a number" => t!(lang, "json-type-number"),
        "a boolean" => t!(lang, "json-type-boolean"),
        "an object" => t!(lang, "json-type-object"),
        "an array" => t!(lang, "json-type-array"),
        "null" => t!(lang, "json-type-null"),
        other => other.to_owned(),
    }
}

/// A config file's text and where its findings go.
pub(crate) struct ConfigFile<'a> {
    /// Path relative to the audited folder.
    pub rel: &'a str,
    /// The text (BOM stripped).
    pub text: &'a str,
    /// The language of its findings.
    pub lang: Lang,
}

impl ConfigFile<'_> {
    /// `invalid-config` at `node` with `message(type name)`, unless `node` is
    /// not a literal.
    pub fn wrong(
        &self,
        findings: &mut Vec<Finding>,
        node: &ConfigNode,
        message: impl FnOnce(&str) -> String,
    ) {
        if let Some(found) = node.type_name() {
            findings.push(shape_finding(
                self.rel,
                self.text,
                node.range,
                message(&type_name_in(self.lang, found)),
            ));
        }
    }

    /// The location of a node (a string's opening quote).
    pub fn locate(&self, node: &ConfigNode) -> Location {
        locate(
            self.rel,
            self.text,
            node.range.start,
            node.range.end - node.range.start,
        )
    }
}
