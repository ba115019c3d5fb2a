//! A private byte scan, copied rather than shared: sharing it would make it public API.

pub fn find(haystack: &[u8], pred: impl Fn(u8) -> bool) -> Option<usize> {
    let mut i = 0;
    while i < haystack.len() {
        if pred(haystack[i]) {
            return Some(i);
        }
        i += 1;
    }
    None
}

pub fn count(haystack: &[u8], pred: impl Fn(u8) -> bool) -> usize {
    let mut n = 0;
    for &b in haystack {
        if pred(b) {
            n += 1;
        }
    }
    n
}
