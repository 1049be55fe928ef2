#!/usr/bin/env bash
# Runs a Kotlin script (.main.kts) the way `kotlinc -script` does, without a Kotlin installation:
# the command-line compiler's entry point (K2JVMCompiler) from Maven, with only the standard library,
# the script runtime and kotlin-main-kts on the classpath. The script gets Descent through its own
# @file:DependsOn lines, resolved from the local Maven repository where the launcher installed it.
# Usage: tools/run-script.sh FILE.main.kts [ARGS...]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JARS="$ROOT/.build/kotlin-script/jars"
[[ $# -ge 1 ]] || { echo "usage: tools/run-script.sh FILE.main.kts [ARGS...]" >&2; exit 2; }

if ! ls "$JARS"/kotlin-main-kts-*.jar >/dev/null 2>&1; then
    echo "run: fetching the Kotlin script compiler from Maven (version pinned in pom.xml) ..." >&2
    mvn -q -f "$ROOT/tools/kotlin-script/pom.xml" dependency:copy-dependencies -DoutputDirectory="$JARS"
fi
jar_of() { ls "$JARS"/$1-[0-9]*.jar | head -1; }
COMPILER_CP="$(ls "$JARS"/*.jar | paste -sd:)"
SCRIPT_CP="$(jar_of kotlin-stdlib):$(jar_of kotlin-script-runtime):$(jar_of kotlin-main-kts)"

exec java --add-modules jdk.incubator.vector -Djava.awt.headless=true -cp "$COMPILER_CP" org.jetbrains.kotlin.cli.jvm.K2JVMCompiler \
    -no-stdlib -no-reflect -classpath "$SCRIPT_CP" -script "$@"
