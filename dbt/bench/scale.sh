#!/usr/bin/env bash
# Transform at scale on DuckDB: a full build over EVENTS events, then one more hour of events
# loaded on top and an incremental run; both timed, for this project and for a reference
# project from git (by default 0490c61, the dbt project before incremental gold), on the same
# bronze data, in the same session, so the ratios compare on a shared, loaded machine.
#
#   dbt/bench/scale.sh [EVENTS] [WORK_DIR]        (defaults: 10000000, a new temp folder)
#
# Environment: HOURS (history hours, 72 as the bench's three days), SEED (42), FROM
# (2025-12-01T00:00:00Z), REFERENCE (git revision of the reference project, 0490c61; empty to
# skip it), BUILD=0 to use the jar as it is, VARS (a YAML mapping passed as --vars to every
# transform, e.g. '{late_data_lookback_hours: 0}'), WAREHOUSE (duckdb, the default, or postgres:
# databases playstream_scale_* on PGHOST:PGPORT as PGUSER, 127.0.0.1:5432 postgres by default,
# made with psql; each project's is a template copy of the loaded history).
# The history is loaded minutes before the incremental run, so every history batch is inside
# silver's late_data_lookback_hours window (3 h): the worst case for the incremental run, which
# reads the window's load stamps to find the batches it has not judged (whole rows of the new
# batches only). An hourly pipeline's window holds the last three hours' batches; VARS with
# late_data_lookback_hours: 0 measures that steady state (only the new hour's batches in the window).
# Steps: build the jar; `generate` EVENTS events over HOURS hours plus as many again per hour for
# one more hour; split them by event hour into the original pipeline's bronze layout (plain
# lines, dbt/bench/split_hours.py), the last hour held back; `load` the history once into a
# DuckDB file and copy it per project; `transform` each (full build); load the held-back hour
# into each; `transform` each again (incremental); print times, ratios and per model seconds
# and rows written from target/run_results.json (dbt/bench/report.py).
# Needs bash, python3, java 17, maven, git; disk: about 2 KB per event in WORK_DIR.
set -euo pipefail

EVENTS=${1:-10000000}
HOURS=${HOURS:-72}
SEED=${SEED:-42}
FROM=${FROM:-2025-12-01T00:00:00Z}
REFERENCE=${REFERENCE-0490c61}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=$ROOT/dbt/bench
JAR=$ROOT/pipeline-app/target/playstream.jar
WORK=${2:-$(mktemp -d -t playstream-scale.XXXXXX)}
WORK=$(mkdir -p "$WORK" && cd "$WORK" && pwd)

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print('%.3f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$(now)"; }
playstream() { java -jar "$JAR" "$@"; }

# one warehouse per name: a DuckDB file in WORK, or a PostgreSQL database
WAREHOUSE=${WAREHOUSE:-duckdb}
PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
pg() { PGOPTIONS=--client-min-messages=warning psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -qAt -v ON_ERROR_STOP=1 "$@"; }
warehouse() {
  case $WAREHOUSE in
    duckdb) echo "duckdb:$WORK/$1.duckdb" ;;
    postgres) echo "jdbc:postgresql://$PGHOST:$PGPORT/playstream_scale_$1?user=$PGUSER" ;;
    *) echo "WAREHOUSE must be duckdb or postgres, was $WAREHOUSE" >&2; exit 2 ;;
  esac
}
fresh_warehouse() {
  case $WAREHOUSE in
    duckdb) rm -f "$WORK/$1.duckdb" "$WORK/$1.duckdb.wal" ;;
    postgres) pg -c "drop database if exists playstream_scale_$1" -c "create database playstream_scale_$1" ;;
  esac
}
copy_warehouse() { # from to
  case $WAREHOUSE in
    duckdb) cp "$WORK/$1.duckdb" "$WORK/$2.duckdb" ;;
    postgres) pg -c "drop database if exists playstream_scale_$2" -c "create database playstream_scale_$2 template playstream_scale_$1" ;;
  esac
}

if [[ ${BUILD:-1} != 0 ]]; then
  log "building the jar"
  (cd "$ROOT" && mvn -B -q package -DskipTests)
fi

# epoch seconds of FROM, end of history, end of the held-back hour (ISO, UTC)
read -r HISTORY_END HELD_END HELD_HOUR < <(python3 - "$FROM" "$HOURS" <<'PY'
import sys, datetime
start = datetime.datetime.fromisoformat(sys.argv[1].replace("Z", "+00:00"))
end = start + datetime.timedelta(hours=int(sys.argv[2]))
fmt = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
print(fmt(end), fmt(end + datetime.timedelta(hours=1)), end.strftime("%Y-%m-%dT%H"))
PY
)
TOTAL=$((EVENTS + EVENTS / HOURS))
mkdir -p "$WORK/results"
log "work folder $WORK; $TOTAL events from $FROM to $HELD_END, hour $HELD_HOUR held back"

if [[ ! -f $WORK/events.ndjson ]]; then
  log "generating"
  playstream generate --events "$TOTAL" --seed "$SEED" --from "$FROM" --to "$HELD_END" --out "$WORK/events.ndjson.part"
  mv "$WORK/events.ndjson.part" "$WORK/events.ndjson"
fi
rm -rf "$WORK/lake" "$WORK/held"
python3 "$BENCH/split_hours.py" "$WORK/events.ndjson" "$WORK/lake" "$WORK/held" "$HELD_HOUR"

# the projects: this checkout's dbt/ and the reference revision's, each in a copy with its own target/
PROJECTS=(current)
rm -rf "$WORK/projects" && mkdir -p "$WORK/projects/current"
tar -C "$ROOT" --exclude=dbt/target --exclude=dbt/bench -cf - dbt | tar -C "$WORK/projects/current" -xf -
if [[ -n $REFERENCE ]]; then
  PROJECTS+=(reference)
  mkdir -p "$WORK/projects/reference"
  git -C "$ROOT" archive "$REFERENCE" dbt | tar -C "$WORK/projects/reference" -xf -
fi

log "loading the history"
start=$(now)
fresh_warehouse history
playstream load --store "file:$WORK/lake" --warehouse "$(warehouse history)"
log "load took $(elapsed "$start") s"

transform() { # project run
  local project=$1 run=$2 start
  start=$(now)
  playstream transform --warehouse "$(warehouse "$project")" --project "$WORK/projects/$project/dbt" \
    ${VARS:+--vars "$VARS"} > "$WORK/results/$project-$run.log"
  elapsed "$start" > "$WORK/results/$project-$run.seconds"
  cp "$WORK/projects/$project/dbt/target/run_results.json" "$WORK/results/$project-$run.json"
  log "$project $run transform took $(cat "$WORK/results/$project-$run.seconds") s"
}

for project in "${PROJECTS[@]}"; do
  copy_warehouse history "$project"
  transform "$project" full
done

# one more hour arrives: the held-back objects join the lake, each warehouse loads them
cp -r "$WORK/held/bronze/." "$WORK/lake/bronze/"
for project in "${PROJECTS[@]}"; do
  start=$(now)
  playstream load --store "file:$WORK/lake" --warehouse "$(warehouse "$project")"
  log "$project: loading the new hour took $(elapsed "$start") s"
  transform "$project" incremental
done

python3 "$BENCH/report.py" "$WORK" "${PROJECTS[@]}"
