# funnelplan — `pip install .` into a fresh venv, as the README says, then the
# package used from there.
# SPDX-License-Identifier: MIT
"""Builds the wheel of pyproject.toml (meson-python) from a copy of the tree.

Usage: test_pip.py SOURCE_DIR (tests/meson.build passes the source tree).

The tree's files (``git ls-files``, tracked and untracked but not ignored;
without git, the tree minus build directories) are copied to a temporary
directory, so no build output or stray file of this checkout can help, and
nothing is written into it. Then, with the Python that has meson-python
(``$FUNNELPLAN_TEST_PIP_PYTHON``, else Debian's ``/usr/bin/python3``)::

    python3 -m venv --system-site-packages v
    v/bin/pip install --no-build-isolation --no-index .

(no network: meson-python, meson and ninja come from the system), and the
venv's Python imports funnelplan from outside the tree with no
FUNNELPLAN_LIBRARY: the package and its library come from the venv, the
version is the file VERSION's, and worked example 1 plans 20 deals from
20,000 leads. Without meson-python or venv this FAILS, naming the Debian
packages (the README's test command installs them). Set
FUNNELPLAN_KEEP_PIP=1 to keep the temporary directory.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time

PACKAGES = "python3-mesonpy python3-venv"

CHECK = textwrap.dedent("""\
    import os, sys
    import funnelplan as fp
    venv = os.path.realpath(sys.argv[1])
    package = os.path.dirname(os.path.realpath(fp.__file__))
    assert package.startswith(venv + os.sep), "the package is imported from " + package
    lib = os.path.realpath(fp.library_path)
    assert os.path.dirname(lib) == package, "the library is loaded from " + fp.library_path
    assert fp.__version__ == sys.argv[2], (fp.__version__, sys.argv[2])
    assert os.path.isfile(os.path.join(package, "py.typed")), "no py.typed"
    p = fp.Funnel([("lead", "1%"), ("accepted", "10%")], deal_size=50_000).plan(
        revenue="1M", per="year")
    assert (p.deals_whole, p.stages[0].required_whole) == (20, 20000), p
    print("funnelplan", fp.__version__, "from", package, "library", fp.library_path)
    """)


def tree_files(src):
    """The tree's files, relative to src: git's list, else a walk."""
    try:
        out = subprocess.run(
            ["git", "-C", src, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            check=True, capture_output=True).stdout
        names = [n for n in out.decode().split("\0") if n]
        # a tracked file deleted in the work tree is not part of it
        return [n for n in names if os.path.isfile(os.path.join(src, n))]
    except (OSError, subprocess.CalledProcessError):
        pass
    names = []
    for root, dirs, files in os.walk(src):
        dirs[:] = sorted(d for d in dirs if not d.startswith(("build", ".git", ".mesonpy"))
                         and d != "__pycache__")
        names.extend(os.path.relpath(os.path.join(root, f), src) for f in files)
    return names


def run(args, log, show=None, **kw):
    """Runs one step; on failure prints its output and exits 1."""
    print("==", show or " ".join(args), flush=True)
    started = time.monotonic()
    r = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kw)
    text = r.stdout.decode(errors="replace")
    log.write(text)
    if r.returncode != 0:
        print(text)
        print("FAIL: %s exits %d" % (args[0], r.returncode))
        sys.exit(1)
    print("   %.1f s" % (time.monotonic() - started))
    return text


def main():
    if len(sys.argv) != 2:
        print("usage: test_pip.py SOURCE_DIR", file=sys.stderr)
        return 2
    src = os.path.abspath(sys.argv[1])
    python = os.environ.get("FUNNELPLAN_TEST_PIP_PYTHON", "/usr/bin/python3")
    for module in ("mesonpy", "venv", "ensurepip"):
        r = subprocess.run([python, "-c", "import " + module], capture_output=True)
        if r.returncode != 0:
            print("FAIL: %s cannot import %s: install %s (the README's test command "
                  "does), or name a Python that has them in FUNNELPLAN_TEST_PIP_PYTHON"
                  % (python, module, PACKAGES))
            return 1
    with open(os.path.join(src, "VERSION")) as f:
        version = f.read().strip()

    # Nothing from this checkout's build may leak in; pip neither reads
    # nor writes a cache outside the temporary directory.
    env = {k: v for k, v in os.environ.items()
           if k not in ("FUNNELPLAN_LIBRARY", "PYTHONPATH", "PYTHONHOME",
                        "LD_LIBRARY_PATH", "VIRTUAL_ENV")
           and not k.startswith("PIP_")}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1", PIP_NO_CACHE_DIR="1", PIP_DISABLE_PIP_VERSION_CHECK="1",
               PYTHONDONTWRITEBYTECODE="1", LC_ALL="C")

    tmp = tempfile.mkdtemp(prefix="funnelplan-pip.")
    try:
        env["TMPDIR"] = tmp
        copy = os.path.join(tmp, "src")
        for name in tree_files(src):
            target = os.path.join(copy, name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy2(os.path.join(src, name), target)
        venv = os.path.join(tmp, "v")
        elsewhere = os.path.join(tmp, "elsewhere")
        os.mkdir(elsewhere)
        with open(os.path.join(tmp, "log"), "w") as log:
            run([python, "-m", "venv", "--system-site-packages", venv], log, env=env, cwd=tmp)
            run([os.path.join(venv, "bin", "pip"), "install", "--no-build-isolation",
                 "--no-index", "."], log, env=env, cwd=copy)
            python_v = os.path.join(venv, "bin", "python")
            print(run([python_v, "-c", CHECK, venv, version], log, env=env, cwd=elsewhere,
                      show="%s -c 'import funnelplan' (in %s)" % (python_v, elsewhere)).strip())
    finally:
        if os.environ.get("FUNNELPLAN_KEEP_PIP"):
            print("keeping", tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print("pip install into a fresh venv: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
