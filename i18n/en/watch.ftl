# `netkit watch` (src/commands/watch): its events, summary, notes, errors and help.

# Frames thrown away, by reason with their count ("2 ARP truncated").
watch-discard-arp = { $count } ARP { $reason }
watch-discard-dhcp = { $count } DHCP { $reason }
watch-discard-router-advert = { $count } malformed router advertisements
watch-no-interface = cannot tell which interface to listen on: say which with -I
