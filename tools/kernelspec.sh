#!/usr/bin/env bash
# Writes a Jupyter kernelspec for the Kotlin kernel (jars from Maven, version pinned in
# tools/jupyter-kernel/pom.xml) and installs Descent's library descriptor where the kernel finds
# `%use descent`: ~/.jupyter_kotlin/libraries/descent.json.
# Usage: tools/kernelspec.sh KERNELS_DIR NAME DISPLAY_NAME [JAVA_OPTION...]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOME_DIR="$ROOT/.build/jupyter"
JARS="$HOME_DIR/jars"
[[ $# -ge 3 ]] || { echo "usage: tools/kernelspec.sh KERNELS_DIR NAME DISPLAY_NAME [JAVA_OPTION...]" >&2; exit 2; }
dir="$1/$2"; display="$3"; shift 3

if ! ls "$JARS"/kotlin-jupyter-kernel-*.jar >/dev/null 2>&1; then
    echo "kernel: fetching the Kotlin Jupyter kernel from Maven (version pinned in tools/jupyter-kernel/pom.xml) ..." >&2
    mvn -q -f "$ROOT/tools/jupyter-kernel/pom.xml" dependency:copy-dependencies -DoutputDirectory="$JARS"
fi
jar_of() { ls "$JARS"/$1-[0-9]*.jar | head -1; }
KERNEL_CP="$(ls "$JARS"/*.jar | paste -sd:)"
REPL_CP="$(jar_of kotlin-jupyter-api):$(jar_of kotlin-jupyter-lib):$(jar_of kotlin-stdlib):$(jar_of kotlin-stdlib-jdk7):$(jar_of kotlin-stdlib-jdk8):$(jar_of kotlin-reflect):$(jar_of kotlin-script-runtime)"

options=""
for o in --add-modules jdk.incubator.vector "$@"; do options+="\"$o\", "; done
mkdir -p "$dir"
cat > "$dir/kernel.json" <<JSON
{
  "display_name": "$display",
  "language": "kotlin",
  "interrupt_mode": "message",
  "env": {"OPENBLAS_NUM_THREADS": "1"},
  "argv": ["java", $options"-Dlogback.configurationFile=$ROOT/tools/jupyter-kernel/logback.xml", "-cp", "$KERNEL_CP",
           "org.jetbrains.kotlinx.jupyter.IkotlinKt", "-classpath=$REPL_CP", "{connection_file}", "-home=$HOME_DIR"]
}
JSON

descriptor="$ROOT/kernel-integration/target/library/descent.json"
[[ -f "$descriptor" ]] || { echo "kernel: missing $descriptor: build first (./descent test or mvn install)" >&2; exit 1; }
mkdir -p "$HOME/.jupyter_kotlin/libraries"
cp "$descriptor" "$HOME/.jupyter_kotlin/libraries/descent.json"
