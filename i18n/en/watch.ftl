# `netkit watch` (src/commands/watch): its events, summary, notes, errors and help.

# Frames thrown away, by reason with their count ("2 ARP truncated").
watch-discard-arp = { $count } ARP { $reason }
watch-discard-dhcp = { $count } DHCP { $reason }
watch-discard-router-advert = { $count } malformed router advertisements
watch-no-interface = cannot tell which interface to listen on: say which with -I

# The kinds of event, for people (JSON names them in snake_case).
watch-kind-new-station = new station
watch-kind-changed-mac = changed MAC
watch-kind-flip-flop = flip-flop
watch-kind-ip-conflict = IP conflict
watch-kind-gateway-spoofing = GATEWAY SPOOFING
watch-kind-own-ip-claimed = CLAIMS OUR IP
watch-kind-own-mac-claimed = CLAIMS OUR MAC
watch-kind-gratuitous-arp = gratuitous ARP
watch-kind-arp-probe = ARP probe
watch-kind-arp-announce = ARP announce
watch-kind-outside-subnet = outside subnet
watch-kind-dhcp-server = DHCP server
watch-kind-rogue-dhcp = ROGUE DHCP
watch-kind-router-advert = router advert
watch-kind-rogue-router = ROGUE ROUTER
watch-kind-station-limit = station limit

# What each event means (also in JSON, "detail", in English).
watch-own-mac = a frame from another host claims this host's MAC { $mac }: a host forging it (MAC spoofing), or a loop sending this host's frames back
watch-own-mac-says = { $detail }; it says { $mac } has { $ip }
watch-own-mac-frames = { $detail }; { $frames } such frames since the last report
watch-arp-probe = { $mac } asks whether { $ip } is free before taking it (RFC 5227): a host joining
watch-arp-announce = { $mac } announces it has { $ip } (RFC 5227)
watch-gratuitous = { $mac } tells everyone it has { $ip }, unasked
watch-outside = { $ip } is outside this interface's subnets: a misconfigured host, or one from another network
watch-own-ip = { $mac } claims { $ip }, this host's own address: another host configured with it (an address conflict), or one impersonating this host (ARP spoofing)
watch-gateway-spoofing = { $mac } claims the gateway's address { $ip }, which belongs to { $known }: likely ARP spoofing (a host putting itself between this LAN and the outside)
watch-station-limit = { $limit } stations known: new ones are counted, not listed
watch-new-station = { $ip } is at { $mac }
watch-ip-conflict = { $ip } answers from { $mac } and from { $old } within { $seconds } s: two hosts use one address
watch-flip-flop = { $ip } is back at { $mac } (it was at { $old })
watch-changed-mac = { $ip } moved from { $old } to { $mac }
watch-dhcp-gives = { $message } { $address } to { $client }
watch-dhcp-router = { $gives }, router { $routers }
watch-dhcp-dns = { $gives }, DNS { $servers }
watch-dhcp-names = { $gives }; it names { $id } as its server (option 54), not its own address { $server }
watch-rogue-dhcp = a DHCP server { $why }: { $gives } (hosts that take it get its router and DNS)
watch-ra-not-default = not a default router
watch-ra-default = default router for { $seconds } s
watch-ra-prefixes = { $says }, prefixes { $prefixes }
watch-rogue-router = a router advertises itself { $why }: { $says }

# The live view and the summary.
watch-col-time = Time
watch-col-event = Event
watch-col-address = Address
watch-col-mac = MAC
watch-mac-vendor = { $mac } ({ $vendor })
watch-gateway-at = { $gateway } at { $mac }
watch-no-gateway = none
watch-header = watching { $interface } (gateway { $gateways }); { $stations ->
        [one] { $stations } station
       *[other] { $stations } stations
    } known; times are UTC; Ctrl-C stops
watch-summary = watched { $interface } for { $took }: { $frames ->
        [one] { $frames } frame
       *[other] { $frames } frames
    } ({ $arp } ARP, { $dhcp } DHCP, { $adverts ->
        [one] { $adverts } router advert
       *[other] { $adverts } router adverts
    }), { $stations ->
        [one] { $stations } station
       *[other] { $stations } stations
    } known, { $heard } heard
watch-dropped-label = Dropped
watch-dropped = the kernel dropped { $count ->
        [one] { $count } frame
       *[other] { $count } frames
    } that came faster than netkit read them: they are missing from these counts
watch-unlisted = { $count ->
        [one] { $count } new station beyond { $max } was counted, not listed
       *[other] { $count } new stations beyond { $max } were counted, not listed
    }
watch-skipped = skipped { $count ->
        [one] { $count } malformed frame
       *[other] { $count } malformed frames
    }: { $reasons }
watch-event-count = { $kind } { $count }
watch-no-events = no events
watch-events = events: { $events }
watch-alarms = { $count ->
        [one] { $count } alarm
       *[other] { $count } alarms
    }
watch-no-alarm = no alarm
watch-destinations = frames by destination: { $broadcast } broadcast, { $multicast } multicast, { $own } to this host, { $others } to other hosts
watch-note-not-promiscuous = only broadcasts, multicasts and this host's own unicast frames reached it; a network card passes no more unless it is promiscuous, so this says nothing yet of the LAN: watch with --promiscuous to tell a switch (which sends a unicast frame only to the port where its destination MAC is) from a hub (which repeats every frame to every port).
watch-note-switch = only broadcasts, multicasts and this host's own unicast frames reached it: what a switch delivers, since it sends a unicast frame only to the port where its destination MAC is (a hub repeats every frame to every port, and other hosts' unicast frames would show here).
watch-note-hub = unicast frames for other hosts reached this port: a hub repeats every frame to every port, and a switch floods a frame whose destination MAC it has not learned yet (a mirror port copies everything), so this host hears traffic that is not its own.

# The station file (--db).
watch-what-station-file = station file
watch-what-lock-file = lock file
watch-db-symlink = is a symbolic link: netkit writes the station file as root and follows no link (name the file itself)
watch-db-not-regular = is { $kind }: a station file is a regular file
watch-db-writing = writing { $file }
watch-db-locking = locking { $file }
watch-lock-symlink = is a symbolic link: netkit follows no link here
watch-lock-not-regular = is { $kind }, not a regular file
watch-db-in-use = { $file } is in use by another netkit watch (it holds { $lock }): one watcher per station file, or the last one to save would undo the other's stations
watch-db-line = line { $line } { $why }; it is left as it is (move it away to start a new one)
watch-db-empty = is missing (the file is empty)
watch-db-too-long = is too long
watch-db-not-utf8 = is not UTF-8
watch-db-bad-header = is not { $header }: not a netkit watch station file
watch-db-fields = does not have 3 tab-separated fields
watch-db-no-ip = has no IPv4 address first
watch-db-no-mac = has no MAC second
watch-db-no-time = has no time third (whole seconds since 1970, at most year 9999)

# Help.
help-watch-after =
    Listens on the interface (not in promiscuous mode unless --promiscuous: the broadcasts every
    host receives, and frames sent to this one, are enough) and prints one line per event, as it happens: time (UTC),
    kind, IP, MAC and vendor, and what it means. Frames this host sent are told apart by the
    kernel (their packet type), never by their source MAC. Events: a new station (an IP/MAC pair
    not known); changed MAC; flip-flop (back to the MAC before); IP conflict (two MACs for one IP
    within a minute); GATEWAY SPOOFING (a second MAC claims the gateway's IP: likely ARP spoofing);
    CLAIMS OUR IP (another host claims this host's address); CLAIMS OUR MAC (a frame from outside
    carries this host's MAC; at most one report a minute); gratuitous ARP; ARP probe and announce
    (a host joining, RFC 5227); outside subnet (a sender address not in the interface's subnets);
    DHCP server (an offer, ack or nak seen) and ROGUE DHCP; router advert and ROGUE ROUTER (IPv6).
    A DHCP server or router is judged by the IP source and the Ethernet source of its message,
    never by what the message says of itself (a DHCP Server Identifier is flagged when it names
    another address): one from another address than --dhcp-server / --router, or from that
    address but another MAC than the one the neighbour table, --db or its first message gave, is
    rogue. The known stations start from the neighbour table, or from --db FILE, which keeps them
    across runs (as arpwatch's arp.dat): checked and locked at the start (FILE.lock: one watcher
    per file), saved every --save-every and whenever the watch ends, atomically through a
    temporary file with a random name, never through a link; a file that is not one is refused
    and left alone. A gateway known only from --db keeps its MAC. At most 65536 stations are
    kept. --json gives one JSON object per event (kind and what it carries) and a last one with
    the summary. Ctrl-C (or --duration, --count) ends the watch with a summary: frames heard,
    frames the kernel dropped because they came too fast, stations, events by kind. Needs
    CAP_NET_RAW.

    Exit status: 0 no alarm, 1 an alarm (IP conflict, gateway spoofing, our IP or MAC claimed,
    rogue DHCP server or router), 2 bad input, 3 network error (the interface lost: after the
    summary, the stations saved), 4 no CAP_NET_RAW.

    Examples:
      sudo netkit watch
      sudo netkit watch -I eth0 --dhcp-server 192.168.1.1 --db ~/.netkit-stations
      sudo netkit --json watch --duration 600
help-watch-arg-interface = Interface to listen on (default: the default route's, or the only Ethernet interface that is up)
help-watch-arg-db = Keep the known stations in FILE across runs (created when missing; FILE.lock keeps a second watcher off it)
help-watch-arg-save_every = With --db, also save the stations this often during the watch (they are always saved at its end)
help-watch-arg-dhcp_server = The LAN's DHCP server: messages sent from any other address or MAC are a rogue DHCP server (an alarm)
help-watch-arg-router = The LAN's IPv6 router (its link-local address): advertisements sent from any other address or MAC are a rogue router
help-watch-arg-duration = Stop after this long (default: until Ctrl-C)
help-watch-arg-count = Stop after N events
help-watch-arg-promiscuous = Make the interface promiscuous while listening (as arpwatch and tcpdump do), so the card also passes other hosts' unicast frames: what tells a hub from a switch
