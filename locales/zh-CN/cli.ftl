# 命令行（src/cli.rs）：`rules`、`explain` 和以退出码 2 结束的错误。

## `mpaudit rules` 和 README 中的规则表

rules-column-rule = 规则
rules-column-severity = 级别
rules-column-reports = 检查内容
rules-column-fix = 自动修复
severity-error = 错误
severity-warning = 警告

## `mpaudit explain <rule>`：“# <规则>（<级别>，<版本> 起）”

explain-heading = # { $rule }（{ $severity }，{ $since } 版本起）
# $fix 是该规则 rule-fix-<id> 的文本。
explain-fix = 修复：{ $fix }。
explain-fix-by-hand = 修复：需要手动修改（`mpaudit check --fix` 不会自动修复）。

## 以退出码 2 结束运行的错误。代码先写“错误：”再写消息；error-line 是整行。

error-line = 错误：{ $message }
error-unknown-rule = 没有名为 `{ $rule }` 的规则；运行 `mpaudit rules` 查看全部规则
error-cannot-write-report = 无法写入报告：{ $error }
error-cannot-write = 无法写入 { $path }：{ $error }
error-many-projects = 这些路径属于 { $count } 个不同的项目（{ $projects }）；一份报告文件只能对应一个项目，请对每个项目分别运行 mpaudit
error-baseline-whole-project = --write-baseline 记录的是整个项目，请传入项目目录，而不是单个文件
error-unsafe-fixes-alone = --unsafe-fixes 需要和 --fix 或 --fix-dry-run 一起使用
error-write-with-markdown = --write 写入的是 privacy.json 草稿，请去掉 --format markdown
error-exists-force = { $file } 已存在，不会覆盖。去掉 --write 可以只打印草稿；加上 --force 会替换该文件（保留其中已填写的 privacy_text）
error-exists = { $file } 已存在，不会覆盖（加上 --force 可替换）
error-unknown-lang = 不支持的语言 `{ $lang }`（可选 zh 或 en）
error-cannot-read = 无法读取 { $path }：{ $error }
error-no-project-above = 在 { $path } 及其上级目录中没有找到小程序：查找的是 project.config.json、app.json、Taro 的 src/app.config.ts，以及 uni-app 的 pages.json 和 manifest.json

## `mpaudit check` 写到标准错误的提示

note-line = 提示：{ $note }
note-file-not-audited = 提示：{ $file } 没有检查：它在小程序根目录之外、被忽略，或者不是 mpaudit 读取的文件类型（项目：{ $root }）
note-findings-hidden = 提示：{ $root } 的其他文件中还有 { $count } 个问题没有显示；运行 `mpaudit check { $root }` 查看
fail-on-warning = mpaudit：有 { $count } 个警告，按 --fail-on warning 判为失败
fail-max-warnings = mpaudit：{ $count } 个警告，超过了 --max-warnings { $max }
baseline-written = 已把 { $count } 个问题（{ $entries } 条记录）写入基线 { $path }

## --fix 和 --fix-dry-run

fix-nothing = mpaudit：没有可以自动修复的内容
fix-dry-run-summary = mpaudit：共 { $changes } 处修改{ $fixes }；运行 `{ $command }` 应用修改
fix-dry-run-would-fix = ，可修复 { $count } 个问题
fix-fixed = 已修复：{ $change }
fix-summary = mpaudit：已完成 { $changes } 处修改{ $fixes }
fix-findings-fixed = ，修复了 { $count } 个问题

## `mpaudit init`：它打印的命令和配置片段前后的说明

init-project = 小程序：{ $root }（{ $framework }，应用配置 { $app_config }）
init-wrote = 已写入 { $path }
init-kept = 保留 { $path }：文件已存在
init-kept-would-add = 保留 { $path }：文件已存在；init 本来会加入 { $missing }
init-kept-declaration = 保留 { $path }：文件已存在；`mpaudit manifest` 会打印代码所需的草稿（{ $count } 种用户信息类型），可以拿来对照
init-wrote-declaration = 已写入 { $path }：代码需要 { $count } 种用户信息类型，有 { $placeholders } 处占位文字待填写（搜索 `{ $prefix }`）
init-in-package = mpaudit.json 和 privacy.json 位于小程序根目录，开发者工具会把它们一起上传；请在 project.config.json 中排除：
init-husky-lint-staged = pre-commit 钩子（husky + lint-staged）：在 package.json 中加入
init-husky = pre-commit 钩子（husky）：
init-pre-commit = pre-commit 钩子：在 .pre-commit-config.yaml 中加入
init-ci = CI：`npx mpaudit check`（GitHub Actions：`uses: mpaudit/mpaudit@<tag>`，见 README）
init-next = 接下来：
init-next-fill-in = 对照小程序后台（设置 → 服务内容声明 → 用户隐私保护指引）填写 privacy.json 中 { $count } 处 `{ $prefix }` 文字；第三方平台也可以把 getprivacysetting 接口的返回保存为 privacy.json
init-next-check = 对照小程序后台（设置 → 服务内容声明 → 用户隐私保护指引）检查 privacy.json
init-next-fix = `mpaudit check --fix` 会修复应用配置中确定的问题；其余问题由 `mpaudit check` 报告

## `mpaudit manifest`

manifest-note-unread = 提示：有 { $count } 个文件无法读取或解析，其中的调用没有计入（`mpaudit check` 会指出位置）
manifest-note-declaration-unread = 提示：{ $file } 没能完整读取，其中声明的内容可能有遗漏（`mpaudit check` 会指出位置）
manifest-note-left-out = 提示：略去了「{ $key }」：已声明，但没有代码用到它
manifest-note-conflict = 提示：代码同时使用了模糊位置和精确位置接口；app.json 的 requiredPrivateInfos 不能同时声明两者
manifest-wrote = 已写入 { $path }：{ $count } 种用户信息类型，{ $placeholders } 处占位文字待填写（搜索 `{ $prefix }`）
manifest-required = app.json 需要 "requiredPrivateInfos": [{ $names }]{ $status }
manifest-required-all-listed = （都已列出）
manifest-required-not-listed = ；尚未列出：{ $missing }

## src/fix.rs：`--fix` 做了哪些修改（fix-change-*）、哪些没有修复（fix-not-*）
## 以及原因（fix-why-*，即 fix-not-fixed 的 $reason）。$file 是被修改的文件。

fix-change-drafted = { $file }：根据代码生成了草稿：{ $settings } 种用户信息类型，{ $placeholders } 处 TODO 文本待填写（no-privacy-declaration）
# $keys：`Location, PhoneNumber`。
fix-change-declared = { $file }：已声明 { $keys }，TODO 文本请到小程序后台查看后填写（undeclared-privacy-type）
# $names：`"privacy.json", "mpaudit.json"`。
fix-change-pack-ignore = { $file }：已将 { $names } 加入 packOptions.ignore，不再随代码上传（audit-files-in-package）
fix-change-added-infos = { $file }：已将 { $names } 加入 requiredPrivateInfos（missing-required-private-infos）
# $count：移除了几项。
fix-change-removed-infos = { $file }：已从 requiredPrivateInfos 中移除 { $count } 项：{ $names }，代码中没有用到（unused-required-private-infos）
fix-change-background-mode = { $file }：已将 "{ $mode }" 加入 requiredBackgroundModes（missing-background-location-mode）
fix-change-use-privacy-check = { $file }：已删除 `__usePrivacyCheck__`：它自 2023-09-15 起已不再生效
# $scopes：`"scope.userLocation"`。
fix-change-permission-desc = { $file }：已为 { $scopes } 写入占位的 permission desc，请改成真实说明（改之前 missing-permission-desc 会一直报告）
fix-not-fixed = { $file }：未修复：{ $reason }
fix-not-adding-location = { $file }：未将 { $names } 加入 requiredPrivateInfos：模糊位置和精确位置不能同时声明，请二选一（conflicting-required-private-infos）
fix-not-build-output = { $file }：未修复：这是构建产物，下次构建会覆盖它；请在框架的配置文件（app.config.ts、manifest.json、app.wpy、app.mpx）中修改并检查源码目录，或在源码目录中运行 `mpaudit check --fix`
fix-why-cannot-read-utf8 = 无法按 UTF-8 读取
fix-why-not-json-object = 内容不是 JSON 对象
fix-why-not-strict-json-object = 内容不是严格的 JSON 对象
# $field：`setting_list`、`packOptions.ignore`、`permission["scope.userLocation"]` 等。
fix-why-written-twice = `{ $field }` 写了两次
fix-why-not-array = `{ $field }` 不是数组
fix-why-not-object = `{ $field }` 不是对象
fix-why-not-empty-string = `{ $field }` 不是空字符串
fix-why-desc-written-twice = `{ $scope }` 的 `desc` 写了两次
fix-why-written-twice-in = `{ $field }` 中的 `{ $scope }` 写了两次
fix-why-read-back = 修改后的文件重新读取的结果与预期不符
fix-why-cannot-read = 无法读取：{ $error }
fix-why-not-utf8 = 文件不是 UTF-8 编码
fix-why-no-config-object = 文件中没有 mpaudit 能编辑的字面量配置对象
fix-why-config-not-object = 配置不是对象
fix-why-outside-object = 这些值不是直接写在配置对象中的
fix-why-edits-overlap = 修改的位置互相重叠
fix-why-field-not-array = 该字段不是数组
fix-why-not-strings = 数组中有不是字符串的值
fix-why-comment-between = 要删除的值之间有注释
fix-why-cannot-find = 找不到 `{ $field }` 写在哪里
fix-why-comment-before = `{ $field }` 前面有注释
fix-why-ends-in-spread = 配置对象以展开语法（...）结尾
fix-why-last-property = 找不到最后一个属性写在哪里
