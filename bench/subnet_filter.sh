#!/usr/bin/env bash
# Benchmark: `netkit subnet filter` against grepcidr 2.0 on the same input, same run.
#
# Generates (deterministically) 5,000,000 random IPv4 lines - plain addresses and access-log-like
# lines - and 1000 random CIDRs (/8 to /28) into bench/out/, builds netkit in release mode, checks
# that both tools print byte-identical output, times both with hyperfine (or a time loop), prints
# the medians and the ratio grepcidr/netkit, and records them in BENCHMARKS.md.
#
# Usage: bench/subnet_filter.sh [plain|log|all]   (default: all)
# Env:   LINES=5000000 PATTERNS=1000 RUNS=5 NO_WRITE=1 (do not touch BENCHMARKS.md)
#        NO_HYPERFINE=1 (time with a bash loop even when hyperfine is installed)
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
out=bench/out
mkdir -p "$out"
lines=${LINES:-5000000}
npat=${PATTERNS:-1000}
runs=${RUNS:-5}
which=${1:-all}

command -v grepcidr >/dev/null || { echo "grepcidr is not installed (apt-get install grepcidr)" >&2; exit 2; }

# ---- data (fixed seed; regenerated only when the parameters change) ----
stamp="$out/.params"
want="lines=$lines patterns=$npat seed=20261125"
if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    echo "generating $lines lines and $npat patterns into $out/ ..." >&2
    rm -f "$stamp"
    python3 - "$out" "$lines" "$npat" <<'PY'
import random, sys
out, n, npat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(20261125)
with open(f"{out}/pats.txt", "w") as f:
    f.write("# random networks, /8 to /28\n")
    for _ in range(npat):
        plen = rng.randint(8, 28)
        net = rng.getrandbits(32) & ~((1 << (32 - plen)) - 1) & 0xFFFFFFFF
        f.write(f"{net >> 24}.{(net >> 16) & 255}.{(net >> 8) & 255}.{net & 255}/{plen}\n")
def ip():
    a = rng.getrandbits(32)
    return f"{a >> 24}.{(a >> 16) & 255}.{(a >> 8) & 255}.{a & 255}"
with open(f"{out}/plain.txt", "w") as f:
    f.writelines(ip() + "\n" for _ in range(n))
paths = ["/", "/index.html", "/api/v1/items?id=42", "/static/app.js", "/login"]
agents = ["curl/8.5.0", "Mozilla/5.0 (X11; Linux x86_64)", "Wget/1.21.4"]
with open(f"{out}/log.txt", "w") as f:
    for i in range(n):
        f.write(f'{ip()} - - [25/Nov/2026:{i // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d} +0000] '
                f'"GET {rng.choice(paths)} HTTP/1.1" {rng.choice((200, 200, 200, 301, 404))} '
                f'{rng.randint(100, 99999)} "-" "{rng.choice(agents)}"\n')
PY
    echo "$want" > "$stamp"
fi

# ---- build ----
cargo build --release --quiet
netkit="$root/target/release/netkit"

median() { # median of whitespace-separated numbers
    tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
}

results=()
for variant in plain log; do
    [[ $which == all || $which == "$variant" ]] || continue
    input="$out/$variant.txt"
    gcmd="grepcidr -f $out/pats.txt $input"
    ncmd="$netkit subnet filter -f $out/pats.txt $input"

    # ---- correctness first: byte-identical output ----
    $gcmd > "$out/$variant.grepcidr.out" || true
    $ncmd > "$out/$variant.netkit.out" || true
    if ! cmp -s "$out/$variant.grepcidr.out" "$out/$variant.netkit.out"; then
        echo "FAIL: outputs differ on $variant input:" >&2
        diff "$out/$variant.grepcidr.out" "$out/$variant.netkit.out" | head -20 >&2
        exit 1
    fi
    nmatch=$(wc -l < "$out/$variant.netkit.out")
    echo "$variant: outputs identical ($nmatch matching lines of $lines)"

    # ---- timing ----
    if [[ -z ${NO_HYPERFINE:-} ]] && command -v hyperfine >/dev/null; then
        hyperfine -N --warmup 1 --runs "$runs" --export-json "$out/$variant.json" \
            -n grepcidr "$gcmd" -n netkit "$ncmd" >&2
        read -r gmed nmed < <(python3 -c '
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
print(r["grepcidr"]["median"], r["netkit"]["median"])' "$out/$variant.json")
    else
        echo "timing with a bash loop (hyperfine missing or NO_HYPERFINE set)" >&2
        TIMEFORMAT=%R
        g=() n=()
        $gcmd > /dev/null || true # warm-up
        $ncmd > /dev/null || true
        for _ in $(seq "$runs"); do
            g+=("$( { time $gcmd > /dev/null || true; } 2>&1 )")
            n+=("$( { time $ncmd > /dev/null || true; } 2>&1 )")
        done
        gmed=$(echo "${g[*]}" | median); nmed=$(echo "${n[*]}" | median)
    fi
    ratio=$(python3 -c "print(f'{$gmed / $nmed:.2f}')")
    printf '%s: grepcidr median %.3f s, netkit median %.3f s, ratio grepcidr/netkit %sx\n' \
        "$variant" "$gmed" "$nmed" "$ratio"
    results+=("$(printf '| %s (%s lines, %s matching) | %.3f s | %.3f s | %sx |' \
        "$variant" "$lines" "$nmatch" "$gmed" "$nmed" "$ratio")")
done

# ---- record ----
if [[ -z ${NO_WRITE:-} && ${#results[@]} -gt 0 ]]; then
    cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
    section=$(cat <<MD
## subnet filter vs grepcidr

- Date: $(date -u '+%Y-%m-%d %H:%M UTC')
- Machine: $cpu, $(nproc) cores, $(uname -sr); $(grepcidr -V 2>&1 | head -1); hyperfine $(hyperfine --version 2>/dev/null | cut -d' ' -f2)
- Input: random IPv4 addresses, one per line (plain) or at the start of an access-log line (log);
  $npat random CIDRs /8-/28 from \`bench/out/pats.txt\` (fixed seed). Both outputs byte-identical.
- Rerun: \`bench/subnet_filter.sh\` (hyperfine -N --warmup 1 --runs $runs; single-threaded netkit)

| input | grepcidr median | netkit median | ratio |
|---|---|---|---|
$(printf '%s\n' "${results[@]}")
MD
)
    python3 - "$root/BENCHMARKS.md" "$section" <<'PY'
import re, sys, os
path, section = sys.argv[1], sys.argv[2].rstrip() + "\n"
text = open(path).read() if os.path.exists(path) else "# Benchmarks\n\n"
pat = re.compile(r"^## subnet filter vs grepcidr\n.*?(?=^## |\Z)", re.S | re.M)
text = pat.sub(lambda m: section + "\n", text) if pat.search(text) else text.rstrip() + "\n\n" + section
open(path, "w").write(text)
PY
    echo "recorded in BENCHMARKS.md"
fi
