# Findings and errors of the pipeline stages before the checks: reading files
# (src/fs.rs), parsing (src/parse/), the config files (src/config.rs,
# src/config_file.rs), discovery (src/project/), the declaration, the
# inventory, suppressions, the baseline, and the audit's own errors (src/lib.rs).
# English texts are exactly what the code wrote before the messages became data.
# Texts never start or end with a space (Fluent trims them). A literal { or }
# is written { "{" } and { "}" }.

## Reading files (src/fs.rs)
fs-too-large = { $file } is { $size }, over the { $limit } limit; it was not audited
fs-too-large-help = raise the limit with --max-file-size (`max-file-size` in mpaudit.json) to audit it, or remove the file from the mini program
fs-binary = { $file } is not text (a NUL byte at { $line }:{ $column }); it was not audited
fs-binary-help = a binary file with a source file's extension: remove it, or rename it
fs-unreadable = cannot read { $file }: { $error }
fs-not-utf8 = { $file } is not UTF-8 (byte { $byte } at { $line }:{ $column }); it was audited with the bytes that are not UTF-8 replaced
fs-not-utf8-label = not UTF-8 (GBK?)
fs-save-as-utf8 = save the file as UTF-8: WeChat DevTools reads source files as UTF-8
fs-utf16 = { $file } is { $encoding }, not UTF-8; it was audited as { $encoding }

## Parsing (src/parse/script.rs); $error is the parser's own text, in English
parse-uts-partly = UTS code that the TypeScript parser cannot read ({ $error }); the rest of the script was audited
parse-uts-not-at-all = UTS code that the TypeScript parser cannot read ({ $error }); nothing in this script was audited
parse-too-deep = { $file } was not audited: { $error }
parse-too-deep-help = generated code? Generate it flatter, or leave the file out with `ignore` in mpaudit.json; the rest of the project was audited
parse-error = { $file } does not parse: { $error }
parse-error-recovered-help = the parser recovered and the rest of the file was still audited; WeChat's compiler may reject this file
parse-error-fatal-help = fix the syntax error: uses of privacy APIs in this script could not be audited
parse-markup = { $file } has broken markup: { $error }
parse-markup-help = fix the markup; the rest of the template was still audited, but WeChat's compiler may reject it

## The inventory (src/inventory/)
inventory-script-block-unparsed = a <script> block in { $language }, which mpaudit cannot parse
inventory-template-block-unread = a <template lang="{ $language }"> block, which mpaudit cannot read
inventory-wepy-lenient-help = WePY's compiler (xmldom) repairs this markup when it builds, but other tools may not; balance the tags
inventory-vue2-lenient-help = Vue 2's template compiler drops unbalanced tags with a warning, Vue 3's refuses them; balance the tags before moving to Vue 3

## Config files (src/config_file.rs); $error is the JSON parser's text, in English
config-not-json = { $file } is not valid JSON: { $error }
config-not-json-help = fix the JSON syntax; WeChat DevTools refuses to compile a project with a broken config file
config-not-strict-json = { $file } is not strict JSON: { $error }
config-not-strict-json-help = remove it: WeChat DevTools compiles a mini program's .json files only as strict JSON, without comments or trailing commas, and refuses this one
config-duplicate-key = `{ $key }` is written twice in one object (first at { $line }:{ $column }); the last one applies, as in JSON.parse
config-duplicate-key-label = duplicate key
config-duplicate-key-help = keep one of the two; tools that read the file may not agree on which one counts

## Walking the project's folders (src/project/walk.rs)
walk-link-loop = { $file } is a symbolic link loop (to { $target }): { $error }
walk-link-broken = { $file } is a broken symbolic link (to { $target }): { $error }
walk-link-broken-help = remove the link, or point it at an existing file
walk-link-folder-outside = { $file } is a symbolic link to the folder { $target }, outside the mini program root; linked folders are not followed, so its files were not audited
walk-link-folder-outside-help = audit the real folder, or copy it into the project; list the link under `ignore` in mpaudit.json to leave it out
walk-link-file-outside = { $file } is a symbolic link to { $target }, outside the audited folder; it was not read
walk-link-file-outside-help = copy the file into the project, or audit the folder that holds both; list the link under `ignore` in mpaudit.json to leave it out
json-type-string = a string
json-type-number = a number
json-type-boolean = a boolean
json-type-object = an object
json-type-array = an array
json-type-null = null

## Config values of the wrong shape (app.json, project.config.json, pages.json…);
## $found is one of the json-type-* texts
shape-must-be-array = `{ $key }` must be an array, found { $found }
shape-entries-must-be-objects = `{ $key }` entries must be objects, found { $found }
shape-subpackage-root-string = subpackage `root` must be a string, found { $found }
shape-subpackage-no-root = subpackage has no `root`
shape-permission-entry = `permission["{ $scope }"]` must be an object with `desc`, found { $found }
shape-must-be-object = `{ $key }` must be an object, found { $found }
shape-must-be-boolean = `{ $key }` must be a boolean, found { $found }
shape-must-be-string = `{ $key }` must be a string, found { $found }
shape-must-be-string-array = `{ $key }` must be an array of strings, found { $found }
shape-entries-must-be-strings = `{ $key }` entries must be strings, found { $found }
shape-file-must-be-object = { $file } must be an object, found { $found }
shape-app-json-empty = app.json is empty; it must be an object with `pages`

## Discovery (src/project/): the errors the command line prints after "error: "
discover-no-such-folder = cannot audit { $folder }: no such file or folder
discover-not-a-folder = cannot audit { $folder }: not a folder (give the folder that holds project.config.json or app.json)
discover-root-missing-app-json = { $config } in { $folder } sets miniprogramRoot to { $value }, but { $app_json } does not exist
discover-root-missing = { $config } in { $folder } sets miniprogramRoot to { $value }, but { $app_json } does not exist (if the project is built by Taro or uni-app, build it first, or audit its sources: mpaudit reads src/app.config.ts for Taro, pages.json and manifest.json for uni-app)
discover-none = no mini program found in { $folder }: looked for project.config.json (its miniprogramRoot), app.json, Taro's src/app.config.ts and uni-app's pages.json with manifest.json
discover-none-config-broken = no mini program found in { $folder }: looked for project.config.json (its miniprogramRoot), app.json, Taro's src/app.config.ts and uni-app's pages.json with manifest.json; project.config.json could not be read
discover-app-json-found-in = app.json found in: { $folders }
discover-audit-one-of-those = audit one of those folders (for uni-app and Taro, the compiled output)
shape-must-be-page-array = `{ $key }` must be an array of page objects, found { $found }
shape-entries-must-be-pages = `{ $key }` entries must be objects with `path`, found { $found }
shape-page-path-string = page `path` must be a string, found { $found }
shape-page-no-path = `{ $key }` entry has no `path`
shape-no-literal-app-config = no literal app config found: expected an object literal such as `export default defineAppConfig({ "{" } pages: [...] { "}" })`
discover-framework-without-config = { $folder } depends on { $framework } (package.json), but mpaudit found none of its config files: looked for { $looked_for }. Nothing was audited: audit the folder that holds them, or the compiled output (the folder with app.json)
discover-looked-for-taro = src/app.config.ts (Taro 3) or the `config` of the App class in src/app.jsx (Taro 1/2)
discover-looked-for-uni-app = pages.json (or pages.config.ts) with manifest.json (or manifest.config.ts), in the folder or in src/
discover-looked-for-mpx = src/app.mpx, app.mpx or src/miniprogram/app.mpx
discover-looked-for-other = its app config

## The audit's own errors (src/lib.rs)
internal-error = mpaudit crashed while auditing { $file }: { $reason }
internal-error-at = mpaudit crashed while auditing { $file }: { $reason } (at { $at })
internal-error-help = this is a bug in mpaudit; the other files were audited. Please report it with this file attached

## The privacy declaration (src/declaration.rs)
declaration-missing = declaration file { $file } does not exist
declaration-found-nothing = nothing
declaration-not-object = the declaration must be an object with `setting_list`, found { $found }
declaration-no-setting-list = no `setting_list`: expected { "{" }"setting_list": [{ "{" }"privacy_key": "Location", "privacy_text": "..."{ "}" }]{ "}" }
declaration-no-privacy-key = `{ $key }` entry has no `privacy_key`
declaration-twice = `{ $key }` is declared twice in `{ $list }` (first at { $line }:{ $column }); mpaudit reads the first entry
declaration-twice-label = declared again
declaration-twice-help = keep one entry per privacy type: the guideline has one purpose per type

## mpaudit.json (src/config.rs)
config-cannot-read = cannot read config file { $file }: { $error }
config-framework = `framework` must be one of { $frameworks }, found "{ $name }"
config-lang = `lang` must be "zh" or "en", found "{ $name }"
config-unknown-key = unknown key `{ $key }`
config-unknown-key-help = { $file } takes { $keys }
config-unknown-key-did-you-mean = did you mean `{ $known }`? { $file } takes { $keys }
config-severity-not-object = `severity` must be an object of rule id → "off" | "warning" | "error", found { $found }
config-unknown-rule = unknown rule `{ $id }`
config-unknown-rule-help = `mpaudit rules` lists the rule ids
config-severity-level = the severity of `{ $id }` must be "off", "warning" or "error", found { $found }
config-ignore-not-array = `ignore` must be an array of glob patterns, found { $found }
config-ignore-not-string = `ignore` patterns must be strings, found { $found }
config-rules-wrong = `rules` must be a rules file path or an object of rule tables (`privacy_apis`, `privacy_keys`, …), found { $found }
config-found = found { $found }
config-max-file-size = `max-file-size` must be a size in bytes (`10485760`) or with a unit (`10MB`, `512KB`): { $reason }
config-hosts-not-array = `first-party-hosts` must be an array of host names, found { $found }
config-hosts-entry = `first-party-hosts` entries must be host names (`api.example.com`, `example.com`), found { $found }
config-third-party = `third-party` must be "error", "warning" or "off", found { $found }

## Inline suppressions (src/suppress.rs)
suppress-not-a-rule-id = `{ $code }` is not a rule id; separate rule ids with commas and put the reason after `:` or ` -- `
suppress-unknown-rule = `{ $directive }` names the unknown rule `{ $code }`
suppress-unknown-rule-did-you-mean = `{ $directive }` names the unknown rule `{ $code }`; did you mean `{ $known }`?
suppress-unknown-rule-label = unknown rule
suppress-unknown-rule-help = `mpaudit rules` lists the rule ids; fix the id or remove it
suppress-unused-file = `{ $directive } { $code }` suppresses nothing: this file has no `{ $code }` finding
suppress-unused-file-help = remove the rule from the comment (or the comment)
suppress-unused-line = `{ $directive } { $code }` suppresses nothing: no `{ $code }` finding on line { $line }
suppress-unused-lines = `{ $directive } { $code }` suppresses nothing: no `{ $code }` finding on lines { $first }-{ $last }
suppress-unused-line-help = remove it, or put it right above the line the finding is on (a blank line in between breaks it)
suppress-unused-label = suppresses nothing

## The baseline (src/baseline.rs)
baseline-cannot-read = cannot read baseline { $file }: { $error }
baseline-invalid = baseline { $file } is not valid: { $error }
baseline-version = baseline { $file } has version { $version }; this mpaudit reads version { $expected } (write a new one with --write-baseline)
suppress-not-a-directive = `{ $word }` is not a suppression directive; use `{ $next_line } <rule>` or `{ $file } <rule>`
suppress-names-no-rule = `{ $directive }` names no rule; name the rule ids it suppresses: `{ $directive } <rule>: <reason>`
suppress-malformed-help = write `{ $next_line } <rule>: <reason>` above the line, or `{ $file } <rule>: <reason>` anywhere in the file; `mpaudit rules` lists the rule ids
