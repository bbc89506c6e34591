# 各检查（src/checks/<rule>.rs）的发现，一条规则一节，顺序同文件。
# 术语：用户隐私保护指引、隐私接口、隐私授权弹窗、服务内容声明、用户信息类型；
# 后台路径：设置 → 服务内容声明 → 用户隐私保护指引。接口名、组件名、文件名用代码字体。

## 所有检查（src/checks/mod.rs）

unread-and-more = { $first } 及另外 { $count } 个文件
in-npm-package = （位于 npm 包 `{ $package }` 中）

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

missing-privacy-authorization-message = { $files } 个文件中有 { $uses } 处调用隐私接口（第一处是 { $at } 的 `{ $api }`），但没有任何代码处理隐私授权
missing-privacy-authorization-unread = （仅指 mpaudit 检查到的代码；{ $files } 未检查）
missing-privacy-authorization-help = 在 app.js 中注册 `wx.onNeedPrivacyAuthorization`，并弹出带有 `<button open-type="agreePrivacyAuthorization">` 的隐私授权弹窗；mpaudit 查找的是 { $handlers }

## missing-required-private-infos

missing-required-private-infos-message = `{ $api }` 没有在 app.json 的 `requiredPrivateInfos` 中声明
missing-required-private-infos-label = 把 "{ $name }" 加到 requiredPrivateInfos
missing-required-private-infos-help = 在 { $file } 的 `requiredPrivateInfos` 中加入 "{ $name }"，并在小程序后台（开发 → 开发管理 → 接口设置）开通该接口；未声明时调用会失败，报错 "the api need to be declared in the requiredPrivateInfos field"

## no-privacy-declaration

no-privacy-declaration-message = 没有 privacy.json：代码需要声明 { $count } 种用户信息类型：{ $list }
no-privacy-declaration-help = 运行 `mpaudit init`（或 `mpaudit manifest --write`）会根据代码生成 privacy.json 草稿，其中的 TODO 文本请对照小程序后台（设置 → 服务内容声明 → 用户隐私保护指引）填写；也可以把用户隐私保护指引抄到 project.config.json 旁边的 privacy.json 中：{ "{" }"setting_list": [{ $example }]{ "}" }

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

