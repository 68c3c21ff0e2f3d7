#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for N executions.
#   tests/fuzz/run.sh [RUNS] [TARGET...]     (RUNS defaults to 10000000)
# Needs clang. The build goes to $STORYBANK_FUZZ_BUILD_DIR (build-fuzz).
# Crashes are written to build-fuzz/crashes/; make each one a unit test.
# $FUZZ_FLAGS goes to libFuzzer as well, e.g. "-entropic=0 -max_len=2048"
# (later flags win), which is how the Markdown importer ran its millions.
# The build is optimised and ASan keeps 16 MB of freed memory aside rather
# than 256: each run allocates little, and the smaller quarantine stays in
# the cache: together they ran a fixed set of CSV inputs in half the time.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${STORYBANK_FUZZ_BUILD_DIR:-$top/build-fuzz}
runs=${1:-10000000}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz-store-load fuzz-markdown fuzz-csv)

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$top" -Dfuzzing=true -Dbuildtype=debugoptimized
fi
ninja -C "$build" -j2 $(printf 'tests/fuzz/%s ' "${targets[@]}")

mkdir -p "$build/crashes"
for target in "${targets[@]}"; do
  case "$target" in
    fuzz-store-load) seeds=$top/tests/fuzz/corpus-store; max_len=131072 ;;
    fuzz-store-cache) seeds=$top/tests/fuzz/corpus-cache; max_len=65536 ;;
    fuzz-markdown)   seeds=$top/tests/fuzz/corpus-markdown; max_len=65536 ;;
    fuzz-markdown-read) seeds=$top/tests/data/import; max_len=65536 ;;
    fuzz-csv)        seeds=$top/tests/fuzz/corpus-csv; max_len=16384 ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
  esac
  # The corpus grows in the build folder; the seeds in git stay small.
  corpus=$build/corpus-$target
  mkdir -p "$corpus"
  log=$build/$target.log
  echo "== $target: $runs runs (log: $log)"
  # shellcheck disable=SC2086
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:quarantine_size_mb=16} \
  "$build/tests/fuzz/$target" -runs="$runs" -max_len="$max_len" -timeout=10 \
    -artifact_prefix="$build/crashes/$target-" ${FUZZ_FLAGS:-} \
    -print_final_stats=1 "$corpus" "$seeds" >"$log" 2>&1 || {
      echo "$target FAILED: see $log and $build/crashes/" >&2
      tail -n 40 "$log" >&2
      exit 1
    }
  sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1 | sed "s/^/$target executions: /"
done
