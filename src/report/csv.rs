//! CSV serialization of report rows.

use serde::Serialize;

/// Serializes rows with a header line (the csv crate takes it from the first row, so
/// a report with no rows is an empty file).
///
/// # Errors
/// When a row cannot be serialized.
pub fn to_csv<T: Serialize>(rows: &[T]) -> anyhow::Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    for row in rows {
        w.serialize(row)?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!(e.to_string()))
}
