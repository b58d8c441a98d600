#!/usr/bin/env bash
# netkit arp scan vs arp-scan on a sparse /16 at the same rate and one request per address, on a
# LAN of network namespaces made here (removed on exit): a scanner at 198.18.0.2/16 (RFC 2544
# benchmarking space, only inside the namespaces) and HOSTS responding hosts spread over the /16,
# each on its own veth port of one bridge. Both tools are rate-bound: 65534 requests at RATE/s.
# Checks both find the same hosts (all of them), then times both (hyperfine, medians).
# arp-scan paces -B as 64-byte frames (the Ethernet minimum with FCS: 65534 requests at -B 3.36M,
# 42 bytes a request, took 10.2 s, not 6.55 s), so -B = 64*8*RATE bits/s gives RATE requests/s.
# Needs root, arp-scan and hyperfine. Usage: bench/arp_scan16.sh [RUNS] [RATE] [HOSTS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
RATE=${2:-10000}
HOSTS=${3:-32}
BW=$((64 * 8 * RATE))
for t in arp-scan hyperfine; do command -v $t >/dev/null || { echo "$t is needed: apt-get install $t" >&2; exit 2; }; done
cargo build --release --quiet
NK=$(pwd)/target/release/netkit
P="nkc$$"
SCAN=${P}scan SW=${P}sw HOSTNS=${P}hosts
cleanup() { for n in $SCAN $SW $HOSTNS; do ip netns del "$n" 2>/dev/null || true; done; }
trap cleanup EXIT
for n in $SCAN $SW $HOSTNS; do ip netns add "$n"; ip -n "$n" link set lo up; done
ip -n $SW link add br0 type bridge; ip -n $SW link set br0 up
ip -n $SCAN link add eth0 type veth peer name p0 netns $SW
ip -n $SCAN link set eth0 address 00:16:3e:12:34:56
ip -n $SCAN addr add 198.18.0.2/16 dev eth0; ip -n $SCAN link set eth0 up
ip -n $SW link set p0 master br0; ip -n $SW link set p0 up
ip netns exec $HOSTNS sysctl -qw net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2
for i in $(seq 1 $HOSTS); do
    # Spread over the /16: third octet 0-255 in steps of 256/HOSTS, last octet varied.
    a=$(( (i * 256 / HOSTS) % 256 )); b=$(( (i * 37) % 250 + 3 ))
    ip -n $HOSTNS link add h$i type veth peer name q$i netns $SW
    ip -n $HOSTNS link set h$i address "$(printf '00:16:3e:bb:%02x:%02x' $((i / 256)) $((i % 256)))"
    ip -n $HOSTNS addr add 198.18.$a.$b/16 dev h$i noprefixroute
    ip -n $HOSTNS link set h$i up
    ip -n $SW link set q$i master br0; ip -n $SW link set q$i up
done
sleep 1
in_scan() { ip netns exec $SCAN "$@"; }
ARPSCAN="arp-scan --retry 1 --timeout 100 -B $BW -I eth0 198.18.0.0/16"
NETKIT="$NK arp scan --retries 0 --timeout 100ms --rate $RATE -I eth0 198.18.0.0/16"
# Same hosts: every host of the LAN, by both.
in_scan $ARPSCAN -q -x | awk '{print $1}' | sort -V > bench/out16.arpscan.txt || true
in_scan $NETKIT --json | python3 -c '
import json, sys
print("\n".join(h["ip"] for h in json.load(sys.stdin)["hosts"]))' | sort -V > bench/out16.netkit.txt
theirs=$(wc -l < bench/out16.arpscan.txt); ours=$(wc -l < bench/out16.netkit.txt)
same=$(cmp -s bench/out16.arpscan.txt bench/out16.netkit.txt && echo yes || echo no)
rm -f bench/out16.arpscan.txt bench/out16.netkit.txt
echo "sparse /16, $HOSTS hosts, $RATE requests/s: arp-scan found $theirs, netkit found $ours, same hosts: $same"
[[ $same == yes && $ours -eq $HOSTS ]] || { echo "FAIL: the hosts found differ" >&2; exit 1; }
mkdir -p bench/out
in_scan hyperfine -N --warmup 1 --runs "$RUNS" --export-json bench/out/arp_scan16.json "$ARPSCAN" "$NETKIT" >/dev/null
python3 - bench/out/arp_scan16.json <<'PY'
import json, sys
r = [(x["command"], x["median"] * 1000, x["stddev"] * 1000) for x in json.load(open(sys.argv[1]))["results"]]
(a, ta, sa), (n, tn, sn) = r
print(f"{a}\n    median {ta:8.1f} ms (sd {sa:.1f})")
print(f"{n.split('/netkit ')[-1] if '/netkit ' in n else n}\n    median {tn:8.1f} ms (sd {sn:.1f})")
ok = tn <= ta * 1.05
print(f"netkit/arp-scan {tn / ta:.3f}", "PASS (within 5%)" if ok else "FAIL: netkit more than 5% slower")
sys.exit(0 if ok else 1)
PY
