#!/usr/bin/env bash
# netkit watch vs arpwatch on the same burst, on namespaces made here (removed on exit): a
# watcher at 198.18.0.2/15 and a sender behind a bridge that puts N ARP requests on the wire at
# RATE frames/s (Python AF_PACKET), each from its own IP (198.18.x.y) and MAC, so each is a new
# station. Each watcher runs alone while the burst is sent (arpwatch -d -p: debug, foreground,
# no promiscuous mode; `netkit --json watch`), then gets SIGINT; printed: new stations reported,
# frames counted and frames the kernel dropped (netkit), and the CPU time (user + system) of the
# watcher process.
# Needs root, arpwatch and python3 (apt-get install arpwatch python3). Packets stay inside the namespaces.
# Usage: bench/watch.sh [N] [RATE]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
RATE=${2:-10000}
command -v arpwatch >/dev/null || { echo "arpwatch is needed: apt-get install arpwatch" >&2; exit 2; }
cargo build --release --quiet
NK=$(pwd)/target/release/netkit
P="nkw$$"
W=${P}w SW=${P}sw S=${P}s
TMP=$(mktemp -d)
cleanup() { for n in $W $SW $S; do ip netns del "$n" 2>/dev/null || true; done; rm -rf "$TMP" "/etc/netns/$W"; }
trap cleanup EXIT
[[ ${KEEP:-} ]] && trap - EXIT
for n in $W $SW $S; do ip netns add "$n"; ip -n "$n" link set lo up; done
ip -n $SW link add br0 type bridge; ip -n $SW link set br0 up
for n in $W $S; do
    ip -n $n link add eth0 type veth peer name p-$n netns $SW
    ip -n $SW link set p-$n master br0; ip -n $SW link set p-$n up
    ip -n $n link set eth0 up
done
ip -n $W addr add 198.18.0.2/15 dev eth0
# arpwatch looks up each new station's name: in the watcher's namespace the resolver is its own
# loopback, where nothing listens (never the machine's resolver).
mkdir -p /etc/netns/$W
echo "nameserver 127.0.0.1" > /etc/netns/$W/resolv.conf
echo "127.0.0.1 localhost" > /etc/netns/$W/hosts
# The burst, as hex lines: request "who has 198.18.0.2" from 198.18.(i/250+1).(i%250+1), MAC 02:00:00:00:hi:lo.
python3 - "$N" > "$TMP/burst" <<'PY'
import sys
n = int(sys.argv[1])
for i in range(n):
    mac = bytes([2, 0, 0, 0, i >> 8 & 255, i & 255])
    ip = bytes([198, 18, i // 250 + 1, i % 250 + 1])
    f = b"\xff" * 6 + mac + b"\x08\x06\x00\x01\x08\x00\x06\x04\x00\x01" + mac + ip + b"\x00" * 6 + bytes([198, 18, 0, 2])
    print(f.hex())
PY
send() {
    ip netns exec $S python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW); s.bind(("eth0", 0))
rate = float(sys.argv[1]); start = time.monotonic()
for i, line in enumerate(open(sys.argv[2])):
    s.send(bytes.fromhex(line.strip()))
    if i % 50 == 49:
        ahead = start + (i + 1) / rate - time.monotonic()
        if ahead > 0: time.sleep(ahead)
' "$RATE" "$TMP/burst"
}
# Runs "$@" in the watcher namespace under /usr/bin/time, sends the burst, stops it; CPU to $TMP/cpu.
watch_burst() {
    local tag=$1; shift
    ip -n $W neigh flush all    # what the last burst taught the kernel is not known to the next
    ip netns exec $W /usr/bin/time -f "%U %S" -o "$TMP/cpu.$tag" "$@" > "$TMP/out.$tag" 2> "$TMP/err.$tag" &
    local pid=$!
    sleep 1
    send
    sleep 1
    pkill -INT -P $pid || true
    wait $pid || true
}
touch "$TMP/arp.dat"
watch_burst aw arpwatch -d -p -i eth0 -f "$TMP/arp.dat"
aw_new=$(cat "$TMP/out.aw" "$TMP/err.aw" | grep -c "new station" || true)
aw_cpu=$(awk '{print $1 + $2}' "$TMP/cpu.aw")
watch_burst nk "$NK" --json watch -I eth0
nk_new=$(grep -c '"kind":"new_station"' "$TMP/out.nk" || true)
nk_frames=$(grep '"summary"' "$TMP/out.nk" | python3 -c 'import json,sys; s = json.load(sys.stdin)["summary"]; print(s["arp"], s["dropped"])')
read -r nk_frames nk_dropped <<< "$nk_frames"
nk_cpu=$(awk '{print $1 + $2}' "$TMP/cpu.nk")
echo "burst: $N ARP requests at $RATE/s, each a new station"
printf "  %-12s %14s %14s %14s %12s\n" "" "new stations" "frames counted" "kernel dropped" "CPU s"
printf "  %-12s %14s %14s %14s %12s\n" arpwatch "$aw_new" "-" "-" "$aw_cpu"
printf "  %-12s %14s %14s %14s %12s\n" "netkit watch" "$nk_new" "$nk_frames" "$nk_dropped" "$nk_cpu"
