"""An exact reference for `channels` (fractions.Fraction), shared by the CLI
tests (tests/cli/test_channels.py) and the Python tests.

The allocation has two independent references: the greedy fill (to compare
every channel's leads) and an enumeration of the vertices of the linear
programme (all but one channel at 0 or at its capacity, the one left
meeting the target), whose cheapest vertex is the optimum whatever the
greedy argument says.
"""

import itertools
import random
from fractions import Fraction as Fr


class Chan:
    """A channel: its spec text and its values as Fractions (None: absent)."""

    def __init__(self, name, cpl=None, spend=None, leads=None, capacity=None, rate=None,
                 quality=None, deal_size=None, share=None):
        self.name = name
        self.cpl, self.spend, self.leads = cpl, spend, leads
        self.capacity, self.rate, self.quality = capacity, rate, quality
        self.deal_size, self.share = deal_size, share

    def spec(self):
        parts = []
        for key, v in (("cost-per-lead", self.cpl), ("spend", self.spend),
                       ("leads", self.leads), ("capacity", self.capacity),
                       ("rate", self.rate), ("quality", self.quality),
                       ("deal-size", self.deal_size), ("share", self.share)):
            if v is not None:
                rate = key in ("rate", "quality", "share")
                parts.append("%s=%s" % (key, _text(v, rate)))
        return "%s: %s" % (self.name, ", ".join(parts))


def _text(v, rate):
    """A Fraction as the CLI reads it: a ratio for a rate, a decimal amount
    (every amount here has a power of ten as denominator) otherwise."""
    if v.denominator == 1:
        return str(v.numerator)
    if rate:
        return "%d/%d" % (v.numerator, v.denominator)
    return repr(float(v))


def prod(xs):
    out = Fr(1)
    for x in xs:
        out *= x
    return out


def reference(stages, chans, deal_size=None, margin=None, target=None, by_shares=False,
              per="month"):
    """The channels JSON object as exact Fractions, or ("short", most) for
    FPL_ERR_CHANNEL_SHORT. target: None, ("deals", v) or ("revenue", v)."""
    rates = [r for _, r in stages]
    m = Fr(1) if margin is None else margin
    n = len(rates)
    rows = []
    for c in chans:
        top = rates[0]
        if c.rate is not None:
            top = c.rate
        elif c.quality is not None:
            top = rates[0] * c.quality
        rr = [top] + rates[1:]
        opp = prod(rr[:n - 1])
        rtw = prod(rr)
        if c.cpl is not None and c.spend is not None:
            cpl, leads = c.cpl, c.spend / c.cpl
        elif c.spend is not None:
            cpl, leads = c.spend / c.leads, c.leads
        else:
            cpl, leads = c.cpl, c.leads
        ds = c.deal_size if c.deal_size is not None else deal_size
        # With a target: leads= commits the channel to them; a spend with a
        # cost per lead is a budget capping the leads.
        committed = target is not None and c.leads is not None
        budget = (c.spend / c.cpl if target is not None and c.spend is not None
                  and c.cpl is not None else None)
        limit = c.capacity
        if committed:
            limit = c.leads
        elif budget is not None and (limit is None or budget < limit):
            limit = budget
        rows.append(dict(c=c, top=top, opp=opp, rtw=rtw, cpl=cpl, given=leads, ds=ds,
                         committed=committed, budget=budget, limit=limit))
    has_rev = all(r["ds"] is not None for r in rows)
    mode = "volumes" if target is None else ("shares" if by_shares else "cheapest")
    for r in rows:
        r["yield"] = None
        if target is not None:
            r["yield"] = r["rtw"] * r["ds"] if target[0] == "revenue" else r["rtw"]
    capped = all(r["c"].capacity is not None for r in rows)
    most = None
    marginal = None
    if mode == "volumes":
        leads = [r["given"] for r in rows]
        if capped:
            most = _most([r["c"].capacity for r in rows], rows, has_rev)
    elif mode == "shares":
        T = target[1]
        per_lead = sum(r["c"].share * r["yield"] for r in rows)
        total = T / per_lead
        lim = [r["limit"] / r["c"].share for r in rows
               if r["limit"] is not None and r["c"].share > 0]
        L = None
        if lim:
            L = min(lim)
            most = _most([r["c"].share * L for r in rows], rows, has_rev)
            if total > L:
                return ("short", most)
        leads = [r["c"].share * total for r in rows]
        dpl = sum(r["c"].share * r["rtw"] for r in rows)
        if L is None or total + 1 / dpl <= L:
            marginal = dict(channel=None,
                            cost_per_deal=sum(r["c"].share * r["cpl"] for r in rows) / dpl,
                            last_channel=None)
    else:
        T = target[1]
        order = sorted(range(len(rows)), key=lambda i: (rows[i]["cpl"] / rows[i]["yield"], i))
        leads = [r["limit"] if r["committed"] else Fr(0) for r in rows]
        remaining = T - sum(x * r["yield"] for x, r in zip(leads, rows))
        if all(r["limit"] is not None for r in rows):
            most = _most([r["limit"] for r in rows], rows, has_rev)
        for i in order:
            if remaining <= 0 or rows[i]["committed"]:
                continue
            cap = rows[i]["limit"]
            if cap is not None and cap * rows[i]["yield"] <= remaining:
                leads[i] = cap
                remaining -= cap * rows[i]["yield"]
            else:
                leads[i] = remaining / rows[i]["yield"]
                remaining = 0
        if remaining > 0:
            return ("short", most)
        # One more deal: the fill goes on in the same order.
        need, cost, first, last = Fr(1), Fr(0), None, None
        for i in order:
            r = rows[i]
            if need <= 0 or r["committed"]:
                continue
            room = None if r["limit"] is None else (r["limit"] - leads[i]) * r["rtw"]
            if room is not None and room <= 0:
                continue
            take = need if room is None else min(room, need)
            cost += take * r["cpl"] / r["rtw"]
            need -= take
            first = i if first is None else first
            last = i
        if need <= 0:
            marginal = dict(channel=rows[first]["c"].name, cost_per_deal=cost,
                            last_channel=rows[last]["c"].name)
    out_rows = []
    for r, x in zip(rows, leads):
        c = r["c"]
        at_budget = r["budget"] is not None and x >= r["budget"]
        spent = c.spend is not None and (mode == "volumes" or r["committed"] or at_budget)
        cost = c.spend if spent else x * r["cpl"]
        deals = x * r["rtw"]
        rev = deals * r["ds"] if r["ds"] is not None else None
        be = r["ds"] * r["rtw"] * m if r["ds"] is not None else None
        head = be - r["cpl"] if be is not None else None
        out_rows.append(dict(
            name=c.name, quality="rate" if c.rate is not None else
            ("factor" if c.quality is not None else "funnel"),
            quality_value=c.rate if c.rate is not None else c.quality,
            top_rate=r["top"], opportunity_rate=r["opp"], rate_to_won=r["rtw"],
            cost_per_lead=r["cpl"], capacity=c.capacity,
            at_capacity=c.capacity is not None and x >= c.capacity,
            leads=x, opportunities=x * r["opp"], deals=deals, cost=cost,
            cost_per_opportunity=r["cpl"] / r["opp"], cost_per_deal=r["cpl"] / r["rtw"],
            deal_size=r["ds"], value_per_lead=r["ds"] * r["rtw"] if r["ds"] else None,
            revenue=rev, gross_profit=rev * m - cost if rev is not None else None,
            roi=head / r["cpl"] if head is not None and r["cpl"] > 0 else None,
            break_even_cost_per_lead=be, headroom=head,
            loses_money=(head < 0) if head is not None else None,
            committed=r["committed"], budget_leads=r["budget"], at_budget=at_budget))
    total_leads = sum(leads)
    for o in out_rows:
        o["share"] = o["leads"] / total_leads

    def key(i):
        o = out_rows[i]
        k = []
        if has_rev:
            k.append(0 if o["cost_per_lead"] == 0 else 1)
            k.append(-(o["roi"] or 0))
        k.append(o["cost_per_deal"])
        k.append(o["name"].encode("utf-8"))
        return tuple(k)
    ranking = sorted(range(len(out_rows)), key=key)
    for pos, i in enumerate(ranking):
        out_rows[i]["rank"] = pos + 1
    cost = sum(o["cost"] for o in out_rows)
    deals = sum(o["deals"] for o in out_rows)
    opps = sum(o["opportunities"] for o in out_rows)
    revenue = sum(o["revenue"] for o in out_rows) if has_rev else None
    gp = revenue * m - cost if has_rev else None
    total = dict(leads=total_leads, opportunities=opps, deals=deals, cost=cost,
                 cost_per_lead=cost / total_leads, cost_per_opportunity=cost / opps,
                 cost_per_deal=cost / deals, revenue=revenue, gross_profit=gp,
                 roi=gp / cost if has_rev and cost > 0 else None)
    marg = marginal
    keys = ["name", "rank", "quality", "quality_value", "top_rate", "opportunity_rate",
            "rate_to_won", "cost_per_lead", "capacity", "at_capacity", "leads", "share",
            "opportunities", "deals", "cost", "cost_per_opportunity", "cost_per_deal",
            "deal_size", "value_per_lead", "revenue", "gross_profit", "roi",
            "break_even_cost_per_lead", "headroom", "loses_money", "committed", "budget_leads",
            "at_budget"]
    return {
        "command": "channels", "per": per, "mode": mode,
        "target": None if target is None else {"kind": target[0], "value": target[1]},
        "deal_size": deal_size, "margin": m,
        "channels": [{k: o[k] for k in keys} for o in out_rows],
        "ranking": [out_rows[i]["name"] for i in ranking],
        "losing": [out_rows[i]["name"] for i in ranking if out_rows[i]["loses_money"]],
        "total": total, "marginal": marg, "most": most,
    }


def _most(leads, rows, has_rev):
    return {"leads": sum(leads),
            "deals": sum(x * r["rtw"] for x, r in zip(leads, rows)),
            "revenue": sum(x * r["rtw"] * r["ds"] for x, r in zip(leads, rows))
            if has_rev else None}


def lp_cheapest_cost(costs, yields, caps, target):
    """The least cost of sum(c x) with sum(y x) >= target, 0 <= x <= cap
    (cap None: unbounded), by enumerating the vertices; None when infeasible."""
    n = len(costs)
    best = None
    for j in range(n):
        others = [i for i in range(n) if i != j and caps[i] is not None]
        for k in range(len(others) + 1):
            for full in itertools.combinations(others, k):
                got = sum(yields[i] * caps[i] for i in full)
                need = max(Fr(0), target - got)
                xj = need / yields[j]
                if caps[j] is not None and xj > caps[j]:
                    continue
                cost = sum(costs[i] * caps[i] for i in full) + costs[j] * xj
                if best is None or cost < best:
                    best = cost
    return best


def random_case(rng):
    """A random funnel, channels and question the C tests did not name."""
    n_stages = rng.randint(1, 4)
    stages = [("s%d" % k, Fr(rng.randint(5, 95), 100)) for k in range(n_stages)]
    n = rng.randint(1, 5)
    chans = []
    shares = [rng.randint(0, 10) for _ in range(n)]
    if sum(shares) == 0:
        shares[0] = 1
    for i in range(n):
        kind = rng.random()
        c = Chan("ch%d" % i)
        if kind < 0.1:
            c.cpl = Fr(0)
        else:
            c.cpl = Fr(rng.randint(100, 20000), 100)
        if rng.random() < 0.7:
            c.capacity = Fr(rng.randint(10, 5000))
        q = rng.random()
        if q < 0.3:
            c.rate = Fr(rng.randint(1, 100), 100)
        elif q < 0.5:
            c.quality = Fr(rng.randint(5, 15), 10)
            if stages[0][1] * c.quality > 1:
                c.quality = None
        if rng.random() < 0.4:
            c.deal_size = Fr(rng.randint(500, 50000))
        c.share = Fr(shares[i], sum(shares))
        chans.append(c)
    return stages, chans


# Figures that are differences of others: compared against the size of what
# they are the difference of (cancellation), not their own.
_DIFFERENCE_SCALE = {
    "gross_profit": lambda o: (o.get("revenue") or 0) + o["cost"],
    "headroom": lambda o: o["break_even_cost_per_lead"] + o["cost_per_lead"],
    "roi": lambda o: ((o["break_even_cost_per_lead"] + o["cost_per_lead"]) / o["cost_per_lead"]
                      if "break_even_cost_per_lead" in o
                      else ((o.get("revenue") or 0) + o["cost"]) / o["cost"]),
}


def mismatches(got, want, rel=1e-12, path="$", parent=None, key=None):
    """Differences between a JSON object (or to_dict()) and the reference: a
    list of messages, empty when they agree (numbers within rel)."""
    out = []
    if isinstance(want, dict):
        if not isinstance(got, dict) or list(got) != list(want):
            return ["%s: keys %r, want %r" % (path, list(got) if isinstance(got, dict) else got,
                                              list(want))]
        for k in want:
            out += mismatches(got[k], want[k], rel, path + "." + k, want, k)
    elif isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return ["%s: %r, want %r" % (path, got, want)]
        for i, (g, w) in enumerate(zip(got, want)):
            out += mismatches(g, w, rel, "%s[%d]" % (path, i))
    elif want is None or isinstance(want, (str, bool)):
        if got != want or type(got) is not type(want):
            out.append("%s: %r, want %r" % (path, got, want))
    elif key == "rank":
        if type(got) is not int or got != want:
            out.append("%s: %r, want the integer %r" % (path, got, want))
    else:
        if isinstance(got, bool) or not isinstance(got, (int, float)):
            return ["%s: %r is not a number" % (path, got)]
        scale = abs(Fr(want))
        if key in _DIFFERENCE_SCALE and parent is not None:
            scale = max(scale, abs(Fr(_DIFFERENCE_SCALE[key](parent))))
        if abs(Fr(got) - Fr(want)) > rel * scale:
            out.append("%s: %r, want %s" % (path, got, float(want)))
    return out
