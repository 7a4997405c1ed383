#!/usr/bin/env python3
"""oldc.py - asyncc against gcc on old C that nobody here wrote.

For every .c file of the packages below (fetched from Debian's archive and
cached by corpus.py), gcc -std=gnu11 -fsyntax-only gives its verdict and
asyncc --check, with the same flags, must give the same one:

  * gcc accepts the file: asyncc accepts it, and `asyncc FILE -o OUT` gives
    OUT == FILE byte for byte;
  * gcc rejects it with a syntax error (its first error says "expected",
    "stray", ...): asyncc rejects it too (and the first error positions are
    compared, and reported);
  * gcc rejects it for a reason of its semantic analysis (an undeclared
    name, conflicting types) or because a header it includes is missing
    (sources that want their configure step): the file is listed but not
    counted, asyncc checks no semantics.

  python3 tests/realc/oldc.py --asyncc build/compiler/asyncc [-j 2] [PACKAGE...]

Exit status 1 if any counted file disagrees (or a download fails).
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import corpus  # noqa: E402

STD = "-std=gnu11"


def torture_files(root):
    base = os.path.join(root, "gcc", "testsuite", "gcc.c-torture")
    out = []
    for sub in ("compile", "execute"):
        for d, _dirs, files in os.walk(os.path.join(base, sub)):
            out += [os.path.join(d, f) for f in files if f.endswith(".c")]
    return out


def all_c(root, skip=()):
    out = []
    for d, _dirs, files in os.walk(root):
        out += [os.path.join(d, f) for f in files
                if f.endswith(".c") and f not in skip]
    return out


def awk_prepare(root, tmp):
    """awk's grammar header ytab.h, made by bison -y (the build's yacc)."""
    gen = os.path.join(tmp, "awk-gen")
    os.makedirs(gen, exist_ok=True)
    subprocess.run(["bison", "-y", "-d", "-o", os.path.join(gen, "ytab.c"),
                    os.path.join(root, "awkgram.y")], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return ["-I" + gen]


# name -> (files of the unpacked sources, extra flags for all, preparation)
PACKAGES = {
    "gcc-torture": (torture_files, [], None),
    "tcc": (lambda r: all_c(os.path.join(r, "tests")), [], None),
    "original-awk": (lambda r: all_c(r, skip=("ytab.c",)), [], awk_prepare),
    "ncompress": (all_c, [], None),
    "bsdgames": (all_c, ["-Iinclude"], None),
    "pcc": (all_c, [], None),
}

SYNTAX = re.compile(r"error: (expected|stray|missing terminating|unterminated"
                    r"|invalid suffix|extended character|universal character"
                    r"|\\u[0-9a-fA-F]+ is not|.*not valid at the start)")


def first_error(stderr):
    for line in stderr.splitlines():
        if ": error: " in line or ": fatal error: " in line:
            return line
    return ""


def position(line):
    m = re.match(r"^([^:]*:\d+:\d+):", line)
    return m.group(1) if m else ""


def check_file(args, root, path, flags, tmp):
    rel = os.path.relpath(path, root)
    cmd_flags = [STD, "-I" + os.path.dirname(path)] + flags
    g = subprocess.run([args.cc, "-fsyntax-only", "-w",
                        "-fdiagnostics-color=never"] + cmd_flags + [path],
                       cwd=root, capture_output=True, text=True,
                       errors="replace", timeout=300)
    a = subprocess.run([args.asyncc, "--check", "-fdiagnostics-color=never"]
                       + cmd_flags + [path], cwd=root, capture_output=True,
                       text=True, errors="replace", timeout=300)
    gerr = first_error(g.stderr)
    if g.returncode == 0:
        if a.returncode != 0:
            return rel, "accepted", "asyncc rejects: " + first_error(a.stderr)
        out = os.path.join(tmp, "%d.out" % abs(hash(path)))
        t = subprocess.run([args.asyncc] + cmd_flags + [path, "-o", out],
                           cwd=root, capture_output=True, text=True,
                           errors="replace", timeout=300)
        if t.returncode != 0:
            return rel, "accepted", "asyncc fails to translate it (status %d): %s" % (
                t.returncode, t.stderr[-500:])
        same = open(out, "rb").read() == open(path, "rb").read()
        os.unlink(out)
        return rel, "accepted", "" if same else "output differs from the input"
    if "fatal error" in gerr or "#error" in gerr:
        return rel, "no-cpp", gerr
    if not SYNTAX.search(gerr):
        return rel, "semantic", gerr
    if a.returncode == 0:
        return rel, "syntax", "asyncc accepts; gcc: " + gerr
    gpos, apos = position(gerr), position(first_error(a.stderr))
    return rel, "syntax", "", (gpos == apos, gpos, apos)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--asyncc", required=True)
    ap.add_argument("--cc", default="gcc")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--every", type=int, default=1,
                    help="check one file in N of each package (the test "
                         "suite's share of the run; 1, the default: all)")
    ap.add_argument("packages", nargs="*", default=sorted(PACKAGES))
    args = ap.parse_args()
    args.asyncc = os.path.abspath(args.asyncc)
    bad = 0
    totals = {"accepted": [0, 0], "syntax": [0, 0], "semantic": 0, "no-cpp": 0}
    positions = [0, 0]
    with tempfile.TemporaryDirectory(prefix="asyncc-oldc-") as tmp:
        for name in args.packages:
            files_of, flags, prepare = PACKAGES[name]
            root = corpus.fetch(name)
            extra = prepare(root, tmp) if prepare else []
            files = sorted(files_of(root))[::max(args.every, 1)]
            with ThreadPoolExecutor(args.jobs) as ex:
                res = list(ex.map(lambda p: check_file(args, root, p, flags + extra, tmp),
                                  files))
            counts = {"accepted": [0, 0], "syntax": [0, 0], "semantic": 0, "no-cpp": 0}
            for r in res:
                rel, kind, problem = r[0], r[1], r[2]
                if kind in ("semantic", "no-cpp"):
                    counts[kind] += 1
                    totals[kind] += 1
                    continue
                counts[kind][0] += 1
                totals[kind][0] += 1
                if problem:
                    print("  DISAGREE %s/%s: %s" % (name, rel, problem))
                    bad += 1
                else:
                    counts[kind][1] += 1
                    totals[kind][1] += 1
                if len(r) > 3:
                    same, gpos, apos = r[3]
                    positions[0] += 1
                    positions[1] += same
                    if not same:
                        print("  position %s/%s: gcc %s, asyncc %s"
                              % (name, rel, gpos, apos))
            print("%-13s %5d files: gcc accepts %d (asyncc agrees, output "
                  "identical: %d); syntax errors %d (asyncc rejects: %d); "
                  "not counted: %d semantic, %d missing headers"
                  % (name, len(files), counts["accepted"][0], counts["accepted"][1],
                     counts["syntax"][0], counts["syntax"][1], counts["semantic"],
                     counts["no-cpp"]), flush=True)
    n = totals["accepted"][0] + totals["syntax"][0]
    agree = totals["accepted"][1] + totals["syntax"][1]
    print("total: %d files counted, asyncc agrees with gcc on %d (%.2f%%); "
          "gcc accepts %d, asyncc passes all but %d through unchanged; "
          "first syntax error at gcc's position in %d of %d; not counted: "
          "%d (semantic errors), %d (missing headers)"
          % (n, agree, 100.0 * agree / max(n, 1), totals["accepted"][0],
             totals["accepted"][0] - totals["accepted"][1], positions[1],
             positions[0], totals["semantic"], totals["no-cpp"]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
