# The Windows backend (src/system/windows): what Windows cannot show or do without more, and the
# privilege as Windows names it.

# The privilege raw sockets need, as Windows names it (src/system/windows/mod.rs).
privilege-windows-missing = Administrator rights (a process run as administrator, for raw sockets)
privilege-windows-advice = open the terminal with "Run as administrator"; ping and trace over ICMP (the default) need no privilege on Windows

# Raw Ethernet frames need a capture driver on Windows.
windows-needs-npcap = { $what } through Npcap (the capture driver Windows needs for raw Ethernet frames, which this build of netkit does not use)
windows-npcap-only = { $what } needs Npcap, the capture driver Windows needs for raw Ethernet frames, which this build of netkit does not use
windows-echo-interface = choosing the interface of echo requests (-I)
windows-arp-caveat = on Windows netkit asks through SendARP: a second (duplicate) reply, the reply frame's Ethernet source and whether the answer came from the wire or from the ARP cache cannot be seen
