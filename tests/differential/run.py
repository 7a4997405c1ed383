#!/usr/bin/env python3
"""run.py - differential tests: each async program is run (a) translated by
asyncc and linked with libasyncc and (b) compiled directly as C with async
and await erased (-DSYNC -Dasync= -Dawait= -include sync.h); the exit
status and standard output must be identical.

  run.py --asyncc A --lib LIBASYNCC.a --runtime DIR [--cc gcc|clang]
         [--cflags F] [-j N]
         [--seeds FIRST:LAST[,FIRST:LAST...]] [--forms F,..] [--without F,..]
         [--classify] [--quiet] [--no-werror] [FILE.ca ...]

--cc names the compiler that builds both programs (default gcc; clang, or a
path or name that contains "clang", gets the programs gen.py writes for
clang).  --seeds runs the programs gen.py makes for seeds FIRST..LAST (inclusive;
any range, e.g. 1:5000); --forms/--without choose the forms gen.py adds
(gen.py --list-forms); --classify ends with the failures grouped by their
first error (the form of the first differing trace line, for outputs that
differ) and --quiet prints only that summary; --no-werror builds asyncc's
output without -Werror, to see the wrong results a warning hides.  The FILE.ca arguments are
hand-written programs.  A program fails when the builds print differently,
when either does not build (the erased one first: a generator bug), and
when either run does not finish in RUN_TIMEOUT seconds.  On a failure the
program and both outputs are kept in $ASYNCC_DIFF_KEEP (default: a
directory named in the message), and the message ends with the command
that runs that program alone again.
"""

import sys
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import argparse
import concurrent.futures
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen  # noqa: E402

CFLAGS = ["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-g", "-O0"]
# Seconds a build of one program may take, and a run (the programs finish
# in milliseconds, under the sanitizers too): a run that does not finish
# fails the program, also when both builds loop and print the same.
BUILD_TIMEOUT = 120
RUN_TIMEOUT = 10


def sh(cmd, timeout=BUILD_TIMEOUT, cwd=None):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout, cwd=cwd)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        return -9, e.stdout or b"", (e.stderr or b"") + b"\n[timed out]"


def check(args, name, src_text, work):
    """None if the two builds agree, else a description of the failure."""
    d = os.path.join(work, name)
    os.makedirs(d, exist_ok=True)
    ca = os.path.join(d, name + ".ca")
    with open(ca, "w") as f:
        f.write(src_text)
    extra = shlex.split(args.cflags)
    # (clang 14 reads C2x attributes, [[...]], in C11 only when told to;
    # later clangs always do)
    if args.family == "clang" and "[[" in src_text:
        extra.append("-fdouble-square-bracket-attributes")
    # (b) async and await erased, built first: what fails here is the
    # generator's, not the translation's
    exe_s = os.path.join(d, "sync")
    rc, o, e = sh([args.cc] + CFLAGS + extra +
                  ["-DSYNC", "-Dasync=", "-Dawait=", "-include",
                   os.path.join(HERE, "sync.h"), "-x", "c", ca, "-x", "none",
                   "-lm", "-o", exe_s])
    if rc != 0:
        return ("the program does not compile as plain C (a generator bug?):\n%s"
                % e.decode(errors="replace")[:3000])
    # (a) asyncc
    c = os.path.join(d, name + ".c")
    rc, o, e = sh([args.asyncc, "-I", args.runtime, ca, "-o", c])
    if rc != 0:
        return "asyncc failed (exit %d):\n%s" % (rc, e.decode(errors="replace"))
    exe_a = os.path.join(d, "async")
    cflags = [f for f in CFLAGS if f != "-Werror"] if args.no_werror else CFLAGS
    rc, o, e = sh([args.cc] + cflags + extra + ["-I", args.runtime, c, args.lib,
                                              "-luv", "-lpthread", "-lm", "-o", exe_a])
    if rc != 0:
        return "asyncc's output does not compile:\n%s" % e.decode(errors="replace")[:3000]
    ra = sh([exe_a], timeout=RUN_TIMEOUT, cwd=d)
    rs = sh([exe_s], timeout=RUN_TIMEOUT, cwd=d)
    late = [tag for tag, r in (("asyncc's build", ra), ("the erased build", rs))
            if r[2].endswith(b"[timed out]")]
    if late:
        return ("%s did not finish in %d s%s" % (
            " and ".join(late), RUN_TIMEOUT,
            " (the program does not end: a generator bug, for a seed)"
            if len(late) == 2 else ""))
    if ra[0] != rs[0] or ra[1] != rs[1] or ra[2] != rs[2]:
        for tag, r in (("async", ra), ("sync", rs)):
            with open(os.path.join(d, tag + ".out"), "wb") as f:
                f.write(r[1])
            with open(os.path.join(d, tag + ".err"), "wb") as f:
                f.write(r[2])
        dp = subprocess.run(["diff", "-u", os.path.join(d, "sync.out"),
                             os.path.join(d, "async.out")],
                            stdout=subprocess.PIPE, text=True, errors="replace")
        return ("outputs differ: exit %d (asyncc) vs %d (sync)\n%s\n%s"
                % (ra[0], rs[0], "\n".join(dp.stdout.splitlines()[:40]),
                   ra[2].decode(errors="replace")[-1500:]))
    return None


def classify(msg):
    """A short name for the kind of a failure: its first error line with
    paths, numbers and generated names made generic."""
    lines = msg.splitlines()
    head = lines[0] if lines else ""
    if head.startswith("outputs differ"):
        for l in lines[1:]:
            if l.startswith("-") and not l.startswith("---"):
                m = re.match(r"-([a-z-]+?)\d+:", l)
                return "outputs differ at a '%s' line" % (m.group(1) if m else "base")
            if l.startswith("+") and not l.startswith("+++"):
                return "outputs differ: the translation prints more"
        return head.split("\n")[0][:80]
    errs = [l for l in lines[1:] if re.search(r"\berror\b", l)]
    for l in errs or [l for l in lines[1:] if re.search(r"\bwarning\b", l)]:
        l = re.sub(r"^\S*?:\d+:(\d+:)?\s*", "", l.strip())
        l = re.sub(r"\b(ac_[A-Za-z]+?)_?\d+(_\d+)?\b", r"\1N", l)
        l = re.sub(r"\b\d+\b", "N", l)
        l = re.sub(r"; did you mean .*", "", l)
        return "%s: %s" % (head.rstrip(":").split(" (")[0], l[:140])
    return head[:120]


def rerun_command(args):
    """The command line that runs a failing program again, with the
    options it failed with."""
    cmd = ["python3", os.path.abspath(__file__), "--asyncc", args.asyncc,
           "--lib", args.lib, "--runtime", os.path.abspath(args.runtime),
           "--cc", args.cc]
    if args.cflags:
        cmd.append("--cflags=" + args.cflags)
    for opt in ("forms", "without"):
        if getattr(args, opt):
            cmd.append("--%s=%s" % (opt, getattr(args, opt)))
    if args.no_werror:
        cmd.append("--no-werror")
    return " ".join(shlex.quote(c) for c in cmd)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--asyncc", required=True)
    ap.add_argument("--lib", required=True)
    ap.add_argument("--runtime", required=True)
    ap.add_argument("--cflags", default="")
    ap.add_argument("--cc", default="gcc",
                    help="the C compiler that builds both programs: gcc or "
                    "clang, or a path whose name begins with one of them; "
                    "gen.py writes the programs for it")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--seeds")
    ap.add_argument("--forms")
    ap.add_argument("--without")
    ap.add_argument("--classify", action="store_true")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--no-werror", action="store_true",
                    help="build asyncc's output without -Werror (to find the "
                    "wrong results that a warning hides; not for CI)")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    forms = gen.parse_forms(args.forms, args.without)
    args.asyncc = os.path.abspath(args.asyncc)
    args.family = "clang" if "clang" in os.path.basename(args.cc) else "gcc"
    if not shutil.which(args.cc):
        print("%s is missing (scripts/install-deps installs gcc and clang)" % args.cc)
        return 1
    args.lib = os.path.abspath(args.lib)
    cases = []  # (name, its text, what reruns it alone)
    for rng in (args.seeds.split(",") if args.seeds else []):
        a, b = (int(x) for x in rng.split(":"))
        for s in range(a, b + 1):
            cases.append(("seed%d" % s, lambda s=s: gen.Gen(s, forms, args.family).program(),
                          "--seeds %d:%d" % (s, s)))
    for f in args.files:
        cases.append((os.path.basename(f)[:-3], lambda f=f: open(f).read(),
                      shlex.quote(os.path.abspath(f))))
    rerun = {n: again for n, _, again in cases}
    keep = os.environ.get("ASYNCC_DIFF_KEEP")
    work = keep or tempfile.mkdtemp(prefix="asyncc-diff-")
    os.makedirs(work, exist_ok=True)
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        res = list(ex.map(lambda c: (c[0], check(args, c[0], c[1](), work)), cases))
    failed = [(n, r) for n, r in res if r]
    for n, r in failed:
        if not args.quiet:
            print("FAIL %s (kept in %s):\n    %s\n  rerun: %s %s" % (
                n, os.path.join(work, n), r.replace("\n", "\n    "),
                rerun_command(args), rerun[n]))
    if args.classify or args.quiet:
        kinds = {}
        for n, r in failed:
            kinds.setdefault(classify(r), []).append(n)
        for k, ns in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
            print("%4d  %s\n      %s" % (len(ns), k, " ".join(ns[:12]) +
                                        (" ..." if len(ns) > 12 else "")))
    if not failed and not keep:
        subprocess.run(["rm", "-rf", work])
    print("%d programs, %d passed, %d failed" % (len(res), len(res) - len(failed),
                                                 len(failed)))
    return 1 if failed or not res else 0


if __name__ == "__main__":
    sys.exit(main())
