#!/usr/bin/env bash
# Encoder benchmark (issue 3). Builds bench/Obliviate.Bench in Release and runs the embedded MiniLM forward
# (eval, no_grad) on batch 16 × seq 64 of real SST-2 text with 2 threads: median forward ms over 30 timed iterations
# after 3 warm-up runs, peak RSS (VmHWM of the process after the timed runs) and the last_hidden_state max abs
# difference to ONNX Runtime on real tokens. Writes bench/results/encoder.json with model, batch, seq, threads,
# forward_ms_median, peak_rss_mb, parity_max_abs_diff. Targets: ≤ 300 ms and ≤ 700 MB.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
artifacts=${OBLIVIATE_BENCH_ARTIFACTS:-/tmp/art-bench-encoder}
iterations=${OBLIVIATE_BENCH_ITERATIONS:-30}
out=${OBLIVIATE_BENCH_OUT:-$repo/bench/results/encoder.json}

echo "building Release into $artifacts ..." >&2
dotnet build "$repo/bench/Obliviate.Bench" -c Release --artifacts-path "$artifacts" -nologo -v quiet >&2
bench=$(find "$artifacts/bin/Obliviate.Bench" -name Obliviate.Bench.dll -path '*release*' | head -n 1)
[ -n "$bench" ] || { echo "Obliviate.Bench.dll not found under $artifacts" >&2; exit 2; }

cd "$repo"
dotnet "$bench" encoder --model minilm --batch 16 --seq 64 --threads 2 --warmup 3 --iterations "$iterations" \
  --out "$out"
cat "$out"
