#!/usr/bin/env bash
# Scan benchmark (issue 6). Builds the tool in Release, generates a large model folder (1 GB safetensors + 500 MB
# PyTorch zip checkpoint) in /tmp, scans it and the shared fixture corpus three times each, and writes
# bench/results/scan.json with corpus_files, corpus_seconds, large_folder_gb, large_folder_seconds, peak_rss_mb.
# Seconds are the median wall time of the whole process (startup included); peak RSS is the largest
# "Maximum resident set size" that /usr/bin/time -v reports over all runs.
# Issue 17 adds the false-alarm measurement of default-deny: bench/scan/make_benign_corpus.py writes real benign
# checkpoints with Debian's /usr/bin/python3 (python3-torch, -numpy, -sklearn, -joblib) to /tmp/obliviate-benign-corpus,
# which is scanned once: benign_corpus_files (files that are not skipped), benign_corpus_dangerous, benign_corpus_suspicious.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
artifacts=${OBLIVIATE_BENCH_ARTIFACTS:-/tmp/art-reports-bench}
large=${OBLIVIATE_BENCH_FOLDER:-/tmp/obliviate-bench-large}
corpus=${OBLIVIATE_BENCH_CORPUS:-$repo/../shared/data/modelfiles}
benign=${OBLIVIATE_BENIGN_CORPUS:-/tmp/obliviate-benign-corpus}
benign_python=${OBLIVIATE_BENIGN_PYTHON:-/usr/bin/python3}
runs=${OBLIVIATE_BENCH_RUNS:-3}
work=$(mktemp -d /tmp/obliviate-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

[ -d "$corpus" ] || { echo "fixture corpus not found at $corpus (set OBLIVIATE_BENCH_CORPUS)" >&2; exit 3; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed for peak RSS (apt-get install time)" >&2; exit 3; }

echo "building Release into $artifacts ..." >&2
dotnet build "$repo/src/Obliviate.Tool" -c Release --artifacts-path "$artifacts" -nologo -v quiet >&2
tool=$(find "$artifacts/bin/Obliviate.Tool" -name dotnet-obliviate.dll -path '*release*' | head -n 1)
[ -n "$tool" ] || { echo "dotnet-obliviate.dll not found under $artifacts" >&2; exit 2; }

echo "generating $large ..." >&2
python3 "$repo/bench/scan/make_large_folder.py" "$large"

echo "generating $benign with $benign_python ..." >&2
"$benign_python" "$repo/bench/scan/make_benign_corpus.py" "$benign" >&2 \
  || { echo "benign corpus generation failed: $benign_python needs python3-torch, -numpy, -sklearn and -joblib" >&2; exit 3; }

# measure NAME TARGET: runs the scan $runs times; the scan's own exit code (1 = findings) is expected and ignored.
measure() {
  local name=$1 target=$2 i start end
  for i in $(seq 1 "$runs"); do
    start=$(date +%s.%N)
    /usr/bin/time -v -o "$work/$name.$i.time" dotnet "$tool" scan "$target" --format json -o "$work/$name.$i.json" \
      2>"$work/$name.$i.err" || true
    end=$(date +%s.%N)
    echo "$start $end" >"$work/$name.$i.wall"
    [ -s "$work/$name.$i.json" ] || { echo "scan of $target wrote no report:" >&2; cat "$work/$name.$i.err" >&2; exit 2; }
  done
}

measure corpus "$corpus"
measure large "$large"
# The benign corpus is measured for verdicts, not time: one run.
dotnet "$tool" scan "$benign" --format json -o "$work/benign.json" 2>"$work/benign.err" || true
[ -s "$work/benign.json" ] || { echo "scan of $benign wrote no report:" >&2; cat "$work/benign.err" >&2; exit 2; }

python3 - "$work" "$runs" "$large" "$repo/bench/results/scan.json" <<'PY'
import json, os, re, statistics, sys
work, runs, large, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]

def wall(name):
    spans = []
    for i in range(1, runs + 1):
        start, end = map(float, open(f"{work}/{name}.{i}.wall").read().split())
        spans.append(end - start)
    return round(statistics.median(spans), 3)

def rss_mb(name):
    peaks = []
    for i in range(1, runs + 1):
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(f"{work}/{name}.{i}.time").read())
        peaks.append(int(m.group(1)) / 1024)
    return max(peaks)

corpus_report = json.load(open(f"{work}/corpus.1.json"))
large_report = json.load(open(f"{work}/large.1.json"))
large_bytes = sum(os.path.getsize(os.path.join(large, f)) for f in os.listdir(large))
benign_models = [f for f in json.load(open(f"{work}/benign.json"))["files"] if f["verdict"] != "skipped"]
result = {
    "corpus_files": len(corpus_report["files"]),
    "corpus_seconds": wall("corpus"),
    "large_folder_gb": round(large_bytes / 1e9, 2),
    "large_folder_seconds": wall("large"),
    "peak_rss_mb": round(max(rss_mb("corpus"), rss_mb("large")), 1),
    "benign_corpus_files": len(benign_models),
    "benign_corpus_dangerous": sum(f["verdict"] == "dangerous" for f in benign_models),
    "benign_corpus_suspicious": sum(f["verdict"] == "suspicious" for f in benign_models),
}
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")
print(json.dumps(result, indent=2))
print("large folder verdicts: " + ", ".join(f"{x['path']}={x['verdict']}" for x in large_report["files"]), file=sys.stderr)
print(f"corpus verdict: {corpus_report['verdict']}", file=sys.stderr)
for f in benign_models:
    if f["verdict"] != "clean":
        print(f"benign corpus: {f['path']} is {f['verdict']}: " + ", ".join(x["evidence"] or "" for x in f["findings"]), file=sys.stderr)
PY
