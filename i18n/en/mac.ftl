# `netkit mac ADDR` (src/commands/mac): its view, its notes (also in JSON, in English) and its help.

mac-label-mac = MAC
mac-label-forms = Forms
mac-label-oui = OUI
mac-label-vendor = Vendor
mac-label-cast = Cast
mac-label-scope = Scope
mac-label-ipv6 = IPv6

mac-forms = { $hyphen } (Windows) · { $cisco } (Cisco) · { $bare } (bare)
mac-vendor = { $name } (prefix { $prefix }, { $registry } /{ $bits })
mac-vendor-none = none: locally administered address
mac-vendor-broadcast = none: the broadcast address belongs to no maker
mac-vendor-zeros = none: no device has the all-zero address (its prefix 00:00:00 is registered, which is why some tools name a maker)
mac-vendor-ipv6-multicast = none: 33:33 is set aside for IPv6 multicast (RFC 2464), not a maker's prefix
mac-vendor-unknown = unknown: prefix not in the IEEE registry
mac-cast-broadcast = broadcast (I/G bit 1: a group, here every host)
mac-cast-multicast = multicast (I/G bit 1: a group of receivers)
mac-cast-unicast = unicast (I/G bit 0: one receiver)
mac-cast-zeros = none: no station sends from it (its I/G bit is 0)
mac-scope-local = local (U/L bit 1: assigned by software)
mac-scope-universal = universal (U/L bit 0: assigned by the maker)
mac-scope-broadcast = fixed by the standard: its U/L bit is 1 only because all its bits are
mac-scope-ipv6-multicast = fixed by RFC 2464 for IPv6 multicast: its U/L bit is 1, yet no software chose it
mac-scope-zeros = none: nobody assigned it (its U/L bit is 0)
mac-ipv6 = { $address } (SLAAC EUI-64 link-local)

mac-note-broadcast = the broadcast address: every host on the link receives a frame sent to it (ARP requests and DHCP discovers go there), and no host has it as its own
mac-note-ipv4-multicast = IPv4 multicast: carries group 224-239.{ $group } (the low 23 bits of the group address)
mac-note-ipv6-multicast = IPv6 multicast: carries a group ending in { $low } (e.g. ff02::1 all nodes, ff02::1:ffXX:XXXX solicited-node)
mac-note-ieee-link-local = IEEE 802.1 link-local group (STP, LLDP, LACP, pause frames): never forwarded by bridges
mac-note-zeros = all zeros: no station's address; it stands for "not known" (the target MAC of an ARP request) or "none" (an interface without a link layer, such as lo)
mac-note-vrrp = VRRP virtual router { $router } of the { $family } routers (RFC 5798): the MAC of a gateway address several routers share, answered by whichever of them is master
mac-note-local = locally administered: set by software (randomized 'private' Wi-Fi MAC, VM, container, veth), so the first six hex digits do not name a maker

help-mac-arg-address = The MAC address, in any common notation
help-mac-after =
    Accepted forms: aa:bb:cc:dd:ee:ff, aa-bb-cc-dd-ee-ff, aabb.ccdd.eeff, aabbccddeeff

    Examples:
      netkit mac 3c:22:fb:12:34:56
      netkit mac 3C22.FB12.3456
      netkit --json mac 01-00-5e-00-00-fb

# A MAC address netkit cannot read (every command that takes one).
mac-what = MAC address
mac-bad-not-hex = '{ $digit }' is not a hexadecimal digit (0-9, a-f)
mac-bad-group-digits = group '{ $group }' should have { $digits } hex digits
mac-bad-empty = empty; expected e.g. aa:bb:cc:dd:ee:ff
mac-bad-groups = a MAC address has 6 groups separated by '{ $separator }', this has { $groups }
mac-bad-cisco = the dotted (Cisco) form is 3 groups of 4 hex digits: aabb.ccdd.eeff
mac-bad-length = expected 12 hex digits, got { $digits }
