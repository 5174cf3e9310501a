# funnelplan — writes examples/crm_history.csv, a small SYNTHETIC CRM export
# (no real company's data): deals entering a four-stage funnel over 18
# months, with known rates and exponential lags, some still open at the end.
# SPDX-License-Identifier: MIT
"""python3 examples/make_crm_history.py > examples/crm_history.csv"""

import datetime
import random

STAGES = [("lead", 0.40, 10), ("mql", 0.50, 14), ("sql", 0.60, 21), ("opportunity", 0.35, 30)]
SOURCES = [("web", 0.5), ("events", 0.3), ("referral", 0.2)]
OWNERS = ["ana", "ben", "chloe"]
START = datetime.date(2025, 1, 1)
AS_OF = datetime.date(2026, 6, 30)


def main(seed=17, items=400):
    rnd = random.Random(seed)
    print("# SYNTHETIC CRM export for the funnelplan guide: made up by"
          " examples/make_crm_history.py, not any company's data")
    print("id,stage,date,amount,source,owner")
    span = (AS_OF - START).days
    for i in range(items):
        day = START + datetime.timedelta(days=rnd.randrange(span))
        src = rnd.choices([s for s, _ in SOURCES], [w for _, w in SOURCES])[0]
        owner = rnd.choice(OWNERS)
        rows = [(STAGES[0][0], day, "")]
        won = False
        for k, (name, rate, lag) in enumerate(STAGES):
            day = day + datetime.timedelta(days=max(1, round(rnd.expovariate(1 / lag))))
            if day > AS_OF:
                break  # still open at the end of the export
            if rnd.random() >= rate:
                rows.append(("lost", day, ""))
                break
            if k + 1 < len(STAGES):
                rows.append((STAGES[k + 1][0], day, ""))
            else:
                rows.append(("won", day, str(rnd.choice([8000, 10000, 12000, 15000, 25000]))))
                won = True
        del won
        for stage, d, amount in rows:
            print("D%04d,%s,%s,%s,%s,%s" % (i + 1, stage, d.isoformat(), amount, src, owner))


if __name__ == "__main__":
    main()
