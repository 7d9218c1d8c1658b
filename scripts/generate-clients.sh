#!/usr/bin/env bash
# Generates the API clients from the contract (openapi/devstate.yaml) with a pinned OpenAPI Generator:
#
#   scripts/generate-clients.sh           regenerate clients/typescript, clients/go, clients/python
#   scripts/generate-clients.sh --check   regenerate into a temporary folder and fail (exit 1) when the
#                                         committed generated files differ (stale or hand-edited)
#   scripts/generate-clients.sh --fetch   only make sure the pinned generator jar is present
#
# Only Java 17+ is needed: the generator is the openapi-generator-cli jar from Maven Central, fetched
# once into the local Maven repository by ./mvnw (override with OPENAPI_GENERATOR_JAR=/path/to.jar).
# The package version of every client is the contract's info.version (one source of truth).
#
# What is generated and what is hand-written: each client's .openapi-generator/FILES lists the
# generated files; everything else (README.md, the offline verifier, tests, go.mod of the verifier,
# package-lock.json, ...) is hand-written and protected by the client's .openapi-generator-ignore.
# Customised templates: clients/openapi-generator/templates/<generator>/ (package manifests, the
# TypeScript index (which exports the verifier), Go's go.mod and error text, Python's exceptions).
# Every `format: date-time` is generated as a string (typeMappings DateTime): a history entry's `ts`
# is signed, and a date type would not give the same text back.
# Copies kept equal to their one source (written here, compared by --check): docs/vectors/*.json
# into clients/go/verify/testdata/ (a copy of the Go module tests without the repository) and
# LICENSE into the TypeScript and Python packages.
set -euo pipefail

OPENAPI_GENERATOR_VERSION=7.25.0

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SPEC="$ROOT/openapi/devstate.yaml"
TEMPLATES="$ROOT/clients/openapi-generator/templates"
CLIENTS=(typescript go python)

log() { printf '[generate-clients] %s\n' "$*" >&2; }
die() { printf '[generate-clients] ERROR: %s\n' "$*" >&2; exit 2; }

mode=generate
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  --fetch) mode=fetch ;;
  -h|--help) sed -n '2,24p' "${BASH_SOURCE[0]}"; exit 0 ;;
  *) die "unknown argument: $1 (use --check or nothing)" ;;
esac

# --- the contract's version: the single source of the packages' versions ---
VERSION=$(awk '
  /^info:/ { in_info = 1; next }
  in_info && /^[^ ]/ { exit }
  in_info && /^  version:/ { v = $2; gsub(/["\x27]/, "", v); print v; exit }
' "$SPEC")
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]] || die "info.version of $SPEC is not semver: '$VERSION'"

# --- the pinned generator jar ---
generator_jar() {
  if [ -n "${OPENAPI_GENERATOR_JAR:-}" ]; then
    [ -f "$OPENAPI_GENERATOR_JAR" ] || die "OPENAPI_GENERATOR_JAR=$OPENAPI_GENERATOR_JAR does not exist"
    printf '%s\n' "$OPENAPI_GENERATOR_JAR"; return
  fi
  local repo="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"
  local jar="$repo/org/openapitools/openapi-generator-cli/$OPENAPI_GENERATOR_VERSION/openapi-generator-cli-$OPENAPI_GENERATOR_VERSION.jar"
  if [ ! -f "$jar" ]; then
    log "fetching openapi-generator-cli $OPENAPI_GENERATOR_VERSION from Maven Central"
    (cd "$ROOT" && ./mvnw -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
      -Dartifact="org.openapitools:openapi-generator-cli:$OPENAPI_GENERATOR_VERSION" -Dtransitive=false \
      ${MAVEN_REPO_LOCAL:+-Dmaven.repo.local="$MAVEN_REPO_LOCAL"}) >&2 \
      || die "could not fetch openapi-generator-cli (set OPENAPI_GENERATOR_JAR)"
  fi
  printf '%s\n' "$jar"
}
JAR=$(generator_jar)
[ "$mode" = fetch ] && exit 0
if [ -n "${JAVA_HOME:-}" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/devstate-clients.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# --- one batch (one JVM) for the three generators ---
# Each output folder starts with the client's committed .openapi-generator-ignore, so hand-written
# files are never produced, neither here nor in --check.
for client in "${CLIENTS[@]}"; do
  mkdir -p "$WORK/out/$client"
  cp "$ROOT/clients/$client/.openapi-generator-ignore" "$WORK/out/$client/"
done

common_globals='globalProperties:
  apiTests: "false"
  modelTests: "false"'

cat > "$WORK/typescript.yaml" <<EOF
generatorName: typescript-fetch
inputSpec: $SPEC
outputDir: $WORK/out/typescript
templateDir: $TEMPLATES/typescript-fetch
gitHost: github.com
gitUserId: devstate
gitRepoId: devstate
$common_globals
additionalProperties:
  npmName: "@devstate/client"
  npmVersion: "$VERSION"
  licenseName: MIT
  supportsES6: true
  stringEnums: true
  importFileExtension: ".js"
typeMappings:
  DateTime: string
EOF
cat > "$WORK/go.yaml" <<EOF
generatorName: go
inputSpec: $SPEC
outputDir: $WORK/out/go
templateDir: $TEMPLATES/go
gitHost: github.com
gitUserId: devstate
gitRepoId: devstate/clients/go
$common_globals
additionalProperties:
  packageName: devstate
  packageVersion: "$VERSION"
  isGoSubmodule: false
  enumClassPrefix: true
  withGoMod: true
typeMappings:
  DateTime: string
EOF
cat > "$WORK/python.yaml" <<EOF
generatorName: python
inputSpec: $SPEC
outputDir: $WORK/out/python
templateDir: $TEMPLATES/python
gitHost: github.com
gitUserId: devstate
gitRepoId: devstate
$common_globals
additionalProperties:
  packageName: devstate_client
  projectName: devstate-client
  packageVersion: "$VERSION"
  licenseInfo: MIT
typeMappings:
  DateTime: str
EOF
log "openapi-generator $OPENAPI_GENERATOR_VERSION, contract version $VERSION"
if ! "$JAVA" -jar "$JAR" batch --fail-fast "$WORK/typescript.yaml" "$WORK/go.yaml" "$WORK/python.yaml" \
    > "$WORK/generator.log" 2>&1; then
  cat "$WORK/generator.log" >&2
  die "openapi-generator failed"
fi

# The generated file list of a client folder: .openapi-generator/FILES plus that folder itself.
generated_files() { # DIR
  [ -f "$1/.openapi-generator/FILES" ] || return 0
  { cat "$1/.openapi-generator/FILES"; printf '.openapi-generator/FILES\n.openapi-generator/VERSION\n'; } \
    | sed '/^$/d' | LC_ALL=C sort -u
}

status=0
for client in "${CLIENTS[@]}"; do
  new="$WORK/out/$client"
  old="$ROOT/clients/$client"
  if [ "$mode" = check ]; then
    if [ "$(generated_files "$old")" != "$(generated_files "$new")" ]; then
      log "clients/$client: the set of generated files changed:"
      diff <(generated_files "$old") <(generated_files "$new") >&2 || true
      status=1
    fi
    while IFS= read -r f; do
      if [ ! -f "$old/$f" ] || ! cmp -s "$new/$f" "$old/$f"; then
        log "clients/$client/$f differs from what the generator writes"
        diff -u "$old/$f" "$new/$f" 2>/dev/null | head -n 20 >&2 || true
        status=1
      fi
    done < <(generated_files "$new")
  else
    # Remove generated files that the generator no longer writes, then copy the new ones.
    while IFS= read -r f; do
      if [ ! -f "$new/$f" ]; then rm -f "$old/$f"; fi
    done < <(generated_files "$old")
    while IFS= read -r f; do
      mkdir -p "$(dirname "$old/$f")"
      cp "$new/$f" "$old/$f"
    done < <(generated_files "$new")
    find "$old" -type d -empty -delete
  fi
done

# Copies of repository files that the packages ship: SOURCE -> DESTINATION (relative to ROOT).
copies() {
  local vector
  for vector in "$ROOT"/docs/vectors/*.json; do
    printf '%s %s\n' "docs/vectors/${vector##*/}" "clients/go/verify/testdata/${vector##*/}"
  done
  printf '%s %s\n' LICENSE clients/typescript/LICENSE LICENSE clients/python/LICENSE
}
while read -r source destination; do
  if [ "$mode" = check ]; then
    if ! cmp -s "$ROOT/$source" "$ROOT/$destination"; then
      log "$destination differs from $source"
      status=1
    fi
  else
    mkdir -p "$(dirname "$ROOT/$destination")"
    cp "$ROOT/$source" "$ROOT/$destination"
  fi
done < <(copies)

# Hand-written manifests that carry the version too: keep them on the contract's version.
if [ "$mode" = generate ]; then
  lock="$ROOT/clients/typescript/package-lock.json"
  if [ -f "$lock" ]; then
    python3 - "$lock" "$VERSION" <<'PY'
import json, sys
path, version = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as f:
    lock = json.load(f)
lock["version"] = version
lock.setdefault("packages", {}).setdefault("", {})["version"] = version
with open(path, "w", encoding="utf-8") as f:
    f.write(json.dumps(lock, indent=2, ensure_ascii=False) + "\n")
PY
  fi
  log "generated clients/{typescript,go,python} (version $VERSION)"
else
  lock="$ROOT/clients/typescript/package-lock.json"
  if [ -f "$lock" ] && ! grep -q "\"version\": \"$VERSION\"" "$lock"; then
    log "clients/typescript/package-lock.json is not at version $VERSION"
    status=1
  fi
  if [ "$status" -ne 0 ]; then
    log "generated clients are out of date: run scripts/generate-clients.sh and commit the result"
    exit 1
  fi
  log "generated clients match the contract (version $VERSION)"
fi
