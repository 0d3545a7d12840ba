#!/usr/bin/env bash
# MSBuild integration benchmark (issue 16, docs/msbuild.md). Packs Obliviate.MSBuild (Release) into a local folder feed,
# materialises the MiniLM folder (dotnet run --project src/Obliviate.Tool -- models pull minilm), and builds two copies of
# one class library that ships that folder to its output: one referencing the package, one without it (the baseline).
# Writes bench/results/msbuild.json:
#   package_mb                   size of Obliviate.MSBuild.<version>.nupkg
#   first_build_seconds          first `dotnet build` of the project with the package (after restore): compile, scan, copy
#   noop_build_seconds           median `dotnet build` of the unchanged project with the package (the scan is skipped)
#   noop_build_baseline_seconds  the same for the project without the package
# plus first_build_baseline_seconds, scan_seconds (the host's own figure), model_files, model_mb, runs, load_average.
# Seconds are wall time of the whole dotnet process; builds run with -nodeReuse:false so each starts cold the same way.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
runs=${OBLIVIATE_BENCH_RUNS:-5}
work=$(mktemp -d /tmp/obliviate-msbuild-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
# The consumers restore into a private package folder, so no earlier Obliviate.MSBuild of the same version is reused.
packages="$work/packages"
load_average=$(cut -d' ' -f1 /proc/loadavg)

echo "packing Obliviate.MSBuild (Release) ..." >&2
dotnet pack "$repo/src/Obliviate.MSBuild.Tasks" -c Release -o "$work/feed" -nologo -v quiet >&2
package=$(ls "$work/feed"/Obliviate.MSBuild.*.nupkg)
version=$(basename "$package" .nupkg); version=${version#Obliviate.MSBuild.}

echo "materialising MiniLM ..." >&2
minilm=$(dotnet run --project "$repo/src/Obliviate.Tool" -- models pull minilm | tail -n 1)
[ -f "$minilm/config.json" ] || { echo "models pull minilm printed '$minilm', which holds no config.json" >&2; exit 2; }

# consumer NAME PACKAGE_REFERENCE: a class library under $work/NAME shipping models/minilm/** to its output.
consumer() {
  local dir="$work/$1"
  mkdir -p "$dir/models"
  cp -r "$minilm" "$dir/models/minilm"
  cat >"$dir/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources><clear /><add key="obliviate-bench-feed" value="$work/feed" /></packageSources>
</configuration>
XML
  cat >"$dir/App.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup>
    $2
    <None Include="models/**" CopyToOutputDirectory="PreserveNewest" />
  </ItemGroup>
</Project>
XML
  NUGET_PACKAGES="$packages" dotnet restore "$dir/App.csproj" -nologo -v quiet >&2
}

# seconds NAME: wall seconds of one `dotnet build` of $work/NAME; its output goes to $work/NAME.log.
seconds() {
  local start end
  start=$(date +%s.%N)
  NUGET_PACKAGES="$packages" dotnet build "$work/$1/App.csproj" -nologo -tl:off -v:n -nodeReuse:false >"$work/$1.log" 2>&1 \
    || { cat "$work/$1.log" >&2; echo "build of $1 failed" >&2; exit 2; }
  end=$(date +%s.%N)
  python3 -c "print(round($end - $start, 3))"
}

median() { python3 -c "import statistics, sys; print(round(statistics.median(map(float, sys.argv[1:])), 3))" "$@"; }

consumer app "<PackageReference Include=\"Obliviate.MSBuild\" Version=\"$version\" />"
consumer baseline ""

echo "first builds ..." >&2
first=$(seconds app)
scan_seconds=$(grep -oP 'shipped files scanned in \K[0-9.]+' "$work/app.log" | head -n 1)
[ -n "$scan_seconds" ] || { cat "$work/app.log" >&2; echo "the first build did not scan" >&2; exit 2; }
first_baseline=$(seconds baseline)

echo "$runs unchanged builds each ..." >&2
noop=() noop_baseline=()
for _ in $(seq 1 "$runs"); do
  noop+=("$(seconds app)")
  grep -q 'Skipping target "_ObliviateScan" because all output files are up-to-date' "$work/app.log" \
    || { cat "$work/app.log" >&2; echo "an unchanged build scanned again" >&2; exit 2; }
  noop_baseline+=("$(seconds baseline)")
done

python3 - "$repo/bench/results/msbuild.json" "$package" "$minilm" <<PY
import json, os, sys
out, package, minilm = sys.argv[1:4]
files = [os.path.join(minilm, f) for f in os.listdir(minilm)]
result = {
    "package_mb": round(os.path.getsize(package) / 1e6, 2),
    "first_build_seconds": $first,
    "noop_build_seconds": $(median "${noop[@]}"),
    "noop_build_baseline_seconds": $(median "${noop_baseline[@]}"),
    "first_build_baseline_seconds": $first_baseline,
    "scan_seconds": $scan_seconds,
    "model_files": len(files),
    "model_mb": round(sum(os.path.getsize(f) for f in files) / 1e6, 1),
    "runs": $runs,
    "load_average": $load_average,
}
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")
print(json.dumps(result, indent=2))
PY
