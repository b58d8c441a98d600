# `netkit trace DEST`（src/commands/trace）：表格、结论、说明、错误和帮助。

trace-port-needs-udp-tcp = --port 要和 --udp 或 --tcp 一起用（ICMP 回显没有端口）
trace-multicast = 一个组播地址（一组主机）
trace-link-local = { $address } 是链路本地地址：--udp 和 --tcp 探测没法指明它在哪条链路上（trippy 的套接字不接受区域）；ICMP 探测可以
trace-first-past-max = --first-hop { $first } 超过了 --max-hops { $max }
trace-not-one-host = { $address } 是{ $what }：trace 追踪的是去往一台主机的路径（要问一组主机请用 ping：广播地址用 ping -b）
