//! `watch --db FILE`: the known stations across runs, as arpwatch keeps arp.dat. One line per
//! station (`IP<TAB>MAC<TAB>last seen, Unix seconds`) under a first line naming the format, so
//! a file that is not one (or is damaged) is refused with the line at fault and never
//! overwritten. Written whole to a temporary file beside it, then renamed over it.

use std::io::{self, BufReader, Write};
use std::net::Ipv4Addr;
use std::path::Path;

use crate::error::{Error, Result};
use crate::net::hwaddr::{Mac, parse_mac};
use crate::util::lists::read_line_bounded;

/// The first line of a station file.
pub const HEADER: &str = "# netkit watch stations 1";

/// The longest line read (a station line is under 60 bytes).
const MAX_LINE: usize = 256;

/// One station of the file.
pub type Known = (Ipv4Addr, Mac, f64);

/// Reads the station file at `path`: None when it does not exist yet, the stations when it
/// is one, an error naming the line at fault otherwise (exit 2).
pub fn load(path: &Path, max: usize) -> Result<Option<Vec<Known>>> {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(format!("reading {}", path.display()), e)),
    };
    let bad = |line: usize, why: &str| {
        Error::bad(
            "station file",
            path.display().to_string(),
            format!("line {line} {why}; it is left as it is (move it away to start a new one)"),
        )
    };
    let mut r = BufReader::new(file);
    let mut buf = Vec::new();
    let mut stations = Vec::new();
    let mut n = 0;
    loop {
        buf.clear();
        let Some(len) = read_line_bounded(&mut r, &mut buf, MAX_LINE)
            .map_err(|e| Error::io(format!("reading {}", path.display()), e))?
        else {
            break;
        };
        n += 1;
        if len > MAX_LINE {
            return Err(bad(n, "is too long"));
        }
        let line = std::str::from_utf8(&buf).map_err(|_| bad(n, "is not UTF-8"))?;
        if n == 1 {
            if line != HEADER {
                return Err(bad(
                    1,
                    &format!("is not {HEADER:?}: not a netkit watch station file"),
                ));
            }
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [ip, mac, seen] = fields[..] else {
            return Err(bad(n, "does not have 3 tab-separated fields"));
        };
        let ip: Ipv4Addr = ip
            .parse()
            .map_err(|_| bad(n, "has no IPv4 address first"))?;
        let mac = parse_mac(mac)
            .map(Mac)
            .map_err(|_| bad(n, "has no MAC second"))?;
        let seen: f64 = seen
            .parse()
            .ok()
            .filter(|s: &f64| s.is_finite() && *s >= 0.0)
            .ok_or_else(|| bad(n, "has no time third"))?;
        if stations.len() < max {
            stations.push((ip, mac, seen));
        }
    }
    if n == 0 {
        return Err(bad(1, "is missing (the file is empty)"));
    }
    Ok(Some(stations))
}

/// Writes `stations` to `path` atomically: a temporary file in the same directory, synced,
/// then renamed over the old one.
pub fn save(path: &Path, stations: &[Known]) -> Result<()> {
    let fail = |e: io::Error| Error::io(format!("writing {}", path.display()), e);
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let write = || -> io::Result<()> {
        let mut f = io::BufWriter::new(std::fs::File::create(&tmp)?);
        writeln!(f, "{HEADER}")?;
        for (ip, mac, seen) in stations {
            writeln!(f, "{ip}\t{mac}\t{seen:.0}")?;
        }
        f.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&tmp, path)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_stations_load_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stations");
        assert!(load(&path, 10).unwrap().is_none());
        let s = vec![
            (
                "198.51.100.7".parse().unwrap(),
                Mac([0, 0x16, 0x3e, 0, 0, 7]),
                1_764_000_000.0,
            ),
            (
                "198.51.100.8".parse().unwrap(),
                Mac([0, 0x16, 0x3e, 0, 0, 8]),
                1_764_000_001.0,
            ),
        ];
        save(&path, &s).unwrap();
        assert_eq!(load(&path, 10).unwrap().unwrap(), s);
        assert_eq!(load(&path, 1).unwrap().unwrap().len(), 1);
        // Nothing left behind but the file.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn foreign_or_damaged_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stations");
        for (text, why) in [
            ("", "line 1 is missing"),
            ("198.51.100.7\t00:16:3e:00:00:07\t1\n", "line 1 is not"),
            (
                "# netkit watch stations 1\n198.51.100.7 00:16:3e:00:00:07\n",
                "line 2 does not have 3",
            ),
            (
                "# netkit watch stations 1\nx\t00:16:3e:00:00:07\t1\n",
                "line 2 has no IPv4",
            ),
            (
                "# netkit watch stations 1\n198.51.100.7\tzz\t1\n",
                "line 2 has no MAC",
            ),
            (
                "# netkit watch stations 1\n198.51.100.7\t00:16:3e:00:00:07\tNaN\n",
                "line 2 has no time",
            ),
        ] {
            std::fs::write(&path, text).unwrap();
            let e = load(&path, 10).unwrap_err().to_string();
            assert!(e.contains(why), "{text:?}: {e}");
            assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        }
        std::fs::write(&path, b"# netkit watch stations 1\n\xff\n").unwrap();
        assert!(
            load(&path, 10)
                .unwrap_err()
                .to_string()
                .contains("line 2 is not UTF-8")
        );
    }
}
