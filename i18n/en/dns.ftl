# `netkit dns` (src/commands/dns, and the DNSSEC reasons of src/wire/dnssec): its views, its
# verdicts and reasons (also in JSON, in English), its errors and its help. dig's own tokens
# (NOERROR, NXDOMAIN, record types, flags, section names) stay as dig prints them.

## What a query came back with (Status::describe).
dns-status-answer = ANSWER
dns-status-nxdomain = NXDOMAIN: no such name
dns-status-nodata = NODATA: the name exists but has no records of this type
dns-status-referral = REFERRAL: the server does not answer for this name
dns-status-cname-loop = CNAME loop
dns-status-servfail = SERVFAIL: the server failed to answer
dns-status-refused = REFUSED: the server refused to answer (it serves other zones and does not recurse for you: ask a resolver, or a server of the name's zone)
dns-status-timeout = TIMEOUT
dns-status-error = ERROR
dns-status-invalid = INVALID: not a name DNS can carry

## Why a reply is no answer (src/commands/dns/answer.rs, lookup.rs; JSON's "message" and "note").
dns-why-opcode = server answered with opcode { $opcode } instead of QUERY
dns-why-badvers = BADVERS: it does not speak the EDNS version asked
dns-why-rcode = server answered RCODE { $rcode } ({ $what })
dns-why-rcode-ede = server answered RCODE { $rcode } ({ $what }): { $ede }
dns-why-cname-loop = CNAME loop: { $names }
dns-why-nxdomain-with-records = the server said NXDOMAIN and gave records of the type asked
dns-why-chain-nxdomain = { $name } (where the CNAME chain leads) does not exist
dns-why-chain-nodata = { $name } (where the CNAME chain leads) has no { $rtype } records
dns-why-referral = referral to { $zone } ({ $servers }): this server does not recurse; try --trace or a resolver
dns-why-no-name = no name to ask
dns-why-no-server = no server to ask
dns-why-timeout = no answer from { $server } after waiting { $waited }
# A failure as one server said it: "127.0.0.1:53: connection refused".
dns-why-server-said = { $server }: { $why }
dns-note-chain-too-long = the CNAME chain goes on past { $name }: netkit follows { $links } links
dns-note-chain-outside = the CNAME chain leads to { $name }, outside { $server }'s zones; asked for { $name } { $rtype }, it said { $status } (a resolver follows the chain: netkit dns { $name })
dns-note-chain-outside-detail = the CNAME chain leads to { $name }, outside { $server }'s zones; asked for { $name } { $rtype }, it said { $status }: { $detail } (a resolver follows the chain: netkit dns { $name })

## Why a server gave no reply (src/commands/dns/client.rs, tls.rs).
dns-why-port-unreachable = connection refused: nothing listens at that port (ICMP port unreachable)
dns-why-connection-refused = connection refused: nothing listens at that port
dns-why-cannot-connect = cannot connect: { $why }
dns-why-bad-packet = bad packet: { $why }
dns-why-no-tls-handshake = no TLS handshake reply in time (not a TLS server?)
dns-why-h2-handshake = HTTP/2 handshake failed: { $why }
dns-why-http-request = cannot build the HTTP request: { $why }
dns-why-h2-exchange = the HTTP/2 exchange failed: { $why }
dns-why-http-status = the server answered HTTP status { $status } instead of a DNS message
dns-why-udp-socket = cannot open a UDP socket to { $server }: { $why }
dns-why-no-such-server = no such server
dns-why-not-a-name = not a name DNS can carry
dns-why-truncated-then = the answer was truncated, and over TCP: { $why }
dns-why-not-udp = not a UDP server
dns-why-not-https = not an HTTPS server
dns-why-closed = the server closed the connection
dns-why-closed-unanswered = the server closed the connection without answering
dns-why-truncated-over-tcp = the server sent a truncated answer over TCP
dns-why-other-question-tcp = the server answered another question over TCP
dns-why-truncated = the server sent a truncated answer
dns-why-other-question = the server answered another question
dns-what-tls-hostname = TLS hostname
dns-bad-tls-hostname = not a DNS name or IP address
dns-what-ca-file = CA file
dns-bad-ca-file-empty = holds no PEM certificate
dns-tls-ca-unusable = a --tls-ca certificate cannot be used: { $why }
dns-setting-up-tls = setting up TLS
dns-tls-closed = TLS: the server closed the connection during the handshake (not a TLS server?)
dns-tls-failed-io = TLS: the handshake failed: { $why }
dns-tls-certificate = TLS: the server's certificate is not accepted: { $why }
dns-tls-alert = TLS: the server ended the handshake ({ $alert })
dns-tls-alpn = TLS: the server does not speak the protocol asked (ALPN: dot for TLS, h2 for HTTPS)
dns-tls-not-tls = TLS: the server sent something that is no TLS ({ $what }; not a TLS server?)
dns-tls-incompatible = TLS: the server and netkit share no way to talk ({ $what })
dns-tls-failed = TLS: the handshake failed ({ $what })
dns-cert-unknown-issuer = it is not signed by a trusted CA (--tls-ca FILE trusts another)
dns-cert-wrong-name = it is not valid for { $name } (--tls-hostname NAME sets the name)
dns-cert-expired = it has expired
dns-cert-not-yet = it is not valid yet (or this machine's clock is behind)
dns-cert-revoked = it has been revoked
dns-cert-bad-signature = its signature does not verify
dns-cert-bad-encoding = it is not a well-formed certificate
dns-cert-purpose = it is not made for a server (extended key usage)
dns-cert-ca-as-server = it is a CA certificate, which cannot identify a server (the server must present a certificate issued by the CA)
dns-cert-issuer-no-ca = it was issued by a certificate that is no CA
dns-cert-critical-extension = it has a critical extension netkit does not know
dns-cert-version = it is not an X.509 v3 certificate
dns-cert-algorithm = it is signed with an algorithm netkit does not accept
dns-why-unreadable = unreadable reply
dns-why-build-query = cannot build the query: { $why }
dns-why-no-answer-within = no answer from { $server } within { $timeout }
dns-why-nothing-listens = nothing listens on { $server } (port unreachable)
dns-why-no-answer-within-tcp = no answer from { $server } over TCP within { $timeout }
dns-why-nothing-listens-tcp = nothing listens on { $server } over TCP (connection refused)
dns-why-tcp-closed = { $server } closed the TCP connection without answering
dns-why-tcp-failed = TCP to { $server } failed: { $why }

## Column headers of the record tables (the lookup, --full, --trace).
dns-column-name = Name
dns-column-ttl = TTL
dns-column-class = Class
dns-column-type = Type
dns-column-data = Data

## --full: the whole reply (src/commands/dns/message.rs). Section names are dig's.
dns-label-server = Server
dns-label-header = Header
dns-label-warning = Warning
dns-label-edns = EDNS
dns-label-question = Question
dns-full-via = { $server } over { $transport }, { $size } bytes in { $time }
dns-full-via-retried = { $server } over { $transport } (truncated over UDP, asked again), { $size } bytes in { $time }
dns-full-header = id { $id }, { $opcode }, { $rcode }; flags: { $flags }
dns-full-trailing = the message has { $bytes ->
        [one] { $bytes } extra byte
       *[other] { $bytes } extra bytes
    } at its end
dns-full-edns = version { $version }, UDP size { $size }
dns-full-no-edns = none in the reply
dns-full-section = { $section } ({ $count }):

## --compare (src/commands/dns/compare.rs).
dns-compare-column-server = Server
dns-compare-column-group = Group
dns-compare-column-rcode = Rcode
dns-compare-column-records = Records
dns-compare-column-time = Time
dns-compare-referral = referral to { $zone } ({ $servers })
dns-compare-parenthesized = ({ $text })
dns-compare-none = (none)
dns-compare-agree = all { $servers } servers agree
dns-compare-disagree = the servers disagree: { $answers } different answers among { $servers } servers

## The answer to a lookup (src/commands/dns/mod.rs).
dns-label-name = Name
dns-label-search = Search
dns-label-via = Via
dns-name-asked-as = { $name } (asked as { $asked })
dns-via-stub = { $stub } is { $resolver }'s local stub; it forwards to { $upstreams }
dns-via-stub-unknown = { $stub } is { $resolver }'s local stub; it forwards to upstreams unknown
# The names the search list made of the name typed: "tried www.lab.test. (NODATA), www. (NXDOMAIN)".
dns-search-tried = tried { $names }
dns-search-name = { $name } ({ $what })
dns-nodata-line = NODATA: { $name } exists but has no { $types } records
dns-nxdomain-line = NXDOMAIN: { $name } does not exist
# A status and why: "NXDOMAIN: a.test. (where the CNAME chain leads) does not exist".
dns-status-said = { $status }: { $why }
dns-said = { $why }
dns-status-from = { $status } ({ $server })
dns-ignored = ignored { $count ->
        [one] { $count } record
       *[other] { $count } records
    } of names that are neither { $name } nor in its CNAME chain
dns-also-a-type = { $word } is also a record type: for a name's { $rtype } records, netkit dns NAME { $word }
dns-query-time = Query time: { $times }
dns-query-time-each = Query time: { $time } for each of { $queries } queries, in parallel
dns-query-time-range = Query time: { $min } to { $max } for { $queries } queries in parallel

## Errors of the command line and of its files.
dns-what-concurrency = concurrency
dns-bad-at-least-one = must be at least 1
dns-class-needs-full = class { $class } needs --full (the resolver asks class IN only)
dns-give-a-name = give a NAME to look up, -x IP for a reverse lookup, or --file FILE
dns-looking-up-server = looking up the server { $name }
dns-needs-tls = { $flag } needs --tls or --https
dns-second-name = '{ $word }' is not a record type but a second name: netkit dns looks up one name at a time; for several, put them in a file, one a line (netkit dns --file NAMES), or run netkit dns once for each
dns-starting-runtime = starting the DNS runtime
dns-one-name-not-file = { $option } takes one name, not a file
dns-udp-or-tcp-only = { $option } asks over UDP (TCP when truncated) or TCP, not TLS or HTTPS
dns-what-root-hints = root hints file
dns-bad-root-hints = has no A or AAAA line (a root hints file lists the root servers, as named.root does)
dns-built-in-anchors = the built-in trust anchors
dns-what-trust-anchor = trust anchor file
dns-bad-trust-anchor-empty = has no DS or DNSKEY record (ZONE IN DS TAG ALGORITHM DIGEST-TYPE HEX, or ZONE IN DNSKEY FLAGS 3 ALGORITHM KEY)
dns-root-hints-and-server = --root-hints and @SERVER both say where to start: give one
dns-root-hints-alone = --root-hints is for --trace and --validate
dns-compare-two-servers = --compare needs at least two servers (@SERVER @SERVER...)
dns-building-query = building the query
dns-asking-for = asking for { $name } { $rtype }
dns-validate-no-answer = there is no answer to validate: { $why }
dns-validate-no-answer-none = there is no answer to validate: none came

## DNSSEC (src/wire/dnssec, src/commands/dns/validate.rs): the links of the chain of trust and
## the reasons of a verdict (also in JSON, in English).
dnssec-no-types = none

## Walking down from the root (src/commands/dns/source.rs, walk.rs).
dns-budget-queries = the query budget is spent: { $queries } queries, the most one lookup may send
dns-budget-time = the deadline passed: { $time }, the longest one lookup may take
dns-budget-deadline = the deadline passed
dns-asked-from-referrals = from { $server } and the servers its referrals lead to (it does not recurse)
dns-asked-through = through { $server } (with CD set)
dns-asked-from-root = from the root servers down
dns-no-server-known = no server is known for { $name }
dns-no-server-answered = no server of { $zone } answered
dns-server-answered = { $server } answered { $rcode }
dns-no-ns-address = no address for any name server of { $zone }
dns-too-many-referrals = more than { $steps } referrals
dns-lame-server = { $server } gave neither an answer nor a referral: a lame delegation
dns-lame-neither = neither an answer nor a referral: a lame delegation
dns-lame-refused = refused or failed: a lame delegation
dns-zone-lame = no server of { $zone } gave an answer or a referral
dns-the-server-answered = the server answered { $rcode }
dns-prime-failed = asking { $server } for the root's name servers: { $why }
dns-prime-no-servers = { $server } gave no name servers for the root ({ $rcode })
dns-prime-no-addresses = { $server } named the root's servers but no address for any of them

## The view of --trace and --validate (src/commands/dns/walk.rs).
dns-trace-of = trace of { $name } { $rtype } from the root
dns-validation-of = DNSSEC validation of { $name } { $rtype }, records asked { $how }
dns-trace-root-servers = root servers from { $server }: { $servers }
# What one server said in a step: "asked ns.test. (127.0.0.3:53): referral in 1.2 ms".
dns-trace-asked = asked { $who }: { $said }
dns-trace-asked-time = asked { $who }: { $said } in { $time }
dns-trace-asked-why = asked { $who }: { $said }: { $why }
dns-trace-asked-time-why = asked { $who }: { $said } in { $time }: { $why }
dns-outcome-referral = referral
dns-outcome-answer = answer
dns-outcome-nodata = no data
dns-outcome-lame = lame
dns-outcome-timeout = no answer
dns-outcome-error = error
# A name server of a referral, with its addresses and where they came from.
dns-trace-ns-glue = { $name } [{ $addresses }; glue]
dns-trace-ns-no-address = { $name } [{ $addresses }; no glue, no address found]
dns-trace-ns-looked-up = { $name } [{ $addresses }; no glue: looked up]
dns-trace-served-by = { $zone } is served by { $servers }
dns-trace-nxdomain = { $name } does not exist (NXDOMAIN)
dns-trace-nodata = { $name } has no { $rtype } records
dns-trace-stopped = the walk stopped: { $why }
dns-validate-failed = no answer: { $why }
dns-trace-link = { $zone }: { $detail }
dnssec-verdict-secure = DNSSEC: secure (every link of the chain verified)
dnssec-verdict-insecure = DNSSEC: insecure: { $reason }
dnssec-verdict-bogus = DNSSEC: bogus: { $reason }
dnssec-verdict-indeterminate = DNSSEC: indeterminate: { $reason }
dnssec-asking-gave = asking for { $name } { $rtype } gave { $rcode }
dnssec-asking-failed = asking for { $name } { $rtype }: { $why }
dnssec-no-anchor = no trust anchor for { $name } or any zone above it (RFC 4033 5)
dnssec-ds-of = DS of { $zone }: { $why }
dnssec-dnskey-of = DNSKEY of { $zone }: { $why }
dnssec-ds-unsigned = the DS set of { $zone } has no RRSIG
dnssec-ds-wrong-signer = the DS set of { $zone } is signed by { $signer }, which is not a zone above it
dnssec-signs-but-absent = { $zone } signs records, but its parent proves the name does not exist
dnssec-no-ds-unproved = { $zone } has no DS at its parent, and that is not proved: { $why }
dnssec-link-unsigned-delegation = no DS at the parent: an unsigned delegation
dnssec-unsigned = { $zone } is not signed (its parent has no DS for it)
dnssec-unsigned-because = { $zone } is not signed (its parent has no DS for it): { $why }
dnssec-rrset-unsigned = { $rrset } has no RRSIG, but its zone { $zone } is signed
dnssec-link-signed = { $rrset } signed by key { $tag }
dnssec-link-signed-wildcard = { $rrset } signed by key { $tag }, expanded from the wildcard { $wildcard }
dnssec-negative-unsigned = the negative answer for { $name } is not signed
dnssec-negative-no-proof = the negative answer for { $name } has no SOA and no proof
dnssec-dname-mismatch = the CNAME of { $name } leads to { $target }, not to { $synthesized } as its DNAME says

## --file: names in bulk (src/commands/dns/lines.rs).
dns-line-why = line { $line }: { $why }
dns-line-too-long = line longer than { $max } bytes
dns-reading-stdin = reading names from standard input
dns-starting-reader = starting the names reader
dns-bulk-column-status = Status
dns-bulk-column-records = Records
# The live line while names are looked up: "57/120 names, 50 answered, 48/s, 1.2 s".
dns-bulk-progress-of = { $done }/{ $total } { $total ->
        [one] name
       *[other] names
    }, { $answered } answered, { $rate }, { $time }
dns-bulk-progress = { $done ->
        [one] { $done } name
       *[other] { $done } names
    }, { $answered } answered, { $rate }, { $time }
# The summary: "120 names in 2.5 s (48/s): 110 answered, 8 NXDOMAIN or NODATA, 2 failed".
dns-bulk-summary = { $head } ({ $rate }): { $parts }
dns-bulk-done = { $done ->
        [one] { $done } name
       *[other] { $done } names
    } in { $time }
dns-bulk-interrupted-of = interrupted after { $time }: { $done } of { $total } { $total ->
        [one] name
       *[other] names
    }
dns-bulk-interrupted = interrupted after { $time }: { $done ->
        [one] { $done } name
       *[other] { $done } names
    }
dns-bulk-answered = { $count } answered
dns-bulk-negative = { $count } NXDOMAIN or NODATA
dns-bulk-failed = { $count } failed
dns-bulk-invalid = { $count } INVALID

## Help (netkit dns --help, man/netkit-dns.1). The one-line about is in help.ftl.
help-dns-before =
    Examples:
      netkit dns example.com
      netkit dns example.com MX TXT @1.1.1.1
      netkit dns -x 192.0.2.1
      netkit dns --file names.txt --short
      netkit dns example.com @dns.quad9.net --tls
      netkit dns example.com SOA @192.0.2.53 --full --norecurse
      netkit dns CH TXT version.bind @192.0.2.53 --nsid
      netkit dns example.com @192.0.2.53 @198.51.100.53 --compare
      netkit dns www.example.com --trace
help-dns-after =
    Arguments come in any order, as in dig: record types (every mnemonic dig knows, and
    TYPEnnn; default A and AAAA), servers (@IP[:PORT], @[IPv6]:PORT, @NAME[:PORT]; a NAME is
    also what a DoT/DoH certificate must carry) and the name: the word that is not a type
    (`netkit dns MX example.com`); it may carry RFC 1035 escapes (dot\.name, sp\032ace).
    Without a server the resolvers of /etc/resolv.conf are asked, with its search list and
    ndots, as the C library asks them; every name tried is listed. Other scripts go as
    punycode (IDNA).

    --file: one name a line ('#' comments), read as it comes; one result line each, in input
    order unless --unordered; --json gives an object a line; Ctrl-C prints the results so far.
    --full (or --norecurse, --cd, --dnssec, --nsid, --subnet, --bufsize, --no-edns,
    --ignore-tc): the whole reply of the first server that answers, as dig shows it (EDNS
    options and Extended DNS Errors included; over TCP with --tcp), without the search list;
    a class word (CH, HS) before the name asks that class. Without --full, --json still
    carries each query's whole response (`response`).
    --compare: every server asked at once; the same rcode, kind of answer and records (TTLs
    aside) are one group.

    Exit status: 0 answered (REFUSED for one type of a name that answered another is a note),
    1 NXDOMAIN or no data of that type (--compare: the servers disagree), 2 bad input, 3
    SERVFAIL, REFUSED, a referral (the server does not recurse), a CNAME loop, a bad packet,
    a timeout or another network error. With --file: 0 every name answered, 1 some had no
    answer, 2 a line is not a name, 3 errors.
help-dns-arg-args = The name to look up, record types and @SERVER[:PORT]s, in any order (the word that is not a record type is the name)
help-dns-arg-reverse = Reverse lookup: the PTR record of this IP address
help-dns-arg-servers = Server to ask (IP, IP:PORT, NAME or NAME:PORT); may be repeated, tried in order when one fails
help-dns-arg-all = Ask for all common record types (A AAAA CNAME MX NS TXT SOA CAA HTTPS)
help-dns-arg-short = Print only the record data, one per line
help-dns-arg-tcp = Use TCP instead of UDP (also with --full, --compare and the flags implying --full)
help-dns-arg-tls = DNS over TLS (port 853 by default), certificates checked against built-in roots
help-dns-arg-https = DNS over HTTPS (port 443, /dns-query), certificates checked against built-in roots
help-dns-arg-tls_ca = With --tls/--https: trust only the CA certificates in this PEM file, not the built-in roots
help-dns-arg-tls_hostname = With --tls/--https: the name the server's certificate must carry (default: the server's name as given, else its IP address)
help-dns-arg-timeout = How long to wait for each attempt: 2, 1.5, 500ms (a bare number is seconds, as in dig +time)
help-dns-arg-retries = Extra attempts after the first one times out. 0: exactly one query per name and type; from 1 on, a UDP query lost within an attempt is also sent again after a round trip
help-dns-arg-file = Look up every name in FILE, one per line ('-' is standard input), read as it comes
help-dns-arg-concurrency = With --file: how many names are looked up at once (fewer queries are in flight while a server drops them)
help-dns-arg-unordered = With --file: print results as they come instead of in input order
help-dns-arg-full = Show the whole reply, as dig does: header and flags, question, answer, authority and additional sections, EDNS, size and time (one server; UDP, TCP when truncated or --tcp)
help-dns-arg-norecurse = Clear RD: ask the server not to recurse (implies --full)
help-dns-arg-cd = Set CD: ask a validating resolver not to check DNSSEC (implies --full)
help-dns-arg-dnssec = Set DO: ask for the DNSSEC records (RRSIG, NSEC...) with the answer (implies --full)
help-dns-arg-nsid = Ask the server for its name server identifier, RFC 5001 (implies --full)
help-dns-arg-subnet = EDNS client subnet to send, RFC 7871: ADDR/PREFIX (implies --full)
help-dns-arg-bufsize = EDNS UDP payload size to announce, 512-65535 (implies --full)
help-dns-arg-no_edns = Send no EDNS OPT record (implies --full)
help-dns-arg-ignore_tc = Keep a truncated UDP answer instead of asking again over TCP (implies --full)
help-dns-arg-human_ttl = TTLs as 1h2m3s instead of seconds (tables; JSON keeps seconds)
help-dns-arg-compare = Ask every server given (several @SERVER) at once and show which agree, per type; exit 1 when they disagree
help-dns-arg-trace = Resolve iteratively from the root, as dig +trace: each delegation step, the servers asked and which answered, the referral (NS and glue), then the answer. With @SERVER the root's name servers are asked of SERVER (as dig +trace @SERVER), the walk starts from them, and SERVER's port is used for every server
help-dns-arg-root_hints = With --trace or --validate (without @SERVER): start from the root servers listed in FILE (A/AAAA lines of a root hints file, as named.root) instead of the built-in ones
help-dns-arg-validate = Check the DNSSEC chain of trust from the trust anchor to the answer (each RRset of a CNAME chain, a wildcard's proof) or to the NSEC/NSEC3 proof of a negative answer, as delv does: secure, insecure (an unsigned delegation, an opt-out span, algorithms netkit does not verify), indeterminate (no trust anchor above the name) or bogus with the reason (exit 1). With @SERVER every record is asked of SERVER with CD set, as delv @SERVER (referrals from an authoritative SERVER are followed); without, from the root servers down; with --trace, along the walk's servers
help-dns-arg-trust_anchor = With --validate: the trust anchors, as DS lines (ZONE IN DS TAG ALGORITHM DIGEST-TYPE HEX) or DNSKEY lines (a dnssec-keygen or ldns-keygen .key file, unbound-anchor's root.key), instead of the root's built-in ones
help-dns-arg-max_queries = With --trace or --validate: the most queries one lookup sends (glueless referrals can ask for many); past it the lookup stops and says so
help-dns-arg-max_time = With --trace or --validate: the longest one lookup takes; past it the lookup stops and says so

## NSEC proofs (src/wire/dnssec/nsec.rs).
nsec-lists-type = the NSEC at { $at } lists type { $rtype }: the data exists
nsec-lists-cname = the NSEC at { $at } lists a CNAME: the answer should have followed it
nsec-child-side = the NSEC at { $at } is the child zone's (it lists SOA): it cannot prove there is no DS
nsec-parent-side = the NSEC at { $at } is the parent side of a delegation: it proves only that there is no DS
nsec-proves-nodata = { $nsec } proves no data of type { $rtype } at { $at } (it has: { $types }; signed by key { $tag })
nsec-proves = { $nsec } proves { $what } (signed by key { $tag })
nsec-name-exists = an NSEC at { $at } shows that the name exists
nsec-none-covers = no NSEC covers { $at }
nsec-none-at-or-covering = no NSEC at { $at } or covering it
nsec-empty-non-terminal = { $at } is an empty non-terminal: it has no data of any type
nsec-does-not-exist = { $at } does not exist
nsec-none-at = no NSEC at { $at }
nsec-wildcard-exists = the wildcard { $star } exists: { $at } should have been answered from it
nsec-no-wildcard = there is no wildcard { $star }
nsec-wildcard-unproved = no NSEC proves there is no wildcard { $star }
nsec-none-at-or-wildcard = no NSEC at { $at }, and none at the wildcard { $star } it could come from
nsec-wildcard-name-unproved = no NSEC proves that { $at }, answered from the wildcard { $star }, does not exist itself
nsec-wrong-encloser = the NSEC covering { $at } shows the closest encloser { $shown }, not { $encloser } where the wildcard { $star } is
nsec-wildcard-answered = { $nsec } proves { $at } does not exist, so the wildcard { $star } answered it (signed by key { $tag })

## NSEC3 proofs (src/wire/dnssec/nsec3.rs).
nsec3-too-many-iterations = the NSEC3 records use { $iterations } iterations, more than the { $limit } netkit hashes (RFC 9276 3.2, as BIND and unbound): treated as unsigned
nsec3-encloser-cut = the NSEC3 matching { $candidate } is a delegation or a DNAME: it cannot be the closest encloser of { $at }
nsec3-next-closer-uncovered = no NSEC3 covers the next closer name { $next } of { $at }
nsec3-no-encloser = no NSEC3 matches any name above { $at }: no closest encloser proof
nsec3-lists-type = the NSEC3 matching { $which } lists type { $rtype }: the data exists
nsec3-lists-cname = the NSEC3 matching { $which } lists a CNAME: the answer should have followed it
nsec3-child-side = the NSEC3 matching { $which } is the child zone's (it lists SOA): it cannot prove there is no DS
nsec3-parent-side = the NSEC3 matching { $which } is the parent side of a delegation: it proves only that there is no DS
nsec3-proves-nodata = { $nsec3 } matches { $which } and proves no data of type { $rtype } (it has: { $types }; signed by key { $tag })
nsec3-link = { $nsec3 } { $what } (signed by key { $tag })
nsec3-name-exists = an NSEC3 matches { $at }: the name exists
nsec3-matches-encloser = matches the closest encloser { $ce }
nsec3-covers-next-closer = covers the next closer name { $nc }
nsec3-covers-next-closer-opt-out = covers the next closer name { $nc } (an opt-out span)
nsec3-opt-out-name = { $nc } is in an NSEC3 opt-out span: it may be an unsigned delegation, so { $at } is not proved not to exist (RFC 5155 6)
nsec3-opt-out-ds = { $at } is in an NSEC3 opt-out span and has no DS: an unsigned delegation (RFC 5155 6)
nsec3-ds-unproved = no NSEC3 matches { $at }, and the one covering { $nc } is not opt-out: nothing proves there is no DS
nsec3-none-matches = no NSEC3 matches { $at }
nsec3-wildcard-exists = an NSEC3 matches the wildcard { $star }: { $at } should have been answered from it
nsec3-wildcard-uncovered = no NSEC3 covers the wildcard { $star }
nsec3-covers-wildcard = covers the wildcard { $star }: there is none
nsec3-so-absent = so { $at } does not exist
nsec3-none-matches-or-wildcard = no NSEC3 matches { $at }, nor the wildcard { $star } it could come from
nsec3-not-below-wildcard = { $at } is not below the wildcard { $star }'s parent
nsec3-wildcard-answered = { $nsec3 } covers the next closer name { $next }, so the wildcard { $star } answered { $at } (signed by key { $tag })
nsec3-wildcard-unproved = no NSEC3 covers the next closer name { $next } of { $at }, answered from the wildcard { $star }

## Signatures, algorithms and the proofs' records (src/wire/dnssec/rrset.rs, support.rs, denial.rs).
rrsig-no-records = { $rrset }: no records to verify
rrsig-none = { $rrset } has no RRSIG
rrsig-unsupported = { $rrset } is signed with { $why }
rrsig-wrong-signer = the RRSIG over { $rrset } is by { $signer }, not by the zone { $zone }
rrsig-labels = the RRSIG over { $rrset } counts { $labels } labels, more than its owner has
rrsig-no-key = no DNSKEY of { $zone } has the key tag { $tag } and algorithm { $algorithm } that signed { $rrset }
rrsig-not-yet = the signature on { $rrset } (key { $tag }) is not yet valid: valid from { $from }, it is now { $now }
rrsig-expired = the signature on { $rrset } (key { $tag }) expired at { $expired }, it is now { $now }
rrsig-fails = the signature on { $rrset } (key { $tag }) does not verify: { $why }
dnssec-algorithm-unsupported = algorithm { $algorithm } is not supported: { $why }
dnssec-algorithm-must-not = RFC 8624 says it must not be validated
dnssec-algorithm-gost = GOST is not implemented (RFC 8624: may)
dnssec-algorithm-ed448 = no released, reviewed Rust verifier of Ed448 exists yet (RustCrypto's ed448-goldilocks is a pre-release its authors call unaudited)
dnssec-algorithm-unknown = it is not a signing algorithm netkit knows
dnssec-digest-unsupported = DS digest type { $digest } is not supported
denial-signature-fails = { $why }: the { $kind }'s signature does not verify ({ $bad })
denial-none-name = no NSEC or NSEC3 record proves that { $at } does not exist
denial-none-data = no NSEC or NSEC3 record proves that { $at } has no { $rtype } records
denial-none-wildcard = { $name } was answered from the wildcard { $star }, and no NSEC or NSEC3 record proves there is no closer match (RFC 4035 5.3.4)

## The chain of trust (src/wire/dnssec/chain.rs).
# Two reasons or more, one after the other.
dnssec-clauses = { $first }; { $rest }
dnssec-every-ds-unverifiable = every DS record of { $zone } is of a kind netkit does not verify ({ $why }), so it is treated as unsigned (RFC 4035 5.2)
dnssec-every-anchor-unverifiable = every trust anchor of { $zone } is of a kind netkit does not verify ({ $why }), so it is treated as unsigned (RFC 4035 5.2)
dnssec-no-dnskey = { $zone } has no DNSKEY
dnssec-no-key-matches-ds = no DNSKEY of { $zone } matches its DS (key { $tags }): a wrong key, or a missing DS
dnssec-no-key-matches-anchor = no DNSKEY of { $zone } matches its trust anchor (key { $tags }): a wrong key, or a missing DS
dnssec-link-keys-by-ds = DNSKEY set signed by key { $tag }, which the DS vouches for
dnssec-link-keys-by-anchor = DNSKEY set signed by key { $tag }, which the trust anchor vouches for
dns-line-not-utf8 = not UTF-8 text

## More errors (src/commands/dns/parse.rs, mod.rs).
dns-what-type = record type
dns-bad-type-any = ANY is not supported (most servers refuse it, RFC 8482); use --all
dns-bad-type-transfer = a zone transfer is not a lookup (dig does transfers: dig @SERVER ZONE AXFR)
dns-bad-type-unknown = expected a record type dig knows (A, AAAA, CNAME, MX, NS, TXT, SOA, PTR, SRV, CAA, HTTPS, DS, DNSKEY, LOC, URI, ...) or TYPEnnn
dns-no-address = the name has no address
# Each server's failure, one after the other.
dns-failures = { $first }; { $rest }

## A trust anchor file (src/wire/dnssec/anchors.rs).
anchor-origin = line { $line }: $ORIGIN needs an absolute name
anchor-not-a-record = line { $line } is not a DS or DNSKEY record: { $why }
anchor-no-type = no record type
anchor-bad-owner = bad owner { $owner }: { $why }
anchor-missing = no { $what }
anchor-bad = bad { $what }
anchor-key-tag = key tag
anchor-algorithm = algorithm
anchor-digest-type = digest type
anchor-digest = digest
anchor-flags = flags
anchor-protocol = protocol
anchor-key = key
anchor-digest-not-hex = the digest is not hexadecimal
anchor-protocol-3 = the protocol field of a DNSKEY is 3
anchor-key-not-base64 = the key is not base64
anchor-its-type = its type is { $rtype }

# Names typed with escapes, in presentation format (src/wire/dns/name.rs), and -x.
dns-name-bad-long-label = has a label longer than 63 bytes
dns-name-bad-too-long = is longer than 255 bytes
dns-name-bad-lone-backslash = ends with a lone backslash
dns-name-bad-short-escape = has a \DDD escape without three digits
dns-name-bad-escape-range = has the escape { $escape }, above 255
dns-name-bad-char = holds a space or a character outside ASCII: write it as \DDD
dns-bad-reverse = -x needs an IPv4 or IPv6 address
