# `netkit tour` (src/commands/tour): the primer's "how computers talk", walked on this machine,
# one section per concept. Its view, its errors and its help. JSON carries the facts only.

tour-title = How computers talk, walked on this machine

tour-head-nic = 1. Network card (NIC) and MAC address
tour-head-address = 2. IP address and subnet mask
tour-head-gateway = 3. Gateway and router
tour-head-dns = 4. DNS
tour-head-arp = 5. Broadcast and ARP
tour-head-dhcp = 6. DHCP
tour-head-switch = 7. Hub and switch
tour-head-cs = 8. Client and server: C/S and B/S

tour-label-more = More
tour-label-cards = Cards
tour-label-card = This card
tour-label-mac = MAC address
tour-label-vendor = Maker
tour-label-assigned = Assigned
tour-label-address = IP address
tour-label-mask = Subnet mask
tour-label-address-bin = Address (binary)
tour-label-mask-bin = Mask (binary)
tour-label-split = Network | host
tour-label-network-bin = AND (binary)
tour-label-network = Network
tour-label-host = Host part
tour-label-broadcast = Broadcast
tour-label-gateway = Default gateway
tour-label-servers = DNS servers
tour-label-search = Search domain
tour-label-lookup = Lookup
tour-label-answer = Answer
tour-label-request = Request
tour-label-reply = Reply
tour-label-cache = Neighbour cache
tour-label-dhcp = Address from
tour-label-lease-address = Leased address
tour-label-server = DHCP server
tour-label-router = Router offered
tour-label-lease-time = Lease time
tour-label-obtained = Obtained
tour-label-expires = Expires
tour-label-file = Read from
tour-label-unicast = Unicast
tour-label-broadcast-frame = Broadcast
tour-label-server-cmd = Server
tour-label-client-cmd = Client
tour-label-browser = Browser

# 1. NIC and MAC
tour-nic-card = { $name } (the one that reaches the gateway)
tour-nic-card-only = { $name } (the only Ethernet card that is up)
tour-nic-vendor = { $name } (its maker's prefix is { $prefix })
tour-nic-vendor-local = none: a locally administered address names no maker
tour-nic-vendor-unknown = prefix { $prefix } is not in the IEEE registry
tour-nic-universal = universal: the maker wrote it (U/L bit 0)
tour-nic-local = locally administered: software chose it (U/L bit 1), as for a VM, a container or a random MAC
tour-nic-explain = Every network card has a MAC address (its physical address): 48 bits, written as 12 hex digits, the first six of them the maker's. On the LAN, frames find their receiver by it.

# 2. IP address and subnet mask
tour-address-mask = { $mask } (/{ $prefix }: the first { $prefix } bits are the network part, the last { $host_bits } the host part)
tour-address-network = { $network } (address AND mask; { $hosts ->
        [one] { $hosts } host address
       *[other] { $hosts } host addresses
    } in this subnet)
tour-address-host = { $host } (the last { $bits } bits: this host's number in the subnet)
tour-address-broadcast = { $broadcast } (every host bit 1: all hosts of this subnet)
tour-address-explain = An IP address has two parts: where the mask has 1 bits is the network part, where it has 0 bits the host part. Two addresses whose network parts are equal are on the same subnet and reach each other directly.

# 3. Gateway and router
tour-gateway-value = { $gateway } on { $name }
tour-gateway-local = To { $dest }, on this subnet:
tour-gateway-remote = To { $dest }, on another network:
tour-gateway-direct = so the packet goes straight to { $dest }, after ARP asks for its MAC
tour-gateway-via = so the packet goes to the gateway { $gateway }, after ARP asks for the gateway's MAC, and the router passes it on
tour-gateway-kernel = the kernel's routing table agrees: next hop { $hop }
tour-gateway-kernel-none = the kernel's routing table has no route to it
tour-gateway-explain = The gateway is the router's address on this subnet. Before sending, the host ANDs the destination with its own mask: the same network goes straight to the destination, any other to the gateway, and the router carries it on.

# 4. DNS
tour-dns-servers = { $servers } (from { $source })
tour-dns-stub = { $servers }: systemd-resolved on this host, which forwards to { $upstreams }
tour-dns-lookup = { $name } (A) asked of { $server }
tour-dns-answer = { $addresses } in { $time } ({ $rcode })
tour-dns-answer-none = no address in { $time } ({ $rcode })
tour-dns-no-server-in = no DNS server is configured in { $source }
tour-dns-no-name = no search domain to look up: name one with --name
tour-dns-asking = asking { $server } for { $name }
tour-dns-timeout = no answer within { $time }
tour-dns-explain = People remember names, packets need addresses: a DNS server turns a name into an IP address. The system's resolver asks the servers above, in order.

# 5. Broadcast and ARP
tour-arp-request = who has { $target }? tell { $sender }: from { $mac } to { $broadcast } (broadcast: every host on the LAN hears it)
tour-arp-reply = { $target } is at { $mac }: sent to { $to } alone (unicast), in { $time }
tour-arp-no-reply = no reply within { $time }
tour-arp-not-sent = not sent: sending raw frames needs root or the CAP_NET_RAW capability
tour-arp-command = This command sends it and shows the reply: { $command }
tour-arp-cache = { $mac } ({ $state })
tour-arp-cache-unresolved = no MAC yet ({ $state })
tour-arp-cache-none = no entry for { $gateway } yet
tour-arp-explain = An IP packet to the gateway travels in an Ethernet frame, and the frame needs the gateway's MAC. ARP asks for it: the request is broadcast to every host, only the gateway answers, and the host keeps the answer in its neighbour cache.

# 6. DHCP
tour-dhcp-leased = a DHCP server (a client left its lease)
tour-dhcp-dynamic = a DHCP server, it seems: the address's lifetime runs out, but no lease file netkit knows was found
tour-dhcp-static = configured by hand (static): no lease
tour-dhcp-file = { $source } ({ $client })
tour-dhcp-explain = A DHCP server hands out addresses: a new host broadcasts a DISCOVER, the server offers an address, a mask, the gateway and the DNS servers, and lends them for the lease time. netkit only looked at the lease files: it sent nothing.

# 7. Hub and switch
tour-switch-unicast = a frame to { $mac } (the gateway) leaves the switch through the gateway's port only
tour-switch-unicast-unknown = a frame to the gateway's MAC leaves the switch through the gateway's port only
tour-switch-broadcast = a frame to { $broadcast } leaves through every port (a hub does this with every frame)
tour-switch-explain = A hub repeats every frame out of every port. A switch learns which MAC is behind which port from the frames' senders and sends a unicast frame to that port alone; broadcasts still reach everyone. netkit watch shows what reaches this host.

# 8. C/S and B/S
tour-cs-server = { $command } (on this machine)
tour-cs-client = { $command } (on another machine)
tour-cs-web = { $command }
tour-cs-url = then open { $url } in a browser
tour-cs-explain = A server listens on a port; a client connects to its address and port, and the two exchange messages over the socket: that is C/S. In B/S the client is a web browser, which loads its page from the server.

# What a section lacks.
tour-none-interface = no card reaches a default gateway, and not exactly one Ethernet card is up: say which with netkit ifaces
tour-none-address = { $name } has no IPv4 address
tour-none-gateway = no default route: this host reaches only the subnets it is directly on
tour-none-mac = { $name } has no MAC address: it is not an Ethernet-like link

# Errors.
tour-bad-name = not a DNS name (labels of at most 63 bytes, 255 bytes in all)

help-tour-arg-name = The name the DNS section looks up (default: the search domain's own name)
help-tour-after =
    Each section shows this machine's facts, a sentence or two of the primer's explanation,
    and the netkit command that goes deeper. netkit sends two things at most: one DNS query
    (type A) to the first DNS server configured, waiting at most 2 s for the answer; and, only
    with root or CAP_NET_RAW, one ARP request for the default gateway, waiting at most 1 s
    (the two waits run side by side).
    Without that privilege the ARP section shows the request it would send and the command
    that sends it. DHCP facts come from the lease files: nothing is sent.
    The tour follows IPv4, as the primer does.

    Exit status: 0 every section shown (the ARP section without privilege included), 1 a
    section lacks what it is about (no default route, no DNS server, no ARP reply), 3 a
    network or system error (the DNS server gave no answer, the kernel tables could not be
    read).

    Examples:
      netkit tour
      netkit tour --name example.com
      LANG=zh_CN.UTF-8 netkit tour
      netkit --json tour
