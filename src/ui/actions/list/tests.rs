use super::*;
use crate::domain::action::ActionStatus;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn row(id: i64, due: &str, status: ActionStatus, owner: &str, rating: Rating) -> ActionRow {
    ActionRow {
        id,
        person_id: id % 3,
        person_name: format!("Person {}", id % 3),
        person_rating: rating,
        review_id: None,
        question: None,
        text: format!("Action number {id}"),
        owner: owner.into(),
        organisation: "ICB".into(),
        due: d(due),
        status,
        completed_on: None,
        evidence: None,
        created_at: String::new(),
        version: 1,
    }
}

fn list() -> ActionList {
    let mut l = ActionList::default();
    l.set_rows(
        vec![
            row(
                1,
                "2026-12-20",
                ActionStatus::Open,
                "Jo Hartley",
                Rating::Green,
            ),
            row(
                2,
                "2026-11-20",
                ActionStatus::Open,
                "Sunita Rao",
                Rating::Red,
            ),
            row(
                3,
                "2026-10-01",
                ActionStatus::Escalated,
                "Jo Hartley",
                Rating::Amber,
            ),
            row(
                4,
                "2026-11-24",
                ActionStatus::InProgress,
                "jo hartley",
                Rating::Red,
            ),
            row(
                5,
                "2026-09-01",
                ActionStatus::Done,
                "Jo Hartley",
                Rating::Red,
            ),
        ],
        d("2026-11-24"),
    );
    l
}

fn ids(l: &ActionList) -> Vec<i64> {
    l.window(0, 100).map(|(_, a)| a.id).collect()
}

// Rule: overdue first, the RED person's before the AMBER person's longer-overdue one, then due
// this week, then the rest; closed actions only in the done view.
#[test]
fn open_view_in_triage_order_with_counts() {
    let mut l = list();
    l.apply(&Filter::default());
    assert_eq!(ids(&l), [2, 3, 4, 1]);
    assert_eq!(
        l.counts(),
        Counts {
            overdue: 2,
            this_week: 1,
            open: 4
        }
    );
    l.apply(&Filter {
        view: ViewKind::Done,
        ..Filter::default()
    });
    assert_eq!(ids(&l), [5]);
    l.apply(&Filter {
        view: ViewKind::ThisWeek,
        ..Filter::default()
    });
    assert_eq!(ids(&l), [4], "due today is due this week");
}

// Rule: filters by owner (any case), rating, person, and search over text and owner.
#[test]
fn filters_and_search() {
    let mut l = list();
    let f = Filter {
        owner: Some("Jo Hartley".into()),
        ..Filter::default()
    };
    l.apply(&f);
    assert_eq!(ids(&l), [3, 4, 1]);
    assert_eq!(l.counts().overdue, 1, "counts follow the filters");
    l.apply(&Filter {
        rating: Some(Rating::Red),
        ..Filter::default()
    });
    assert_eq!(ids(&l), [2, 4]);
    l.apply(&Filter {
        search: "sunita".into(),
        ..Filter::default()
    });
    assert_eq!(ids(&l), [2]);
    l.apply(&Filter {
        search: "number 1".into(),
        view: ViewKind::All,
        ..Filter::default()
    });
    assert_eq!(ids(&l), [1]);
    l.apply(&Filter {
        person: Some((0, "Person 0".into())),
        ..Filter::default()
    });
    assert_eq!(ids(&l), [3]);
}

// A triage step patches one row and the order follows it.
#[test]
fn patch_moves_a_row() {
    let mut l = list();
    let mut moved = row(
        3,
        "2027-01-10",
        ActionStatus::Open,
        "Jo Hartley",
        Rating::Amber,
    );
    moved.version = 2;
    l.patch(vec![moved]);
    l.apply(&Filter::default());
    assert_eq!(ids(&l), [2, 4, 1, 3]);
    assert_eq!(l.position(3), Some(3));
    assert_eq!(l.by_id(3).map(|a| a.version), Some(2));
    // A new action (largest id) slots into its place.
    l.patch(vec![row(
        9,
        "2026-11-22",
        ActionStatus::Open,
        "Ann",
        Rating::Blue,
    )]);
    l.apply(&Filter::default());
    assert_eq!(
        ids(&l),
        [9, 2, 4, 1, 3],
        "a BLUE person's overdue action first"
    );
    assert_eq!(l.by_id(9).map(|a| a.owner.as_str()), Some("Ann"));
    // Rows read later (closed ones) merge in; a fresher copy of a held row wins.
    let mut fresher = row(
        5,
        "2026-09-01",
        ActionStatus::Done,
        "Jo Hartley",
        Rating::Red,
    );
    fresher.version = 7;
    l.extend(vec![
        fresher,
        row(6, "2026-01-01", ActionStatus::Cancelled, "B", Rating::Red),
    ]);
    l.apply(&Filter {
        view: ViewKind::Done,
        ..Filter::default()
    });
    assert_eq!(ids(&l), [6, 5]);
    assert_eq!(l.by_id(5).map(|a| a.version), Some(7));
}
