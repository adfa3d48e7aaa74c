//! Byte sizes as people write them on a command line (`20MiB`, `50MB`, `1048576`).
//!
//! The per-file size limit exists so that one runaway file (a log, a database dump saved
//! as `.txt`) cannot take the memory and time of a whole run; the messages that enforce
//! it show sizes in the same units the option accepts, so the fix can be copied.

use std::fmt;
use std::str::FromStr;

/// A number of bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ByteSize(pub u64);

/// Units accepted after the number, lower case: decimal (`KB` = 1000) and binary
/// (`KiB` = 1024), as the two are both in common use and easy to confuse.
const UNITS: &[(&str, u64)] = &[
    ("b", 1),
    ("kb", 1_000),
    ("mb", 1_000_000),
    ("gb", 1_000_000_000),
    ("kib", 1 << 10),
    ("mib", 1 << 20),
    ("gib", 1 << 30),
];

impl ByteSize {
    /// The default `--max-file-size`: far above any real recap post (a long one is
    /// 50 KB), low enough that a stray dump is skipped quickly.
    pub const DEFAULT_MAX_FILE: ByteSize = ByteSize(20 << 20);
}

impl FromStr for ByteSize {
    type Err = String;

    /// Parses `N` (bytes) or `N UNIT` with a unit of [`UNITS`], in any case, with or
    /// without a space. Zero is refused: it would skip every post.
    fn from_str(s: &str) -> Result<ByteSize, String> {
        let s = s.trim();
        let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let (digits, unit) = s.split_at(split);
        let invalid = || {
            format!(
                "invalid size {s:?}: write a whole number of bytes, optionally with a unit (KB, MB, GB, KiB, MiB, GiB), such as 50MB or 64MiB"
            )
        };
        let number: u64 = digits.parse().map_err(|_| invalid())?;
        let unit = unit.trim().to_ascii_lowercase();
        let factor = if unit.is_empty() {
            1
        } else {
            UNITS
                .iter()
                .find(|(name, _)| *name == unit)
                .map(|&(_, factor)| factor)
                .ok_or_else(invalid)?
        };
        let bytes = number
            .checked_mul(factor)
            .ok_or_else(|| format!("size {s:?} is too large"))?;
        if bytes == 0 {
            return Err("size must be at least 1 byte".to_string());
        }
        Ok(ByteSize(bytes))
    }
}

impl fmt::Display for ByteSize {
    /// The largest binary unit that divides the size exactly (`20 MiB`), else a
    /// rounded value with the exact byte count (`52.4 MB (52428801 bytes)`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0;
        for (name, factor) in [("GiB", 1u64 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] {
            if n >= factor && n % factor == 0 {
                return write!(f, "{} {name}", n / factor);
            }
        }
        if n < 1000 {
            return write!(f, "{n} bytes");
        }
        let (value, name) = if n >= 1_000_000_000 {
            (n as f64 / 1e9, "GB")
        } else if n >= 1_000_000 {
            (n as f64 / 1e6, "MB")
        } else {
            (n as f64 / 1e3, "KB")
        };
        write!(f, "{value:.1} {name} ({n} bytes)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_decimal_and_binary_units() {
        for (text, bytes) in [
            ("1048576", 1_048_576),
            ("50MB", 50_000_000),
            ("50 mb", 50_000_000),
            ("10MiB", 10 << 20),
            ("1 KiB", 1024),
            ("3gib", 3 << 30),
            ("7b", 7),
            (" 2KB ", 2000),
        ] {
            assert_eq!(text.parse::<ByteSize>(), Ok(ByteSize(bytes)), "{text}");
        }
    }

    #[test]
    fn refuses_nonsense_with_a_hint() {
        for text in ["", "MB", "-1", "1.5MB", "10 parsecs", "0", "0MB"] {
            let err = text.parse::<ByteSize>().unwrap_err();
            assert!(err.contains("size"), "{text}: {err}");
        }
        assert!(
            "99999999999GiB"
                .parse::<ByteSize>()
                .unwrap_err()
                .contains("too large")
        );
    }

    #[test]
    fn displays_in_the_units_it_accepts() {
        assert_eq!(ByteSize::DEFAULT_MAX_FILE.to_string(), "20 MiB");
        assert_eq!(ByteSize(1024).to_string(), "1 KiB");
        assert_eq!(ByteSize(999).to_string(), "999 bytes");
        assert_eq!(ByteSize(52_428_801).to_string(), "52.4 MB (52428801 bytes)");
    }
}
