//! The command line, as clap derive types only: global flags, the subcommand list, one Args struct each.
//! Man pages (man/) and shell completions are generated from these definitions.

use std::ffi::OsStr;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use clap::builder::TypedValueParser;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::error::{Error, Result};
use crate::i18n::{self, Lang};
use crate::net::addr::{Family, Mask, Prefixed, parse_addr};
use crate::net::block::Block;
use crate::net::endpoint::{
    Dest, Endpoint, Host, HostPort, destination, parse_bind, parse_dest, parse_endpoint,
    parse_host, parse_host_port, parse_listen, parse_server_spec,
};
use crate::net::hwaddr::parse_mac;
use crate::util::time::parse_duration;

/// Exit status text shared by `--help` and the man page.
pub const EXIT_STATUS: &str = "\
Exit status:
  0  ok / yes (same subnet, a reply came, an answer was found)
  1  a negative answer (different subnet, no reply, NXDOMAIN, no line matched)
  2  usage error or bad input (address, mask, MAC, name, port, interface)
  3  network, I/O or system error (timeout, refused, unreadable file, no route to use)
  4  permission: needs root or CAP_NET_RAW";

/// Answers the questions a networking primer raises, about this machine and its network.
#[derive(Debug, Parser)]
#[command(
    name = "netkit",
    version,
    about = "Answers a networking primer's questions about a real machine",
    long_about = "netkit answers the questions a networking primer raises - what is my MAC, my IP and \
                  mask, are two hosts on one subnet, what is my gateway, what does a name resolve to, \
                  who answers ARP for an address, can two programs talk over a socket - each with one \
                  command: readable tables for people, --json for scripts, exit codes that mean something.",
    after_help = EXIT_STATUS,
    max_term_width = 100
)]
pub struct Cli {
    /// Flags that apply to every subcommand.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Flags accepted by every subcommand (shown under their own heading in every --help).
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// JSON for scripts instead of tables (stable field names, never coloured)
    #[arg(long, global = true, help_heading = "Global options")]
    pub json: bool,
    /// Colour: auto (a terminal, NO_COLOR unset), always or never
    #[arg(
        long,
        value_enum,
        global = true,
        default_value_t = ColorChoice::Auto,
        value_name = "WHEN",
        help_heading = "Global options",
        hide_possible_values = true,
        hide_default_value = true
    )]
    pub color: ColorChoice,
    /// Language of tables, sentences, errors and help: en or zh-CN (default: from the locale)
    #[arg(
        long,
        value_enum,
        global = true,
        value_name = "LANG",
        help_heading = "Global options",
        hide_possible_values = true
    )]
    pub lang: Option<LangChoice>,
}

/// `--lang`: the language people read; JSON is the same in every one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangChoice {
    /// English
    En,
    /// Simplified Chinese
    #[value(name = "zh-CN", alias = "zh", alias = "zh_CN")]
    ZhCn,
}

impl LangChoice {
    /// The value of `--lang` for a word, as clap reads it (for the parsers that run before clap).
    pub fn from_word(word: &str) -> Option<Self> {
        match word {
            "en" => Some(LangChoice::En),
            "zh-CN" | "zh" | "zh_CN" => Some(LangChoice::ZhCn),
            _ => None,
        }
    }

    pub(crate) fn lang(self) -> Lang {
        match self {
            LangChoice::En => Lang::En,
            LangChoice::ZhCn => Lang::ZhCn,
        }
    }
}

/// The text of the catalogs' message `id` (one without arguments) in `lang`: the help's words
/// for the man pages' generator.
pub fn catalog_text(lang: LangChoice, id: &str) -> Option<String> {
    i18n::find(id).map(|m| m.in_lang(lang.lang()))
}

/// The whole command tree with every help text in `lang` (issue 28): after clap has built it
/// from the derive types, each text with a message in the catalogs is set from it: `about`,
/// `long_about`, `before_help`, `after_help` of the command at PATH from `help-PATH-about`,
/// `help-PATH-long-about`, `help-PATH-before`, `help-PATH-after` (PATH: the subcommands'
/// names joined by `-`; `help-about`... for netkit itself), each argument's help from
/// `help-PATH-arg-ID` (`help-arg-ID` for the global options), with `-long` for its long help.
/// English is the catalogs' source too, so `--help` in English also comes from them; texts
/// without a message keep the derive's words. Outside English, clap's own words (Usage,
/// Options, Arguments, Commands, the help and version flags) are set from the catalogs too.
pub fn command_in(choice: LangChoice) -> clap::Command {
    built_in(choice, Cli::command())
}

/// [`command_in`] without the `help` subcommands: the tree the man pages describe.
pub fn man_command_in(choice: LangChoice) -> clap::Command {
    built_in(choice, Cli::command().disable_help_subcommand(true))
}

fn built_in(choice: LangChoice, cmd: clap::Command) -> clap::Command {
    let lang = choice.lang();
    let text = |id: &str| i18n::find(id).map(|m| m.in_lang(lang));
    let mut cmd = localize(cmd, "help", &text, lang == Lang::En);
    cmd.build();
    if lang != Lang::En {
        cmd = clap_words(cmd, &text, true);
    }
    cmd
}

/// Sets the texts of `cmd` (at `path`) and its subcommands from the catalogs (see
/// [`command_in`]).
fn localize(
    mut cmd: clap::Command,
    path: &str,
    text: &dyn Fn(&str) -> Option<String>,
    english: bool,
) -> clap::Command {
    if let Some(t) = text(&format!("{path}-about")) {
        cmd = cmd.about(t);
    }
    if let Some(t) = text(&format!("{path}-long-about")) {
        cmd = cmd.long_about(t);
    }
    if let Some(t) = text(&format!("{path}-before")) {
        cmd = cmd.before_help(t);
    }
    if let Some(t) = text(&format!("{path}-after")) {
        cmd = cmd.after_help(t);
    }
    let global = text("help-heading-global");
    let ids: Vec<(String, bool)> = cmd
        .get_arguments()
        .map(|a| {
            let heading = a.get_help_heading() == Some("Global options");
            (a.get_id().to_string(), heading)
        })
        .collect();
    for (id, global_heading) in ids {
        let key = format!("{path}-arg-{id}");
        let (help, long) = (text(&key), text(&format!("{key}-long")));
        let heading = global.clone().filter(|_| global_heading);
        cmd = cmd.mut_arg(id, |mut a| {
            if let Some(h) = help {
                a = a.help(h);
            }
            if let Some(l) = long {
                a = a.long_help(l);
            }
            if let Some(h) = heading {
                a = a.help_heading(h);
            }
            a
        });
    }
    // clap's "[default: 1s]" in the help's own words ("（默认：1s）"): options that take a value,
    // show their default, and are this command's own (a global one is worded where it is defined).
    let word = |id: &str| text(id).unwrap_or_default();
    let said = |value: &str| {
        format!(
            "{}{}{value}{}",
            word("help-flag-default-open"),
            word("help-flag-default"),
            word("help-flag-default-close")
        )
    };
    let defaults: Vec<(String, String)> = cmd
        .get_arguments()
        .filter(|a| {
            !english
                && a.get_action().takes_values()
                && !a.is_hide_default_value_set()
                && !a.is_global_set()
                && !a.get_default_values().is_empty()
        })
        .map(|a| {
            let values: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            (a.get_id().to_string(), said(&values.join(" ")))
        })
        .collect();
    for (id, said) in defaults {
        cmd = cmd.mut_arg(id, |a| {
            let help = a.get_help().map(|h| format!("{h}{said}"));
            let long = a.get_long_help().map(|h| format!("{h}\n\n{said}"));
            let mut a = a.hide_default_value(true);
            if let Some(h) = help {
                a = a.help(h);
            }
            if let Some(l) = long {
                a = a.long_help(l);
            }
            a
        });
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let sub_path = format!("{path}-{name}");
        cmd = cmd.mut_subcommand(name, |s| localize(s, &sub_path, text, english));
    }
    cmd
}

/// clap's own words of a built command and its subcommands, from the catalogs.
fn clap_words(
    mut cmd: clap::Command,
    text: &dyn Fn(&str) -> Option<String>,
    root: bool,
) -> clap::Command {
    let word = |id: &str| text(id).unwrap_or_default();
    let usage = word("help-heading-usage");
    cmd = cmd
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{usage}{{usage}}\n\n{{all-args}}{{after-help}}"
        ))
        .subcommand_help_heading(word("help-heading-commands"));
    if cmd.get_arguments().any(|a| a.get_id() == "help") {
        let (short, long) = (word("help-flag-help"), word("help-flag-help-long"));
        cmd = cmd.mut_arg("help", |a| a.help(short).long_help(long));
    }
    if root && cmd.get_arguments().any(|a| a.get_id() == "version") {
        let version = word("help-flag-version");
        cmd = cmd.mut_arg("version", |a| a.help(version));
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        cmd = cmd.mut_subcommand(name, |s| {
            let s = if s.get_name() == "help" {
                s.about(word("help-help-about"))
            } else {
                s
            };
            clap_words(s, text, false)
        });
    }
    cmd
}

/// The `--color` policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is unset
    Auto,
    /// Always colour (not JSON)
    Always,
    /// Never colour
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// This machine's interfaces: addresses, masks, MACs, gateways, DNS (like ipconfig /all)
    #[command(visible_alias = "ipconfig")]
    Ifaces(IfacesArgs),
    /// Subnet arithmetic: same-subnet check, network info, split, summarize, filter lines by network
    Subnet(SubnetArgs),
    /// Decode a MAC address: normalized forms, vendor (OUI), unicast/multicast, universal/local
    Mac(MacArgs),
    /// Resolve names like dig: records with TTLs, the server asked, the time taken
    Dns(DnsArgs),
    /// Ask who has an IP (like arping), scan a subnet (like arp-scan), show the neighbour cache
    Arp(ArpArgs),
    /// The default gateway(s): address, interface, metric and MAC. Exit 1 when there is none
    Gateway(GatewayArgs),
    /// How this machine would reach a destination, as the kernel decides (like `ip route get`)
    Route(RouteArgs),
    /// The primer's TCP socket chat: a server and a client taking turns, or a multi-client room
    Chat(ChatArgs),
    /// DHCP: broadcast a DHCPDISCOVER and list every offer (never takes a lease)
    Dhcp(DhcpArgs),
    /// What happens when a program talks to DEST: DNS, routing, ARP and TCP, step by step, timed
    Flow(FlowArgs),
    /// Ask whether DEST answers: ICMP echo requests, each reply timed, loss and round trips (like ping)
    Ping(PingArgs),
    /// The routers on the way to DEST, hop by hop: who answers at each TTL, loss and round trips (like mtr --report)
    Trace(TraceArgs),
    /// Listen to the LAN's broadcasts: new stations, MAC changes, ARP spoofing, rogue DHCP servers and routers (like arpwatch)
    Watch(WatchArgs),
    /// The primer walked on this machine: NIC and MAC, IP and mask, gateway, DNS, ARP, DHCP, C/S
    Tour(TourArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions(CompletionsArgs),
}

/// `-4` / `-6`: one address family only.
#[derive(Debug, Args)]
pub struct FamilyArgs {
    /// IPv4 only
    #[arg(short = '4', conflicts_with = "ipv6")]
    pub ipv4: bool,
    /// IPv6 only
    #[arg(short = '6')]
    pub ipv6: bool,
}

/// `netkit tour`: the primer's sections with this machine's facts (help from i18n/LANG/tour.ftl).
#[derive(Debug, Args)]
pub struct TourArgs {
    /// The name the DNS section looks up (default: the search domain's own name)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

/// `netkit completions SHELL`
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  netkit completions bash > /etc/bash_completion.d/netkit\n  \
                  netkit completions zsh > \"${fpath[1]}/_netkit\"\n  \
                  netkit completions fish > ~/.config/fish/completions/netkit.fish"
)]
pub struct CompletionsArgs {
    /// The shell to generate completions for: bash, elvish, fish, powershell or zsh
    #[arg(value_enum, hide_possible_values = true)]
    pub shell: clap_complete::Shell,
}

/// `netkit subnet ...`
#[derive(Debug, Args)]
#[command(after_help = EXIT_STATUS)]
pub struct SubnetArgs {
    /// Which subnet question
    #[command(subcommand)]
    pub command: SubnetCommand,
}

/// The subnet subcommands.
#[derive(Debug, Subcommand)]
pub enum SubnetCommand {
    /// Are two addresses on the same subnet? Exit 0 yes, 1 no
    #[command(
        after_help = "Examples:\n  netkit subnet check 192.168.1.10 192.168.1.200 --mask 255.255.255.0\n  \
                            netkit subnet check 192.168.1.10 192.168.1.200 255.255.255.0\n  \
                            netkit subnet check 10.0.0.5/8 10.200.1.1 --explain"
    )]
    Check(SubnetCheckArgs),
    /// Network, broadcast, netmask, wildcard, host range and kind of an address block (IPv4 or IPv6)
    #[command(after_help = "Examples:\n  netkit subnet info 192.168.1.10/24\n  \
                            netkit subnet info 192.168.1.10 255.255.255.0\n  netkit subnet info 2001:db8::1/64")]
    Info(SubnetInfoArgs),
    /// Split a network into equal smaller subnets
    #[command(
        after_help = "Examples:\n  netkit subnet split 192.168.0.0/24 --prefix 26\n  \
                            netkit subnet split 10.0.0.0/16 --count 6"
    )]
    Split(SubnetSplitArgs),
    /// Aggregate addresses, networks and ranges into the fewest CIDR blocks covering exactly the same addresses
    #[command(
        after_help = "Examples:\n  netkit subnet summarize 192.168.0.0/24 192.168.1.0/24\n  \
                            netkit subnet summarize < list.txt"
    )]
    Summarize(SubnetSummarizeArgs),
    /// Print input lines holding an IP address inside any of the given networks (like grepcidr)
    #[command(
        after_help = "Patterns are CIDRs (10.0.0.0/8), single addresses or ranges (a.b.c.d-e.f.g.h),\n\
                            also comma-separated. Leading arguments that parse as patterns are patterns; the rest are\n\
                            files ('-' is standard input). With -e or -f, every argument is a file.\n\n\
                            Exit status: 0 some line matched, 1 none, 2 bad pattern, 3 unreadable file.\n\n\
                            Examples:\n  netkit subnet filter 10.0.0.0/8 access.log\n  \
                            netkit subnet filter -v -f blocklist.txt < ips.txt"
    )]
    Filter(SubnetFilterArgs),
}

/// `netkit subnet check A B [--mask M]`
#[derive(Debug, Args)]
pub struct SubnetCheckArgs {
    /// First address (may carry the prefix: 192.168.1.10/24)
    #[arg(value_parser = Prefixed::parse)]
    pub a: Prefixed,
    /// Second address
    #[arg(value_parser = Prefixed::parse)]
    pub b: Prefixed,
    /// The subnet mask as a third value, as ipcalc takes it (the same as --mask)
    #[arg(value_name = "MASK", value_parser = Mask::parse, conflicts_with = "mask")]
    pub mask_value: Option<Mask>,
    /// Subnet mask: dotted (255.255.255.0) or prefix (/24 or 24); optional when A is given as CIDR
    #[arg(short, long, value_name = "MASK", value_parser = Mask::parse, allow_hyphen_values = true)]
    pub mask: Option<Mask>,
    /// Show the bitwise AND of each address with the mask, in binary
    #[arg(long)]
    pub explain: bool,
}

/// `netkit subnet info CIDR | IP MASK`
#[derive(Debug, Args)]
pub struct SubnetInfoArgs {
    /// Address with prefix (192.168.1.10/24) or a bare address followed by MASK
    #[arg(value_name = "CIDR|IP", value_parser = Prefixed::parse)]
    pub address: Prefixed,
    /// Subnet mask when ADDRESS has none: dotted (255.255.255.0) or prefix (/24 or 24)
    #[arg(value_parser = MaskOrAddress::parse)]
    pub mask: Option<MaskOrAddress>,
}

/// `subnet info`'s second word: a mask, or an address where a mask belongs (the two typed in
/// the wrong order, which `subnet info` then says).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaskOrAddress {
    /// A netmask or prefix length.
    Mask(Mask),
    /// An address that is no netmask.
    Address(IpAddr),
}

impl MaskOrAddress {
    fn parse(text: &str) -> Result<Self> {
        match Mask::parse(text) {
            Ok(m) => Ok(MaskOrAddress::Mask(m)),
            Err(e) => parse_addr(text).map(MaskOrAddress::Address).map_err(|_| e),
        }
    }
}

/// `netkit subnet split CIDR --prefix N | --count N`
#[derive(Debug, Args)]
pub struct SubnetSplitArgs {
    /// The network to split (192.168.0.0/24)
    #[arg(value_name = "CIDR", value_parser = parse_network)]
    pub network: Block,
    /// Prefix length of the pieces (/26 or 26)
    #[arg(
        short,
        long,
        value_name = "N",
        required_unless_present = "count",
        conflicts_with = "count",
        value_parser = Mask::parse
    )]
    pub prefix: Option<Mask>,
    /// At least this many equal pieces (rounded up to a power of two)
    #[arg(short, long, value_name = "N")]
    pub count: Option<u64>,
    /// Refuse to list more than this many subnets
    #[arg(long, value_name = "N", default_value_t = 65536)]
    pub max: u64,
}

/// `netkit subnet summarize [ITEM...] [-f FILE]`
#[derive(Debug, Args)]
pub struct SubnetSummarizeArgs {
    /// Addresses, CIDRs or ranges (a-b); read from standard input when none and no -f
    #[arg(value_name = "ITEM")]
    pub items: Vec<String>,
    /// Read items from FILE, one or more per line ('#' starts a comment; '-' is standard input)
    #[arg(short, long, value_name = "FILE")]
    pub file: Vec<PathBuf>,
}

/// `netkit subnet filter [PATTERN...] [FILE...]`
#[derive(Debug, Args)]
pub struct SubnetFilterArgs {
    /// Networks (CIDR, address or range), then input files ('-' or none: standard input)
    #[arg(value_name = "PATTERN|FILE")]
    pub args: Vec<std::ffi::OsString>,
    /// A pattern (may be repeated); then every argument is a file
    #[arg(short = 'e', long = "pattern", value_name = "PATTERN")]
    pub patterns: Vec<String>,
    /// Read patterns from FILE (one or more per line, '#' comments); then every argument is a file
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub pattern_files: Vec<PathBuf>,
    /// Invert: print lines holding no matching address
    #[arg(short = 'v', long)]
    pub invert: bool,
    /// Print only the number of matching lines
    #[arg(short = 'c', long)]
    pub count: bool,
    /// Only match a line that starts with the address (faster for logs with the address first)
    #[arg(short = 'x', long = "line-start")]
    pub line_start: bool,
}

/// `netkit mac ADDR`
#[derive(Debug, Args)]
#[command(
    after_help = "Accepted forms: aa:bb:cc:dd:ee:ff, aa-bb-cc-dd-ee-ff, aabb.ccdd.eeff, aabbccddeeff\n\n\
                        Examples:\n  netkit mac 3c:22:fb:12:34:56\n  netkit mac 3C22.FB12.3456\n  netkit --json mac 01-00-5e-00-00-fb"
)]
pub struct MacArgs {
    /// The MAC address, in any common notation
    #[arg(value_name = "ADDR", value_parser = parse_mac)]
    pub address: [u8; 6],
}

/// `netkit gateway`
#[derive(Debug, Args)]
#[command(
    after_help = "The gateway's MAC comes from the neighbour (ARP/NDP) cache. With --resolve, when it is\n\
                        not there, netkit asks: one ARP request of its own for an IPv4 gateway when it has\n\
                        CAP_NET_RAW; otherwise one empty UDP datagram to the gateway's discard port, so that\n\
                        the kernel asks (ARP or neighbour solicitation), then it reads the cache again.\n\n\
                        Exit status: 0 a default gateway exists, 1 none, 3 the kernel tables could not be read.\n\n\
                        Examples:\n  netkit gateway\n  netkit gateway --resolve\n  netkit --json gateway"
)]
pub struct GatewayArgs {
    /// When the gateway's MAC is not cached, ask for it (one ARP/NDP exchange)
    #[arg(long)]
    pub resolve: bool,
    /// How long --resolve waits for the answer: 1, 0.5, 500ms (a bare number is seconds)
    #[arg(long, value_name = "TIME", default_value = "1s", value_parser = TimeParser::ANY)]
    pub timeout: Duration,
    /// -4 / -6
    #[command(flatten)]
    pub family: FamilyArgs,
}

/// `netkit route ...`
#[derive(Debug, Args)]
pub struct RouteArgs {
    /// Which routing question
    #[command(subcommand)]
    pub command: RouteCommand,
}

/// The route subcommands.
#[derive(Debug, Subcommand)]
pub enum RouteCommand {
    /// How a packet to DEST would leave this machine: interface, source, next hop, and why
    #[command(
        after_help = "DEST is an IP address or a host name (resolved with the system resolver first).\n\
                            The answer is the kernel's own (RTM_GETROUTE, policy routing included), with the\n\
                            mask arithmetic a primer teaches: same subnet means direct delivery after ARP for\n\
                            DEST; otherwise the packet goes to the gateway, after ARP for the gateway.\n\n\
                            Exit status: 0 routable, 1 no route (unreachable, prohibited, blackhole) or no\n\
                            address for the name (the resolver has none, or its DNS server failed or refused),\n\
                            2 bad input, 3 the resolver gave no answer within --timeout, or a kernel error.\n\n\
                            Examples:\n  netkit route get 192.168.1.20\n  netkit route get example.com"
    )]
    Get(RouteGetArgs),
}

/// `netkit route get DEST`
#[derive(Debug, Args)]
pub struct RouteGetArgs {
    /// Destination: an IP address or a host name
    #[arg(value_name = "DEST", value_parser = |t: &str| parse_host(destination(), t))]
    pub dest: Host,
    /// -4 / -6
    #[command(flatten)]
    pub family: FamilyArgs,
    /// How long to wait for the system resolver when DEST is a name (seconds, or 200ms, 2s)
    #[arg(long, value_name = "TIME", default_value = "5s", value_parser = TimeParser::POSITIVE)]
    pub timeout: Duration,
}

/// `netkit ifaces [NAME]`
#[derive(Debug, Args)]
#[command(
    after_help = "A compact table by default; --all gives the ipconfig /all view (kind, driver, flags,\n\
                        MTU, MAC vendor, every address with mask and broadcast, gateways, counters, link\n\
                        speed, DHCP lease, host name, DNS servers). --json always carries every field.\n\n\
                        Exit status: 0 ok, 2 no such interface, 3 the kernel tables could not be read.\n\n\
                        Examples:\n  netkit ifaces\n  netkit ipconfig --all\n  netkit ifaces eth0 --json"
)]
pub struct IfacesArgs {
    /// Show only this interface
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
    /// Every detail, ipconfig /all style
    #[arg(short, long)]
    pub all: bool,
}

/// `netkit arp IP | scan [CIDR] | cache`
#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    after_help = "Sends ARP requests (\"who has IP? tell me\") on the interface the route to IP uses, unless -I;\n\
                  each reply gives the owner's MAC and the round-trip time. Needs CAP_NET_RAW: run with sudo\n\
                  or `sudo setcap cap_net_raw+ep $(command -v netkit)`. Promiscuous mode stays off.\n\
                  Times accept seconds (1, 0.2) or units (200ms, 2s).\n\n\
                  Exit status: 0 a reply came (--dad: the address is free), 1 none came (--dad: in use),\n\
                  2 bad input, 3 network error, 4 no CAP_NET_RAW.\n\n\
                  Examples:\n  netkit arp 192.168.1.1 -c 3\n  netkit arp --dad 192.168.1.77\n  \
                  netkit arp scan 192.168.1.0/24\n  netkit arp cache"
)]
pub struct ArpArgs {
    /// scan or cache
    #[command(subcommand)]
    pub command: Option<ArpCommand>,
    /// The IPv4 address to ask about
    #[arg(value_name = "IP", required = true, value_parser = parse_arp_target)]
    pub target: Option<Ipv4Addr>,
    /// Interface to send on (default: the one the route to IP uses)
    #[arg(short = 'I', long = "interface", value_name = "IFACE")]
    pub interface: Option<String>,
    /// Number of requests (default 3); with -w, the number of replies to wait for, requests
    /// going on until then (as iputils arping)
    #[arg(short = 'c', long, value_name = "COUNT")]
    pub count: Option<u32>,
    /// Time between requests (sub-second allowed)
    #[arg(short = 'i', long, value_name = "TIME", default_value = "1s", value_parser = TimeParser::POSITIVE)]
    pub interval: Duration,
    /// Stop after this long whatever happens
    #[arg(short = 'w', long, value_name = "TIME", value_parser = TimeParser::ANY)]
    pub deadline: Option<Duration>,
    /// How long to wait for a reply after the last request (once every request is answered,
    /// only a short grace for duplicate replies follows)
    #[arg(long, value_name = "TIME", default_value = "1s", value_parser = TimeParser::ANY)]
    pub timeout: Duration,
    /// Stop at the first reply
    #[arg(short = 'f', long)]
    pub first: bool,
    /// Duplicate address detection: probe from 0.0.0.0; exit 0 if free, 1 if in use
    #[arg(long, conflicts_with = "gratuitous")]
    pub dad: bool,
    /// Announce IP (one of this host's addresses) with gratuitous ARP
    #[arg(long)]
    pub gratuitous: bool,
}

/// The arp subcommands.
#[derive(Debug, Subcommand)]
pub enum ArpCommand {
    /// Ask every address of one or more ranges who has it (default: the chosen interface's subnet)
    #[command(
        after_help = "On a terminal each host shows as it answers, with a progress line on stderr (asked, answered,\n\
                      rate, time left); piped, the table comes at the end. At most 65536 addresses (a /16) at a\n\
                      time. --resolve looks up each host's name (PTR) with the system resolver after the scan,\n\
                      many at once, waiting at most 5 s for them. Ctrl-C ends the scan and shows what answered.\n\n\
                      Exit status: 0 some host answered, 1 none, 2 bad input, 3 network error, 4 no CAP_NET_RAW.\n\n\
                      Examples:\n  sudo netkit arp scan\n  sudo netkit arp scan 192.168.1.0/24 -I eth0\n  \
                      sudo netkit arp scan 10.0.0.0/24 10.0.5.0/24 10.0.9.7 --resolve\n  \
                      sudo netkit arp scan --localnet\n  sudo netkit arp scan --file ranges.txt --timeout 1s\n  \
                      sudo netkit --json arp scan 10.0.0.0/22 --rate 2000"
    )]
    Scan(ArpScanArgs),
    /// The neighbour table: IPv4 ARP and IPv6 NDP entries, like `ip neigh`
    #[command(
        after_help = "The kernel fills this table itself, when this host sends to a neighbour: the hosts `netkit arp`\n\
                      and `arp scan` found with their own frames are not added. For people, each state shown is\n\
                      explained under the table. NOARP entries (loopback, point-to-point links: nothing to resolve)\n\
                      are hidden, as `ip neigh` hides them; --all shows them, as `ip neigh show nud all` does.\n\n\
                      Examples:\n  netkit arp cache\n  netkit arp cache -I eth0 --all\n  netkit --json arp cache"
    )]
    Cache(ArpCacheArgs),
}

/// `netkit arp scan [CIDR]`
#[derive(Debug, Args)]
pub struct ArpScanArgs {
    /// The ranges to scan: CIDR blocks or single addresses (default: the subnet of the interface)
    #[arg(value_name = "RANGE", value_parser = parse_arp_range)]
    pub networks: Vec<Block>,
    /// Also scan the ranges and addresses listed in FILE (whitespace-separated, '#' starts a
    /// comment, '-' reads standard input)
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Also scan every IPv4 subnet of the interface
    #[arg(long)]
    pub localnet: bool,
    /// Look up each host's name (PTR) after the scan
    #[arg(long)]
    pub resolve: bool,
    /// Interface to send on (default: the one the route to the range uses, or the default route's)
    #[arg(short = 'I', long = "interface", value_name = "IFACE")]
    pub interface: Option<String>,
    /// Requests per second
    #[arg(long, value_name = "PPS", default_value_t = 10000)]
    pub rate: u32,
    /// Extra rounds for addresses that did not answer: 0 sends exactly one request per address,
    /// N at most N+1 (a round that finds nobody new ends the scan)
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub retries: u32,
    /// Longest wait for late replies after a round (the wait adapts to the round-trip times seen)
    #[arg(long, value_name = "TIME", default_value = "500ms", value_parser = TimeParser::ANY)]
    pub timeout: Duration,
}

/// `netkit arp cache`
#[derive(Debug, Args)]
pub struct ArpCacheArgs {
    /// Only this interface
    #[arg(short = 'I', long = "interface", value_name = "IFACE")]
    pub interface: Option<String>,
    /// Also the NOARP entries `ip neigh` hides (as `ip neigh show nud all`)
    #[arg(short = 'a', long)]
    pub all: bool,
}

/// `netkit dhcp ...`
#[derive(Debug, Args)]
pub struct DhcpArgs {
    /// Which DHCP question
    #[command(subcommand)]
    pub command: DhcpCommand,
}

/// The dhcp subcommands.
#[derive(Debug, Subcommand)]
pub enum DhcpCommand {
    /// Broadcast a DHCPDISCOVER and list every DHCPOFFER that arrives (no DHCPREQUEST is ever sent)
    #[command(
        after_help = "Sends a DHCPDISCOVER (UDP 68 to 67, broadcast flag, a fresh transaction id) from the\n\
                            interface's MAC or --mac (and with no offer after 4 s once more, with the same\n\
                            transaction id, as DHCP clients retransmit), and lists each offer for that transaction\n\
                            id and MAC:\n\
                            server, offered address, mask, router, DNS servers, lease time, domain; then T1/T2,\n\
                            MTU, classless static routes (option 121) and PXE boot (66/67) when offered, and with\n\
                            --raw every option as bytes. With --expect ADDR, an offer is judged by its IP source and\n\
                            Ethernet source, never by the server it names (option 54, flagged when it names another\n\
                            address): one from another address, or from ADDR but another MAC than the neighbour\n\
                            table's or the first offer's, is a rogue DHCP server and the exit status is 1 (behind a\n\
                            DHCP relay, expect the relay's address). Replies with\n\
                            impossible headers, from the wrong port or for another client are discarded and\n\
                            counted. It never requests or accepts a lease. Needs CAP_NET_RAW (sudo, or setcap cap_net_raw+ep).\n\n\
                            Exit status: 0 an offer came, 1 none within --timeout or a rogue server (--expect),\n\
                            2 bad input, 3 network error,\n\
                            4 no CAP_NET_RAW.\n\n\
                            Examples:\n  sudo netkit dhcp discover\n  sudo netkit dhcp discover -I eth0 --timeout 10s\n  \
                            sudo netkit --json dhcp discover --mac 02:00:00:00:00:01\n  \
                            sudo netkit dhcp discover --expect 192.168.1.1 --raw"
    )]
    Discover(DhcpDiscoverArgs),
}

/// `netkit dhcp discover`
#[derive(Debug, Args)]
pub struct DhcpDiscoverArgs {
    /// Interface to ask on (default: the default route's, or the only Ethernet interface that is up)
    #[arg(short = 'I', long = "interface", value_name = "IFACE")]
    pub interface: Option<String>,
    /// Client hardware address to put in the request (default: the interface's MAC)
    #[arg(long, value_name = "MAC", value_parser = parse_mac)]
    pub mac: Option<[u8; 6]>,
    /// How long to collect offers (servers such as dnsmasq first ping the address they offer, for
    /// up to 3 s)
    #[arg(long, value_name = "TIME", default_value = "5s", value_parser = TimeParser::ANY)]
    pub timeout: Duration,
    /// The LAN's DHCP server: an offer sent from any other address or MAC is a rogue DHCP server (exit 1)
    #[arg(long, value_name = "ADDR")]
    pub expect: Option<std::net::Ipv4Addr>,
    /// Also list every option of each offer, as code, name and bytes
    #[arg(long)]
    pub raw: bool,
}

/// `netkit flow DEST[:PORT]`
#[derive(Debug, Args)]
#[command(
    after_help = "Steps: 1 DNS (skipped for an IP), 2 the routing decision with the mask arithmetic,\n\
                        3 ARP for the next hop (from the neighbour cache, or by asking when netkit has\n\
                        CAP_NET_RAW), 4 a TCP connection to PORT (the three-way handshake), or stop after ARP\n\
                        when no port is given. Each step says what it found and how long it took; the walk\n\
                        stops at the first failure.\n\n\
                        Exit status: 0 every step worked, 1 a negative answer (no such name, no route, no ARP\n\
                        reply, connection refused), 2 bad input, 3 network error (timeout, unreachable).\n\n\
                        Examples:\n  netkit flow example.com:80\n  netkit flow 192.168.1.1\n  netkit flow [2001:db8::1]:443"
)]
pub struct FlowArgs {
    /// Destination: a host name or IP, optionally with :PORT ([IPv6]:PORT)
    #[arg(value_name = "DEST[:PORT]", value_parser = |t: &str| parse_endpoint(destination(), t))]
    pub dest: Endpoint,
    /// How long each step (the name lookup, ARP, TCP) may wait
    #[arg(long, value_name = "TIME", default_value = "3s", value_parser = TimeParser::ANY)]
    pub timeout: Duration,
    /// -4 / -6
    #[command(flatten)]
    pub family: FamilyArgs,
}

/// `netkit ping DEST`
#[derive(Debug, Args)]
#[command(
    after_help = "Sends ICMP echo requests (ICMPv6 for an IPv6 DEST) one interval apart and prints each reply\n\
                  as it comes: its size, sender, sequence number, TTL and round-trip time; duplicates are\n\
                  marked (DUP!), and errors routers send back (time to live exceeded, unreachable) are\n\
                  shown on lines of their own. The summary counts requests, replies, duplicates and errors,\n\
                  the loss and the round trips (min/avg/max/mdev, duplicates included as iputils counts\n\
                  them). Without -c or -w it runs until Ctrl-C, which prints the summary of what was seen.\n\
                  Times accept seconds (1, 0.2) or units (200ms).\n\n\
                  When it stops, as iputils ping: at the deadline (-w); as soon as replies and errors\n\
                  together reach -c; with -w, at the first error; and without -w, once -c requests are out,\n\
                  after waiting for the last replies: twice the longest round trip so far (at least the\n\
                  interval) when replies came, else -W.\n\n\
                  Only its own replies count: the echo id is random, a reply must come from DEST (for a\n\
                  broadcast or multicast DEST, from anyone) and carry the data sent (8 random bytes, then\n\
                  bytes counting up); other replies are shown as foreign or with their wrong data byte, and\n\
                  not counted; truncated ones are discarded. A broadcast DEST (255.255.255.255 or a subnet's)\n\
                  needs -b. An IPv6 link-local or link-scope multicast DEST needs its link: fe80::1%eth0,\n\
                  or -I eth0.\n\n\
                  No privilege is needed where net.ipv4.ping_group_range includes the user's group (an ICMP\n\
                  datagram socket); otherwise a raw socket needs CAP_NET_RAW (sudo, or\n\
                  `sudo setcap cap_net_raw+ep $(command -v netkit)`).\n\n\
                  Exit status (as ping(8)): 0 a reply came (with -c and -w: -c replies by the deadline),\n\
                  1 none came (or fewer than -c by the -w deadline), 2 bad input, 3 network error,\n\
                  4 no privilege.\n\n\
                  Examples:\n  netkit ping 192.168.1.1 -c 3\n  netkit ping example.com -w 5\n  \
                  netkit ping -6 -c 100 -i 0.01 2001:db8::1\n  netkit ping -c 2 fe80::1%eth0\n  \
                  netkit --json ping 10.0.0.1 -c 5 -t 2"
)]
pub struct PingArgs {
    /// Destination: an IP address (IPv6 link-local with its zone, fe80::1%eth0) or a host name
    #[arg(value_name = "DEST", value_parser = |t: &str| parse_dest(destination(), t))]
    pub dest: Dest,
    /// Number of requests; with -w, the number of replies to wait for (requests go on until
    /// then, as iputils ping)
    #[arg(short = 'c', long, value_name = "COUNT", value_parser = clap::value_parser!(u32).range(1..))]
    pub count: Option<u32>,
    /// Time between requests (sub-second allowed)
    #[arg(short = 'i', long, value_name = "TIME", default_value = "1s", value_parser = TimeParser::POSITIVE)]
    pub interval: Duration,
    /// Stop after this long whatever happens
    #[arg(short = 'w', long, value_name = "TIME", value_parser = TimeParser::POSITIVE)]
    pub deadline: Option<Duration>,
    /// How long to wait after the last request when no reply came at all (once replies came:
    /// twice the longest round trip, at least the interval)
    #[arg(short = 'W', long, value_name = "TIME", default_value = "10s", value_parser = TimeParser::POSITIVE)]
    pub timeout: Duration,
    /// Bytes of data in each request (the ICMP header adds 8): at most 65507 over IPv4, 65527
    /// over IPv6
    #[arg(short = 's', long, value_name = "BYTES", default_value_t = 56,
          value_parser = clap::value_parser!(u16).range(0..=65527))]
    pub size: u16,
    /// TTL (IPv6: hop limit) of the requests
    #[arg(short = 't', long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..))]
    pub ttl: Option<u8>,
    /// Allow pinging a broadcast address (every host on the link that answers broadcasts)
    #[arg(short = 'b', long)]
    pub broadcast: bool,
    /// Interface to send on (default: the one the route to DEST uses)
    #[arg(short = 'I', long = "interface", value_name = "IFACE")]
    pub interface: Option<String>,
    /// -4 / -6
    #[command(flatten)]
    pub family: FamilyArgs,
}

/// `netkit trace DEST`
#[derive(Debug, Args)]
#[command(
    after_help = "Sends probes toward DEST with TTL (IPv6: hop limit) 1, 2, 3... many at once, round after\n\
                  round (like mtr, not one hop at a time like traceroute): each router where a probe's TTL runs\n\
                  out answers \"time exceeded\", and so shows itself. After --count rounds one line per hop gives\n\
                  the address(es) that answered, the loss, probes sent and the round trips (last, avg, best,\n\
                  worst, stdev); a router that never answers shows as `*` (common, not a fault). The last line\n\
                  says whether DEST was reached, and if not, what the last answer meant. Ctrl-C prints what the\n\
                  finished rounds saw. On a terminal the table fills in round by round (as mtr's does).\n\n\
                  Each address comes with its reverse name (asked of the system resolver in parallel, never\n\
                  slowing the probes; -n skips it) and its kind as `subnet info` names it (private, cgnat: your\n\
                  provider's NAT, documentation, public...). Hop 1 is explained as `route get` explains a route:\n\
                  the mask arithmetic that sent the packet to the gateway, and the gateway's MAC and vendor.\n\n\
                  UDP and TCP probes need raw sockets, so CAP_NET_RAW (sudo, or `sudo setcap cap_net_raw+ep\n\
                  $(command -v netkit)`). ICMP probes use raw sockets with it, and without it the unprivileged\n\
                  ICMP socket `ping` uses, where net.ipv4.ping_group_range allows (\"socket\": \"datagram\").\n\n\
                  Exit status: 0 DEST reached, 1 not reached, 2 bad input, 3 network error, 4 no privilege.\n\n\
                  Examples:\n  netkit trace 192.0.2.1\n  netkit trace example.com --count 10\n  \
                  netkit trace --tcp --port 443 example.com\n  netkit --json trace -6 2001:db8::1 --udp"
)]
pub struct TraceArgs {
    /// Destination: an IP address (IPv6 link-local with its zone, fe80::1%eth0) or a host name
    #[arg(value_name = "DEST", value_parser = |t: &str| parse_dest(destination(), t))]
    pub dest: Dest,
    /// Rounds of probes (each hop is probed once a round)
    #[arg(short = 'c', long, value_name = "COUNT", default_value_t = 3,
          value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub count: u32,
    /// Largest TTL (hop limit) tried (UDP and TCP probes: at most 254)
    #[arg(short = 'm', long, value_name = "N", default_value_t = 30,
          value_parser = clap::value_parser!(u8).range(1..))]
    pub max_hops: u8,
    /// TTL of the first hop probed (hops before it are not shown)
    #[arg(short = 'f', long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u8).range(1..))]
    pub first_hop: u8,
    /// How long a round waits for answers
    #[arg(short = 'W', long, value_name = "TIME", default_value = "1s", value_parser = TimeParser::POSITIVE)]
    pub timeout: Duration,
    /// Shortest time from the start of one round to the start of the next
    #[arg(short = 'i', long, value_name = "TIME", default_value = "1s", value_parser = TimeParser::POSITIVE)]
    pub interval: Duration,
    /// Probe with UDP datagrams (to ports 33434 and up, as traceroute; --port fixes one)
    #[arg(long, conflicts_with = "tcp")]
    pub udp: bool,
    /// Probe with TCP SYNs (to --port, 80 by default)
    #[arg(long)]
    pub tcp: bool,
    /// Destination port of UDP or TCP probes
    #[arg(short = 'p', long, value_name = "PORT", value_parser = clap::value_parser!(u16).range(1..))]
    pub port: Option<u16>,
    /// Interface to send on (default: the one the route to DEST uses)
    #[arg(short = 'I', long = "interface", value_name = "IFACE")]
    pub interface: Option<String>,
    /// Show addresses only: no reverse (PTR) names
    #[arg(short = 'n', long)]
    pub no_dns: bool,
    /// -4 / -6
    #[command(flatten)]
    pub family: FamilyArgs,
}

/// `netkit watch`
#[derive(Debug, Args)]
#[command(
    after_help = "Listens on the interface (not in promiscuous mode unless --promiscuous: the broadcasts every\n\
                  host receives, and frames sent to this one, are enough) and prints one line per event, as it happens: time (UTC),\n\
                  kind, IP, MAC and vendor, and what it means. Frames this host sent are told apart by the\n\
                  kernel (their packet type), never by their source MAC. Events: a new station (an IP/MAC pair\n\
                  not known); changed MAC; flip-flop (back to the MAC before); IP conflict (two MACs for one IP\n\
                  within a minute); GATEWAY SPOOFING (a second MAC claims the gateway's IP: likely ARP spoofing);\n\
                  CLAIMS OUR IP (another host claims this host's address); CLAIMS OUR MAC (a frame from outside\n\
                  carries this host's MAC; at most one report a minute); gratuitous ARP; ARP probe and announce\n\
                  (a host joining, RFC 5227); outside subnet (a sender address not in the interface's subnets);\n\
                  DHCP server (an offer, ack or nak seen) and ROGUE DHCP; router advert and ROGUE ROUTER (IPv6).\n\
                  A DHCP server or router is judged by the IP source and the Ethernet source of its message,\n\
                  never by what the message says of itself (a DHCP Server Identifier is flagged when it names\n\
                  another address): one from another address than --dhcp-server / --router, or from that\n\
                  address but another MAC than the one the neighbour table, --db or its first message gave, is\n\
                  rogue. The known stations start from the neighbour table, or from --db FILE, which keeps them\n\
                  across runs (as arpwatch's arp.dat): checked and locked at the start (FILE.lock: one watcher\n\
                  per file), saved every --save-every and whenever the watch ends, atomically through a\n\
                  temporary file with a random name, never through a link; a file that is not one is refused\n\
                  and left alone. A gateway known only from --db keeps its MAC. At most 65536 stations are\n\
                  kept. --json gives one JSON object per event (kind and what it carries) and a last one with\n\
                  the summary. Ctrl-C (or --duration, --count) ends the watch with a summary: frames heard,\n\
                  frames the kernel dropped because they came too fast, stations, events by kind. Needs\n\
                  CAP_NET_RAW.\n\n\
                  Exit status: 0 no alarm, 1 an alarm (IP conflict, gateway spoofing, our IP or MAC claimed,\n\
                  rogue DHCP server or router), 2 bad input, 3 network error (the interface lost: after the\n\
                  summary, the stations saved), 4 no CAP_NET_RAW.\n\n\
                  Examples:\n  sudo netkit watch\n  sudo netkit watch -I eth0 --dhcp-server 192.168.1.1 --db ~/.netkit-stations\n  \
                  sudo netkit --json watch --duration 600"
)]
pub struct WatchArgs {
    /// Interface to listen on (default: the default route's, or the only Ethernet interface that is up)
    #[arg(short = 'I', long = "interface", value_name = "IFACE")]
    pub interface: Option<String>,
    /// Keep the known stations in FILE across runs (created when missing; FILE.lock keeps a second watcher off it)
    #[arg(long, value_name = "FILE")]
    pub db: Option<std::path::PathBuf>,
    /// With --db, also save the stations this often during the watch (they are always saved at its end)
    #[arg(long, value_name = "TIME", default_value = "300s", value_parser = TimeParser::POSITIVE)]
    pub save_every: Duration,
    /// The LAN's DHCP server: messages sent from any other address or MAC are a rogue DHCP server (an alarm)
    #[arg(long, value_name = "ADDR")]
    pub dhcp_server: Option<std::net::Ipv4Addr>,
    /// The LAN's IPv6 router (its link-local address): advertisements sent from any other address or MAC are a rogue router
    #[arg(long, value_name = "ADDR")]
    pub router: Option<std::net::Ipv6Addr>,
    /// Stop after this long (default: until Ctrl-C)
    #[arg(short = 'w', long, value_name = "TIME", value_parser = TimeParser::POSITIVE)]
    pub duration: Option<Duration>,
    /// Stop after N events
    #[arg(short = 'c', long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,
    /// Make the interface promiscuous while listening (as arpwatch and tcpdump do), so the card also passes other hosts' unicast frames: what tells a hub from a switch
    #[arg(long)]
    pub promiscuous: bool,
}

/// `netkit dns NAME [TYPE...] [@SERVER...]`: examples first, the details after the options in
/// few words (issue 27 item 6).
#[derive(Debug, Args)]
#[command(
    help_template = "{about-with-newline}\n{before-help}{usage-heading} {usage}\n\n{all-args}{after-help}",
    before_help = "Examples:\n  netkit dns example.com\n  netkit dns example.com MX TXT @1.1.1.1\n  \
                   netkit dns -x 192.0.2.1\n  netkit dns --file names.txt --short\n  \
                   netkit dns example.com @dns.quad9.net --tls\n  \
                   netkit dns example.com SOA @192.0.2.53 --full --norecurse\n  \
                   netkit dns CH TXT version.bind @192.0.2.53 --nsid\n  \
                   netkit dns example.com @192.0.2.53 @198.51.100.53 --compare\n  \
                   netkit dns www.example.com --trace\n",
    after_help = "Arguments come in any order, as in dig: record types (every mnemonic dig knows, and\n\
                       TYPEnnn; default A and AAAA), servers (@IP[:PORT], @[IPv6]:PORT, @NAME[:PORT]; a NAME is\n\
                       also what a DoT/DoH certificate must carry) and the name: the word that is not a type\n\
                       (`netkit dns MX example.com`); it may carry RFC 1035 escapes (dot\\.name, sp\\032ace).\n\
                       Without a server the resolvers of /etc/resolv.conf are asked, with its search list and\n\
                       ndots, as the C library asks them; every name tried is listed. Other scripts go as\n\
                       punycode (IDNA).\n\n\
                       --file: one name a line ('#' comments), read as it comes; one result line each, in input\n\
                       order unless --unordered; --json gives an object a line; Ctrl-C prints the results so far.\n\
                       --full (or --norecurse, --cd, --dnssec, --nsid, --subnet, --bufsize, --no-edns,\n\
                       --ignore-tc): the whole reply of the first server that answers, as dig shows it (EDNS\n\
                       options and Extended DNS Errors included; over TCP with --tcp), without the search list;\n\
                       a class word (CH, HS) before the name asks that class. Without --full, --json still\n\
                       carries each query's whole response (`response`).\n\
                       --compare: every server asked at once; the same rcode, kind of answer and records (TTLs\n\
                       aside) are one group.\n\n\
                       Exit status: 0 answered (REFUSED for one type of a name that answered another is a note),\n\
                       1 NXDOMAIN or no data of that type (--compare: the servers disagree), 2 bad input, 3\n\
                       SERVFAIL, REFUSED, a referral (the server does not recurse), a CNAME loop, a bad packet,\n\
                       a timeout or another network error. With --file: 0 every name answered, 1 some had no\n\
                       answer, 2 a line is not a name, 3 errors."
)]
pub struct DnsArgs {
    /// The name to look up, record types and @SERVER[:PORT]s, in any order (the word that is
    /// not a record type is the name)
    #[arg(value_name = "NAME|TYPE|@SERVER")]
    pub args: Vec<String>,
    /// Reverse lookup: the PTR record of this IP address
    #[arg(
        short = 'x',
        long = "reverse",
        value_name = "IP",
        conflicts_with = "file",
        value_parser = parse_reverse
    )]
    pub reverse: Option<IpAddr>,
    /// Server to ask (IP, IP:PORT, NAME or NAME:PORT); may be repeated, tried in order when one fails
    #[arg(short = 's', long = "server", value_name = "SERVER", value_parser = parse_server_spec)]
    pub servers: Vec<Endpoint>,
    /// Ask for all common record types (A AAAA CNAME MX NS TXT SOA CAA HTTPS)
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Print only the record data, one per line
    #[arg(long)]
    pub short: bool,
    /// Use TCP instead of UDP (also with --full, --compare and the flags implying --full)
    #[arg(long, conflicts_with_all = ["tls", "https"])]
    pub tcp: bool,
    /// DNS over TLS (port 853 by default), certificates checked against built-in roots
    #[arg(long, conflicts_with = "https")]
    pub tls: bool,
    /// DNS over HTTPS (port 443, /dns-query), certificates checked against built-in roots
    #[arg(long)]
    pub https: bool,
    /// With --tls/--https: trust only the CA certificates in this PEM file, not the built-in roots
    #[arg(long, value_name = "FILE")]
    pub tls_ca: Option<PathBuf>,
    /// With --tls/--https: the name the server's certificate must carry (default: the server's name as given, else its IP address)
    #[arg(long, value_name = "NAME")]
    pub tls_hostname: Option<String>,
    /// How long to wait for each attempt: 2, 1.5, 500ms (a bare number is seconds, as in dig +time)
    #[arg(long, value_name = "TIME", default_value = "2s", value_parser = TimeParser::POSITIVE)]
    pub timeout: Duration,
    /// Extra attempts after the first one times out. 0: exactly one query per name and type;
    /// from 1 on, a UDP query lost within an attempt is also sent again after a round trip
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub retries: usize,
    /// Look up every name in FILE, one per line ('-' is standard input), read as it comes
    #[arg(short = 'f', long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// With --file: how many names are looked up at once (fewer queries are in flight while a server drops them)
    #[arg(long, value_name = "N", default_value_t = 64)]
    pub concurrency: usize,
    /// With --file: print results as they come instead of in input order
    #[arg(long, requires = "file")]
    pub unordered: bool,
    /// Show the whole reply, as dig does: header and flags, question, answer, authority and
    /// additional sections, EDNS, size and time (one server; UDP, TCP when truncated or --tcp)
    #[arg(long, conflicts_with_all = ["file", "tls", "https"])]
    pub full: bool,
    /// Clear RD: ask the server not to recurse (implies --full)
    #[arg(long)]
    pub norecurse: bool,
    /// Set CD: ask a validating resolver not to check DNSSEC (implies --full)
    #[arg(long)]
    pub cd: bool,
    /// Set DO: ask for the DNSSEC records (RRSIG, NSEC...) with the answer (implies --full)
    #[arg(long)]
    pub dnssec: bool,
    /// Ask the server for its name server identifier, RFC 5001 (implies --full)
    #[arg(long)]
    pub nsid: bool,
    /// EDNS client subnet to send, RFC 7871: ADDR/PREFIX (implies --full)
    #[arg(long, value_name = "CIDR", value_parser = parse_subnet_option)]
    pub subnet: Option<(IpAddr, u8)>,
    /// EDNS UDP payload size to announce, 512-65535 (implies --full)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(512..))]
    pub bufsize: Option<u16>,
    /// Send no EDNS OPT record (implies --full)
    #[arg(long, conflicts_with_all = ["dnssec", "nsid", "subnet", "bufsize"])]
    pub no_edns: bool,
    /// Keep a truncated UDP answer instead of asking again over TCP (implies --full)
    #[arg(long)]
    pub ignore_tc: bool,
    /// TTLs as 1h2m3s instead of seconds (tables; JSON keeps seconds)
    #[arg(long)]
    pub human_ttl: bool,
    /// Ask every server given (several @SERVER) at once and show which agree, per type; exit 1
    /// when they disagree
    #[arg(long, conflicts_with_all = ["file", "full", "tls", "https", "short"])]
    pub compare: bool,
    /// Resolve iteratively from the root, as dig +trace: each delegation step, the servers
    /// asked and which answered, the referral (NS and glue), then the answer. With @SERVER the
    /// root's name servers are asked of SERVER (as dig +trace @SERVER), the walk starts from
    /// them, and SERVER's port is used for every server
    #[arg(long, conflicts_with_all = ["file", "full", "compare", "tls", "https", "tcp", "short"])]
    pub trace: bool,
    /// With --trace or --validate (without @SERVER): start from the root servers listed in
    /// FILE (A/AAAA lines of a root hints file, as named.root) instead of the built-in ones
    #[arg(long, value_name = "FILE")]
    pub root_hints: Option<PathBuf>,
    /// Check the DNSSEC chain of trust from the trust anchor to the answer (each RRset of a
    /// CNAME chain, a wildcard's proof) or to the NSEC/NSEC3 proof of a negative answer, as
    /// delv does: secure, insecure (an unsigned delegation, an opt-out span, algorithms netkit
    /// does not verify), indeterminate (no trust anchor above the name) or bogus with the
    /// reason (exit 1). With @SERVER every record is asked of SERVER with CD set, as delv
    /// @SERVER (referrals from an authoritative SERVER are followed); without, from the root
    /// servers down; with --trace, along the walk's servers
    #[arg(long, conflicts_with_all = ["file", "full", "compare", "tls", "https", "tcp", "short"])]
    pub validate: bool,
    /// With --validate: the trust anchors, as DS lines (ZONE IN DS TAG ALGORITHM DIGEST-TYPE
    /// HEX) or DNSKEY lines (a dnssec-keygen or ldns-keygen .key file, unbound-anchor's
    /// root.key), instead of the root's built-in ones
    #[arg(long, value_name = "FILE", requires = "validate")]
    pub trust_anchor: Option<PathBuf>,
    /// With --trace or --validate: the most queries one lookup sends (glueless referrals
    /// can ask for many); past it the lookup stops and says so
    #[arg(long, value_name = "N", default_value_t = 150,
          value_parser = clap::value_parser!(u32).range(1..=100_000).map(|n| n as usize))]
    pub max_queries: usize,
    /// With --trace or --validate: the longest one lookup takes; past it the lookup stops and
    /// says so
    #[arg(long, value_name = "TIME", default_value = "30s", value_parser = TimeParser::POSITIVE)]
    pub max_time: Duration,
}

/// `--subnet ADDR/PREFIX` (a bare address is a /32 or /128).
fn parse_subnet_option(text: &str) -> std::result::Result<(IpAddr, u8), String> {
    let (addr, prefix) = match text.split_once('/') {
        Some((a, p)) => (a, Some(p)),
        None => (text, None),
    };
    let addr: IpAddr = addr
        .parse()
        .map_err(|_| format!("{text:?} is not ADDR/PREFIX (192.0.2.0/24, 2001:db8::/56)"))?;
    let max = if addr.is_ipv4() { 32 } else { 128 };
    let prefix = match prefix {
        None => max,
        Some(p) => p
            .parse::<u8>()
            .ok()
            .filter(|p| *p <= max)
            .ok_or_else(|| format!("the prefix of {text:?} must be 0-{max}"))?,
    };
    Ok((addr, prefix))
}

/// `netkit chat ...`
#[derive(Debug, Args)]
#[command(
    after_help = "Framing: 'auto' (the default) talks with netkit, nc and the primer's own Python programs:\n\
                  a message ends at a newline, or when the peer pauses with bytes sent (what one\n\
                  recv(1024) returns). A peer whose first message comes without a newline takes\n\
                  turns, as the primer's programs do: netkit says so and answers the same way from\n\
                  then on (one send() per message, no newline, one message per turn). Otherwise\n\
                  messages are lines and both sides talk at any time. 'line' sends and reads only\n\
                  newline-terminated UTF-8 lines; 'raw' is the primer's protocol from the start: each\n\
                  message is one send() with no newline, one read is one message, the sides take turns\n\
                  (the client first). 'bye' from either side ends the conversation. What the peer\n\
                  says is shown after its address: <127.0.0.1:50000> hello.\n\n\
                  Commands, as in IRC: a typed line starting with / is a command, answered where it\n\
                  was typed and never sent. With one peer, /help says what works, /who and /nick say\n\
                  they work in a room, /quit says bye, and any other /command is refused; type //text\n\
                  to send text starting with / (//etc/hosts sends /etc/hosts). A client that reached a\n\
                  --room sends its lines as typed and the room answers. What a peer sends is never\n\
                  taken for a command.\n\n\
                  Exit status: 0 the conversation ended ('bye', the peer left, end of input, Ctrl-C),\n\
                  2 bad address, port or option, 3 the port is in use, the connection was refused or\n\
                  reset, or the host is unreachable (the message says what to do next). --json has no\n\
                  effect on a conversation (errors are JSON).\n\n\
                  Examples:\n  netkit chat server --port 8001\n  netkit chat client 127.0.0.1:8001\n  \
                  netkit chat server --room --max-clients 50\n  \
                  netkit chat client --framing raw [::1]:8001"
)]
pub struct ChatArgs {
    /// Which side of the conversation
    #[command(subcommand)]
    pub command: ChatCommand,
}

/// The chat subcommands.
#[derive(Debug, Subcommand)]
pub enum ChatCommand {
    /// Listen, accept one client and talk with it (or, with --room, relay lines among many)
    Server(ChatServerArgs),
    /// Connect to a chat server and talk
    Client(ChatClientArgs),
}

/// How chat messages are delimited on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Framing {
    /// A message ends at a newline or when the peer pauses; a peer that takes turns without
    /// newlines (the primer's programs) is answered the same way
    Auto,
    /// One UTF-8 line per message, ending in a newline; the two sides talk freely
    Line,
    /// The primer's protocol: one read is one message, no newline, the sides take turns
    Raw,
}

/// Options shared by the chat server and client.
#[derive(Debug, Args)]
pub struct ChatOpts {
    /// How messages are delimited: found out from the peer, newline-terminated lines, or the
    /// primer's raw sends
    // The values are listed in the help's own words (help-chat-*-arg-framing-long), in the
    // run's language, rather than under clap's English "Possible values:".
    #[arg(
        long,
        value_enum,
        default_value_t = Framing::Auto,
        value_name = "FRAMING",
        hide_possible_values = true
    )]
    pub framing: Framing,
    /// Longest message accepted, in bytes; longer lines are dropped with a notice
    #[arg(long, value_name = "BYTES", default_value_t = 65536,
          value_parser = clap::value_parser!(u32).range(16..=16_777_216))]
    pub max_line: u32,
    /// Close a connection after this long with no message either way: 600, 1.5, 500ms (a bare
    /// number is seconds; 0: never)
    #[arg(long, value_name = "TIME", default_value = "0s", value_parser = TimeParser::ANY)]
    pub idle_timeout: Duration,
}

/// `netkit chat server [--bind ADDR] [--port N] [--backlog N] [--room]`
#[derive(Debug, Args)]
#[command(
    after_help = "Without --room the server holds one conversation and exits when it ends; later\n\
                  callers wait in the listen backlog meanwhile. Messages print on stdout, the peer's\n\
                  after its address (<127.0.0.1:50000> hello); notices (listening, who connected\n\
                  and disconnected, and why, the framing found) on stderr. A typed line\n\
                  starting with / is a command, never sent (/help; //text sends /text): see\n\
                  netkit chat --help.\n\n\
                  In a --room, clients type /nick NAME to rename, /who to list the room, /help for\n\
                  the commands and bye (or /quit) to leave; a command is answered to its member alone,\n\
                  and an unknown /command is refused, never relayed (//text sends text starting with\n\
                  /). The operator's lines go to everyone as <server>; /who lists, /help, /quit or\n\
                  Ctrl-C closes the room. Each join, rename and leave is one notice on stderr. A client\n\
                  whose --queue fills up (it does not read) is disconnected.\n\n\
                  With --web the room is also a web page (B/S beside C/S): browsers open\n\
                  http://ADDR:PORT/ and join the same room over a WebSocket (/ws), with the same\n\
                  nicks, commands, --max-line, --queue and --max-clients (which counts both kinds of\n\
                  member). /who says how each member is connected and from where. Only a page from\n\
                  the room's own address may join (the Origin must match the Host: HTTP 403\n\
                  otherwise); a message over --max-line closes that socket with code 1009, text\n\
                  that is not UTF-8 with 1007, a protocol error with 1002. A request's head must\n\
                  arrive within 10 s, and one address may hold 32 HTTP connections at once.\n\n\
                  Exit status: 0 ended normally, 2 bad address or option, 3 the port is in use, is\n\
                  below 1024 without the privilege, or the address is not on this host.\n\n\
                  Examples:\n  netkit chat server --port 8001\n  netkit chat server --port 0 --bind ::1\n  \
                  netkit chat server --room --max-clients 50 --idle-timeout 600\n  \
                  netkit chat server --room --web                      # and http://127.0.0.1:8080/\n  \
                  netkit chat server --room --bind 0.0.0.0 --web 0.0.0.0:8080"
)]
pub struct ChatServerArgs {
    /// Address to listen on (an IPv4 or IPv6 address); anything wider than loopback must be asked for
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1", value_parser = parse_bind)]
    pub bind: IpAddr,
    /// Port to listen on (0: any free port, printed at start-up)
    #[arg(short, long, value_name = "PORT", default_value_t = 8001)]
    pub port: u16,
    /// How many callers may wait in the listen queue (a room uses at least 128)
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub backlog: u32,
    /// A chat room: every client's line goes to every other client, prefixed with its nick
    #[arg(long)]
    pub room: bool,
    /// With --room: most clients at once; later ones are told the room is full
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub max_clients: usize,
    /// With --room: lines queued for one client before it counts as too slow and is disconnected
    #[arg(long, value_name = "N", default_value_t = 1024,
          value_parser = clap::value_parser!(u32).range(32..=1_000_000))]
    pub queue: u32,
    /// With --room: also serve the room to browsers, a page at http://ADDR:PORT/ that joins over
    /// a WebSocket (alone: 127.0.0.1:8080; port 0: any free port)
    #[arg(long, value_name = "ADDR:PORT", num_args = 0..=1, requires = "room",
          default_missing_value = "127.0.0.1:8080", value_parser = parse_listen)]
    pub web: Option<SocketAddr>,
    /// Framing, line limit, idle timeout
    #[command(flatten)]
    pub opts: ChatOpts,
}

/// `netkit chat client HOST:PORT`
#[derive(Debug, Args)]
#[command(
    after_help = "A typed line starting with / is a command: with one peer it is answered here and never\n\
                  sent (/help; //text sends /text); in a --room the room answers it. See netkit chat --help.\n\n\
                  A server that talks with one client at a time (the primer's, netkit's without --room)\n\
                  lets the next callers wait in its listen backlog: connected, but not yet heard. When\n\
                  nothing comes for 5 s after the first message the client says it may be waiting\n\
                  there, and a reset before the server said anything is explained so (exit 3).\n\n\
                  Examples:\n  netkit chat client 127.0.0.1:8001\n  netkit chat client localhost:8001 --timeout 2s\n  \
                  netkit chat client --framing raw [::1]:8001"
)]
pub struct ChatClientArgs {
    /// The server: 127.0.0.1:8001, [::1]:8001 or localhost:8001
    #[arg(value_name = "HOST:PORT", value_parser = parse_chat_server)]
    pub server: HostPort,
    /// How long to wait for the connection: 5, 0.5, 500ms (a bare number is seconds)
    #[arg(long, value_name = "TIME", default_value = "5s", value_parser = TimeParser::ANY)]
    pub timeout: Duration,
    /// Framing, line limit, idle timeout
    #[command(flatten)]
    pub opts: ChatOpts,
}

/// `chat client`'s server: `HOST:PORT`. A host without its port is the student's likely slip
/// (the primer's client names both): said with where the port comes from (issue 27 item 4).
fn parse_chat_server(text: &str) -> Result<HostPort> {
    let what = || i18n::t!("chat-what-server");
    match parse_endpoint(what(), text) {
        Ok(e) if e.port.is_none() && !matches!(e.host, Host::Ip(IpAddr::V6(_))) => Err(Error::bad(
            what(),
            text,
            i18n::t!("chat-bad-server-no-port"),
        )),
        _ => parse_host_port(what(), text),
    }
}

/// The value parser of every time flag (`--timeout`, `--interval`, `--deadline`,
/// `--idle-timeout`): `util::time::parse_duration`, naming the flag in its error.
#[derive(Debug, Clone, Copy)]
pub struct TimeParser {
    positive: bool,
}

impl TimeParser {
    /// From 0 to a day.
    pub const ANY: TimeParser = TimeParser { positive: false };
    /// More than 0, up to a day.
    pub const POSITIVE: TimeParser = TimeParser { positive: true };
}

impl TypedValueParser for TimeParser {
    type Value = Duration;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> std::result::Result<Duration, clap::Error> {
        let what = match arg.map(|a| a.get_id().as_str()) {
            Some("interval") => i18n::t!("time-what-interval"),
            Some("deadline") => i18n::t!("time-what-deadline"),
            Some("idle_timeout") => i18n::t!("time-what-idle-timeout"),
            _ => i18n::t!("time-what-timeout"),
        };
        let positive = self.positive;
        let parse = move |text: &str| parse_duration(what.clone(), text, positive);
        parse.parse_ref(cmd, arg, value)
    }
}

/// `netkit arp IP`: an IPv4 address.
fn parse_arp_target(text: &str) -> Result<Ipv4Addr> {
    match parse_addr(text)? {
        IpAddr::V4(a) => Ok(a),
        IpAddr::V6(_) => Err(Error::bad(
            i18n::t!("arp-what-address"),
            text,
            i18n::t!("arp-ipv4-only-ndp"),
        )),
    }
}

/// `netkit arp scan RANGE`: an IPv4 range, a CIDR block (`192.0.2.0/24`,
/// `192.0.2.0/255.255.255.0`) or one address (a /32).
pub fn parse_arp_range(text: &str) -> Result<Block> {
    let p = Prefixed::parse(text)?;
    if Family::of(&p.addr) != Family::V4 {
        return Err(Error::bad(
            i18n::t!("arp-what-network"),
            text,
            i18n::t!("arp-ipv4-only"),
        ));
    }
    Ok(Block::new(p.addr, p.prefix.unwrap_or(32)))
}

/// A network with its prefix: `192.168.0.0/24`, `10.0.0.0/255.0.0.0`.
fn parse_network(text: &str) -> Result<Block> {
    Block::from_parts(Prefixed::parse(text)?, None)
}

/// `netkit dns -x IP`.
fn parse_reverse(text: &str) -> Result<IpAddr> {
    text.trim().parse().map_err(|_| {
        Error::bad(
            i18n::t!("addr-what-address"),
            text,
            i18n::t!("dns-bad-reverse"),
        )
    })
}
