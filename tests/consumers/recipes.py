#!/usr/bin/env python3
"""The recipes of docs/build-integration.md are the consumer projects the
consumer tests build: each code block below a `<!-- PATH -->` line must be
the file PATH, byte for byte.  Usage: recipes.py SOURCE_ROOT"""
import os
import re
import sys

root = sys.argv[1]
doc = os.path.join(root, 'docs', 'build-integration.md')
text = open(doc, encoding='utf-8').read()
blocks = re.findall(r'^<!-- (\S+) -->\n```\w*\n(.*?)^```$', text, re.M | re.S)
want = {'tests/consumers/make/Makefile', 'tests/consumers/meson/meson.build',
        'tests/consumers/cmake/CMakeLists.txt'}
bad = 0
for path, body in blocks:
    with open(os.path.join(root, path), encoding='utf-8') as f:
        if f.read() != body:
            print(f'{doc}: the block for {path} is not that file')
            bad += 1
missing = want - {p for p, _ in blocks}
if missing:
    print(f'{doc}: no recipe for {", ".join(sorted(missing))}')
    bad += 1
if bad:
    sys.exit(1)
print(f'{len(blocks)} recipes, the same as the consumer projects')
