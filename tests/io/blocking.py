#!/usr/bin/env python3
"""Every function the blocking-call table (compiler/blocking.c) recommends
is declared in <asyncc.h>, with as many parameters as the suggestion shows.
Usage: blocking.py BLOCKING_C ASYNCC_H"""
import re
import sys


def count_params(text):
    """Top-level comma-separated items of a parameter list."""
    depth, n, seen = 0, 1, False
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            n += 1
        seen = seen or not ch.isspace()
    return 0 if not seen or text.strip() == "void" else n


table = open(sys.argv[1]).read()
header = " ".join(open(sys.argv[2]).read().split())
entries = re.findall(r'^\t\{ "\w+", "(.*)" \},$', table, re.M)
calls = set()
for text in entries:
    calls.update(re.findall(r"\b(ac_\w+)\(([^()]*)\)", text))
if not calls:
    sys.exit("no suggestions found")
bad = 0
for name, args in sorted(calls):
    m = re.search(r"\b%s\((.*?)\);" % name, header)
    if not m:
        print(f"{name}: not declared in <asyncc.h>")
        bad += 1
        continue
    want, have = count_params(m.group(1)), count_params(args)
    if want != have:
        print(f"{name}: the table passes {have} arguments, <asyncc.h> takes {want}")
        bad += 1
print(f"{len(calls)} suggestions, {bad} wrong")
sys.exit(1 if bad else 0)
