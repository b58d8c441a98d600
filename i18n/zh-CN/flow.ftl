# `netkit flow DEST[:PORT]`（src/commands/flow）：各个步骤（DNS、路由、ARP、TCP）、每一步查到了什么
# （JSON 里仍是英文）、结论和帮助。

flow-header = 本机怎样到达 { $destination }：
flow-header-port = 本机怎样到达 { $destination } 的 { $port } 端口：
flow-step-routing = 路由
flow-mark-ok = 成功
flow-mark-skip = 跳过
flow-mark-no = 否
flow-mark-error = 出错
flow-took = （用时 { $time }）
flow-verdict-no = 停在了上面这一步：得到否定的回答（退出码 1）。
flow-verdict-error = 停在了上面这一步：网络出错（退出码 3）。
flow-verdict-talk = 两个程序可以通信。
flow-verdict-hop = 下一跳已经知道：数据包可以发出去了（加上 :PORT 可以试着建立连接）。

flow-dns-is-address = { $address } 本身就是地址：没有域名要解析
flow-dns-asked = 问的是系统解析器（先查 hosts 文件，再问 DNS）
flow-dns-asked-servers = 问的是系统解析器（先查 hosts 文件，再问 DNS 服务器 { $servers }）
flow-dns-others = 其他地址：{ $addresses }

flow-routing-this-host = 本机          { $address } AND { $mask } = { $network }
flow-routing-destination = 目的地址      { $address } AND { $mask } = { $network }
flow-routing-verdict = → { $verdict }
flow-routing-local = { $address } 就是本机自己
flow-routing-gateway = 经 { $interface } 上的网关 { $gateway }
flow-routing-direct = 从 { $interface } 直接送达
flow-routing-refused = 路由表里写的是 { $kind }
flow-routing-see = netkit route get { $address } 会显示内核的回答

flow-who-gateway = 网关
flow-who-destination = 目的主机
flow-arp-is-at = { $hop }（{ $who }）的MAC地址是 { $mac }
flow-arp-is-at-vendor = { $hop }（{ $who }）的MAC地址是 { $mac }（{ $vendor }）
flow-arp-cache = 取自邻居缓存（{ $state }），不用再发 { $protocol }
flow-arp-broadcast = 在 { $interface } 上广播“谁是 { $hop }？请告诉 { $source }”
flow-arp-round-trip = 往返 { $time }
flow-arp-interrupted = 在 { $hop }（{ $who }）应答 ARP 之前被中断了（Ctrl-C），已过 { $time }
flow-arp-nobody = { $time } 之内没有谁应答 { $hop }（{ $who }）的 ARP 请求
flow-arp-down = { $who }关机了，或者不在 { $interface } 这条链路上
flow-arp-not-cached = { $hop }（{ $who }）还不在邻居缓存里
flow-arp-cache-only-v4 = 只读了缓存（主动去问需要 CAP_NET_RAW 权限）；内核会在发第一个数据包时自己发出 { $protocol } 请求
flow-arp-cache-only-v6 = 只读了缓存（netkit 用 ARP 去问，而 IPv6 用的是 NDP）；内核会在发第一个数据包时自己发出 { $protocol } 请求

flow-tcp-connected = 已连上 { $target }（SYN、SYN-ACK、ACK）
flow-tcp-from = 从 { $local } 发起；随即关闭
flow-tcp-from-host = 从本机发起；随即关闭
flow-tcp-interrupted = 在 { $target } 应答 SYN 之前被中断了（Ctrl-C），已过 { $time }
flow-tcp-refused = { $target } 拒绝了连接（RST）：主机在，但 { $port } 端口上没有程序在监听
flow-tcp-timeout = 连不上 { $target }：等不到应答，超时了
flow-tcp-timeout-detail = { $time } 之内 SYN 没有得到应答（被防火墙丢弃了，或者主机关机了）
flow-tcp-network = 连不上 { $target }：它所在的网络不可达
flow-tcp-network-detail = 路上有个路由器没有到 { $address } 所在网络的路由，并回报了这一点（ICMP 网络不可达）；netkit trace { $address } 能看出数据包走到了哪里，netkit route get { $address } 和 netkit gateway 显示本机自己的路由
flow-tcp-host = 连不上 { $target }：主机不可达
flow-tcp-host-detail = { $address } 所在链路上的路由器（或者同一子网上的本机）用 ARP 问过它，没有谁应答，或者有过滤规则拒绝了连接；netkit trace { $address } 能看出数据包走到了哪里
flow-tcp-other = 连不上 { $target }：{ $cause }
flow-tcp-other-detail = netkit route get { $address } 会显示本机会怎样发送它

# 帮助（netkit flow --help、man 手册）。
help-flow-arg-dest = 目的地：主机名或 IP，可以带 :PORT（[IPv6]:PORT）
help-flow-arg-timeout = 每一步（域名解析、ARP、TCP）最多等多久
help-flow-arg-ipv4 = 只看 IPv4
help-flow-arg-ipv6 = 只看 IPv6
help-flow-after =
    步骤：1 DNS（DEST 是 IP 时跳过），2 路由决定，附掩码运算，3 用 ARP 找下一跳
    （取自邻居缓存，或在 netkit 有 CAP_NET_RAW 权限时去问），4 与 PORT 建立 TCP 连接
    （三次握手），没给端口时在 ARP 之后停下。每一步都说明查到了什么、用了多长时间；
    遇到第一个失败就停下。

    退出状态：0 每一步都成功，1 否定的回答（没有这个域名、没有路由、ARP 没有应答、
    连接被拒绝），2 输入有误，3 网络错误（超时、不可达）。

    示例：
      netkit flow example.com:80
      netkit flow 192.168.1.1
      netkit flow [2001:db8::1]:443
