//! The one place that reads the calendar. `DSR_TODAY=YYYY-MM-DD` pins "today" so demo registers,
//! screenshots and end-to-end tests are reproducible; everything else receives `today` as a value.

use chrono::NaiveDate;

pub const TODAY_VAR: &str = "DSR_TODAY";

pub fn today() -> NaiveDate {
    std::env::var(TODAY_VAR)
        .ok()
        .and_then(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// Who is making changes, for the audit trail: `--user`, else the OS login name.
pub fn os_user() -> String {
    let name = whoami::username();
    if name.trim().is_empty() {
        "unknown".to_string()
    } else {
        name
    }
}
