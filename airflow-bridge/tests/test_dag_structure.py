"""The DAG file: read statically everywhere (its syntax tree), and loaded by Airflow's own DagBag
where Airflow is installed."""

from __future__ import annotations

import ast
import os
import unittest
from datetime import datetime, timezone
from unittest import mock

import support

try:
    import airflow  # noqa: F401
    HAVE_AIRFLOW = True
except ImportError:
    HAVE_AIRFLOW = False

DAG_ID = "playstream_pipeline"
TASK_CHAIN = ["trigger_load", "wait_for_load", "dbt_build"]

# Calls that would do I/O (network, files, metadata database, clock) if they ran at import time.
IO_CALL_NAMES = {"urlopen", "get_connection", "get_connection_from_secrets", "PlaystreamClient",
                 "playstream_client", "open", "sleep", "now", "utcnow", "today", "days_ago", "Popen",
                 "check_output", "check_call", "system", "create_connection", "health", "trigger",
                 "finished", "wait", "get_variable_from_secrets"}
IO_CALL_PREFIXES = ("requests.", "httpx.", "urllib.", "socket.", "http.", "subprocess.", "Variable.",
                    "Connection.", "BaseHook.")
IO_MODULES = {"requests", "httpx", "urllib", "socket", "http", "subprocess"}


def dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return dotted(node.func) + "()"
    return "?"


def import_time_nodes(tree: ast.Module):
    """Every node that runs when the module is imported: everything except function bodies
    (their decorators and default values do run)."""
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            pending.extend(node.decorator_list)
            pending.extend(d for d in node.args.defaults + node.args.kw_defaults if d is not None)
        elif isinstance(node, ast.Lambda):
            pending.extend(node.args.defaults)
        else:
            pending.extend(ast.iter_child_nodes(node))


class DagFileIsStaticConfigurationTest(unittest.TestCase):
    """Runs without Airflow: what the file does when the DAG processor imports it."""

    @classmethod
    def setUpClass(cls):
        cls.source = support.DAG_FILE.read_text(encoding="utf-8")
        cls.tree = ast.parse(cls.source, filename=str(support.DAG_FILE))
        cls.top_level = list(import_time_nodes(cls.tree))
        cls.calls = [n for n in cls.top_level if isinstance(n, ast.Call)]

    def call_named(self, name: str) -> ast.Call:
        found = [c for c in self.calls if dotted(c.func) == name]
        self.assertEqual(1, len(found), f"expected one top-level call of {name}")
        return found[0]

    def keyword(self, call: ast.Call, name: str) -> ast.AST:
        found = [k.value for k in call.keywords if k.arg == name]
        self.assertEqual(1, len(found), f"{dotted(call.func)}(...) has no keyword {name}")
        return found[0]

    def test_nothing_at_import_time_calls_the_network_files_the_database_or_the_clock(self):
        io_calls = [f"line {c.lineno}: {dotted(c.func)}" for c in self.calls
                    if dotted(c.func).split(".")[-1] in IO_CALL_NAMES or dotted(c.func).startswith(IO_CALL_PREFIXES)]
        self.assertEqual([], io_calls)

    def test_the_dag_file_itself_imports_no_http_or_process_library(self):
        imported = set()
        for node in self.top_level:
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
        self.assertEqual(set(), imported & IO_MODULES)

    def test_no_address_is_hard_coded(self):
        urls = [n.value for n in ast.walk(self.tree)
                if isinstance(n, ast.Constant) and isinstance(n.value, str) and "://" in n.value]
        self.assertEqual([], urls)

    def test_the_dag_is_documented_by_the_module_docstring(self):
        self.assertTrue(ast.get_docstring(self.tree), "the DAG file needs a module docstring")
        doc_md = self.keyword(self.call_named("DAG"), "doc_md")
        self.assertIsInstance(doc_md, ast.Name)
        self.assertEqual("__doc__", doc_md.id)

    def test_start_date_is_a_fixed_instant(self):
        start_date = self.keyword(self.call_named("DAG"), "start_date")
        self.assertIsInstance(start_date, ast.Call)
        self.assertEqual("datetime", dotted(start_date.func))
        self.assertTrue(all(isinstance(a, ast.Constant) for a in start_date.args))
        self.assertEqual(["tzinfo"], [k.arg for k in start_date.keywords])

    def test_one_active_run_at_a_time_without_catchup_by_default_and_with_retries(self):
        dag = self.call_named("DAG")
        self.assertEqual(1, ast.literal_eval(self.keyword(dag, "max_active_runs")))
        catchup = self.keyword(dag, "catchup")
        self.assertIsInstance(catchup, ast.Name, "catchup comes from PLAYSTREAM_DAG_CATCHUP")
        catchup_default = [c for c in self.calls if dotted(c.func) == "os.environ.get"
                           and ast.literal_eval(c.args[0]) == "PLAYSTREAM_DAG_CATCHUP"]
        self.assertEqual("false", ast.literal_eval(catchup_default[0].args[1]))
        default_args = self.keyword(dag, "default_args")
        settings = {ast.literal_eval(k): v for k, v in zip(default_args.keys, default_args.values)}
        self.assertGreater(ast.literal_eval(settings["retries"]), 0)
        self.assertTrue(ast.literal_eval(settings["retry_exponential_backoff"]))

    def test_the_sensor_gives_its_worker_slot_back_between_pokes(self):
        sensor = self.call_named("PythonSensor")
        self.assertEqual("reschedule", ast.literal_eval(self.keyword(sensor, "mode")))
        self.assertEqual("load_finished", dotted(self.keyword(sensor, "python_callable")))

    def test_the_tasks_run_trigger_then_wait_then_dbt_build(self):
        task_ids = {}
        for node in self.top_level:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                ids = [k.value for k in node.value.keywords if k.arg == "task_id"]
                if ids:
                    task_ids[node.targets[0].id] = ast.literal_eval(ids[0])
        chains = [n.value for n in self.top_level
                  if isinstance(n, ast.Expr) and isinstance(n.value, ast.BinOp) and isinstance(n.value.op, ast.RShift)]
        self.assertEqual(1, len(chains), "one dependency chain a >> b >> c")
        names, node = [], chains[0]
        while isinstance(node, ast.BinOp):
            names.insert(0, node.right.id)
            node = node.left
        names.insert(0, node.id)
        self.assertEqual(TASK_CHAIN, [task_ids[n] for n in names])
        self.assertEqual(set(TASK_CHAIN), set(task_ids.values()))

    def test_dbt_build_reads_its_target_from_a_variable_at_run_time(self):
        dbt = self.call_named("BashOperator")
        env = self.keyword(dbt, "env")
        rendered = {ast.literal_eval(k): ast.literal_eval(v) for k, v in zip(env.keys, env.values)}
        self.assertIn("var.value.get('playstream_dbt_target'", rendered["PLAYSTREAM_DBT_TARGET"])
        self.assertIn("data_interval_start", rendered["DATA_INTERVAL_START"])
        self.assertIn("data_interval_end", rendered["DATA_INTERVAL_END"])
        self.assertTrue(ast.literal_eval(self.keyword(dbt, "append_env")))


@unittest.skipUnless(HAVE_AIRFLOW, "Airflow is not installed here (pip install 'apache-airflow>=2.9'); "
                                   "the static checks of DagFileIsStaticConfigurationTest ran instead")
class DagBagLoadsTheDagTest(unittest.TestCase):
    """Airflow's own parser, as the DAG processor runs it."""

    @classmethod
    def setUpClass(cls):
        try:
            from airflow.dag_processing.dagbag import DagBag  # Airflow 3.1+
        except ImportError:
            from airflow.models.dagbag import DagBag
        settings = {k: v for k, v in os.environ.items() if not k.startswith("PLAYSTREAM_DAG_")}
        with mock.patch.dict(os.environ, settings, clear=True):
            cls.dagbag = DagBag(dag_folder=str(support.DAGS_DIR), include_examples=False)

    def test_the_folder_loads_without_import_errors_and_holds_only_this_dag(self):
        self.assertEqual({}, dict(self.dagbag.import_errors))
        self.assertEqual([DAG_ID], sorted(self.dagbag.dag_ids))

    def test_the_dag_settings(self):
        dag = self.dagbag.dags[DAG_ID]
        self.assertEqual(1, dag.max_active_runs)
        self.assertFalse(dag.catchup)
        self.assertEqual(datetime(2025, 12, 1, tzinfo=timezone.utc), dag.start_date)
        self.assertIn("### Playstream", dag.doc_md)
        self.assertTrue(all(task.retries == 3 for task in dag.tasks))

    def test_the_tasks_and_their_order(self):
        dag = self.dagbag.dags[DAG_ID]
        self.assertEqual(set(TASK_CHAIN), set(dag.task_ids))
        self.assertEqual({"wait_for_load"}, dag.get_task("trigger_load").downstream_task_ids)
        self.assertEqual({"dbt_build"}, dag.get_task("wait_for_load").downstream_task_ids)
        self.assertEqual(set(), dag.get_task("dbt_build").downstream_task_ids)

    def test_the_sensor_reschedules_and_reads_the_run_id_from_the_trigger(self):
        sensor = self.dagbag.dags[DAG_ID].get_task("wait_for_load")
        self.assertEqual("reschedule", sensor.mode)
        self.assertIn("xcom_pull(task_ids='trigger_load')", sensor.op_kwargs["run_id"])


if __name__ == "__main__":
    unittest.main()
