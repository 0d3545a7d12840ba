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

files=$(find "$results" -maxdepth 1 -name '*.trx' | wc -l)
if [ "$files" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test results were written" >&2
  status=1
fi
[ "$files" -eq 0 ] || python3 build/trx_summary.py "$results"/*.trx
exit "$status"
