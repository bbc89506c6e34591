# Findings of the checks (src/checks/<rule>.rs), one section per rule, in
# the order of the files. Ids start with the rule id. English texts are
# exactly what the code wrote before the messages became data.
# Texts never start or end with a space (Fluent trims them). A literal { or }
# is written { "{" } and { "}" }.

## All checks (src/checks/mod.rs)

# "pages/a/a.js and 2 more": the code that was not audited.
unread-and-more = { $first } and { $count } more
# Appended to the message of a finding in miniprogram_npm code.
in-npm-package = { " " }(in npm package `{ $package }`)

## audit-files-in-package


## client-code2session


## client-side-decrypt


## conflicting-required-private-infos


## dead-consent-code


## deprecated-api


## getuserprofile-misuse


## hardcoded-app-secret


## identity-in-url


## insecure-request


## invalid-required-private-infos


## missing-background-location-mode


## missing-permission-desc


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


## privacy-agree-without-button


## privacy-call-on-launch


## privacy-listener-never-resolves


## session-key-on-client


## unaudited-source


## undeclared-privacy-type

undeclared-privacy-type-what-scope = `{ $api }` with scope `{ $scope }`
undeclared-privacy-type-what-scope-via = `{ $api }` with scope `{ $scope }` (passed to the wrapper at { $via })
undeclared-privacy-type-message = { $what } needs privacy type { $described }, which { $declaration } does not declare
undeclared-privacy-type-label = needs { $described }
undeclared-privacy-type-help = declare `{ $key }` in the MP console (设置 → 服务内容声明 → 用户隐私保护指引) and add { "{" }"privacy_key": "{ $key }", "privacy_text": "..."{ "}" } to `setting_list` in { $declaration }; undeclared, the call fails with errno 112

## unused-privacy-declaration


## unused-required-private-infos


## weak-privacy-text

