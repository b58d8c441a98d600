# `netkit route get DEST`（src/commands/route）：回答、解释（JSON 里仍是英文）、没有路由的原因、
# 帮助；以及 DEST 是域名时系统解析器的回答（src/system/lookup.rs：route get、flow、ping、trace）。

route-label-destination = 目的地址
route-label-interface = 网卡
route-label-source = 源地址
route-label-next-hop = 下一跳
route-label-route = 路由
route-destination-name = { $address }（{ $name }）
route-next-hop-gateway = { $address }（网关）
route-next-hop-destination = { $address }（就是目的地址本身）
route-route = { $kind }（路由表 { $table }）
route-route-metric = { $kind }（路由表 { $table }，跃点数 { $metric }）

route-local = { $address } 是本机自己的地址：在本机内部经环回网卡送达，不用 ARP，不会发到网线上。
route-refused = 路由表里写的是 { $kind }：发往 { $address } 的数据包在这里就被拒绝了。
route-broadcast = { $address } 是 { $interface } 上的广播地址：发给链路上的每一台主机（MAC地址 ff:ff:ff:ff:ff:ff），不用 ARP。
route-multicast = { $address } 是一个组播组：从 { $interface } 发往一个组播MAC地址，不用 ARP。
route-via-gateway-subnet = { $address } 不在本机的子网 { $network } 里：数据包交给 { $interface } 上的网关 { $gateway }，先用 ARP 问出网关的MAC地址。
route-via-gateway = 内核经 { $interface } 上的网关 { $gateway } 发送（有一条路由这样规定），先用 ARP 问出网关的MAC地址。
route-direct-subnet = { $address } 就在本机的子网 { $network } 里：从 { $interface } 直接送达，先用 ARP 问出 { $address } 自己的MAC地址。
route-direct-on-link = 有一条路由把 { $address } 直接放在 { $interface } 上（on-link），所以不经过网关就能送达，先用 ARP 问出 { $address } 自己的MAC地址。

route-no-address = 没有地址
route-no-route = 没有路由
route-no-route-network = 本机没有到 { $address } 的 { $family } 路由：既没有 { $family } 默认路由，本机网卡所在的子网也都不包含它（netkit gateway 列出默认路由）
route-unreachable = 路由表把 { $address } 标为不可达（有一条 unreachable 路由覆盖它）
route-prohibited = 有一条路由规则或路由禁止发往 { $address }（有一条 prohibit 路由覆盖它）
route-kernel = 内核没有到 { $address } 的路由：{ $cause }

lookup-wrong-family = { $address } 是 { $family } 地址，但 { $flag } 要求 { $wanted }
lookup-resolving = 解析 { $name }
lookup-no-answer-within = 系统的解析器在 { $time } 内没有回答
lookup-no-family = { $name } 没有 { $family } 地址
lookup-no-name = 系统解析器查不到 { $name } 的地址（netkit dns { $name } 会去问 DNS 并显示它的回答）
lookup-again = 系统解析器没有得到 { $name } 的回答：它的 DNS 服务器出错、拒绝回答，或者连不上（netkit dns { $name } 会去问 DNS 并显示它怎么说）
lookup-fail = 系统解析器的 DNS 服务器对 { $name } 回答了一个错误（netkit dns { $name } 会去问 DNS 并显示它的回答）

# 帮助（netkit route get --help、man 手册）。
help-route-get-about = 发往 DEST 的数据包会怎样离开本机：网卡、源地址、下一跳，以及原因
help-route-get-arg-dest = 目的地址：IP地址或主机名
help-route-get-arg-ipv4 = 只看 IPv4
help-route-get-arg-ipv6 = 只看 IPv6
help-route-get-arg-timeout = DEST 是域名时，等系统解析器等多久（秒，或 200ms、2s）
help-route-get-after =
    DEST 是 IP地址或主机名（先用系统解析器解析）。
    回答来自内核本身（RTM_GETROUTE，包括策略路由），并附上入门教程讲的掩码运算：
    在同一子网就直接送达，先用 ARP 问出 DEST 的MAC地址；否则数据包交给网关，
    先用 ARP 问出网关的MAC地址。

    退出状态：0 可以路由，1 没有路由（unreachable、prohibit、blackhole）或这个域名
    没有地址（解析器查不到，或它的 DNS 服务器出错、拒绝回答），2 输入有误，
    3 解析器在 --timeout 之内没有回答，或内核出错。

    示例：
      netkit route get 192.168.1.20
      netkit route get example.com
