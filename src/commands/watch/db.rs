//! `watch --db FILE`: the known stations across runs, as arpwatch keeps arp.dat. One line per
//! station (`IP<TAB>MAC<TAB>last seen, Unix seconds`) under a first line naming the format, so
//! a file that is not one (or is damaged) is refused with the line at fault and never
//! overwritten.
//!
//! netkit writes the file as root, so it is careful where a local user could lay a trap: a
//! FILE that is a symbolic link, or anything but a regular file, is refused; it is read within
//! bounds (`util::input`); a new version is written whole to a temporary file with a random
//! name made with O_EXCL beside it (no link is followed), given the old file's permissions
//! and owner, synced, and renamed over it. `FILE.lock` beside it is locked for as long as the
//! watch runs, so a second watcher on the same file is refused instead of overwriting the
//! first one's stations.

use std::fs::File;
use std::io::{self, Write};
use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};

use fs4::TryLockError;

use crate::error::{Error, Result};
use crate::i18n::{Message, t};
use crate::net::hwaddr::{Mac, parse_mac};
use crate::system::{file_kind, keep_mode_and_owner, open_lock_file};
use crate::util::input;

/// The first line of a station file.
pub const HEADER: &str = "# netkit watch stations 1";

/// The longest line read (a station line is under 50 bytes).
const MAX_LINE: usize = 256;

/// Bytes allowed per station when bounding the whole file (a line is at most 47 bytes).
const BYTES_PER_STATION: usize = 64;

/// The latest time a file may hold: 9999-12-31 23:59:59 UTC. A time is written as whole
/// seconds and clamped to this range, so whatever the clock said, the file loads again.
pub const MAX_TIME: u64 = 253_402_300_799;

/// The permissions of a new station file (an existing one keeps its own).
const NEW_FILE_MODE: u32 = 0o644;

/// One station of the file.
pub type Known = (Ipv4Addr, Mac, f64);

/// A station file opened for a watch: locked against a second watcher until dropped.
#[derive(Debug)]
pub struct Db {
    path: PathBuf,
    /// The lock file, held locked.
    _lock: File,
}

/// The directory `path` lives in (`.` for a bare name).
fn dir_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// `FILE.lock`.
fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Refuses a `path` that is a symbolic link or exists as anything but a regular file; the
/// metadata of the regular file, or None when there is none yet.
fn check_kind(path: &Path) -> Result<Option<std::fs::Metadata>> {
    let refuse = |why: Message| {
        Error::bad(
            t!("watch-what-station-file"),
            path.display().to_string(),
            why,
        )
    };
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(refuse(t!("watch-db-symlink"))),
        Ok(m) if !m.is_file() => Err(refuse(t!("watch-db-not-regular", kind = file_kind(&m)))),
        Ok(m) => Ok(Some(m)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(
            t!("io-reading-file", file = path.display().to_string()),
            e,
        )),
    }
}

impl Db {
    /// Opens the station file at `path` for a watch: refuses a link or a file of another kind,
    /// takes the lock (refused when another watch holds it), reads the stations (None when
    /// there is no file yet; at most `max`), and checks that the directory takes a new file,
    /// so a file that could not be saved is found now, not after the watch.
    pub fn open(path: &Path, max: usize) -> Result<(Db, Option<Vec<Known>>)> {
        check_kind(path)?;
        let lock = take_lock(path)?;
        let db = Db {
            path: path.to_path_buf(),
            _lock: lock,
        };
        let known = load(path, max)?;
        // A temporary file made and removed: the directory takes new files.
        db.temp_file()
            .map_err(|e| Error::io(t!("watch-db-writing", file = path.display().to_string()), e))?;
        Ok((db, known))
    }

    /// A new temporary file beside the station file: a random name, created with O_EXCL
    /// (never an existing file or link), mode 0600 until it is filled.
    fn temp_file(&self) -> io::Result<tempfile::NamedTempFile> {
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .rand_bytes(12)
            .tempfile_in(dir_of(&self.path))
    }

    /// Writes `stations` over the file atomically: a temporary file with the old file's
    /// permissions and owner (0644 for a new one), synced, then renamed over it. A file that
    /// became a link or another kind of file since the start is refused, never written through.
    pub fn save(&self, stations: &[Known]) -> Result<()> {
        let fail = |e: io::Error| {
            let file = self.path.display().to_string();
            Error::io(t!("watch-db-writing", file = file), e)
        };
        let old = check_kind(&self.path)?;
        let tmp = self.temp_file().map_err(fail)?;
        let write = || -> io::Result<()> {
            let mut f = tmp.as_file();
            // As root, the file stays its owner's; anyone else keeps what they can.
            keep_mode_and_owner(f, old.as_ref(), NEW_FILE_MODE)?;
            f.write_all(&render(stations))?;
            f.sync_all()
        };
        write().map_err(fail)?;
        tmp.persist(&self.path).map_err(|e| fail(e.error))?;
        Ok(())
    }
}

/// Opens and locks `FILE.lock` (made when missing, never through a link, never written to).
fn take_lock(path: &Path) -> Result<File> {
    let lock = lock_path(path);
    let fail =
        |e: io::Error| Error::io(t!("watch-db-locking", file = lock.display().to_string()), e);
    // A link is refused; a FIFO fails at once instead of waiting for a reader.
    let file = open_lock_file(&lock, NEW_FILE_MODE)
        .map_err(fail)?
        .ok_or_else(|| {
            Error::bad(
                t!("watch-what-lock-file"),
                lock.display().to_string(),
                t!("watch-lock-symlink"),
            )
        })?;
    let meta = file.metadata().map_err(fail)?;
    if !meta.is_file() {
        return Err(Error::bad(
            t!("watch-what-lock-file"),
            lock.display().to_string(),
            t!("watch-lock-not-regular", kind = file_kind(&meta)),
        ));
    }
    match fs4::FileExt::try_lock(&file) {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(Error::unavailable(t!(
            "watch-db-in-use",
            file = path.display().to_string(),
            lock = lock.display().to_string()
        ))),
        Err(TryLockError::Error(e)) => Err(fail(e)),
    }
}

/// The file's text for `stations`: the header, then one line each, times in whole seconds
/// within 0..=[`MAX_TIME`].
fn render(stations: &[Known]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER.len() + 1 + stations.len() * 48);
    out.extend_from_slice(HEADER.as_bytes());
    out.push(b'\n');
    for (ip, mac, seen) in stations {
        // NaN and negative times become 0; the float-to-int cast saturates above.
        let secs = (*seen as u64).min(MAX_TIME);
        out.extend_from_slice(format!("{ip}\t{mac}\t{secs}\n").as_bytes());
    }
    out
}

/// Reads the station file at `path` (within bounds of size and time): None when it does not
/// exist yet, the first `max` stations when it is one, an error naming the line at fault
/// otherwise (exit 2).
fn load(path: &Path, max: usize) -> Result<Option<Vec<Known>>> {
    if check_kind(path)?.is_none() {
        return Ok(None);
    }
    let bound = BYTES_PER_STATION.saturating_mul(max.saturating_add(1));
    let text = input::read_whole(path, t!("watch-what-station-file"), bound)?;
    parse(path, &text, max).map(Some)
}

/// The stations in `text`, the content of the file at `path`.
fn parse(path: &Path, text: &[u8], max: usize) -> Result<Vec<Known>> {
    let bad = |line: usize, why: Message| {
        Error::bad(
            t!("watch-what-station-file"),
            path.display().to_string(),
            t!("watch-db-line", line = line, why = why),
        )
    };
    if text.is_empty() {
        return Err(bad(1, t!("watch-db-empty")));
    }
    let text = text.strip_suffix(b"\n").unwrap_or(text);
    let mut stations = Vec::new();
    for (at, line) in text.split(|&b| b == b'\n').enumerate() {
        let n = at + 1;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.len() > MAX_LINE {
            return Err(bad(n, t!("watch-db-too-long")));
        }
        let line = std::str::from_utf8(line).map_err(|_| bad(n, t!("watch-db-not-utf8")))?;
        if n == 1 {
            if line != HEADER {
                let header = format!("{HEADER:?}");
                return Err(bad(1, t!("watch-db-bad-header", header = header)));
            }
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [ip, mac, seen] = fields[..] else {
            return Err(bad(n, t!("watch-db-fields")));
        };
        let ip: Ipv4Addr = ip.parse().map_err(|_| bad(n, t!("watch-db-no-ip")))?;
        let mac = parse_mac(mac)
            .map(Mac)
            .map_err(|_| bad(n, t!("watch-db-no-mac")))?;
        let secs: u64 = (!seen.starts_with('+'))
            .then(|| seen.parse().ok())
            .flatten()
            .filter(|s| *s <= MAX_TIME)
            .ok_or_else(|| bad(n, t!("watch-db-no-time")))?;
        if stations.len() < max {
            stations.push((ip, mac, secs as f64));
        }
    }
    Ok(stations)
}

#[cfg(test)]
// The station file is written with the Linux backend's care (links, modes, owners).
#[cfg(target_os = "linux")]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::os::unix::fs::PermissionsExt;

    fn station(last: u8, seen: f64) -> Known {
        (
            Ipv4Addr::new(198, 51, 100, last),
            Mac([0, 0x16, 0x3e, 0, 0, last]),
            seen,
        )
    }

    #[test]
    fn saved_stations_load_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stations");
        let (db, known) = Db::open(&path, 10).unwrap();
        assert!(known.is_none());
        let s = vec![station(7, 1_764_000_000.0), station(8, 1_764_000_001.0)];
        db.save(&s).unwrap();
        assert_eq!(load(&path, 10).unwrap().unwrap(), s);
        assert_eq!(load(&path, 1).unwrap().unwrap().len(), 1);
        // Nothing left behind but the file and its lock.
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["stations", "stations.lock"]);
        // A new file is 0644.
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o7777, 0o644);
    }

    /// Issue 25 item 1: the new version keeps the old file's permissions.
    #[test]
    fn the_files_permissions_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stations");
        std::fs::write(&path, format!("{HEADER}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let (db, known) = Db::open(&path, 10).unwrap();
        assert_eq!(known, Some(vec![]));
        db.save(&[station(7, 1.0)]).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o7777, 0o600);
    }

    /// Issue 25 item 1: a link or a file of another kind is refused before anything is read
    /// or written; the link's target is left alone.
    #[test]
    fn links_and_other_kinds_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious\n").unwrap();
        let link = dir.path().join("stations");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let e = Db::open(&link, 10).unwrap_err();
        assert_eq!(e.exit_code(), 2, "{e}");
        assert!(e.to_string().contains("is a symbolic link"), "{e}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
        let e = Db::open(dir.path(), 10).unwrap_err();
        assert!(e.to_string().contains("is a directory"), "{e}");
        let e = Db::open(Path::new("/dev/zero"), 10).unwrap_err();
        assert!(e.to_string().contains("is a device"), "{e}");
        // A link planted as the lock file is not followed either.
        let path = dir.path().join("other");
        std::os::unix::fs::symlink(&victim, lock_path(&path)).unwrap();
        let e = Db::open(&path, 10).unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    }

    /// Issue 25 item 1: a file that became a link during the watch is not written through.
    #[test]
    fn a_link_planted_during_the_watch_is_refused_at_saving() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stations");
        let (db, _) = Db::open(&path, 10).unwrap();
        db.save(&[]).unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious\n").unwrap();
        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink(&victim, &path).unwrap();
        let e = db.save(&[station(7, 1.0)]).unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    }

    /// Issue 25 item 6: a second watcher on the same file is refused while the first runs.
    #[test]
    fn one_watcher_per_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stations");
        let (first, _) = Db::open(&path, 10).unwrap();
        first.save(&[station(7, 1.0)]).unwrap();
        let e = Db::open(&path, 10).unwrap_err();
        assert_eq!(e.exit_code(), 3, "{e}");
        assert!(
            e.to_string().contains("in use by another netkit watch"),
            "{e}"
        );
        drop(first);
        let (_, known) = Db::open(&path, 10).unwrap();
        assert_eq!(known.unwrap().len(), 1);
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
            // Issue 25 item 6: a time the file could not hold once saved is refused on load.
            (
                "# netkit watch stations 1\n198.51.100.7\t00:16:3e:00:00:07\t1e300\n",
                "line 2 has no time",
            ),
            (
                "# netkit watch stations 1\n198.51.100.7\t00:16:3e:00:00:07\t253402300800\n",
                "line 2 has no time",
            ),
            (
                "# netkit watch stations 1\n198.51.100.7\t00:16:3e:00:00:07\t-1\n",
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
        // Larger than the stations it may hold: refused by size, unread.
        std::fs::write(&path, vec![b'#'; BYTES_PER_STATION * 3 + 1]).unwrap();
        let e = load(&path, 2).unwrap_err().to_string();
        assert!(e.contains("larger than"), "{e}");
    }

    proptest! {
        /// Issue 25 item 6: whatever the times (1e300, NaN, negative), a saved file loads again.
        #[test]
        fn a_saved_file_always_loads_again(
            times in proptest::collection::vec(any::<f64>(), 0..20),
            macs in proptest::collection::vec(any::<[u8; 6]>(), 20),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("stations");
            let (db, _) = Db::open(&path, 100).unwrap();
            let stations: Vec<Known> = times
                .iter()
                .zip(&macs)
                .enumerate()
                .map(|(i, (t, m))| (Ipv4Addr::from(i as u32), Mac(*m), *t))
                .collect();
            db.save(&stations).unwrap();
            let back = load(&path, 100).unwrap().unwrap();
            prop_assert_eq!(back.len(), stations.len());
            for ((ip, mac, t), (ip2, mac2, t2)) in stations.iter().zip(&back) {
                prop_assert_eq!((ip, mac), (ip2, mac2));
                prop_assert!(*t2 >= 0.0 && *t2 <= MAX_TIME as f64);
                if t.is_finite() && *t >= 0.0 && *t <= MAX_TIME as f64 {
                    prop_assert_eq!(*t2, t.trunc());
                }
            }
        }
    }
}
