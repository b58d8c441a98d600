#!/usr/bin/env bash
# netkit chat --room --web: a room of WEB browser-side (WebSocket) members plus TCP members against
# a TCP-only room of the same size, in the same run: each member sends MESSAGES lines and every line
# must reach every other member. Reports deliveries per second (until the last one), the mixed
# figure as a share of the TCP-only one, and the server's peak memory (VmHWM), alternating the two
# rooms over ROUNDS rounds. The load generator is examples/chat_web_load.rs (WebSocket members
# speak to /ws as the page does). Loopback only. Bounded: every run stops after TIMEOUT seconds.
# Both rooms run with --queue QUEUE (default 16384): with 2000 members each one is sent 10,000 lines
# in a burst, more than the default queue of 1024 holds while the one-thread load generator reads
# 2000 sockets, and a member whose queue fills is (by design) disconnected as too slow.
# Usage: bench/chat_web.sh [WEB] [TCP] [MESSAGES] [ROUNDS] [TIMEOUT] [QUEUE]
set -euo pipefail
cd "$(dirname "$0")/.."
WEB=${1:-1000}
TCP=${2:-1000}
MESSAGES=${3:-5}
ROUNDS=${4:-3}
TIMEOUT=${5:-120}
QUEUE=${6:-16384}
MEMBERS=$((WEB + TCP))
ulimit -n $((MEMBERS * 4 + 1024))
cargo build --release --quiet --bin netkit --example chat_web_load
NK=./target/release/netkit
LOAD=./target/release/examples/chat_web_load
OUT=bench/out/chat_web; rm -rf "$OUT"; mkdir -p "$OUT"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# run NAME TCP_CLIENTS WEB_CLIENTS: starts a room with a web page, runs the load, prints
# "NAME <load line> peak_kib=N server_cpu_s=S".
run() {
    local name=$1 tcp=$2 web=$3
    local port wport; port=$(free_port); wport=$(free_port)
    "$NK" chat server --room --max-clients $((MEMBERS + 10)) --backlog 1024 --queue "$QUEUE" --port "$port" \
        --web "127.0.0.1:$wport" </dev/null >/dev/null 2>"$OUT/$name.err" &
    local pid=$!
    for _ in $(seq 50); do
        (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/"$wport") 2>/dev/null && break
        sleep 0.1
    done
    local line
    line=$(timeout $((TIMEOUT + 60)) "$LOAD" "127.0.0.1:$port" "127.0.0.1:$wport" "$tcp" "$web" "$MESSAGES" "$TIMEOUT" || echo "load=failed")
    local peak; peak=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
    # The server's CPU time (user + system), to tell a busy server from a busy load generator.
    local cpu; cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' /proc/$pid/stat)
    kill -INT "$pid" 2>/dev/null || true
    sleep 0.5; kill -KILL "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
    echo "$name $line peak_kib=$peak server_cpu_s=$cpu"
}

for r in $(seq 1 "$ROUNDS"); do
    if (( r % 2 )); then run tcp_only "$MEMBERS" 0; run mixed "$TCP" "$WEB"
    else run mixed "$TCP" "$WEB"; run tcp_only "$MEMBERS" 0; fi
done | tee "$OUT/runs.txt"

python3 - "$OUT/runs.txt" "$WEB" "$TCP" "$MESSAGES" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, *kv = line.split()
    d = dict(x.split("=", 1) for x in kv)
    rows.setdefault(name, []).append(d)
web, tcp, m = sys.argv[2:5]
members = int(web) + int(tcp)
print(f"\n{members} members ({web} WebSocket + {tcp} TCP, or {members} TCP) x {m} lines each, every line to every other member ({int(members)*int(m)*(members-1):,} deliveries)")
print("| room | runs complete | median deliveries/s | median peak memory |")
print("|---|---|---|---|")
med = {}
for name in ("tcp_only", "mixed"):
    rs = rows.get(name, [])
    ok = sum(1 for d in rs if d.get("delivered") == d.get("expected"))
    rate = statistics.median(float(d.get("rate", 0)) for d in rs)
    peak = statistics.median(int(d["peak_kib"]) for d in rs) / 1024
    med[name] = rate
    print(f"| {name} | {ok}/{len(rs)} | {rate:,.0f} | {peak:.1f} MiB |")
if med.get("tcp_only"):
    print(f"\nmixed / TCP-only: {med['mixed'] / med['tcp_only']:.0%} (the issue asks for at least 70%)")
PY
