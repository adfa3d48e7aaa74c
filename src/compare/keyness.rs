//! Keyness: which entities one attendee mentions more than the rest of the corpus.
//!
//! For an entity mentioned `a` times by the attendee and `b` times by everyone else, where
//! the attendee's posts hold `c` person and project mentions in all and the rest `d`:
//!
//! ```text
//! E1 = c (a + b) / (c + d)        E2 = d (a + b) / (c + d)
//! G² = 2 (a ln(a / E1) + b ln(b / E2))           with 0 ln 0 = 0
//! log ratio = log2((a / c) / (b / d))            a or b of 0 taken as 0.5
//! ```
//!
//! G² (Dunning's log-likelihood) says how sure the difference is; the log ratio how big it
//! is (1: twice as frequent, 2: four times). An entity is reported as distinctive for the
//! attendee when it is relatively more frequent there (`a / c > b / d`), mentioned at
//! least [`MIN_FREQUENCY`] times by the attendee, and `G² ≥` [`MIN_G2`] (p < 0.05 with one
//! degree of freedom): one or two stray mentions never make a keyword.

/// Fewest mentions by the attendee.
pub const MIN_FREQUENCY: u64 = 2;

/// Smallest G² (3.84: p < 0.05, one degree of freedom).
pub const MIN_G2: f64 = 3.84;

/// Dunning's log-likelihood G² for `a` of `c` against `b` of `d`.
pub fn g2(a: f64, b: f64, c: f64, d: f64) -> f64 {
    if c + d == 0.0 {
        return 0.0;
    }
    let e1 = c * (a + b) / (c + d);
    let e2 = d * (a + b) / (c + d);
    let term = |o: f64, e: f64| {
        if o > 0.0 && e > 0.0 {
            o * (o / e).ln()
        } else {
            0.0
        }
    };
    2.0 * (term(a, e1) + term(b, e2))
}

/// `log2((a / c) / (b / d))`, a zero `a` or `b` taken as 0.5.
pub fn log_ratio(a: f64, b: f64, c: f64, d: f64) -> f64 {
    let a = if a == 0.0 { 0.5 } else { a };
    let b = if b == 0.0 { 0.5 } else { b };
    if c == 0.0 || d == 0.0 {
        return 0.0;
    }
    ((a / c) / (b / d)).log2()
}

/// True when an entity passes the guards (see the module docs).
pub fn is_key(a: u64, b: u64, c: u64, d: u64) -> bool {
    if a < MIN_FREQUENCY || c == 0 || d == 0 {
        return false;
    }
    let (af, bf, cf, df) = (a as f64, b as f64, c as f64, d as f64);
    af / cf > bf / df && g2(af, bf, cf, df) >= MIN_G2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_example() {
        // a = 10 of c = 100 against b = 5 of d = 400.
        // E1 = 100·15/500 = 3, E2 = 400·15/500 = 12.
        // G² = 2 (10 ln(10/3) + 5 ln(5/12)) = 2 (12.0397 − 4.3773) = 15.3249
        assert!((g2(10.0, 5.0, 100.0, 400.0) - 15.3249).abs() < 1e-3);
        // log2((10/100) / (5/400)) = log2(8) = 3
        assert!((log_ratio(10.0, 5.0, 100.0, 400.0) - 3.0).abs() < 1e-9);
        assert!(is_key(10, 5, 100, 400));
    }

    #[test]
    fn zero_counts() {
        // b = 0: G² = 2 · 3 ln(3 / (3·10/20)) = 6 ln 2 = 4.1589; log ratio with b = 0.5:
        // log2((3/10) / (0.5/10)) = log2(6) = 2.585
        assert!((g2(3.0, 0.0, 10.0, 10.0) - 6.0 * 2f64.ln()).abs() < 1e-9);
        assert!((log_ratio(3.0, 0.0, 10.0, 10.0) - 6f64.log2()).abs() < 1e-9);
        assert_eq!(g2(0.0, 0.0, 10.0, 10.0), 0.0);
    }

    #[test]
    fn guards() {
        let cases = [
            ("one mention is never key", 1, 0, 5, 50, false),
            ("relatively rarer is not key", 2, 40, 10, 50, false),
            ("weak difference", 3, 2, 20, 40, false),
            ("clear difference", 6, 1, 20, 40, true),
            ("no rest", 5, 0, 10, 0, false),
        ];
        for (name, a, b, c, d, want) in cases {
            assert_eq!(is_key(a, b, c, d), want, "{name}");
        }
    }
}
