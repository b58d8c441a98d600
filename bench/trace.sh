#!/usr/bin/env bash
# netkit trace vs traceroute and mtr, same run, on a chain of namespaces made here (removed on
# exit): host 198.51.100.2 → r1 198.51.100.1 → r2 192.0.2.2 → r3 192.0.2.6 → r4 192.0.2.10 → far
# host 192.0.2.14, as tests/common/netns.rs `Chain`.
#  1. Every hop answers: one pass, `netkit trace -n -c 1` vs `traceroute -n -I -q1` (ICMP, one
#     probe per hop, as netkit's one round), whole-process time (hyperfine), to the far host (5
#     hops) and to r2 (2 hops); the ratio netkit / traceroute is printed last (the goal: 1.1 or
#     less).
#  2. r3 silent (it forwards but never answers, an `iif lo` blackhole rule): the same one pass
#     past it, with `mtr -n --report -c 1` and traceroute's defaults (`traceroute -n`: UDP, three
#     probes a hop, `-w 5,3,10`) too.
#  3. Rounds: `netkit trace -n -c 10 -i 0.2` vs `mtr -n --report -c 10 -i 0.2`; and a hundred
#     1 ms rounds (`-c 100 -i 1ms`), which take about 0.1 s when rounds complete at once.
# Needs root, hyperfine, traceroute, mtr and python3 (apt-get install hyperfine traceroute
# mtr-tiny python3). Packets stay inside the namespaces. Usage: bench/trace.sh [RUNS]
# BASELINE=/path/to/older/netkit adds that build to the every-hop runs, for before/after (both
# netkit binaries are timed as copies, as `cargo install` leaves one).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-50}
for t in hyperfine traceroute mtr python3; do
    command -v $t >/dev/null || { echo "$t is needed: apt-get install hyperfine traceroute mtr-tiny python3" >&2; exit 2; }
done
cargo build --release --quiet
P="nkt$$"
NODES=(${P}h ${P}r1 ${P}r2 ${P}r3 ${P}r4 ${P}f)
HOST=${NODES[0]} R3=${NODES[3]}
OUT=$(mktemp -d)
cp target/release/netkit "$OUT/netkit"
NK=$OUT/netkit
BASE=()
if [ -n "${BASELINE:-}" ]; then
    cp "$BASELINE" "$OUT/baseline"
    BASE=("ip netns exec $HOST $OUT/baseline trace -n -c 1 DEST")
fi
cleanup() { for n in "${NODES[@]}"; do ip netns del "$n" 2>/dev/null || true; done; rm -rf "/etc/netns/$HOST" "$OUT"; }
trap cleanup EXIT
for n in "${NODES[@]}"; do ip netns add "$n"; ip -n "$n" link set lo up; done
# host – r1 on 198.51.100.0/24; link i (r_i – r_i+1) on 192.0.2.4i/30.
ip -n $HOST link add eth0 type veth peer name down0 netns ${NODES[1]}
ip -n $HOST addr add 198.51.100.2/24 dev eth0; ip -n $HOST link set eth0 up
ip -n ${NODES[1]} addr add 198.51.100.1/24 dev down0; ip -n ${NODES[1]} link set down0 up
ip -n $HOST route add default via 198.51.100.1
for i in 0 1 2 3; do
    a=${NODES[$((i + 1))]} b=${NODES[$((i + 2))]}
    ip -n $a link add c$i type veth peer name up0 netns $b
    ip -n $a addr add 192.0.2.$((4 * i + 1))/30 dev c$i; ip -n $a link set c$i up
    ip -n $b addr add 192.0.2.$((4 * i + 2))/30 dev up0; ip -n $b link set up0 up
    [ $i -lt 3 ] && ip -n $a route add 192.0.2.0/24 via 192.0.2.$((4 * i + 2)) 2>/dev/null || true
    [ $i -ge 1 ] && ip -n $a route add 198.51.100.0/24 via 192.0.2.$((4 * i - 3))
    ip netns exec $a sysctl -qw net.ipv4.ip_forward=1 net.ipv4.icmp_ratemask=0
done
ip -n ${NODES[5]} route add default via 192.0.2.13
# Names are never asked (-n everywhere); the host's resolver points into the chain anyway.
mkdir -p /etc/netns/$HOST; echo "nameserver 198.51.100.1" > /etc/netns/$HOST/resolv.conf
in_host() { ip netns exec $HOST "$@"; }
in_host ping -c 1 -W 2 192.0.2.14 >/dev/null   # neighbours resolved before timing
FAR=192.0.2.14
# The mean whole-process time of hyperfine's command N (0-based) in file F, in ms.
mean() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]['mean']*1000)" "$1" "$2"; }
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "== every hop answers: hops as each tool sees them"
in_host traceroute -n -I -q1 $FAR
in_host "$NK" trace -n -c 1 $FAR
for dest in $FAR 192.0.2.2; do
    echo "== every hop answers: one pass to $dest (whole process)"
    hyperfine -N --warmup 5 --runs "$RUNS" --export-json "$OUT/$dest.json" \
        "ip netns exec $HOST traceroute -n -I -q1 $dest" \
        "ip netns exec $HOST $NK trace -n -c 1 $dest" \
        ${BASE[@]+"${BASE[@]/DEST/$dest}"}
done
ip -n $R3 rule add iif lo to 198.51.100.0/24 blackhole      # r3 never answers from now on
echo
echo "== r3 silent: one pass to $FAR (whole process)"
in_host traceroute -n -I -q1 $FAR
in_host "$NK" trace -n -c 1 $FAR
hyperfine -N --warmup 2 --runs 10 --export-json "$OUT/silent.json" \
    "ip netns exec $HOST traceroute -n -I -q1 $FAR" \
    "ip netns exec $HOST mtr -n --report -c 1 $FAR" \
    "ip netns exec $HOST $NK trace -n -c 1 $FAR" \
    "ip netns exec $HOST traceroute -n $FAR"
echo
echo "== ten rounds, 0.2 s apart (r3 silent)"
hyperfine -N --runs 3 \
    "ip netns exec $HOST mtr -n --report -c 10 -i 0.2 $FAR" \
    "ip netns exec $HOST $NK trace -n -c 10 -i 0.2 $FAR"
ip -n $R3 rule del iif lo to 198.51.100.0/24 blackhole
echo "== a hundred rounds 1 ms apart, every hop answering"
hyperfine -N --warmup 2 --runs 10 "ip netns exec $HOST $NK trace -n -c 100 -i 1ms $FAR"
echo
echo "== ratios (mean whole-process time, netkit / peer)"
for dest in $FAR 192.0.2.2; do
    t=$(mean "$OUT/$dest.json" 0) n=$(mean "$OUT/$dest.json" 1)
    python3 -c "import sys; t,n=float(sys.argv[1]),float(sys.argv[2]); print(f'every hop answers, to {sys.argv[3]}: traceroute -I -q1 {t:.2f} ms, netkit {n:.2f} ms, ratio {n/t:.2f} (goal <= 1.1)')" "$t" "$n" "$dest"
    if [ -n "${BASELINE:-}" ]; then
        b=$(mean "$OUT/$dest.json" 2)
        python3 -c "import sys; b,n=float(sys.argv[1]),float(sys.argv[2]); print(f'  baseline {b:.2f} ms: netkit / baseline {n/b:.2f}')" "$b" "$n"
    fi
done
t=$(mean "$OUT/silent.json" 0) m=$(mean "$OUT/silent.json" 1) n=$(mean "$OUT/silent.json" 2) d=$(mean "$OUT/silent.json" 3)
python3 -c "import sys; t,m,n,d=map(float,sys.argv[1:5]); print(f'r3 silent, to the far host: netkit {n:.0f} ms; traceroute -I -q1 {t:.0f} ms (ratio {n/t:.2f}), traceroute -n {d:.0f} ms ({d/n:.0f}x slower than netkit), mtr -c 1 {m:.0f} ms')" "$t" "$m" "$n" "$d"
