# `netkit --help` 和 man 手册：总帮助、全局选项、各子命令的一句话说明，以及 clap 自己的用词。

help-about = 在真实的机器上回答网络入门教程里的问题
help-long-about = netkit 回答网络入门教程里提出的问题——我的MAC地址是什么，IP地址和子网掩码是什么，两台主机在不在同一个子网，网关是哪个，一个域名解析成什么，谁在应答某个地址的 ARP 请求，两个程序能不能通过 socket 通信——每个问题一条命令：给人看的是表格，给脚本用的是 --json，退出码各有含义。
help-after =
    退出状态：
      0  成功／是（同一子网、收到了应答、查到了结果）
      1  否定的回答（不在同一子网、没有应答、NXDOMAIN、没有匹配的行）
      2  用法错误或输入有误（地址、掩码、MAC、名称、端口、网卡）
      3  网络、I/O 或系统错误（超时、被拒绝、文件读不了、没有可用的路由）
      4  权限不够：需要 root 或 CAP_NET_RAW

help-arg-json = 输出给脚本用的 JSON，而不是表格（字段名固定，从不着色）
help-arg-color = 颜色：auto（是终端且没有设置 NO_COLOR 时着色）、always 或 never
help-arg-lang = 表格、说明、错误和帮助的语言：en 或 zh-CN（默认取自 LANGUAGE、LC_ALL、LC_MESSAGES、LANG）；JSON 在任何语言下都一样

help-heading-usage = 用法：
help-heading-options = 选项
help-heading-arguments = 参数
help-heading-commands = 命令
help-heading-global = 全局选项
help-heading-examples = 示例：
help-heading-exit-status = 退出状态：
help-flag-help = 显示帮助（用 '--help' 看详细说明）
help-flag-help-long = 显示帮助（用 '-h' 看简要说明）
help-flag-version = 显示版本
help-help-about = 显示这段说明，或指定子命令的帮助

help-ifaces-about = 本机的网卡：IP地址、子网掩码、MAC地址、网关、DNS（类似 ipconfig /all）
help-subnet-about = 子网计算：判断是否同一子网、网络信息、划分、汇总、按网络筛选行
help-mac-about = 解读一个MAC地址：规范写法、厂商（OUI）、单播／组播、全球唯一／本地管理
help-dns-about = 像 dig 一样解析域名：带 TTL 的记录、问的是哪台 DNS 服务器、花了多长时间
help-arp-about = 问谁拥有某个 IP（类似 arping）、扫描一个子网（类似 arp-scan）、查看邻居缓存
help-gateway-about = 默认网关：地址、网卡、跃点数和MAC地址。没有默认网关时退出码为 1
help-route-about = 本机会怎样到达一个目的地址，由内核决定（类似 `ip route get`）
help-chat-about = 教程里的 TCP socket 聊天：客户端和服务端轮流说话，或多人聊天室
help-dhcp-about = DHCP：广播一个 DHCPDISCOVER，列出每个DHCP服务提供的地址（OFFER），从不真正租用
help-flow-about = 一个程序和 DEST 通信时发生了什么：DNS、路由、ARP 和 TCP，一步一步，各自计时
help-ping-about = 看 DEST 是否应答：发送 ICMP 回显请求，每个应答都计时，统计丢包和往返时间（类似 ping）
help-trace-about = 去往 DEST 一路经过的路由器，一跳一跳：每个 TTL 是谁应答、丢包和往返时间（类似 mtr --report）
help-watch-about = 监听局域网里的广播：新出现的主机、MAC地址变化、ARP 欺骗、私设的DHCP服务和路由器（类似 arpwatch）
help-completions-about = 输出 shell 的命令补全脚本（bash、zsh、fish、elvish、powershell）
help-heading-colon = ：

help-man-name = 名称
help-man-synopsis = 概述
help-man-description = 描述
help-man-options = 选项
help-man-subcommands = 子命令
help-man-version = 版本
help-man-exit-status = 退出状态
help-man-examples = 示例
help-tour-about = 在本机走一遍教程：网卡和MAC地址、IP地址和子网掩码、网关、DNS、ARP、DHCP、C/S
# A default value after an option's help, in place of clap's own [default: 1s] (languages
# other than English; English keeps clap's): open, the word, the value, close.
help-flag-default-open = （
help-flag-default = 默认：
help-flag-default-close = ）
