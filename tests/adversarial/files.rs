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
