# `netkit ifaces`（别名 ipconfig；src/commands/ifaces）：简洁的表格、ipconfig /all 式的详细视图、
# 每块网卡是什么类型的一句话说明（JSON 里仍是英文）、错误和帮助。

ifaces-header-interface = 网卡
ifaces-header-kind = 类型
ifaces-header-state = 状态
ifaces-header-mac = MAC地址
ifaces-header-gateway = 网关

ifaces-label-host-name = 主机名
ifaces-label-dns-servers = DNS 服务器
ifaces-label-behind = { $resolver } 的上游
ifaces-label-search-domains = 搜索域
ifaces-label-description = 描述
ifaces-label-state = 状态
ifaces-label-physical-address = 物理地址
ifaces-label-factory-address = 出厂地址
ifaces-label-mtu = MTU
ifaces-label-link-speed = 链路速率
ifaces-label-port-of = 所属网桥
ifaces-label-dhcp-enabled = 启用 DHCP
ifaces-label-dhcp-server = DHCP服务器
ifaces-label-lease-time = 租约时长
ifaces-label-lease-obtained = 获得租约的时间
ifaces-label-lease-expires = 租约到期
ifaces-label-ipv4-address = IPv4 地址
ifaces-label-subnet-mask = 子网掩码
ifaces-label-network = 网络地址
ifaces-label-broadcast = 广播地址
ifaces-label-ipv6-address = IPv6 地址
ifaces-label-default-gateway = 默认网关
ifaces-label-received = 已接收
ifaces-label-sent = 已发送
ifaces-heading = { $name }（编号 { $index }）：{ $kind }
ifaces-unknown = 未知
ifaces-vendor = { $mac }（{ $vendor }）
ifaces-locally-administered = { $mac }（本地管理的地址）
ifaces-mtu = { $mtu } 字节
ifaces-speed = { $speed } Mb/s
ifaces-speed-duplex-full = { $speed } Mb/s，全双工
ifaces-speed-duplex-half = { $speed } Mb/s，半双工
ifaces-dhcp-lease = 是（{ $client }，租约在 { $source }）
ifaces-dhcp-lease-api = 是（{ $client }，由 { $api } 报告）
ifaces-dhcp-lease-client = 是（{ $client }）
ifaces-dhcp-lifetime = 是（地址有租约期限）
ifaces-dhcp-static = 否（静态地址）
ifaces-valid = 有效期 { $time }
ifaces-address = { $address }（{ $notes }）
ifaces-traffic = { $bytes }（{ $packets } 个包，{ $errors } 个错误，丢弃 { $dropped } 个）

ifaces-kind-loopback = 软件环回网卡：发给本机自己的数据走这里
ifaces-kind-ethernet = 以太网网卡
ifaces-kind-wireless = Wi-Fi 无线网卡
ifaces-kind-veth = 虚拟以太网卡对（连接两个网络命名空间或容器的一根“网线”的一端）
ifaces-kind-bridge = 软件交换机（网桥），把它的各个端口连成一个局域网
ifaces-kind-tun = 三层隧道设备（VPN）
ifaces-kind-tap = 二层隧道设备（TAP）：传送以太网帧，有MAC地址
ifaces-kind-vlan = VLAN 子接口
ifaces-kind-bond = 绑定（聚合）的多条链路
ifaces-kind-dummy = 虚设网卡（dummy）
ifaces-kind-wireguard = WireGuard VPN 隧道
ifaces-kind-macvlan = macvlan：在上级链路上多出来的一个MAC地址
ifaces-kind-vxlan = VXLAN 叠加网络隧道
ifaces-kind-ifb = 中间功能块（IFB，用于流量整形）
ifaces-driver-bus = 驱动 { $driver }，位于 { $bus } 总线
ifaces-driver = 驱动 { $driver }
ifaces-kind-and-driver = { $kind }；{ $driver }

ifaces-windows-switch = { $switch } 是 Windows 上 ipconfig 的写法；这里的选项以“--”开头（netkit ipconfig --help 会列出它们）
ifaces-windows-all = { $switch } 是 Windows 上 ipconfig 的写法；这里的选项以“--”开头（netkit ipconfig --all）
ifaces-no-such = 这台机器上没有这块网卡（现有的是：{ $names }）
ifaces-name = { $name }
ifaces-names = { $names }、{ $name }

# 帮助（netkit ifaces --help、man 手册）。
help-ifaces-arg-name = 只显示这块网卡
help-ifaces-arg-all = 显示全部细节，类似 ipconfig /all
help-ifaces-after =
    默认显示简洁的表格；--all 给出 ipconfig /all 那样的详细视图（类型、驱动、标志、
    MTU、MAC地址的厂商、每个地址及其子网掩码和广播地址、网关、收发计数、链路速率、
    DHCP 租约、主机名、DNS 服务器）。--json 总是包含全部字段。

    退出状态：0 成功，2 没有这块网卡，3 读不了内核的表。

    示例：
      netkit ifaces
      netkit ipconfig --all
      netkit ifaces eth0 --json
