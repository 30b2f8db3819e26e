//! Versioned schema migrations kept in `PRAGMA user_version`, each applied in its own transaction.

use super::error::{Result, StoreError};
use crate::domain::lookups;
use crate::domain::schedule::INTERVAL_DEFAULTS;
use rusqlite::{Connection, Transaction, params};

type Migration = fn(&Transaction) -> rusqlite::Result<()>;

/// Append only: a shipped migration is never edited.
const MIGRATIONS: &[Migration] = &[
    v1_initial,
    v2_user_setting,
    v3_review_wizard,
    v4_register_order,
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

pub fn migrate(conn: &mut Connection) -> Result<()> {
    let found = schema_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found,
            known: SCHEMA_VERSION,
        });
    }
    for (i, step) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        if schema_version(&tx)? > i as i64 {
            continue;
        }
        step(&tx)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

fn v1_initial(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(include_str!("schema_v1.sql"))?;
    for (sort, (code, label, source)) in lookups::CRITERIA.iter().enumerate() {
        tx.execute(
            "INSERT INTO criterion (code, label, source, sort) VALUES (?1, ?2, ?3, ?4)",
            params![code, label, source, sort as i64],
        )?;
    }
    for d in INTERVAL_DEFAULTS.iter() {
        tx.execute(
            "INSERT INTO policy_interval (key, amount, unit, label, source) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![d.key, d.amount, d.unit, d.label, d.source],
        )?;
    }
    for (sort, (question, text)) in lookups::KLOES.iter().enumerate() {
        tx.execute(
            "INSERT INTO kloe (question, text, source, sort) VALUES (?1, ?2, ?3, ?4)",
            params![question, text, lookups::KLOE_SOURCE, sort as i64],
        )?;
    }
    Ok(())
}

/// Per-user preferences kept in the register (e.g. the owner name "mine" filters actions by), keyed
/// by the name the audit trail records (`--user`, else the login name).
fn v2_user_setting(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TABLE user_setting (
            id      INTEGER PRIMARY KEY,
            user    TEXT NOT NULL,
            key     TEXT NOT NULL,
            value   TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1,
            UNIQUE (user, key)
        );",
    )
}

/// The review wizard resumes at the cursor, marks a review ready, and keeps due dates as typed.
fn v3_review_wizard(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "ALTER TABLE review ADD COLUMN cursor_row INTEGER NOT NULL DEFAULT 0;
         ALTER TABLE review ADD COLUMN cursor_col INTEGER NOT NULL DEFAULT 0;
         ALTER TABLE review ADD COLUMN ready INTEGER NOT NULL DEFAULT 0;
         ALTER TABLE review_recommendation ADD COLUMN due_text TEXT NOT NULL DEFAULT '';
         ALTER TABLE review_recommendation ADD COLUMN action_id INTEGER REFERENCES action (id);
         CREATE INDEX review_addendum_review ON review_addendum (review_id, id);
         CREATE INDEX person_next_review ON person (next_review_due) WHERE removed_on IS NULL;",
    )
}

/// Indexes for the first frame: the top of the register in its default order, and the counts per
/// rating, read without scanning every person (the register may hold 100,000).
fn v4_register_order(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(&format!(
        "CREATE INDEX person_register_order ON person ({}, family_name, given_name, id)
             WHERE removed_on IS NULL;
         CREATE INDEX person_rating ON person (rating) WHERE removed_on IS NULL;",
        super::people::SEVERITY_SQL
    ))
}
