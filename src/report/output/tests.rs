use super::*;

fn write(dest: &Path, force: bool, protected: &[&Path], text: &str) -> std::io::Result<()> {
    let mut out = OutputFile::create(dest, force, protected)?;
    out.write_all(text.as_bytes())?;
    out.finish()
}

fn refusal(e: std::io::Error) -> String {
    e.get_ref()
        .and_then(|r| r.downcast_ref::<Refusal>())
        .map(|r| format!("{r:?}"))
        .unwrap_or_else(|| format!("not a refusal: {e}"))
}

#[test]
fn existing_file_is_kept_without_force_and_replaced_with_it() {
    let dir = tempfile::tempdir().expect("dir");
    let f = dir.path().join("out.csv");
    std::fs::write(&f, "precious").expect("seed");
    let e = write(&f, false, &[], "new").expect_err("refused");
    assert!(refusal(e).starts_with("Exists"));
    assert_eq!(std::fs::read_to_string(&f).expect("read"), "precious");
    write(&f, true, &[], "new").expect("forced");
    assert_eq!(std::fs::read_to_string(&f).expect("read"), "new");
}

#[test]
fn a_sqlite_file_is_never_replaced_even_with_force() {
    let dir = tempfile::tempdir().expect("dir");
    let f = dir.path().join("other.db");
    let mut bytes = SQLITE_HEADER.to_vec();
    bytes.extend_from_slice(&[0; 100]);
    std::fs::write(&f, &bytes).expect("seed");
    let e = write(&f, true, &[], "x").expect_err("refused");
    assert!(refusal(e).starts_with("Database"));
    assert_eq!(std::fs::read(&f).expect("read"), bytes);
}

#[test]
fn the_register_and_its_wal_are_never_replaced() {
    let dir = tempfile::tempdir().expect("dir");
    let reg = dir.path().join("r.db");
    let wal = dir.path().join("r.db-wal");
    std::fs::write(&reg, "").expect("seed");
    std::fs::write(&wal, "log").expect("seed");
    for target in [&reg, &wal] {
        let e = write(target, true, &[&reg], "x").expect_err("refused");
        assert!(refusal(e).starts_with("Register"));
    }
    assert_eq!(std::fs::read_to_string(&wal).expect("read"), "log");
}

#[cfg(unix)]
#[test]
fn a_symlink_is_never_followed_even_with_force() {
    let dir = tempfile::tempdir().expect("dir");
    let target = dir.path().join("target.txt");
    std::fs::write(&target, "keep").expect("seed");
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&target, &link).expect("link");
    let dangling = dir.path().join("dangling.csv");
    std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).expect("link");
    for l in [&link, &dangling] {
        let e = write(l, true, &[], "x").expect_err("refused");
        assert!(refusal(e).starts_with("Symlink"));
    }
    assert_eq!(std::fs::read_to_string(&target).expect("read"), "keep");
    assert!(!dir.path().join("nowhere").exists());
}

#[cfg(unix)]
#[test]
fn new_file_is_owner_only_and_no_temporary_is_left() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("dir");
    let f = dir.path().join("new.json");
    write(&f, false, &[], "{}").expect("written");
    let mode = std::fs::metadata(&f).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("ls")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("new.json")]);
}

#[test]
fn an_abandoned_write_leaves_nothing_behind() {
    let dir = tempfile::tempdir().expect("dir");
    let f = dir.path().join("half.csv");
    let mut out = OutputFile::create(&f, false, &[]).expect("open");
    out.write_all(b"half").expect("write");
    drop(out);
    assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 0);
}
