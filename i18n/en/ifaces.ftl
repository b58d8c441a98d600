# `netkit ifaces` (alias ipconfig; src/commands/ifaces): its compact table, its ipconfig /all
# view, the phrase saying what kind of interface each is (also in JSON, in English), its
# errors and its help.

# The compact table's headers.
ifaces-header-interface = Interface
ifaces-header-kind = Kind
ifaces-header-state = State
ifaces-header-mac = MAC
ifaces-header-gateway = Gateway

# The --all view: labels before their dotted leaders, and values.
ifaces-label-host-name = Host name
ifaces-label-dns-servers = DNS servers
ifaces-label-behind = behind { $resolver }
ifaces-label-search-domains = Search domains
ifaces-label-description = Description
ifaces-label-state = State
ifaces-label-physical-address = Physical address
ifaces-label-factory-address = Factory address
ifaces-label-mtu = MTU
ifaces-label-link-speed = Link speed
ifaces-label-port-of = Port of
ifaces-label-dhcp-enabled = DHCP enabled
ifaces-label-dhcp-server = DHCP server
ifaces-label-lease-time = Lease time
ifaces-label-lease-obtained = Lease obtained
ifaces-label-lease-expires = Lease expires
ifaces-label-ipv4-address = IPv4 address
ifaces-label-subnet-mask = Subnet mask
ifaces-label-network = Network
ifaces-label-broadcast = Broadcast
ifaces-label-ipv6-address = IPv6 address
ifaces-label-default-gateway = Default gateway
ifaces-label-received = Received
ifaces-label-sent = Sent
ifaces-heading = { $name } (index { $index }): { $kind }
ifaces-unknown = unknown
ifaces-vendor = { $mac } ({ $vendor })
ifaces-locally-administered = { $mac } (locally administered)
ifaces-mtu = { $mtu } bytes
ifaces-speed = { $speed } Mb/s
ifaces-speed-duplex-full = { $speed } Mb/s, full duplex
ifaces-speed-duplex-half = { $speed } Mb/s, half duplex
ifaces-dhcp-lease = yes ({ $client }, lease in { $source })
ifaces-dhcp-lease-api = yes ({ $client }, as { $api } reports it)
ifaces-dhcp-lease-client = yes ({ $client })
ifaces-dhcp-lifetime = yes (address has a lease lifetime)
ifaces-dhcp-static = no (static address)
ifaces-valid = valid { $time }
ifaces-address = { $address } ({ $notes })
ifaces-traffic = { $bytes } ({ $packets ->
        [one] { $packets } packet
       *[other] { $packets } packets
    }, { $errors ->
        [one] { $errors } error
       *[other] { $errors } errors
    }, { $dropped } dropped)

# What kind of interface it is (the description in JSON, in English).
ifaces-kind-loopback = software loopback: traffic to this host itself
ifaces-kind-ethernet = Ethernet adapter
ifaces-kind-wireless = Wi-Fi adapter
ifaces-kind-veth = virtual Ethernet pair (one end of a cable between namespaces/containers)
ifaces-kind-bridge = software switch (bridge) joining its ports into one LAN
ifaces-kind-tun = layer-3 tunnel device (VPN)
ifaces-kind-tap = layer-2 tunnel device (TAP): carries Ethernet frames, has a MAC
ifaces-kind-vlan = VLAN sub-interface
ifaces-kind-bond = bonded (aggregated) links
ifaces-kind-dummy = dummy interface
ifaces-kind-wireguard = WireGuard VPN tunnel
ifaces-kind-macvlan = macvlan: extra MAC on a parent link
ifaces-kind-vxlan = VXLAN overlay tunnel
ifaces-kind-ifb = intermediate functional block (traffic shaping)
ifaces-driver-bus = driver { $driver } on { $bus }
ifaces-driver = driver { $driver }
ifaces-kind-and-driver = { $kind }; { $driver }

# Errors.
ifaces-windows-switch = { $switch } is a Windows ipconfig switch; here options start with '--' (netkit ipconfig --help lists them)
ifaces-windows-all = { $switch } is a Windows ipconfig switch; here options start with '--' (netkit ipconfig --all)
ifaces-no-such = no such interface here (there are: { $names })
ifaces-name = { $name }
ifaces-names = { $names }, { $name }

# Its help (netkit ifaces --help, the man pages).
help-ifaces-arg-name = Show only this interface
help-ifaces-arg-all = Every detail, ipconfig /all style
help-ifaces-after =
    A compact table by default; --all gives the ipconfig /all view (kind, driver, flags,
    MTU, MAC vendor, every address with mask and broadcast, gateways, counters, link
    speed, DHCP lease, host name, DNS servers). --json always carries every field.

    Exit status: 0 ok, 2 no such interface, 3 the kernel tables could not be read.

    Examples:
      netkit ifaces
      netkit ipconfig --all
      netkit ifaces eth0 --json
