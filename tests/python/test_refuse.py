# funnelplan — the package's own refusals go through one helper.
# SPDX-License-Identifier: MIT
"""``_common.refuse`` names a status as the library does (less its prefix)
and finds it in the table read from the library, so the package states no
status code of its own; the statuses are written out in the package at
most 10 times (issue 14)."""

import glob
import os
import unittest

from fpl_support import PACKAGE_PARENT

import funnelplan as fp
from funnelplan import _common, _native


class Refuse(unittest.TestCase):

    def test_statuses_come_from_the_library(self):
        self.assertEqual(_native.ERR["NULL"], _native.STATUS["FPL_ERR_NULL"])
        self.assertEqual(set(_native.ERR), {name[len("FPL_ERR_"):] for name in _native.STATUS
                                            if name != "FPL_OK"})
        with self.assertRaises(KeyError):
            _common.refuse("NO_SUCH_STATUS")

    def test_the_library_words_it_unless_told(self):
        e = _common.refuse("PARSE_SYNTAX", "rate 'x'")
        self.assertIs(type(e), fp.FunnelError)
        self.assertEqual(e.status, "FPL_ERR_PARSE_SYNTAX")
        self.assertEqual(e.code, _native.STATUS["FPL_ERR_PARSE_SYNTAX"])
        self.assertEqual(str(e), "rate 'x': %s"
                         % _native.fn.strerror(e.code).decode())
        t = _common.refuse("PARSE_SYNTAX", "rate [1]", "a list", typed=True)
        self.assertIsInstance(t, TypeError)
        self.assertEqual((t.status, str(t), t.is_input_error),
                         ("FPL_ERR_PARSE_SYNTAX", "rate [1]: a list", True))

    def test_a_field_and_an_entry_as_the_library_has_them(self):
        e = _common.refuse("ANSWER", "answers", field="answer", index=2)
        self.assertEqual((e.field, e.index), ("answer", 2))

    def test_status_names_are_written_out_at_most_10_times(self):
        count = 0
        for path in glob.glob(os.path.join(PACKAGE_PARENT, "funnelplan", "*.py")):
            with open(path, encoding="utf-8") as f:
                count += f.read().count("FPL_ERR_")
        self.assertLessEqual(count, 10)


if __name__ == "__main__":
    unittest.main()
