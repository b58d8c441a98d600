//! Per-interface facts the netlink link dump lacks, read from sysfs: link speed and duplex,
//! wireless or not, device type, driver, bus, virtual or physical, carrier; plus the host and
//! (NIS) domain names from procfs; and the mode of a TUN/TAP device when netlink does not say.
//!
//! [`link_facts`] is on the hot path of `netkit ifaces`: it does a fixed handful of small reads
//! and `readlink`s per interface and never walks a directory.

use std::fs;
use std::path::Path;

use super::files::{read_attr, read_text, under, valid_ifname};
use crate::system::model::{Duplex, LinkFacts, TunMode};

/// Reads the facts about interface `ifname` under `root/sys/class/net/<ifname>`.
/// An unknown or malformed name gives all-unknown facts (and `virtual_device` false).
pub fn link_facts(root: &Path, ifname: &str) -> LinkFacts {
    if !valid_ifname(ifname) {
        return LinkFacts::default();
    }
    let dir = under(root, "sys/class/net").join(ifname);
    let uevent = read_text(&dir.join("uevent"));
    let driver = link_basename(&dir.join("device/driver"));
    let bus = link_basename(&dir.join("device/subsystem"));
    let has_device = driver.is_some() || bus.is_some() || dir.join("device").exists();
    let exists = uevent.is_some() || has_device || dir.exists();
    let virtual_device =
        exists && (!has_device || under(root, "sys/devices/virtual/net").join(ifname).exists());
    let wireless = dir.join("wireless").exists() || dir.join("phy80211").exists();
    LinkFacts {
        speed_mbps: read_attr(&dir.join("speed")).and_then(|s| parse_speed(&s)),
        duplex: read_attr(&dir.join("duplex")).and_then(|d| match d.as_str() {
            "full" => Some(Duplex::Full),
            "half" => Some(Duplex::Half),
            _ => None,
        }),
        wireless,
        devtype: uevent.as_deref().and_then(devtype),
        driver,
        bus,
        virtual_device,
        carrier: read_attr(&dir.join("carrier")).and_then(|c| match c.as_str() {
            "1" => Some(true),
            "0" => Some(false),
            _ => None,
        }),
    }
}

/// Whether the TUN/TAP device `ifname` is a TUN or a TAP, from the IFF_* bits in
/// `root/sys/class/net/<ifname>/tun_flags` (hex, "0x1002"): for kernels older than 4.15, whose
/// link dump lacks IFLA_TUN_TYPE. None when the file is missing or unreadable.
pub fn tun_mode(root: &Path, ifname: &str) -> Option<TunMode> {
    if !valid_ifname(ifname) {
        return None;
    }
    let text = read_attr(&under(root, "sys/class/net").join(ifname).join("tun_flags"))?;
    let hex = text.strip_prefix("0x").unwrap_or(&text);
    TunMode::from_iff(u32::from_str_radix(hex, 16).ok()?)
}

/// Mb/s from the `speed` attribute; -1 and other negatives, 0 and garbage mean unknown.
/// (Old kernels print SPEED_UNKNOWN as 65535 or 4294967295: unknown too.)
fn parse_speed(text: &str) -> Option<u32> {
    let n: i64 = text.trim().parse().ok()?;
    (n > 0 && n != 65_535 && n < i64::from(u32::MAX))
        .then(|| u32::try_from(n).ok())
        .flatten()
}

fn devtype(uevent: &str) -> Option<String> {
    uevent
        .lines()
        .filter_map(|l| l.trim().strip_prefix("DEVTYPE="))
        .map(str::trim)
        .find(|v| !v.is_empty())
        .map(str::to_string)
}

fn link_basename(path: &Path) -> Option<String> {
    let target = fs::read_link(path).ok()?;
    let name = target.file_name()?.to_str()?;
    (!name.is_empty()).then(|| name.to_string())
}

/// The host name: `root/proc/sys/kernel/hostname`, else the first word of `root/etc/hostname`
/// (comment lines skipped). `None` when neither gives a name.
pub fn hostname(root: &Path) -> Option<String> {
    read_attr(&under(root, "proc/sys/kernel/hostname"))
        .filter(|h| h != "(none)")
        .or_else(|| {
            let text = read_text(&under(root, "etc/hostname"))?;
            text.lines()
                .map(str::trim)
                .filter(|l| !l.starts_with('#'))
                .find_map(|l| l.split_whitespace().next())
                .map(str::to_string)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;
    use std::path::PathBuf;

    fn write(root: &Path, rel: &str, text: &str) {
        let path: PathBuf = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Builds `sys/` like the kernel does: the real directory under `sys/devices/...` and a
    /// relative symlink from `sys/class/net/<if>`.
    fn iface(root: &Path, devpath: &str, ifname: &str, files: &[(&str, &str)]) -> PathBuf {
        let real = root
            .join("sys/devices")
            .join(devpath)
            .join("net")
            .join(ifname);
        fs::create_dir_all(&real).unwrap();
        for (name, text) in files {
            write(&real, name, text);
        }
        fs::create_dir_all(root.join("sys/class/net")).unwrap();
        let rel = format!("../../devices/{devpath}/net/{ifname}");
        symlink(rel, root.join("sys/class/net").join(ifname)).unwrap();
        assert!(
            root.join("sys/class/net")
                .join(ifname)
                .join("uevent")
                .exists()
        );
        real
    }

    #[test]
    fn pci_ethernet() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        fs::create_dir_all(root.join("sys/bus/pci/drivers/e1000e")).unwrap();
        let real = iface(
            root,
            "pci0000:00/0000:00:1f.6",
            "eno1",
            &[
                ("uevent", "INTERFACE=eno1\nIFINDEX=2\n"),
                ("speed", "1000\n"),
                ("duplex", "full\n"),
                ("carrier", "1\n"),
            ],
        );
        let dev = real.parent().unwrap().parent().unwrap();
        symlink("../../../bus/pci/drivers/e1000e", dev.join("driver")).unwrap();
        symlink("../../../bus/pci", dev.join("subsystem")).unwrap();
        symlink("../../../0000:00:1f.6", real.join("device")).unwrap();
        let f = link_facts(root, "eno1");
        assert_eq!(
            f,
            LinkFacts {
                speed_mbps: Some(1000),
                duplex: Some(Duplex::Full),
                wireless: false,
                devtype: None,
                driver: Some("e1000e".into()),
                bus: Some("pci".into()),
                virtual_device: false,
                carrier: Some(true),
            }
        );
    }

    #[test]
    fn virtio_like_this_vm() {
        // /sys/class/net/eth0 -> ../../devices/pci0000:00/0000:00:03.0/virtio2/net/eth0,
        // device -> ../../../virtio2, speed -1, duplex unknown.
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        let real = iface(
            root,
            "pci0000:00/0000:00:03.0/virtio2",
            "eth0",
            &[
                ("uevent", "INTERFACE=eth0\nIFINDEX=4\n"),
                ("speed", "-1\n"),
                ("duplex", "unknown\n"),
                ("carrier", "1\n"),
            ],
        );
        let dev = real.parent().unwrap().parent().unwrap();
        symlink(
            "../../../../bus/virtio/drivers/virtio_net",
            dev.join("driver"),
        )
        .unwrap();
        symlink("../../../../bus/virtio", dev.join("subsystem")).unwrap();
        symlink("../../../virtio2", real.join("device")).unwrap();
        let f = link_facts(root, "eth0");
        assert_eq!(f.speed_mbps, None);
        assert_eq!(f.duplex, None);
        assert_eq!(f.driver.as_deref(), Some("virtio_net"));
        assert_eq!(f.bus.as_deref(), Some("virtio"));
        assert!(!f.virtual_device);
        assert_eq!(f.carrier, Some(true));
    }

    #[test]
    fn usb_wifi() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        let real = iface(
            root,
            "pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0",
            "wlan0",
            &[
                ("uevent", "DEVTYPE=wlan\nINTERFACE=wlan0\nIFINDEX=3\n"),
                ("carrier", "0\n"),
                ("wireless/.keep", ""),
            ],
        );
        let dev = real.parent().unwrap().parent().unwrap();
        symlink(
            "../../../../../../bus/usb/drivers/mt7601u",
            dev.join("driver"),
        )
        .unwrap();
        symlink("../../../../../../bus/usb", dev.join("subsystem")).unwrap();
        symlink("../../../1-2:1.0", real.join("device")).unwrap();
        let f = link_facts(root, "wlan0");
        assert!(f.wireless);
        assert_eq!(f.devtype.as_deref(), Some("wlan"));
        assert_eq!(f.driver.as_deref(), Some("mt7601u"));
        assert_eq!(f.bus.as_deref(), Some("usb"));
        assert_eq!(f.carrier, Some(false));
        assert_eq!(f.speed_mbps, None, "no speed file");
    }

    #[test]
    fn virtual_bridge_and_lo() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        iface(
            root,
            "virtual",
            "br0",
            &[
                ("uevent", "DEVTYPE=bridge\nINTERFACE=br0\nIFINDEX=5\n"),
                ("carrier", "1"),
            ],
        );
        iface(
            root,
            "virtual",
            "lo",
            &[("uevent", "INTERFACE=lo\nIFINDEX=1\n")],
        );
        let br = link_facts(root, "br0");
        assert!(br.virtual_device);
        assert_eq!(br.devtype.as_deref(), Some("bridge"));
        assert_eq!((br.driver, br.bus), (None, None));
        let lo = link_facts(root, "lo");
        assert!(lo.virtual_device);
        assert_eq!(lo.carrier, None);
    }

    #[test]
    fn odd_names_and_missing_interfaces() {
        let t = tempfile::tempdir().unwrap();
        for name in ["", "..", "../../etc", "nosuch0", "a b", "x\0y"] {
            assert_eq!(link_facts(t.path(), name), LinkFacts::default(), "{name:?}");
        }
    }

    #[test]
    fn tun_and_tap_from_tun_flags() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        // What this kernel writes for `ip tuntap add mode tap` and `mode tun` (IFF_NO_PI|IFF_PERSIST set).
        for (name, flags) in [
            ("tap0", Some("0x1802\n")),
            ("tun0", Some("0x1801\n")),
            ("odd0", Some("0x1803\n")),
            ("bad0", Some("tap\n")),
            ("eth9", None),
        ] {
            let uevent = format!("INTERFACE={name}\n");
            let mut files = vec![("uevent", uevent.as_str())];
            files.extend(flags.map(|f| ("tun_flags", f)));
            iface(root, "virtual", name, &files);
        }
        assert_eq!(tun_mode(root, "tap0"), Some(TunMode::Tap));
        assert_eq!(tun_mode(root, "tun0"), Some(TunMode::Tun));
        for unknown in ["odd0", "bad0", "eth9", "nosuch0", "../tap0", ""] {
            assert_eq!(tun_mode(root, unknown), None, "{unknown}");
        }
    }

    #[test]
    fn speeds() {
        assert_eq!(parse_speed("10000"), Some(10000));
        for unknown in ["-1", "0", "65535", "4294967295", "fast", ""] {
            assert_eq!(parse_speed(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn host_names() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        assert_eq!(hostname(root), None);
        write(
            root,
            "etc/hostname",
            "# set by installer\n\nbox.example.org\n",
        );
        assert_eq!(hostname(root).as_deref(), Some("box.example.org"));
        write(root, "proc/sys/kernel/hostname", "vm\n");
        assert_eq!(hostname(root).as_deref(), Some("vm"));
    }

    /// Reads this machine's real sysfs and procfs.
    #[test]
    fn this_machine() {
        if Path::new("/sys/class/net/lo").exists() {
            let lo = link_facts(Path::new("/"), "lo");
            assert!(lo.virtual_device, "{lo:?}");
            assert!(!lo.wireless);
            assert_eq!((lo.driver.as_deref(), lo.bus.as_deref()), (None, None));
            assert_eq!(lo.speed_mbps, None);
        }
        if Path::new("/proc/sys/kernel/hostname").exists() {
            let h = hostname(Path::new("/")).expect("a host name");
            assert!(!h.is_empty() && !h.contains('\n'));
        }
    }
}
