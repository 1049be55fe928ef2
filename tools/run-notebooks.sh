#!/usr/bin/env bash
# Executes notebooks headless through the real Kotlin Jupyter kernel (all of notebooks/ and the
# README's Kotlin blocks, or the files given) and fails if any cell raises, printing the failing
# cell and its Kotlin error first. Executed copies go to .build/notebooks (kept for failures too);
# with --save they also replace the notebooks, outputs included. Each notebook must finish within
# two minutes and stay under 1 MB with its outputs.
# Usage: tools/run-notebooks.sh [--save] [NOTEBOOK.ipynb...]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/.build/jupyter"
OUT="$ROOT/.build/notebooks"

say() { printf 'notebooks: %s\n' "$*" >&2; }

if [[ ! -x /usr/bin/jupyter ]] || ! /usr/bin/python3 -c 'import nbclient, ipykernel' 2>/dev/null; then
    say "installing Jupyter from Debian packages ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jupyter-nbconvert jupyter-client python3-nbclient python3-ipykernel >/dev/null
fi

# Headless runs cannot record display updates, so live progress is off in this kernel.
"$ROOT/tools/kernelspec.sh" "$BUILD/share/jupyter/kernels" descent-headless "Kotlin (Descent, headless)" \
    -Ddescent.quiet=true -Ddescent.progress=false -Djava.awt.headless=true
mkdir -p "$OUT"

save=0
if [[ "${1:-}" == "--save" ]]; then save=1; shift; fi
files=("$@")
readme=0
if (( ${#files[@]} == 0 )); then
    readme=1
    files=("$ROOT"/notebooks/*.ipynb)
fi

JUPYTER_PATH="$BUILD/share/jupyter" exec /usr/bin/python3 - "$ROOT" "$OUT" "$save" "$readme" "${files[@]}" <<'PY'
import os, re, sys, time, nbformat, nbclient
from nbclient.exceptions import CellExecutionError

root, out, save, readme, files = sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4] == "1", sys.argv[5:]
LIMIT_SECONDS, LIMIT_BYTES = 120, 1_000_000

# The kernel process writes its own logs (and a copy of the cells' output) to the streams it
# inherits: send those to a log file and keep this runner's messages on the terminal.
report = os.fdopen(os.dup(2), "w")
log = open(os.path.join(out, "kernel.log"), "w")
os.dup2(log.fileno(), 1)
os.dup2(log.fileno(), 2)

def say(msg):
    print("notebooks: " + msg, file=report, flush=True)

def run(name, nb, cwd, copy):
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    start = time.time()
    client = nbclient.NotebookClient(nb, kernel_name="descent-headless", timeout=600, resources={"metadata": {"path": cwd}})
    failure = None
    try:
        client.execute()
    except CellExecutionError as e:
        failure = e
    finally:
        nbformat.write(nb, copy)
    seconds = time.time() - start
    if failure is not None:
        say(f"{name} FAILED after {seconds:.0f} s (executed copy: {copy}; kernel log: {out}/kernel.log)")
        print(f"--- {failure.ename}: {failure.evalue}", file=report)
        parts = str(failure).split("------------------")
        if len(parts) >= 3:
            print("--- in the cell:" + parts[1].rstrip(), file=report)
        print("--- Kotlin stack:", file=report)
        print("\n".join(str(failure.traceback).splitlines()[:10]), file=report, flush=True)
        return False
    size = os.path.getsize(copy)
    say(f"{name} ran in {seconds:.0f} s, {size / 1000:.0f} kB with outputs")
    if seconds > LIMIT_SECONDS:
        say(f"{name} FAILED: took {seconds:.0f} s, over the {LIMIT_SECONDS} s limit")
        return False
    if size > LIMIT_BYTES:
        say(f"{name} FAILED: {size} bytes with outputs, over the 1 MB limit")
        return False
    return True

ok = True
if readme:
    blocks = re.findall(r"```kotlin\n(.*?)```", open(root + "/README.md", encoding="utf-8").read(), re.S)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(b) for b in blocks])
    ok &= run(f"README ({len(blocks)} Kotlin blocks)", nb, root + "/notebooks", out + "/README.kotlin.ipynb")
for f in files:
    f = os.path.abspath(f)
    nb = nbformat.read(f, as_version=4)
    copy = os.path.join(out, os.path.basename(f))
    passed = run(os.path.basename(f), nb, os.path.dirname(f), copy)
    ok &= passed
    if passed and save:
        nbformat.write(nb, f)
sys.exit(0 if ok else 1)
PY
