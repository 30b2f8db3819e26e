//! Lookups an import needs before it writes: who is already on the register, by NHS number and by
//! local id (two columns of every person, loaded once, so matching 10,000 rows costs no queries).

use super::Result;
use rusqlite::Connection;
use std::collections::HashMap;

#[derive(Debug, Default)]
pub struct IdentityIndex {
    pub by_nhs: HashMap<String, i64>,
    pub by_local: HashMap<String, i64>,
}

pub fn identity_index(conn: &Connection) -> Result<IdentityIndex> {
    let mut out = IdentityIndex::default();
    let mut stmt = conn.prepare("SELECT id, nhs_number, local_id FROM person")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    for row in rows {
        let (id, nhs, local) = row?;
        if let Some(n) = nhs {
            out.by_nhs.insert(n, id);
        }
        if let Some(l) = local {
            out.by_local.insert(l, id);
        }
    }
    Ok(out)
}
