#!/usr/bin/env bash
# netkit dns --trace vs dig +trace, same run, on a delegation hierarchy served by NSD inside a
# network namespace made here (removed on exit), as tests/dns.rs `hierarchy`: the root on
# 127.0.0.2 → test. on 127.0.0.3 → lab.test. on 127.0.0.5 (lame: refuses) and 127.0.0.4, all on
# one port. Both tools ask the same server (@127.0.0.2 -p PORT) for the root's name servers and
# walk from them to www.lab.test A; the namespace's resolv.conf points at its own loopback, where
# nothing answers, so neither can reach the machine's resolver (dig +trace looks the servers' names
# up with getaddrinfo: the namespace's hosts file has them). Prints both walks once, then hyperfine's times.
# Needs root, nsd, dig and hyperfine (apt-get install nsd dnsutils hyperfine).
# Usage: bench/dns_trace.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-50}
for t in nsd dig hyperfine; do command -v $t >/dev/null || { echo "$t is needed" >&2; exit 2; }; done
cargo build --release --quiet
NK=$(pwd)/target/release/netkit
NS="nkd$$"
PORT=5391
TMP=$(mktemp -d)
. bench/lib/nsd.sh
trap 'dns_netns_cleanup "$NS" "$TMP"' EXIT
dns_netns "$NS" '127.0.0.2 a.root.test\n127.0.0.3 ns.test\n127.0.0.4 ns1.lab.test\n127.0.0.5 ns0.lab.test\n'
zone() { # DIR IP ORIGIN TEXT
    mkdir -p "$TMP/$1"
    printf '%b' "$4" > "$TMP/$1/z.zone"
    nsd_conf "$TMP/$1" "$2" "$PORT" "$3" z.zone
    ip netns exec "$NS" nsd -c "$TMP/$1/nsd.conf" 2>/dev/null
}
SOA='@ IN SOA ns admin 1 3600 600 86400 60\n'
zone root 127.0.0.2 . "\$TTL 3600\n$SOA@ IN NS a.root.test.\na.root.test. IN A 127.0.0.2\ntest. IN NS ns.test.\nns.test. IN A 127.0.0.3\n"
zone test 127.0.0.3 test. "\$TTL 3600\n$SOA@ IN NS ns.test.\nns IN A 127.0.0.3\nlab IN NS ns0.lab.test.\nlab IN NS ns1.lab.test.\nns0.lab IN A 127.0.0.5\nns1.lab IN A 127.0.0.4\n"
zone lab 127.0.0.4 lab.test. "\$TTL 300\n$SOA@ IN NS ns0.lab.test.\n@ IN NS ns1.lab.test.\nns0 IN A 127.0.0.5\nns1 IN A 127.0.0.4\nwww IN A 192.0.2.80\n"
zone lame 127.0.0.5 other.test. "\$TTL 300\n$SOA@ IN NS ns.other.test.\nns IN A 127.0.0.5\n"
sleep 1
in_ns() { ip netns exec "$NS" "$@"; }
echo "== dig +trace"
in_ns dig +trace +nodnssec @127.0.0.2 -p $PORT www.lab.test A | grep -v '^$'
echo "== netkit dns --trace"
in_ns "$NK" dns www.lab.test A @127.0.0.2:$PORT --trace
echo
hyperfine -N --warmup 3 --runs "$RUNS" \
    "ip netns exec $NS dig +trace +nodnssec @127.0.0.2 -p $PORT www.lab.test A" \
    "ip netns exec $NS $NK dns www.lab.test A @127.0.0.2:$PORT --trace"
