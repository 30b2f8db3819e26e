//! Audit timestamps are stored in UTC; staff read them in their own time zone (UK time shifts by
//! an hour in summer), as "24/11/2026 10:02" (the date in the form the settings chose).

use crate::domain::dates::uk;
use chrono::{DateTime, Local};

pub fn local_stamp(stored: &str) -> String {
    match DateTime::parse_from_rfc3339(stored) {
        Ok(t) => {
            let t = t.with_timezone(&Local);
            format!("{} {}", uk(t.date_naive()), t.format("%H:%M"))
        }
        // Not a timestamp the store wrote: show it as it is rather than hide it.
        Err(_) => stored.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_day_first_to_the_minute_and_keeps_unknown_text() {
        let shown = local_stamp("2026-11-24T10:02:03Z");
        assert_eq!(shown.len(), 16, "{shown}");
        assert!(shown.contains("/2026 "), "{shown}");
        assert_eq!(local_stamp("yesterday"), "yesterday");
    }
}
