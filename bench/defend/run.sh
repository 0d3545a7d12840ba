#!/usr/bin/env bash
# Defend benchmark (issue 4). Builds the tool in Release and runs `defend` on the embedded MiniLM + LoRA on SST-2
# (sentence level): 6000 training rows sampled (seed 0), the full 1821-row test set poisoned with the six default
# triggers, batch 16, max length 128, 2 threads — once without and once with the Obliviate defense (α_amp 3e-3,
# α_attn 3e-2). Writes bench/results/defend-sst2.json: {"runs":[{model, attack, peft, defense, epochs, cacc, asr, masr,
# aasr, minutes, train_step_ms_median, peak_rss_mb}, …]}. attack is "none": MiniLM here is the clean upstream model.
# Targets: CACC ≥ 0.84 without defense, defense within 1.5 points; ≤ 500 ms per step; ≤ 1 GB peak RSS.
# OBLIVIATE_BENCH_EPOCHS (default 2) sets the epochs; the reference schedule is 20, which takes hours on 2 cores.
# OBLIVIATE_BENCH_MAX_TRAIN / _MAX_EVAL / _OUT shrink the run for a smoke test (never for the committed result).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
artifacts=${OBLIVIATE_BENCH_ARTIFACTS:-/tmp/art-bench-defend}
epochs=${OBLIVIATE_BENCH_EPOCHS:-2}
data=${OBLIVIATE_BENCH_DATA:-$repo/../shared/data/text/sst2-sentence-level}
work=${OBLIVIATE_BENCH_WORK:-/tmp/obliviate-bench-defend}
max_train=${OBLIVIATE_BENCH_MAX_TRAIN:-6000}
max_eval=${OBLIVIATE_BENCH_MAX_EVAL:-2000}
out=${OBLIVIATE_BENCH_OUT:-$repo/bench/results/defend-sst2.json}

[ -f "$data/train.tsv" ] && [ -f "$data/test.tsv" ] || { echo "SST-2 not found under $data" >&2; exit 2; }
echo "building Release into $artifacts ..." >&2
dotnet build "$repo/src/Obliviate.Tool" -c Release --artifacts-path "$artifacts" -nologo -v quiet >&2
tool=$(find "$artifacts/bin/Obliviate.Tool" -name dotnet-obliviate.dll -path '*release*' | head -n 1)
[ -n "$tool" ] || { echo "dotnet-obliviate.dll not found under $artifacts" >&2; exit 2; }

mkdir -p "$work"
runs=()
for mode in no-defense defense; do
  dir="$work/lora-$mode"
  rm -rf "$dir"
  flags=()
  [ "$mode" = no-defense ] && flags+=(--no-defense)
  echo "defend minilm lora $mode, $epochs epochs ..." >&2
  start=$(date +%s.%N)
  dotnet "$tool" defend minilm --train "$data/train.tsv" --eval "$data/test.tsv" --peft lora "${flags[@]}" \
    --epochs "$epochs" --max-train "$max_train" --max-eval "$max_eval" --batch-size 16 --max-length 128 --seed 0 --device cpu -o "$dir" >&2
  end=$(date +%s.%N)
  runs+=("$dir/eval_results.json:$start:$end")
done

python3 - "$out" "${runs[@]}" <<'PY'
import json, sys
out, specs = sys.argv[1], sys.argv[2:]
runs = []
for spec in specs:
    path, start, end = spec.rsplit(":", 2)
    r = json.load(open(path))
    m = r["metrics"]
    runs.append({
        "model": r["model"]["base_model_name_or_path"],
        "attack": "none",
        "peft": r["peft"]["method"],
        "defense": r["defense"]["enabled"],
        "epochs": r["training"]["epochs"],
        "train_rows": r["train"]["rows"],
        "eval_rows": r["eval"]["rows"],
        "learning_rate": r["training"]["learning_rate"],
        "alpha_amp": r["defense"]["alpha_amp"] if r["defense"]["enabled"] else None,
        "alpha_attn": r["defense"]["alpha_attn"] if r["defense"]["enabled"] else None,
        "cacc": m["cacc"], "f1": m["f1"], "asr": m["asr"], "masr": m["masr"], "aasr": m["aasr"],
        "flipped_ratio": m["flipped_ratio"],
        "per_trigger_flip_rate": {t["trigger"]: t["flip_rate"] for t in m["per_trigger"]},
        "minutes": round((float(end) - float(start)) / 60, 2),
        "train_step_ms_median": round(r["run"]["train_step_ms_median"], 1),
        "peak_rss_mb": round(r["run"]["peak_rss_mb"], 1),
        "threads": r["run"]["threads"],
    })
json.dump({"runs": runs}, open(out, "w"), indent=2)
open(out, "a").write("\n")
PY
cat "$out"
