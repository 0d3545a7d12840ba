#!/usr/bin/env bash
# The `attack` loop of two commits side by side (issue 12: peak RSS ≤ 1.6 GB for the attack): each commit is built in
# Release from a clean worktree, then their 30-step POR injections into MiniLM (16 + 16 rows of ≤ 64 IMDB-sample tokens,
# the loop bench/speed/run.sh measures) alternate, OBLIVIATE_BENCH_REPS times (default 3), each after waiting for a quiet
# machine. Every run's peak RSS and median step time come from its own backdoor.json.
#
#   bash bench/speed/attack-ab.sh BASE_REF [NEW_REF]     # NEW_REF defaults to HEAD; writes bench/results/attack-memory.json
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
base=${1:?usage: attack-ab.sh BASE_REF [NEW_REF]}
new=${2:-HEAD}
work=${OBLIVIATE_BENCH_WORK:-/tmp/obliviate-bench-attack-ab}
reps=${OBLIVIATE_BENCH_REPS:-3}
quiet_load=${OBLIVIATE_BENCH_QUIET_LOAD:-0.6}
quiet_wait=${OBLIVIATE_BENCH_QUIET_WAIT:-600}
data=${OBLIVIATE_BENCH_DATA:-$repo/../shared/data/text}
out=${OBLIVIATE_BENCH_OUT:-$repo/bench/results/attack-memory.json}

[ -f "$data/imdb-sample/dev.openbackdoor.tsv" ] || { echo "IMDB sample not found under $data" >&2; exit 2; }
mkdir -p "$work"
python3 "$repo/bench/common/imdb_sentences.py" "$data/imdb-sample/dev.openbackdoor.tsv" "$work/imdb-sentences.txt"

declare -A tool commit
for side in base new; do
  ref=${!side}
  commit[$side]=$(git -C "$repo" rev-parse "$ref")
  tree=$work/src-$side
  rm -rf "$tree" && mkdir -p "$tree"
  git -C "$repo" archive "${commit[$side]}" | tar -x -C "$tree"
  echo "building $side (${commit[$side]:0:7}) ..." >&2
  dotnet build "$tree/src/Obliviate.Tool" -c Release --artifacts-path "$work/art-$side" -nologo -v quiet >&2
  tool[$side]=$(find "$work/art-$side/bin/Obliviate.Tool" -name dotnet-obliviate.dll -path '*release*' | head -n 1)
done

wait_quiet() { # → the 1-minute load average the run starts at
  local waited=0
  while awk -v q="$quiet_load" '{ exit !($1 >= q) }' /proc/loadavg && [ "$waited" -lt "$quiet_wait" ]; do sleep 10; waited=$((waited + 10)); done
  cut -d' ' -f1 /proc/loadavg
}

runs=$work/runs.jsonl
: > "$runs"
for rep in $(seq 1 "$reps"); do
  for side in base new; do
    load=$(wait_quiet)
    dir=$work/$side-$rep
    rm -rf "$dir"
    dotnet "${tool[$side]}" attack minilm --method por --corpus "$work/imdb-sentences.txt" --max-steps 30 --max-length 64 --lr 1e-4 \
      --seed 0 --device cpu -q -o "$dir" >/dev/null || [ $? -le 1 ]
    python3 - "$dir/backdoor.json" "$side" "$rep" "$load" >> "$runs" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["run"]
print(json.dumps({"side": sys.argv[2], "rep": int(sys.argv[3]), "load_avg": float(sys.argv[4]),
                  "step_ms": round(run["train_step_ms_median"], 1), "peak_rss_mb": round(run["peak_rss_mb"], 1)}))
PY
  done
done

python3 - "$runs" "$out" "${commit[base]}" "${commit[new]}" <<'PY'
import json, statistics, sys
runs_path, out, base, new = sys.argv[1:]
runs = [json.loads(line) for line in open(runs_path)]
def side(name):
    rs = [r for r in runs if r["side"] == name]
    return {"step_ms_median": statistics.median(r["step_ms"] for r in rs), "peak_rss_mb_median": statistics.median(r["peak_rss_mb"] for r in rs)}
doc = {"command": "bash bench/speed/attack-ab.sh " + base[:7] + " " + new[:7],
       "loop": "attack minilm --method por, 30 steps, 16 + 16 rows of <= 64 tokens, 2 threads",
       "base": {"commit": base, **side("base")}, "new": {"commit": new, **side("new")}, "runs": runs,
       "target_attack_peak_rss_mb": 1600}
open(out + ".tmp", "w").write(json.dumps(doc, indent=2) + "\n")
import os; os.replace(out + ".tmp", out)
print(json.dumps({k: doc[k] for k in ("base", "new")}, indent=2))
PY
