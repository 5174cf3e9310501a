# funnelplan — the examples in the package's docstrings run as written.
# SPDX-License-Identifier: MIT

import doctest

import fpl_support  # noqa: F401  (sets the import path)

import funnelplan


def load_tests(loader, tests, pattern):
    tests.addTests(doctest.DocTestSuite(funnelplan))
    return tests
