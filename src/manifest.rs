//! What the project must declare, computed from an [`Audit`]: per privacy
//! type the code needs, its names, the APIs, pages, files and npm packages
//! behind it and what `privacy.json` says about it; the app.json
//! `requiredPrivateInfos` the code needs; and the declared types no code
//! needs.
//!
//! `mpaudit manifest` renders it as a `privacy.json` draft or a Markdown table,
//! and the HTML report (`mpaudit check --format html`) shows it next to the
//! findings.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::{json, Map, Value as JsonValue};

use crate::checks::Weakness;
use crate::declaration::{Declaration, DeclaredKey};
use crate::diagnostic::Location;
use crate::i18n::{t, Lang};
use crate::inventory::Use;
use crate::json;
use crate::ruleset::Ruleset;
use crate::Audit;

pub use crate::declaration::PLACEHOLDER_PREFIX;

/// The placeholder purpose text of a type, e.g.
/// `TODO(mpaudit): 使用位置信息的目的`.
pub fn placeholder(name_zh: &str) -> String {
    format!("{PLACEHOLDER_PREFIX}: 使用{name_zh}的目的")
}

/// The model: what the code needs and what the declaration says.
#[derive(Debug, Clone)]
pub struct Manifest {
    /// `projectname` of project.config.json, else the audited folder's name.
    pub project_name: String,
    /// The declaration file read (relative to the audited folder when inside
    /// it), if the project has one.
    pub declaration: Option<String>,
    /// The privacy types the code needs, in WeChat's catalogue order
    /// (`rules/privacy-keys.json`); keys missing from the catalogue last.
    pub needed: Vec<NeededKey>,
    /// Declared types that no code needs, in declaration order.
    pub unused: Vec<UnusedKey>,
    /// The app.json `requiredPrivateInfos` values the code needs, in the
    /// order of the docs.
    pub required_private_infos: Vec<RequiredInfo>,
    /// Whether the code needs both fuzzy and precise location values, which
    /// cannot be listed together.
    pub required_conflict: bool,
    /// How many pages app.json has (main package and subpackages).
    pub page_count: usize,
    /// The language of the texts (`weak`, [`markdown`]): the audit's.
    pub lang: Lang,
}

/// A privacy type the code needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeededKey {
    /// The `privacy_key`, e.g. `Location`.
    pub key: String,
    /// Chinese name (`位置信息`); the key itself when not in the catalogue.
    pub name_zh: String,
    /// English name (`location`); the key itself when not in the catalogue.
    pub name_en: String,
    /// The APIs that need it, with how often each is used, sorted by API.
    pub apis: Vec<ApiCount>,
    /// Uses in total.
    pub uses: usize,
    /// The app.json pages reaching a use, in app.json order.
    pub pages: Vec<String>,
    /// Files with a use that no page reaches.
    pub unreached_files: Vec<String>,
    /// Files with a use, sorted.
    pub files: Vec<String>,
    /// npm packages (`miniprogram_npm`) with a use, sorted.
    pub packages: Vec<String>,
    /// What the declaration says, when it declares the key.
    pub declared: Option<Declared>,
}

/// One API (or authorize scope) behind a privacy type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ApiCount {
    /// Canonical API: `wx.getLocation`, `<camera>`, `wx.authorize`.
    pub api: String,
    /// The literal scope of an authorize call (`scope.record`).
    pub scope: Option<String>,
    /// Uses.
    pub uses: usize,
}

impl ApiCount {
    /// `wx.getLocation`, or `wx.authorize(scope.record)` for a scope.
    pub fn label(&self) -> String {
        match &self.scope {
            Some(scope) => format!("{}({scope})", self.api),
            None => self.api.clone(),
        }
    }
}

/// A declaration entry of a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    /// The purpose text, if given.
    pub privacy_text: Option<String>,
    /// `Some(sdk_name)` when declared only under `sdk_privacy_info_list`.
    pub sdk: Option<String>,
    /// Where the `privacy_key` value is.
    pub location: Location,
    /// Why `weak-privacy-text` reports the text, in a few words
    /// (`placeholder`, `starts with 为了`, `same text as Camera`).
    pub weak: Option<String>,
}

impl Declared {
    fn of(
        lang: Lang,
        entry: &DeclaredKey,
        weak: Option<&Weakness>,
        declaration: &Declaration,
    ) -> Declared {
        Declared {
            privacy_text: entry.privacy_text.clone(),
            sdk: entry.sdk.clone(),
            location: entry.location.clone(),
            weak: weak.map(|w| match w {
                Weakness::Empty => t!(lang, "manifest-weak-empty"),
                Weakness::Placeholder => t!(lang, "manifest-weak-placeholder"),
                Weakness::TooShort(_) => t!(lang, "manifest-weak-too-short"),
                Weakness::RedundantStart(start) => {
                    t!(lang, "manifest-weak-starts-with", start = *start)
                }
                Weakness::Duplicate(first) => match declaration.keys.get(*first) {
                    Some(k) => t!(lang, "manifest-weak-same-as", key = k.key.as_str()),
                    None => t!(lang, "manifest-weak-same-as-another"),
                },
            }),
        }
    }
}

/// A declared privacy type no code needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnusedKey {
    /// The `privacy_key`.
    pub key: String,
    /// Chinese name; the key itself when not in the catalogue.
    pub name_zh: String,
    /// English name; the key itself when not in the catalogue.
    pub name_en: String,
    /// Whether code could need it at all: false for types such as `Email`
    /// that cover data the developer collects itself, and for custom keys.
    /// Only detectable keys are reported as unused.
    pub detectable: bool,
    /// The declaration entry.
    pub declared: Declared,
}

/// A `requiredPrivateInfos` value the code needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequiredInfo {
    /// The value, e.g. `getLocation`.
    pub name: String,
    /// The API it declares, e.g. `wx.getLocation`.
    pub api: String,
    /// Whether app.json lists it already.
    pub listed: bool,
}

/// Chinese and English names of a key, or the key itself twice.
fn names(ruleset: &Ruleset, key: &str) -> (String, String) {
    match ruleset.key(key) {
        Some(k) => (k.name_zh.clone(), k.name_en.clone()),
        None => (key.to_owned(), key.to_owned()),
    }
}

impl Manifest {
    /// Builds the model from an audit.
    pub fn from_audit(audit: &Audit) -> Manifest {
        let ruleset = &audit.ruleset;
        let uses = &audit.inventory;
        let page_order: BTreeMap<&str, usize> = audit
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.as_str(), i))
            .collect();
        let mut by_key: BTreeMap<&str, Vec<&Use>> = BTreeMap::new();
        for u in uses {
            for key in &u.privacy_keys {
                by_key.entry(key).or_default().push(u);
            }
        }
        let catalogue = |key: &str| {
            ruleset
                .keys
                .iter()
                .position(|k| k.key == key)
                .unwrap_or(usize::MAX)
        };
        let mut keys: Vec<&str> = by_key.keys().copied().collect();
        keys.sort_by_key(|k| (catalogue(k), *k));

        let weak: BTreeMap<usize, Weakness> = audit
            .declaration
            .as_ref()
            .map(|d| crate::checks::weak_texts(d, ruleset).into_iter().collect())
            .unwrap_or_default();
        let declared_entry = |key: &str| -> Option<Declared> {
            let declaration = audit.declaration.as_ref()?;
            // A `setting_list` entry wins over an SDK's.
            declaration
                .keys
                .iter()
                .enumerate()
                .filter(|(_, k)| k.key == key)
                .min_by_key(|(_, k)| k.sdk.is_some())
                .map(|(i, entry)| Declared::of(audit.lang, entry, weak.get(&i), declaration))
        };

        let needed = keys
            .iter()
            .map(|&key| {
                let uses = &by_key[key];
                let mut apis: BTreeMap<(&str, Option<&str>), usize> = BTreeMap::new();
                let mut pages: BTreeSet<&str> = BTreeSet::new();
                let mut unreached: BTreeSet<&str> = BTreeSet::new();
                let mut files: BTreeSet<&str> = BTreeSet::new();
                let mut packages: BTreeSet<&str> = BTreeSet::new();
                for u in uses {
                    let scope = match &u.scope {
                        Some(Some(scope)) => Some(scope.as_str()),
                        _ => None,
                    };
                    *apis.entry((&u.api, scope)).or_default() += 1;
                    pages.extend(u.pages.iter().map(String::as_str));
                    if u.pages.is_empty() {
                        unreached.insert(&u.file);
                    }
                    files.insert(&u.file);
                    if let Some(package) = u.origin.strip_prefix("npm:") {
                        packages.insert(package);
                    }
                }
                let mut pages: Vec<&str> = pages.into_iter().collect();
                pages.sort_by_key(|p| (page_order.get(p).copied().unwrap_or(usize::MAX), *p));
                let (name_zh, name_en) = names(ruleset, key);
                NeededKey {
                    key: key.to_owned(),
                    name_zh,
                    name_en,
                    apis: apis
                        .into_iter()
                        .map(|((api, scope), uses)| ApiCount {
                            api: api.to_owned(),
                            scope: scope.map(str::to_owned),
                            uses,
                        })
                        .collect(),
                    uses: uses.len(),
                    pages: pages.into_iter().map(str::to_owned).collect(),
                    unreached_files: unreached.into_iter().map(str::to_owned).collect(),
                    files: files.into_iter().map(str::to_owned).collect(),
                    packages: packages.into_iter().map(str::to_owned).collect(),
                    declared: declared_entry(key),
                }
            })
            .collect();

        let mut unused: Vec<UnusedKey> = Vec::new();
        // With code unread, a declared type may be needed there: none is unused.
        if let Some(declaration) = audit
            .declaration
            .as_ref()
            .filter(|_| audit.unread.all_code_read())
        {
            for entry in &declaration.keys {
                if by_key.contains_key(entry.key.as_str())
                    || unused.iter().any(|u| u.key == entry.key)
                {
                    continue;
                }
                let Some(declared) = declared_entry(&entry.key) else {
                    continue;
                };
                let (name_zh, name_en) = names(ruleset, &entry.key);
                unused.push(UnusedKey {
                    key: entry.key.clone(),
                    name_zh,
                    name_en,
                    detectable: ruleset.key(&entry.key).is_some_and(|k| k.detectable),
                    declared,
                });
            }
        }

        let listed: BTreeSet<&str> = audit
            .project
            .app
            .required_private_infos
            .iter()
            .map(|v| v.value.as_str())
            .collect();
        let required = crate::checks::required_private_infos(ruleset, uses);
        let exclusive = &ruleset.location.exclusive;
        let required_conflict = required.iter().any(|v| exclusive.fuzzy.contains(&v.name))
            && required.iter().any(|v| exclusive.precise.contains(&v.name));
        Manifest {
            project_name: project_name(audit),
            declaration: audit.declaration.as_ref().map(|d| d.file.clone()),
            needed,
            unused,
            required_private_infos: required
                .into_iter()
                .map(|v| RequiredInfo {
                    name: v.name.clone(),
                    api: v.api.clone(),
                    listed: listed.contains(v.name.as_str()),
                })
                .collect(),
            required_conflict,
            page_count: audit.pages.len(),
            lang: audit.lang,
        }
    }

    /// The needed key called `key`.
    pub fn needed(&self, key: &str) -> Option<&NeededKey> {
        self.needed.iter().find(|k| k.key == key)
    }
}

/// A `privacy.json` draft: the shape of WeChat's setprivacysetting request
/// (`owner_setting`, `setting_list`, `sdk_privacy_info_list`), plus the
/// `requiredPrivateInfos` app.json needs as a top-level key our declaration
/// loader ignores.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The document.
    pub json: JsonValue,
    /// Privacy types in `setting_list`.
    pub settings: usize,
    /// Placeholders left to fill in (`privacy_text` and `owner_setting`).
    pub placeholders: usize,
    /// Declared types left out because no code needs them (detectable ones
    /// only: `Email` and custom keys stay).
    pub dropped: Vec<String>,
}

impl Draft {
    /// Pretty JSON with a final newline.
    pub fn to_text(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.json).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// Builds the draft. With an existing declaration, its `privacy_text` values,
/// `owner_setting` and `sdk_privacy_info_list` are kept, its entries keep
/// their order and the types it lacks are appended; detectable types no code
/// needs are dropped, so the draft loads back without `undeclared-privacy-type`
/// or `unused-privacy-declaration` findings.
pub fn draft(audit: &Audit, manifest: &Manifest) -> Draft {
    let existing = audit
        .declaration
        .as_ref()
        .and_then(|d| d.text.as_deref())
        .and_then(|text| match json::parse(text) {
            Ok(Some(value @ json::Value::Object(_))) => Some(to_serde(&value)),
            _ => None,
        });
    let dropped: Vec<String> = manifest
        .unused
        .iter()
        .filter(|u| u.detectable)
        .map(|u| u.key.clone())
        .collect();
    let mut placeholders = 0;
    let mut text_of = |key: &str, text: Option<&str>| -> String {
        match text.map(str::trim).filter(|t| !t.is_empty()) {
            Some(_) => text.unwrap_or_default().to_owned(),
            None => {
                placeholders += 1;
                let (name_zh, _) = names(&audit.ruleset, key);
                placeholder(&name_zh)
            }
        }
    };

    let mut settings: Vec<JsonValue> = Vec::new();
    let mut listed: BTreeSet<String> = BTreeSet::new();
    let declared = audit.declaration.iter().flat_map(|d| &d.keys);
    for entry in declared.clone().filter(|k| k.sdk.is_none()) {
        if dropped.contains(&entry.key) || !listed.insert(entry.key.clone()) {
            continue;
        }
        let text = text_of(&entry.key, entry.privacy_text.as_deref());
        settings.push(json!({"privacy_key": entry.key, "privacy_text": text}));
    }
    for needed in &manifest.needed {
        // Types declared only under an SDK stay there.
        if needed.declared.is_some() || listed.contains(&needed.key) {
            continue;
        }
        let text = text_of(&needed.key, None);
        settings.push(json!({"privacy_key": needed.key, "privacy_text": text}));
    }

    let mut doc = Map::new();
    let owner = existing
        .as_ref()
        .and_then(|e| e.get("owner_setting"))
        .filter(|o| o.is_object())
        .cloned();
    let owner = owner.unwrap_or_else(|| {
        placeholders += 2;
        json!({
            "contact_email": format!("{PLACEHOLDER_PREFIX}: 联系邮箱（邮箱、电话、QQ、微信至少填一项）"),
            "contact_phone": "",
            "contact_qq": "",
            "contact_weixin": "",
            "notice_method": format!("{PLACEHOLDER_PREFIX}: 通知方式，如“弹窗”"),
            "store_expire_timestamp": "",
        })
    });
    doc.insert("owner_setting".into(), owner);
    let count = settings.len();
    doc.insert("setting_list".into(), JsonValue::Array(settings));
    if let Some(mut sdks) = existing
        .as_ref()
        .and_then(|e| e.get("sdk_privacy_info_list"))
        .cloned()
    {
        if let JsonValue::Array(list) = &mut sdks {
            list.retain_mut(|sdk| {
                let Some(JsonValue::Array(items)) = sdk.get_mut("sdk_list") else {
                    return true;
                };
                let before = items.len();
                items.retain(|item| {
                    !item
                        .get("privacy_key")
                        .and_then(JsonValue::as_str)
                        .is_some_and(|k| dropped.iter().any(|d| d == k))
                });
                before == 0 || !items.is_empty()
            });
        }
        doc.insert("sdk_privacy_info_list".into(), sdks);
    }
    doc.insert(
        "requiredPrivateInfos".into(),
        manifest
            .required_private_infos
            .iter()
            .map(|r| JsonValue::from(r.name.as_str()))
            .collect(),
    );
    Draft {
        json: JsonValue::Object(doc),
        settings: count,
        placeholders,
        dropped,
    }
}

/// A JSON value with positions as a plain `serde_json` value.
fn to_serde(value: &json::Value<'_>) -> JsonValue {
    match value {
        json::Value::StringLit(s) => JsonValue::from(s.value.as_ref()),
        json::Value::NumberLit(n) => serde_json::from_str(n.value).unwrap_or(JsonValue::Null),
        json::Value::BooleanLit(b) => JsonValue::Bool(b.value),
        json::Value::NullKeyword(_) => JsonValue::Null,
        json::Value::Array(a) => a.elements.iter().map(to_serde).collect(),
        json::Value::Object(o) => {
            let mut map = Map::new();
            for prop in &o.properties {
                // JSON.parse keeps the last of duplicate keys; so does insert.
                map.insert(prop.name.as_str().to_owned(), to_serde(&prop.value));
            }
            JsonValue::Object(map)
        }
    }
}

/// The Markdown review notes: one table per privacy type the code needs,
/// then the `requiredPrivateInfos` app.json needs and the declared types no
/// code needs.
pub fn markdown(manifest: &Manifest) -> String {
    let lang = manifest.lang;
    let mut md = String::new();
    let _ = writeln!(
        md,
        "## {}\n",
        t!(
            lang,
            "manifest-md-heading",
            project = md_text(&manifest.project_name)
        )
    );
    let undeclared = manifest
        .needed
        .iter()
        .filter(|k| k.declared.is_none())
        .count();
    let declaration = match &manifest.declaration {
        Some(file) => t!(
            lang,
            "manifest-md-undeclared",
            count = undeclared,
            file = md_code(file)
        ),
        None => t!(lang, "inventory-no-declaration"),
    };
    let _ = writeln!(
        md,
        "{}\n",
        t!(
            lang,
            "manifest-md-needs",
            count = manifest.needed.len(),
            declaration = declaration
        )
    );
    let separator = t!(lang, "list-separator");
    let list = |items: &[String]| -> String {
        if items.is_empty() {
            "—".to_owned()
        } else {
            items
                .iter()
                .map(|i| md_code(i))
                .collect::<Vec<_>>()
                .join(&separator)
        }
    };
    for key in &manifest.needed {
        let _ = writeln!(
            md,
            "### {} · {} (`{}`)\n",
            md_text(&key.name_zh),
            md_text(&key.name_en),
            key.key
        );
        md.push_str("| | |\n|---|---|\n");
        let apis = key
            .apis
            .iter()
            .map(|a| format!("{} ×{}", md_code(&a.label()), a.uses))
            .collect::<Vec<_>>()
            .join(&separator);
        let _ = writeln!(md, "| {} | {apis} |", t!(lang, "html-dt-apis"));
        let mut pages = if manifest.page_count > 1 && key.pages.len() == manifest.page_count {
            t!(lang, "pages-every-page", all = manifest.page_count)
        } else {
            list(&key.pages)
        };
        if !key.unreached_files.is_empty() {
            if key.pages.is_empty() {
                pages.clear();
            } else {
                pages.push_str(&t!(lang, "unaudited-source-separator"));
            }
            pages.push_str(&t!(
                lang,
                "html-no-page-reaches",
                file = list(&key.unreached_files)
            ));
        }
        let _ = writeln!(md, "| {} | {pages} |", t!(lang, "html-dt-pages"));
        let _ = writeln!(
            md,
            "| {} | {} |",
            t!(lang, "html-dt-files"),
            list(&key.files)
        );
        let _ = writeln!(
            md,
            "| {} | {} |",
            t!(lang, "manifest-md-packages"),
            list(&key.packages)
        );
        let declared = match &key.declared {
            None if manifest.declaration.is_none() => t!(lang, "inventory-no-declaration"),
            None => format!("**{}**", t!(lang, "manifest-md-not-declared")),
            Some(d) => {
                let text = d
                    .privacy_text
                    .as_deref()
                    .map(md_text)
                    .unwrap_or_else(|| t!(lang, "manifest-md-no-privacy-text"));
                let weak = d
                    .weak
                    .as_deref()
                    .map(|w| t!(lang, "manifest-md-weak", reason = md_text(w)))
                    .unwrap_or_default();
                match &d.sdk {
                    Some(sdk) => t!(
                        lang,
                        "manifest-md-declared-for-sdk",
                        sdk = md_text(sdk),
                        text = text,
                        weak = weak
                    ),
                    None => t!(lang, "manifest-md-declared", text = text, weak = weak),
                }
            }
        };
        let _ = writeln!(
            md,
            "| {} | {declared} |\n",
            t!(lang, "html-column-declared")
        );
    }
    if !manifest.required_private_infos.is_empty() {
        let _ = write!(
            md,
            "### app.json `requiredPrivateInfos`\n\n| {} | API | {} |\n|---|---|---|\n",
            t!(lang, "html-column-value"),
            t!(lang, "html-column-listed-in", file = "app.json"),
        );
        for r in &manifest.required_private_infos {
            let _ = writeln!(
                md,
                "| `{}` | `{}` | {} |",
                r.name,
                r.api,
                if r.listed {
                    t!(lang, "html-yes")
                } else {
                    format!("**{}**", t!(lang, "html-no"))
                }
            );
        }
        if manifest.required_conflict {
            let _ = writeln!(md, "\n{}", t!(lang, "manifest-md-conflict"));
        }
        md.push('\n');
    }
    if !manifest.unused.is_empty() {
        let _ = write!(
            md,
            "### {}\n\n| privacy_key | {} | privacy_text | |\n|---|---|---|---|\n",
            t!(lang, "manifest-md-unused-heading"),
            t!(lang, "manifest-md-type"),
        );
        for u in &manifest.unused {
            let _ = writeln!(
                md,
                "| `{}` | {} · {} | {} | {} |",
                u.key,
                md_text(&u.name_zh),
                md_text(&u.name_en),
                u.declared
                    .privacy_text
                    .as_deref()
                    .map(md_text)
                    .unwrap_or_default(),
                if u.detectable {
                    t!(lang, "manifest-md-unused")
                } else {
                    t!(lang, "manifest-md-not-visible")
                }
            );
        }
    }
    md
}

/// Text for a Markdown table cell: what Markdown or HTML would interpret is
/// escaped, line breaks become spaces.
fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A code span for a table cell (paths, APIs): pipes escaped, backticks
/// fenced.
fn md_code(s: &str) -> String {
    let s = s.replace('|', "\\|").replace(['\n', '\r'], " ");
    if s.contains('`') {
        format!("`` {s} ``")
    } else {
        format!("`{s}`")
    }
}

/// `projectname` from project.config.json, else the audited folder's name.
fn project_name(audit: &Audit) -> String {
    audit
        .project
        .projectname
        .as_deref()
        .map(|name| percent_decode(name.trim()))
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| audit.project.folder_name.clone())
}

/// WeChat DevTools writes a Chinese `projectname` percent-encoded
/// (`%E7%A4%BA%E4%BE%8B`); decodes it when the result is UTF-8.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_names_are_percent_decoded_when_utf8() {
        assert_eq!(percent_decode("%E7%A4%BA%E4%BE%8B-shop"), "示例-shop");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%ZZ"), "%ZZ");
        assert_eq!(percent_decode("%FF"), "%FF");
    }
}
