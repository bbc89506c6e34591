# 各检查（src/checks/<rule>.rs）的发现，一条规则一节，顺序同文件。
# 术语：用户隐私保护指引、隐私接口、隐私授权弹窗、服务内容声明、用户信息类型；
# 后台路径：设置 → 服务内容声明 → 用户隐私保护指引。接口名、组件名、文件名用代码字体。

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

undeclared-privacy-type-what-scope = scope 为 `{ $scope }` 的 `{ $api }`
undeclared-privacy-type-what-scope-via = scope 为 `{ $scope }` 的 `{ $api }`（在 { $via } 传给封装函数）
undeclared-privacy-type-message = { $what } 需要用户信息类型「{ $described }」，但 { $declaration } 没有声明
undeclared-privacy-type-label = 需要声明「{ $described }」
undeclared-privacy-type-help = 在小程序后台（设置 → 服务内容声明 → 用户隐私保护指引）声明 `{ $key }`，并在 { $declaration } 的 `setting_list` 中加入 { "{" }"privacy_key": "{ $key }", "privacy_text": "..."{ "}" }；未声明时调用会失败，errno 为 112

## unused-privacy-declaration


## unused-required-private-infos


## weak-privacy-text

