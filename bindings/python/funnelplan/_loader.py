# funnelplan — finding and loading the shared library.
# SPDX-License-Identifier: MIT
"""Finds ``libfunnelplan`` and checks that it is one this package can drive.

When the environment variable ``FUNNELPLAN_LIBRARY`` is set (and not
empty), the file it names is the only candidate: if it cannot be used, the
import fails with an ``ImportError`` naming the path and why, rather than
quietly loading another library than the one asked for. Otherwise the
candidates are, in order (the first that loads and passes the checks wins):

1. the package directory (a library installed next to ``__init__.py``,
   as a wheel built from ``pyproject.toml`` installs it);
2. the installed library: ``meson install`` puts the package into the
   prefix's Python site directory together with ``_paths.py``, which names
   the libdir the library went to (the source tree has no ``_paths.py``);
3. the build tree: from the package directory up to the source tree's root,
   every ``build*/`` directory (newest library first);
4. ``ctypes.util.find_library("funnelplan")`` (the system's search path).

A candidate passes when it loads, exports every function the package binds,
and its major version (``fpl_version_number() // 10000``, the soversion) is
the ABI major that the package's ``ctypes`` structures mirror. Every failure
is collected, and if no candidate passes, one ``ImportError`` lists them all.
"""

import ctypes
import ctypes.util
import os
import sys
from typing import Iterable, Iterator, List, Optional, Tuple

__all__ = ["ABI_MAJOR", "ENV_VAR", "load"]

#: The major version whose struct layouts ``_native`` mirrors.
ABI_MAJOR: int = 0

#: Environment variable naming the library file to use first.
ENV_VAR: str = "FUNNELPLAN_LIBRARY"

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))

# Where the package sits inside the source tree: <root>/bindings/python/funnelplan.
_TREE_DEPTH = 3


def _library_names() -> Tuple[str, ...]:
    """File names of the shared library on this platform, preferred first."""
    if sys.platform == "win32":
        return ("funnelplan.dll", "libfunnelplan.dll")
    if sys.platform == "darwin":
        return ("libfunnelplan.dylib", "libfunnelplan.0.dylib")
    return ("libfunnelplan.so", "libfunnelplan.so.%d" % ABI_MAJOR)


def _in_directory(directory: str) -> List[str]:
    """Library files in one directory, preferred names first."""
    found = []
    for name in _library_names():
        path = os.path.join(directory, name)
        if os.path.isfile(path):
            found.append(path)
    try:
        entries = sorted(os.listdir(directory))
    except OSError:
        return found
    stem = _library_names()[0]
    for entry in entries:
        path = os.path.join(directory, entry)
        if entry.startswith(stem) and path not in found and os.path.isfile(path):
            found.append(path)
    return found


def _source_root() -> Optional[str]:
    """The source tree's root when the package is in one, else None."""
    parts = _PACKAGE_DIR.split(os.sep)
    if parts[-_TREE_DEPTH:] != ["bindings", "python", "funnelplan"]:
        return None
    root = os.sep.join(parts[:-_TREE_DEPTH]) or os.sep
    if not os.path.isfile(os.path.join(root, "meson.build")):
        return None
    return root


def _build_tree_candidates() -> Tuple[List[str], Optional[str]]:
    """Libraries in build*/ directories between the package and the tree root."""
    root = _source_root()
    if root is None:
        return [], "the package is not inside a funnelplan source tree"
    stem = _library_names()[0]
    found = []
    directory = _PACKAGE_DIR
    while True:
        try:
            entries = sorted(os.listdir(directory))
        except OSError:
            entries = []
        libs = []
        for entry in entries:
            build_dir = os.path.join(directory, entry)
            if entry.startswith("build") and os.path.isdir(build_dir):
                path = os.path.join(build_dir, stem)
                if os.path.isfile(path):
                    libs.append(path)
        # Newest first: the build the developer touched last is the one meant.
        libs.sort(key=lambda p: os.path.getmtime(p), reverse=True)
        found.extend(libs)
        if directory == root:
            break
        parent = os.path.dirname(directory)
        if parent == directory:
            break
        directory = parent
    if not found:
        return [], "no build*/%s between %s and %s" % (stem, _PACKAGE_DIR, root)
    return found, None


def _installed_candidates() -> Tuple[List[str], Optional[str]]:
    """Libraries in the libdir named by ``_paths.py`` (installed packages)."""
    try:
        from . import _paths  # type: ignore[attr-defined]  # written by meson
    except ImportError:
        return [], "not an installed package (no _paths.py beside it)"
    libdir = getattr(_paths, "LIBDIR", "")
    if not libdir:
        # A wheel's package: its library is in the package directory.
        return [], "installed from a wheel (the library belongs in the package directory)"
    found = _in_directory(libdir) if libdir else []
    if not found:
        return [], "no %s in %s (from _paths.py)" % (" or ".join(_library_names()), libdir)
    return found, None


def _candidates() -> Iterator[Tuple[str, Optional[str], Optional[str]]]:
    """Yields (how it was found, path or name) in order, or (how, None, why)."""
    yield ("$%s" % ENV_VAR, None, "not set")

    local = _in_directory(_PACKAGE_DIR)
    if local:
        for path in local:
            yield ("package directory", path, None)
    else:
        yield ("package directory", None,
               "no %s in %s" % (" or ".join(_library_names()), _PACKAGE_DIR))

    installed, why = _installed_candidates()
    if installed:
        for path in installed:
            yield ("installed libdir", path, None)
    else:
        yield ("installed libdir", None, why)

    tree, why = _build_tree_candidates()
    if tree:
        for path in tree:
            yield ("build tree", path, None)
    else:
        yield ("build tree", None, why)

    name = ctypes.util.find_library("funnelplan")
    if name:
        yield ("ctypes.util.find_library", name, None)
    else:
        yield ("ctypes.util.find_library", None, "found nothing named funnelplan")


def _try(path: str, symbols: Iterable[str]) -> Tuple[Optional[ctypes.CDLL], Optional[str]]:
    """Loads one candidate; returns (CDLL, None) or (None, reason)."""
    if os.sep in path and not os.path.exists(path):
        return None, "no such file"
    try:
        lib = ctypes.CDLL(path)
    except OSError as exc:
        return None, "cannot load: %s" % exc
    missing = [s for s in symbols if not hasattr(lib, s)]
    if missing:
        return None, "does not export %s (too old a library?)" % ", ".join(missing)
    version_number = lib.fpl_version_number
    version_number.argtypes = []
    version_number.restype = ctypes.c_uint
    number = version_number()
    major = number // 10000
    if major != ABI_MAJOR:
        return None, ("major version %d (version number %d), but this package "
                      "mirrors the ABI of major version %d" % (major, number, ABI_MAJOR))
    return lib, None


def load(symbols: Iterable[str]) -> Tuple[ctypes.CDLL, str]:
    """Loads the first suitable library.

    ``symbols`` are the function names the caller will bind; a library that
    lacks any of them is skipped. Returns ``(CDLL, path)``; raises
    ``ImportError`` listing every candidate and why it failed.
    """
    env = os.environ.get(ENV_VAR)
    if env:
        # Named on purpose: that library or none, never a silent substitute.
        lib, why = _try(env, symbols)
        if lib is not None:
            return lib, env
        raise ImportError(
            "funnelplan: %s=%s cannot be used: %s. Point %s at a libfunnelplan "
            "of ABI major %d, or unset it to search the package directory, the "
            "installed libdir, the build tree and the system." % (
                ENV_VAR, env, why, ENV_VAR, ABI_MAJOR))
    tried = []
    for how, path, why in _candidates():
        if path is None:
            tried.append("  %s: %s" % (how, why))
            continue
        lib, why = _try(path, symbols)
        if lib is not None:
            return lib, path
        tried.append("  %s: %s: %s" % (how, path, why))
    raise ImportError(
        "funnelplan: cannot find a usable libfunnelplan (ABI major %d). Tried:\n%s\n"
        "Build it (meson setup build && ninja -C build), install it, or set %s "
        "to the library file." % (ABI_MAJOR, "\n".join(tried), ENV_VAR))
