#!/usr/bin/env python3
"""strict_survey.py - which warnings generated code adds to a program's own.

Translates each tests/e2e/*.ca, compiles the generated C and the program
with async/await erased (-Dasync= -Dawait=, <asyncc.h> still included for
its types) with -Wall -Wextra and one stricter flag at a time, and lists
each warning of that flag the generated C has and the erased program has
not (at the same .ca line, or the same message at another line).  Not a
test: a survey for someone fixing what the emitter adds.

Usage: strict_survey.py ASYNCC RUNTIME_DIR [-v] [FLAG...] [-- PROG.ca...]
"""
import concurrent.futures
import os
import shutil
import re
import subprocess
import sys
import tempfile

FLAGS = ['-Wcast-qual', '-Wshadow', '-Wmissing-prototypes',
         '-Wmissing-declarations', '-Wredundant-decls', '-Wvla',
         '-Wconversion', '-Wsign-conversion', '-Warith-conversion',
         '-Wswitch-default', '-Wjump-misses-init', '-Wduplicated-branches',
         '-Wcast-align=strict', '-Wstrict-prototypes', '-Wold-style-definition',
         '-Wundef', '-Wpointer-arith', '-Wformat=2', '-Wdouble-promotion',
         '-Wfloat-equal', '-Wlogical-op', '-Wnested-externs',
         '-Wbad-function-cast', '-Wnull-dereference',
         '-Wmissing-field-initializers', '-Wsign-compare']
WARN = re.compile(r'^(.*?):(\d+):\d+: (?:warning|error): (.*) \[(-W[^\]=]+)[^\]]*\]$')


def compile_warnings(cc, level, flags, src, rt, lang_c=False, extra=()):
    """The warnings of each flag of FLAGS: {flag: [(file, line, message)]}."""
    cmd = [cc, '-std=gnu11', level, '-Wall', '-Wextra'] + flags + [
        '-Wno-unknown-warning-option', '-I', rt, '-I',
        os.path.dirname(src), '-c', '-o', '/dev/null'] + list(extra)
    if lang_c:
        cmd += ['-x', 'c']
    cmd.append(src)
    p = subprocess.run(cmd, capture_output=True, text=True)
    names = {f.split('=')[0]: f for f in flags}
    found = {}
    for line in p.stderr.splitlines():
        m = WARN.match(line)
        if m and m.group(4) in names:
            found.setdefault(names[m.group(4)], []).append(
                (os.path.basename(m.group(1)), int(m.group(2)), m.group(3)))
    return found


def survey(asyncc, rt, flags, ccs, prog):
    """The warnings each flag adds to PROG: {flag: {(cc, file, line, msg)}}."""
    base = os.path.basename(prog)[:-3]
    added = {}
    with tempfile.TemporaryDirectory() as work:
        out = os.path.join(work, base + '.c')
        if subprocess.run([asyncc, prog, '-o', out],
                          capture_output=True).returncode:
            return base, added
        for cc in ccs:
            for level in ('-O0', '-O2'):
                gen = compile_warnings(cc, level, flags, out, rt)
                if not gen:
                    continue
                own = compile_warnings(
                    cc, level, flags, prog, rt, True,
                    ['-Dasync=', '-Dawait=', '-DSYNC', '-include', 'asyncc.h'])
                for flag, ws in gen.items():
                    mine = {(f, l) for f, l, _ in own.get(flag, [])}
                    said = {msg for _, _, msg in own.get(flag, [])}
                    for f, l, msg in ws:
                        # (the program's own, at its line or another)
                        if (f, l) not in mine and msg not in said:
                            added.setdefault(flag, set()).add((cc, f, l, msg))
    return base, added


def main():
    args = sys.argv[1:]
    asyncc, rt = os.path.abspath(args[0]), os.path.abspath(args[1])
    args = args[2:]
    verbose = '-v' in args
    args = [a for a in args if a != '-v']
    progs = []
    if '--' in args:
        i = args.index('--')
        progs = args[i + 1:]
        args = args[:i]
    flags = args or FLAGS
    here = os.path.dirname(os.path.abspath(__file__))
    if not progs:
        progs = sorted(os.path.join(here, f) for f in os.listdir(here)
                       if f.endswith('.ca'))
    ccs = [cc for cc in ('gcc', 'clang') if shutil.which(cc)]
    totals = {}
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        jobs = [pool.submit(survey, asyncc, rt, flags, ccs, p) for p in progs]
        for job in jobs:
            base, added = job.result()
            for flag in flags:
                if flag not in added:
                    continue
                totals.setdefault(flag, []).append(base)
                print('%s %s: %d' % (flag, base, len(added[flag])))
                if verbose:
                    for cc, f, l, msg in sorted(added[flag]):
                        print('    %s %s:%d: %s' % (cc, f, l, msg))
    print('--- summary (programs with added warnings) ---')
    for flag in flags:
        print('%-30s %d %s' % (flag, len(totals.get(flag, [])),
                               ' '.join(totals.get(flag, []))))


main()
