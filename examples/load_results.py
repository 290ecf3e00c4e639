#!/usr/bin/env python3
"""Load VirtioSim results into tidy tables (one observation per row), with the standard library alone.

    python3 examples/load_results.py out/quickstart/results.json          # a run
    python3 examples/load_results.py out/xen-grants/sweep/results.json    # a study: one row per point, metric, statistic
    python3 examples/load_results.py out/xen-grants/sweep/results.csv     # a study's runs: one row per run, metric, value

Each prints how many rows it read and the first few; `--metric SUBSTRING` keeps the rows whose metric contains it. From
your own code: `rows = load("...")` gives a list of dicts; `frame("...")` gives a pandas DataFrame when pandas is
installed (it is optional). The files are described in README, "Studies: sweeps, replications, comparisons, reports".
"""
import csv
import json
import sys


def load_run(tree):
    """A run's results.json (format virtiosim-results/1): one row per metric and statistic."""
    rows = []
    for metric, summary in tree["metrics"].items():
        for statistic, value in summary.items():
            if statistic in ("kind", "unit") or not isinstance(value, (int, float)):
                continue
            rows.append({"scenario": tree["scenario"], "seed": tree["seed"], "metric": metric, "kind": summary["kind"],
                         "unit": summary["unit"], "statistic": statistic, "value": value})
    return rows


def load_study(tree):
    """A study's results.json (format virtiosim-study/1): one row per point, metric and statistic, the point's parameter values as columns."""
    rows = []
    for point in tree["points"]:
        for metric, summary in point["metrics"].items():
            for statistic in ("n", "mean", "stddev", "halfWidth", "low", "high"):
                value = summary.get(statistic)
                if value is None:
                    continue
                row = {"scenario": tree["scenario"], "point": point["index"], "label": point["label"]}
                row.update(point["values"])
                row.update({"metric": metric, "statistic": statistic, "value": value})
                rows.append(row)
    return rows


def load_study_runs(path):
    """A study's results.csv (one row per run, one column per metric value): one row per run and metric value."""
    fixed = ("point", "replication", "seed", "partial", "findings")
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        metric_columns = [c for c in reader.fieldnames if "/" in c]
        parameter_columns = [c for c in reader.fieldnames if c not in fixed and c not in metric_columns]
        for run in reader:
            base = {c: run[c] for c in fixed}
            base["point"], base["replication"] = int(base["point"]), int(base["replication"])
            base.update({c: run[c] for c in parameter_columns})
            for column in metric_columns:
                if run[column] == "":
                    continue
                metric, _, statistic = column.rpartition(".")
                rows.append(dict(base, metric=metric, statistic=statistic, value=float(run[column])))
    return rows


def load(path):
    """The tidy rows of any VirtioSim results file (a run's or a study's results.json, a study's results.csv)."""
    if path.endswith(".csv"):
        return load_study_runs(path)
    with open(path, encoding="utf-8") as f:
        tree = json.load(f)
    kind = tree.get("format", "")
    if kind.startswith("virtiosim-results/"):
        return load_run(tree)
    if kind.startswith("virtiosim-study/"):
        return load_study(tree)
    raise ValueError(f"{path}: format '{kind}' is not a VirtioSim results file (virtiosim-results/1 or virtiosim-study/1)")


def frame(path):
    """The rows of `load` as a pandas DataFrame (pandas is optional; without it, use `load`)."""
    import pandas  # noqa: PLC0415 - optional dependency
    return pandas.DataFrame(load(path))


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if argv else 2
    path, metric = argv[0], None
    if len(argv) == 3 and argv[1] == "--metric":
        metric = argv[2]
    elif len(argv) != 1:
        print("usage: load_results.py RESULTS [--metric SUBSTRING]", file=sys.stderr)
        return 2
    try:
        rows = load(path)
    except (OSError, ValueError, KeyError) as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    if metric is not None:
        rows = [r for r in rows if metric in r["metric"]]
    print(f"{len(rows)} rows from {path}")
    for row in rows[:10]:
        print(json.dumps(row, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
