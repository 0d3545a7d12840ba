#!/usr/bin/env bash
# Builds the solution (warnings are errors) and runs every test project, then prints one summary line
# ("Tests: N passed, N failed, N skipped"). This is the README's test command and what .ci/run runs.
# Extra arguments go to `dotnet test`, e.g. `bash build/test.sh --filter "Category!=Slow"` for a quick local loop.
set -euo pipefail
cd "$(dirname "$0")/.."

results="$(mktemp -d "${TMPDIR:-/tmp}/obliviate-test-XXXXXX")"
trap 'rm -rf "$results"' EXIT

status=0
dotnet test Obliviate.sln -c Debug --nologo \
  --logger "trx" --results-directory "$results" \
  --blame-hang-timeout 15m "$@" || status=$?

passed=0 failed=0 skipped=0 files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + $(value notExecuted)))
done

if [ "$files" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test results were written" >&2
  status=1
fi
echo "Tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
