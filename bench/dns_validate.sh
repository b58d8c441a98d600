#!/usr/bin/env bash
# What `netkit dns --validate` adds to a walk: a signed tree served by NSD inside a namespace
# made here (removed on exit), every zone signed now with ldns (ECDSA P-256) and its DS put in
# the parent: the root on 127.0.0.12 → test. on 127.0.0.13 → lab.test. on 127.0.0.14. Times
# `dns www.lab.test --trace --dnssec` (the walk with DO set) beside `--validate @ROOT` (the answer
# asked of the root server and the servers its referrals lead to, as delv asks a server, then the DS
# and DNSKEY sets and every signature checked), `--trace --validate` (the walk, then the chain
# along its servers), and `dig +trace +dnssec` for scale.
# Needs root, nsd, ldnsutils, dig and hyperfine. Usage: bench/dns_validate.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-50}
for t in nsd ldns-signzone ldns-keygen ldns-key2ds dig hyperfine; do
    command -v $t >/dev/null || { echo "$t is needed" >&2; exit 2; }
done
cargo build --release --quiet
NK=$(pwd)/target/release/netkit
NS="nkv$$"
PORT=5392
TMP=$(mktemp -d)
. bench/lib/nsd.sh
trap 'dns_netns_cleanup "$NS" "$TMP"' EXIT
dns_netns "$NS" '127.0.0.12 a.root.test\n127.0.0.13 ns.test\n127.0.0.14 ns.lab.test\n'
SOA='@ IN SOA ns admin 1 3600 600 86400 60'
sign() { # TAG ORIGIN TEXT -> DS on stdout
    mkdir -p "$TMP/$1"; cd "$TMP/$1"
    printf '$ORIGIN %s\n$TTL 300\n%s\n%b' "$2" "$SOA" "$3" > z.zone
    local base; base=$(ldns-keygen -a ECDSAP256SHA256 -k "$2")
    ldns-signzone -n z.zone "$base"
    ldns-key2ds -n -2 "$base.key"
    cd - >/dev/null
}
serve() { # TAG IP ORIGIN
    nsd_conf "$TMP/$1" "$2" "$PORT" "$3" z.zone.signed
    ip netns exec "$NS" nsd -c "$TMP/$1/nsd.conf" 2>/dev/null
}
LAB_DS=$(sign lab lab.test. '@ IN NS ns\nns IN A 127.0.0.14\nwww IN A 192.0.2.80\n')
TEST_DS=$(sign test test. "@ IN NS ns\nns IN A 127.0.0.13\nlab IN NS ns.lab\nns.lab IN A 127.0.0.14\n$LAB_DS\n")
ROOT_DS=$(sign root . "@ IN NS a.root.test.\na.root.test. IN A 127.0.0.12\ntest. IN NS ns.test.\nns.test. IN A 127.0.0.13\n$TEST_DS\n")
echo "$ROOT_DS" > "$TMP/anchor.ds"
serve root 127.0.0.12 .; serve test 127.0.0.13 test.; serve lab 127.0.0.14 lab.test.
sleep 1
in_ns() { ip netns exec "$NS" "$@"; }
in_ns "$NK" dns www.lab.test @127.0.0.12:$PORT --validate --trust-anchor "$TMP/anchor.ds" | tail -5
echo
hyperfine -N --warmup 3 --runs "$RUNS" \
    "ip netns exec $NS $NK dns www.lab.test @127.0.0.12:$PORT --trace --dnssec" \
    "ip netns exec $NS $NK dns www.lab.test @127.0.0.12:$PORT --validate --trust-anchor $TMP/anchor.ds" \
    "ip netns exec $NS $NK dns www.lab.test @127.0.0.12:$PORT --trace --validate --trust-anchor $TMP/anchor.ds" \
    "ip netns exec $NS dig +trace +dnssec @127.0.0.12 -p $PORT www.lab.test A"
