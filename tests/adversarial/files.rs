//! The register file's permissions: readable-by-others is tightened and said; a team folder keeps
//! the group's access; a file that is not a register is refused untouched.

use dsr::store::Store;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).expect("meta").permissions().mode() & 0o777
}

fn chmod(p: &Path, m: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).expect("chmod");
}

#[test]
fn a_register_readable_by_others_is_tightened_and_the_user_told() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db");
    drop(Store::open(&db, "t").expect("create"));
    chmod(&db, 0o644);
    let store = Store::open(&db, "t").expect("open");
    assert_eq!(mode(&db), 0o600);
    let notice = store.open_notice().expect("told");
    assert!(notice.contains("could be read by others"), "{notice}");
    drop(store);
    let again = Store::open(&db, "t").expect("open");
    assert_eq!(again.open_notice(), None, "said once");
}

#[test]
fn a_team_folder_keeps_the_group_and_loses_others() {
    let dir = tempfile::tempdir().expect("dir");
    let team = dir.path().join("team");
    std::fs::create_dir(&team).expect("mkdir");
    chmod(&team, 0o770);
    let db = team.join("r.db");
    drop(Store::open(&db, "t").expect("create"));
    chmod(&db, 0o660);
    let store = Store::open(&db, "t").expect("open");
    assert_eq!(mode(&db), 0o660, "a colleague in the group still opens it");
    assert_eq!(store.open_notice(), None);
    drop(store);
    chmod(&db, 0o664);
    let store = Store::open(&db, "t").expect("open");
    assert_eq!(mode(&db), 0o660);
    assert!(store.open_notice().is_some());
}

#[test]
fn a_file_that_is_not_a_register_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("dir");
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "my notes, not a database").expect("write");
    chmod(&notes, 0o644);
    let err = match Store::open(&notes, "t") {
        Ok(_) => panic!("a text file was opened as a register"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("not a dsr register"), "{err}");
    assert_eq!(mode(&notes), 0o644);
    assert_eq!(
        std::fs::read_to_string(&notes).expect("read"),
        "my notes, not a database"
    );
    assert!(!dir.path().join("notes.txt-wal").exists());
}

fn dsr_cli(db: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(crate::support::cli::bin())
        .args(args)
        .arg("--db")
        .arg(db)
        .env("DSR_TODAY", crate::support::cli::TODAY)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run dsr")
}

/// A register made read-only (an archived copy, a file handed over for audit) is read, never
/// changed: not its bytes, not its mode. Reading commands work and say so; writing ones refuse.
#[test]
fn a_read_only_register_is_read_and_never_changed() {
    let dir = tempfile::tempdir().expect("dir");
    let db = crate::support::cli::demo_db(dir.path(), 10);
    chmod(&db, 0o400);
    let before = std::fs::read(&db).expect("read");

    let mut store = Store::open(&db, "t").expect("a read-only register opens");
    assert!(store.is_read_only());
    let notice = store.open_notice().expect("told").to_string();
    assert!(notice.contains("read-only"), "{notice}");
    let refused = store
        .write(|w| w.audit("register", 0, "test", None, Some("x")))
        .expect_err("no write on a read-only register")
        .to_string();
    assert!(refused.contains("read-only"), "{refused}");
    drop(store);

    let out = dsr_cli(&db, &["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("read-only"), "check says so: {stdout}");
    let out = dsr_cli(&db, &["export", "--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).lines().count() > 10);
    let out = dsr_cli(&db, &["report", "monthly", "--month", "2026-10"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = dsr_cli(&db, &["advocacy", "1", "none"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("dsr: ") && err.contains("read-only"),
        "{err}"
    );

    assert_eq!(mode(&db), 0o400, "mode untouched");
    assert_eq!(std::fs::read(&db).expect("read"), before, "bytes untouched");
}

/// The TUI on a read-only register says so on the status bar, and a change is refused with a
/// message instead of failing silently.
#[cfg(target_os = "linux")]
#[test]
fn the_tui_on_a_read_only_register_says_so_and_refuses_changes() {
    use crate::support::pty::{Key, Tui};
    let wait = std::time::Duration::from_secs(20);
    let dir = tempfile::tempdir().expect("dir");
    let db = crate::support::cli::demo_db(dir.path(), 10);
    chmod(&db, 0o400);
    let before = std::fs::read(&db).expect("read");
    let mut tui = Tui::spawn(
        &crate::support::cli::bin(),
        &["--db", db.to_str().expect("utf-8"), "--user", "e2e"],
        &[("DSR_TODAY", crate::support::cli::TODAY), ("NO_COLOR", "1")],
        100,
        30,
    );
    tui.wait_for("read-only", wait).expect("told on opening");
    tui.key(Key::Esc);
    tui.wait_for("READ-ONLY", wait).expect("status bar says so");
    tui.keys("r");
    tui.keys("g");
    tui.keys("settled at home");
    tui.key(Key::Enter);
    tui.wait_for("nothing was saved", wait)
        .expect("the refusal is shown");
    tui.kill_hard();
    assert_eq!(std::fs::read(&db).expect("read"), before, "bytes untouched");
}

/// A register in a folder the reader may not write (a shared archive): SQLite cannot create its
/// shared-memory file there, and the register is still read. Run as an unprivileged account, as
/// a member of staff would be (an administrator may write anywhere).
#[cfg(target_os = "linux")]
#[test]
fn a_register_in_a_read_only_folder_is_still_read() {
    let dir = tempfile::tempdir().expect("dir");
    chmod(dir.path(), 0o755);
    let archive = dir.path().join("archive");
    std::fs::create_dir(&archive).expect("mkdir");
    let db = crate::support::cli::demo_db(&archive, 10);
    assert!(!Path::new(&format!("{}-wal", db.display())).exists());
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let mut cmd = if root {
        let nobody = "65534";
        for p in [&archive, &db] {
            let c = std::ffi::CString::new(p.to_str().expect("utf-8")).expect("path");
            // SAFETY: chown(2) on a NUL-terminated path we own.
            assert_eq!(unsafe { libc::chown(c.as_ptr(), 65534, 65534) }, 0);
        }
        let mut cmd = std::process::Command::new("setpriv");
        cmd.args(["--reuid", nobody, "--regid", nobody, "--clear-groups"])
            .arg(crate::support::cli::bin());
        cmd
    } else {
        std::process::Command::new(crate::support::cli::bin())
    };
    chmod(&archive, 0o500);
    let out = cmd
        .args(["export", "--format", "csv", "--db"])
        .arg(&db)
        .env("DSR_TODAY", crate::support::cli::TODAY)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run dsr");
    chmod(&archive, 0o700);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).lines().count() > 10);
}

/// A small RAM disk mounted for one test, unmounted when dropped; `None` where this account may
/// not mount one.
#[cfg(target_os = "linux")]
struct SmallDisk(std::path::PathBuf);

#[cfg(target_os = "linux")]
impl SmallDisk {
    fn mount(at: &Path, size: &str) -> Option<SmallDisk> {
        std::fs::create_dir_all(at).ok()?;
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| SmallDisk(at.to_path_buf()))
    }
}

#[cfg(target_os = "linux")]
impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// Starting on a full disk says the disk is full (SQLite's own words are "disk I/O error").
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_at_start_says_the_disk_is_full() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("dir");
    let Some(disk) = SmallDisk::mount(&dir.path().join("disk"), "2m") else {
        eprintln!("skipped: this account cannot mount a small disk to fill");
        return;
    };
    let db = disk.0.join("r.db");
    drop(Store::open(&db, "t").expect("create"));
    let mut filler = std::fs::File::create(disk.0.join("filler")).expect("filler");
    while filler.write_all(&[0; 4096]).is_ok() {}
    let out = dsr_cli(&db, &["check"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("dsr: ") && err.contains("disk is full") && !err.contains("I/O"),
        "{err}"
    );
}
