# `netkit watch`（src/commands/watch）：事件、总结、说明、错误和帮助。

# 丢弃的帧，按原因计数。
watch-discard-arp = { $reason }的 ARP 帧 { $count } 个
watch-discard-dhcp = { $reason }的 DHCP 报文 { $count } 个
watch-discard-router-advert = 格式有错的路由器通告 { $count } 个
watch-no-interface = 无法确定在哪块网卡上监听：请用 -I 指定
