//! The rule data under `rules/` is valid, complete, and faithful to the
//! team's reference table (a copy of it is kept in `tests/data/`).

use mpaudit::internals::ruleset::{Ruleset, WhenCalled};

#[test]
fn built_in_tables_have_no_problems() {
    // Every spelling and consistency check lives in `Ruleset::problems()`.
    let ruleset = Ruleset::builtin();
    let problems: Vec<String> = ruleset.problems().iter().map(|p| p.to_string()).collect();
    assert_eq!(problems, Vec::<String>::new());
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
fn listeners_and_factories_do_not_ask_by_themselves() {
    let ruleset = Ruleset::builtin();
    for api in [
        "wx.onLocationChange",
        "wx.getRecorderManager",
        "wx.createCameraContext",
    ] {
        assert!(!ruleset.asks_user(api), "{api}");
    }
    for api in ["wx.getLocation", "wx.chooseImage", "RecorderManager.start"] {
        assert!(ruleset.asks_user(api), "{api}");
    }
    // Every factory row that is a privacy row says so.
    for f in &ruleset.factories {
        if let Some(row) = ruleset.api(&f.factory) {
            assert_eq!(row.when_called, WhenCalled::CreatesObject, "{}", f.factory);
        }
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
