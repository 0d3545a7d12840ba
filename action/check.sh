#!/usr/bin/env bash
# Runs `check` (or merges reports, or takes an existing report) and writes the step outputs verdict, report-path and
# sarif-path to $GITHUB_OUTPUT. Inputs arrive as environment variables only (action.yml). Exits with the tool's code, so
# the verdict fails the step at --fail-on; the publish step still runs after a failure.
set -uo pipefail
: "${OBLIVIATE_TOOL:?OBLIVIATE_TOOL must name dotnet-obliviate.dll}"
out="${OUTPUT_DIR:-obliviate-report}"
outputs="${GITHUB_OUTPUT:-/dev/null}"
tool=(dotnet "$OBLIVIATE_TOOL")

verdict_of() { # the top-level "verdict" of an indented report JSON (two-space keys are the top level)
  sed -n 's/^  "verdict": "\([a-z]*\)",\{0,1\}$/\1/p' "$1" | head -n 1
}

if [ -n "${INPUT_REPORT_JSON:-}" ]; then
  [ -f "$INPUT_REPORT_JSON" ] || { echo "::error::report-json: no such file: $INPUT_REPORT_JSON" >&2; exit 4; }
  { echo "verdict=$(verdict_of "$INPUT_REPORT_JSON")"; echo "report-path=$INPUT_REPORT_JSON"; echo "sarif-path="; } >> "$outputs"
  exit 0
fi

if [ -n "${INPUT_MERGE_REPORTS:-}" ]; then
  # Paths or globs separated by spaces or newlines (e.g. reports/*/report.json); globbing never runs commands.
  shopt -s nullglob
  # shellcheck disable=SC2206
  reports=($INPUT_MERGE_REPORTS)
  shopt -u nullglob
  [ "${#reports[@]}" -gt 0 ] || { echo "::error::merge-reports matched no file" >&2; exit 4; }
  "${tool[@]}" report merge "${reports[@]}" -o "$out"
  code=$?
  [ "$code" -eq 0 ] || exit "$code"
  { echo "verdict=$(verdict_of "$out/summary.json")"; echo "report-path=$out/summary.json"; echo "sarif-path="; } >> "$outputs"
  exit 0
fi

args=(check "${INPUT_MODEL_PATH:-minilm}" --checks "${INPUT_CHECKS:-scan,probe}" --fail-on "${INPUT_FAIL_ON:-dangerous}" \
  --device "${INPUT_DEVICE:-cpu}" -o "$out" --force)
if [ -n "${INPUT_TRAIN_DATA:-}" ] || [ -n "${INPUT_EVAL_DATA:-}" ]; then
  args+=(--train "${INPUT_TRAIN_DATA:-}" --eval "${INPUT_EVAL_DATA:-}" --peft "${INPUT_PEFT:-lora}")
  # Training settings left empty take the tool's defaults; the tool validates the values (exit 4 on a bad one).
  [ -z "${INPUT_DEFENSE:-}" ] || args+=(--defense "$INPUT_DEFENSE")
  [ -z "${INPUT_LR:-}" ] || args+=(--lr "$INPUT_LR")
  [ -z "${INPUT_EPOCHS:-}" ] || args+=(--epochs "$INPUT_EPOCHS")
  [ -z "${INPUT_MAX_STEPS:-}" ] || args+=(--max-steps "$INPUT_MAX_STEPS")
fi
"${tool[@]}" "${args[@]}"
code=$?

if [ -f "$out/report.json" ]; then
  sarif="$out/report.sarif"
  if [ -n "${INPUT_SARIF_FILE:-}" ]; then
    mkdir -p "$(dirname "$INPUT_SARIF_FILE")"
    cp "$sarif" "$INPUT_SARIF_FILE"
    sarif="$INPUT_SARIF_FILE"
  fi
  { echo "verdict=$(verdict_of "$out/report.json")"; echo "report-path=$out/report.json"; echo "sarif-path=$sarif"; } >> "$outputs"
fi
exit "$code"
