//! Every fixture project under `fixtures/` is audited; its findings (and, when
//! given, its inventory) must equal `expect.json` exactly, and the JSON and
//! human reports are snapshotted. The explicit expectations keep a snapshot
//! from blessing a wrong answer.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::util;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    #[allow(dead_code)]
    description: String,
    findings: Vec<ExpectedFinding>,
    #[serde(default)]
    inventory: Option<Vec<ExpectedUse>>,
    /// The `identity` list of the JSON report, when given.
    #[serde(default)]
    identity: Option<Vec<ExpectedIdentity>>,
}

#[derive(Deserialize, Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
struct ExpectedIdentity {
    kind: String,
    file: String,
    line: usize,
    column: usize,
}

#[derive(Deserialize, Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
struct ExpectedFinding {
    rule: String,
    file: String,
    #[serde(default)]
    line: Option<usize>,
    #[serde(default)]
    column: Option<usize>,
    #[serde(default)]
    privacy_key: Option<String>,
    /// Compared for every finding once any finding of the fixture gives it.
    #[serde(default)]
    severity: Option<String>,
}

#[derive(Deserialize, Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
struct ExpectedUse {
    api: String,
    file: String,
    line: usize,
    column: usize,
    origin: String,
    #[serde(default, deserialize_with = "scope")]
    scope: Option<Option<String>>,
    /// Compared for every entry once any entry of the fixture gives it.
    #[serde(default)]
    pages: Option<Vec<String>>,
    /// Compared for every entry once any entry of the fixture gives `pages`.
    #[serde(default)]
    via: Option<String>,
}

/// Tells a missing `scope` (not an authorize entry) from `"scope": null`.
fn scope<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// A multiset diff for readable failures.
fn diff<T: Ord + Clone + std::fmt::Debug>(expected: &[T], actual: &[T]) -> Option<String> {
    let count = |items: &[T]| {
        let mut map: BTreeMap<T, i64> = BTreeMap::new();
        for item in items {
            *map.entry(item.clone()).or_default() += 1;
        }
        map
    };
    let (e, a) = (count(expected), count(actual));
    let mut lines = Vec::new();
    for (item, n) in &e {
        for _ in 0..(n - a.get(item).copied().unwrap_or(0)).max(0) {
            lines.push(format!("  missing: {item:?}"));
        }
    }
    for (item, n) in &a {
        for _ in 0..(n - e.get(item).copied().unwrap_or(0)).max(0) {
            lines.push(format!("  unexpected: {item:?}"));
        }
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

#[test]
fn fixtures_match_expectations_and_snapshots() {
    insta::glob!("../fixtures", "*/expect.json", |path| {
        let dir = path.parent().unwrap();
        let name = dir.file_name().unwrap().to_str().unwrap();
        let expect: Expect = serde_json::from_str(&std::fs::read_to_string(path).unwrap())
            .unwrap_or_else(|e| panic!("{name}/expect.json: {e}"));
        let audit = util::audit_fixture(name, 2);
        let with_severity = expect.findings.iter().any(|f| f.severity.is_some());

        let actual: Vec<ExpectedFinding> = audit
            .findings
            .iter()
            .map(|f| {
                let exact = !matches!(f.rule, "parse-error" | "invalid-config");
                let wanted = expect
                    .findings
                    .iter()
                    .any(|e| e.rule == f.rule && e.file == f.location.file && e.line.is_some());
                let positioned = exact || wanted;
                ExpectedFinding {
                    rule: f.rule.to_owned(),
                    file: f.location.file.clone(),
                    line: positioned.then_some(f.location.line),
                    column: positioned.then_some(f.location.column),
                    privacy_key: (f.rule == "undeclared-privacy-type")
                        .then(|| f.privacy_key.clone())
                        .flatten(),
                    severity: with_severity.then(|| f.severity.as_str().to_owned()),
                }
            })
            .collect();
        if let Some(problems) = diff(&expect.findings, &actual) {
            panic!("fixture {name}: findings differ from expect.json\n{problems}");
        }
        if let Some(expected) = &expect.inventory {
            // Fixtures about the page graph give `pages` (and `via`) on every entry.
            let linked = expected.iter().any(|u| u.pages.is_some());
            let actual: Vec<ExpectedUse> = audit
                .inventory
                .iter()
                .map(|u| ExpectedUse {
                    api: u.api.clone(),
                    file: u.file.clone(),
                    line: u.line,
                    column: u.column,
                    origin: u.origin.clone(),
                    scope: u.scope.clone(),
                    pages: linked.then(|| u.pages.clone()),
                    via: u.via.clone().filter(|_| linked),
                })
                .collect();
            if let Some(problems) = diff(expected, &actual) {
                panic!("fixture {name}: inventory differs from expect.json\n{problems}");
            }
        }
        let json = util::json(&audit);
        if let Some(expected) = &expect.identity {
            let report: serde_json::Value = serde_json::from_str(&json).unwrap();
            let actual: Vec<ExpectedIdentity> = report["identity"]
                .as_array()
                .map(|list| {
                    list.iter()
                        .map(|i| serde_json::from_value(serde_json::json!({
                            "kind": i["kind"], "file": i["file"], "line": i["line"], "column": i["column"],
                        })).unwrap())
                        .collect()
                })
                .unwrap_or_default();
            if let Some(problems) = diff(expected, &actual) {
                panic!("fixture {name}: identity differs from expect.json\n{problems}");
            }
        }
        insta::assert_snapshot!("json", json);
        insta::assert_snapshot!("human", util::human(&audit));
        // The same audit in Chinese: the same findings, in Chinese words.
        let zh = util::audit_fixture_in(name, 1, mpaudit::Lang::Zh);
        assert_same_findings(name, &audit, &zh);
        insta::assert_snapshot!("human_zh", util::human(&zh));
    });
}

/// What a finding is, apart from its words: rule, place, severity, key, API.
fn identity(f: &mpaudit::Finding) -> impl Ord + std::fmt::Debug + Clone + '_ {
    (
        f.rule,
        &f.location,
        f.severity,
        f.privacy_key.as_deref(),
        f.api.as_deref(),
        f.url.as_deref(),
        f.label.is_some(),
        f.help.is_some(),
    )
}

/// `LANG=zh_CN.UTF-8` and `LANG=en_US.UTF-8` report the same findings, each
/// in its language: every Chinese message, label and help has Chinese in it.
fn assert_same_findings(name: &str, en: &mpaudit::Audit, zh: &mpaudit::Audit) {
    let mut a: Vec<_> = en.findings.iter().map(identity).collect();
    let mut b: Vec<_> = zh.findings.iter().map(identity).collect();
    a.sort();
    b.sort();
    assert_eq!(
        a, b,
        "fixture {name}: the Chinese audit reports other findings"
    );
    assert_eq!(en.lang, mpaudit::Lang::En);
    assert_eq!(zh.lang, mpaudit::Lang::Zh);
    let chinese = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for f in &zh.findings {
        // The label under a syntax error is the parser's own text (swc, the
        // JSON parser), as in English; the message around it is Chinese.
        let parser_label = matches!(f.rule, "parse-error" | "invalid-config")
            && f.label.as_deref().is_some_and(|l| f.message.contains(l));
        for (what, text) in [
            ("message", Some(&f.message)),
            ("label", f.label.as_ref().filter(|_| !parser_label)),
            ("help", f.help.as_ref()),
        ] {
            if let Some(text) = text {
                assert!(
                    chinese(text),
                    "fixture {name}: the {what} of a {} finding at {}:{} is not Chinese: {text}",
                    f.rule,
                    f.location.file,
                    f.location.line
                );
            }
        }
    }
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    for entry in std::fs::read_dir("fixtures").unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if !std::path::Path::new("fixtures")
            .join(&name)
            .join("expect.json")
            .is_file()
        {
            continue;
        }
        let one = util::json(&util::audit_fixture(&name, 1));
        let many = util::json(&util::audit_fixture(&name, 8));
        assert_eq!(
            one, many,
            "fixture {name}: --threads 1 and --threads 8 differ"
        );
    }
}

/// A fixture folder without `expect.json` would be skipped by the glob above.
#[test]
fn every_fixture_has_an_expect_json() {
    for entry in std::fs::read_dir("fixtures").unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            assert!(
                path.join("expect.json").is_file(),
                "{} has no expect.json",
                path.display()
            );
        }
    }
}

/// Rules no fixture can trigger, and why. Every other rule must be expected
/// by some fixture's `expect.json` (clippy's missing-test-files meta-test).
const NOT_TRIGGERED_BY_A_FIXTURE: &[(&str, &str)] = &[(
    "internal-error",
    "raised only when mpaudit itself panics; no input is known to, and the fuzz targets look for one",
)];

#[test]
fn every_rule_is_triggered_by_a_fixture() {
    let mut expected = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir("fixtures").unwrap() {
        let path = entry.unwrap().path().join("expect.json");
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let expect: Expect = serde_json::from_str(&text).unwrap();
        expected.extend(expect.findings.into_iter().map(|f| f.rule));
    }
    for rule in mpaudit::ALL_RULES.iter() {
        let allowed = NOT_TRIGGERED_BY_A_FIXTURE
            .iter()
            .any(|(code, _)| *code == rule.code);
        assert_eq!(
            expected.contains(rule.code),
            !allowed,
            "{}: {}",
            rule.code,
            if allowed {
                "a fixture triggers it now; remove it from NOT_TRIGGERED_BY_A_FIXTURE"
            } else {
                "no fixture's expect.json expects it; add a fixture named after what it shows"
            }
        );
    }
}
