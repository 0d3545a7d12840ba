"""Merges the defense table's cells into bench/results/defense-table.json and a Markdown table beside it.

Usage: python3 merge.py <work> <out.json>. A cell folder is named <model>-<attack>-<peft>-<method>-s<seed>, holds
defend's eval_results.json and the script's `seconds` (wall time of the defend process).
"""
import json
import os
import re
import statistics
import sys

work, out = sys.argv[1:]


def collapsed(metrics):
    """The classifier predicts one label for (almost) every clean row, so its ASR of 0 means nothing (docs/defend.md)."""
    if "collapsed" in metrics:
        return metrics["collapsed"]
    # eval_results.json written before the tool recorded prediction_share: a binary classifier is constant exactly when
    # its F1 (positive class 1) is 0 or 2c / (1 + c), c = CACC.
    c, f1 = metrics["cacc"], metrics["f1"]
    return metrics.get("f1_average") == "binary" and (f1 < 1e-9 or abs(f1 - 2 * c / (1 + c)) < 1e-6)


cells = []
pattern = re.compile(r"^(minilm|arctic-xs)-(none|por|neuba)-(lora|adapter|prefix)-(.+)-s(\d+)$")
for name in sorted(os.listdir(f"{work}/cells")):
    m = pattern.match(name)
    folder = f"{work}/cells/{name}"
    if not m or not os.path.exists(f"{folder}/eval_results.json") or not os.path.exists(f"{folder}/seconds"):
        continue
    r = json.load(open(f"{folder}/eval_results.json"))
    metrics = r["metrics"]
    model, attack, peft, method, seed = m.groups()
    defense = r.get("defense") or {}
    cells.append({
        "collapsed": collapsed(metrics),
        "model": model, "attack": attack, "peft": peft, "method": method, "seed": int(seed),
        "epochs": r["training"]["epochs"], "steps": r["total_steps"], "learning_rate": r["training"]["learning_rate"],
        "alpha_amp": defense.get("alpha_amp") if defense.get("enabled") else None,
        "alpha_attn": defense.get("alpha_attn") if defense.get("enabled") else None,
        "consistency_weight": defense.get("consistency_weight") or None, "feature_weight": defense.get("feature_weight") or None,
        "cacc": metrics["cacc"], "f1": metrics["f1"], "asr": metrics["asr"], "masr": metrics["masr"], "aasr": metrics["aasr"],
        "per_trigger_flip_rate": {t["trigger"]: t["flip_rate"] for t in metrics["per_trigger"]},
        "per_trigger_target_cosine": {t["trigger"]: t.get("target_cosine") for t in metrics["per_trigger"]},
        "minutes": round(float(open(f"{folder}/seconds").read()) / 60, 2),
        "train_step_ms_median": round(r["run"]["train_step_ms_median"], 1),
        "trigger_candidates": r.get("trigger_candidates"),
    })

# Cells and calibration runs of an earlier merge whose folders are not in this work folder (a fresh machine, or parts run
# elsewhere) are carried over from the previous JSON, so the table grows part by part across machines; a cell measured
# again here replaces its earlier copy.
previous = json.load(open(out)) if os.path.exists(out) else {}
KEY = ("model", "attack", "peft", "method", "seed")
here = {tuple(c[k] for k in KEY) for c in cells}
carried = [{k: v for k, v in c.items() if k not in ("asr_reduction", "cacc_drop")}
           for c in previous.get("cells", []) if tuple(c[k] for k in KEY) not in here]
cells += carried
if carried:
    print(f"carried over {len(carried)} cell(s) from the previous {os.path.basename(out)}", file=sys.stderr)

def baseline(c):
    for b in cells:
        if b["method"] == "none" and (b["model"], b["attack"], b["peft"], b["seed"]) == (c["model"], c["attack"], c["peft"], c["seed"]):
            return b
    return None

for c in cells:
    b = baseline(c)
    c.setdefault("collapsed", False)
    if b and c["method"] != "none" and b["asr"] and not c["collapsed"]:
        c["asr_reduction"] = round(1 - c["asr"] / b["asr"], 4)
        c["cacc_drop"] = round((b["cacc"] - c["cacc"]) * 100, 2)

# The table's methods; any other name is an ablation of one cell (bench/defense-table/run.sh "ablations").
METHODS = ["none", "obliviate", "trigger-aware"]
summary = []
for method in [m for m in METHODS[1:] if any(c["method"] == m for c in cells)]:
    every = [c for c in cells if c["method"] == method and c["model"] == "minilm" and c["attack"] in ("por", "neuba") and c["seed"] == 0]
    main = [c for c in every if "asr_reduction" in c]
    collapsed_cells = [f"{c['attack']}+{c['peft']}" for c in every if c["collapsed"]]
    if not main:
        continue
    summary.append({
        "method": method, "cells": len(main),
        "avg_asr_reduction": round(statistics.mean(c["asr_reduction"] for c in main), 4),
        "min_asr_reduction": round(min(c["asr_reduction"] for c in main), 4),
        "avg_cacc_drop": round(statistics.mean(c["cacc_drop"] for c in main), 2),
        "collapsed_cells": collapsed_cells,
    })
seeds = []
for method in METHODS:
    runs = [c for c in cells if (c["model"], c["attack"], c["peft"], c["method"]) == ("minilm", "por", "lora", method)]
    if len(runs) > 1:
        seeds.append({"method": method, "seeds": sorted(c["seed"] for c in runs),
                      "cacc_mean": round(statistics.mean(c["cacc"] for c in runs), 4), "cacc_sd": round(statistics.pstdev(c["cacc"] for c in runs), 4),
                      "asr_mean": round(statistics.mean(c["asr"] for c in runs), 4), "asr_sd": round(statistics.pstdev(c["asr"] for c in runs), 4)})
# Calibration on the poisoned dev split (run.sh "calibrate" and "calibrate-ours"): every grid point and the chosen one.
calibration = []
cal = f"{work}/calibration"


def label(setting, ours):
    """"lr 1e-3, alpha x1" for obliviate's "1e-3:1"; "alpha x0.1" for ours' "0.1" and "alpha x1, feature 0" for its "1:0"."""
    return f"alpha x{setting.replace(':', ', feature ')}" if ours else f"lr {setting.replace(':', ', alpha x')}"


def chosen_setting(peft, ours):
    """The label of the setting calibrate (or calibrate-ours) chose in this work folder, or None."""
    path = f"{cal}/{peft}.ours" if ours else f"{cal}/{peft}.setting"
    return label(open(path).read().strip(), ours) if os.path.exists(path) else None


if os.path.isdir(cal):
    cal_pattern = re.compile(r"^(lora|adapter|prefix)-(ours-x([0-9.]+(?:-f[0-9.]+)?)|([0-9.e-]+)-x([0-9.]+))$")
    for name in sorted(os.listdir(cal)):
        m = cal_pattern.match(name)
        if not m or not os.path.exists(f"{cal}/{name}/eval_results.json"):
            continue
        r = json.load(open(f"{cal}/{name}/eval_results.json"))
        peft, ours = m.group(1), m.group(3) is not None
        setting = label(m.group(3).replace("-f", ":") if ours else f"{m.group(4)}:{m.group(5)}", ours)
        calibration.append({"peft": peft, "method": "trigger-aware" if ours else "obliviate", "setting": setting,
                            "epochs": r["training"]["epochs"], "steps": r["total_steps"],
                            "dev_cacc": round(r["metrics"]["cacc"], 4), "dev_asr": round(r["metrics"]["asr"], 4),
                            "chosen": chosen_setting(peft, ours) == setting})
seen = {(c["peft"], c["method"], c["setting"]) for c in calibration}
for c in previous.get("calibration", []):
    if (c["peft"], c["method"], c["setting"]) in seen:
        continue
    current = chosen_setting(c["peft"], c["method"] == "trigger-aware")
    calibration.append({**c, "chosen": c["chosen"] if current is None else current == c["setting"]})
calibration.sort(key=lambda c: (c["peft"], c["method"], c["setting"]))
# A new head on the frozen PEFT modules (run.sh "rehead"): does the protection live in the encoder or only in its head?
rehead = []
if os.path.isdir(f"{work}/rehead"):
    for name in sorted(os.listdir(f"{work}/rehead")):
        m = pattern.match(name.removesuffix(".json"))
        if not m or not name.endswith(".json"):
            continue
        r = json.load(open(f"{work}/rehead/{name}"))
        model, attack, peft, method, seed = m.groups()
        rehead.append({"model": model, "attack": attack, "peft": peft, "method": method, "seed": int(seed),
                       "head_epochs": r["head_epochs"], "head_lr": r["head_lr"], "head_steps": r["head_steps"],
                       "minutes": round(r["seconds"] / 60, 2),
                       "defended_head_cacc": r["defended_head"]["cacc"], "defended_head_asr": r["defended_head"]["asr"],
                       "new_head_cacc": r["new_head"]["cacc"], "new_head_asr": r["new_head"]["asr"], "new_head_masr": r["new_head"]["masr"],
                       "new_head_flip_rates": r["new_head"]["flip_rates"]})
measured = {tuple(c[k] for k in KEY) for c in rehead}
rehead += [c for c in previous.get("rehead", []) if tuple(c[k] for k in KEY) not in measured]
rehead.sort(key=lambda c: (c["model"], c["attack"], c["peft"], c["seed"], METHODS.index(c["method"]) if c["method"] in METHODS else 9))
targets = {"avg_asr_reduction": 0.90, "min_asr_reduction": 0.70, "avg_cacc_drop": 1.0}
for s in summary:
    s["targets_met"] = (s["cells"] == 6 and not s["collapsed_cells"] and s["avg_asr_reduction"] >= targets["avg_asr_reduction"]
                        and s["min_asr_reduction"] >= targets["min_asr_reduction"] and s["avg_cacc_drop"] <= targets["avg_cacc_drop"])
doc = {
    "note": "SST-2 (6000 train rows, test 1821 rows); MiniLM backdoored by `attack`; relative ASR reduction = 1 − ASR / ASR of the "
            "same model, attack, PEFT and seed without a defense; CACC drop in percentage points against that cell. "
            "summary: over the six MiniLM POR/NeuBA × LoRA/adapter/prefix cells, seed 0; a collapsed cell (one label for almost every clean row, "
            "so ASR 0 means nothing) has no ASR reduction, is listed in collapsed_cells and misses the targets. The paper reports an 83.6% average "
            "ASR reduction for Obliviate (RoBERTa/BERT-base, its own attack models and schedule).",
    "published_avg_asr_reduction": 0.836,
    "targets": targets,
    "cells": cells, "summary": summary, "seed_spread": seeds, "calibration": calibration, "rehead": rehead,
}


def write_atomically(path, text):
    """Write beside the target and rename over it, so an interrupted merge never leaves half a result file."""
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


write_atomically(out, json.dumps(doc, indent=2) + "\n")

def pct(x):
    return "n/a" if x is None else f"{x * 100:.1f}"

lines = ["# Defense table (generated by bench/defense-table/merge.py from defense-table.json)", "",
         "| model | attack | PEFT | method | seed | CACC | F1 | ASR | MASR | AASR | ASR reduction | CACC drop | steps | minutes | per-trigger flip rate (cosine to the attack's target) |",
         "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
for c in sorted(cells, key=lambda c: (c["model"], c["attack"], c["peft"], c["seed"], METHODS.index(c["method"]) if c["method"] in METHODS else 9, c["method"])):
    flips = " ".join(f"{t} {pct(v)}" + (f" (cos {c['per_trigger_target_cosine'][t]:.2f})" if c["per_trigger_target_cosine"].get(t) is not None else "")
                     for t, v in c["per_trigger_flip_rate"].items())
    red = "collapsed" if c["collapsed"] else f"{c['asr_reduction'] * 100:.1f}%" if "asr_reduction" in c else ""
    drop = f"{c['cacc_drop']:.2f}" if "cacc_drop" in c else ""
    lines.append(f"| {c['model']} | {c['attack']} | {c['peft']} | {c['method']} | {c['seed']} | {pct(c['cacc'])} | {pct(c['f1'])} | {pct(c['asr'])} | "
                 f"{pct(c['masr'])} | {pct(c['aasr'])} | {red} | {drop} | {c['steps']} | {c['minutes']} | {flips} |")
def verdict(s):
    if s["collapsed_cells"]:
        return f"missed: collapsed on {', '.join(s['collapsed_cells'])}"
    if s["cells"] < 6:
        return f"not judged: {s['cells']} of 6 cells"
    return "met" if s["targets_met"] else "missed"

lines += ["", "| method | cells | average ASR reduction | lowest ASR reduction | average CACC drop (points) | targets (≥ 90%, ≥ 70%, ≤ 1.0) |",
          "|---|---:|---:|---:|---:|---|"]
for s in summary:
    lines.append(f"| {s['method']} | {s['cells']} | {s['avg_asr_reduction'] * 100:.1f}% | {s['min_asr_reduction'] * 100:.1f}% | {s['avg_cacc_drop']:.2f} | "
                 f"{verdict(s)} |")
lines.append(f"| published Obliviate (paper) | | 83.6% | | | |")
if calibration:
    lines += ["", "Calibration on the poisoned dev split (MiniLM + POR; 920 rows):", "", "| PEFT | method | setting | epochs | steps | dev CACC | dev ASR | chosen |",
              "|---|---|---|---:|---:|---:|---:|---|"]
    for c in calibration:
        lines.append(f"| {c['peft']} | {c['method']} | {c['setting']} | {c['epochs']} | {c['steps']} | {pct(c['dev_cacc'])} | {pct(c['dev_asr'])} | {'yes' if c['chosen'] else ''} |")
if seeds:
    lines += ["", "MiniLM + POR + LoRA over seeds (mean ± population SD):", "", "| method | seeds | CACC | ASR |", "|---|---|---:|---:|"]
    for s in seeds:
        lines.append(f"| {s['method']} | {', '.join(map(str, s['seeds']))} | {s['cacc_mean'] * 100:.1f} ± {s['cacc_sd'] * 100:.1f} | {s['asr_mean'] * 100:.1f} ± {s['asr_sd'] * 100:.1f} |")
if rehead:
    lines += ["", "A new head (CE only, trained alone) on each cell's frozen PEFT modules, against the head trained with them:", "",
              "| model | attack | PEFT | method | seed | head steps | CACC (defend's head) | ASR (defend's head) | CACC (new head) | ASR (new head) | per-trigger flip rate (new head) |",
              "|---|---|---|---|---:|---:|---:|---:|---:|---:|---|"]
    for c in rehead:
        flips = " ".join(f"{t} {pct(v)}" for t, v in c["new_head_flip_rates"].items())
        lines.append(f"| {c['model']} | {c['attack']} | {c['peft']} | {c['method']} | {c['seed']} | {c['head_steps']} | {pct(c['defended_head_cacc'])} | "
                     f"{pct(c['defended_head_asr'])} | {pct(c['new_head_cacc'])} | {pct(c['new_head_asr'])} | {flips} |")
write_atomically(out.replace(".json", ".md"), "\n".join(lines) + "\n")
print("\n".join(lines))
