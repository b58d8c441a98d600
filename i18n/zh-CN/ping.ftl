# `netkit ping DEST`（src/commands/ping）：每行输出、总结、说明、错误和帮助。

# 丢弃应答的原因，以及每种原因的个数。
ping-discard-reason = { $reason }的 { $count } 个
ping-flaw-truncated = 不完整
ping-flaw-bad-ip-header = IP 头部有错
ping-flaw-bad-checksum = 校验和不对

# ICMP 差错报文说的是什么（ping 的差错行、trace 的最后一个应答）。
ping-icmp-ttl-exceeded = TTL 耗尽（Time to live exceeded）
ping-icmp-reassembly-time-exceeded = 分片重组超时
ping-icmp-net-unreachable = 目的网络不可达
ping-icmp-host-unreachable = 目的主机不可达
ping-icmp-protocol-unreachable = 目的协议不可达
ping-icmp-port-unreachable = 目的端口不可达
ping-icmp-packet-too-big = 包太大（需要分片）
ping-icmp-prohibited = 被管理策略禁止
ping-icmp-unreachable = 目的不可达
ping-icmp-parameter-problem = 参数有问题
ping-icmp-redirect = 重定向
ping-icmp-source-quench = 源抑制

# DEST 不是看上去那样时，它到底是什么（ping 和 trace）。
ping-what-size = 大小
ping-dest-mapped = { $v6 } 是写成 IPv6 形式的 IPv4 地址 { $v4 }（IPv4 映射地址，RFC 4291）：ICMPv6 包到不了它
ping-dest-mapped-v6-only = { $meaning }；去掉 -6 就会改用 IPv4
ping-dest-mapped-note = { $meaning }，所以改用 IPv4
ping-dest-unspecified = { $address } 是未指定地址（表示“本机”，RFC 1122 和 RFC 4291），不代表任何要去的主机：Linux 把发给它的包当作发给本机自己的，由本机从 { $here } 应答
ping-dest-zone-unneeded = 区域 %{ $zone } 指明的是一条链路，只有 IPv6 链路本地地址（fe80::/10）和链路范围的组播地址（ff02::/16）才需要它
ping-dest-needs-zone-link-local = { $address } 是链路本地地址，每条链路上都有自己的一份：请说明是哪条链路，比如 { $address }%eth0（或 -I eth0）
ping-dest-needs-zone-multicast = { $address } 是链路范围的组播地址，每条链路上都有自己的一份：请说明是哪条链路，比如 { $address }%eth0（或 -I eth0）
ping-broadcast-limited = 受限广播地址（链路上的每台主机）
ping-broadcast-limited-on = 受限广播地址（链路上的每台主机，这里是 { $interface } 上的）
ping-broadcast-subnet = 网卡 { $interface } 所在子网 { $subnet } 的广播地址
ping-broadcast-on = 一个广播地址（在网卡 { $interface } 上）
ping-broadcast-some = 一个广播地址

# `ping` 的错误。
ping-size-v4 = IPv4 最多只能带 { $max } 字节数据（65535 减去 20 字节 IP 头和 8 字节 ICMP 头）；IPv6 最多 65527
ping-broadcast-needs-b = { $address } 是{ $what }：那里的每台主机都会被问到；要这样做请加 -b（大多数主机不理会广播 ping：net.ipv4.icmp_echo_ignore_broadcasts）
ping-refused = 内核拒绝往这里发：广播地址需要加 -b，否则就是有防火墙规则拒绝了它
ping-io = ping { $address }

# 每一行，格式和 ping(8) 一样。
ping-header = PING { $destination }（{ $address }），每个请求带 { $size } 字节数据
ping-header-multicast = { $header }；这是组播地址：每台应答的主机都算数，每个请求的第一个应答算作收到，其余算作重复
ping-header-broadcast = { $header }；这是广播地址：每台应答的主机都算数，每个请求的第一个应答算作收到，其余算作重复
ping-reply = 来自 { $from } 的 { $bytes } 字节：icmp_seq={ $seq } ttl={ $ttl } 时间={ $rtt }
ping-dup = （重复，DUP!）
ping-foreign = （不是 DEST 发来的，不计数）
ping-wrong-data = 第 { $index } 个数据字节应该是 0x{ $expected }，实际是 0x{ $got }（不计数）
ping-error-line = 来自 { $from } 的差错 icmp_seq={ $seq }：{ $error }
ping-unlisted = （另有 { $count } 条没有列出）

# 统计。
ping-statistics = --- { $destination } 的 ping 统计 ---
ping-separator = ，
ping-sent = 发出 { $sent } 个
ping-received = 收到 { $count } 个
ping-duplicates = 另有 { $count } 个重复
ping-errors = 另有 { $count } 个差错
ping-foreign-count = { $count } 个来自别的主机（不计数）
ping-wrong-data-count = { $count } 个数据不对（不计数）
ping-discarded = 丢弃 { $count } 个（{ $reasons }）
ping-loss = 丢包率 { $loss }，用时 { $time }
ping-rtt = 往返时间：最短 { $min }，平均 { $avg }，最长 { $max }，平均偏差 { $mdev }
ping-fewer = 到截止时间（-w）收到的应答少于 -c { $wanted } 个：退出状态为 1，和 ping(8) 一样

# 统计下面的说明：ttl= 说明了什么，谁回报了“TTL 耗尽”。
ping-note-ttl = 应答里的 ttl= 是它们到达时剩下的生存时间（TTL）：发送方设好初值（Linux 和 macOS 是 64，Windows 是 128，很多路由器是 255），沿途每经过一个路由器，TTL 就减 1。
ping-note-hop-limit = 应答里的 ttl= 是它们到达时剩下的跳数限制（IPv6 的生存时间）：发送方设好初值（Linux 和 macOS 是 64，Windows 是 128，很多路由器是 255），沿途每经过一个路由器，跳数限制就减 1。
ping-ttls-differ = 它们的 TTL 从 { $low } 到 { $high } 不等：这些应答走的路径长短不一。
ping-ttl-start = { $ttl } 是常见的初值，所以这些应答很可能是在同一条链路上直接过来的，没有经过路由器。
ping-ttl-below = { $ttl } 比 { $start } 少 { $routers }，所以这些应答很可能经过了 { $routers } 个路由器。
ping-note-exceeded = { $router } 回报了“TTL 耗尽”：每个路由器都把包的 TTL 减 1，减到 0 的那个路由器丢掉这个包并回报；所以 { $router } 是去往 { $dest } 路上的一个路由器，也就是请求的 TTL（-t）所能到达的地方。netkit trace { $dest } 会列出沿途的每个路由器。

# 帮助。
help-ping-after =
    每隔一段时间发一个 ICMP 回显请求（DEST 是 IPv6 地址时用 ICMPv6），每个应答一到就显示：
    大小、发送方、序号、TTL 和往返时间；重复的应答标上（DUP!），路由器发回的差错报文
    （TTL 耗尽、不可达）单独占一行。最后的统计给出请求、应答、重复和差错的个数，
    丢包率和往返时间（最短/平均/最长/平均偏差，和 iputils 一样把重复的应答也算在内）。
    不加 -c 或 -w 时一直运行到按 Ctrl-C，然后给出已看到的统计。
    时间可以写秒数（1、0.2）或带单位（200ms）。

    什么时候停止，和 iputils 的 ping 一样：到截止时间（-w）；应答和差错合起来达到 -c 个；
    有 -w 时，收到第一个差错；没有 -w 时，-c 个请求都发出后再等最后的应答：
    收到过应答就等最长往返时间的两倍（至少一个间隔），否则等 -W。

    只有自己的应答才算数：回显标识符是随机的，应答必须来自 DEST（DEST 是广播或组播地址时，
    谁发来的都行），并且带回发出的数据（8 个随机字节，后面是递增的字节）；别的应答会显示为
    来自别的主机或标出错误的数据字节，不计数；不完整的丢弃。广播 DEST（255.255.255.255 或
    子网的广播地址）需要加 -b。IPv6 链路本地或链路范围的组播 DEST 需要指明链路：
    fe80::1%eth0，或 -I eth0。

    如果 net.ipv4.ping_group_range 包含用户所在的组，就不需要特权（用 ICMP 数据报套接字）；
    否则要用原始套接字，需要 CAP_NET_RAW 权限（sudo，或
    `sudo setcap cap_net_raw+ep $(command -v netkit)`）。

    退出状态（和 ping(8) 一样）：0 收到了应答（同时有 -c 和 -w 时：截止前收到 -c 个），
    1 没有应答（或截止前不到 -c 个），2 输入有误，3 网络错误，4 没有权限。

    示例：
      netkit ping 192.168.1.1 -c 3
      netkit ping example.com -w 5
      netkit ping -6 -c 100 -i 0.01 2001:db8::1
      netkit ping -c 2 fe80::1%eth0
      netkit --json ping 10.0.0.1 -c 5 -t 2
help-ping-arg-dest = 目的地：IP地址（IPv6 链路本地地址要带区域，如 fe80::1%eth0）或主机名
help-ping-arg-count = 请求的个数；与 -w 一起用时，是要等到的应答个数（在此之前一直发请求，和 iputils 的 ping 一样）
help-ping-arg-interval = 两次请求之间的间隔（可以小于一秒）
help-ping-arg-deadline = 无论如何，过了这么久就停止
help-ping-arg-timeout = 一个应答都没有时，最后一个请求发出后再等多久（收到过应答时：等最长往返时间的两倍，至少一个间隔）
help-ping-arg-size = 每个请求带多少字节数据（另加 8 字节 ICMP 头）：IPv4 最多 65507，IPv6 最多 65527
help-ping-arg-ttl = 请求的 TTL（IPv6 是跳数限制）
help-ping-arg-broadcast = 允许 ping 广播地址（链路上每台会应答广播的主机都会应答）
help-ping-arg-interface = 从哪块网卡发出（默认：去往 DEST 的路由所用的网卡）
help-ping-arg-ipv4 = 只用 IPv4
help-ping-arg-ipv6 = 只用 IPv6
