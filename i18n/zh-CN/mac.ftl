# `netkit mac ADDR`（src/commands/mac）：显示的内容、备注（JSON 里仍是英文）和帮助。

mac-label-mac = MAC地址
mac-label-forms = 其他写法
mac-label-oui = OUI
mac-label-vendor = 厂商
mac-label-cast = 传输方式
mac-label-scope = 分配方式
mac-label-ipv6 = IPv6

mac-forms = { $hyphen }（Windows）· { $cisco }（Cisco）· { $bare }（不带分隔符）
mac-vendor = { $name }（前缀 { $prefix }，{ $registry } /{ $bits }）
mac-vendor-none = 无：这是本地管理的地址
mac-vendor-broadcast = 无：广播地址不属于任何厂商
mac-vendor-zeros = 无：没有哪台设备的地址是全零（前缀 00:00:00 在登记表里有主，所以有些工具会报出一个厂商名）
mac-vendor-ipv6-multicast = 无：33:33 是留给 IPv6 组播用的（RFC 2464），不是哪家厂商的前缀
mac-vendor-unknown = 未知：IEEE 登记表里没有这个前缀
mac-cast-broadcast = 广播（I/G 位为 1：发给一组接收方，这里是链路上的所有主机）
mac-cast-multicast = 组播（I/G 位为 1：发给一组接收方）
mac-cast-unicast = 单播（I/G 位为 0：只发给一个接收方）
mac-cast-zeros = 无：没有主机用它作源地址发送（I/G 位为 0）
mac-scope-local = 本地管理（U/L 位为 1：由软件设置）
mac-scope-universal = 全球唯一（U/L 位为 0：由厂商出厂时分配）
mac-scope-broadcast = 由标准规定：U/L 位为 1 只是因为它所有的位都是 1
mac-scope-ipv6-multicast = 由 RFC 2464 为 IPv6 组播规定：U/L 位虽然是 1，却不是软件选的
mac-scope-zeros = 无：没有人分配过它（U/L 位为 0）
mac-ipv6 = { $address }（SLAAC 按 EUI-64 生成的链路本地地址）

mac-note-broadcast = 这是广播地址：发到这里的帧，链路上的每台主机都会收到（ARP 请求和 DHCP 发现报文就发到这里），但没有哪台主机把它当作自己的地址
mac-note-ipv4-multicast = IPv4 组播：对应组播组 224-239.{ $group }（MAC地址里放的是组地址的低 23 位）
mac-note-ipv6-multicast = IPv6 组播：对应一个以 { $low } 结尾的组播组（例如 ff02::1 是所有节点组，ff02::1:ffXX:XXXX 是请求节点组）
mac-note-ieee-link-local = IEEE 802.1 链路本地组（STP、LLDP、LACP、暂停帧）：网桥和交换机从不转发
mac-note-zeros = 全零：不是任何主机的地址；它表示“还不知道”（ARP 请求里的目标MAC地址）或“没有”（没有链路层的网卡，比如 lo）
mac-note-vrrp = { $family } 路由器的 VRRP 虚拟路由器 { $router }（RFC 5798）：几台路由器共用的网关地址所对应的MAC地址，由当前的主路由器应答
mac-note-local = 本地管理：由软件设置（Wi-Fi 随机的“私有”MAC地址、虚拟机、容器、veth），所以前六位十六进制数字不代表哪家厂商

help-mac-arg-address = 要解读的MAC地址，常见写法都可以
help-mac-after =
    可用的写法：aa:bb:cc:dd:ee:ff、aa-bb-cc-dd-ee-ff、aabb.ccdd.eeff、aabbccddeeff

    示例：
      netkit mac 3c:22:fb:12:34:56
      netkit mac 3C22.FB12.3456
      netkit --json mac 01-00-5e-00-00-fb

# 读不懂的MAC地址（所有接受MAC地址的命令都用这些）。
mac-what = MAC地址
mac-bad-not-hex = “{ $digit }”不是十六进制数字（0-9、a-f）
mac-bad-group-digits = “{ $group }”这一组应该是 { $digits } 位十六进制数字
mac-bad-empty = 是空的；应该写成 aa:bb:cc:dd:ee:ff 这样
mac-bad-groups = MAC地址是用“{ $separator }”隔开的 6 组，这里有 { $groups } 组
mac-bad-cisco = 用点分隔的（Cisco）写法是 3 组、每组 4 位十六进制数字：aabb.ccdd.eeff
mac-bad-length = 应该是 12 位十六进制数字，这里有 { $digits } 位
