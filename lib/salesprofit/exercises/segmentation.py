"""Chapter 12 exercises (ABC tiers, the whale curve, tier service policy): each
builder computes the right answer with :mod:`salesprofit.segmentation` and lists
the wrong answers that typical mistakes give."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .. import segmentation as seg
from ..fmt import money, pct
from ..teach import Exercise, Mistake


def abc_count(revenues: Sequence[float], a: float = 0.8) -> Exercise:
    """How many customers are in class A (lab 12.1)."""
    v = pd.Series([float(x) for x in revenues])
    classes = seg.abc_classes(v, a, max(a, 0.95))
    answer = float((classes == "A").sum())
    ranked = np.sort(v.to_numpy())[::-1]
    share_before = np.r_[0.0, np.cumsum(ranked)[:-1]] / ranked.sum()
    mistakes = [
        Mistake(
            float(np.ceil(len(v) * 0.2)),
            "That is the 80/20 rule of thumb (the top 20 % of customers). ABC counts customers until "
            "their running share of revenue reaches the cut-off; how many that takes depends on the data.",
        ),
        Mistake(
            float((share_before < a).sum()),
            "You counted the customer who crosses the cut-off as A. The running share including that "
            "customer is above the cut-off, so they are B.",
        ),
        Mistake(
            float((np.cumsum(ranked[::-1]) / ranked.sum() <= a).sum()),
            "Sort from the biggest customer down, not from the smallest up.",
        ),
    ]
    running = np.cumsum(ranked) / ranked.sum()
    rows = "".join(
        f"<li>{money(x, 0)}: running share {pct(s, 1)} → {'A' if s <= a else 'B or C'}</li>"
        for x, s in zip(ranked, running)
    )
    solution = (
        f"<p>Sort biggest first and add up the shares of total revenue ({money(ranked.sum(), 0)}):</p>"
        f"<ul>{rows}</ul><p>{answer:.0f} customers stay within {pct(a, 0)}.</p>"
    )
    listing = ", ".join(money(x, 0) for x in v)
    return Exercise(
        "12-1",
        f"Ten customers' revenue last year: {listing}. With an A cut-off of {pct(a, 0)} "
        "(A while the running share of revenue, including the customer, is at most the cut-off), "
        "how many customers are in class A?",
        answer,
        "number",
        mistakes,
        solution,
        tolerance=0.01,
    )


def whale_share(profits: Sequence[float]) -> Exercise:
    """The peak of the whale curve: profitable customers' share of total profit (lab 12.2)."""
    p = pd.Series(
        [float(x) for x in profits], index=[f"customer {i + 1}" for i in range(len(profits))]
    )
    answer = seg.whale_summary(p).peak_share
    gross = p.clip(lower=0)
    mistakes = [
        Mistake(
            1.0,
            "100 % would mean no customer loses money. Here some do, so the profitable ones "
            "earn more than the total.",
        ),
        Mistake(
            gross.sum() / (gross.sum() - p[p < 0].sum()),
            "You divided by the profits plus the losses. The whale curve measures against the total "
            "profit, profits minus losses.",
        ),
        Mistake(
            float((p > 0).mean()),
            "That is the share of customers who are profitable, not their share of profit.",
        ),
    ]
    solution = (
        f"<p>Profitable customers earn {money(gross.sum(), 0)}; the loss-makers lose "
        f"{money(-p[p < 0].sum(), 0)}; total profit {money(p.sum(), 0)}.</p>"
        f"<p>Peak of the whale curve = {money(gross.sum(), 0)} ÷ {money(p.sum(), 0)} = {pct(answer, 1)}.</p>"
    )
    listing = ", ".join(money(x, 0) for x in p)
    return Exercise(
        "12-2",
        f"Profit after cost to serve of eight customers: {listing}. What share (%) of "
        "total profit do the profitable customers earn (the peak of the whale curve)?",
        answer,
        "percent",
        mistakes,
        solution,
    )


def policy_gain(
    margin: float, retention: float, cost: float, gain: float, discount_rate: float = 0.10
) -> Exercise:
    """Value per customer of a tier service policy (lab 12.2)."""
    t = pd.DataFrame(
        {"customers": [1], "margin": [margin], "retention": [retention]}, index=["tier"]
    )
    out = seg.tier_policy_profit(t, {"tier": {"cost": cost, "retention_gain": gain}}, discount_rate)
    answer = float(out["gain_per_customer"].iloc[0])
    before = float(out["clv_now"].iloc[0])
    d, r = discount_rate, retention
    mistakes = [
        Mistake(
            margin * (r + gain) / (1 + d - r - gain) - before,
            "You forgot to take the service cost out of the margin: the customer is worth "
            "(margin − cost) × the new multiple.",
        ),
        Mistake(
            -cost * (r + gain) / (1 + d - r - gain),
            "You counted the cost but not the retention the service buys.",
        ),
        Mistake(
            margin * gain - cost,
            "That is one year only. Retention pays every year the customer stays: use the "
            "margin multiple.",
        ),
    ]
    solution = (
        f"<p>Today: {money(margin, 0)} × {pct(r, 1)} ÷ (1 + {pct(d, 0)} − {pct(r, 1)}) = {money(before, 0)}.</p>"
        f"<p>With the policy: ({money(margin, 0)} − {money(cost, 0)}) × {pct(r + gain, 1)} ÷ "
        f"(1 + {pct(d, 0)} − {pct(r + gain, 1)}) = {money(float(out['clv_policy'].iloc[0]), 0)}.</p>"
        f"<p>Change: {money(answer, 0, sign=True)} per customer.</p>"
    )
    return Exercise(
        "12-3",
        f"A tier's customers earn {money(margin, 0)} a year after cost to serve and renew with "
        f"probability {pct(r, 0)}; discount rate {pct(d, 0)}, margin at year end. A dedicated service "
        f"costing {money(cost, 0)} per customer a year would lift retention by {gain * 100:.0f} points. "
        "How much (¥) does it change each customer's lifetime value?",
        answer,
        "money",
        mistakes,
        solution,
        tolerance=max(1.0, abs(answer) * 0.005),
    )


__all__ = ["abc_count", "policy_gain", "whale_share"]
