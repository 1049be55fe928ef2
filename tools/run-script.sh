#!/usr/bin/env bash
# Runs a Kotlin script (.main.kts) against the built Descent jars without a Kotlin installation:
# the Kotlin compiler comes from Maven, and the script sees Descent's core, DSL and dependencies.
# Usage: tools/run-script.sh FILE.main.kts [ARGS...]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JARS="$ROOT/.build/kotlin-script/jars"
[[ $# -ge 1 ]] || { echo "usage: tools/run-script.sh FILE.main.kts [ARGS...]" >&2; exit 2; }

if ! ls "$JARS"/kotlin-main-kts-*.jar >/dev/null 2>&1; then
    echo "run: fetching the Kotlin script compiler from Maven (version pinned in pom.xml) ..." >&2
    mvn -q -f "$ROOT/tools/kotlin-script/pom.xml" dependency:copy-dependencies -DoutputDirectory="$JARS"
fi
CP_FILE="$ROOT/.build/dsl.classpath"
if [[ ! -f "$CP_FILE" || "$ROOT/dsl/pom.xml" -nt "$CP_FILE" ]]; then
    mvn -q -f "$ROOT/dsl/pom.xml" dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null
fi
jar_of() { ls "$JARS"/$1-[0-9]*.jar | head -1; }
COMPILER_CP="$(ls "$JARS"/*.jar | paste -sd:)"
SCRIPT_CP="$(jar_of kotlin-stdlib):$(jar_of kotlin-script-runtime):$(jar_of kotlin-main-kts):$ROOT/dsl/target/classes:$ROOT/src/target/classes:$(cat "$CP_FILE")"

exec java --add-modules jdk.incubator.vector -cp "$COMPILER_CP" org.jetbrains.kotlin.cli.jvm.K2JVMCompiler \
    -no-stdlib -no-reflect -classpath "$SCRIPT_CP" -script "$@"
