//! Benchmark (run with `cargo bench --bench audit_growth`): how much the audit trail grows in a year
//! of typical use of a 500-person register. Prints figures; never fails on a size.
//!
//! A year is simulated through the store's own functions: C(E)TRs typed word by word into every
//! free-text field of the wizard (findings, lines of enquiry, principles, panel, recommendations,
//! outcome), with typing corrected as people do and fields revisited, each review opened a few
//! times, and every person's card opened twice a week. The trail is then copied alone into a fresh
//! file to weigh it. For comparison the same keystrokes are written the way the trail used to hold
//! them (one row per keystroke, `field@offset` with the characters removed and inserted).
//! `DSR_BENCH_REVIEWS` (default 750: about one and a half reviews per person) and
//! `DSR_BENCH_PEOPLE` (default 500) change the size.

use chrono::NaiveDate;
use dsr::domain::review::{PanelRole, ReviewKind, ReviewType};
use dsr::store::reviews::{self, PanelText, PrincipleKind, RecText, ReviewText};
use dsr::store::{Store, Writer};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::{Connection, params};
use std::path::Path;
use std::time::Instant;

const WORDS: &[&str] = &[
    "the",
    "family",
    "reported",
    "that",
    "school",
    "placement",
    "is",
    "stable",
    "and",
    "staff",
    "follow",
    "the",
    "positive",
    "behaviour",
    "support",
    "plan",
    "since",
    "October",
    "there",
    "were",
    "two",
    "incidents",
    "at",
    "home",
    "crisis",
    "plan",
    "agreed",
    "with",
    "mum",
    "keyworker",
    "visits",
    "weekly",
    "sleep",
    "improved",
    "medication",
    "reviewed",
    "by",
    "GP",
    "no",
    "restraint",
    "used",
    "respite",
    "offered",
    "housing",
    "options",
    "discussed",
    "advocate",
    "present",
    "communication",
    "passport",
    "updated",
    "sensory",
    "needs",
    "assessed",
];

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn sentence(rng: &mut ChaCha8Rng, chars: usize) -> String {
    let mut s = String::new();
    while s.len() < chars {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(WORDS[rng.random_range(0..WORDS.len())]);
    }
    s.push('.');
    s
}

/// The keystrokes typed, in the shape the trail used to hold them.
struct OldTrail {
    conn: Connection,
    keystrokes: u64,
}

impl OldTrail {
    fn row(&mut self, review: i64, field: &str, at: usize, removed: &str, inserted: &str) {
        let f = |s: &str| Some(s.to_string()).filter(|s| !s.is_empty());
        self.conn
            .prepare_cached(
                "INSERT INTO audit (at, by_user, entity, entity_id, field, old, new)
                 VALUES ('2026-11-24T10:15:42Z', 'Jo Hartley', 'review', ?1, ?2, ?3, ?4)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    review,
                    format!("{field}@{at}"),
                    f(removed),
                    f(inserted)
                ])
            })
            .expect("old-shape row");
        self.keystrokes += 1;
    }
}

/// Typing into one review at a time: the register, the same keystrokes in the old shape, and the
/// random words and typos.
struct Typist<'a> {
    store: &'a mut Store,
    old: &'a mut OldTrail,
    rng: &'a mut ChaCha8Rng,
    review: i64,
}

type Setter<'f> = dyn FnMut(&mut Writer, &str) -> dsr::store::Result<()> + 'f;

impl Typist<'_> {
    /// Type `add` after `start` in one field: one store write per word (the trail is the same as
    /// one per keystroke, since a burst keeps only its before and after), one old-shape row per
    /// keystroke, with a typo corrected now and then.
    fn type_text(&mut self, field: &str, start: &str, add: &str, set: &mut Setter) -> String {
        let mut text = start.to_string();
        for word in add.split_inclusive(' ') {
            for c in word.chars() {
                if self.rng.random_bool(0.04) {
                    let at = text.chars().count();
                    self.old.row(self.review, field, at, "", "x");
                    self.old.row(self.review, field, at, "x", "");
                }
                self.old
                    .row(self.review, field, text.chars().count(), "", &c.to_string());
                text.push(c);
            }
            self.store.write(|w| set(w, &text)).expect("save a word");
        }
        self.store.end_editing().expect("leave the field");
        text
    }

    /// A sentence of about `chars` characters typed into an empty field.
    fn fill(&mut self, field: &str, chars: usize, set: &mut Setter) -> String {
        let add = sentence(self.rng, chars);
        self.type_text(field, "", &add, set)
    }
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// The trail alone, in a fresh file, for weighing.
fn weigh_trail(register: &Path, out: &Path, kinds: &str) -> u64 {
    let _ = std::fs::remove_file(out);
    let conn = Connection::open(register).expect("open register");
    let schema: String = conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'audit'",
            [],
            |r| r.get(0),
        )
        .expect("audit schema");
    conn.execute("ATTACH ?1 AS weigh", [out.to_string_lossy()])
        .expect("attach");
    conn.execute_batch(&format!(
        "{};
         INSERT INTO weigh.audit SELECT * FROM main.audit WHERE kind IN ({kinds});
         CREATE INDEX weigh.audit_entity ON audit (entity, entity_id);",
        schema.replacen("CREATE TABLE audit", "CREATE TABLE weigh.audit", 1)
    ))
    .expect("copy the trail");
    conn.execute("DETACH weigh", []).expect("detach");
    file_size(out)
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn main() {
    let people = env_usize("DSR_BENCH_PEOPLE", 500);
    let n_reviews = env_usize("DSR_BENCH_REVIEWS", 750);
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("year.db");
    let mut store = Store::open(&path, "Jo Hartley").expect("open");
    dsr::demo::generate(
        &mut store,
        dsr::demo::DemoSpec {
            people,
            seed: 1,
            today,
        },
        |_| {},
    )
    .expect("demo register");
    let start_rows = store.count("audit").expect("count");
    let old_path = dir.path().join("old-trail.db");
    let mut old = OldTrail {
        conn: Connection::open(&old_path).expect("old trail"),
        keystrokes: 0,
    };
    old.conn
        .execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;
             CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, by_user TEXT NOT NULL,
                 entity TEXT NOT NULL, entity_id INTEGER NOT NULL, field TEXT NOT NULL, old TEXT, new TEXT);
             CREATE INDEX audit_entity ON audit (entity, entity_id);
             BEGIN;",
        )
        .expect("old schema");
    let ids: Vec<i64> = {
        let mut s = store
            .conn()
            .prepare("SELECT id FROM person WHERE removed_on IS NULL ORDER BY id")
            .expect("people");
        s.query_map([], |r| r.get(0))
            .expect("ids")
            .collect::<Result<_, _>>()
            .expect("ids")
    };
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let started = Instant::now();
    let mut t = Typist {
        store: &mut store,
        old: &mut old,
        rng: &mut rng,
        review: 0,
    };
    for n in 0..n_reviews {
        let pid = ids[n % ids.len()];
        let id = t
            .store
            .write(|w| {
                reviews::create(
                    w,
                    pid,
                    ReviewKind::Ctr,
                    ReviewType::Community,
                    today,
                    None,
                    false,
                )
            })
            .expect("review");
        t.review = id;
        for _ in 0..3 {
            t.store.record_access("review", id, "review").expect("open");
        }
        for role in [
            PanelRole::Chair,
            PanelRole::ClinicalExpert,
            PanelRole::ExpertByExperience,
            PanelRole::Other,
            PanelRole::Other,
        ] {
            let m = t
                .store
                .write(|w| reviews::add_panel_slot(w, id, role))
                .expect("panel slot");
            for (col, field, len) in [
                ("name", PanelText::Name, 12),
                ("organisation", PanelText::Organisation, 10),
            ] {
                t.fill(&format!("panel.{m}.{col}"), len, &mut |w, s| {
                    reviews::set_panel_text(w, m, field, s)
                });
            }
        }
        for (field, text, len) in [
            ("place", ReviewText::Place, 18),
            ("consent_note", ReviewText::ConsentNote, 40),
        ] {
            t.fill(field, len, &mut |w, s| reviews::set_text(w, id, text, s));
        }
        for q in 1..=4u8 {
            // Findings are typed in the meeting and revisited once.
            let first = sentence(t.rng, 450);
            let more = format!(" {}", sentence(t.rng, 150));
            let field = format!("q{q}.findings");
            let mut set = |w: &mut Writer, s: &str| reviews::set_findings(w, id, q, s);
            let typed = t.type_text(&field, "", &first, &mut set);
            t.type_text(&field, &typed, &more, &mut set);
        }
        let kloes = reviews::kloes(t.store.conn(), id).expect("kloes");
        for k in kloes.iter().take(8) {
            let kid = k.kloe_id;
            t.fill(&format!("kloe.{kid}.note"), 70, &mut |w, s| {
                reviews::set_kloe_note(w, id, kid, s)
            });
        }
        for number in 1..=4u8 {
            t.fill(&format!("principle.{number}.note"), 60, &mut |w, s| {
                reviews::set_principle_note(w, id, PrincipleKind::Principle, number, s)
            });
        }
        for _ in 0..5 {
            let r = t
                .store
                .write(|w| reviews::add_recommendation_slot(w, id, Some(1), today))
                .expect("recommendation");
            for (col, field, len) in [
                ("text", RecText::Text, 90),
                ("owner", RecText::Owner, 12),
                ("organisation", RecText::Organisation, 10),
            ] {
                t.fill(&format!("recommendation.{r}.{col}"), len, &mut |w, s| {
                    reviews::set_recommendation_text(w, r, field, s, today)
                });
            }
        }
        for (field, text, len) in [
            ("outcome_notes", ReviewText::OutcomeNotes, 250),
            ("rating_reason", ReviewText::RatingReason, 80),
        ] {
            t.fill(field, len, &mut |w, s| reviews::set_text(w, id, text, s));
        }
        if (n + 1) % 50 == 0 {
            eprintln!(
                "  {} reviews typed ({:.0} s)",
                n + 1,
                started.elapsed().as_secs_f64()
            );
        }
    }
    // Cards opened: each person's twice a week for a year.
    store
        .write(|w| {
            for _ in 0..104 {
                for &pid in &ids {
                    w.access("person", pid, "card")?;
                }
            }
            Ok(())
        })
        .expect("card opens");
    let rows_of = |kind: &str| -> i64 {
        store
            .conn()
            .query_row("SELECT count(*) FROM audit WHERE kind = ?1", [kind], |r| {
                r.get(0)
            })
            .expect("count")
    };
    let change_rows = rows_of("change");
    let access_rows = rows_of("access");
    drop(store);
    // The old trail held the same non-typing rows (review created, panel slots, ...) as well.
    old.conn.execute_batch("COMMIT;").expect("commit old trail");
    old.conn
        .execute("ATTACH ?1 AS reg", [path.to_string_lossy()])
        .expect("attach");
    let structural = old
        .conn
        .execute(
            "INSERT INTO audit (at, by_user, entity, entity_id, field, old, new)
             SELECT at, by_user, entity, entity_id, field, old, new FROM reg.audit
             WHERE kind = 'change' AND id > ?1 AND field NOT LIKE '%.findings' AND field NOT LIKE '%.note'
               AND field NOT LIKE 'panel.%' AND field NOT LIKE 'recommendation.%'
               AND field NOT IN ('place', 'consent_note', 'outcome_notes', 'rating_reason')",
            [start_rows],
        )
        .expect("structural rows");
    old.conn.execute("DETACH reg", []).expect("detach");
    old.conn
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); VACUUM;")
        .expect("compact");
    let old_rows = old.keystrokes + structural as u64;
    let old_bytes = file_size(&old_path);
    let changes = weigh_trail(&path, &dir.path().join("changes.db"), "'change'");
    let all = weigh_trail(&path, &dir.path().join("all.db"), "'change', 'access'");
    println!(
        "a year of a {people}-person register: {n_reviews} reviews typed, {} cards opened",
        104 * ids.len()
    );
    println!(
        "  before (one row per keystroke):        {:>9} rows  {}",
        old_rows,
        mb(old_bytes)
    );
    println!(
        "  after, changes (one row per burst):    {:>9} rows  {}",
        change_rows,
        mb(changes)
    );
    println!(
        "  after, changes and access rows:        {:>9} rows  {}",
        change_rows + access_rows,
        mb(all)
    );
}
