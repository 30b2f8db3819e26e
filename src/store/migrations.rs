//! Versioned schema migrations kept in `PRAGMA user_version`, each applied in its own transaction.

use super::error::{Result, StoreError};
use crate::domain::calendar::{BANK_HOLIDAY_SOURCE, ENGLAND_BANK_HOLIDAYS};
use crate::domain::journey::JOURNEY_DEFAULTS;
use crate::domain::kloe::{self, KloeTemplate};
use crate::domain::lookups;
use crate::domain::policy::{INTERVAL_DEFAULTS, POLICY_DEFAULTS};
use rusqlite::{Connection, Transaction, params};

type Migration = fn(&Transaction) -> rusqlite::Result<()>;

/// Append only: a shipped migration is never edited.
const MIGRATIONS: &[Migration] = &[
    v1_initial,
    v2_user_setting,
    v3_review_wizard,
    v4_register_order,
    v5_cetr_journey,
    v6_audit_chain,
    v7_clinical_safety,
    v8_dashboard_indexes,
    v9_transfer_index,
    v10_admission_to_complete,
    v11_change_log,
    v12_register_meta,
    v13_draft_leases,
    v14_consent_records,
    v15_discarded_drafts,
    v16_review_papers_index,
    v17_unscheduled_index,
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

/// The journey around the meeting: requests and their decisions, who from education and social
/// care sat on a CETR (or why not), whether the person and family took part, when the report and
/// family plan went out, the person's advocacy, and key lines of enquiry per national template.
/// Lines of enquiry are never edited in place: a new wording is a new row that `replaces` the
/// old, so a finished review keeps the words it was asked with (each final review keeps a row
/// per line it was asked, snapshotted here for reviews finished before templates existed).
fn v5_cetr_journey(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TABLE review_request (
            id              INTEGER PRIMARY KEY,
            person_id       INTEGER NOT NULL REFERENCES person (id),
            requested_on    TEXT NOT NULL,
            requested_by    TEXT NOT NULL CHECK (requested_by IN ('person', 'family', 'professional')),
            requester       TEXT NOT NULL DEFAULT '',
            reason          TEXT NOT NULL DEFAULT '',
            outcome         TEXT CHECK (outcome IS NULL
                                OR outcome IN ('review_booked', 'emergency_meeting', 'declined')),
            decided_on      TEXT,
            decided_by      TEXT,
            decision_reason TEXT,
            review_id       INTEGER REFERENCES review (id),
            created_at      TEXT NOT NULL,
            created_by      TEXT NOT NULL,
            version         INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX review_request_person ON review_request (person_id, requested_on);
        CREATE INDEX review_request_open ON review_request (requested_on) WHERE outcome IS NULL;
        CREATE TABLE review_panel_waiver (
            review_id INTEGER NOT NULL REFERENCES review (id),
            role      TEXT NOT NULL,
            reason    TEXT NOT NULL,
            PRIMARY KEY (review_id, role)
        ) WITHOUT ROWID;
        ALTER TABLE review ADD COLUMN person_attendance TEXT;
        ALTER TABLE review ADD COLUMN family_attendance TEXT;
        ALTER TABLE review ADD COLUMN kloe_template TEXT;
        ALTER TABLE review ADD COLUMN report_sent_on TEXT;
        ALTER TABLE review ADD COLUMN report_sent_to TEXT;
        ALTER TABLE review ADD COLUMN family_plan_sent_on TEXT;
        ALTER TABLE review ADD COLUMN family_plan_sent_to TEXT;
        CREATE INDEX review_report_unsent ON review (held_on)
            WHERE status = 'final' AND (report_sent_on IS NULL OR family_plan_sent_on IS NULL);
        ALTER TABLE person ADD COLUMN advocacy TEXT;
        ALTER TABLE kloe ADD COLUMN replaces INTEGER REFERENCES kloe (id);
        INSERT OR IGNORE INTO review_kloe (review_id, kloe_id)
            SELECT r.id, k.id FROM review r JOIN kloe k ON k.active = 1 WHERE r.status = 'final';
        UPDATE kloe SET active = 0 WHERE template = 'all';",
    )?;
    for d in JOURNEY_DEFAULTS.iter() {
        tx.execute(
            "INSERT OR IGNORE INTO policy_interval (key, amount, unit, label, source) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![d.key, d.amount, d.unit, d.label, d.source],
        )?;
    }
    for t in KloeTemplate::ALL {
        for (sort, (question, text)) in kloe::starter(t).enumerate() {
            tx.execute(
                "INSERT INTO kloe (question, template, text, source, sort) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![question, t.code(), text, kloe::TEMPLATE_SOURCE, sort as i64],
            )?;
        }
    }
    Ok(())
}

/// The audit trail records the OS account beside the audit name, reads as well as changes, and
/// becomes a hash chain; free text typed in the wizard waits in `audit_burst` until the editing
/// burst ends. Rows written before the chain are sealed in id order.
fn v6_audit_chain(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "DROP TRIGGER audit_no_update;
         ALTER TABLE audit ADD COLUMN os_user TEXT;
         ALTER TABLE audit ADD COLUMN kind TEXT NOT NULL DEFAULT 'change';
         ALTER TABLE audit ADD COLUMN hash TEXT;
         CREATE TABLE audit_burst (
             id         INTEGER PRIMARY KEY,
             by_user    TEXT NOT NULL,
             os_user    TEXT NOT NULL,
             entity     TEXT NOT NULL,
             entity_id  INTEGER NOT NULL,
             field      TEXT NOT NULL,
             started_at TEXT NOT NULL,
             last_at    TEXT NOT NULL,
             old        TEXT,
             new        TEXT,
             UNIQUE (by_user, os_user, entity, entity_id, field)
         );",
    )?;
    super::audit::seal_existing(tx)?;
    tx.execute_batch(
        "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
             BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
         CREATE TRIGGER audit_sealed BEFORE INSERT ON audit WHEN NEW.hash IS NULL
             BEGIN SELECT RAISE(ABORT, 'audit rows are written by the register, with their hash'); END;",
    )
}

/// The schedule's corrected rules: working days (with England's bank holidays as an editable
/// table), register-review cadences and the run-up window for a community C(E)TR; register reviews
/// ("discussed today"); hospital transfers kept as one episode; barriers to discharge; and the
/// reasons staff give when confirming an admission that needs one.
fn v7_clinical_safety(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TABLE policy_interval_new (
            key    TEXT PRIMARY KEY,
            amount INTEGER NOT NULL CHECK (amount >= 0),
            unit   TEXT NOT NULL CHECK (unit IN ('days', 'working days', 'weeks', 'months')),
            label  TEXT NOT NULL,
            source TEXT NOT NULL
         );
         INSERT INTO policy_interval_new SELECT key, amount, unit, label, source FROM policy_interval;
         DROP TABLE policy_interval;
         ALTER TABLE policy_interval_new RENAME TO policy_interval;
         CREATE TABLE bank_holiday (
            on_date TEXT PRIMARY KEY,
            name    TEXT NOT NULL,
            source  TEXT NOT NULL
         );
         CREATE TABLE register_review (
            id           INTEGER PRIMARY KEY,
            person_id    INTEGER NOT NULL REFERENCES person (id),
            discussed_on TEXT NOT NULL,
            note         TEXT NOT NULL DEFAULT '',
            at           TEXT NOT NULL,
            by_user      TEXT NOT NULL
         );
         CREATE INDEX register_review_person ON register_review (person_id, discussed_on);
         CREATE TABLE discharge_barrier (
            code   TEXT PRIMARY KEY,
            label  TEXT NOT NULL,
            source TEXT NOT NULL,
            sort   INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1
         );
         CREATE TABLE admission_barrier (
            id           INTEGER PRIMARY KEY,
            admission_id INTEGER NOT NULL REFERENCES admission (id),
            code         TEXT NOT NULL REFERENCES discharge_barrier (code),
            raised_on    TEXT NOT NULL,
            resolved_on  TEXT,
            note         TEXT NOT NULL DEFAULT ''
         );
         CREATE INDEX admission_barrier_admission ON admission_barrier (admission_id);
         ALTER TABLE person ADD COLUMN register_review_due TEXT;
         ALTER TABLE admission ADD COLUMN transfer_from INTEGER REFERENCES admission (id);
         ALTER TABLE admission ADD COLUMN setting_before TEXT;
         ALTER TABLE admission ADD COLUMN no_community_review_reason TEXT;
         ALTER TABLE admission ADD COLUMN notifiable_reason TEXT;",
    )?;
    // Local edits are kept: only rows still at their first-seeded value move to the new default.
    tx.execute(
        "UPDATE policy_interval SET amount = 5, unit = 'working days', label = ?1, source = ?2
         WHERE key = 'post_admission_child' AND amount = 2 AND unit = 'weeks'",
        params![POLICY_DEFAULTS[0].label, POLICY_DEFAULTS[0].source],
    )?;
    for d in POLICY_DEFAULTS.iter() {
        tx.execute(
            "INSERT OR IGNORE INTO policy_interval (key, amount, unit, label, source) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![d.key, d.amount, d.unit, d.label, d.source],
        )?;
    }
    for (on, name) in ENGLAND_BANK_HOLIDAYS {
        tx.execute(
            "INSERT INTO bank_holiday (on_date, name, source) VALUES (?1, ?2, ?3)",
            params![on, name, BANK_HOLIDAY_SOURCE],
        )?;
    }
    for (sort, (code, label)) in lookups::DISCHARGE_BARRIERS.iter().enumerate() {
        tx.execute(
            "INSERT INTO discharge_barrier (code, label, source, sort) VALUES (?1, ?2, ?3, ?4)",
            params![code, label, lookups::DISCHARGE_BARRIER_SOURCE, sort as i64],
        )?;
    }
    Ok(())
}

/// Indexes for the dashboard's aggregate queries, so each reads only the rows it counts: caseloads
/// and children without a keyworker, admissions and discharges by date, rating
/// changes by effective date, and people who left the register.
fn v8_dashboard_indexes(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE INDEX person_keyworker ON person (keyworker, date_of_birth) WHERE removed_on IS NULL;
         CREATE INDEX person_removed ON person (removed_on) WHERE removed_on IS NOT NULL;
         CREATE INDEX admission_admitted ON admission (admitted_on, planned);
         CREATE INDEX admission_discharged ON admission (discharged_on) WHERE discharged_on IS NOT NULL;
         CREATE INDEX rating_change_effective ON rating_change (effective, person_id);",
    )
}

/// Finds the admission that continues another after a transfer, so admission and discharge
/// counts can leave transfers between hospitals out without reading every admission.
fn v9_transfer_index(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE INDEX admission_transfer_from ON admission (transfer_from) WHERE transfer_from IS NOT NULL;",
    )
}

/// An admission known only from a spreadsheet's BLUE rating: what is still to be recorded, so the
/// card and the register's filter show it instead of an invented hospital and date passing as fact.
fn v10_admission_to_complete(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "ALTER TABLE admission ADD COLUMN to_complete TEXT;
         CREATE INDEX admission_to_complete ON admission (person_id) WHERE to_complete IS NOT NULL;",
    )
}

/// A log of which person each committed change concerns, written by triggers so no write can
/// forget it: another user's open app reads only the entries past the last one it saw and re-reads
/// those people, instead of reloading its whole pane after every commit. Only what a list or card
/// shows is logged: typing in a review draft (its text and cursor) is not, so a colleague's open
/// app pays nothing for it. The log keeps its last 20,000 entries; an app that fell further behind
/// reloads everything once.
fn v11_change_log(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TABLE change_log (
            id        INTEGER PRIMARY KEY,
            tbl       TEXT NOT NULL,
            row_id    INTEGER NOT NULL,
            person_id INTEGER,
            kind      TEXT NOT NULL CHECK (kind IN ('insert', 'update', 'delete'))
         );
         CREATE TRIGGER change_log_prune AFTER INSERT ON change_log WHEN NEW.id % 1000 = 0
             BEGIN DELETE FROM change_log WHERE id <= NEW.id - 20000; END;",
    )?;
    // (table, its row id, the person it concerns, the columns whose update is shown anywhere);
    // `R.` stands for the NEW or OLD row.
    const LOGGED: &[(&str, &str, &str, Option<&str>)] = &[
        ("person", "R.id", "R.id", None),
        ("action", "R.id", "R.person_id", None),
        ("admission", "R.id", "R.person_id", None),
        (
            "admission_barrier",
            "R.id",
            "(SELECT person_id FROM admission WHERE id = R.admission_id)",
            None,
        ),
        ("rating_change", "R.id", "R.person_id", None),
        ("register_review", "R.id", "R.person_id", None),
        ("review_request", "R.id", "R.person_id", None),
        ("person_criterion", "R.person_id", "R.person_id", None),
        (
            "review",
            "R.id",
            "R.person_id",
            Some("person_id, kind, type, status, held_on, report_sent_on, family_plan_sent_on"),
        ),
    ];
    for (table, row, person, columns) in LOGGED {
        for (kind, event, rec) in [
            ("insert", "INSERT".to_string(), "NEW."),
            (
                "update",
                columns.map_or("UPDATE".to_string(), |c| format!("UPDATE OF {c}")),
                "NEW.",
            ),
            ("delete", "DELETE".to_string(), "OLD."),
        ] {
            let (row, person) = (row.replace("R.", rec), person.replace("R.", rec));
            tx.execute_batch(&format!(
                "CREATE TRIGGER change_log_{table}_{kind} AFTER {event} ON {table} BEGIN
                     INSERT INTO change_log (tbl, row_id, person_id, kind)
                     VALUES ('{table}', {row}, {person}, '{kind}');
                 END;"
            ))?;
        }
    }
    Ok(())
}

/// Facts about the register file itself (e.g. that `dsr demo` made it), so a screen can tell a
/// demo register from a live one.
fn v12_register_meta(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TABLE register_meta (
            key     TEXT PRIMARY KEY,
            value   TEXT NOT NULL,
            at      TEXT NOT NULL,
            by_user TEXT NOT NULL
         );",
    )
}

/// Two staff in one draft: the field one of them is typing in is leased to them (with a heartbeat,
/// so a dropped session frees it), and a person has at most one draft, so two people starting a
/// review at once share it. Drafts duplicated before this rule existed are left as they were
/// (nothing is lost); the rule holds for every draft started from now on.
fn v13_draft_leases(tx: &Transaction) -> rusqlite::Result<()> {
    let last_duplicate: i64 = tx.query_row(
        "SELECT coalesce(max(id), 0) FROM review
         WHERE status = 'draft'
           AND person_id IN (SELECT person_id FROM review WHERE status = 'draft'
                             GROUP BY person_id HAVING count(*) > 1)",
        [],
        |r| r.get(0),
    )?;
    tx.execute_batch(&format!(
        "CREATE TABLE field_lease (
             review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
             field     TEXT NOT NULL,
             holder    TEXT NOT NULL,
             session   TEXT NOT NULL,
             since     TEXT NOT NULL,
             heartbeat TEXT NOT NULL,
             PRIMARY KEY (review_id, field)
         );
         CREATE INDEX field_lease_session ON field_lease (session);
         CREATE UNIQUE INDEX review_one_draft_per_person ON review (person_id)
             WHERE status = 'draft' AND id > {last_duplicate};"
    ))
}

/// Consent becomes several records per person (who gave it, basis, date, scope, recorded by,
/// given / declined / withdrawn). Each person's single consent is carried over as one record given
/// by the voice its basis named, with the basis "recorded before consent records"; the old columns
/// go, so nothing can read a consent that no longer decides anything. Consent shows on the card
/// and in the register's filter, so its changes go to the change log like the other per-person
/// tables.
fn v14_consent_records(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TABLE consent (
            id                   INTEGER PRIMARY KEY,
            person_id            INTEGER NOT NULL REFERENCES person (id),
            giver                TEXT NOT NULL CHECK (giver IN ('person', 'parental', 'best_interests')),
            giver_name           TEXT,
            capacity_assessed_on TEXT,
            basis                TEXT NOT NULL,
            decided_on           TEXT NOT NULL,
            scopes               TEXT NOT NULL,
            share_with           TEXT NOT NULL DEFAULT '[]',
            status               TEXT NOT NULL CHECK (status IN ('given', 'declined', 'withdrawn')),
            withdrawn_on         TEXT,
            recorded_by          TEXT NOT NULL,
            recorded_at          TEXT NOT NULL,
            version              INTEGER NOT NULL DEFAULT 1,
            CHECK ((status = 'withdrawn') = (withdrawn_on IS NOT NULL))
         );
         CREATE INDEX consent_person ON consent (person_id, decided_on);
         INSERT INTO consent (person_id, giver, basis, decided_on, scopes, status, recorded_by, recorded_at)
         SELECT id,
                CASE consent_basis WHEN 'informed' THEN 'person' ELSE consent_basis END,
                'earlier', consent_date, coalesce(consent_scope, ''), 'given',
                coalesce(consent_recorded_by, ''), consent_date
         FROM person
         WHERE consent_basis IN ('informed', 'parental', 'best_interests') AND consent_date IS NOT NULL
         ORDER BY id;
         ALTER TABLE person DROP COLUMN consent_basis;
         ALTER TABLE person DROP COLUMN consent_date;
         ALTER TABLE person DROP COLUMN consent_recorded_by;
         ALTER TABLE person DROP COLUMN consent_scope;
         CREATE TRIGGER change_log_consent_insert AFTER INSERT ON consent BEGIN
             INSERT INTO change_log (tbl, row_id, person_id, kind)
             VALUES ('consent', NEW.id, NEW.person_id, 'insert');
         END;
         CREATE TRIGGER change_log_consent_update AFTER UPDATE ON consent BEGIN
             INSERT INTO change_log (tbl, row_id, person_id, kind)
             VALUES ('consent', NEW.id, NEW.person_id, 'update');
         END;
         CREATE TRIGGER change_log_consent_delete AFTER DELETE ON consent BEGIN
             INSERT INTO change_log (tbl, row_id, person_id, kind)
             VALUES ('consent', OLD.id, OLD.person_id, 'delete');
         END;",
    )
}

/// A draft review started by mistake (the wrong person, a meeting that did not happen) can be
/// discarded with a reason: its rows all stay, with who discarded it, when and why, and it leaves
/// every draft and due list, so the person can have a new draft (the one-draft index counts only
/// `status = 'draft'`). The status check is widened in place, SQLite's documented way of loosening
/// a CHECK constraint: rebuilding the table would need foreign keys off, which cannot change
/// inside a migration's transaction, and a dozen tables refer to reviews.
fn v15_discarded_drafts(tx: &Transaction) -> rusqlite::Result<()> {
    const OLD: &str = "CHECK (status IN ('draft', 'final'))";
    const NEW: &str = "CHECK (status IN ('draft', 'final', 'discarded'))";
    let table: String = tx.query_row(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'review'",
        [],
        |r| r.get(0),
    )?;
    if table.matches(OLD).count() != 1 {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ERROR),
            Some("the review table's status check is not the one this upgrade knows".into()),
        ));
    }
    let schema_version: i64 = tx.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
    tx.pragma_update(None, "writable_schema", true)?;
    tx.execute(
        "UPDATE sqlite_schema SET sql = ?1 WHERE type = 'table' AND name = 'review'",
        [table.replacen(OLD, NEW, 1)],
    )?;
    // Every connection, this one included, re-reads the schema and so the wider check.
    tx.pragma_update(None, "schema_version", schema_version + 1)?;
    tx.pragma_update(None, "writable_schema", false)?;
    tx.execute_batch(
        "ALTER TABLE review ADD COLUMN discarded_at TEXT;
         ALTER TABLE review ADD COLUMN discarded_by TEXT;
         ALTER TABLE review ADD COLUMN discard_reason TEXT;",
    )
}

/// The dashboard counts finished reviews of a period by type, outcome and when their papers went
/// out: an index holding those columns answers it without reading each review row (a tenth of
/// the time at 100,000 people). It serves every query the narrower one did.
fn v16_review_papers_index(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "DROP INDEX review_status;
         CREATE INDEX review_status ON review
             (status, held_on, type, community_needs_met, report_sent_on, family_plan_sent_on);",
    )
}

/// Every launch asks whether anyone's next dates still need working out before the first
/// frame; without an index that read the whole person table. This one is empty once everyone
/// is scheduled.
fn v17_unscheduled_index(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE INDEX person_unscheduled ON person (id) WHERE register_review_due IS NULL;",
    )
}

#[cfg(test)]
mod tests;
