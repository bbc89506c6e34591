//! Stage 0, configuration: `mpaudit.json` in the audited folder, or the file
//! `--config` names.
//!
//! ```json
//! {
//!   "severity": { "deprecated-api": "off", "privacy-call-on-launch": "error" },
//!   "ignore": ["vendor/", "**/*.min.js"],
//!   "declaration": "config/privacy.json",
//!   "rules": "mpaudit-rules.json",
//!   "third-party": "warning",
//!   "max-file-size": "10MB",
//!   "first-party-hosts": ["example.com"]
//! }
//! ```
//!
//! Every problem in the file (a syntax error, an unknown key, an unknown rule
//! id, a value of the wrong type) is an `invalid-config` finding with its
//! position, and the rest of the file still applies. Command-line flags win
//! over the file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use crate::config_file::type_name_in;
use crate::diagnostic::{Finding, Severity};
use crate::i18n::{t, Lang};
use crate::json::{self, Ranged, Value};
use crate::rule::Rule;

/// The file looked for in the audited folder.
pub const FILE_NAME: &str = "mpaudit.json";

/// The keys `mpaudit.json` may hold.
pub const KEYS: &[&str] = &[
    "$schema",
    "severity",
    "ignore",
    "declaration",
    "rules",
    "third-party",
    "max-file-size",
    "first-party-hosts",
    "framework",
    "lang",
];

/// The values of `framework` (what `mpaudit init` detected).
pub const FRAMEWORKS: &[&str] = &["native", "taro", "uni-app", "wepy", "mpx"];

/// The JSON schema of `mpaudit.json` (`mpaudit.schema.json` at the
/// repository root is this text; a test keeps it so): every key, and every
/// rule id of `rules` under `severity` with its summary.
pub fn schema(rules: &[&'static Rule]) -> String {
    use serde_json::{json, Map, Value as Json};
    let severity: Map<String, Json> = rules
        .iter()
        .map(|rule| {
            let level = json!({ "$ref": "#/definitions/level", "description": rule.summary });
            (rule.code.to_owned(), level)
        })
        .collect();
    let schema = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://raw.githubusercontent.com/mpaudit/mpaudit/main/mpaudit.schema.json",
        "title": "mpaudit.json",
        "description": "Configuration of mpaudit, the privacy auditor for WeChat Mini Programs. Command-line flags win over this file.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "$schema": { "type": "string" },
            "severity": {
                "description": "Per-rule severity: \"off\" drops the rule's findings.",
                "type": "object",
                "additionalProperties": false,
                "properties": severity,
            },
            "ignore": {
                "description": "Glob patterns (gitignore conventions) of files and folders not audited, relative to the audited folder.",
                "type": "array",
                "items": { "type": "string" },
            },
            "declaration": {
                "description": "The privacy declaration (privacy.json), relative to this file.",
                "type": "string",
            },
            "rules": {
                "description": "Extra rule tables: a rules file relative to this file, or the tables inline (the format of --rules).",
                "oneOf": [{ "type": "string" }, { "type": "object" }, { "type": "array" }],
            },
            "max-file-size": {
                "description": "Files larger than this are not audited (a file-too-large warning): bytes, or a number with a unit B, KB, MB or GB (powers of 1024). Default 10MB.",
                "oneOf": [
                    { "type": "integer", "minimum": 1 },
                    { "type": "string", "pattern": "^\\s*[0-9]+\\s*([bB]|[kKmMgG]([iI]?[bB])?)?\\s*$" },
                ],
            },
            "lang": {
                "description": "The language of findings, reports and errors: zh (中文) or en. --lang overrides it; without either, LC_ALL, LC_MESSAGES or LANG decide (zh* is Chinese).",
                "type": "string",
                "enum": ["zh", "en"],
            },
            "third-party": {
                "description": "How findings in miniprogram_npm code count.",
                "type": "string",
                "enum": ["error", "warning", "off"],
            },
            "first-party-hosts": {
                "description": "The app's own request hosts, for identity-in-url: a host (api.example.com) or a parent domain covering its subdomains (example.com). Without it, the domain the app's own code sends the most requests to.",
                "type": "array",
                "items": { "type": "string", "minLength": 1 },
            },
            "framework": {
                "description": "The framework `mpaudit init` detected (informational: mpaudit detects it on every run).",
                "type": "string",
                "enum": FRAMEWORKS,
            },
        },
        "definitions": {
            "level": {
                "description": "\"warn\" is accepted for \"warning\".",
                "type": "string",
                "enum": ["off", "warning", "error", "warn"],
            },
        },
    });
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// A rule's severity as configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The rule reports nothing.
    Off,
    /// Findings are warnings.
    Warning,
    /// Findings are errors.
    Error,
}

/// Extra rule tables, as `--rules FILE` gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RulesSource {
    /// A rules file, resolved against the config file's folder.
    File(PathBuf),
    /// Tables written inline in the config file: its text with everything
    /// outside the `rules` value blanked (newlines kept), so that errors in
    /// them have the config file's own line and column.
    Inline {
        /// The config file's path, for messages.
        origin: String,
        /// The padded text.
        text: String,
    },
}

/// The configuration of one run.
#[derive(Debug, Default)]
pub struct Config {
    /// The config file, relative to the audited folder (or as given when it is
    /// outside); `None` when there is none.
    pub file: Option<String>,
    /// Per-rule severity overrides.
    pub severity: BTreeMap<&'static str, Level>,
    /// Files and folders not audited.
    pub ignore: Ignore,
    /// The privacy declaration, resolved against the config file's folder.
    pub declaration: Option<PathBuf>,
    /// Extra rule tables.
    pub rules: Option<RulesSource>,
    /// How findings in third-party code count.
    pub third_party: Option<ThirdParty>,
    /// Files larger than this many bytes are not audited.
    pub max_file_size: Option<u64>,
    /// The app's own request hosts (a host, or a parent domain covering its
    /// subdomains), for `identity-in-url`; empty: guessed from the code.
    pub first_party_hosts: Vec<String>,
    /// The language of the run's texts (`lang`), when the file names one.
    pub lang: Option<Lang>,
}

/// Glob patterns of files and folders not audited, matched against paths
/// relative to the audited folder, with gitignore's conventions: a pattern
/// without `/` matches at any depth, a leading `/` anchors it to the audited
/// folder, and a folder pattern covers everything below it.
#[derive(Debug, Default)]
pub struct Ignore {
    set: Option<GlobSet>,
}

impl Ignore {
    /// Builds the matcher; `Err` names the first pattern that is not a glob.
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Result<Ignore, String> {
        let mut builder = GlobSetBuilder::new();
        let mut any = false;
        for pattern in patterns {
            for glob in expand(pattern) {
                let glob = GlobBuilder::new(&glob)
                    .literal_separator(true)
                    .backslash_escape(true)
                    .build()
                    .map_err(|e| format!("`{pattern}` is not a valid glob: {}", e.kind()))?;
                builder.add(glob);
                any = true;
            }
        }
        if !any {
            return Ok(Ignore::default());
        }
        let set = builder.build().map_err(|e| e.to_string())?;
        Ok(Ignore { set: Some(set) })
    }

    /// Whether `rel` (relative to the audited folder, `/`-separated) is ignored.
    pub fn is_ignored(&self, rel: &str) -> bool {
        self.set.as_ref().is_some_and(|set| set.is_match(rel))
    }

    /// Whether any pattern was given.
    pub fn is_empty(&self) -> bool {
        self.set.is_none()
    }
}

/// The globs one pattern stands for: `vendor/` → `**/vendor`, `**/vendor/**`.
fn expand(pattern: &str) -> Vec<String> {
    let trimmed = pattern.trim();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return Vec::new();
    }
    let body = trimmed.trim_end_matches('/');
    let (anchored, body) = match body.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (body.contains('/'), body.strip_prefix("./").unwrap_or(body)),
    };
    if body.is_empty() {
        return Vec::new();
    }
    let base = if anchored || body.starts_with("**/") {
        body.to_owned()
    } else {
        format!("**/{body}")
    };
    let mut globs = vec![base.clone()];
    if !base.ends_with("/**") {
        globs.push(format!("{base}/**"));
    }
    globs
}

/// Reads the configuration: `explicit` (`--config FILE`) or `mpaudit.json` in
/// `folder`. Problems in the file become findings; `Err` only when an
/// explicitly named file cannot be read. `rules` are the rules whose ids the
/// file may name (`checks::ALL_RULES`). `lang` is the language of the run
/// as the caller knows it (`--lang`, else the environment); `lang_fixed`
/// says it came from `--lang`, which wins over the file's own `lang`. The
/// file's findings are written in the language the run ends up with.
pub fn load(
    folder: &Path,
    explicit: Option<&Path>,
    rules: &[&'static Rule],
    (lang, lang_fixed): (Lang, bool),
    findings: &mut Vec<Finding>,
) -> Result<Config, String> {
    let (path, rel) = match explicit {
        Some(path) => {
            let rel = match path.strip_prefix(folder) {
                Ok(inner) => crate::fs::slash_path(inner),
                Err(_) => std::path::absolute(path)
                    .unwrap_or_else(|_| path.to_path_buf())
                    .display()
                    .to_string(),
            };
            (path.to_path_buf(), rel)
        }
        None => {
            let path = folder.join(FILE_NAME);
            if !path.is_file() {
                return Ok(Config::default());
            }
            (path, FILE_NAME.to_owned())
        }
    };
    if explicit.is_some() {
        if let Err(err) = std::fs::metadata(&path) {
            return Err(t!(
                lang,
                "config-cannot-read",
                file = path.display().to_string(),
                error = err.to_string()
            ));
        }
    }
    let Some(text) = crate::fs::read_text(&path, &rel, u64::MAX, lang, findings) else {
        return Ok(Config::default());
    };
    let base = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let mut config = Config {
        file: Some(rel.clone()),
        ..Config::default()
    };
    let parsed = json::parse(&text);
    // The file's `lang` decides the language of its own findings too.
    let file_lang = match &parsed {
        Ok(Some(Value::Object(object))) => object
            .properties
            .iter()
            .find(|prop| prop.name.as_str() == "lang")
            .and_then(|prop| json::as_str(&prop.value))
            .and_then(Lang::parse),
        _ => None,
    };
    let mut reader = Reader {
        rel: &rel,
        text: &text,
        rules,
        lang: if lang_fixed {
            lang
        } else {
            file_lang.unwrap_or(lang)
        },
        findings,
    };
    match parsed {
        Err(err) => reader
            .findings
            .push(crate::config_file::json_syntax_finding(
                &rel,
                &text,
                &err,
                reader.lang,
            )),
        Ok(None) => {}
        Ok(Some(Value::Object(object))) => {
            for prop in &object.properties {
                let key = prop.name.as_str();
                let value = &prop.value;
                match key {
                    "$schema" => {}
                    // Informational: what `mpaudit init` detected; discovery
                    // detects the framework on every run.
                    "framework" => {
                        if let Some(name) = reader.string(value, key) {
                            if !FRAMEWORKS.contains(&name) {
                                let lang = reader.lang;
                                reader.wrong(value, |_| {
                                    t!(
                                        lang,
                                        "config-framework",
                                        frameworks = FRAMEWORKS.join(", "),
                                        name = name
                                    )
                                });
                            }
                        }
                    }
                    "severity" => reader.severity(value, &mut config.severity),
                    "ignore" => config.ignore = reader.ignore(value),
                    "declaration" => {
                        if let Some(p) = reader.string(value, key) {
                            config.declaration = Some(base.join(p));
                        }
                    }
                    "rules" => config.rules = reader.rules(value, &base),
                    "third-party" => config.third_party = reader.third_party(value),
                    "max-file-size" => config.max_file_size = reader.size(value),
                    "first-party-hosts" => config.first_party_hosts = reader.hosts(value),
                    "lang" => {
                        if let Some(name) = reader.string(value, key) {
                            config.lang = Lang::parse(name);
                            if config.lang.is_none() {
                                let lang = reader.lang;
                                reader.wrong(value, |_| t!(lang, "config-lang", name = name));
                            }
                        }
                    }
                    _ => {
                        let range = prop.name.range();
                        let keys = KEYS[1..]
                            .iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ");
                        let mut finding = crate::config_file::shape_finding(
                            &rel,
                            &text,
                            range,
                            t!(reader.lang, "config-unknown-key", key = key),
                        );
                        finding.help = Some(match suggest_key(key) {
                            Some(known) => t!(
                                reader.lang,
                                "config-unknown-key-did-you-mean",
                                known = known,
                                file = FILE_NAME,
                                keys = keys
                            ),
                            None => t!(
                                reader.lang,
                                "config-unknown-key-help",
                                file = FILE_NAME,
                                keys = keys
                            ),
                        });
                        reader.findings.push(finding);
                    }
                }
            }
        }
        Ok(Some(other)) => {
            let lang = reader.lang;
            reader.wrong(&other, |t| {
                t!(lang, "shape-file-must-be-object", file = &rel, found = t)
            })
        }
    }
    Ok(config)
}

/// "did you mean" for a misspelt or ESLint-style key.
fn suggest_key(key: &str) -> Option<&'static str> {
    let normalized = key.to_ascii_lowercase().replace('_', "-");
    let known = match normalized.as_str() {
        "thirdparty" | "third-party" => "third-party",
        "ignores" | "ignorepatterns" | "exclude" | "ignore" => "ignore",
        "severities" | "rule-severity" | "levels" => "severity",
        "privacy" | "privacy-json" | "declarations" | "declaration" => "declaration",
        _ => return None,
    };
    Some(known)
}

/// Reads values of the config file, reporting what is wrong.
struct Reader<'a> {
    /// The rules whose ids `severity` may name.
    rules: &'a [&'static Rule],
    rel: &'a str,
    text: &'a str,
    /// The language of the findings.
    lang: Lang,
    findings: &'a mut Vec<Finding>,
}

impl Reader<'_> {
    fn wrong(&mut self, value: &Value<'_>, message: impl FnOnce(&str) -> String) {
        self.findings.push(crate::config_file::shape_finding(
            self.rel,
            self.text,
            value.range(),
            message(&type_name_in(self.lang, json::type_name(value))),
        ));
    }

    fn string<'v>(&mut self, value: &'v Value<'_>, key: &str) -> Option<&'v str> {
        let s = json::as_str(value);
        let lang = self.lang;
        if s.is_none() {
            self.wrong(value, |t| {
                t!(lang, "shape-must-be-string", key = key, found = t)
            });
        }
        s
    }

    fn severity(&mut self, value: &Value<'_>, into: &mut BTreeMap<&'static str, Level>) {
        let lang = self.lang;
        let Value::Object(object) = value else {
            self.wrong(value, |t| t!(lang, "config-severity-not-object", found = t));
            return;
        };
        for prop in &object.properties {
            let id = prop.name.as_str();
            let Some(rule) = Rule::find(self.rules, id) else {
                let mut finding = crate::config_file::shape_finding(
                    self.rel,
                    self.text,
                    prop.name.range(),
                    t!(lang, "config-unknown-rule", id = id),
                );
                finding.help = Some(t!(lang, "config-unknown-rule-help"));
                self.findings.push(finding);
                continue;
            };
            let level = match json::as_str(&prop.value) {
                Some("off") => Level::Off,
                Some("warning" | "warn") => Level::Warning,
                Some("error") => Level::Error,
                _ => {
                    self.wrong(&prop.value, |t| {
                        let found = json::as_str(&prop.value)
                            .map(|s| format!("\"{s}\""))
                            .unwrap_or_else(|| t.to_owned());
                        t!(lang, "config-severity-level", id = id, found = found)
                    });
                    continue;
                }
            };
            into.insert(rule.code, level);
        }
    }

    fn ignore(&mut self, value: &Value<'_>) -> Ignore {
        let lang = self.lang;
        let Value::Array(array) = value else {
            self.wrong(value, |t| t!(lang, "config-ignore-not-array", found = t));
            return Ignore::default();
        };
        let mut patterns = Vec::new();
        for element in &array.elements {
            let Some(pattern) = json::as_str(element) else {
                self.wrong(element, |t| t!(lang, "config-ignore-not-string", found = t));
                continue;
            };
            match Ignore::new([pattern]) {
                Ok(_) => patterns.push(pattern),
                Err(message) => {
                    self.findings.push(crate::config_file::shape_finding(
                        self.rel,
                        self.text,
                        element.range(),
                        message,
                    ));
                }
            }
        }
        Ignore::new(patterns).unwrap_or_default()
    }

    fn rules(&mut self, value: &Value<'_>, base: &Path) -> Option<RulesSource> {
        match value {
            Value::StringLit(s) => Some(RulesSource::File(base.join(&*s.value))),
            Value::Object(_) | Value::Array(_) => {
                let range = value.range();
                let padded: String = self.text[..range.start]
                    .chars()
                    .map(|c| if c == '\n' { '\n' } else { ' ' })
                    .collect();
                Some(RulesSource::Inline {
                    origin: self.rel.to_owned(),
                    text: padded + &self.text[range.start..range.end],
                })
            }
            _ => {
                let lang = self.lang;
                self.wrong(value, |t| t!(lang, "config-rules-wrong", found = t));
                None
            }
        }
    }

    fn size(&mut self, value: &Value<'_>) -> Option<u64> {
        let parsed = match value {
            Value::NumberLit(n) => parse_size(n.value),
            Value::StringLit(s) => parse_size(&s.value),
            _ => Err(t!(
                self.lang,
                "config-found",
                found = type_name_in(self.lang, json::type_name(value))
            )),
        };
        parsed
            .map_err(|reason| {
                self.findings.push(crate::config_file::shape_finding(
                    self.rel,
                    self.text,
                    value.range(),
                    t!(self.lang, "config-max-file-size", reason = reason),
                ));
            })
            .ok()
    }

    /// `first-party-hosts`: host names, lowercased; a URL is cut to its host.
    fn hosts(&mut self, value: &Value<'_>) -> Vec<String> {
        let lang = self.lang;
        let Value::Array(array) = value else {
            self.wrong(value, |t| t!(lang, "config-hosts-not-array", found = t));
            return Vec::new();
        };
        let mut hosts = Vec::new();
        for element in &array.elements {
            let host = json::as_str(element).map(|h| {
                let h = h.trim();
                let h = h.split_once("://").map_or(h, |(_, rest)| rest);
                let end = h.find(['/', ':', '?']).unwrap_or(h.len());
                h[..end].trim_start_matches("*.").to_ascii_lowercase()
            });
            match host {
                Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => {
                    hosts.push(host)
                }
                _ => self.wrong(element, |t| t!(lang, "config-hosts-entry", found = t)),
            }
        }
        hosts
    }

    fn third_party(&mut self, value: &Value<'_>) -> Option<ThirdParty> {
        match json::as_str(value) {
            Some("error") => Some(ThirdParty::Error),
            Some("warning" | "warn") => Some(ThirdParty::Warning),
            Some("off") => Some(ThirdParty::Off),
            _ => {
                let lang = self.lang;
                self.wrong(value, |t| {
                    let found = json::as_str(value)
                        .map(|s| format!("\"{s}\""))
                        .unwrap_or_else(|| t.to_owned());
                    t!(lang, "config-third-party", found = found)
                });
                None
            }
        }
    }
}

/// Reads a file size: bytes (`10485760`), or a number with a unit `B`, `KB`,
/// `MB` or `GB` (`10MB`, `512 KB`; units are powers of 1024, case does not
/// matter, `KiB`/`K` are the same as `KB`). At least 1 byte.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let trimmed = text.trim();
    let split = trimmed
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(trimmed.len());
    let (digits, unit) = trimmed.split_at(split);
    if digits.is_empty() {
        return Err(format!("`{text}` does not start with a number"));
    }
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        other => return Err(format!("unknown unit `{other}` (use B, KB, MB or GB)")),
    };
    let number: u64 = digits
        .parse()
        .map_err(|_| format!("`{digits}` is too large"))?;
    let bytes = number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("`{text}` is too large"))?;
    if bytes == 0 {
        return Err("it must be at least 1 byte".to_owned());
    }
    Ok(bytes)
}

/// Applies per-rule severities: drops the findings of rules set to `off`,
/// sets the others.
pub fn apply_severity(findings: &mut Vec<Finding>, severity: &BTreeMap<&'static str, Level>) {
    if severity.is_empty() {
        return;
    }
    findings.retain_mut(|f| match severity.get(f.rule) {
        None => true,
        Some(Level::Off) => false,
        Some(Level::Warning) => {
            f.severity = Severity::Warning;
            true
        }
        Some(Level::Error) => {
            f.severity = Severity::Error;
            true
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> (Config, Vec<Finding>) {
        let dir = std::env::temp_dir().join(format!(
            "mpaudit-config-{}-{}",
            std::process::id(),
            text.len()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(FILE_NAME), text).unwrap();
        let mut findings = Vec::new();
        let config = load(
            &dir,
            None,
            &crate::checks::ALL_RULES,
            (Lang::En, false),
            &mut findings,
        )
        .unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        (config, findings)
    }

    #[test]
    fn reads_every_key() {
        let (config, findings) = load_text(
            r#"{
  "$schema": "x",
  "severity": {"deprecated-api": "off", "privacy-call-on-launch": "error", "no-privacy-declaration": "warning"},
  "ignore": ["vendor/", "**/*.min.js"],
  "declaration": "conf/privacy.json",
  "rules": {"privacy_apis": []},
  "third-party": "warning"
}"#,
        );
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(config.file.as_deref(), Some(FILE_NAME));
        assert_eq!(config.severity.get("deprecated-api"), Some(&Level::Off));
        assert_eq!(
            config.severity.get("privacy-call-on-launch"),
            Some(&Level::Error)
        );
        assert_eq!(config.severity.len(), 3);
        assert!(config.ignore.is_ignored("vendor/a.js"));
        assert!(config.ignore.is_ignored("miniprogram/lib/vendor/a.js"));
        assert!(config.ignore.is_ignored("libs/jq.min.js"));
        assert!(!config.ignore.is_ignored("pages/vendors/a.js"));
        assert!(config
            .declaration
            .as_deref()
            .unwrap()
            .ends_with("conf/privacy.json"));
        assert_eq!(config.third_party, Some(ThirdParty::Warning));
        match config.rules {
            Some(RulesSource::Inline { text, .. }) => {
                assert_eq!(text.lines().count(), 6);
                assert!(text.trim_start().starts_with("{\"privacy_apis\""));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn problems_are_findings_with_positions() {
        let (config, findings) = load_text(
            "{\n  \"rules2\": 1,\n  \"severity\": {\"no-such-rule\": \"off\", \"deprecated-api\": \"loud\"},\n  \"ignore\": \"x\",\n  \"thirdParty\": \"off\"\n}",
        );
        let got: Vec<_> = findings
            .iter()
            .map(|f| {
                (
                    f.rule,
                    f.location.line,
                    f.location.column,
                    f.message.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("invalid-config", 2, 3, "mpaudit.json: unknown key `rules2`"),
                ("invalid-config", 3, 16, "mpaudit.json: unknown rule `no-such-rule`"),
                (
                    "invalid-config",
                    3,
                    57,
                    "mpaudit.json: the severity of `deprecated-api` must be \"off\", \"warning\" or \"error\", found \"loud\""
                ),
                (
                    "invalid-config",
                    4,
                    13,
                    "mpaudit.json: `ignore` must be an array of glob patterns, found a string"
                ),
                ("invalid-config", 5, 3, "mpaudit.json: unknown key `thirdParty`"),
            ]
        );
        assert!(findings[4]
            .help
            .as_deref()
            .unwrap()
            .starts_with("did you mean `third-party`?"));
        assert!(config.severity.is_empty());
        assert!(config.ignore.is_empty());
    }

    #[test]
    fn sizes_take_units() {
        assert_eq!(parse_size("10485760"), Ok(10 << 20));
        assert_eq!(parse_size("10MB"), Ok(10 << 20));
        assert_eq!(parse_size(" 512 kb "), Ok(512 << 10));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert_eq!(parse_size("3m"), Ok(3 << 20));
        assert_eq!(parse_size("7B"), Ok(7));
        for bad in [
            "",
            "MB",
            "10 TB",
            "0",
            "0KB",
            "1.5MB",
            "-1",
            "99999999999999999999",
        ] {
            assert!(parse_size(bad).is_err(), "{bad:?}");
        }
        assert!(parse_size("17179869184GB").is_err(), "overflow");
    }

    #[test]
    fn max_file_size_is_read_as_number_or_text() {
        let (config, findings) = load_text(r#"{"max-file-size": "512KB"}"#);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(config.max_file_size, Some(512 * 1024));
        let (config, findings) = load_text(r#"{"max-file-size": 2048}"#);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(config.max_file_size, Some(2048));
        let (config, findings) = load_text("{\n  \"max-file-size\": \"ten\"}");
        assert_eq!(config.max_file_size, None);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].rule, "invalid-config");
        assert_eq!(
            (findings[0].location.line, findings[0].location.column),
            (2, 20)
        );
        assert!(
            findings[0]
                .message
                .contains("`ten` does not start with a number"),
            "{}",
            findings[0].message
        );
        let (_, findings) = load_text(r#"{"max-file-size": true}"#);
        assert!(
            findings[0].message.ends_with("found a boolean"),
            "{findings:?}"
        );
    }

    #[test]
    fn syntax_error_is_a_finding() {
        let (config, findings) = load_text("{\"severity\": {,}");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].rule, "invalid-config");
        assert!(config.severity.is_empty());
    }

    #[test]
    fn missing_default_file_is_no_config() {
        let mut findings = Vec::new();
        let config = load(
            Path::new("/nonexistent-mpaudit"),
            None,
            &crate::checks::ALL_RULES,
            (Lang::En, false),
            &mut findings,
        )
        .unwrap();
        assert!(config.file.is_none() && findings.is_empty());
        let err = load(
            Path::new("/nonexistent-mpaudit"),
            Some(Path::new("/nonexistent-mpaudit/x.json")),
            &crate::checks::ALL_RULES,
            (Lang::En, false),
            &mut findings,
        )
        .unwrap_err();
        assert!(err.contains("cannot read config file"), "{err}");
    }

    #[test]
    fn ignore_patterns_follow_gitignore_conventions() {
        let ignore = Ignore::new(["/dist", "docs/*.js", "*.min.js", "generated/"]).unwrap();
        assert!(ignore.is_ignored("dist"));
        assert!(ignore.is_ignored("dist/app.js"));
        assert!(!ignore.is_ignored("src/dist/app.js"));
        assert!(ignore.is_ignored("docs/a.js"));
        assert!(!ignore.is_ignored("docs/sub/a.js"));
        assert!(!ignore.is_ignored("x/docs/a.js"));
        assert!(ignore.is_ignored("a/b/c.min.js"));
        assert!(ignore.is_ignored("pages/generated/x.wxml"));
        assert!(!Ignore::default().is_ignored("a.js"));
        assert!(Ignore::new(["a[b"]).is_err());
    }

    #[test]
    fn severities_apply() {
        let location = crate::diagnostic::point("a.js");
        let mut findings = vec![
            Finding::new(
                &crate::checks::deprecated_api::DEPRECATED_API,
                location.clone(),
                "a",
            ),
            Finding::new(
                &crate::checks::undeclared_privacy_type::UNDECLARED_PRIVACY_TYPE,
                location.clone(),
                "b",
            ),
            Finding::new(
                &crate::checks::privacy_call_on_launch::PRIVACY_CALL_ON_LAUNCH,
                location,
                "c",
            ),
        ];
        let severity = BTreeMap::from([
            ("deprecated-api", Level::Off),
            ("undeclared-privacy-type", Level::Warning),
            ("privacy-call-on-launch", Level::Error),
        ]);
        apply_severity(&mut findings, &severity);
        let got: Vec<_> = findings.iter().map(|f| (f.rule, f.severity)).collect();
        assert_eq!(
            got,
            [
                ("undeclared-privacy-type", Severity::Warning),
                ("privacy-call-on-launch", Severity::Error)
            ]
        );
    }
}

/// How findings in third-party code (`miniprogram_npm/<package>/`) count:
/// `mpaudit check --third-party`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum ThirdParty {
    /// Each rule keeps its own severity: WeChat's review and its errno-112
    /// check count npm code exactly like the app's own.
    #[default]
    Error,
    /// Error-level findings in npm code become warnings.
    Warning,
    /// No findings for npm code. Its uses stay in the inventory and still
    /// count as uses of the declared types.
    Off,
}
