//! `mpaudit manifest`: the model of what the project must declare, the
//! privacy.json draft and the Markdown table.

use std::path::PathBuf;

use mpaudit::internals::manifest::{Manifest, PLACEHOLDER_PREFIX};

use crate::util::{self, run};

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

/// A throwaway folder under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("mpaudit-manifest-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.0.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }

    /// File names in the folder, sorted (to catch leftover temporary files).
    fn entries(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn json_draft_keeps_declared_texts_and_adds_placeholders() {
    let (code, out, err) = run(&["manifest", "fixtures/manifest-several-types"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        "note: left out Camera (摄像头): declared, but no code uses it\n"
    );
    insta::assert_snapshot!("manifest_json_with_declaration", out);
    let draft: serde_json::Value = serde_json::from_str(&out).unwrap();
    // Kept from privacy.json, not replaced by placeholders.
    assert_eq!(
        draft["owner_setting"]["contact_email"],
        "privacy@example.com"
    );
    assert_eq!(draft["setting_list"][0]["privacy_text"], "查找附近门店");
    assert_eq!(
        draft["requiredPrivateInfos"],
        serde_json::json!(["getLocation", "chooseLocation", "chooseAddress"])
    );
}

#[test]
fn json_draft_without_a_declaration_is_all_placeholders() {
    let (code, out, err) = run(&["manifest", "fixtures/no-privacy-declaration"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    insta::assert_snapshot!("manifest_json_without_declaration", out);
    let draft: serde_json::Value = serde_json::from_str(&out).unwrap();
    let texts: Vec<&str> = draft["setting_list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["privacy_text"].as_str().unwrap())
        .collect();
    assert_eq!(texts.len(), 2);
    assert!(texts.iter().all(|t| t.starts_with(PLACEHOLDER_PREFIX)));
}

#[test]
fn markdown_has_a_table_per_privacy_type() {
    let (code, out, err) = run(&[
        "manifest",
        "fixtures/manifest-several-types",
        "--format",
        "markdown",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.matches("| APIs |").count(), 7);
    assert!(
        out.contains("| third-party packages | `@vant/weapp` |"),
        "{out}"
    );
    insta::assert_snapshot!("manifest_markdown", out);
}

#[test]
fn markdown_cells_escape_what_markdown_and_html_would_read() {
    let dir = TempDir::new("escape");
    dir.write(
        "app.json",
        r#"{"pages": ["pages/a|b/index"], "projectname": "x"}"#,
    );
    dir.write(
        "pages/a|b/index.js",
        "Page({ onTap() { wx.chooseImage({}) } })",
    );
    dir.write(
        "app.js",
        "wx.onNeedPrivacyAuthorization((resolve) => pending.push(resolve))",
    );
    dir.write(
        "privacy.json",
        r#"{"setting_list": [{"privacy_key": "Album", "privacy_text": "<b>上传</b> | *图片*"}]}"#,
    );
    let (code, out, _) = run(&["manifest", dir.path(), "--format", "markdown"]);
    assert_eq!(code, 0);
    assert!(
        out.contains(r"| declared | yes: 为了&lt;b&gt;上传&lt;/b&gt; \| \*图片\* |"),
        "{out}"
    );
    assert!(out.contains(r"`pages/a\|b/index`"), "{out}");
}

#[test]
fn write_creates_privacy_json_and_refuses_to_replace_it_without_force() {
    let dir = TempDir::new("write");
    dir.write(
        "project.config.json",
        r#"{"miniprogramRoot": "miniprogram/"}"#,
    );
    dir.write(
        "miniprogram/app.json",
        r#"{"pages": ["pages/index/index"]}"#,
    );
    dir.write(
        "miniprogram/pages/index/index.js",
        "Page({ onTap() { wx.getLocation({}); wx.chooseImage({}) } })",
    );
    let (_, printed, _) = run(&["manifest", dir.path()]);

    let (code, out, err) = run(&["manifest", dir.path(), "--write"]);
    assert_eq!(code, 0, "{err}");
    let target = dir.0.join("privacy.json");
    let written = std::fs::read_to_string(&target).unwrap();
    assert_eq!(written, printed, "--write writes what is printed");
    assert!(
        out.starts_with(&format!(
            "wrote {}: 2 privacy types, 4 placeholders to fill in",
            target.display()
        )),
        "{out}"
    );
    assert!(
        out.contains(r#"app.json needs "requiredPrivateInfos": ["getLocation"]; not listed yet: "getLocation""#),
        "{out}"
    );
    assert_eq!(
        dir.entries(),
        ["miniprogram", "privacy.json", "project.config.json"]
    );

    // The file exists now: refused, exit 2, untouched.
    let edited = written.replacen("TODO(mpaudit): 使用位置信息的目的", "查找附近门店", 1);
    std::fs::write(&target, &edited).unwrap();
    let (code, out, err) = run(&["manifest", dir.path(), "--write"]);
    assert_eq!(code, 2);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), edited);

    // --force replaces it, keeping the text filled in.
    let (code, _, err) = run(&["manifest", dir.path(), "--write", "--force"]);
    assert_eq!(code, 0, "{err}");
    let replaced = std::fs::read_to_string(&target).unwrap();
    assert!(replaced.contains("查找附近门店"), "{replaced}");
    assert_eq!(
        dir.entries(),
        ["miniprogram", "privacy.json", "project.config.json"]
    );

    // A declaration in the mini program root is the file --write replaces.
    std::fs::remove_file(&target).unwrap();
    let in_root = dir.write("miniprogram/privacy.json", r#"{"setting_list": []}"#);
    let (code, _, err) = run(&["manifest", dir.path(), "--write"]);
    assert_eq!(code, 2);
    assert!(err.contains(&in_root.display().to_string()), "{err}");
    assert!(!target.exists());
    let (code, _, _) = run(&["manifest", dir.path(), "--write", "--force"]);
    assert_eq!(code, 0);
    assert!(std::fs::read_to_string(&in_root)
        .unwrap()
        .contains("Location"));
    assert!(!target.exists());
}

#[test]
fn write_needs_json_and_force_needs_write() {
    let (code, _, err) = run(&[
        "manifest",
        "fixtures/manifest-several-types",
        "--write",
        "--format",
        "markdown",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("--format markdown"), "{err}");
    let (code, _, err) = run(&["manifest", "fixtures/manifest-several-types", "--force"]);
    assert_eq!(code, 2);
    assert!(err.contains("--write"), "{err}");
    let (code, _, err) = run(&["manifest", "fixtures/does-not-exist"]);
    assert_eq!(code, 2);
    assert!(err.contains("no such file or folder"), "{err}");
}

/// The draft, used as the declaration, leaves no declaration finding but
/// the placeholders' (weak-privacy-text).
#[test]
fn the_json_draft_loads_back_cleanly() {
    for fixture in [
        "manifest-several-types",
        "no-privacy-declaration",
        "weak-privacy-text",
        "example-shop",
        "undeclared-multi-key-api",
        "unused-privacy-declaration",
    ] {
        let root = format!("fixtures/{fixture}");
        let (code, draft, err) = run(&["manifest", &root]);
        assert_eq!(code, 0, "{fixture}: {err}");
        let dir = TempDir::new(&format!("load-{fixture}"));
        let file = dir.write("privacy.json", &draft);
        let (_, out, err) = run(&[
            "check",
            &root,
            "--declaration",
            file.to_str().unwrap(),
            "--format",
            "json",
        ]);
        let report: serde_json::Value = serde_json::from_str(&out).expect(&err);
        // Every placeholder privacy_text is reported where it is.
        let placeholders: Vec<u64> = (1..)
            .zip(draft.lines())
            .filter(|(_, l)| l.contains("\"privacy_text\": \"TODO(mpaudit)"))
            .map(|(n, _)| n)
            .collect();
        let weak: Vec<u64> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "weak-privacy-text")
            .map(|f| f["line"].as_u64().unwrap())
            .collect();
        assert!(
            placeholders.iter().all(|n| weak.contains(n)),
            "{fixture}: placeholders at {placeholders:?}, weak-privacy-text at {weak:?}"
        );
        let declaration_findings: Vec<String> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| {
                let rule = f["rule"].as_str().unwrap();
                matches!(
                    rule,
                    "undeclared-privacy-type"
                        | "unused-privacy-declaration"
                        | "no-privacy-declaration"
                ) || f["file"].as_str().unwrap().ends_with("privacy.json")
            })
            .filter(|f| f["rule"] != "weak-privacy-text")
            .map(|f| f.to_string())
            .collect();
        assert!(
            declaration_findings.is_empty(),
            "{fixture}: the draft does not load back cleanly:\n{}\n{draft}",
            declaration_findings.join("\n")
        );
    }
}

#[test]
fn html_report_is_one_self_contained_page() {
    let (code, out, err) = run(&[
        "check",
        "fixtures/manifest-several-types",
        "--format",
        "html",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(out.starts_with("<!DOCTYPE html>"), "{out}");
    assert!(out.ends_with("</html>\n"));
    // Nothing to fetch, nothing to run.
    for external in ["<script", "<link", "src=", "url(", "@import"] {
        assert!(!out.contains(external), "found {external}");
    }
    // Every status of the declaration table appears.
    for status in ["ok", "undeclared", "unused", "weak"] {
        assert!(
            out.contains(&format!("<span class=\"badge {status}\">{status}</span>")),
            "{status}"
        );
    }
    assert!(out.contains("示例商城"));
    insta::assert_snapshot!("check_html", out);
}

#[test]
fn html_report_escapes_everything_from_the_project() {
    let dir = TempDir::new("html-escape");
    dir.write(
        "project.config.json",
        r#"{"projectname": "<img onerror=x>", "miniprogramRoot": "mp/"}"#,
    );
    dir.write("mp/app.json", r#"{"pages": ["pages/<b>/index"]}"#);
    dir.write(
        "mp/app.js",
        "wx.onNeedPrivacyAuthorization((resolve) => pending.push(resolve))",
    );
    dir.write(
        "mp/pages/<b>/index.js",
        "Page({ onTap() { wx.chooseImage({}) } })",
    );
    dir.write(
        "privacy.json",
        r#"{"setting_list": [{"privacy_key": "Album", "privacy_text": "<script>alert('x')</script>"},
            {"privacy_key": "<i>Custom</i>", "privacy_text": "a \"quoted\" & text"}]}"#,
    );
    let (code, out, err) = run(&["check", dir.path(), "--format", "html"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("<script"), "{out}");
    assert!(!out.contains("<img"), "{out}");
    assert!(!out.contains("<b>/"), "{out}");
    assert!(!out.contains("<i>Custom"), "{out}");
    assert!(out.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(
        out.contains("<code>pages/<wbr>&lt;b&gt;/<wbr>index</code>"),
        "{out}"
    );
    assert!(out.contains("a &quot;quoted&quot; &amp; text"));
}

#[test]
fn a_broken_declaration_is_noted_and_not_replaced_without_force() {
    let dir = TempDir::new("broken");
    dir.write("app.json", r#"{"pages": ["pages/a/a"]}"#);
    dir.write("pages/a/a.js", "Page({ onTap() { wx.chooseImage({}) } })");
    dir.write(
        "privacy.json",
        r#"{"setting_list": [{"privacy_key": "Album", "#,
    );
    let (code, out, err) = run(&["manifest", dir.path()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("note: privacy.json could not be fully read"),
        "{err}"
    );
    let draft: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(draft["setting_list"][0]["privacy_key"], "Album");
    let (code, _, err) = run(&["manifest", dir.path(), "--write"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("already exists"), "{err}");
}
