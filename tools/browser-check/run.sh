#!/usr/bin/env bash
# Checks Descent in a real browser: starts Jupyter Notebook on a scratch directory with a free port
# and a fresh token, has headless Chromium (driven by puppeteer-core) open a new "Kotlin (Descent)"
# notebook and run the cells of tools/browser-check/cells.js, and fails naming each cell whose live
# progress, rendered results or plots are missing or wrong, and each request that leaves the local
# server. Installs Debian's chromium, nodejs and npm, and puppeteer-core (into .build/browser-check),
# when missing. Screenshots, the request log, the notebook and the logs go to .build/browser-check/out.
# Usage: tools/browser-check/run.sh [--jar]    (JUPYTER_PATH: where the descent-kotlin kernelspec is;
#        ./descent check-browser writes it and calls this). --jar loads Descent with @file:DependsOn on
#        kernel-integration/target/descent-jupyter-*-all.jar instead of `%use descent`.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="${BROWSER_CHECK_DIR:-$ROOT/.build/browser-check}"
OUT="$WORK/out"
PUPPETEER_VERSION=24.43.1

say() { printf 'browser-check: %s\n' "$*" >&2; }

if [[ "${1:-}" == --jar ]]; then
    jars=("$ROOT"/kernel-integration/target/descent-jupyter-*-all.jar)
    [[ -f "${jars[0]}" ]] || { say "no kernel-integration/target/descent-jupyter-*-all.jar: build first"; exit 2; }
    export CHECK_LOAD_JAR="${jars[0]}"
    say "loading Descent from ${jars[0]}"
elif [[ $# -gt 0 ]]; then
    say "usage: tools/browser-check/run.sh [--jar]"
    exit 2
fi
[[ -n "${JUPYTER_PATH:-}" && -f "$JUPYTER_PATH/kernels/descent-kotlin/kernel.json" ]] \
    || { say "JUPYTER_PATH must hold kernels/descent-kotlin (./descent check-browser writes it)"; exit 2; }

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
[[ -x /usr/bin/jupyter-notebook ]] || missing+=(jupyter-notebook)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if (( ${#missing[@]} )); then
    say "installing ${missing[*]} from Debian packages (apt-get) ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [[ ! -f "$WORK/node_modules/puppeteer-core/package.json" ]] \
        || ! grep -q "\"version\": \"$PUPPETEER_VERSION\"" "$WORK/node_modules/puppeteer-core/package.json"; then
    say "installing puppeteer-core $PUPPETEER_VERSION from npm into $WORK ..."
    mkdir -p "$WORK"
    [[ -f "$WORK/package.json" ]] || printf '{"private": true}\n' >"$WORK/package.json"
    npm install --prefix "$WORK" --no-audit --no-fund --loglevel=error "puppeteer-core@$PUPPETEER_VERSION" >/dev/null
fi

rm -rf "$OUT"
mkdir -p "$OUT/notebooks"
port="$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
token="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
root_flag=()
[[ "$(id -u)" == 0 ]] && root_flag=(--allow-root)

say "starting Jupyter Notebook on 127.0.0.1:$port (log in $OUT/jupyter.log) ..."
/usr/bin/jupyter notebook --no-browser "${root_flag[@]}" --ip=127.0.0.1 --port="$port" --port-retries=0 \
    --NotebookApp.token="$token" --notebook-dir="$OUT/notebooks" >"$OUT/jupyter.log" 2>&1 &
server=$!
stop() {
    if kill -0 "$server" 2>/dev/null; then
        kill -TERM "$server"
        for _ in $(seq 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.2; done
        kill -0 "$server" 2>/dev/null && kill -KILL "$server"
    fi
    return 0
}
trap stop EXIT

for _ in $(seq 100); do
    /usr/bin/python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
        "http://127.0.0.1:$port/api/status?token=$token" 2>/dev/null && break
    kill -0 "$server" 2>/dev/null || { say "Jupyter did not start:"; cat "$OUT/jupyter.log" >&2; exit 1; }
    sleep 0.2
done

status=0
CHECK_URL="http://127.0.0.1:$port" CHECK_TOKEN="$token" CHECK_OUT="$OUT" PUPPETEER_DIR="$WORK" \
    node "$HERE/check.js" || status=$?
stop
if (( status != 0 )); then
    say "FAILED: see the messages above, the screenshots in $OUT and the kernel's log in $OUT/jupyter.log"
fi
exit "$status"
