# 检查之前各阶段的发现和错误：读取文件（src/fs.rs）、解析（src/parse/）、配置文件
# （src/config.rs、src/config_file.rs）、项目发现（src/project/）、隐私声明、清点、
# 行内忽略注释、基线，以及检查本身的错误（src/lib.rs）。

## 读取文件（src/fs.rs）
fs-too-large = { $file } 大小为 { $size }，超过 { $limit } 的上限，未检查
fs-too-large-help = 用 --max-file-size（mpaudit.json 中的 `max-file-size`）调高上限后即可检查它，或把这个文件移出小程序
fs-binary = { $file } 不是文本文件（{ $line }:{ $column } 处有 NUL 字节），未检查
fs-binary-help = 这是一个带源码扩展名的二进制文件：请删除或重命名它
fs-unreadable = 无法读取 { $file }：{ $error }
fs-not-utf8 = { $file } 不是 UTF-8 编码（{ $line }:{ $column } 处的字节 { $byte }）；检查时已替换其中非 UTF-8 的字节
fs-not-utf8-label = 不是 UTF-8（GBK？）
fs-save-as-utf8 = 请把文件保存为 UTF-8：微信开发者工具按 UTF-8 读取源文件
fs-utf16 = { $file } 是 { $encoding } 编码，不是 UTF-8；已按 { $encoding } 检查

## 解析（src/parse/script.rs）；$error 是解析器自己的英文原文
parse-uts-partly = TypeScript 解析器无法读取这段 UTS 代码（{ $error }）；脚本的其余部分已检查
parse-uts-not-at-all = TypeScript 解析器无法读取这段 UTS 代码（{ $error }）；这个脚本完全没有检查
parse-too-deep = { $file } 未检查：{ $error }
parse-too-deep-help = 是生成的代码吗？请让生成的代码嵌套浅一些，或在 mpaudit.json 的 `ignore` 中排除这个文件；项目的其余部分已检查
parse-error = { $file } 有语法错误：{ $error }
parse-error-recovered-help = 解析器已跳过错误，文件的其余部分仍已检查；但微信的编译器可能拒绝这个文件
parse-error-fatal-help = 请修复语法错误：这个脚本中对隐私接口的调用无法检查
parse-markup = { $file } 的标签结构有误：{ $error }
parse-markup-help = 请修复标签；模板的其余部分仍已检查，但微信的编译器可能拒绝它

## 清点（src/inventory/）
inventory-script-block-unparsed = 一个 { $language } 语言的 <script> 块，mpaudit 无法解析
inventory-template-block-unread = 一个 <template lang="{ $language }"> 块，mpaudit 无法读取
inventory-wepy-lenient-help = WePY 的编译器（xmldom）构建时会修复这段标签，但其他工具未必会；请让标签配对
inventory-vue2-lenient-help = Vue 2 的模板编译器会丢弃不配对的标签并给出警告，Vue 3 则直接报错；迁移到 Vue 3 前请让标签配对

## 配置文件（src/config_file.rs）；$error 是 JSON 解析器的英文原文
config-not-json = { $file } 不是合法的 JSON：{ $error }
config-not-json-help = 请修复 JSON 语法；配置文件有误时，微信开发者工具会拒绝编译项目
config-not-strict-json = { $file } 不是严格的 JSON：{ $error }
config-not-strict-json-help = 请删除它：微信开发者工具只按严格 JSON（不允许注释和尾随逗号）编译小程序的 .json 文件，会拒绝这个文件
config-duplicate-key = 同一个对象中 `{ $key }` 写了两次（第一次在 { $line }:{ $column }）；和 JSON.parse 一样，以最后一个为准
config-duplicate-key-label = 重复的键
config-duplicate-key-help = 请只保留一个；读取这个文件的各种工具对哪个生效未必一致

## 遍历项目目录（src/project/walk.rs）
walk-link-loop = { $file } 是循环的符号链接（指向 { $target }）：{ $error }
walk-link-broken = { $file } 是失效的符号链接（指向 { $target }）：{ $error }
walk-link-broken-help = 请删除这个链接，或让它指向一个存在的文件
walk-link-folder-outside = { $file } 是指向目录 { $target } 的符号链接，在小程序根目录之外；mpaudit 不跟随链接的目录，其中的文件未检查
walk-link-folder-outside-help = 请检查真实的目录，或把它复制到项目中；如要排除，请把这个链接加入 mpaudit.json 的 `ignore`
walk-link-file-outside = { $file } 是指向 { $target } 的符号链接，在检查的目录之外；未读取
walk-link-file-outside-help = 请把文件复制到项目中，或检查同时包含两者的目录；如要排除，请把这个链接加入 mpaudit.json 的 `ignore`
json-type-string = 字符串
json-type-number = 数字
json-type-boolean = 布尔值
json-type-object = 对象
json-type-array = 数组
json-type-null = 空值（null）

## 形状不对的配置值（app.json、project.config.json、pages.json 等）；$found 是 json-type-* 之一
shape-must-be-array = `{ $key }` 必须是数组，实际是{ $found }
shape-entries-must-be-objects = `{ $key }` 的每一项必须是对象，实际是{ $found }
shape-subpackage-root-string = 分包的 `root` 必须是字符串，实际是{ $found }
shape-subpackage-no-root = 分包缺少 `root`
shape-permission-entry = `permission["{ $scope }"]` 必须是带 `desc` 的对象，实际是{ $found }
shape-must-be-object = `{ $key }` 必须是对象，实际是{ $found }
shape-must-be-boolean = `{ $key }` 必须是布尔值，实际是{ $found }
shape-must-be-string = `{ $key }` 必须是字符串，实际是{ $found }
shape-must-be-string-array = `{ $key }` 必须是字符串数组，实际是{ $found }
shape-entries-must-be-strings = `{ $key }` 的每一项必须是字符串，实际是{ $found }
shape-file-must-be-object = { $file } 必须是对象，实际是{ $found }
shape-app-json-empty = app.json 是空的；它必须是一个包含 `pages` 的对象

## 项目发现（src/project/）：命令行在“error: ”之后打印的错误
discover-no-such-folder = 无法检查 { $folder }：文件或目录不存在
discover-not-a-folder = 无法检查 { $folder }：不是目录（请指定包含 project.config.json 或 app.json 的目录）
discover-root-missing-app-json = { $folder } 中的 { $config } 把 miniprogramRoot 设为 { $value }，但 { $app_json } 不存在
discover-root-missing = { $folder } 中的 { $config } 把 miniprogramRoot 设为 { $value }，但 { $app_json } 不存在（如果项目由 Taro 或 uni-app 构建，请先构建，或检查它的源码：Taro 读取 src/app.config.ts，uni-app 读取 pages.json 和 manifest.json）
discover-none = 在 { $folder } 中没有找到小程序：已查找 project.config.json（其 miniprogramRoot）、app.json、Taro 的 src/app.config.ts，以及 uni-app 的 pages.json 和 manifest.json
discover-none-config-broken = 在 { $folder } 中没有找到小程序：已查找 project.config.json（其 miniprogramRoot）、app.json、Taro 的 src/app.config.ts，以及 uni-app 的 pages.json 和 manifest.json；project.config.json 无法读取
discover-app-json-found-in = 以下目录中有 app.json：{ $folders }
discover-audit-one-of-those = 请检查其中一个目录（uni-app 和 Taro 项目请检查编译产物）
shape-must-be-page-array = `{ $key }` 必须是页面对象的数组，实际是{ $found }
shape-entries-must-be-pages = `{ $key }` 的每一项必须是带 `path` 的对象，实际是{ $found }
shape-page-path-string = 页面的 `path` 必须是字符串，实际是{ $found }
shape-page-no-path = `{ $key }` 中有一项缺少 `path`
shape-no-literal-app-config = 没有找到字面量形式的 app 配置：应为对象字面量，例如 `export default defineAppConfig({ "{" } pages: [...] { "}" })`
discover-framework-without-config = { $folder } 依赖 { $framework }（见 package.json），但 mpaudit 没有找到它的任何配置文件：已查找 { $looked_for }。没有检查任何文件：请检查包含这些配置的目录，或编译产物（含 app.json 的目录）
discover-looked-for-taro = src/app.config.ts（Taro 3）或 src/app.jsx 中 App 类的 `config`（Taro 1/2）
discover-looked-for-uni-app = 本目录或 src/ 下的 pages.json（或 pages.config.ts）和 manifest.json（或 manifest.config.ts）
discover-looked-for-mpx = src/app.mpx、app.mpx 或 src/miniprogram/app.mpx
discover-looked-for-other = 它的 app 配置

## 检查本身的错误（src/lib.rs）
internal-error = mpaudit 检查 { $file } 时崩溃：{ $reason }
internal-error-at = mpaudit 检查 { $file } 时崩溃：{ $reason }（位置 { $at }）
internal-error-help = 这是 mpaudit 的 bug；其他文件已检查。请附上这个文件报告给我们

## 隐私声明（src/declaration.rs）
declaration-missing = 声明文件 { $file } 不存在
declaration-found-nothing = 空内容
declaration-not-object = 声明必须是包含 `setting_list` 的对象，实际是{ $found }
declaration-no-setting-list = 缺少 `setting_list`：应为 { "{" }"setting_list": [{ "{" }"privacy_key": "Location", "privacy_text": "..."{ "}" }]{ "}" }
declaration-no-privacy-key = `{ $key }` 中有一项缺少 `privacy_key`
declaration-twice = `{ $key }` 在 `{ $list }` 中声明了两次（第一次在 { $line }:{ $column }）；mpaudit 以第一项为准
declaration-twice-label = 重复声明
declaration-twice-help = 每种用户信息类型只保留一项：用户隐私保护指引中每种类型只有一个用途

## mpaudit.json（src/config.rs）
config-cannot-read = 无法读取配置文件 { $file }：{ $error }
config-framework = `framework` 必须是 { $frameworks } 之一，实际是 "{ $name }"
config-lang = `lang` 必须是 "zh" 或 "en"，实际是 "{ $name }"
config-unknown-key = 未知的键 `{ $key }`
config-unknown-key-help = { $file } 支持的键：{ $keys }
config-unknown-key-did-you-mean = 是不是想写 `{ $known }`？{ $file } 支持的键：{ $keys }
config-severity-not-object = `severity` 必须是“规则 id → "off" | "warning" | "error"”形式的对象，实际是{ $found }
config-unknown-rule = 未知的规则 `{ $id }`
config-unknown-rule-help = 运行 `mpaudit rules` 可查看所有规则 id
config-severity-level = `{ $id }` 的级别必须是 "off"、"warning" 或 "error"，实际是 { $found }
config-ignore-not-array = `ignore` 必须是 glob 模式的数组，实际是{ $found }
config-ignore-not-string = `ignore` 中的模式必须是字符串，实际是{ $found }
config-rules-wrong = `rules` 必须是规则文件路径，或由规则表（`privacy_apis`、`privacy_keys` 等）组成的对象，实际是{ $found }
config-found = 实际是{ $found }
config-max-file-size = `max-file-size` 必须是字节数（`10485760`）或带单位的大小（`10MB`、`512KB`）：{ $reason }
config-hosts-not-array = `first-party-hosts` 必须是主机名数组，实际是{ $found }
config-hosts-entry = `first-party-hosts` 的每一项必须是主机名（`api.example.com`、`example.com`），实际是 { $found }
config-third-party = `third-party` 必须是 "error"、"warning" 或 "off"，实际是 { $found }

## 行内忽略注释（src/suppress.rs）
suppress-not-a-rule-id = `{ $code }` 不是规则 id；多个规则 id 请用逗号分隔，原因写在 `:` 或 ` -- ` 之后
suppress-unknown-rule = `{ $directive }` 写了未知的规则 `{ $code }`
suppress-unknown-rule-did-you-mean = `{ $directive }` 写了未知的规则 `{ $code }`；是不是想写 `{ $known }`？
suppress-unknown-rule-label = 未知规则
suppress-unknown-rule-help = 运行 `mpaudit rules` 可查看所有规则 id；请改正或删除这个 id
suppress-unused-file = `{ $directive } { $code }` 没有忽略任何问题：这个文件中没有 `{ $code }` 报告的问题
suppress-unused-file-help = 请从注释中删除这条规则（或删除整条注释）
suppress-unused-line = `{ $directive } { $code }` 没有忽略任何问题：第 { $line } 行没有 `{ $code }` 报告的问题
suppress-unused-lines = `{ $directive } { $code }` 没有忽略任何问题：第 { $first }-{ $last } 行没有 `{ $code }` 报告的问题
suppress-unused-line-help = 请删除它，或把它放在问题所在行的正上方（中间隔一个空行就不生效）
suppress-unused-label = 没有忽略任何问题

## 基线（src/baseline.rs）
baseline-cannot-read = 无法读取基线 { $file }：{ $error }
baseline-invalid = 基线 { $file } 无效：{ $error }
baseline-version = 基线 { $file } 的版本是 { $version }；当前 mpaudit 读取版本 { $expected }（请用 --write-baseline 重新生成）
suppress-not-a-directive = `{ $word }` 不是忽略指令；请使用 `{ $next_line } <rule>` 或 `{ $file } <rule>`
suppress-names-no-rule = `{ $directive }` 没有写规则；请写出要忽略的规则 id：`{ $directive } <rule>: <reason>`
suppress-malformed-help = 在那一行的上方写 `{ $next_line } <rule>: <reason>`，或在文件任意位置写 `{ $file } <rule>: <reason>`；运行 `mpaudit rules` 可查看所有规则 id
