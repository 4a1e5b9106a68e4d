#!/usr/bin/env bash
# make fuzz: builds the libFuzzer targets under Fuzz/ with -sanitize=fuzzer,address into
# .build-fuzz (the normal .build is untouched) and runs them one after another.
#
#   FUZZ_SECONDS   seconds per target (default 600)
#   FUZZ_TARGETS   which targets (default: all four)
#   FUZZ_CORPUS    folder of reference workbooks for seeds (default: the vendored copy in Tests/Fixtures/shared/corpus)
#
# Each target runs with -rss_limit_mb=256 -timeout=1 and leak detection. Any crash, leak, timeout
# or out-of-memory input is copied to Tests/Fixtures/fuzz-regressions/<target>/, where
# `make test` replays it (Tests/XLSXTests/RegressionFixtureTests.swift). The script fails when a
# target found anything. Logs and the growing corpus stay in .build-fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET=${FUZZ_SECONDS:-600}
TARGETS=${FUZZ_TARGETS:-"fuzz-workbook fuzz-shared-strings fuzz-worksheet fuzz-form-grid"}
SHARED_CORPUS=${FUZZ_CORPUS:-Tests/Fixtures/shared/corpus}
SCRATCH=.build-fuzz
SWIFT=${SWIFT:-swift}
REGRESSIONS=Tests/Fixtures/fuzz-regressions

# Swift's crash backtracer fights ASan's handler; libFuzzer prints the stack itself.
export SWIFT_BACKTRACE=enable=no
# A small quarantine keeps the RSS limit about our memory, not ASan's bookkeeping.
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=16:detect_leaks=1:allocator_may_return_null=1}

echo "== building fuzz targets (release, -sanitize=fuzzer,address) in $SCRATCH"
for target in $TARGETS; do
  "$SWIFT" build -c release --scratch-path "$SCRATCH" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING --product "$target"
done

echo "== seeds"
# Reference workbooks, our fixtures and samples; the form-grid seeds are their sheets encoded by
# the normal (replay) build of fuzz-form-grid.
books=()
while IFS= read -r -d '' f; do books+=("$f"); done < <(
  find "$SHARED_CORPUS" Tests/Fixtures samples -type f \( -name '*.xlsx' -o -name '*.ods' \) -print0 2>/dev/null)
rm -rf "$SCRATCH/seeds"
mkdir -p "$SCRATCH/seeds"/{fuzz-workbook,fuzz-shared-strings,fuzz-worksheet,fuzz-form-grid}
python3 Fuzz/make_seeds.py "$SCRATCH/seeds" "${books[@]}"
if [[ " $TARGETS " == *" fuzz-form-grid "* ]]; then
  "$SWIFT" build --product fuzz-form-grid >/dev/null
  "$("$SWIFT" build --show-bin-path)/fuzz-form-grid" --encode-grids "$SCRATCH/seeds/fuzz-form-grid" "${books[@]}" || true
fi
for target in $TARGETS; do
  # Hand-written seeds and every past finding join the seeds.
  for extra in "Fuzz/seeds/$target" "$REGRESSIONS/$target"; do
    [[ -d "$extra" ]] && cp "$extra"/* "$SCRATCH/seeds/$target/" 2>/dev/null || true
  done
done

dict_for() {
  case "$1" in
    fuzz-workbook) cat Fuzz/dictionaries/xml.dict Fuzz/dictionaries/workbook.dict > "$SCRATCH/workbook.dict"
                   echo "-dict=$SCRATCH/workbook.dict" ;;
    fuzz-shared-strings|fuzz-worksheet) echo "-dict=Fuzz/dictionaries/xml.dict" ;;
    *) echo "" ;;
  esac
}
max_len_for() {
  case "$1" in
    fuzz-workbook) echo 65536 ;;
    fuzz-form-grid) echo 4096 ;;
    *) echo 16384 ;;
  esac
}

failed=()
summary=()
for target in $TARGETS; do
  corpus="$SCRATCH/corpus/$target"
  artifacts="$SCRATCH/artifacts/$target"
  log="$SCRATCH/logs/$target.log"
  rm -rf "$artifacts"
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  echo "== $target for ${SECONDS_PER_TARGET}s (log: $log)"
  set +e
  # shellcheck disable=SC2046
  "$SCRATCH/release/$target" "$corpus" "$SCRATCH/seeds/$target" $(dict_for "$target") \
    -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=256 -timeout=1 -max_len="$(max_len_for "$target")" \
    -detect_leaks=1 -print_final_stats=1 -artifact_prefix="$artifacts/" > "$log" 2>&1
  status=$?
  set -e
  found=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) 2>/dev/null | sort || true)
  if [[ -n "$found" ]]; then
    mkdir -p "$REGRESSIONS/$target"
    cp $found "$REGRESSIONS/$target/"
    echo "   FOUND: $(echo "$found" | wc -l) input(s) copied to $REGRESSIONS/$target/"
    failed+=("$target")
  elif [[ $status -ne 0 ]]; then
    echo "   libFuzzer exited with $status; see $log"
    failed+=("$target")
  fi
  last=$(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE).*cov:' "$log" | tail -1 || true)
  runs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}' || true)
  speed=$(grep -m1 'stat::average_exec_per_sec' "$log" | awk '{print $2}' || true)
  peak=$(grep -m1 'stat::peak_rss_mb' "$log" | awk '{print $2}' || true)
  cov=$(sed -E 's/.*cov: ([0-9]+).*/\1/' <<<"$last")
  ft=$(sed -E 's/.*ft: ([0-9]+).*/\1/' <<<"$last")
  summary+=("$(printf '%-20s runs=%-9s exec/s=%-6s cov=%-6s ft=%-6s peak_rss=%sMB' "$target" "$runs" "$speed" "$cov" "$ft" "$peak")")
done

echo "== summary"
printf '%s\n' "${summary[@]}"
if (( ${#failed[@]} )); then
  echo "findings in: ${failed[*]} (inputs in $REGRESSIONS/; replayed by make test)"
  exit 1
fi
echo "no crash, leak or timeout"
