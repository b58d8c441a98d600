#!/usr/bin/env bash
# netkit chat --room vs ncat --chat on loopback: CLIENTS clients connect, each sends MESSAGES lines,
# and every line must reach every other client. Reports deliveries per second (until the last one)
# and the server's peak memory (VmHWM), alternating the two servers over ROUNDS rounds.
# The load generator is examples/chat_load.rs. Bounded: every run stops after TIMEOUT seconds.
# Usage: bench/chat.sh [CLIENTS] [MESSAGES] [ROUNDS] [TIMEOUT]   (needs ncat: apt-get install ncat)
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${1:-1000}
MESSAGES=${2:-5}
ROUNDS=${3:-3}
TIMEOUT=${4:-60}
command -v ncat >/dev/null || { echo "ncat is needed: apt-get install ncat" >&2; exit 2; }
ulimit -n $((CLIENTS * 4 + 1024))
cargo build --release --quiet --bin netkit --example chat_load
NK=./target/release/netkit
LOAD=./target/release/examples/chat_load
OUT=bench/out/chat; rm -rf "$OUT"; mkdir -p "$OUT"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# run NAME CMD...: starts the server, runs the load, prints "NAME <load line> peak_kib=N".
run() {
    local name=$1; shift
    local port; port=$(free_port)
    "$@" "$port" </dev/null >/dev/null 2>"$OUT/$name.err" &
    local pid=$!
    for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done
    local line
    line=$(timeout $((TIMEOUT + 30)) "$LOAD" "127.0.0.1:$port" "$CLIENTS" "$MESSAGES" "$TIMEOUT" || echo "load=failed")
    local peak; peak=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
    kill -INT "$pid" 2>/dev/null || true
    sleep 0.5; kill -KILL "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
    echo "$name $line peak_kib=$peak"
}
nk_server() { exec "$NK" chat server --room --max-clients $((CLIENTS + 10)) --backlog 1024 --port "$1"; }
ncat_server() { exec ncat -l --chat -m $((CLIENTS + 10)) 127.0.0.1 "$1"; }

for r in $(seq 1 "$ROUNDS"); do
    if (( r % 2 )); then run netkit nk_server; run ncat ncat_server
    else run ncat ncat_server; run netkit nk_server; fi
done | tee "$OUT/runs.txt"

python3 - "$OUT/runs.txt" "$CLIENTS" "$MESSAGES" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, *kv = line.split()
    d = dict(x.split("=", 1) for x in kv)
    rows.setdefault(name, []).append(d)
print(f"\n{sys.argv[2]} clients x {sys.argv[3]} lines each, every line to every other client")
print("| server | runs complete | median deliveries/s | median peak memory |")
print("|---|---|---|---|")
for name in ("netkit", "ncat"):
    rs = rows.get(name, [])
    ok = sum(1 for d in rs if d.get("delivered") == d.get("expected"))
    rate = statistics.median(float(d.get("rate", 0)) for d in rs)
    peak = statistics.median(int(d["peak_kib"]) for d in rs) / 1024
    print(f"| {name} | {ok}/{len(rs)} | {rate:,.0f} | {peak:.1f} MiB |")
PY
