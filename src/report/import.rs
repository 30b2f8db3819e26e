//! `dsr import FILE.csv`: bring a team's spreadsheet onto the register without a silent change.
//!
//! Every row is read and checked first (header synonyms and cell rules in `domain::import`), reading
//! only; the planned adds and updates are then tried inside one transaction, so a dry run meets
//! every rule a real write would. A dry run rolls back (and from the command line runs on a private
//! snapshot, never locking the register); `--commit` keeps the same transaction only when the whole
//! file is clean. Rows match people on NHS number, else local id; a re-import of the same
//! file changes nothing.

use crate::domain::import::{
    CellProblem, Field, parse_criteria, parse_diagnosis, parse_dob, parse_nhs, parse_plain_date,
    parse_rating, parse_setting, parse_yes_no,
};
use crate::domain::nhs_number::NhsNumber;
use crate::domain::person::PersonDetails;
use crate::domain::rating::Rating;
use crate::domain::schedule::Security;
use crate::store::admissions::{self, NewAdmission};
use crate::store::import::identity_index;
use crate::store::people;
use crate::store::{Store, StoreError, Writer};
use chrono::NaiveDate;
use std::collections::HashMap;

mod apply;
mod changes;
mod read;
use apply::apply_all;
use changes::field_changes;
use read::{Loc, problem};
mod cli;

pub use cli::run;

/// Files with more rows than this show a progress bar (when stderr is a terminal).
pub const PROGRESS_ROWS: usize = 2000;

/// Exit codes of `dsr import`.
pub const EXIT_OK: i32 = 0;
pub const EXIT_PROBLEMS: i32 = 3;
/// Someone changed the register while the import ran; running it again is the remedy.
pub const EXIT_CONFLICT: i32 = 4;

/// What to tell the person running `dsr import` when someone else changed a record it was about
/// to write, in command-line words (the store's own words are for the app: "Esc, then reopen").
pub fn conflict_message(e: &StoreError) -> Option<String> {
    match e {
        StoreError::Stale { what } => Some(format!(
            "{what} was changed by someone else while the import ran; nothing was changed. \
             Look at the change if you like, then run the same dsr import again: it reads the register afresh"
        )),
        _ => None,
    }
}

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub commit: bool,
    /// Criterion code for new people whose row names none.
    pub default_criterion: Option<String>,
    /// Diagnosis (LD, autism or both) for rows with none: spreadsheets often have no such column.
    pub default_diagnosis: Option<String>,
    /// Shown in rating-change reasons: "imported from NAME".
    pub source_name: String,
    /// Draw a progress bar on stderr for big files.
    pub progress: bool,
}

/// What an import found and did.
#[derive(Debug, Default)]
pub struct ImportOutcome {
    pub rows: usize,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// "line N: add ..." / "line N: update ..." in file order.
    pub changes: Vec<String>,
    /// "line N, column C: what is wrong" in file order.
    pub problems: Vec<String>,
    /// Criteria read from a team's own words, (the words, the code), first seen first: listed by
    /// the dry run so a person can check each reading before `--commit`.
    pub read_by_meaning: Vec<(String, String)>,
    /// Columns the import does not read (derived or unknown), by their header.
    pub ignored_columns: Vec<String>,
    pub committed: bool,
}

struct Cell {
    header: String,
    value: String,
}

/// One planned change, with the line it came from.
enum Op {
    Add {
        line: Loc,
        details: Box<PersonDetails>,
        rating: Rating,
        admission: Option<PlannedAdmission>,
    },
    Update {
        line: Loc,
        id: i64,
        version: i64,
        details: Option<Box<PersonDetails>>,
        rating: Option<Rating>,
        admission: Option<PlannedAdmission>,
    },
}

/// An admission a BLUE row brings. A row without the hospital or the date still makes the person
/// BLUE (they are in hospital), with the admission marked as still to complete, never invented.
struct PlannedAdmission {
    new: NewAdmission,
    to_complete: Option<String>,
}

impl std::fmt::Display for PlannedAdmission {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.to_complete {
            None => write!(f, "in {} since {}", self.new.hospital, self.new.admitted_on),
            Some(_) => f.write_str("in hospital (admission details to complete)"),
        }
    }
}

/// Kept on an imported admission where the register would ask staff why (no community C(E)TR
/// before it, or a notifiable admission): the spreadsheet cannot say, so the card shows this.
const IMPORTED_REASON: &str = "imported from a spreadsheet: not recorded; check and complete";

/// The hospital of an admission imported without one, until someone completes it.
const NOT_RECORDED: &str = "(not recorded)";

/// Plan and (with `commit`) apply an import of `bytes` to `store`.
pub fn import_bytes(
    store: &mut Store,
    bytes: &[u8],
    options: &ImportOptions,
    today: NaiveDate,
) -> crate::store::Result<ImportOutcome> {
    let mut out = ImportOutcome::default();
    let Some(rows) = read::read_rows(bytes, &mut out) else {
        return Ok(out);
    };

    let conn = store.conn();
    let index = identity_index(conn)?;
    let lookup = people::criteria_lookup(conn)?;
    let default_criteria = match options.default_criterion.as_deref() {
        Some(code) => match parse_criteria(code, &lookup) {
            Ok(c) if !c.codes.is_empty() => Some(c.codes),
            Ok(_) | Err(_) => {
                out.problems.push(format!(
                    "--default-criterion {code:?} is not an inclusion criterion code: use one of {}",
                    lookup
                        .iter()
                        .map(|(c, _)| c.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                return Ok(out);
            }
        },
        None => None,
    };
    let default_diagnosis = match options.default_diagnosis.as_deref().map(parse_diagnosis) {
        Some(Ok(d)) => Some(d),
        Some(Err(e)) => {
            out.problems.push(format!("--default-diagnosis: {e}"));
            return Ok(out);
        }
        None => None,
    };
    let mut first_line_nhs: HashMap<String, Loc> = HashMap::new();
    let mut first_line_local: HashMap<String, Loc> = HashMap::new();
    let mut matched: HashMap<i64, Loc> = HashMap::new();
    let mut ops: Vec<Op> = Vec::new();
    let progress = (options.progress && rows.len() > PROGRESS_ROWS).then(|| {
        // Two passes: checking the rows, then trying (or writing) them.
        let bar = indicatif::ProgressBar::new(rows.len() as u64 * 2);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{msg:10} [{bar:40}] {pos}/{len} rows")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_message("checking");
        bar
    });

    for (line, cells) in &rows {
        let line = *line;
        if let Some(bar) = &progress {
            bar.inc(1);
        }
        let mut problems: Vec<CellProblem> = Vec::new();
        let mut bad = |cell: &Cell, message: String| {
            problems.push(CellProblem {
                column: Some(cell.header.clone()),
                message,
            })
        };
        let text = move |f: Field| cells.get(&f).filter(|c| !c.value.is_empty());
        let nhs: Option<NhsNumber> =
            text(Field::NhsNumber).and_then(|c| match parse_nhs(&c.value) {
                Ok(n) => Some(n),
                Err(e) => {
                    bad(c, e);
                    None
                }
            });
        let nhs_cell_bad = text(Field::NhsNumber).is_some() && nhs.is_none();
        let local = text(Field::LocalId).map(|c| c.value.clone());
        // Duplicates within the file.
        if let (Some(n), Some(c)) = (&nhs, text(Field::NhsNumber)) {
            if let Some(first) = first_line_nhs.get(n.digits()) {
                bad(
                    c,
                    format!("duplicate within the file: NHS number {n} is also on {first}"),
                );
            } else {
                first_line_nhs.insert(n.digits().to_string(), line);
            }
        }
        if let (Some(l), Some(c)) = (&local, text(Field::LocalId)) {
            if let Some(first) = first_line_local.get(l) {
                bad(
                    c,
                    format!("duplicate within the file: local id {l} is also on {first}"),
                );
            } else {
                first_line_local.insert(l.clone(), line);
            }
        }
        // Match: NHS number, else local id.
        let by_nhs = nhs
            .as_ref()
            .and_then(|n| index.by_nhs.get(n.digits()).copied());
        let by_local = local.as_ref().and_then(|l| index.by_local.get(l).copied());
        let existing = match (by_nhs, by_local) {
            (Some(a), Some(b)) if a != b => {
                if let Some(c) = text(Field::LocalId) {
                    bad(
                        c,
                        format!(
                            "local id {} belongs to record {b}, but the NHS number belongs to record {a}; correct one of them",
                            c.value
                        ),
                    );
                }
                None
            }
            (Some(a), _) => Some(a),
            (None, Some(b)) => Some(b),
            (None, None) => None,
        };
        if nhs.is_none() && local.is_none() && !nhs_cell_bad {
            problems.push(CellProblem {
                column: cells
                    .get(&Field::NhsNumber)
                    .or_else(|| cells.get(&Field::LocalId))
                    .map(|c| c.header.clone()),
                message: "missing required field: each row needs an NHS number or a local id"
                    .into(),
            });
        }
        if let Some(id) = existing {
            if let Some(first) = matched.get(&id) {
                problems.push(CellProblem {
                    column: None,
                    message: format!(
                        "duplicate within the file: {first} is the same person (record {id})"
                    ),
                });
            } else {
                matched.insert(id, line);
            }
        }

        let before = existing.map(|id| people::person(conn, id)).transpose()?;
        let mut d = match &before {
            Some(b) => b.details.clone(),
            None => PersonDetails {
                nhs_number: None,
                local_id: None,
                given_name: String::new(),
                family_name: String::new(),
                preferred_name: None,
                date_of_birth: NaiveDate::MIN,
                sex: None,
                gender_identity: None,
                ethnicity: None,
                diagnosis: crate::domain::person::Diagnosis::Both,
                ehcp: false,
                gp_practice: None,
                local_authority: None,
                setting: None,
                keyworker: None,
                care_coordinator: None,
                objection_to_reporting: None,
                referral_date: None,
                referral_route: None,
                referrer: None,
                notes: None,
                criteria: Vec::new(),
            },
        };
        let is_new = before.is_none();
        // Required fields for a new person; for an existing one, a column that is absent keeps
        // the stored value and an empty required cell is an error.
        if let Some(n) = &nhs {
            d.nhs_number = Some(n.clone());
        }
        if let Some(l) = &local {
            d.local_id = Some(l.clone());
        }
        let mut required = |f: Field, what: &str| required(cells, f, what, is_new, &mut problems);
        if let Some(c) = required(Field::GivenName, "given name") {
            d.given_name = c.value.clone();
        }
        if let Some(c) = required(Field::FamilyName, "family name") {
            d.family_name = c.value.clone();
        }
        let dob_cell = required(Field::DateOfBirth, "date of birth");
        let diagnosis_cell = match (text(Field::Diagnosis), default_diagnosis) {
            (None, Some(default)) => {
                if is_new || cells.contains_key(&Field::Diagnosis) {
                    d.diagnosis = default;
                }
                None
            }
            _ => required(Field::Diagnosis, "diagnosis (LD, autism or both)"),
        };
        let rating_cell = required(Field::Rating, "rating (BLUE, RED, AMBER or GREEN)");
        let mut dob_ok = !is_new;
        if let Some(c) = dob_cell {
            match parse_dob(&c.value, today) {
                Ok(v) => {
                    d.date_of_birth = v;
                    dob_ok = true;
                }
                Err(e) => bad_cell(&mut problems, c, e),
            }
        }
        if let Some(c) = diagnosis_cell {
            match parse_diagnosis(&c.value) {
                Ok(v) => d.diagnosis = v,
                Err(e) => bad_cell(&mut problems, c, e),
            }
        }
        let rating = rating_cell.and_then(|c| match parse_rating(&c.value) {
            Ok(r) => Some(r),
            Err(e) => {
                bad_cell(&mut problems, c, e);
                None
            }
        });
        let optional = |f: Field| {
            cells
                .get(&f)
                .map(|c| Some(c.value.clone()).filter(|v| !v.is_empty()))
        };
        for (f, slot) in [
            (Field::PreferredName, &mut d.preferred_name),
            (Field::Sex, &mut d.sex),
            (Field::GenderIdentity, &mut d.gender_identity),
            (Field::Ethnicity, &mut d.ethnicity),
            (Field::GpPractice, &mut d.gp_practice),
            (Field::LocalAuthority, &mut d.local_authority),
            (Field::Keyworker, &mut d.keyworker),
            (Field::CareCoordinator, &mut d.care_coordinator),
            (Field::Notes, &mut d.notes),
        ] {
            if let Some(v) = optional(f) {
                *slot = v;
            }
        }
        if let Some(c) = cells.get(&Field::Ehcp) {
            match parse_yes_no(&c.value) {
                Ok(v) => d.ehcp = v,
                Err(e) => bad_cell(&mut problems, c, e),
            }
        }
        if let Some(c) = cells.get(&Field::Setting) {
            if c.value.is_empty() {
                d.setting = None;
            } else {
                match parse_setting(&c.value) {
                    Ok(v) => d.setting = Some(v),
                    Err(e) => bad_cell(&mut problems, c, e),
                }
            }
        }
        match cells.get(&Field::Criteria).filter(|c| !c.value.is_empty()) {
            Some(c) => match parse_criteria(&c.value, &lookup) {
                Ok(v) => {
                    for m in v.by_meaning {
                        if !out.read_by_meaning.contains(&m) {
                            out.read_by_meaning.push(m);
                        }
                    }
                    d.criteria = v.codes;
                }
                Err(e) => bad_cell(&mut problems, c, e),
            },
            None if is_new => match &default_criteria {
                Some(v) => d.criteria = v.clone(),
                None => problems.push(CellProblem {
                    column: cells.get(&Field::Criteria).map(|c| c.header.clone()),
                    message: "missing required field: at least one inclusion criterion (add a Criteria column, or pass --default-criterion CODE)".into(),
                }),
            },
            None => {}
        }
        // An admission is needed to make someone BLUE.
        let in_hospital = match existing {
            Some(id) => admissions::open_admission(conn, id)?.is_some(),
            None => false,
        };
        let mut admission = None;
        if rating == Some(Rating::Blue) && !in_hospital {
            let hospital = text(Field::Hospital).map(|c| c.value.clone());
            let admitted =
                text(Field::AdmittedOn).and_then(|c| match parse_plain_date(&c.value, today) {
                    Ok(v) => Some(v),
                    Err(e) => {
                        bad_cell(&mut problems, c, e);
                        None
                    }
                });
            // A date cell that did not read is already a problem: no admission is planned then.
            let date_bad = text(Field::AdmittedOn).is_some() && admitted.is_none();
            if !date_bad {
                let missing = match (&hospital, admitted) {
                    (Some(_), Some(_)) => None,
                    (None, Some(_)) => Some("the hospital"),
                    (Some(_), None) => Some("the admission date (the import date is shown)"),
                    (None, None) => {
                        Some("the hospital and the admission date (the import date is shown)")
                    }
                };
                admission = Some(PlannedAdmission {
                    new: NewAdmission {
                        hospital: hospital.unwrap_or_else(|| NOT_RECORDED.into()),
                        ward_type: "Other".into(),
                        security: Security::None,
                        legal_status: "Other".into(),
                        planned: false,
                        out_of_area: false,
                        distance_km: None,
                        admitted_on: admitted.unwrap_or(today),
                        planned_discharge: None,
                        notifiable_reason: IMPORTED_REASON.into(),
                        no_community_review_reason: IMPORTED_REASON.into(),
                    },
                    to_complete: missing.map(|m| {
                        format!(
                            "BLUE in {} without {m}: record them from the card",
                            options.source_name
                        )
                    }),
                });
            }
        }
        if rating.is_some_and(|r| r != Rating::Blue) && in_hospital {
            problems.push(CellProblem {
                column: rating_cell.map(|c| c.header.clone()),
                message: "this person is in hospital (BLUE): record the discharge in dsr; import does not discharge".into(),
            });
        }
        if problems.is_empty()
            && dob_ok
            && let Some(p) = d
                .problems(today)
                .into_iter()
                .find(|p| p.field != "criteria")
        {
            problems.push(CellProblem {
                column: None,
                message: p.message,
            });
        }
        if !problems.is_empty() {
            for p in problems {
                out.problems
                    .push(problem(line, p.column.as_deref(), p.message));
            }
            continue;
        }
        match before {
            None => {
                let Some(r) = rating else { continue };
                out.changes.push(format!(
                    "{line}: add {}{}, rating {}, criteria {}{}",
                    d.display_name(),
                    d.nhs_number
                        .as_ref()
                        .map(|n| format!(" (NHS {n})"))
                        .unwrap_or_default(),
                    r.code(),
                    d.criteria.join(";"),
                    admission
                        .as_ref()
                        .map(|a| format!(", {a}"))
                        .unwrap_or_default()
                ));
                ops.push(Op::Add {
                    line,
                    details: Box::new(d),
                    rating: r,
                    admission,
                });
            }
            Some(b) => {
                let mut what = field_changes(&b.details, &d);
                let rating = rating.filter(|r| *r != b.rating);
                if let Some(r) = rating {
                    what.push(format!("rating: {} -> {}", b.rating.code(), r.code()));
                }
                if let Some(a) = &admission {
                    what.push(format!("admitted: {a}"));
                }
                if what.is_empty() {
                    out.unchanged += 1;
                    continue;
                }
                out.changes.push(format!(
                    "{line}: update {} (record {}): {}",
                    b.details.display_name(),
                    b.id,
                    what.join("; ")
                ));
                ops.push(Op::Update {
                    line,
                    id: b.id,
                    version: b.version,
                    details: (b.details != d).then(|| Box::new(d)),
                    rating,
                    admission,
                });
            }
        }
    }
    // Report a missing required column once, not on every new row.
    dedupe_missing_columns(&mut out.problems);

    // Try every planned change against the store's own rules. A dry run rolls back; a commit
    // keeps the changes only when the whole file is clean, in the same transaction, so the write
    // lock is held once, for the writing alone (everything above only reads).
    let reason = format!("imported from {}", options.source_name);
    if let Some(bar) = &progress {
        bar.set_message(if options.commit { "writing" } else { "trying" });
    }
    let planned_clean = out.problems.is_empty();
    let try_all = |w: &mut Writer| apply_all(w, &ops, &reason, today, progress.as_ref());
    let trial = if options.commit {
        store.write_or_discard(|w| {
            let found = try_all(w)?;
            let keep = planned_clean && found.is_empty() && !ops.is_empty();
            Ok(((found, keep), keep))
        })?
    } else {
        (store.dry_run(try_all)?, false)
    };
    out.committed = trial.1;
    out.problems.extend(trial.0);
    out.problems.sort_by_key(|p| line_of(p));
    for op in &ops {
        match op {
            Op::Add { .. } => out.added += 1,
            Op::Update { .. } => out.updated += 1,
        }
    }
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    Ok(out)
}

/// A required cell: for a new person an absent column is a problem (reported once per file); for
/// an existing one an absent column keeps the stored value. An empty cell is always a problem.
fn required<'a>(
    cells: &'a HashMap<Field, Cell>,
    f: Field,
    what: &str,
    is_new: bool,
    problems: &mut Vec<CellProblem>,
) -> Option<&'a Cell> {
    match cells.get(&f) {
        Some(c) if !c.value.is_empty() => Some(c),
        Some(c) => {
            problems.push(CellProblem {
                column: Some(c.header.clone()),
                message: format!("missing required field: {what}"),
            });
            None
        }
        None => {
            if is_new {
                problems.push(CellProblem {
                    column: None,
                    message: format!(
                        "missing required field: the file has no {} column, needed to add new people",
                        f.name()
                    ),
                });
            }
            None
        }
    }
}

fn bad_cell(problems: &mut Vec<CellProblem>, c: &Cell, message: String) {
    problems.push(CellProblem {
        column: Some(c.header.clone()),
        message,
    });
}

/// The row a message is about, to keep problems in file order ("line N..." or "row N (file...").
fn line_of(p: &str) -> u64 {
    p.strip_prefix("line ")
        .or_else(|| p.strip_prefix("row "))
        .and_then(|r| r.split([',', ':', ' ']).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn dedupe_missing_columns(problems: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    problems.retain(
        |p| match p.split_once(": missing required field: the file has no ") {
            Some((_, rest)) => seen.insert(rest.to_string()),
            None => true,
        },
    );
}
