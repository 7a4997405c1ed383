#!/usr/bin/env python3
"""stress.py - `asyncc --stress-resume` on whole real C programs.

  stress.py --asyncc PATH [--cc CC] [--work DIR] [-j N] [--cflags FLAGS]
            [--min-resumable N] PROGRAM

PROGRAM is one of the programs of tests/realc/realc.py (sqlite, lua, zlib)
or of EXTRA_PROGRAMS below.  Its sources are fetched (and cached) by
tests/realc/corpus.py.  Every .c file is preprocessed (`cc -E`) and passed
through `asyncc --stress-resume`, which makes every function it can
resumable (a suspension point before every statement, locals saved to a
frame and restored, a synchronous wrapper with the original signature).
The program is then built twice - from the original sources and from
asyncc's output - and its workload (its own tests, or the scripts of
tests/realc/PROGRAM/) must give the same exit status, standard output and
standard error with both builds.

The counts of functions made resumable and skipped, with asyncc's reasons,
are printed at the end.  --cflags adds compiler flags to both builds (e.g.
-fsanitize=address,undefined).  --from-c translates the unpreprocessed .c
files instead of the .i files (asyncc then runs cpp itself).
"""

import sys
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import argparse
import collections
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "realc"))
import corpus  # noqa: E402  (fetching and caching: tests/realc)
import realc   # noqa: E402  (builds and workloads: tests/realc)

NOTE_RE = re.compile(r"^(.*?):(\d+):(?:\d+:)? note: '([^']*)' not made resumable: (.*)$")
SUMMARY_RE = re.compile(r"asyncc: note: (\d+) functions? made resumable, (\d+) skipped")

EXTRA_PROGRAMS = {}


def program_config(name):
    if name in realc.PROGRAMS:
        return realc.PROGRAMS[name]
    return EXTRA_PROGRAMS[name]


def translate(args, fails, name, srcdir, cfg, files):
    """Preprocess and stress-translate FILES; returns (map source -> output,
    counts)."""
    idir = os.path.join(args.work, "i")
    sdir = os.path.join(args.work, "stress")
    ac = os.path.abspath(args.asyncc)

    def one(f):
        src = os.path.join(srcdir, f)
        inc = ["-I" + os.path.dirname(src), "-I" + srcdir]
        flags = cfg["cppflags"] + inc
        label = "%s/%s" % (name, f)
        for d in (idir, sdir):
            os.makedirs(os.path.dirname(os.path.join(d, f)), exist_ok=True)
        if args.from_c:
            inp = src
            out = os.path.join(sdir, f)
            cmd = [ac, "--stress-resume"] + flags + [inp, "-o", out]
        else:
            inp = os.path.join(idir, f[:-2] + ".i")
            if not realc.preprocess(args.cc, src, inp, flags + args.cppflags,
                                    fails, label):
                return f, None, 0, 0, []
            # Named .c: asyncc writes #line directives, which gcc does not accept
            # in preprocessed (-x cpp-output) input.
            out = os.path.join(sdir, f[:-2] + ".stress.c")
            cmd = [ac, "--stress-resume", inp, "-o", out]
        t0 = time.monotonic()
        rc, o, e = realc.run(cmd)
        dt = time.monotonic() - t0
        err = realc.text(e)
        if rc != 0 or not os.path.exists(out):
            fails.add("%s: asyncc --stress-resume: %s" % (label, realc.status_text(rc)),
                      err)
            return f, None, 0, 0, []
        m = SUMMARY_RE.search(err)
        if not m:
            # asyncc says nothing about a file without function definitions
            if "not made resumable" in err:
                fails.add("%s: no summary line from asyncc --stress-resume"
                          % label, err)
            print("  %-28s (no summary line: no functions?)" % f)
            return f, out, 0, 0, []
        notes = []
        for line in err.splitlines():
            n = NOTE_RE.match(line)
            if n:
                notes.append((n.group(3), n.group(4), "%s:%s" % (
                    os.path.basename(n.group(1)), n.group(2))))
            elif line.startswith(" "):
                pass  # a note's source line, or its caret
            elif line.strip() and not SUMMARY_RE.search(line):
                # warnings are not failures, but show them
                print("  asyncc: %s: %s" % (label, line))
        if len(notes) != int(m.group(2)):
            fails.add("%s: %s skipped functions but %d notes" % (
                label, m.group(2), len(notes)))
        print("  %-28s %4d resumable %3d skipped  %.1fs" % (
            f, int(m.group(1)), int(m.group(2)), dt))
        return f, out, int(m.group(1)), int(m.group(2)), notes

    res = realc.pmap(one, files, args.jobs)
    outputs = {f: o for f, o, _, _, _ in res}
    made = sum(r[2] for r in res)
    skipped = sum(r[3] for r in res)
    notes = [n for r in res for n in r[4]]
    return outputs, made, skipped, notes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--asyncc", required=True)
    ap.add_argument("--cc", default=os.environ.get("CC", "cc"))
    ap.add_argument("--work")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--cflags", default="",
                    help="extra flags for compiling and linking both builds")
    ap.add_argument("--from-c", action="store_true",
                    help="translate the .c files (asyncc runs cpp) "
                    "instead of their cc -E output")
    ap.add_argument("--min-resumable", type=int, default=1,
                    help="fail if fewer functions were made resumable")
    ap.add_argument("name")
    args = ap.parse_args()
    args.cppflags = []
    cfg = dict(program_config(args.name))
    extra = shlex.split(args.cflags)
    cfg["cflags"] = cfg["cflags"] + extra
    cfg["libs"] = cfg["libs"] + extra
    keep = os.environ.get("ASYNCC_STRESS_KEEP") == "1"
    tmp = None
    if not args.work:
        tmp = args.work = tempfile.mkdtemp(prefix="asyncc-stress-")
    args.work = os.path.abspath(args.work)
    os.makedirs(args.work, exist_ok=True)
    fails = realc.Failures()
    t00 = time.monotonic()
    try:
        run(args, cfg, fails)
    finally:
        if tmp and not keep:
            shutil.rmtree(tmp, ignore_errors=True)
        elif keep or not tmp:
            print("scratch kept in %s" % args.work)
    print("stress %s: %d failures, %.1fs" % (args.name, len(fails.items),
                                            time.monotonic() - t00))
    return 1 if fails.items else 0


def run(args, cfg, fails):
    name = args.name
    t0 = time.monotonic()
    try:
        srcdir = corpus.fetch(cfg.get("corpus", name))
    except corpus.FetchError as e:
        fails.add("%s: download failed" % name, str(e))
        return
    if cfg.get("prepare"):
        srcdir = cfg["prepare"](srcdir, args, fails)
        if srcdir is None:
            return
    print("%s: sources in %s (%.1fs)" % (name, srcdir, time.monotonic() - t0))
    files = sorted({f for fs in cfg["binaries"].values() for f in fs})
    t0 = time.monotonic()
    outputs, made, skipped, notes = translate(args, fails, name, srcdir, cfg, files)
    print("%s: %d files translated in %.1fs" % (name, len(files),
                                                time.monotonic() - t0))
    t0 = time.monotonic()
    builds = {"orig": realc.build(args, fails, "orig", srcdir,
                                  lambda f: os.path.join(srcdir, f), cfg, name)}
    if all(outputs.get(f) for f in files):
        builds["stress"] = realc.build(args, fails, "stress", srcdir,
                                       lambda f: outputs[f], cfg, name)
    print("%s: built %s in %.1fs" % (name, ", ".join(builds),
                                     time.monotonic() - t0))
    t0 = time.monotonic()
    n = realc.run_workload(args, fails, cfg, {"dir": srcdir, "work": args.work},
                           builds, name)
    print("%s: %d workload runs x %d builds in %.1fs"
          % (name, n, len(builds), time.monotonic() - t0))
    if "stress" in builds and len(builds["stress"][1]) != len(cfg["binaries"]):
        fails.add("%s: not every binary of the stress build was built" % name)
    # The report.
    print("%s: %d functions made resumable, %d skipped" % (name, made, skipped))
    why = collections.Counter(reason for _, reason, _ in notes)
    for reason, k in why.most_common():
        ex = [fn + " (" + loc + ")" for fn, r, loc in notes if r == reason][:4]
        print("  %4d  %s\n        e.g. %s" % (k, reason, ", ".join(ex)))
    if made < args.min_resumable:
        fails.add("%s: only %d functions made resumable (expected at least %d)"
                  % (name, made, args.min_resumable))


if __name__ == "__main__":
    sys.exit(main())
