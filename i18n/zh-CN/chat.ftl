# `netkit chat`（src/commands/chat）：本机控制台上说的话（stderr 上的提示、在这里输入的命令的回答）、
# 错误和帮助。经网络发给对方或聊天室成员的内容（聊天室的欢迎语和通知、聊天室里的 /help、bye）
# 照协议保持英文：读它的是对方的程序。网页（src/commands/chat/web）没有语言协商，保持英文。

## 和一个对方的对话（talk.rs）。
chat-end-said-bye = 我们说了 bye
chat-end-peer-said-bye = 对方说了 bye
chat-end-peer-left = 对方关闭了连接
chat-end-input = 输入结束
chat-end-interrupted = 被中断
chat-idle-timeout = 空闲超时：{ $time } 内没有任何消息
chat-works-in-a-room = { $command } 要在聊天室里用（netkit chat server --room）；现在是和 { $peer } 一对一的对话
chat-help-one-peer = 这是和 { $peer } 一对一的对话：每一行都发给它，bye（或 /quit）结束对话，//text 发送以 / 开头的文字；/nick 和 /who 要在聊天室里用（netkit chat server --room）
chat-unknown-command = 没有 { $word } 这个命令；/help 列出所有命令
chat-reset-before-heard = 服务端还没说话，到 { $peer } 的连接就被重置了
chat-reset-before-heard-why = 它多半根本没有接受我们的连接：我们一直在它的监听队列（backlog）里等着（像教程里那样一次只和一个客户端说话的服务端，会让后来的客户端在那里等），现在它关闭了；等它空下来再试
chat-reset = 到 { $peer } 的连接被重置了
chat-reset-why = 对方的程序在对话中途退出或崩溃了
chat-talking-with = 和 { $peer } 对话
chat-peer-line-too-long = 对方发来的一行超过了 { $max } 字节：已丢弃
chat-line-too-long-not-sent = 这一行超过了 { $max } 字节，没有发送
chat-waiting-in-backlog = { $peer } 还没有回答：如果它正在和另一个客户端说话（教程里的服务端一次只接待一个），这个连接会在它的监听队列里等到它空下来，你发的内容也跟着一起等
chat-found-turns = { $peer } 发消息不带换行，发完就等回答：它是轮流说话的，和教程里的程序一样；这边也照样回答（每轮一条消息，不带换行：--framing raw）
chat-found-lines = { $peer } 按行发送：双方随时都可以说话（--framing line）
chat-empty-in-turns = 轮流说话时不能发送空消息
chat-too-long-for-turns = 没有发送：{ $bytes } 字节超过了教程里的程序一次能读的 { $most } 字节（轮流说话时）；请缩短，或者改用 --framing line
chat-held-for-turn = 先留着，等 { $peer } 回答后再发：双方轮流说话，每次一条

## 服务端和客户端（server.rs、client.rs、mod.rs）。
chat-room-no-raw = --room 按行转发消息，不能用 --framing raw
chat-what-count = 数量
chat-bad-max-clients = --max-clients 至少要是 1
chat-starting-runtime = 启动异步运行时
chat-cannot-listen = 无法在 { $address } 上监听
chat-port-in-use = 这个端口已经被别的程序占用了（换一个 { $flag }，或者停掉那个程序）
chat-port-privileged = 1024 以下的端口需要 root 或 CAP_NET_BIND_SERVICE 权限（请选 1023 以上的端口：{ $instead }）
chat-address-not-here = 这个地址不是本机的（请绑定本机的某个地址，见 netkit ifaces，或者用 127.0.0.1）
chat-no-ipv6 = 本机没有 IPv6（请绑定 IPv4 地址，比如 127.0.0.1）
chat-reach-loopback = 只有本机能连
chat-reach-everywhere = 所有网卡：网络上的其他主机也能连
chat-reach-network = 网络上的其他主机也能连
chat-listening-on = 正在 { $address } 上监听（{ $reach }）；{ $what }
chat-listening = 正在监听（{ $reach }）；{ $what }
chat-one-conversation = 一次只进行一个对话，后来的客户端在监听队列里等
chat-accepting = 接受连接
chat-peer-connected = { $peer } 连上了
chat-peer-disconnected = { $peer } 断开了（{ $why }）
chat-cannot-resolve = 无法解析 { $name }
chat-no-address = 这个名字没有地址
chat-check-the-name = { $why }（请检查名字，或者直接给出地址；netkit dns { $name }）
chat-refused = { $target } 拒绝了连接
chat-refused-next = 那个端口上没有程序在监听（服务端在运行吗？netkit chat server --port { $port }）
chat-no-answer = { $time } 内 { $target } 没有回应
chat-no-answer-next = 防火墙丢弃了连接，或者那台主机没开（请检查地址，或者用 --timeout 多等一会儿）
chat-cannot-reach = 到达不了 { $target }
chat-no-ipv6-route = 本机没有到它的 IPv6 路由（试试它的 IPv4 地址）
chat-no-route = 本机没有到那个网络的路由（请检查地址；netkit route get { $address }）
chat-host-unreachable = 那个地址所在的网络上没有主机应答（主机开着吗？地址对吗？）
chat-cannot-connect = 无法连接 { $target }
chat-forbidden = 本机禁止了这个连接（本地防火墙规则？）
chat-connected-to = 已连上 { $peer }
chat-disconnected = 已断开（{ $why }）

## 聊天室的控制台（room.rs）：给管理者看的提示。
chat-room-for = 聊天室最多容纳 { $clients } 个客户端；输入的话所有人都能看到，/help 查看命令，/quit 关闭聊天室
chat-line-too-long = 这一行太长：没有发送
chat-operator-help = 命令：/who 列出聊天室里的人，/help 显示这份列表，/quit（或 bye）关闭聊天室；其他行以 <server> 的身份发给所有人，//text 发送以 / 开头的文字
chat-operator-nick = 你对所有人来说都是 <server>；/nick 是给成员用的
chat-room-closed = 聊天室已关闭
chat-running-room = 运行聊天室
chat-web-listening = 网页：正在监听
chat-web-loopback = 网页在 { $urls }（只有本机能打开）；用浏览器进入的是同一个聊天室
chat-web-network = 网页在 { $urls }（网络上的其他主机也能连）：别人可以用浏览器打开
chat-web-everywhere-unknown = 网页在 { $local }（所有网卡：网络上的其他主机也能连）；别人打开 http://本机地址:{ $port }/（netkit ifaces 列出本机地址）
chat-web-everywhere = 网页在 { $local }（所有网卡：网络上的其他主机也能连）；别人打开 { $urls }
chat-or = {" 或 "}
chat-member-line-too-long = { $member } 发来的一行超过了 { $max } 字节：已丢弃
chat-refused-member = 拒绝了 { $address }：{ $why }
chat-refused-full = 拒绝了 { $address }：聊天室已满
chat-joined = { $nick } 进来了（聊天室里现在有 { $count } 人）
chat-joined-browser = { $nick } 从浏览器进来了（聊天室里现在有 { $count } 人）
chat-renamed = { $old } 改名为 { $new }
chat-who = 这里有 { $count } 人：{ $members }
chat-left = { $nick } 离开了（{ $why }；聊天室里还有 { $count } 人）

## 帮助（netkit chat --help，man/zh_CN/netkit-chat*.1）。chat 的一行简介在 help.ftl 里。
help-chat-after =
    分帧：'auto'（默认）能和 netkit、nc 以及教程里的 Python 程序对话：一条消息到换行
    为止，或者到对方发完数据停下来为止（也就是一次 recv(1024) 读到的内容）。如果对方
    的第一条消息不带换行，说明它是轮流说话的，和教程里的程序一样：netkit 会提示这一点，
    之后也用同样的方式回答（每条消息一次 send()，不带换行，每轮一条）。否则消息按行
    划分，双方随时都可以说话。'line' 只收发以换行结尾的 UTF-8 行；'raw' 从一开始就用
    教程里的协议：每条消息一次 send()、不带换行，一次读到的就是一条消息，双方轮流说话
    （客户端先说）。任何一方说 'bye' 就结束对话。对方说的话显示在它的地址后面：
    <127.0.0.1:50000> hello。

    命令，和 IRC 一样：输入以 / 开头的一行是命令，在输入的地方回答，不会发出去。一对一
    对话时，/help 说明能做什么，/who 和 /nick 会提示它们要在聊天室里用，/quit 说 bye，
    其他 /命令 一律拒绝；要发送以 / 开头的文字，输入 //text（//etc/hosts 发送
    /etc/hosts）。连到 --room 的客户端按原样发送输入的行，由聊天室来回答。对方发来的
    内容永远不会被当作命令。

    退出状态：0 对话结束（'bye'、对方离开、输入结束、Ctrl-C），2 地址、端口或选项有误，
    3 端口被占用、连接被拒绝或被重置、主机不可达（提示会说明下一步怎么做）。--json 对
    对话本身不起作用（错误会以 JSON 输出）。

    示例：
      netkit chat server --port 8001
      netkit chat client 127.0.0.1:8001
      netkit chat server --room --max-clients 50
      netkit chat client --framing raw [::1]:8001
help-chat-server-about = 监听并接受一个客户端，和它对话（加 --room 则在多个客户端之间转发消息）
help-chat-server-after =
    不加 --room 时，服务端只进行一个对话，对话结束就退出；期间后来的客户端在监听队列
    （backlog）里等着。消息打印在 stdout 上，对方的消息跟在它的地址后面
    （<127.0.0.1:50000> hello）；提示（正在监听、谁连上了、谁断开了以及原因、发现的分帧
    方式）打印在 stderr 上。输入以 / 开头的一行是命令，不会发出去（/help；//text 发送
    /text）：见 netkit chat --help。

    在 --room 里，客户端输入 /nick NAME 改名，/who 列出聊天室里的人，/help 查看命令，
    bye（或 /quit）离开；命令只回答给发命令的成员，不认识的 /命令 会被拒绝，不会转发
    （//text 发送以 / 开头的文字）。管理者输入的行以 <server> 的身份发给所有人；/who
    列出成员，/help 查看命令，/quit 或 Ctrl-C 关闭聊天室。每次有人进来、改名、离开，
    stderr 上都有一条提示。某个客户端的 --queue 满了（它不读取消息），就会被断开。

    加 --web 后，聊天室同时也是一个网页（B/S 和 C/S 并存）：浏览器打开
    http://ADDR:PORT/，通过 WebSocket（/ws）进入同一个聊天室，昵称、命令、--max-line、
    --queue 和 --max-clients（两种成员一起计数）都一样。/who 会说明每个成员是怎么连进来的、
    从哪里连的。只有来自聊天室自己地址的网页才能进入（Origin 必须和 Host 一致，否则
    HTTP 403）；超过 --max-line 的消息会以代码 1009 关闭那个 socket，不是 UTF-8 的文字
    用 1007，协议错误用 1002。一个请求的请求头必须在 10 s 内到齐，一个地址最多同时
    保持 32 个 HTTP 连接。

    退出状态：0 正常结束，2 地址或选项有误，3 端口被占用、没有权限使用 1024 以下的端口，
    或者地址不是本机的。

    示例：
      netkit chat server --port 8001
      netkit chat server --port 0 --bind ::1
      netkit chat server --room --max-clients 50 --idle-timeout 600
      netkit chat server --room --web                      # 然后打开 http://127.0.0.1:8080/
      netkit chat server --room --bind 0.0.0.0 --web 0.0.0.0:8080
help-chat-server-arg-bind = 监听的地址（IPv4 或 IPv6 地址）；比本机回环更大的范围必须明确指定
help-chat-server-arg-port = 监听的端口（0：任意空闲端口，启动时会打印出来）
help-chat-server-arg-backlog = 监听队列里最多能有多少个客户端在等（聊天室至少用 128）
help-chat-server-arg-room = 聊天室：每个客户端的一行都转发给其他所有客户端，前面加上它的昵称
help-chat-server-arg-max_clients = 和 --room 一起用：最多同时容纳多少个客户端；再来的会被告知聊天室已满
help-chat-server-arg-queue = 和 --room 一起用：给一个客户端排队的行数上限，超过就认为它太慢，断开它
help-chat-server-arg-web = 和 --room 一起用：同时把聊天室提供给浏览器，网页在 http://ADDR:PORT/，通过 WebSocket 进入（只写 --web：127.0.0.1:8080；端口 0：任意空闲端口）
help-chat-server-arg-framing = 消息怎样分隔：从对方的行为判断、以换行结尾的行，或者教程里的原始 send
help-chat-server-arg-framing-long =
    消息怎样分隔：
      auto  遇到换行或对方停顿时，一条消息结束；对方不带换行、一问一答（教程里的程序就是这样）时，也这样回答它（默认）
      line  每条消息是一行 UTF-8 文字，以换行结尾；双方可以随时说话
      raw   教程里的协议：一次读到的就是一条消息，不带换行，双方轮流说
help-chat-server-arg-max_line = 能接受的最长消息，单位字节；更长的行会被丢弃并给出提示
help-chat-server-arg-idle_timeout = 双方都没有消息多久后关闭连接：600、1.5、500ms（只写数字表示秒；0：永不）
help-chat-client-about = 连接到聊天服务端并对话
help-chat-client-after =
    输入以 / 开头的一行是命令：一对一对话时在这里回答，不会发出去（/help；//text 发送
    /text）；在 --room 里由聊天室来回答。见 netkit chat --help。

    一次只和一个客户端说话的服务端（教程里的，以及 netkit 不加 --room 时）会让后来的
    客户端在它的监听队列里等：已经连上，但还没有人理。第一条消息发出后 5 s 内什么都没
    收到，客户端会提示它可能正在那里等；服务端还没说话连接就被重置，也会说明原因
    （退出状态 3）。

    示例：
      netkit chat client 127.0.0.1:8001
      netkit chat client localhost:8001 --timeout 2s
      netkit chat client --framing raw [::1]:8001
help-chat-client-arg-server = 服务端：127.0.0.1:8001、[::1]:8001 或 localhost:8001
help-chat-client-arg-timeout = 连接最多等多久：5、0.5、500ms（只写数字表示秒）
help-chat-client-arg-framing = 消息怎样分隔：从对方的行为判断、以换行结尾的行，或者教程里的原始 send
help-chat-client-arg-framing-long =
    消息怎样分隔：
      auto  遇到换行或对方停顿时，一条消息结束；对方不带换行、一问一答（教程里的程序就是这样）时，也这样回答它（默认）
      line  每条消息是一行 UTF-8 文字，以换行结尾；双方可以随时说话
      raw   教程里的协议：一次读到的就是一条消息，不带换行，双方轮流说
help-chat-client-arg-max_line = 能接受的最长消息，单位字节；更长的行会被丢弃并给出提示
help-chat-client-arg-idle_timeout = 双方都没有消息多久后关闭连接：600、1.5、500ms（只写数字表示秒；0：永不）

# chat client 的 HOST:PORT（src/cli.rs）。
chat-what-server = 服务端
chat-bad-server-no-port = 没有端口：要用 HOST:PORT 连接聊天服务端，例如 127.0.0.1:8001 或 [::1]:8001（netkit chat server 会告诉你它在监听哪个端口）
