#!/usr/bin/env python3
"""bench/translate.py - how fast asyncc reads a large real C file.

On the SQLite amalgamation, preprocessed (sqlite3.c from the sqlite-autoconf
tarball the npm package 'sqlite3' bundles; fetched and cached by
tests/realc/corpus.py), measures in one run:

  * asyncc --check FILE.i
  * asyncc FILE.i -o TMP          (full translation)
  * gcc -fsyntax-only FILE.i

each --runs times (default 11, interleaved), and prints the medians as seconds and MB/s, the
ratio gcc / asyncc --check (the target is >= 10), and the peak RSS of asyncc
on the file, on its first half and on the file twice over (memory should be
linear in the input).

  bench/translate.py --asyncc build/compiler/asyncc [--runs 11] [--cc gcc]
  ninja -C build benchmark      (runs it through meson; see bench/README.md)
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "realc"))
import corpus  # noqa: E402

SQLITE_FLAGS = ["-DSQLITE_ENABLE_FTS5", "-DSQLITE_ENABLE_MATH_FUNCTIONS",
                "-DSQLITE_ENABLE_RTREE", "-DSQLITE_ENABLE_JSON1"]


TIME = "/usr/bin/time"


def measure(cmd):
    """(wall seconds, peak RSS in KiB, CPU seconds) of one run of cmd.
    The peak RSS comes from GNU time when it is there: ru_maxrss lasts
    across exec, so a child forked from this Python would start out as big
    as Python."""
    rss_file = None
    if os.access(TIME, os.X_OK):
        fd, rss_file = tempfile.mkstemp(prefix="asyncc-bench-rss-")
        os.close(fd)
        cmd = [TIME, "-f", "%M", "-o", rss_file] + cmd
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    p.stderr.close()
    rss = ru.ru_maxrss
    if rss_file:
        try:
            rss = int(open(rss_file).read().split()[-1])
        except (ValueError, IndexError):
            pass
        os.unlink(rss_file)
    if p.returncode != 0:
        sys.exit("benchmark: %s failed (%d):\n%s" %
                 (" ".join(cmd), p.returncode, err.decode(errors="replace")[:2000]))
    # wait4's usage covers the child's own waited-for children (gcc's cc1).
    return dt, rss, ru.ru_utime + ru.ru_stime


def series(cmd, runs):
    res = [measure(cmd) for _ in range(runs)]
    return (statistics.median(r[0] for r in res), max(r[1] for r in res),
            statistics.median(r[2] for r in res))


def half_of(text):
    """The text up to the end of the function definition nearest its middle
    (a line that is a lone '}' ends one in cc -E output)."""
    mid = len(text) // 2
    at = text.find(b"\n}\n", mid)
    if at < 0:
        sys.exit("benchmark: no function end after the middle")
    return text[:at + 3]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--asyncc", required=True)
    ap.add_argument("--cc", default="gcc")
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--file", help="a preprocessed file to use instead of "
                    "sqlite3.c")
    args = ap.parse_args()
    ac = os.path.abspath(args.asyncc)

    with tempfile.TemporaryDirectory(prefix="asyncc-bench-") as tmp:
        if args.file:
            ipath = args.file
        else:
            src = os.path.join(corpus.fetch("sqlite"), "sqlite3.c")
            ipath = os.path.join(tmp, "sqlite3.i")
            subprocess.run([args.cc, "-E"] + SQLITE_FLAGS + [src, "-o", ipath],
                           check=True)
        data = open(ipath, "rb").read()
        mb = len(data) / 1e6
        lines = data.count(b"\n")
        half = os.path.join(tmp, "half.i")
        double = os.path.join(tmp, "double.i")
        with open(half, "wb") as f:
            f.write(half_of(data))
        with open(double, "wb") as f:
            f.write(data + data)
        out = os.path.join(tmp, "out.c")

        print("input: %s, %.2f MB, %d lines; %d runs each, medians"
              % (os.path.basename(ipath), mb, lines, args.runs))
        rows = [
            ("asyncc --check", [ac, "--check", ipath]),
            ("asyncc (translate)", [ac, ipath, "-o", out]),
            ("%s -fsyntax-only" % args.cc, [args.cc, "-fsyntax-only", "-w", ipath]),
        ]
        # Interleaved (one run of each command in turn, --runs times), so
        # that a noisy spell on a shared machine slows all three alike.
        results = {name: [] for name, _cmd in rows}
        for _ in range(args.runs):
            for name, cmd in rows:
                results[name].append(measure(cmd))
        med, cpu, best = {}, {}, {}
        for name, _cmd in rows:
            res = results[name]
            m = statistics.median(r[0] for r in res)
            c = statistics.median(r[2] for r in res)
            rss = max(r[1] for r in res)
            med[name], cpu[name] = m, c
            best[name] = min(r[0] for r in res)
            print("  %-24s %8.3f s  %8.1f MB/s  (CPU %.3f s, %.1f MB/s)  "
                  "peak RSS %7.1f MB" % (name, m, mb / m, c, mb / c, rss / 1024))
        gname = "%s -fsyntax-only" % args.cc
        print("gcc -fsyntax-only / asyncc --check: %.1fx wall, %.1fx CPU "
              "(target >= 10x); best runs: %.1fx"
              % (med[gname] / med["asyncc --check"],
                 cpu[gname] / cpu["asyncc --check"],
                 best[gname] / best["asyncc --check"]))
        print("  translate / check: %.2fx" % (med["asyncc (translate)"] /
                                            med["asyncc --check"]))

        print("peak RSS of asyncc --check by input size:")
        base = None
        for name, path in (("half", half), ("full", ipath), ("double", double)):
            size = os.path.getsize(path) / 1e6
            m, rss, _c = series([ac, "--check", path], max(1, min(3, args.runs)))
            if name == "full":
                base = (size, rss)
            print("  %-7s %7.2f MB in  %8.1f MB RSS  %6.2f RSS/input  %.3f s"
                  % (name, size, rss / 1024, rss / 1024 / size, m))
        print("  (RSS/input roughly constant = memory linear in input size)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
