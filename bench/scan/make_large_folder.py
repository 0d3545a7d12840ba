#!/usr/bin/env python3
"""Writes the benchmark's large model folder: a 1 GB safetensors file and a 500 MB PyTorch zip checkpoint.

The checkpoint's data.pkl is assembled opcode by opcode (the layout torch.save writes: an OrderedDict of one tensor
rebuilt by torch._utils._rebuild_tensor_v2 from a persistent-id storage), so no pickle library is involved.
Tensor bytes are a repeated pseudo-random block, written for real (no sparse files), so a scanner that read the
tensors would pay for it. Run: make_large_folder.py <folder>. Existing files of the right size are kept.
"""
import json
import os
import random
import struct
import sys
import zipfile

SAFETENSORS_BYTES = 1_000_000_000   # F32 [250000, 1000]
CHECKPOINT_BYTES = 500_000_000      # F32 [125000, 1000]
BLOCK = random.Random(6).randbytes(1 << 20)


def write_repeated(out, total):
    left = total
    while left > 0:
        n = min(left, len(BLOCK))
        out.write(BLOCK[:n])
        left -= n


def binunicode(s):
    b = s.encode("utf-8")
    return b"X" + struct.pack("<I", len(b)) + b


def torch_data_pkl(rows, cols):
    p = b"\x80\x02"
    p += b"ccollections\nOrderedDict\nq\x00)Rq\x01"
    p += binunicode("weight")
    p += b"ctorch._utils\n_rebuild_tensor_v2\nq\x02("
    p += b"(" + binunicode("storage") + b"ctorch\nFloatStorage\nq\x03" + binunicode("0") + binunicode("cpu")
    p += b"J" + struct.pack("<i", rows * cols) + b"tQ"
    p += b"K\x00"
    p += b"J" + struct.pack("<i", rows) + b"J" + struct.pack("<i", cols) + b"\x86"
    p += b"J" + struct.pack("<i", cols) + b"K\x01\x86"
    p += b"\x89"
    p += b"ccollections\nOrderedDict\n)R"
    p += b"tRs."
    return p


def make_safetensors(path):
    if os.path.exists(path) and os.path.getsize(path) > SAFETENSORS_BYTES:
        return
    header = {"__metadata__": {"format": "pt"},
              "weight": {"dtype": "F32", "shape": [250000, 1000], "data_offsets": [0, SAFETENSORS_BYTES]}}
    text = json.dumps(header, separators=(",", ":"))
    text += " " * (-len(text) % 8)
    with open(path + ".tmp", "wb") as out:
        out.write(struct.pack("<Q", len(text)))
        out.write(text.encode("utf-8"))
        write_repeated(out, SAFETENSORS_BYTES)
    os.replace(path + ".tmp", path)


def make_checkpoint(path):
    if os.path.exists(path) and os.path.getsize(path) > CHECKPOINT_BYTES:
        return
    with zipfile.ZipFile(path + ".tmp", "w", compression=zipfile.ZIP_STORED, allowZip64=True) as z:
        z.writestr("pytorch_model/data.pkl", torch_data_pkl(125000, 1000))
        z.writestr("pytorch_model/byteorder", "little")
        with z.open("pytorch_model/data/0", "w", force_zip64=True) as member:
            write_repeated(member, CHECKPOINT_BYTES)
        z.writestr("pytorch_model/version", "3\n")
    os.replace(path + ".tmp", path)


def main():
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    make_safetensors(os.path.join(folder, "model.safetensors"))
    make_checkpoint(os.path.join(folder, "pytorch_model.bin"))
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump({"model_type": "bert", "architectures": ["BertModel"], "vocab_size": 30522}, f)


if __name__ == "__main__":
    main()
