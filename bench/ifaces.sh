#!/usr/bin/env bash
# netkit ifaces vs ip addr, as whole processes, median of many runs in the same run.
# Reads only this machine's tables (netlink dumps): sends no packet.
# Usage: bench/ifaces.sh [RUNS]   (needs hyperfine: apt-get install hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-300}
cargo build --release --quiet
NK=./target/release/netkit
OUT=bench/out; mkdir -p "$OUT"
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 2; }
hyperfine -N --warmup 20 --runs "$RUNS" --export-json "$OUT/ifaces.json" \
    "ip addr" "$NK ifaces" "ip -j addr" "$NK --json ifaces" "$NK ifaces --all" >/dev/null
python3 - "$OUT/ifaces.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] * 1000 for x in json.load(open(sys.argv[1]))["results"]}
nk = [k for k in r if "netkit" in k]
for k, v in r.items():
    print(f"{k:40s} median {v:7.3f} ms")
base = r["ip addr"]
for k in nk:
    print(f"ratio ip addr / {k.split('netkit ',1)[1]:22s} {base / r[k]:5.2f}  (>= 1.00 means netkit is as fast or faster)")
ok = base / r[[k for k in nk if k.endswith("netkit ifaces")][0]] >= 1.0
print("PASS" if ok else "FAIL: netkit ifaces is slower than ip addr")
sys.exit(0 if ok else 1)
PY
