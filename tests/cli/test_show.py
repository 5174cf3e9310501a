"""What a Python result shows is what the CLI prints for the same question.

For every command (plan, forecast, whatif, sensitivity, solve, odds,
schedule, pace, channels, score, learn) and a few questions each, asked once of the
binary under $FUNNELPLAN_CLI and once of the package: ``str(result)`` is the
CLI's stdout with ``--format table``, ``result.to_csv()`` with ``--format
csv`` and ``result._repr_svg_()`` with ``--format svg`` (None where the CLI
refuses to draw), byte for byte, the final newline included: both are the
library's rendering (fpl_*_render), so nothing is stripped on either side.
``_repr_html_`` is the table, HTML-escaped in a ``<pre>``, then the picture.

Score's files of leads are written to a temporary directory; a file with a
faulty row exits 4 (the row skipped), as the CLI documents.
"""

import csv
import html
import io
import os
import tempfile
import unittest

import test_cli as base
from test_cli import run

import funnelplan as fp

TWO = [("lead", "10%"), ("opportunity", "25%")]
TWO_CLI = ["--stage", "lead=10%", "--stage", "opportunity=25%"]
THREE = [("lead", "4%"), ("mql", "30%"), ("sql", "20%")]
THREE_CLI = ["--stage", "lead=4%", "--stage", "mql=30%", "--stage", "sql=20%"]
MIX = {"lead": "inbound:60%@12%,outbound:40%@5%"}
MIX_CLI = ["--mix", "lead=inbound:60%@12%,outbound:40%@5%"]


LEADS = tempfile.mkdtemp(prefix="funnelplan-show-")
# ids that look like numbers, an id to escape, a faulty row (line 5), a tie
# broken by sales-readiness, and the header's names in another case
FILES = {
    "bant.csv": "id,budget,authority,need,timing\nacme,yes,yes,50%,yes\n007,1,1,1,1\n"
                "\"tab\tand, comma\",0,1,0,1\nbad,1,1\nzed,1,1,1,1/2\n",
    "custom.csv": "Lead,Fit,Intent,Budget\n12,1,0.5,1\n13,0,1,1\n"
                  "alongidthatgoesonandonandonandonandonandonandon,1,1,0\nnaïve café,1,0,0\n",
    # a history in the wide form: a row per item, a date column per stage
    "wide.csv": "id,lead,sql,won,lost,amount,source\n"
                "a,2026-01-05,2026-01-20,2026-02-11,,12000,web\n"
                "b,2026-01-09,,,2026-01-30,,events\n"
                "c,2026-02-02,2026-02-25,,,,web\n"
                "d,2026-02-14,2026-03-01,,2026-03-20,,events\n"
                "e,2026-03-01,,,,,web\n",
}
HISTORY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples",
                       "crm_history.csv")
for name, text in FILES.items():
    with open(os.path.join(LEADS, name), "w", newline="", encoding="utf-8") as f:
        f.write(text)


def tearDownModule():
    for name in FILES:
        os.remove(os.path.join(LEADS, name))
    os.rmdir(LEADS)


def leads(name):
    return os.path.join(LEADS, name)


def funnel(stages=TWO, **kw):
    return fp.Funnel(stages, **kw)


# (the CLI's arguments without --format, the same question of the package)
CASES = {
    "plan": [
        (["plan"] + TWO_CLI + ["--deal-size", "10000", "--revenue", "1.2M"],
         lambda: funnel(deal_size=10000).plan(revenue="1.2M")),
        (["plan"] + THREE_CLI + ["--deals", "30", "--per", "quarter", "--cost-per-lead", "50",
                                 "--margin", "60%", "--deal-size", "8000"],
         lambda: funnel(THREE, deal_size=8000, cost_per_lead=50, margin="60%")
         .plan(deals=30, per="quarter")),
        (["plan"] + TWO_CLI + ["--deals", "12", "--confidence", "90%"],
         lambda: funnel().plan(deals=12, confidence="90%")),
        (["plan"] + TWO_CLI + MIX_CLI + ["--deals", "20", "--deal-size", "5000"],
         lambda: funnel(mix=MIX, deal_size=5000).plan(deals=20)),
    ],
    "forecast": [
        (["forecast"] + TWO_CLI + ["--volume", "500", "--deal-size", "10000"],
         lambda: funnel(deal_size=10000).forecast(500)),
        (["forecast"] + THREE_CLI + ["--volume", "120", "--at", "mql", "--deals", "10",
                                     "--per", "year"],
         lambda: funnel(THREE).forecast(120, at="mql", deals=10, per="year")),
        (["forecast"] + THREE_CLI + ["--volume", "3000", "--revenue", "250000",
                                     "--deal-size", "10000", "--cost-per-lead", "20",
                                     "--margin", "70%"],
         lambda: funnel(THREE, cost_per_lead=20, margin="70%", deal_size=10000)
         .forecast(3000, revenue=250000)),
        (["forecast"] + TWO_CLI + MIX_CLI + ["--volume", "800"],
         lambda: funnel(mix=MIX).forecast(800)),
    ],
    "whatif": [
        (["whatif"] + TWO_CLI + ["--deal-size", "10000", "--volume", "500",
                                 "--change", "opportunity=+10%", "--change", "deal-size=12000"],
         lambda: funnel(deal_size=10000).whatif(["opportunity=+10%", "deal-size=12000"],
                                                volume=500)),
        (["whatif"] + THREE_CLI + ["--deals", "30", "--change", "mql=+5pp",
                                   "--horizon", "4", "--invest", "20000",
                                   "--cost-per-lead", "40", "--deal-size", "9000"],
         lambda: funnel(THREE, cost_per_lead=40, deal_size=9000)
         .whatif(["mql=+5pp"], deals=30, horizon=4, invest=20000)),
        (["whatif"] + TWO_CLI + MIX_CLI + ["--volume", "900",
                                           "--scenario-mix", "lead=inbound:80%@12%,outbound:20%@5%"],
         lambda: funnel(mix=MIX).whatif(
             volume=900, scenario_mix={"lead": "inbound:80%@12%,outbound:20%@5%"})),
    ],
    "sensitivity": [
        (["sensitivity"] + TWO_CLI + ["--deal-size", "10000", "--volume", "500"],
         lambda: funnel(deal_size=10000).sensitivity(volume=500)),
        (["sensitivity"] + THREE_CLI + ["--deals", "30", "--step", "+2pp", "--per", "quarter"],
         lambda: funnel(THREE).sensitivity(deals=30, step="+2pp", per="quarter")),
        (["sensitivity"] + TWO_CLI + MIX_CLI + ["--deals", "10"],
         lambda: funnel(mix=MIX).sensitivity(deals=10)),
    ],
    "solve": [
        (["solve"] + TWO_CLI + ["--deals", "10", "--volume", "300", "--for", "lead"],
         lambda: funnel().solve("lead", volume=300, deals=10)),
        (["solve"] + THREE_CLI + ["--revenue", "200000", "--deal-size", "10000",
                                  "--volume", "2000", "--for", "deal-size"],
         lambda: funnel(THREE, deal_size=10000).solve("deal-size", volume=2000,
                                                     revenue=200000)),
        (["solve"] + TWO_CLI + MIX_CLI + ["--deals", "10", "--volume", "300", "--for", "volume"],
         lambda: funnel(mix=MIX).solve("volume", volume=300, deals=10)),
    ],
    "odds": [
        (["odds"] + TWO_CLI + ["--deals", "12", "--volume", "500"],
         lambda: funnel().odds(500, deals=12)),
        (["odds"] + THREE_CLI + ["--revenue", "100000", "--deal-size", "10000", "--volume",
                                 "1000", "--confidence", "50%", "--confidence", "95%"],
         lambda: funnel(THREE, deal_size=10000).odds(1000, revenue=100000,
                                                     confidence=["50%", "95%"])),
        (["odds"] + TWO_CLI + ["--deals", "12", "--volume", "500", "--simulate",
                               "--trials", "2000", "--seed", "7"],
         lambda: funnel().odds(500, deals=12, simulate=True, trials=2000, seed=7)),
    ],
    "schedule": [
        (["schedule"] + TWO_CLI + ["--deal-size", "10000", "--revenue", "1.2M", "--per", "year",
                                   "--start", "2027-01", "--months", "12",
                                   "--seasonality", "6,6,8,8,9,9,6,5,9,10,12,12",
                                   "--lag", "lead=1m", "--lag", "opportunity=2m"],
         lambda: funnel(deal_size=10000).schedule(
             "2027-01", 12, revenue="1.2M", per="year",
             seasonality="6,6,8,8,9,9,6,5,9,10,12,12",
             lags={"lead": "1m", "opportunity": "2m"})),
        (["schedule"] + THREE_CLI + ["--deals", "20", "--start", "2026-07", "--months", "6",
                                     "--reps", "4"],
         lambda: funnel(THREE).schedule("2026-07", 6, deals=20, reps=4)),
    ],
    "pace": [
        (["pace"] + TWO_CLI + ["--deals", "30", "--per", "quarter", "--start", "2027-01-01",
                               "--as-of", "2027-02-14", "--actual", "lead=450",
                               "--actual", "opportunity=58", "--actual-deals", "14",
                               "--open", "opportunity=56", "--lag", "lead=1m",
                               "--lag", "opportunity=2m"],
         lambda: funnel().pace(deals=30, per="quarter", start="2027-01-01", as_of="2027-02-14",
                               actual={"lead": 450, "opportunity": 58}, actual_deals=14,
                               open={"opportunity": 56},
                               lags={"lead": "1m", "opportunity": "2m"})),
        (["pace"] + THREE_CLI + ["--revenue", "300000", "--deal-size", "10000",
                                 "--elapsed", "40%", "--actual", "lead=3000",
                                 "--actual-revenue", "90000"],
         lambda: funnel(THREE, deal_size=10000).pace(
             revenue=300000, elapsed="40%", actual={"lead": 3000}, actual_revenue=90000)),
    ],
    "channels": [
        (["channels"] + TWO_CLI + ["--deals", "40",
                                   "--channel", "search: cost-per-lead=120, quality=1.2",
                                   "--channel", "webinars: cost-per-lead=90, rate=40%, capacity=300",
                                   "--channel", "display: cost-per-lead=35, quality=0.5"],
         lambda: funnel().channels(["search: cost-per-lead=120, quality=1.2",
                                    "webinars: cost-per-lead=90, rate=40%, capacity=300",
                                    "display: cost-per-lead=35, quality=0.5"], deals=40)),
        (["channels"] + THREE_CLI + ["--revenue", "500000", "--deal-size", "10000",
                                     "--allocate", "shares", "--margin", "70%",
                                     "--channel", "events: cost-per-lead=200, share=30%",
                                     "--channel", "ads: cost-per-lead=60, share=70%"],
         lambda: funnel(THREE, deal_size=10000, margin="70%").channels(
             ["events: cost-per-lead=200, share=30%", "ads: cost-per-lead=60, share=70%"],
             revenue=500000, allocate="shares")),
    ],
    "score": [
        (["score", "--leads", leads("bant.csv")], lambda: fp.score(leads("bant.csv"))),
        (["score", "--leads", leads("bant.csv"), "--top", "2", "--hot", "90", "--warm", "40"],
         lambda: fp.score(leads("bant.csv"), top=2, hot=90, warm=40)),
        (["score", "--leads", leads("custom.csv"), "--id-column", "lead",
          "--criterion", "fit=2,required", "--criterion", "intent", "--criterion", "budget=0.5"],
         lambda: fp.score(leads("custom.csv"), ["fit=2,required", "intent", "budget=0.5"],
                          id_column="lead")),
    ],
    "learn": [
        (["learn", HISTORY, "--stages", "lead,mql,sql,opportunity", "--backtest"],
         lambda: fp.learn(HISTORY, stages="lead,mql,sql,opportunity", backtest=True)),
        (["learn", leads("wide.csv"), "--as-of", "2026-03-31"],
         lambda: fp.learn(leads("wide.csv"), as_of="2026-03-31")),
    ],
}


def cli(args, fmt):
    """(exit status, stdout as text) of the CLI for ``args`` in format ``fmt``."""
    r = run(args + ["--format", fmt])
    # a file of leads with a faulty row exits 4, its row skipped
    status = 0 if args[0] == "score" and r.returncode == 4 and fmt != "svg" else r.returncode
    return status, r.stdout.decode("utf-8"), r.stderr.decode("utf-8", "replace")


@unittest.skipUnless(base.CLI, "FUNNELPLAN_CLI is not set")
class ShowTest(unittest.TestCase):

    def each(self):
        for command, cases in CASES.items():
            for k, (args, ask) in enumerate(cases):
                with self.subTest(command=command, case=k, args=" ".join(args)):
                    yield args, ask()

    def test_every_command_is_walked(self):
        self.assertEqual(set(CASES), {"plan", "forecast", "whatif", "sensitivity", "solve",
                                      "odds", "schedule", "pace", "channels", "score",
                                      "learn"})

    def test_str_is_the_cli_table(self):
        for args, result in self.each():
            status, out, err = cli(args, "table")
            self.assertEqual(status, 0, err)
            self.assertEqual(str(result), out)

    def test_to_csv_is_the_cli_csv(self):
        for args, result in self.each():
            status, out, err = cli(args, "csv")
            self.assertEqual(status, 0, err)
            self.assertEqual(result.to_csv(), out)

    def test_to_rows_are_the_cli_csv_typed(self):
        # Every cell of the CLI's CSV is its row's value: "" None, true/false
        # a bool, a number the same double (an int when its whole column is
        # whole), a name the same text even when it reads as a number.
        for args, result in self.each():
            status, out, err = cli(args, "csv")
            self.assertEqual(status, 0, err)
            header, *cells = list(csv.reader(io.StringIO(out, newline="")))
            rows = result.to_rows()
            self.assertEqual(len(rows), len(cells))
            for row, line in zip(rows, cells):
                self.assertEqual(list(row), header)
                for key, cell in zip(header, line):
                    value = row[key]
                    if cell == "":
                        self.assertIsNone(value, key)
                    elif key in ("stage", "channel", "lever", "id", "band", "missing"):
                        self.assertEqual(value, cell, key)
                    elif cell in ("true", "false"):
                        self.assertIs(value, cell == "true", key)
                    elif isinstance(value, str):
                        self.assertRaises(ValueError, float, cell)
                        self.assertEqual(value, cell)
                    else:
                        self.assertNotIsInstance(value, bool)
                        self.assertEqual(value, float(cell), key)
                        whole = all(c[header.index(key)].lstrip("-").isdigit()
                                    for c in cells if c[header.index(key)])
                        self.assertIs(type(value), int if whole else float, key)

    def test_repr_svg_is_the_cli_picture_or_none(self):
        drawn = set()
        for args, result in self.each():
            status, out, err = cli(args, "svg")
            if status == 0:
                self.assertEqual(result._repr_svg_(), out)
                drawn.add(args[0])
            else:  # a result the CLI draws no picture of
                self.assertEqual(status, 2, err)
                self.assertIsNone(result._repr_svg_())
        self.assertEqual(drawn, {"plan", "forecast", "whatif", "schedule", "channels"})

    def test_repr_html_is_the_escaped_table_and_the_picture(self):
        for args, result in self.each():
            page = result._repr_html_()
            table = "<pre>%s</pre>" % html.escape(str(result))
            self.assertTrue(page.startswith(table))
            svg = result._repr_svg_()
            self.assertEqual(page[len(table):], "\n" + (svg or ""))

    def test_repr_is_short_and_names_the_class(self):
        for args, result in self.each():
            text = repr(result)
            self.assertTrue(text.startswith(type(result).__name__ + "("), text)
            self.assertLess(len(text), 200, text)


if __name__ == "__main__":
    unittest.main()
