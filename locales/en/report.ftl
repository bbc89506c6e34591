# The human report (src/report/human.rs) and the HTML report
# (src/report/html.rs). English texts are exactly what the code writes today.
# Texts never start or end with a space (Fluent trims them): the code adds the
# spaces around them.

## The summary line: "✖ 2 errors, 1 warning · 12 files audited"

summary-clean = ✔ no problems found
summary-problems = ✖ { $errors ->
        [one] { $errors } error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] { $warnings } warning
       *[other] { $warnings } warnings
    }
summary-files = { $files ->
        [one] { $files } file
       *[other] { $files } files
    } audited
# Right after summary-files (with its own leading space in English).
summary-unreadable = { " " }({ $count } could not be parsed or read)
summary-elapsed = { " " }in { $ms } ms
summary-suppressed = { $count } suppressed inline
summary-baseline-hidden = { $count } hidden by the baseline

## Sections of the human report

inventory-none = privacy inventory: no privacy API is used
inventory-heading = privacy inventory:
inventory-no-declaration = no privacy.json
inventory-declared = declared
inventory-not-declared = NOT DECLARED
pages-heading = pages that reach private data ({ $reached } of { $all }):
pages-every-page = every page ({ $all })
pages-no-page = no page
consent-at = consent handling: `{ $api }` at { $location }
consent-none = consent handling: none found
consent-by-page = consent by page:
consent-listener = listener { $location } ({ $resolve })
consent-resolve-drops = drops resolve on a path
consent-resolve-unknown = resolve not followed
consent-resolve-ok = resolves
consent-agree-button = agree button { $location }
consent-require = requirePrivacyAuthorize { $location }
consent-page-none = no consent handling
consent-page-official = WeChat's official popup (no listener registered)
identity-heading = identity:
identity-login = login: wx.login
identity-check-session = session check: wx.checkSession
identity-code2session = code2Session called from the client
identity-server-api = WeChat server API called from the client
identity-app-secret = AppSecret in the package
identity-session-key-stored = session_key stored on the device
identity-session-key-sent = session_key sent from the client
identity-decrypt = encryptedData decrypted on the client
identity-no-login = login: no wx.login call found
identity-nothing = nothing identity-related is done on the client

## The HTML report. Inserted into HTML as they are: no <, > or & here.

html-title = { $project } · mpaudit privacy report
html-privacy-report = privacy report
html-consent-heading = Consent by page
html-declaration-heading = Declaration vs code
html-findings-heading = Findings ({ $count })
html-no-problems = No problems found.
html-inventory-heading = Inventory by privacy type
html-column-page = page
html-column-privacy-uses = privacy uses
html-column-listener = listener
html-column-resolve = resolve
html-column-agree-button = agree button
html-column-privacy-key = privacy key
html-column-needed-by-code = needed by code
html-column-declared = declared
html-column-privacy-text = privacy_text (as users read it)
html-column-status = status
html-column-value = value
html-column-rule = rule
html-column-severity = severity
html-column-findings = findings
html-column-severity-rule = severity · rule
html-column-where-what-fix = where · what · how to fix

## More of the human report

# Between the items of a list: "Location, Album".
list-separator = ,{ " " }
# $uses and $files are the counts, right-aligned; n_uses and n_files choose the plural.
inventory-counts = { $uses } { $n_uses ->
        [one] use{ " " }
       *[other] uses
    } in { $files } { $n_files ->
        [one] file{ " " }
       *[other] files
    }
pages-and-more = and { $count } more
pages-keys-in-files = { $keys } in { $files }
identity-row = { $what } at { $location }
identity-more = (+{ $count } more)
baseline-stale-heading = baseline { $file }: { $count } { $count ->
        [one] entry no longer matches
       *[other] entries no longer match
    }; to prune, review and rerun with `--write-baseline { $file }`:
baseline-stale-not-found = ({ $count } not found)
