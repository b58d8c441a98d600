# `netkit flow DEST[:PORT]` (src/commands/flow): the steps (DNS, routing, ARP, TCP), what each
# found (also in JSON, in English), the verdict, its help.

flow-header = How this host reaches { $destination }:
flow-header-port = How this host reaches { $destination } port { $port }:
flow-step-routing = Routing
flow-mark-ok = ok
flow-mark-skip = skip
flow-mark-no = no
flow-mark-error = error
flow-took = (took { $time })
flow-verdict-no = Stopped at the step above: a negative answer (exit 1).
flow-verdict-error = Stopped at the step above: a network error (exit 3).
flow-verdict-talk = The two programs can talk.
flow-verdict-hop = The next hop is known: packets can leave (give :PORT to try a connection).

# 1. DNS
flow-dns-is-address = { $address } is already an address: no name to resolve
flow-dns-asked = asked the system resolver (hosts file, then DNS)
flow-dns-asked-servers = asked the system resolver (hosts file, then DNS servers { $servers })
flow-dns-others = other addresses: { $addresses }

# 2. Routing
flow-routing-this-host = this host    { $address } AND { $mask } = { $network }
flow-routing-destination = destination  { $address } AND { $mask } = { $network }
flow-routing-verdict = → { $verdict }
flow-routing-local = { $address } is this host itself
flow-routing-gateway = via the gateway { $gateway } on { $interface }
flow-routing-direct = directly on { $interface }
flow-routing-refused = the routing table says { $kind }
flow-routing-see = netkit route get { $address } shows the kernel's answer

# 3. ARP
flow-who-gateway = the gateway
flow-who-destination = the destination
flow-arp-is-at = { $hop } ({ $who }) is at { $mac }
flow-arp-is-at-vendor = { $hop } ({ $who }) is at { $mac } ({ $vendor })
flow-arp-cache = from the neighbour cache ({ $state }), no { $protocol } needed
flow-arp-broadcast = broadcast "who has { $hop }? tell { $source }" on { $interface }
flow-arp-round-trip = round trip { $time }
flow-arp-interrupted = interrupted (Ctrl-C) before { $hop } ({ $who }) answered ARP, after { $time }
flow-arp-nobody = nobody answered ARP for { $hop } ({ $who }) within { $time }
flow-arp-down = { $who } is down, or not on the link { $interface }
flow-arp-not-cached = { $hop } ({ $who }) is not in the neighbour cache yet
flow-arp-cache-only-v4 = read from the cache only (asking needs CAP_NET_RAW); the kernel sends the { $protocol } request itself with the first packet
flow-arp-cache-only-v6 = read from the cache only (netkit asks by ARP, IPv6 uses NDP); the kernel sends the { $protocol } request itself with the first packet

# 4. TCP
flow-tcp-connected = connected to { $target } (SYN, SYN-ACK, ACK)
flow-tcp-from = from { $local }; closed again at once
flow-tcp-from-host = from this host; closed again at once
flow-tcp-interrupted = interrupted (Ctrl-C) before { $target } answered the SYN, after { $time }
flow-tcp-refused = { $target } refused the connection (RST): the host is there, nothing listens on port { $port }
flow-tcp-timeout = no connection to { $target }: no answer in time
flow-tcp-timeout-detail = no answer to the SYN within { $time } (a firewall drops it, or the host is down)
flow-tcp-network = no connection to { $target }: its network is unreachable
flow-tcp-network-detail = a router on the way has no route to { $address }'s network and said so (ICMP network unreachable); netkit trace { $address } shows how far packets get, netkit route get { $address } and netkit gateway this host's own routes
flow-tcp-host = no connection to { $target }: the host is unreachable
flow-tcp-host-detail = the router on { $address }'s own link (or this host, on its own subnet) asked for it by ARP and nobody answered, or a filter refused the connection; netkit trace { $address } shows how far packets get
flow-tcp-other = no connection to { $target }: { $cause }
flow-tcp-other-detail = netkit route get { $address } shows how this host would send it

# Its help (netkit flow --help, the man pages).
help-flow-arg-dest = Destination: a host name or IP, optionally with :PORT ([IPv6]:PORT)
help-flow-arg-timeout = How long each step (the name lookup, ARP, TCP) may wait
help-flow-arg-ipv4 = IPv4 only
help-flow-arg-ipv6 = IPv6 only
help-flow-after =
    Steps: 1 DNS (skipped for an IP), 2 the routing decision with the mask arithmetic,
    3 ARP for the next hop (from the neighbour cache, or by asking when netkit has
    CAP_NET_RAW), 4 a TCP connection to PORT (the three-way handshake), or stop after ARP
    when no port is given. Each step says what it found and how long it took; the walk
    stops at the first failure.

    Exit status: 0 every step worked, 1 a negative answer (no such name, no route, no ARP
    reply, connection refused), 2 bad input, 3 network error (timeout, unreachable).

    Examples:
      netkit flow example.com:80
      netkit flow 192.168.1.1
      netkit flow [2001:db8::1]:443
