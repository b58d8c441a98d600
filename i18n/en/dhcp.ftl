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

# Why a server's message is not the expected server's (dhcp discover --expect, watch).
dhcp-why-other-address = from { $source }, not from the expected { $expected }
dhcp-why-other-mac = from the expected { $expected }'s address but from { $mac }, not from its MAC { $known }: a host forging its address
dhcp-why-other-mac-first-seen = from the expected { $expected }'s address but from { $mac }, not from its MAC { $known } (as first seen): a host forging its address
dhcp-rogue-forging = { $mac } forging { $address }
dhcp-rogue-at = { $address } at { $mac }

# The interface (dhcp discover, watch).
dhcp-no-ethernet = has no Ethernet address: DHCP needs an Ethernet-like link
dhcp-no-interface = cannot tell which interface to ask on: say which with -I
dhcp-io = DHCP on { $interface }

# The view.
dhcp-header = DHCPDISCOVER on { $interface } from { $mac } (xid { $xid }); waiting up to { $timeout } for offers
dhcp-retransmitted = no offer after { $after }: DHCPDISCOVER sent again (xid { $xid }), as DHCP clients retransmit
dhcp-discarded = Discarded { $count ->
        [one] { $count } frame
       *[other] { $count } frames
    }: { $reasons }
dhcp-no-offer-label = No offer
dhcp-no-offer = no DHCP server answered within { $timeout }
dhcp-col-server = Server
dhcp-col-offered = Offered
dhcp-col-mask = Mask
dhcp-col-router = Router
dhcp-col-dns = DNS
dhcp-col-lease = Lease
dhcp-col-domain = Domain
dhcp-col-rtt = RTT
dhcp-offers = { $count ->
        [one] { $count } offer
       *[other] { $count } offers
    }.
dhcp-renews = renews (T1) after { $after }
dhcp-rebinds = rebinds (T2) after { $after }
dhcp-mtu = MTU { $mtu }
dhcp-route = { $destination } via { $router }
dhcp-routes = routes (option 121, in place of the router option) { $routes }
dhcp-names-other-server = names { $id } as its server (option 54), not its own address
dhcp-pxe = PXE boot: { $file } from TFTP server { $server }
dhcp-facts = { $server }: { $facts }
dhcp-options = { $server } options:
dhcp-expected-at = { $address } at { $mac }
dhcp-no-rogue-label = No rogue DHCP server
dhcp-no-rogue = only { $expected }, the expected server, answered
dhcp-rogue-label = Rogue DHCP server
dhcp-rogue = { $rogues } offered addresses besides the expected { $expected }: hosts that take its offer get its router and DNS servers
dhcp-exchange = DHCP takes four messages: Discover (the client's broadcast), Offer (each server's answer), Request (the client takes one offer) and Ack (that server confirms the lease); netkit stops after the Offers, so no lease was requested or taken.
dhcp-offer-line = offer from { $server } ({ $mac }): { $offered } after { $rtt }{ $alarm }
dhcp-offer-rogue = {" "}(rogue: { $why })
dhcp-offer-names = {" "}(names { $id } in option 54)

# Help.
help-dhcp-discover-about = Broadcast a DHCPDISCOVER and list every DHCPOFFER that arrives (no DHCPREQUEST is ever sent)
help-dhcp-discover-after =
    Sends a DHCPDISCOVER (UDP 68 to 67, broadcast flag, a fresh transaction id) from the
    interface's MAC or --mac (and with no offer after 4 s once more, with the same
    transaction id, as DHCP clients retransmit), and lists each offer for that transaction
    id and MAC:
    server, offered address, mask, router, DNS servers, lease time, domain; then T1/T2,
    MTU, classless static routes (option 121) and PXE boot (66/67) when offered, and with
    --raw every option as bytes. With --expect ADDR, an offer is judged by its IP source and
    Ethernet source, never by the server it names (option 54, flagged when it names another
    address): one from another address, or from ADDR but another MAC than the neighbour
    table's or the first offer's, is a rogue DHCP server and the exit status is 1 (behind a
    DHCP relay, expect the relay's address). Replies with
    impossible headers, from the wrong port or for another client are discarded and
    counted. It never requests or accepts a lease. Needs CAP_NET_RAW (sudo, or setcap cap_net_raw+ep).

    Exit status: 0 an offer came, 1 none within --timeout or a rogue server (--expect),
    2 bad input, 3 network error,
    4 no CAP_NET_RAW.

    Examples:
      sudo netkit dhcp discover
      sudo netkit dhcp discover -I eth0 --timeout 10s
      sudo netkit --json dhcp discover --mac 02:00:00:00:00:01
      sudo netkit dhcp discover --expect 192.168.1.1 --raw
help-dhcp-discover-arg-interface = Interface to ask on (default: the default route's, or the only Ethernet interface that is up)
help-dhcp-discover-arg-mac = Client hardware address to put in the request (default: the interface's MAC)
help-dhcp-discover-arg-timeout = How long to collect offers (servers such as dnsmasq first ping the address they offer, for up to 3 s)
help-dhcp-discover-arg-expect = The LAN's DHCP server: an offer sent from any other address or MAC is a rogue DHCP server (exit 1)
help-dhcp-discover-arg-raw = Also list every option of each offer, as code, name and bytes
