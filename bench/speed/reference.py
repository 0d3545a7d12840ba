"""Plain-PyTorch reference for bench/speed (dev tooling only; the product never needs Python).

Loads the same MiniLM weights from the model folder's model.safetensors into a plain BERT written here, and times the same
cases the C# side times (bench/Obliviate.Bench/Speed/SpeedBenchmark.cs) on the same token ids (the C# `inputs` case writes
them). One case per process; prints one JSON line: {"case", "ms", "peak_rss_mb", "threads", "blas", "openblas_core"}.

Run with Debian's interpreter and packages: /usr/bin/python3 (python3-torch 1.13 with libopenblas0-openmp).
It refuses to run on the reference BLAS (20x slower: not a fair anchor) and records which OpenBLAS kernel it loaded.

Usage: /usr/bin/python3 reference.py --case forward|lora_step|obliviate_step|full_step|vocab_sweep|blas_gflops|layer_ops
           --model-dir DIR --inputs inputs.json [--threads 2] [--warmup 3] [--iterations 20] [--parity ours.json]
"""
import argparse
import ctypes
import json
import math
import resource
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def blas_info():
    """Which BLAS the process loaded, and OpenBLAS's kernel (core) name."""
    torch.ones(64, 64) @ torch.ones(64, 64)
    libs = sorted({line.split()[-1] for line in open("/proc/self/maps") if "blas" in line.lower() and "/" in line})
    core = None
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
            f = lib.openblas_get_corename
            f.restype = ctypes.c_char_p
            core = f().decode()
            break
        except (OSError, AttributeError):
            continue
    return libs, core


def load_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        assert meta["dtype"] == "F32", (name, meta["dtype"])
        begin, end = meta["data_offsets"]
        out[name] = torch.from_numpy(np.frombuffer(data[begin:end], dtype=np.float32).reshape(meta["shape"]).copy())
    return out


class Lora(nn.Module):
    """y = W x + b + (x Aᵀ Bᵀ)·alpha/r, then the defense dropout (0 without the defense)."""

    def __init__(self, base, r=16, alpha=16, defense_dropout=0.0):
        super().__init__()
        self.base = base
        self.lora_A = nn.Parameter(torch.empty(r, base.in_features))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.scale = alpha / r
        self.drop = nn.Dropout(defense_dropout)

    def forward(self, x):
        return self.drop(self.base(x) + (x @ self.lora_A.t() @ self.lora_B.t()) * self.scale)


class Layer(nn.Module):
    def __init__(self, h, heads, inter, eps):
        super().__init__()
        self.heads, self.d = heads, h // heads
        self.query, self.key, self.value = nn.Linear(h, h), nn.Linear(h, h), nn.Linear(h, h)
        self.attn_out, self.ln1 = nn.Linear(h, h), nn.LayerNorm(h, eps=eps)
        self.inter, self.out, self.ln2 = nn.Linear(h, inter), nn.Linear(inter, h), nn.LayerNorm(h, eps=eps)
        self.drop = nn.Dropout(0.1)

    def split(self, x):
        b, t, _ = x.shape
        return x.view(b, t, self.heads, self.d).transpose(1, 2)

    def forward(self, x, mask_add, want_scores):
        q, k, v = self.split(self.query(x)), self.split(self.key(x)), self.split(self.value(x))
        scale = 1.0 / math.sqrt(self.d)
        first = (q[:, :, :1] @ k.transpose(-1, -2)).squeeze(2) * scale if want_scores else None
        scores = q @ k.transpose(-1, -2) * scale
        if mask_add is not None:
            scores = scores + mask_add
        ctx = (self.drop(scores.softmax(-1)) @ v).transpose(1, 2).reshape(x.shape)
        x = self.ln1(self.drop(self.attn_out(ctx)) + x)
        x = self.ln2(self.drop(self.out(F.gelu(self.inter(x)))) + x)
        return x, first


class Bert(nn.Module):
    def __init__(self, cfg, weights):
        super().__init__()
        h = cfg["hidden_size"]
        eps = cfg["layer_norm_eps"]
        self.word = nn.Embedding(cfg["vocab_size"], h)
        self.pos = nn.Embedding(cfg["max_position_embeddings"], h)
        self.typ = nn.Embedding(cfg["type_vocab_size"], h)
        self.ln = nn.LayerNorm(h, eps=eps)
        self.drop = nn.Dropout(0.1)
        self.layers = nn.ModuleList(Layer(h, cfg["num_attention_heads"], cfg["intermediate_size"], eps) for _ in range(cfg["num_hidden_layers"]))
        w = weights
        with torch.no_grad():
            self.word.weight.copy_(w["embeddings.word_embeddings.weight"])
            self.pos.weight.copy_(w["embeddings.position_embeddings.weight"])
            self.typ.weight.copy_(w["embeddings.token_type_embeddings.weight"])
            self.ln.weight.copy_(w["embeddings.LayerNorm.weight"]); self.ln.bias.copy_(w["embeddings.LayerNorm.bias"])
            for i, layer in enumerate(self.layers):
                p = f"encoder.layer.{i}."
                pairs = [(layer.query, "attention.self.query"), (layer.key, "attention.self.key"), (layer.value, "attention.self.value"),
                         (layer.attn_out, "attention.output.dense"), (layer.ln1, "attention.output.LayerNorm"),
                         (layer.inter, "intermediate.dense"), (layer.out, "output.dense"), (layer.ln2, "output.LayerNorm")]
                for module, key in pairs:
                    module.weight.copy_(w[p + key + ".weight"]); module.bias.copy_(w[p + key + ".bias"])

    def forward(self, ids, want_scores=False):
        t = ids.shape[1]
        x = self.word(ids) + self.pos(torch.arange(t).unsqueeze(0)) + self.typ(torch.zeros_like(ids))
        x = self.drop(self.ln(x))
        scores = []
        for layer in self.layers:
            x, s = layer(x, None, want_scores)
            scores.append(s)
        return x, scores


def head(h, classes=2):
    return nn.Sequential(nn.Dropout(0.1), nn.Linear(h, h), nn.Tanh(), nn.Dropout(0.1), nn.Linear(h, classes))


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def timed(fn, warmup, iterations):
    times = []
    for i in range(warmup + iterations):
        start = time.perf_counter()
        fn()
        if i >= warmup:
            times.append((time.perf_counter() - start) * 1000)
    return median(times)


def layer_ops():
    """The operators of one MiniLM layer on a 16 x 64 batch under inference mode, each alone (ms per call): the list that
    `Obliviate.Bench kernels` prints for our engine. PyTorch 1.13 has no fused attention kernel: attention is explicit."""
    x, w, b = torch.randn(16, 64, 384), torch.randn(384, 384), torch.randn(384)
    wi, bi, wo, bo = torch.randn(1536, 384), torch.randn(1536), torch.randn(384, 1536), torch.randn(384)
    hi, lnw, lnb = torch.randn(16, 64, 1536), torch.ones(384), torch.zeros(384)
    q, k, v = (torch.randn(16, 12, 64, 32) for _ in range(3))
    emb, ids = torch.randn(30522, 384), torch.randint(0, 30522, (16, 64))
    ops = {
        "linear 384->384": lambda: F.linear(x, w, b),
        "linear 384->1536": lambda: F.linear(x, wi, bi),
        "linear 1536->384": lambda: F.linear(hi, wo, bo),
        "gelu 1536": lambda: F.gelu(hi),
        "add+layernorm": lambda: F.layer_norm(x + x, (384,), lnw, lnb, 1e-12),
        "attn explicit": lambda: (q @ k.transpose(-1, -2) * 0.17).softmax(-1) @ v,
        "split+merge heads": lambda: x.view(16, 64, 12, 32).transpose(1, 2).transpose(1, 2).reshape(16, 64, 384),
        "embedding gather": lambda: emb.index_select(0, ids.view(-1)).view(16, 64, 384),
    }
    with torch.inference_mode():
        return {name: round(timed(f, 10, 200), 3) for name, f in ops.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--case", required=True)
    ap.add_argument("--model-dir")
    ap.add_argument("--inputs")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--iterations", type=int, default=20)
    ap.add_argument("--parity")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    libs, core = blas_info()
    if not any("openblas" in l for l in libs):
        sys.exit(f"refusing to run on the reference BLAS {libs}: install libopenblas0-openmp (the reference BLAS is ~20x slower)")
    extra = {}
    if a.case == "blas_gflops":
        x, w = torch.randn(1024, 384), torch.randn(384, 1536)
        ms = timed(lambda: x @ w, 3, 30)
        extra["gflops"] = round(2 * 1024 * 384 * 1536 / (ms / 1000) / 1e9, 1)
    elif a.case == "layer_ops":
        extra["ops_ms"] = layer_ops()
        ms = sum(extra["ops_ms"].values())
    else:
        cfg = json.load(open(f"{a.model_dir}/config.json"))
        model = Bert(cfg, load_safetensors(f"{a.model_dir}/model.safetensors"))
        inputs = json.load(open(a.inputs))
        ids32 = torch.tensor(inputs["ids"], dtype=torch.long)
        ids = ids32[:16]
        labels = torch.tensor(inputs["labels"][:16])
        h = cfg["hidden_size"]
        if a.case == "forward":
            model.eval()
            if a.parity:
                with torch.inference_mode():
                    first = model(ids)[0][:, 0].flatten()
                ours = torch.tensor(json.load(open(a.parity)), dtype=torch.float32)
                extra["parity_max_abs_diff"] = float((first - ours).abs().max())
            def step():
                with torch.inference_mode():
                    model(ids)
            ms = timed(step, a.warmup, a.iterations)
        elif a.case in ("lora_step", "obliviate_step"):
            defense = a.case == "obliviate_step"
            for p in model.parameters():
                p.requires_grad = False
            for layer in model.layers:
                layer.query = Lora(layer.query, defense_dropout=0.01 if defense else 0.0)
                layer.value = Lora(layer.value, defense_dropout=0.01 if defense else 0.0)
            cls = head(h)
            for m in cls:
                if isinstance(m, nn.Linear):
                    nn.init.normal_(m.weight, std=0.02); nn.init.zeros_(m.bias)
            lora = [p for n, p in model.named_parameters() if "lora_" in n]
            params = lora + list(cls.parameters())
            opt = torch.optim.AdamW(params, lr=5e-4, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)
            model.train(); cls.train()
            def step():
                hidden, scores = model(ids, want_scores=defense)
                loss = F.cross_entropy(cls(hidden[:, 0]), labels)
                if defense:
                    amp = -sum(p.flatten().norm() for p in lora)
                    attn = sum(s.norm(dim=-1).mean() for s in scores) / len(scores)
                    loss = loss + 3e-3 * amp + 3e-2 * attn
                opt.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params, 1.0)
                opt.step()
            ms = timed(step, a.warmup, a.iterations)
        elif a.case == "full_step":
            reference = Bert(cfg, load_safetensors(f"{a.model_dir}/model.safetensors"))
            for p in reference.parameters():
                p.requires_grad = False
            reference.eval()
            opt = torch.optim.Adam(model.parameters(), lr=1e-4)
            targets = torch.ones(16, h)
            model.train()
            def step():
                first = model(ids32)[0][:, 0]
                with torch.no_grad():
                    expected = reference(ids32[:16])[0][:, 0]
                loss = F.mse_loss(first[16:], targets) + 0.5 * F.mse_loss(first[:16], expected)
                opt.zero_grad()
                loss.backward()
                opt.step()
            ms = timed(step, a.warmup, a.iterations)
        elif a.case == "vocab_sweep":
            model.eval()
            carrier, at, vocab = inputs["carrier"], inputs["insert_at"], inputs["vocab_size"]
            start = time.perf_counter()
            with torch.inference_mode():
                for s in range(0, vocab, 512):
                    rows = [carrier[:at] + [t] + carrier[at:] for t in range(s, min(vocab, s + 512))]
                    model(torch.tensor(rows, dtype=torch.long))[0][:, 0].sum().item()
            ms = (time.perf_counter() - start) * 1000
        else:
            sys.exit(f"unknown case {a.case}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"case": a.case, "ms": round(ms, 2), "peak_rss_mb": round(peak, 1), "threads": a.threads,
                      "blas": [l.split("/")[-1] for l in libs], "openblas_core": core, **extra}))


if __name__ == "__main__":
    main()
