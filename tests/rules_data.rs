//! The rule data under `rules/` is valid, complete, and faithful to the
//! team's reference table (a copy of it is kept in `tests/data/`).

use mpaudit::internals::ruleset::{ApiKind, Ruleset};

#[test]
fn built_in_tables_have_no_problems() {
    let ruleset = Ruleset::builtin();
    assert_eq!(ruleset.problems(), Vec::<String>::new());
    assert_eq!(
        ruleset.keys.len(),
        28,
        "the privacy key catalogue has 28 keys"
    );
    let names: Vec<_> = ruleset
        .location
        .values
        .iter()
        .map(|v| v.name.as_str())
        .collect();
    assert_eq!(
        names.len(),
        8,
        "requiredPrivateInfos allows exactly 8 values: {names:?}"
    );
    for value in &ruleset.location.values {
        assert_eq!(value.api, format!("wx.{}", value.name));
        assert!(
            ruleset.api(&value.api).is_some(),
            "{} has no privacy row",
            value.api
        );
    }
    for name in ruleset
        .location
        .exclusive
        .fuzzy
        .iter()
        .chain(&ruleset.location.exclusive.precise)
    {
        assert!(
            ruleset.required_value(name).is_some(),
            "exclusive lists unknown {name}"
        );
    }
    for row in &ruleset.deprecated {
        assert!(
            row.since.len() == 10 && row.since.as_bytes()[4] == b'-',
            "{}: since {}",
            row.api,
            row.since
        );
        // The help reads "use {replacement} instead": a noun phrase, not a
        // sentence of its own.
        let first = row.replacement.split_whitespace().next().unwrap_or("");
        assert!(
            !row.replacement.ends_with('.')
                && !["Collect", "collect", "Use", "use"].contains(&first),
            "{}: replacement {:?} does not read inside \"use … instead\"",
            row.api,
            row.replacement
        );
    }
    for api in ["wx.getUserInfo", "wx.getUserProfile", "scope.userInfo"] {
        assert!(
            ruleset.deprecated(api).is_some(),
            "{api} must be deprecated"
        );
    }
    for api in [
        "wx.onNeedPrivacyAuthorization",
        "wx.requirePrivacyAuthorize",
    ] {
        assert!(
            ruleset.is_consent(api),
            "{api} must count as consent handling"
        );
    }
}

#[test]
fn every_api_row_is_spelled_as_its_kind_requires() {
    for row in Ruleset::builtin().apis {
        let ok = match row.kind {
            ApiKind::Api => row.api.starts_with("wx."),
            ApiKind::Method => {
                row.api.split('.').count() == 2 && row.api.chars().next().unwrap().is_uppercase()
            }
            ApiKind::Component | ApiKind::OpenType => {
                row.api.starts_with('<') && row.api.ends_with('>')
            }
            ApiKind::AuthorizeScope => row.api.starts_with("scope."),
        };
        assert!(ok, "{} is not spelled like a {:?}", row.api, row.kind);
    }
}

#[test]
fn the_table_covers_the_shared_reference() {
    // A copy of the team's reference table (shared/reference/privacy-apis.json
    // when it was taken); refresh it when the reference changes.
    let path = std::path::Path::new("tests/data/reference-privacy-apis.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let reference: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let ruleset = Ruleset::builtin();
    for row in reference {
        let api = row["api"].as_str().unwrap();
        // Combined open-types are split on `|`; plugin authorize rows are scope rows.
        let api = if let Some(scope) = api
            .strip_prefix("wx.authorizeForMiniProgram({scope:'")
            .and_then(|s| s.strip_suffix("'})"))
        {
            scope.to_owned()
        } else if api.contains('|') {
            api.replace("|agreePrivacyAuthorization", "")
        } else {
            api.to_owned()
        };
        let ours = ruleset
            .api(&api)
            .unwrap_or_else(|| panic!("reference row {api} is missing from rules/"));
        let keys: Vec<&str> = row["privacy_keys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap())
            .collect();
        assert_eq!(
            ours.privacy_keys, keys,
            "{api}: privacy keys differ from the reference"
        );
    }
}

#[test]
fn a_rules_file_adds_and_overrides_rows() {
    let dir = std::env::temp_dir().join(format!("mpaudit-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("rules.json");
    std::fs::write(
        &file,
        r#"{"privacy_apis": [
            {"api": "wx.chooseContact", "kind": "api", "privacy_keys": ["Contact"], "source": "https://example.com/contact", "confidence": "derived", "note": "team decision"},
            {"api": "wx.chooseImage", "kind": "api", "privacy_keys": ["Album", "Camera"], "source": "https://example.com/image", "confidence": "derived", "note": "team decision"}
        ]}"#,
    )
    .unwrap();
    let ruleset = Ruleset::with_overrides(&file).unwrap();
    assert_eq!(
        ruleset.api("wx.chooseContact").unwrap().privacy_keys,
        ["Contact"]
    );
    assert_eq!(
        ruleset.api("wx.chooseImage").unwrap().privacy_keys,
        ["Album", "Camera"]
    );
    assert!(ruleset.is_wx_member("chooseContact"));

    std::fs::write(&file, r#"[{"api": "wx.x", "kind": "api", "privacy_keys": ["Nope"], "source": "https://e.com", "confidence": "official"}]"#).unwrap();
    let err = Ruleset::with_overrides(&file).unwrap_err();
    assert!(
        err.message.contains("unknown privacy key `Nope`"),
        "{}",
        err.message
    );

    std::fs::write(
        &file,
        "{\"privacy_apis\": [{\"api\": \"wx.x\", \"typo\": 1}]}",
    )
    .unwrap();
    let err = Ruleset::with_overrides(&file).unwrap_err();
    assert!(err.message.contains("rules.json:1:"), "{}", err.message);
    std::fs::remove_dir_all(&dir).unwrap();
}
