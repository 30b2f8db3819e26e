use super::*;

// CSV files are opened in spreadsheets: text must never run as a formula.
#[test]
fn formulas_are_neutralised_and_numbers_kept() {
    assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
    assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(
        spreadsheet_safe("+cmd|' /C calc'!A0"),
        "'+cmd|' /C calc'!A0"
    );
    assert_eq!(spreadsheet_safe("-2+3"), "'-2+3");
    assert_eq!(spreadsheet_safe("-3"), "-3");
    assert_eq!(spreadsheet_safe("Refer to advocacy"), "Refer to advocacy");
    assert_eq!(spreadsheet_safe(""), "");
}

#[derive(Serialize)]
struct Row {
    name: String,
    n: i64,
    flag: bool,
    when: Option<String>,
}

#[test]
fn serialised_rows_pass_the_same_check() {
    let mut out = CsvOut::new(Vec::new(), &["name", "n", "flag", "when"]).expect("header");
    out.serialize(&Row {
        name: "=1+1".into(),
        n: -4,
        flag: true,
        when: None,
    })
    .expect("row");
    out.drain().expect("checked");
    let bytes = out.w.into_inner().expect("inner");
    assert_eq!(
        String::from_utf8(bytes).expect("utf8"),
        "name,n,flag,when\n'=1+1,-4,true,\n"
    );
}

// Serialised rows are checked in batches: many rows, and plain rows between them, keep their order.
#[test]
fn batched_rows_keep_their_order() {
    let mut out = CsvOut::new(Vec::new(), &["name", "n", "flag", "when"]).expect("header");
    let n = BATCH * 2 + 5;
    for i in 0..n {
        out.serialize(&Row {
            name: format!("@{i}"),
            n: i as i64,
            flag: false,
            when: Some("x".into()),
        })
        .expect("row");
        if i == 3 {
            out.row(["plain", "0", "true", ""]).expect("plain row");
        }
    }
    out.drain().expect("checked");
    let text = String::from_utf8(out.w.into_inner().expect("inner")).expect("utf8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), n + 2);
    assert_eq!(lines[4], "'@3,3,false,x");
    assert_eq!(lines[5], "plain,0,true,");
    assert_eq!(lines[n + 1], format!("'@{},{},false,x", n - 1, n - 1));
}
