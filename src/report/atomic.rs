//! Replacing a set of report files together, or not at all.
//!
//! Every new file is first written in full to a temporary file beside its target (same
//! folder, so the rename cannot cross file systems); only once all of them are written
//! are they renamed into place. A failure while writing, whether a full disk or a
//! killed process, therefore leaves every earlier report as it was. Only the temporary
//! files this run created are ever removed: nothing else in the folder is touched.
//!
//! The renames themselves run one after the other, so a rename failing halfway (which
//! takes a file system error between two renames in one folder) could still leave a
//! mix; targets that cannot be replaced, such as a folder with a report's name, are
//! refused before the first rename to keep that window as small as it can be.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes a file's new content into its temporary file: the one step a test can make
/// fail.
pub type WriteFn<'a> = dyn FnMut(&mut File, &[u8]) -> io::Result<()> + 'a;

/// Writes `bytes` and flushes them to disk before the rename makes them visible.
pub fn write_and_sync(file: &mut File, bytes: &[u8]) -> io::Result<()> {
    file.write_all(bytes)?;
    file.sync_all()
}

/// Replaces `dir/NAME` with its bytes for every `(NAME, bytes)` of `files`, all or none.
///
/// # Errors
/// When a temporary file cannot be created or written (the targets are then untouched
/// and the temporary files removed), or a target cannot be replaced; the message names
/// the file.
pub fn replace_all(
    dir: &Path,
    files: &[(&str, Vec<u8>)],
    write: &mut WriteFn<'_>,
) -> anyhow::Result<()> {
    let mut temps = Temps(Vec::new());
    for (name, bytes) in files {
        let target = dir.join(name);
        let (tmp, mut file) = create_temp(dir, name).map_err(|e| {
            anyhow::anyhow!(
                "cannot create a temporary file for {}: {e}",
                target.display()
            )
        })?;
        temps.0.push((tmp, target.clone()));
        write(&mut file, bytes)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", target.display()))?;
    }
    rename_all(&mut temps)
}

/// Writes bytes into a temporary file as they come, without syncing: what
/// [`Staged`] uses by default, syncing each file once at [`Staged::commit`].
pub fn write_only(file: &mut File, bytes: &[u8]) -> io::Result<()> {
    file.write_all(bytes)
}

/// A set of files written a piece at a time, then put in place together by
/// [`Staged::commit`], or not at all: dropping it before removes its temporary files and
/// leaves every target as it was. Each temporary file sits beside its target, so the
/// targets may be in different folders.
pub struct Staged<'w> {
    temps: Temps,
    files: Vec<Staging>,
    write: Box<WriteFn<'w>>,
}

/// Bytes of a temporary file written since its last write-back started, past which the
/// next one starts.
const WRITE_BACK_EVERY: u64 = 8 << 20;

/// A temporary file of a [`Staged`] set, and how far it was written and handed to the
/// disk.
struct Staging {
    file: File,
    /// Bytes written.
    written: u64,
    /// Bytes whose write-back has started: the bytes after them have not been advised.
    started: u64,
}

impl Staging {
    /// Counts `bytes` more written and, once [`WRITE_BACK_EVERY`] have gathered, starts
    /// writing them to disk.
    ///
    /// A large run writes its reports as it goes, some ten bytes for each byte read, and
    /// the sync at [`Staged::commit`] would otherwise wait for all of them at the end;
    /// started early, they reach the disk while documents are still being analyzed.
    fn wrote(&mut self, bytes: u64) {
        self.written += bytes;
        let pending = self.written - self.started;
        if pending >= WRITE_BACK_EVERY {
            start_write_back(&self.file, self.started, pending);
            self.started = self.written;
        }
    }
}

/// Starts writing `len` bytes of `file` from `offset` to disk, without waiting.
///
/// On Linux, `POSIX_FADV_DONTNEED` starts the write-back of a range's dirty pages and
/// drops only its clean ones: the range was just written, so its pages stay cached. It
/// is only advice, so an error changes nothing but when the bytes reach the disk.
#[cfg(target_os = "linux")]
fn start_write_back(file: &File, offset: u64, len: u64) {
    let len = std::num::NonZeroU64::new(len);
    let _ = rustix::fs::fadvise(file, offset, len, rustix::fs::Advice::DontNeed);
}

/// Elsewhere the sync at commit writes everything.
#[cfg(not(target_os = "linux"))]
fn start_write_back(_: &File, _: u64, _: u64) {}

impl<'w> Staged<'w> {
    /// An empty set, filling its temporary files with `write` (see [`write_only`]).
    pub fn new(write: Box<WriteFn<'w>>) -> Staged<'w> {
        Staged {
            temps: Temps(Vec::new()),
            files: Vec::new(),
            write,
        }
    }

    /// Adds `target`, whose folder must exist, and returns its index for
    /// [`Staged::write`].
    ///
    /// # Errors
    /// When the temporary file cannot be created; the message names the target.
    pub fn add(&mut self, target: &Path) -> anyhow::Result<usize> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (tmp, file) = create_temp(dir, &name).map_err(|e| {
            anyhow::anyhow!(
                "cannot create a temporary file for {}: {e}",
                target.display()
            )
        })?;
        self.temps.0.push((tmp, target.to_path_buf()));
        self.files.push(Staging {
            file,
            written: 0,
            started: 0,
        });
        Ok(self.files.len() - 1)
    }

    /// Appends bytes to the file at `index`.
    ///
    /// # Errors
    /// When they cannot be written; the message names the target.
    pub fn write(&mut self, index: usize, bytes: &[u8]) -> anyhow::Result<()> {
        let staging = &mut self.files[index];
        (self.write)(&mut staging.file, bytes).map_err(|e| {
            anyhow::anyhow!("cannot write {}: {e}", self.temps.0[index].1.display())
        })?;
        staging.wrote(bytes.len() as u64);
        Ok(())
    }

    /// Flushes every file to disk and renames each over its target.
    ///
    /// # Errors
    /// When a file cannot be synced or a target replaced; the message names it.
    pub fn commit(mut self) -> anyhow::Result<()> {
        for (staging, (_, target)) in self.files.iter().zip(&self.temps.0) {
            staging
                .file
                .sync_all()
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", target.display()))?;
        }
        self.files.clear();
        rename_all(&mut self.temps)
    }
}

/// Renames each temporary file over its target, once none of the targets is a folder.
fn rename_all(temps: &mut Temps) -> anyhow::Result<()> {
    if let Some((_, target)) = temps.0.iter().find(|(_, target)| target.is_dir()) {
        anyhow::bail!(
            "cannot replace {}: it is a folder (move it away and run again)",
            target.display()
        );
    }
    while let Some((tmp, target)) = temps.0.first() {
        std::fs::rename(tmp, target)
            .map_err(|e| anyhow::anyhow!("cannot replace {}: {e}", target.display()))?;
        temps.0.remove(0);
    }
    Ok(())
}

/// A new, empty temporary file named after `name` in `dir`. `create_new` makes sure an
/// existing file, whoever wrote it, is never truncated: a taken name moves on to the next.
fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    let mut attempt = 0u32;
    loop {
        let tmp = dir.join(format!(".{name}.{}.{attempt}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e),
        }
    }
}

/// Temporary files not yet renamed, with their targets; removed when dropped, which
/// covers every early return.
struct Temps(Vec<(PathBuf, PathBuf)>);

impl Drop for Temps {
    fn drop(&mut self) {
        for (tmp, _) in &self.0 {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn all_replaced_and_nothing_else_touched() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.csv"), "old").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let files = [("a.csv", b"new a".to_vec()), ("b.csv", b"new b".to_vec())];
        replace_all(dir.path(), &files, &mut write_and_sync).unwrap();
        assert_eq!(names(dir.path()), ["a.csv", "b.csv", "notes.txt"]);
        assert_eq!(std::fs::read(dir.path().join("a.csv")).unwrap(), b"new a");
        assert_eq!(
            std::fs::read(dir.path().join("notes.txt")).unwrap(),
            b"mine"
        );
    }

    #[test]
    fn a_failed_write_leaves_every_target_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.csv", "b.csv", "c.csv"] {
            std::fs::write(dir.path().join(name), format!("old {name}")).unwrap();
        }
        let files = [
            ("a.csv", b"new a".to_vec()),
            ("b.csv", b"new b".to_vec()),
            ("c.csv", b"new c".to_vec()),
        ];
        let mut calls = 0;
        let mut failing = |file: &mut File, bytes: &[u8]| {
            calls += 1;
            if calls == 2 {
                file.write_all(&bytes[..2])?;
                return Err(io::Error::other("disk full"));
            }
            write_and_sync(file, bytes)
        };
        let err = replace_all(dir.path(), &files, &mut failing).unwrap_err();
        assert!(err.to_string().contains("b.csv: disk full"), "{err}");
        assert_eq!(names(dir.path()), ["a.csv", "b.csv", "c.csv"]);
        for name in ["a.csv", "b.csv", "c.csv"] {
            let old = format!("old {name}");
            assert_eq!(std::fs::read_to_string(dir.path().join(name)).unwrap(), old);
        }
    }

    #[test]
    fn a_folder_in_the_way_is_refused_before_any_rename() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.csv"), "old").unwrap();
        std::fs::create_dir(dir.path().join("b.csv")).unwrap();
        let files = [("a.csv", b"new".to_vec()), ("b.csv", b"new".to_vec())];
        let err = replace_all(dir.path(), &files, &mut write_and_sync).unwrap_err();
        assert!(err.to_string().contains("it is a folder"), "{err}");
        assert_eq!(std::fs::read(dir.path().join("a.csv")).unwrap(), b"old");
        assert_eq!(names(dir.path()), ["a.csv", "b.csv"]);
    }

    #[test]
    fn write_back_starts_on_each_range_once_it_is_large_enough() {
        let dir = tempfile::tempdir().unwrap();
        let mut staged = Staged::new(Box::new(write_only));
        let index = staged.add(&dir.path().join("big.csv")).unwrap();
        let piece = vec![b'x'; (WRITE_BACK_EVERY * 5 / 8) as usize];
        let mut started = Vec::new();
        for _ in 0..4 {
            staged.write(index, &piece).unwrap();
            started.push(staged.files[index].started);
        }
        let piece_len = piece.len() as u64;
        assert_eq!(
            started,
            [0, 2 * piece_len, 2 * piece_len, 4 * piece_len],
            "each range is advised once, right after the one before"
        );
        staged.commit().unwrap();
        let written = std::fs::metadata(dir.path().join("big.csv")).unwrap().len();
        assert_eq!(written, 4 * piece_len);
    }

    #[test]
    fn an_existing_temporary_name_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let squatter = dir
            .path()
            .join(format!(".a.csv.{}.0.tmp", std::process::id()));
        std::fs::write(&squatter, "not recap's").unwrap();
        replace_all(
            dir.path(),
            &[("a.csv", b"new".to_vec())],
            &mut write_and_sync,
        )
        .unwrap();
        assert_eq!(std::fs::read(&squatter).unwrap(), b"not recap's");
        assert_eq!(std::fs::read(dir.path().join("a.csv")).unwrap(), b"new");
    }
}
