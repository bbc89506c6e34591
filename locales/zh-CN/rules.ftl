# mpaudit 如何自动修复各规则的问题（英文见 src/rule.rs 的 `Rule::fix()`）。
# `explain` 输出“修复：<文本>。”

rule-fix-audit-files-in-package = `mpaudit check --fix` 会在 project.config.json 的 `packOptions.ignore` 中添加 `{ "{\"type\": \"file\"}" }` 条目
rule-fix-dead-consent-code = `mpaudit check --fix` 会删除 `__usePrivacyCheck__`；没有 `fail` 的 `requirePrivacyAuthorize`，以及不会被任何隐私接口触发的监听，需要手动处理
rule-fix-missing-background-location-mode = `mpaudit check --fix` 会在 `requiredBackgroundModes` 中添加 `location`
rule-fix-missing-permission-desc = 不安全修复：`mpaudit check --fix --unsafe-fixes` 会填入 `TODO(mpaudit)` 占位的 `desc`（在改成真实用途之前，本规则仍会报告）
rule-fix-missing-required-private-infos = `mpaudit check --fix` 会把该接口加入 `requiredPrivateInfos`（会导致模糊位置与精确位置同时声明时除外）
rule-fix-no-privacy-declaration = `mpaudit init`、`mpaudit manifest --write` 或 `mpaudit check --fix --unsafe-fixes` 会生成 `privacy.json` 草稿，其中的 `TODO(mpaudit)` 文本需要你来填写
rule-fix-undeclared-privacy-type = 不安全修复：`mpaudit check --fix --unsafe-fixes` 会在 `setting_list` 中添加一项，其 `TODO(mpaudit)` 文本需要你来填写（填写之前由 `weak-privacy-text` 报告）
rule-fix-unused-required-private-infos = `mpaudit check --fix` 会从 `requiredPrivateInfos` 中删除该接口（仅当所有文件都已读取时）
