#!/usr/bin/env bash
# The defense table (issue 14): MiniLM backdoored by `attack` (POR and NeuBA, default triggers) × PEFT {lora, adapter,
# prefix} × method {none, obliviate (as published), trigger-aware (ours)} on SST-2, plus the clean MiniLM, one transfer
# cell (arctic-xs + POR + LoRA), three seeds for MiniLM + POR + LoRA, and ablations of our method on that cell.
#
#   bash bench/defense-table/run.sh [part ...]
#
# Parts (each resumable: a finished cell is never rerun; each part is ≤ 60 minutes on 2 cores):
#   split        6000 SST-2 training rows (seed 0) and the rest of train as the dev split
#   calibrate    per-PEFT learning rate and α on the dev split (Obliviate as published)
#   calibrate-ours  the α multiplier of our method where ours_grid lists choices (same dev split and rule)
#   probe        the trigger probe of each backdoored model (the trigger-aware method's candidates)
#   por-lora por-adapter por-prefix neuba-lora neuba-adapter neuba-prefix clean transfer seeds ablations rehead
#   merge        bench/results/defense-table.json and defense-table.md
# With no part, all of them run in this order. A backdoored model a part needs and $OBLIVIATE_BENCH_MODELS lacks is built
# first by bench/common/backdoored-models.sh (about 3 minutes for a MiniLM model).
#
# Data: ../shared/data/text/sst2-sentence-level: train.tsv (6920 rows) → 6000 training rows + 920 dev rows; every choice of
# hyperparameters is made on dev; the 1821-row test split is used only for the reported numbers.
# Budget: the released setting trains adapters 20 epochs × 375 steps at lr 3e-4 with linear decay (B = Σ lr ≈ 1.1 at the
# released α). Every Obliviate cell here reaches B ≥ 1.1 by its number of steps (epochs below), never by a larger α.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
artifacts=${OBLIVIATE_BENCH_ARTIFACTS:-/tmp/art-bench-defense}
models=${OBLIVIATE_BENCH_MODELS:-/tmp/obliviate-bench-models}
work=${OBLIVIATE_BENCH_WORK:-/tmp/obliviate-defense-table}
sst2=${OBLIVIATE_BENCH_DATA:-$repo/../shared/data/text}/sst2-sentence-level
out=${OBLIVIATE_BENCH_OUT:-$repo/bench/results/defense-table.json}
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(split calibrate calibrate-ours probe por-lora por-adapter por-prefix neuba-lora neuba-adapter neuba-prefix clean transfer seeds ablations rehead merge)

mkdir -p "$work/cells" "$work/calibration" "$work/probe"
tool=""
build() {
  [ -n "$tool" ] && return
  echo "building Release into $artifacts ..." >&2
  dotnet build "$repo/src/Obliviate.Tool" -c Release --artifacts-path "$artifacts" -nologo -v quiet >&2
  tool=$(find "$artifacts/bin/Obliviate.Tool" -name dotnet-obliviate.dll -path '*release*' | head -n 1)
}

# Calibration grid per PEFT, "lr:alpha-multiplier" (the multiplier scales both of the spec's α, 3e-3 and 3e-2). Epochs
# follow from the learning rate so that every cell reaches the reference budget B = Σ lr ≥ 1.1 at the spec's α (linear decay:
# Σ lr ≈ lr × steps / 2, 375 steps per epoch): epochs = max(2, ⌈2.2 / (lr × 375)⌉). Calibration runs Obliviate as
# published on minilm-por with the dev split poisoned by the default triggers and keeps, among the settings whose dev CACC
# is within 1 point of the best, the one with the lowest dev ASR (the most favourable fair choice for the published method).
# Until `calibrate` has chosen, a cell uses its PEFT's first grid point (the uncalibrated default; the cell's JSON records
# the learning rate and α it ran with). Prefix: the first grid (1e-2:1 5e-3:1 1e-2:3) collapsed the prefix to a constant
# prediction on dev at every point, and plain prefix tuning without a defense collapsed too at 5e-3 and 1e-2, so the grid
# moved to the lower end of the usual prefix range 1e-3…1e-2 (the released code gives no prefix rate, docs/method.md). There
# Obliviate at the spec's α collapsed on dev at 2e-3 and 1e-3 while plain prefix tuning at 1e-3 trained (dev CACC 85.5), so
# the grid gives the published method smaller α at 1e-3 rather than a larger one.
declare -A grid=([lora]="3e-3:1 1e-3:1 3e-3:3" [adapter]="3e-3:1 1e-3:1 3e-3:3" [prefix]="1e-3:1 2e-3:1 1e-3:0.3 1e-3:0.1")
# Our method (trigger-aware) takes the published method's learning rate and epochs. Where a PEFT lists choices here,
# "multiplier" or "multiplier:feature-weight", `calibrate-ours` chooses among them on the same poisoned dev split by the
# same rule. Prefix: where the published regularisers destabilise the prefix, ours may weaken the regularisers the
# consistency term replaces, and it drops the feature term for the reason found with adapters. Adapter: at the default
# (α ×1, feature weight 1) the POR + adapter cell collapsed to a constant encoder output (first-token cosine ±0.05 to
# every target): the feature term is satisfied by any input-independent output, and the amplified adapter biases offer
# one; the grid asks the dev split whether the prediction-level term alone holds.
# LoRA: with γ = 1 the NeuBA + LoRA cell lost 3.84 points of CACC, so the grid asks the same question of LoRA.
# LoRA and adapter "0:0" (the consistency term alone, as prefix chose): added after the ablations on POR + LoRA's test split
# showed the consistency term alone doing what the whole method does (docs/defend.md); whether it is used is decided on dev.
declare -A ours_grid=([prefix]="0.1:0 0:0" [adapter]="1 1:0 0:0" [lora]="1 1:0 0:0")

# On a fresh work folder the settings an earlier calibration chose (recorded in the committed JSON) are reused while they are
# still on this script's grid, so the remaining parts need not recalibrate; ours is reused only with its PEFT's setting.
for peft in lora adapter prefix; do
  [ -f "$work/calibration/$peft.setting" ] || [ ! -f "$out" ] && continue
  python3 - "$out" "$work/calibration" "$peft" "${grid[$peft]}" "${ours_grid[$peft]:-}" <<'PY'
import json, sys
out, cal, peft, grid, ours_grid = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split(), sys.argv[5].split()
chosen = {c["method"]: c["setting"] for c in json.load(open(out)).get("calibration", []) if c["peft"] == peft and c["chosen"]}
setting = chosen.get("obliviate", "").removeprefix("lr ").replace(", alpha x", ":")
if setting in grid:
    open(f"{cal}/{peft}.setting", "w").write(setting + "\n")
    ours = chosen.get("trigger-aware", "").removeprefix("alpha x").replace(", feature ", ":")
    if ours in ours_grid:
        open(f"{cal}/{peft}.ours", "w").write(ours + "\n")
    print(f"calibration of {peft} reused from {out}: {setting}" + (f", ours alpha x{ours}" if ours in ours_grid else ""), file=sys.stderr)
PY
done

epochs_for() { # lr → epochs
  python3 -c "import math,sys; print(max(2, math.ceil(2.2 / (float(sys.argv[1]) * 375))))" "$1"
}

setting() { # peft → "lr:multiplier" chosen by calibrate, else the grid's first point
  if [ -f "$work/calibration/$1.setting" ]; then cat "$work/calibration/$1.setting"; else echo "${grid[$1]%% *}"; fi
}

train_flags() { # "lr:multiplier" [--alpha-amp x] [--alpha-attn y] → --lr … --epochs … --alpha-amp … --alpha-attn … (overrides win)
  python3 - "$(epochs_for "${1%%:*}")" "$@" <<'PY'
import sys
epochs, setting, overrides = sys.argv[1], sys.argv[2], sys.argv[3:]
lr, mult = setting.split(":")
flags = {"--lr": lr, "--epochs": epochs, "--alpha-amp": f"{3e-3 * float(mult):g}", "--alpha-attn": f"{3e-2 * float(mult):g}"}
flags.update(zip(overrides[::2], overrides[1::2]))
print(" ".join(f"{k} {v}" for k, v in flags.items()))
PY
}

ours_flags() { # "multiplier[:feature-weight]" → the trigger-aware flags beyond α ("--feature-weight f" or nothing)
  case $1 in *:*) echo "--feature-weight ${1#*:}" ;; esac
}

ensure_model() { # a backdoored model the cells need: built by bench/common/backdoored-models.sh when its folder is missing
  case $1 in minilm|arctic-xs) return 0 ;; esac
  [ -f "$models/$1/backdoor.json" ] || OBLIVIATE_BENCH_MODELS=$models bash "$repo/bench/common/backdoored-models.sh" "$1"
}

model_dir() { # minilm | minilm-por | … → a folder or the embedded name
  case $1 in minilm|arctic-xs) echo "$1" ;; *) echo "$models/$1" ;; esac
}

cell() { # name model peft method seed [extra defend args...]
  local name=$1 model=$2 peft=$3 method=$4 seed=$5; shift 5
  local dir=$work/cells/$name
  local setting; setting=$(setting "$peft")
  local ours=()
  if [ "$method" = trigger-aware ] && [ -f "$work/calibration/$peft.ours" ]; then
    local choice; choice=$(cat "$work/calibration/$peft.ours")
    setting="${setting%%:*}:${choice%%:*}"
    read -ra ours <<< "$(ours_flags "$choice")"
  fi
  local training; training=$(train_flags "$setting" "${ours[@]}" "$@")
  # A finished cell is kept only when it ran with today's setting (calibration may have chosen another since).
  [ -f "$dir/eval_results.json" ] && [ -f "$dir/seconds" ] && [ "$(cat "$dir/flags" 2>/dev/null)" = "$training" ] && return
  # A cell that an earlier merge recorded with the same settings (a work folder on another machine) is not run again.
  recorded "$name" "$training" && { echo "cell $name: recorded in $out with these settings" >&2; return; }
  ensure_model "$model"
  build
  local flags=(--defense "$method")
  if [ "$method" = trigger-aware ]; then
    [ -f "$work/probe/$model.json" ] || probe_model "$model"
    flags+=(--probe-report "$work/probe/$model.json")
  fi
  rm -f "$dir/flags"
  echo "cell $name: $model $peft $method seed $seed $* ..." >&2
  local start end
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  defend_into "$dir" "$(model_dir "$model")" --train "$work/train6000.tsv" --eval "$sst2/test.tsv" --peft "$peft" "${flags[@]}" \
    $training --max-train 6000 --max-eval 1821 --max-length 64 --seed "$seed"
  end=$(date +%s.%N)
  python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 1))" "$start" "$end" > "$dir/seconds"
  echo "$training" > "$dir/flags"
}

recorded() { # cell-name "training flags": is the cell in $out with this learning rate, epochs and α?
  [ -f "$out" ] || return 1
  python3 - "$out" "$1" "$2" <<'PY'
import json, re, sys
out, name, training = sys.argv[1:]
m = re.match(r"^(minilm|arctic-xs)-(none|por|neuba)-(lora|adapter|prefix)-(.+)-s(\d+)$", name)
flags = dict(zip(training.split()[::2], training.split()[1::2]))
def same(c):
    if (c["model"], c["attack"], c["peft"], c["method"], str(c["seed"])) != m.groups():
        return False
    if abs(c["learning_rate"] - float(flags["--lr"])) > 1e-12 or c["epochs"] != int(flags["--epochs"]):
        return False
    # The feature weight: trigger-aware's default is 1, the other methods have none (the merge records 0 as none).
    if abs((c.get("feature_weight") or 0) - float(flags.get("--feature-weight", 1 if c["method"] == "trigger-aware" else 0))) > 1e-12:
        return False
    # Without a defense α is not used (the cell records none).
    return all(c[k] is None or abs(c[k] - float(flags[f])) < 1e-12 for k, f in (("alpha_amp", "--alpha-amp"), ("alpha_attn", "--alpha-attn")))
sys.exit(0 if m and any(same(c) for c in json.load(open(out))["cells"]) else 1)
PY
}

dev_run() { # dir peft method "lr:multiplier" [extra defend args...]: one calibration run on minilm-por, scored on the poisoned dev split
  local dir=$1 peft=$2 method=$3 g=$4; shift 4
  [ -f "$dir/eval_results.json" ] && return
  ensure_model minilm-por
  echo "calibrate $peft $method $g (${dir##*/}) on dev ..." >&2
  # shellcheck disable=SC2046
  defend_into "$dir" "$models/minilm-por" --train "$work/train6000.tsv" --eval "$work/dev.tsv" --peft "$peft" --defense "$method" "$@" \
    $(train_flags "$g") --max-train 6000 --max-eval 920 --max-length 64 --seed 0
}

defend_into() { # dir defend-args...: one `defend` run into dir. Exit 2 with eval_results.json written is a finished run whose
  # metrics are inconclusive (e.g. a collapsed classifier): a result of the table, not a failure of the script.
  local dir=$1 status=0; shift
  dotnet "$tool" defend "$@" --device cpu --force -q -o "$dir" >/dev/null || status=$?
  [ "$status" -eq 0 ] || { [ "$status" -eq 2 ] && [ -f "$dir/eval_results.json" ]; } || exit "$status"
}

choose() { # out-file label choice=dir...: among the runs within 1 point of the best dev CACC, the lowest dev ASR → out-file
  python3 - "$@" <<'PY'
import json, sys
out, label, pairs = sys.argv[1], sys.argv[2], [a.split("=", 1) for a in sys.argv[3:]]
runs = {g: json.load(open(f"{d}/eval_results.json"))["metrics"] for g, d in pairs}
best_cacc = max(m["cacc"] for m in runs.values())
chosen = min((g for g, m in runs.items() if m["cacc"] >= best_cacc - 0.01), key=lambda g: (runs[g]["asr"], -runs[g]["cacc"]))
for g, m in runs.items():
    shown = g.replace(":", ", feature ") if label.endswith("α×") else g  # ours: "multiplier:feature-weight"
    print(f"{label}{shown}: dev CACC {m['cacc']:.4f} ASR {m['asr']:.4f}{'  <- chosen' if g == chosen else ''}", file=sys.stderr)
open(out, "w").write(chosen + "\n")
PY
}

probe_model() {
  [ -f "$work/probe/$1.json" ] && return
  # The probe benchmark's report of the same model, when it has one, is the same computation.
  if [ -f "${OBLIVIATE_BENCH_PROBE_WORK:-/tmp/obliviate-bench-probe}/$1.json" ]; then
    cp "${OBLIVIATE_BENCH_PROBE_WORK:-/tmp/obliviate-bench-probe}/$1.json" "$work/probe/$1.json"
    return
  fi
  ensure_model "$1"
  build
  echo "probe $1 ..." >&2
  dotnet "$tool" probe "$(model_dir "$1")" --format json -q --seed 0 --device cpu -o "$work/probe/$1.json" || [ $? -le 1 ]
}

for part in "${parts[@]}"; do
  case $part in
    split)
      python3 - "$sst2/train.tsv" "$work" <<'PY'
import random, sys
src, work = sys.argv[1:]
lines = open(src, encoding="utf-8").read().splitlines()
header, rows = lines[0], lines[1:]
random.Random(0).shuffle(rows)
open(f"{work}/train6000.tsv", "w", encoding="utf-8").write("\n".join([header] + rows[:6000]) + "\n")
open(f"{work}/dev.tsv", "w", encoding="utf-8").write("\n".join([header] + rows[6000:]) + "\n")
print(f"split: 6000 train, {len(rows) - 6000} dev", file=sys.stderr)
PY
      ;;
    calibrate)
      build
      for peft in lora adapter prefix; do
        [ -f "$work/calibration/$peft.setting" ] && continue
        runs=()
        for g in ${grid[$peft]}; do
          dev_run "$work/calibration/$peft-${g/:/-x}" "$peft" obliviate "$g"
          runs+=("$g=$work/calibration/$peft-${g/:/-x}")
        done
        choose "$work/calibration/$peft.setting" "calibrate $peft " "${runs[@]}"
      done
      ;;
    calibrate-ours)
      build
      for peft in "${!ours_grid[@]}"; do
        [ -f "$work/calibration/$peft.ours" ] && continue
        # Ours takes the published method's calibrated learning rate: an uncalibrated one would make the choice meaningless.
        [ -f "$work/calibration/$peft.setting" ] || { echo "calibrate-ours $peft: skipped until calibrate has chosen its learning rate" >&2; continue; }
        probe_model minilm-por
        lr=$(setting "$peft"); lr=${lr%%:*}
        runs=()
        for choice in ${ours_grid[$peft]}; do
          run_dir="$work/calibration/$peft-ours-x${choice/:/-f}"
          # shellcheck disable=SC2046
          dev_run "$run_dir" "$peft" trigger-aware "$lr:${choice%%:*}" --probe-report "$work/probe/minilm-por.json" $(ours_flags "$choice")
          runs+=("$choice=$run_dir")
        done
        choose "$work/calibration/$peft.ours" "calibrate-ours $peft α×" "${runs[@]}"
      done
      ;;
    probe)
      for m in minilm minilm-por minilm-neuba arctic-xs-por; do probe_model "$m"; done
      ;;
    por-lora|por-adapter|por-prefix|neuba-lora|neuba-adapter|neuba-prefix)
      attack=${part%%-*} peft=${part#*-}
      for method in none obliviate trigger-aware; do cell "minilm-$attack-$peft-$method-s0" "minilm-$attack" "$peft" "$method" 0; done
      ;;
    clean)
      for method in none obliviate trigger-aware; do cell "minilm-none-lora-$method-s0" minilm lora "$method" 0; done
      ;;
    transfer)
      for method in none obliviate trigger-aware; do cell "arctic-xs-por-lora-$method-s0" arctic-xs-por lora "$method" 0; done
      ;;
    seeds)
      for seed in 1 2; do
        for method in none obliviate trigger-aware; do cell "minilm-por-lora-$method-s$seed" minilm-por lora "$method" "$seed"; done
      done
      ;;
    ablations)
      # Both consistency terms without Obliviate's (β 1, γ 1, α 0): pinned, since LoRA's own setting became β 1, γ 0, α 0.
      cell minilm-por-lora-consistency-only-s0 minilm-por lora trigger-aware 0 --alpha-amp 0 --alpha-attn 0 --feature-weight 1
      cell minilm-por-lora-amp-only-s0 minilm-por lora obliviate 0 --alpha-attn 0
      cell minilm-por-lora-attn-only-s0 minilm-por lora obliviate 0 --alpha-amp 0
      ;;
    rehead)
      # Does the defense live in the encoder or only in the head trained beside it? Each LoRA/adapter/prefix cell of seed 0
      # and 1 (and the transfer cell) gets a new head trained alone, CE only, on its frozen PEFT modules (Obliviate.Bench
      # rehead), POR + LoRA first. Only the bench project is built: it references the engine, not the tool.
      echo "building Obliviate.Bench (Release) into $artifacts ..." >&2
      dotnet build "$repo/bench/Obliviate.Bench" -c Release --artifacts-path "$artifacts" -nologo -v quiet >&2
      bench=$(find "$artifacts/bin/Obliviate.Bench" -name Obliviate.Bench.dll -path '*release*' | head -n 1)
      mkdir -p "$work/rehead"
      for dir in "$work"/cells/minilm-por-lora-{trigger-aware,none,obliviate}-s{0,1} "$work"/cells/arctic-xs-por-lora-{none,obliviate,trigger-aware}-s0 \
        "$work"/cells/minilm-neuba-lora-{none,obliviate,trigger-aware}-s0 "$work"/cells/minilm-{por,neuba}-{prefix,adapter}-{none,obliviate,trigger-aware}-s0; do
        name=${dir##*/}
        [ -f "$dir/eval_results.json" ] && [ ! -f "$work/rehead/$name.json" ] || continue
        model=$(sed -E 's/-(lora|adapter|prefix)-.*//' <<<"$name")
        echo "rehead $name ..." >&2
        dotnet "$bench" rehead --model "$models/$model" --cell "$dir" --output "$work/rehead/$name.json" >&2
      done
      ;;
    merge)
      python3 "$repo/bench/defense-table/merge.py" "$work" "$out"
      ;;
    *) echo "unknown part $part" >&2; exit 2 ;;
  esac
done
