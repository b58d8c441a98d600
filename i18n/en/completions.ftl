# `netkit completions SHELL` (src/lib.rs): its help. The script it prints is for the shell, not
# for people, and has no words to translate.

help-completions-after =
    Examples:
      netkit completions bash > /etc/bash_completion.d/netkit
      netkit completions zsh > "${"{"}fpath[1]{"}"}/_netkit"
      netkit completions fish > ~/.config/fish/completions/netkit.fish
help-completions-arg-shell = The shell to generate completions for: bash, elvish, fish, powershell or zsh
