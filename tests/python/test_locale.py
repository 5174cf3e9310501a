# funnelplan — numbers read and computed the same in every locale.
# SPDX-License-Identifier: MIT
"""A child Python switches itself to each of de_DE, fr_FR and tr_TR (UTF-8),
proves the switch took effect (decimal comma in all three, the locale's own
day names, and for Turkish the dotted and dotless i of the C library's wide
casing), then computes plans and forecasts from numbers and from strings such
as "1.5M", "12.5%" and "1,000,000". The repr of every to_dict() (and of every
error message) must be identical to a run in the C locale.

The locales come from the build tree ($FUNNELPLAN_TEST_LOCPATH, made by
meson's 'locales' target, whose stamp $FUNNELPLAN_TEST_LOCALES_STAMP says
"ok" or why not); run by hand, they are generated with ``localedef`` into a
temporary directory. A locale that cannot be made fails the test with the
reason: install Debian's ``locales`` package.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from fpl_support import package_env

LOCALES = ("de_DE.UTF-8", "fr_FR.UTF-8", "tr_TR.UTF-8")
INSTALL_LOCALES = "install Debian's `locales` package (apt-get install locales)"

CHILD = r'''
import ctypes, locale, os, sys, time

mode = sys.argv[1]
# The first day of the week in each locale: proof that LC_TIME switched.
DAY_1 = {"C": "Sunday", "de_DE.UTF-8": "Sonntag", "fr_FR.UTF-8": "dimanche",
         "tr_TR.UTF-8": "Pazar"}
got = locale.setlocale(locale.LC_ALL, mode)
assert got == mode, got
conv = locale.localeconv()
libc = ctypes.CDLL(None)
libc.strtod.restype = ctypes.c_double
libc.strtod.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
libc.towupper.restype = libc.towlower.restype = ctypes.c_uint
libc.towupper.argtypes = libc.towlower.argtypes = [ctypes.c_uint]
assert locale.nl_langinfo(locale.DAY_1) == DAY_1[mode], locale.nl_langinfo(locale.DAY_1)
assert time.strftime("%A", time.gmtime(0)) != "Thursday" or mode == "C"
if mode == "C":
    assert conv["decimal_point"] == ".", conv
    assert libc.strtod(b"1,5", None) == 1.0
    assert libc.towupper(ord("i")) == ord("I")
else:
    assert conv["decimal_point"] == ",", conv
    # Proof that C code in this process now reads numbers the local way.
    assert libc.strtod(b"1,5", None) == 1.5, "the C locale did not change"
    if mode.startswith("tr_"):
        # Turkish casing: i -> U+0130 (dotted I), I -> U+0131 (dotless i), and
        # the single-byte toupper leaves 'i' alone. (str.upper() is not
        # locale-aware, so only the C library shows it.)
        assert conv["thousands_sep"] == ".", conv
        assert libc.towupper(ord("i")) == 0x130, hex(libc.towupper(ord("i")))
        assert libc.towlower(ord("I")) == 0x131, hex(libc.towlower(ord("I")))
        assert libc.toupper(ord("i")) == ord("i"), libc.toupper(ord("i"))
    elif mode.startswith("fr_"):
        assert conv["thousands_sep"] in ("\u202f", "\xa0"), conv
    else:
        assert conv["thousands_sep"] == ".", conv

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
def value(call):
    try:
        out.append(call())
    except fp.FunnelError as e:
        out.append(("error", e.status, str(e)))
# Numbers written the local way are refused the same everywhere.
for text in ("1.000.000", "1\u202f000", "1\xa0000", "1 000", "1,5", "12,5%"):
    value(lambda: fp.parse_amount(text))
    value(lambda: fp.parse_rate(text))
# Casing (the Turkish I): names and periods are compared byte for byte.
record(lambda: fp.Funnel([("INFO", "10%")]).forecast(10, at="info"))
record(lambda: fp.Funnel([("info", "10%")]).forecast(10, at="\u0130NFO"))
turkish = "\u0130nceleme \u0131"
record(lambda: fp.Funnel([(turkish, "10%")]).forecast(10, at=turkish))
record(lambda: fp.Funnel([("lead", "1%")]).plan(deals=1, per="YEAR"))
record(lambda: fp.Funnel([("lead", "1%")]).plan(deals=1, per="Quarter"))
for q in questions(777, 100):
    record(lambda: q.funnel().plan(**q.plan_kwargs()))
    record(lambda: q.funnel().forecast(**q.forecast_kwargs()))
# What-if, sensitivity and goal seek read changes and steps the same way too.
ex3 = fp.Funnel([("opportunity", "33%")], deal_size=4000)
record(lambda: ex3.whatif(volume=75, changes={"opportunity": "+10%"}, horizon="12",
                          invest="50,000"))
for change in ("+1,5%", "+1.5%", "+1.5pp", "-1,5pp", "36,3%", "36.3%", "4.500", "4,500"):
    record(lambda: ex3.whatif(volume=75, changes=[("opportunity", change)]))
    record(lambda: ex3.whatif(volume=75, changes=[("deal-size", change)]))
record(lambda: ex3.whatif(volume=75, horizon="1,5"))
record(lambda: ex3.sensitivity(volume=75, step="+0,5pp"))
record(lambda: ex3.sensitivity(volume=75, step="+0.5pp", deal_size_step="+2.5%"))
record(lambda: ex3.solve("opportunity", volume=75, revenue="125.000"))
record(lambda: ex3.solve("opportunity", volume=75, revenue="125,000"))
from fpl_whatif_support import whatif_questions
for wq in whatif_questions(778, 40):
    record(lambda: wq.q.funnel().whatif(**wq.kwargs()))
print(repr(out))
'''


def prepare_locales():
    """(LOCPATH directory, temporary directory to remove or None, {locale:
    why it is unavailable})."""
    locpath = os.environ.get("FUNNELPLAN_TEST_LOCPATH")
    if locpath:
        stamp = os.environ.get("FUNNELPLAN_TEST_LOCALES_STAMP", "")
        try:
            with open(stamp, encoding="utf-8") as f:
                reason = f.read().strip()
        except OSError as exc:
            reason = "no stamp of the 'locales' target (%s)" % exc
        tmp = None
    else:
        tmp = locpath = tempfile.mkdtemp(prefix="funnelplan-locale-")
        problems = []
        if shutil.which("localedef") is None:
            problems.append("localedef is missing")
        else:
            for loc in LOCALES:
                lang = loc.split(".")[0]
                proc = subprocess.run(["localedef", "-c", "-i", lang, "-f", "UTF-8",
                                       os.path.join(locpath, loc)],
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                      timeout=120)
                if not os.path.isdir(os.path.join(locpath, loc)):
                    problems.append("%s: localedef made nothing (exit %d): %s"
                                    % (lang, proc.returncode,
                                       proc.stdout.decode("utf-8", "replace").strip()))
        reason = "\n".join(problems) or "ok"
    missing = {}
    for loc in LOCALES:
        if not os.path.isdir(os.path.join(locpath, loc)):
            lang = loc.split(".")[0] + ":"
            why = [line for line in reason.splitlines() if line.startswith(lang)]
            missing[loc] = ("\n".join(why) or reason if reason != "ok"
                            else "no %s in %s" % (loc, locpath))
    return locpath, tmp, missing


class SameNumbersInEveryLocale(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.locpath, cls.tmp, cls.missing = prepare_locales()

    @classmethod
    def tearDownClass(cls):
        if cls.tmp is not None:
            shutil.rmtree(cls.tmp)

    def run_child(self, mode, **env_extra):
        env = package_env(**env_extra)
        proc = subprocess.run([sys.executable, "-c", CHILD, mode], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")

    def test_every_locale_gives_identical_results(self):
        code, c_run, err = self.run_child("C", LC_ALL="C")
        self.assertEqual(code, 0, err)
        self.assertTrue(c_run.startswith("[{'command': 'plan'"), c_run[:200])
        self.assertIn("FPL_ERR_PARSE_GROUPING", c_run)
        self.assertIn("FPL_ERR_STAGE_UNKNOWN", c_run)
        for loc in LOCALES:
            with self.subTest(locale=loc):
                if loc in self.missing:
                    self.fail("the %s locale is unavailable (%s):\n%s"
                              % (loc, INSTALL_LOCALES, self.missing[loc]))
                code, local, err = self.run_child(loc, LC_ALL=loc, LOCPATH=self.locpath)
                if "unsupported locale setting" in err:
                    self.fail("cannot switch to %s with LOCPATH=%s (%s):\n%s"
                              % (loc, self.locpath, INSTALL_LOCALES, err))
                self.assertEqual(code, 0, err)
                self.assertEqual(local, c_run)


if __name__ == "__main__":
    unittest.main()
