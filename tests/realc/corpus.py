"""corpus.py - real C code from the package registries, fetched at test time.

Nothing fetched here is ever committed: it is downloaded into a cache outside
the source tree ($ASYNCC_CACHE, else ~/.cache/asyncc-realc) on first use and
unpacked there, so that later runs work offline and fast.  A download that
fails raises FetchError: the tests that need it fail (they never skip).

Two registries are used, through their ordinary clients:
  * Debian's archive: `apt-get source --download-only --tar-only` (only the
    upstream .orig tarball is used) with a private
    sources.list (a deb-src line for the release this machine runs) and
    private state/cache directories in the cache, so the machine's own apt
    configuration is neither needed nor touched, and no root is needed.
  * npm: `npm pack NAME@VERSION`, for packages that bundle C sources.

Used by tests/realc/realc.py and bench/translate.py.
"""

import fcntl
import glob
import os
import shutil
import subprocess
import tarfile

DEBIAN_SUITE = "bookworm"
DEBIAN_MIRROR = "http://deb.debian.org/debian"

# name -> how to get it.  Keep this list small and the packages stable.
PACKAGES = {
    # The SQLite amalgamation (~270k lines) and its shell (~37k lines), in the
    # sqlite-autoconf tarball the node 'sqlite3' package bundles.
    "sqlite": {"npm": "sqlite3@6.0.1",
               "inner": "package/deps/sqlite-autoconf-*.tar.gz",
               "dir": "sqlite-autoconf-*"},
    # Lua 5.4, Debian's source package.
    "lua": {"deb": "lua5.4", "dir": "lua-5.4*"},
    # zlib, Debian's source package (K&R function definitions).
    "zlib": {"deb": "zlib", "dir": "zlib-*"},
    # tree-sitter's generated C parser: 3.8 MB of tables and one huge switch.
    "tree-sitter-c": {"npm": "tree-sitter-c@0.24.1", "dir": "package"},
    # Old C for tests/realc/oldc.py (issue 9), Debian's source packages:
    # TinyCC's own test programs (tests/, tests/tests2/);
    "tcc": {"deb": "tcc", "dir": "."},
    # the one true awk (Aho, Weinberger, Kernighan);
    "original-awk": {"deb": "original-awk", "dir": "*awk*"},
    # compress 4.2 (1985-1992 code, K&R definitions);
    "ncompress": {"deb": "ncompress", "dir": "ncompress-*"},
    # the BSD games (1980s BSD sources, K&R and implicit int);
    "bsdgames": {"deb": "bsdgames", "dir": "bsd-games-*"},
    # the Portable C Compiler (descended from Johnson's 1970s pcc);
    "pcc": {"deb": "pcc", "dir": "pcc-*"},
    # GCC's C torture tests, only gcc/testsuite/gcc.c-torture of the GCC 12
    # tarball that Debian's gcc-12 source package holds (inner: the tarball
    # inside the .orig one; members: the part of it unpacked).
    "gcc-torture": {"deb": "gcc-12", "inner": "gcc-*.tar.*",
                    "members": "gcc/testsuite/gcc.c-torture/",
                    "dir": "gcc-*"},
}


class FetchError(Exception):
    pass


def cache_root():
    root = os.environ.get("ASYNCC_CACHE") or os.path.join(
        os.path.expanduser("~"), ".cache", "asyncc-realc")
    os.makedirs(root, exist_ok=True)
    return root


def _run(cmd, cwd, what):
    try:
        p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise FetchError("%s: %s" % (what, e))
    if p.returncode != 0:
        raise FetchError("%s failed (exit %d):\n%s" %
                         (what, p.returncode, p.stdout[-3000:]))
    return p.stdout


def _apt_options(root):
    apt = os.path.join(root, "apt")
    for d in ("lists/partial", "cache/archives/partial"):
        os.makedirs(os.path.join(apt, d), exist_ok=True)
    src = os.path.join(apt, "sources.list")
    line = "deb-src %s %s main\n" % (DEBIAN_MIRROR, DEBIAN_SUITE)
    if not os.path.exists(src) or open(src).read() != line:
        with open(src, "w") as f:
            f.write(line)
    opts = ["-o", "Dir::Etc::SourceList=" + src,
            "-o", "Dir::Etc::SourceParts=/dev/null",
            "-o", "Dir::State::Lists=" + os.path.join(apt, "lists"),
            "-o", "Dir::State::Status=/dev/null",
            "-o", "Dir::Cache=" + os.path.join(apt, "cache"),
            "-o", "Debug::NoLocking=1",
            "-o", "Acquire::Retries=3"]
    if os.getuid() == 0:
        opts += ["-o", "APT::Sandbox::User=root"]
    return apt, opts


def _fetch_deb_source(root, pkg, dest):
    apt, opts = _apt_options(root)
    if not glob.glob(os.path.join(apt, "lists", "*Sources*")):
        _run(["apt-get", "-q"] + opts + ["update"], apt,
             "apt-get update (deb-src %s)" % DEBIAN_SUITE)
    # --tar-only: the .orig tarball is all that is used (and the mirror
    # lacks some packages' .debian.tar.xz)
    _run(["apt-get", "-q"] + opts + ["source", "--download-only", "--tar-only",
                                     pkg], dest, "apt-get source %s" % pkg)
    origs = [f for f in os.listdir(dest) if ".orig.tar." in f]
    if len(origs) != 1:
        raise FetchError("apt-get source %s: expected one .orig tarball, got %r"
                         % (pkg, os.listdir(dest)))
    return os.path.join(dest, origs[0])


def _fetch_npm(pkg, dest):
    out = _run(["npm", "pack", "--silent", pkg, "--pack-destination", dest],
               dest, "npm pack %s" % pkg)
    tgz = out.strip().splitlines()[-1] if out.strip() else ""
    path = os.path.join(dest, tgz)
    if not tgz.endswith(".tgz") or not os.path.exists(path):
        found = glob.glob(os.path.join(dest, "*.tgz"))
        if len(found) != 1:
            raise FetchError("npm pack %s: no tarball (%r)" % (pkg, out))
        path = found[0]
    return path


def _extract(tarball, dest, members=None):
    """Unpacks TARBALL into DEST; with MEMBERS, only the files whose path
    (below the top directory) starts with it."""
    try:
        with tarfile.open(tarball) as t:
            if members:
                def wanted():
                    for m in t:
                        rest = m.name.split("/", 1)[1:] or [""]
                        if rest[0].startswith(members):
                            yield m
                chosen = wanted()
            else:
                chosen = None
            if hasattr(tarfile, "data_filter"):
                t.extractall(dest, members=chosen, filter="data")
            else:
                t.extractall(dest, members=chosen)
    except (tarfile.TarError, OSError) as e:
        raise FetchError("cannot unpack %s: %s" % (tarball, e))


def fetch(name):
    """The directory of package NAME's unpacked sources (see PACKAGES)."""
    spec = PACKAGES[name]
    root = cache_root()
    base = os.path.join(root, name)
    done = os.path.join(base, ".done")
    os.makedirs(root, exist_ok=True)
    # One fetch at a time (meson runs the tests in parallel; they share apt's
    # lists).
    with open(os.path.join(root, ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not os.path.exists(done):
            shutil.rmtree(base, ignore_errors=True)
            dl = os.path.join(base, "download")
            src = os.path.join(base, "src")
            os.makedirs(dl)
            os.makedirs(src)
            if "deb" in spec and "inner" in spec:
                _extract(_fetch_deb_source(root, spec["deb"], dl), dl)
                inner = glob.glob(os.path.join(dl, "*", spec["inner"]))
                if len(inner) != 1:
                    raise FetchError("%s: no %s in the source package"
                                     % (name, spec["inner"]))
                _extract(inner[0], src, spec.get("members"))
                shutil.rmtree(dl, ignore_errors=True)  # 1 GB unpacked
                os.makedirs(dl)
            elif "deb" in spec:
                _extract(_fetch_deb_source(root, spec["deb"], dl), src)
            else:
                tgz = _fetch_npm(spec["npm"], dl)
                _extract(tgz, src if "inner" not in spec else dl)
                if "inner" in spec:
                    inner = glob.glob(os.path.join(dl, spec["inner"]))
                    if len(inner) != 1:
                        raise FetchError("%s: no %s in the npm package"
                                         % (name, spec["inner"]))
                    _extract(inner[0], src)
            open(done, "w").close()
    dirs = glob.glob(os.path.join(base, "src", spec["dir"]))
    if len(dirs) != 1:
        raise FetchError("%s: expected one %s in %s, got %r"
                         % (name, spec["dir"], base, dirs))
    return dirs[0]


if __name__ == "__main__":
    import sys
    for n in sys.argv[1:] or sorted(PACKAGES):
        print(n, fetch(n))
