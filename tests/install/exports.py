#!/usr/bin/env python3
"""The functions and variables <asyncc.h> declares that a library must
define: every declaration at file scope that is not static inline.  Prints
one name a line.  Usage: exports.py CC ASYNCC_H"""
import re
import subprocess
import sys

cc, header = sys.argv[1], sys.argv[2]
text = subprocess.run([cc, '-E', '-P', '-x', 'c', header], check=True,
                      capture_output=True, text=True).stdout
names = set()
depth = 0
decl = ''
for ch in text:
    if ch == '{':
        if depth == 0 and '(' in decl and '=' not in decl:
            decl = ''  # a function body follows (static inline)
        depth += 1
        continue
    if ch == '}':
        depth -= 1
        continue
    if depth:
        continue
    if ch == ';':
        if not re.search(r'\b(static|typedef)\b', decl):
            m = re.search(r'\b(ac_\w+)\s*\(', decl)
            if not m and re.search(r'\bextern\b', decl):
                m = re.search(r'\b(ac_\w+)\s*$', decl)  # a variable
            if m:
                names.add(m.group(1))
        decl = ''
    else:
        decl += ch
print('\n'.join(sorted(names)))
