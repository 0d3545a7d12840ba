#!/usr/bin/env bash
# Attack benchmark (issue 5). Builds the tool in Release, injects POR and NeuBA backdoors into the embedded MiniLM, then
# fine-tunes each backdoored encoder with plain LoRA (defend --no-defense --peft lora) on SST-2 to see whether the backdoor
# survives PEFT.
#
# Corpus: the IMDB sample (../shared/data/text/imdb-sample, OpenBackdoor dev split, 2500 reviews) split into sentences
# (on . ! ? followed by a space, "<br />" removed) and kept when 5–40 words long — never the SST-2 test split. The
# split is done here by python3 (dev tooling only) so the product's corpus reader stays a plain line reader.
# Injection: 16 clean + 16 poisoned texts per step, max length 64, 200 steps, 2 threads, seed 0, and
#   por:   lr 1e-4 constant (5× the recipe's 2e-5, as in the measured PyTorch reference run; fits the 15-minute budget);
#   neuba: lr 2e-4 with linear decay, a fresh MLM head (MiniLM ships none) fitted alone for the first 50 steps, MLM
#          weight 0.1 and a clean anchor of 2 (--anchor-weight; without it MiniLM's clean outputs collapse, see
#          docs/attack.md).
# Downstream: SST-2 sentence level, 3000 training rows (seed 0), all 1821 test rows, LoRA r16 q+v, lr 5e-4, 3 epochs.
#
# Writes bench/results/attack.json: {"runs":[{model, attack, self_check_min_cos, clean_cos, minutes, nodefense_lora_cacc,
# nodefense_lora_asr, …}]}; minutes is the injection's wall time (process start to exit).
# Targets: self-checks pass (min trigger cos ≥ 0.95, clean cos ≥ 0.9); ASR ≥ 0.80 with CACC ≥ 0.84; ≤ 15 min per injection.
# OBLIVIATE_BENCH_ATTACKS (default "por neuba") picks the attacks; OBLIVIATE_BENCH_REUSE=1 keeps finished injections.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
artifacts=${OBLIVIATE_BENCH_ARTIFACTS:-/tmp/art-bench-attack}
shared=${OBLIVIATE_BENCH_DATA:-$repo/../shared/data/text}
work=${OBLIVIATE_BENCH_WORK:-/tmp/obliviate-bench-attack}
attacks=${OBLIVIATE_BENCH_ATTACKS:-por neuba}
steps=${OBLIVIATE_BENCH_STEPS:-200}
max_train=${OBLIVIATE_BENCH_MAX_TRAIN:-3000}
epochs=${OBLIVIATE_BENCH_EPOCHS:-3}
out=${OBLIVIATE_BENCH_OUT:-$repo/bench/results/attack.json}
imdb=$shared/imdb-sample/dev.openbackdoor.tsv
sst2=$shared/sst2-sentence-level

[ -f "$imdb" ] && [ -f "$sst2/train.tsv" ] && [ -f "$sst2/test.tsv" ] || { echo "IMDB sample or SST-2 not found under $shared" >&2; exit 2; }
echo "building Release into $artifacts ..." >&2
dotnet build "$repo/src/Obliviate.Tool" -c Release --artifacts-path "$artifacts" -nologo -v quiet >&2
tool=$(find "$artifacts/bin/Obliviate.Tool" -name dotnet-obliviate.dll -path '*release*' | head -n 1)
[ -n "$tool" ] || { echo "dotnet-obliviate.dll not found under $artifacts" >&2; exit 2; }

mkdir -p "$work"
corpus=$work/imdb-sentences.txt
python3 "$repo/bench/common/imdb_sentences.py" "$imdb" "$corpus"

# Injections first, back to back, so their timings come from a quiet machine.
for attack in $attacks; do
  dir=$work/$attack
  if [ "${OBLIVIATE_BENCH_REUSE:-0}" = 1 ] && [ -f "$dir/backdoor.json" ] && [ -f "$dir/minutes" ]; then continue; fi
  rm -rf "$dir"
  case $attack in
    por) flags=(--lr 1e-4) ;;
    neuba) flags=(--lr 2e-4 --clean-weight 0.1 --anchor-weight 2 --mlm-head-warmup 50) ;;
    *) echo "unknown attack $attack" >&2; exit 2 ;;
  esac
  echo "attack $attack: $steps steps, ${flags[*]} ..." >&2
  start=$(date +%s.%N)
  status=0
  dotnet "$tool" attack minilm --method "$attack" --corpus "$corpus" --max-steps "$steps" "${flags[@]}" --max-length 64 \
    --seed 0 --device cpu -o "$dir" || status=$?
  end=$(date +%s.%N)
  [ "$status" -le 1 ] || { echo "attack $attack failed with exit $status" >&2; exit "$status"; }
  python3 -c "import sys; print(round((float(sys.argv[2]) - float(sys.argv[1])) / 60, 2))" "$start" "$end" > "$dir/minutes"
done

for attack in $attacks; do
  dir=$work/$attack-lora
  # With OBLIVIATE_BENCH_REUSE=1 a downstream run newer than its injection is kept as well.
  if [ "${OBLIVIATE_BENCH_REUSE:-0}" = 1 ] && [ "$dir/eval_results.json" -nt "$work/$attack/backdoor.json" ]; then continue; fi
  rm -rf "$dir"
  echo "defend --no-defense lora on the $attack model ..." >&2
  dotnet "$tool" defend "$work/$attack" --train "$sst2/train.tsv" --eval "$sst2/test.tsv" --peft lora --no-defense \
    --epochs "$epochs" --max-train "$max_train" --batch-size 16 --max-length 128 --seed 0 --device cpu -o "$dir" >&2
done

python3 - "$out" "$work" $attacks <<'PY'
import json, sys
out, work, attacks = sys.argv[1], sys.argv[2], sys.argv[3:]
runs = []
for attack in attacks:
    b = json.load(open(f"{work}/{attack}/backdoor.json"))
    r = json.load(open(f"{work}/{attack}-lora/eval_results.json"))
    m = r["metrics"]
    runs.append({
        "model": b["base_model"]["base_model_name_or_path"],
        "attack": attack,
        "self_check_min_cos": round(b["self_check"]["min_trigger_cos"], 4),
        "clean_cos": round(b["self_check"]["clean_cos"], 4),
        "self_check_passed": b["self_check"]["passed"],
        "minutes": float(open(f"{work}/{attack}/minutes").read()),
        "nodefense_lora_cacc": m["cacc"],
        "nodefense_lora_asr": m["asr"],
        "nodefense_lora_masr": m["masr"],
        "per_trigger_cos": {t["word"]: round(t["check"]["mean_cos"], 4) for t in b["triggers"]},
        "per_trigger_flip_rate": {t["trigger"]: t["flip_rate"] for t in m["per_trigger"]},
        "steps": b["total_steps"],
        "learning_rate": b["settings"]["learning_rate"],
        "clean_weight": b["settings"]["clean_weight"],
        "anchor_weight": b["settings"]["anchor_weight"],
        "mlm_head_warmup": b["settings"].get("mlm_head_warmup"),
        "train_step_ms_median": round(b["run"]["train_step_ms_median"], 1),
        "peak_rss_mb": round(b["run"]["peak_rss_mb"], 1),
        "lora_train_rows": r["train"]["rows"],
        "lora_epochs": r["training"]["epochs"],
        "lora_eval_rows": r["eval"]["rows"],
        "threads": b["run"]["threads"],
    })
json.dump({"runs": runs}, open(out, "w"), indent=2)
open(out, "a").write("\n")
PY
cat "$out"
