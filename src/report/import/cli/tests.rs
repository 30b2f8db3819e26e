//! The dry run's scratch copy of the register: private, unpredictable, and never written through a
//! symlink someone planted in the shared temporary directory.

use super::dry_run_snapshot;
use crate::store::Store;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn register(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("r.db");
    Store::open(&db, "tester").expect("open");
    db
}

#[test]
fn the_dry_run_copy_sits_in_a_folder_only_its_user_can_open() {
    let work = tempfile::tempdir().expect("dir");
    let tmp = tempfile::tempdir().expect("tmp");
    let db = register(work.path());
    let (guard, copy) = dry_run_snapshot(&db, tmp.path()).expect("snapshot");
    let mode = std::fs::metadata(guard.path())
        .expect("folder")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o700, "folder mode {mode:o}");
    assert_eq!(copy.parent(), Some(guard.path()));
    assert!(copy.is_file(), "the snapshot was written");
    let folder = guard.path().to_path_buf();
    drop(guard);
    assert!(!folder.exists(), "the scratch folder goes with its guard");
}

#[test]
fn the_dry_run_folder_name_cannot_be_guessed() {
    let work = tempfile::tempdir().expect("dir");
    let tmp = tempfile::tempdir().expect("tmp");
    let db = register(work.path());
    let (a, _) = dry_run_snapshot(&db, tmp.path()).expect("first");
    let (b, _) = dry_run_snapshot(&db, tmp.path()).expect("second");
    assert_ne!(a.path(), b.path(), "two dry runs at once get two folders");
    for guard in [&a, &b] {
        let name = guard.path().file_name().expect("name").to_string_lossy();
        let random = name.strip_prefix("dsr-import-dry-run-").expect("prefix");
        assert!(random.len() >= 6, "too little randomness in {name}");
    }
}

#[test]
fn a_symlink_planted_at_a_predictable_scratch_path_is_not_followed() {
    let work = tempfile::tempdir().expect("dir");
    let tmp = tempfile::tempdir().expect("tmp");
    let db = register(work.path());
    let victim = work.path().join("victim.txt");
    std::fs::write(&victim, "not yours").expect("victim");
    let victim_dir = work.path().join("victim-dir");
    std::fs::create_dir(&victim_dir).expect("victim dir");
    // Every name a dry run could be expected to use, pointing at the victim.
    for name in ["snapshot.db", "dsr-import-dry-run", "dsr-import-dry-run.db"] {
        std::os::unix::fs::symlink(&victim, tmp.path().join(name)).expect("plant");
    }
    std::os::unix::fs::symlink(&victim_dir, tmp.path().join("dsr-import-dry-run-"))
        .expect("plant dir");
    let (guard, copy) = dry_run_snapshot(&db, tmp.path()).expect("snapshot");
    assert!(
        !std::fs::symlink_metadata(guard.path())
            .expect("folder")
            .file_type()
            .is_symlink(),
        "the folder is a real, new folder"
    );
    assert!(
        std::fs::symlink_metadata(&copy)
            .expect("copy")
            .file_type()
            .is_file(),
        "the copy is a real file"
    );
    assert_eq!(
        std::fs::read_to_string(&victim).expect("victim"),
        "not yours"
    );
    assert_eq!(
        std::fs::read_dir(&victim_dir).expect("victim dir").count(),
        0,
        "nothing was written through the planted folder link"
    );
}
