# 检查之前各阶段的发现和错误：读取文件（src/fs.rs）、解析（src/parse/）、配置文件
# （src/config.rs、src/config_file.rs）、项目发现（src/project/）、隐私声明、清点、
# 行内抑制、基线，以及审计本身的错误（src/lib.rs）。
