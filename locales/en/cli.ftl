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
error-no-such-path = cannot audit { $path }: no such file or folder
error-cannot-read = cannot read { $path }: { $error }
error-no-project-above = no mini program found above { $path }: looked for project.config.json, app.json, Taro's src/app.config.ts and uni-app's pages.json with manifest.json

## Notes of `mpaudit check` on stderr

note-line = note: { $note }
note-file-not-audited = note: { $file } is not audited: it is outside the mini program root, ignored, or not a kind of file mpaudit reads (in { $root })
note-findings-hidden = note: { $count } { $count ->
        [one] finding
       *[other] findings
    } in other files of { $root } not shown; `mpaudit check { $root }` reports them
fail-on-warning = mpaudit: failing on { $count } { $count ->
        [one] warning
       *[other] warnings
    } (--fail-on warning)
fail-max-warnings = mpaudit: { $count } { $count ->
        [one] warning
       *[other] warnings
    } exceed --max-warnings { $max }
baseline-written = wrote { $count } { $count ->
        [one] finding
       *[other] findings
    } ({ $entries } { $entries ->
        [one] entry
       *[other] entries
    }) to baseline { $path }

## --fix and --fix-dry-run

fix-nothing = mpaudit: nothing to fix
# $fixes is fix-dry-run-would-fix or nothing.
fix-dry-run-summary = mpaudit: { $changes } { $changes ->
        [one] change
       *[other] changes
    }{ $fixes }; `{ $command }` applies { $changes ->
        [one] it
       *[other] them
    }
fix-dry-run-would-fix = { " " }would fix { $count } { $count ->
        [one] finding
       *[other] findings
    }
fix-fixed = fixed: { $change }
# $fixes is fix-findings-fixed or nothing.
fix-summary = mpaudit: { $changes } { $changes ->
        [one] change
       *[other] changes
    } made{ $fixes }
fix-findings-fixed = , { $count } { $count ->
        [one] finding
       *[other] findings
    } fixed
