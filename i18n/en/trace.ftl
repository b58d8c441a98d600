# `netkit trace DEST` (src/commands/trace): its table, verdicts, notes, errors and help.

trace-port-needs-udp-tcp = --port needs --udp or --tcp (ICMP echo has no port)
trace-multicast = a multicast address (a group of hosts)
trace-link-local = { $address } is link-local: --udp and --tcp probes cannot name its link (trippy's sockets take no zone); an ICMP trace can
trace-first-past-max = --first-hop { $first } is past --max-hops { $max }
trace-not-one-host = { $address } is { $what }: a trace follows the path to one host (ping asks a group: ping -b for a broadcast address)
