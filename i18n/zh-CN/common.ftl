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

# 邻居缓存里各状态的含义（arp cache、gateway），写在状态名之后。
common-neigh-reachable = 最近确认过：大约半分钟之内收到过它的应答或流量
common-neigh-stale = 最近没有确认：这个MAC地址照常使用，下次有包发往那里时内核会重新确认
common-neigh-delay = 正在确认：已经用这个过时的MAC地址发出了一个包，内核先等几秒，看有没有流量证实它，没有再去询问
common-neigh-probe = 正在确认：内核正在直接再问一次这个邻居（向它的MAC地址发 ARP 请求或邻居请求）
common-neigh-incomplete = 已经询问，还没有应答：还不知道它的MAC地址
common-neigh-failed = 询问过，没有人应答：发往这个地址的包都会失败
common-neigh-permanent = 手工设置的（ip neigh add ... permanent）：从不检查，永不过期
common-neigh-noarp = 没有链路层地址要找（环回网卡或点对点链路）：从不发 ARP
common-neigh-none = 内核给出的状态不是常见的任何一种

# 原始链路在做什么时被系统拒绝（arp、dhcp discover、watch）。
common-sending-on = 在 { $interface } 上发送 { $what }
common-opening = 打开 { $interface }
common-listening-on = 在 { $interface } 上监听
