#!/usr/bin/env bash
# The mpaudit benchmark: `mpaudit check` against the parse-only floor, ripgrep
# and itself on one thread, in interleaved rounds of one run. See README,
# "Performance".
#
#   benches/run.sh                      # generated project, scale 1 (~20,000 files, ~100 MB)
#   benches/run.sh --scale 0.1          # a quick run
#   benches/run.sh --project DIR        # a real mini program instead
#   benches/run.sh --rounds 7 --markdown
#   benches/run.sh --memory "0.5 1 2"   # peak memory of check at several scales
#
# Options:
#   --scale F      size of the generated project (default 1)
#   --project DIR  audit DIR instead of generating a project (no count check)
#   --rounds N     measured rounds (default 5), after one warm-up round
#   --work DIR     where the generated project goes (default TARGET/bench/scale-F)
#   --markdown     also print the table as Markdown, for README
#   --memory S     instead: generate each scale in S, audit it once, print the
#                  peak RSS of check and of the floor (memory must not grow
#                  with file count beyond the facts kept per file)
#
# Needs /usr/bin/time (GNU time, `apt-get install time`); ripgrep is measured
# when `rg` is installed and skipped otherwise. Cargo builds into
# $CARGO_TARGET_DIR (default: target/ of the repository).
set -euo pipefail

scale=1
project=
rounds=5
work=
markdown=0
memory=
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale=$2; shift 2 ;;
    --project) project=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --markdown) markdown=1; shift ;;
    --memory) memory=$2; shift 2 ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

repo=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$repo/target}
case "$target" in /*) ;; *) target=$repo/$target ;; esac
if [ ! -x /usr/bin/time ]; then
  echo "GNU time is needed for peak memory: apt-get install time" >&2
  exit 2
fi

echo "building (release)..." >&2
(cd "$repo" && cargo build --release --quiet --bin mpaudit --example gen_project --example parse_floor)
bin=$target/release
mpaudit=$bin/mpaudit
floor=$bin/examples/parse_floor

# Peak RSS in KB of a command, from GNU time.
peak_rss() {
  /usr/bin/time -v -o "$1" "${@:2}" > /dev/null 2>&1 || true
  sed -n 's/.*Maximum resident set size (kbytes): //p' "$1"
}

if [ -n "$memory" ]; then
  printf '%-8s %8s %8s %16s %16s\n' scale files MB "check RSS MB" "floor RSS MB"
  for s in $memory; do
    dir=${work:-$target/bench}/memory-$s
    mkdir -p "$dir"
    "$bin/examples/gen_project" "$dir" --scale "$s" > /dev/null
    files=$(sed -n 's/^  "files": \([0-9]*\),$/\1/p' "$dir/expected.json")
    bytes=$(sed -n 's/^  "bytes": \([0-9]*\),$/\1/p' "$dir/expected.json")
    check_kb=$(peak_rss "$dir/check.time" "$mpaudit" check --format json "$dir")
    floor_kb=$(peak_rss "$dir/floor.time" "$floor" "$dir")
    printf '%-8s %8s %8.1f %16.0f %16.0f\n' "$s" "$files" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" \
      "$(awk -v k="$check_kb" 'BEGIN { print k / 1024 }')" "$(awk -v k="$floor_kb" 'BEGIN { print k / 1024 }')"
  done
  exit 0
fi

if [ -z "$project" ]; then
  work=${work:-$target/bench/scale-$scale}
  mkdir -p "$work"
  "$bin/examples/gen_project" "$work" --scale "$scale" >&2
  project=$work
  expected=$work/expected.json
  label="generated (scale $scale)"
else
  work=${work:-$(mktemp -d)}
  mkdir -p "$work"
  expected=
  label=$(basename "$project")
fi
out=$work/out
mkdir -p "$out"

# What the audit covers, for ripgrep: the mini program root, the audited kinds.
"$mpaudit" check --format json "$project" > "$out/report.json" || true
mp_root=$(sed -n 's/^  "miniprogram_root": "\(.*\)",$/\1/p' "$out/report.json")
scanned=$(grep -A1 '"files": {' "$out/report.json" | sed -n 's/.*"scanned": \([0-9]*\).*/\1/p')
if [ -n "$expected" ]; then
  "$bin/examples/gen_project" --verify "$expected" "$out/report.json" >&2
fi
bytes=$(cd "$project/$mp_root" && find . -type d \( -name node_modules -o -name '.*' ! -name . \) -prune -o -type f \
  \( -name '*.js' -o -name '*.ts' -o -name '*.jsx' -o -name '*.tsx' -o -name '*.wxs' -o -name '*.wxml' -o -name '*.json' -o -name '*.vue' \) \
  ! -name '*.d.ts' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)

names=(check floor)
if command -v rg > /dev/null; then
  names+=(rg)
else
  echo "ripgrep (rg) is not installed: skipped" >&2
fi
names+=(check-1-thread)

# One run: wall microseconds (nanosecond clock) and peak RSS in KB.
run() {
  local name=$1 start end rss
  shift
  start=$(date +%s%N)
  /usr/bin/time -v -o "$out/$name.time" "$@" > "$out/$name.stdout" 2> "$out/$name.stderr" || true
  end=$(date +%s%N)
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/$name.time")
  echo "$(( (end - start) / 1000 )) $rss" >> "$out/$name.runs"
}

one() {
  case $1 in
    check) run check "$mpaudit" check --format json "$project" ;;
    floor) run floor "$floor" "$project" ;;
    rg) run rg rg -c --no-ignore --no-messages -g '*.{js,ts,jsx,tsx,wxs,wxml,json,vue}' -g '!*.d.ts' -g '!node_modules' 'wx\.' "$project/$mp_root" ;;
    check-1-thread) run check-1-thread "$mpaudit" check --format json --threads 1 "$project" ;;
  esac
}

load=$(cut -d' ' -f1 /proc/loadavg)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores" >&2
if awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
  echo "warning: the machine is busy (load $load): ratios are unreliable, rerun when it is quiet" >&2
fi
for name in "${names[@]}"; do rm -f "$out/$name.runs"; done
for round in $(seq 0 "$rounds"); do
  for name in "${names[@]}"; do
    one "$name"
  done
  if [ "$round" -eq 0 ]; then
    # Warm-up round: page cache filled, results dropped.
    for name in "${names[@]}"; do rm -f "$out/$name.runs"; done
  fi
  echo "round $round/$rounds done" >&2
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -A wall rss
for name in "${names[@]}"; do
  wall[$name]=$(cut -d' ' -f1 "$out/$name.runs" | median)
  rss[$name]=$(cut -d' ' -f2 "$out/$name.runs" | sort -n | tail -1)
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
ms() { awk -v us="$1" 'BEGIN { printf "%.0f", us / 1000 }'; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.0f", kb / 1024 }'; }

echo
echo "$label: $scanned files, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB; $rounds rounds; load $load_after at the end"
printf '%-16s %12s %10s %14s\n' command "median ms" "vs floor" "peak RSS MB"
for name in "${names[@]}"; do
  printf '%-16s %12s %10s %14s\n' "$name" "$(ms "${wall[$name]}")" "$(ratio "${wall[$name]}" "${wall[floor]}")" "$(mb "${rss[$name]}")"
done
echo
echo "check / floor:             $(ratio "${wall[check]}" "${wall[floor]}")   (target <= 1.3)"
echo "1 thread / all threads:    $(ratio "${wall[check-1-thread]}" "${wall[check]}")   (target >= 1.7 on 2 cores)"
if [ -n "${wall[rg]:-}" ]; then
  echo "check / rg:                $(ratio "${wall[check]}" "${wall[rg]}")"
fi
echo "check peak RSS:            $(mb "${rss[check]}") MB"

if [ "$markdown" -eq 1 ]; then
  echo
  echo "| $label | median wall | vs parse-only floor | peak RSS |"
  echo "|---|---:|---:|---:|"
  for name in "${names[@]}"; do
    case $name in
      check) what='`mpaudit check --format json`' ;;
      floor) what='parse-only floor' ;;
      rg) what="\`rg -c 'wx\\.'\`" ;;
      check-1-thread) what='`mpaudit check --format json --threads 1`' ;;
    esac
    echo "| $what | $(ms "${wall[$name]}") ms | $(ratio "${wall[$name]}" "${wall[floor]}") × | $(mb "${rss[$name]}") MB |"
  done
fi
