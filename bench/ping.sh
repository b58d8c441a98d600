#!/usr/bin/env bash
# netkit ping vs iputils ping, same run, at equal settings (-c COUNT -i 0.01), on namespaces made
# here (and removed on exit): a host 198.51.100.2/24, a router 198.51.100.1 / 203.0.113.1, a remote
# host 203.0.113.10 behind it. Prints the two summaries side by side: sent, received, loss,
# rtt min/avg/max/mdev and the whole-process time. Needs root and iputils ping
# (apt-get install iputils-ping). Packets stay inside the namespaces.
# Usage: bench/ping.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-100}
command -v ping >/dev/null || { echo "ping is needed: apt-get install iputils-ping" >&2; exit 2; }
cargo build --release --quiet
NK=$(pwd)/target/release/netkit
P="nkp$$"
HOST=${P}h RTR=${P}r REM=${P}m
cleanup() { for n in $HOST $RTR $REM; do ip netns del "$n" 2>/dev/null || true; done; }
trap cleanup EXIT
for n in $HOST $RTR $REM; do ip netns add "$n"; ip -n "$n" link set lo up; done
ip -n $HOST link add eth0 type veth peer name lan0 netns $RTR
ip -n $RTR link add wan0 type veth peer name eth0 netns $REM
ip -n $HOST addr add 198.51.100.2/24 dev eth0; ip -n $HOST link set eth0 up
ip -n $RTR addr add 198.51.100.1/24 dev lan0; ip -n $RTR link set lan0 up
ip -n $RTR addr add 203.0.113.1/24 dev wan0; ip -n $RTR link set wan0 up
ip -n $REM addr add 203.0.113.10/24 dev eth0; ip -n $REM link set eth0 up
ip -n $HOST route add default via 198.51.100.1
ip -n $REM route add default via 203.0.113.1
ip netns exec $RTR sysctl -qw net.ipv4.ip_forward=1
ip netns exec $HOST ping -c 1 -W 1 203.0.113.10 >/dev/null   # neighbours resolved before timing
in_host() { ip netns exec $HOST "$@"; }
now() { date +%s.%N; }
for dest in 198.51.100.1 203.0.113.10; do
    t0=$(now); theirs=$(in_host ping -q -n -c "$COUNT" -i 0.01 "$dest" || true); t1=$(now)
    ours=$(in_host "$NK" --json ping -c "$COUNT" -i 0.01 "$dest" || true); t2=$(now)
    python3 - "$dest" "$COUNT" "$t0" "$t1" "$t2" "$theirs" "$ours" <<'PY'
import json, re, sys
dest, count, t0, t1, t2, theirs, ours = sys.argv[1:]
t0, t1, t2 = float(t0), float(t1), float(t2)
m = re.search(r"(\d+) packets transmitted, (\d+) received.*?([\d.]+)% packet loss", theirs, re.S)
r = re.search(r"= ([\d.]+)/([\d.]+)/([\d.]+)/([\d.]+) ms", theirs)
p = json.loads(ours)
rtt = p["rtt"] or {}
rows = [
    ("sent", m.group(1) if m else "?", p["sent"]),
    ("received", m.group(2) if m else "?", p["received"]),
    ("loss %", m.group(3) if m else "?", p["loss_percent"]),
    ("rtt min ms", r.group(1) if r else "-", rtt.get("min_ms", "-")),
    ("rtt avg ms", r.group(2) if r else "-", rtt.get("avg_ms", "-")),
    ("rtt max ms", r.group(3) if r else "-", rtt.get("max_ms", "-")),
    ("rtt mdev ms", r.group(4) if r else "-", rtt.get("mdev_ms", "-")),
    ("whole run s", f"{t1 - t0:.3f}", f"{t2 - t1:.3f}"),
]
print(f"\n{dest}: -c {count} -i 0.01")
print(f"  {'':<12} {'iputils ping':>14} {'netkit ping':>14}")
for name, a, b in rows:
    print(f"  {name:<12} {a!s:>14} {b!s:>14}")
PY
done
