# The command line (src/cli.rs): `rules`, `explain`, exit-2 errors.
# English texts are exactly what the code writes today.

## `mpaudit rules` and the README rule table

rules-column-rule = rule
rules-column-severity = severity
rules-column-reports = reports
rules-column-fix = fix
severity-error = error
severity-warning = warning

## `mpaudit explain <rule>`: "# <rule> (<severity>, since <version>)"

explain-heading = # { $rule } ({ $severity }, since { $since })
# $fix is the rule's rule-fix-<id> text.
explain-fix = Fix: { $fix }.
explain-fix-by-hand = Fix: by hand (`mpaudit check --fix` does not fix it).

## Errors that end a run with exit code 2. The code writes "error: " and
## the message; error-line is that whole line.

error-line = error: { $message }
error-unknown-rule = unknown rule `{ $rule }`; `mpaudit rules` lists them
error-cannot-write-report = cannot write the report: { $error }
error-cannot-write = cannot write { $path }: { $error }
error-many-projects = the paths belong to { $count } projects ({ $projects }); one report file or document covers one project: run mpaudit once per project
error-baseline-whole-project = --write-baseline records the whole project; give its folder, not files
error-unsafe-fixes-alone = --unsafe-fixes goes with --fix or --fix-dry-run
error-write-with-markdown = --write writes the privacy.json draft; leave out --format markdown
error-exists-force = { $file } already exists; not replacing it. Run without --write to print the draft, or add --force to replace the file (its privacy_text values are kept)
error-exists = { $file } already exists; not replacing it (add --force to replace it)
error-unknown-lang = unknown language `{ $lang }` (expected zh or en)
error-cannot-read = cannot read { $path }: { $error }
error-no-project-above = no mini program found above { $path }: looked for project.config.json, app.json, Taro's src/app.config.ts and uni-app's pages.json with manifest.json

## Notes of `mpaudit check` on stderr

note-line = note: { $note }
note-file-not-audited = note: { $file } is not audited: it is outside the mini program root, ignored, or not a kind of file mpaudit reads (in { $root })
note-findings-hidden = note: { $count } { $count ->
        [one] finding
       *[other] findings
    } in other files of { $root } not shown; `mpaudit check { $root }` reports them
fail-on-warning = mpaudit: failing on { $count } { $count ->
        [one] warning
       *[other] warnings
    } (--fail-on warning)
fail-max-warnings = mpaudit: { $count } { $count ->
        [one] warning
       *[other] warnings
    } exceed --max-warnings { $max }
baseline-written = wrote { $count } { $count ->
        [one] finding
       *[other] findings
    } ({ $entries } { $entries ->
        [one] entry
       *[other] entries
    }) to baseline { $path }

## --fix and --fix-dry-run

fix-nothing = mpaudit: nothing to fix
# $fixes is fix-dry-run-would-fix or nothing.
fix-dry-run-summary = mpaudit: { $changes } { $changes ->
        [one] change
       *[other] changes
    }{ $fixes }; `{ $command }` applies { $changes ->
        [one] it
       *[other] them
    }
fix-dry-run-would-fix = { " " }would fix { $count } { $count ->
        [one] finding
       *[other] findings
    }
fix-fixed = fixed: { $change }
# $fixes is fix-findings-fixed or nothing.
fix-summary = mpaudit: { $changes } { $changes ->
        [one] change
       *[other] changes
    } made{ $fixes }
fix-findings-fixed = , { $count } { $count ->
        [one] finding
       *[other] findings
    } fixed

## `mpaudit init`: the prose around the commands and snippets it prints

init-project = mini program: { $root } ({ $framework }, app config { $app_config })
init-wrote = wrote { $path }
init-kept = kept { $path }: it exists
init-kept-would-add = kept { $path }: it exists; init would add { $missing }
init-kept-declaration = kept { $path }: it exists; `mpaudit manifest` prints the draft the code needs to compare with it ({ $count } privacy { $count ->
        [one] type
       *[other] types
    })
init-wrote-declaration = wrote { $path }: { $count } privacy { $count ->
        [one] type
       *[other] types
    } the code needs, { $placeholders } { $placeholders ->
        [one] placeholder
       *[other] placeholders
    } to fill in (search for `{ $prefix }`)
init-in-package = mpaudit.json and privacy.json sit in the mini program root, so DevTools would upload them; leave them out in project.config.json:
init-husky-lint-staged = pre-commit (husky + lint-staged): add to package.json
init-husky = pre-commit (husky):
init-pre-commit = pre-commit: add to .pre-commit-config.yaml
init-ci = CI: `npx mpaudit check` (GitHub Actions: `uses: mpaudit/mpaudit@<tag>`, see the README)
init-next = next:
init-next-fill-in = fill in the { $count } `{ $prefix }` texts in privacy.json from the MP console (设置 → 服务内容声明 → 用户隐私保护指引), or save a third-party platform's getprivacysetting response as privacy.json
init-next-check = check privacy.json against the MP console (设置 → 服务内容声明 → 用户隐私保护指引)
init-next-fix = `mpaudit check --fix` fixes app config findings that are certain; `mpaudit check` reports the rest

## `mpaudit manifest`

manifest-note-unread = note: { $count } { $count ->
        [one] file could not be read or parsed; uses in it are missing
       *[other] files could not be read or parsed; uses in them are missing
    } (`mpaudit check` shows where)
manifest-note-declaration-unread = note: { $file } could not be fully read; what it declares may be missing (`mpaudit check` shows where)
manifest-note-left-out = note: left out { $key }: declared, but no code uses it
manifest-note-conflict = note: the code uses fuzzy and precise location; app.json cannot list both in requiredPrivateInfos
manifest-wrote = wrote { $path }: { $count } privacy { $count ->
        [one] type
       *[other] types
    }, { $placeholders } { $placeholders ->
        [one] placeholder
       *[other] placeholders
    } to fill in (search for `{ $prefix }`)
# $status is one of the two below.
manifest-required = app.json needs "requiredPrivateInfos": [{ $names }]{ $status }
manifest-required-all-listed = { " " }(all listed)
manifest-required-not-listed = ; not listed yet: { $missing }

## src/fix.rs: what `--fix` changed (fix-change-*), what it held back
## (fix-not-*), and why (fix-why-*, the $reason of fix-not-fixed).
## $file is the path of the edited file.

fix-change-drafted = { $file }: drafted from the code: { $settings } privacy { $settings ->
        [one] type
       *[other] types
    }, { $placeholders } TODO { $placeholders ->
        [one] text
       *[other] texts
    } to fill in (no-privacy-declaration)
# $keys: `Location, PhoneNumber`.
fix-change-declared = { $file }: declared { $keys } with TODO texts to fill in from the MP console (undeclared-privacy-type)
# $names: `"privacy.json", "mpaudit.json"`.
fix-change-pack-ignore = { $file }: added { $names } to packOptions.ignore, out of the upload (audit-files-in-package)
fix-change-added-infos = { $file }: added { $names } to requiredPrivateInfos (missing-required-private-infos)
# $count: how many values were removed.
fix-change-removed-infos = { $file }: removed { $names } from requiredPrivateInfos: no code uses { $count ->
        [one] it
       *[other] them
    } (unused-required-private-infos)
fix-change-background-mode = { $file }: added "{ $mode }" to requiredBackgroundModes (missing-background-location-mode)
fix-change-use-privacy-check = { $file }: dropped `__usePrivacyCheck__`: it has had no effect since 2023-09-15
# $scopes: `"scope.userLocation"`.
fix-change-permission-desc = { $file }: added a placeholder permission desc for { $scopes } to fill in (missing-permission-desc reports it until it is)
fix-not-fixed = { $file }: not fixed: { $reason }
fix-not-adding-location = { $file }: not adding { $names } to requiredPrivateInfos: fuzzy and precise location cannot both be declared; choose one (conflicting-required-private-infos)
fix-not-build-output = { $file }: not fixed: it is build output, which the next build overwrites; make the change in the framework's config (app.config.ts, manifest.json, app.wpy, app.mpx) and audit the source folder, or run `mpaudit check --fix` there
fix-why-cannot-read-utf8 = cannot read it as UTF-8
fix-why-not-json-object = it is not a JSON object
fix-why-not-strict-json-object = it is not a strict JSON object
# $field: `setting_list`, `packOptions.ignore`, `permission["scope.userLocation"]`…
fix-why-written-twice = `{ $field }` is written twice
fix-why-not-array = `{ $field }` is not an array
fix-why-not-object = `{ $field }` is not an object
fix-why-not-empty-string = `{ $field }` is not an empty string
fix-why-desc-written-twice = `desc` of `{ $scope }` is written twice
fix-why-written-twice-in = `{ $scope }` is written twice in `{ $field }`
fix-why-read-back = the edited file did not read back as intended
fix-why-cannot-read = cannot read it: { $error }
fix-why-not-utf8 = it is not UTF-8
fix-why-no-config-object = the file holds no literal config object mpaudit can edit
fix-why-config-not-object = the config is not an object
fix-why-outside-object = the values are not written in the config object itself
fix-why-edits-overlap = the edits overlap
fix-why-field-not-array = the field is not an array
fix-why-not-strings = the array holds values that are not strings
fix-why-comment-between = a comment sits between the values to remove
fix-why-cannot-find = cannot find where `{ $field }` is written
fix-why-comment-before = a comment sits before `{ $field }`
fix-why-ends-in-spread = the config ends in a spread
fix-why-last-property = cannot find where the last property is written
