# funnelplan — the ctypes mirror has the C compiler's layout, field by field.
# SPDX-License-Identifier: MIT
"""Compiles a small C program, generated from the ctypes ``_fields_`` of
every mirror in the package (fpl_mirrors.py), that prints sizeof and
offsetof of every struct and field as the C compiler lays them out from the
public headers, and compares them with ctypes. Catches a field added,
removed, reordered or retyped in a header but not in the package. Uses the
compiler meson built the library with ($FUNNELPLAN_TEST_CC); run by hand,
skipped only without any C compiler."""

import ctypes
import unittest

import fpl_mirrors
from fpl_support import c_compiler

from funnelplan import _native


class CtypesMirrorMatchesTheHeaders(unittest.TestCase):

    def test_layout(self):
        if c_compiler() is None:
            self.skipTest("no C compiler (cc, gcc or clang) on PATH")
        self.assertEqual(fpl_mirrors.differences(), [])

    def test_every_mirror_is_checked(self):
        """The structs of _native and of every other module (_batch's
        Py_buffer), the view's unnamed union included."""
        names = [name for name, _ in fpl_mirrors.mirrors()]
        for struct in filter(None, _native.STRUCTS + _native.VIEW_STRUCTS):
            self.assertIn(struct.__name__, names)
        self.assertIn("Py_buffer", names)
        self.assertIn("fpl_node_value", names)

    def test_api_is_what_the_headers_declare(self):
        """_api.py, from which _native builds the mirrors and binds the
        functions, is gen_api.py's output for the headers as they are."""
        import gen_api
        with open(gen_api.OUT, encoding="utf-8") as f:
            self.assertEqual(f.read(), gen_api.module(),
                             "run python3 tests/python/gen_api.py after changing a header")

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
