//! The one way `dsr` writes a file named by `-o`. Exports hold special-category health data and sit
//! beside the register, so a mistyped name must never destroy anything:
//!
//! - the text goes to a private (0600) temporary file in the target's folder and is renamed into
//!   place only once complete, so a failed or interrupted export leaves no half-written file;
//! - a symbolic link is never followed or replaced, and anything that is not a regular file is
//!   refused;
//! - an existing file is replaced only with `--force`;
//! - a SQLite file (by its header) or the register itself (the same file, or its `-wal`/`-shm`)
//!   is never replaced, `--force` or not.
//!
//! [`OutputFile`] writes bytes as given (for binary files); [`Output`] is for text and sanitises it.

use crate::text::SafeWriter;
use std::fmt;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// Every SQLite database file begins with these 16 bytes.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Why an output file was refused; each message says what to do instead.
#[derive(Debug)]
pub enum Refusal {
    Exists(PathBuf),
    Symlink(PathBuf),
    NotAFile(PathBuf),
    Database(PathBuf),
    Register(PathBuf),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Exists(p) => write!(
                f,
                "{} already exists; nothing was written. Add --force to replace it, or choose another name",
                p.display()
            ),
            Refusal::Symlink(p) => write!(
                f,
                "{} is a symbolic link; dsr never writes through a link. Name the real file instead",
                p.display()
            ),
            Refusal::NotAFile(p) => write!(
                f,
                "{} is not a regular file; nothing was written. Choose a file name, or leave out -o to write to standard output",
                p.display()
            ),
            Refusal::Database(p) => write!(
                f,
                "{} is a SQLite database; dsr never replaces one with an export, even with --force. Choose another name",
                p.display()
            ),
            Refusal::Register(p) => write!(
                f,
                "{} is the register itself; an export must never replace it. Choose another name",
                p.display()
            ),
        }
    }
}

impl std::error::Error for Refusal {}

/// A file being written by `-o`: write to it, then [`OutputFile::finish`] puts it in place. Dropped
/// without `finish` (an error part way), the temporary file is removed and the target untouched.
pub struct OutputFile {
    dest: PathBuf,
    force: bool,
    /// A copy of the register (a backup) may replace an older database with `--force`.
    database: bool,
    protected: Vec<PathBuf>,
    tmp: BufWriter<tempfile::NamedTempFile>,
}

impl OutputFile {
    /// Check `dest` and open a private temporary file beside it. `protected` names files that
    /// must never be replaced (the register); its `-wal` and `-shm` companions are protected too.
    pub fn create(dest: &Path, force: bool, protected: &[&Path]) -> std::io::Result<OutputFile> {
        Self::open_beside(dest, force, false, protected)
    }

    /// As [`OutputFile::create`], for a database copy of the register (a backup): with `--force`
    /// it may replace an older database, but never the register, a link or a non-file. The copy
    /// is written through [`OutputFile::temp_path`] by SQLite itself.
    pub fn create_database(
        dest: &Path,
        force: bool,
        protected: &[&Path],
    ) -> std::io::Result<OutputFile> {
        Self::open_beside(dest, force, true, protected)
    }

    /// The private temporary file that becomes `dest` on [`OutputFile::finish`].
    pub fn temp_path(&self) -> &Path {
        self.tmp.get_ref().path()
    }

    fn open_beside(
        dest: &Path,
        force: bool,
        database: bool,
        protected: &[&Path],
    ) -> std::io::Result<OutputFile> {
        let protected: Vec<PathBuf> = protected
            .iter()
            .flat_map(|p| {
                ["", "-wal", "-shm"]
                    .into_iter()
                    .map(move |s| PathBuf::from(format!("{}{s}", p.display())))
            })
            .collect();
        check_target(dest, force, database, &protected)?;
        let dir = match dest.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        // tempfile creates with O_EXCL, a random name and mode 0600: nobody else can read it or
        // plant a link in its place.
        let tmp = tempfile::Builder::new()
            .prefix(".dsr-output-")
            .tempfile_in(dir)?;
        Ok(OutputFile {
            dest: dest.to_path_buf(),
            force,
            database,
            protected,
            tmp: BufWriter::new(tmp),
        })
    }

    /// Flush and sync the text, then rename it into place (re-checking the target first, in case
    /// it appeared or changed while the export was being built).
    pub fn finish(self) -> std::io::Result<()> {
        let tmp = self.tmp.into_inner().map_err(|e| e.into_error())?;
        tmp.as_file().sync_all()?;
        check_target(&self.dest, self.force, self.database, &self.protected)?;
        if self.force {
            tmp.persist(&self.dest).map_err(|e| e.error)?;
        } else {
            // Refuses atomically if a file of that name appeared since the check.
            tmp.persist_noclobber(&self.dest).map_err(|e| {
                if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                    std::io::Error::other(Refusal::Exists(self.dest.clone()))
                } else {
                    e.error
                }
            })?;
        }
        Ok(())
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.tmp.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.tmp.flush()
    }
}

fn refuse(r: Refusal) -> std::io::Error {
    std::io::Error::other(r)
}

/// Whether `dest` may be (re)placed by an export (or, with `database`, a backup), looking at the
/// name itself, never through a link.
fn check_target(
    dest: &Path,
    force: bool,
    database: bool,
    protected: &[PathBuf],
) -> std::io::Result<()> {
    let meta = match std::fs::symlink_metadata(dest) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    if meta.file_type().is_symlink() {
        return Err(refuse(Refusal::Symlink(dest.to_path_buf())));
    }
    if !meta.is_file() {
        return Err(refuse(Refusal::NotAFile(dest.to_path_buf())));
    }
    if protected.iter().any(|p| same_file(&meta, p)) {
        return Err(refuse(Refusal::Register(dest.to_path_buf())));
    }
    if !database && is_sqlite(dest)? {
        return Err(refuse(Refusal::Database(dest.to_path_buf())));
    }
    if !force {
        return Err(refuse(Refusal::Exists(dest.to_path_buf())));
    }
    Ok(())
}

#[cfg(unix)]
fn same_file(meta: &std::fs::Metadata, other: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(other).is_ok_and(|o| o.dev() == meta.dev() && o.ino() == meta.ino())
}

#[cfg(not(unix))]
fn same_file(_meta: &std::fs::Metadata, _other: &Path) -> bool {
    false
}

/// Whether the regular file at `path` starts with the SQLite header. Opened without following a
/// link, so the answer is about the name the export would replace.
fn is_sqlite(path: &Path) -> std::io::Result<bool> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let mut head = [0u8; 16];
    let mut file = options.open(path)?;
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..])? {
            0 => break,
            n => read += n,
        }
    }
    Ok(read == head.len() && &head == SQLITE_HEADER)
}

/// Where a command's text goes: standard output or an [`OutputFile`], through the one sanitiser
/// ([`SafeWriter`]), so nothing from the register reaches a terminal as a control sequence even
/// when the file is later printed. `finish` completes either.
pub struct Output {
    w: SafeWriter<Target>,
}

enum Target {
    Stdout(BufWriter<std::io::StdoutLock<'static>>),
    File(OutputFile),
}

impl Output {
    /// `None` is standard output; a path is checked and written as [`OutputFile`] does.
    pub fn open(dest: Option<&Path>, force: bool, register: &Path) -> std::io::Result<Output> {
        let target = match dest {
            Some(p) => Target::File(OutputFile::create(p, force, &[register])?),
            None => Target::Stdout(BufWriter::new(std::io::stdout().lock())),
        };
        Ok(Output {
            w: SafeWriter::new(target),
        })
    }

    pub fn finish(self) -> std::io::Result<()> {
        match self.w.into_inner()? {
            Target::Stdout(mut w) => w.flush(),
            Target::File(f) => f.finish(),
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.w.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

impl Write for Target {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Target::Stdout(w) => w.write(buf),
            Target::File(f) => f.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Target::Stdout(w) => w.flush(),
            Target::File(f) => f.flush(),
        }
    }
}

#[cfg(test)]
mod tests;
