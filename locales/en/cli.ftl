# The command line (src/cli.rs): `rules`, `explain`, exit-2 errors.
# English texts are exactly what the code writes today.

## `mpaudit rules` and the README rule table

rules-column-rule = rule
rules-column-severity = severity
rules-column-reports = reports
rules-column-fix = fix
severity-error = error
severity-warning = warning

## `mpaudit explain <rule>`: "# <rule> (<severity>, since <version>)"

explain-heading = # { $rule } ({ $severity }, since { $since })
# $fix is the rule's rule-fix-<id> text.
explain-fix = Fix: { $fix }.
explain-fix-by-hand = Fix: by hand (`mpaudit check --fix` does not fix it).

## Errors that end a run with exit code 2. The code writes "error: " and
## the message; error-line is that whole line.

error-line = error: { $message }
error-unknown-rule = unknown rule `{ $rule }`; `mpaudit rules` lists them
error-cannot-write-report = cannot write the report: { $error }
error-cannot-write = cannot write { $path }: { $error }
error-many-projects = the paths belong to { $count } projects ({ $projects }); one report file or document covers one project: run mpaudit once per project
error-baseline-whole-project = --write-baseline records the whole project; give its folder, not files
error-unsafe-fixes-alone = --unsafe-fixes goes with --fix or --fix-dry-run
error-write-with-markdown = --write writes the privacy.json draft; leave out --format markdown
error-exists-force = { $file } already exists; not replacing it. Run without --write to print the draft, or add --force to replace the file (its privacy_text values are kept)
error-exists = { $file } already exists; not replacing it (add --force to replace it)
error-unknown-lang = unknown language `{ $lang }` (expected zh or en)
