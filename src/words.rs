//! Plain words for messages and reports: `12,345`, `1 line` / `3 lines`, `a`, `b` and 3 more.
//! Every stage that writes a sentence uses these, so the wording is the same everywhere.

/// `12345` → `12,345`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// `1 line`, `1,200 lines`.
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// `` `a` ``, `` `a` and `b` ``, `` `a`, `b`, `c` and 2 more ``.
pub fn names(v: &[&str]) -> String {
    let q: Vec<String> = v.iter().take(3).map(|n| format!("`{n}`")).collect();
    match v.len() {
        0 => String::new(),
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        3 => format!("{}, {} and {}", q[0], q[1], q[2]),
        n => format!("{} and {} more", q.join(", "), n - 3),
    }
}

/// Four decimals: enough for any decision, and stable text in reports.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words() {
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(12), "12");
        assert_eq!(count(1, "line", "lines"), "1 line");
        assert_eq!(count(1200, "line", "lines"), "1,200 lines");
        assert_eq!(names(&["a"]), "`a`");
        assert_eq!(names(&["a", "b"]), "`a` and `b`");
        assert_eq!(names(&["a", "b", "c", "d"]), "`a`, `b`, `c` and 1 more");
    }
}
