#!/usr/bin/env bash
# netkit dns vs dig against a local dnsmasq holding 10,000 generated names (never forwards: no
# upstream, no /etc/hosts, loopback only). Two questions:
#   1. one lookup as a whole process: netkit dns NAME A --short vs dig +short (hyperfine medians);
#   2. bulk: netkit dns --file (concurrent) vs dig -f (sequential) on all 10,000 names:
#      throughput ratio (target >= 10x), and every answer checked against the hosts file.
# SERVER=nsd serves the same names from NSD (an authoritative server, faster than dnsmasq: there
# netkit itself is the bottleneck) instead of dnsmasq; then also 3. both types (A and AAAA, the
# default) against NSD's default response rate limiting, which holds the zone's NODATA answers
# (every AAAA here) to 200 a second and slips every second one it drops: netkit's time, its TIMEOUT
# lines (target: none) and how many answers came over TCP, beside `dig -f` asking the same.
# BASELINE=PATH (an older netkit binary) runs it beside the new one in the same rounds and prints
# new/baseline: a regression check that a loaded machine does not blur (dig's own time does
# depend on the load; netkit against netkit does not, or much less).
# Usage: [SERVER=dnsmasq|nsd] [BASELINE=PATH] bench/dns.sh [NAMES] [PORT]   (needs dnsmasq or nsd, dig, hyperfine:
#        apt-get install -y dnsmasq-base nsd dnsutils hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-10000}
PORT=${2:-5399}
SERVER=${SERVER:-dnsmasq}
for tool in "$SERVER" dig hyperfine; do
    command -v "$tool" >/dev/null || { echo "$tool is needed: apt-get install -y dnsmasq-base nsd dnsutils hyperfine" >&2; exit 2; }
done
cargo build --release --quiet
# dig -f waits for each answer, so its time depends on how fast an idle core wakes up; on a busy
# machine it gets faster while netkit and dnsmasq share a core. Compare on a quiet machine.
ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat; }
read -r b0 i0 < <(ticks); sleep 1; read -r b1 i1 < <(ticks)
busy=$(( 100 * (b1 - b0) / (b1 - b0 + i1 - i0 + 1) ))
echo "== other load: ${busy}% of $(nproc) cores busy in the second before$( ((busy > 10)) && echo " (busy: the ratio will be lower than on a quiet machine)")"
NK=./target/release/netkit
OUT=bench/out/dns; rm -rf "$OUT"; mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

# name i -> 10.(i/65536).(i/256%256).(i%256), in a test-only domain.
python3 - "$COUNT" "$OUT" <<'PY'
import sys
n, out = int(sys.argv[1]), sys.argv[2]
with open(f"{out}/hosts", "w") as h, open(f"{out}/names.txt", "w") as names, open(f"{out}/expected.txt", "w") as exp:
    for i in range(n):
        ip = f"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}"
        name = f"host-{i}.bench.test"
        h.write(f"{ip} {name}\n")
        names.write(name + "\n")
        exp.write(ip + "\n")
PY

if [ "$SERVER" = nsd ]; then
    { printf '$ORIGIN bench.test.\n$TTL 300\n@ IN SOA ns admin 1 3600 600 86400 60\n@ IN NS ns\nns IN A 127.0.0.1\n'
      awk '{ sub(/\.bench\.test$/, "", $2); print $2 " IN A " $1 }' "$OUT/hosts"; } > "$OUT/bench.zone"
    . bench/lib/nsd.sh
    nsd_conf "$OUT" 127.0.0.1 "$PORT" bench.test. bench.zone
    nsd -d -c "$OUT/nsd.conf" 2>"$OUT/nsd.log" &
else
    dnsmasq --no-resolv --no-hosts --no-poll --addn-hosts="$OUT/hosts" --port="$PORT" \
        --listen-address=127.0.0.1 --bind-interfaces --no-daemon --local=/test/ \
        --cache-size=0 --log-facility="$OUT/dnsmasq.log" &
fi
DNSMASQ=$!
trap 'kill "$DNSMASQ" 2>/dev/null || true; wait "$DNSMASQ" 2>/dev/null || true' EXIT
for _ in $(seq 50); do dig +short +tries=1 +time=1 @127.0.0.1 -p "$PORT" host-0.bench.test >/dev/null 2>&1 && break; sleep 0.1; done

NAME=host-4242.bench.test
[ "$($NK dns "$NAME" A --short @127.0.0.1:"$PORT")" = "$(dig +short @127.0.0.1 -p "$PORT" "$NAME")" ] \
    || { echo "FAIL: netkit and dig disagree on $NAME" >&2; exit 1; }

ROUNDS=${ROUNDS:-4}
SINGLE=("$NK dns $NAME A --short @127.0.0.1:$PORT" "dig +short @127.0.0.1 -p $PORT $NAME")
BULK=("$NK dns --file $OUT/names.txt A --short @127.0.0.1:$PORT" "dig +short @127.0.0.1 -p $PORT -f $OUT/names.txt")
if [ -n "${BASELINE:-}" ]; then
    BASE=$(realpath "$BASELINE")
    SINGLE+=("$BASE dns $NAME A --short @127.0.0.1:$PORT")
    BULK+=("$BASE dns --file $OUT/names.txt A --short @127.0.0.1:$PORT")
fi
echo "== one lookup, whole process; bulk: $COUNT names ($ROUNDS rounds)"
for r in $(seq 1 "$ROUNDS"); do
    # Each round starts with another of the commands, so that drift hits them alike.
    singles=() bulks=()
    for i in "${!SINGLE[@]}"; do
        j=$(( (i + r) % ${#SINGLE[@]} ))
        singles+=("${SINGLE[$j]}")
        bulks+=("${BULK[$j]}")
    done
    hyperfine -N --warmup 10 --runs 100 --export-json "$OUT/single$r.json" "${singles[@]}" >/dev/null 2>&1
    hyperfine -N --warmup 1 --runs 3 --export-json "$OUT/bulk$r.json" "${bulks[@]}" >/dev/null 2>&1
done

# Correctness: every name answered, in input order, with its own address. Also the server's
# own CPU time for each client's run (schedstat, ns, of the server and the children NSD forks
# to answer): the floor no client can go below, since a reply costs the server a send.
cpu() { local t=0 p; for p in "$DNSMASQ" $(pgrep -f -- "-c $OUT/nsd.conf"); do t=$(( t + $(cut -d' ' -f1 "/proc/$p/schedstat") )); done; echo "$t"; }
c0=$(cpu); t0=$(date +%s%N); $NK dns --file "$OUT/names.txt" A --short @127.0.0.1:"$PORT" >"$OUT/netkit.txt"; t1=$(date +%s%N); c1=$(cpu)
dig +short @127.0.0.1 -p "$PORT" -f "$OUT/names.txt" >"$OUT/dig.txt"; c2=$(cpu)
echo "  $SERVER CPU time: $(( (c1 - c0) / 1000000 )) ms serving netkit's $COUNT queries (netkit's whole run took $(( (t1 - t0) / 1000000 )) ms), $(( (c2 - c1) / 1000000 )) ms serving dig's"
$NK --json dns --file "$OUT/names.txt" A @127.0.0.1:"$PORT" --unordered >"$OUT/netkit-unordered.jsonl"
# A window larger than dnsmasq's socket buffer (about 260 queries): paced, not a cliff.
for c in 256 1024; do
    t0=$(date +%s%N)
    $NK dns --file "$OUT/names.txt" A --short @127.0.0.1:"$PORT" --concurrency "$c" >"$OUT/netkit-c$c.txt"
    t1=$(date +%s%N)
    echo "  --concurrency $c: $(( (t1 - t0) / 1000000 )) ms, answers $(cmp -s "$OUT/netkit-c$c.txt" "$OUT/expected.txt" && echo correct || echo WRONG)"
done

if [ "$SERVER" = nsd ]; then
    echo "== both types (A and AAAA) against NSD's default rate limiting, $COUNT names"
    sleep 2   # a fresh second for NSD's rate counters
    t0=$(date +%s%N)
    $NK --json dns --file "$OUT/names.txt" @127.0.0.1:"$PORT" >"$OUT/netkit-both.jsonl" || true
    t1=$(date +%s%N)
    python3 - "$OUT/netkit-both.jsonl" "$(( (t1 - t0) / 1000000 ))" <<'PY'
import json, sys
timeouts = answered = tcp = names = 0
for line in open(sys.argv[1]):
    r = json.loads(line)
    names += 1
    answered += r["status"] == "answer"
    for q in r["queries"]:
        timeouts += q["status"] == "timeout"
        tcp += bool(q["response"] and q["response"]["retried_over_tcp"])
print(f"  netkit dns --file (A and AAAA): {sys.argv[2]} ms, {names} names, {answered} answered, "
      f"{timeouts} TIMEOUT, {tcp} answers over TCP after a slipped reply")
PY
    awk '{ print $1 " A"; print $1 " AAAA" }' "$OUT/names.txt" > "$OUT/names-both.txt"
    sleep 2
    t0=$(date +%s%N)
    dig +short +tries=2 +time=2 @127.0.0.1 -p "$PORT" -f "$OUT/names-both.txt" >"$OUT/dig-both.txt" 2>&1 || true
    t1=$(date +%s%N)
    echo "  dig -f (the same A and AAAA questions): $(( (t1 - t0) / 1000000 )) ms, $(grep -c 'timed out' "$OUT/dig-both.txt" || true) timed out"
fi

# Targets: >= 18x dig -f against NSD (netkit the bottleneck), >= 10x against dnsmasq (the server is).
TARGET=$([ "$SERVER" = nsd ] && echo 18 || echo 10)
BASELINE_PATH=${BASE:-} python3 - "$OUT" "$COUNT" "$TARGET" <<'PY'
import glob, json, os, statistics, sys
out, n, target = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
def med(pattern):
    times = {}
    for path in sorted(glob.glob(pattern)):
        for r in json.load(open(path))["results"]:
            times.setdefault(r["command"], []).extend(r["times"])
    return {k: statistics.median(v) for k, v in times.items()}
single, bulk = med(f"{out}/single*.json"), med(f"{out}/bulk*.json")
for k, v in single.items():
    print(f"  {k:75s} median {v * 1000:8.3f} ms")
base = os.environ.get("BASELINE_PATH")
def pick(d, who):
    if who == "base":
        return [v for k, v in d.items() if base and k.startswith(base)][0]
    if who == "netkit":
        return [v for k, v in d.items() if "netkit" in k and not (base and k.startswith(base))][0]
    return [v for k, v in d.items() if k.startswith("dig")][0]
nk1 = pick(single, "netkit")
dig1 = pick(single, "dig")
print(f"  single lookup: dig / netkit = {dig1 / nk1:.2f}")
if base:
    print(f"  single lookup: netkit / baseline = {nk1 / pick(single, 'base'):.2f} (below 1: faster than the baseline)")
for k, v in bulk.items():
    print(f"  {k:75s} median {v:8.3f} s  = {n / v:9.0f} names/s")
nkb = pick(bulk, "netkit")
digb = pick(bulk, "dig")
ratio = digb / nkb
print(f"  bulk throughput: netkit / dig = {ratio:.1f}x")
if base:
    print(f"  bulk time: netkit / baseline = {nkb / pick(bulk, 'base'):.2f} (below 1: faster than the baseline)")
expected = open(f"{out}/expected.txt").read().split()
got = open(f"{out}/netkit.txt").read().split()
dig = open(f"{out}/dig.txt").read().split()
ok_nk = got == expected
ok_dig = dig == expected
unordered = {}
for line in open(f"{out}/netkit-unordered.jsonl"):
    r = json.loads(line)
    unordered[r["input"]] = [a["data"] for q in r["queries"] for a in q["answers"]]
ok_un = len(unordered) == n and all(unordered[f"host-{i}.bench.test"] == [expected[i]] for i in range(n))
print(f"  answers correct: netkit (in order) {ok_nk}, netkit --unordered {ok_un}, dig {ok_dig}"
      f" ({len(got)}/{n} netkit lines, {len(dig)}/{n} dig lines)")
ok = ok_nk and ok_un and ratio >= target
print("PASS" if ok else "FAIL", f"(bulk target: >= {target:g}x dig -f, every answer correct)")
sys.exit(0 if ok else 1)
PY
