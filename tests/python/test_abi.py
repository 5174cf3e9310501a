# funnelplan — the ctypes mirror has the C compiler's layout, field by field.
# SPDX-License-Identifier: MIT
"""Compiles a small C program, generated from the ctypes ``_fields_``, that
prints sizeof and offsetof of every struct and field as the C compiler lays
them out from the public headers, and compares them with ctypes. Catches a
field added, removed, reordered or retyped in a header but not in
``funnelplan/_native.py``. Uses the compiler meson built the library with
($FUNNELPLAN_TEST_CC); run by hand, skipped only without any C compiler."""

import ctypes
import os
import subprocess
import tempfile
import unittest

from fpl_support import REPO, c_compiler

from funnelplan import _native


def c_program():
    lines = ["#include <stdio.h>", "#include <stddef.h>", '#include "funnelplan/plan.h"',
             '#include "funnelplan/forecast.h"', '#include "funnelplan/whatif.h"',
             '#include "funnelplan/sensitivity.h"', '#include "funnelplan/solve.h"',
             '#include "funnelplan/batch.h"', '#include "funnelplan/odds.h"',
             '#include "funnelplan/channels.h"', '#include "funnelplan/schedule.h"',
             '#include "funnelplan/pace.h"', '#include "funnelplan/score.h"',
             '#include "funnelplan/mix.h"', '#include "funnelplan/render.h"',
             '#include "funnelplan/limits.h"',
             "int main(void) {"]
    for struct in filter(None, _native.STRUCTS + _native.VIEW_STRUCTS):
        name = struct.__name__
        lines.append('printf("%s %%zu %%zu\\n", sizeof(%s), _Alignof(%s));' % (name, name, name))
        for field, _ in struct._fields_:
            lines.append('printf("%s.%s %%zu %%zu\\n", offsetof(%s, %s), sizeof(((%s *)0)->%s));'
                         % (name, field, name, field, name, field))
    lines += ["return 0;", "}"]
    return "\n".join(lines) + "\n"


def ctypes_layout():
    out = {}
    for struct in filter(None, _native.STRUCTS + _native.VIEW_STRUCTS):
        name = struct.__name__
        out[name] = (ctypes.sizeof(struct), ctypes.alignment(struct))
        for field, _ in struct._fields_:
            desc = getattr(struct, field)
            out["%s.%s" % (name, field)] = (desc.offset, desc.size)
    return out


class CtypesMirrorMatchesTheHeaders(unittest.TestCase):

    def test_layout(self):
        cc = c_compiler()
        if cc is None:
            self.skipTest("no C compiler (cc, gcc or clang) on PATH")
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "layout.c")
            exe = os.path.join(tmp, "layout")
            with open(src, "w") as f:
                f.write(c_program())
            subprocess.run(cc + ["-std=c11", "-I", os.path.join(REPO, "include"), "-o", exe, src],
                           check=True)
            text = subprocess.run([exe], stdout=subprocess.PIPE, check=True).stdout.decode()
        c = {}
        for line in text.splitlines():
            key, a, b = line.split()
            c[key] = (int(a), int(b))
        self.assertEqual(ctypes_layout(), c)

    def test_import_check_compares_with_the_library(self):
        """The import-time check asks the loaded library for each sizeof."""
        sizes = [_native.fn.abi_size(i) for i in range(len(_native.STRUCTS))]
        self.assertEqual(sizes, [0 if s is None else ctypes.sizeof(s) for s in _native.STRUCTS])
        # Every struct has a size; a retired one (None here) answers 0.
        self.assertEqual([size > 0 for size in sizes], [s is not None for s in _native.STRUCTS])
        self.assertEqual(_native.STRUCTS.index(None), 29)  # FPL_ABI_RESERVED_29
        self.assertEqual(_native.fn.abi_size(len(_native.STRUCTS)), 0)  # past the enum


if __name__ == "__main__":
    unittest.main()
