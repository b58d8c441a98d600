# `netkit ping DEST` (src/commands/ping): its lines, summary, notes, errors and help.

# Why replies were thrown away, and a reason with its count ("1 with a bad checksum").
ping-discard-reason = { $count } { $reason }
ping-flaw-truncated = truncated
ping-flaw-bad-ip-header = with a bad IP header
ping-flaw-bad-checksum = with a bad checksum
