# Sourced by the DNS benches (bench/dns.sh, dns_trace.sh, dns_validate.sh): NSD configuration and
# the namespace the walks run in.

# nsd_conf DIR IP PORT ORIGIN ZONEFILE: writes DIR/nsd.conf, one NSD on IP:PORT serving ORIGIN
# from DIR/ZONEFILE, everything (pid, state) kept in DIR.
nsd_conf() {
    cat > "$1/nsd.conf" <<CONF
server:
  ip-address: $2
  port: $3
  zonesdir: "$1"
  pidfile: "$1/nsd.pid"
  database: ""
  zonelistfile: "$1/zone.list"
  xfrdfile: "$1/xfrd.state"
  xfrdir: "$1"
  username: ""
  chroot: ""
  server-count: 1
  verbosity: 0
remote-control:
  control-enable: no
zone:
  name: "$4"
  zonefile: "$5"
CONF
}

# dns_netns NS HOSTS: makes namespace NS (loopback up) whose resolver is its own loopback, where
# nothing answers (never the machine's resolver), and whose hosts file is HOSTS (dig +trace looks
# the servers' names up with getaddrinfo).
dns_netns() {
    ip netns add "$1"; ip -n "$1" link set lo up
    mkdir -p "/etc/netns/$1"
    echo "nameserver 127.0.0.1" > "/etc/netns/$1/resolv.conf"
    printf '%b' "127.0.0.1 localhost\n$2" > "/etc/netns/$1/hosts"
}

# dns_netns_cleanup NS DIR: stops every NSD whose pid file is in DIR/*/, removes NS and DIR.
dns_netns_cleanup() {
    for p in "$2"/*/nsd.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null || true; done
    ip netns del "$1" 2>/dev/null || true
    rm -rf "$2" "/etc/netns/$1"
}
