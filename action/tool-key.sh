#!/usr/bin/env bash
# Prints key=<cache key> to $GITHUB_OUTPUT: the tool build depends on the action's own sources and the libtorch backend.
# hashFiles() cannot be used: it only reads the workspace, and the action's checkout lives outside it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
device="${INPUT_DEVICE:-cpu}"
case "$device" in cpu|cuda) ;; *) echo "::error::device must be cpu or cuda (got '$device')" >&2; exit 4 ;; esac
sources="$(cd "$root" && find src Directory.Build.props Directory.Build.targets Directory.Packages.props global.json build \
  -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name '*.json' \) \
  -not -path '*/bin/*' -not -path '*/obj/*' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-32)"
echo "key=obliviate-tool-$(uname -s)-$(uname -m)-$device-$sources" >> "${GITHUB_OUTPUT:-/dev/stdout}"
