# funnelplan — every ctypes mirror of the package against the C compiler.
# SPDX-License-Identifier: MIT
"""Checks every ``ctypes.Structure`` and ``ctypes.Union`` defined in the
package, field by field, against the C headers it mirrors.

From the mirrors themselves (found by walking every module of the package,
so a new mirror is checked without being listed here) it writes a small C
program that prints, for every struct and every field, ``sizeof``,
``_Alignof``, ``offsetof`` and the field's ``sizeof`` as the C compiler lays
them out, compiles it against ``include/`` (and, for CPython's own
``Py_buffer``, against ``Python.h``) with the compiler meson built the
library with (``$FUNNELPLAN_TEST_CC``), runs it and compares with ctypes'
``Field.offset`` and ``Field.size``. A mirror's name is the C type's name
(``_Py_buffer`` is ``Py_buffer``); a field whose name starts with ``_`` is
room the C type does not have (then the mirror may be larger).

Run by ``test_abi.py`` and on its own (``python3 fpl_mirrors.py``: exit 0
when every mirror matches, else 1 and one line per difference).
"""

import ctypes
import importlib
import os
import pkgutil
import subprocess
import sys
import sysconfig
import tempfile

from fpl_support import REPO, c_compiler

import funnelplan

_HEADERS = ("funnelplan.h", "funnelplan/render.h")


def mirrors():
    """Every ctypes struct or union class defined in a module of the package,
    as (C name, class), in module and definition order."""
    found = []
    for info in sorted(pkgutil.iter_modules(funnelplan.__path__), key=lambda m: m.name):
        if info.name == "_paths":
            continue
        module = importlib.import_module("funnelplan." + info.name)
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, (ctypes.Structure, ctypes.Union))
                    and value.__module__ == module.__name__ and value not in dict(found).values()):
                found.append((value.__name__.lstrip("_"), value))
    return found


def c_type(name, cls):
    """How the C program names the type a mirror mirrors: its own name, or
    ``_c_type_`` for one the header leaves unnamed (a member's union)."""
    return getattr(cls, "_c_type_", name)


def _real_fields(cls):
    return [name for name, *_ in cls._fields_ if not name.startswith("_")]


def c_program(structs):
    """The C source that prints the compiler's layout of ``structs``."""
    lines = ["#include <stdio.h>", "#include <stddef.h>"]
    if any(name.startswith("Py") for name, _ in structs):
        lines.insert(0, "#include <Python.h>")
    lines += ['#include "%s"' % h for h in _HEADERS]
    lines.append("int main(void) {")
    for name, cls in structs:
        t = c_type(name, cls)
        lines.append('printf("%s %%zu %%zu\\n", sizeof(%s), _Alignof(%s));' % (name, t, t))
        for field in _real_fields(cls):
            lines.append('printf("%s.%s %%zu %%zu\\n", offsetof(%s, %s), sizeof(((%s *)0)->%s));'
                         % (name, field, t, field, t, field))
    lines += ["return 0;", "}"]
    return "\n".join(lines) + "\n"


def ctypes_layout(structs):
    """The same figures as ctypes lays the mirrors out."""
    out = {}
    for name, cls in structs:
        out[name] = (ctypes.sizeof(cls), ctypes.alignment(cls))
        for field in _real_fields(cls):
            desc = getattr(cls, field)
            out["%s.%s" % (name, field)] = (desc.offset, desc.size)
    return out


def c_layout(structs, cc):
    """The figures as the C compiler lays the headers out."""
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "layout.c")
        exe = os.path.join(tmp, "layout")
        with open(src, "w") as f:
            f.write(c_program(structs))
        subprocess.run(cc + ["-std=c11", "-I", os.path.join(REPO, "include"),
                             "-I", sysconfig.get_paths()["include"], "-o", exe, src], check=True)
        text = subprocess.run([exe], stdout=subprocess.PIPE, check=True).stdout.decode()
    out = {}
    for line in text.splitlines():
        key, a, b = line.split()
        out[key] = (int(a), int(b))
    return out


def _without_python_h(structs):
    """The mirrors, less CPython's own (``Py_buffer``) when ``Python.h`` is
    not installed (Debian's python3 without python3-dev): the library's
    mirrors are checked on every machine."""
    header = os.path.join(sysconfig.get_paths()["include"], "Python.h")
    if os.path.exists(header):
        return structs
    print("fpl_mirrors: no %s: CPython's own structs not checked" % header)
    return [(name, cls) for name, cls in structs if not name.startswith("Py")]


def differences(structs=None, cc=None):
    """One line per figure in which a mirror and the C compiler disagree."""
    structs = _without_python_h(mirrors() if structs is None else structs)
    c = c_layout(structs, cc or c_compiler())
    py = ctypes_layout(structs)
    wrong = []
    for key in sorted(set(c) | set(py)):
        a, b = py.get(key), c.get(key)
        spare = "." not in key and any(f.startswith("_") for f, *_ in dict(structs)[key]._fields_)
        if spare and a is not None and b is not None and a[0] >= b[0] and a[1] == b[1]:
            continue  # a mirror with room of its own is at least as large
        if a != b:
            what = "size, alignment" if "." not in key else "offset, size"
            wrong.append("%s: (%s) ctypes %s, C %s" % (key, what, a, b))
    return wrong


def main():
    if c_compiler() is None:
        print("fpl_mirrors: no C compiler ($FUNNELPLAN_TEST_CC, cc, gcc or clang)")
        return 1
    structs = mirrors()
    wrong = differences(structs)
    for line in wrong:
        print(line)
    print("fpl_mirrors: %d mirrors, %d fields: %s" % (
        len(structs), sum(len(_real_fields(c)) for _, c in structs),
        "%d differences" % len(wrong) if wrong else "all as the C compiler lays them out"))
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
