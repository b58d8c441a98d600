# `netkit gateway`（src/commands/gateway）：表格、表格下的图例（网关是什么，跃点数、路由表、来源、
# 状态各表示什么）、提示和帮助。

gateway-header-family = 版本
gateway-header-address = 地址
gateway-header-interface = 网卡
gateway-header-metric = 跃点数
gateway-header-table = 路由表
gateway-header-proto = 来源
gateway-header-mac = MAC地址
gateway-header-vendor = 厂商
gateway-header-state = 状态
gateway-device-route = （无：设备路由）
gateway-not-cached-cell = 不在缓存里
gateway-arp-reply = ARP 应答

gateway-none = 没有默认网关
gateway-none-text = 本机只能到达它直接所在的那些子网。
gateway-legend-gateway = { $family } 的默认网关是 { $gateway }，也就是路由器在 { $interface } 这边的地址：凡是发往本机不直接所在的网络的数据包，都交给它，再由路由器转发出去。
gateway-legend-device = 发往其他网络的 { $family } 数据包直接从 { $interface } 发出（这是设备路由，VPN 隧道就是这样）：那里不需要路由器的地址。
gateway-label-metric = 跃点数
gateway-metric = 路由的开销：同一 IP 版本的两条默认路由，跃点数小的优先（“-”表示 0）。
gateway-label-table = 路由表 { $table }
gateway-table-main = 就是 ip route 显示的路由表，除非有策略规则另选一张表，否则每个数据包都查它。
gateway-table-other = 路由表 { $table }：只有策略规则指向这里的数据包才查它（ip rule 列出这些规则；netkit route get 会照着规则走）。
gateway-label-proto = 来源 { $protocol }
gateway-proto-boot = 这条路由是开机时或手工（ip route add）设置的，网络管理程序和脚本就是这样设置的。
gateway-proto-static = 管理员配置了这条路由，让它一直保留。
gateway-proto-dhcp = 这条路由来自DHCP服务的应答（其中的路由器选项）。
gateway-proto-ra = 这条路由来自 IPv6 路由器通告。
gateway-proto-kernel = 这条路由是内核自己加上的。
gateway-proto-other = 这条路由是某个路由程序加上的。
gateway-label-state = 状态 { $state }
gateway-state-cache = { $meaning }。
gateway-state-arp-reply = 这个MAC地址来自 netkit 自己发出的 ARP 请求所得到的应答（--resolve）。
gateway-label-hint = 提示
gateway-no-answer = 有个网关在超时之前没有应答：它的MAC地址仍然不知道
gateway-not-cached = 有个网关的MAC地址还不在缓存里；用 --resolve 可以去问

# 帮助（netkit gateway --help、man 手册）。
help-gateway-arg-resolve = 网关的MAC地址不在缓存里时，去问一次（一次 ARP/NDP 问答）
help-gateway-arg-timeout = --resolve 等应答等多久：1、0.5、500ms（只写数字时单位是秒）
help-gateway-arg-ipv4 = 只看 IPv4
help-gateway-arg-ipv6 = 只看 IPv6
help-gateway-after =
    网关的MAC地址取自邻居缓存（ARP/NDP）。用了 --resolve 而缓存里没有时，netkit 会去问：
    对 IPv4 网关，有 CAP_NET_RAW 权限时自己发一个 ARP 请求；否则向网关的 discard 端口发一个
    空的 UDP 数据报，让内核去问（ARP 或邻居请求），然后再读一次缓存。

    退出状态：0 有默认网关，1 没有，3 读不了内核的表。

    示例：
      netkit gateway
      netkit gateway --resolve
      netkit --json gateway
