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
