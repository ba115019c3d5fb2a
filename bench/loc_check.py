#!/usr/bin/env python3
"""Independent count of code lines, to check archsplit's sizes (BENCHMARKS.md, "Sizes").

Usage: bench/loc_check.py GRAPH.json ROOT

Reads the files `archsplit graph --format json` names (each distinct file once), counts
their code lines the usual way (tokei/cloc: not blank, not only a comment; a line holding
code and a comment is code) with its own small lexer, and prints per crate archsplit's
`loc + generated_loc` beside this count. Like archsplit without `--include-tests`, it leaves
out test code: an item under `#[cfg(test)]` or `#[test]` (from the attribute to the end of
its braces, or its `;`).
"""
import json, sys, collections, os

def code_lines(text):
    return sum(1 for c in line_flags(text) if c)


def line_flags(text):
    """Per line: is it code that is not test code?"""
    flags = []
    test_from = None   # line index where a test item starts
    depth = 0          # brace depth inside the test item
    opened = False
    for i, (flag, chars) in enumerate(lex_lines(text)):
        stripped = chars.strip()
        if test_from is None and (stripped.startswith('#[cfg(test)]') or stripped.startswith('#[test]')):
            test_from, depth, opened = i, 0, False
        if test_from is not None:
            flags.append(False)
            for c in chars:
                if c == '{':
                    depth += 1; opened = True
                elif c == '}':
                    depth -= 1
                elif c == ';' and not opened and depth == 0 and not stripped.startswith('#['):
                    opened = True  # `mod tests;` ends here
            if opened and depth <= 0:
                test_from = None
            continue
        flags.append(flag)
    return flags


def lex_lines(text):
    """Per line: (holds code, the line's code characters outside strings and comments)."""
    out = []
    depth = 0          # block comment nesting
    in_str = False     # inside a plain "..." string spanning lines
    raw_hashes = None  # inside r#"..."# spanning lines
    for line in text.split('\n'):
        i, L, code = 0, len(line), False
        kept = []
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
            kept.append(c)
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
        out.append((code, ''.join(kept)))
    return out

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
