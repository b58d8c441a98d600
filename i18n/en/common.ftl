# Words and sentences of the shared layer (src/output): notes under tables, the mask
# arithmetic's verdicts, warnings, the terminal hint. English is the source: every id here must
# also be in zh-CN/common.ftl, with the same variables.

# A list's separator between two items ("eth0, eth1").
common-list-separator = {", "}
# A label before its value ("Vendor:").
# Between two clauses of one line ("...; tip: ...").
common-clause-separator = {"; "}
common-label = { $label }:
# The label of a remark under a view.
# What separates a label from its value when they are not aligned ("note: ...").
common-label-gap = {" "}
common-note = note

# The note under a table that left columns out to fit the terminal.
common-left-out = Left out to fit: { $columns } (--json or a wider terminal { $count ->
        [one] shows it
       *[other] shows them
    })
common-left-out-option = Left out to fit: { $columns } ({ $option }, --json or a wider terminal { $count ->
        [one] shows it
       *[other] shows them
    })

# The mask arithmetic of a route (route get, hop 1 of trace).
common-this-host = (this host)
common-destination = (destination)
common-same-subnet = same subnet
common-different-subnets = different subnets

# A warning on stderr, after "netkit: ".
common-warning = warning: { $message }
# Said on stderr when a command reads the terminal because no argument was given.
common-reading-terminal = reading { $what } from the terminal; Ctrl-D ends ({ $instead })

# What a state of the neighbour cache (ip neigh's REACHABLE, STALE...) means, after the state's
# name (arp cache, gateway): output::neighbour_state_meaning.
common-neigh-reachable = confirmed recently: an answer or traffic from it came within the last half minute or so
common-neigh-stale = not confirmed lately: the MAC is still used, and the kernel checks it again the next time a packet goes there
common-neigh-delay = being checked: a packet went out with the stale MAC, and the kernel waits a few seconds for traffic to confirm it before asking
common-neigh-probe = being checked: the kernel is asking the neighbour again, directly (ARP or neighbour solicitation to its MAC)
common-neigh-incomplete = asked, no answer yet: the MAC is not known
common-neigh-failed = asked, and nobody answered: packets to this address fail
common-neigh-permanent = set by hand (ip neigh add ... permanent): never checked, never expires
common-neigh-noarp = no link-layer address to find (loopback, or a point-to-point link): no ARP is ever sent
common-neigh-none = a state the kernel names none of the usual ones

# What a raw link was doing when the system refused (arp, dhcp discover, watch).
common-sending-on = sending { $what } on { $interface }
common-opening = opening { $interface }
common-listening-on = listening on { $interface }

# What a file that is not a regular one is (system::file_kind: the station file of watch).
common-file-directory = a directory
common-file-fifo = a FIFO
common-file-device = a device
common-file-socket = a socket
common-file-other = not a regular file
# A DHCP lease that never runs out (ifaces --all, tour): its time, and when it expires.
common-lease-infinite = infinite
common-lease-never = never
# What a value names, in "invalid interface 'x': ...".
common-what-interface = interface
# Why a system file (resolv.conf, a lease file) was not read: "reading /etc/resolv.conf: it is a FIFO, not a regular file".
common-file-is-not-regular = it is { $kind }, not a regular file
common-file-too-large = it is larger than { $size } MiB
