//! A LAN built from network namespaces, for tests that need a real (virtual) network:
//!
//! ```text
//!   host (eth0 198.51.100.2/24, 2001:db8:1::2/64) ──┐
//!                                                    ├── sw (bridge br0)
//!   router (lan0 198.51.100.1/24, 2001:db8:1::1/64) ─┘
//!   router (wan0 203.0.113.1/24) ── remote (eth0 203.0.113.10/24)
//! ```
//!
//! [`Chain`] adds a chain of routers behind the LAN's router, for traces (see its docs).
//!
//! Every namespace gets a unique name and is removed when the `Lab` is dropped, also when the
//! test panics.
//!
//! As root the namespaces are the machine's own (`ip netns add`). Without root they are made
//! rootless, as rootless containers are (issue 27 item 7): one process per test run holds a user
//! namespace in which this user is root and its subordinate ids (/etc/subuid) are the other
//! users (`unshare --user --map-user=0 --map-users=...`, through newuidmap), with its own mount
//! and network namespaces; there `/run/netns` is a fresh tmpfs and `/etc/netns` a directory of
//! this run, and every command of the lab (`ip`, `ip netns exec`, the daemons, netkit) runs in
//! it through `nsenter`. Inside, veth pairs, bridges, raw sockets, sysctls of the namespaces and
//! daemons such as dnsmasq work as they do for root; the holder ends, and everything in it goes,
//! when the test process does. Where neither works (no root; user namespaces off, or no
//! subordinate ids) the test is skipped with a visible message, unless NETKIT_REQUIRE_NETNS=1,
//! which turns the skip into a failure (CI sets it).
//!
//! Tests run programs in a namespace through [`Lab::exec`], [`Lab::netkit`], [`Lab::daemon`],
//! or, when they need the [`Command`] itself (to pipe or signal it), [`netns_exec`] (and
//! [`netns_exec_line`] in a shell line): never `ip netns exec` by hand, which misses the user
//! namespace of a rootless run.

#![allow(dead_code)]

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// MAC of the host's eth0 (a Xensource OUI, so vendor lookup has something to say).
pub const HOST_MAC: &str = "00:16:3e:12:34:56";
/// MAC of the router's LAN interface.
pub const ROUTER_MAC: &str = "00:16:3e:00:00:01";

/// A program running inside a namespace, killed when dropped.
#[derive(Debug)]
pub struct Daemon(std::process::Child);

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Namespaces made for one test; removed on drop (with the firewall rules added inside them).
#[derive(Debug)]
pub struct Lab {
    test: String,
    namespaces: Vec<String>,
    etc_dirs: Vec<PathBuf>,
    /// iptables rules added with [`Lab::iptables`] and not yet deleted: (namespace, rule).
    rules: std::sync::Mutex<Vec<(String, String)>>,
}

fn require() -> bool {
    std::env::var("NETKIT_REQUIRE_NETNS").is_ok_and(|v| v == "1")
}

/// Where the lab's commands run.
#[derive(Debug)]
enum Host {
    /// As root, in the machine's own namespaces.
    Root,
    /// Without root, in the user namespace `holder` keeps (see the module docs).
    Rootless(Holder),
    /// Nowhere: why not.
    Unavailable(String),
}

/// The process that holds a rootless run's user, mount and network namespaces: `sh`, waiting
/// for its standard input to close (when the test process ends).
#[derive(Debug)]
struct Holder {
    pid: u32,
    /// The highest user and group id inside (the user is 0, its subordinate ids follow).
    top_id: u32,
    /// What `/etc/netns` is inside (files for `ip netns exec` to bind over /etc).
    etc: PathBuf,
    /// The end of the holder's standard input: it closes when the test process ends.
    _stdin: Mutex<ChildStdin>,
    _child: Mutex<Child>,
}

/// The lab's host, probed once per test process (tests run in parallel threads; one probe
/// namespace name each would collide, and one holder serves them all).
fn host() -> &'static Host {
    static HOST: OnceLock<Host> = OnceLock::new();
    HOST.get_or_init(probe)
}

/// Why namespaces cannot be made here, or None when they can.
fn unavailable() -> Option<String> {
    match host() {
        Host::Unavailable(why) => Some(why.clone()),
        _ => None,
    }
}

/// Whether the lab runs rootless, in a user namespace (see the module docs).
pub fn rootless() -> bool {
    matches!(host(), Host::Rootless(_))
}

fn euid() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("Uid:"))
        .and_then(|l| l.split_whitespace().nth(2))
        .unwrap_or("?")
        .to_string()
}

fn probe() -> Host {
    let euid = euid();
    if euid != "0" {
        return match start_holder() {
            Ok(holder) => Host::Rootless(holder),
            Err(why) => Host::Unavailable(format!(
                "not root (euid {euid}), and no rootless namespaces either: {why}"
            )),
        };
    }
    let probe = format!("nkprobe{}", std::process::id());
    match Command::new("ip").args(["netns", "add", &probe]).output() {
        Ok(o) if o.status.success() => {
            let _ = Command::new("ip").args(["netns", "del", &probe]).output();
            Host::Root
        }
        Ok(o) => Host::Unavailable(format!(
            "ip netns add failed: {}",
            String::from_utf8_lossy(&o.stderr).trim()
        )),
        Err(e) => Host::Unavailable(format!("cannot run ip: {e}")),
    }
}

/// The holder's script (POSIX sh; `$1` the run's directory, `$2` what /etc/netns is to be).
/// `graft P N` makes the directory P/N where P is not this user's (`/run`, `/etc` on a machine
/// where root never made namespaces): a tmpfs laid over P shows what P held, each entry bound
/// back, and the new N. Bound copies are kept on a tmpfs of their own, which is detached before
/// the run's directory is removed, so that the removal never reaches into /run or /etc.
const HOLDER: &str = r#"set -e
work=$1 etc=$2
mkdir -p "$work/keep"
mount -t tmpfs -o mode=700 keep "$work/keep"
graft() {
	keep=$work/keep/${1#/}
	mkdir -p "$keep"
	mount --rbind "$1" "$keep"
	mount -t tmpfs -o mode=755 graft "$1"
	for e in "$keep"/* "$keep"/.[!.]* "$keep"/..?*; do
		[ -e "$e" ] || [ -L "$e" ] || continue
		t=$1/${e##*/}
		if [ -L "$e" ]; then ln -s "$(readlink "$e")" "$t"
		elif [ -d "$e" ]; then mkdir "$t" && mount --rbind "$e" "$t"
		else : > "$t" && mount --bind "$e" "$t"
		fi
	done
	mkdir "$1/$2"
}
[ -d /run/netns ] || graft /run netns
mount -t tmpfs -o mode=755 netns /run/netns
[ -d /etc/netns ] || graft /etc netns
mount --bind "$etc" /etc/netns
echo ready
read -r _ || true
umount -l "$work/keep" && rm -rf "$etc" && rmdir "$work/keep" "$work"
"#;

/// This user's first block of subordinate ids in `file` (/etc/subuid, /etc/subgid): its start
/// and length, from a `NAME:START:COUNT` or `UID:START:COUNT` line.
fn subordinate(file: &str, uid: &str, name: &str) -> Option<(u32, u32)> {
    let text = std::fs::read_to_string(file).ok()?;
    text.lines().find_map(|l| {
        let mut f = l.trim().split(':');
        let (who, start, count) = (f.next()?, f.next()?, f.next()?);
        ((who == uid || who == name) && !who.is_empty())
            .then(|| Some((start.parse().ok()?, count.parse().ok()?)))
            .flatten()
    })
}

/// How `unshare` maps ids into the holder's user namespace, as rootless containers map them:
/// this user as root, its subordinate ids (/etc/subuid, /etc/subgid) as 1, 2, ..., mapped by the
/// setuid helpers newuidmap and newgidmap (package `uidmap`); so `nobody` exists inside, daemons
/// may switch to it, and `ping_group_range` may shut groups out. Returns the `unshare` arguments
/// and the highest id inside, or why ids cannot be mapped so.
fn id_maps(uid: &str) -> Result<(Vec<String>, u32), String> {
    let name = std::fs::read_to_string("/etc/passwd")
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.get(2) == Some(&uid)).then(|| f[0].to_string())
        })
        .unwrap_or_default();
    for helper in ["newuidmap", "newgidmap"] {
        let found = Command::new(helper)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok();
        if !found {
            return Err(format!("no {helper} (Debian: apt-get install uidmap)"));
        }
    }
    let block = |file: &str| {
        subordinate(file, uid, &name)
            .filter(|&(_, count)| count > 0)
            .ok_or_else(|| {
                format!("no subordinate ids for {name} in {file} (usermod --add-subuids)")
            })
    };
    let ((us, uc), (gs, gc)) = (block("/etc/subuid")?, block("/etc/subgid")?);
    Ok((
        vec![
            "--map-user=0".into(),
            "--map-group=0".into(),
            format!("--map-users={us},1,{uc}"),
            format!("--map-groups={gs},1,{gc}"),
        ],
        uc.min(gc),
    ))
}

/// Starts the holder of a rootless run and waits until its namespaces are ready.
fn start_holder() -> Result<Holder, String> {
    let work = tempfile::Builder::new()
        .prefix("netkit-rootless-")
        .tempdir()
        .map_err(|e| format!("a directory for the run: {e}"))?
        .keep();
    let etc = work.join("etc-netns");
    std::fs::create_dir(&etc).map_err(|e| format!("{}: {e}", etc.display()))?;
    let (maps, top_id) = id_maps(&euid())?;
    let mut child = Command::new("unshare")
        .arg("--user")
        .args(&maps)
        .args([
            "--mount",
            "--net",
            "--propagation",
            "private",
            "sh",
            "-c",
            HOLDER,
            "sh",
        ])
        .arg(&work)
        .arg(&etc)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run unshare: {e}"))?;
    let mut ready = String::new();
    let out = child.stdout.take().expect("piped stdout");
    let _ = std::io::BufReader::new(out).read_line(&mut ready);
    if ready.trim() != "ready" {
        let _ = child.kill();
        let o = child.wait_with_output().map_err(|e| e.to_string())?;
        let _ = std::fs::remove_dir_all(&work);
        return Err(format!(
            "unshare --user {} --mount --net: {}",
            maps.join(" "),
            String::from_utf8_lossy(&o.stderr).trim()
        ));
    }
    Ok(Holder {
        pid: child.id(),
        top_id,
        etc,
        _stdin: Mutex::new(child.stdin.take().expect("piped stdin")),
        _child: Mutex::new(child),
    })
}

/// A command running `program` where the lab's namespaces are: as it is for root, through
/// `nsenter` into the holder's namespaces for a rootless run.
fn lab_command(program: impl AsRef<std::ffi::OsStr>) -> Command {
    match host() {
        Host::Rootless(h) => {
            let mut c = Command::new("nsenter");
            c.args([
                "-t",
                &h.pid.to_string(),
                "-U",
                "-m",
                "-n",
                "--preserve-credentials",
                "--",
            ])
            .arg(program);
            c
        }
        _ => Command::new(program),
    }
}

/// A command running a program inside namespace `ns` (`ip netns exec NS`; add the program and
/// its arguments), rootless or not: for tests that need the [`Command`] itself.
pub fn netns_exec(ns: &str) -> Command {
    let mut c = lab_command("ip");
    c.args(["netns", "exec", ns]);
    c
}

/// The words that run a program inside namespace `ns` in a shell line (`script -c`), as
/// [`netns_exec`] does.
pub fn netns_exec_line(ns: &str) -> String {
    match host() {
        Host::Rootless(h) => format!(
            "nsenter -t {} -U -m -n --preserve-credentials -- ip netns exec {ns}",
            h.pid
        ),
        _ => format!("ip netns exec {ns}"),
    }
}

/// The widest `net.ipv4.ping_group_range` the lab's namespaces take: every group as root;
/// rootless, the groups the user namespace maps (a range must name groups that exist there).
pub fn every_ping_group() -> String {
    match host() {
        Host::Rootless(h) => format!("0 {}", h.top_id),
        _ => "0 2147483647".into(),
    }
}

/// Whether TUN/TAP devices can be made in the lab's namespaces: the kernel has them and
/// /dev/net/tun opens (rootless, a device only root may open stays shut).
pub fn tun_usable() -> bool {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/net/tun")
        .is_ok()
}

/// The directory whose files `ip netns exec` binds over /etc inside the lab's namespaces.
fn etc_root() -> PathBuf {
    match host() {
        Host::Rootless(h) => h.etc.clone(),
        _ => PathBuf::from("/etc/netns"),
    }
}

impl Lab {
    /// A new, empty lab for `test`; None (after a visible SKIP message) when unprivileged.
    /// Panics instead of skipping under NETKIT_REQUIRE_NETNS=1.
    pub fn new(test: &str) -> Option<Lab> {
        if let Some(why) = unavailable() {
            if require() {
                panic!("NETKIT_REQUIRE_NETNS=1 but {test} cannot build its namespace LAN: {why}");
            }
            // Written to the stderr handle itself: libtest hides eprintln! output of passing tests.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED {test}: needs network namespaces, as root or rootless ({why})"
            );
            return None;
        }
        Some(Lab {
            test: test.to_string(),
            namespaces: Vec::new(),
            etc_dirs: Vec::new(),
            rules: std::sync::Mutex::new(Vec::new()),
        })
    }

    /// Creates a namespace with loopback up; returns its unique name.
    pub fn ns(&mut self, role: &str) -> String {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let name = format!("nk{}x{n}{role}", std::process::id());
        self.namespaces.push(name.clone());
        self.ip(&["netns", "add", &name]);
        self.ip(&["-n", &name, "link", "set", "lo", "up"]);
        name
    }

    /// Runs `ip ARGS`, panicking with its stderr on failure.
    pub fn ip(&self, args: &[&str]) {
        let o = lab_command("ip").args(args).output().expect("ip runs");
        assert!(
            o.status.success(),
            "[{}] ip {}: {}",
            self.test,
            args.join(" "),
            String::from_utf8_lossy(&o.stderr)
        );
    }

    /// Runs `ip -n NS WORDS...`, the words given as one space-separated string.
    pub fn ipn(&self, ns: &str, words: &str) {
        let mut args = vec!["-n", ns];
        args.extend(words.split_whitespace());
        self.ip(&args);
    }

    /// Sets kernel settings (`name=value`) inside namespace `ns`, panicking on failure.
    pub fn sysctl(&self, ns: &str, settings: &[&str]) {
        let o = self.exec(ns, "sysctl", &[&["-qw"][..], settings].concat());
        assert!(
            o.status.success(),
            "sysctl {settings:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }

    /// Runs a program inside namespace `ns`.
    pub fn exec(&self, ns: &str, program: &str, args: &[&str]) -> Output {
        netns_exec(ns)
            .arg(program)
            .args(args)
            .env_remove("NO_COLOR")
            .output()
            .expect("ip netns exec runs")
    }

    /// Runs the netkit binary inside namespace `ns`.
    pub fn netkit(&self, ns: &str, args: &[&str]) -> Output {
        let bin = assert_cmd::cargo::cargo_bin("netkit");
        self.exec(ns, bin.to_str().expect("utf-8 path"), args)
    }

    /// Runs the netkit binary inside `ns` without CAP_NET_RAW (and without root's file-access
    /// override), as an unprivileged user would.
    pub fn netkit_unprivileged(&self, ns: &str, args: &[&str]) -> Output {
        let bin = assert_cmd::cargo::cargo_bin("netkit");
        let mut script = format!("exec {}", bin.display());
        for a in args {
            script.push_str(&format!(" '{}'", a.replace('\'', "'\\''")));
        }
        let drop = "--drop=cap_net_raw,cap_dac_override,cap_dac_read_search";
        self.exec(ns, "capsh", &[drop, "--", "-c", &script])
    }

    /// Starts `program ARGS` inside `ns` in the background and waits (up to 5 s) until something
    /// listens on `port` (`proto` "tcp" or "udp") there.
    pub fn daemon(&self, ns: &str, program: &str, args: &[&str], proto: &str, port: u16) -> Daemon {
        let child = netns_exec(ns)
            .arg(program)
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("[{}] cannot start {program}: {e}", self.test));
        let flag = if proto == "udp" { "-Hlun" } else { "-Hltn" };
        let filter = format!("sport = :{port}");
        let t = std::time::Instant::now();
        while t.elapsed() < std::time::Duration::from_secs(5) {
            if !self.exec(ns, "ss", &[flag, &filter]).stdout.is_empty() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Daemon(child)
    }

    /// Runs `ip -j ARGS` inside `ns` and parses the JSON.
    pub fn ip_json(&self, ns: &str, args: &[&str]) -> serde_json::Value {
        let o = lab_command("ip")
            .args(["-n", ns, "-j"])
            .args(args)
            .output()
            .expect("ip runs");
        assert!(
            o.status.success(),
            "ip -j {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        serde_json::from_slice(&o.stdout).expect("ip -j gives JSON")
    }

    /// Where the file `name` that `ip netns exec NS` bind-mounts over /etc is kept (see
    /// [`Lab::etc_file`]).
    pub fn etc_path(&self, ns: &str, name: &str) -> PathBuf {
        etc_root().join(ns).join(name)
    }

    /// Files that `ip netns exec NS` bind-mounts over /etc (hosts, resolv.conf...).
    pub fn etc_file(&mut self, ns: &str, name: &str, content: &str) {
        let dir = etc_root().join(ns);
        std::fs::create_dir_all(&dir).expect("create /etc/netns/NS");
        std::fs::write(dir.join(name), content).expect("write /etc/netns file");
        if !self.etc_dirs.contains(&dir) {
            self.etc_dirs.push(dir);
        }
    }

    /// Appends an iptables rule inside `ns`: `rule` is a chain and its match, as words
    /// (`"FORWARD -p icmp --icmp-type echo-request -j DROP"`). This kernel has no netem: loss,
    /// drops and silent hops are made this way. The rule is deleted by [`Lab::iptables_del`], or
    /// when the lab is dropped (also when the test fails).
    pub fn iptables(&self, ns: &str, rule: &str) {
        let mut args = vec!["-A"];
        args.extend(rule.split_whitespace());
        let o = self.exec(ns, "iptables", &args);
        assert!(
            o.status.success(),
            "[{}] iptables -A {rule}: {}",
            self.test,
            String::from_utf8_lossy(&o.stderr)
        );
        self.rules
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((ns.to_string(), rule.to_string()));
    }

    /// Deletes a rule [`Lab::iptables`] added (its counters start again when it is added back).
    pub fn iptables_del(&self, ns: &str, rule: &str) {
        let mut args = vec!["-D"];
        args.extend(rule.split_whitespace());
        let o = self.exec(ns, "iptables", &args);
        assert!(
            o.status.success(),
            "[{}] iptables -D {rule}: {}",
            self.test,
            String::from_utf8_lossy(&o.stderr)
        );
        let mut rules = self.rules.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = rules.iter().position(|(n, r)| n == ns && r == rule) {
            rules.remove(i);
        }
    }

    /// A veth pair: `a_if` in `a`, `b_if` in `b`, both up.
    pub fn veth(&self, a: &str, a_if: &str, b: &str, b_if: &str) {
        self.ip(&[
            "-n", a, "link", "add", a_if, "type", "veth", "peer", "name", b_if, "netns", b,
        ]);
        self.ip(&["-n", a, "link", "set", a_if, "up"]);
        self.ip(&["-n", b, "link", "set", b_if, "up"]);
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        for (ns, rule) in self.rules.lock().unwrap_or_else(|e| e.into_inner()).iter() {
            let mut args = vec!["netns", "exec", ns.as_str(), "iptables", "-D"];
            args.extend(rule.split_whitespace());
            let _ = Command::new("ip").args(&args).output();
        }
        for ns in &self.namespaces {
            if let Ok(o) = lab_command("ip").args(["netns", "pids", ns]).output() {
                for pid in String::from_utf8_lossy(&o.stdout).split_whitespace() {
                    let _ = Command::new("kill").args(["-9", pid]).output();
                }
            }
            let _ = lab_command("ip").args(["netns", "del", ns]).output();
        }
        for dir in &self.etc_dirs {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// The standard LAN of DESIGN.md, ready to use.
#[derive(Debug)]
pub struct Lan {
    /// Owns the namespaces.
    pub lab: Lab,
    /// The host under test: eth0 198.51.100.2/24 and 2001:db8:1::2/64, default via .1.
    pub host: String,
    /// The router: lan0 198.51.100.1/24 and 2001:db8:1::1/64, wan0 203.0.113.1/24.
    pub router: String,
    /// A host behind the router: 203.0.113.10/24.
    pub remote: String,
    /// The switch: bridge br0.
    pub sw: String,
}

impl Lan {
    /// Builds the LAN, or None when the test must skip.
    pub fn new(test: &str) -> Option<Lan> {
        let mut lab = Lab::new(test)?;
        let (sw, host, router, remote) =
            (lab.ns("sw"), lab.ns("host"), lab.ns("rtr"), lab.ns("rem"));
        lab.ipn(&sw, "link add br0 type bridge");
        lab.ipn(&sw, "link set br0 up");
        lab.veth(&host, "eth0", &sw, "p-host");
        lab.veth(&router, "lan0", &sw, "p-rtr");
        lab.veth(&router, "wan0", &remote, "eth0");
        lab.ipn(&sw, "link set p-host master br0");
        lab.ipn(&sw, "link set p-rtr master br0");
        lab.ipn(&host, &format!("link set eth0 address {HOST_MAC}"));
        lab.ipn(&router, &format!("link set lan0 address {ROUTER_MAC}"));
        lab.ipn(&host, "addr add 198.51.100.2/24 brd + dev eth0");
        lab.ipn(&host, "addr add 2001:db8:1::2/64 dev eth0 nodad");
        lab.ipn(&router, "addr add 198.51.100.1/24 brd + dev lan0");
        lab.ipn(&router, "addr add 2001:db8:1::1/64 dev lan0 nodad");
        lab.ipn(&router, "addr add 203.0.113.1/24 brd + dev wan0");
        lab.ipn(&remote, "addr add 203.0.113.10/24 brd + dev eth0");
        lab.ipn(&host, "route add default via 198.51.100.1 dev eth0");
        lab.ipn(&host, "-6 route add default via 2001:db8:1::1 dev eth0");
        lab.ipn(&remote, "route add default via 203.0.113.1");
        lab.sysctl(&router, &["net.ipv4.ip_forward=1"]);
        Some(Lan {
            lab,
            host,
            router,
            remote,
            sw,
        })
    }

    /// Adds a peer namespace on the LAN with address `cidr` (none when empty) and MAC `mac`;
    /// returns its name.
    pub fn add_peer(&mut self, role: &str, cidr: &str, mac: &str) -> String {
        let peer = self.lab.ns(role);
        let port = format!("p-{}", self.lab.namespaces.len());
        self.lab.veth(&peer, "eth0", &self.sw, &port);
        self.lab
            .ipn(&self.sw, &format!("link set {port} master br0"));
        self.lab.ipn(&peer, &format!("link set eth0 address {mac}"));
        if !cidr.is_empty() {
            self.lab.ipn(&peer, &format!("addr add {cidr} dev eth0"));
        }
        peer
    }

    /// The LAN's DNS server: dnsmasq on the router (198.51.100.1:53) answering for `.test` from
    /// `hosts` (a hosts file's text, written into `dir`) and NXDOMAIN for other `.test` names;
    /// never forwarding anywhere. The host's /etc/resolv.conf (as `ip netns exec` shows it) is
    /// `resolv_conf`, its /etc/hosts only localhost.
    pub fn dns_server(
        &mut self,
        dir: &tempfile::TempDir,
        hosts: &str,
        resolv_conf: &str,
    ) -> Daemon {
        let hosts_file = dir.path().join("hosts");
        std::fs::write(&hosts_file, hosts).expect("write the DNS server's hosts file");
        self.lab.etc_file(&self.host, "resolv.conf", resolv_conf);
        self.lab
            .etc_file(&self.host, "hosts", "127.0.0.1 localhost\n");
        let addn = format!("--addn-hosts={}", hosts_file.display());
        let args = [
            "--no-daemon",
            "--conf-file=/dev/null",
            "--no-resolv",
            "--no-hosts",
            addn.as_str(),
            "--local=/test/",
            "--listen-address=198.51.100.1",
            "--bind-interfaces",
            "--port=53",
        ];
        self.lab.daemon(&self.router, "dnsmasq", &args, "udp", 53)
    }
}

/// The LAN with a chain of routers behind its router, for `trace`: five hops from the host to
/// the far host, IPv4 on 192.0.2.0/24 (one /30 per link) and IPv6 on 2001:db8:f0::/44 (one
/// /64 per link).
///
/// ```text
///   host ── r1 (the LAN's router, 198.51.100.1 / 2001:db8:1::1)
///            └─ 192.0.2.0/30   2001:db8:f1::/64 ─ r2 (.2 / ::2)
///                └─ 192.0.2.4/30   2001:db8:f2::/64 ─ r3 (.6 / ::2)   silent
///                    └─ 192.0.2.8/30   2001:db8:f3::/64 ─ r4 (.10 / ::2)
///                        └─ 192.0.2.12/30  2001:db8:f4::/64 ─ far (.14 / ::2)
/// ```
///
/// - r3 forwards but never answers: an `iif lo` blackhole rule toward the host's networks drops
///   everything r3 itself sends there (time exceeded included); what it forwards passes.
/// - r4 has routes back to the host's networks and nothing else: DEST in
///   192.0.2.128/25 or 2001:db8:ff::/64 ([`Chain::UNREACHABLE_NET`]) gets "net unreachable"
///   from r4 (no route at all; an `unreachable` route would say "host unreachable").
/// - The far host listens on nothing: UDP and TCP probes get "port unreachable" / a reset.
/// - Every router forwards, and sends ICMP errors without the per-peer ICMP rate limit (a trace
///   asks many at once). IPv4's "no route" errors keep their own limit, which no namespace can
///   change (net.ipv4.route.error_cost/burst are global): 5 at once, then one a second.
#[derive(Debug)]
pub struct Chain {
    /// The LAN; its router is the chain's first hop.
    pub lan: Lan,
    /// Second hop.
    pub r2: String,
    /// Third hop, silent.
    pub r3: String,
    /// Fourth hop, the last router.
    pub r4: String,
    /// The far host, fifth hop.
    pub far: String,
}

impl Chain {
    /// The hops' IPv4 addresses as seen from the host, in order (the far host last).
    pub const HOPS_V4: [&str; 5] = [
        "198.51.100.1",
        "192.0.2.2",
        "192.0.2.6",
        "192.0.2.10",
        "192.0.2.14",
    ];
    /// The hops' IPv6 addresses as seen from the host, in order (the far host last).
    pub const HOPS_V6: [&str; 5] = [
        "2001:db8:1::1",
        "2001:db8:f1::2",
        "2001:db8:f2::2",
        "2001:db8:f3::2",
        "2001:db8:f4::2",
    ];
    /// Which hop (index into HOPS_*) never answers.
    pub const SILENT: usize = 2;
    /// The far host.
    pub const FAR_V4: &str = "192.0.2.14";
    /// The far host (IPv6).
    pub const FAR_V6: &str = "2001:db8:f4::2";
    /// An address in a network r4 has no route to (IPv4, IPv6).
    pub const UNREACHABLE_NET: (&str, &str) = ("192.0.2.130", "2001:db8:ff::1");

    /// Builds the LAN and the chain, or None when the test must skip.
    pub fn new(test: &str) -> Option<Chain> {
        let mut lan = Lan::new(test)?;
        let (r2, r3, r4, far) = (
            lan.lab.ns("r2"),
            lan.lab.ns("r3"),
            lan.lab.ns("r4"),
            lan.lab.ns("far"),
        );
        // Reverse names are asked of the LAN's router, where nothing answers unless a test
        // starts the LAN's DNS server (never of the machine's own resolver).
        let host = lan.host.clone();
        lan.lab
            .etc_file(&host, "resolv.conf", "nameserver 198.51.100.1\n");
        lan.lab.etc_file(&host, "hosts", "127.0.0.1 localhost\n");
        let r1 = lan.router.clone();
        let lab = &lan.lab;
        // Link i joins routers[i] (down0, or c0 on r1) to routers[i + 1] (up0).
        let nodes = [&r1, &r2, &r3, &r4, &far];
        for (i, pair) in nodes.windows(2).enumerate() {
            let down = if i == 0 { "c0" } else { "down0" };
            lab.veth(pair[0], down, pair[1], "up0");
            let v4 = 4 * i;
            lab.ipn(
                pair[0],
                &format!("addr add 192.0.2.{}/30 dev {down}", v4 + 1),
            );
            lab.ipn(pair[1], &format!("addr add 192.0.2.{}/30 dev up0", v4 + 2));
            let net6 = format!("2001:db8:f{}", i + 1);
            lab.ipn(pair[0], &format!("addr add {net6}::1/64 dev {down} nodad"));
            lab.ipn(pair[1], &format!("addr add {net6}::2/64 dev up0 nodad"));
        }
        // Forward: toward the chain's networks, each router to the next (r4 is the end).
        for (i, node) in nodes[..3].iter().enumerate() {
            let dev = if i == 0 { "c0" } else { "down0" };
            lab.ipn(
                node,
                &format!("route add 192.0.2.0/24 via 192.0.2.{} dev {dev}", 4 * i + 2),
            );
            lab.ipn(
                node,
                &format!(
                    "-6 route add 2001:db8:f0::/44 via 2001:db8:f{}::2 dev {dev}",
                    i + 1
                ),
            );
        }
        // Back: toward the host's networks only, each to the previous.
        for (i, node) in nodes[1..4].iter().enumerate() {
            let back4 = format!("via 192.0.2.{} dev up0", 4 * i + 1);
            let back6 = format!("via 2001:db8:f{}::1 dev up0", i + 1);
            lab.ipn(node, &format!("route add 198.51.100.0/24 {back4}"));
            lab.ipn(node, &format!("route add 203.0.113.0/24 {back4}"));
            lab.ipn(node, &format!("-6 route add 2001:db8:1::/64 {back6}"));
        }
        lab.ipn(&far, "route add default via 192.0.2.13 dev up0");
        lab.ipn(&far, "-6 route add default via 2001:db8:f4::1 dev up0");
        // r3 says nothing of its own to the host's networks (forwarded packets are not `iif lo`).
        lab.ipn(&r3, "rule add iif lo to 198.51.100.0/24 blackhole");
        lab.ipn(&r3, "-6 rule add iif lo to 2001:db8:1::/64 blackhole");
        for node in &nodes[..4] {
            lab.sysctl(
                node,
                &[
                    "net.ipv4.ip_forward=1",
                    "net.ipv6.conf.all.forwarding=1",
                    "net.ipv4.icmp_ratemask=0",
                    "net.ipv6.icmp.ratelimit=0",
                ],
            );
        }
        // Each link answers once before the chain is handed over (IPv6 neighbours of new
        // links are not resolved at once; a trace's first rounds would find them missing).
        for (i, node) in nodes[..4].iter().enumerate() {
            for next in [
                format!("192.0.2.{}", 4 * i + 2),
                format!("2001:db8:f{}::2", i + 1),
            ] {
                let o = lab.exec(node, "ping", &["-c", "1", "-W", "3", &next]);
                assert!(
                    o.status.success(),
                    "[{test}] link {i} toward {next}: {}",
                    String::from_utf8_lossy(&o.stdout)
                );
            }
        }
        Some(Chain {
            lan,
            r2,
            r3,
            r4,
            far,
        })
    }

    /// A host missing from a link of r4 (IPv4, IPv6): [`Chain::add_dead_end`] gives r4 the
    /// link, where nobody answers ARP or neighbour solicitations.
    pub const DEAD_END: (&str, &str) = ("192.0.2.70", "2001:db8:f5::70");

    /// Gives r4 a link (192.0.2.64/27, 2001:db8:f5::/64) to a namespace that holds no address:
    /// a probe for [`Chain::DEAD_END`] waits in r4's neighbour queue until ARP (neighbour
    /// discovery) gives up, about 3 s, and only then does r4 answer "host unreachable" (ICMPv6:
    /// "address unreachable"), long after a trace's round.
    pub fn add_dead_end(&mut self) {
        let empty = self.lan.lab.ns("dead");
        let lab = &self.lan.lab;
        lab.veth(&self.r4, "dead0", &empty, "eth0");
        lab.ipn(&self.r4, "addr add 192.0.2.65/27 dev dead0");
        lab.ipn(&self.r4, "addr add 2001:db8:f5::1/64 dev dead0 nodad");
    }

    /// The second router at hop 2 that [`Chain::add_ecmp`] adds.
    pub const ECMP_HOP2: &str = "192.0.2.18";

    /// Adds a second path at hop 2: r1 reaches 192.0.2.0/24 through r2 and through a new
    /// router r2b (192.0.2.16/30 from r1, 192.0.2.20/30 on to r3) with equal cost, and hashes
    /// flows on their ports (fib_multipath_hash_policy=1), so UDP probes to different ports
    /// take both paths. IPv4 only.
    pub fn add_ecmp(&mut self) {
        let r2b = self.lan.lab.ns("r2b");
        let (r1, r3) = (self.lan.router.clone(), self.r3.clone());
        let lab = &self.lan.lab;
        lab.veth(&r1, "c1", &r2b, "up0");
        lab.veth(&r2b, "down0", &r3, "up1");
        lab.ipn(&r1, "addr add 192.0.2.17/30 dev c1");
        lab.ipn(&r2b, "addr add 192.0.2.18/30 dev up0");
        lab.ipn(&r2b, "addr add 192.0.2.21/30 dev down0");
        lab.ipn(&r3, "addr add 192.0.2.22/30 dev up1");
        lab.ipn(&r2b, "route add 192.0.2.0/24 via 192.0.2.22 dev down0");
        lab.ipn(&r2b, "route add 198.51.100.0/24 via 192.0.2.17 dev up0");
        lab.ipn(
            &r1,
            "route replace 192.0.2.0/24 nexthop via 192.0.2.2 dev c0 nexthop via 192.0.2.18 dev c1",
        );
        for (node, settings) in [
            (&r1, &["net.ipv4.fib_multipath_hash_policy=1"][..]),
            (
                &r2b,
                &["net.ipv4.ip_forward=1", "net.ipv4.icmp_ratemask=0"][..],
            ),
        ] {
            let o = lab.exec(node, "sysctl", &[&["-qw"][..], settings].concat());
            assert!(
                o.status.success(),
                "sysctl: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        for (node, next) in [(&r1, "192.0.2.18"), (&r2b, "192.0.2.22")] {
            let o = lab.exec(node, "ping", &["-c", "1", "-W", "3", next]);
            assert!(
                o.status.success(),
                "toward {next}: {}",
                String::from_utf8_lossy(&o.stdout)
            );
        }
    }

    /// Makes r4 drop ICMP echo requests to the far host (as a filter that lets only UDP and
    /// TCP through): a policy rule blackholes them before r4 looks at their TTL, so ICMP probes
    /// past hop 2 vanish, while UDP and TCP probes still reach the far host.
    pub fn drop_icmp_echo_at_r4(&self) {
        self.lan.lab.ipn(
            &self.r4,
            &format!("rule add ipproto icmp to {} blackhole", Self::FAR_V4),
        );
    }

    /// Owns the namespaces.
    pub fn lab(&self) -> &Lab {
        &self.lan.lab
    }

    /// The host under test.
    pub fn host(&self) -> &str {
        &self.lan.host
    }
}
