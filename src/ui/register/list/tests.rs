use super::*;
use crate::domain::NhsNumber;
use crate::domain::rating::Rating;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn row(id: i64, family: &str, given: &str, rating: Rating, nhs: &str) -> RegisterRow {
    RegisterRow {
        id,
        nhs_number: NhsNumber::parse(nhs).ok(),
        local_id: Some(format!("DSR{id:05}")),
        given_name: given.into(),
        family_name: family.into(),
        preferred_name: None,
        date_of_birth: d("2010-01-01"),
        ehcp: false,
        rating,
        keyworker: Some(if id % 2 == 0 { "Sam" } else { "Jo" }.into()),
        setting: None,
        next_review_due: Some(d("2026-12-01")),
        next_review_type: None,
        register_review_due: None,
        open_actions: 0,
        overdue_actions: 0,
        archived: false,
        version: 1,
        admission_to_complete: false,
    }
}

fn list() -> RegisterList {
    let mut l = RegisterList::default();
    let mut archived = row(5, "Gone", "Pat", Rating::Green, "9990000107");
    archived.archived = true;
    let mut overdue = row(4, "Okafor", "Chidi", Rating::Amber, "9990000093");
    overdue.next_review_due = Some(d("2026-11-01"));
    overdue.preferred_name = Some("Chi".into());
    l.set_rows(
        [
            row(1, "Smith", "Ann", Rating::Green, "9990000018"),
            row(2, "Smyth", "Bob", Rating::Red, "9990000026"),
            row(3, "Jones", "Cara", Rating::Blue, "9434765919"),
            overdue,
            archived,
        ]
        .into_iter()
        .collect(),
        d("2026-11-24"),
    );
    l
}

fn ids(l: &RegisterList) -> Vec<i64> {
    (0..l.len())
        .filter_map(|p| l.get(p))
        .map(|r| r.id)
        .collect()
}

// Rule: most severe first; archived people hidden by default.
#[test]
fn severity_order_hides_archived() {
    let l = list();
    assert_eq!(ids(&l), [3, 2, 4, 1]);
    assert_eq!(l.register_counts(), [1, 1, 1, 1]);
}

// Rule: search over names, preferred name, NHS number with or without spaces, local id.
#[test]
fn search_fields_and_ranking() {
    let mut l = list();
    l.set_query("smith");
    assert_eq!(ids(&l)[0], 1, "exact name ranks first");
    l.set_query("943 476 5919");
    assert_eq!(ids(&l), [3]);
    l.set_query("9434765919");
    assert_eq!(ids(&l), [3]);
    l.set_query("chi");
    assert_eq!(ids(&l)[0], 4);
    l.set_query("DSR00002");
    assert_eq!(ids(&l), [2]);
    l.set_query("ann smi");
    assert_eq!(ids(&l), [1]);
    l.set_query("");
    assert_eq!(ids(&l), [3, 2, 4, 1]);
}

// Narrowing the previous matches must give what a fresh search gives.
#[test]
fn incremental_search_equals_fresh_search() {
    let mut a = list();
    for q in ["s", "sm", "smy", "smyt"] {
        a.set_query(q);
    }
    let mut b = list();
    b.set_query("smyt");
    assert_eq!(ids(&a), ids(&b));
    assert_eq!(ids(&a), [2]);
    a.set_query("sm");
    assert_eq!(ids(&a).len(), 2, "deleting a letter widens again");
}

// An id is typed exactly: a word with a digit in it never matches letters scattered in order
// (d..s..r in a name and any 0 of an NHS number are not "DSR0").
#[test]
fn a_word_with_a_digit_matches_only_as_typed() {
    let mut l = list();
    let mut rory = row(8, "Dawson", "Rory", Rating::Green, "9990000131");
    rory.local_id = None;
    l.patch(rory);
    l.set_query("dsr0");
    let mut found = ids(&l);
    found.sort_unstable();
    assert_eq!(found, [1, 2, 3, 4], "the local ids DSR0000n, not Dawson");
    l.set_query("dsr00008");
    assert!(ids(&l).is_empty(), "Dawson has no local id");
    l.set_query("dwsn");
    assert_eq!(ids(&l), [8], "letters in order still find a name");
}

// Word starts rank above matches inside a word, which rank above fuzzy ones; accents fold.
#[test]
fn ranking_tiers_and_accents() {
    let mut l = list();
    let mut zoe = row(7, "Brontë", "Zoë", Rating::Green, "9990000123");
    zoe.local_id = None;
    l.patch(zoe);
    l.set_query("zoe bronte");
    assert_eq!(ids(&l), [7]);
    l.set_query("ith");
    assert_eq!(ids(&l), [1], "substring inside Smith");
    l.set_query("sm");
    assert_eq!(
        ids(&l),
        [2, 1],
        "both word starts; severity order breaks the tie"
    );
    l.set_query("sh");
    assert!(
        ids(&l).starts_with(&[2, 1]),
        "fuzzy S..h of Smyth and Smith"
    );
    // Narrowing and widening again through the query cache give fresh-search results.
    for q in ["j", "jo", "jon", "jo", "j", "jon"] {
        l.set_query(q);
        let mut fresh = list();
        let mut zoe = row(7, "Brontë", "Zoë", Rating::Green, "9990000123");
        zoe.local_id = None;
        fresh.patch(zoe);
        fresh.set_query(q);
        assert_eq!(ids(&l), ids(&fresh), "query {q:?}");
    }
    // A row with many words is scanned rather than read from its word-start table.
    l.patch(row(
        8,
        "Long",
        "A B C D E F G H I Jolene",
        Rating::Red,
        "9990000131",
    ));
    l.set_query("jolen");
    assert_eq!(ids(&l), [8]);
    l.set_query("olen");
    assert_eq!(ids(&l), [8]);
    l.set_query("long jolene");
    assert_eq!(ids(&l), [8]);
}

#[test]
fn filters_and_sorts() {
    let mut l = list();
    let mut f = Filters::default();
    f.toggle_rating(Rating::Red);
    f.toggle_rating(Rating::Green);
    l.set_filters(f.clone());
    assert_eq!(ids(&l), [2, 1]);
    f.toggle_rating(Rating::Red);
    l.set_filters(f);
    assert_eq!(ids(&l), [1]);
    l.set_filters(Filters {
        overdue_review: true,
        ..Filters::default()
    });
    assert_eq!(ids(&l), [4]);
    l.set_filters(Filters {
        keyworker: Some("Sam".into()),
        ..Filters::default()
    });
    assert_eq!(ids(&l), [2, 4]);
    l.set_filters(Filters {
        archived: true,
        ..Filters::default()
    });
    assert_eq!(ids(&l), [5]);
    l.set_filters(Filters::default());
    l.set_sort(SortKey::Name);
    assert_eq!(ids(&l), [3, 4, 1, 2]);
    l.set_sort(SortKey::Due);
    assert_eq!(ids(&l)[0], 4);
}

#[test]
fn patch_replaces_one_row() {
    let mut l = list();
    let mut r = l.find("smith ann", 1).remove(0);
    r.rating = Rating::Red;
    r.family_name = "Aardvark".into();
    l.patch(r);
    assert_eq!(ids(&l), [3, 1, 2, 4]);
    l.patch(row(9, "New", "Person", Rating::Green, "9990000115"));
    assert_eq!(l.len(), 5);
}

// An admission imported from a BLUE rating alone is found by its own filter until completed.
#[test]
fn the_to_complete_filter_lists_only_admissions_still_to_complete() {
    let mut l = RegisterList::default();
    let mut imported = row(3, "Jones", "Cara", Rating::Blue, "9434765919");
    imported.admission_to_complete = true;
    l.set_rows(
        [row(1, "Smith", "Ann", Rating::Blue, "9990000018"), imported]
            .into_iter()
            .collect(),
        d("2026-11-24"),
    );
    let f = Filters {
        to_complete: true,
        ..Filters::default()
    };
    assert_eq!(f.describe(), ["admission to complete"]);
    l.set_filters(f);
    assert_eq!(ids(&l), [3]);
}

// Rule (no refresh storm): another user's changes patch the list in place: an unchanged row costs
// nothing, a new person is found by id, a removed one disappears, and search still finds them.
#[test]
fn patch_many_changes_only_what_changed() {
    let mut l = list();
    assert!(!l.patch_many(
        vec![row(1, "Smith", "Ann", Rating::Green, "9990000018")],
        &[]
    ));
    assert!(l.patch_many(
        vec![
            row(1, "Smith", "Anna", Rating::Red, "9990000018"),
            row(9, "Quinn", "Dee", Rating::Green, "9990000115"),
        ],
        &[2],
    ));
    assert_eq!(ids(&l), vec![3, 1, 4, 9]);
    l.set_query("anna");
    assert_eq!(ids(&l), vec![1]);
    l.set_query("quinn");
    assert_eq!(ids(&l), vec![9]);
    l.set_query("smyth");
    assert!(ids(&l).is_empty());
    // Many renames later the search text is rewritten, not grown without end.
    for i in 0..200 {
        l.patch(row(
            1,
            "Smith",
            &format!("Ann{i}"),
            Rating::Red,
            "9990000018",
        ));
    }
    l.set_query("ann199");
    assert_eq!(ids(&l), vec![1]);
    assert!(l.hay.len() < 2_000, "{}", l.hay.len());
}

// Rule (no refresh storm): re-placing only the changed rows must list people exactly where a
// full filter and sort would, under every sort, with filters and a search active.
#[test]
fn single_patches_keep_the_order_of_a_fresh_sort() {
    let people: Vec<RegisterRow> = (1..=60)
        .map(|id| {
            let mut r = row(
                id,
                ["Smith", "Jones", "Khan", "Ng"][id as usize % 4],
                &format!("Ann{}", id % 7),
                Rating::ALL[id as usize % 4],
                "9990000018",
            );
            r.date_of_birth = d("2005-01-01") + chrono::Days::new(id as u64 % 9 * 200);
            r.next_review_due =
                (id % 5 != 0).then(|| d("2026-11-01") + chrono::Days::new(id as u64 % 6 * 10));
            r.archived = id % 13 == 0;
            r
        })
        .collect();
    let today = d("2026-11-24");
    let views = [
        (Filters::default(), ""),
        (
            Filters {
                ratings: [true, true, false, false],
                ..Filters::default()
            },
            "",
        ),
        (
            Filters {
                overdue_review: true,
                keyworker: Some("Sam".into()),
                ..Filters::default()
            },
            "ann",
        ),
        (Filters::default(), "smith ann3"),
    ];
    for sort in [SortKey::Severity, SortKey::Name, SortKey::Due, SortKey::Age] {
        for (filters, query) in &views {
            let mut l = RegisterList::default();
            l.set_rows(people.iter().cloned().collect(), today);
            l.set_sort(sort);
            l.set_filters(filters.clone());
            l.set_query(query);
            let mut now = people.clone();
            for step in 0..120usize {
                let at = step * 7 % now.len();
                let r = &mut now[at];
                r.rating = Rating::ALL[step % 4];
                r.next_review_due = (step % 3 != 0)
                    .then(|| d("2026-10-20") + chrono::Days::new(step as u64 % 11 * 5));
                r.date_of_birth = d("2004-06-01") + chrono::Days::new(step as u64 % 5 * 300);
                r.keyworker = Some(if step % 2 == 0 { "Sam" } else { "Jo" }.into());
                r.archived = step % 17 == 0;
                r.preferred_name = Some(format!("Pref{step}"));
                assert!(l.patch_many(vec![r.clone()], &[]));
                let mut fresh = RegisterList::default();
                fresh.set_rows(now.iter().cloned().collect(), today);
                fresh.set_sort(sort);
                fresh.set_filters(filters.clone());
                fresh.set_query(query);
                assert_eq!(
                    ids(&l),
                    ids(&fresh),
                    "{sort:?} {filters:?} {query:?} step {step}"
                );
                assert_eq!(l.register_counts(), fresh.register_counts());
                assert_eq!(l.shown_counts(), fresh.shown_counts());
            }
        }
    }
}

// A name typed the way the list shows it, with or without the space after the comma, in any case.
#[test]
fn surname_comma_given_finds_the_person() {
    let mut l = list();
    for q in ["Smith, Ann", "Smith,Ann", "SMITH ,ann", "smith,  ANN"] {
        l.set_query(q);
        assert_eq!(ids(&l), [1], "query {q:?}");
    }
}

// An NHS number typed with dashes or spaces, as letters and screens print it, finds the person.
#[test]
fn a_dashed_or_spaced_nhs_number_finds_the_person() {
    let mut l = list();
    for q in ["943-476-5919", "943 476 5919", " 9434765919 ", "943-476"] {
        l.set_query(q);
        assert_eq!(ids(&l), [3], "query {q:?}");
    }
}

// Accents and case fold both ways: typed without the accent the register holds, or with one it
// does not.
#[test]
fn search_folds_case_and_accents_both_ways() {
    let mut l = list();
    l.patch(row(7, "Brontë", "Zoë", Rating::Green, "9990000123"));
    for (q, id) in [
        ("ZOE BRONTE", 7),
        ("zoë brontë", 7),
        ("Brontë, Zoë", 7),
        ("smïth ÀNN", 1),
    ] {
        l.set_query(q);
        assert_eq!(ids(&l), [id], "query {q:?}");
    }
}

fn bobby() -> RegisterRow {
    let mut r = row(6, "Patel", "Robert", Rating::Amber, "9990000115");
    r.preferred_name = Some("Bobby".into());
    r
}

// A preferred name finds the person, and the row can say that is why.
#[test]
fn a_preferred_name_finds_the_person_and_says_so() {
    let mut l = list();
    l.patch(bobby());
    l.set_query("bobby");
    assert_eq!(ids(&l), [6]);
    assert_eq!(
        unseen_match(&bobby(), "bobby", true),
        [Unseen::PreferredName]
    );
    assert_eq!(unseen_match(&bobby(), "Patel, Robert", true), []);
}

// Hazard: a row found through a field the list does not show looks like a wrong match, and the
// wrong person gets opened. The row says which hidden field matched.
#[test]
fn a_match_on_a_hidden_field_names_the_field() {
    let smyth = row(2, "Smyth", "Bob", Rating::Red, "9990000026");
    assert_eq!(unseen_match(&smyth, "DSR00002", true), [Unseen::LocalId]);
    assert_eq!(
        unseen_match(&smyth, "smyth dsr00002", true),
        [Unseen::LocalId],
        "the name explains one word, the local id the other"
    );
    // The NHS number is a column of its own, unless privacy mode hides all but three digits.
    assert_eq!(unseen_match(&smyth, "999-000-0026", true), []);
    assert_eq!(
        unseen_match(&smyth, "999-000-0026", false),
        [Unseen::NhsNumber]
    );
    // Nothing to say when the shown names match, or when there is no query.
    assert_eq!(unseen_match(&smyth, "Smyth, Bob", false), []);
    assert_eq!(unseen_match(&smyth, "", false), []);
}
