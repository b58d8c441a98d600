# Windows 后端（src/system/windows）：Windows 不能显示或做不到的事，以及 Windows 所说的权限。

# 原始套接字所需的权限，按 Windows 的叫法（src/system/windows/mod.rs）。
privilege-windows-missing = 管理员权限（以管理员身份运行的进程，才能使用原始套接字）
privilege-windows-advice = 用“以管理员身份运行”打开终端；在 Windows 上，基于 ICMP 的 ping 和 trace（默认）不需要任何权限

# 在 Windows 上，原始以太网帧需要抓包驱动。
windows-needs-npcap = 通过 Npcap { $what }（Windows 收发原始以太网帧所需的抓包驱动，这个 netkit 版本没有使用它）
windows-npcap-only = { $what }需要 Npcap——Windows 收发原始以太网帧所需的抓包驱动，而这个 netkit 版本没有使用它
windows-echo-interface = 为回显请求选择接口（-I）
windows-arp-caveat = 在 Windows 上 netkit 通过 SendARP 询问：看不到第二个（重复的）应答、应答帧的以太网源地址，也分不清答案来自线路还是 ARP 缓存
