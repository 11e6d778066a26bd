#!/bin/sh
# Measures `playstream sink` (a cold process with its defaults) against Flink's FileSink on the same
# topic in one run: builds this folder (Flink from Maven Central, never in the product's jar), then
# runs `playstream bench --stages sink` with this job as the sink process stage's reference.
# Build the app first (mvn -B package -DskipTests at the root). Extra arguments go to bench, e.g.
#   bench/flink/run.sh --events 1000000 --rounds 3 --out sink-vs-flink.json
set -e
here=$(cd "$(dirname "$0")" && pwd -P)
root=$(cd "$here/../.." && pwd -P)
mvn -B -ntp -q -f "$here/pom.xml" package
# Flink 1.20 on Java 17 reflects into these packages (its own launcher opens the same)
opens=""
for p in java.base/java.lang java.base/java.lang.reflect java.base/java.util java.base/java.util.concurrent \
    java.base/java.util.concurrent.atomic java.base/java.io java.base/java.nio java.base/sun.nio.ch \
    java.base/java.net java.base/java.text java.base/java.time; do
  opens="$opens --add-opens=$p=ALL-UNNAMED"
done
exec java -jar "$root/pipeline-app/target/playstream.jar" bench --stages sink \
  --sink-reference "java$opens -cp $here/target/flink-file-sink-1.jar:$here/target/lib/* io.playstream.bench.flink.FileSinkDrain {bootstrap} {topic} {group} {store}" \
  "$@"
