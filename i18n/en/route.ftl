# `netkit route get DEST` (src/commands/route): its answer, the explanation (also in JSON, in
# English), why there is no route, its help; and the system resolver's answers for a DEST that
# is a name (src/system/lookup.rs: route get, flow, ping, trace).

route-label-destination = Destination
route-label-interface = Interface
route-label-source = Source
route-label-next-hop = Next hop
route-label-route = Route
route-destination-name = { $address } ({ $name })
route-next-hop-gateway = { $address } (the gateway)
route-next-hop-destination = { $address } (the destination itself)
route-route = { $kind } ({ $table })
route-route-metric = { $kind } ({ $table }, metric { $metric })

route-local = { $address } is this host's own address: delivered inside the host over loopback, no ARP, nothing on the wire.
route-refused = the routing table says { $kind }: packets to { $address } are refused here.
route-broadcast = { $address } is a broadcast address on { $interface }: sent to every host on the link (MAC ff:ff:ff:ff:ff:ff), no ARP.
route-multicast = { $address } is a multicast group: sent on { $interface } to a multicast MAC, no ARP.
route-via-gateway-subnet = { $address } is not on this host's subnet { $network }: the packet is handed to the gateway { $gateway } on { $interface }, after ARP for the gateway's MAC.
route-via-gateway = the kernel sends it via the gateway { $gateway } on { $interface } (a route says so), after ARP for the gateway's MAC.
route-direct-subnet = { $address } is on this host's subnet { $network }: delivered directly on { $interface }, after ARP for { $address }'s own MAC.
route-direct-on-link = a route puts { $address } directly on { $interface } (on-link), so it is delivered without a gateway, after ARP for { $address }'s own MAC.

route-no-address = No address
route-no-route = No route
route-no-route-network = this host has no { $family } route to { $address }: no { $family } default route and no subnet of its interfaces holds it (netkit gateway lists the default routes)
route-unreachable = the routing table marks { $address } unreachable (an 'unreachable' route covers it)
route-prohibited = a routing rule or route prohibits traffic to { $address } (a 'prohibit' route covers it)
route-kernel = the kernel has no route to { $address }: { $cause }

# The system resolver (getaddrinfo) asked for DEST.
lookup-wrong-family = { $address } is an { $family } address, but { $flag } asks for { $wanted }
lookup-resolving = resolving { $name }
# The system resolver (getaddrinfo) did not answer in time.
lookup-no-answer-within = the system resolver gave no answer within { $time }
lookup-no-family = { $name } has no { $family } address
lookup-no-name = the system resolver has no address for { $name } (netkit dns { $name } asks DNS and shows its answer)
lookup-again = the system resolver got no answer for { $name }: its DNS server failed or refused to answer, or could not be reached (netkit dns { $name } asks DNS and shows what it says)
lookup-fail = the system resolver's DNS server answered { $name } with an error (netkit dns { $name } asks DNS and shows its answer)

# Its help (netkit route get --help, the man pages).
help-route-get-about = How a packet to DEST would leave this machine: interface, source, next hop, and why
help-route-get-arg-dest = Destination: an IP address or a host name
help-route-get-arg-ipv4 = IPv4 only
help-route-get-arg-ipv6 = IPv6 only
help-route-get-arg-timeout = How long to wait for the system resolver when DEST is a name (seconds, or 200ms, 2s)
help-route-get-after =
    DEST is an IP address or a host name (resolved with the system resolver first).
    The answer is the kernel's own (RTM_GETROUTE, policy routing included), with the
    mask arithmetic a primer teaches: same subnet means direct delivery after ARP for
    DEST; otherwise the packet goes to the gateway, after ARP for the gateway.

    Exit status: 0 routable, 1 no route (unreachable, prohibited, blackhole) or no
    address for the name (the resolver has none, or its DNS server failed or refused),
    2 bad input, 3 the resolver gave no answer within --timeout, or a kernel error.

    Examples:
      netkit route get 192.168.1.20
      netkit route get example.com
