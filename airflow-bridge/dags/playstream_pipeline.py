"""
### Playstream: load bronze, then build silver and gold with dbt

Every run covers its **data interval** (one hour by default):

1. `trigger_load` asks Playstream's HTTP API (`POST /api/v1/runs`) to load the bronze objects of
   the interval into the warehouse, with the idempotency key `<dag_id>:<run_id>`: a retried or
   cleared task gets the same Playstream run back instead of starting a second load.
2. `wait_for_load` polls that run (`GET /api/v1/runs/{run_id}`) in *reschedule* mode, so no
   worker slot is held while Playstream works. A run that FAILED fails this task at once, with
   Playstream's reason, and is not retried (the app has already retried what was retriable).
3. `dbt_build` runs `dbt build` (models and tests) on the project in `dbt/` for the same interval.

Settings. Connection `playstream_api` (HTTP: host, port, schema `http`/`https`, password = API
token). Read when the DAG file is parsed, from the environment (never from the metadata database):
`PLAYSTREAM_CONN_ID`, `PLAYSTREAM_DAG_SCHEDULE` (`@hourly`; a cron or preset, or `none`),
`PLAYSTREAM_DAG_CATCHUP` (`false`). Read when a task runs: the dbt target from the Airflow
Variable `playstream_dbt_target`, else `DBT_TARGET`, else `duckdb`; `DBT_PROJECT_DIR`
(`/opt/airflow/dbt`), `DBT_PROFILES_DIR` (the project folder) and the profile's credentials from
the worker's environment.

To run an interval again after its Playstream run FAILED, start a new DAG run for it: clearing
the tasks reuses the key and so the same, failed, Playstream run.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime, timedelta, timezone

try:  # Airflow 3
    from airflow.sdk import DAG, BaseHook
except ImportError:  # Airflow 2.9 / 2.10
    from airflow import DAG
    from airflow.hooks.base import BaseHook

try:  # Airflow 3 (standard provider)
    from airflow.providers.standard.operators.bash import BashOperator
    from airflow.providers.standard.operators.python import PythonOperator
    from airflow.providers.standard.sensors.python import PythonSensor
except ImportError:  # Airflow 2.9 / 2.10
    from airflow.operators.bash import BashOperator
    from airflow.operators.python import PythonOperator
    from airflow.sensors.python import PythonSensor

try:  # Airflow 3
    from airflow.sdk.exceptions import AirflowFailException
except ImportError:  # Airflow 2
    from airflow.exceptions import AirflowFailException

from playstream_client import PlaystreamClient, RunFailed, Unavailable, base_url_from

DAG_ID = "playstream_pipeline"
LOG = logging.getLogger(__name__)

CONN_ID = os.environ.get("PLAYSTREAM_CONN_ID", "playstream_api")
SCHEDULE = os.environ.get("PLAYSTREAM_DAG_SCHEDULE", "@hourly")
CATCHUP = os.environ.get("PLAYSTREAM_DAG_CATCHUP", "false").strip().lower() in ("1", "true", "yes", "on")

# Playstream runs a load in seconds to minutes; waiting two hours means something is stuck.
LOAD_POKE_INTERVAL = timedelta(seconds=30)
LOAD_TIMEOUT = timedelta(hours=2)

# The worker's environment is kept (append_env): DBT_PROJECT_DIR, DBT_PROFILES_DIR, DBT_TARGET and
# the profile's credentials (PGHOST, PGPASSWORD...) come from there. dbt_packages is installed once.
DBT_BUILD = """
set -euo pipefail
project="${DBT_PROJECT_DIR:-/opt/airflow/dbt}"
profiles="${DBT_PROFILES_DIR:-$project}"
target="${PLAYSTREAM_DBT_TARGET:-${DBT_TARGET:-duckdb}}"
if [ ! -d "$project/dbt_packages" ]; then
  dbt deps --project-dir "$project" --profiles-dir "$profiles"
fi
dbt build --project-dir "$project" --profiles-dir "$profiles" --target "$target" \\
  --vars "{\\"data_interval_start\\": \\"$DATA_INTERVAL_START\\", \\"data_interval_end\\": \\"$DATA_INTERVAL_END\\"}"
"""


def playstream_client(conn_id: str) -> PlaystreamClient:
    """The API client for connection ``conn_id`` (looked up when a task runs, never at parse time)."""
    conn = BaseHook.get_connection(conn_id)
    return PlaystreamClient(base_url_from(conn.host, conn.port, conn.schema), token=conn.password)


def trigger_load(conn_id: str, **context) -> str:
    """Requests the load of this DAG run's data interval; the returned run id goes to XCom."""
    start, end = context.get("data_interval_start"), context.get("data_interval_end")
    key = f"{context['dag'].dag_id}:{context['run_id']}"
    # a run without a data interval (possible for manual runs in Airflow 3) loads every new object
    interval = (start, end) if start is not None and end is not None and start < end else None
    run_id = playstream_client(conn_id).trigger("load", key, interval=interval)
    LOG.info("Playstream load run_id=%s requested, idempotency_key=%s interval=%s", run_id, key, interval)
    return run_id


def load_finished(run_id: str, conn_id: str) -> bool:
    """One poke: True once the run SUCCEEDED, False while it waits or runs (or the API is briefly
    unreachable); a FAILED run fails the task without retries."""
    try:
        run = playstream_client(conn_id).finished(run_id)
    except RunFailed as e:
        raise AirflowFailException(f"Playstream {e}") from e
    except Unavailable as e:
        LOG.warning("Playstream API unavailable, will poke again: %s", e)
        return False
    if run is None:
        return False
    LOG.info("Playstream run_id=%s SUCCEEDED after attempts=%s", run_id, run.get("attempts"))
    return True


with DAG(
    dag_id=DAG_ID,
    doc_md=__doc__,
    description="Load the hour's bronze objects through Playstream's API, then dbt build",
    start_date=datetime(2025, 12, 1, tzinfo=timezone.utc),
    schedule=None if SCHEDULE.strip().lower() in ("", "none", "off") else SCHEDULE,
    catchup=CATCHUP,
    max_active_runs=1,
    default_args={
        "owner": "playstream",
        "retries": 3,
        "retry_delay": timedelta(minutes=1),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=15),
    },
    tags=["playstream", "bronze", "dbt"],
) as dag:
    trigger = PythonOperator(
        task_id="trigger_load",
        python_callable=trigger_load,
        op_kwargs={"conn_id": CONN_ID},
    )

    wait = PythonSensor(
        task_id="wait_for_load",
        python_callable=load_finished,
        op_kwargs={"run_id": "{{ ti.xcom_pull(task_ids='trigger_load') }}", "conn_id": CONN_ID},
        mode="reschedule",
        poke_interval=LOAD_POKE_INTERVAL.total_seconds(),
        timeout=LOAD_TIMEOUT.total_seconds(),
    )

    dbt_build = BashOperator(
        task_id="dbt_build",
        bash_command=DBT_BUILD,
        env={
            "PLAYSTREAM_DBT_TARGET": "{{ var.value.get('playstream_dbt_target', '') }}",
            "DATA_INTERVAL_START": "{{ data_interval_start.isoformat() if data_interval_start else '' }}",
            "DATA_INTERVAL_END": "{{ data_interval_end.isoformat() if data_interval_end else '' }}",
        },
        append_env=True,
    )

    trigger >> wait >> dbt_build
