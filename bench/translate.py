#!/usr/bin/env python3
"""bench/translate.py - how fast asyncc reads large real C files.

On several real programs, preprocessed (fetched and cached by
tests/realc/corpus.py from the npm and Debian registries):

  sqlite3      the SQLite amalgamation sqlite3.c (FTS5, R*Tree, JSON, math)
  shell        SQLite's shell.c
  jimsh0       Jim Tcl's amalgamation (autosetup/jimsh0.c of sqlite-autoconf)
  onelua       all of Lua 5.4 in one translation unit (lapi.c ... lua.c)
  tree-sitter  tree-sitter-c's generated parser.c (tables and one switch)
  zlib         zlib's deflate.c (small: process start-up counts)

it measures, for each, in one run:

  * asyncc --check FILE.i
  * asyncc FILE.i -o TMP          (full translation)
  * gcc -fsyntax-only FILE.i

each --runs times (default 11, interleaved), and prints the medians of wall
time and of CPU time (user + system, of the process and its children: gcc's
cc1), the ratios gcc / asyncc --check (the target is >= 10 on every input),
and the peak RSS of asyncc on sqlite3.i, on its first half and on it twice
over (memory should be linear in the input).

Then, on generated files of N small async functions (N = 2,000 and 8,000
by default, --async-counts), the time and peak RSS of a full translation
per function, beside gcc -fsyntax-only on the translated C: time per
function must not grow with N (linear), and asyncc should stay well under
gcc's time on what it writes.

  bench/translate.py --asyncc build/compiler/asyncc [--runs 11] [--cc gcc]
                     [--inputs sqlite3,onelua] [--file X.i]
                     [--async-counts 2000,8000]
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


# The inputs, in the order they are reported.
INPUTS = ["sqlite3", "shell", "jimsh0", "onelua", "tree-sitter", "zlib"]

# Lua's own files, as its onelua.c (in Lua's test suite) gathers them.
LUA_FILES = ["lapi", "lcode", "lctype", "ldebug", "ldo", "ldump", "lfunc",
             "lgc", "llex", "lmem", "lobject", "lopcodes", "lparser",
             "lstate", "lstring", "ltable", "ltm", "lundump", "lvm", "lzio",
             "lauxlib", "lbaselib", "lcorolib", "ldblib", "liolib",
             "lmathlib", "loadlib", "loslib", "lstrlib", "ltablib",
             "lutf8lib", "linit", "lua"]

TIME = "/usr/bin/time"

# The benchmark and all it runs stay on one CPU: on a small shared machine a
# process that the scheduler moves between CPUs halfway through comes out up
# to 1.5x slower, and a run of 60 ms is moved often enough to make its median
# jump.  gcc runs pinned alike.
PIN_CPU = max(os.sched_getaffinity(0))


def measure(cmd, rss=False):
    """(wall seconds, peak RSS in KiB or 0, CPU seconds) of one run of cmd.
    Timed runs start cmd directly; with rss=True it runs under GNU time for
    its peak RSS (ru_maxrss lasts across exec, so a child started from this
    Python would count Python's own), which adds a process to the time."""
    rss_file = None
    if rss and os.access(TIME, os.X_OK):
        fd, rss_file = tempfile.mkstemp(prefix="asyncc-bench-rss-")
        os.close(fd)
        cmd = [TIME, "-f", "%M", "-o", rss_file] + cmd
    with tempfile.TemporaryFile() as errf:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errf)
        _, status, ru = os.wait4(p.pid, 0)
        dt = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        errf.seek(0)
        err = errf.read()
    peak = 0
    if rss_file:
        try:
            peak = int(open(rss_file).read().split()[-1])
        except (ValueError, IndexError):
            pass
        os.unlink(rss_file)
    if p.returncode != 0:
        sys.exit("benchmark: %s failed (%d):\n%s" %
                 (" ".join(cmd), p.returncode, err.decode(errors="replace")[:2000]))
    # wait4's usage covers the child's own waited-for children (gcc's cc1).
    return dt, peak, ru.ru_utime + ru.ru_stime


def series(cmd, runs):
    res = [measure(cmd) for _ in range(runs)]
    return (statistics.median(r[0] for r in res),
            measure(cmd, rss=True)[1],
            statistics.median(r[2] for r in res))


def half_of(text):
    """The text up to the end of the function definition nearest its middle
    (a line that is a lone '}' ends one in cc -E output)."""
    mid = len(text) // 2
    at = text.find(b"\n}\n", mid)
    if at < 0:
        sys.exit("benchmark: no function end after the middle")
    return text[:at + 3]


def preprocess(cc, name, tmp):
    """The preprocessed text of input NAME, written to TMP/NAME.i."""
    out = os.path.join(tmp, name + ".i")
    if name in ("sqlite3", "shell", "jimsh0"):
        src = corpus.fetch("sqlite")
        path = {"sqlite3": "sqlite3.c", "shell": "shell.c",
                "jimsh0": "autosetup/jimsh0.c"}[name]
        cmd = [cc, "-E", "-I" + src] + (SQLITE_FLAGS if name == "sqlite3" else [])
        cmd += [os.path.join(src, path)]
    elif name == "onelua":
        src = os.path.join(corpus.fetch("lua"), "src")
        unity = os.path.join(tmp, "onelua.c")
        with open(unity, "w") as f:
            for m in LUA_FILES:
                f.write('#include "%s.c"\n' % m)
        cmd = [cc, "-E", "-I" + src, "-DLUA_USE_LINUX", unity]
    elif name == "tree-sitter":
        src = os.path.join(corpus.fetch("tree-sitter-c"), "src")
        cmd = [cc, "-E", "-I" + src, os.path.join(src, "parser.c")]
    elif name == "zlib":
        src = corpus.fetch("zlib")
        cmd = [cc, "-E", "-I" + src, os.path.join(src, "deflate.c")]
    else:
        sys.exit("benchmark: unknown input %r (known: %s)" % (name, ", ".join(INPUTS)))
    subprocess.run(cmd + ["-o", out], check=True)
    return out


def bench_input(args, ac, ipath, tmp):
    """Times the three commands on IPATH; returns (wall ratio, CPU ratio)."""
    data = open(ipath, "rb").read()
    mb = len(data) / 1e6
    out = os.path.join(tmp, "out.c")
    print("%s: %.2f MB, %d lines" % (os.path.basename(ipath), mb,
                                     data.count(b"\n")))
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
    for name, cmd in rows:
        res = results[name]
        m = statistics.median(r[0] for r in res)
        c = statistics.median(r[2] for r in res)
        med[name], cpu[name] = m, c
        best[name] = min(r[0] for r in res)
        print("  %-24s %8.3f s  %8.1f MB/s  (CPU %.3f s, %.1f MB/s)"
              % (name, m, mb / m, c, mb / c))
    gname = "%s -fsyntax-only" % args.cc
    wall = med[gname] / med["asyncc --check"]
    cpur = cpu[gname] / cpu["asyncc --check"]
    print("  gcc -fsyntax-only / asyncc --check: %.1fx wall, %.1fx CPU "
          "(target >= 10x); best runs: %.1fx; translate / check: %.2fx"
          % (wall, cpur, best[gname] / best["asyncc --check"],
             med["asyncc (translate)"] / med["asyncc --check"]))
    return wall, cpur


def memory_growth(ac, ipath, tmp, runs):
    data = open(ipath, "rb").read()
    half = os.path.join(tmp, "half.i")
    double = os.path.join(tmp, "double.i")
    with open(half, "wb") as f:
        f.write(half_of(data))
    with open(double, "wb") as f:
        f.write(data + data)
    print("peak RSS of asyncc --check by input size (%s):" % os.path.basename(ipath))
    points = []
    for name, path in (("half", half), ("full", ipath), ("double", double)):
        size = os.path.getsize(path) / 1e6
        m, rss, _c = series([ac, "--check", path], max(1, min(3, runs)))
        points.append((size, rss / 1024))
        print("  %-7s %7.2f MB in  %8.1f MB RSS  %6.2f RSS/input  %.3f s"
              % (name, size, rss / 1024, rss / 1024 / size, m))
    (s0, r0), (s1, r1), (s2, r2) = points
    print("  growth: %.2f MB of RSS per MB of input from half to full, "
          "%.2f from full to double" % ((r1 - r0) / (s1 - s0),
                                        (r2 - r1) / (s2 - s1)))
    print("  (linear: about the input's own size, which is held in memory, "
          "in steps of 2 MiB huge pages)")


def many_async(n):
    """A .ca file of n small async functions, each awaiting once."""
    parts = ["#include <asyncc.h>\n"]
    for i in range(n):
        parts.append("async int f%d(int x)\n{\n\tint y = x + %d;\n"
                     "\tawait ac_yield();\n\treturn y;\n}\n\n" % (i, i))
    return "".join(parts)


def async_scaling(args, ac, tmp):
    """Translation time and memory per async function for each N."""
    counts = [int(c) for c in args.async_counts.split(",") if c]
    runs = max(1, min(5, args.runs))
    inc = os.path.join(os.path.dirname(HERE), "runtime")
    print("full translation of N small async functions (%d runs, medians):"
          % runs)
    print("  %-8s %10s %12s %12s %14s" % ("N", "asyncc s", "us/function",
                                          "KiB/function", "gcc -fsyntax s"))
    per = []
    for n in counts:
        src = os.path.join(tmp, "many%d.ca" % n)
        out = os.path.join(tmp, "many%d.c" % n)
        with open(src, "w") as f:
            f.write(many_async(n))
        m, rss, _c = series([ac, src, "-o", out], runs)
        g, _r, _c = series([args.cc, "-fsyntax-only", "-w", "-I" + inc, out], runs)
        per.append(m / n)
        print("  %-8d %10.3f %12.1f %12.1f %14.3f   asyncc / gcc: %.2fx"
              % (n, m, m / n * 1e6, rss / n, g, m / g))
    if len(per) > 1:
        print("  time per function at N=%d / at N=%d: %.2fx   (linear: about 1x)"
              % (counts[-1], counts[0], per[-1] / per[0]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--asyncc", required=True)
    ap.add_argument("--cc", default="gcc")
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--inputs", default=",".join(INPUTS),
                    help="comma-separated inputs (default: all of %s)"
                    % ", ".join(INPUTS))
    ap.add_argument("--file", help="a preprocessed file to use instead")
    ap.add_argument("--async-counts", default="2000,8000",
                    help="numbers of async functions for the scaling part "
                    "(empty: skip it)")
    args = ap.parse_args()
    os.sched_setaffinity(0, {PIN_CPU})
    ac = os.path.abspath(args.asyncc)

    with tempfile.TemporaryDirectory(prefix="asyncc-bench-") as tmp:
        if args.file:
            paths = [args.file]
        else:
            paths = [preprocess(args.cc, n, tmp)
                     for n in args.inputs.split(",") if n]
        print("%d runs each, medians; pinned to CPU %d" % (args.runs, PIN_CPU))
        ratios = []
        for p in paths:
            ratios.append((os.path.basename(p),) + bench_input(args, ac, p, tmp))
        print("gcc / asyncc --check on each input (wall, CPU):")
        for name, wall, cpur in ratios:
            print("  %-16s %5.1fx  %5.1fx%s" % (name, wall, cpur,
                  "" if min(wall, cpur) >= 10 else "   below the 10x target"))
        memory_growth(ac, paths[0], tmp, args.runs)
        async_scaling(args, ac, tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
