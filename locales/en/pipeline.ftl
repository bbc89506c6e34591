# Findings and errors of the pipeline stages before the checks: reading files
# (src/fs.rs), parsing (src/parse/), the config files (src/config.rs,
# src/config_file.rs), discovery (src/project/), the declaration, the
# inventory, suppressions, the baseline, and the audit's own errors (src/lib.rs).
# English texts are exactly what the code wrote before the messages became data.
# Texts never start or end with a space (Fluent trims them). A literal { or }
# is written { "{" } and { "}" }.
