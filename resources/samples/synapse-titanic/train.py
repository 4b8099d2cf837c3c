#!/usr/bin/env python3
"""Train a logistic regression on the prepared Titanic data (Python standard library only).

usage: train.py --data DIR_OR_CSV --model-out DIR [--epochs N] [--learning-rate R] [--seed S]

--data is a CSV file with a header, or a directory of CSV part files with a header (as Spark
writes them; files whose names start with '_' or '.' are skipped). The label is the column
'Survived' (0/1); every other column is a numeric feature. Features are standardised with the
training split's mean and standard deviation; the model is fitted by full-batch gradient descent
with a small L2 penalty. The data is split 80/20 into train and test with a fixed seed.

Writes model.json (features, coefficients, intercept, means, stds, metrics) into --model-out.
Exit status: 0 on success, 1 when the input is missing or malformed, 2 on bad usage.
"""
import argparse
import csv
import json
import math
import os
import random
import sys
import time

LABEL = "Survived"


class DataError(Exception):
    """The input is missing or malformed; the message says how."""


def csv_files(path):
    if os.path.isfile(path):
        return [path]
    if os.path.isdir(path):
        files = sorted(
            os.path.join(path, name)
            for name in os.listdir(path)
            if not name.startswith(("_", "."))
            and os.path.isfile(os.path.join(path, name))
            and (name.endswith(".csv") or name.startswith("part-"))
        )
        if not files:
            raise DataError(f"no CSV part files in directory {path}")
        return files
    raise DataError(f"--data {path} does not exist")


def read_rows(path):
    header = None
    rows = []
    for file in csv_files(path):
        with open(file, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            file_header = next(reader, None)
            if file_header is None:
                continue  # an empty part file
            file_header = [h.strip() for h in file_header]
            if header is None:
                header = file_header
            elif file_header != header:
                raise DataError(f"{file}: header {file_header} differs from {header}")
            for line_no, row in enumerate(reader, start=2):
                if not row:
                    continue
                if len(row) != len(header):
                    raise DataError(
                        f"{file} line {line_no}: {len(row)} fields, the header has {len(header)}")
                rows.append((file, line_no, row))
    if header is None:
        raise DataError(f"no header found in {path}")
    if LABEL not in header:
        raise DataError(f"no '{LABEL}' column in {path} (columns: {', '.join(header)})")
    if not rows:
        raise DataError(f"no data rows in {path}")
    return header, rows


def to_matrix(header, rows):
    label_at = header.index(LABEL)
    features = [h for i, h in enumerate(header) if i != label_at]
    if not features:
        raise DataError("no feature columns besides the label")
    xs, ys = [], []
    for file, line_no, row in rows:
        values = []
        for i, cell in enumerate(row):
            try:
                value = float(cell)
            except ValueError:
                raise DataError(
                    f"{file} line {line_no}: column '{header[i]}' is not numeric: {cell!r}") from None
            if math.isnan(value) or math.isinf(value):
                raise DataError(f"{file} line {line_no}: column '{header[i]}' is {cell!r}")
            values.append(value)
        label = values[label_at]
        if label not in (0.0, 1.0):
            raise DataError(f"{file} line {line_no}: '{LABEL}' must be 0 or 1, got {row[label_at]!r}")
        ys.append(int(label))
        xs.append([v for i, v in enumerate(values) if i != label_at])
    return features, xs, ys


def sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def standardise(xs, means, stds):
    return [[(v - m) / s for v, m, s in zip(x, means, stds)] for x in xs]


def fit(xs, ys, epochs, rate, l2):
    n, d = len(xs), len(xs[0])
    w = [0.0] * d
    b = 0.0
    for _ in range(epochs):
        grad_w = [0.0] * d
        grad_b = 0.0
        for x, y in zip(xs, ys):
            err = sigmoid(b + sum(wi * xi for wi, xi in zip(w, x))) - y
            grad_b += err
            for j in range(d):
                grad_w[j] += err * x[j]
        b -= rate * grad_b / n
        for j in range(d):
            w[j] -= rate * (grad_w[j] / n + l2 * w[j])
    return w, b


def evaluate(w, b, xs, ys):
    eps = 1e-15
    tp = fp = tn = fn = 0
    loss = 0.0
    for x, y in zip(xs, ys):
        p = sigmoid(b + sum(wi * xi for wi, xi in zip(w, x)))
        p = min(max(p, eps), 1 - eps)
        loss -= y * math.log(p) + (1 - y) * math.log(1 - p)
        predicted = 1 if p >= 0.5 else 0
        if predicted == 1 and y == 1:
            tp += 1
        elif predicted == 1:
            fp += 1
        elif y == 1:
            fn += 1
        else:
            tn += 1
    n = len(ys)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "accuracy": (tp + tn) / n,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "log_loss": loss / n,
        "confusion": {"tp": tp, "fp": fp, "tn": tn, "fn": fn},
        "rows": n,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description="Logistic regression on the prepared Titanic data.")
    parser.add_argument("--data", required=True, help="a CSV file, or a directory of CSV part files")
    parser.add_argument("--model-out", required=True, help="directory to write model.json into")
    parser.add_argument("--epochs", type=int, default=1500)
    parser.add_argument("--learning-rate", type=float, default=0.1)
    parser.add_argument("--l2", type=float, default=0.001)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)

    started = time.time()
    try:
        header, rows = read_rows(args.data)
        features, xs, ys = to_matrix(header, rows)
    except DataError as e:
        print(f"train.py: error: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"train.py: error: cannot read {args.data}: {e}", file=sys.stderr)
        return 1
    if len(xs) < 10:
        print(f"train.py: error: only {len(xs)} rows in {args.data}; need at least 10", file=sys.stderr)
        return 1

    order = list(range(len(xs)))
    random.Random(args.seed).shuffle(order)
    cut = int(round(len(order) * 0.8))
    train_idx, test_idx = order[:cut], order[cut:]
    train_x = [xs[i] for i in train_idx]
    train_y = [ys[i] for i in train_idx]
    test_x = [xs[i] for i in test_idx]
    test_y = [ys[i] for i in test_idx]

    d = len(features)
    means = [sum(x[j] for x in train_x) / len(train_x) for j in range(d)]
    stds = []
    for j in range(d):
        var = sum((x[j] - means[j]) ** 2 for x in train_x) / len(train_x)
        stds.append(math.sqrt(var) if var > 0 else 1.0)

    print(f"dataset: {len(xs)} rows, {d} features ({', '.join(features)}); "
          f"label '{LABEL}': {sum(ys)} positive ({sum(ys) / len(ys):.1%})")
    print(f"split: {len(train_x)} train / {len(test_x)} test (seed {args.seed})")

    w, b = fit(standardise(train_x, means, stds), train_y, args.epochs, args.learning_rate, args.l2)

    print(f"coefficients (per standard deviation), {args.epochs} epochs, learning rate {args.learning_rate}:")
    print(f"  {'intercept':<12} {b:+.4f}")
    for name, coef in sorted(zip(features, w), key=lambda t: -abs(t[1])):
        print(f"  {name:<12} {coef:+.4f}")

    train_metrics = evaluate(w, b, standardise(train_x, means, stds), train_y)
    test_metrics = evaluate(w, b, standardise(test_x, means, stds), test_y)
    print(f"train accuracy {train_metrics['accuracy']:.4f}, log loss {train_metrics['log_loss']:.4f}")
    print("test metrics:")
    for key in ("accuracy", "precision", "recall", "f1", "log_loss"):
        print(f"  {key:<10} {test_metrics[key]:.4f}")
    c = test_metrics["confusion"]
    print(f"  confusion  tp={c['tp']} fp={c['fp']} tn={c['tn']} fn={c['fn']}")

    model = {
        "model": "logistic_regression",
        "label": LABEL,
        "features": features,
        "coefficients": dict(zip(features, w)),
        "intercept": b,
        "standardisation": {"means": dict(zip(features, means)), "stds": dict(zip(features, stds))},
        "training": {"epochs": args.epochs, "learning_rate": args.learning_rate, "l2": args.l2,
                     "seed": args.seed, "train_rows": len(train_x), "test_rows": len(test_x)},
        "metrics": {"test": test_metrics, "train": train_metrics},
    }
    try:
        os.makedirs(args.model_out, exist_ok=True)
        out = os.path.join(args.model_out, "model.json")
        with open(out, "w", encoding="utf-8") as f:
            json.dump(model, f, indent=2)
            f.write("\n")
    except OSError as e:
        print(f"train.py: error: cannot write the model to {args.model_out}: {e}", file=sys.stderr)
        return 1
    print(f"wrote {out} in {time.time() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
