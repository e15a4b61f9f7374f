# The LightGBM baseline of bench/ml.ts: bank-full (without `duration`) with the shared split of
# ../shared/data/README.md, the TRAIN rows repeated --repeat times (bank-full x4: 145k TRAIN
# rows), LightGBM on ONE thread with the settings ours uses (learning rate 0.05, 31 leaves, 20
# rows a leaf, L2 1, at most 1,000 trees, early stopping after 10 on a random tenth), timed
# from reading the file to the fitted model, and its ROC AUC on TEST.
# With --all it trains on every row of the file (as `leadscore train --data FILE` does) and
# reports no TEST figure: the whole-process time to compare with the CLI's.
# Run: python3 bench/lightgbm-baseline.py [path/to/bank-full.csv] [--repeat N] [--all]
# (pip install lightgbm)
import csv
import hashlib
import sys
import time

import lightgbm as lgb
import numpy as np

args = sys.argv[1:]
repeat = 1
every_row = "--all" in args
if every_row:
    args.remove("--all")
if "--repeat" in args:
    at = args.index("--repeat")
    repeat = int(args[at + 1])
    del args[at : at + 2]
path = args[0] if args else "../shared/data/bank-marketing/bank-full.csv"


def bucket(i):
    return int.from_bytes(hashlib.sha256(str(i).encode("ascii")).digest()[:8], "big") % 100


def auc(y, s):
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s))
    sorted_s = s[order]
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and sorted_s[j + 1] == sorted_s[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    pos = y.sum()
    return (ranks[y == 1].sum() - pos * (pos + 1) / 2) / (pos * (len(y) - pos))


started = time.perf_counter()
with open(path, newline="") as f:
    rows = list(csv.reader(f, delimiter=";"))
header, rows = rows[0], rows[1:]
target = header.index("y")
columns = [c for c in range(len(header)) if header[c] not in ("y", "duration")]
numeric = [all(r[c].lstrip("-").isdigit() for r in rows) for c in columns]
codes = [{} for _ in columns]
matrix = np.empty((len(rows), len(columns)))
for i, r in enumerate(rows):
    for k, c in enumerate(columns):
        matrix[i, k] = float(r[c]) if numeric[k] else codes[k].setdefault(r[c], len(codes[k]))
labels = np.array([1 if r[target] == "yes" else 0 for r in rows])
test = np.array([not every_row and bucket(i) < 20 for i in range(len(rows))])
x_train = np.tile(matrix[~test], (repeat, 1))
y_train = np.tile(labels[~test], repeat)
categorical = [k for k in range(len(columns)) if not numeric[k]]
rng = np.random.default_rng(42)
valid = rng.random(len(y_train)) < 0.1
params = dict(
    objective="binary",
    learning_rate=0.05,
    num_leaves=31,
    min_data_in_leaf=20,
    lambda_l2=1.0,
    num_threads=1,
    verbose=-1,
    max_bin=255,
)
fit = lgb.Dataset(x_train[~valid], y_train[~valid], categorical_feature=categorical)
held = lgb.Dataset(x_train[valid], y_train[valid], categorical_feature=categorical, reference=fit)
model = lgb.train(
    params,
    fit,
    num_boost_round=1000,
    valid_sets=[held],
    callbacks=[lgb.early_stopping(10, verbose=False)],
)
seconds = time.perf_counter() - started
score = "" if every_row else f", TEST ROC AUC {auc(labels[test], model.predict(matrix[test])):.4f}"
print(
    f"LightGBM {lgb.__version__} one thread: {len(y_train)} rows, {model.best_iteration} trees,"
    f" {seconds:.2f} s from reading the file to the fitted model{score}"
)
