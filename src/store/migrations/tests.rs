use super::*;

/// A register written before the trail was chained upgrades to a whole chain over its old rows.
#[test]
fn upgrading_seals_the_rows_written_before_the_chain() {
    let mut conn = Connection::open_in_memory().expect("open");
    for step in &MIGRATIONS[..5] {
        let tx = conn.transaction().expect("tx");
        step(&tx).expect("migration");
        tx.commit().expect("commit");
    }
    conn.pragma_update(None, "user_version", 5)
        .expect("version");
    for i in 0..3 {
        conn.execute(
            "INSERT INTO audit (at, by_user, entity, entity_id, field, old, new)
                 VALUES ('2026-01-01T00:00:00Z', 'jo', 'person', ?1, 'notes@0', NULL, 'x')",
            [i],
        )
        .expect("old row");
    }
    migrate(&mut conn).expect("upgrade");
    let (problems, head) = crate::store::audit::verify(&conn).expect("verify");
    assert_eq!(problems, vec![]);
    assert_eq!((head.rows, head.last_id), (3, 3));
}

/// A register from before consent records keeps each person's single consent as one record given
/// by the voice its basis named, and the old columns are gone.
#[test]
fn single_consents_become_consent_records() {
    let dir = tempfile::tempdir().expect("dir");
    let mut conn = Connection::open(dir.path().join("old.db")).expect("open");
    for step in &MIGRATIONS[..13] {
        let tx = conn.transaction().expect("tx");
        step(&tx).expect("migration");
        tx.commit().expect("commit");
    }
    conn.pragma_update(None, "user_version", 13)
        .expect("version");
    for (id, basis, scope) in [
        (1, Some("parental"), "register,review"),
        (2, Some("informed"), "register,review,sharing"),
        (3, None, ""),
    ] {
        conn.execute(
            "INSERT INTO person (id, given_name, family_name, date_of_birth, diagnosis, rating,
                 rating_since, added_on, consent_basis, consent_date, consent_recorded_by, consent_scope)
             VALUES (?1, 'A', 'B', '2010-01-01', 'ld', 'AMBER', '2026-01-01', '2026-01-01',
                 ?2, '2026-02-03', 'Jo Hartley', ?3)",
            params![id, basis, scope],
        )
        .expect("person");
    }
    migrate(&mut conn).expect("upgrade");
    let rows: Vec<(i64, String, String, String, String, String)> = conn
        .prepare("SELECT person_id, giver, basis, decided_on, scopes, recorded_by FROM consent ORDER BY person_id")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows");
    assert_eq!(
        rows,
        [
            (
                1,
                "parental".into(),
                "earlier".into(),
                "2026-02-03".into(),
                "register,review".into(),
                "Jo Hartley".into()
            ),
            (
                2,
                "person".into(),
                "earlier".into(),
                "2026-02-03".into(),
                "register,review,sharing".into(),
                "Jo Hartley".into()
            ),
        ]
    );
    let old_column = conn.query_row("SELECT consent_basis FROM person", [], |_| Ok(()));
    assert!(
        old_column.is_err(),
        "the single-consent columns are dropped"
    );
}

/// A register from before drafts could be discarded takes the new status on an existing draft,
/// still refuses an unknown one, passes the integrity check, and lets the person start a new
/// draft once the old one is discarded.
#[test]
fn a_discarded_draft_frees_the_one_draft_per_person_slot() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("old.db");
    let mut conn = Connection::open(&path).expect("open");
    for step in &MIGRATIONS[..14] {
        let tx = conn.transaction().expect("tx");
        step(&tx).expect("migration");
        tx.commit().expect("commit");
    }
    conn.pragma_update(None, "user_version", 14)
        .expect("version");
    conn.execute_batch(
        "INSERT INTO person (id, given_name, family_name, date_of_birth, diagnosis, rating,
             rating_since, added_on)
         VALUES (1, 'A', 'B', '2010-01-01', 'ld', 'AMBER', '2026-01-01', '2026-01-01');
         INSERT INTO review (id, person_id, kind, type, held_on, created_at, created_by)
         VALUES (1, 1, 'CETR', 'community', '2026-11-24', '2026-11-24T10:00:00Z', 'jo');",
    )
    .expect("a draft");
    // A colleague's app that opened the register before the upgrade.
    let other = Connection::open(&path).expect("second connection");
    other
        .query_row("SELECT count(*) FROM review", [], |r| r.get::<_, i64>(0))
        .expect("read");
    migrate(&mut conn).expect("upgrade");
    let discard = "UPDATE review SET status = 'discarded', discarded_at = '2026-11-24T11:00:00Z',
                       discarded_by = 'jo', discard_reason = 'wrong person' WHERE id = 1";
    conn.execute(discard, []).expect("discarded");
    conn.execute(
        "INSERT INTO review (id, person_id, kind, type, held_on, created_at, created_by)
         VALUES (2, 1, 'CETR', 'community', '2026-11-24', '2026-11-24T11:00:00Z', 'jo')",
        [],
    )
    .expect("a new draft for the same person");
    let bogus = conn.execute("UPDATE review SET status = 'binned' WHERE id = 2", []);
    assert!(bogus.is_err(), "an unknown status is still refused");
    other
        .execute("UPDATE review SET status = 'discarded' WHERE id = 2", [])
        .expect("the other connection sees the wider check");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity check");
    assert_eq!(check, "ok");
}
