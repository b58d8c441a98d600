# `netkit trace DEST` (src/commands/trace): its table, verdicts, notes, errors and help.

trace-port-needs-udp-tcp = --port needs --udp or --tcp (ICMP echo has no port)
trace-multicast = a multicast address (a group of hosts)
trace-link-local = { $address } is link-local: --udp and --tcp probes cannot name its link (trippy's sockets take no zone); an ICMP trace can
trace-first-past-max = --first-hop { $first } is past --max-hops { $max }
trace-not-one-host = { $address } is { $what }: a trace follows the path to one host (ping asks a group: ping -b for a broadcast address)

# Hop 1 explained: the route the kernel picked (also in JSON, in English).
trace-first-local = { $target } is an address of this host: the kernel delivers the packet to itself (on { $interface }) and it never leaves, so hop 1 is this host.
trace-first-mac = {" "}(MAC { $mac })
trace-first-mac-vendor = {" "}(MAC { $mac }, { $vendor })
trace-first-via-gateway-subnet = { $target } is not on this host's subnet { $subnet }: the packet went to the gateway { $gateway }{ $mac } on { $interface }, which is hop 1.
trace-first-via-gateway = a route sends packets for { $target } via the gateway { $gateway }{ $mac } on { $interface }, which is hop 1.
trace-first-direct-subnet = { $target } is on this host's subnet { $subnet }: delivered directly to it{ $mac } on { $interface }, so hop 1 is { $next } itself.
trace-first-on-link = a route puts { $target } directly on { $interface } (on-link){ $mac }: hop 1 is { $next } itself.
trace-hop-1 = Hop 1: { $explanation }

# What an address of each kind on the path means.
trace-kind-private = a private network's router: yours, or inside your provider (RFC 1918)
trace-kind-cgnat = your provider's NAT: carrier-grade NAT's shared address space (RFC 6598)
trace-kind-public = public: routed on the Internet
trace-kind-unique-local = a private IPv6 network's router (RFC 4193)
trace-kind-documentation = reserved for examples and test networks, never routed on the Internet (RFC 5737, RFC 3849)
trace-kind-note = { $kind }: { $meaning }

# A hop that did not answer (also in JSON, in English).
trace-silent-forwards = forwards but does not answer probes (common, not a fault)
trace-silent = no answer
trace-silent-hop = * hop { $hop }: { $why }

# What an "unreachable" from a router on the way means.
trace-means-net = it has no route to DEST's network
trace-means-host = it could not reach DEST on DEST's own link
trace-means-prohibited = a filter there refused the probe
trace-means-protocol = it does not serve the probe's protocol
trace-means-too-big = the probe was too big for the next link
trace-means-other = it would not pass the probe on

# The verdict.
trace-reached = reached { $address } at hop { $hop }
trace-unreachable = not reached: { $from } (hop { $hop }) answered { $error }: { $meaning }
trace-unreachable-for = not reached: { $from } (hop { $hop }) answered { $error } for the probes of hop { $probe_hop }: { $meaning }
trace-max-hops = not reached within --max-hops { $max }: hop { $hop } still answered as a router on the way; a larger -m goes further
trace-no-answer-past = not reached: no answer past hop { $hop } (tried up to hop { $max }){ $why }
trace-no-answer = not reached: no answer at any hop up to { $max }{ $why }
trace-why-silent-routers = ; routers that forward without answering are common: a larger -m may reach DEST
trace-why-filter-icmp = ; a filter may drop ICMP echo: try --udp or --tcp --port 443
trace-why-filter-udp = ; a filter may drop UDP probes: try --tcp --port 443
trace-why-filter-tcp = ; a filter may drop TCP SYNs to this port: try another --port

# The table and the lines around it.
trace-col-hop = Hop
trace-col-address = Address
trace-col-kind = Kind
trace-col-loss = Loss
trace-col-sent = Sent
trace-col-last = Last
trace-col-avg = Avg
trace-col-best = Best
trace-col-worst = Worst
trace-col-stdev = StDev
trace-header = trace to { $destination } ({ $address }), { $protocol }, { $rounds ->
        [one] { $rounds } round
       *[other] { $rounds } rounds
    }
trace-header-port = trace to { $destination } ({ $address }), { $protocol } port { $port }, { $rounds ->
        [one] { $rounds } round
       *[other] { $rounds } rounds
    }
trace-icmp-echo = ICMP echo
trace-running = { $done } of { $rounds ->
        [one] { $rounds } round
       *[other] { $rounds } rounds
    } done…
trace-interrupted = interrupted: the rounds finished so far

# Help.
help-trace-after =
    Sends probes toward DEST with TTL (IPv6: hop limit) 1, 2, 3... many at once, round after
    round (like mtr, not one hop at a time like traceroute): each router where a probe's TTL runs
    out answers "time exceeded", and so shows itself. After --count rounds one line per hop gives
    the address(es) that answered, the loss, probes sent and the round trips (last, avg, best,
    worst, stdev); a router that never answers shows as `*` (common, not a fault). The last line
    says whether DEST was reached, and if not, what the last answer meant. Ctrl-C prints what the
    finished rounds saw. On a terminal the table fills in round by round (as mtr's does).

    Each address comes with its reverse name (asked of the system resolver in parallel, never
    slowing the probes; -n skips it) and its kind as `subnet info` names it (private, cgnat: your
    provider's NAT, documentation, public...). Hop 1 is explained as `route get` explains a route:
    the mask arithmetic that sent the packet to the gateway, and the gateway's MAC and vendor.

    UDP and TCP probes need raw sockets, so CAP_NET_RAW (sudo, or `sudo setcap cap_net_raw+ep
    $(command -v netkit)`). ICMP probes use raw sockets with it, and without it the unprivileged
    ICMP socket `ping` uses, where net.ipv4.ping_group_range allows ("socket": "datagram").

    Exit status: 0 DEST reached, 1 not reached, 2 bad input, 3 network error, 4 no privilege.

    Examples:
      netkit trace 192.0.2.1
      netkit trace example.com --count 10
      netkit trace --tcp --port 443 example.com
      netkit --json trace -6 2001:db8::1 --udp
help-trace-arg-dest = Destination: an IP address (IPv6 link-local with its zone, fe80::1%eth0) or a host name
help-trace-arg-count = Rounds of probes (each hop is probed once a round)
help-trace-arg-max_hops = Largest TTL (hop limit) tried (UDP and TCP probes: at most 254)
help-trace-arg-first_hop = TTL of the first hop probed (hops before it are not shown)
help-trace-arg-timeout = How long a round waits for answers
help-trace-arg-interval = Shortest time from the start of one round to the start of the next
help-trace-arg-udp = Probe with UDP datagrams (to ports 33434 and up, as traceroute; --port fixes one)
help-trace-arg-tcp = Probe with TCP SYNs (to --port, 80 by default)
help-trace-arg-port = Destination port of UDP or TCP probes
help-trace-arg-interface = Interface to send on (default: the one the route to DEST uses)
help-trace-arg-no_dns = Show addresses only: no reverse (PTR) names
help-trace-arg-ipv4 = IPv4 only
help-trace-arg-ipv6 = IPv6 only
