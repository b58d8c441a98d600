# `netkit completions SHELL`（src/lib.rs）：它的帮助。打印出来的脚本是给 shell 用的，不是给人读的，
# 没有需要翻译的文字。

help-completions-after =
    示例：
      netkit completions bash > /etc/bash_completion.d/netkit
      netkit completions zsh > "${"{"}fpath[1]{"}"}/_netkit"
      netkit completions fish > ~/.config/fish/completions/netkit.fish
help-completions-arg-shell = 要为哪种 shell 生成补全脚本：bash、elvish、fish、powershell 或 zsh
