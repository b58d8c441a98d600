# 在 stderr 上给人看的错误（src/error.rs、src/lib.rs）。JSON 里的错误信息始终是英文。

error-bad-input = 无效的{ $what }“{ $input }”：{ $reason }
error-in-file = { $place }：{ $error }
error-io = { $context }：{ $cause }
error-permission = { $action }：需要{ $missing }
error-unsupported = { $what }在 { $os } 上还不能用
error-internal = { $what }：{ $cause }
error-with-hint = { $message }（{ $hint }）

os-refused = 连接被拒绝：那个端口上没有程序在监听（服务端启动了吗？）
os-reset = 对方重置了连接
os-aborted = 连接被中止
os-addr-in-use = 这个地址和端口已被别的程序占用（换一个端口试试）
os-addr-not-available = 这个地址不是本机的（netkit ifaces 列出本机的地址；127.0.0.1 总是有的）
os-network-unreachable = 没有到那个网络的路由（netkit route get DEST 能说明原因；netkit gateway 列出默认路由）
os-host-unreachable = 主机不可达：它所在的链路上没有谁应答（netkit trace DEST 能看出数据包走到了哪里）
os-timed-out = 等不到应答，超时了
os-not-found = 没有这个文件或目录
os-permission-denied = 权限不够
os-broken-pipe = 对方关闭了连接
os-storage-full = 设备上没有剩余空间
os-network-down = 网卡没有启用（netkit ifaces 显示它的状态）
os-no-such-device = 没有这块网卡（netkit ifaces 列出本机的网卡）
os-message-too-big = 太大了，无法在这条链路上一次发出（超过了它的 MTU）
io-writing-output = 写出结果

cli-see-help = { $line }（见“{ $command } --help”）
cli-needs-subcommand = “{ $command }”后面要跟一个子命令：{ $names }
cli-unknown-argument = 不认识的参数“{ $arg }”
cli-unknown-subcommand = 没有“{ $word }”这个子命令
cli-invalid-value = “{ $arg }”的值“{ $value }”无效
cli-possible-values = 可选的值：{ $values }
cli-missing-arguments = 缺少必需的参数：{ $args }
cli-missing-value = “{ $arg }”需要一个值，但没有给出
cli-conflict = 参数“{ $arg }”不能和“{ $other }”一起用
cli-used-twice = 参数“{ $arg }”只能用一次
cli-tip-similar = 提示：有一个相近的：“{ $suggestion }”
cli-tip-dash = 提示：要把“{ $arg }”当作值，请写成“-- { $arg }”
cli-slip-subcommand = “{ $word }”不是“netkit { $parent }”的子命令：你是想输入“netkit { $parent } { $meant } { $rest }”吗？
cli-slip-mac = “netkit mac”后面要跟要解释的MAC地址，例如：netkit mac 3c:22:fb:12:34:56；本机自己的MAC地址见 netkit ifaces
cli-slip-chat-client = “netkit chat client”后面要跟服务端的 HOST:PORT，例如：netkit chat client 127.0.0.1:8001；netkit chat server 会告诉你它在监听哪个端口

# The privilege raw sockets need, as Linux names it (src/system/linux/privilege.rs).
privilege-linux-missing = 有 CAP_NET_RAW 权限
privilege-linux-advice = 用 sudo 运行，或者一次性给程序授予这个权限：sudo setcap cap_net_raw+ep "$(command -v netkit)"

# 读取用户给出的文件（util::input、util::lists）或标准输入。
io-reading-file = 读取 { $file }
io-reading-stdin = 读取标准输入
# What needs the privilege, in the permission error of ping and trace (src/system).
privilege-ping-action = ping（net.ipv4.ping_group_range 没有包含这个用户的组，所以要用原始 ICMP 套接字）
privilege-trace-action = trace（UDP 和 TCP 探测要用原始套接字发送；net.ipv4.ping_group_range 没有包含这个用户的组时，ICMP 探测也要）

# netkit 被系统拒绝时正在做的事（I/O 错误的上下文：“打开 ICMP 套接字：权限不够”）。
doing-starting-runtime = 启动运行时
doing-starting-name-lookup = 启动名字解析
doing-opening-icmp-socket = 打开 ICMP 套接字
doing-setting-up-icmp-socket = 设置 ICMP 套接字
doing-opening-icmp-handle = 打开 ICMP 句柄
doing-binding-to = 绑定到 { $interface }
doing-tracing = 追踪 { $target }
doing-arp-on = 在 { $interface } 上做 ARP
doing-dns-lookup = DNS 查询
doing-reading-kernel-tables = 读取内核的网络表（netlink { $request }）
# netkit 还没有为这个系统做好的功能（src/system/unbuilt.rs），后面接“在 macOS 上还不能用”。
unbuilt-tables = 读取本机的网卡和路由
unbuilt-dns-config = 读取系统的 DNS 服务器（请直接指定服务器：netkit dns 名字 @服务器）
unbuilt-interface-by-name = 按名字选择网卡
unbuilt-echo = 发送 ICMP 回显请求

# 命令行上输入的时间（src/util/time.rs）：哪个选项，值错在哪里。
time-what-timeout = 超时时间
time-what-interval = 间隔
time-what-deadline = 总时限
time-what-idle-timeout = 空闲超时
time-bad-zero = 必须大于 0
time-bad-range = 必须在 0 到一天（86400 s）之间
time-bad-syntax = 应该是秒数（1、0.5）或带单位的时间（200ms、2s）

# 用户给出的文件超过了 netkit 读取的上限（src/util/input.rs）；size 形如“1 MiB”。
io-too-big = 超过了 { $size }（netkit 最多只读这么多）

# 命令行上指定的网卡用不了（src/system）：ping -I、trace -i、ARP、监听。
system-no-interface-for-family = 没有这块网卡，或者它没有与 DEST 同一类（IPv4 或 IPv6）的地址（netkit ifaces 列出本机的网卡）
system-no-link-address = 它没有可供监听的链路层地址（网卡已经不在了？）
system-no-ethernet-address = 它没有以太网地址：ARP 只在以太网这类链路上工作
