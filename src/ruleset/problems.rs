//! Everything that can be wrong with the rule tables: spelling, references
//! between tables, duplicates, missing sources. [`Ruleset::problems`] is the
//! one place the tables are validated: the built-in data must have none (a
//! test checks it), and a `--rules FILE` with any is an exit-2 error.

use std::collections::HashSet;
use std::fmt;

use super::template::{parse_row, OPEN_TYPE_ATTRS};
use super::{ApiKind, LibraryHook, PathStep, Ruleset, WhenCalled, OWNER_KINDS};

/// One thing wrong with one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The table, named as in a `--rules` file (`privacy_apis`).
    pub table: &'static str,
    /// The row's id: its `api`, `key`, `name`, `factory`, or
    /// `module.export` (with the path) for a library hook.
    pub row: String,
    /// What is wrong, as the rest of a sentence about the row.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: `{}` {}", self.table, self.row, self.message)
    }
}

/// The table names, as the top-level keys of a `--rules` file.
pub(super) mod table {
    pub const PRIVACY_APIS: &str = "privacy_apis";
    pub const PRIVACY_KEYS: &str = "privacy_keys";
    pub const REQUIRED_PRIVATE_INFOS: &str = "required_private_infos";
    pub const DEPRECATED_APIS: &str = "deprecated_apis";
    pub const CONSENT_APIS: &str = "consent_apis";
    pub const OBJECT_FACTORIES: &str = "object_factories";
    pub const FRAMEWORKS: &str = "frameworks";
    pub const LIBRARY_HOOKS: &str = "library_hooks";
}

/// The `confidence` values of a privacy_apis row.
const CONFIDENCES: [&str; 4] = ["official", "official-plugin", "official-guide", "derived"];

/// The `confidence` values of a privacy_keys row.
const KEY_CONFIDENCES: [&str; 2] = ["confirmed", "partly-confirmed"];

/// The `group` values of a requiredPrivateInfos value.
const GROUPS: [&str; 3] = ["fuzzy", "precise", "choose"];

/// The namespace rows are written with; calls through other namespaces
/// (`uni.`, `Taro.`) are matched to it through the frameworks table.
const CANONICAL_NAMESPACE: &str = "wx";

/// Collects problems.
#[derive(Default)]
struct Problems(Vec<Problem>);

impl Problems {
    fn add(&mut self, table: &'static str, row: &str, message: impl Into<String>) {
        self.0.push(Problem {
            table,
            row: row.to_owned(),
            message: message.into(),
        });
    }

    fn source(&mut self, table: &'static str, row: &str, source: &str) {
        if !is_url(source) {
            self.add(table, row, "has no source URL");
        }
    }
}

/// The id of a library hook row: `taro-hooks.useUserInfo [1, "getUserProfile"]`.
pub(super) fn hook_id(hook: &LibraryHook) -> String {
    if hook.path.is_empty() {
        return format!("{}.{}", hook.module, hook.export);
    }
    let steps: Vec<String> = hook
        .path
        .iter()
        .map(|s| match s {
            PathStep::Index(i) => i.to_string(),
            PathStep::Key(k) => format!("{k:?}"),
        })
        .collect();
    format!("{}.{} [{}]", hook.module, hook.export, steps.join(", "))
}

/// The rows of `table` whose id appears more than once.
pub(super) fn duplicates<T>(
    table: &'static str,
    rows: &[T],
    id: impl Fn(&T) -> String,
) -> Vec<Problem> {
    let mut out = Problems::default();
    let ids: Vec<String> = rows.iter().map(id).collect();
    for (i, row) in ids.iter().enumerate() {
        if let Some(first) = ids[..i].iter().position(|r| r == row) {
            out.add(
                table,
                row,
                format!("is listed twice (rows {first} and {i}); keep one"),
            );
        }
    }
    out.0
}

/// Everything wrong with `r`.
pub(super) fn problems(r: &Ruleset) -> Vec<Problem> {
    let mut out = Problems::default();
    let namespaces: Vec<&str> = r
        .frameworks
        .iter()
        .flat_map(|f| &f.namespaces)
        .map(String::as_str)
        .collect();
    let spelled = |out: &mut Problems, table, api: &str, kind| {
        if let Some(problem) = spelling(api, kind, &namespaces) {
            out.add(table, api, problem);
        }
    };

    use table::*;
    out.0
        .extend(duplicates(PRIVACY_APIS, &r.apis, |a| a.api.clone()));
    let factory_types: HashSet<&str> = r.factories.iter().map(|f| f.type_name.as_str()).collect();
    for row in &r.apis {
        spelled(&mut out, PRIVACY_APIS, &row.api, row.kind);
        if row.privacy_keys.is_empty() {
            out.add(PRIVACY_APIS, &row.api, "has no privacy_keys");
        }
        for key in &row.privacy_keys {
            if r.key(key).is_none() {
                out.add(
                    PRIVACY_APIS,
                    &row.api,
                    format!("maps to unknown privacy key `{key}` (add it to privacy_keys)"),
                );
            }
        }
        out.source(PRIVACY_APIS, &row.api, &row.source);
        if !CONFIDENCES.contains(&row.confidence.as_str()) {
            out.add(
                PRIVACY_APIS,
                &row.api,
                format!(
                    "has confidence `{}`; expected one of {}",
                    row.confidence,
                    CONFIDENCES.join(", ")
                ),
            );
        }
        if row.confidence == "derived" && row.note.is_none() {
            out.add(
                PRIVACY_APIS,
                &row.api,
                "is derived and needs a note saying what it is derived from",
            );
        }
        if row.kind == ApiKind::Method {
            if let Some((object, _)) = row.api.split_once('.') {
                if !factory_types.contains(object) {
                    out.add(
                        PRIVACY_APIS,
                        &row.api,
                        format!("is a method of `{object}`, which no object_factories row hands out, so it never matches (add an object_factories row of type `{object}`)"),
                    );
                }
            }
        }
        if row.when_called != WhenCalled::Asks
            && !matches!(row.kind, ApiKind::Api | ApiKind::Method)
        {
            out.add(
                PRIVACY_APIS,
                &row.api,
                format!(
                    "has `when_called` on a `{}` row; only api and method rows are called",
                    kind_name(row.kind)
                ),
            );
        }
        if r.factories.iter().any(|f| f.factory == row.api)
            && row.when_called != WhenCalled::CreatesObject
        {
            out.add(
                PRIVACY_APIS,
                &row.api,
                "is an object_factories factory: give it `\"when_called\": \"creates-object\"` (creating the object asks for nothing; its methods do)",
            );
        }
    }

    out.0
        .extend(duplicates(PRIVACY_KEYS, &r.keys, |k| k.key.clone()));
    for key in &r.keys {
        if !is_ident(&key.key) {
            out.add(
                PRIVACY_KEYS,
                &key.key,
                "is not a privacy_key name (letters and digits)",
            );
        }
        out.source(PRIVACY_KEYS, &key.key, &key.source);
        if !KEY_CONFIDENCES.contains(&key.confidence.as_str()) {
            out.add(
                PRIVACY_KEYS,
                &key.key,
                format!(
                    "has confidence `{}`; expected one of {}",
                    key.confidence,
                    KEY_CONFIDENCES.join(", ")
                ),
            );
        }
        let mapped = r.apis.iter().any(|a| a.privacy_keys.contains(&key.key));
        if key.detectable != mapped {
            out.add(
                PRIVACY_KEYS,
                &key.key,
                if mapped {
                    "has `detectable: false`, but privacy_apis rows map to it"
                } else {
                    "has `detectable: true`, but no privacy_apis row maps to it"
                },
            );
        }
    }

    location_problems(r, &mut out);

    out.0
        .extend(duplicates(DEPRECATED_APIS, &r.deprecated, |d| {
            d.api.clone()
        }));
    for row in &r.deprecated {
        spelled(&mut out, DEPRECATED_APIS, &row.api, row.kind);
        out.source(DEPRECATED_APIS, &row.api, &row.source);
        if !is_url(&row.doc_url) {
            out.add(DEPRECATED_APIS, &row.api, "has no doc_url URL");
        }
        if !is_date(&row.since) {
            out.add(
                DEPRECATED_APIS,
                &row.api,
                format!("has since `{}`; expected a date, YYYY-MM-DD", row.since),
            );
        }
        // The help reads "use {replacement} instead": a noun phrase, not a
        // sentence of its own.
        let first = row.replacement.split_whitespace().next().unwrap_or("");
        if row.replacement.trim().is_empty()
            || row.replacement.ends_with('.')
            || ["Collect", "collect", "Use", "use"].contains(&first)
        {
            out.add(
                DEPRECATED_APIS,
                &row.api,
                format!(
                    "has replacement {:?}, which does not read inside \"use … instead\" (write a noun phrase without a final period)",
                    row.replacement
                ),
            );
        }
    }

    out.0
        .extend(duplicates(CONSENT_APIS, &r.consent, |c| c.api.clone()));
    for row in &r.consent {
        spelled(&mut out, CONSENT_APIS, &row.api, row.kind);
        out.source(CONSENT_APIS, &row.api, &row.source);
    }

    out.0
        .extend(duplicates(OBJECT_FACTORIES, &r.factories, |f| {
            f.factory.clone()
        }));
    for row in &r.factories {
        if let Some(problem) = spelling(&row.factory, ApiKind::Api, &namespaces) {
            out.add(OBJECT_FACTORIES, &row.factory, problem);
        }
        if !is_type_name(&row.type_name) {
            out.add(
                OBJECT_FACTORIES,
                &row.factory,
                format!(
                    "has type `{}`; a type is an identifier starting with a capital (`RecorderManager`)",
                    row.type_name
                ),
            );
        }
        out.source(OBJECT_FACTORIES, &row.factory, &row.source);
        let prefix = format!("{}.", row.type_name);
        if !r
            .apis
            .iter()
            .any(|a| a.kind == ApiKind::Method && a.api.starts_with(&prefix))
        {
            out.add(
                OBJECT_FACTORIES,
                &row.factory,
                format!(
                    "hands out `{}`, which has no method rows in privacy_apis",
                    row.type_name
                ),
            );
        }
    }

    framework_problems(r, &mut out);

    out.0.extend(duplicates(LIBRARY_HOOKS, &r.hooks, hook_id));
    for hook in &r.hooks {
        let id = hook_id(hook);
        out.source(LIBRARY_HOOKS, &id, &hook.source);
        if hook.module.trim().is_empty() {
            out.add(LIBRARY_HOOKS, &id, "has an empty module");
        }
        if !is_ident(&hook.export) {
            out.add(
                LIBRARY_HOOKS,
                &id,
                format!(
                    "has export `{}`, which is not a JavaScript identifier",
                    hook.export
                ),
            );
        }
        if r.api(&hook.api).is_none() {
            out.add(
                LIBRARY_HOOKS,
                &id,
                format!("maps to `{}`, which no privacy_apis row has", hook.api),
            );
        }
    }
    out.0
}

/// The problems of `rules/required-private-infos.json`.
fn location_problems(r: &Ruleset, out: &mut Problems) {
    use table::REQUIRED_PRIVATE_INFOS as T;
    let l = &r.location;
    out.source(T, "source", &l.source);
    out.0.extend(duplicates(T, &l.values, |v| v.name.clone()));
    for v in &l.values {
        if !is_ident(&v.name) {
            out.add(T, &v.name, "is not a JavaScript identifier");
        }
        if v.api != format!("{CANONICAL_NAMESPACE}.{}", v.name) {
            out.add(
                T,
                &v.name,
                format!(
                    "has api `{}`; expected `{CANONICAL_NAMESPACE}.{}`",
                    v.api, v.name
                ),
            );
        }
        if r.api(&v.api).is_none() {
            out.add(
                T,
                &v.name,
                format!("declares `{}`, which no privacy_apis row has", v.api),
            );
        }
        if !GROUPS.contains(&v.group.as_str()) {
            out.add(
                T,
                &v.name,
                format!(
                    "has group `{}`; expected one of {}",
                    v.group,
                    GROUPS.join(", ")
                ),
            );
        }
        if let Some(scope) = &v.permission_scope {
            if spelling(scope, ApiKind::AuthorizeScope, &[]).is_some() {
                out.add(
                    T,
                    &v.name,
                    format!("has permission_scope `{scope}`; expected `scope.name` or null"),
                );
            }
        }
    }
    for name in l.exclusive.fuzzy.iter().chain(&l.exclusive.precise) {
        if r.required_value(name).is_none() {
            out.add(
                T,
                "exclusive",
                format!("lists `{name}`, which is not one of the values"),
            );
        }
    }
    out.source(T, "exclusive", &l.exclusive.source);
    for api in &l.background.apis {
        if r.required_value_for_api(api).is_none() {
            out.add(
                T,
                "background",
                format!("lists `{api}`, which is not the api of one of the values"),
            );
        }
    }
    out.source(T, "background", &l.background.source);
    if l.permission.desc_max_chars == 0 {
        out.add(T, "permission", "has desc_max_chars 0");
    }
    out.source(T, "permission", &l.permission.source);
}

/// The problems of the framework rows: names, identifiers, extensions,
/// constructor kinds and sources.
fn framework_problems(r: &Ruleset, out: &mut Problems) {
    use table::FRAMEWORKS as T;
    out.0
        .extend(duplicates(T, &r.frameworks, |f| f.name.clone()));
    for f in &r.frameworks {
        out.source(T, &f.name, &f.source);
        for ns in &f.namespaces {
            if !is_ident(ns) {
                out.add(
                    T,
                    &f.name,
                    format!("namespace `{ns}` is not a JavaScript identifier"),
                );
            }
        }
        for ext in &f.extensions {
            let bare = ext.strip_prefix('.').unwrap_or("");
            if bare.is_empty() || !bare.chars().all(|c| c.is_ascii_alphanumeric()) {
                out.add(
                    T,
                    &f.name,
                    format!("extension `{ext}` must be a dot and letters, like `.wpy`"),
                );
            }
        }
        for m in f.modules.iter().chain(&f.compiled_modules) {
            if m.trim().is_empty() || m.starts_with('/') {
                out.add(
                    T,
                    &f.name,
                    format!("module `{m}` must be a module name or a path ending"),
                );
            }
        }
        for (name, kind) in &f.constructors {
            if !name.split('.').all(is_ident) || name.split('.').count() > 2 {
                out.add(
                    T,
                    &f.name,
                    format!("constructor `{name}` must be a name or `object.name`"),
                );
            }
            if !OWNER_KINDS.contains(&kind.as_str()) {
                out.add(
                    T,
                    &f.name,
                    format!(
                        "constructor `{name}` registers `{kind}`; expected one of {}",
                        OWNER_KINDS.join(", ")
                    ),
                );
            }
        }
    }
}

/// Why `api` is not spelled as a row of `kind` must be, if it is not.
/// `namespaces` are the frameworks' globals, named in the message when a row
/// uses one instead of `wx`.
fn spelling(api: &str, kind: ApiKind, namespaces: &[&str]) -> Option<String> {
    match kind {
        ApiKind::Api => {
            let Some((ns, name)) = api.split_once('.') else {
                return Some(format!("is not written `{CANONICAL_NAMESPACE}.name`"));
            };
            if ns != CANONICAL_NAMESPACE {
                return Some(if namespaces.contains(&ns) {
                    format!("is written with `{ns}.`; rows use `{CANONICAL_NAMESPACE}.` and `{ns}.` calls match them through the frameworks table")
                } else {
                    format!("has namespace `{ns}`, which is not `{CANONICAL_NAMESPACE}` nor a namespace of the frameworks table; rows are written `{CANONICAL_NAMESPACE}.name`")
                });
            }
            (!is_ident(name))
                .then(|| format!("has name `{name}`, which is not a JavaScript identifier"))
        }
        ApiKind::Method => match api.split_once('.') {
            Some((object, method)) if is_type_name(object) && is_ident(method) => None,
            _ => Some("is not written `Type.method` (`RecorderManager.start`)".to_owned()),
        },
        ApiKind::Component | ApiKind::OpenType => {
            let row = match parse_row(api) {
                Ok(row) => row,
                Err(problem) => return Some(problem),
            };
            let open_type = row
                .attr
                .as_ref()
                .is_some_and(|(name, _)| OPEN_TYPE_ATTRS.contains(&name.as_str()));
            match (kind, open_type) {
                (ApiKind::OpenType, false) => Some(
                    "is an open-type row without an `open-type` attribute (`<button open-type=\"getPhoneNumber\">`)"
                        .to_owned(),
                ),
                (ApiKind::Component, true) => {
                    Some("has an `open-type` attribute: give it kind `open-type`".to_owned())
                }
                _ => None,
            }
        }
        ApiKind::AuthorizeScope => match api.split_once('.') {
            Some(("scope", name)) if is_ident(name) => None,
            _ => Some("is not written `scope.name` (`scope.record`)".to_owned()),
        },
    }
}

/// The `kind` value as written in the tables.
fn kind_name(kind: ApiKind) -> &'static str {
    match kind {
        ApiKind::Api => "api",
        ApiKind::Method => "method",
        ApiKind::Component => "component",
        ApiKind::OpenType => "open-type",
        ApiKind::AuthorizeScope => "authorize-scope",
    }
}

/// A JavaScript identifier (ASCII).
fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// `RecorderManager`: an identifier starting with a capital.
fn is_type_name(s: &str) -> bool {
    is_ident(s) && s.starts_with(|c: char| c.is_ascii_uppercase())
}

fn is_url(s: &str) -> bool {
    s.starts_with("https://") || s.starts_with("http://")
}

/// `2021-04-28`.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
        && (1..=12).contains(&s[5..7].parse::<u8>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u8>().unwrap_or(0))
}
