# `netkit subnet` (src/commands/subnet): check, info, split, summarize and filter; the address,
# mask and range parsing every command shares (src/net/addr.rs, src/net/block.rs); the kinds of
# address of the IANA registries (src/net/classify.rs) as people read them.

# subnet check: the mask arithmetic and its verdict.
subnet-check-explain-binary = Each address AND the mask gives its network (binary; network bits bold):
subnet-check-explain-hex = Each address AND the mask gives its network (hexadecimal; network bits bold):
subnet-check-and-mask = AND mask
subnet-check-verdict-same = Same subnet
subnet-check-verdict-different = Different subnets
subnet-check-verdict-links = Different links
subnet-check-same-v4 = both are in { $network }: they talk directly (ARP for the peer's MAC, no gateway).
subnet-check-same-v6 = both are in { $network }: they talk directly (Neighbor Discovery (NDP) for the peer's MAC, no gateway).
subnet-check-different = { $a } vs { $b }: traffic between them goes through a gateway (router).
subnet-check-links = { $a } and { $b } are link-local addresses in different zones ({ $zone_a } and { $zone_b }), so on different links: different subnets even though both are in { $network } (RFC 4007).
subnet-check-mask-not-address = '{ $mask }' is a subnet mask, not a second address: give the address to compare, as in: netkit subnet check { $example }
subnet-check-families = '{ $a }' is { $family_a } but '{ $b }' is { $family_b }: an IPv4 and an IPv6 address are never on one subnet
subnet-check-mask-twice = --mask says /{ $mask } but an address is written with /{ $written }; give the mask once
subnet-check-prefixes-differ = the two addresses carry different prefixes (/{ $p } and /{ $q }); say which with --mask
subnet-check-no-mask = no mask: add --mask 255.255.255.0 (or --mask 24), or write the first address as CIDR ({ $a }/24)

# subnet info: its labels, values and notes (the notes are also in JSON, in English).
subnet-info-label-address = Address
subnet-info-label-netmask = Netmask
subnet-info-label-wildcard = Wildcard
subnet-info-label-network = Network
subnet-info-label-broadcast = Broadcast
subnet-info-label-first-host = First host
subnet-info-label-last-host = Last host
subnet-info-label-hosts = Hosts
subnet-info-label-class = Class
subnet-info-label-kind = Kind
subnet-info-label-registry = Registry
subnet-info-label-overlaps = Overlaps
subnet-info-none = none
subnet-info-hosts = { $hosts } usable ({ $addresses } addresses)
subnet-info-class = { $class } (classful default /{ $prefix }; historical, CIDR decides)
subnet-info-class-d = D (multicast)
subnet-info-class-e = E (reserved)
subnet-info-kind = { $kind }: { $description }
subnet-info-registry = { $block } { $name } { $rfc }
subnet-info-registry-flags = { $block } { $name } { $rfc }: { $forwardable }, { $reachable }
subnet-info-registry-terminated = { $block } { $name } { $rfc }: { $forwardable }, { $reachable }, terminated { $date }
subnet-info-forwardable = forwardable
subnet-info-not-forwardable = not forwardable
subnet-info-forwardable-na = forwardable: n/a
subnet-info-reachable = globally reachable
subnet-info-not-reachable = not globally reachable
subnet-info-reachable-na = globally reachable: n/a
subnet-info-overlap = { $block } { $kind } ({ $name })
subnet-info-more-overlaps = ... and { $count } more (see --json)
subnet-info-note-p2p-v4 = /31: a point-to-point link; both addresses are usable hosts (RFC 3021)
subnet-info-note-p2p-v6 = /127: a point-to-point link; both addresses are usable hosts (RFC 6164)
subnet-info-note-anycast-is-network = the address is the network address, the Subnet-Router anycast address (RFC 4291 section 2.6.1), so hosts start at { $first }
subnet-info-note-anycast = the network address is the Subnet-Router anycast address (RFC 4291 section 2.6.1), so hosts start at { $first }
subnet-info-note-host-route = /{ $prefix }: a single address (host route)
subnet-info-note-is-network = the address is the network address itself, not a usable host
subnet-info-note-is-broadcast = the address is the broadcast address, not a usable host
subnet-info-note-v6-64 = IPv6 subnets for hosts are normally /64 (SLAAC needs it)
subnet-info-note-no-mask = no mask given, so this is the single address /{ $bits }; add a mask (or /prefix) for its subnet
subnet-info-swapped = { $mask } is a mask and { $address } an address: the address comes first (netkit subnet info { $address } { $mask })

# subnet split.
subnet-split-header-subnet = Subnet
subnet-split-header-first = First host
subnet-split-header-last = Last host
subnet-split-header-broadcast = Broadcast
subnet-split-header-hosts = Hosts
subnet-split-title-v4 = { $network } split into { $count ->
        [one] { $count } subnet
       *[other] { $count } subnets
    } of /{ $prefix } (mask { $mask }):
subnet-split-title-v6 = { $network } split into { $count ->
        [one] { $count } subnet
       *[other] { $count } subnets
    } of /{ $prefix }:
subnet-split-rounded = { $asked } asked for, { $made } made: each bit taken from the host part doubles the number of subnets, so there is always a power of two of them; 2^{ $bits } = { $made } is the smallest that holds { $asked }, and { $spare ->
        [one] { $spare } is spare.
       *[other] { $spare } are spare.
    }
subnet-split-note-anycast = each subnet's network address is its Subnet-Router anycast address (RFC 4291 section 2.6.1), so its hosts start one after it
subnet-split-out-of-range = cannot split { $network } into /{ $prefix }: the new prefix must be between /{ $min } and /{ $max }
subnet-split-too-many = splitting { $network } into /{ $prefix } gives 2^{ $doublings } subnets, more than --max { $max }
subnet-split-how = give --prefix N or --count N
subnet-split-too-small = { $network } cannot be split into { $count } subnets: it has only { $size ->
        [one] { $size } address
       *[other] { $size } addresses
    }
subnet-split-what-count = count
subnet-split-count-zero = must be at least 1

# subnet summarize and filter.
subnet-what-item = item
subnet-what-pattern = pattern
subnet-empty = it is empty
subnet-not-utf8 = it is not valid UTF-8
subnet-summarize-reading = addresses, networks or ranges, one or more a line,
subnet-summarize-instead = or give them as arguments: netkit subnet summarize 10.0.0.0/25 10.0.0.128/25
subnet-filter-reading = lines to filter
subnet-filter-instead = or give a file after the patterns: netkit subnet filter 10.0.0.0/8 access.log
subnet-list-line-too-long = line longer than { $max } bytes
subnet-filter-stdin = (standard input)
subnet-filter-pattern-part = { $what } '{ $input }': { $reason }
subnet-filter-swapped = { $file } is a file and { $network } a network: the networks come first (netkit subnet filter { $network } { $file })
subnet-filter-no-pattern = no pattern given: name networks as arguments, or with -e PATTERN or -f FILE

# An address, mask, prefix, zone or range netkit cannot read (every command that takes one).
addr-what-address = address
addr-what-prefix = prefix
addr-what-mask = mask
addr-what-zone = zone
addr-what-network = network
addr-what-range = range
addr-bad-shorthand = an IPv4 address is 4 numbers from 0 to 255, in decimal; the C library would read this shorthand (fewer numbers, or octal and hexadecimal ones) as { $meant }
addr-bad-parts = an IPv4 address has 4 numbers separated by dots, this has { $parts }
addr-bad-number = { $number } is out of range: each number must be 0-255
addr-bad-leading-zero = '{ $part }' has a leading zero (ambiguous: octal or decimal?)
addr-bad-prefix-any = must be 0-32 for IPv4 or 0-128 for IPv6 (it counts the mask's 1-bits)
addr-bad-mask = expected a prefix length (24 or /24) or a netmask (255.255.255.0)
addr-bad-prefix-family = must be 0-{ $bits } for { $family } (it counts the mask's 1-bits)
addr-bad-mask-family = is an { $mask_family } mask but the address is { $family }
addr-bad-wildcard = its 1-bits are not contiguous from the left; it looks like a wildcard mask, whose netmask is { $netmask }
addr-bad-zone-length = a zone is an interface name or number of 1-{ $max } characters
addr-bad-zone-chars = a zone is an interface name or number, without spaces or control characters
addr-bad-no-prefix = nothing after '/'; expected a prefix length
addr-bad-range-families = mixes IPv4 and IPv6
addr-bad-range-order = its start is after its end
addr-prefix-and-mask = '{ $address }' already has prefix /{ $prefix } but the mask given is /{ $mask }; give one of them
addr-no-mask = no mask for '{ $address }': write it as CIDR ({ $address }/24) or add a mask ({ $address } 255.255.255.0)
addr-bad-empty = empty; expected an IPv4 (192.168.1.10) or IPv6 (2001:db8::1) address
addr-bad-v6 = not a valid IPv6 address
addr-bad-empty-number = an empty number between dots
addr-bad-big-number = '{ $part }' is out of range: each number must be 0-255
addr-bad-not-address = not an IPv4 or IPv6 address
addr-bad-not-contiguous = its 1-bits are not contiguous from the left (a netmask is ones then zeros, e.g. 255.255.255.0)

# The kinds of address (src/net/classify.rs) in plain words, with their RFC: subnet info's Kind.
subnet-desc-this-network = "this network", only valid as a source (RFC 791)
subnet-desc-unspecified-v4 = the unspecified address, "this host" (RFC 1122)
subnet-desc-private = private network, not routed on the Internet (RFC 1918)
subnet-desc-cgnat = shared address space for carrier-grade NAT (RFC 6598)
subnet-desc-loopback-v4 = loopback: never leaves this host (RFC 1122)
subnet-desc-link-local-v4 = link-local, self-assigned when DHCP fails (RFC 3927)
subnet-desc-ietf-v4 = IETF protocol assignments, not globally reachable unless a row inside says so (RFC 6890)
subnet-desc-ds-lite = IPv4 service continuity prefix, for DS-Lite's tunnel ends (RFC 7335)
subnet-desc-dummy-v4 = dummy source address of a host without an IPv4 address of its own (RFC 7600)
subnet-desc-pcp = Port Control Protocol server anycast (RFC 7723)
subnet-desc-turn = TURN server anycast (RFC 8155)
subnet-desc-nat64-discovery = NAT64/DNS64 prefix discovery, a name's well-known answer (RFC 7050, RFC 8880)
subnet-desc-test-net-1 = documentation, TEST-NET-1 (RFC 5737)
subnet-desc-as112 = AS112 anycast DNS sink for private reverse zones (RFC 7535)
subnet-desc-amt = Automatic Multicast Tunneling relay anycast (RFC 7450)
subnet-desc-6to4-relay = deprecated 6to4 relay anycast (RFC 7526)
subnet-desc-6a44 = 6a44 relay anycast, IPv6 behind an IPv4 NAT (RFC 6751)
subnet-desc-as112-direct = AS112 anycast DNS sink, direct delegation (RFC 7534)
subnet-desc-benchmark-v4 = network benchmark testing (RFC 2544)
subnet-desc-test-net-2 = documentation, TEST-NET-2 (RFC 5737)
subnet-desc-test-net-3 = documentation, TEST-NET-3 (RFC 5737)
subnet-desc-class-e = reserved for future use, class E (RFC 1112)
subnet-desc-broadcast = limited broadcast: every host on this link (RFC 919)
subnet-desc-multicast-v4 = multicast, class D (RFC 5771)
subnet-desc-loopback-v6 = loopback: never leaves this host (RFC 4291)
subnet-desc-unspecified-v6 = the unspecified address (RFC 4291)
subnet-desc-v4-mapped = IPv4-mapped IPv6 address (RFC 4291)
subnet-desc-nat64 = IPv4/IPv6 translation, NAT64 well-known prefix (RFC 6052)
subnet-desc-nat64-local = local-use IPv4/IPv6 translation (RFC 8215)
subnet-desc-discard = discard-only prefix (RFC 6666)
subnet-desc-dummy-v6 = dummy prefix, for a source that has no IPv6 address of its own (RFC 9780)
subnet-desc-ietf-v6 = IETF protocol assignments, not globally reachable unless a row inside says so (RFC 2928)
subnet-desc-teredo = Teredo tunnelling (RFC 4380)
subnet-desc-dns-sd = DNS-SD service registration protocol anycast (RFC 9665)
subnet-desc-benchmark-v6 = network benchmark testing (RFC 5180)
subnet-desc-orchid = deprecated ORCHID cryptographic identifiers (RFC 4843)
subnet-desc-orchid-v2 = ORCHIDv2 cryptographic identifiers (RFC 7343)
subnet-desc-drone = drone remote ID entity tags (RFC 9374)
subnet-desc-documentation-v6 = documentation (RFC 3849)
subnet-desc-6to4 = 6to4 (RFC 3056)
subnet-desc-documentation-3fff = documentation (RFC 9637)
subnet-desc-srv6 = Segment Routing over IPv6 segment identifiers (RFC 9602)
subnet-desc-unique-local = unique local address, the IPv6 private range (RFC 4193)
subnet-desc-link-local-v6 = link-local: valid only on one link (RFC 4291)
subnet-desc-multicast-v6 = multicast (RFC 4291)
subnet-desc-global-unicast = global unicast, routed on the Internet (RFC 4291)
subnet-desc-mixed = spans several kinds of address (see the blocks it overlaps)
subnet-desc-public = public: routed on the Internet
subnet-desc-reserved-v6 = reserved by the IETF, not in use

# Its help (netkit subnet ... --help, the man pages).
help-subnet-after =
    Exit status:
      0  ok / yes (same subnet, a reply came, an answer was found)
      1  a negative answer (different subnet, no reply, NXDOMAIN, no line matched)
      2  usage error or bad input (address, mask, MAC, name, port, interface)
      3  network, I/O or system error (timeout, refused, unreadable file, no route to use)
      4  permission: needs root or CAP_NET_RAW
help-subnet-check-about = Are two addresses on the same subnet? Exit 0 yes, 1 no
help-subnet-check-arg-a = First address (may carry the prefix: 192.168.1.10/24)
help-subnet-check-arg-b = Second address
help-subnet-check-arg-mask_value = The subnet mask as a third value, as ipcalc takes it (the same as --mask)
help-subnet-check-arg-mask = Subnet mask: dotted (255.255.255.0) or prefix (/24 or 24); optional when A is given as CIDR
help-subnet-check-arg-explain = Show the bitwise AND of each address with the mask, in binary
help-subnet-check-after =
    Examples:
      netkit subnet check 192.168.1.10 192.168.1.200 --mask 255.255.255.0
      netkit subnet check 192.168.1.10 192.168.1.200 255.255.255.0
      netkit subnet check 10.0.0.5/8 10.200.1.1 --explain
help-subnet-info-about = Network, broadcast, netmask, wildcard, host range and kind of an address block (IPv4 or IPv6)
help-subnet-info-arg-address = Address with prefix (192.168.1.10/24) or a bare address followed by MASK
help-subnet-info-arg-mask = Subnet mask when ADDRESS has none: dotted (255.255.255.0) or prefix (/24 or 24)
help-subnet-info-after =
    Examples:
      netkit subnet info 192.168.1.10/24
      netkit subnet info 192.168.1.10 255.255.255.0
      netkit subnet info 2001:db8::1/64
help-subnet-split-about = Split a network into equal smaller subnets
help-subnet-split-arg-network = The network to split (192.168.0.0/24)
help-subnet-split-arg-prefix = Prefix length of the pieces (/26 or 26)
help-subnet-split-arg-count = At least this many equal pieces (rounded up to a power of two)
help-subnet-split-arg-max = Refuse to list more than this many subnets
help-subnet-split-after =
    Examples:
      netkit subnet split 192.168.0.0/24 --prefix 26
      netkit subnet split 10.0.0.0/16 --count 6
help-subnet-summarize-about = Aggregate addresses, networks and ranges into the fewest CIDR blocks covering exactly the same addresses
help-subnet-summarize-arg-items = Addresses, CIDRs or ranges (a-b); read from standard input when none and no -f
help-subnet-summarize-arg-file = Read items from FILE, one or more per line ('#' starts a comment; '-' is standard input)
help-subnet-summarize-after =
    Examples:
      netkit subnet summarize 192.168.0.0/24 192.168.1.0/24
      netkit subnet summarize < list.txt
help-subnet-filter-about = Print input lines holding an IP address inside any of the given networks (like grepcidr)
help-subnet-filter-arg-args = Networks (CIDR, address or range), then input files ('-' or none: standard input)
help-subnet-filter-arg-patterns = A pattern (may be repeated); then every argument is a file
help-subnet-filter-arg-pattern_files = Read patterns from FILE (one or more per line, '#' comments); then every argument is a file
help-subnet-filter-arg-invert = Invert: print lines holding no matching address
help-subnet-filter-arg-count = Print only the number of matching lines
help-subnet-filter-arg-line_start = Only match a line that starts with the address (faster for logs with the address first)
help-subnet-filter-after =
    Patterns are CIDRs (10.0.0.0/8), single addresses or ranges (a.b.c.d-e.f.g.h),
    also comma-separated. Leading arguments that parse as patterns are patterns; the rest are
    files ('-' is standard input). With -e or -f, every argument is a file.

    Exit status: 0 some line matched, 1 none, 2 bad pattern, 3 unreadable file.

    Examples:
      netkit subnet filter 10.0.0.0/8 access.log
      netkit subnet filter -v -f blocklist.txt < ips.txt

# Hosts as typed (src/net/endpoint.rs): DEST, HOST[:PORT], a server, an address to listen on.
endpoint-what-destination = destination
endpoint-what-server = server
endpoint-what-port = port
endpoint-bad-port-zero = port 0 is not a port a server listens on
endpoint-bad-port = expected a number from 1 to 65535
endpoint-bad-empty = empty; expected an address or a host name
endpoint-bad-no-bracket = no closing ']' after the IPv6 address
endpoint-bad-in-brackets = expected an IPv6 address in the brackets, such as [2001:db8::1]
endpoint-bad-after-brackets = expected :PORT after the brackets, such as [::1]:8001
endpoint-bad-zone-v4 = a zone (%IFACE) belongs to IPv6 link-local and multicast addresses, not to IPv4
endpoint-bad-percent = a '%' is allowed only after an IPv6 address, for its zone (fe80::1%eth0)
endpoint-bad-v6-port = write an IPv6 address with a port in brackets: [2001:db8::1]:53
endpoint-bad-not-ipv4 = not an IP address (four numbers from 0 to 255)
endpoint-bad-not-host = neither an IP address nor a valid host name (192.0.2.1, [2001:db8::1], host.example)
endpoint-bad-hyphen = not a host name: the label '{ $label }' starts or ends with a hyphen, which no host name does
endpoint-bad-wildcard = not a host name: a '*' (a DNS wildcard) names no host
endpoint-bad-punycode = not a host name: the label '{ $label }' starts with xn-- but is not valid punycode (an encoded international name)
endpoint-bad-digits = not a host name: its last label is all digits, which no host name's is
endpoint-bad-zone-taken = a zone (%IFACE) is taken by ping and trace only
endpoint-bad-v6-host-port = expected HOST:PORT; an IPv6 address with a port goes in brackets, such as [::1]:8001
endpoint-bad-host-port = expected HOST:PORT, such as 127.0.0.1:8001 or [::1]:8001
endpoint-bad-with-port = expected an IP address or a host name, without a port
endpoint-bad-bind = expected an IPv4 or IPv6 address such as 127.0.0.1 or ::1
endpoint-bad-listen = expected ADDR:PORT, such as 127.0.0.1:8080 or [::1]:8080
endpoint-bad-listen-v6 = write an IPv6 address with a port in brackets: [::1]:8080
endpoint-bad-listen-port = expected a port from 0 to 65535 after the colon

# Names, as DNS carries them (src/net/name.rs) and as typed with escapes (src/wire/dns/name.rs):
# the word and the reasons both readers give.
name-what = name
name-bad-empty = empty
name-bad-idn = not a valid internationalized domain name
name-bad-too-long = longer than 253 characters
name-bad-empty-label = has an empty label (two dots in a row, or a leading dot)
name-bad-long-label = has a label longer than 63 characters
name-bad-char = the character { $char } is not allowed in a name
