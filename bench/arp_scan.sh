#!/usr/bin/env bash
# netkit arp scan vs arp-scan, same run, on a LAN of network namespaces made here (and removed on
# exit): a scanner at 198.51.100.2/24 and 100 responding hosts (198.51.100.10-109) behind a bridge.
# Checks netkit finds every host arp-scan finds, then times both (hyperfine, medians).
# Needs root, arp-scan and hyperfine (apt-get install arp-scan hyperfine). Packets stay inside the namespaces.
# Usage: bench/arp_scan.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10}
HOSTS=100
for t in arp-scan hyperfine; do command -v $t >/dev/null || { echo "$t is needed: apt-get install $t" >&2; exit 2; }; done
cargo build --release --quiet
NK=$(pwd)/target/release/netkit
P="nkb$$"
SCAN=${P}scan SW=${P}sw HOSTNS=${P}hosts
cleanup() { for n in $SCAN $SW $HOSTNS; do ip netns del "$n" 2>/dev/null || true; done; }
trap cleanup EXIT
[[ ${KEEP:-} ]] && trap - EXIT
for n in $SCAN $SW $HOSTNS; do ip netns add "$n"; ip -n "$n" link set lo up; done
ip -n $SW link add br0 type bridge; ip -n $SW link set br0 up
ip -n $SCAN link add eth0 type veth peer name p0 netns $SW
ip -n $SCAN link set eth0 address 00:16:3e:12:34:56
ip -n $SCAN addr add 198.51.100.2/24 dev eth0; ip -n $SCAN link set eth0 up
ip -n $SW link set p0 master br0; ip -n $SW link set p0 up
# Each host interface answers ARP only for its own address.
ip netns exec $HOSTNS sysctl -qw net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2
for i in $(seq 1 $HOSTS); do
    ip -n $HOSTNS link add h$i type veth peer name q$i netns $SW
    ip -n $HOSTNS link set h$i address "$(printf '00:16:3e:aa:%02x:%02x' $((i / 256)) $((i % 256)))"
    ip -n $HOSTNS addr add 198.51.100.$((9 + i))/24 dev h$i noprefixroute
    ip -n $HOSTNS link set h$i up
    ip -n $SW link set q$i master br0; ip -n $SW link set q$i up
done
sleep 1
in_scan() { ip netns exec $SCAN "$@"; }
# Completeness: every host arp-scan finds (default settings), netkit finds too.
in_scan arp-scan -q -x -I eth0 198.51.100.0/24 | awk '{print $1}' | sort -V > bench/out.arpscan.txt || true
in_scan "$NK" --json arp scan -I eth0 198.51.100.0/24 | python3 -c '
import json, sys
print("\n".join(h["ip"] for h in json.load(sys.stdin)["hosts"]))' | sort -V > bench/out.netkit.txt
theirs=$(wc -l < bench/out.arpscan.txt); ours=$(wc -l < bench/out.netkit.txt)
missing=$(comm -23 bench/out.arpscan.txt bench/out.netkit.txt | wc -l)
rm -f bench/out.arpscan.txt bench/out.netkit.txt
echo "arp-scan found $theirs hosts, netkit found $ours, missing from netkit: $missing (expected $HOSTS)"
[[ $missing -eq 0 && $ours -eq $HOSTS ]] || { echo "FAIL: netkit missed hosts" >&2; exit 1; }
mkdir -p bench/out
in_scan hyperfine -N --warmup 2 --runs "$RUNS" --export-json bench/out/arp_scan.json \
    "arp-scan --retry 1 --timeout 100 -B 10M -I eth0 198.51.100.0/24" \
    "$NK arp scan -I eth0 198.51.100.0/24" >/dev/null
python3 - bench/out/arp_scan.json <<'PY'
import json, sys
r = {x["command"]: x["median"] * 1000 for x in json.load(open(sys.argv[1]))["results"]}
(a, ta), (n, tn) = list(r.items())
print(f"{a:60s} median {ta:8.1f} ms")
print(f"{'netkit arp scan -I eth0 198.51.100.0/24':60s} median {tn:8.1f} ms")
print(f"ratio arp-scan/netkit {ta / tn:.2f}", "PASS" if tn < ta else "FAIL: netkit is slower")
sys.exit(0 if tn < ta else 1)
PY
