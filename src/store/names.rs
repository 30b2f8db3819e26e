//! Every name the register holds for a person (archived people too): what privacy mode hides.

use super::Result;
use rusqlite::Connection;

/// Given, family and preferred names of everyone on the register, each as stored.
pub fn person_names(conn: &Connection) -> Result<Vec<String>> {
    super::collect(
        conn,
        "SELECT given_name FROM person
         UNION SELECT family_name FROM person
         UNION SELECT preferred_name FROM person WHERE preferred_name IS NOT NULL",
        [],
        |r| r.get(0),
    )
}
