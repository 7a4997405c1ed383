#!/usr/bin/env python3
"""realc.py - asyncc against real C code that nobody here wrote.

  realc.py [common options] headers FILE.c
      FILE.c (which includes many system headers), for each of a few compiler
      flag sets: `asyncc --check` passes on it and on its `cc -E` form, and
      `asyncc` gives both back byte for byte.

  realc.py [common options] program NAME
      Package NAME of corpus.py (fetched at test time, cached): for every .c
      file, original and preprocessed, `asyncc --check` exits 0 and
      `asyncc X -o Y` gives Y == X.  Then the program is built three times -
      from the original files, from asyncc's output for the .c files and from
      asyncc's output for the .i files - and a workload (the program's own
      tests, or scripts in tests/realc/NAME/) must give the same exit status,
      standard output and standard error with every build.

  realc.py [common options] errpos
      Syntax errors injected into real files (a ';', ')' or '}' deleted, a
      stray token inserted): `asyncc --check` must report its first error at
      the same FILE:LINE:COL as `gcc -fsyntax-only`.

Common options: --asyncc PATH (required), --cc PROGRAM (default cc),
--work DIR (scratch; default a temporary directory), -j N.

Environment:
  ASYNCC_CACHE            where downloads are kept (default ~/.cache/asyncc-realc)
  ASYNCC_REALC_FLAGS      extra asyncc options for every translation, e.g.
                          "--stress-resume" (split like a shell would)
  ASYNCC_REALC_IDENTITY   1: require output == input; 0: don't.  Default: 1
                          when ASYNCC_REALC_FLAGS is empty, else 0
  ASYNCC_REALC_CFLAGS, ASYNCC_REALC_LIBS
                          extra flags for compiling/linking asyncc's output
                          (e.g. -I runtime and -lasyncc once it needs them)
  ASYNCC_REALC_KEEP       1: keep the scratch directory
"""

import argparse
import concurrent.futures
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import corpus  # noqa: E402

REALC_FLAGS = shlex.split(os.environ.get("ASYNCC_REALC_FLAGS", ""))
IDENTITY = os.environ.get("ASYNCC_REALC_IDENTITY",
                          "0" if REALC_FLAGS else "1") == "1"
OUT_CFLAGS = shlex.split(os.environ.get("ASYNCC_REALC_CFLAGS", ""))
OUT_LIBS = shlex.split(os.environ.get("ASYNCC_REALC_LIBS", ""))


class Failures:
    def __init__(self):
        self.items = []

    def add(self, what, detail=""):
        detail = detail.strip()
        if len(detail) > 2000:
            detail = detail[:2000] + "\n[...]"
        self.items.append(what)
        print("FAIL: %s" % what)
        if detail:
            print("    " + detail.replace("\n", "\n    "))
        sys.stdout.flush()


def run(cmd, cwd=None, timeout=600, stdin=None, env=None):
    """(exit status, stdout, stderr) as bytes; -9 and a note on a time-out."""
    try:
        p = subprocess.run(cmd, cwd=cwd, stdin=stdin, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout, env=env)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        return -9, e.stdout or b"", (e.stderr or b"") + b"\n[timed out]"


def text(b):
    return b.decode("utf-8", "replace")


def status_text(rc):
    if rc < 0:
        return "killed by signal %d" % -rc
    return "exit %d" % rc


def pmap(fn, items, jobs):
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as ex:
        return list(ex.map(fn, items))


# ------------------------------------------------------------- translation

class Asyncc:
    def __init__(self, path, cc, fails):
        self.path = os.path.abspath(path)
        self.cc = cc
        self.fails = fails
        self.count = 0

    def check_and_translate(self, src, out, cppflags, label):
        """asyncc --check SRC; asyncc SRC -o OUT; OUT == SRC.  True if OUT
        was written."""
        self.count += 1
        base = [self.path] + REALC_FLAGS + cppflags
        t0 = time.monotonic()
        rc, o, e = run(base + ["--check", src])
        dt = time.monotonic() - t0
        if rc != 0:
            self.fails.add("%s: asyncc --check: %s" % (label, status_text(rc)),
                           text(e))
        elif e.strip():
            print("note: %s: asyncc --check said:\n%s" % (label, text(e)[:1000]))
        if os.path.exists(out):
            os.unlink(out)
        rc, o, e = run(base + [src, "-o", out])
        if rc != 0 or not os.path.exists(out):
            self.fails.add("%s: asyncc: %s" % (label, status_text(rc)), text(e))
            return False
        if IDENTITY:
            a = open(src, "rb").read()
            b = open(out, "rb").read()
            if a != b:
                self.fails.add("%s: asyncc output differs from its input"
                               % label, first_difference(a, b))
        return dt


def first_difference(a, b):
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    line = a.count(b"\n", 0, n) + 1
    return ("sizes %d and %d; first difference at byte %d (line %d):\n"
            "  input:  %r\n  output: %r" %
            (len(a), len(b), n, line, a[n:n + 60], b[n:n + 60]))


def preprocess(cc, src, out, cppflags, fails, label):
    rc, o, e = run([cc, "-E"] + cppflags + [src, "-o", out])
    if rc != 0:
        fails.add("%s: %s -E failed" % (label, cc), text(e))
        return False
    return True


# ------------------------------------------------------------- headers

HEADER_FLAG_SETS = [
    [],
    ["-std=c11"],
    ["-std=gnu17", "-O2", "-D_FORTIFY_SOURCE=2", "-pthread"],
    ["-std=gnu2x", "-D_FILE_OFFSET_BITS=64", "-D_TIME_BITS=64"],
]


def pkg_cflags(*names):
    rc, o, e = run(["pkg-config", "--cflags"] + list(names))
    return shlex.split(text(o)) if rc == 0 else []


def cmd_headers(args, fails):
    src = os.path.abspath(args.file)
    ac = Asyncc(args.asyncc, args.cc, fails)
    extra = pkg_cflags("libuv", "check")
    for i, flags in enumerate(HEADER_FLAG_SETS):
        label = "%s [%s]" % (os.path.basename(src), " ".join(flags) or "default")
        # asyncc's own cpp run takes -D/-I/-U/-std; the rest is for cc -E.
        cpp_for_asyncc = [f for f in flags + extra
                          if f.startswith(("-D", "-I", "-U", "-std="))]
        ipath = os.path.join(args.work, "headers%d.i" % i)
        if not preprocess(args.cc, src, ipath, flags + extra, fails, label):
            continue
        lines = open(ipath, "rb").read().count(b"\n")
        ac.check_and_translate(src, os.path.join(args.work, "headers%d.out.c" % i),
                               cpp_for_asyncc, label)
        ac.check_and_translate(ipath, os.path.join(args.work, "headers%d.out.i" % i),
                               [], label + " (.i, %d lines)" % lines)
    # And the program still builds and runs from asyncc's output.
    out = os.path.join(args.work, "headers0.out.c")
    if os.path.exists(out):
        exe = os.path.join(args.work, "headers")
        libs = shlex.split(text(run(["pkg-config", "--libs", "libuv", "check"])[1]))
        rc, o, e = run([args.cc, "-w", "-x", "c", out, "-o", exe] + extra +
                       OUT_CFLAGS + libs + OUT_LIBS + ["-lm", "-pthread"])
        if rc != 0:
            fails.add("headers: asyncc's output does not compile", text(e))
        else:
            rc, o, e = run([exe], cwd=args.work, timeout=60)
            if rc != 0 or not o.startswith(b"127.0.0.1:8080 1 "):
                fails.add("headers: the program built from asyncc's output "
                          "failed: %s" % status_text(rc), text(o + e))
    return ac.count


# ------------------------------------------------------------- programs

def sqlite_workload(ctx):
    runs = []
    for sql in sorted(glob.glob(os.path.join(HERE, "sqlite", "*.sql"))):
        runs.append(("sqlite3 < " + os.path.basename(sql),
                     ["sqlite3", "-batch", "-bail", "test.db"], sql))
    runs.append(("sqlite3 -json", ["sqlite3", "-json", ":memory:",
                 "select 1 as a, 'x' as b, null as c, 2.5 as d;"
                 "select json_group_array(value) from generate_series(1,5);"],
                 None))
    runs.append(("sqlite3 (error)", ["sqlite3", ":memory:",
                 "select 1; select * from nosuch; select 2;"], None))
    return runs


def jimsh_workload(ctx):
    runs = []
    for f in sorted(glob.glob(os.path.join(HERE, "jimsh", "*.tcl"))):
        runs.append(("jimsh " + os.path.basename(f), ["jimsh", f], None))
    # autosetup, the Tcl program sqlite's configure runs with this jimsh.
    auto = os.path.join(ctx["dir"], "autosetup")
    runs.append(("jimsh autosetup --help", ["jimsh", os.path.join(auto, "autosetup"),
                                            "--help"], None))
    runs.append(("jimsh autosetup --reference", ["jimsh", os.path.join(auto, "autosetup"),
                                                 "--reference=text"], None))
    return runs


def lua_workload(ctx):
    runs = []
    for f in sorted(glob.glob(os.path.join(HERE, "lua", "*.lua"))):
        runs.append(("lua " + os.path.basename(f), ["lua", f], None))
        runs.append(("luac -l -l -p " + os.path.basename(f),
                     ["luac", "-l", "-l", "-p", f], None))
    runs.append(("lua -e (error)", ["lua", "-e", "print(_VERSION, 1 // 0 == nil)",
                            "-e", "error('boom')"], None))
    return runs


def zlib_workload(ctx):
    # Data to compress: the sources of the package, concatenated in order.
    data = os.path.join(ctx["work"], "data.txt")
    with open(data, "wb") as f:
        for p in sorted(glob.glob(os.path.join(ctx["dir"], "*.[ch]"))):
            f.write(open(p, "rb").read())
    runs = [("example", ["example", "example.gz"], None),
            ("infcover", ["infcover"], None)]
    for lvl in ("-1", "-6", "-9", "-h", "-f"):
        runs.append(("minigzip %s | minigzip -d" % lvl,
                     ["sh", "-c", 'B=$(dirname "$0"); "$B/minigzip" %s < "$1" '
                      '> z.gz && od -An -tx1 z.gz | cksum && '
                      '"$B/minigzip" -d < z.gz | cmp - "$1" && '
                      'echo roundtrip ok' % lvl, "{bin}/minigzip", data], None))
    return runs


LUA_CORE = ["lapi", "lcode", "lctype", "ldebug", "ldo", "ldump", "lfunc",
            "lgc", "llex", "lmem", "lobject", "lopcodes", "lparser", "lstate",
            "lstring", "ltable", "ltm", "lundump", "lvm", "lzio"]
LUA_LIB = ["lauxlib", "lbaselib", "lcorolib", "ldblib", "liolib", "lmathlib",
           "loadlib", "loslib", "lstrlib", "ltablib", "lutf8lib", "linit"]
ZLIB_LIB = ["adler32", "compress", "crc32", "deflate", "gzclose", "gzlib",
            "gzread", "gzwrite", "infback", "inffast", "inflate", "inftrees",
            "trees", "uncompr", "zutil"]

PROGRAMS = {
    "sqlite": {
        "files": ["sqlite3.c", "shell.c"],
        "cppflags": ["-DSQLITE_ENABLE_FTS5", "-DSQLITE_ENABLE_MATH_FUNCTIONS",
                     "-DSQLITE_ENABLE_RTREE", "-DSQLITE_THREADSAFE=0",
                     "-DSQLITE_DQS=0", "-DHAVE_READLINE=0"],
        "cflags": ["-O0"],
        "binaries": {"sqlite3": ["sqlite3.c", "shell.c"]},
        "libs": ["-lm"],
        "workload": sqlite_workload,
    },
    "lua": {
        "files": ["src/*.c"],
        "cppflags": ["-DLUA_COMPAT_5_3", "-DLUA_USE_LINUX"],
        "cflags": ["-O0"],
        "binaries": {
            "lua": ["src/%s.c" % f for f in LUA_CORE + LUA_LIB + ["lua"]],
            "luac": ["src/%s.c" % f for f in LUA_CORE + LUA_LIB + ["luac"]],
        },
        "libs": ["-lm", "-ldl", "-Wl,-E"],
        "workload": lua_workload,
        # luac -l prints the addresses of the functions it lists.
        "normalize": lambda b: re.sub(rb"0x[0-9a-f]{6,}", b"0xADDR", b),
    },
    "zlib": {
        "files": ["*.c", "test/*.c", "examples/*.c"],
        "cppflags": ["-D_LARGEFILE64_SOURCE=1", "-DHAVE_HIDDEN"],
        "cflags": ["-O1"],
        "binaries": {
            "example": ["%s.c" % f for f in ZLIB_LIB] + ["test/example.c"],
            "minigzip": ["%s.c" % f for f in ZLIB_LIB] + ["test/minigzip.c"],
            "infcover": ["%s.c" % f for f in ZLIB_LIB] + ["test/infcover.c"],
        },
        "libs": [],
        "workload": zlib_workload,
    },
    # Jim Tcl, amalgamated; sqlite's configure builds and runs it.  In the
    # sqlite download.  Tab-indented, unlike the others.
    "jimsh": {
        "package": "sqlite",
        "files": ["autosetup/jimsh0.c"],
        "cppflags": [],
        "cflags": ["-O0"],
        "binaries": {"jimsh": ["autosetup/jimsh0.c"]},
        "libs": ["-lm"],
        "workload": jimsh_workload,
    },
    # Parsed and translated only: a generated parser with no main().
    "tree-sitter-c": {
        "files": ["src/parser.c"],
        "cppflags": [],
        "cflags": ["-O0"],
        "binaries": {},
        "libs": [],
        "workload": None,
    },
}


def build(args, fails, variant, srcdir, objsrc, cfg, label):
    """Compile every source of every binary (objsrc maps a source path of
    cfg['binaries'] to the file to compile) and link; dict name -> path."""
    vdir = os.path.join(args.work, variant)
    objdir = os.path.join(vdir, "obj")
    bindir = os.path.join(vdir, "bin")
    os.makedirs(objdir, exist_ok=True)
    os.makedirs(bindir, exist_ok=True)
    inc = sorted({"-I" + os.path.dirname(os.path.join(srcdir, f))
                  for fs in cfg["binaries"].values() for f in fs}) + ["-I" + srcdir]
    sources = sorted({f for fs in cfg["binaries"].values() for f in fs})
    extra = OUT_CFLAGS if variant != "orig" else []

    def compile_one(f):
        obj = os.path.join(objdir, f.replace("/", "_") + ".o")
        src = objsrc(f)
        lang = ["-x", "cpp-output"] if src.endswith(".i") else ["-x", "c"]
        rc, o, e = run([args.cc, "-c", "-w", "-g0"] + cfg["cflags"] +
                       cfg["cppflags"] + inc + extra + lang + [src, "-o", obj])
        if rc != 0:
            fails.add("%s: %s does not compile (%s)" % (label, f, variant), text(e))
            return None
        return obj

    objs = dict(zip(sources, pmap(compile_one, sources, args.jobs)))
    bins = {}
    for name, fs in cfg["binaries"].items():
        if any(objs[f] is None for f in fs):
            continue
        exe = os.path.join(bindir, name)
        libs = cfg["libs"] + (OUT_LIBS if variant != "orig" else [])
        rc, o, e = run([args.cc, "-o", exe] + [objs[f] for f in fs] + libs)
        if rc != 0:
            fails.add("%s: linking %s (%s) failed" % (label, name, variant), text(e))
            continue
        bins[name] = exe
    return bindir, bins


def run_workload(args, fails, cfg, ctx, builds, label):
    runs = cfg["workload"](ctx)
    results = {}
    for variant, (bindir, bins) in builds.items():
        rdir = os.path.join(args.work, variant, "run")
        shutil.rmtree(rdir, ignore_errors=True)
        os.makedirs(rdir)
        out = []
        for name, argv, stdin in runs:
            prog = argv[0]
            if prog in cfg["binaries"]:
                if prog not in bins:
                    out.append(None)
                    continue
                argv = [os.path.join("..", "bin", prog)] + argv[1:]
            argv = [a.replace("{bin}", os.path.join("..", "bin")) for a in argv]
            t0 = time.monotonic()
            with open(stdin, "rb") if stdin else open(os.devnull, "rb") as fin:
                r = run(argv, cwd=rdir, stdin=fin, timeout=300)
            if cfg.get("normalize"):
                r = (r[0], cfg["normalize"](r[1]), cfg["normalize"](r[2]))
            out.append((r, time.monotonic() - t0))
        results[variant] = out
    ref = results.get("orig")
    if ref is None:
        return len(runs)
    for i, (name, argv, stdin) in enumerate(runs):
        r0 = ref[i]
        if r0 is None:
            continue
        (rc, o, e), dt = r0
        print("  %-40s %-10s %7d bytes out  %.2fs" % (name, status_text(rc),
                                                    len(o) + len(e), dt))
        # The workloads are expected to pass on the original build, except
        # for the runs that exist to exercise error paths.
        if rc != 0 and not name.endswith("(error)"):
            fails.add("%s: workload '%s' fails even with the original build: %s"
                      % (label, name, status_text(rc)), text(o[-1000:] + e[-2000:]))
        for variant, res in results.items():
            if variant == "orig" or res[i] is None:
                continue
            (rc2, o2, e2), _ = res[i]
            if (rc2, o2, e2) != (rc, o, e):
                what = []
                if rc2 != rc:
                    what.append("%s instead of %s" % (status_text(rc2), status_text(rc)))
                if o2 != o:
                    what.append("stdout: " + first_difference(o, o2))
                if e2 != e:
                    what.append("stderr: " + first_difference(e, e2))
                fails.add("%s: workload '%s' behaves differently when built "
                          "from asyncc's output (%s)" % (label, name, variant),
                          "\n".join(what))
    return len(runs)


def cmd_program(args, fails):
    name = args.name
    cfg = PROGRAMS[name]
    t0 = time.monotonic()
    try:
        srcdir = corpus.fetch(cfg.get("package", name))
    except corpus.FetchError as e:
        fails.add("%s: download failed" % name, str(e))
        return 0
    print("%s: sources in %s (%.1fs)" % (name, srcdir, time.monotonic() - t0))
    files = sorted({os.path.relpath(p, srcdir) for pat in cfg["files"]
                    for p in glob.glob(os.path.join(srcdir, pat))})
    if not files:
        fails.add("%s: no .c files in %s" % (name, srcdir))
        return 0
    ac = Asyncc(args.asyncc, args.cc, fails)
    idir = os.path.join(args.work, "i")
    tc = os.path.join(args.work, "trans-c")
    ti = os.path.join(args.work, "trans-i")

    def one(f):
        src = os.path.join(srcdir, f)
        inc = ["-I" + os.path.dirname(src), "-I" + srcdir]
        flags = cfg["cppflags"] + inc
        for d in (idir, tc, ti):
            os.makedirs(os.path.dirname(os.path.join(d, f)), exist_ok=True)
        ipath = os.path.join(idir, f[:-2] + ".i")
        lines = open(src, "rb").read().count(b"\n")
        t = ac.check_and_translate(src, os.path.join(tc, f), flags,
                                   "%s/%s" % (name, f))
        if preprocess(args.cc, src, ipath, flags, fails, "%s/%s" % (name, f)):
            ti_ = ac.check_and_translate(ipath, os.path.join(ti, f[:-2] + ".i"),
                                         [], "%s/%s (.i)" % (name, f))
        else:
            ti_ = None
        return f, lines, t, ti_

    t0 = time.monotonic()
    res = pmap(one, files, args.jobs)
    total = sum(r[1] for r in res)
    print("%s: %d files, %d lines: checked and translated, .c and .i, in %.1fs"
          % (name, len(files), total, time.monotonic() - t0))
    for f, lines, t, ti_ in sorted(res, key=lambda r: -r[1])[:3]:
        if t and ti_:
            print("  %-24s %7d lines  --check %.3fs (.c, with cpp)  %.3fs (.i)"
                  % (f, lines, t, ti_))
    if not cfg["binaries"]:
        return ac.count
    t0 = time.monotonic()
    builds = {}
    builds["orig"] = build(args, fails, "orig", srcdir,
                           lambda f: os.path.join(srcdir, f), cfg, name)
    if all(os.path.exists(os.path.join(tc, f)) for fs in cfg["binaries"].values()
           for f in fs):
        builds["trans-c"] = build(args, fails, "trans-c", srcdir,
                                  lambda f: os.path.join(tc, f), cfg, name)
    if all(os.path.exists(os.path.join(ti, f[:-2] + ".i"))
           for fs in cfg["binaries"].values() for f in fs):
        builds["trans-i"] = build(args, fails, "trans-i", srcdir,
                                  lambda f: os.path.join(ti, f[:-2] + ".i"),
                                  cfg, name)
    print("%s: built %s in %.1fs" % (name, ", ".join(builds),
                                     time.monotonic() - t0))
    t0 = time.monotonic()
    n = run_workload(args, fails, cfg, {"dir": srcdir, "work": args.work},
                     builds, name)
    print("%s: %d workload runs x %d builds in %.1fs"
          % (name, n, len(builds), time.monotonic() - t0))
    return ac.count


# ------------------------------------------------------------- errpos

# Files that get errors injected (package, path, number of sites per class).
ERRPOS_FILES = [
    ("lua", "src/lparser.c", 4),
    ("lua", "src/lvm.c", 4),
    ("lua", "src/lstrlib.c", 4),
    ("zlib", "inflate.c", 3),
    ("zlib", "gzwrite.c", 3),
    ("lua", "src/luac.c", 3),
    ("jimsh", "autosetup/jimsh0.c", 2),
]

TOKEN_RE = re.compile(rb"""
    (?P<ws>[ \t\r\f\v]+)
  | (?P<nl>\n)
  | (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<string>[LuU8]*"(?:\\.|[^"\\\n])*"|[LuU]?'(?:\\.|[^'\\\n])*')
  | (?P<ident>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<number>\.?[0-9](?:[eEpP][+-]|[A-Za-z0-9_.])*)
  | (?P<punct>\.\.\.|<<=|>>=|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^!=<>]=|[][(){}.,;:?~#*/%+<>&|^!=-])
  | (?P<other>.)
""", re.S | re.X)


def c_tokens(data):
    """(offset, kind, text, depth) of the tokens outside preprocessor
    directives; depth is the brace depth before the token."""
    toks = []
    depth = 0
    line_start = True
    in_directive = False
    pos = 0
    while pos < len(data):
        m = TOKEN_RE.match(data, pos)
        kind = m.lastgroup
        tok = m.group()
        if kind == "nl":
            if not (in_directive and data[pos - 1:pos] == b"\\"):
                in_directive = False
                line_start = True
        elif kind in ("ws", "comment"):
            if kind == "comment" and b"\n" in tok and in_directive:
                pass
        else:
            if line_start and tok == b"#":
                in_directive = True
            line_start = False
            if not in_directive:
                toks.append((pos, kind, tok, depth))
                if tok == b"{":
                    depth += 1
                elif tok == b"}":
                    depth -= 1
        pos = m.end()
    return toks


def pick(cands, n):
    if len(cands) <= n:
        return cands
    return [cands[(2 * i + 1) * len(cands) // (2 * n)] for i in range(n)]


def injections(data, n):
    """(class, description, new data) for n sites of each class."""
    toks = c_tokens(data)
    out = []

    def line_of(off):
        return data.count(b"\n", 0, off) + 1

    def delete(cls, pred):
        sites = [t for t in toks if pred(t)]
        for off, kind, tok, depth in pick(sites, n):
            out.append((cls, "line %d: delete '%s'" % (line_of(off), tok.decode()),
                        data[:off] + data[off + len(tok):]))

    def insert(cls, pred, what):
        idx = [i for i, t in enumerate(toks) if pred(i, t)]
        for i in pick(idx, n):
            off = toks[i][0]
            out.append((cls, "line %d: insert '%s' before '%s'"
                        % (line_of(off), what.decode(), toks[i][2].decode()),
                        data[:off] + what + b" " + data[off:]))

    delete("del-semi", lambda t: t[2] == b";" and t[3] >= 1)
    delete("del-rparen", lambda t: t[2] == b")" and t[3] >= 1)
    delete("del-rbrace", lambda t: t[2] == b"}" and t[3] >= 2)
    # A stray ')' before a statement's ';'.
    insert("ins-rparen", lambda i, t: t[2] == b";" and t[3] >= 1, b")")
    # An identifier between two identifiers inside a function.
    insert("ins-ident", lambda i, t: t[1] == "ident" and t[3] >= 1 and i > 0
           and toks[i - 1][1] == "ident", b"stray_ident")
    # A keyword where an expression goes: after '=' or '('.
    insert("ins-keyword", lambda i, t: t[3] >= 1 and i > 0 and
           toks[i - 1][2] in (b"=", b"(") and t[1] in ("ident", "number"),
           b"while")
    return out


FIRST_ERROR = re.compile(r"^(.+?):(\d+):(\d+): (?:fatal )?error: (.*)$", re.M)
# GCC's syntax errors.  Its other errors ('x' undeclared, unknown type name,
# invalid storage class for a nested function, ...) come from its semantic
# analysis, which asyncc does not do: an injected error that GCC first reports
# that way is compared with GCC's first syntax error instead.
SYNTAX_ERROR = re.compile(r"^(expected |stray |missing terminating|"
                          r"unterminated )")


def first_error(stderr, syntax_only=False):
    for m in FIRST_ERROR.finditer(text(stderr)):
        if syntax_only and not SYNTAX_ERROR.match(m.group(4)):
            continue
        return (os.path.basename(m.group(1)), int(m.group(2)),
                int(m.group(3)), m.group(4))
    return None


def mismatch_kind(m, results):
    cls, form, rel, desc, g, a = m
    if a is None:
        return "asyncc reported no error"
    if g[0] != a[0] or g[1] != a[1]:
        if "',' or ';'" in a[3] and g[3].startswith("expected \u2018;\u2019"):
            return ("missing ';' after an expression statement: GCC says "
                    "\"expected ';'\" just after the previous token, asyncc "
                    "\"expected ',' or ';'\" at the next token")
        if "declaration or statement" in a[3]:
            return ("K&R declaration list accepted after a declarator that is "
                    "not a function declarator (`int a char b;`)")
        return "different line"
    if "',' or ';'" in a[3] and g[3].startswith("expected \u2018;\u2019"):
        return ("missing ';' after an expression statement: GCC says "
                "\"expected ';'\" just after the previous token, asyncc "
                "\"expected ',' or ';'\" at the next token")
    for case, res in results:
        if case[1] == rel and case[3] == desc:
            src = case[4].split(b"\n")[g[1] - 1] if g[0] == os.path.basename(rel) else b""
            if b"\t" in src[:max(g[2], a[2])]:
                return ("columns on a line with tabs: GCC counts display "
                        "columns (tab stops of 8), asyncc bytes")
            if form == "c":
                other = [r for r in res if r[0] == "i"]
                if other and other[0][1] and other[0][2] and \
                        other[0][1][:3] == other[0][2][:3]:
                    return ("column on a line with a macro expansion (.c only; "
                            "the .i agrees): asyncc gives the column in the "
                            "expanded line")
    return "other"


def cmd_errpos(args, fails):
    ac_path = os.path.abspath(args.asyncc)
    cases = []
    for pkg, rel, n in ERRPOS_FILES:
        try:
            srcdir = corpus.fetch(PROGRAMS[pkg].get("package", pkg))
        except corpus.FetchError as e:
            fails.add("errpos: download of %s failed" % pkg, str(e))
            continue
        src = os.path.join(srcdir, rel)
        cppflags = PROGRAMS[pkg]["cppflags"] + ["-I" + os.path.dirname(src),
                                                "-I" + srcdir]
        data = open(src, "rb").read()
        for k, (cls, desc, new) in enumerate(injections(data, n)):
            cases.append((pkg, rel, cls, desc, new, cppflags, k))

    def one(case):
        pkg, rel, cls, desc, new, cppflags, k = case
        d = os.path.join(args.work, "errpos", "%s-%s-%d" % (pkg, os.path.basename(rel), k))
        os.makedirs(d, exist_ok=True)
        f = os.path.join(d, os.path.basename(rel))
        with open(f, "wb") as fh:
            fh.write(new)
        res = []
        rc, o, e = run([args.cc, "-fsyntax-only", "-w"] + cppflags + [f])
        g = first_error(e, True) if rc != 0 else None
        rc2, o2, e2 = run([ac_path, "--check"] + cppflags + [f])
        a = first_error(e2)
        res.append(("c", g, a, rc, rc2, e2))
        # The same error in the preprocessed file.
        ipath = f[:-2] + ".i"
        rc, o, e = run([args.cc, "-E"] + cppflags + [f, "-o", ipath])
        if rc == 0:
            rc, o, e = run([args.cc, "-fsyntax-only", "-w", ipath])
            g = first_error(e, True) if rc != 0 else None
            rc2, o2, e2 = run([ac_path, "--check", ipath])
            res.append(("i", g, first_error(e2), rc, rc2, e2))
        return case, res

    results = pmap(one, cases, args.jobs)
    total = match = 0
    by_class = {}
    mismatches = []
    for case, res in results:
        pkg, rel, cls, desc, new, cppflags, k = case
        for form, g, a, rc, rc2, e2 in res:
            if g is None:
                # gcc accepted it (the injection happened to stay valid C):
                # asyncc must not crash; nothing to compare.
                if rc2 not in (0, 1):
                    fails.add("errpos: %s %s (%s): asyncc %s" % (rel, desc, form,
                              status_text(rc2)), text(e2))
                continue
            total += 1
            st = by_class.setdefault(cls, [0, 0])
            st[1] += 1
            if rc2 not in (0, 1):
                fails.add("errpos: %s %s (.%s): asyncc crashed: %s"
                          % (rel, desc, form, status_text(rc2)), text(e2))
                mismatches.append((cls, form, rel, desc, g, a))
            elif a is not None and a[:3] == g[:3]:
                match += 1
                st[0] += 1
            else:
                mismatches.append((cls, form, rel, desc, g, a))
    print("errpos: %d/%d injected errors reported at gcc's line:col" % (match, total))
    for cls in sorted(by_class):
        print("  %-12s %3d/%-3d" % (cls, by_class[cls][0], by_class[cls][1]))
    # Why they differ, as far as can be told from here.
    kinds = {}
    for m in mismatches:
        kinds.setdefault(mismatch_kind(m, results), []).append(m)
    for k in sorted(kinds, key=lambda k: -len(kinds[k])):
        print("  %3d  %s" % (len(kinds[k]), k))
    for cls, form, rel, desc, g, a in mismatches:
        print("  MISMATCH [%s .%s] %s %s\n      gcc:    %s\n      asyncc: %s"
              % (cls, form, rel, desc,
                 "%s:%d:%d: %s" % g if g else None,
                 "%s:%d:%d: %s" % a if a else "(no error reported)"))
    # Every injected error must be reported as an error ...
    for cls, form, rel, desc, g, a in mismatches:
        if a is None:
            fails.add("errpos: %s %s (.%s): asyncc reported no error; gcc: %s:%d:%d"
                      % (rel, desc, form, g[0], g[1], g[2]))
    # ... and nearly all at gcc's position.
    need = float(os.environ.get("ASYNCC_REALC_ERRPOS_MIN", "0.9"))
    if total == 0 or match < need * total:
        fails.add("errpos: only %d of %d errors at gcc's position (need %.0f%%)"
                  % (match, total, 100 * need))
    return total


# ------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--asyncc", required=True)
    ap.add_argument("--cc", default=os.environ.get("CC", "cc"))
    ap.add_argument("--work")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    sub = ap.add_subparsers(dest="cmd", required=True)
    h = sub.add_parser("headers")
    h.add_argument("file")
    p = sub.add_parser("program")
    p.add_argument("name", choices=sorted(PROGRAMS))
    sub.add_parser("errpos")
    args = ap.parse_args()

    keep = os.environ.get("ASYNCC_REALC_KEEP") == "1"
    tmp = None
    if not args.work:
        tmp = tempfile.mkdtemp(prefix="asyncc-realc-")
        args.work = tmp
    os.makedirs(args.work, exist_ok=True)
    args.work = os.path.abspath(args.work)
    if REALC_FLAGS:
        print("asyncc flags: %s (identity check %s)"
              % (" ".join(REALC_FLAGS), "on" if IDENTITY else "off"))
    fails = Failures()
    t0 = time.monotonic()
    try:
        if args.cmd == "headers":
            n = cmd_headers(args, fails)
        elif args.cmd == "program":
            n = cmd_program(args, fails)
        else:
            n = cmd_errpos(args, fails)
    finally:
        if tmp and not keep:
            shutil.rmtree(tmp, ignore_errors=True)
        elif keep:
            print("scratch kept in %s" % args.work)
    print("%s: %d checks, %d failures, %.1fs" % (args.cmd, n, len(fails.items),
                                                time.monotonic() - t0))
    return 1 if fails.items or n == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
