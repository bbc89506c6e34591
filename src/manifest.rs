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

use crate::declaration::DeclaredKey;
use crate::diagnostic::Location;
use crate::inventory::Use;
use crate::ruleset::Ruleset;
use crate::Audit;

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
}

impl Declared {
    fn of(entry: &DeclaredKey) -> Declared {
        Declared {
            privacy_text: entry.privacy_text.clone(),
            sdk: entry.sdk.clone(),
            location: entry.location.clone(),
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

        let declared_entry = |key: &str| -> Option<Declared> {
            let declaration = audit.declaration.as_ref()?;
            // A `setting_list` entry wins over an SDK's.
            declaration
                .keys
                .iter()
                .filter(|k| k.key == key)
                .min_by_key(|k| k.sdk.is_some())
                .map(Declared::of)
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
        if let Some(declaration) = &audit.declaration {
            for entry in &declaration.keys {
                if by_key.contains_key(entry.key.as_str())
                    || unused.iter().any(|u| u.key == entry.key)
                {
                    continue;
                }
                let (name_zh, name_en) = names(ruleset, &entry.key);
                unused.push(UnusedKey {
                    key: entry.key.clone(),
                    name_zh,
                    name_en,
                    detectable: ruleset.key(&entry.key).is_some_and(|k| k.detectable),
                    declared: declared_entry(&entry.key).unwrap_or_else(|| Declared::of(entry)),
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
        }
    }

    /// The needed key called `key`.
    pub fn needed(&self, key: &str) -> Option<&NeededKey> {
        self.needed.iter().find(|k| k.key == key)
    }
}

/// `projectname` from project.config.json, else the audited folder's name.
fn project_name(audit: &Audit) -> String {
    let from_config = std::fs::read(audit.project.path_of("project.config.json"))
        .ok()
        .and_then(|bytes| {
            let text = crate::source::decode(&bytes).0;
            match crate::json::parse(&text) {
                Ok(Some(crate::json::Value::Object(obj))) => crate::json::get(&obj, "projectname")
                    .and_then(|p| crate::json::as_str(&p.value))
                    .map(|s| percent_decode(s.trim())),
                _ => None,
            }
        })
        .filter(|name| !name.is_empty());
    from_config.unwrap_or_else(|| {
        let root = &audit.project.root;
        std::fs::canonicalize(root)
            .ok()
            .as_deref()
            .unwrap_or(root)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| root.display().to_string())
    })
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
