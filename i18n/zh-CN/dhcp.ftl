# `netkit dhcp discover`（src/commands/dhcp）：显示的内容、说明、错误和帮助。

# 丢弃 DHCP 报文的原因，以及每种原因的个数。
dhcp-discard-reason = { $reason }的 { $count } 个
dhcp-flaw-ip-header = IPv4 头部有错
dhcp-flaw-ip-length = IPv4 总长度不可能成立
dhcp-flaw-ip-fragment = 被分片
dhcp-flaw-udp-length = UDP 长度不可能成立
dhcp-flaw-udp-port = UDP 端口不对
dhcp-flaw-not-dhcp = 不是 DHCP
dhcp-flaw-other-transaction = 属于别的事务
dhcp-flaw-not-offer = 不是 DHCPOFFER
dhcp-flaw-other-client = 发给别的客户端MAC地址
dhcp-flaw-over-limit = 超出一次交换保留的数量（有人在泛洪？）
