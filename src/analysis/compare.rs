//! Agreement between two partitions of the same modules: MoJoFM (Wen & Tzerpos 2004), with
//! the exact MoJo distance from maximum bipartite matching, and the adjusted Rand index.
//! Partitions are label slices: `a[i]` is the cluster of object `i`.

use std::collections::BTreeMap;

/// MoJo distance mno(A, B): the fewest moves (of one object) and joins (of two clusters)
/// that turn A into B. Exact, by Wen & Tzerpos: every A cluster is tagged with the B
/// clusters it shares the most objects with; moves = Σ(|Aᵢ| − maxⱼ|Aᵢ ∩ Bⱼ|); a maximum
/// bipartite matching of A clusters to their tags gives the number g of distinct B groups
/// reached; joins = l − g for l clusters in A.
pub fn mojo(a: &[usize], b: &[usize]) -> usize {
    assert_eq!(a.len(), b.len(), "both partitions cover the same objects");
    let (a, la) = dense(a);
    let (b, lb) = dense(b);
    let mut counts: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (&x, &y) in a.iter().zip(&b) {
        *counts.entry((x, y)).or_insert(0) += 1;
    }
    let mut best = vec![0usize; la];
    for (&(i, _), &c) in &counts {
        best[i] = best[i].max(c);
    }
    let mut size = vec![0usize; la];
    for &x in &a {
        size[x] += 1;
    }
    let moves: usize = (0..la).map(|i| size[i] - best[i]).sum();
    let mut tags: Vec<Vec<usize>> = vec![Vec::new(); la];
    for (&(i, j), &c) in &counts {
        if c == best[i] {
            tags[i].push(j);
        }
    }
    let g = max_matching(&tags, lb);
    moves + la - g
}

/// MoJoFM(A, B) in percent: 100 when A is B, 0 for the partition farthest from B.
///
/// The farthest distance max mno(∀A, B) is n − minₛ(s + b₍ₛ₊₁₎), with B's cluster sizes
/// b₁ ≥ b₂ ≥ … (and b₍ₘ₊₁₎ = 0): the farthest A puts the k-th object of every B cluster into
/// its k-th cluster, so every cluster needs all its objects but one moved, and the groups
/// its clusters can reach form a bipartite graph whose smallest vertex cover is that
/// minimum. Checked against brute force over all partitions of up to 6 objects.
pub fn mojofm(a: &[usize], b: &[usize]) -> f64 {
    let n = a.len();
    let (b_dense, lb) = dense(b);
    let mut sizes = vec![0usize; lb];
    for &y in &b_dense {
        sizes[y] += 1;
    }
    sizes.sort_unstable_by(|x, y| y.cmp(x));
    let cover = (0..=sizes.len())
        .map(|s| s + sizes.get(s).copied().unwrap_or(0))
        .min()
        .unwrap_or(0);
    let max = n.saturating_sub(cover);
    if max == 0 {
        return 100.0;
    }
    (1.0 - mojo(a, b) as f64 / max as f64) * 100.0
}

/// Adjusted Rand index (Hubert & Arabie 1985): 1 for identical partitions, about 0 for
/// independent ones.
pub fn adjusted_rand(a: &[usize], b: &[usize]) -> f64 {
    let n = a.len();
    let (a, la) = dense(a);
    let (b, lb) = dense(b);
    let pairs = |x: usize| (x * x.saturating_sub(1)) as f64 / 2.0;
    let mut counts: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let (mut rows, mut cols) = (vec![0usize; la], vec![0usize; lb]);
    for (&x, &y) in a.iter().zip(&b) {
        *counts.entry((x, y)).or_insert(0) += 1;
        rows[x] += 1;
        cols[y] += 1;
    }
    let index: f64 = counts.values().map(|&c| pairs(c)).sum();
    let sr: f64 = rows.iter().map(|&c| pairs(c)).sum();
    let sc: f64 = cols.iter().map(|&c| pairs(c)).sum();
    let total = pairs(n);
    if total == 0.0 {
        return 1.0;
    }
    let expected = sr * sc / total;
    let max = (sr + sc) / 2.0;
    if (max - expected).abs() < 1e-12 {
        return if a == b { 1.0 } else { 0.0 };
    }
    (index - expected) / (max - expected)
}

/// Labels renumbered to `0..k` by first appearance, and k.
fn dense(labels: &[usize]) -> (Vec<usize>, usize) {
    let mut map: BTreeMap<usize, usize> = BTreeMap::new();
    let out = labels
        .iter()
        .map(|l| {
            let next = map.len();
            *map.entry(*l).or_insert(next)
        })
        .collect();
    (out, map.len())
}

/// Size of a maximum matching between left nodes and right nodes `0..nr` (Kuhn's augmenting
/// paths, iterative).
fn max_matching(adj: &[Vec<usize>], nr: usize) -> usize {
    let mut match_r: Vec<Option<usize>> = vec![None; nr];
    let mut match_l: Vec<Option<usize>> = vec![None; adj.len()];
    let mut count = 0;
    for start in 0..adj.len() {
        // Breadth-first search for an augmenting path from `start`.
        let mut parent_r: Vec<Option<usize>> = vec![None; nr]; // right node → left node that reached it
        let mut seen_r = vec![false; nr];
        let mut frontier = vec![start];
        let mut found = None;
        'search: while !frontier.is_empty() {
            let mut next = Vec::new();
            for &l in &frontier {
                for &r in &adj[l] {
                    if seen_r[r] {
                        continue;
                    }
                    seen_r[r] = true;
                    parent_r[r] = Some(l);
                    match match_r[r] {
                        None => {
                            found = Some(r);
                            break 'search;
                        }
                        Some(l2) => next.push(l2),
                    }
                }
            }
            frontier = next;
        }
        let Some(mut r) = found else { continue };
        // Flip the path back to `start`.
        loop {
            let l = parent_r[r].expect("every reached right node has a parent");
            let prev = match_l[l];
            match_r[r] = Some(l);
            match_l[l] = Some(r);
            match prev {
                Some(p) if l != start => r = p,
                _ => break,
            }
        }
        count += 1;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeSet, VecDeque};

    #[test]
    fn worked_examples() {
        // Identical partitions.
        assert_eq!(mojo(&[0, 0, 1, 1], &[5, 5, 7, 7]), 0);
        assert_eq!(mojofm(&[0, 0, 1, 1], &[5, 5, 7, 7]), 100.0);
        // A = {1 2 3}{4 5}, B = {1 2}{3 4 5}: one move (3 to the other cluster).
        assert_eq!(mojo(&[0, 0, 0, 1, 1], &[0, 0, 1, 1, 1]), 1);
        // A splits B's only cluster in three: two joins.
        assert_eq!(mojo(&[0, 0, 1, 1, 2, 2], &[0; 6]), 2);
        // A = one cluster, B = {1 2}{3 4}{5 6}: four moves, no join.
        assert_eq!(mojo(&[0; 6], &[0, 0, 1, 1, 2, 2]), 4);
        // Wen & Tzerpos' running example shape: A = {1 2 3 4}{5 6 7 8}{9 10},
        // B = {1 2 5 6}{3 4 7 8}{9 10}: A1 and A2 tie on both B1 and B2; matching gives 3
        // groups, moves = 2 + 2 = 4, joins = 0.
        let a = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2];
        let b = [0, 0, 1, 1, 0, 0, 1, 1, 2, 2];
        assert_eq!(mojo(&a, &b), 4);
        // Farthest distance for B with cluster sizes 4,4,2: min(0+4, 1+4, 2+2, 3+0) = 3, so
        // 10 − 3 = 7, and MoJoFM = 1 − 4/7.
        assert!((mojofm(&a, &b) - (1.0 - 4.0 / 7.0) * 100.0).abs() < 1e-9);
    }

    #[test]
    fn adjusted_rand_known_values() {
        assert_eq!(adjusted_rand(&[0, 0, 1, 1], &[1, 1, 0, 0]), 1.0);
        // Classic example: ARI of {0,0,1,1} vs {0,0,1,2} = 0.571428...
        assert!((adjusted_rand(&[0, 0, 1, 1], &[0, 0, 1, 2]) - 4.0 / 7.0).abs() < 1e-9);
        assert!(adjusted_rand(&[0, 1, 0, 1], &[0, 0, 1, 1]) < 0.0);
    }

    /// Every set partition of `0..n`, as label vectors in restricted-growth form.
    fn partitions(n: usize) -> Vec<Vec<usize>> {
        let mut out = Vec::new();
        let mut cur = vec![0usize; n];
        fn rec(i: usize, max: usize, cur: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
            if i == cur.len() {
                out.push(cur.clone());
                return;
            }
            for c in 0..=max + 1 {
                cur[i] = c;
                rec(i + 1, max.max(c), cur, out);
            }
        }
        if n > 0 {
            rec(1, 0, &mut cur, &mut out);
        }
        out
    }

    fn canon(p: &[usize]) -> Vec<usize> {
        dense(p).0
    }

    /// The true MoJo distance by breadth-first search over moves and joins.
    fn brute_mojo(a: &[usize], b: &[usize]) -> usize {
        let target = canon(b);
        let mut seen = BTreeSet::new();
        let mut q = VecDeque::from([(canon(a), 0)]);
        seen.insert(canon(a));
        while let Some((p, d)) = q.pop_front() {
            if p == target {
                return d;
            }
            let k = p.iter().copied().max().unwrap() + 1;
            let mut next = Vec::new();
            for i in 0..p.len() {
                for c in 0..=k {
                    if c != p[i] {
                        let mut m = p.clone();
                        m[i] = c;
                        next.push(canon(&m));
                    }
                }
            }
            for x in 0..k {
                for y in x + 1..k {
                    next.push(canon(
                        &p.iter()
                            .map(|&c| if c == y { x } else { c })
                            .collect::<Vec<_>>(),
                    ));
                }
            }
            for m in next {
                if seen.insert(m.clone()) {
                    q.push_back((m, d + 1));
                }
            }
        }
        unreachable!()
    }

    #[test]
    fn mojo_is_exact_against_brute_force() {
        for n in 1..=5 {
            let all = partitions(n);
            for a in &all {
                for b in &all {
                    assert_eq!(mojo(a, b), brute_mojo(a, b), "A={a:?} B={b:?}");
                }
            }
        }
    }

    #[test]
    fn mojofm_farthest_distance_matches_brute_force() {
        for n in 1..=6 {
            let all = partitions(n);
            for b in &all {
                let worst = all.iter().map(|a| mojo(a, b)).max().unwrap();
                let fm_worst = all
                    .iter()
                    .map(|a| mojofm(a, b))
                    .fold(f64::INFINITY, f64::min);
                assert!(
                    (worst == 0 && fm_worst == 100.0) || fm_worst.abs() < 1e-9,
                    "B={b:?}: worst {worst}, MoJoFM min {fm_worst}"
                );
                assert!(all.iter().all(|a| mojofm(a, b) >= -1e-9), "B={b:?}");
            }
        }
    }
}
