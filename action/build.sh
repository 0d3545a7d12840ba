#!/usr/bin/env bash
# Builds the tool from the action's own source into $TOOL_DIR (cached by the workflow between runs).
# device cuda selects the CUDA libtorch package (-p:TorchBackend=cuda; README "GPU").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
device="${INPUT_DEVICE:-cpu}"
case "$device" in cpu|cuda) ;; *) echo "::error::device must be cpu or cuda (got '$device')" >&2; exit 4 ;; esac
: "${TOOL_DIR:?TOOL_DIR must name the folder to build into}"
dotnet publish "$root/src/Obliviate.Tool/Obliviate.Tool.csproj" -c Release --nologo -o "$TOOL_DIR" "-p:TorchBackend=$device"
