#!/usr/bin/env bash
# JMH microbenchmarks of src/jmh/java (canonicalisation + HMAC, verify per entry); results in
# docs/benchmarks/JMH.md. Arguments go to JMH (e.g. `scripts/jmh.sh Signing -f 1 -wi 2`).
#
#   flock /tmp/devstate-bench.lock scripts/jmh.sh                 all benchmarks
#   flock /tmp/devstate-bench.lock scripts/jmh.sh -rf json -rff /tmp/jmh.json
#
# The `jmh` Maven profile compiles the benchmarks as test sources (JMH's annotation processor writes
# the harness); the normal build never sees them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CP_FILE="$ROOT/target/jmh-classpath.txt"
./mvnw -B -q -Pjmh -DskipTests test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE"
exec java -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$CP_FILE")" org.openjdk.jmh.Main "$@"
