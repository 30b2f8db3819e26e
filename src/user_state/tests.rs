use super::*;
use std::os::unix::fs::PermissionsExt;

fn draft() -> TypedDraft {
    TypedDraft {
        pane: "Register".into(),
        action: "add".into(),
        person: None,
        on_card: false,
        records: Vec::new(),
        title: "Add a person".into(),
        values: vec![
            ("Given".into(), FieldValue::Text("Ada".into())),
            ("Sex".into(), FieldValue::Choice(None)),
            ("Criteria".into(), FieldValue::Checks(vec!["yot".into()])),
        ],
        saved_at: DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default(),
    }
}

fn mode(p: &Path) -> u32 {
    std::fs::symlink_metadata(p)
        .map(|m| m.permissions().mode() & 0o777)
        .unwrap_or(0)
}

#[test]
fn state_round_trips_owner_only() {
    let dir = tempfile::tempdir().expect("dir");
    let state_dir = dir.path().join("state");
    let file = StateFile::new(&state_dir, &dir.path().join("r.db"), "jo");
    assert_eq!(file.load().expect("load"), None);
    let mut s = file.blank();
    s.draft = Some(draft());
    file.save(&s).expect("save");
    assert_eq!(file.load().expect("load"), Some(s));
    assert_eq!(mode(file.path()), 0o600);
    assert_eq!(mode(&state_dir), 0o700);
    // Nothing left to keep: no file.
    file.save(&file.blank()).expect("save");
    assert!(!file.path().exists());
}

#[test]
fn each_register_and_user_has_its_own_file() {
    let dir = tempfile::tempdir().expect("dir");
    let a = StateFile::new(dir.path(), &dir.path().join("a.db"), "jo");
    let b = StateFile::new(dir.path(), &dir.path().join("b.db"), "jo");
    let c = StateFile::new(dir.path(), &dir.path().join("a.db"), "sam");
    assert_ne!(a.path(), b.path());
    assert_ne!(a.path(), c.path());
    let mut s = a.blank();
    s.draft = Some(draft());
    a.save(&s).expect("save");
    // A copy under another's name is not applied to them.
    std::fs::copy(a.path(), b.path()).expect("copy");
    assert_eq!(b.load().expect("load"), None);
}

#[test]
fn a_planted_symlink_is_neither_followed_nor_read() {
    let dir = tempfile::tempdir().expect("dir");
    let state_dir = dir.path().join("state");
    let file = StateFile::new(&state_dir, &dir.path().join("r.db"), "jo");
    std::fs::create_dir(&state_dir).expect("mkdir");
    std::fs::set_permissions(&state_dir, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").expect("write");
    std::os::unix::fs::symlink(&victim, file.path()).expect("symlink");
    assert!(file.load().is_err(), "a link at the name is not read");
    let mut s = file.blank();
    s.draft = Some(draft());
    file.save(&s).expect("save");
    assert_eq!(
        std::fs::read_to_string(&victim).expect("read"),
        "precious",
        "the link's target is untouched"
    );
    assert!(
        !std::fs::symlink_metadata(file.path())
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    assert_eq!(file.load().expect("load"), Some(s));
}

#[test]
fn a_folder_others_can_write_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let state_dir = dir.path().join("state");
    std::fs::create_dir(&state_dir).expect("mkdir");
    std::fs::set_permissions(&state_dir, std::fs::Permissions::from_mode(0o777)).expect("chmod");
    let file = StateFile::new(&state_dir, &dir.path().join("r.db"), "jo");
    let mut s = file.blank();
    s.draft = Some(draft());
    assert!(file.save(&s).is_err());
    assert!(!file.path().exists());
}
