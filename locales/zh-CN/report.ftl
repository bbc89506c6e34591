# 人类可读报告（src/report/human.rs）和 HTML 报告（src/report/html.rs）。
# 文本首尾不要留空格（Fluent 会去掉），空格由代码补上。

## 汇总行：“✖ 2 个错误，1 个警告 · 已检查 12 个文件”

summary-clean = ✔ 未发现问题
summary-problems = ✖ { $errors } 个错误，{ $warnings } 个警告
summary-files = 已检查 { $files } 个文件
summary-unreadable = （其中 { $count } 个无法解析或读取）
summary-elapsed = ，耗时 { $ms } ms
summary-suppressed = { $count } 条已被行内注释忽略
summary-baseline-hidden = { $count } 条已被基线隐藏

## 人类可读报告的各节

inventory-none = 隐私接口清单：代码未使用任何隐私接口
inventory-heading = 隐私接口清单：
inventory-no-declaration = 没有 privacy.json
inventory-declared = 已声明
inventory-not-declared = 未声明
pages-heading = 涉及隐私数据的页面（{ $reached } 个，共 { $all } 个页面）：
pages-every-page = 所有页面（{ $all } 个）
pages-no-page = 不属于任何页面
consent-at = 隐私授权处理：`{ $api }`，位于 { $location }
consent-none = 隐私授权处理：未找到
consent-by-page = 各页面的隐私授权处理：
consent-listener = 监听 { $location }（{ $resolve }）
consent-resolve-drops = 有分支未调用 resolve
consent-resolve-unknown = 无法追踪 resolve
consent-resolve-ok = 会调用 resolve
consent-agree-button = 同意按钮 { $location }
consent-require = 调用 requirePrivacyAuthorize：{ $location }
consent-page-none = 没有隐私授权处理
consent-page-official = 微信官方隐私授权弹窗（未注册监听）
identity-heading = 登录与用户身份：
identity-login = 登录：wx.login
identity-check-session = 登录态检查：wx.checkSession
identity-code2session = 在客户端调用了 code2Session
identity-server-api = 在客户端调用了微信服务端接口
identity-app-secret = 代码包中有 AppSecret
identity-session-key-stored = session_key 存到了本地
identity-session-key-sent = 客户端发送了 session_key
identity-decrypt = 在客户端解密 encryptedData
identity-no-login = 登录：未找到 wx.login 调用
identity-nothing = 客户端没有与用户身份相关的处理

## HTML 报告。原样插入 HTML：不要使用 <、> 或 &。

html-title = { $project } · mpaudit 隐私检查报告
html-privacy-report = 隐私检查报告
html-consent-heading = 各页面的隐私授权处理
html-declaration-heading = 隐私保护指引与代码对照
html-findings-heading = 检查结果（{ $count }）
html-no-problems = 未发现问题。
html-inventory-heading = 按用户信息类型列出的隐私接口
html-column-page = 页面
html-column-privacy-uses = 隐私接口调用
html-column-listener = 监听
html-column-resolve = resolve
html-column-agree-button = 同意按钮
html-column-privacy-key = 用户信息类型
html-column-needed-by-code = 代码需要
html-column-declared = 已声明
html-column-privacy-text = privacy_text（用户看到的用途）
html-column-status = 状态
html-column-value = 值
html-column-rule = 规则
html-column-severity = 级别
html-column-findings = 问题数
html-column-severity-rule = 级别 · 规则
html-column-where-what-fix = 位置 · 问题 · 修复方法

## 人类可读报告的其他部分

# 列表各项之间：“位置信息、相册”。
list-separator = 、
inventory-counts = { $uses } 处调用，{ $files } 个文件
pages-and-more = 等 { $count } 个文件
pages-keys-in-files = { $keys }，位于 { $files }
identity-row = { $what }，位于 { $location }
identity-more = （另有 { $count } 处）
baseline-stale-heading = 基线 { $file }：有 { $count } 条记录已不再匹配任何问题；确认后重新运行 `--write-baseline { $file }` 即可清理：
baseline-stale-not-found = （{ $count } 条未找到）

## HTML 报告的其他部分（$command、$file、$sdk 是已转义的 HTML）

html-footer = 由 mpaudit { $version } 生成。规则文档：{ $command }。
html-meta-project = 项目
html-meta-root = 小程序根目录
html-meta-declaration = 隐私保护指引副本
html-declaration-none = 无
html-declaration-none-note = （没有 privacy.json）
html-count-errors = 错误
html-count-warnings = 警告
html-count-types = 用到的用户信息类型
html-count-undeclared = 未声明
html-count-files = 已检查文件
html-count-failed = 未能解析的文件
html-count-pages = 页面
html-nav-findings = 检查结果
html-status-ok = 正常
html-status-undeclared = 未声明
html-status-unused = 未使用
html-status-weak = 说明不足
html-status-missing = 缺少
html-resolve-drops = 有分支未调用
html-resolve-unknown = 无法追踪
html-no-privacy-text = （文件中没有 privacy_text）
html-weak = 说明不足：{ $reason }
html-yes = 是
html-no = 否
html-yes-for-sdk = 是，用于 SDK { $sdk }
html-nothing-declared = 代码没有使用隐私接口，也没有声明任何用户信息类型。
html-no-declaration = 项目没有 privacy.json：下面这些类型都需要在小程序后台的用户隐私保护指引中声明。{ $command } 可以生成该文件的草稿。
html-uses-in-files = { $uses } 处调用，{ $files } 个文件
html-not-visible = 代码中无法识别
html-column-listed-in = 是否已列在 { $file } 中
html-not-allowed = 不是允许的取值
html-required-conflict = 代码同时使用了模糊位置和精确位置接口，而 app.json 不能同时声明两者。
html-n-pages = { $count } 个页面
html-n-files = { $count } 个文件
html-n-packages = { $count } 个 npm 包
html-no-page-reaches = 没有页面引用 { $file }
html-no-page-reaches-files = 其中 { $count } 个文件没有页面引用
html-no-privacy-api = 没有使用任何隐私接口。
html-dt-apis = 接口
html-dt-pages = 页面
html-dt-files = 文件
html-dt-packages = npm 包

## 机器格式（github、gitlab、rdjson、sarif）和 concise

help-prefix = 建议：
concise-summary = mpaudit：{ $errors } 个错误，{ $warnings } 个警告，已检查 { $files } 个文件
github-summary = mpaudit：{ $errors } 个错误，{ $warnings } 个警告，已检查 { $files } 个文件
github-inventory-heading = 隐私接口清单
github-column-data-type = 用户信息类型
github-column-uses = 调用次数

## `mpaudit manifest --format markdown`（src/manifest.rs）；$file 是 Markdown 代码

manifest-md-heading = { $project }：用户信息类型
manifest-md-undeclared = 其中 { $count } 种没有在 { $file } 中声明
manifest-md-needs = 代码需要 { $count } 种用户信息类型；{ $declaration }。
manifest-md-packages = 第三方 npm 包
manifest-md-not-declared = 未声明
manifest-md-no-privacy-text = （没有 privacy_text）
manifest-md-weak = （**说明不足**：{ $reason }）
manifest-md-declared = 是：为了{ $text }{ $weak }
manifest-md-declared-for-sdk = 是，用于 SDK { $sdk }：为了{ $text }{ $weak }
manifest-md-conflict = 代码同时使用了模糊位置（`getFuzzyLocation`）和精确位置接口：两者不能同时声明。
manifest-md-unused-heading = 已声明但代码不需要的类型
manifest-md-type = 类型
manifest-md-unused = 未使用：删除它，或者找回被删掉的代码
manifest-md-not-visible = 代码中无法识别（小程序自己收集的数据）
manifest-weak-empty = 空白
manifest-weak-placeholder = 占位文字
manifest-weak-too-short = 太短
manifest-weak-starts-with = 以“{ $start }”开头
manifest-weak-same-as = 与 { $key } 的文字相同
manifest-weak-same-as-another = 与另一类型的文字相同
