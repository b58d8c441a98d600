# `netkit watch`（src/commands/watch）：事件、总结、说明、错误和帮助。

# 丢弃的帧，按原因计数。
watch-discard-arp = { $reason }的 ARP 帧 { $count } 个
watch-discard-dhcp = { $reason }的 DHCP 报文 { $count } 个
watch-discard-router-advert = 格式有错的路由器通告 { $count } 个
watch-no-interface = 无法确定在哪块网卡上监听：请用 -I 指定

# 各类事件的名字（JSON 里用 snake_case 的英文名）。
watch-kind-new-station = 新主机
watch-kind-changed-mac = MAC地址变了
watch-kind-flip-flop = MAC地址来回变
watch-kind-ip-conflict = IP地址冲突
watch-kind-gateway-spoofing = 网关被冒充
watch-kind-own-ip-claimed = 有人冒用本机 IP
watch-kind-own-mac-claimed = 有人冒用本机 MAC
watch-kind-gratuitous-arp = 免费 ARP
watch-kind-arp-probe = ARP 探测
watch-kind-arp-announce = ARP 通告
watch-kind-outside-subnet = 子网外的地址
watch-kind-dhcp-server = DHCP服务
watch-kind-rogue-dhcp = 私设的DHCP服务
watch-kind-router-advert = 路由器通告
watch-kind-rogue-router = 私设的路由器
watch-kind-station-limit = 主机数已满

# 每个事件的含义（JSON 的 "detail" 里仍是英文）。
watch-own-mac = 有一个来自别的主机的帧自称是本机的MAC地址 { $mac }：有主机在冒充它（MAC 欺骗），或者有环路把本机发出的帧又送了回来
watch-own-mac-says = { $detail }；它说 { $mac } 的 IP 是 { $ip }
watch-own-mac-frames = { $detail }；自上次报告以来共有 { $frames } 个这样的帧
watch-arp-probe = { $mac } 在使用 { $ip } 之前先问它有没有人用（RFC 5227）：有主机要加入网络
watch-arp-announce = { $mac } 通告自己拥有 { $ip }（RFC 5227）
watch-gratuitous = { $mac } 没人问就告诉大家自己拥有 { $ip }
watch-outside = { $ip } 不在这块网卡的子网里：可能是配置错了的主机，或者来自别的网络
watch-own-ip = { $mac } 声称拥有 { $ip }，这是本机自己的地址：要么别的主机也配了这个地址（地址冲突），要么有主机在冒充本机（ARP 欺骗）
watch-gateway-spoofing = { $mac } 声称拥有网关的地址 { $ip }，而它属于 { $known }：很可能是 ARP 欺骗（有主机想插在这个局域网和外面之间）
watch-station-limit = 已经记录了 { $limit } 台主机：之后的新主机只计数，不列出
watch-new-station = { $ip } 的MAC地址是 { $mac }
watch-ip-conflict = { $ip } 在 { $seconds } s 内既从 { $mac } 又从 { $old } 应答：两台主机在用同一个地址
watch-flip-flop = { $ip } 又回到了 { $mac }（之前是 { $old }）
watch-changed-mac = { $ip } 的MAC地址从 { $old } 变成了 { $mac }
watch-dhcp-gives = 用 { $message } 把 { $address } 分配给 { $client }
watch-dhcp-router = { $gives }，网关 { $routers }
watch-dhcp-dns = { $gives }，DNS { $servers }
watch-dhcp-names = { $gives }；它在选项 54 里自称服务器是 { $id }，而不是它自己的地址 { $server }
watch-rogue-dhcp = 一个 DHCP服务{ $why }：{ $gives }（接受它的主机会用它给的网关和 DNS）
watch-ra-not-default = 不是默认路由器
watch-ra-default = 默认路由器，有效期 { $seconds } s
watch-ra-prefixes = { $says }，前缀 { $prefixes }
watch-rogue-router = 一个路由器在通告自己，{ $why }：{ $says }

# 实时显示和总结。
watch-col-time = 时间
watch-col-event = 事件
watch-col-address = IP地址
watch-col-mac = MAC地址
watch-mac-vendor = { $mac }（{ $vendor }）
watch-gateway-at = { $gateway }（{ $mac }）
watch-no-gateway = 无
watch-header = 正在监听 { $interface }（网关 { $gateways }）；已知 { $stations } 台主机；时间为 UTC；按 Ctrl-C 停止
watch-summary = 在 { $interface } 上监听了 { $took }：收到 { $frames } 个帧（ARP { $arp } 个，DHCP { $dhcp } 个，路由器通告 { $adverts } 个），已知 { $stations } 台主机，其中 { $heard } 台这次听到了
watch-dropped-label = 丢帧
watch-dropped = 有 { $count } 个帧来得比 netkit 读得快，被内核丢掉了：上面的计数里没有它们
watch-unlisted = 超出 { $max } 台之后的 { $count } 台新主机只计数，没有列出
watch-skipped = 跳过了 { $count } 个格式有错的帧：{ $reasons }
watch-event-count = { $kind } { $count } 次
watch-no-events = 没有事件
watch-events = 事件：{ $events }
watch-alarms = { $count } 个警报
watch-no-alarm = 没有警报
watch-destinations = 帧按目的地址分：广播 { $broadcast } 个，组播 { $multicast } 个，发给本机 { $own } 个，发给别的主机 { $others } 个
watch-note-not-promiscuous = 到达这里的只有广播、组播和发给本机的单播帧；网卡不在混杂模式时不会再多收，所以这还说明不了局域网是什么样的：加 --promiscuous 监听，就能分辨交换机（只把单播帧发到目的MAC地址所在的端口）和集线器（把每个帧都转发到所有端口）。
watch-note-switch = 到达这里的只有广播、组播和发给本机的单播帧：这正是交换机送来的，因为交换机只把单播帧发到目的MAC地址所在的端口（集线器会把每个帧转发到所有端口，那样这里就会出现发给别的主机的单播帧）。
watch-note-hub = 有发给别的主机的单播帧到了这个端口：集线器会把每个帧转发到所有端口，交换机遇到还没学到的目的MAC地址也会泛洪（镜像端口则复制所有流量），所以本机听到了不属于自己的流量。

# 主机记录文件（--db）。
watch-what-station-file = 主机记录文件
watch-what-lock-file = 锁文件
watch-db-symlink = 是一个符号链接：netkit 以 root 身份写主机记录文件，不跟随任何链接（请直接给出文件本身）
watch-db-not-regular = 是{ $kind }：主机记录文件必须是普通文件
watch-db-writing = 写入 { $file }
watch-db-locking = 锁定 { $file }
watch-lock-symlink = 是一个符号链接：这里 netkit 不跟随任何链接
watch-lock-not-regular = 是{ $kind }，不是普通文件
watch-db-in-use = { $file } 正被另一个 netkit watch 使用（它占着 { $lock }）：一个主机记录文件只能有一个监听者，否则最后保存的那个会冲掉另一个记下的主机
watch-db-line = 第 { $line } 行{ $why }；文件保持原样（把它移走就能重新开始）
watch-db-empty = 不存在（文件是空的）
watch-db-too-long = 太长
watch-db-not-utf8 = 不是 UTF-8 编码
watch-db-bad-header = 不是 { $header }：不是 netkit watch 的主机记录文件
watch-db-fields = 不是用制表符分隔的 3 个字段
watch-db-no-ip = 第一个字段不是 IPv4 地址
watch-db-no-mac = 第二个字段不是MAC地址
watch-db-no-time = 第三个字段不是时间（自 1970 年起的整秒数，最晚到 9999 年）

# 帮助。
help-watch-after =
    在网卡上监听（除非加 --promiscuous，否则不进入混杂模式：每台主机都会收到的广播，加上发给本机的帧，
    就已经够用了），每发生一个事件就显示一行：时间（UTC）、类别、IP地址、MAC地址和厂商，以及它的含义。
    本机自己发出的帧由内核标明（按包的类型），从不按源MAC地址判断。事件有：新主机（没见过的
    IP/MAC 对）；MAC地址变了；MAC地址来回变（又回到之前的MAC地址）；IP地址冲突（一分钟内一个 IP
    有两个MAC地址）；网关被冒充（第二个MAC地址声称拥有网关的 IP：很可能是 ARP 欺骗）；有人冒用
    本机 IP（别的主机声称拥有本机的地址）；有人冒用本机 MAC（外面来的帧带着本机的MAC地址；
    每分钟最多报告一次）；免费 ARP；ARP 探测和通告（有主机加入网络，RFC 5227）；子网外的地址
    （发送方地址不在这块网卡的子网里）；DHCP服务（看到 offer、ack 或 nak）和私设的DHCP服务；
    路由器通告和私设的路由器（IPv6）。DHCP服务或路由器按它所发报文的 IP 源地址和以太网源地址判断，
    从不看报文里它对自己的说法（DHCP 服务器标识写的是别的地址时会标出来）：来自 --dhcp-server /
    --router 以外的地址，或来自那个地址但MAC地址和邻居表、--db 或它的第一个报文给出的不同，就是
    私设的。已知的主机取自邻居表，或取自 --db FILE，它在两次运行之间保存这些主机（和 arpwatch 的
    arp.dat 一样）：开始时检查并加锁（FILE.lock：一个文件只能有一个监听者），每隔 --save-every
    以及监听结束时保存，通过一个随机名字的临时文件原子地写入，从不经过链接；不是普通文件的会被
    拒绝并保持原样。只在 --db 里知道的网关保留它的MAC地址。最多保存 65536 台主机。--json 为每个
    事件输出一个 JSON 对象（类别和它带的内容），最后一个是总结。按 Ctrl-C（或到了 --duration、
    --count）结束监听并给出总结：听到的帧、来得太快被内核丢掉的帧、主机数、各类事件的次数。
    需要 CAP_NET_RAW 权限。

    退出状态：0 没有警报，1 有警报（IP地址冲突、网关被冒充、本机的 IP 或 MAC 被冒用、私设的DHCP服务
    或路由器），2 输入有误，3 网络错误（网卡没了：在总结之后，主机已保存），4 没有 CAP_NET_RAW 权限。

    示例：
      sudo netkit watch
      sudo netkit watch -I eth0 --dhcp-server 192.168.1.1 --db ~/.netkit-stations
      sudo netkit --json watch --duration 600
help-watch-arg-interface = 在哪块网卡上监听（默认：默认路由的网卡，或唯一一块启用的以太网网卡）
help-watch-arg-db = 在 FILE 里保存已知的主机，下次运行接着用（没有就创建；FILE.lock 防止第二个监听者使用它）
help-watch-arg-save_every = 和 --db 一起用：监听期间也每隔这么久保存一次（结束时总会保存）
help-watch-arg-dhcp_server = 局域网的 DHCP服务：从其他地址或MAC地址发出的报文就是私设的DHCP服务（警报）
help-watch-arg-router = 局域网的 IPv6 路由器（它的链路本地地址）：从其他地址或MAC地址发出的通告就是私设的路由器
help-watch-arg-duration = 过了这么久就停止（默认：直到按 Ctrl-C）
help-watch-arg-count = 发生 N 个事件后停止
help-watch-arg-promiscuous = 监听期间让网卡进入混杂模式（和 arpwatch、tcpdump 一样），这样网卡也会收下发给别的主机的单播帧：这正是分辨集线器和交换机的办法
