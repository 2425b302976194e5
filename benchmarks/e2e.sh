#!/usr/bin/env bash
# Whole-process timings of `./msqsim run` on the built-in models: wall time and peak resident memory
# from /usr/bin/time -v, median of N runs (JVM start included, as a user sees it).
#
#   benchmarks/e2e.sh [-n N] [-b BOARD] [-m "resnet18 mobilenet_v2"] [--timing-only-only]
#
# Runs from any directory. Each model is run bit-exact (launcher defaults: -Xmx512m, serial GC, unless
# MSQSIM_JAVA_OPTS says otherwise) and with --timing-only. A run that fails (for example out of heap)
# is reported as FAILED with its exit code, and the script goes on.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
launcher="$here/msqsim"
runs=3
board=zc706
models=""
modes="exact timing"

usage() { sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs="${2:?-n needs a count}"; shift 2 ;;
    -b) board="${2:?-b needs a board}"; shift 2 ;;
    -m) models="${2:?-m needs model names}"; shift 2 ;;
    --timing-only-only) modes="timing"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "e2e.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
case "$runs" in ''|*[!0-9]*|0) echo "e2e.sh: -n must be a positive integer, got '$runs'" >&2; exit 2 ;; esac
[ -x /usr/bin/time ] || { echo "e2e.sh: /usr/bin/time (GNU time) is needed" >&2; exit 2; }
[ -x "$launcher" ] || { echo "e2e.sh: launcher $launcher not found" >&2; exit 2; }

# Build once up front so that no timed run includes the build.
"$launcher" boards >/dev/null

if [ -z "$models" ]; then
  models="$("$launcher" models 2>/dev/null | awk 'NR>1 && $1 ~ /^[a-z0-9_]+$/ {print $1}' | tr '\n' ' ')"
  [ -n "$models" ] || models="resnet18 mobilenet_v2"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/msqsim-e2e.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) {print "nan"} else if (NR%2) {print v[(NR+1)/2]} else {print (v[NR/2]+v[NR/2+1])/2}}'; }

# Elapsed "h:mm:ss" or "m:ss.ss" to seconds.
to_seconds() { awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else if (NF==2) print $1*60+$2; else print $1 }'; }

printf '%-14s %-12s %5s %12s %14s   %s\n' model mode runs "wall_s(med)" "peak_RSS_MB" "all wall_s"
for model in $models; do
  for mode in $modes; do
    extra=()
    [ "$mode" = timing ] && extra=(--timing-only)
    walls=(); mems=(); failed=""
    for ((i = 1; i <= runs; i++)); do
      log="$tmp/$model.$mode.$i"
      if ! /usr/bin/time -v -o "$log.time" "$launcher" run --model "$model" --board "$board" "${extra[@]}" \
          >"$log.out" 2>"$log.err"; then
        failed="exit $(awk -F': ' '/Exit status/ {print $2}' "$log.time" 2>/dev/null || echo '?')"
        break
      fi
      walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log.time" | to_seconds)")
      mems+=("$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log.time")")
    done
    if [ -n "$failed" ]; then
      printf '%-14s %-12s %5s %12s %14s   %s\n' "$model" "$mode" "-" FAILED "-" "$failed (see stderr below)"
      tail -n 3 "$log.err" >&2 || true
      continue
    fi
    w="$(printf '%s\n' "${walls[@]}" | median)"
    m="$(printf '%s\n' "${mems[@]}" | median)"
    printf '%-14s %-12s %5d %12.2f %14s   %s\n' "$model" "$mode" "$runs" "$w" "$m" "${walls[*]}"
  done
done
