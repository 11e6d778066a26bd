"""Re-records DbtListTest's expectations (src/test/resources/dbt-ls/*.txt) with real dbt.

Whenever the dbt project's nodes change (a model, test, seed, snapshot or unit test added, removed
or renamed), `transform --ls` prints something else and the recordings must be taken again from
dbt itself, never from the runner. Each file keeps its header (lines before the first `$ `) and its
cases (`$ ARGS`); only the printed lines are replaced. One dbtRunner process serves every case, so
the project is parsed once per file rather than once per case.

Run it with a Python that imports real dbt-core with dbt-postgres, from the repository's root:

    PYTHONPATH=<dbt site-packages> python3 pipeline-core/src/test/python/record_dbt_ls.py \
        <dbt_utils package folder> [work folder]

The `state:` file is recorded after the same two edits DbtListTest makes for the runner: a
changed body in models/gold/top_songs.sql and a changed seconds_between macro. The `selectors`
file is recorded on another copy of the project that has dbt-ls/selectors.yml as its selectors.yml.
"""
import os
import shlex
import shutil
import sys

from dbt.cli.main import dbtRunner

RECORDINGS = "pipeline-core/src/test/resources/dbt-ls"
MACRO_HEAD = "{% macro seconds_between(start_at, end_at) -%}"


def copy_project(work, dbt_utils):
    project = os.path.join(work, "project")
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree("dbt", project, ignore=shutil.ignore_patterns("target", "dbt_packages", "logs", "bench"))
    shutil.copytree(dbt_utils, os.path.join(project, "dbt_packages", "dbt_utils"))
    return project


def rerecord(runner, path, common):
    with open(path) as recorded:
        lines = recorded.read().split("\n")
    first_case = next(i for i, line in enumerate(lines) if line.startswith("$ "))
    out = lines[:first_case]
    for args in [line[2:] for line in lines if line.startswith("$ ")]:
        result = runner.invoke(["ls", "-q", *shlex.split(args), *common])
        if not result.success:
            sys.exit(f"dbt ls {args} failed: {result.exception}")
        out += ["$ " + args, *[str(node) for node in result.result], ""]
    with open(path, "w") as recording:
        recording.write("\n".join(out).rstrip("\n") + "\n")
    print("recorded", path)


def record_selectors(runner, work, dbt_utils):
    project = copy_project(work, dbt_utils)
    shutil.copy(os.path.join(RECORDINGS, "selectors.yml"), os.path.join(project, "selectors.yml"))
    rerecord(runner, os.path.join(RECORDINGS, "dbt-1.11-ls-selectors.txt"), ["--project-dir", project, "--profiles-dir", project])


def main():
    dbt_utils = sys.argv[1]
    work = sys.argv[2] if len(sys.argv) > 2 else "/tmp/playstream-dbt-ls"
    # a postgres profile that only parses: dbt ls never connects
    os.environ.update(DBT_TARGET="postgres", PGUSER="postgres", PGDATABASE="postgres")
    record_selectors(dbtRunner(), work + "-selectors", dbt_utils)
    project = copy_project(work, dbt_utils)
    common = ["--project-dir", project, "--profiles-dir", project]
    runner = dbtRunner()
    rerecord(runner, os.path.join(RECORDINGS, "dbt-1.11-ls.txt"), common)

    state = os.path.join(work, "state")
    if not runner.invoke(["parse", *common, "--target-path", state]).success:
        sys.exit("dbt parse failed")
    with open(os.path.join(project, "models/gold/top_songs.sql"), "a") as body:
        body.write("\n-- a changed body\n")
    macro = os.path.join(project, "macros/seconds_between.sql")
    with open(macro) as source:
        text = source.read()
    if MACRO_HEAD not in text:
        sys.exit("macros/seconds_between.sql changed its head: update this script and DbtListTest together")
    with open(macro, "w") as source:
        source.write(text.replace(MACRO_HEAD, MACRO_HEAD + "{#- changed -#}"))
    rerecord(runner, os.path.join(RECORDINGS, "dbt-1.11-ls-state.txt"), [*common, "--state", state])


if __name__ == "__main__":
    main()
