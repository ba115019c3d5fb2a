//! audit-log: appends one line per event to a file; used by the ledger and the storefront.

use std::io::Write;

pub fn record(event: &str) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new().create(true).append(true).open("audit.log")?;
    writeln!(f, "{event}")
}
