#!/usr/bin/env bash
# Whole-process timings of `./msqsim run` on the built-in models: median wall time, median CPU time
# (user + sys) and median peak resident memory over N runs, from /usr/bin/time (JVM start included, as
# a user sees it); with --scalesim, SCALE-Sim v2 on ResNet-18 (32x32 OS) side by side and the ratio.
#
#   benchmarks/e2e.sh [-n N] [-b BOARD] [-m "resnet18 mobilenet_v2"] [--modes "exact cached timing"]
#                     [--scalesim [SCRIPT]] [--scalesim-runs K] [--timing-only-only]
#
# Modes: exact = bit-exact, each run with an empty weight-scale cache (a first run); cached = bit-exact
# with the cache filled beforehand (every later run of the same network); timing = --timing-only.
# Defaults: N = 5, board zc706, every model of `msqsim models`, all three modes. --scalesim runs
# SCALE-Sim K times (default 1; 4-6 minutes each) with SCRIPT (default ../shared/peers/run-scalesim.sh
# beside the repository) and prints the ratio of its median wall time to msqsim's ResNet-18 medians.
# The machine's load (uptime) is printed before and after. Runs from any directory; never writes the
# user's cache (each mode has its own temporary cache directory). A failing run is reported as FAILED
# with its exit code, and the script goes on.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
launcher="$here/msqsim"
runs=5
board=zc706
models=""
modes="exact cached timing"
scalesim=""
scalesim_runs=1

usage() { sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs="${2:?-n needs a count}"; shift 2 ;;
    -b) board="${2:?-b needs a board}"; shift 2 ;;
    -m) models="${2:?-m needs model names}"; shift 2 ;;
    --modes) modes="${2:?--modes needs a list}"; shift 2 ;;
    --timing-only-only) modes="timing"; shift ;;
    --scalesim)
      scalesim="$here/../shared/peers/run-scalesim.sh"
      if [ $# -gt 1 ] && [ "${2#-}" = "$2" ]; then scalesim="$2"; shift; fi
      shift ;;
    --scalesim-runs) scalesim_runs="${2:?--scalesim-runs needs a count}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "e2e.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
for v in "$runs" "$scalesim_runs"; do
  case "$v" in ''|*[!0-9]*|0) echo "e2e.sh: counts must be positive integers, got '$v'" >&2; exit 2 ;; esac
done
for m in $modes; do
  case "$m" in exact|cached|timing) ;; *) echo "e2e.sh: unknown mode '$m' (exact, cached, timing)" >&2; exit 2 ;; esac
done
[ -x /usr/bin/time ] || { echo "e2e.sh: /usr/bin/time (GNU time) is needed" >&2; exit 2; }
[ -x "$launcher" ] || { echo "e2e.sh: launcher $launcher not found" >&2; exit 2; }
if [ -n "$scalesim" ] && [ ! -x "$scalesim" ]; then
  echo "e2e.sh: SCALE-Sim script $scalesim not found or not executable" >&2; exit 2
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/msqsim-e2e.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# Build (and make the class-data archive) once up front so that no timed run includes either.
MSQSIM_CACHE_DIR="$tmp/warmup-cache" "$launcher" boards >/dev/null

if [ -z "$models" ]; then
  models="$("$launcher" models 2>/dev/null | awk 'NR>1 && $1 ~ /^[a-z0-9_]+$/ {print $1}' | tr '\n' ' ')"
  [ -n "$models" ] || models="resnet18 mobilenet_v2"
fi

median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) {print "nan"} else if (NR%2) {print v[(NR+1)/2]} else {print (v[NR/2]+v[NR/2+1])/2}}'; }

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'); $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(nproc) cores; $(java -version 2>&1 | head -n 1)"
echo "# load before: $(uptime)"
printf '%-14s %-7s %5s %12s %12s %12s   %s\n' model mode runs "wall_s(med)" "cpu_s(med)" "peak_MB(med)" "all wall_s"
declare -A result
for model in $models; do
  for mode in $modes; do
    extra=()
    [ "$mode" = timing ] && extra=(--timing-only)
    cache="$tmp/cache-$model-$mode"
    if [ "$mode" = cached ]; then
      MSQSIM_CACHE_DIR="$cache" "$launcher" run --model "$model" --board "$board" >/dev/null 2>&1 || true
    fi
    walls=(); cpus=(); mems=(); failed=""
    for ((i = 1; i <= runs; i++)); do
      log="$tmp/$model.$mode.$i"
      [ "$mode" = exact ] && rm -rf "$cache"   # a first run: nothing cached
      if ! MSQSIM_CACHE_DIR="$cache" /usr/bin/time -f '%e %U %S %M %x' -o "$log.time" \
          "$launcher" run --model "$model" --board "$board" "${extra[@]}" >"$log.out" 2>"$log.err"; then
        failed="exit $(tail -n 1 "$log.time" | awk '{print $NF}')"
        break
      fi
      read -r wall user sys kb _ < <(tail -n 1 "$log.time")
      walls+=("$wall")
      cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')")
      mems+=("$((kb / 1024))")
    done
    if [ -n "$failed" ]; then
      printf '%-14s %-7s %5s %12s %12s %12s   %s\n' "$model" "$mode" "-" FAILED "-" "-" "$failed (see stderr below)"
      tail -n 3 "$log.err" >&2 || true
      continue
    fi
    w="$(printf '%s\n' "${walls[@]}" | median)"
    c="$(printf '%s\n' "${cpus[@]}" | median)"
    m="$(printf '%s\n' "${mems[@]}" | median)"
    result["$model.$mode"]="$w"
    printf '%-14s %-7s %5d %12.2f %12.2f %12s   %s\n' "$model" "$mode" "$runs" "$w" "$c" "$m" "${walls[*]}"
  done
done
echo "# load after msqsim: $(uptime)"

if [ -n "$scalesim" ]; then
  swalls=(); smems=()
  for ((i = 1; i <= scalesim_runs; i++)); do
    line="$("$scalesim" | tail -n 1)"   # "scalesim: WALL s, PEAK MB, TOTAL compute cycles"
    echo "# $line"
    swalls+=("$(echo "$line" | awk '{print $2}')")
    smems+=("$(echo "$line" | awk '{print $4}')")
  done
  sw="$(printf '%s\n' "${swalls[@]}" | median)"
  sm="$(printf '%s\n' "${smems[@]}" | median)"
  echo "# load after SCALE-Sim: $(uptime)"
  printf 'SCALE-Sim v2 ResNet-18 32x32 OS: median wall %.1f s over %d run(s), peak %s MB\n' "$sw" "$scalesim_runs" "$sm"
  for mode in exact cached timing; do
    w="${result[resnet18.$mode]:-}"
    [ -n "$w" ] || continue
    awk -v s="$sw" -v w="$w" -v mode="$mode" \
      'BEGIN {printf "ratio SCALE-Sim / msqsim resnet18 %-7s %.2f s -> %.0fx\n", mode, w, s / w}'
  done
fi
