# How mpaudit fixes a rule's findings: exactly `Rule::fix()` in English
# (src/rule.rs); a unit test compares them. `explain` prints "Fix: <text>."

rule-fix-audit-files-in-package = `mpaudit check --fix` adds a `{ "{\"type\": \"file\"}" }` entry to `packOptions.ignore` in project.config.json
rule-fix-dead-consent-code = `mpaudit check --fix` drops `__usePrivacyCheck__`; a `requirePrivacyAuthorize` without `fail` and a listener no use fires need a human
rule-fix-missing-background-location-mode = `mpaudit check --fix` adds `location` to `requiredBackgroundModes`
rule-fix-missing-permission-desc = unsafe: `mpaudit check --fix --unsafe-fixes` adds a `TODO(mpaudit)` placeholder `desc` (still reported by this rule until it is replaced)
rule-fix-missing-required-private-infos = `mpaudit check --fix` adds the value to `requiredPrivateInfos` (not when it would put fuzzy and precise location together)
rule-fix-no-privacy-declaration = `mpaudit init`, `mpaudit manifest --write` or `mpaudit check --fix --unsafe-fixes` drafts `privacy.json`, with `TODO(mpaudit)` texts to fill in
rule-fix-undeclared-privacy-type = unsafe: `mpaudit check --fix --unsafe-fixes` adds a `setting_list` entry with a `TODO(mpaudit)` text to fill in (reported by `weak-privacy-text` until it is)
rule-fix-unused-required-private-infos = `mpaudit check --fix` removes the value from `requiredPrivateInfos` (only when every file was read)
