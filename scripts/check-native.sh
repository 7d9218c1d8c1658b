#!/usr/bin/env bash
# The strongest native-image check possible without GraalVM: Quarkus runs every native build step
# and writes the native-image inputs (quarkus.native.sources-only) without calling native-image.
# Then this script checks that the resources DevState loads at runtime are registered for the
# image: every Flyway migration, the OpenAPI contract and the bundled state schema.
#
#   scripts/check-native.sh [extra maven args]
#
# Writes target/native-sources/ (native-image.args, the runner jar, lib/) and replaces the jar in
# target/. What this does and does not prove: docs/PACKAGING.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

./mvnw -B -q package -Dnative -DskipTests -Dquarkus.native.sources-only=true "$@"

SRC=target/native-sources
ARGS="$SRC/native-image.args"
[ -f "$ARGS" ] || { echo "FAIL: $ARGS was not generated" >&2; exit 1; }
RUNNER_JAR="$(sed -n 's/.*-jar \([^ ]*-runner\.jar\).*/\1/p' "$ARGS")"
[ -n "$RUNNER_JAR" ] && [ -f "$SRC/$RUNNER_JAR" ] || { echo "FAIL: no runner jar named in $ARGS" >&2; exit 1; }
grep -q -- '--no-fallback' "$ARGS" || { echo "FAIL: $ARGS lacks --no-fallback" >&2; exit 1; }

required=(META-INF/openapi/devstate.yaml devstate/STATE.schema.json)
for sql in sql/V*.sql; do
  required+=("db/migration/$(basename "$sql")")
done

python3 - "$SRC/$RUNNER_JAR" "${required[@]}" <<'PY'
import json, re, sys, zipfile

jar_path, required = sys.argv[1], sys.argv[2:]
jar = zipfile.ZipFile(jar_path)
names = set(jar.namelist())
config = json.loads(jar.read("META-INF/native-image/resource-config.json"))
patterns = [p["pattern"] for p in config["resources"]["includes"]]

def java_regex(pattern):
    # native-image patterns are Java regexes; Quarkus quotes literal paths with \Q...\E.
    return re.compile(re.sub(r"\\Q(.*?)\\E", lambda m: re.escape(m.group(1)), pattern))

compiled = [java_regex(p) for p in patterns]
failed = False
for resource in required:
    if resource not in names:
        print(f"FAIL: {resource} is not packaged in {jar_path}")
        failed = True
    elif not any(rx.fullmatch(resource) for rx in compiled):
        print(f"FAIL: {resource} is not registered in META-INF/native-image/resource-config.json")
        failed = True
    else:
        print(f"ok:   {resource}")
if failed:
    print("Register missing resources with quarkus.native.resources.includes in application.properties.")
    sys.exit(1)
PY
echo "native sources OK: $ARGS (GraalVM $(cat "$SRC/graalvm.version" 2>/dev/null || echo '?') expected by Quarkus)"
