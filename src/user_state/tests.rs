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

fn place() -> Place {
    Place {
        pane: "Actions".into(),
        ..Place::default()
    }
}

#[test]
fn place_and_drafts_round_trip_owner_only() {
    let dir = tempfile::tempdir().expect("dir");
    let state_dir = dir.path().join("state");
    let file = StateFile::new(&state_dir, &dir.path().join("r.db"), "jo");
    assert_eq!(file.load().expect("load"), Kept::default());
    file.save_place(Some(&place())).expect("save");
    let kept_at = file.keep_draft(&draft()).expect("keep");
    let kept = file.load().expect("load");
    assert_eq!(kept.place, Some(place()));
    assert_eq!(
        kept.drafts,
        vec![KeptDraft {
            file: kept_at.clone(),
            draft: draft()
        }]
    );
    for f in [file.path(), kept_at.clone()] {
        assert_eq!(mode(&f), 0o600, "{}", f.display());
    }
    assert_eq!(mode(&state_dir), 0o700);
    // Taken back, and nowhere to return to: nothing is left.
    file.drop_draft(&kept_at).expect("drop");
    file.save_place(None).expect("forget");
    assert_eq!(std::fs::read_dir(&state_dir).expect("dir").count(), 0);
}

#[test]
fn two_sessions_of_one_user_keep_each_others_drafts() {
    let dir = tempfile::tempdir().expect("dir");
    let file = StateFile::new(dir.path(), &dir.path().join("r.db"), "jo");
    let mut later = draft();
    later.saved_at += chrono::Duration::seconds(5);
    later.title = "Re-rate".into();
    // One terminal hangs up with typing; the other, later, quits normally, saving its place.
    file.keep_draft(&draft()).expect("keep");
    file.save_place(Some(&place())).expect("place");
    file.keep_draft(&later).expect("keep");
    let kept = file.load().expect("load");
    let titles: Vec<&str> = kept.drafts.iter().map(|d| d.draft.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Add a person", "Re-rate"],
        "both kept, oldest first"
    );
}

#[test]
fn each_register_and_user_has_its_own_files() {
    let dir = tempfile::tempdir().expect("dir");
    let a = StateFile::new(dir.path(), &dir.path().join("a.db"), "jo");
    let b = StateFile::new(dir.path(), &dir.path().join("b.db"), "jo");
    let c = StateFile::new(dir.path(), &dir.path().join("a.db"), "sam");
    assert_ne!(a.path(), b.path());
    assert_ne!(a.path(), c.path());
    a.save_place(Some(&place())).expect("save");
    a.keep_draft(&draft()).expect("keep");
    assert_eq!(b.load().expect("load"), Kept::default());
    assert_eq!(c.load().expect("load"), Kept::default());
    // A copy under another's name is not applied to them.
    std::fs::copy(a.path(), b.path()).expect("copy");
    assert_eq!(b.load().expect("load"), Kept::default());
    // Nor is another's draft file dropped.
    let theirs = a.load().expect("load").drafts[0].file.clone();
    b.drop_draft(&theirs).expect("drop");
    assert!(theirs.exists());
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
    file.save_place(Some(&place())).expect("save");
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
    assert_eq!(file.load().expect("load").place, Some(place()));
}

#[test]
fn a_folder_others_can_write_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let state_dir = dir.path().join("state");
    std::fs::create_dir(&state_dir).expect("mkdir");
    std::fs::set_permissions(&state_dir, std::fs::Permissions::from_mode(0o777)).expect("chmod");
    let file = StateFile::new(&state_dir, &dir.path().join("r.db"), "jo");
    assert!(file.keep_draft(&draft()).is_err());
    assert_eq!(std::fs::read_dir(&state_dir).expect("dir").count(), 0);
}
