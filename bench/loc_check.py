#!/usr/bin/env python3
"""Independent count of code lines, to check archsplit's sizes (BENCHMARKS.md, "Sizes").

Usage: bench/loc_check.py GRAPH.json ROOT

Reads the files `archsplit graph --format json` names (each distinct file once), counts
their code lines the usual way (tokei/cloc: not blank, not only a comment; a line holding
code and a comment is code) with its own small lexer, and prints per crate archsplit's
`loc + generated_loc` beside this count. Test code archsplit leaves out (`#[cfg(test)]`
modules inline in a file) is counted here, so a crate with many inline tests reads a little
higher here; the check is the distinct-file total.
"""
import json, sys, collections, os

def code_lines(text):
    n = 0
    depth = 0          # block comment nesting
    in_str = False     # inside a plain "..." string spanning lines
    raw_hashes = None  # inside r#"..."# spanning lines
    for line in text.split('\n'):
        i, L, code = 0, len(line), False
        while i < L:
            c = line[i]
            if depth:
                if line.startswith('*/', i): depth -= 1; i += 2; continue
                if line.startswith('/*', i): depth += 1; i += 2; continue
                i += 1; continue
            if raw_hashes is not None:
                code = True
                end = '"' + '#' * raw_hashes
                j = line.find(end, i)
                if j < 0: i = L; continue
                i = j + len(end); raw_hashes = None; continue
            if in_str:
                code = True
                if c == '\\': i += 2; continue
                if c == '"': in_str = False
                i += 1; continue
            if c in ' \t\r': i += 1; continue
            if line.startswith('//', i): break
            if line.startswith('/*', i): depth += 1; i += 2; continue
            code = True
            if c == 'r' and i + 1 < L and line[i+1] in '#"' and (i == 0 or not (line[i-1].isalnum() or line[i-1] == '_')):
                j = i + 1; h = 0
                while j < L and line[j] == '#': h += 1; j += 1
                if j < L and line[j] == '"': raw_hashes = h; i = j + 1; continue
            if c == '"': in_str = True; i += 1; continue
            if c == "'":
                # char literal or lifetime: skip a char literal
                if i + 2 < L and line[i+1] == '\\':
                    j = line.find("'", i + 2); i = (j + 1) if j > 0 else i + 1; continue
                if i + 2 < L and line[i+2] == "'": i += 3; continue
            i += 1
        if code: n += 1
    return n

g = json.load(open(sys.argv[1]))
root = sys.argv[2]
seen = set()
ours = collections.Counter(); theirs = collections.Counter()
for m in g['modules']:
    ours[m['crate']] += m['loc'] + m.get('generated_loc', 0)
    for f in [m['file']] + m.get('other_files', []):
        if m['inline'] and f == m['file']:
            continue
        if f in seen: continue
        seen.add(f)
        with open(os.path.join(root, f), encoding='utf-8', errors='replace') as fh:
            theirs[m['crate']] += code_lines(fh.read())
to, tt = sum(ours.values()), sum(theirs.values())
for c in sorted(set(ours) | set(theirs)):
    t = theirs[c] or 1
    print(f"{c:32} archsplit {ours[c]:8}  files {theirs[c]:8}  {100*(ours[c]-theirs[c])/t:+6.1f}%")
print(f"{'total':32} archsplit {to:8}  files {tt:8}  {100*(to-tt)/(tt or 1):+6.1f}%")
