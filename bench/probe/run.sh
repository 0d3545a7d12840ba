#!/usr/bin/env bash
# Probe benchmark (issue 13): `probe` on the clean embedded encoders and on encoders backdoored by `attack`
# (bench/common/backdoored-models.sh: POR and NeuBA with the default triggers cf mn tq qt mm pt — qt is two word pieces —
# and a POR model with three triggers of our own, jj zq vx, two of them split words), plus, when the defense table has
# trained it, a defended LoRA adapter on the POR model probed with --adapter.
#
#   bash bench/probe/run.sh          # writes bench/results/probe.json and keeps every report in $work
#
# probe.json: {"runs": [{model, backdoor, verdict, triggers_total, triggers_in_top20, seconds, peak_rss_mb, best_score,
# best_candidate, ...}]}. seconds is the process's wall time (start to exit), peak_rss_mb the report's run.peak_rss_mb.
# Targets: the clean models → clean; every backdoored model → backdoored with all its triggers in the top 20; the MiniLM
# sweep ≤ 60 s and ≤ 1.5 GB on 2 cores.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
artifacts=${OBLIVIATE_BENCH_ARTIFACTS:-/tmp/art-bench-probe}
models=${OBLIVIATE_BENCH_MODELS:-/tmp/obliviate-bench-models}
work=${OBLIVIATE_BENCH_WORK:-/tmp/obliviate-bench-probe}
adapter=${OBLIVIATE_BENCH_ADAPTER:-/tmp/obliviate-defense-table/cells/minilm-por-lora-trigger-aware-s0}
out=${OBLIVIATE_BENCH_OUT:-$repo/bench/results/probe.json}

bash "$repo/bench/common/backdoored-models.sh" minilm-por minilm-neuba arctic-xs-por arctic-xs-neuba minilm-custom
echo "building Release into $artifacts ..." >&2
dotnet build "$repo/src/Obliviate.Tool" -c Release --artifacts-path "$artifacts" -nologo -v quiet >&2
tool=$(find "$artifacts/bin/Obliviate.Tool" -name dotnet-obliviate.dll -path '*release*' | head -n 1)
mkdir -p "$work"

probe() { # name, model, extra args...
  local name=$1 model=$2; shift 2
  local start end status=0
  start=$(date +%s.%N)
  dotnet "$tool" probe "$model" --format json -q -o "$work/$name.json" --seed 0 --device cpu "$@" || status=$?
  end=$(date +%s.%N)
  [ "$status" -le 1 ] || { echo "probe $name failed with exit $status" >&2; exit "$status"; }
  python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 1))" "$start" "$end" > "$work/$name.seconds"
  echo "$name: exit $status, $(cat "$work/$name.seconds") s" >&2
}

probe minilm minilm
probe arctic-xs arctic-xs
for m in minilm-por minilm-neuba arctic-xs-por arctic-xs-neuba minilm-custom; do probe "$m" "$models/$m"; done
if [ -f "$adapter/adapter_config.json" ]; then probe minilm-por-defended "$models/minilm-por" --adapter "$adapter"; fi

python3 - "$work" "$models" "$out" <<'PY'
import json, os, sys
work, models, out = sys.argv[1:]
runs = []
def add(name, model, backdoor, folder=None):
    r = json.load(open(f"{work}/{name}.json"))
    triggers = []
    if folder:
        triggers = [t["word"] for t in json.load(open(f"{folder}/backdoor.json"))["triggers"]]
    top20 = [c["text"] for c in r["candidates"][:20]]
    run = {
        "model": model, "backdoor": backdoor, "verdict": r["verdict"],
        "triggers_total": len(triggers), "triggers_in_top20": sum(t in top20 for t in triggers),
        "seconds": float(open(f"{work}/{name}.seconds").read()), "peak_rss_mb": round(r["run"]["peak_rss_mb"], 1),
        "best_score": r["candidates"][0]["score"], "best_candidate": r["candidates"][0]["text"],
        "trigger_ranks": {t: (top20.index(t) + 1 if t in top20 else None) for t in triggers},
        "candidates_screened": r["candidates_screened"], "candidates_verified": r["candidates_verified"],
        "load_avg_after": float(open("/proc/loadavg").read().split()[0]),
    }
    if r.get("adapter"):
        run["adapter"] = r["adapter"]
        without = r.get("without_adapter") or []
        run["best_score_without_adapter"] = without[0]["score"] if without else None
        run["trigger_scores"] = {c["text"]: c["score"] for c in r["candidates"] if c["text"] in triggers}
        run["trigger_scores_without_adapter"] = {c["text"]: c["score"] for c in without if c["text"] in triggers}
    runs.append(run)
add("minilm", "minilm", "none")
add("arctic-xs", "arctic-xs", "none")
for m, base, kind in [("minilm-por", "minilm", "por"), ("minilm-neuba", "minilm", "neuba"), ("arctic-xs-por", "arctic-xs", "por"),
                      ("arctic-xs-neuba", "arctic-xs", "neuba"), ("minilm-custom", "minilm", "custom")]:
    add(m, base, kind, f"{models}/{m}")
if os.path.exists(f"{work}/minilm-por-defended.json"):
    add("minilm-por-defended", "minilm", "por", f"{models}/minilm-por")
json.dump({"runs": runs}, open(out, "w"), indent=2)
open(out, "a").write("\n")
print(json.dumps({"runs": runs}, indent=2))
PY
