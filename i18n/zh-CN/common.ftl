# 共用层（src/output）的词句：表格下的说明、掩码运算的结论、警告、终端提示。

common-list-separator = 、
common-clause-separator = ；
common-label = { $label }：
common-label-gap = {""}
common-note = 注

# 中文没有单复数：英文按 $count 选词，这里不用它。
common-left-out = 为适应终端宽度，未显示：{ $columns }（用 --json 或加宽终端可以看到）
common-left-out-option = 为适应终端宽度，未显示：{ $columns }（用 { $option }、--json 或加宽终端可以看到）

common-this-host = （本机）
common-destination = （目的地址）
common-same-subnet = 同一子网
common-different-subnets = 不在同一子网

common-warning = 警告：{ $message }
common-reading-terminal = 正在从终端读取{ $what }，按 Ctrl-D 结束（{ $instead }）
