# 各检查（src/checks/<rule>.rs）的发现，一条规则一节，顺序同文件。
# 术语：用户隐私保护指引、隐私接口、隐私授权弹窗、服务内容声明、用户信息类型；
# 后台路径：设置 → 服务内容声明 → 用户隐私保护指引。接口名、组件名、文件名用代码字体。

## 所有检查（src/checks/mod.rs）

api-with-scope = scope 为 `{ $scope }` 的 `{ $api }`
list-and = 和
unread-and-more = { $first } 及另外 { $count } 个文件
in-npm-package = （位于 npm 包 `{ $package }` 中）
shared-via = （经由 { $calls }）
shared-hosts-none = 无
shared-hosts-guessed = 目前把请求最多的域名（{ $hosts }）当作你自己的服务器：请在 mpaudit.json 的 `first-party-hosts` 中列出它们
shared-hosts-configured = 你自己的域名（`first-party-hosts`）：{ $hosts }

## audit-files-in-package

audit-files-in-package-message = `{ $file }` 位于小程序根目录中，会随代码包一起上传：{ $config } 的 `packOptions.ignore` 没有排除它
audit-files-in-package-label = 会随代码包上传
audit-files-in-package-help = 在 { $config } 的 `packOptions.ignore` 中加入 { "{" }"type": "file", "value": "{ $value }"{ "}" }（`mpaudit check --fix` 会自动添加）

## client-code2session

client-code2session-message = 客户端代码调用了 code2Session（api.weixin.qq.com/sns/jscode2session）：登录用的是代码包里的 AppSecret
client-code2session-label = 只能由你的后端调用
client-code2session-help = 把 `wx.login` 得到的 code 发给你的后端，由后端调用 code2Session；并在小程序后台重置 AppSecret，已发布的那个已经公开了
client-code2session-server-api = 客户端代码调用了微信服务端接口（{ $what }），它需要 AppSecret 或 access_token
client-code2session-server-api-help = 改由你的后端（或云函数）调用，AppSecret 和 access_token 只保存在后端；api.weixin.qq.com 不能配置为小程序的 request 合法域名

## client-side-decrypt

client-side-decrypt-sdk = 客户端代码解密了 encryptedData（{ $how }），这需要把 session_key 放在用户设备上
client-side-decrypt-message = 客户端代码用 session_key 解密了 encryptedData（{ $how }）
client-side-decrypt-label = 请在后端解密
client-side-decrypt-help = 把 encryptedData 和 iv 发给你的后端，在后端解密；手机号请用 getPhoneNumber 返回的 code 调用 getuserphonenumber 接口获取

## conflicting-required-private-infos

conflicting-required-private-infos-listed = `requiredPrivateInfos` 同时列出了 "{ $fuzzy }" 和 { $precise }；模糊位置和精确位置接口只能二选一
conflicting-required-private-infos-listed-label = 与精确位置接口冲突
conflicting-required-private-infos-listed-help = 只保留模糊位置接口或精确位置接口中的一种；两者都有时开发者工具会拒绝编译（chooseLocation、choosePoi 和 chooseAddress 可以保留）
conflicting-required-private-infos-used = 代码同时使用了 `{ $fuzzy }` 和 { $precise }（第一处在 { $at }）；两者不能同时在 `requiredPrivateInfos` 中声明
conflicting-required-private-infos-used-label = 这里用了模糊位置，而别处用了精确位置
conflicting-required-private-infos-used-help = 在整个小程序中只使用 getFuzzyLocation 或只使用精确位置接口

## dead-consent-code

dead-consent-code-use-privacy-check = { $file } 中设置了 `__usePrivacyCheck__: { $value }`，这个配置自 2023-09-15 起已不再生效
dead-consent-code-use-privacy-check-help = 删除这个键：隐私检查现在始终开启
dead-consent-code-require-without-fail = `wx.requirePrivacyAuthorize` 没有传 `fail`：用户拒绝时没有任何处理
dead-consent-code-require-without-fail-help = 传入 fail（或使用 Promise 的 catch），在用户拒绝时给出后续操作
dead-consent-code-listener = 注册了这个 `wx.onNeedPrivacyAuthorization` 监听（{ $scope }），但它生效的 { $pages } 个页面都没有调用隐私接口
dead-consent-code-scope-app = 全局
dead-consent-code-scope-page = 页面级
dead-consent-code-scope-component = 组件级
dead-consent-code-listener-help = 没有任何隐私接口调用会触发它：删除它，或者检查调用隐私接口的页面是否注册了自己的监听

## deprecated-api

deprecated-api-message = { $what } 已于 { $since } 回收：{ $returns_now }
deprecated-api-label = 自 { $since } 起已回收
deprecated-api-help = 改用{ $replacement }

## getuserprofile-misuse

getuserprofile-misuse-after-await = 在 `await` 之后
getuserprofile-misuse-option-callback = 在 `{ $call }` 的 `{ $name }` 回调中
getuserprofile-misuse-promise-callback = 在 `.{ $method }()` 回调中
getuserprofile-misuse-timer-callback = 在 `{ $timer }` 回调中
getuserprofile-misuse-setdata-callback = 在 `setData` 的回调中
getuserprofile-misuse-no-desc = 调用 `{ $api }` 时没有传 `desc`，微信会让调用失败
getuserprofile-misuse-no-desc-label = 缺少 `desc`
getuserprofile-misuse-no-desc-help = 加上 `desc`，即向用户展示的用途（不超过 30 个字符），例如 `desc: '用于完善会员资料'`
getuserprofile-misuse-long-desc = `{ $api }` 的 `desc` 有 { $chars } 个字符，微信最多允许 { $max } 个
getuserprofile-misuse-long-desc-label = `desc` 超过 30 个字符
getuserprofile-misuse-long-desc-help = 把 `desc` 缩短到 30 个字符以内
getuserprofile-misuse-not-in-tap = { $problem }；微信会让调用失败，报错 "getUserProfile:fail can only be invoked by user TAP gesture"
getuserprofile-misuse-not-in-tap-label = 不在点击事件处理函数中
getuserprofile-misuse-not-in-tap-help = 在点击事件的处理函数中直接调用（`<button bindtap="getProfile">`），不要在生命周期函数或回调中调用；登录放在它之前或之后都可以
getuserprofile-misuse-in-callback = `{ $api }` 是{ $callback }调用的，而不是直接在点击事件处理函数中调用
getuserprofile-misuse-in-lifecycle = `{ $api }` 在 `{ $lifecycle }` 中调用{ $via }，而不是在点击事件处理函数中
getuserprofile-misuse-unbound-method = `{ $api }` 在 `{ $method }` 中调用，但 `{ $template }` 没有把这个方法绑定到点击事件，绑定了点击事件的方法也没有调用它

## hardcoded-app-secret

hardcoded-app-secret-message = 客户端代码中的 `{ $name }` 是一个 AppSecret（{ $prefix }…，32 位十六进制）
hardcoded-app-secret-label = 硬编码的 AppSecret
hardcoded-app-secret-help = 删除它，并在小程序后台（开发 → 开发管理 → 开发设置）重置 AppSecret；新的 AppSecret 只保存在你的后端

## identity-in-url

identity-in-url-message = `{ $param }` 被放进了 { $api } 发往第三方域名 { $host } 的 URL 中
identity-in-url-label = 第三方 URL 中带有用户身份
identity-in-url-help = 给第三方传你自己生成的 id，或者不传；{ $hosts }

## insecure-request

insecure-request-message = { $api } 使用了不加密的 { $scheme } 地址：{ $url }
insecure-request-label = 不是 HTTPS
insecure-request-help = 改用 HTTPS（WebSocket 用 wss://）；正式发布的小程序只能访问 https:// 和 wss:// 的合法域名

## invalid-required-private-infos

invalid-required-private-infos-message = "{ $value }" 不是 `requiredPrivateInfos` 允许的取值
invalid-required-private-infos-label = 不在允许的 { $count } 个取值之中
invalid-required-private-infos-did-you-mean = 是不是要写 "{ $value }"？
invalid-required-private-infos-help = { $hint }允许的取值：{ $allowed }；其他隐私接口在用户隐私保护指引中声明，不写在这里

## missing-background-location-mode

missing-background-location-mode-message = `{ $api }` 需要在 app.json 中声明 `requiredBackgroundModes: ["{ $mode }"]`
missing-background-location-mode-label = 没有声明后台运行模式
missing-background-location-mode-help = 在 { $file } 中加入 "requiredBackgroundModes": ["{ $mode }"]；用户还需要授权 scope.userLocationBackground

## missing-permission-desc

missing-permission-desc-missing = `{ $api }` 需要 app.json 中的 `permission["{ $scope }"].desc`，但没有填写（{ $uses } 处调用需要它）
missing-permission-desc-placeholder = `{ $api }` 需要 app.json 中的 `permission["{ $scope }"].desc`，但它还是待填写的占位文字（{ $uses } 处调用需要它）
missing-permission-desc-label = 需要 { $scope } 的 desc
missing-permission-desc-placeholder-help = 把 { $file } 中 `{ $prefix }` 开头的占位 desc 换成授权弹窗中展示的用途，例如 "你的位置信息将用于查找附近门店"（不超过 { $max } 个字符）
missing-permission-desc-help = 在 { $file } 中加入 "permission": { "{" }"{ $scope }": { "{" }"desc": "你的位置信息将用于…"{ "}" }{ "}" }（不超过 { $max } 个字符，会显示在授权弹窗中）

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

page-without-privacy-popup-message = 页面 `{ $page }` 在这里调用了 `{ $api }`，但这个页面上没有生效的隐私授权处理：既没有 `wx.onNeedPrivacyAuthorization` 监听覆盖到它，页面上也没有同意按钮
page-without-privacy-popup-label = { $page } 第一处调用隐私接口的地方
page-without-privacy-popup-help = `wx.onNeedPrivacyAuthorization` 后注册的会覆盖先注册的：请在 app.js 中注册，或者在这个页面也使用同一个隐私授权弹窗组件（监听 + 同意按钮）

## privacy-agree-without-button

privacy-agree-without-button-in-listener = `wx.onNeedPrivacyAuthorization` 监听函数直接调用了 resolve({ "{" } event: 'agree' { "}" })，此时用户还没有点击同意按钮，基础库会拒绝
privacy-agree-without-button-in-callback = resolve({ "{" } event: 'agree' { "}" }) 是在 `wx.onNeedPrivacyAuthorization` 监听函数里的定时器或弹窗回调中调用的，而不是在用户点击同意按钮之后，基础库会拒绝
privacy-agree-without-button-no-id = resolve({ "{" } event: 'agree' { "}" }) 没有传 buttonId：基础库需要用户所点击的同意按钮的 id
privacy-agree-without-button-unknown-id-project = resolve({ "{" } event: 'agree', buttonId: '{ $id }' { "}" }) 中的按钮 id 在项目的所有 { $button } 中都找不到{ $ids }
privacy-agree-without-button-unknown-id-pages = resolve({ "{" } event: 'agree', buttonId: '{ $id }' { "}" }) 中的按钮 id 在所在页面的 { $button } 中都找不到{ $ids }
privacy-agree-without-button-no-ids = （这些按钮都没有 id）
privacy-agree-without-button-ids = （现有的 id：{ $ids }）
privacy-agree-without-button-label = 没有经过同意按钮就同意了
privacy-agree-without-button-help = 在 `<button id="<id>" open-type="agreePrivacyAuthorization">` 的 bindagreeprivacyauthorization 事件处理函数中调用 resolve({ "{" } buttonId: '<id>', event: 'agree' { "}" })

## privacy-call-on-launch

privacy-call-on-launch-message = { $what } 在 `{ $lifecycle }` 中调用{ $via }，会在{ $when }就申请「{ $keys }」，此时用户还没有进行任何操作
privacy-call-on-launch-label = 在 `{ $lifecycle }` 中执行
privacy-call-on-launch-help = 改为在需要该数据的控件的事件处理函数中调用（例如 `bindtap` 的处理函数）；微信小程序平台运营规范禁止在用户触发相关功能之前申请权限或收集个人信息
when-app-shows = 小程序每次显示时
when-app-starts = 小程序启动时
when-page-shows = 页面每次显示时
when-page-opens = 页面打开时
when-component-created = 组件创建时

## privacy-listener-never-resolves

privacy-listener-never-resolves-never = 这个 `wx.onNeedPrivacyAuthorization` 监听函数既没有调用也没有保存 `resolve`：触发它的隐私接口调用会一直处于等待状态
privacy-listener-never-resolves-on-a-path = 这个 `wx.onNeedPrivacyAuthorization` 监听函数在结束于 { $at } 的分支上丢掉了 `resolve`：触发它的隐私接口调用会一直处于等待状态
privacy-listener-never-resolves-label = resolve 被丢弃
privacy-listener-never-resolves-help = 在每个分支上都保存 resolve（this.resolvePrivacy = resolve），留给同意按钮的事件处理函数调用，或者调用 resolve({ "{" } event: 'disagree' { "}" })

## session-key-on-client

session-key-on-client-stored = { $api } 把 session_key 写入了本地缓存
session-key-on-client-stored-label = session_key 存到了用户设备上
session-key-on-client-stored-help = session_key 只应保存在你的后端；给小程序下发你自己的登录态 token
session-key-on-client-sent = { $api } 把 session_key 发送了出去
session-key-on-client-in-url = { $api } 在 URL 中把 session_key 发给了 { $host }
session-key-on-client-sent-label = 客户端发送了 session_key
session-key-on-client-sent-help = session_key 由后端获取，就只应留在后端；用你自己的登录态 token 识别用户

## unaudited-source

unaudited-source-file = `{ $ext }` 文件，mpaudit 无法读取
unaudited-source-no-pages = { $framework } 的配置中没有 mpaudit 能读懂的页面列表，所以所有调用都无法对应到页面
unaudited-source-message = 有 { $count } 处没有检查：{ $places }{ $more }
unaudited-source-separator = ；
unaudited-source-more = ；另有 { $count } 处
unaudited-source-no-pages-help = 找到的调用已列入隐私接口清单，但都对应不到页面，所以页面表和按页面的检查没有结论；请把页面列表写成字面量字符串，或者检查编译到微信小程序的产物（包含 app.json 的目录）
unaudited-source-help = 这些地方用到的隐私接口不在清单中：请检查编译到微信小程序的产物（包含 app.json 的目录），或者把这些部分改用 WXML/HTML 和 JS/TS 编写；不会发布的代码可以用 mpaudit.json 的 `ignore` 排除

## undeclared-privacy-type

undeclared-privacy-type-what-scope-via = scope 为 `{ $scope }` 的 `{ $api }`（在 { $via } 传给封装函数）
undeclared-privacy-type-message = { $what } 需要用户信息类型「{ $described }」，但 { $declaration } 没有声明
undeclared-privacy-type-label = 需要声明「{ $described }」
undeclared-privacy-type-help = 在小程序后台（设置 → 服务内容声明 → 用户隐私保护指引）声明 `{ $key }`，并在 { $declaration } 的 `setting_list` 中加入 { "{" }"privacy_key": "{ $key }", "privacy_text": "..."{ "}" }；未声明时调用会失败，errno 为 112

## unused-privacy-declaration

unused-privacy-declaration-message = 声明了用户信息类型「{ $described }」，但小程序中没有代码用到它
unused-privacy-declaration-label = 在这里声明，但从未使用
unused-privacy-declaration-help = 从小程序后台的用户隐私保护指引和这个文件中删除它；或者检查需要它的代码是不是被误删了

## unused-required-private-infos

unused-required-private-infos-message = `requiredPrivateInfos` 中列出了 "{ $value }"，但没有代码调用 `wx.{ $value }`
unused-required-private-infos-label = 从未使用
unused-required-private-infos-help = 删除它；或者检查调用它的代码是不是被误删了

## weak-privacy-text

weak-privacy-text-write-purpose = 写清楚收集这项数据的用途，用户看到的是“为了”加上这段文字（例如“查找附近门店”），并在小程序后台（设置 → 服务内容声明 → 用户隐私保护指引）填写同样的内容
weak-privacy-text-empty = 「{ $described }」的 `privacy_text` 是空的
weak-privacy-text-empty-label = 没有写用途
weak-privacy-text-placeholder = 「{ $described }」的 `privacy_text` 是占位文字：“{ $text }”
weak-privacy-text-placeholder-label = 占位文字
weak-privacy-text-too-short = 「{ $described }」的 `privacy_text` 只有 { $chars } 个字：“{ $text }”说不清数据的用途
weak-privacy-text-too-short-label = 太短，说不清用途
weak-privacy-text-redundant-start = 「{ $described }」的 `privacy_text` 以“{ $start }”开头：微信会显示成“为了{ $text }”
weak-privacy-text-redundant-start-label = 以“{ $start }”开头
weak-privacy-text-redundant-start-help = 微信会自动加上“为了”；请写成“{ $rest }”，并在小程序后台填写同样的内容
weak-privacy-text-duplicate = 「{ $described }」的 `privacy_text` 和「{ $other }」（第 { $line } 行）的相同：“{ $text }”
weak-privacy-text-duplicate-label = 与其他类型的用途相同
weak-privacy-text-duplicate-help = 写出这一类型各自的用途；把同一句用途复制给不同的数据，看起来像是套话
