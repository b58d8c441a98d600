#!/usr/bin/env bash
# netkit trace vs traceroute and mtr, same run, on a chain of namespaces made here (removed on
# exit): host 198.51.100.2 → r1 198.51.100.1 → r2 192.0.2.2 → r3 192.0.2.6 (silent: forwards,
# never answers) → r4 192.0.2.10 → far host 192.0.2.14, as tests/common/netns.rs `Chain`.
#  1. One pass: `netkit trace -n --count 1` vs `traceroute -n` and `mtr -n --report -c 1`
#     (whole-process time, hyperfine), to the far host (past the silent hop) and to r2 (two
#     hops, all answering); each tool's hops are printed once first.
#  2. Rounds: `netkit trace -n --count 10 -i 0.2` vs `mtr -n --report -c 10 -i 0.2`.
# Needs root, hyperfine, traceroute and mtr (apt-get install hyperfine traceroute mtr-tiny).
# Packets stay inside the namespaces. Usage: bench/trace.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-20}
for t in hyperfine traceroute mtr; do
    command -v $t >/dev/null || { echo "$t is needed: apt-get install hyperfine traceroute mtr-tiny" >&2; exit 2; }
done
cargo build --release --quiet
NK=$(pwd)/target/release/netkit
P="nkt$$"
NODES=(${P}h ${P}r1 ${P}r2 ${P}r3 ${P}r4 ${P}f)
HOST=${NODES[0]} R3=${NODES[3]}
cleanup() { for n in "${NODES[@]}"; do ip netns del "$n" 2>/dev/null || true; done; rm -rf "/etc/netns/$HOST"; }
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
ip -n $R3 rule add iif lo to 198.51.100.0/24 blackhole      # r3 never answers
# Names are never asked (-n everywhere); the host's resolver points into the chain anyway.
mkdir -p /etc/netns/$HOST; echo "nameserver 198.51.100.1" > /etc/netns/$HOST/resolv.conf
in_host() { ip netns exec $HOST "$@"; }
in_host ping -c 1 -W 2 192.0.2.14 >/dev/null   # neighbours resolved before timing
FAR=192.0.2.14
echo "== hops as each tool sees them"
in_host traceroute -n $FAR
in_host mtr -n --report -c 1 $FAR
in_host "$NK" trace -n --count 1 $FAR
echo
for dest in $FAR 192.0.2.2; do
    echo "== one pass to $dest (whole process)"
    hyperfine -N --warmup 2 --runs "$RUNS" \
        "ip netns exec $HOST traceroute -n $dest" \
        "ip netns exec $HOST mtr -n --report -c 1 $dest" \
        "ip netns exec $HOST $NK trace -n --count 1 $dest"
done
echo
echo "== ten rounds, 0.2 s apart"
hyperfine -N --runs 3 \
    "ip netns exec $HOST mtr -n --report -c 10 -i 0.2 $FAR" \
    "ip netns exec $HOST $NK trace -n --count 10 -i 0.2 $FAR"
in_host mtr -n --report -c 10 -i 0.2 $FAR
in_host "$NK" trace -n --count 10 -i 0.2 $FAR
