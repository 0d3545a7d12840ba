#!/usr/bin/env bash
# Posts the report as the sticky pull-request comment (or writes the job summary when it cannot). The token arrives in
# GITHUB_TOKEN and is never echoed; tracing (set -x) stays off so it cannot reach the log.
set -euo pipefail
: "${OBLIVIATE_TOOL:?OBLIVIATE_TOOL must name dotnet-obliviate.dll}"
: "${REPORT_PATH:?REPORT_PATH must name report.json}"
args=(publish "$REPORT_PATH")
if [ -n "${INPUT_PR_NUMBER:-}" ]; then
  # In the workflow_run pattern the number comes from an artifact a fork could write: digits only.
  [[ "$INPUT_PR_NUMBER" =~ ^[0-9]{1,9}$ ]] || { echo "::error::pr-number must be a number" >&2; exit 4; }
  args+=(--pr "$INPUT_PR_NUMBER")
fi
exec dotnet "$OBLIVIATE_TOOL" "${args[@]}"
