# `netkit chat` (src/commands/chat): what the local console says (notices on stderr, answers to
# the commands typed here), its errors and its help. What goes over the wire to a peer or a
# room's members (the room's welcome, its notices, /help in a room, bye) stays as the protocol
# has it, in English: the peer's program reads it. The web page (src/commands/chat/web) has no
# language negotiation and stays English.

## A conversation with one peer (talk.rs).
chat-end-said-bye = we said bye
chat-end-peer-said-bye = the peer said bye
chat-end-peer-left = the peer closed the connection
chat-end-input = end of input
chat-end-interrupted = interrupted
chat-idle-timeout = idle timeout: no message for { $time }
chat-works-in-a-room = { $command } works in a room (netkit chat server --room); this is a conversation with one peer at { $peer }
chat-help-one-peer = a conversation with one peer at { $peer }: each line goes to it, bye (or /quit) ends it, //text sends text starting with /; /nick and /who work in a room (netkit chat server --room)
chat-unknown-command = unknown command { $word }; /help lists them
chat-reset-before-heard = the connection to { $peer } was reset before the server said anything
chat-reset-before-heard-why = it most likely never accepted us: we were waiting in its listen backlog (a server that talks with one client at a time, like the primer's, lets the next callers wait there) and it has closed; try again when it is free
chat-reset = the connection to { $peer } was reset
chat-reset-why = the peer's program ended or crashed mid-conversation
chat-talking-with = talking with { $peer }
chat-peer-line-too-long = the peer sent a line longer than { $max } bytes: dropped
chat-line-too-long-not-sent = line longer than { $max } bytes not sent
chat-waiting-in-backlog = no answer from { $peer } yet: if it is talking with another client (the primer's server takes one at a time), this connection waits in its listen backlog until it is free, and what you send waits with it
chat-found-turns = { $peer } sends without a newline and waits for an answer: it takes turns, as the primer's programs do; answering the same way (one message per turn, no newline: --framing raw)
chat-found-lines = { $peer } sends lines: both sides may talk at any time (--framing line)
chat-empty-in-turns = an empty message cannot be sent when taking turns
chat-too-long-for-turns = not sent: { $bytes } bytes is more than the { $most } the primer's programs read at a time (taking turns); shorten it, or use --framing line
chat-held-for-turn = held until { $peer } answers: the two sides take turns, one message each; it goes then

## The server and the client (server.rs, client.rs, mod.rs).
chat-room-no-raw = --room relays lines; it cannot use --framing raw
chat-what-count = count
chat-bad-max-clients = --max-clients must be at least 1
chat-starting-runtime = starting the async runtime
chat-cannot-listen = cannot listen on { $address }
chat-port-in-use = the port is already in use by another program (choose another { $flag }, or stop that program)
chat-port-privileged = ports below 1024 need root or CAP_NET_BIND_SERVICE (choose a port above 1023: { $instead })
chat-address-not-here = that address is not on this host (bind one of its addresses, see netkit ifaces, or 127.0.0.1)
chat-no-ipv6 = this host has no IPv6 (bind an IPv4 address such as 127.0.0.1)
chat-reach-loopback = this machine only
chat-reach-everywhere = every interface: reachable from the network
chat-reach-network = reachable from the network
chat-listening-on = listening on { $address } ({ $reach }); { $what }
chat-listening = listening ({ $reach }); { $what }
chat-one-conversation = one conversation; later callers wait in the backlog
chat-accepting = accepting a connection
chat-peer-connected = { $peer } connected
chat-peer-disconnected = { $peer } disconnected ({ $why })
chat-cannot-resolve = cannot resolve { $name }
chat-no-address = the name has no address
chat-check-the-name = { $why } (check the name, or give an address; netkit dns { $name })
chat-refused = { $target } refused the connection
chat-refused-next = nothing listens on that port (is a server running? netkit chat server --port { $port })
chat-no-answer = no answer from { $target } within { $time }
chat-no-answer-next = a firewall drops the connection, or the host is down (check the address, or wait longer with --timeout)
chat-cannot-reach = cannot reach { $target }
chat-no-ipv6-route = this host has no IPv6 route to it (try its IPv4 address)
chat-no-route = this host has no route to that network (check the address; netkit route get { $address })
chat-host-unreachable = nothing answers for that address on its network (is the host up? is the address right?)
chat-cannot-connect = cannot connect to { $target }
chat-forbidden = this host forbids the connection (a local firewall rule?)
chat-connected-to = connected to { $peer }
chat-disconnected = disconnected ({ $why })

## The room's console (room.rs): the operator's notices.
chat-room-for = a room for up to { $clients ->
        [one] { $clients } client
       *[other] { $clients } clients
    }; type to talk to everyone, /help for commands, /quit to close
chat-line-too-long = line too long: not sent
chat-operator-help = commands: /who to list the room, /help for this list, /quit (or bye) to close the room; other lines go to everyone as <server>, //text sends text starting with /
chat-operator-nick = you are <server> to everyone; /nick is for the members
chat-room-closed = room closed
chat-running-room = running the room
chat-web-listening = web page: listening
chat-web-loopback = web page on { $urls } (this machine only); browsers join the same room
chat-web-network = web page on { $urls } (reachable from the network): others can open it in a browser
chat-web-everywhere-unknown = web page on { $local } (every interface: reachable from the network); others open http://THIS-HOST'S-ADDRESS:{ $port }/ (netkit ifaces lists them)
chat-web-everywhere = web page on { $local } (every interface: reachable from the network); others open { $urls }
chat-or = {" or "}
chat-member-line-too-long = { $member } sent a line over { $max } bytes: dropped
chat-refused-member = { $address } refused: { $why }
chat-refused-full = { $address } refused: the room is full
chat-joined = { $nick } joined ({ $count } in the room)
chat-joined-browser = { $nick } joined from a browser ({ $count } in the room)
chat-renamed = { $old } is now known as { $new }
chat-who = { $count } here: { $members }
chat-left = { $nick } left ({ $why }; { $count } in the room)

## Help (netkit chat --help, man/netkit-chat*.1). The one-line about of chat is in help.ftl.
help-chat-after =
    Framing: 'auto' (the default) talks with netkit, nc and the primer's own Python programs:
    a message ends at a newline, or when the peer pauses with bytes sent (what one
    recv(1024) returns). A peer whose first message comes without a newline takes
    turns, as the primer's programs do: netkit says so and answers the same way from
    then on (one send() per message, no newline, one message per turn). Otherwise
    messages are lines and both sides talk at any time. 'line' sends and reads only
    newline-terminated UTF-8 lines; 'raw' is the primer's protocol from the start: each
    message is one send() with no newline, one read is one message, the sides take turns
    (the client first). 'bye' from either side ends the conversation. What the peer
    says is shown after its address: <127.0.0.1:50000> hello.

    Commands, as in IRC: a typed line starting with / is a command, answered where it
    was typed and never sent. With one peer, /help says what works, /who and /nick say
    they work in a room, /quit says bye, and any other /command is refused; type //text
    to send text starting with / (//etc/hosts sends /etc/hosts). A client that reached a
    --room sends its lines as typed and the room answers. What a peer sends is never
    taken for a command.

    Exit status: 0 the conversation ended ('bye', the peer left, end of input, Ctrl-C),
    2 bad address, port or option, 3 the port is in use, the connection was refused or
    reset, or the host is unreachable (the message says what to do next). --json has no
    effect on a conversation (errors are JSON).

    Examples:
      netkit chat server --port 8001
      netkit chat client 127.0.0.1:8001
      netkit chat server --room --max-clients 50
      netkit chat client --framing raw [::1]:8001
help-chat-server-about = Listen, accept one client and talk with it (or, with --room, relay lines among many)
help-chat-server-after =
    Without --room the server holds one conversation and exits when it ends; later
    callers wait in the listen backlog meanwhile. Messages print on stdout, the peer's
    after its address (<127.0.0.1:50000> hello); notices (listening, who connected
    and disconnected, and why, the framing found) on stderr. A typed line
    starting with / is a command, never sent (/help; //text sends /text): see
    netkit chat --help.

    In a --room, clients type /nick NAME to rename, /who to list the room, /help for
    the commands and bye (or /quit) to leave; a command is answered to its member alone,
    and an unknown /command is refused, never relayed (//text sends text starting with
    /). The operator's lines go to everyone as <server>; /who lists, /help, /quit or
    Ctrl-C closes the room. Each join, rename and leave is one notice on stderr. A client
    whose --queue fills up (it does not read) is disconnected.

    With --web the room is also a web page (B/S beside C/S): browsers open
    http://ADDR:PORT/ and join the same room over a WebSocket (/ws), with the same
    nicks, commands, --max-line, --queue and --max-clients (which counts both kinds of
    member). /who says how each member is connected and from where. Only a page from
    the room's own address may join (the Origin must match the Host: HTTP 403
    otherwise); a message over --max-line closes that socket with code 1009, text
    that is not UTF-8 with 1007, a protocol error with 1002. A request's head must
    arrive within 10 s, and one address may hold 32 HTTP connections at once.

    Exit status: 0 ended normally, 2 bad address or option, 3 the port is in use, is
    below 1024 without the privilege, or the address is not on this host.

    Examples:
      netkit chat server --port 8001
      netkit chat server --port 0 --bind ::1
      netkit chat server --room --max-clients 50 --idle-timeout 600
      netkit chat server --room --web                      # and http://127.0.0.1:8080/
      netkit chat server --room --bind 0.0.0.0 --web 0.0.0.0:8080
help-chat-server-arg-bind = Address to listen on (an IPv4 or IPv6 address); anything wider than loopback must be asked for
help-chat-server-arg-port = Port to listen on (0: any free port, printed at start-up)
help-chat-server-arg-backlog = How many callers may wait in the listen queue (a room uses at least 128)
help-chat-server-arg-room = A chat room: every client's line goes to every other client, prefixed with its nick
help-chat-server-arg-max_clients = With --room: most clients at once; later ones are told the room is full
help-chat-server-arg-queue = With --room: lines queued for one client before it counts as too slow and is disconnected
help-chat-server-arg-web = With --room: also serve the room to browsers, a page at http://ADDR:PORT/ that joins over a WebSocket (alone: 127.0.0.1:8080; port 0: any free port)
help-chat-server-arg-framing = How messages are delimited: found out from the peer, newline-terminated lines, or the primer's raw sends
help-chat-server-arg-framing-long =
    How messages are delimited:
      auto  a message ends at a newline or when the peer pauses; a peer that takes turns without newlines (the primer's programs) is answered the same way (the default)
      line  one UTF-8 line per message, ending in a newline; the two sides talk freely
      raw   the primer's protocol: one read is one message, no newline, the sides take turns
help-chat-server-arg-max_line = Longest message accepted, in bytes; longer lines are dropped with a notice
help-chat-server-arg-idle_timeout = Close a connection after this long with no message either way: 600, 1.5, 500ms (a bare number is seconds; 0: never)
help-chat-client-about = Connect to a chat server and talk
help-chat-client-after =
    A typed line starting with / is a command: with one peer it is answered here and never
    sent (/help; //text sends /text); in a --room the room answers it. See netkit chat --help.

    A server that talks with one client at a time (the primer's, netkit's without --room)
    lets the next callers wait in its listen backlog: connected, but not yet heard. When
    nothing comes for 5 s after the first message the client says it may be waiting
    there, and a reset before the server said anything is explained so (exit 3).

    Examples:
      netkit chat client 127.0.0.1:8001
      netkit chat client localhost:8001 --timeout 2s
      netkit chat client --framing raw [::1]:8001
help-chat-client-arg-server = The server: 127.0.0.1:8001, [::1]:8001 or localhost:8001
help-chat-client-arg-timeout = How long to wait for the connection: 5, 0.5, 500ms (a bare number is seconds)
help-chat-client-arg-framing = How messages are delimited: found out from the peer, newline-terminated lines, or the primer's raw sends
help-chat-client-arg-framing-long =
    How messages are delimited:
      auto  a message ends at a newline or when the peer pauses; a peer that takes turns without newlines (the primer's programs) is answered the same way (the default)
      line  one UTF-8 line per message, ending in a newline; the two sides talk freely
      raw   the primer's protocol: one read is one message, no newline, the sides take turns
help-chat-client-arg-max_line = Longest message accepted, in bytes; longer lines are dropped with a notice
help-chat-client-arg-idle_timeout = Close a connection after this long with no message either way: 600, 1.5, 500ms (a bare number is seconds; 0: never)

# chat client's HOST:PORT (src/cli.rs).
chat-what-server = server
chat-bad-server-no-port = no port: a chat server is reached at HOST:PORT, such as 127.0.0.1:8001 or [::1]:8001 (netkit chat server says which port it listens on)
