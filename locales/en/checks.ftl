# Findings of the checks (src/checks/<rule>.rs), one section per rule, in
# the order of the files. Ids start with the rule id. English texts are
# exactly what the code wrote before the messages became data.
# Texts never start or end with a space (Fluent trims them). A literal { or }
# is written { "{" } and { "}" }.

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


## missing-required-private-infos


## no-privacy-declaration


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

