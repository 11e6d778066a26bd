#!/usr/bin/env python3
"""Prints the transform figures of a scale.sh run: wall seconds of the full build and of the
incremental run per project, their ratio, and per model the seconds and rows written
(`execution_time` and `adapter_response.rows_affected` of dbt's target/run_results.json).

Usage: report.py WORK_DIR PROJECT...   (reads WORK_DIR/results/<project>-{full,incremental}.json
and WORK_DIR/results/<project>-{full,incremental}.seconds). Standard library only.
"""
import json
import os
import sys


def seconds(work, project, run):
    with open(os.path.join(work, "results", "%s-%s.seconds" % (project, run))) as f:
        return float(f.read().strip())


def nodes(work, project, run):
    with open(os.path.join(work, "results", "%s-%s.json" % (project, run))) as f:
        results = json.load(f)["results"]
    by_name = {}
    for result in results:
        kind, name = result["unique_id"].split(".")[0], result["unique_id"].split(".")[-1]
        rows = (result.get("adapter_response") or {}).get("rows_affected")
        by_name[(kind, name)] = (float(result.get("execution_time") or 0), rows)
    return by_name


def main(work, projects):
    print()
    print("%-10s %10s %14s %8s" % ("project", "full s", "incremental s", "ratio"))
    for project in projects:
        full, incremental = seconds(work, project, "full"), seconds(work, project, "incremental")
        print("%-10s %10.1f %14.1f %8.3f" % (project, full, incremental, incremental / full))
    for project in projects:
        full, incremental = nodes(work, project, "full"), nodes(work, project, "incremental")
        print()
        print("%s: per model (tests summed)" % project)
        print("%-28s %9s %12s %9s %12s" % ("model", "full s", "full rows", "incr. s", "incr. rows"))
        for key in sorted(k for k in full if k[0] == "model"):
            fs, fr = full[key]
            is_, ir = incremental.get(key, (0.0, None))
            print("%-28s %9.2f %12s %9.2f %12s" % (key[1], fs, fr, is_, ir))
        tests_full = sum(v[0] for k, v in full.items() if k[0] == "test")
        tests_incremental = sum(v[0] for k, v in incremental.items() if k[0] == "test")
        print("%-28s %9.2f %12s %9.2f %12s" % ("(%d tests)" % sum(1 for k in full if k[0] == "test"),
                                               tests_full, "", tests_incremental, ""))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
