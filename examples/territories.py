#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""An analyst's afternoon: plan every territory, look at one, export them all.

Four territories, each with its own target, deal size, stage rates and cost
per lead, as they would come from a spreadsheet (a list of dicts here; a
pandas DataFrame works the same). One call plans them all and reports the bad
record without stopping; one territory's plan prints as the CLI's table, is
written as the CLI's CSV and saved as the CLI's picture; with pandas the
rows become a DataFrame. Every figure is checked against hand arithmetic; the
script exits 1 on a mismatch.

    PYTHONPATH=bindings/python python3 examples/territories.py [OUTPUT_DIR]

Files go to OUTPUT_DIR (default: a temporary folder, removed at the end).
"""

import pathlib
import sys
import tempfile

import funnelplan as fp

TERRITORIES = [
    # id, yearly revenue target, deal size, lead -> opportunity -> deal rates, cost per lead
    {"id": "north", "revenue": "1.2M", "deal_size": 30000, "lead": "2%",
     "opportunity": "25%", "cost_per_lead": 40},
    {"id": "south", "revenue": 900000, "deal_size": 25000, "lead": 0.03,
     "opportunity": 0.2, "cost_per_lead": 35},
    {"id": "east", "revenue": "600k", "deal_size": 20000, "lead": "5%",
     "opportunity": "30%", "cost_per_lead": 50},
    {"id": "west", "revenue": "750k", "deal_size": 15000, "lead": "0%",  # a typo in the sheet
     "opportunity": "20%", "cost_per_lead": 30},
]

# Worked by hand: deals = revenue / deal size; opportunities = deals / close
# rate; leads = opportunities / lead rate; budget = leads * cost per lead.
EXPECTED = {
    "north": {"deals": 40, "opportunity_required": 160, "lead_required": 8000,
              "budget": 320000},
    "south": {"deals": 36, "opportunity_required": 180, "lead_required": 6000,
              "budget": 210000},
    "east": {"deals": 30, "opportunity_required": 100, "lead_required": 2000,
             "budget": 100000},
}

failures = 0


def check(what, got, want):
    global failures
    if got != want:
        print("territories.py: %s is %r, expected %r" % (what, got, want), file=sys.stderr)
        failures += 1


def main(out):

    # 1. Every territory in one call: one row per record, same keys on each,
    #    a refused record gets its message and the field at fault.
    rows = fp.plan_many(TERRITORIES, stages=["lead", "opportunity"])
    for row in rows:
        if row["error"]:
            print("%-6s refused: %s (field %s)" % (row["id"], row["error"], row["field"]))
            continue
        print("%-6s %4d deals, %5d opportunities, %6d leads, budget %9.0f"
              % (row["id"], row["deals_whole"], row["opportunity_required_whole"],
                 row["lead_required_whole"], row["budget"]))
        for key, want in EXPECTED[row["id"]].items():
            check("%s %s" % (row["id"], key), row[key], want)
    check("west refused on", rows[3]["field"], "lead")

    # 2. One territory in full: the CLI's table, CSV and picture.
    north = TERRITORIES[0]
    funnel = fp.Funnel([("lead", north["lead"]), ("opportunity", north["opportunity"])],
                       deal_size=north["deal_size"], cost_per_lead=north["cost_per_lead"])
    plan = funnel.plan(revenue=north["revenue"], per="year")
    print()
    print(plan)
    check("north leads by name", plan["lead"].required, 8000.0)
    check("north leads a month", plan.by_period.month.stages["lead"].required, 8000 / 12)
    (out / "north.csv").write_text(plan.to_csv())
    (out / "north.svg").write_text(plan._repr_svg_())
    check("CSV rows", [r["stage"] for r in plan.to_rows()], ["lead", "opportunity"])

    # 3. A DataFrame of every territory, when pandas is there.
    try:
        import pandas
    except ImportError:
        print("pandas is not installed: skipping the DataFrame")
    else:
        frame = pandas.DataFrame(rows).set_index("id")
        frame.to_csv(out / "territories.csv")
        check("total leads", int(frame["lead_required_whole"].sum()), 16000)
        print(frame[["deals", "lead_required", "budget"]].to_string())
    print("written: %s" % ", ".join(sorted(p.name for p in out.iterdir())))
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) > 1:
        sys.exit(main(pathlib.Path(sys.argv[1])))
    with tempfile.TemporaryDirectory(prefix="territories-") as folder:
        sys.exit(main(pathlib.Path(folder)))
