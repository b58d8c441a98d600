# `netkit gateway` (src/commands/gateway): its table, the legend under it (what a gateway is,
# what Metric, Table, Proto and State say), its notes and its help.

gateway-header-family = Family
gateway-header-address = Address
gateway-header-interface = Interface
gateway-header-metric = Metric
gateway-header-table = Table
gateway-header-proto = Proto
gateway-header-mac = MAC
gateway-header-vendor = Vendor
gateway-header-state = State
gateway-device-route = (none: device route)
gateway-not-cached-cell = not in cache
gateway-arp-reply = ARP reply

gateway-none = No default gateway
gateway-none-text = this host reaches only the subnets it is directly on.
gateway-legend-gateway = The { $family } default gateway is { $gateway }, the router's address on { $interface }: packets for every network this host is not directly on are sent to it, and the router passes them on.
gateway-legend-device = { $family } packets for other networks leave directly on { $interface } (a device route, as a VPN tunnel has): no router's address is needed there.
gateway-label-metric = Metric
gateway-metric = the route's cost: of two default routes of one family, the lower metric wins (- means 0).
gateway-label-table = Table { $table }
gateway-table-main = the routing table ip route shows, used for every packet unless a policy rule picks another.
gateway-table-other = routing table { $table }: only packets a policy rule sends there use it (ip rule lists the rules; netkit route get follows them).
gateway-label-proto = Proto { $protocol }
gateway-proto-boot = the route was set up at start-up or by hand (ip route add), as network managers and scripts do.
gateway-proto-static = an administrator configured the route to stay.
gateway-proto-dhcp = the route came from a DHCP server's answer (its router option).
gateway-proto-ra = the route came from an IPv6 router advertisement.
gateway-proto-kernel = the kernel added the route itself.
gateway-proto-other = a routing program added the route.
gateway-label-state = State { $state }
gateway-state-cache = { $meaning }.
gateway-state-arp-reply = the MAC came in the answer to netkit's own ARP request (--resolve).
gateway-label-hint = hint
gateway-no-answer = a gateway did not answer within the timeout: its MAC is still unknown
gateway-not-cached = a gateway's MAC is not cached yet; --resolve asks for it

# Its help (netkit gateway --help, the man pages).
help-gateway-arg-resolve = When the gateway's MAC is not cached, ask for it (one ARP/NDP exchange)
help-gateway-arg-timeout = How long --resolve waits for the answer: 1, 0.5, 500ms (a bare number is seconds)
help-gateway-arg-ipv4 = IPv4 only
help-gateway-arg-ipv6 = IPv6 only
help-gateway-after =
    The gateway's MAC comes from the neighbour (ARP/NDP) cache. With --resolve, when it is
    not there, netkit asks: one ARP request of its own for an IPv4 gateway when it has
    CAP_NET_RAW; otherwise one empty UDP datagram to the gateway's discard port, so that
    the kernel asks (ARP or neighbour solicitation), then it reads the cache again.

    Exit status: 0 a default gateway exists, 1 none, 3 the kernel tables could not be read.

    Examples:
      netkit gateway
      netkit gateway --resolve
      netkit --json gateway
