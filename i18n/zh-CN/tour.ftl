# `netkit tour`（src/commands/tour）：在这台机器上走一遍教程的“网络通信的流程”，每个概念一节。
# 这里是它的显示、错误和帮助；JSON 只带数据。

tour-title = 网络通信的流程：在这台机器上走一遍

tour-head-nic = 1. 网卡和MAC地址
tour-head-address = 2. IP地址和子网掩码
tour-head-gateway = 3. 网关和路由器
tour-head-dns = 4. DNS
tour-head-arp = 5. 广播和ARP协议
tour-head-dhcp = 6. DHCP服务
tour-head-switch = 7. 集线器和交换机
tour-head-cs = 8. 客户端和服务端：C/S 与 B/S

tour-label-more = 深入了解
tour-label-cards = 本机网卡
tour-label-card = 这块网卡
tour-label-mac = MAC地址
tour-label-vendor = 厂商
tour-label-assigned = 分配方式
tour-label-address = IP地址
tour-label-mask = 子网掩码
tour-label-address-bin = 地址（二进制）
tour-label-mask-bin = 掩码（二进制）
tour-label-split = 网络 | 主机
tour-label-network-bin = 相与（二进制）
tour-label-network = 网络地址
tour-label-host = 主机部分
tour-label-broadcast = 广播地址
tour-label-gateway = 默认网关
tour-label-servers = DNS 服务器
tour-label-search = 搜索域
tour-label-lookup = 查询
tour-label-answer = 应答
tour-label-request = 请求
tour-label-reply = 应答
tour-label-cache = 邻居缓存
tour-label-dhcp = 地址来源
tour-label-lease-address = 租到的地址
tour-label-server = DHCP服务器
tour-label-router = 分配的网关
tour-label-lease-time = 租期
tour-label-obtained = 获得时间
tour-label-expires = 到期时间
tour-label-file = 读自
tour-label-unicast = 单播
tour-label-broadcast-frame = 广播
tour-label-server-cmd = 服务端
tour-label-client-cmd = 客户端
tour-label-browser = 浏览器

# 1. 网卡和MAC地址
tour-nic-card = { $name }（通往网关的那一块）
tour-nic-card-only = { $name }（唯一启用的以太网卡）
tour-nic-vendor = { $name }（厂商代码 { $prefix }）
tour-nic-vendor-local = 无：本地管理的地址不代表任何厂商
tour-nic-vendor-unknown = 前缀 { $prefix } 不在 IEEE 的登记表里
tour-nic-universal = 全球唯一：由厂商写入（U/L 位为 0）
tour-nic-local = 本地管理：由软件设定（U/L 位为 1），虚拟机、容器和随机MAC地址都是这样
tour-nic-explain = 每块网卡都有一个MAC地址（物理地址）：48 位，写成 12 位十六进制数字，前 6 位代表厂商。在局域网里，帧就是靠它找到接收方的。

# 2. IP地址和子网掩码
tour-address-mask = { $mask }（/{ $prefix }：前 { $prefix } 位是网络部分，后 { $host_bits } 位是主机部分）
tour-address-network = { $network }（IP地址和子网掩码按位相与；这个子网可以容纳 { $hosts } 台主机）
tour-address-host = { $host }（后 { $bits } 位：本机在子网里的编号）
tour-address-broadcast = { $broadcast }（主机部分全为 1：发给本子网的所有主机）
tour-address-explain = IP地址分成两部分：子网掩码里为 1 的位是网络部分，为 0 的位是主机部分。网络部分相同的两个地址在同一子网，可以直接通信。

# 3. 网关和路由器
tour-gateway-value = { $gateway }（经 { $name }）
tour-gateway-local = 发往 { $dest }（同一子网）：
tour-gateway-remote = 发往 { $dest }（其他网络）：
tour-gateway-direct = 所以直接发给 { $dest }（先用 ARP 问到它的MAC地址）
tour-gateway-via = 所以交给网关 { $gateway }（先用 ARP 问到网关的MAC地址），再由路由器转发
tour-gateway-kernel = 内核的路由表也是这样：下一跳 { $hop }
tour-gateway-kernel-none = 内核的路由表里没有去往它的路由
tour-gateway-explain = 网关就是路由器在本子网上的地址。发送之前，主机把目的地址和自己的子网掩码相与：网络部分相同就直接发给对方，不同就交给网关，由路由器转发出去。

# 4. DNS
tour-dns-servers = { $servers }（来自 { $source }）
tour-dns-stub = { $servers }：本机的 systemd-resolved，它再转发给 { $upstreams }
tour-dns-lookup = 向 { $server } 查询 { $name } 的 A 记录
tour-dns-answer = { $addresses }，用时 { $time }（{ $rcode }）
tour-dns-answer-none = 没有地址，用时 { $time }（{ $rcode }）
tour-dns-no-server-in = { $source } 里没有配置 DNS 服务器
tour-dns-no-name = 没有搜索域可查：用 --name 指定一个域名
tour-dns-asking = 向 { $server } 查询 { $name }
tour-dns-timeout = { $time } 内没有应答
tour-dns-explain = 人记得住名字，数据包却只认地址：DNS 服务器把域名翻译成IP地址。系统的解析器按上面的顺序去问这些服务器。

# 5. 广播和ARP协议
tour-arp-request = 谁是 { $target }？请告诉 { $sender }。从 { $mac } 发往 { $broadcast }（广播：局域网里的每台主机都能收到）
tour-arp-reply = { $target } 的MAC地址是 { $mac }。只发给 { $to }（单播），用时 { $time }
tour-arp-no-reply = { $time } 内没有应答
tour-arp-not-sent = 没有发送：发送原始帧需要 root 或 CAP_NET_RAW 权限
tour-arp-command = 用这条命令发送并查看应答：{ $command }
tour-arp-cache = { $mac }（{ $state }）
tour-arp-cache-unresolved = 还没有MAC地址（{ $state }）
tour-arp-cache-none = 还没有 { $gateway } 的条目
tour-arp-explain = 发给网关的 IP 包要装进以太网帧，而帧需要网关的MAC地址。ARP协议负责去问：请求以广播发给所有主机，只有网关应答，主机把答案存进邻居缓存。

# 6. DHCP服务
tour-dhcp-leased = DHCP服务（客户端留下了租约）
tour-dhcp-dynamic = 看来是DHCP服务：这个地址有有效期，但没有找到 netkit 认识的租约文件
tour-dhcp-static = 手工配置（静态地址）：没有租约
tour-dhcp-file = { $source }（{ $client }）
tour-dhcp-explain = DHCP服务负责分配地址：新主机广播一个 DISCOVER，服务器给出IP地址、子网掩码、网关和 DNS 服务器，在租期内借给它使用。netkit 只查看了租约文件，没有发送任何数据包。

# 7. 集线器和交换机
tour-switch-unicast = 发往 { $mac }（网关）的帧，交换机只从网关所在的端口转发出去
tour-switch-unicast-unknown = 发往网关MAC地址的帧，交换机只从网关所在的端口转发出去
tour-switch-broadcast = 发往 { $broadcast } 的帧从每个端口转发出去（集线器对每一帧都这样做）
tour-switch-explain = 集线器把每一帧都从所有端口转发出去。交换机从帧的源MAC地址学会每台主机接在哪个端口，单播帧只发往那个端口；广播帧仍然发给所有主机。用 netkit watch 可以看到有哪些帧到达本机。

# 8. C/S 与 B/S
tour-cs-server = { $command }（在本机运行）
tour-cs-client = { $command }（在另一台机器上运行）
tour-cs-web = { $command }
tour-cs-url = 然后用浏览器打开 { $url }
tour-cs-explain = 服务端在一个端口上监听；客户端连接它的地址和端口，双方通过 socket 收发消息，这就是 C/S。B/S 里的客户端是浏览器，它从服务端加载网页。

# 一节缺少的东西。
tour-none-interface = 没有通往默认网关的网卡，启用的以太网卡也不是恰好一块：用 netkit ifaces 查看
tour-none-address = { $name } 没有 IPv4 地址
tour-none-gateway = 没有默认路由：这台主机只能和直接相连的子网通信
tour-none-mac = { $name } 没有MAC地址：它不是以太网一类的链路

# 错误。
tour-bad-name = 不是合法的域名（每段最多 63 字节，总长最多 255 字节）

help-tour-arg-name = DNS 一节要查询的域名（默认：搜索域本身）
help-tour-after =
    每一节列出本机的实时数据、一两句教程里的解释，以及深入了解用的 netkit 命令。
    netkit 最多发送两样东西：向配置的第一台 DNS 服务器发一个查询（A 记录），最多等 2 秒；
    只有在有 root 或 CAP_NET_RAW 权限时，才为默认网关发一个 ARP 请求，最多等 1 秒（两者同时等待）。
    没有这个权限时，ARP 一节显示它将会发送的请求，以及发送它的命令。
    DHCP 的内容读自租约文件，不发送任何东西。
    这一遍按教程的方式只讲 IPv4。

    退出状态：0 每一节都显示了（包括没有权限时的 ARP 一节）；
    1 某一节缺少它要讲的东西（没有默认路由、没有 DNS 服务器、ARP 没有应答）；
    3 网络或系统错误（DNS 服务器没有应答、读不了内核的路由表等）。

    示例：
      netkit tour
      netkit tour --name example.com
      LANG=zh_CN.UTF-8 netkit tour
      netkit --json tour
