# Errors as people read them on stderr (src/error.rs, src/lib.rs). JSON keeps every error's
# message in English: these are the same words.

# "invalid MAC address 'aa:bb': 6 groups expected"
error-bad-input = invalid { $what } '{ $input }': { $reason }
# A line of a file the user gave: "names.txt:3: invalid address 'x': ..."
error-in-file = { $place }: { $error }
# "reading names.txt: no such file or directory"
error-io = { $context }: { $cause }
error-permission = { $action } needs { $missing }
error-unsupported = { $what } is not available on { $os } yet
error-internal = { $what }: { $cause }
# An error with advice, after "netkit: ".
error-with-hint = { $message } ({ $hint })

# What an OS error means, with a next step where there is one.
os-refused = refused: nothing listens on that port (is the server running?)
os-reset = the other side reset the connection
os-aborted = the connection was aborted
os-addr-in-use = the address and port are in use by another program (choose another port)
os-addr-not-available = that address is not one of this host's (netkit ifaces lists them; 127.0.0.1 is always there)
os-network-unreachable = no route to that network (netkit route get DEST shows why; netkit gateway lists the default routes)
os-host-unreachable = the host is unreachable: nobody answers for it on its link (netkit trace DEST shows how far packets get)
os-timed-out = no answer in time
os-not-found = no such file or directory
os-permission-denied = permission denied
os-broken-pipe = the other side closed the connection
os-storage-full = no space left on the device
os-network-down = the interface is down (netkit ifaces shows its state)
os-no-such-device = no such interface (netkit ifaces lists them)
os-message-too-big = too big to send in one piece over this link (its MTU)
# netkit writing its output.
io-writing-output = writing output

# What clap refused, said as one line (src/lib.rs), each with where to read more.
cli-see-help = { $line } (see '{ $command } --help')
cli-needs-subcommand = '{ $command }' needs a subcommand: { $names }
cli-unknown-argument = unexpected argument '{ $arg }' found
cli-unknown-subcommand = unrecognized subcommand '{ $word }'
cli-invalid-value = invalid value '{ $value }' for '{ $arg }'
cli-possible-values = possible values: { $values }
cli-missing-arguments = the following required arguments were not provided: { $args }
cli-missing-value = a value is required for '{ $arg }' but none was supplied
cli-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
cli-used-twice = the argument '{ $arg }' cannot be used multiple times
cli-tip-similar = tip: a similar one exists: '{ $suggestion }'
cli-tip-dash = tip: to pass '{ $arg }' as a value, use '-- { $arg }'
cli-slip-subcommand = '{ $word }' is not a subcommand of 'netkit { $parent }': did you mean 'netkit { $parent } { $meant } { $rest }'?
cli-slip-mac = 'netkit mac' needs the MAC address to explain, as in: netkit mac 3c:22:fb:12:34:56; this machine's own MACs: netkit ifaces
cli-slip-chat-client = 'netkit chat client' needs the server's HOST:PORT, as in: netkit chat client 127.0.0.1:8001; netkit chat server says which port it listens on

# The privilege raw sockets need, as Linux names it (src/system/linux/privilege.rs).
privilege-linux-missing = the CAP_NET_RAW capability
privilege-linux-advice = run it with sudo, or grant the capability once: sudo setcap cap_net_raw+ep "$(command -v netkit)"

# Reading a file the user named (util::input, util::lists), or standard input.
io-reading-file = reading { $file }
io-reading-stdin = reading standard input
# What needs the privilege, in the permission error of ping and trace (src/system).
privilege-ping-action = ping (net.ipv4.ping_group_range leaves this user's group out, so a raw ICMP socket)
privilege-trace-action = trace (raw sockets send UDP and TCP probes, and ICMP ones where net.ipv4.ping_group_range leaves this user's group out)

# What netkit was doing when the system refused (the context of an I/O error: "opening an ICMP
# socket: permission denied").
doing-starting-runtime = starting the runtime
doing-starting-name-lookup = starting the name lookup
doing-opening-icmp-socket = opening an ICMP socket
doing-setting-up-icmp-socket = setting up the ICMP socket
doing-opening-icmp-handle = opening an ICMP handle
doing-binding-to = binding to { $interface }
doing-tracing = tracing { $target }
doing-arp-on = ARP on { $interface }
doing-dns-lookup = the DNS lookup
doing-reading-kernel-tables = reading the kernel's network tables (netlink { $request })
# What a system netkit is not built for yet cannot do (src/system/unbuilt.rs), before "is not
# available on macOS yet".
unbuilt-tables = reading this machine's interfaces and routes
unbuilt-dns-config = reading the system's DNS servers (name a server: netkit dns NAME @SERVER)
unbuilt-interface-by-name = choosing an interface by name
unbuilt-echo = sending ICMP echo requests

# Times typed on the command line (src/util/time.rs): the flag, and what is wrong with the value.
time-what-timeout = timeout
time-what-interval = interval
time-what-deadline = deadline
time-what-idle-timeout = idle timeout
time-bad-zero = must be more than 0
time-bad-range = must be from 0 to a day (86400 s)
time-bad-syntax = expected seconds (1, 0.5) or a time with a unit (200ms, 2s)

# A file the user names that is larger than netkit reads (src/util/input.rs); size: `1 MiB`.
io-too-big = is larger than { $size } (netkit reads at most that much of it)

# An interface named on the command line that cannot serve (src/system): ping -I, trace -i, ARP, listening.
system-no-interface-for-family = no such interface, or it has no address of DEST's family (netkit ifaces lists them)
system-no-link-address = has no link-layer address to listen on (is it gone?)
system-no-ethernet-address = has no Ethernet address: ARP works on Ethernet-like links
