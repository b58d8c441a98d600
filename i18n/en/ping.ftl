# `netkit ping DEST` (src/commands/ping): its lines, summary, notes, errors and help.

# Why replies were thrown away, and a reason with its count ("1 with a bad checksum").
ping-discard-reason = { $count } { $reason }
ping-flaw-truncated = truncated
ping-flaw-bad-ip-header = with a bad IP header
ping-flaw-bad-checksum = with a bad checksum

# What an ICMP error says (ping's error lines, trace's last answer).
ping-icmp-ttl-exceeded = Time to live exceeded
ping-icmp-reassembly-time-exceeded = Fragment reassembly time exceeded
ping-icmp-net-unreachable = Destination Net Unreachable
ping-icmp-host-unreachable = Destination Host Unreachable
ping-icmp-protocol-unreachable = Destination Protocol Unreachable
ping-icmp-port-unreachable = Destination Port Unreachable
ping-icmp-packet-too-big = Packet too big (fragmentation needed)
ping-icmp-prohibited = Administratively prohibited
ping-icmp-unreachable = Destination Unreachable
ping-icmp-parameter-problem = Parameter problem
ping-icmp-redirect = Redirect
ping-icmp-source-quench = Source quench

# DEST: what it is, when it is not what it seems (ping and trace).
ping-what-size = size
ping-dest-mapped = { $v6 } is the IPv4 address { $v4 } written as IPv6 (IPv4-mapped, RFC 4291): no ICMPv6 packet can reach it
ping-dest-mapped-v6-only = { $meaning }; without -6, IPv4 is used
ping-dest-mapped-note = { $meaning }, so IPv4 is used
ping-dest-unspecified = { $address } is the unspecified address ("this host", RFC 1122 and RFC 4291), no host to reach: Linux takes a packet sent to it as one for this host itself, which answers from { $here }
ping-dest-zone-unneeded = the zone %{ $zone } names a link, which only IPv6 link-local (fe80::/10) and link-scope multicast (ff02::/16) addresses need
ping-dest-needs-zone-link-local = { $address } is a link-local address, which every link has its own of: say which link, as { $address }%eth0 (or -I eth0)
ping-dest-needs-zone-multicast = { $address } is a link-scope multicast address, which every link has its own of: say which link, as { $address }%eth0 (or -I eth0)
ping-broadcast-limited = the limited broadcast address (every host of the link)
ping-broadcast-limited-on = the limited broadcast address (every host of the link, here { $interface })
ping-broadcast-subnet = the broadcast address of { $interface }'s subnet { $subnet }
ping-broadcast-on = a broadcast address (on { $interface })
ping-broadcast-some = a broadcast address

# `ping`'s errors.
ping-size-v4 = IPv4 carries at most { $max } bytes of data (65535 less 20 of IP and 8 of ICMP header); IPv6 at most 65527
ping-broadcast-needs-b = { $address } is { $what }: every host there would be asked; ping -b does that (most hosts ignore broadcast pings: net.ipv4.icmp_echo_ignore_broadcasts)
ping-refused = the kernel refuses to send to it: a broadcast address needs -b, else a firewall rule refuses it
ping-io = pinging { $address }

# The lines, as ping(8) prints them.
ping-header = PING { $destination } ({ $address }) { $size } bytes of data
ping-header-multicast = { $header }; a multicast address: every host that answers counts, the first reply to each request as received, the others as duplicates
ping-header-broadcast = { $header }; a broadcast address: every host that answers counts, the first reply to each request as received, the others as duplicates
ping-reply = { $bytes } bytes from { $from }: icmp_seq={ $seq } ttl={ $ttl } time={ $rtt }
ping-dup = (DUP!)
ping-foreign = (foreign: not from DEST, not counted)
ping-wrong-data = wrong data byte #{ $index } should be 0x{ $expected } but was 0x{ $got } (not counted)
ping-error-line = From { $from } icmp_seq={ $seq } { $error }
ping-unlisted = ({ $count } more not listed)

# The statistics.
ping-statistics = --- { $destination } ping statistics ---
ping-separator = {", "}
ping-sent = { $sent } sent
ping-received = { $count } received
ping-duplicates = +{ $count ->
        [one] { $count } duplicate
       *[other] { $count } duplicates
    }
ping-errors = +{ $count ->
        [one] { $count } error
       *[other] { $count } errors
    }
ping-foreign-count = { $count } foreign (from other hosts, not counted)
ping-wrong-data-count = { $count } with wrong data (not counted)
ping-discarded = { $count } discarded ({ $reasons })
ping-loss = { $loss } loss, time { $time }
ping-rtt = rtt min { $min }, avg { $avg }, max { $max }, mdev { $mdev }
ping-fewer = fewer replies than -c { $wanted } by the deadline (-w): exit status 1, as ping(8) says

# The notes under the statistics: what ttl= says, who said "Time to live exceeded".
ping-note-ttl = ttl= in the replies is what was left of their time to live (TTL) on arrival: the sender sets it (64 on Linux and macOS, 128 on Windows, 255 on many routers), and each router on the way takes one off.
ping-note-hop-limit = ttl= in the replies is what was left of their hop limit (IPv6's time to live) on arrival: the sender sets it (64 on Linux and macOS, 128 on Windows, 255 on many routers), and each router on the way takes one off.
ping-ttls-differ = Their TTLs were { $low } to { $high }: the replies came over paths of different lengths.
ping-ttl-start = { $ttl } is a usual starting value, so the replies most likely came straight across the link, through no router.
ping-ttl-below = { $ttl } is { $routers } below { $start }, so the replies most likely crossed { $routers ->
        [one] { $routers } router
       *[other] { $routers } routers
    }.
ping-note-exceeded = { $router } answered "Time to live exceeded": each router takes one off a packet's TTL, and the one that takes the last drops the packet and says so; so { $router } is a router on the way to { $dest }, as far as the requests' TTL reached (-t). netkit trace { $dest } shows every router on the way.

# Help.
help-ping-after =
    Sends ICMP echo requests (ICMPv6 for an IPv6 DEST) one interval apart and prints each reply
    as it comes: its size, sender, sequence number, TTL and round-trip time; duplicates are
    marked (DUP!), and errors routers send back (time to live exceeded, unreachable) are
    shown on lines of their own. The summary counts requests, replies, duplicates and errors,
    the loss and the round trips (min/avg/max/mdev, duplicates included as iputils counts
    them). Without -c or -w it runs until Ctrl-C, which prints the summary of what was seen.
    Times accept seconds (1, 0.2) or units (200ms).

    When it stops, as iputils ping: at the deadline (-w); as soon as replies and errors
    together reach -c; with -w, at the first error; and without -w, once -c requests are out,
    after waiting for the last replies: twice the longest round trip so far (at least the
    interval) when replies came, else -W.

    Only its own replies count: the echo id is random, a reply must come from DEST (for a
    broadcast or multicast DEST, from anyone) and carry the data sent (8 random bytes, then
    bytes counting up); other replies are shown as foreign or with their wrong data byte, and
    not counted; truncated ones are discarded. A broadcast DEST (255.255.255.255 or a subnet's)
    needs -b. An IPv6 link-local or link-scope multicast DEST needs its link: fe80::1%eth0,
    or -I eth0.

    No privilege is needed where net.ipv4.ping_group_range includes the user's group (an ICMP
    datagram socket); otherwise a raw socket needs CAP_NET_RAW (sudo, or
    `sudo setcap cap_net_raw+ep $(command -v netkit)`).

    Exit status (as ping(8)): 0 a reply came (with -c and -w: -c replies by the deadline),
    1 none came (or fewer than -c by the -w deadline), 2 bad input, 3 network error,
    4 no privilege.

    Examples:
      netkit ping 192.168.1.1 -c 3
      netkit ping example.com -w 5
      netkit ping -6 -c 100 -i 0.01 2001:db8::1
      netkit ping -c 2 fe80::1%eth0
      netkit --json ping 10.0.0.1 -c 5 -t 2
help-ping-arg-dest = Destination: an IP address (IPv6 link-local with its zone, fe80::1%eth0) or a host name
help-ping-arg-count = Number of requests; with -w, the number of replies to wait for (requests go on until then, as iputils ping)
help-ping-arg-interval = Time between requests (sub-second allowed)
help-ping-arg-deadline = Stop after this long whatever happens
help-ping-arg-timeout = How long to wait after the last request when no reply came at all (once replies came: twice the longest round trip, at least the interval)
help-ping-arg-size = Bytes of data in each request (the ICMP header adds 8): at most 65507 over IPv4, 65527 over IPv6
help-ping-arg-ttl = TTL (IPv6: hop limit) of the requests
help-ping-arg-broadcast = Allow pinging a broadcast address (every host on the link that answers broadcasts)
help-ping-arg-interface = Interface to send on (default: the one the route to DEST uses)
help-ping-arg-ipv4 = IPv4 only
help-ping-arg-ipv6 = IPv6 only
