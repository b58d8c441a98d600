//! The careful file operations of `watch --db` on Windows: a lock file opened without following
//! a link (the link itself is opened, FILE_FLAG_OPEN_REPARSE_POINT, and refused), the kind of a
//! file that is not a regular one, and a replacement file given the old one's read-only bit
//! (Windows files have no mode bits; their owner and ACL come from the folder they are made in).

use crate::system::FileKind;
use std::fs::{File, Metadata, OpenOptions};
use std::io;
use std::os::windows::fs::OpenOptionsExt;
use std::path::Path;

/// FILE_FLAG_OPEN_REPARSE_POINT: open a symbolic link or junction itself, not its target.
const OPEN_REPARSE_POINT: u32 = 0x0020_0000;

/// Opens `path` for writing, made when missing; None when it is a symbolic link or junction
/// (refused, never followed). `_mode` has no meaning on Windows.
pub fn open_lock_file(path: &Path, _mode: u32) -> io::Result<Option<File>> {
    let f = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .custom_flags(OPEN_REPARSE_POINT)
        .open(path)?;
    if f.metadata()?.file_type().is_symlink() {
        return Ok(None);
    }
    Ok(Some(f))
}

/// What a file that is not a regular one is, in words.
pub fn file_kind(m: &Metadata) -> FileKind {
    if m.is_dir() {
        FileKind::Directory
    } else {
        FileKind::Other
    }
}

/// Gives `file` the read-only bit of `old` (none for a new file).
pub fn keep_mode_and_owner(file: &File, old: Option<&Metadata>, _new_mode: u32) -> io::Result<()> {
    if let Some(m) = old {
        file.set_permissions(m.permissions())?;
    }
    Ok(())
}
