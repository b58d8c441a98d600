# `netkit arp IP`, `arp scan`, `arp cache` (src/commands/arp): their views, notes, progress
# lines, errors and help.

# Column headers (arp scan, arp cache).
arp-col-address = Address
arp-col-mac = MAC
arp-col-vendor = Vendor
arp-col-rtt = RTT
arp-col-name = Name
arp-col-state = State
arp-col-interface = Interface

# Choosing the interface and the source address.
arp-what-address = address
arp-what-rate = rate
arp-what-network = network
arp-ipv4-only = ARP is IPv4 only
arp-ipv4-only-ndp = ARP is IPv4 only (IPv6 uses neighbour discovery)
arp-no-route = no route to { $target }: say which interface with -I
arp-own-address = is this host's own address
arp-not-direct = { $target } is not on a directly connected subnet (the kernel would send it to { $gateway }); asking anyway
arp-route-no-interface = the route to { $target } has no interface
arp-no-default-route = no IPv4 default route to pick an interface from: say which with -I
arp-no-ethernet = has no Ethernet address: ARP works on Ethernet-like links
arp-give-target = give the IPv4 address to ask about
arp-not-ours = is not one of this host's addresses: only an owner announces
arp-no-source = { $interface } has no IPv4 address to ask from (use --dad to probe from 0.0.0.0)
arp-io = ARP on { $interface }

# `arp IP`: the first lines, each reply, the summary.
arp-header-request = ARP who-has { $target } on { $interface } from { $source } ({ $mac })
arp-explain-request = Each request is a broadcast to ff:ff:ff:ff:ff:ff, which every host on the link receives: "who has { $target }? tell { $source }"; only the host that has { $target } answers, with a unicast reply to { $mac } alone.
arp-header-dad = Duplicate address detection for { $target } on { $interface } (probes from 0.0.0.0, { $mac })
arp-explain-dad = Each probe is a broadcast "who has { $target }?" sent from 0.0.0.0, an address that claims nothing: a host that already has { $target } answers, and then it is taken.
arp-header-gratuitous = Gratuitous ARP: announcing { $target } is at { $mac } on { $interface }
arp-explain-gratuitous = Each announcement is a broadcast "{ $target } is at { $mac }" that nobody asked for: hosts that know { $target } update their caches with it.
arp-reply = Reply from { $ip } is at { $mac }{ $vendor }{ $via }  seq={ $seq }  { $rtt }
arp-reply-vendor = {" "}({ $vendor })
arp-reply-via = {" "}(Ethernet source { $mac })
arp-conflict-label = CONFLICT
arp-conflict = { $target } answered from { $count } different MACs: { $macs }
arp-discarded = Discarded { $count ->
        [one] { $count } ARP frame
       *[other] { $count } ARP frames
    }: { $reasons }
arp-summary = --- { $target }: { $sent ->
        [one] { $sent } request
       *[other] { $sent } requests
    } sent, { $received } answered ({ $lost }% lost)
arp-summary-rtt = { $summary }, rtt min { $min }, avg { $avg }, max { $max }
arp-in-use-label = In use
arp-in-use = { $target } is in use by { $macs }
arp-free-label = Free
arp-free = nobody answered { $sent ->
        [one] { $sent } probe
       *[other] { $sent } probes
    } for { $target }
arp-announced = --- { $sent ->
        [one] { $sent } announcement
       *[other] { $sent } announcements
    } sent

# Why ARP frames were thrown away, and a reason with its count ("2 with a broadcast sender MAC").
arp-discard-reason = { $count } { $reason }
arp-flaw-truncated = truncated
arp-flaw-not-ethernet-ipv4 = not Ethernet/IPv4 ARP
arp-flaw-opcode = with an unknown opcode
arp-flaw-ethernet-source = from a group or zero Ethernet source
arp-flaw-sender-broadcast = with a broadcast sender MAC
arp-flaw-sender-multicast = with a multicast sender MAC
arp-flaw-sender-zero = with a zero sender MAC
arp-flaw-over-limit = beyond what one run keeps (a flood?)

# `arp scan`.
arp-scan-too-many-range = { $range } makes more than { $max } addresses to scan; scan at most a /16 at a time
arp-scan-rate-zero = must be at least 1 request per second
arp-scan-empty-file = { $file } lists no address or range to scan
arp-scan-no-localnet = { $interface } has no IPv4 address: --localnet has no subnet to scan
arp-scan-no-address = { $interface } has no IPv4 address: give the range to scan
arp-scan-outside = { $ranges } { $count ->
        [one] is
       *[other] are
    } not within { $interface }'s subnet { $subnets }: ARP reaches only the hosts on this link, so addresses outside it will not answer (scan { $subnets } or choose the interface with -I)
arp-scan-too-many = { $count } addresses to scan; scan at most { $max } (a /16) at a time
arp-scan-nothing = nothing to scan: the ranges hold only this host's own addresses
arp-scan-io = ARP scan on { $interface }
arp-scan-header = ARP scan of { $count ->
        [one] { $count } address
       *[other] { $count } addresses
    } ({ $ranges }) on { $interface } from { $source } ({ $mac }), { $rate } requests/s
arp-ranges-none = nothing
arp-ranges-more = { $ranges } and { $more ->
        [one] { $more } more range
       *[other] { $more } more ranges
    }
arp-scan-progress = { $asked }/{ $total } asked, { $answered } answered, { $rate }, { $rest }
arp-scan-progress-retry = retry { $round }: { $line }
arp-scan-waiting = waiting for late replies
arp-scan-left = about { $left } left
arp-scan-names-progress = names: { $back }/{ $total } back, { $elapsed }
arp-scan-no-names = No names found for the { $count ->
        [one] { $count } host
       *[other] { $count } hosts
    }
arp-scan-names = Names
arp-scan-vendor-via = { $vendor }  (Ethernet source { $mac })
arp-scan-mac-via = { $mac } (Ethernet source { $source })
arp-scan-duplicate-live = DUPLICATE: a second MAC answers for this address
arp-scan-duplicate = { $mac } (DUPLICATE)
arp-scan-summary = { $answered } of { $scanned ->
        [one] { $scanned } address
       *[other] { $scanned } addresses
    } in { $network } answered on { $interface } ({ $sent ->
        [one] { $sent } request
       *[other] { $sent } requests
    }, { $took })
arp-scan-interrupted = Interrupted: { $summary }
arp-scan-dups = { $count } with more than one MAC
arp-scan-named = { $count } with a name
arp-scan-note-cache = these hosts are not added to the neighbour cache (netkit arp cache): the kernel adds a neighbour when this host itself sends to it, and the scan's frames are netkit's own.

# `arp cache`.
arp-cache-router = { $ip } (router)
arp-cache-meaning = { $meaning }.
arp-cache-hidden = { $count ->
        [one] { $count } NOARP entry is
       *[other] { $count } NOARP entries are
    } hidden (loopback or point-to-point: nothing to resolve), as ip neigh hides them; --all shows them.
arp-cache-note-own-frames = the kernel adds a neighbour here when this host itself sends to it; the answers to netkit arp and arp scan, which use frames of their own, are not added.

# Help.
help-arp-after =
    Sends ARP requests ("who has IP? tell me") on the interface the route to IP uses, unless -I;
    each reply gives the owner's MAC and the round-trip time. Needs CAP_NET_RAW: run with sudo
    or `sudo setcap cap_net_raw+ep $(command -v netkit)`. Promiscuous mode stays off.
    Times accept seconds (1, 0.2) or units (200ms, 2s).

    Exit status: 0 a reply came (--dad: the address is free), 1 none came (--dad: in use),
    2 bad input, 3 network error, 4 no CAP_NET_RAW.

    Examples:
      netkit arp 192.168.1.1 -c 3
      netkit arp --dad 192.168.1.77
      netkit arp scan 192.168.1.0/24
      netkit arp cache
help-arp-arg-target = The IPv4 address to ask about
help-arp-arg-interface = Interface to send on (default: the one the route to IP uses)
help-arp-arg-count = Number of requests (default 3); with -w, the number of replies to wait for, requests going on until then (as iputils arping)
help-arp-arg-interval = Time between requests (sub-second allowed)
help-arp-arg-deadline = Stop after this long whatever happens
help-arp-arg-timeout = How long to wait for a reply after the last request (once every request is answered, only a short grace for duplicate replies follows)
help-arp-arg-first = Stop at the first reply
help-arp-arg-dad = Duplicate address detection: probe from 0.0.0.0; exit 0 if free, 1 if in use
help-arp-arg-gratuitous = Announce IP (one of this host's addresses) with gratuitous ARP
help-arp-scan-about = Ask every address of one or more ranges who has it (default: the chosen interface's subnet)
help-arp-scan-after =
    On a terminal each host shows as it answers, with a progress line on stderr (asked, answered,
    rate, time left); piped, the table comes at the end. At most 65536 addresses (a /16) at a
    time. --resolve looks up each host's name (PTR) with the system resolver after the scan,
    many at once, waiting at most 5 s for them. Ctrl-C ends the scan and shows what answered.

    Exit status: 0 some host answered, 1 none, 2 bad input, 3 network error, 4 no CAP_NET_RAW.

    Examples:
      sudo netkit arp scan
      sudo netkit arp scan 192.168.1.0/24 -I eth0
      sudo netkit arp scan 10.0.0.0/24 10.0.5.0/24 10.0.9.7 --resolve
      sudo netkit arp scan --localnet
      sudo netkit arp scan --file ranges.txt --timeout 1s
      sudo netkit --json arp scan 10.0.0.0/22 --rate 2000
help-arp-scan-arg-networks = The ranges to scan: CIDR blocks or single addresses (default: the subnet of the interface)
help-arp-scan-arg-file = Also scan the ranges and addresses listed in FILE (whitespace-separated, '#' starts a comment, '-' reads standard input)
help-arp-scan-arg-localnet = Also scan every IPv4 subnet of the interface
help-arp-scan-arg-resolve = Look up each host's name (PTR) after the scan
help-arp-scan-arg-interface = Interface to send on (default: the one the route to the range uses, or the default route's)
help-arp-scan-arg-rate = Requests per second
help-arp-scan-arg-retries = Extra rounds for addresses that did not answer: 0 sends exactly one request per address, N at most N+1 (a round that finds nobody new ends the scan)
help-arp-scan-arg-timeout = Longest wait for late replies after a round (the wait adapts to the round-trip times seen)
help-arp-cache-about = The neighbour table: IPv4 ARP and IPv6 NDP entries, like `ip neigh`
help-arp-cache-after =
    The kernel fills this table itself, when this host sends to a neighbour: the hosts `netkit arp`
    and `arp scan` found with their own frames are not added. For people, each state shown is
    explained under the table. NOARP entries (loopback, point-to-point links: nothing to resolve)
    are hidden, as `ip neigh` hides them; --all shows them, as `ip neigh show nud all` does.

    Examples:
      netkit arp cache
      netkit arp cache -I eth0 --all
      netkit --json arp cache
help-arp-cache-arg-interface = Only this interface
help-arp-cache-arg-all = Also the NOARP entries `ip neigh` hides (as `ip neigh show nud all`)
