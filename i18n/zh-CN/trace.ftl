# `netkit trace DEST`（src/commands/trace）：表格、结论、说明、错误和帮助。

trace-port-needs-udp-tcp = --port 要和 --udp 或 --tcp 一起用（ICMP 回显没有端口）
trace-multicast = 一个组播地址（一组主机）
trace-link-local = { $address } 是链路本地地址：--udp 和 --tcp 探测没法指明它在哪条链路上（trippy 的套接字不接受区域）；ICMP 探测可以
trace-first-past-max = --first-hop { $first } 超过了 --max-hops { $max }
trace-not-one-host = { $address } 是{ $what }：trace 追踪的是去往一台主机的路径（要问一组主机请用 ping：广播地址用 ping -b）

# 解释第 1 跳：内核选的路由（JSON 里仍是英文）。
trace-first-local = { $target } 是本机的地址：内核把包交给自己（在 { $interface } 上），包根本不出本机，所以第 1 跳就是本机。
trace-first-mac = （MAC地址 { $mac }）
trace-first-mac-vendor = （MAC地址 { $mac }，{ $vendor }）
trace-first-via-gateway-subnet = { $target } 不在本机的子网 { $subnet } 里：包被交给了 { $interface } 上的网关 { $gateway }{ $mac }，它就是第 1 跳。
trace-first-via-gateway = 有一条路由把去往 { $target } 的包交给 { $interface } 上的网关 { $gateway }{ $mac }，它就是第 1 跳。
trace-first-direct-subnet = { $target } 在本机的子网 { $subnet } 里：包在 { $interface } 上直接交给它{ $mac }，所以第 1 跳就是 { $next } 本身。
trace-first-on-link = 有一条路由表明 { $target } 就在 { $interface } 这条链路上（on-link）{ $mac }：第 1 跳就是 { $next } 本身。
trace-hop-1 = 第 1 跳：{ $explanation }

# 路径上各类地址的含义。
trace-kind-private = 私有网络的路由器：你自己的，或在你的运营商内部（RFC 1918）
trace-kind-cgnat = 运营商的 NAT：运营商级 NAT 的共享地址空间（RFC 6598）
trace-kind-public = 公网地址：在互联网上路由
trace-kind-unique-local = 私有 IPv6 网络的路由器（RFC 4193）
trace-kind-documentation = 留给示例和测试网络用的地址，从不在互联网上路由（RFC 5737、RFC 3849）
trace-kind-note = { $kind }：{ $meaning }

# 没有应答的一跳（JSON 里仍是英文）。
trace-silent-forwards = 转发包但不应答探测（很常见，不是故障）
trace-silent = 没有应答
trace-silent-hop = * 第 { $hop } 跳：{ $why }

# 路上的路由器回报“不可达”意味着什么。
trace-means-net = 它没有去往 DEST 所在网络的路由
trace-means-host = 它在 DEST 所在的链路上找不到 DEST
trace-means-prohibited = 那里的过滤规则拒绝了探测
trace-means-protocol = 它不支持探测所用的协议
trace-means-too-big = 探测包对下一段链路来说太大了
trace-means-other = 它不肯转发这个探测

# 结论。
trace-reached = 在第 { $hop } 跳到达了 { $address }
trace-unreachable = 没有到达：{ $from }（第 { $hop } 跳）回报了“{ $error }”：{ $meaning }
trace-unreachable-for = 没有到达：{ $from }（第 { $hop } 跳）对第 { $probe_hop } 跳的探测回报了“{ $error }”：{ $meaning }
trace-max-hops = 在 --max-hops { $max } 之内没有到达：第 { $hop } 跳仍然是作为路上的路由器应答的；加大 -m 可以走得更远
trace-no-answer-past = 没有到达：第 { $hop } 跳之后再没有应答（一直试到第 { $max } 跳）{ $why }
trace-no-answer = 没有到达：直到第 { $max } 跳，每一跳都没有应答{ $why }
trace-why-silent-routers = ；只转发不应答的路由器很常见：加大 -m 也许能到达 DEST
trace-why-filter-icmp = ；可能有过滤规则丢弃了 ICMP 回显：试试 --udp 或 --tcp --port 443
trace-why-filter-udp = ；可能有过滤规则丢弃了 UDP 探测：试试 --tcp --port 443
trace-why-filter-tcp = ；可能有过滤规则丢弃了发往这个端口的 TCP SYN：换个 --port 试试

# 表格和表格前后的几行。
trace-col-hop = 跳
trace-col-address = 地址
trace-col-kind = 类别
trace-col-loss = 丢包
trace-col-sent = 发出
trace-col-last = 最近
trace-col-avg = 平均
trace-col-best = 最短
trace-col-worst = 最长
trace-col-stdev = 标准差
trace-header = 追踪去往 { $destination }（{ $address }）的路径，{ $protocol }，{ $rounds } 轮
trace-header-port = 追踪去往 { $destination }（{ $address }）的路径，{ $protocol } 端口 { $port }，{ $rounds } 轮
trace-icmp-echo = ICMP 回显
trace-running = { $rounds } 轮中已完成 { $done } 轮…
trace-interrupted = 已中断：以上是已完成的几轮

# 帮助。
help-trace-after =
    向 DEST 发出 TTL（IPv6 是跳数限制）为 1、2、3……的探测，一次发很多个，一轮接一轮
    （和 mtr 一样，不像 traceroute 那样一跳一跳地来）：探测的 TTL 在哪个路由器耗尽，
    那个路由器就回报“TTL 耗尽”（time exceeded），从而暴露自己。--count 轮之后，每一跳一行：
    应答的地址、丢包率、发出的探测数和往返时间（最近、平均、最短、最长、标准差）；
    从不应答的路由器显示为 `*`（很常见，不是故障）。最后一行说明是否到达了 DEST，
    没到达的话，最后的应答意味着什么。按 Ctrl-C 会显示已完成的几轮看到的结果。
    在终端上，表格一轮一轮地填满（和 mtr 一样）。

    每个地址都带上它的反向解析名字（并行地问系统的解析器，从不拖慢探测；-n 跳过）和
    `subnet info` 给出的类别（private 私有、cgnat 运营商的 NAT、documentation 文档用、
    public 公网……）。第 1 跳像 `route get` 解释路由那样解释：用掩码运算说明包为什么交给了网关，
    以及网关的MAC地址和厂商。

    UDP 和 TCP 探测要用原始套接字，所以需要 CAP_NET_RAW 权限（sudo，或
    `sudo setcap cap_net_raw+ep $(command -v netkit)`）。ICMP 探测有这个权限时用原始套接字，
    没有时在 net.ipv4.ping_group_range 允许的情况下用 `ping` 所用的无特权 ICMP 套接字
    （"socket": "datagram"）。

    退出状态：0 到达了 DEST，1 没有到达，2 输入有误，3 网络错误，4 没有权限。

    示例：
      netkit trace 192.0.2.1
      netkit trace example.com --count 10
      netkit trace --tcp --port 443 example.com
      netkit --json trace -6 2001:db8::1 --udp
help-trace-arg-dest = 目的地：IP地址（IPv6 链路本地地址要带区域，如 fe80::1%eth0）或主机名
help-trace-arg-count = 探测的轮数（每一轮对每一跳探测一次）
help-trace-arg-max_hops = 最多试到多大的 TTL（跳数限制）（UDP 和 TCP 探测最多 254）
help-trace-arg-first_hop = 从哪个 TTL 开始探测（之前的跳不显示）
help-trace-arg-timeout = 每一轮等应答的时间
help-trace-arg-interval = 从一轮开始到下一轮开始的最短时间
help-trace-arg-udp = 用 UDP 数据报探测（和 traceroute 一样发往 33434 及以上的端口；--port 固定一个端口）
help-trace-arg-tcp = 用 TCP SYN 探测（发往 --port，默认 80）
help-trace-arg-port = UDP 或 TCP 探测的目的端口
help-trace-arg-interface = 从哪块网卡发出（默认：去往 DEST 的路由所用的网卡）
help-trace-arg-no_dns = 只显示地址：不查反向（PTR）名字
help-trace-arg-ipv4 = 只用 IPv4
help-trace-arg-ipv6 = 只用 IPv6
