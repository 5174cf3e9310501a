# funnelplan — the examples in the package's docstrings run as written.
# SPDX-License-Identifier: MIT

import doctest

import fpl_support  # noqa: F401  (sets the import path)

import funnelplan
from funnelplan import _batch, _common, _learn, _model, _whatif


def load_tests(loader, tests, pattern):
    tests.addTests(doctest.DocTestSuite(funnelplan))
    # Funnel's methods (whatif, solve) carry examples too.
    tests.addTests(doctest.DocTestSuite(_model))
    tests.addTests(doctest.DocTestSuite(_whatif))
    tests.addTests(doctest.DocTestSuite(_batch))
    tests.addTests(doctest.DocTestSuite(_learn))
    # What every result shows (str, to_csv, _repr_svg_, _repr_html_).
    tests.addTests(doctest.DocTestSuite(_common))
    return tests
