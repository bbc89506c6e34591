//! `mpaudit init`: the files it writes, the hook lines, and that it never
//! replaces a file.

use crate::util::{run, TempProject};

const APP_JS: &str = "wx.getLocation({ type: 'gcj02' })\n";

fn native(name: &str, extra: &[(&str, &str)]) -> TempProject {
    let mut files = vec![
        ("project.config.json", "{\"appid\": \"wx1\"}"),
        (
            "app.json",
            "{\"pages\": [\"pages/index/index\"], \"requiredPrivateInfos\": [\"getLocation\"]}",
        ),
        ("app.js", APP_JS),
        ("pages/index/index.js", "Page({})\n"),
    ];
    files.extend_from_slice(extra);
    TempProject::new(name, &files)
}

#[test]
fn init_writes_config_and_draft_then_keeps_them() {
    let project = native("init-native", &[]);
    let (code, out, err) = run(&["init", project.path()]);
    assert_eq!(code, 0, "{err}");
    let config = std::fs::read_to_string(project.0.join("mpaudit.json")).unwrap();
    assert_eq!(
        config,
        "{\n  \"$schema\": \"https://raw.githubusercontent.com/mpaudit/mpaudit/main/mpaudit.schema.json\",\n  \"framework\": \"native\"\n}\n"
    );
    let privacy = std::fs::read_to_string(project.0.join("privacy.json")).unwrap();
    assert!(
        privacy.contains("\"privacy_key\": \"Location\""),
        "{privacy}"
    );
    assert!(privacy.contains("TODO(mpaudit)"), "{privacy}");
    // In the package root: the upload advice; no husky: pre-commit.
    assert!(out.contains("packOptions"), "{out}");
    assert!(out.contains(".pre-commit-config.yaml"), "{out}");
    // The config it wrote is valid, and the next check reads both files.
    let (_, report, _) = run(&["check", project.path(), "--format", "concise"]);
    assert!(!report.contains("invalid-config"), "{report}");
    assert!(!report.contains("no-privacy-declaration"), "{report}");
    // A second run replaces nothing.
    std::fs::write(project.0.join("mpaudit.json"), "{}\n").unwrap();
    let (code, out, _) = run(&["init", project.path()]);
    assert_eq!(code, 0);
    assert!(out.contains("init would add \"$schema\""), "{out}");
    assert_eq!(
        std::fs::read_to_string(project.0.join("mpaudit.json")).unwrap(),
        "{}\n"
    );
    assert_eq!(
        std::fs::read_to_string(project.0.join("privacy.json")).unwrap(),
        privacy
    );
}

#[test]
fn init_prints_husky_lines_when_package_json_has_husky() {
    let project = native(
        "init-husky",
        &[(
            "package.json",
            "{\"devDependencies\": {\"husky\": \"^9\", \"lint-staged\": \"^15\"}}",
        )],
    );
    let (code, out, err) = run(&["init", project.path()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("husky + lint-staged"), "{out}");
    assert!(!out.contains(".pre-commit-config.yaml"), "{out}");
}

#[test]
fn init_records_the_framework() {
    let project = TempProject::new(
        "init-taro",
        &[
            (
                "src/app.config.ts",
                "export default defineAppConfig({ pages: ['pages/index/index'] })\n",
            ),
            ("src/pages/index/index.tsx", "Taro.getLocation({})\n"),
        ],
    );
    let (code, _, err) = run(&["init", project.path()]);
    assert_eq!(code, 0, "{err}");
    let config = std::fs::read_to_string(project.0.join("mpaudit.json")).unwrap();
    assert!(config.contains("\"framework\": \"taro\""), "{config}");
}
