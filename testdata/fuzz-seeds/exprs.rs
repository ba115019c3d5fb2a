// Expressions, closures, patterns and control flow.
use crate::model::{Graph, Node};

pub async fn run(g: &mut Graph, limit: Option<usize>) -> Result<u64, String> {
    let mut total = 0u64;
    let visit = |n: &Node| -> bool { n.weight > 0 && !n.hidden };
    for (i, node) in g.nodes.iter().enumerate().filter(|(_, n)| visit(n)) {
        if let Some(l) = limit { if i >= l { break; } }
        total += match node.kind {
            crate::model::Kind::Leaf => 1,
            crate::model::Kind::Branch(ref kids) if kids.len() > 2 => kids.iter().map(|k| k.weight as u64).sum(),
            _ => { let x = node.weight as u64; x * x - 1 }
        };
    }
    let label = 'outer: loop {
        while total > 1_000 { total /= 2; if total % 3 == 0 { break 'outer "third"; } }
        break "done";
    };
    let v: Vec<_> = (0..10).rev().step_by(2).collect::<Vec<i32>>();
    let [a, b, rest @ ..] = v.as_slice() else { return Err(format!("short: {label}")) };
    let s = async move { a + b + rest.len() as i32 }.await;
    let r = &mut *Box::new(s as i64);
    *r <<= 2;
    unsafe { std::ptr::read(&raw const total) };
    Ok(total.wrapping_add(*r as u64))
}

pub fn ranges(x: u8) -> &'static str {
    match x { 0 => "zero", 1..=9 => "digit", b'a'..=b'z' => "lower", _ if x > 200 => "high", _ => "other" }
}
