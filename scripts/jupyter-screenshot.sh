#!/usr/bin/env bash
# A PNG of one notebook open in stock Jupyter (Debian's classic notebook 6.4 server, our C# kernel), rendered by
# headless Chromium: what a person sees on opening the executed notebook in a browser.
#
# Usage: bash scripts/jupyter-screenshot.sh [NOTEBOOK.ipynb] [OUT.png]
#   NOTEBOOK  default: ${RESEARCHKIT_OUT:-out}/01-label-spectra.ipynb if it exists, else notebooks/01-label-spectra.ipynb.
#             A notebook without outputs is executed first through our kernel (Debian's nbclient, cwd notebooks/,
#             parameters cell left as is).
#   OUT       default: ${RESEARCHKIT_OUT:-out}/screenshots/NAME-jupyter.png
# Environment: SCREENSHOT_WINDOW (default 1400,2200), SCREENSHOT_BUDGET_MS (Chromium virtual time, default 20000),
#   CELL_TIMEOUT (seconds per cell when executing, default 1800), SCREENSHOT_KEEP (a folder: on exit, the server and
#   Chromium logs and the notebook copy that was shown are copied there).
#
# Everything Jupyter writes (kernelspec, runtime files, trust database, config) goes to a temporary folder that is
# removed on exit, together with the server, its kernels and Chromium; the user's ~/.local and ~/.jupyter are not used.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
py=/usr/bin/python3
cli="$repo/artifacts/bin/ResearchKit.Cli/release/researchkit"
kernel_name=researchkit-csharp
outdir="${RESEARCHKIT_OUT:-$repo/out}"
window="${SCREENSHOT_WINDOW:-1400,2200}"
budget="${SCREENSHOT_BUDGET_MS:-20000}"
cell_timeout="${CELL_TIMEOUT:-1800}"

die() { echo "jupyter-screenshot: $*" >&2; exit 1; }
log() { echo "[jupyter-screenshot] $*" >&2; }

[ $# -le 2 ] || die "usage: bash scripts/jupyter-screenshot.sh [NOTEBOOK.ipynb] [OUT.png]"
if [ $# -ge 1 ] && [ -n "$1" ]; then
  nb="$1"
elif [ -f "$outdir/01-label-spectra.ipynb" ]; then
  nb="$outdir/01-label-spectra.ipynb"
else
  nb="$repo/notebooks/01-label-spectra.ipynb"
fi
[ -e "$nb" ] || die "notebook not found: $nb"
[ -f "$nb" ] || die "not a file: $nb"
case "$nb" in *.ipynb) ;; *) die "not a .ipynb file: $nb" ;; esac
nb="$(cd "$(dirname "$nb")" && pwd)/$(basename "$nb")"
name="$(basename "$nb" .ipynb)"
out="${2:-$outdir/screenshots/$name-jupyter.png}"
case "$out" in *.png) ;; *) die "output must end in .png: $out" ;; esac
mkdir -p "$(dirname "$out")" 2>/dev/null || die "cannot create the output folder: $(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"

[ -x "$py" ] || die "Debian's python is missing: $py"
[ -x "$cli" ] || die "researchkit is not built: $cli (run the build first)"
command -v chromium >/dev/null || die "chromium is not installed (apt-get install chromium)"
command -v jupyter-notebook >/dev/null || (apt-get update && apt-get install -y --no-install-recommends jupyter-notebook) >&2 \
  || die "could not install jupyter-notebook"
"$py" -c 'import notebook, nbclient, nbformat' 2>/dev/null || die "Debian's notebook/nbclient/nbformat are not importable by $py"

# 1 if the notebook has outputs, 0 if not; a one-line error if it is not a notebook.
has_outputs="$("$py" -c '
import sys, nbformat
try:
    nb = nbformat.read(sys.argv[1], as_version=4)
except Exception as e:
    sys.exit("jupyter-screenshot: not a readable notebook: %s (%s)" % (sys.argv[1], str(e).splitlines()[0]))
print(int(any(c.get("outputs") for c in nb.cells if c.cell_type == "code")))
' "$nb")" || exit 1

start=$SECONDS
tmp="$(mktemp -d /tmp/jupyter-screenshot.XXXXXX)"
server_pid=""
bg_pid=""    # the step running now (nbclient, the kernel wait, Chromium), run in the background so a signal stops it

# Runs one step in the background and waits for it: bash runs its traps during `wait`, not during a foreground child.
step() {
  "$@" </dev/null &
  bg_pid=$!
  local rc=0
  wait "$bg_pid" || rc=$?
  bg_pid=""
  return $rc
}

# Every process whose command line names our temporary folder: the server's and nbclient's kernels (their connection
# files live in $tmp/runtime) and Chromium (its profile is $tmp/chromium). Killed by pid.
our_pids() {
  local p cmd
  for p in /proc/[0-9]*; do
    p="${p#/proc/}"
    cmd="$(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null)" || continue
    [[ "$cmd" == *"$tmp/"* ]] && echo "$p"
  done
  return 0
}

cleanup() {
  local rc=$? i pids
  trap - EXIT INT TERM
  if [ -n "$bg_pid" ] && kill -0 "$bg_pid" 2>/dev/null; then kill "$bg_pid" 2>/dev/null || true; wait "$bg_pid" 2>/dev/null || true; fi
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true          # the server shuts its kernels down on SIGTERM
    for i in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  pids="$(our_pids)"
  if [ -n "$pids" ]; then
    kill -TERM $pids 2>/dev/null || true
    sleep 1
    pids="$(our_pids)"
    [ -z "$pids" ] || kill -KILL $pids 2>/dev/null || true
  fi
  if [ -n "${SCREENSHOT_KEEP:-}" ]; then
    mkdir -p "$SCREENSHOT_KEEP" && cp -f "$tmp"/*.log "$tmp"/nb/*.ipynb* "$SCREENSHOT_KEEP"/ 2>/dev/null || true
  fi
  if [ $rc -ne 0 ] && [ -f "$tmp/server.log" ]; then
    echo "---- jupyter server log (last 40 lines) ----" >&2
    tail -n 40 "$tmp/server.log" >&2 || true
  fi
  rm -rf "$tmp"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Jupyter's folders, all under $tmp; our kernelspec in a temporary prefix on JUPYTER_PATH.
export JUPYTER_PATH="$tmp/prefix/share/jupyter"
export JUPYTER_DATA_DIR="$tmp/data" JUPYTER_RUNTIME_DIR="$tmp/runtime" JUPYTER_CONFIG_DIR="$tmp/config"
export IPYTHONDIR="$tmp/ipython"
mkdir -p "$JUPYTER_DATA_DIR" "$JUPYTER_RUNTIME_DIR" "$JUPYTER_CONFIG_DIR" "$tmp/nb" "$tmp/chromium"
"$cli" kernel install --prefix "$tmp/prefix" --name "$kernel_name" >&2
[ -f "$JUPYTER_PATH/kernels/$kernel_name/kernel.json" ] || die "kernel install wrote no kernelspec under $JUPYTER_PATH"
display_name="$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["display_name"])' \
  "$JUPYTER_PATH/kernels/$kernel_name/kernel.json")"

# The copy the server shows: executed if it has no outputs, then its kernelspec metadata set to our kernel (the
# notebooks name the Polyglot kernel, which the classic UI would answer with a "kernel not found" dialog).
copy="$tmp/nb/$name.ipynb"
if [ "$has_outputs" = 1 ]; then
  log "using the outputs already in $nb"
  cp "$nb" "$copy"
else
  log "$nb has no outputs: executing it through kernel '$kernel_name' (cwd $repo/notebooks)"
  t0=$SECONDS
  step "$py" -c '
import os, sys, nbformat
from jupyter_client import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
src, dst, kernel, cwd, timeout = sys.argv[1:]
nb = nbformat.read(src, as_version=4)
# Its connection file in our runtime folder (not a /tmp/tmpXXXX.json), so cleanup finds the kernel if we are stopped.
km = KernelManager(kernel_name=kernel, connection_file=os.path.join(os.environ["JUPYTER_RUNTIME_DIR"], "kernel-nbclient.json"))
try:
    NotebookClient(nb, km=km, kernel_name=kernel, timeout=int(timeout), resources={"metadata": {"path": cwd}}).execute()
except CellExecutionError as e:
    nbformat.write(nb, dst + ".failed")
    sys.exit("jupyter-screenshot: executing %s failed:\n%s" % (src, str(e)[-3000:]))
nbformat.write(nb, dst)
' "$nb" "$copy" "$kernel_name" "$repo/notebooks" "$cell_timeout" || die "execution failed"
  log "executed in $((SECONDS - t0)) s"
fi
"$py" -c '
import sys, nbformat
path, name, display = sys.argv[1:]
nb = nbformat.read(path, as_version=4)
nb.metadata["kernelspec"] = {"name": name, "display_name": display, "language": "C#"}
nbformat.write(nb, path)
' "$copy" "$kernel_name" "$display_name"
# Signed (= `jupyter trust`), so the toolbar says "Trusted" and HTML outputs are not sanitized: NB01's plain HTML
# tables and PNG figures render the same untrusted, but an output with <script> or <style> would not.
"$py" -m nbformat.sign "$copy" >&2

port="$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
root_flag=()
[ "$(id -u)" -ne 0 ] || root_flag=(--allow-root)
log "starting jupyter notebook on 127.0.0.1:$port (log $tmp/server.log)"
"$py" -m notebook --no-browser --ip=127.0.0.1 --port="$port" --port-retries=0 \
  --NotebookApp.token='' --NotebookApp.password='' --notebook-dir="$tmp/nb" "${root_flag[@]}" \
  >"$tmp/server.log" 2>&1 </dev/null &
server_pid=$!
for i in $(seq 120); do
  kill -0 "$server_pid" 2>/dev/null || die "jupyter notebook exited at start"
  curl -fsS -o /dev/null "http://127.0.0.1:$port/api/status" 2>/dev/null && break
  [ "$i" -lt 120 ] || die "jupyter notebook did not answer on port $port within 60 s"
  sleep 0.5
done

# Start the notebook's kernel before the browser comes, and wait until it answers kernel_info: the page then joins
# this session (same path) and its toolbar shows the kernel idle, not "Kernel starting, please wait...". Chromium's
# virtual time runs ahead of a kernel process starting in real time, so without this the screenshot races the start.
api="http://127.0.0.1:$port/api"
curl -fsS -o /dev/null -c "$tmp/cookies" "http://127.0.0.1:$port/tree"     # sets the _xsrf cookie POSTs must echo
xsrf="$(awk '$6 == "_xsrf" { print $7 }' "$tmp/cookies")"
[ -n "$xsrf" ] || die "the server set no _xsrf cookie"
session="$(curl -fsS -X POST -b "$tmp/cookies" -H "X-XSRFToken: $xsrf" -H 'Content-Type: application/json' \
  -d "{\"path\": \"$name.ipynb\", \"name\": \"$name.ipynb\", \"type\": \"notebook\", \"kernel\": {\"name\": \"$kernel_name\"}}" \
  "$api/sessions")" || die "could not start a session on the server (POST $api/sessions)"
kernel_id="$("$py" -c 'import json,sys; print(json.loads(sys.argv[1])["kernel"]["id"])' "$session")"
step "$py" -c '
import sys, time, os
from jupyter_client import BlockingKernelClient
path = sys.argv[1]
for _ in range(100):
    if os.path.exists(path): break
    time.sleep(0.2)
kc = BlockingKernelClient()
kc.load_connection_file(path)
kc.start_channels()
try:
    kc.wait_for_ready(timeout=120)
except RuntimeError as e:
    sys.exit("jupyter-screenshot: kernel %s did not answer kernel_info: %s" % (path, e))
finally:
    kc.stop_channels()
' "$JUPYTER_RUNTIME_DIR/kernel-$kernel_id.json" || die "the kernel did not start (see the server log below)"
log "kernel $kernel_id ($kernel_name) is ready"

url="http://127.0.0.1:$port/notebooks/$name.ipynb"
log "screenshot of $url"
rm -f "$out"
step chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --no-default-browser-check \
  --disable-dev-shm-usage --user-data-dir="$tmp/chromium" --window-size="$window" \
  --virtual-time-budget="$budget" --screenshot="$out" "$url" >"$tmp/chromium.log" 2>&1 \
  || { tail -n 20 "$tmp/chromium.log" >&2; die "chromium failed"; }
[ -s "$out" ] || { tail -n 20 "$tmp/chromium.log" >&2; die "chromium wrote no screenshot"; }

# What the page did with the kernel, from the server log: a started kernel and no traceback.
grep -q "Kernel started" "$tmp/server.log" || log "warning: the server log shows no kernel start"
errors='^\[E |Traceback|restart failed|Kernel died|Unhandled exception'
if grep -qE "$errors" "$tmp/server.log"; then
  log "warning: the jupyter server log has errors:"; grep -E -A3 "$errors" "$tmp/server.log" >&2 || true
fi
log "done in $((SECONDS - start)) s"
echo "$out"
