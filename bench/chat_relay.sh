#!/usr/bin/env bash
# A stream without a single newline relayed to a pipe: `netkit chat client --framing raw` against
# `ncat --recv-only`, each the client of one sender on 127.0.0.1 that writes MB MiB of 'x' and
# closes. Reports each client's time and peak memory (max RSS, GNU time), alternating the two over
# ROUNDS rounds. Issue 25: netkit held ~84 MB relaying 196 MB; its console queue is now bounded.
# netkit shows the stream through its output guard, as 64 KiB messages after the sender's label;
# ncat copies bytes.
# BASELINE=/path/to/older/netkit adds that build to the same rounds, for before/after.
# Usage: bench/chat_relay.sh [MB] [ROUNDS]   (needs ncat: apt-get install ncat)
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-196}
ROUNDS=${2:-3}
command -v ncat >/dev/null || { echo "ncat is needed: apt-get install ncat" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install time" >&2; exit 2; }
cargo build --release --quiet --bin netkit
NK=./target/release/netkit
OUT=bench/out/chat_relay; rm -rf "$OUT"; mkdir -p "$OUT"

# run NAME CMD...: starts a sender, runs CMD (its word PORT replaced by the sender's port) with
# its stdout into a pipe, prints "NAME seconds=S peak_kib=K bytes=B".
run() {
    local name=$1; shift
    local fifo="$OUT/port.$name"
    rm -f "$fifo"; mkfifo "$fifo"
    python3 - "$MB" >"$fifo" <<'PY' &
import socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
print(s.getsockname()[1], flush=True)
sys.stdout.close()
c, _ = s.accept()
chunk = b"x" * (1 << 20)
for _ in range(int(sys.argv[1])):
    c.sendall(chunk)
c.close()
PY
    local sender=$!
    local port; read -r port <"$fifo"
    # stdin stays open (a conversation would end at its end); the client ends when the sender
    # closes.
    local cmd=("${@//PORT/$port}")
    /usr/bin/time -o "$OUT/time.$name" -f "%e %M" "${cmd[@]}" < <(sleep 600) \
        2>"$OUT/err.$name" | wc -c >"$OUT/bytes.$name"
    wait "$sender"
    local secs kib
    read -r secs kib <"$OUT/time.$name"
    echo "$name seconds=$secs peak_kib=$kib bytes=$(cat "$OUT/bytes.$name")"
}
NETKIT=("$NK" chat client --framing raw 127.0.0.1:PORT)
NCAT=(ncat --recv-only 127.0.0.1 PORT)
if [ -n "${BASELINE:-}" ]; then
    cp "$BASELINE" "$OUT/baseline"
    BASE=("$OUT/baseline" chat client --framing raw 127.0.0.1:PORT)
fi
for r in $(seq 1 "$ROUNDS"); do
    if (( r % 2 )); then run netkit "${NETKIT[@]}"; run ncat "${NCAT[@]}"
    else run ncat "${NCAT[@]}"; run netkit "${NETKIT[@]}"; fi
    if [ -n "${BASELINE:-}" ]; then run baseline "${BASE[@]}"; fi
done | tee "$OUT/runs.txt"

python3 - "$OUT/runs.txt" "$MB" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, *kv = line.split()
    rows.setdefault(name, []).append(dict(x.split("=", 1) for x in kv))
print(f"\n{sys.argv[2]} MiB without a newline, relayed to a pipe")
print("| client | median time | median peak memory | bytes out (last run) |")
print("|---|---|---|---|")
for name in ("netkit", "ncat", "baseline"):
    rs = rows.get(name)
    if not rs:
        continue
    t = statistics.median(float(d["seconds"]) for d in rs)
    m = statistics.median(int(d["peak_kib"]) for d in rs) / 1024
    print(f"| {name} | {t:.2f} s | {m:.1f} MiB | {rs[-1]['bytes']} |")
PY
