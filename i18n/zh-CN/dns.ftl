# `netkit dns`（src/commands/dns，以及 src/wire/dnssec 里的 DNSSEC 理由）：显示的内容、结论和理由
# （JSON 里仍是英文）、错误和帮助。dig 自己的词（NOERROR、NXDOMAIN、记录类型、标志位、段名）照 dig 的写法不变。

## 一次查询得到了什么（Status::describe）。
dns-status-answer = ANSWER
dns-status-nxdomain = NXDOMAIN：没有这个域名
dns-status-nodata = NODATA：域名存在，但没有这种类型的记录
dns-status-referral = REFERRAL：这台服务器不负责回答这个域名
dns-status-cname-loop = CNAME 循环
dns-status-servfail = SERVFAIL：服务器没能给出回答
dns-status-refused = REFUSED：服务器拒绝回答（它只管别的区域，也不替你递归查询：请问一台递归解析服务器，或者这个域名所在区域的服务器）
dns-status-timeout = TIMEOUT（超时）
dns-status-error = ERROR（出错）
dns-status-invalid = INVALID：这不是 DNS 能承载的域名

## 为什么回复不算回答（src/commands/dns/answer.rs、lookup.rs；JSON 的 "message" 和 "note"）。
dns-why-opcode = 服务器用操作码 { $opcode } 作答，而不是 QUERY
dns-why-badvers = BADVERS：它不支持所请求的 EDNS 版本
dns-why-rcode = 服务器回答的响应码是 { $rcode }（{ $what }）
dns-why-rcode-ede = 服务器回答的响应码是 { $rcode }（{ $what }）：{ $ede }
dns-why-cname-loop = CNAME 循环：{ $names }
dns-why-nxdomain-with-records = 服务器说 NXDOMAIN，却又给出了所查类型的记录
dns-why-chain-nxdomain = { $name }（CNAME 链指向的地方）不存在
dns-why-chain-nodata = { $name }（CNAME 链指向的地方）没有 { $rtype } 记录
dns-why-referral = 转介到 { $zone }（{ $servers }）：这台服务器不做递归查询；试试 --trace，或者问一台递归解析服务器
dns-why-no-name = 没有可查的域名
dns-why-no-server = 没有可问的服务器
dns-why-timeout = 等了 { $waited }，{ $server } 没有回答
# 某台服务器说的失败：“127.0.0.1:53：连接被拒绝”。
dns-why-server-said = { $server }：{ $why }
dns-note-chain-too-long = CNAME 链在 { $name } 之后还没完：netkit 最多跟 { $links } 层
dns-note-chain-outside = CNAME 链指向 { $name }，在 { $server } 管的区域之外；去问 { $name } { $rtype }，它回答 { $status }（递归解析服务器会顺着链查下去：netkit dns { $name }）
dns-note-chain-outside-detail = CNAME 链指向 { $name }，在 { $server } 管的区域之外；去问 { $name } { $rtype }，它回答 { $status }：{ $detail }（递归解析服务器会顺着链查下去：netkit dns { $name }）

## 服务器为什么没有回复（src/commands/dns/client.rs、tls.rs）。
dns-why-port-unreachable = 连接被拒绝：那个端口上没有程序在监听（ICMP 端口不可达）
dns-why-connection-refused = 连接被拒绝：那个端口上没有程序在监听
dns-why-cannot-connect = 连不上：{ $why }
dns-why-bad-packet = 坏包（bad packet）：{ $why }
dns-why-no-tls-handshake = 没有及时收到 TLS 握手的回复（对方不是 TLS 服务器？）
dns-why-h2-handshake = HTTP/2 握手失败：{ $why }
dns-why-http-request = 无法构造 HTTP 请求：{ $why }
dns-why-h2-exchange = HTTP/2 交换失败：{ $why }
dns-why-http-status = 服务器回了 HTTP 状态码 { $status }，而不是 DNS 报文
dns-why-udp-socket = 无法打开到 { $server } 的 UDP socket：{ $why }
dns-why-no-such-server = 没有这台服务器
dns-why-not-a-name = 这不是 DNS 能承载的域名
dns-why-truncated-then = 回答被截断了，改用 TCP 又出错：{ $why }
dns-why-not-udp = 不是 UDP 服务器
dns-why-not-https = 不是 HTTPS 服务器
dns-why-closed = 服务器关闭了连接
dns-why-closed-unanswered = 服务器没回答就关闭了连接
dns-why-truncated-over-tcp = 服务器通过 TCP 发来的回答也是截断的
dns-why-other-question-tcp = 服务器通过 TCP 回答的是另一个问题
dns-why-truncated = 服务器发来的回答是截断的
dns-why-other-question = 服务器回答的是另一个问题
dns-what-tls-hostname = TLS 主机名
dns-bad-tls-hostname = 既不是 DNS 域名，也不是 IP地址
dns-what-ca-file = CA 文件
dns-bad-ca-file-empty = 里面没有 PEM 证书
dns-tls-ca-unusable = --tls-ca 里的证书不能用：{ $why }
dns-setting-up-tls = 准备 TLS
dns-tls-closed = TLS：握手时服务器关闭了连接（对方不是 TLS 服务器？）
dns-tls-failed-io = TLS：握手失败：{ $why }
dns-tls-certificate = TLS：服务器的证书不被接受：{ $why }
dns-tls-alert = TLS：服务器中止了握手（{ $alert }）
dns-tls-alpn = TLS：服务器不支持所请求的协议（ALPN：TLS 用 dot，HTTPS 用 h2）
dns-tls-not-tls = TLS：服务器发来的不是 TLS（{ $what }；对方不是 TLS 服务器？）
dns-tls-incompatible = TLS：服务器和 netkit 找不到共同支持的方式（{ $what }）
dns-tls-failed = TLS：握手失败（{ $what }）
dns-cert-unknown-issuer = 它不是由受信任的 CA 签发的（用 --tls-ca FILE 可以信任别的 CA）
dns-cert-wrong-name = 它对 { $name } 无效（用 --tls-hostname NAME 指定名字）
dns-cert-expired = 它已经过期
dns-cert-not-yet = 它还没到生效时间（或者这台机器的时钟慢了）
dns-cert-revoked = 它已被吊销
dns-cert-bad-signature = 它的签名验证不通过
dns-cert-bad-encoding = 它不是格式正确的证书
dns-cert-purpose = 它不是给服务器用的（扩展密钥用途）
dns-cert-ca-as-server = 它是 CA 证书，不能用来标识服务器（服务器应该出示由这个 CA 签发的证书）
dns-cert-issuer-no-ca = 签发它的证书不是 CA
dns-cert-critical-extension = 它带有 netkit 不认识的关键扩展
dns-cert-version = 它不是 X.509 v3 证书
dns-cert-algorithm = 它的签名算法 netkit 不接受
dns-why-unreadable = 读不懂的回复
dns-why-build-query = 无法构造查询：{ $why }
dns-why-no-answer-within = { $timeout } 内 { $server } 没有回答
dns-why-nothing-listens = { $server } 上没有程序在监听（端口不可达）
dns-why-no-answer-within-tcp = { $timeout } 内 { $server } 没有通过 TCP 回答
dns-why-nothing-listens-tcp = { $server } 上没有程序在监听 TCP（连接被拒绝）
dns-why-tcp-closed = { $server } 没回答就关闭了 TCP 连接
dns-why-tcp-failed = 到 { $server } 的 TCP 连接出错：{ $why }

## 记录表的列名（普通查询、--full、--trace）。
dns-column-name = 域名
dns-column-ttl = TTL
dns-column-class = 类
dns-column-type = 类型
dns-column-data = 数据

## --full：完整的回复（src/commands/dns/message.rs）。段名沿用 dig 的写法。
dns-label-server = 服务器
dns-label-header = 报头
dns-label-warning = 警告
dns-label-edns = EDNS
dns-label-question = 问题
dns-full-via = { $server }，经 { $transport }，{ $size } 字节，用时 { $time }
dns-full-via-retried = { $server }，经 { $transport }（UDP 回答被截断，改用 TCP 重问），{ $size } 字节，用时 { $time }
dns-full-header = id { $id }，{ $opcode }，{ $rcode }；标志位：{ $flags }
dns-full-trailing = 报文末尾多出 { $bytes } 个字节
dns-full-edns = 版本 { $version }，UDP 大小 { $size }
dns-full-no-edns = 回复里没有
dns-full-section = { $section }（{ $count }）：

## --compare（src/commands/dns/compare.rs）。
dns-compare-column-server = 服务器
dns-compare-column-group = 组
dns-compare-column-rcode = 响应码
dns-compare-column-records = 记录
dns-compare-column-time = 用时
dns-compare-referral = 转介到 { $zone }（{ $servers }）
dns-compare-parenthesized = （{ $text }）
dns-compare-none = （没有）
dns-compare-agree = { $servers } 台服务器的回答一致
dns-compare-disagree = 服务器的回答不一致：{ $servers } 台服务器给出了 { $answers } 种不同的回答

## 一次查询的回答（src/commands/dns/mod.rs）。
dns-label-name = 域名
dns-label-search = 搜索
dns-label-via = 经由
dns-name-asked-as = { $name }（实际查询的是 { $asked }）
dns-via-stub = { $stub } 是 { $resolver } 在本机的转发代理，它把查询转给 { $upstreams }
dns-via-stub-unknown = { $stub } 是 { $resolver } 在本机的转发代理，不知道它把查询转给了谁
# 搜索列表由输入的名字生成、实际问过的名字：“试过 www.lab.test.（NODATA）、www.（NXDOMAIN）”。
dns-search-tried = 试过 { $names }
dns-search-name = { $name }（{ $what }）
dns-nodata-line = NODATA：{ $name } 存在，但没有 { $types } 记录
dns-nxdomain-line = NXDOMAIN：{ $name } 不存在
# 状态和原因：“NXDOMAIN：a.test.（CNAME 链指向的地方）不存在”。
dns-status-said = { $status }：{ $why }
dns-said = { $why }
dns-status-from = { $status }（{ $server }）
dns-ignored = 忽略了 { $count } 条记录：它们的名字既不是 { $name }，也不在它的 CNAME 链上
dns-also-a-type = { $word } 也是一种记录类型：要查某个域名的 { $rtype } 记录，请用 netkit dns NAME { $word }
dns-query-time = 查询用时：{ $times }
dns-query-time-each = 查询用时：{ $queries } 个查询同时发出，每个 { $time }
dns-query-time-range = 查询用时：{ $queries } 个查询同时发出，{ $min } 到 { $max }

## 命令行和文件的错误。
dns-what-concurrency = 并发数
dns-bad-at-least-one = 至少要是 1
dns-class-needs-full = 类 { $class } 需要 --full（解析器只查 IN 类）
dns-give-a-name = 请给出要查的域名 NAME，反向查询用 -x IP，批量查询用 --file FILE
dns-looking-up-server = 查找服务器 { $name } 的地址
dns-needs-tls = { $flag } 要和 --tls 或 --https 一起用
dns-second-name = “{ $word }”不是记录类型，而是第二个域名：netkit dns 一次只查一个域名；要查好几个，就把它们写进文件、每行一个（netkit dns --file NAMES），或者每个域名运行一次 netkit dns
dns-starting-runtime = 启动 DNS 运行时
dns-one-name-not-file = { $option } 只查一个域名，不能用文件
dns-udp-or-tcp-only = { $option } 通过 UDP（被截断时改用 TCP）或 TCP 查询，不支持 TLS 或 HTTPS
dns-what-root-hints = 根提示文件
dns-bad-root-hints = 里面没有 A 或 AAAA 行（根提示文件列出根服务器，像 named.root 那样）
dns-built-in-anchors = 内置的信任锚
dns-what-trust-anchor = 信任锚文件
dns-bad-trust-anchor-empty = 里面没有 DS 或 DNSKEY 记录（ZONE IN DS TAG ALGORITHM DIGEST-TYPE HEX，或 ZONE IN DNSKEY FLAGS 3 ALGORITHM KEY）
dns-root-hints-and-server = --root-hints 和 @SERVER 都指定了从哪里开始：只能给一个
dns-root-hints-alone = --root-hints 只用于 --trace 和 --validate
dns-compare-two-servers = --compare 至少需要两台服务器（@SERVER @SERVER...）
dns-building-query = 构造查询
dns-asking-for = 查询 { $name } { $rtype }
dns-validate-no-answer = 没有可验证的回答：{ $why }
dns-validate-no-answer-none = 没有可验证的回答：一个回复也没收到

## DNSSEC（src/wire/dnssec、src/commands/dns/validate.rs）：信任链上的每一环，以及结论的理由（JSON 里仍是英文）。
dnssec-no-types = 没有

## 从根往下走（src/commands/dns/source.rs、walk.rs）。
dns-budget-queries = 查询次数用完了：一次查找最多发 { $queries } 个查询
dns-budget-time = 时间到了：一次查找最长 { $time }
dns-budget-deadline = 时间到了
dns-asked-from-referrals = 从 { $server } 以及它转介到的服务器那里查（它不做递归查询）
dns-asked-through = 通过 { $server } 查（设置了 CD 位）
dns-asked-from-root = 从根服务器一路往下查
dns-no-server-known = 不知道哪台服务器负责 { $name }
dns-no-server-answered = { $zone } 的服务器都没有回答
dns-server-answered = { $server } 回答 { $rcode }
dns-no-ns-address = { $zone } 的域名服务器一个地址也没找到
dns-too-many-referrals = 转介超过了 { $steps } 次
dns-lame-server = { $server } 既没有给出回答，也没有转介：这是一个失效委派（lame delegation）
dns-lame-neither = 既没有回答，也没有转介，说明这个委派已经失效
dns-lame-refused = 拒绝回答或出错，说明这个委派已经失效
dns-zone-lame = { $zone } 的服务器都没有给出回答或转介
dns-the-server-answered = 服务器回答 { $rcode }
dns-prime-failed = 向 { $server } 询问根域名服务器：{ $why }
dns-prime-no-servers = { $server } 没有给出根的域名服务器（{ $rcode }）
dns-prime-no-addresses = { $server } 说出了根服务器的名字，却一个地址也没给

## --trace 和 --validate 的显示（src/commands/dns/walk.rs）。
dns-trace-of = 从根开始逐级追踪 { $name } { $rtype }
dns-validation-of = 对 { $name } { $rtype } 做 DNSSEC 验证，记录{ $how }
dns-trace-root-servers = 根服务器（由 { $server } 给出）：{ $servers }
# 一步里某台服务器说了什么：“问了 ns.test. (127.0.0.3:53)：转介，用时 1.2 ms”。
dns-trace-asked = 问了 { $who }：{ $said }
dns-trace-asked-time = 问了 { $who }：{ $said }，用时 { $time }
dns-trace-asked-why = 问了 { $who }：{ $said }：{ $why }
dns-trace-asked-time-why = 问了 { $who }：{ $said }，用时 { $time }：{ $why }
dns-outcome-referral = 转介
dns-outcome-answer = 回答
dns-outcome-nodata = 没有数据
dns-outcome-lame = 失效委派（lame）
dns-outcome-timeout = 没有回答
dns-outcome-error = 出错
# 转介里的一台域名服务器，它的地址以及地址从哪里来。
dns-trace-ns-glue = { $name } [{ $addresses }；胶水记录]
dns-trace-ns-no-address = { $name } [{ $addresses }；没有胶水记录，也没查到地址]
dns-trace-ns-looked-up = { $name } [{ $addresses }；没有胶水记录：另外查到的]
dns-trace-served-by = { $zone } 由 { $servers } 负责
dns-trace-nxdomain = { $name } 不存在（NXDOMAIN）
dns-trace-nodata = { $name } 没有 { $rtype } 记录
dns-trace-stopped = 追踪中断了：{ $why }
dns-validate-failed = 没有回答：{ $why }
dns-trace-link = { $zone }：{ $detail }
dnssec-verdict-secure = DNSSEC：安全（信任链的每一环都验证通过）
dnssec-verdict-insecure = DNSSEC：不安全（未签名）：{ $reason }
dnssec-verdict-bogus = DNSSEC：伪造（验证失败）：{ $reason }
dnssec-verdict-indeterminate = DNSSEC：无法判定：{ $reason }
dnssec-asking-gave = 查询 { $name } { $rtype } 得到 { $rcode }
dnssec-asking-failed = 查询 { $name } { $rtype }：{ $why }
dnssec-no-anchor = { $name } 及其上面的各级区域都没有信任锚（RFC 4033 5）
dnssec-ds-of = { $zone } 的 DS：{ $why }
dnssec-dnskey-of = { $zone } 的 DNSKEY：{ $why }
dnssec-ds-unsigned = { $zone } 的 DS 记录集没有 RRSIG
dnssec-ds-wrong-signer = { $zone } 的 DS 记录集由 { $signer } 签名，而它不是上级区域
dnssec-signs-but-absent = { $zone } 给记录签了名，但它的上级区域证明这个名字不存在
dnssec-no-ds-unproved = { $zone } 在上级区域没有 DS，但这一点没有得到证明：{ $why }
dnssec-link-unsigned-delegation = 上级区域没有 DS：这是一个未签名的委派
dnssec-unsigned = { $zone } 没有签名（上级区域没有它的 DS）
dnssec-unsigned-because = { $zone } 没有签名（上级区域没有它的 DS）：{ $why }
dnssec-rrset-unsigned = { $rrset } 没有 RRSIG，但它所在的区域 { $zone } 是签了名的
dnssec-link-signed = { $rrset } 由密钥 { $tag } 签名
dnssec-link-signed-wildcard = { $rrset } 由密钥 { $tag } 签名，由通配符 { $wildcard } 展开而来
dnssec-negative-unsigned = { $name } 的否定回答没有签名
dnssec-negative-no-proof = { $name } 的否定回答既没有 SOA，也没有证明
dnssec-dname-mismatch = { $name } 的 CNAME 指向 { $target }，而不是它的 DNAME 所说的 { $synthesized }

## --file：批量查询（src/commands/dns/lines.rs）。
dns-line-why = 第 { $line } 行：{ $why }
dns-line-too-long = 这一行超过了 { $max } 字节
dns-reading-stdin = 从标准输入读取域名
dns-starting-reader = 启动域名读取
dns-bulk-column-status = 状态
dns-bulk-column-records = 记录
# 查询进行中的实时行：“57/120 个域名，50 个有回答，48/s，1.2 s”。
dns-bulk-progress-of = { $done }/{ $total } 个域名，{ $answered } 个有回答，{ $rate }，{ $time }
dns-bulk-progress = { $done } 个域名，{ $answered } 个有回答，{ $rate }，{ $time }
# 汇总：“120 个域名，用时 2.5 s（48/s）：110 个有回答，8 个 NXDOMAIN 或 NODATA，2 个失败”。
dns-bulk-summary = { $head }（{ $rate }）：{ $parts }
dns-bulk-done = { $done } 个域名，用时 { $time }
dns-bulk-interrupted-of = 在 { $time } 后被中断：查了 { $total } 个域名中的 { $done } 个
dns-bulk-interrupted = 在 { $time } 后被中断：查了 { $done } 个域名
dns-bulk-answered = { $count } 个有回答
dns-bulk-negative = { $count } 个 NXDOMAIN 或 NODATA
dns-bulk-failed = { $count } 个失败
dns-bulk-invalid = { $count } 个 INVALID

## 帮助（netkit dns --help，man/zh_CN/netkit-dns.1）。一行简介在 help.ftl 里。
help-dns-before =
    示例：
      netkit dns example.com
      netkit dns example.com MX TXT @1.1.1.1
      netkit dns -x 192.0.2.1
      netkit dns --file names.txt --short
      netkit dns example.com @dns.quad9.net --tls
      netkit dns example.com SOA @192.0.2.53 --full --norecurse
      netkit dns CH TXT version.bind @192.0.2.53 --nsid
      netkit dns example.com @192.0.2.53 @198.51.100.53 --compare
      netkit dns www.example.com --trace
help-dns-after =
    参数和 dig 一样可以按任意顺序给出：记录类型（dig 认识的所有助记符，以及
    TYPEnnn；默认查 A 和 AAAA）、服务器（@IP[:PORT]、@[IPv6]:PORT、@NAME[:PORT]；
    NAME 也是 DoT/DoH 证书上必须带的名字），以及域名：不是记录类型的那个词就是
    域名（`netkit dns MX example.com`）；域名里可以用 RFC 1035 的转义（dot\.name、
    sp\032ace）。不指定服务器时，就像 C 库那样去问 /etc/resolv.conf 里的 DNS
    服务器，并使用它的搜索列表和 ndots；试过的每个名字都会列出来。非拉丁文字的
    域名以 punycode（IDNA）发送。

    --file：每行一个域名（'#' 开头是注释），边读边查；每个域名输出一行结果，
    除非用 --unordered，否则按输入顺序；--json 每行输出一个对象；按 Ctrl-C
    会打印已经得到的结果。
    --full（或 --norecurse、--cd、--dnssec、--nsid、--subnet、--bufsize、
    --no-edns、--ignore-tc）：像 dig 那样显示第一台回答的服务器给出的完整回复
    （包括 EDNS 选项和扩展 DNS 错误；加 --tcp 则通过 TCP），不使用搜索列表；
    域名前面的类名（CH、HS）表示查询那个类。不加 --full 时，--json 里仍然带着
    每个查询的完整回复（`response`）。
    --compare：同时问所有服务器；响应码、回答种类和记录（不计 TTL）都相同的
    服务器归为一组。

    退出状态：0 得到了回答（某个域名的一种类型有回答、另一种类型被 REFUSED，
    只算备注），1 NXDOMAIN 或没有该类型的数据（--compare：服务器的回答不一致），
    2 输入有误，3 SERVFAIL、REFUSED、转介（服务器不做递归查询）、CNAME 循环、
    坏包、超时或其他网络错误。用 --file 时：0 每个域名都有回答，1 有的没有
    回答，2 某一行不是域名，3 出错。
help-dns-arg-args = 要查的域名、记录类型和 @SERVER[:PORT]，顺序不限（不是记录类型的那个词就是域名）
help-dns-arg-reverse = 反向查询：查这个IP地址的 PTR 记录
help-dns-arg-servers = 要问的服务器（IP、IP:PORT、NAME 或 NAME:PORT）；可以给多次，一台失败就按顺序问下一台
help-dns-arg-all = 查询所有常见的记录类型（A AAAA CNAME MX NS TXT SOA CAA HTTPS）
help-dns-arg-short = 只打印记录的数据，每行一条
help-dns-arg-tcp = 用 TCP 代替 UDP（也适用于 --full、--compare 以及隐含 --full 的选项）
help-dns-arg-tls = DNS over TLS（默认端口 853），证书按内置的根证书检查
help-dns-arg-https = DNS over HTTPS（端口 443，/dns-query），证书按内置的根证书检查
help-dns-arg-tls_ca = 和 --tls/--https 一起用：只信任这个 PEM 文件里的 CA 证书，不用内置的根证书
help-dns-arg-tls_hostname = 和 --tls/--https 一起用：服务器证书上必须带的名字（默认是给出服务器时用的名字，没有名字就用它的IP地址）
help-dns-arg-timeout = 每次尝试等多久：2、1.5、500ms（只写数字表示秒，和 dig +time 一样）
help-dns-arg-retries = 第一次尝试超时后再试几次。0：每个域名的每种类型只发一个查询；从 1 起，一次尝试中丢失的 UDP 查询过一个往返时间后也会重发
help-dns-arg-file = 查询 FILE 里的每个域名，每行一个（'-' 表示标准输入），边读边查
help-dns-arg-concurrency = 和 --file 一起用：同时查多少个域名（服务器丢包时，在途的查询会减少）
help-dns-arg-unordered = 和 --file 一起用：结果一到就打印，不按输入顺序
help-dns-arg-full = 像 dig 那样显示完整的回复：报头和标志位、question、answer、authority 和 additional 各段、EDNS、大小和用时（只问一台服务器；用 UDP，被截断或加 --tcp 时用 TCP）
help-dns-arg-norecurse = 清除 RD 位：请服务器不要递归查询（隐含 --full）
help-dns-arg-cd = 设置 CD 位：请做验证的解析服务器不要检查 DNSSEC（隐含 --full）
help-dns-arg-dnssec = 设置 DO 位：请服务器随回答一起给出 DNSSEC 记录（RRSIG、NSEC……）（隐含 --full）
help-dns-arg-nsid = 请服务器给出它的名称服务器标识，RFC 5001（隐含 --full）
help-dns-arg-subnet = 要发送的 EDNS 客户端子网，RFC 7871：ADDR/PREFIX（隐含 --full）
help-dns-arg-bufsize = 要声明的 EDNS UDP 载荷大小，512-65535（隐含 --full）
help-dns-arg-no_edns = 不发送 EDNS OPT 记录（隐含 --full）
help-dns-arg-ignore_tc = 保留被截断的 UDP 回答，不再用 TCP 重问（隐含 --full）
help-dns-arg-human_ttl = TTL 显示成 1h2m3s，而不是秒数（只影响表格；JSON 仍是秒）
help-dns-arg-compare = 同时问给出的每台服务器（多个 @SERVER），按类型显示哪些服务器的回答一致；不一致时退出状态为 1
help-dns-arg-trace = 像 dig +trace 那样从根开始迭代查询：显示每一步委派、问了哪些服务器、谁作了回答、转介（NS 和胶水记录），最后是回答。加 @SERVER 时，先向 SERVER 询问根域名服务器（和 dig +trace @SERVER 一样），从它们开始往下走，并且每台服务器都用 SERVER 的端口
help-dns-arg-root_hints = 和 --trace 或 --validate 一起用（不加 @SERVER 时）：从 FILE 列出的根服务器开始（根提示文件里的 A/AAAA 行，如 named.root），不用内置的根服务器
help-dns-arg-validate = 像 delv 那样检查从信任锚到回答的 DNSSEC 信任链（CNAME 链上的每个 RRset、通配符的证明），否定回答则检查到它的 NSEC/NSEC3 证明：结论是安全（secure）、不安全（insecure：未签名的委派、opt-out 区间、netkit 不验证的算法）、无法判定（indeterminate：这个域名上面没有信任锚）或伪造（bogus，附原因，退出状态 1）。加 @SERVER 时，每条记录都设置 CD 位向 SERVER 查询，和 delv @SERVER 一样（权威服务器 SERVER 给出的转介会跟下去）；不加时从根服务器往下查；加 --trace 时，沿着追踪走过的服务器查
help-dns-arg-trust_anchor = 和 --validate 一起用：信任锚，写成 DS 行（ZONE IN DS TAG ALGORITHM DIGEST-TYPE HEX）或 DNSKEY 行（dnssec-keygen 或 ldns-keygen 生成的 .key 文件、unbound-anchor 的 root.key），代替内置的根信任锚
help-dns-arg-max_queries = 和 --trace 或 --validate 一起用：一次查找最多发多少个查询（没有胶水记录的转介可能要问很多次）；超过就停下并说明
help-dns-arg-max_time = 和 --trace 或 --validate 一起用：一次查找最长用多久；超过就停下并说明

## NSEC 证明（src/wire/dnssec/nsec.rs）。
nsec-lists-type = { $at } 处的 NSEC 列出了类型 { $rtype }：数据是存在的
nsec-lists-cname = { $at } 处的 NSEC 列出了 CNAME：回答本应顺着它走下去
nsec-child-side = { $at } 处的 NSEC 属于子区域（它列出了 SOA）：不能证明没有 DS
nsec-parent-side = { $at } 处的 NSEC 是委派的上级一侧：它只能证明没有 DS
nsec-proves-nodata = { $nsec } 证明 { $at } 没有 { $rtype } 类型的数据（它有：{ $types }；由密钥 { $tag } 签名）
nsec-proves = { $nsec } 证明：{ $what }（由密钥 { $tag } 签名）
nsec-name-exists = { $at } 处的 NSEC 表明这个名字存在
nsec-none-covers = 没有 NSEC 覆盖 { $at }
nsec-none-at-or-covering = { $at } 处没有 NSEC，也没有 NSEC 覆盖它
nsec-empty-non-terminal = { $at } 是空的非终端节点：它没有任何类型的数据
nsec-does-not-exist = { $at } 不存在
nsec-none-at = { $at } 处没有 NSEC
nsec-wildcard-exists = 通配符 { $star } 存在：{ $at } 本应由它来回答
nsec-no-wildcard = 没有通配符 { $star }
nsec-wildcard-unproved = 没有 NSEC 证明不存在通配符 { $star }
nsec-none-at-or-wildcard = { $at } 处没有 NSEC，它可能来自的通配符 { $star } 处也没有
nsec-wildcard-name-unproved = { $at } 由通配符 { $star } 回答，但没有 NSEC 证明它本身不存在
nsec-wrong-encloser = 覆盖 { $at } 的 NSEC 显示最近的祖先是 { $shown }，而不是通配符 { $star } 所在的 { $encloser }
nsec-wildcard-answered = { $nsec } 证明 { $at } 不存在，所以由通配符 { $star } 回答（由密钥 { $tag } 签名）

## NSEC3 证明（src/wire/dnssec/nsec3.rs）。
nsec3-too-many-iterations = 这些 NSEC3 记录用了 { $iterations } 次迭代，超过 netkit 计算的上限 { $limit } 次（RFC 9276 3.2，和 BIND、unbound 一样）：按未签名处理
nsec3-encloser-cut = 匹配 { $candidate } 的 NSEC3 是委派或 DNAME：它不能作为 { $at } 最近的祖先
nsec3-next-closer-uncovered = 没有 NSEC3 覆盖 { $at } 的下一个更近的名字 { $next }
nsec3-no-encloser = 没有 NSEC3 匹配 { $at } 上面的任何名字：缺少最近祖先的证明
nsec3-lists-type = 匹配 { $which } 的 NSEC3 列出了类型 { $rtype }：数据是存在的
nsec3-lists-cname = 匹配 { $which } 的 NSEC3 列出了 CNAME：回答本应顺着它走下去
nsec3-child-side = 匹配 { $which } 的 NSEC3 属于子区域（它列出了 SOA）：不能证明没有 DS
nsec3-parent-side = 匹配 { $which } 的 NSEC3 是委派的上级一侧：它只能证明没有 DS
nsec3-proves-nodata = { $nsec3 } 匹配 { $which }，证明它没有 { $rtype } 类型的数据（它有：{ $types }；由密钥 { $tag } 签名）
nsec3-link = { $nsec3 } { $what }（由密钥 { $tag } 签名）
nsec3-name-exists = 有 NSEC3 匹配 { $at }：这个名字存在
nsec3-matches-encloser = 匹配最近的祖先 { $ce }
nsec3-covers-next-closer = 覆盖下一个更近的名字 { $nc }
nsec3-covers-next-closer-opt-out = 覆盖下一个更近的名字 { $nc }（opt-out 区间）
nsec3-opt-out-name = { $nc } 在 NSEC3 的 opt-out 区间里：它可能是未签名的委派，所以不能证明 { $at } 不存在（RFC 5155 6）
nsec3-opt-out-ds = { $at } 在 NSEC3 的 opt-out 区间里，而且没有 DS：这是一个未签名的委派（RFC 5155 6）
nsec3-ds-unproved = 没有 NSEC3 匹配 { $at }，覆盖 { $nc } 的那条也不是 opt-out：没有什么能证明不存在 DS
nsec3-none-matches = 没有 NSEC3 匹配 { $at }
nsec3-wildcard-exists = 有 NSEC3 匹配通配符 { $star }：{ $at } 本应由它来回答
nsec3-wildcard-uncovered = 没有 NSEC3 覆盖通配符 { $star }
nsec3-covers-wildcard = 覆盖通配符 { $star }：没有这个通配符
nsec3-so-absent = 所以 { $at } 不存在
nsec3-none-matches-or-wildcard = 没有 NSEC3 匹配 { $at }，也没有匹配它可能来自的通配符 { $star }
nsec3-not-below-wildcard = { $at } 不在通配符 { $star } 的上级之下
nsec3-wildcard-answered = { $nsec3 } 覆盖下一个更近的名字 { $next }，所以由通配符 { $star } 回答 { $at }（由密钥 { $tag } 签名）
nsec3-wildcard-unproved = { $at } 由通配符 { $star } 回答，但没有 NSEC3 覆盖它的下一个更近的名字 { $next }

## 签名、算法和证明用的记录（src/wire/dnssec/rrset.rs、support.rs、denial.rs）。
rrsig-no-records = { $rrset }：没有可验证的记录
rrsig-none = { $rrset } 没有 RRSIG
rrsig-unsupported = { $rrset } 的签名用的是{ $why }
rrsig-wrong-signer = { $rrset } 上的 RRSIG 由 { $signer } 签发，而不是由区域 { $zone } 签发
rrsig-labels = { $rrset } 上的 RRSIG 写的标签数是 { $labels }，比它的名字实际的标签还多
rrsig-no-key = { $zone } 没有哪个 DNSKEY 的密钥标签是 { $tag }、算法是 { $algorithm }，而 { $rrset } 的签名要用它
rrsig-not-yet = { $rrset } 上的签名（密钥 { $tag }）还没生效：从 { $from } 起生效，现在是 { $now }
rrsig-expired = { $rrset } 上的签名（密钥 { $tag }）已在 { $expired } 过期，现在是 { $now }
rrsig-fails = { $rrset } 上的签名（密钥 { $tag }）验证不通过：{ $why }
dnssec-algorithm-unsupported = 算法 { $algorithm }，netkit 不支持：{ $why }
dnssec-algorithm-must-not = RFC 8624 规定不得用它来验证
dnssec-algorithm-gost = 没有实现 GOST（RFC 8624：可选）
dnssec-algorithm-ed448 = 目前还没有正式发布、经过审查的 Ed448 Rust 验证库（RustCrypto 的 ed448-goldilocks 是预发布版，作者说它未经审计）
dnssec-algorithm-unknown = 这不是 netkit 认识的签名算法
dnssec-digest-unsupported = 不支持 DS 摘要类型 { $digest }
denial-signature-fails = { $why }：{ $kind } 的签名验证不通过（{ $bad }）
denial-none-name = 没有 NSEC 或 NSEC3 记录证明 { $at } 不存在
denial-none-data = 没有 NSEC 或 NSEC3 记录证明 { $at } 没有 { $rtype } 记录
denial-none-wildcard = { $name } 由通配符 { $star } 回答，但没有 NSEC 或 NSEC3 记录证明不存在更近的匹配（RFC 4035 5.3.4）

## 信任链（src/wire/dnssec/chain.rs）。
# 两条或更多理由，一条接一条。
dnssec-clauses = { $first }；{ $rest }
dnssec-every-ds-unverifiable = { $zone } 的每条 DS 记录都是 netkit 不验证的种类（{ $why }），所以按未签名处理（RFC 4035 5.2）
dnssec-every-anchor-unverifiable = { $zone } 的每个信任锚都是 netkit 不验证的种类（{ $why }），所以按未签名处理（RFC 4035 5.2）
dnssec-no-dnskey = { $zone } 没有 DNSKEY
dnssec-no-key-matches-ds = { $zone } 没有哪个 DNSKEY 与它的 DS（密钥 { $tags }）相符：密钥不对，或者缺了 DS
dnssec-no-key-matches-anchor = { $zone } 没有哪个 DNSKEY 与它的信任锚（密钥 { $tags }）相符：密钥不对，或者缺了 DS
dnssec-link-keys-by-ds = DNSKEY 记录集由密钥 { $tag } 签名，这个密钥有上级区域的 DS 担保
dnssec-link-keys-by-anchor = DNSKEY 记录集由密钥 { $tag } 签名，这个密钥有信任锚担保
dns-line-not-utf8 = 不是 UTF-8 文本

## 其他错误（src/commands/dns/parse.rs、mod.rs）。
dns-what-type = 记录类型
dns-bad-type-any = 不支持 ANY（大多数服务器拒绝回答它，RFC 8482）；请用 --all
dns-bad-type-transfer = 区域传送不是查询（区域传送请用 dig：dig @SERVER ZONE AXFR）
dns-bad-type-unknown = 应该是 dig 认识的记录类型（A、AAAA、CNAME、MX、NS、TXT、SOA、PTR、SRV、CAA、HTTPS、DS、DNSKEY、LOC、URI……）或 TYPEnnn
dns-no-address = 这个名字没有地址
# 每台服务器的失败，一条接一条。
dns-failures = { $first }；{ $rest }

## 信任锚文件（src/wire/dnssec/anchors.rs）。
anchor-origin = 第 { $line } 行：$ORIGIN 后面要跟一个绝对域名
anchor-not-a-record = 第 { $line } 行不是 DS 或 DNSKEY 记录：{ $why }
anchor-no-type = 没有记录类型
anchor-bad-owner = 名字 { $owner } 有误：{ $why }
anchor-missing = 缺少{ $what }
anchor-bad = { $what }有误
anchor-key-tag = 密钥标签
anchor-algorithm = 算法
anchor-digest-type = 摘要类型
anchor-digest = 摘要
anchor-flags = 标志
anchor-protocol = 协议字段
anchor-key = 密钥
anchor-digest-not-hex = 摘要不是十六进制
anchor-protocol-3 = DNSKEY 的协议字段应该是 3
anchor-key-not-base64 = 密钥不是 base64
anchor-its-type = 它的类型是 { $rtype }

# 带转义的域名（表示格式，src/wire/dns/name.rs），以及 -x。
dns-name-bad-long-label = 有一个标签超过了 63 字节
dns-name-bad-too-long = 超过了 255 字节
dns-name-bad-lone-backslash = 以一个单独的反斜杠结尾
dns-name-bad-short-escape = 有一个 \DDD 转义不足三位数字
dns-name-bad-escape-range = 转义 { $escape } 超过了 255
dns-name-bad-char = 含有空格或 ASCII 以外的字符：请写成 \DDD
dns-bad-reverse = -x 后面要跟 IPv4 或 IPv6 地址
