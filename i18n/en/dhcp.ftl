# `netkit dhcp discover` (src/commands/dhcp): its view, notes, errors and help.

# Why DHCP messages were thrown away, and a reason with its count ("2 not DHCP").
dhcp-discard-reason = { $count } { $reason }
dhcp-flaw-ip-header = with a bad IPv4 header
dhcp-flaw-ip-length = with an impossible IPv4 total length
dhcp-flaw-ip-fragment = fragmented
dhcp-flaw-udp-length = with an impossible UDP length
dhcp-flaw-udp-port = from or to the wrong UDP port
dhcp-flaw-not-dhcp = not DHCP
dhcp-flaw-other-transaction = for another transaction
dhcp-flaw-not-offer = not an offer
dhcp-flaw-other-client = for another client MAC
dhcp-flaw-over-limit = beyond what one exchange keeps (a flood?)
