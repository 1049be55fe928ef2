#!/usr/bin/env bash
# Executes every notebook in notebooks/ headless through the real Kotlin Jupyter kernel and fails
# if any cell raises. Jupyter comes from Debian's packages, the kernel jars from Maven.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/.build/jupyter"
JARS="$BUILD/jars"
KERNEL_DIR="$BUILD/share/jupyter/kernels/descent-kotlin"
OUT="$ROOT/.build/notebooks"

say() { printf 'notebooks: %s\n' "$*" >&2; }

if [[ ! -x /usr/bin/jupyter ]] || ! /usr/bin/python3 -c 'import nbclient, ipykernel' 2>/dev/null; then
    say "installing Jupyter from Debian packages ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jupyter-nbconvert jupyter-client python3-nbclient python3-ipykernel >/dev/null
fi

if ! ls "$JARS"/kotlin-jupyter-kernel-*.jar >/dev/null 2>&1; then
    say "fetching the Kotlin Jupyter kernel from Maven (version pinned in pom.xml) ..."
    mvn -q -f "$ROOT/tools/jupyter-kernel/pom.xml" dependency:copy-dependencies -DoutputDirectory="$JARS"
fi

jar_of() { ls "$JARS"/$1-[0-9]*.jar | head -1; }
KERNEL_CP="$(ls "$JARS"/*.jar | paste -sd:)"
REPL_CP="$(jar_of kotlin-jupyter-api):$(jar_of kotlin-jupyter-lib):$(jar_of kotlin-stdlib):$(jar_of kotlin-stdlib-jdk7):$(jar_of kotlin-stdlib-jdk8):$(jar_of kotlin-reflect):$(jar_of kotlin-script-runtime)"

mkdir -p "$KERNEL_DIR" "$OUT"
cat > "$KERNEL_DIR/kernel.json" <<JSON
{
  "display_name": "Kotlin (Descent)",
  "language": "kotlin",
  "interrupt_mode": "message",
  "argv": ["java", "--add-modules", "jdk.incubator.vector", "-Ddescent.quiet=true",
           "-Dlogback.configurationFile=$ROOT/tools/jupyter-kernel/logback.xml", "-cp", "$KERNEL_CP",
           "org.jetbrains.kotlinx.jupyter.IkotlinKt", "-classpath=$REPL_CP", "{connection_file}", "-home=$BUILD"]
}
JSON

JAR="$ROOT/kernel-integration/target/descent-jupyter-0.1.0-SNAPSHOT-all.jar"
[[ -f "$JAR" ]] || { say "missing $JAR: build with 'mvn install' first"; exit 1; }

# The README's Kotlin snippets run as one more notebook, from the notebooks directory.
readme_status=0
start=$(date +%s)
JUPYTER_PATH="$BUILD/share/jupyter" /usr/bin/python3 - "$ROOT" "$OUT" <<'PY' >"$OUT/README.kotlin.log" 2>&1 || readme_status=1
import re, sys, nbformat, nbclient
root, out = sys.argv[1], sys.argv[2]
blocks = re.findall(r"```kotlin\n(.*?)```", open(root + "/README.md", encoding="utf-8").read(), re.S)
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(b) for b in blocks])
try:
    nbclient.NotebookClient(nb, kernel_name="descent-kotlin", timeout=900,
                            resources={"metadata": {"path": root + "/notebooks"}}).execute()
finally:
    nbformat.write(nb, out + "/README.kotlin.ipynb")
print(len(blocks), "README Kotlin snippets ran")
PY
if (( readme_status == 0 )); then
    say "README Kotlin snippets ran in $(( $(date +%s) - start )) s"
else
    say "README Kotlin snippets FAILED; last lines of the log:"
    tail -40 "$OUT/README.kotlin.log" >&2
fi

status=$readme_status
for nb in "$ROOT"/notebooks/*.ipynb; do
    name="$(basename "$nb")"
    start=$(date +%s)
    if JUPYTER_PATH="$BUILD/share/jupyter" /usr/bin/jupyter nbconvert --to notebook --execute \
            --ExecutePreprocessor.kernel_name=descent-kotlin --ExecutePreprocessor.timeout=900 \
            --output-dir "$OUT" "$nb" >"$OUT/$name.log" 2>&1; then
        say "$name ran in $(( $(date +%s) - start )) s (executed copy in .build/notebooks)"
    else
        say "$name FAILED; last lines of its log:"
        tail -40 "$OUT/$name.log" >&2
        status=1
    fi
done
exit $status
