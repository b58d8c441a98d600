# `netkit --help` and the man pages: the top-level help, the global options, each subcommand's
# one-line summary, and clap's own words. A command's own help (its arguments, its examples)
# lives in its own file (mac.ftl: help-mac-...).
#
# Ids name the place in the command tree: help-about, help-long-about, help-after (netkit
# itself); help-PATH-about, help-PATH-long-about, help-PATH-before, help-PATH-after,
# help-PATH-arg-ID (PATH the subcommands joined by "-", ID the argument's id); help-arg-ID for
# the global options. English here is the source: the walk in src/cli.rs sets every text of
# the command tree from these.

help-about = Answers a networking primer's questions about a real machine
help-long-about = netkit answers the questions a networking primer raises - what is my MAC, my IP and mask, are two hosts on one subnet, what is my gateway, what does a name resolve to, who answers ARP for an address, can two programs talk over a socket - each with one command: readable tables for people, --json for scripts, exit codes that mean something.
help-after =
    Exit status:
      0  ok / yes (same subnet, a reply came, an answer was found)
      1  a negative answer (different subnet, no reply, NXDOMAIN, no line matched)
      2  usage error or bad input (address, mask, MAC, name, port, interface)
      3  network, I/O or system error (timeout, refused, unreadable file, no route to use)
      4  permission: needs root or CAP_NET_RAW

help-arg-json = JSON for scripts instead of tables (stable field names, never coloured)
help-arg-color = Colour: auto (a terminal, NO_COLOR unset), always or never
help-arg-lang = Language of tables, sentences, errors and help: en or zh-CN (default: from LANGUAGE, LC_ALL, LC_MESSAGES, LANG); JSON is the same in every language

# Headings and clap's own words.
help-heading-usage = Usage:
help-heading-options = Options
help-heading-arguments = Arguments
help-heading-commands = Commands
help-heading-global = Global options
# The paragraph headings of help texts (the man pages sort paragraphs by them).
help-heading-examples = Examples:
help-heading-exit-status = Exit status:
help-flag-help = Print help (see more with '--help')
help-flag-help-long = Print help (see a summary with '-h')
help-flag-version = Print version
help-help-about = Print this message or the help of the given subcommand(s)

# Each subcommand's one line in `netkit --help`.
help-ifaces-about = This machine's interfaces: addresses, masks, MACs, gateways, DNS (like ipconfig /all)
help-subnet-about = Subnet arithmetic: same-subnet check, network info, split, summarize, filter lines by network
help-mac-about = Decode a MAC address: normalized forms, vendor (OUI), unicast/multicast, universal/local
help-dns-about = Resolve names like dig: records with TTLs, the server asked, the time taken
help-arp-about = Ask who has an IP (like arping), scan a subnet (like arp-scan), show the neighbour cache
help-gateway-about = The default gateway(s): address, interface, metric and MAC. Exit 1 when there is none
help-route-about = How this machine would reach a destination, as the kernel decides (like `ip route get`)
help-chat-about = The primer's TCP socket chat: a server and a client taking turns, or a multi-client room
help-dhcp-about = DHCP: broadcast a DHCPDISCOVER and list every offer (never takes a lease)
help-flow-about = What happens when a program talks to DEST: DNS, routing, ARP and TCP, step by step, timed
help-ping-about = Ask whether DEST answers: ICMP echo requests, each reply timed, loss and round trips (like ping)
help-trace-about = The routers on the way to DEST, hop by hop: who answers at each TTL, loss and round trips (like mtr --report)
help-watch-about = Listen to the LAN's broadcasts: new stations, MAC changes, ARP spoofing, rogue DHCP servers and routers (like arpwatch)
help-completions-about = Print a shell completion script (bash, zsh, fish, elvish, powershell)
# What follows a heading clap writes ("Options:").
help-heading-colon = :

# The man pages' section names (tests/man.rs generates man/ and man/zh_CN/).
help-man-name = NAME
help-man-synopsis = SYNOPSIS
help-man-description = DESCRIPTION
help-man-options = OPTIONS
help-man-subcommands = SUBCOMMANDS
help-man-version = VERSION
help-man-exit-status = EXIT STATUS
help-man-examples = EXAMPLES
help-tour-about = The primer walked on this machine: NIC and MAC, IP and mask, gateway, DNS, ARP, DHCP, C/S
# A default value after an option's help, in place of clap's own [default: 1s] (languages
# other than English; English keeps clap's): open, the word, the value, close.
help-flag-default-open = [
help-flag-default = default:
help-flag-default-close = ]
