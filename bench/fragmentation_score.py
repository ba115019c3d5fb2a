#!/usr/bin/env python3
"""Scores archsplit's over-fragmentation findings against what maintainers did.

usage: fragmentation_score.py DECISIONS.toml FAMILY=ANALYZE.json ... [--held-out FAMILY ...]
                               [--control FAMILY ...]

--held-out marks a family nothing was tuned on; --control a kept control that was tuned on
(not one of the calibration families). Totals are given for the calibration families, the
tuned controls, the held-out families, and all.

For each family: the merged crates named (recall), the kept crates named (false alarms), and
whether the crate named to merge into is the one the maintainers chose. A crate is named when
an over-fragmentation finding has it as the crate to merge (the first subject that is not its
`into`). Crates under [other] count neither way; so does a merge "into its users".
"""
import json
import sys
import tomllib


def named(findings):
    """crate -> into (or None) for every crate an over-fragmentation finding asks to merge."""
    out = {}
    for f in findings:
        if f["rule"] != "over-fragmentation" or f["severity"] == "note":
            continue
        into = f.get("into")
        for s in f["subjects"]:
            if s != into:
                out.setdefault(s, into)
    return out


def into_ok(decided, said):
    """The maintainers' `into` names the crate archsplit said (first word, or one of a list)."""
    if said is None:
        return False
    words = decided.replace(",", " ").split()
    return said in words


def main(argv):
    decisions = tomllib.load(open(argv[1], "rb"))
    held = set()
    controls = set()
    pairs = []
    args = argv[2:]
    i = 0
    while i < len(args):
        if args[i] in ("--held-out", "--control"):
            (held if args[i] == "--held-out" else controls).add(args[i + 1])
            i += 2
            continue
        fam, path = args[i].split("=", 1)
        pairs.append((fam, path))
        i += 1
    rows = []
    for fam, path in pairs:
        d = json.load(open(path))
        crates = [c["name"] for c in d["crates"]]
        dec = decisions[fam]
        merged = dec.get("merged", {})
        other = set(dec.get("other", {}))
        kept = [c for c in crates if c not in merged and c not in other]
        said = named(d["findings"])
        hits = [c for c in merged if c in said]
        alarms = [c for c in kept if c in said]
        right = [c for c in hits if into_ok(merged[c]["into"], said[c])]
        rows.append((fam, len(merged), hits, len(kept), alarms, right, said, merged))
    print(f"{'family':32} {'merged named':>13} {'kept named':>11} {'right into':>11}")

    def total(sel, label):
        m = sum(r[1] for r in sel)
        h = sum(len(r[2]) for r in sel)
        k = sum(r[3] for r in sel)
        a = sum(len(r[4]) for r in sel)
        ri = sum(len(r[5]) for r in sel)
        print(f"{label:32} {h:>6} of {m:<5} {a:>4} of {k:<4} {ri:>4} of {h:<4}")

    for r in rows:
        fam, m, hits, k, alarms, right, _, _ = r
        mark = " (held out)" if fam in held else " (control)" if fam in controls else ""
        print(f"{fam + mark:32} {len(hits):>6} of {m:<5} {len(alarms):>4} of {k:<4} {len(right):>4} of {len(hits):<4}")
    calib = [r for r in rows if r[0] not in held and r[0] not in controls]
    ctl = [r for r in rows if r[0] in controls]
    out = [r for r in rows if r[0] in held]
    total(calib, "total (calibration, tuned)")
    if ctl:
        total(ctl, "total (controls, tuned)")
    if out:
        total(out, "total (held out)")
    total(rows, "total (all)")
    print()
    for fam, m, hits, k, alarms, right, said, merged in rows:
        for c in sorted(said):
            if c in merged:
                verdict = "merged into " + merged[c]["into"] + (": right into" if c in right else ": wrong into")
            elif c in alarms:
                verdict = "KEPT: false alarm"
            else:
                verdict = "other"
            print(f"  {fam}: {c} -> {said[c]}  [{verdict}]")
        for c in merged:
            if c not in said:
                print(f"  {fam}: {c} missed (merged into {merged[c]['into']})")


if __name__ == "__main__":
    main(sys.argv)
