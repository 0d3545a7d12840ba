#!/usr/bin/python3
"""Writes a corpus of benign, real-world-shaped model files for the scanner's false-alarm measurement (issue 17).

Run with Debian's interpreter, which has python3-torch, python3-numpy, python3-sklearn and python3-joblib:

    /usr/bin/python3 bench/scan/make_benign_corpus.py [folder]      (default /tmp/obliviate-benign-corpus)

Everything is produced by the libraries' own writers (torch.save, joblib.dump, numpy.save, pickle.dump), never by
hand, so the files show exactly what stock checkpoints import and call. The folder is outside git: its files are
large-ish and depend on the installed library versions. This script only WRITES pickles; it never loads one.
Seeds are fixed, so a rerun with the same library versions writes the same models. MANIFEST.txt lists what was
written and the library versions.
"""
import os
import pickle
import random
import sys
import warnings

import joblib
import numpy as np
import torch
from torch import nn
from sklearn.cluster import KMeans
from sklearn.compose import ColumnTransformer
from sklearn.decomposition import PCA
from sklearn.ensemble import GradientBoostingClassifier, HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.naive_bayes import MultinomialNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import LabelEncoder, OneHotEncoder, StandardScaler
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

OUT = sys.argv[1] if len(sys.argv) > 1 else "/tmp/obliviate-benign-corpus"
written = []


def path(name):
    full = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    written.append(name)
    return full


# ---------------------------------------------------------------- torch
class TinyBert(nn.Module):
    """Embeddings + one encoder layer + classifier head: the shape of the BERT checkpoints the tool defends."""

    def __init__(self):
        super().__init__()
        self.embeddings = nn.Embedding(100, 16)
        self.norm = nn.LayerNorm(16)
        self.encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(16, 2, 32, batch_first=True), 1)
        self.classifier = nn.Linear(16, 2)


def torch_models():
    torch.manual_seed(0)
    return {
        "mlp": nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Dropout(0.1), nn.Linear(16, 2)),
        "cnn": nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                             nn.Linear(4 * 3 * 3, 10)),
        "lstm": nn.LSTM(8, 16, num_layers=2, bidirectional=True),
        "gru": nn.GRU(8, 8),
        "transformer": nn.TransformerEncoder(nn.TransformerEncoderLayer(16, 2, 32), 2),
        "tinybert": TinyBert(),
        "embedding_bag": nn.EmbeddingBag(50, 8, mode="mean"),
        "groupnorm_conv1d": nn.Sequential(nn.Conv1d(4, 8, 3), nn.GroupNorm(2, 8), nn.GELU(), nn.AdaptiveAvgPool1d(1)),
    }


def write_torch():
    models = torch_models()
    for name, model in models.items():
        # The usual checkpoint: a state_dict, in the zip format (default) and the legacy format, with several protocols.
        torch.save(model.state_dict(), path(f"torch/{name}/pytorch_model.bin"))
        torch.save(model.state_dict(), path(f"torch/{name}/legacy.pt"), _use_new_zipfile_serialization=False)
        for proto in (1, 3, 4, 5):
            torch.save(model.state_dict(), path(f"torch/{name}/state_dict.p{proto}.pt"), pickle_protocol=proto)
    # Whole stock modules (not only state_dicts): the module classes themselves are pickled and instantiated.
    for name in ("mlp", "cnn", "lstm", "transformer", "embedding_bag", "groupnorm_conv1d"):
        torch.save(models[name], path(f"torch/{name}/whole_model.pt"))
    # A training checkpoint: model, optimizer and scheduler state, RNG states of torch, numpy and Python.
    model = models["mlp"]
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=10)
    loss = model(torch.randn(4, 8)).sum()
    loss.backward()
    opt.step()
    sched.step()
    sgd = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    sgd.step()
    torch.save({
        "epoch": 3, "global_step": 120, "best_metric": 0.875,
        "model_state_dict": model.state_dict(),
        "optimizer_state_dict": opt.state_dict(),
        "sgd_state_dict": sgd.state_dict(),
        "scheduler_state_dict": sched.state_dict(),
        "torch_rng_state": torch.get_rng_state(),
        "numpy_rng_state": np.random.get_state(),
        "python_rng_state": random.getstate(),
        "args": {"lr": 1e-3, "labels": ["negative", "positive"], "layers": (8, 16, 2)},
    }, path("torch/training_checkpoint.pt"))
    # Tensors of every common dtype and layout.
    tensors = {
        "f16": torch.randn(3, 3).half(), "bf16": torch.randn(3, 3).bfloat16(), "f64": torch.randn(2).double(),
        "i8": torch.arange(5, dtype=torch.int8), "i64": torch.arange(5), "bool": torch.tensor([True, False]),
        "c64": torch.randn(2, dtype=torch.complex64), "sparse": torch.eye(3).to_sparse(),
        "view": torch.arange(10.0)[2:8], "channels_last": torch.randn(1, 3, 4, 4).to(memory_format=torch.channels_last),
        "param": nn.Parameter(torch.randn(2, 2)), "size": torch.Size([2, 3]), "dtype": torch.float32,
        "device": torch.device("cpu"),
    }
    torch.save(tensors, path("torch/tensors.pt"))
    torch.save(tensors, path("torch/tensors.legacy.pt"), _use_new_zipfile_serialization=False)
    q = torch.quantize_per_tensor(torch.randn(4), 0.1, 0, torch.qint8)
    torch.save({"q": q}, path("torch/quantized.pt"))


# ---------------------------------------------------------------- scikit-learn
def sklearn_models():
    rng = np.random.RandomState(0)
    x = rng.randn(120, 6)
    y = (x[:, 0] + x[:, 1] > 0).astype(int)
    texts = ["free prize now", "call me later", "win cash today", "see you at lunch", "urgent offer inside",
             "meeting moved to noon"] * 10
    text_y = [1, 0, 1, 0, 1, 0] * 10
    table = np.array([[v, c] for v, c in zip(rng.randn(120), rng.choice(["red", "green", "blue"], 120))], dtype=object)
    models = {
        "pipeline_logreg": Pipeline([("scale", StandardScaler()), ("clf", LogisticRegression(max_iter=200))]).fit(x, y),
        "random_forest": RandomForestClassifier(n_estimators=5, max_depth=4, random_state=0).fit(x, y),
        "random_forest_rs_object": RandomForestClassifier(n_estimators=3, random_state=np.random.RandomState(1)).fit(x, y),
        "mlp_classifier": MLPClassifier(hidden_layer_sizes=(8,), max_iter=50, random_state=0).fit(x, y),
        "mlp_regressor_sgd": MLPRegressor(hidden_layer_sizes=(4,), solver="sgd", max_iter=30, random_state=0).fit(x, x[:, 0]),
        "gradient_boosting": GradientBoostingClassifier(n_estimators=5, random_state=0).fit(x, y),
        "hist_gradient_boosting": HistGradientBoostingClassifier(max_iter=5, random_state=0).fit(x, y),
        "svc": SVC(probability=True, random_state=0).fit(x, y),
        "decision_tree": DecisionTreeClassifier(max_depth=3, random_state=0).fit(x, y),
        "kmeans": KMeans(n_clusters=3, n_init=3, random_state=0).fit(x),
        "pca_ridge": Pipeline([("pca", PCA(n_components=3)), ("ridge", Ridge())]).fit(x, x[:, 0]),
        "knn": KNeighborsClassifier(n_neighbors=3).fit(x, y),
        "tfidf_nb": Pipeline([("tfidf", TfidfVectorizer()), ("nb", MultinomialNB())]).fit(texts, text_y),
        "column_transformer": Pipeline([
            ("columns", ColumnTransformer([("num", StandardScaler(), [0]), ("cat", OneHotEncoder(handle_unknown="ignore"), [1])])),
            ("clf", LogisticRegression()),
        ]).fit(table, y),
        "label_encoder": LabelEncoder().fit(["spam", "ham", "eggs"]),
    }
    return models


def write_sklearn():
    for name, model in sklearn_models().items():
        joblib.dump(model, path(f"sklearn/{name}.joblib"))
        for proto in range(0, 6):
            with open(path(f"sklearn/{name}.p{proto}.pkl"), "wb") as f:
                pickle.dump(model, f, protocol=proto)
    model = sklearn_models()["random_forest"]
    for codec in ("zlib", "gzip", "bz2", "xz", "lzma"):
        joblib.dump(model, path(f"sklearn/random_forest.{codec}.joblib"), compress=(codec, 3))


# ---------------------------------------------------------------- numpy
def write_numpy():
    rng = np.random.default_rng(0)
    objects = np.array([{"label": "pos", "score": 0.9}, ["a", 1], "text", 3.5, None, (1, 2)], dtype=object)
    np.save(path("numpy/object_array.npy"), objects, allow_pickle=True)
    np.savez(path("numpy/mixed.npz"), numbers=np.arange(10), objects=objects, strings=np.array(["a", "bc"]))
    np.savez_compressed(path("numpy/mixed_compressed.npz"), numbers=np.arange(10), objects=objects)
    values = {
        "float": rng.standard_normal((3, 4)), "int": np.arange(12).reshape(3, 4), "objects": objects,
        "structured": np.array([(1, 2.0, b"x")], dtype=[("a", "i4"), ("b", "f8"), ("c", "S1")]),
        "datetime": np.array(["2024-01-01", "2024-06-30"], dtype="datetime64[D]"),
        "masked": np.ma.masked_array([1, 2, 3], mask=[0, 1, 0]),
        "scalars": [np.float64(1.5), np.int32(7), np.bool_(True), np.str_("s")],
        "random_state": np.random.RandomState(5),
        "generator_pcg64": np.random.default_rng(6),
        "generator_mt19937": np.random.Generator(np.random.MT19937(7)),
        "generator_philox": np.random.Generator(np.random.Philox(8)),
        "generator_sfc64": np.random.Generator(np.random.SFC64(9)),
        "dtype": np.dtype("float32"),
        "unicode": np.array(["héllo", "wörld"]),
        "complex": np.array([1 + 2j]),
    }
    for proto in range(0, 6):
        with open(path(f"numpy/values.p{proto}.pkl"), "wb") as f:
            pickle.dump(values, f, protocol=proto)
    joblib.dump(values, path("numpy/values.joblib"))
    joblib.dump(values, path("numpy/values.zlib.joblib"), compress=3)


# ---------------------------------------------------------------- plain Python data
def write_plain():
    from collections import Counter, OrderedDict, defaultdict, deque
    import datetime
    data = {
        "vocab": OrderedDict((w, i) for i, w in enumerate(["[PAD]", "[UNK]", "the", "movie"])),
        "counts": Counter("mississippi"), "groups": defaultdict(list, {"a": [1]}), "queue": deque([1, 2]),
        "set": {1, 2}, "frozen": frozenset({"x"}), "bytes": b"\x00\x01", "bytearray": bytearray(b"ab"),
        "complex": 1 + 2j, "range": range(3), "slice": slice(1, 5, 2),
        "date": datetime.date(2024, 1, 2), "time": datetime.datetime(2024, 1, 2, 3, 4, 5),
        "delta": datetime.timedelta(days=1), "snippets": ["def f(x):\n    return x + 1\n", "import os\nprint(os.getcwd())\n"],
    }
    for proto in range(0, 6):
        with open(path(f"python/data.p{proto}.pkl"), "wb") as f:
            pickle.dump(data, f, protocol=proto)


def main():
    warnings.simplefilter("ignore")  # sklearn's convergence warnings on the deliberately tiny fits
    os.makedirs(OUT, exist_ok=True)
    write_torch()
    write_sklearn()
    write_numpy()
    write_plain()
    import sklearn
    with open(os.path.join(OUT, "MANIFEST.txt"), "w") as f:
        f.write(f"python {sys.version.split()[0]}, torch {torch.__version__}, numpy {np.__version__}, "
                f"scikit-learn {sklearn.__version__}, joblib {joblib.__version__}\n")
        for name in written:
            f.write(name + "\n")
    print(f"{len(written)} files in {OUT}")


if __name__ == "__main__":
    main()
