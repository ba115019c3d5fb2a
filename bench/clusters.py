#!/usr/bin/env python3
"""What the default clustering gives on the corpus families: per family, MoJoFM against the
crates as archsplit reports it (`summary.mojofm_vs_crates`), MoJoFM recomputed here over the
modules of product crates only (`crates[].product`, modules left out without code aside; the
kernel counted as one cluster, as archsplit does), the clusters, the share of clusters of a single module, clusters without a
line of code, and the modules left out (`excluded[]`, absent before that existed).

The second MoJoFM compares runs that left different modules out on the same footing: a
version that clustered tests and tooling is judged on the product modules too.

usage: bench/clusters.py ARCHSPLIT [FAMILY_DIR...] [-- EXTRA_ARGS...]
       (default families: /tmp/corpus/{ripgrep,regex,tokio,serde,syn} and
        /tmp/calib/{tokio-2019,bevy-0.15,rust-analyzer-2024})
"""
import json
import subprocess
import sys

FAMILIES = [f"/tmp/corpus/{f}" for f in ("ripgrep", "regex", "tokio", "serde", "syn")] + [
    f"/tmp/calib/{f}" for f in ("tokio-2019", "bevy-0.15", "rust-analyzer-2024")
]


def dense(labels):
    ids = {}
    return [ids.setdefault(x, len(ids)) for x in labels], None


def mojo(a, b):
    """Exact MoJo distance (Wen & Tzerpos), as src/analysis/compare.rs computes it."""
    a, _ = dense(a)
    b, _ = dense(b)
    la = max(a, default=-1) + 1
    counts = {}
    for x, y in zip(a, b):
        counts[(x, y)] = counts.get((x, y), 0) + 1
    best = [0] * la
    for (i, _), c in counts.items():
        best[i] = max(best[i], c)
    size = [0] * la
    for x in a:
        size[x] += 1
    moves = sum(size[i] - best[i] for i in range(la))
    tags = [[] for _ in range(la)]
    for (i, j), c in sorted(counts.items()):
        if c == best[i]:
            tags[i].append(j)
    match_r = {}

    def augment(left, seen):
        for r in tags[left]:
            if r in seen:
                continue
            seen.add(r)
            if r not in match_r or augment(match_r[r], seen):
                match_r[r] = left
                return True
        return False

    sys.setrecursionlimit(100000)
    groups = sum(1 for left in range(la) if augment(left, set()))
    return moves + la - groups


def mojofm(a, b):
    n = len(a)
    sizes = {}
    for y in b:
        sizes[y] = sizes.get(y, 0) + 1
    s = sorted(sizes.values(), reverse=True)
    cover = min(i + (s[i] if i < len(s) else 0) for i in range(len(s) + 1))
    worst = n - cover
    if worst <= 0:
        return 100.0
    return (1.0 - mojo(a, b) / worst) * 100.0


def main():
    args = sys.argv[1:]
    extra = []
    if "--" in args:
        extra = args[args.index("--") + 1 :]
        args = args[: args.index("--")]
    binary, families = args[0], args[1:] or FAMILIES
    print(
        f"{'family':20} {'MoJoFM':>7} {'product':>8} {'clusters':>8} {'single':>7} {'share':>6} "
        f"{'0-line':>6} {'left out':>8} {'γ':>5}"
    )
    for fam in families:
        out = subprocess.run(
            [binary, "analyze", fam, "--format", "json", "--no-history", "-q", *extra],
            capture_output=True,
            text=True,
        )
        if out.returncode != 0:
            print(f"{fam}: failed: {out.stderr.strip()[:200]}")
            continue
        d = json.loads(out.stdout)
        s = d["summary"]
        product = {c["name"]: c.get("product", True) for c in d["crates"]}
        k = len(d["clusters"])
        mods = [
            m
            for m in d["modules"]
            if product.get(m["crate"], True) and m.get("status") != "excluded"
        ]
        a = [m["cluster"] if m["cluster"] is not None else 0 for m in mods]
        b = [m["crate"] for m in mods]
        single = sum(1 for c in d["clusters"] if len(c["modules"]) == 1)
        zero = sum(1 for c in d["clusters"] if c["metrics"]["loc"] == 0)
        left = len(d.get("excluded", []))
        name = fam.rstrip("/").split("/")[-1]
        print(
            f"{name:20} {s['mojofm_vs_crates']:7.1f} {mojofm(a, b) if mods else 0.0:8.1f} {k:8d} "
            f"{single:7d} {single / max(1, k) * 100:5.0f}% {zero:6d} {left:8d} "
            f"{s['clustering']['resolution']:5}"
        )


if __name__ == "__main__":
    main()
