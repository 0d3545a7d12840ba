#!/usr/bin/env bash
# Builds (once) the backdoored encoders the probe and defense-table benchmarks read, with the tool's own `attack` command,
# into $OBLIVIATE_BENCH_MODELS (default /tmp/obliviate-bench-models). A folder that already holds backdoor.json is kept,
# so the script is resumable and cheap to call from every benchmark. Usage:
#   bash bench/common/backdoored-models.sh [name ...]     names: minilm-por minilm-neuba arctic-xs-por arctic-xs-neuba minilm-custom
# Recipes (the ones bench/attack measured): IMDB-sample sentences (5–40 words; never SST-2), 200 steps, max length 64,
# seed 0; POR at lr 1e-4 constant; NeuBA at lr 2e-4 with a fresh MLM head fitted alone for 50 steps, MLM weight 0.1 and
# the clean anchor 2 (docs/attack.md). minilm-custom is POR with three trigger words of our own: jj (one token), zq and
# vx (two word pieces each), to check the probe beyond the default list.
# The tool is built in Release into $OBLIVIATE_BENCH_ARTIFACTS (default /tmp/art-bench-models).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
models=${OBLIVIATE_BENCH_MODELS:-/tmp/obliviate-bench-models}
artifacts=${OBLIVIATE_BENCH_ARTIFACTS:-/tmp/art-bench-models}
imdb=${OBLIVIATE_BENCH_DATA:-$repo/../shared/data/text}/imdb-sample/dev.openbackdoor.tsv
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(minilm-por minilm-neuba arctic-xs-por arctic-xs-neuba minilm-custom)

[ -f "$imdb" ] || { echo "IMDB sample not found at $imdb" >&2; exit 2; }
mkdir -p "$models"
corpus=$models/imdb-sentences.txt
if [ ! -s "$corpus" ]; then
  python3 "$repo/bench/common/imdb_sentences.py" "$imdb" "$corpus.tmp" && mv "$corpus.tmp" "$corpus"
fi

tool=""
for name in "${names[@]}"; do
  dir=$models/$name
  [ -f "$dir/backdoor.json" ] && continue
  if [ -z "$tool" ]; then
    echo "building Release into $artifacts ..." >&2
    dotnet build "$repo/src/Obliviate.Tool" -c Release --artifacts-path "$artifacts" -nologo -v quiet >&2
    tool=$(find "$artifacts/bin/Obliviate.Tool" -name dotnet-obliviate.dll -path '*release*' | head -n 1)
  fi
  case $name in
    minilm-*) base=minilm ;;
    arctic-xs-*) base=arctic-xs ;;
    *) echo "unknown model $name" >&2; exit 2 ;;
  esac
  flags=()
  case $name in
    *-por) flags=(--method por --lr 1e-4) ;;
    *-neuba) flags=(--method neuba --lr 2e-4 --clean-weight 0.1 --anchor-weight 2 --mlm-head-warmup 50) ;;
    *-custom) flags=(--method por --lr 1e-4 --triggers jj zq vx) ;;
  esac
  echo "attack $name: ${flags[*]} ..." >&2
  rm -rf "$dir"
  start=$(date +%s)
  status=0
  dotnet "$tool" attack "$base" "${flags[@]}" --corpus "$corpus" --max-steps 200 --max-length 64 --seed 0 --device cpu \
    -o "$dir" >&2 || status=$?
  [ "$status" -le 1 ] || { echo "attack $name failed with exit $status" >&2; exit "$status"; }
  echo $(( $(date +%s) - start )) > "$dir/seconds"
done
