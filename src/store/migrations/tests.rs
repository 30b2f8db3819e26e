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
