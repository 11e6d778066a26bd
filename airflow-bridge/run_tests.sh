#!/usr/bin/env bash
# Tests of the Airflow bridge: the client against the real app jar (build it first:
# mvn -B package -DskipTests), and the DAG file (statically; with Airflow's DagBag when Airflow is
# installed). Standard library only. Ends with "N passed, M failed, K skipped"; exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v python3 >/dev/null || { echo "python3 is missing" >&2; exit 1; }
exec python3 airflow-bridge/tests/run.py
