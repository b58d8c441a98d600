#!/usr/bin/env bash
# netkit ifaces vs ip addr, as whole processes: median of many runs, interleaved in rounds so that
# drift on a shared machine hits both alike. Reads only this machine's tables: sends no packet.
# Usage: bench/ifaces.sh [ROUNDS] [RUNS_PER_ROUND]   (needs hyperfine: apt-get install hyperfine)
# BASELINE=/path/to/older/netkit adds that build's `ifaces` to the same rounds, for before/after.
# Both netkit binaries are timed as copies (as `cargo install` leaves one): the file the linker
# wrote takes about 10 more page faults than a copy of the same bytes (see BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-6}
RUNS=${2:-100}
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 2; }
cargo build --release --quiet
OUT=bench/out/ifaces; rm -rf "$OUT"; mkdir -p "$OUT"
cp target/release/netkit "$OUT/netkit"
NK=$OUT/netkit
CMDS=("ip addr" "$NK ifaces" "ip -j addr" "$NK --json ifaces" "$NK ifaces --all")
if [ -n "${BASELINE:-}" ]; then
    cp "$BASELINE" "$OUT/baseline"
    CMDS+=("$OUT/baseline ifaces")
fi
for r in $(seq 1 "$ROUNDS"); do
    # Alternate the order each round.
    if (( r % 2 )); then order=("${CMDS[@]}"); else order=(); for ((i=${#CMDS[@]}-1; i>=0; i--)); do order+=("${CMDS[$i]}"); done; fi
    hyperfine -N --warmup 10 --runs "$RUNS" --export-json "$OUT/round$r.json" "${order[@]}" >/dev/null 2>&1
done
python3 - "$OUT" <<'PY'
import glob, json, statistics, sys
times = {}
for f in sorted(glob.glob(sys.argv[1] + "/round*.json")):
    for res in json.load(open(f))["results"]:
        times.setdefault(res["command"], []).extend(res["times"])
med = {k: statistics.median(v) * 1000 for k, v in times.items()}
for k, v in med.items():
    print(f"{k:40s} median {v:7.3f} ms  ({len(times[k])} runs)")
def ratio(peer, ours):
    return med[peer] / med[ours]
nk = [k for k in med if "netkit" in k]
compact = [k for k in nk if k.endswith("/netkit ifaces")][0]
json_ = [k for k in nk if "--json" in k][0]
print(f"ratio ip addr    / netkit ifaces        {ratio('ip addr', compact):5.2f}")
print(f"ratio ip -j addr / netkit --json ifaces {ratio('ip -j addr', json_):5.2f}")
base = [k for k in med if k.endswith("/baseline ifaces")]
if base:
    print(f"ratio baseline / netkit ifaces          {med[base[0]] / med[compact]:5.2f}")
ok = ratio('ip addr', compact) >= 1.0
print("PASS: netkit ifaces is at least as fast as ip addr" if ok else "FAIL: netkit ifaces is slower than ip addr")
sys.exit(0 if ok else 1)
PY
