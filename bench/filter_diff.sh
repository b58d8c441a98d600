#!/usr/bin/env bash
# Differential check: `netkit subnet filter` against grepcidr 2.0 on a tricky corpus.
#
# Builds a corpus of hand-picked edge cases (addresses glued to letters, dots, colons, brackets,
# ports, leading zeros, embedded IPv4 in IPv6, invalid UTF-8, a last line without newline) plus
# seeded random lines made of address fragments, then runs both tools with several pattern sets
# and option combinations and compares stdout byte for byte and the exit status.
#
# Usage: bench/filter_diff.sh [random-lines]   (default 20000). Exit 1 on any difference.
set -euo pipefail

cd "$(dirname "$0")/.."
out=bench/out/diff
mkdir -p "$out"
nrand=${1:-20000}

command -v grepcidr >/dev/null || { echo "grepcidr is not installed (apt-get install grepcidr)" >&2; exit 2; }
cargo build --release --quiet
netkit=target/release/netkit

python3 - "$out/corpus.txt" "$nrand" <<'PY'
import random, sys
path, n = sys.argv[1], int(sys.argv[2])
cases = [
    "1.2.3.4", "a1.2.3.4", "1.2.3.4a", "1.2.3.4.5", "x 1.2.3.4.5 y", "1.2.3.4:80", "[1.2.3.4]",
    "01.2.3.4", "001.002.003.004", "1.2.3.04", "host1.2.3.4.example", "-1.2.3.4", "1.2.3.4-",
    "_1.2.3.4", "1.2.3.4_", "1.2.3.256 1.2.3.4", "1.2.3.256", "1.2.3", "1.2.3.4/24",
    "10.0.0.1,1.2.3.4", "no address here", "", "  1.2.3.4 leading spaces", "foo=1.2.3.4;",
    "1.2.3.4.", ".1.2.3.4", "1..2.3.4 1.2.3.4", "0001.2.3.4", "1.2.3.0004", "99999999999.1.2.3.4",
    "1.2.3.4999", "5.6.7.8 1.2.3.4", "1234.1.2.3", "12345.1.2.3.4", "0.0.0.0", "255.255.255.255",
    "10.0.0.255\t10.1.1.1", "1.2.3.4\r", "GET http://1.2.3.4/x HTTP/1.1",
    "2001:db8::1", "[2001:db8::1]:443", "2001:db8::1%eth0", "fe80::1/64", "::1", ":::1", "::",
    "2001:DB8::A", "2001:db8:0:0:0:0:0:1", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::8", "00001::1",
    "::ffff:1.2.3.4", "::ffff:01.2.3.4", "1.2::3", "g2001:db8::1", "2001:db8::1g", "2001:db8::1.",
    "2001:db8::1:", "x::1", "abcd:", "abcde::1", "a:b:c:d:e:f:0:1", "1::2::3", "::1.2.3.4",
    "1.2.3.4 2001:db8::5", "2001:db8::5 1.2.3.4", "mac 00:11:22:33:44:55", "time 12:34:56",
    "\xff\xfe 1.2.3.4 \xff", "caf\xc3\xa9 10.9.8.7", "1.2.3.4" + " x" * 100, "a" * 300 + " 1.2.3.4",
]
frags = ["1", "2", "3", "4", "0", "00", "01", "10", "127", "192", "168", "255", "256", "999", ".", ".",
         ".", ":", "::", ":", "a", "f", "ff", "db8", "2001", "ffff", "g", "x", " ", " ", "-", "/", "[", "]",
         ",", "1.2.3.4", "10.0.0.1", "2001:db8::1", "::1", "\t", "_", "%", "\xff"]
rng = random.Random(4242)
with open(path, "wb") as f:
    for c in cases:
        f.write(c.encode("latin-1") + b"\n")
    for _ in range(n):
        line = "".join(rng.choice(frags) for _ in range(rng.randint(0, 14)))
        f.write(line.encode("latin-1") + b"\n")
    f.write(b"last line without newline 1.2.3.4")
PY

patsets=(
    "1.2.3.0/24"
    "0.0.0.0/0"
    "1.0.0.0/8,10.0.0.0/8,127.0.0.1,192.168.0.0/16"
    "2001:db8::/32"
    "::/0"
    "::1,::ffff:0:0/96"
    "1.2.3.4,2001:db8::/32"
    "0.0.0.0/0,::/0"
    "1.2.3.1-1.2.3.9,5.0.0.0/8"
)
opts=("" "-v" "-x" "-c" "-v -x" "-c -v")
fail=0 total=0
for p in "${patsets[@]}"; do
    for o in "${opts[@]}"; do
        total=$((total + 1))
        # shellcheck disable=SC2086
        g=$(grepcidr $o -e "$p" "$out/corpus.txt" > "$out/g.out"; echo $?)
        # shellcheck disable=SC2086
        n=$($netkit subnet filter $o -e "$p" "$out/corpus.txt" > "$out/n.out"; echo $?)
        if [[ $g != "$n" ]] || ! cmp -s "$out/g.out" "$out/n.out"; then
            fail=$((fail + 1))
            echo "DIFF: patterns '$p' options '$o' (exit grepcidr $g, netkit $n)"
            diff <(cat -A "$out/g.out") <(cat -A "$out/n.out") | head -10 || true
        fi
    done
done
# Several files: grepcidr prefixes each line with its file name and -c prints one total.
split -n l/2 -d "$out/corpus.txt" "$out/part"
for o in "" "-c" "-v"; do
    total=$((total + 1))
    # shellcheck disable=SC2086
    g=$(grepcidr $o -e "1.0.0.0/8,::/0" "$out/part00" "$out/part01" > "$out/g.out"; echo $?)
    # shellcheck disable=SC2086
    n=$($netkit subnet filter $o -e "1.0.0.0/8,::/0" "$out/part00" "$out/part01" > "$out/n.out"; echo $?)
    if [[ $g != "$n" ]] || ! cmp -s "$out/g.out" "$out/n.out"; then
        fail=$((fail + 1))
        echo "DIFF: two files, options '$o' (exit grepcidr $g, netkit $n)"
        diff <(cat -A "$out/g.out") <(cat -A "$out/n.out") | head -10 || true
    fi
done
echo "$((total - fail))/$total combinations identical on $(wc -l < "$out/corpus.txt") lines"
[[ $fail -eq 0 ]]
