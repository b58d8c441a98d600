# `netkit arp IP`、`arp scan`、`arp cache`（src/commands/arp）：显示的内容、说明、进度行、错误和帮助。

# 列标题（arp scan、arp cache）。
arp-col-address = IP地址
arp-col-mac = MAC地址
arp-col-vendor = 厂商
arp-col-rtt = 往返时间
arp-col-name = 名字
arp-col-state = 状态
arp-col-interface = 网卡

# 选网卡和源地址。
arp-what-address = 地址
arp-what-rate = 速率
arp-what-network = 网段
arp-ipv4-only = ARP 只用于 IPv4
arp-ipv4-only-ndp = ARP 只用于 IPv4（IPv6 用邻居发现）
arp-no-route = 没有到 { $target } 的路由：请用 -I 指定网卡
arp-own-address = 是本机自己的地址
arp-not-direct = { $target } 不在直连的子网里（内核会把发往它的包交给 { $gateway }）；仍然照问
arp-route-no-interface = 到 { $target } 的路由没有指明网卡
arp-no-default-route = 没有 IPv4 默认路由，无法自动选网卡：请用 -I 指定
arp-no-ethernet = 没有以太网MAC地址：ARP 只在以太网这类链路上工作
arp-give-target = 请给出要询问的 IPv4 地址
arp-not-ours = 不是本机的地址，只有地址的主人才能通告它
arp-no-source = { $interface } 没有可用来发问的 IPv4 地址（用 --dad 可以从 0.0.0.0 探测）
arp-io = 在 { $interface } 上收发 ARP

# `arp IP`：开头几行、每个应答、总结。
arp-header-request = ARP 询问谁是 { $target }：从 { $interface } 的 { $source }（{ $mac }）发出
arp-explain-request = 每个 ARP 请求都是发往 ff:ff:ff:ff:ff:ff 的广播，链路上的每台主机都会收到：“谁是 { $target }？请告诉 { $source }”；只有拥有 { $target } 的那台主机会应答，而且是只发给 { $mac } 的单播应答。
arp-header-dad = 在 { $interface } 上检测 { $target } 是否已被占用（从 0.0.0.0 发探测，{ $mac }）
arp-explain-dad = 每个探测都是从 0.0.0.0 发出的广播“谁是 { $target }？”，0.0.0.0 不代表任何主机：已经占用 { $target } 的主机会应答，那就说明这个地址有人用了。
arp-header-gratuitous = 免费 ARP：在 { $interface } 上通告 { $target } 在 { $mac }
arp-explain-gratuitous = 每个通告都是一个没人询问、主动发出的广播“{ $target } 在 { $mac }”：知道 { $target } 的主机会据此更新自己的缓存。
arp-reply = { $ip } 的MAC地址是 { $mac }{ $vendor }{ $via }  seq={ $seq }  { $rtt }
arp-reply-vendor = （{ $vendor }）
arp-reply-via = （以太网源地址 { $mac }）
arp-conflict-label = 冲突
arp-conflict = { $target } 有 { $count } 个不同的MAC地址在应答：{ $macs }
arp-discarded = 丢弃了 { $count } 个 ARP 帧：{ $reasons }
arp-summary = --- { $target }：发出 { $sent } 个请求，{ $received } 个有应答（丢失 { $lost }%）
arp-summary-rtt = { $summary }，往返时间：最短 { $min }，平均 { $avg }，最长 { $max }
arp-in-use-label = 已被占用
arp-in-use = { $target } 正被 { $macs } 使用
arp-free-label = 空闲
arp-free = 发出 { $sent } 个探测，没有人应答 { $target }
arp-announced = --- 发出 { $sent } 个通告

# 丢弃 ARP 帧的原因，以及每种原因的个数（“发送方MAC地址是广播地址的 2 个”）。
arp-discard-reason = { $reason }的 { $count } 个
arp-flaw-truncated = 不完整
arp-flaw-not-ethernet-ipv4 = 不是以太网/IPv4 的 ARP
arp-flaw-opcode = 操作码不认识
arp-flaw-ethernet-source = 以太网源地址是组播或全零
arp-flaw-sender-broadcast = 发送方MAC地址是广播地址
arp-flaw-sender-multicast = 发送方MAC地址是组播地址
arp-flaw-sender-zero = 发送方MAC地址全零
arp-flaw-over-limit = 超出一次运行保留的数量（有人在泛洪？）

# `arp scan`。
arp-scan-too-many-range = { $range } 包含的地址超过 { $max } 个；一次最多扫描一个 /16
arp-scan-rate-zero = 每秒至少要发 1 个请求
arp-scan-empty-file = { $file } 里没有要扫描的地址或范围
arp-scan-no-localnet = { $interface } 没有 IPv4 地址：--localnet 没有子网可扫
arp-scan-no-address = { $interface } 没有 IPv4 地址：请给出要扫描的范围
arp-scan-outside = { $ranges } 不在 { $interface } 的子网 { $subnets } 里：ARP 只能到达这条链路上的主机，子网外的地址不会应答（请扫描 { $subnets }，或用 -I 选网卡）
arp-scan-too-many = 要扫描 { $count } 个地址；一次最多扫描 { $max } 个（一个 /16）
arp-scan-nothing = 没有可扫描的：这些范围里只有本机自己的地址
arp-scan-io = 在 { $interface } 上做 ARP 扫描
arp-scan-header = ARP 扫描 { $count } 个地址（{ $ranges }），在 { $interface } 上，从 { $source }（{ $mac }）发出，每秒 { $rate } 个请求
arp-ranges-none = 无
arp-ranges-more = { $ranges } 等，另有 { $more } 个范围
arp-scan-progress = 已询问 { $asked }/{ $total }，{ $answered } 个应答，{ $rate }，{ $rest }
arp-scan-progress-retry = 第 { $round } 次重试：{ $line }
arp-scan-waiting = 等待迟到的应答
arp-scan-left = 大约还要 { $left }
arp-scan-names-progress = 名字：已返回 { $back }/{ $total }，{ $elapsed }
arp-scan-no-names = 这 { $count } 台主机都没有查到名字
arp-scan-names = 名字
arp-scan-vendor-via = { $vendor }（以太网源地址 { $mac }）
arp-scan-mac-via = { $mac }（以太网源地址 { $source }）
arp-scan-duplicate-live = 重复：有第二个MAC地址在为这个地址应答
arp-scan-duplicate = { $mac }（重复）
arp-scan-summary = { $network } 里的 { $scanned } 个地址中，有 { $answered } 个在 { $interface } 上应答（发出 { $sent } 个请求，用时 { $took }）
arp-scan-interrupted = 已中断：{ $summary }
arp-scan-dups = { $count } 个有不止一个MAC地址
arp-scan-named = { $count } 个有名字
arp-scan-note-cache = 这些主机不会加进邻居缓存（netkit arp cache）：只有本机自己给某个邻居发包时，内核才把它加进去，而扫描用的是 netkit 自己构造的帧。

# `arp cache`。
arp-cache-router = { $ip }（路由器）
arp-cache-meaning = { $meaning }。
arp-cache-hidden = 隐藏了 { $count } 条 NOARP 记录（环回或点对点链路：没有要解析的MAC地址），和 ip neigh 一样；加 --all 可以看到。
arp-cache-note-own-frames = 只有本机自己给某个邻居发包时，内核才把它加进这张表；netkit arp 和 arp scan 用的是自己构造的帧，它们收到的应答不会加进来。

# 帮助。
help-arp-after =
    在去往 IP 的路由所用的网卡上（或 -I 指定的网卡上）发出 ARP 请求（“谁是 IP？请告诉我”）；
    每个应答给出地址主人的MAC地址和往返时间。需要 CAP_NET_RAW 权限：用 sudo 运行，或执行
    `sudo setcap cap_net_raw+ep $(command -v netkit)`。网卡不会进入混杂模式。
    时间可以写秒数（1、0.2）或带单位（200ms、2s）。

    退出状态：0 收到了应答（--dad：地址空闲），1 没有应答（--dad：地址已被占用），
    2 输入有误，3 网络错误，4 没有 CAP_NET_RAW 权限。

    示例：
      netkit arp 192.168.1.1 -c 3
      netkit arp --dad 192.168.1.77
      netkit arp scan 192.168.1.0/24
      netkit arp cache
help-arp-arg-target = 要询问的 IPv4 地址
help-arp-arg-interface = 从哪块网卡发出（默认：去往 IP 的路由所用的网卡）
help-arp-arg-count = 请求的个数（默认 3）；与 -w 一起用时，是要等到的应答个数，在此之前一直发请求（和 iputils 的 arping 一样）
help-arp-arg-interval = 两次请求之间的间隔（可以小于一秒）
help-arp-arg-deadline = 无论如何，过了这么久就停止
help-arp-arg-timeout = 最后一个请求发出后等应答的时间（每个请求都有了应答时，只再稍等一会儿，看有没有重复的应答）
help-arp-arg-first = 收到第一个应答就停止
help-arp-arg-dad = 重复地址检测：从 0.0.0.0 发探测；地址空闲退出码为 0，已被占用为 1
help-arp-arg-gratuitous = 用免费 ARP 通告 IP（必须是本机的地址）
help-arp-scan-about = 逐个询问一个或多个范围里的每个地址（默认：所选网卡所在的子网）
help-arp-scan-after =
    在终端上，每台主机一应答就显示出来，stderr 上有一行进度（已询问、已应答、速率、剩余时间）；
    输出到管道时，表格在最后一次给出。一次最多扫描 65536 个地址（一个 /16）。
    --resolve 在扫描之后用系统的解析器同时查询各主机的名字（PTR），最多等 5 s。
    按 Ctrl-C 结束扫描，并显示已经应答的主机。

    退出状态：0 有主机应答，1 没有主机应答，2 输入有误，3 网络错误，4 没有 CAP_NET_RAW 权限。

    示例：
      sudo netkit arp scan
      sudo netkit arp scan 192.168.1.0/24 -I eth0
      sudo netkit arp scan 10.0.0.0/24 10.0.5.0/24 10.0.9.7 --resolve
      sudo netkit arp scan --localnet
      sudo netkit arp scan --file ranges.txt --timeout 1s
      sudo netkit --json arp scan 10.0.0.0/22 --rate 2000
help-arp-scan-arg-networks = 要扫描的范围：CIDR 网段或单个地址（默认：网卡所在的子网）
help-arp-scan-arg-file = 再扫描 FILE 里列出的范围和地址（用空白分隔，# 开始注释，- 表示读标准输入）
help-arp-scan-arg-localnet = 再扫描这块网卡的每个 IPv4 子网
help-arp-scan-arg-resolve = 扫描之后查询每台主机的名字（PTR）
help-arp-scan-arg-interface = 从哪块网卡发出（默认：去往这个范围的路由所用的网卡，或默认路由的网卡）
help-arp-scan-arg-rate = 每秒发出的请求数
help-arp-scan-arg-retries = 对没有应答的地址再问几轮：0 表示每个地址只发一个请求，N 表示最多发 N+1 个（某一轮没有发现新主机，扫描就结束）
help-arp-scan-arg-timeout = 每轮之后等迟到应答的最长时间（实际等待会按看到的往返时间调整）
help-arp-cache-about = 邻居表：IPv4 的 ARP 记录和 IPv6 的 NDP 记录，和 `ip neigh` 一样
help-arp-cache-after =
    这张表由内核自己填写：本机给某个邻居发包时才加进来；`netkit arp` 和 `arp scan`
    用自己构造的帧找到的主机不会加进来。表格下面会解释出现的每种状态。NOARP 记录
    （环回、点对点链路：没有要解析的MAC地址）默认隐藏，和 `ip neigh` 一样；
    加 --all 才显示，和 `ip neigh show nud all` 一样。

    示例：
      netkit arp cache
      netkit arp cache -I eth0 --all
      netkit --json arp cache
help-arp-cache-arg-interface = 只看这块网卡
help-arp-cache-arg-all = 也显示 `ip neigh` 隐藏的 NOARP 记录（和 `ip neigh show nud all` 一样）
