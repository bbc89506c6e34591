//! The rule data: the tables under `rules/` that map WeChat APIs, components and
//! authorize scopes to privacy keys, and describe `requiredPrivateInfos`,
//! deprecated APIs and consent handling.
//!
//! WeChat changes these rules often, so they are data, not code. The built-in
//! tables are compiled in with `include_str!`; `--rules FILE` adds or overrides
//! rows at run time.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use swc_atoms::Atom;

mod problems;
mod template;

pub use problems::Problem;
pub use template::{Matcher, OPEN_TYPE_ATTRS};

use problems::{duplicates, hook_id, table};

/// What kind of thing a table row describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ApiKind {
    /// A `wx.*` function, written `wx.getLocation`.
    Api,
    /// A method of an object WeChat hands out, written `RecorderManager.start`.
    Method,
    /// A WXML component, written `<camera>`.
    Component,
    /// A WXML `open-type` value, written `<button open-type="getPhoneNumber">`.
    OpenType,
    /// A `wx.authorize` scope, written `scope.record`.
    AuthorizeScope,
}

/// One row of `rules/privacy-apis.json`: something that touches private data.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiRule {
    /// Canonical spelling: `wx.getLocation`, `scope.record`, `<camera>`.
    pub api: String,
    /// What `api` names.
    pub kind: ApiKind,
    /// The privacy keys a use requires in the privacy declaration.
    pub privacy_keys: Vec<String>,
    /// Where the mapping comes from (URL).
    pub source: String,
    /// `official`, `official-plugin`, `official-guide` or `derived`.
    pub confidence: String,
    /// Caveats: derived from what, disagreements, unconfirmed points.
    #[serde(default)]
    pub note: Option<String>,
    /// What calling it does: ask for the data (the default), register a
    /// listener, or create an object. The timing rules read it.
    #[serde(default)]
    pub when_called: WhenCalled,
}

/// What calling an API row does, for the rules about when the user is asked
/// (`privacy-call-on-launch`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WhenCalled {
    /// It asks for the data (a permission prompt, a picker) or reads it:
    /// `wx.getLocation`, `wx.chooseImage`, `RecorderManager.start`.
    #[default]
    Asks,
    /// It registers a listener; the data comes later, if something else
    /// started it (`wx.onLocationChange`).
    RegistersListener,
    /// It creates an object whose methods ask (`wx.getRecorderManager`,
    /// `wx.createCameraContext`).
    CreatesObject,
}

impl WhenCalled {
    /// Whether calling the API asks the user for data by itself.
    pub fn asks_user(self) -> bool {
        self == WhenCalled::Asks
    }
}

/// One row of `rules/privacy-keys.json`: a privacy type of the guideline.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivacyKey {
    /// The `privacy_key` value, e.g. `Location`.
    pub key: String,
    /// The Chinese name WeChat shows (`privacy_desc`), e.g. `位置信息`.
    pub name_zh: String,
    /// English gloss.
    pub name_en: String,
    /// The sentence of the rendered guideline, e.g. `收集你的位置信息`.
    #[serde(default)]
    pub sentence_zh: Option<String>,
    /// Whether any API or component triggers it (false for data the developer
    /// collects itself, such as `Email`): undetectable keys are never "unused".
    pub detectable: bool,
    /// `confirmed` or `partly-confirmed`.
    pub confidence: String,
    /// Caveats.
    #[serde(default)]
    pub note: Option<String>,
    /// Where the key is documented (URL).
    pub source: String,
}

/// One of the values WeChat allows in app.json `requiredPrivateInfos`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredValue {
    /// The value as written in app.json, e.g. `getLocation`.
    pub name: String,
    /// The API it declares, e.g. `wx.getLocation`.
    pub api: String,
    /// The Chinese meaning from the docs.
    pub meaning_zh: String,
    /// `fuzzy`, `precise` or `choose`.
    pub group: String,
    /// The app.json `permission` scope whose `desc` a use needs, if any.
    pub permission_scope: Option<String>,
    /// Caveats.
    #[serde(default)]
    pub note: Option<String>,
}

/// Fuzzy and precise location values that must not be declared together.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exclusive {
    /// The fuzzy values (`getFuzzyLocation`).
    pub fuzzy: Vec<String>,
    /// The precise values that exclude the fuzzy ones.
    pub precise: Vec<String>,
    /// Where the exclusion is documented.
    pub source: String,
    /// Caveats.
    #[serde(default)]
    pub note: Option<String>,
}

/// APIs that need a `requiredBackgroundModes` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Background {
    /// Canonical APIs, e.g. `wx.startLocationUpdateBackground`.
    pub apis: Vec<String>,
    /// The mode they need, e.g. `location`.
    pub mode: String,
    /// Where this is documented.
    pub source: String,
    /// Caveats.
    #[serde(default)]
    pub note: Option<String>,
}

/// Facts about app.json `permission`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermissionRules {
    /// The longest `desc` WeChat accepts.
    pub desc_max_chars: usize,
    /// Where this is documented.
    pub source: String,
    /// Caveats.
    #[serde(default)]
    pub note: Option<String>,
}

/// `rules/required-private-infos.json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocationRules {
    /// Where the values are documented.
    pub source: String,
    /// Caveats.
    #[serde(default)]
    pub note: Option<String>,
    /// The allowed values.
    pub values: Vec<RequiredValue>,
    /// The fuzzy/precise exclusion.
    pub exclusive: Exclusive,
    /// Background location.
    pub background: Background,
    /// app.json `permission`.
    pub permission: PermissionRules,
}

/// One row of `rules/deprecated-apis.json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeprecatedApi {
    /// Canonical spelling (`wx.getUserProfile`, `scope.userInfo`, `<open-data>`).
    pub api: String,
    /// What `api` names.
    pub kind: ApiKind,
    /// When it stopped working as before (YYYY-MM-DD).
    pub since: String,
    /// What it gives today.
    pub returns_now: String,
    /// What to use instead.
    pub replacement: String,
    /// `returns_now` in Chinese, for `--lang zh` (English when absent).
    #[serde(default)]
    pub returns_now_zh: Option<String>,
    /// `replacement` in Chinese: a noun phrase that reads after 改用.
    #[serde(default)]
    pub replacement_zh: Option<String>,
    /// The API's documentation.
    pub doc_url: String,
    /// The announcement.
    pub source: String,
    /// Caveats.
    #[serde(default)]
    pub note: Option<String>,
}

/// One row of `rules/consent-apis.json`: something that handles privacy consent.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentApi {
    /// Canonical spelling (`wx.onNeedPrivacyAuthorization`).
    pub api: String,
    /// What `api` names.
    pub kind: ApiKind,
    /// Where it is documented.
    pub source: String,
    /// Caveats.
    #[serde(default)]
    pub note: Option<String>,
}

/// One row of `rules/object-factories.json`: an API that returns an object
/// whose methods may be privacy rows (`RecorderManager.start`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectFactory {
    /// The API that hands the object out, e.g. `wx.getRecorderManager`.
    pub factory: String,
    /// The object type, as used in method rows, e.g. `RecorderManager`.
    #[serde(rename = "type")]
    pub type_name: String,
    /// Where it is documented.
    pub source: String,
}

/// One row of `rules/frameworks.json`: what mpaudit knows about a framework
/// mini programs are written in. Adding a framework, or a fork's namespace,
/// is adding a row.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Short name, e.g. `wepy`.
    pub name: String,
    /// Name for messages, e.g. `WePY`.
    pub title: String,
    /// `package.json` dependencies that mark a project as this framework.
    pub packages: Vec<String>,
    /// Globals that mirror `wx` one to one (`uni`, `Taro`, `wepy`).
    pub namespaces: Vec<String>,
    /// Modules whose default export, namespace import and named exports
    /// mirror `wx` (`@tarojs/taro`, `wepy`).
    pub modules: Vec<String>,
    /// How compiled output requires the framework's runtime: path endings
    /// (`npm/wepy/lib/wepy.js`), matched after a `/`.
    pub compiled_modules: Vec<String>,
    /// Single-file component extensions the framework's sources use
    /// (`.wpy`), read as `<template>` + `<script>` (+ config) blocks.
    pub extensions: Vec<String>,
    /// Functions that register an app, page or component with an object
    /// literal, by name (`createPage`, or `wepy.page` for a member call):
    /// the owner kind (`App`, `Page`, `Component`, `Behavior`) the timing
    /// rules give the object's methods.
    pub constructors: BTreeMap<String, String>,
    /// Where the framework documents this (URL).
    pub source: String,
    /// Caveats, and the sources of the other facts of the row.
    #[serde(default)]
    pub note: Option<String>,
}

/// One row of `rules/library-hooks.json`: a function of a library whose code
/// is not in the project (a Taro hooks library) that hands out, or calls, a
/// WeChat API. `const [, { getUserProfile }] = useUserInfo()` makes the local
/// `getUserProfile` the API `wx.getUserProfile`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryHook {
    /// The module it is imported from (`taro-hooks`).
    pub module: String,
    /// The exported function (`useUserInfo`).
    pub export: String,
    /// Where the API sits in what the call returns: array indexes and object
    /// keys (`[1, "getUserProfile"]`); empty when calling the function itself
    /// calls the API (`useLocation()` gets the location on mount).
    pub path: Vec<PathStep>,
    /// The canonical API (`wx.getUserProfile`, `RecorderManager.start`).
    pub api: String,
    /// The published source the row was read from (URL).
    pub source: String,
    /// Which versions, and caveats.
    #[serde(default)]
    pub note: Option<String>,
}

/// A step into a returned value: an array index or an object key.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum PathStep {
    /// `[a, b]` patterns.
    Index(usize),
    /// `{ key }` patterns.
    Key(String),
}

/// The owner kinds a constructor may register.
pub const OWNER_KINDS: [&str; 4] = ["App", "Page", "Component", "Behavior"];

/// The framework rows indexed for the inventory's hot paths: atoms to compare
/// identifiers with, module names, compiled runtime paths, constructors.
#[derive(Debug, Clone, Default)]
pub struct Namespaces {
    /// Every framework's global namespaces.
    globals: Vec<Atom>,
    /// Module specifiers that mirror `wx`.
    modules: Vec<String>,
    /// Path endings of compiled runtime modules.
    compiled: Vec<String>,
    /// Constructor name (`createPage`, `wepy.page`) → owner kind.
    constructors: HashMap<String, String>,
    /// Modules of the library hook table.
    hook_modules: Vec<String>,
    /// `(module, export)` → the rows of the library hook table.
    hooks: HashMap<(String, String), Vec<LibraryHook>>,
}

impl Namespaces {
    fn new(frameworks: &[Framework], hooks: &[LibraryHook]) -> Self {
        let mut out = Namespaces::default();
        for hook in hooks {
            if !out.hook_modules.contains(&hook.module) {
                out.hook_modules.push(hook.module.clone());
            }
            out.hooks
                .entry((hook.module.clone(), hook.export.clone()))
                .or_default()
                .push(hook.clone());
        }
        for f in frameworks {
            out.globals
                .extend(f.namespaces.iter().map(|n| Atom::from(n.as_str())));
            out.modules.extend(f.modules.iter().cloned());
            out.compiled.extend(f.compiled_modules.iter().cloned());
            for (name, kind) in &f.constructors {
                out.constructors.insert(name.clone(), kind.clone());
            }
        }
        out.globals.dedup();
        out
    }

    /// Whether the identifier `name` is a global namespace (`wx`, `uni`).
    #[inline]
    pub fn is_global(&self, name: &Atom) -> bool {
        self.globals.contains(name)
    }

    /// Whether a module specifier names a module that mirrors `wx`: a
    /// framework module (`@tarojs/taro`), or a compiled runtime path
    /// (`./../npm/wepy/lib/wepy.js`).
    pub fn is_module(&self, specifier: &str) -> bool {
        self.modules.iter().any(|m| m == specifier)
            || self.compiled.iter().any(|end| {
                specifier
                    .strip_suffix(end.as_str())
                    .is_some_and(|before| before.ends_with('/'))
            })
    }

    /// Whether imports from `specifier` may be library hooks (`taro-hooks`).
    pub fn is_hook_module(&self, specifier: &str) -> bool {
        self.hook_modules.iter().any(|m| m == specifier)
    }

    /// The rows of the hook `export` of `module`.
    pub fn hook(&self, module: &str, export: &str) -> &[LibraryHook] {
        self.hooks
            .get(&(module.to_owned(), export.to_owned()))
            .map_or(&[], Vec::as_slice)
    }

    /// The owner kind a constructor registers (`createPage` → `Page`).
    pub fn constructor(&self, name: &str) -> Option<&str> {
        if self.constructors.is_empty() {
            return None;
        }
        self.constructors.get(name).map(String::as_str)
    }
}

/// The shape of a `--rules FILE`: every section optional; rows whose `api`/`key`
/// matches a built-in row replace it, others are added.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(default)]
    privacy_apis: Vec<ApiRule>,
    #[serde(default)]
    privacy_keys: Vec<PrivacyKey>,
    #[serde(default)]
    deprecated_apis: Vec<DeprecatedApi>,
    #[serde(default)]
    consent_apis: Vec<ConsentApi>,
    #[serde(default)]
    object_factories: Vec<ObjectFactory>,
    #[serde(default)]
    frameworks: Vec<Framework>,
    #[serde(default)]
    library_hooks: Vec<LibraryHook>,
    #[serde(default)]
    required_private_infos: Option<Box<LocationOverride>>,
}

/// The `required_private_infos` member of a `--rules FILE`: `values` rows
/// whose `name` matches a built-in value replace it, others are added; the
/// other members, when given, replace the built-in ones.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LocationOverride {
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    values: Vec<RequiredValue>,
    #[serde(default)]
    exclusive: Option<Exclusive>,
    #[serde(default)]
    background: Option<Background>,
    #[serde(default)]
    permission: Option<PermissionRules>,
}

impl RulesFile {
    /// `(table, row id)` → the row's index in this file, for messages.
    fn index(&self) -> HashMap<(&'static str, String), usize> {
        let mut out = HashMap::new();
        let mut add = |table: &'static str, ids: Vec<String>| {
            for (i, id) in ids.into_iter().enumerate() {
                out.entry((table, id)).or_insert(i);
            }
        };
        add(
            table::PRIVACY_APIS,
            self.privacy_apis.iter().map(|r| r.api.clone()).collect(),
        );
        add(
            table::PRIVACY_KEYS,
            self.privacy_keys.iter().map(|r| r.key.clone()).collect(),
        );
        add(
            table::DEPRECATED_APIS,
            self.deprecated_apis.iter().map(|r| r.api.clone()).collect(),
        );
        add(
            table::CONSENT_APIS,
            self.consent_apis.iter().map(|r| r.api.clone()).collect(),
        );
        add(
            table::OBJECT_FACTORIES,
            self.object_factories
                .iter()
                .map(|r| r.factory.clone())
                .collect(),
        );
        add(
            table::FRAMEWORKS,
            self.frameworks.iter().map(|r| r.name.clone()).collect(),
        );
        add(
            table::LIBRARY_HOOKS,
            self.library_hooks.iter().map(hook_id).collect(),
        );
        if let Some(l) = &self.required_private_infos {
            add(
                table::REQUIRED_PRIVATE_INFOS,
                l.values.iter().map(|v| v.name.clone()).collect(),
            );
        }
        out
    }

    /// Rows listed twice in this file (merging would keep only the last).
    fn duplicates(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        out.extend(duplicates(table::PRIVACY_APIS, &self.privacy_apis, |r| {
            r.api.clone()
        }));
        out.extend(duplicates(table::PRIVACY_KEYS, &self.privacy_keys, |r| {
            r.key.clone()
        }));
        out.extend(duplicates(
            table::DEPRECATED_APIS,
            &self.deprecated_apis,
            |r| r.api.clone(),
        ));
        out.extend(duplicates(table::CONSENT_APIS, &self.consent_apis, |r| {
            r.api.clone()
        }));
        out.extend(duplicates(
            table::OBJECT_FACTORIES,
            &self.object_factories,
            |r| r.factory.clone(),
        ));
        out.extend(duplicates(table::FRAMEWORKS, &self.frameworks, |r| {
            r.name.clone()
        }));
        out.extend(duplicates(
            table::LIBRARY_HOOKS,
            &self.library_hooks,
            hook_id,
        ));
        if let Some(l) = &self.required_private_infos {
            out.extend(duplicates(table::REQUIRED_PRIVATE_INFOS, &l.values, |v| {
                v.name.clone()
            }));
        }
        out
    }
}

/// A `--rules FILE` is either the object above or a bare array of API rows.
#[derive(Deserialize)]
#[serde(untagged)]
enum RulesFileShape {
    Rows(Vec<ApiRule>),
    Sections(RulesFile),
}

/// All rule data, indexed for lookups.
#[derive(Debug, Clone)]
pub struct Ruleset {
    /// API / component / scope → privacy keys.
    pub apis: Vec<ApiRule>,
    /// The privacy key catalogue.
    pub keys: Vec<PrivacyKey>,
    /// `requiredPrivateInfos`, background mode and `permission` facts.
    pub location: LocationRules,
    /// Deprecated APIs.
    pub deprecated: Vec<DeprecatedApi>,
    /// Consent handling APIs.
    pub consent: Vec<ConsentApi>,
    /// APIs returning objects with privacy methods.
    pub factories: Vec<ObjectFactory>,
    /// The frameworks mini programs are written in.
    pub frameworks: Vec<Framework>,
    /// [`Self::frameworks`] indexed for the inventory.
    pub namespaces: Arc<Namespaces>,
    /// Functions of libraries that hand out or call WeChat APIs.
    pub hooks: Vec<LibraryHook>,
    api_index: HashMap<String, usize>,
    key_index: HashMap<String, usize>,
    deprecated_index: HashMap<String, usize>,
    /// Member names after `wx.` that the JS visitor must look at.
    wx_members: HashSet<String>,
    /// The component and open-type rows as template element matchers.
    template_matchers: Vec<Matcher>,
}

/// The built-in tables, as compiled in.
pub mod builtin {
    /// `rules/privacy-apis.json`.
    pub const PRIVACY_APIS: &str = include_str!("../../rules/privacy-apis.json");
    /// `rules/privacy-keys.json`.
    pub const PRIVACY_KEYS: &str = include_str!("../../rules/privacy-keys.json");
    /// `rules/required-private-infos.json`.
    pub const REQUIRED_PRIVATE_INFOS: &str =
        include_str!("../../rules/required-private-infos.json");
    /// `rules/deprecated-apis.json`.
    pub const DEPRECATED_APIS: &str = include_str!("../../rules/deprecated-apis.json");
    /// `rules/consent-apis.json`.
    pub const CONSENT_APIS: &str = include_str!("../../rules/consent-apis.json");
    /// `rules/object-factories.json`.
    pub const OBJECT_FACTORIES: &str = include_str!("../../rules/object-factories.json");
    /// `rules/frameworks.json`.
    pub const FRAMEWORKS: &str = include_str!("../../rules/frameworks.json");
    /// `rules/library-hooks.json`.
    pub const LIBRARY_HOOKS: &str = include_str!("../../rules/library-hooks.json");
}

/// Every table, as loaded (built in, or merged with a `--rules FILE`).
struct Tables {
    apis: Vec<ApiRule>,
    keys: Vec<PrivacyKey>,
    location: LocationRules,
    deprecated: Vec<DeprecatedApi>,
    consent: Vec<ConsentApi>,
    factories: Vec<ObjectFactory>,
    frameworks: Vec<Framework>,
    hooks: Vec<LibraryHook>,
}

/// A rules file that could not be used.
#[derive(Debug, Clone)]
pub struct RulesError {
    /// What went wrong, with the file and position.
    pub message: String,
}

impl Ruleset {
    /// The built-in tables. Panics only if the compiled-in data is broken, which
    /// the test suite rules out.
    pub fn builtin() -> Ruleset {
        fn load<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> T {
            serde_json::from_str(text).unwrap_or_else(|e| panic!("built-in rules/{name}: {e}"))
        }
        Ruleset::new(Tables {
            apis: load("privacy-apis.json", builtin::PRIVACY_APIS),
            keys: load("privacy-keys.json", builtin::PRIVACY_KEYS),
            location: load(
                "required-private-infos.json",
                builtin::REQUIRED_PRIVATE_INFOS,
            ),
            deprecated: load("deprecated-apis.json", builtin::DEPRECATED_APIS),
            consent: load("consent-apis.json", builtin::CONSENT_APIS),
            factories: load("object-factories.json", builtin::OBJECT_FACTORIES),
            frameworks: load("frameworks.json", builtin::FRAMEWORKS),
            hooks: load("library-hooks.json", builtin::LIBRARY_HOOKS),
        })
    }

    /// The built-in tables plus the rows of a user `--rules FILE`.
    pub fn with_overrides(path: &Path) -> Result<Ruleset, RulesError> {
        let shown = path.display();
        let text = std::fs::read_to_string(path).map_err(|e| RulesError {
            message: format!("cannot read rules file {shown}: {e}"),
        })?;
        Self::with_overrides_text(&text, &shown.to_string())
    }

    /// The built-in tables plus the rows of a rules file's `text`; `shown`
    /// names it in messages.
    pub fn with_overrides_text(text: &str, shown: &str) -> Result<Ruleset, RulesError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let file = match serde_json::from_str::<RulesFileShape>(text) {
            Ok(RulesFileShape::Rows(rows)) => RulesFile {
                privacy_apis: rows,
                ..RulesFile::default()
            },
            Ok(RulesFileShape::Sections(file)) => file,
            Err(_) => {
                // Untagged enums give poor errors: re-parse as the object form
                // to get the precise line, column and reason.
                let err = serde_json::from_str::<RulesFile>(text)
                    .err()
                    .map(|e| format!("{}:{}:{}: {e}", shown, e.line(), e.column()))
                    .unwrap_or_else(|| format!("{shown}: not a rules file"));
                return Err(RulesError {
                    message: format!(
                        "invalid rules file {err}\n  expected {{\"privacy_apis\": [...], \"privacy_keys\": [...], \"required_private_infos\": {{\"values\": [...]}}, \"deprecated_apis\": [...], \"consent_apis\": [...], \"object_factories\": [...], \"frameworks\": [...], \"library_hooks\": [...]}} or an array of privacy_apis rows"
                    ),
                });
            }
        };
        let index = file.index();
        let shown_problem = |p: &Problem| match index.get(&(p.table, p.row.clone())) {
            Some(i) => format!("{}[{i}] `{}` {}", p.table, p.row, p.message),
            None => p.to_string(),
        };
        let duplicates = file.duplicates();
        if !duplicates.is_empty() {
            let lines: Vec<String> = duplicates.iter().map(shown_problem).collect();
            return Err(RulesError {
                message: format!("invalid rules file {shown}:\n  {}", lines.join("\n  ")),
            });
        }
        let base = Ruleset::builtin();
        let mut location = base.location;
        if let Some(over) = file.required_private_infos {
            let over = *over;
            location.values = merge(location.values, over.values, |v| v.name.clone());
            location.source = over.source.unwrap_or(location.source);
            location.note = over.note.or(location.note);
            location.exclusive = over.exclusive.unwrap_or(location.exclusive);
            location.background = over.background.unwrap_or(location.background);
            location.permission = over.permission.unwrap_or(location.permission);
        }
        let ruleset = Ruleset::new(Tables {
            apis: merge(base.apis, file.privacy_apis, |r| r.api.clone()),
            keys: merge(base.keys, file.privacy_keys, |r| r.key.clone()),
            location,
            deprecated: merge(base.deprecated, file.deprecated_apis, |r| r.api.clone()),
            consent: merge(base.consent, file.consent_apis, |r| r.api.clone()),
            factories: merge(base.factories, file.object_factories, |r| r.factory.clone()),
            frameworks: merge(base.frameworks, file.frameworks, |r| r.name.clone()),
            hooks: merge(base.hooks, file.library_hooks, hook_id),
        });
        let problems = ruleset.problems();
        if problems.is_empty() {
            Ok(ruleset)
        } else {
            let lines: Vec<String> = problems.iter().map(shown_problem).collect();
            Err(RulesError {
                message: format!("invalid rules file {shown}:\n  {}", lines.join("\n  ")),
            })
        }
    }

    fn new(tables: Tables) -> Ruleset {
        let Tables {
            apis,
            keys,
            location,
            deprecated,
            consent,
            factories,
            frameworks,
            hooks,
        } = tables;
        let index = |names: Vec<&String>| -> HashMap<String, usize> {
            names
                .into_iter()
                .enumerate()
                .map(|(i, n)| (n.clone(), i))
                .collect()
        };
        let api_index = index(apis.iter().map(|r| &r.api).collect());
        let key_index = index(keys.iter().map(|r| &r.key).collect());
        let deprecated_index = index(deprecated.iter().map(|r| &r.api).collect());
        let wx_members = apis
            .iter()
            .map(|r| &r.api)
            .chain(deprecated.iter().map(|r| &r.api))
            .chain(consent.iter().map(|r| &r.api))
            .chain(location.values.iter().map(|v| &v.api))
            .filter_map(|api| api.strip_prefix("wx."))
            .map(str::to_owned)
            .chain(AUTHORIZE_APIS.iter().map(|a| a.to_string()))
            .collect();
        let template_matchers = template::matchers(
            apis.iter()
                .map(|r| (&r.api, r.kind))
                .chain(deprecated.iter().map(|r| (&r.api, r.kind)))
                .chain(consent.iter().map(|r| (&r.api, r.kind))),
        );
        Ruleset {
            apis,
            keys,
            location,
            deprecated,
            consent,
            factories,
            namespaces: Arc::new(Namespaces::new(&frameworks, &hooks)),
            frameworks,
            hooks,
            api_index,
            key_index,
            deprecated_index,
            wx_members,
            template_matchers,
        }
    }

    /// The component and open-type rows (of privacy_apis, deprecated_apis
    /// and consent_apis) as template element matchers, built at load.
    pub fn template_matchers(&self) -> &[Matcher] {
        &self.template_matchers
    }

    /// The row for an API, method, component or scope, by canonical spelling.
    pub fn api(&self, api: &str) -> Option<&ApiRule> {
        self.api_index.get(api).map(|&i| &self.apis[i])
    }

    /// The catalogue entry of a privacy key.
    pub fn key(&self, key: &str) -> Option<&PrivacyKey> {
        self.key_index.get(key).map(|&i| &self.keys[i])
    }

    /// The deprecation row for an API or scope.
    pub fn deprecated(&self, api: &str) -> Option<&DeprecatedApi> {
        self.deprecated_index.get(api).map(|&i| &self.deprecated[i])
    }

    /// The object type `wx.<member>` returns, if it is a known factory.
    pub fn factory_type(&self, member: &str) -> Option<&str> {
        self.factories
            .iter()
            .find(|f| f.factory.strip_prefix("wx.") == Some(member))
            .map(|f| f.type_name.as_str())
    }

    /// Whether `Type.method` is a method row of the table.
    pub fn is_method(&self, api: &str) -> bool {
        self.api(api).is_some_and(|r| r.kind == ApiKind::Method)
    }

    /// Whether `api` handles privacy consent.
    pub fn is_consent(&self, api: &str) -> bool {
        self.consent.iter().any(|c| c.api == api)
    }

    /// Whether `wx.<name>` is something the JS visitor should record.
    pub fn is_wx_member(&self, name: &str) -> bool {
        self.wx_members.contains(name)
    }

    /// The `requiredPrivateInfos` value for a canonical API, if it is one.
    pub fn required_value_for_api(&self, api: &str) -> Option<&RequiredValue> {
        self.location.values.iter().find(|v| v.api == api)
    }

    /// The `requiredPrivateInfos` value called `name`.
    pub fn required_value(&self, name: &str) -> Option<&RequiredValue> {
        self.location.values.iter().find(|v| v.name == name)
    }

    /// A privacy key with its Chinese name, for messages in `lang`:
    /// `Location (位置信息)` in English, `位置信息（Location）` in Chinese, as
    /// the MP console names the type first.
    pub fn describe_key_in(&self, lang: crate::i18n::Lang, key: &str) -> String {
        match (self.key(key), lang) {
            (Some(k), crate::i18n::Lang::En) => format!("{} ({})", k.key, k.name_zh),
            (Some(k), crate::i18n::Lang::Zh) => format!("{}（{}）", k.name_zh, k.key),
            (None, _) => key.to_owned(),
        }
    }

    /// Everything wrong with the tables: spelling, rows that reference
    /// nothing (a method row without an object_factories row, an unknown
    /// privacy key), duplicates, rows without a source. Empty for the
    /// built-in data (a test checks it).
    pub fn problems(&self) -> Vec<Problem> {
        problems::problems(self)
    }

    /// Whether calling `api` asks the user for data by itself: true unless
    /// its row says it registers a listener or creates an object (and for
    /// anything without a row).
    pub fn asks_user(&self, api: &str) -> bool {
        self.api(api).is_none_or(|r| r.when_called.asks_user())
    }

    /// The framework a `package.json` dependency marks (`wepy` → WePY).
    pub fn framework_of_package(&self, package: &str) -> Option<&Framework> {
        self.frameworks
            .iter()
            .find(|f| f.packages.iter().any(|p| p == package))
    }

    /// Whether files ending in `extension` (`.wpy`) are single-file
    /// components of some framework.
    pub fn is_component_extension(&self, extension: &str) -> bool {
        self.frameworks
            .iter()
            .any(|f| f.extensions.iter().any(|e| e == extension))
    }
}

/// The authorize functions whose `scope` argument is looked up in the table.
pub const AUTHORIZE_APIS: [&str; 2] = ["authorize", "authorizeForMiniProgram"];

/// Rows of `extra` replace rows of `base` with the same name; new ones are appended.
fn merge<T>(mut base: Vec<T>, extra: Vec<T>, name: impl Fn(&T) -> String) -> Vec<T> {
    for row in extra {
        let id = name(&row);
        match base.iter_mut().find(|r| name(r) == id) {
            Some(slot) => *slot = row,
            None => base.push(row),
        }
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The message of a `--rules` text that must be refused.
    fn refused(text: &str) -> String {
        let message = Ruleset::with_overrides_text(text, "t.json")
            .expect_err("the rules file must be refused")
            .message;
        assert!(
            message.starts_with("invalid rules file t.json"),
            "{message}"
        );
        message
    }

    /// A privacy_apis row with `api` and `kind`, as JSON.
    fn row(api: &str, kind: &str) -> String {
        format!(
            r#"{{"api": {api:?}, "kind": "{kind}", "privacy_keys": ["Camera"], "source": "https://e.com", "confidence": "official"}}"#
        )
    }

    fn apis(rows: &[String]) -> String {
        format!(r#"{{"privacy_apis": [{}]}}"#, rows.join(", "))
    }

    fn has(message: &str, part: &str) {
        assert!(message.contains(part), "{part:?} not in:\n{message}");
    }

    #[test]
    fn built_in_tables_have_no_problems() {
        let problems: Vec<String> = Ruleset::builtin()
            .problems()
            .iter()
            .map(Problem::to_string)
            .collect();
        assert_eq!(problems, Vec::<String>::new());
    }

    #[test]
    fn misspelt_namespaces() {
        let m = refused(&apis(&[
            row("wx.chooseImage", "api"),
            row("uni.chooseVideo", "api"),
            row("wz.getLocation", "api"),
            row("wx.get-location", "api"),
            row("getLocation", "api"),
        ]));
        has(
            &m,
            "privacy_apis[1] `uni.chooseVideo` is written with `uni.`; rows use `wx.`",
        );
        has(&m, "privacy_apis[2] `wz.getLocation` has namespace `wz`, which is not `wx` nor a namespace of the frameworks table");
        has(&m, "privacy_apis[3] `wx.get-location` has name `get-location`, which is not a JavaScript identifier");
        has(&m, "privacy_apis[4] `getLocation` is not written `wx.name`");
        assert!(!m.contains("wx.chooseImage"), "{m}");
    }

    #[test]
    fn bad_template_rows() {
        let m = refused(&apis(&[
            row("<foo", "component"),
            row("<Camera>", "component"),
            row(r#"<button open-type="getPhoneNumber">"#, "component"),
            row("<button>", "open-type"),
            row(r#"<button open-type="a|b">"#, "open-type"),
            row("<input type=nickname>", "component"),
        ]));
        has(
            &m,
            "privacy_apis[0] `<foo` must be written `<tag>` or `<tag attr=\"value\">`",
        );
        has(
            &m,
            "privacy_apis[1] `<Camera>` has tag `Camera`, which is not a tag name",
        );
        has(&m, "has an `open-type` attribute: give it kind `open-type`");
        has(
            &m,
            "privacy_apis[3] `<button>` is an open-type row without an `open-type` attribute",
        );
        has(&m, "so a row with `|` never matches");
        has(
            &m,
            "privacy_apis[5] `<input type=nickname>` must be written",
        );
    }

    #[test]
    fn scope_and_method_spelling() {
        let m = refused(&apis(&[
            row("scope.", "authorize-scope"),
            row("wx.record", "authorize-scope"),
            row("recorderManager.start", "method"),
        ]));
        has(&m, "`scope.` is not written `scope.name`");
        has(&m, "`wx.record` is not written `scope.name`");
        has(&m, "`recorderManager.start` is not written `Type.method`");
    }

    #[test]
    fn orphan_method_rows() {
        let m = refused(&apis(&[row("CameraContext.takePhoto", "method")]));
        has(&m, "privacy_apis[0] `CameraContext.takePhoto` is a method of `CameraContext`, which no object_factories row hands out, so it never matches");
        // With its factory the row is fine.
        let fixed = format!(
            r#"{{"privacy_apis": [{}, {}], "object_factories": [{{"factory": "wx.createCameraContext", "type": "CameraContext", "source": "https://e.com"}}]}}"#,
            row("CameraContext.takePhoto", "method"),
            row("wx.createCameraContext", "api").replace(
                r#""kind": "api""#,
                r#""kind": "api", "when_called": "creates-object""#
            ),
        );
        let ruleset = Ruleset::with_overrides_text(&fixed, "t.json").unwrap();
        assert_eq!(
            ruleset.factory_type("createCameraContext"),
            Some("CameraContext")
        );
        assert!(ruleset.is_method("CameraContext.takePhoto"));
    }

    #[test]
    fn factories() {
        let m = refused(
            r#"{"object_factories": [
                {"factory": "wx.getBackgroundAudioManager", "type": "backgroundAudio", "source": "https://e.com"},
                {"factory": "uni.getRecorderManager", "type": "RecorderManager", "source": "x"}
            ]}"#,
        );
        has(&m, "object_factories[0] `wx.getBackgroundAudioManager` has type `backgroundAudio`; a type is an identifier starting with a capital");
        has(&m, "object_factories[0] `wx.getBackgroundAudioManager` hands out `backgroundAudio`, which has no method rows in privacy_apis");
        has(
            &m,
            "object_factories[1] `uni.getRecorderManager` is written with `uni.`",
        );
        has(
            &m,
            "object_factories[1] `uni.getRecorderManager` has no source URL",
        );
        // A factory that is also a privacy row must say it creates an object.
        let m = refused(&apis(&[row("wx.getRecorderManager", "api")]));
        has(&m, "privacy_apis[0] `wx.getRecorderManager` is an object_factories factory: give it `\"when_called\": \"creates-object\"`");
    }

    #[test]
    fn when_called_only_on_called_rows() {
        let m = refused(&apis(&[row("<camera>", "component").replace(
            r#""kind": "component""#,
            r#""kind": "component", "when_called": "registers-listener""#,
        )]));
        has(&m, "`<camera>` has `when_called` on a `component` row");
        let m = refused(&apis(&[row("wx.onX", "api").replace(
            r#""kind": "api""#,
            r#""kind": "api", "when_called": "listens""#,
        )]));
        has(&m, "unknown variant `listens`");
    }

    #[test]
    fn duplicate_rows() {
        let m = refused(&apis(&[
            row("wx.chooseContact", "api"),
            row("wx.chooseImage", "api"),
            row("wx.chooseContact", "api"),
        ]));
        has(
            &m,
            "privacy_apis[0] `wx.chooseContact` is listed twice (rows 0 and 2); keep one",
        );
        let m = refused(
            r#"{"frameworks": [
                {"name": "fk", "title": "A", "packages": [], "namespaces": ["fk"], "modules": [], "compiled_modules": [], "extensions": [], "constructors": {}, "source": "https://e.com"},
                {"name": "fk", "title": "B", "packages": [], "namespaces": ["fk2"], "modules": [], "compiled_modules": [], "extensions": [], "constructors": {}, "source": "https://e.com"}
            ]}"#,
        );
        has(&m, "frameworks[0] `fk` is listed twice (rows 0 and 1)");
        // In the tables themselves (the built-in files cannot be merged away).
        let mut tables = Ruleset::builtin();
        tables.consent.push(tables.consent[0].clone());
        let r = Ruleset::new(Tables {
            apis: tables.apis,
            keys: tables.keys,
            location: tables.location,
            deprecated: tables.deprecated,
            consent: tables.consent,
            factories: tables.factories,
            frameworks: tables.frameworks,
            hooks: tables.hooks,
        });
        let problems: Vec<String> = r.problems().iter().map(Problem::to_string).collect();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with(
                "consent_apis: `wx.onNeedPrivacyAuthorization` is listed twice (rows 0 and "
            ),
            "{problems:?}"
        );
    }

    #[test]
    fn privacy_api_columns() {
        let m = refused(&apis(&[
            row("wx.a", "api").replace(r#"["Camera"]"#, r#"["Nope"]"#),
            row("wx.b", "api").replace(r#"["Camera"]"#, "[]"),
            row("wx.c", "api").replace("https://e.com", "e.com"),
            row("wx.d", "api").replace(r#""official""#, r#""guess""#),
            row("wx.e", "api").replace(r#""official""#, r#""derived""#),
        ]));
        has(
            &m,
            "privacy_apis[0] `wx.a` maps to unknown privacy key `Nope`",
        );
        has(&m, "privacy_apis[1] `wx.b` has no privacy_keys");
        has(&m, "privacy_apis[2] `wx.c` has no source URL");
        has(
            &m,
            "privacy_apis[3] `wx.d` has confidence `guess`; expected one of official",
        );
        has(&m, "privacy_apis[4] `wx.e` is derived and needs a note");
    }

    #[test]
    fn privacy_keys() {
        let m = refused(
            r#"{"privacy_keys": [
                {"key": "Blood Type", "name_zh": "血型", "name_en": "Blood type", "detectable": false, "confidence": "confirmed", "source": "https://e.com"},
                {"key": "Aura", "name_zh": "光环", "name_en": "Aura", "detectable": true, "confidence": "maybe", "source": "https://e.com"}
            ]}"#,
        );
        has(&m, "privacy_keys[0] `Blood Type` is not a privacy_key name");
        has(&m, "privacy_keys[1] `Aura` has confidence `maybe`");
        has(
            &m,
            "privacy_keys[1] `Aura` has `detectable: true`, but no privacy_apis row maps to it",
        );
        let m = refused(
            r#"{"privacy_keys": [{"key": "Email", "name_zh": "邮箱", "name_en": "Email", "detectable": false, "confidence": "confirmed", "source": "https://e.com"}],
                "privacy_apis": [{"api": "wx.getEmail", "kind": "api", "privacy_keys": ["Email"], "source": "https://e.com", "confidence": "official"}]}"#,
        );
        has(
            &m,
            "privacy_keys[0] `Email` has `detectable: false`, but privacy_apis rows map to it",
        );
    }

    #[test]
    fn required_private_infos() {
        let m = refused(
            r#"{"required_private_infos": {"values": [
                {"name": "getWeather", "api": "wx.getWeather", "meaning_zh": "天气", "group": "approximate", "permission_scope": "userWeather"},
                {"name": "getLocation", "api": "wx.getlocation", "meaning_zh": "位置", "group": "precise", "permission_scope": null}
            ], "exclusive": {"fuzzy": ["getFuzzyLocation"], "precise": ["getPosition"], "source": "https://e.com"}}}"#,
        );
        has(&m, "required_private_infos[0] `getWeather` declares `wx.getWeather`, which no privacy_apis row has");
        has(
            &m,
            "required_private_infos[0] `getWeather` has group `approximate`",
        );
        has(
            &m,
            "required_private_infos[0] `getWeather` has permission_scope `userWeather`",
        );
        has(&m, "required_private_infos[1] `getLocation` has api `wx.getlocation`; expected `wx.getLocation`");
        has(&m, "required_private_infos: `exclusive` lists `getPosition`, which is not one of the values");
        // A good value is added, and the checks see it.
        let ok = Ruleset::with_overrides_text(
            r#"{"privacy_apis": [{"api": "wx.getWeather", "kind": "api", "privacy_keys": ["Location"], "source": "https://e.com", "confidence": "derived", "note": "test"}],
                "required_private_infos": {"values": [{"name": "getWeather", "api": "wx.getWeather", "meaning_zh": "天气", "group": "choose", "permission_scope": null}]}}"#,
            "t.json",
        )
        .unwrap();
        assert_eq!(
            ok.required_value("getWeather").unwrap().api,
            "wx.getWeather"
        );
        assert_eq!(
            ok.location.values.len(),
            Ruleset::builtin().location.values.len() + 1
        );
    }

    #[test]
    fn deprecated_and_consent_rows() {
        let m = refused(
            r#"{"deprecated_apis": [{"api": "uni.getUserInfo", "kind": "api", "since": "2021-4-28", "returns_now": "x", "replacement": "Use the nickname input.", "doc_url": "none", "source": "https://e.com"}],
                "consent_apis": [{"api": "<button open-type=agree>", "kind": "open-type", "source": "https://e.com"}]}"#,
        );
        has(
            &m,
            "deprecated_apis[0] `uni.getUserInfo` is written with `uni.`",
        );
        has(&m, "deprecated_apis[0] `uni.getUserInfo` has since `2021-4-28`; expected a date, YYYY-MM-DD");
        has(
            &m,
            "deprecated_apis[0] `uni.getUserInfo` has no doc_url URL",
        );
        has(&m, "does not read inside \"use … instead\"");
        has(
            &m,
            "consent_apis[0] `<button open-type=agree>` must be written",
        );
    }

    #[test]
    fn library_hooks() {
        let m = refused(
            r#"{"library_hooks": [{"module": "taro-hooks", "export": "use-x", "path": [1, "go"], "api": "wx.nothing", "source": "https://e.com"}]}"#,
        );
        has(
            &m,
            r#"library_hooks[0] `taro-hooks.use-x [1, "go"]` has export `use-x`, which is not a JavaScript identifier"#,
        );
        has(
            &m,
            r#"library_hooks[0] `taro-hooks.use-x [1, "go"]` maps to `wx.nothing`, which no privacy_apis row has"#,
        );
    }
}
