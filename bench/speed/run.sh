#!/usr/bin/env bash
# Side-by-side speed benchmark (issue 12): our TorchSharp engine against plain PyTorch on the same machine, the same MiniLM
# weights and the same token ids, in alternating processes.
#
#   bash bench/speed/run.sh            # writes bench/results/speed.json
#
# Needs Debian's python3-torch with libopenblas0-openmp (dev tooling only: apt-get install python3-torch libopenblas0-openmp).
# The reference refuses the reference BLAS; OPENBLAS_CORETYPE is set to the fastest OpenBLAS kernel on this CPU (measured
# with a MiniLM-sized matmul over the candidates below), so PyTorch is not handicapped by a kernel its OpenBLAS picked
# conservatively. Cases (each a fresh process per side and repetition; median of the repetitions' medians):
#   forward 16×64 (inference), lora_step and obliviate_step 16×64 (LoRA r16 q+v, head, AdamW, clip 1.0, dropout on),
#   full_step 32×64 (POR's injection step: trainable encoder + frozen copy), vocab_sweep (30,522 short sequences).
# Before every process the script waits (up to OBLIVIATE_BENCH_QUIET_WAIT seconds, default 600) for the 1-minute load
# average to fall below OBLIVIATE_BENCH_QUIET_LOAD (default 0.6) and records the load it started at.
# Loops: defend_step_ms and attack_step_ms are the median step times the real `defend` (LoRA, no defense, IMDB reviews cut
# to 64 tokens, so batches are 16×64 like lora_step) and `attack` (POR, 16+16 rows of ≤64 tokens) record in their reports.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
artifacts=${OBLIVIATE_BENCH_ARTIFACTS:-/tmp/art-bench-speed}
work=${OBLIVIATE_BENCH_WORK:-/tmp/obliviate-bench-speed}
reps=${OBLIVIATE_BENCH_REPS:-5}
iterations=${OBLIVIATE_BENCH_ITERATIONS:-20}
quiet_load=${OBLIVIATE_BENCH_QUIET_LOAD:-0.6}
quiet_wait=${OBLIVIATE_BENCH_QUIET_WAIT:-600}
data=${OBLIVIATE_BENCH_DATA:-$repo/../shared/data/text}
out=${OBLIVIATE_BENCH_OUT:-$repo/bench/results/speed.json}
python=/usr/bin/python3

"$python" -c "import torch" 2>/dev/null || { echo "Debian's python3-torch is not installed (apt-get install python3-torch libopenblas0-openmp)" >&2; exit 2; }
[ -f "$data/imdb-sample/dev.openbackdoor.tsv" ] && [ -f "$data/sst2-sentence-level/test.tsv" ] || { echo "IMDB/SST-2 not found under $data" >&2; exit 2; }
echo "building Release into $artifacts ..." >&2
dotnet build "$repo/bench/Obliviate.Bench" -c Release --artifacts-path "$artifacts" -nologo -v quiet >&2
dotnet build "$repo/src/Obliviate.Tool" -c Release --artifacts-path "$artifacts" -nologo -v quiet >&2
bench=$(find "$artifacts/bin/Obliviate.Bench" -name Obliviate.Bench.dll -path '*release*' | head -n 1)
tool=$(find "$artifacts/bin/Obliviate.Tool" -name dotnet-obliviate.dll -path '*release*' | head -n 1)
model=$(dotnet "$tool" models pull minilm)
mkdir -p "$work"
results=$work/results.jsonl
: > "$results"

wait_quiet() {
  local waited=0
  while :; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    awk -v l="$load" -v q="$quiet_load" 'BEGIN { exit !(l < q) }' && break
    [ "$waited" -ge "$quiet_wait" ] && { echo "machine not quiet after ${quiet_wait}s (load $load); measuring anyway" >&2; break; }
    sleep 5; waited=$((waited + 5))
  done
  echo "$load"
}

# The fastest OpenBLAS kernel for the reference (the default pick first).
best_core="" best_gflops=0
cores_json="{}"
for core in default Haswell Zen SkylakeX Cooperlake; do
  if [ "$core" = default ]; then line=$("$python" "$repo/bench/speed/reference.py" --case blas_gflops) || continue
  else line=$(OPENBLAS_CORETYPE=$core "$python" "$repo/bench/speed/reference.py" --case blas_gflops) || continue; fi
  gflops=$(echo "$line" | "$python" -c "import json,sys; print(json.load(sys.stdin)['gflops'])")
  name=$(echo "$line" | "$python" -c "import json,sys; print(json.load(sys.stdin)['openblas_core'])")
  cores_json=$(echo "$cores_json" | "$python" -c "import json,sys; d=json.load(sys.stdin); d['$core ($name)']=$gflops; print(json.dumps(d))")
  if awk -v g="$gflops" -v b="$best_gflops" 'BEGIN { exit !(g > b) }'; then best_gflops=$gflops; best_core=$core; fi
done
echo "OpenBLAS kernels (GFLOPS on 1024×384×1536): $cores_json; reference uses $best_core" >&2
reference_env=()
[ "$best_core" != default ] && reference_env=(env "OPENBLAS_CORETYPE=$best_core")
ours_kernels=$(dotnet "$bench" kernels | head -n 1)

dotnet "$bench" speed --case inputs --inputs "$work/inputs.json" --model "$model" >&2
for case in forward lora_step obliviate_step full_step vocab_sweep; do
  for rep in $(seq 1 "$reps"); do
    parity=()
    [ "$case" = forward ] && [ "$rep" = 1 ] && parity=(--parity "$work/ours-first-token.json")
    # Alternate which side goes first, so drift in the machine's state does not favour one side.
    for side in $( [ $((rep % 2)) = 1 ] && echo "ours pytorch" || echo "pytorch ours"); do
      load=$(wait_quiet)
      if [ "$side" = ours ]; then
        line=$(dotnet "$bench" speed --case "$case" --model "$model" --inputs "$work/inputs.json" --iterations "$iterations" "${parity[@]}")
      else
        pyparity=()
        [ "${#parity[@]}" -gt 0 ] && pyparity=(--parity "$work/ours-first-token.json")
        line=$("${reference_env[@]}" "$python" "$repo/bench/speed/reference.py" --case "$case" --model-dir "$model" \
          --inputs "$work/inputs.json" --iterations "$iterations" "${pyparity[@]}")
      fi
      echo "$line" | "$python" -c "import json,sys; d=json.load(sys.stdin); d.update(side='$side', rep=$rep, load_avg=float('$load')); print(json.dumps(d))" >> "$results"
      echo "$case rep $rep $side: $line (load $load)" >&2
    done
  done
done

# The real commands' own step times.
load_defend=$(wait_quiet)
rm -rf "$work/defend"
dotnet "$tool" defend "$model" --train "$data/imdb-sample/dev.openbackdoor.tsv" --eval "$data/sst2-sentence-level/test.tsv" \
  --peft lora --no-defense --max-steps 60 --max-length 64 --max-train 2000 --max-eval 200 --seed 0 --device cpu -q -o "$work/defend" >/dev/null
load_attack=$(wait_quiet)
rm -rf "$work/attack"
"$python" "$repo/bench/common/imdb_sentences.py" "$data/imdb-sample/dev.openbackdoor.tsv" "$work/imdb-sentences.txt"
dotnet "$tool" attack "$model" --method por --corpus "$work/imdb-sentences.txt" --max-steps 30 --max-length 64 --lr 1e-4 \
  --seed 0 --device cpu -q -o "$work/attack" >/dev/null || true

"$python" - "$results" "$work" "$out" "$best_core" "$cores_json" "$ours_kernels" "$load_defend" "$load_attack" <<'PY'
import json, statistics, sys
results, work, out, best_core, cores_json, ours_kernels, load_defend, load_attack = sys.argv[1:]
rows = [json.loads(l) for l in open(results)]
cases = []
for case in ["forward", "lora_step", "obliviate_step", "full_step", "vocab_sweep"]:
    ours = [r for r in rows if r["case"] == case and r["side"] == "ours"]
    ref = [r for r in rows if r["case"] == case and r["side"] == "pytorch"]
    o, p = statistics.median(r["ms"] for r in ours), statistics.median(r["ms"] for r in ref)
    entry = {
        "case": case, "ours_ms": round(o, 1), "pytorch_ms": round(p, 1), "ratio": round(o / p, 3),
        "ours_peak_rss_mb": round(max(r["peak_rss_mb"] for r in ours), 1),
        "pytorch_peak_rss_mb": round(max(r["peak_rss_mb"] for r in ref), 1),
        "load_avg": round(statistics.mean(r["load_avg"] for r in ours + ref), 2),
        "ours_ms_all": [r["ms"] for r in ours], "pytorch_ms_all": [r["ms"] for r in ref],
    }
    parity = [r["parity_max_abs_diff"] for r in ref if "parity_max_abs_diff" in r]
    if parity:
        entry["parity_max_abs_diff"] = parity[0]
    cases.append(entry)
defend = json.load(open(f"{work}/defend/eval_results.json"))
attack = json.load(open(f"{work}/attack/backdoor.json"))
lora = next(c for c in cases if c["case"] == "lora_step")
loops = {
    "defend_step_ms": round(defend["run"]["train_step_ms_median"], 1),
    "defend_peak_rss_mb": round(defend["run"]["peak_rss_mb"], 1),
    "defend_vs_lora_step": round(defend["run"]["train_step_ms_median"] / lora["ours_ms"], 3),
    "attack_step_ms": round(attack["run"]["train_step_ms_median"], 1),
    "attack_peak_rss_mb": round(attack["run"]["peak_rss_mb"], 1),
    "load_avg_defend": float(load_defend), "load_avg_attack": float(load_attack),
}
ref_blas = next(r for r in rows if r["side"] == "pytorch")
doc = {
    "model": "all-MiniLM-L6-v2", "threads": 2,
    "pytorch": {"version": "1.13 (Debian python3-torch)", "blas": ref_blas["blas"], "openblas_core": ref_blas["openblas_core"],
                "openblas_coretype_env": None if best_core == "default" else best_core, "gflops_by_core": json.loads(cores_json)},
    "ours_kernels": ours_kernels,
    "cases": cases, "loops": loops,
}
json.dump(doc, open(out, "w"), indent=2)
open(out, "a").write("\n")
print(json.dumps(doc, indent=2))
PY
