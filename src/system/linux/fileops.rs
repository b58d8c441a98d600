//! The file operations a process running as root must be careful with (`watch --db`): a lock
//! file opened without following a link or waiting on a FIFO, the kind of a file that is not a
//! regular one, and a replacement file given the old one's permissions and owner.

use crate::system::FileKind;
use std::fs::{File, Metadata, OpenOptions};
use std::io;
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// Opens `path` for writing, made with `mode` when missing; None when it is a symbolic link
/// (O_NOFOLLOW: ELOOP). A FIFO fails at once (O_NONBLOCK) instead of waiting for a reader.
pub fn open_lock_file(path: &Path, mode: u32) -> io::Result<Option<File>> {
    let opened = OpenOptions::new()
        .write(true)
        .create(true)
        .mode(mode)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path);
    match opened {
        Ok(f) => Ok(Some(f)),
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => Ok(None),
        Err(e) => Err(e),
    }
}

/// What a file that is not a regular one is, in words.
pub fn file_kind(m: &Metadata) -> FileKind {
    let t = m.file_type();
    if t.is_dir() {
        FileKind::Directory
    } else if t.is_fifo() {
        FileKind::Fifo
    } else if t.is_char_device() || t.is_block_device() {
        FileKind::Device
    } else if t.is_socket() {
        FileKind::Socket
    } else {
        FileKind::Other
    }
}

/// Gives `file` the permission bits of `old` (`new_mode` when there is no old file), and as root
/// its owner and group too (anyone else keeps what they can).
pub fn keep_mode_and_owner(file: &File, old: Option<&Metadata>, new_mode: u32) -> io::Result<()> {
    let mode = old.map_or(new_mode, |m| m.permissions().mode() & 0o7777);
    file.set_permissions(std::fs::Permissions::from_mode(mode))?;
    if let Some(m) = old {
        let _ = std::os::unix::fs::fchown(file, Some(m.uid()), Some(m.gid()));
    }
    Ok(())
}
