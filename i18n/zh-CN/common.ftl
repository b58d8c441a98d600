# 共用层（src/output）的词句：表格下的说明、掩码运算的结论、警告、终端提示。

common-list-separator = 、
common-clause-separator = ；
common-label = { $label }：
common-label-gap = {""}
common-note = 注

# 中文没有单复数：英文按 $count 选词，这里不用它。
common-left-out = 为适应终端宽度，未显示：{ $columns }（用 --json 或加宽终端可以看到）
common-left-out-option = 为适应终端宽度，未显示：{ $columns }（用 { $option }、--json 或加宽终端可以看到）

common-this-host = （本机）
common-destination = （目的地址）
common-same-subnet = 同一子网
common-different-subnets = 不在同一子网

common-warning = 警告：{ $message }
common-reading-terminal = 正在从终端读取{ $what }，按 Ctrl-D 结束（{ $instead }）

# 邻居缓存状态（ip neigh 的 REACHABLE、STALE……）的含义（arp cache、gateway）：output::neighbour_state_meaning。
common-neigh-reachable = 最近确认过：大约半分钟之内收到过它的应答或数据
common-neigh-stale = 最近没有确认：MAC地址仍在使用，下次有数据包发往那里时内核会再确认一次
common-neigh-delay = 正在确认：已经有数据包按这个过时的MAC地址发了出去，内核先等几秒，看有没有数据能证实它，再去询问
common-neigh-probe = 正在确认：内核正直接向这个邻居再问一次（向它的MAC地址发 ARP 请求或邻居请求）
common-neigh-incomplete = 已经问过，还没有应答：MAC地址还不知道
common-neigh-failed = 问过了，没有谁应答：发往这个地址的数据包都会失败
common-neigh-permanent = 手工设置的（ip neigh add ... permanent）：从不确认，也永不过期
common-neigh-noarp = 没有要查找的链路层地址（环回网卡或点对点链路）：从来不发 ARP
common-neigh-none = 内核给出的状态不是常见的任何一种

# 原始链路在做什么时被系统拒绝（arp、dhcp discover、watch）。
common-sending-on = 在 { $interface } 上发送 { $what }
common-opening = 打开 { $interface }
common-listening-on = 在 { $interface } 上监听

# What a file that is not a regular one is (system::file_kind: the station file of watch).
common-file-directory = 一个目录
common-file-fifo = 一个命名管道（FIFO）
common-file-device = 一个设备文件
common-file-socket = 一个套接字文件
common-file-other = 不是普通文件
common-lease-infinite = 无限期
common-lease-never = 永不过期
common-what-interface = 网卡
common-file-is-not-regular = 它是{ $kind }，不是普通文件
common-file-too-large = 它超过了 { $size } MiB
