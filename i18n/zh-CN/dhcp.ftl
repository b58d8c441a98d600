# `netkit dhcp discover`（src/commands/dhcp）：显示的内容、说明、错误和帮助。

# 丢弃 DHCP 报文的原因，以及每种原因的个数。
dhcp-discard-reason = { $reason }的 { $count } 个
dhcp-flaw-ip-header = IPv4 头部有错
dhcp-flaw-ip-length = IPv4 总长度不可能成立
dhcp-flaw-ip-fragment = 被分片
dhcp-flaw-udp-length = UDP 长度不可能成立
dhcp-flaw-udp-port = UDP 端口不对
dhcp-flaw-not-dhcp = 不是 DHCP
dhcp-flaw-other-transaction = 属于别的事务
dhcp-flaw-not-offer = 不是 DHCPOFFER
dhcp-flaw-other-client = 发给别的客户端MAC地址
dhcp-flaw-over-limit = 超出一次交换保留的数量（有人在泛洪？）

# 为什么某个服务器发来的报文不是预期服务器发的（dhcp discover --expect、watch）。
dhcp-why-other-address = 来自 { $source }，而不是预期的 { $expected }
dhcp-why-other-mac = 用的是预期的 { $expected } 的地址，却来自 { $mac }，不是它的MAC地址 { $known }：有主机在冒充它的地址
dhcp-why-other-mac-first-seen = 用的是预期的 { $expected } 的地址，却来自 { $mac }，不是它的MAC地址 { $known }（第一次见到时的）：有主机在冒充它的地址
dhcp-rogue-forging = { $mac } 冒充 { $address }
dhcp-rogue-at = { $address }（{ $mac }）

# 网卡（dhcp discover、watch）。
dhcp-no-ethernet = 没有以太网MAC地址：DHCP 需要以太网这类链路
dhcp-no-interface = 无法确定在哪块网卡上询问：请用 -I 指定
dhcp-io = 在 { $interface } 上收发 DHCP

# 显示的内容。
dhcp-header = 在 { $interface } 上从 { $mac } 发出 DHCPDISCOVER（xid { $xid }）；最多等 { $timeout }，收集 DHCP服务的应答
dhcp-retransmitted = { $after } 内没有收到 DHCPOFFER：再发一次 DHCPDISCOVER（xid { $xid }），DHCP 客户端都会这样重传
dhcp-discarded = 丢弃了 { $count } 个帧：{ $reasons }
dhcp-no-offer-label = 没有 DHCPOFFER
dhcp-no-offer = { $timeout } 内没有 DHCP服务应答
dhcp-col-server = 服务器
dhcp-col-offered = 提供的地址
dhcp-col-mask = 子网掩码
dhcp-col-router = 网关
dhcp-col-dns = DNS
dhcp-col-lease = 租约
dhcp-col-domain = 域名
dhcp-col-rtt = 往返时间
dhcp-offers = 共 { $count } 个 DHCPOFFER。
dhcp-renews = { $after } 后续租（T1）
dhcp-rebinds = { $after } 后重新绑定（T2）
dhcp-mtu = MTU { $mtu }
dhcp-route = { $destination } 经 { $router }
dhcp-routes = 路由（选项 121，代替网关选项）{ $routes }
dhcp-names-other-server = 自称服务器是 { $id }（选项 54），而不是它自己的地址
dhcp-pxe = PXE 启动：从 TFTP 服务器 { $server } 取 { $file }
dhcp-facts = { $server }：{ $facts }
dhcp-options = { $server } 的选项：
dhcp-expected-at = { $address }（{ $mac }）
dhcp-no-rogue-label = 没有私设的DHCP服务
dhcp-no-rogue = 应答的只有预期的服务器 { $expected }
dhcp-rogue-label = 私设的DHCP服务
dhcp-rogue = 除了预期的 { $expected }，还有服务器提供了地址：{ $rogues }；接受它的 DHCPOFFER 的主机会用它给的网关和 DNS 服务器
dhcp-exchange = DHCP 要交换四个报文：Discover（客户端广播寻找服务器）、Offer（每个服务器的应答）、Request（客户端选定一个 Offer）和 Ack（那个服务器确认租约）；netkit 收到 Offer 就停下，所以没有申请、也没有拿到租约。
dhcp-offer-line = 来自 { $server }（{ $mac }）的 DHCPOFFER：{ $offered }，用时 { $rtt }{ $alarm }
dhcp-offer-rogue = （私设的服务器：{ $why }）
dhcp-offer-names = （选项 54 里写的是 { $id }）

# 帮助。
help-dhcp-discover-about = 广播一个 DHCPDISCOVER，列出收到的每个 DHCPOFFER（从不发 DHCPREQUEST）
help-dhcp-discover-after =
    从网卡的MAC地址（或 --mac）发出一个 DHCPDISCOVER（UDP 68 到 67，带广播标志，新的事务 ID）
    （4 s 内没有 DHCPOFFER 就用同一个事务 ID 再发一次，DHCP 客户端都会这样重传），
    然后列出对这个事务 ID 和MAC地址的每个 DHCPOFFER：
    服务器、提供的地址、子网掩码、网关、DNS 服务器、租约时长、域名；如果有，还有 T1/T2、
    MTU、无类静态路由（选项 121）和 PXE 启动（66/67）；加 --raw 时把每个选项按字节列出。
    用 --expect ADDR 时，按 DHCPOFFER 的 IP 源地址和以太网源地址判断它，从不看它自称的服务器
    （选项 54，写的是别的地址时会标出来）：来自别的地址，或来自 ADDR 但MAC地址和邻居表里的
    （或第一个 DHCPOFFER 的）不同，就是私设的DHCP服务，退出状态为 1（在 DHCP 中继后面时，
    预期的是中继的地址）。头部不可能成立、端口不对或发给别的客户端的应答会被丢弃并计数。
    它从不申请或接受租约。需要 CAP_NET_RAW 权限（sudo，或 setcap cap_net_raw+ep）。

    退出状态：0 收到了 DHCPOFFER，1 在 --timeout 内没有收到或有私设的服务器（--expect），
    2 输入有误，3 网络错误，4 没有 CAP_NET_RAW 权限。

    示例：
      sudo netkit dhcp discover
      sudo netkit dhcp discover -I eth0 --timeout 10s
      sudo netkit --json dhcp discover --mac 02:00:00:00:00:01
      sudo netkit dhcp discover --expect 192.168.1.1 --raw
help-dhcp-discover-arg-interface = 在哪块网卡上询问（默认：默认路由的网卡，或唯一一块启用的以太网网卡）
help-dhcp-discover-arg-mac = 请求里填的客户端硬件地址（默认：网卡的MAC地址）
help-dhcp-discover-arg-timeout = 收集 DHCPOFFER 的时间（dnsmasq 这类服务器会先 ping 一下要提供的地址，最多 3 s）
help-dhcp-discover-arg-expect = 局域网的 DHCP服务：从其他地址或MAC地址发来的 DHCPOFFER 就是私设的DHCP服务（退出码 1）
help-dhcp-discover-arg-raw = 同时按代码、名称和字节列出每个 DHCPOFFER 的所有选项
