# funnelplan — where the package finds libfunnelplan, and what it refuses.
# SPDX-License-Identifier: MIT

import glob
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from fpl_support import PACKAGE_PARENT, REPO, c_compiler

import funnelplan
from funnelplan import _loader, _native

PACKAGE_DIR = os.path.join(PACKAGE_PARENT, "funnelplan")
PROBE = "import funnelplan; print(funnelplan.library_path)"


def child(pythonpath, env_library=None, code=PROBE):
    # Without LD_LIBRARY_PATH (meson test points it at the build directory),
    # so that ctypes.util.find_library sees only what is installed.
    env = {k: v for k, v in os.environ.items()
           if k not in ("FUNNELPLAN_LIBRARY", "LD_LIBRARY_PATH")}
    env["PYTHONPATH"] = pythonpath
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    if env_library is not None:
        env["FUNNELPLAN_LIBRARY"] = env_library
    proc = subprocess.run([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=60)
    return proc.returncode, proc.stdout.decode().strip(), proc.stderr.decode()


def compile_fake(directory, version_number, symbols):
    """A shared library exporting ``symbols`` (stubs) and fpl_version_number."""
    cc = c_compiler()
    if cc is None:
        raise unittest.SkipTest("no C compiler (cc, gcc or clang) to build a fake library")
    src = os.path.join(directory, "fake.c")
    with open(src, "w") as f:
        f.write("unsigned fpl_version_number(void) { return %du; }\n" % version_number)
        for name in symbols:
            if name != "fpl_version_number":
                f.write("int %s(void) { return 0; }\n" % name)
    lib = os.path.join(directory, "libfunnelplan.so")
    subprocess.run(cc + ["-shared", "-fPIC", "-o", lib, src], check=True)
    return lib


def installed_library():
    """What ctypes.util.find_library finds in a child's environment."""
    code, out, err = child("", code="import ctypes.util; "
                                    "print(ctypes.util.find_library('funnelplan') or '')")
    if code != 0:
        raise AssertionError(err)
    return out


class Loader(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def copy_package(self, with_library=False):
        """The package alone in a temporary directory (not in a source tree)."""
        dest = os.path.join(self.tmp.name, "site", "funnelplan")
        shutil.copytree(PACKAGE_DIR, dest, ignore=shutil.ignore_patterns("__pycache__", "*.so*"))
        if with_library:
            shutil.copy(os.path.realpath(funnelplan.library_path),
                        os.path.join(dest, "libfunnelplan.so"))
        return os.path.dirname(dest), dest

    def test_library_path_is_the_environment_variable_when_set(self):
        env = os.environ.get("FUNNELPLAN_LIBRARY")
        if not env:
            self.skipTest("FUNNELPLAN_LIBRARY is not set")
        self.assertEqual(funnelplan.library_path, env)

    def test_version_comes_from_the_library(self):
        self.assertEqual(funnelplan.__version__, _native.fn.version_string().decode())
        self.assertEqual(_native.version_number // 10000, _loader.ABI_MAJOR)
        major, minor, patch = (int(x) for x in funnelplan.__version__.split(".")[:3])
        self.assertEqual(_native.version_number, major * 10000 + minor * 100 + patch)
        version_file = os.path.join(REPO, "VERSION")
        if os.path.isfile(version_file):
            with open(version_file) as f:
                self.assertEqual(funnelplan.__version__, f.read().strip())

    def test_every_failure_is_listed_in_one_import_error(self):
        if installed_library():
            self.skipTest("a system libfunnelplan is installed; the search would find it")
        site, _ = self.copy_package()
        code, out, err = child(site)
        self.assertNotEqual(code, 0, out)
        self.assertIn("ImportError", err)
        self.assertIn("$FUNNELPLAN_LIBRARY: not set", err)
        self.assertIn("package directory: no libfunnelplan.so", err)
        self.assertIn("installed libdir: not an installed package (no _paths.py beside it)", err)
        self.assertIn("build tree: the package is not inside a funnelplan source tree", err)
        self.assertIn("ctypes.util.find_library: found nothing", err)

    def test_package_directory(self):
        site, dest = self.copy_package(with_library=True)
        code, out, err = child(site)
        self.assertEqual(code, 0, err)
        self.assertEqual(out, os.path.join(dest, "libfunnelplan.so"))

    def test_environment_variable_comes_first(self):
        site, _ = self.copy_package(with_library=True)
        real = os.path.realpath(funnelplan.library_path)
        code, out, err = child(site, env_library=real)
        self.assertEqual(code, 0, err)
        self.assertEqual(out, real)

    def test_a_missing_environment_library_fails_loudly(self):
        # A usable library sits in the package directory (and the build tree
        # has one): the import still fails, naming the path asked for.
        site, _ = self.copy_package(with_library=True)
        missing = os.path.join(self.tmp.name, "nonexistent.so")
        code, out, err = child(site, env_library=missing)
        self.assertNotEqual(code, 0, out)
        self.assertEqual(out, "")
        self.assertIn("ImportError: funnelplan: FUNNELPLAN_LIBRARY=%s cannot be used: "
                      "no such file. Point FUNNELPLAN_LIBRARY at a libfunnelplan of ABI "
                      "major 0, or unset it" % missing, err)

    def test_a_missing_environment_library_fails_inside_the_source_tree_too(self):
        # The package of the source tree, whose build tree holds a library
        # that the search would otherwise find.
        missing = os.path.join(self.tmp.name, "nonexistent.so")
        code, out, err = child(PACKAGE_PARENT, env_library=missing)
        self.assertNotEqual(code, 0, out)
        self.assertIn("FUNNELPLAN_LIBRARY=%s cannot be used: no such file" % missing, err)

    def test_an_environment_file_that_is_not_a_library_fails_loudly(self):
        site, _ = self.copy_package(with_library=True)
        bogus = os.path.join(self.tmp.name, "notes.txt")
        with open(bogus, "w") as f:
            f.write("not a shared library\n")
        code, out, err = child(site, env_library=bogus)
        self.assertNotEqual(code, 0, out)
        self.assertIn("FUNNELPLAN_LIBRARY=%s cannot be used: cannot load: " % bogus, err)

    def test_an_environment_library_of_another_kind_fails_loudly(self):
        # A real shared library, but not libfunnelplan: nothing it lacks is bound.
        lib = compile_fake(self.tmp.name, 100, ["fpl_version_number"])
        site, _ = self.copy_package(with_library=True)
        code, out, err = child(site, env_library=lib)
        self.assertNotEqual(code, 0, out)
        self.assertIn("FUNNELPLAN_LIBRARY=%s cannot be used: does not export fpl_strerror" % lib,
                      err)

    def test_an_empty_environment_variable_is_not_set(self):
        site, dest = self.copy_package(with_library=True)
        code, out, err = child(site, env_library="")
        self.assertEqual(code, 0, err)
        self.assertEqual(out, os.path.join(dest, "libfunnelplan.so"))

    def test_installed_libdir_from_paths_module(self):
        # `meson install` writes _paths.py beside the package: LIBDIR is
        # where the library went, found without FUNNELPLAN_LIBRARY.
        site, dest = self.copy_package()
        libdir = os.path.join(self.tmp.name, "prefix", "lib")
        os.makedirs(libdir)
        shutil.copy(os.path.realpath(funnelplan.library_path),
                    os.path.join(libdir, "libfunnelplan.so.0"))
        with open(os.path.join(dest, "_paths.py"), "w") as f:
            f.write("LIBDIR = %r\n" % libdir)
        code, out, err = child(site)
        self.assertEqual(code, 0, err)
        self.assertEqual(out, os.path.join(libdir, "libfunnelplan.so.0"))
        # The environment variable still comes first.
        real = os.path.realpath(funnelplan.library_path)
        code, out, err = child(site, env_library=real)
        self.assertEqual(code, 0, err)
        self.assertEqual(out, real)

    def test_installed_libdir_without_a_library_is_listed(self):
        if installed_library():
            self.skipTest("a system libfunnelplan is installed; the search would find it")
        site, dest = self.copy_package()
        libdir = os.path.join(self.tmp.name, "gone", "lib")
        with open(os.path.join(dest, "_paths.py"), "w") as f:
            f.write("LIBDIR = %r\n" % libdir)
        code, out, err = child(site)
        self.assertNotEqual(code, 0, out)
        self.assertIn("installed libdir: no libfunnelplan.so or libfunnelplan.so.0 in %s "
                      "(from _paths.py)" % libdir, err)

    def test_wheel_layout(self):
        # A wheel (pyproject.toml) installs the package with an empty LIBDIR
        # and only the library's full versioned name (no symlinks in a wheel).
        site, dest = self.copy_package()
        with open(os.path.join(dest, "_paths.py"), "w") as f:
            f.write('LIBDIR = ""\n')
        if not installed_library():
            code, out, err = child(site)
            self.assertNotEqual(code, 0, out)
            self.assertIn("installed libdir: installed from a wheel (the library belongs "
                          "in the package directory)", err)
        name = "libfunnelplan.so.%s" % funnelplan.__version__
        shutil.copy(os.path.realpath(funnelplan.library_path), os.path.join(dest, name))
        code, out, err = child(site)
        self.assertEqual(code, 0, err)
        self.assertEqual(out, os.path.join(dest, name))

    def test_build_tree(self):
        builds = glob.glob(os.path.join(REPO, "build*", "libfunnelplan.so"))
        if not builds:
            self.skipTest("no build*/libfunnelplan.so in the source tree")
        code, out, err = child(PACKAGE_PARENT)
        self.assertEqual(code, 0, err)
        self.assertIn(out, builds)

    def test_wrong_major_version_is_refused(self):
        lib = compile_fake(self.tmp.name, 10203, [n for n, _, _ in _native.FUNCTIONS])
        if installed_library():
            self.skipTest("a system libfunnelplan is installed; the search would find it")
        site, _ = self.copy_package()
        code, out, err = child(site, env_library=lib)
        self.assertNotEqual(code, 0, out)
        self.assertIn("ImportError", err)
        self.assertIn("FUNNELPLAN_LIBRARY=%s cannot be used: major version 1 (version number "
                      "10203), but this package mirrors "
                      "the ABI of major version 0" % lib, err)

    def test_library_missing_functions_is_refused(self):
        lib = compile_fake(self.tmp.name, 100, ["fpl_version_number", "fpl_strerror"])
        if installed_library():
            self.skipTest("a system libfunnelplan is installed; the search would find it")
        site, _ = self.copy_package()
        code, out, err = child(site, env_library=lib)
        self.assertNotEqual(code, 0, out)
        self.assertIn("does not export fpl_status_name", err)

    def test_not_a_library(self):
        bogus = os.path.join(self.tmp.name, "libfunnelplan.so")
        with open(bogus, "w") as f:
            f.write("not ELF\n")
        if installed_library():
            self.skipTest("a system libfunnelplan is installed; the search would find it")
        site, _ = self.copy_package()
        code, out, err = child(site, env_library=bogus)
        self.assertNotEqual(code, 0, out)
        self.assertIn("FUNNELPLAN_LIBRARY=%s cannot be used: cannot load:" % bogus, err)


if __name__ == "__main__":
    unittest.main()
