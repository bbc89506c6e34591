# Findings of the checks (src/checks/<rule>.rs), one section per rule, in
# the order of the files. Ids start with the rule id. English texts are
# exactly what the code wrote before the messages became data.
# Texts never start or end with a space (Fluent trims them). A literal { or }
# is written { "{" } and { "}" }.

## All checks (src/checks/mod.rs)

# "pages/a/a.js and 2 more": the code that was not audited.
api-with-scope = `{ $api }` with scope `{ $scope }`
# Between the last two items of a list: "Location and Album".
list-and = { " " }and{ " " }
unread-and-more = { $first } and { $count } more
# Appended to the message of a finding in miniprogram_npm code.
in-npm-package = { " " }(in npm package `{ $package }`)
# " through `this.a()` → `this.b()`": how a lifecycle reaches the call.
shared-via = { " " }through { $calls }
shared-hosts-none = none
shared-hosts-guessed = your own hosts are taken to be where most requests go ({ $hosts }): list them under `first-party-hosts` in mpaudit.json
shared-hosts-configured = your own hosts (`first-party-hosts`): { $hosts }

## audit-files-in-package

audit-files-in-package-message = `{ $file }` sits inside the mini program root and is uploaded with the package: `packOptions.ignore` of { $config } does not list it
audit-files-in-package-label = uploaded with the package
audit-files-in-package-help = add { "{" }"type": "file", "value": "{ $value }"{ "}" } to `packOptions.ignore` in { $config } (`mpaudit check --fix` does)

## client-code2session

client-code2session-message = client code calls code2Session (api.weixin.qq.com/sns/jscode2session): the login is done with the AppSecret in the package
client-code2session-label = only your backend may call this
client-code2session-help = send the wx.login code to your backend and call code2Session there; reset the AppSecret in the MP console, the shipped one is public
client-code2session-server-api = client code calls WeChat's server API ({ $what }), which needs the AppSecret or an access_token
client-code2session-server-api-help = call it from your backend (or a cloud function) and keep the AppSecret and access_token there; api.weixin.qq.com cannot be a request domain of a mini program

## client-side-decrypt

client-side-decrypt-sdk = encryptedData is decrypted in client code ({ $how }), which needs session_key on the device
client-side-decrypt-message = encryptedData is decrypted in client code ({ $how } with session_key)
client-side-decrypt-label = decrypt on your backend
client-side-decrypt-help = send encryptedData and iv to your backend and decrypt them there; for phone numbers use the getPhoneNumber code with getuserphonenumber

## conflicting-required-private-infos

conflicting-required-private-infos-listed = `requiredPrivateInfos` lists "{ $fuzzy }" together with { $precise }; fuzzy and precise location are mutually exclusive
conflicting-required-private-infos-listed-label = conflicts with the precise location APIs
conflicting-required-private-infos-listed-help = keep either the fuzzy API or the precise ones; DevTools refuses to compile both (chooseLocation, choosePoi and chooseAddress may stay)
conflicting-required-private-infos-used = the code uses `{ $fuzzy }` and { $precise } (first at { $at }); they cannot both be declared in `requiredPrivateInfos`
conflicting-required-private-infos-used-label = fuzzy location, while precise location is used elsewhere
conflicting-required-private-infos-used-help = use either getFuzzyLocation or the precise location APIs across the whole mini program

## dead-consent-code

dead-consent-code-use-privacy-check = { $file } sets `__usePrivacyCheck__: { $value }`, which has had no effect since 2023-09-15
dead-consent-code-use-privacy-check-help = delete the key: the privacy checks are always on
dead-consent-code-require-without-fail = wx.requirePrivacyAuthorize without `fail`: when the user refuses, nothing handles it
dead-consent-code-require-without-fail-help = pass fail (or use the promise's catch) and leave the user a way on when they refuse
dead-consent-code-listener = this wx.onNeedPrivacyAuthorization listener ({ $scope }) is registered, but none of the { $pages } { $pages ->
        [one] page
       *[other] pages
    } it is in effect on reaches a privacy API
dead-consent-code-scope-app = app-wide
dead-consent-code-scope-page = page
dead-consent-code-scope-component = component
dead-consent-code-listener-help = no privacy use can fire it: delete it, or check that the pages which use privacy APIs register their own

## deprecated-api

deprecated-api-message = { $what } was recalled on { $since }: { $returns_now }
deprecated-api-label = recalled since { $since }
deprecated-api-help = use { $replacement } instead

## getuserprofile-misuse

getuserprofile-misuse-after-await = after an `await`
getuserprofile-misuse-option-callback = in the `{ $name }` callback of `{ $call }`
getuserprofile-misuse-promise-callback = in a `.{ $method }()` callback
getuserprofile-misuse-timer-callback = in a `{ $timer }` callback
getuserprofile-misuse-setdata-callback = in the `setData` callback
getuserprofile-misuse-no-desc = `{ $api }` is called without `desc`, so WeChat fails the call
getuserprofile-misuse-no-desc-label = no `desc`
getuserprofile-misuse-no-desc-help = add `desc`, the purpose shown to the user (at most 30 characters), e.g. `desc: '用于完善会员资料'`
getuserprofile-misuse-long-desc = the `desc` of `{ $api }` has { $chars } characters; WeChat allows at most { $max }
getuserprofile-misuse-long-desc-label = `desc` over 30 characters
getuserprofile-misuse-long-desc-help = shorten `desc` to 30 characters or fewer
# $problem is one of the three below.
getuserprofile-misuse-not-in-tap = { $problem }; WeChat fails it with "getUserProfile:fail can only be invoked by user TAP gesture"
getuserprofile-misuse-not-in-tap-label = not in a tap handler
getuserprofile-misuse-not-in-tap-help = call it directly in the handler of a tap (`<button bindtap="getProfile">`), not in a lifecycle or a callback; log in before or after it
# $callback: one of getuserprofile-misuse-after-await … -setdata-callback.
getuserprofile-misuse-in-callback = `{ $api }` is called { $callback }, not directly in a tap handler
getuserprofile-misuse-in-lifecycle = `{ $api }` is called from `{ $lifecycle }`{ $via }, not from a tap handler
getuserprofile-misuse-unbound-method = `{ $api }` is called in `{ $method }`, which `{ $template }` does not bind to a tap and no method bound to one calls

## hardcoded-app-secret

hardcoded-app-secret-message = `{ $name }` holds an AppSecret in client code ({ $prefix }…, 32 hex digits)
hardcoded-app-secret-label = AppSecret
hardcoded-app-secret-help = remove it and reset the AppSecret in the MP console (开发 → 开发管理 → 开发设置); keep the new one on your backend only

## identity-in-url

identity-in-url-message = `{ $param }` is put into the URL of { $api } to the third-party host { $host }
identity-in-url-label = user identity in a third-party URL
identity-in-url-help = send the third party an id of your own, or none; { $hosts }

## insecure-request

insecure-request-message = { $api } uses a plain { $scheme } URL: { $url }
insecure-request-label = not HTTPS
insecure-request-help = serve it over HTTPS (wss:// for sockets); a released mini program can only reach https:// and wss:// request domains

## invalid-required-private-infos

invalid-required-private-infos-message = "{ $value }" is not a valid `requiredPrivateInfos` value
invalid-required-private-infos-label = not one of the { $count } allowed values
invalid-required-private-infos-did-you-mean = did you mean "{ $value }"?{ " " }
invalid-required-private-infos-help = { $hint }allowed values: { $allowed }; other privacy APIs are declared in the privacy guideline, not here

## missing-background-location-mode

missing-background-location-mode-message = `{ $api }` needs `requiredBackgroundModes: ["{ $mode }"]` in app.json
missing-background-location-mode-label = background mode not declared
missing-background-location-mode-help = add "requiredBackgroundModes": ["{ $mode }"] to { $file }; the user must also grant scope.userLocationBackground

## missing-permission-desc

missing-permission-desc-missing = `{ $api }` needs app.json `permission["{ $scope }"].desc`, which is missing ({ $uses } { $uses ->
        [one] use needs
       *[other] uses need
    } it)
missing-permission-desc-placeholder = `{ $api }` needs app.json `permission["{ $scope }"].desc`, which is still a placeholder to fill in ({ $uses } { $uses ->
        [one] use needs
       *[other] uses need
    } it)
missing-permission-desc-label = needs a { $scope } desc
missing-permission-desc-placeholder-help = replace the `{ $prefix }` placeholder desc in { $file } with the purpose shown in the authorization popup, e.g. "你的位置信息将用于查找附近门店" (at most { $max } characters)
missing-permission-desc-help = add "permission": { "{" }"{ $scope }": { "{" }"desc": "你的位置信息将用于…"{ "}" }{ "}" } to { $file } (at most { $max } characters; shown in the authorization popup)

## missing-privacy-authorization

missing-privacy-authorization-message = { $uses } privacy API { $uses ->
        [one] use
       *[other] uses
    } in { $files } { $files ->
        [one] file
       *[other] files
    } (first `{ $api }` at { $at }), but nothing handles privacy consent
# Appended to the message when some code was not audited.
missing-privacy-authorization-unread = { " " }in the code mpaudit audited ({ $files } not audited)
missing-privacy-authorization-help = register wx.onNeedPrivacyAuthorization in app.js and show a popup with <button open-type="agreePrivacyAuthorization">; mpaudit looks for { $handlers }

## missing-required-private-infos

missing-required-private-infos-message = `{ $api }` is not declared in app.json `requiredPrivateInfos`
missing-required-private-infos-label = add "{ $name }" to requiredPrivateInfos
missing-required-private-infos-help = add "{ $name }" to `requiredPrivateInfos` in { $file } and activate it in the MP console (开发 → 开发管理 → 接口设置); undeclared, the call fails with "the api need to be declared in the requiredPrivateInfos field"

## no-privacy-declaration

no-privacy-declaration-message = no privacy.json: the code needs { $count } privacy { $count ->
        [one] type
       *[other] types
    } declared: { $list }
no-privacy-declaration-help = `mpaudit init` (or `mpaudit manifest --write`) drafts privacy.json from the code, with TODO texts to fill in from the MP console (设置 → 服务内容声明 → 用户隐私保护指引); or copy the guideline into privacy.json next to project.config.json: { "{" }"setting_list": [{ $example }]{ "}" }

## page-without-privacy-popup

page-without-privacy-popup-message = page `{ $page }` reaches `{ $api }` here, but no consent handling is in effect on it: no wx.onNeedPrivacyAuthorization listener reaches the page and it shows no agree button
page-without-privacy-popup-label = first privacy use of { $page }
page-without-privacy-popup-help = wx.onNeedPrivacyAuthorization is registered by overwriting: register it in app.js, or use the same privacy popup component (listener + agree button) on this page too

## privacy-agree-without-button

privacy-agree-without-button-in-listener = resolve({ "{" } event: 'agree' { "}" }) is sent from the wx.onNeedPrivacyAuthorization listener itself, before the user taps an agree button: the base library rejects it
privacy-agree-without-button-in-callback = resolve({ "{" } event: 'agree' { "}" }) is sent from a timer or modal callback inside the wx.onNeedPrivacyAuthorization listener, not after a tap on an agree button: the base library rejects it
privacy-agree-without-button-no-id = resolve({ "{" } event: 'agree' { "}" }) has no buttonId: the base library needs the id of the agree button the user tapped
# $ids is privacy-agree-without-button-ids or -no-ids.
privacy-agree-without-button-unknown-id-project = resolve({ "{" } event: 'agree', buttonId: '{ $id }' { "}" }) names a button no { $button } of the project has{ $ids }
privacy-agree-without-button-unknown-id-pages = resolve({ "{" } event: 'agree', buttonId: '{ $id }' { "}" }) names a button no { $button } of its pages has{ $ids }
privacy-agree-without-button-no-ids = { " " }(none has an id)
privacy-agree-without-button-ids = { " " }(ids: { $ids })
privacy-agree-without-button-label = agree without the button
privacy-agree-without-button-help = call resolve({ "{" } buttonId: '<id>', event: 'agree' { "}" }) in the bindagreeprivacyauthorization handler of <button id="<id>" open-type="agreePrivacyAuthorization">

## privacy-call-on-launch

privacy-call-on-launch-message = { $what } is called from `{ $lifecycle }`{ $via }, so it asks for { $keys } { $when }, before the user has done anything
privacy-call-on-launch-label = runs in `{ $lifecycle }`
privacy-call-on-launch-help = call it from the handler of the control that needs the data (e.g. a `bindtap` handler); WeChat's operating rules forbid asking for permissions or personal data before the user triggers the feature
when-app-shows = whenever the mini program shows
when-app-starts = when the mini program starts
when-page-shows = whenever the page shows
when-page-opens = when the page opens
when-component-created = when the component is created

## privacy-listener-never-resolves

privacy-listener-never-resolves-never = this wx.onNeedPrivacyAuthorization listener never calls or keeps `resolve`: every privacy API that fires it stays pending
privacy-listener-never-resolves-on-a-path = this wx.onNeedPrivacyAuthorization listener drops `resolve` on the path that ends at { $at }: the privacy API that fired it then stays pending
privacy-listener-never-resolves-label = resolve dropped
privacy-listener-never-resolves-help = on every path, keep resolve (this.resolvePrivacy = resolve) for the agree button's handler, or call resolve({ "{" } event: 'disagree' { "}" })

## session-key-on-client

session-key-on-client-stored = session_key is written to storage by { $api }
session-key-on-client-stored-label = session_key stored on the device
session-key-on-client-stored-help = keep session_key on your backend; give the mini program a session token of your own
session-key-on-client-sent = session_key is sent out by { $api }
session-key-on-client-in-url = session_key is sent in the URL of { $api } to { $host }
session-key-on-client-sent-label = session_key sent from the client
session-key-on-client-sent-help = keep session_key on your backend, where it was issued; identify the user by a session token of your own

## unaudited-source

unaudited-source-file = a `{ $ext }` file, which mpaudit cannot read
unaudited-source-no-pages = the { $framework } config lists no pages that mpaudit can read, so no use is tied to a page
# $places: "file:line: what", joined by unaudited-source-separator; $more: unaudited-source-more or nothing.
unaudited-source-message = { $count } { $count ->
        [one] place was
       *[other] places were
    } not audited: { $places }{ $more }
unaudited-source-separator = ;{ " " }
unaudited-source-more = ; and { $count } more
unaudited-source-no-pages-help = the uses found are in the inventory, but none is tied to a page, so the page table and the per-page checks say nothing; write the page list as literal strings, or audit the build output for WeChat (the folder with app.json)
unaudited-source-help = privacy APIs used there are not in the inventory: audit the build output for WeChat (the folder with app.json), or write these parts in WXML/HTML and JS/TS; leave out code that never ships with `ignore` in mpaudit.json

## undeclared-privacy-type

undeclared-privacy-type-what-scope-via = `{ $api }` with scope `{ $scope }` (passed to the wrapper at { $via })
undeclared-privacy-type-message = { $what } needs privacy type { $described }, which { $declaration } does not declare
undeclared-privacy-type-label = needs { $described }
undeclared-privacy-type-help = declare `{ $key }` in the MP console (设置 → 服务内容声明 → 用户隐私保护指引) and add { "{" }"privacy_key": "{ $key }", "privacy_text": "..."{ "}" } to `setting_list` in { $declaration }; undeclared, the call fails with errno 112

## unused-privacy-declaration

unused-privacy-declaration-message = privacy type { $described } is declared but no code in the mini program uses it
unused-privacy-declaration-label = declared here, never used
unused-privacy-declaration-help = remove it from the guideline in the MP console and from this file, or check whether the code that needed it was removed by mistake

## unused-required-private-infos

unused-required-private-infos-message = "{ $value }" is listed in `requiredPrivateInfos` but no code uses `wx.{ $value }`
unused-required-private-infos-label = never used
unused-required-private-infos-help = remove it, or check whether the code that used it was removed by mistake

## weak-privacy-text

weak-privacy-text-write-purpose = write what the data is used for, as users read it after "为了" ("查找附近门店"), and set the same text in the MP console (设置 → 服务内容声明 → 用户隐私保护指引)
weak-privacy-text-empty = the `privacy_text` of { $described } is empty
weak-privacy-text-empty-label = empty purpose
weak-privacy-text-placeholder = the `privacy_text` of { $described } is a placeholder: "{ $text }"
weak-privacy-text-placeholder-label = placeholder
weak-privacy-text-too-short = the `privacy_text` of { $described } is { $chars } { $chars ->
        [one] character
       *[other] characters
    } long: "{ $text }" does not say what the data is for
weak-privacy-text-too-short-label = too short to say why
weak-privacy-text-redundant-start = the `privacy_text` of { $described } starts with "{ $start }": WeChat shows it as "为了{ $text }"
weak-privacy-text-redundant-start-label = starts with "{ $start }"
weak-privacy-text-redundant-start-help = WeChat adds "为了" itself; write "{ $rest }" and set the same text in the MP console
weak-privacy-text-duplicate = the `privacy_text` of { $described } is the same as for { $other } (line { $line }): "{ $text }"
weak-privacy-text-duplicate-label = same purpose as another type
weak-privacy-text-duplicate-help = say what this type is used for; one purpose copied to different data reads as boilerplate
