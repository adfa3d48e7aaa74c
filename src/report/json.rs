//! JSON serialization of the report.

use serde::Serialize;

/// Pretty-printed JSON with a final newline.
///
/// # Errors
/// When the value cannot be serialized.
pub fn to_json<T: Serialize>(value: &T) -> anyhow::Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(value)?;
    out.push(b'\n');
    Ok(out)
}
