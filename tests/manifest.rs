//! `mpaudit manifest`: the model of what the project must declare, the
//! privacy.json draft and the Markdown table.

use mpaudit::manifest::Manifest;

use crate::util;

#[test]
fn the_model_lists_what_the_code_needs_and_what_is_declared() {
    let audit = util::audit_fixture("manifest-several-types", 2);
    let m = Manifest::from_audit(&audit);
    assert_eq!(m.project_name, "示例商城", "percent-decoded projectname");
    assert_eq!(m.declaration.as_deref(), Some("privacy.json"));
    assert_eq!(m.page_count, 4);

    // WeChat's catalogue order, not alphabetical.
    let keys: Vec<&str> = m.needed.iter().map(|k| k.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "Location",
            "Address",
            "Record",
            "Album",
            "PhoneNumber",
            "ChooseLocation",
            "Clipboard"
        ]
    );

    let location = m.needed("Location").unwrap();
    assert_eq!(location.name_zh, "位置信息");
    assert_eq!(location.name_en, "location");
    assert_eq!(location.pages, ["pages/index/index", "pages/store/store"]);
    assert_eq!(location.files, ["miniprogram/utils/location.js"]);
    assert!(location.packages.is_empty());
    let declared = location.declared.as_ref().unwrap();
    assert_eq!(declared.privacy_text.as_deref(), Some("查找附近门店"));
    assert_eq!((declared.location.line, declared.location.column), (7, 22));

    let album = m.needed("Album").unwrap();
    let apis: Vec<(String, usize)> = album.apis.iter().map(|a| (a.label(), a.uses)).collect();
    assert_eq!(
        apis,
        [
            ("wx.chooseImage".to_owned(), 1),
            ("wx.chooseMedia".to_owned(), 1)
        ]
    );
    assert_eq!(album.uses, 2);
    assert_eq!(album.packages, ["@vant/weapp"]);

    let record = m.needed("Record").unwrap();
    assert_eq!(record.apis[0].label(), "wx.authorize(scope.record)");
    assert!(record.declared.is_none());

    // A use no page reaches is kept apart; pages keep app.json order.
    let clipboard = m.needed("Clipboard").unwrap();
    assert_eq!(clipboard.pages, ["packageOrder/pages/checkout/checkout"]);
    assert_eq!(
        clipboard.unreached_files,
        ["miniprogram/miniprogram_npm/qrcode-sdk/index.js"]
    );
    assert_eq!(clipboard.packages, ["qrcode-sdk"]);
    assert_eq!(clipboard.uses, 2);

    let unused: Vec<(&str, bool)> = m
        .unused
        .iter()
        .map(|u| (u.key.as_str(), u.detectable))
        .collect();
    assert_eq!(unused, [("Email", false), ("Camera", true)]);

    // The same computation as missing-required-private-infos.
    let required: Vec<(&str, bool)> = m
        .required_private_infos
        .iter()
        .map(|r| (r.name.as_str(), r.listed))
        .collect();
    assert_eq!(
        required,
        [
            ("getLocation", true),
            ("chooseLocation", false),
            ("chooseAddress", false)
        ]
    );
    assert!(!m.required_conflict);
    let missing = audit
        .findings
        .iter()
        .filter(|f| f.rule == "missing-required-private-infos")
        .count();
    assert_eq!(
        missing,
        required.iter().filter(|(_, listed)| !listed).count()
    );
}

#[test]
fn fuzzy_and_precise_location_together_is_a_conflict() {
    let audit = util::audit_fixture("conflicting-location-apis-in-code", 1);
    let m = Manifest::from_audit(&audit);
    assert!(m.required_conflict, "{:?}", m.required_private_infos);
}
