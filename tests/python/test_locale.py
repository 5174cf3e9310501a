# funnelplan — numbers read and computed the same in every locale.
# SPDX-License-Identifier: MIT
"""A child Python switches itself to German (decimal comma, '.' as the
thousands separator) with a locale generated on the fly by ``localedef``,
then computes plans and forecasts from numbers and from strings such as
"1.5M", "12.5%" and "1,000,000". The repr of every to_dict() (and of every
error message) must be identical to a run in the C locale.

Needs ``localedef`` and Debian's locale sources (the ``locales`` package).
"""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from fpl_support import package_env

CHILD = r'''
import ctypes, locale, os, subprocess, sys

mode = sys.argv[1]
if mode == "de":
    locdir = sys.argv[2]
    proc = subprocess.run(["localedef", "-c", "-i", "de_DE", "-f", "UTF-8",
                           os.path.join(locdir, "de_DE.UTF-8")],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if not os.path.isdir(os.path.join(locdir, "de_DE.UTF-8")):
        sys.stderr.write("LOCALEDEF FAILED (exit %d): %s" % (proc.returncode,
                                                               proc.stdout.decode()))
        sys.exit(3)
    os.environ["LOCPATH"] = locdir
    got = locale.setlocale(locale.LC_ALL, "de_DE.UTF-8")
    assert got == "de_DE.UTF-8", got
    assert locale.localeconv()["decimal_point"] == ",", locale.localeconv()
    # Proof that C code in this process now reads numbers the German way.
    libc = ctypes.CDLL(None)
    libc.strtod.restype = ctypes.c_double
    libc.strtod.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    assert libc.strtod(b"1,5", None) == 1.5, "the C locale did not change"
else:
    locale.setlocale(locale.LC_ALL, "C")
    assert locale.localeconv()["decimal_point"] == "."

import funnelplan as fp
from fpl_support import questions

out = []
def record(call):
    try:
        out.append(call().to_dict())
    except fp.FunnelError as e:
        out.append(("error", e.status, str(e)))

record(lambda: fp.Funnel([("lead", "1%"), ("accepted", "10%")], deal_size=50000)
       .plan(revenue=1000000, per="year"))
record(lambda: fp.Funnel([("opportunity", "1/3")], deal_size="4,000").plan(revenue="100k"))
record(lambda: fp.Funnel([("opportunity", "33%")], deal_size=4000).forecast(75))
record(lambda: fp.Funnel([("mql", "27%"), ("accepted", "25%")]).plan(deals=10))
record(lambda: fp.Funnel([("lead", "12.5%"), ("sql", "0.5")], deal_size="1.5M",
                         cost_per_lead="12.75", margin="37.5%")
       .plan(revenue="1,000,000,000", per="quarter"))
record(lambda: fp.Funnel([("lead", "12.5%"), ("sql", "2/3")], deal_size="2.5e3")
       .forecast("1_250.5", revenue="1.5M", per="year"))
record(lambda: fp.Funnel([("lead", "1,5%")]))
record(lambda: fp.Funnel([("lead", "1%")]).plan(deals="1,5"))
record(lambda: fp.Funnel([("lead", "1%")]).plan(deals="2,5"))
out.append([fp.parse_amount(t) for t in ("1.5M", "0.1", "1,000,000", "1_000.25", "2B", "1e-3")])
out.append([fp.parse_rate(t) for t in ("12.5%", "0.125", "1/3", "33/100", "99.9%")])
for q in questions(777, 100):
    record(lambda: q.funnel().plan(**q.plan_kwargs()))
    record(lambda: q.funnel().forecast(**q.forecast_kwargs()))
print(repr(out))
'''


class SameNumbersInEveryLocale(unittest.TestCase):

    def run_child(self, *args, env_extra=None):
        env = package_env(**(env_extra or {}))
        proc = subprocess.run([sys.executable, "-c", CHILD] + list(args), env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")

    def test_german_locale_gives_identical_results(self):
        if shutil.which("localedef") is None:
            self.fail("localedef is missing: install Debian's `locales` package "
                      "(apt-get install locales) to run the locale test")
        with tempfile.TemporaryDirectory() as locdir:
            code, german, err = self.run_child("de", locdir)
        if code == 3:
            self.fail("localedef could not generate de_DE.UTF-8; install Debian's `locales` "
                      "package (apt-get install locales).\n" + err)
        self.assertEqual(code, 0, err)
        code, c_run, err = self.run_child("C", env_extra={"LC_ALL": "C"})
        self.assertEqual(code, 0, err)
        self.assertTrue(c_run.startswith("[{'command': 'plan'"), c_run[:200])
        self.assertIn("FPL_ERR_PARSE_GROUPING", c_run)
        self.assertEqual(german, c_run)


if __name__ == "__main__":
    unittest.main()
