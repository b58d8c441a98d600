# `netkit ping DEST`（src/commands/ping）：每行输出、总结、说明、错误和帮助。

# 丢弃应答的原因，以及每种原因的个数。
ping-discard-reason = { $reason }的 { $count } 个
ping-flaw-truncated = 不完整
ping-flaw-bad-ip-header = IP 头部有错
ping-flaw-bad-checksum = 校验和不对
