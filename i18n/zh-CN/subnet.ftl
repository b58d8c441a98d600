# `netkit subnet`（src/commands/subnet）：check、info、split、summarize 和 filter；各命令共用的地址、
# 掩码和地址范围的解析（src/net/addr.rs、src/net/block.rs）；IANA 登记表里各类地址的说明
# （src/net/classify.rs）。

subnet-check-explain-binary = 每个地址和子网掩码做“与”（AND）运算，得到它的网络地址（二进制；网络位加粗）：
subnet-check-explain-hex = 每个地址和子网掩码做“与”（AND）运算，得到它的网络地址（十六进制；网络位加粗）：
subnet-check-and-mask = AND 掩码
subnet-check-verdict-same = 同一子网
subnet-check-verdict-different = 不在同一子网
subnet-check-verdict-links = 不在同一链路
subnet-check-same-v4 = 两者都在 { $network } 里，可以直接通信（用 ARP 问出对方的MAC地址，不经过网关）。
subnet-check-same-v6 = 两者都在 { $network } 里，可以直接通信（用邻居发现协议 NDP 问出对方的MAC地址，不经过网关）。
subnet-check-different = { $a } 和 { $b } 是两个不同的网络，它们之间的数据要经过网关（路由器）转发。
subnet-check-links = { $a } 和 { $b } 是不同区域（{ $zone_a } 和 { $zone_b }）里的链路本地地址，也就是在不同的链路上：虽然都在 { $network } 里，也不算同一子网（RFC 4007）。
subnet-check-mask-not-address = “{ $mask }”是子网掩码，不是第二个地址：请给出要比较的地址，例如：netkit subnet check { $example }
subnet-check-families = “{ $a }”是 { $family_a } 地址，而“{ $b }”是 { $family_b } 地址：IPv4 地址和 IPv6 地址永远不会在同一子网
subnet-check-mask-twice = --mask 给的是 /{ $mask }，但有个地址写的是 /{ $written }；掩码只给一次就好
subnet-check-prefixes-differ = 两个地址带的前缀不一样（/{ $p } 和 /{ $q }）；请用 --mask 说明用哪一个
subnet-check-no-mask = 没有子网掩码：加上 --mask 255.255.255.0（或 --mask 24），或者把第一个地址写成 CIDR 形式（{ $a }/24）

subnet-info-label-address = 地址
subnet-info-label-netmask = 子网掩码
subnet-info-label-wildcard = 反掩码
subnet-info-label-network = 网络地址
subnet-info-label-broadcast = 广播地址
subnet-info-label-first-host = 第一个主机
subnet-info-label-last-host = 最后一个主机
subnet-info-label-hosts = 主机数
subnet-info-label-class = 类别
subnet-info-label-kind = 地址类型
subnet-info-label-registry = 登记表
subnet-info-label-overlaps = 重叠
subnet-info-none = 无
subnet-info-hosts = 可用 { $hosts } 个（共 { $addresses } 个地址）
subnet-info-class = { $class } 类（按分类编址默认是 /{ $prefix }；这是历史说法，现在以 CIDR 为准）
subnet-info-class-d = D 类（组播）
subnet-info-class-e = E 类（保留）
subnet-info-kind = { $kind }：{ $description }
subnet-info-registry = { $block } { $name } { $rfc }
subnet-info-registry-flags = { $block } { $name } { $rfc }：{ $forwardable }，{ $reachable }
subnet-info-registry-terminated = { $block } { $name } { $rfc }：{ $forwardable }，{ $reachable }，{ $date } 已停用
subnet-info-forwardable = 可转发
subnet-info-not-forwardable = 不可转发
subnet-info-forwardable-na = 可否转发：不适用
subnet-info-reachable = 全球可达
subnet-info-not-reachable = 非全球可达
subnet-info-reachable-na = 是否全球可达：不适用
subnet-info-overlap = { $block } { $kind }（{ $name }）
subnet-info-more-overlaps = ……还有 { $count } 个（见 --json）
subnet-info-note-p2p-v4 = /31：点对点链路，两个地址都可以给主机用（RFC 3021）
subnet-info-note-p2p-v6 = /127：点对点链路，两个地址都可以给主机用（RFC 6164）
subnet-info-note-anycast-is-network = 这个地址就是网络地址，也就是子网路由器任播地址（RFC 4291 第 2.6.1 节），所以主机地址从 { $first } 开始
subnet-info-note-anycast = 网络地址是子网路由器任播地址（RFC 4291 第 2.6.1 节），所以主机地址从 { $first } 开始
subnet-info-note-host-route = /{ $prefix }：只有一个地址（主机路由）
subnet-info-note-is-network = 这个地址就是网络地址本身，不能给主机用
subnet-info-note-is-broadcast = 这个地址是广播地址，不能给主机用
subnet-info-note-v6-64 = 给主机用的 IPv6 子网通常是 /64（SLAAC 要求如此）
subnet-info-note-no-mask = 没有给子网掩码，所以这里只看这一个地址 /{ $bits }；加上掩码（或 /前缀）才能看它所在的子网
subnet-info-swapped = { $mask } 是子网掩码，{ $address } 才是地址：地址要写在前面（netkit subnet info { $address } { $mask }）

subnet-split-header-subnet = 子网
subnet-split-header-first = 第一个主机
subnet-split-header-last = 最后一个主机
subnet-split-header-broadcast = 广播地址
subnet-split-header-hosts = 主机数
subnet-split-title-v4 = 把 { $network } 划分成 { $count } 个 /{ $prefix } 子网（子网掩码 { $mask }）：
subnet-split-title-v6 = 把 { $network } 划分成 { $count } 个 /{ $prefix } 子网：
subnet-split-rounded = 要求 { $asked } 个，实际划分出 { $made } 个：从主机部分每借一位，子网数就翻一倍，所以子网个数总是 2 的幂；2^{ $bits } = { $made } 是能容纳 { $asked } 个的最小值，多出 { $spare } 个。
subnet-split-note-anycast = 每个子网的网络地址都是它的子网路由器任播地址（RFC 4291 第 2.6.1 节），所以主机地址从它的下一个开始
subnet-split-out-of-range = 无法把 { $network } 划分成 /{ $prefix }：新前缀必须在 /{ $min } 到 /{ $max } 之间
subnet-split-too-many = 把 { $network } 划分成 /{ $prefix } 会得到 2^{ $doublings } 个子网，超过了 --max { $max }
subnet-split-how = 请给出 --prefix N 或 --count N
subnet-split-too-small = { $network } 无法划分成 { $count } 个子网：它一共只有 { $size } 个地址
subnet-split-what-count = 个数
subnet-split-count-zero = 至少要是 1

subnet-what-item = 条目
subnet-what-pattern = 匹配条件
subnet-empty = 它是空的
subnet-not-utf8 = 它不是有效的 UTF-8 文本
subnet-summarize-reading = 地址、网络或地址范围（每行一个或多个）
subnet-summarize-instead = 也可以作为参数给出：netkit subnet summarize 10.0.0.0/25 10.0.0.128/25
subnet-filter-reading = 要过滤的文本行
subnet-filter-instead = 也可以在匹配条件后面给出文件：netkit subnet filter 10.0.0.0/8 access.log
subnet-list-line-too-long = 这一行超过了 { $max } 字节
subnet-filter-stdin = （标准输入）
subnet-filter-pattern-part = { $what }“{ $input }”：{ $reason }
subnet-filter-swapped = { $file } 是文件，{ $network } 是网络：网络要写在前面（netkit subnet filter { $network } { $file }）
subnet-filter-no-pattern = 没有给出匹配条件：请把网络写成参数，或者用 -e PATTERN 或 -f FILE 给出

# 读不懂的地址、掩码、前缀、区域或地址范围（所有接受它们的命令都用这些）。
addr-what-address = 地址
addr-what-prefix = 前缀
addr-what-mask = 子网掩码
addr-what-zone = 区域（zone）
addr-what-network = 网络
addr-what-range = 地址范围
addr-bad-shorthand = IPv4 地址是 4 个 0 到 255 之间的十进制数；C 库会把这种简写（数字不到 4 个，或者用了八进制、十六进制）读成 { $meant }
addr-bad-parts = IPv4 地址是用点隔开的 4 个数，这里有 { $parts } 个
addr-bad-number = { $number } 超出了范围：每个数都必须在 0 到 255 之间
addr-bad-leading-zero = “{ $part }”以 0 开头（有歧义：是八进制还是十进制？）
addr-bad-prefix-any = IPv4 必须是 0 到 32，IPv6 必须是 0 到 128（它数的是子网掩码里 1 的个数）
addr-bad-mask = 应该是前缀长度（24 或 /24）或子网掩码（255.255.255.0）
addr-bad-prefix-family = { $family } 必须是 0 到 { $bits }（它数的是子网掩码里 1 的个数）
addr-bad-mask-family = 这是 { $mask_family } 的掩码，但地址是 { $family } 的
addr-bad-wildcard = 它的 1 不是从左边开始连续排列的；看起来是个反掩码（通配符掩码），对应的子网掩码是 { $netmask }
addr-bad-zone-length = 区域是网卡的名字或编号，长度 1 到 { $max } 个字符
addr-bad-zone-chars = 区域是网卡的名字或编号，不能有空格或控制字符
addr-bad-no-prefix = “/”后面什么也没有；应该是前缀长度
addr-bad-range-families = IPv4 和 IPv6 混在了一起
addr-bad-range-order = 起始地址在结束地址之后
addr-prefix-and-mask = “{ $address }”已经带了前缀 /{ $prefix }，但给出的掩码是 /{ $mask }；两者只给一个就好
addr-no-mask = “{ $address }”没有子网掩码：写成 CIDR 形式（{ $address }/24），或者加上掩码（{ $address } 255.255.255.0）
addr-bad-empty = 是空的；应该是 IPv4 地址（192.168.1.10）或 IPv6 地址（2001:db8::1）
addr-bad-v6 = 不是有效的 IPv6 地址
addr-bad-empty-number = 两个点之间没有数
addr-bad-big-number = “{ $part }”超出了范围：每个数都必须在 0 到 255 之间
addr-bad-not-address = 不是 IPv4 地址，也不是 IPv6 地址
addr-bad-not-contiguous = 它的 1 不是从左边开始连续排列的（子网掩码是前面全 1、后面全 0，例如 255.255.255.0）

# 各类地址（src/net/classify.rs）的说明，附 RFC：subnet info 的“地址类型”。
subnet-desc-this-network = “本网络”，只能用作源地址（RFC 791）
subnet-desc-unspecified-v4 = 未指定地址，表示“本主机”（RFC 1122）
subnet-desc-private = 私有网络，不在互联网上路由（RFC 1918）
subnet-desc-cgnat = 运营商级 NAT 的共享地址空间（RFC 6598）
subnet-desc-loopback-v4 = 环回地址：永远不会离开本机（RFC 1122）
subnet-desc-link-local-v4 = 链路本地地址，DHCP服务不可用时主机自己分配（RFC 3927）
subnet-desc-ietf-v4 = IETF 协议分配，除非里面更具体的一行另有说明，否则不是全球可达（RFC 6890）
subnet-desc-ds-lite = IPv4 服务连续性前缀，给 DS-Lite 隧道两端用（RFC 7335）
subnet-desc-dummy-v4 = 没有自己 IPv4 地址的主机所用的占位源地址（RFC 7600）
subnet-desc-pcp = 端口控制协议（PCP）服务端的任播地址（RFC 7723）
subnet-desc-turn = TURN 服务端的任播地址（RFC 8155）
subnet-desc-nat64-discovery = NAT64/DNS64 前缀发现，一个域名的固定应答（RFC 7050、RFC 8880）
subnet-desc-test-net-1 = 文档示例用，TEST-NET-1（RFC 5737）
subnet-desc-as112 = AS112 任播 DNS 黑洞，接收私有地址的反向解析（RFC 7535）
subnet-desc-amt = 自动组播隧道（AMT）中继的任播地址（RFC 7450）
subnet-desc-6to4-relay = 已废弃的 6to4 中继任播地址（RFC 7526）
subnet-desc-6a44 = 6a44 中继任播地址，让 IPv4 NAT 后面的主机用上 IPv6（RFC 6751）
subnet-desc-as112-direct = AS112 任播 DNS 黑洞，直接委派（RFC 7534）
subnet-desc-benchmark-v4 = 网络基准测试用（RFC 2544）
subnet-desc-test-net-2 = 文档示例用，TEST-NET-2（RFC 5737）
subnet-desc-test-net-3 = 文档示例用，TEST-NET-3（RFC 5737）
subnet-desc-class-e = 保留给将来使用，E 类（RFC 1112）
subnet-desc-broadcast = 受限广播：本链路上的所有主机（RFC 919）
subnet-desc-multicast-v4 = 组播，D 类（RFC 5771）
subnet-desc-loopback-v6 = 环回地址：永远不会离开本机（RFC 4291）
subnet-desc-unspecified-v6 = 未指定地址（RFC 4291）
subnet-desc-v4-mapped = IPv4 映射的 IPv6 地址（RFC 4291）
subnet-desc-nat64 = IPv4/IPv6 转换，NAT64 的知名前缀（RFC 6052）
subnet-desc-nat64-local = 本地使用的 IPv4/IPv6 转换（RFC 8215）
subnet-desc-discard = 只丢弃的前缀（RFC 6666）
subnet-desc-dummy-v6 = 占位前缀，给没有自己 IPv6 地址的源用（RFC 9780）
subnet-desc-ietf-v6 = IETF 协议分配，除非里面更具体的一行另有说明，否则不是全球可达（RFC 2928）
subnet-desc-teredo = Teredo 隧道（RFC 4380）
subnet-desc-dns-sd = DNS-SD 服务注册协议的任播地址（RFC 9665）
subnet-desc-benchmark-v6 = 网络基准测试用（RFC 5180）
subnet-desc-orchid = 已废弃的 ORCHID 加密标识符（RFC 4843）
subnet-desc-orchid-v2 = ORCHIDv2 加密标识符（RFC 7343）
subnet-desc-drone = 无人机远程识别的实体标签（RFC 9374）
subnet-desc-documentation-v6 = 文档示例用（RFC 3849）
subnet-desc-6to4 = 6to4（RFC 3056）
subnet-desc-documentation-3fff = 文档示例用（RFC 9637）
subnet-desc-srv6 = IPv6 分段路由（SRv6）的段标识符（RFC 9602）
subnet-desc-unique-local = 唯一本地地址，IPv6 的私有地址段（RFC 4193）
subnet-desc-link-local-v6 = 链路本地地址：只在一条链路上有效（RFC 4291）
subnet-desc-multicast-v6 = 组播（RFC 4291）
subnet-desc-global-unicast = 全球单播，在互联网上路由（RFC 4291）
subnet-desc-mixed = 包含好几类地址（见它重叠的地址块）
subnet-desc-public = 公网地址：在互联网上路由
subnet-desc-reserved-v6 = IETF 保留，尚未使用

# 帮助（netkit subnet ... --help、man 手册）。
help-subnet-after =
    退出状态：
      0  成功／是（同一子网、收到了应答、查到了结果）
      1  否定的回答（不在同一子网、没有应答、NXDOMAIN、没有匹配的行）
      2  用法错误或输入有误（地址、掩码、MAC、名称、端口、网卡）
      3  网络、I/O 或系统错误（超时、被拒绝、文件读不了、没有可用的路由）
      4  权限不够：需要 root 或 CAP_NET_RAW
help-subnet-check-about = 两个地址在不在同一子网？是则退出码为 0，否则为 1
help-subnet-check-arg-a = 第一个地址（可以带前缀：192.168.1.10/24）
help-subnet-check-arg-b = 第二个地址
help-subnet-check-arg-mask_value = 作为第三个值给出的子网掩码，和 ipcalc 的用法一样（等同于 --mask）
help-subnet-check-arg-mask = 子网掩码：点分十进制（255.255.255.0）或前缀（/24 或 24）；A 写成 CIDR 形式时可以不给
help-subnet-check-arg-explain = 用二进制列出每个地址和子网掩码的“与”（AND）运算
help-subnet-check-after =
    示例：
      netkit subnet check 192.168.1.10 192.168.1.200 --mask 255.255.255.0
      netkit subnet check 192.168.1.10 192.168.1.200 255.255.255.0
      netkit subnet check 10.0.0.5/8 10.200.1.1 --explain
help-subnet-info-about = 一个地址块的网络地址、广播地址、子网掩码、反掩码、主机范围和地址类型（IPv4 或 IPv6）
help-subnet-info-arg-address = 带前缀的地址（192.168.1.10/24），或者不带前缀的地址，后面跟 MASK
help-subnet-info-arg-mask = ADDRESS 没带前缀时的子网掩码：点分十进制（255.255.255.0）或前缀（/24 或 24）
help-subnet-info-after =
    示例：
      netkit subnet info 192.168.1.10/24
      netkit subnet info 192.168.1.10 255.255.255.0
      netkit subnet info 2001:db8::1/64
help-subnet-split-about = 把一个网络划分成大小相同的几个子网
help-subnet-split-arg-network = 要划分的网络（192.168.0.0/24）
help-subnet-split-arg-prefix = 每个子网的前缀长度（/26 或 26）
help-subnet-split-arg-count = 至少划分成这么多个（向上取到 2 的幂）
help-subnet-split-arg-max = 子网超过这么多个就不列出
help-subnet-split-after =
    示例：
      netkit subnet split 192.168.0.0/24 --prefix 26
      netkit subnet split 10.0.0.0/16 --count 6
help-subnet-summarize-about = 把地址、网络和地址范围汇总成最少的几个 CIDR 地址块，覆盖的地址完全相同
help-subnet-summarize-arg-items = 地址、CIDR 或地址范围（a-b）；既没给它们也没给 -f 时从标准输入读取
help-subnet-summarize-arg-file = 从 FILE 读取条目，每行一个或多个（“#”之后是注释；“-”表示标准输入）
help-subnet-summarize-after =
    示例：
      netkit subnet summarize 192.168.0.0/24 192.168.1.0/24
      netkit subnet summarize < list.txt
help-subnet-filter-about = 输出含有 IP 地址、且地址落在给定网络里的输入行（类似 grepcidr）
help-subnet-filter-arg-args = 先写网络（CIDR、地址或地址范围），再写输入文件（“-”或不写：标准输入）
help-subnet-filter-arg-patterns = 一个匹配条件（可以重复）；用了它，所有参数就都是文件
help-subnet-filter-arg-pattern_files = 从 FILE 读取匹配条件（每行一个或多个，“#”开始注释）；用了它，所有参数就都是文件
help-subnet-filter-arg-invert = 反过来：输出不含匹配地址的行
help-subnet-filter-arg-count = 只输出匹配的行数
help-subnet-filter-arg-line_start = 只匹配以地址开头的行（日志的地址在行首时更快）
help-subnet-filter-after =
    匹配条件可以是 CIDR（10.0.0.0/8）、单个地址或地址范围（a.b.c.d-e.f.g.h），
    也可以用逗号隔开写几个。开头那些能读成匹配条件的参数就是匹配条件，其余的是
    文件（“-”表示标准输入）。用了 -e 或 -f 时，所有参数都是文件。

    退出状态：0 有行匹配，1 没有，2 匹配条件有误，3 文件读不了。

    示例：
      netkit subnet filter 10.0.0.0/8 access.log
      netkit subnet filter -v -f blocklist.txt < ips.txt

# 用户输入的主机（src/net/endpoint.rs）：DEST、HOST[:PORT]、服务器、要监听的地址。
endpoint-what-destination = 目的地址
endpoint-what-server = 服务器
endpoint-what-port = 端口
endpoint-bad-port-zero = 服务端不会在端口 0 上监听
endpoint-bad-port = 应该是 1 到 65535 之间的数
endpoint-bad-empty = 是空的；应该是地址或主机名
endpoint-bad-no-bracket = IPv6 地址后面缺少“]”
endpoint-bad-in-brackets = 方括号里应该是 IPv6 地址，例如 [2001:db8::1]
endpoint-bad-after-brackets = 方括号后面应该是 :PORT，例如 [::1]:8001
endpoint-bad-zone-v4 = 区域（%IFACE）只用于 IPv6 的链路本地地址和组播地址，IPv4 地址没有区域
endpoint-bad-percent = “%”只能跟在 IPv6 地址后面，用来写它的区域（fe80::1%eth0）
endpoint-bad-v6-port = IPv6 地址带端口时要写在方括号里：[2001:db8::1]:53
endpoint-bad-not-ipv4 = 不是IP地址（IPv4 地址是 4 个 0 到 255 之间的数）
endpoint-bad-not-host = 既不是IP地址，也不是有效的主机名（例如 192.0.2.1、[2001:db8::1]、host.example）
endpoint-bad-hyphen = 不是主机名：标签“{ $label }”以连字符开头或结尾，主机名不会这样
endpoint-bad-wildcard = 不是主机名：“*”是 DNS 通配符，不代表任何一台主机
endpoint-bad-punycode = 不是主机名：标签“{ $label }”以 xn-- 开头，却不是有效的 punycode（国际化域名的编码形式）
endpoint-bad-digits = 不是主机名：最后一个标签全是数字，主机名不会这样
endpoint-bad-zone-taken = 只有 ping 和 trace 接受区域（%IFACE）
endpoint-bad-v6-host-port = 应该是 HOST:PORT；IPv6 地址带端口时要写在方括号里，例如 [::1]:8001
endpoint-bad-host-port = 应该是 HOST:PORT，例如 127.0.0.1:8001 或 [::1]:8001
endpoint-bad-with-port = 应该是IP地址或主机名，不带端口
endpoint-bad-bind = 应该是 IPv4 或 IPv6 地址，例如 127.0.0.1 或 ::1
endpoint-bad-listen = 应该是 ADDR:PORT，例如 127.0.0.1:8080 或 [::1]:8080
endpoint-bad-listen-v6 = IPv6 地址带端口时要写在方括号里：[::1]:8080
endpoint-bad-listen-port = 冒号后面应该是 0 到 65535 之间的端口号

# DNS 所用形式的主机名（src/net/name.rs）。
name-what = 域名
name-bad-empty = 是空的
name-bad-idn = 不是有效的国际化域名
name-bad-too-long = 超过了 253 个字符
name-bad-empty-label = 有一个空标签（两个点连在一起，或者以点开头）
name-bad-long-label = 有一个标签超过了 63 个字符
name-bad-char = 域名里不能出现字符 { $char }
