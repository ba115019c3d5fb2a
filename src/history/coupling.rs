//! What the history says about modules: change coupling (the logical coupling of Mazlami et
//! al. 2017: the commits that change both modules, with support and confidence as in
//! association rules), volatility (how often a module changes), contributor coupling (the
//! authors two modules share) and ownership per module and per cluster.

use std::collections::HashMap;

use serde::Serialize;

use super::History;
use crate::words::round4;

/// Pairs that changed together fewer times than this are chance, not coupling.
pub const MIN_SHARED: u32 = 2;

/// A module's change figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ModuleChange {
    /// Commits that changed it.
    pub changes: u32,
    /// `changes` / commits used: how volatile it is (0 = never changed, 1 = in every commit).
    pub volatility: f64,
    /// Distinct authors of those commits.
    pub authors: u32,
    /// Share of its commits by its most frequent author (1 = one owner).
    pub main_author_share: f64,
}

/// Two modules that changed together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoChange {
    #[serde(skip)]
    pub a: usize,
    #[serde(skip)]
    pub b: usize,
    /// Commits that changed both.
    pub shared: u32,
    /// `shared` / commits used.
    pub support: f64,
    /// `shared` / commits that changed a (how often a change of a takes b along).
    pub confidence_ab: f64,
    /// `shared` / commits that changed b.
    pub confidence_ba: f64,
    /// `shared` / the mean of both modules' changes (Tornhill's degree of coupling).
    pub degree: f64,
    /// Whether either module refers to the other (set from the module graph by
    /// `HistoryAnalysis::new`).
    pub static_dependency: bool,
}

impl CoChange {
    /// Strongest first: most shared commits, then highest degree, then module order, so
    /// that any cut of a sorted list is deterministic.
    pub fn strongest_first(x: &CoChange, y: &CoChange) -> std::cmp::Ordering {
        y.shared
            .cmp(&x.shared)
            .then(y.degree.total_cmp(&x.degree))
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    }
}

#[derive(Debug, Clone, Default)]
pub struct Coupling {
    pub commits: usize,
    pub modules: Vec<ModuleChange>,
    /// Pairs with at least `MIN_SHARED` shared commits, a < b, sorted by (a, b).
    pub pairs: Vec<CoChange>,
    /// Author indices of each module's commits, sorted.
    pub authors_of: Vec<Vec<usize>>,
}

/// The change figures of `n` modules from `h`.
pub fn coupling(h: &History, n: usize) -> Coupling {
    let mut changes = vec![0u32; n];
    let mut by_author: Vec<HashMap<usize, u32>> = vec![HashMap::new(); n];
    let mut shared: HashMap<(usize, usize), u32> = HashMap::new();
    for c in &h.commits {
        for (i, &a) in c.modules.iter().enumerate() {
            changes[a] += 1;
            *by_author[a].entry(c.author).or_insert(0) += 1;
            for &b in &c.modules[i + 1..] {
                *shared.entry((a, b)).or_insert(0) += 1;
            }
        }
    }
    let total = h.commits.len().max(1) as f64;
    let modules = (0..n)
        .map(|m| {
            let top = by_author[m].values().copied().max().unwrap_or(0);
            ModuleChange {
                changes: changes[m],
                volatility: round4(changes[m] as f64 / total),
                authors: by_author[m].len() as u32,
                main_author_share: if changes[m] > 0 {
                    round4(top as f64 / changes[m] as f64)
                } else {
                    0.0
                },
            }
        })
        .collect();
    let mut pairs: Vec<CoChange> = shared
        .into_iter()
        .filter(|&(_, s)| s >= MIN_SHARED)
        .map(|((a, b), s)| {
            let (ca, cb) = (changes[a] as f64, changes[b] as f64);
            CoChange {
                a,
                b,
                shared: s,
                support: round4(s as f64 / total),
                confidence_ab: round4(s as f64 / ca),
                confidence_ba: round4(s as f64 / cb),
                degree: round4(2.0 * s as f64 / (ca + cb)),
                static_dependency: false,
            }
        })
        .collect();
    pairs.sort_by_key(|p| (p.a, p.b));
    let authors_of = by_author
        .into_iter()
        .map(|m| {
            let mut v: Vec<usize> = m.into_keys().collect();
            v.sort_unstable();
            v
        })
        .collect();
    Coupling {
        commits: h.commits.len(),
        modules,
        pairs,
        authors_of,
    }
}

/// Jaccard similarity of two sorted author lists (contributor coupling).
pub fn shared_authors(a: &[usize], b: &[usize]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    both as f64 / (a.len() + b.len() - both) as f64
}

/// One author's share of a cluster's commits (only with `--show-authors`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Owner {
    pub author: String,
    pub share: f64,
}

/// Who changes a cluster, and how often a change of it reaches into other clusters.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Ownership {
    /// Commits that changed the cluster.
    pub changes: u32,
    pub authors: u32,
    /// Share of its commits by its most frequent author.
    pub main_author_share: f64,
    /// Share of its commits by authors who work mostly here (more than half of their
    /// commits' touches of clusters are in this one): how much a group of its own owns it.
    pub own_team_share: f64,
    /// Share of its commits that also changed another cluster: how often a boundary around
    /// it would make a change a distributed change.
    pub crossing_share: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owners: Option<Vec<Owner>>,
}

/// Ownership of each of `k` clusters under `assignment` (the kernel is nobody's).
pub fn ownership(
    h: &History,
    assignment: &[Option<usize>],
    k: usize,
    show_authors: bool,
) -> Vec<Ownership> {
    let authors = h.authors.len();
    let mut changes = vec![0u32; k];
    let mut crossing = vec![0u32; k];
    // commits[c][author]: commits by `author` that touched cluster c.
    let mut per = vec![vec![0u32; authors]; k];
    let mut touched: Vec<usize> = Vec::new();
    for c in &h.commits {
        touched.clear();
        touched.extend(
            c.modules
                .iter()
                .filter_map(|&m| assignment.get(m).copied().flatten()),
        );
        touched.sort_unstable();
        touched.dedup();
        for &cl in &touched {
            changes[cl] += 1;
            per[cl][c.author] += 1;
            if touched.len() > 1 {
                crossing[cl] += 1;
            }
        }
    }
    // Each author's home: the cluster that more than half of their touches of clusters land
    // in. Someone who works all over has none.
    let home: Vec<Option<usize>> = (0..authors)
        .map(|a| {
            let total: u32 = (0..k).map(|c| per[c][a]).sum();
            (0..k).find(|&c| 2 * per[c][a] > total)
        })
        .collect();
    (0..k)
        .map(|c| {
            let n = changes[c];
            let share = |x: u32| {
                if n > 0 {
                    round4(x as f64 / n as f64)
                } else {
                    0.0
                }
            };
            let own: u32 = (0..authors)
                .filter(|&a| home[a] == Some(c))
                .map(|a| per[c][a])
                .sum();
            let owners = show_authors.then(|| {
                let mut o: Vec<Owner> = (0..authors)
                    .filter(|&a| per[c][a] > 0)
                    .map(|a| Owner {
                        author: h.authors[a].clone(),
                        share: share(per[c][a]),
                    })
                    .collect();
                o.sort_by(|x, y| y.share.total_cmp(&x.share).then(x.author.cmp(&y.author)));
                o
            });
            Ownership {
                changes: n,
                authors: per[c].iter().filter(|&&x| x > 0).count() as u32,
                main_author_share: share(per[c].iter().copied().max().unwrap_or(0)),
                own_team_share: share(own),
                crossing_share: share(crossing[c]),
                owners,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::Commit;

    fn history(commits: &[(&[usize], usize)], authors: usize) -> History {
        History {
            commits: commits
                .iter()
                .map(|(m, a)| Commit {
                    modules: m.to_vec(),
                    author: *a,
                    time: 0,
                })
                .collect(),
            authors: (0..authors).map(|a| format!("a{a} <a{a}@x>")).collect(),
            ..History::default()
        }
    }

    #[test]
    fn support_confidence_and_volatility() {
        // 0 and 1 change together three times; 0 alone once; 2 alone twice.
        let h = history(
            &[
                (&[0, 1], 0),
                (&[0, 1], 0),
                (&[0, 1], 1),
                (&[0], 1),
                (&[2], 1),
                (&[2], 1),
            ],
            2,
        );
        let c = coupling(&h, 3);
        assert_eq!(c.modules[0].changes, 4);
        assert_eq!(c.modules[0].volatility, 0.6667);
        assert_eq!(c.modules[0].authors, 2);
        assert_eq!(c.modules[0].main_author_share, 0.5);
        assert_eq!(c.modules[2].main_author_share, 1.0);
        assert_eq!(c.pairs.len(), 1);
        let p = &c.pairs[0];
        assert_eq!((p.a, p.b, p.shared), (0, 1, 3));
        assert_eq!(p.support, 0.5);
        assert_eq!(p.confidence_ab, 0.75);
        assert_eq!(p.confidence_ba, 1.0);
        assert_eq!(p.degree, 0.8571);
        assert_eq!(c.authors_of[2], vec![1]);
    }

    #[test]
    fn ownership_counts_teams_and_crossings() {
        // Author 0 works in cluster 0, author 1 in cluster 1; one commit crosses.
        let h = history(
            &[(&[0], 0), (&[0], 0), (&[0, 2], 0), (&[2], 1), (&[2], 1)],
            2,
        );
        let assignment = [Some(0), Some(0), Some(1)];
        let o = ownership(&h, &assignment, 2, false);
        assert_eq!(o[0].changes, 3);
        assert_eq!(o[0].own_team_share, 1.0);
        assert_eq!(o[0].crossing_share, 0.3333);
        assert_eq!(o[1].changes, 3);
        assert_eq!(o[1].authors, 2);
        assert_eq!(o[1].own_team_share, 0.6667);
        assert!(o[1].owners.is_none());
        let shown = ownership(&h, &assignment, 2, true);
        assert_eq!(shown[1].owners.as_ref().unwrap()[0].author, "a1 <a1@x>");
    }

    #[test]
    fn jaccard_of_authors() {
        assert_eq!(shared_authors(&[0, 1, 2], &[1, 2, 3]), 0.5);
        assert_eq!(shared_authors(&[], &[1]), 0.0);
    }
}
