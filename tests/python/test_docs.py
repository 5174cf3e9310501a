# funnelplan — the examples in the package's docstrings run as written.
# SPDX-License-Identifier: MIT

import doctest

import fpl_support  # noqa: F401  (sets the import path)

import funnelplan
from funnelplan import _batch, _model, _whatif


def load_tests(loader, tests, pattern):
    tests.addTests(doctest.DocTestSuite(funnelplan))
    # Funnel's methods (whatif, solve) carry examples too.
    tests.addTests(doctest.DocTestSuite(_model))
    tests.addTests(doctest.DocTestSuite(_whatif))
    tests.addTests(doctest.DocTestSuite(_batch))
    return tests
