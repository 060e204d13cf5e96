"""Chapter 2 exercises (selling skills): the velocity levers and the cost of over-discounting."""

from __future__ import annotations

from .. import funnel, reps
from ..fmt import money, num, pct
from ..teach import Exercise, Mistake

__all__ = ["cycle_gain", "over_discount_cost"]


def cycle_gain(
    opportunities: float,
    win_rate: float,
    avg_deal_size: float,
    cycle_days: float,
    improvement: float = 0.10,
) -> Exercise:
    """Extra sales a day from a shorter cycle (lab 2.1)."""
    t = reps.lever_gains(opportunities, win_rate, avg_deal_size, cycle_days, improvement).set_index(
        "lever"
    )
    v = funnel.sales_velocity(opportunities, win_rate, avg_deal_size, cycle_days)
    answer = float(t.loc["cycle_days", "gain_per_day"])
    mistakes = [
        Mistake(
            v * improvement,
            f"That is {pct(improvement, 0)} of today's velocity, the gain of the three levers that multiply. "
            "The cycle divides: velocity becomes v ÷ (1 − k), so a shorter cycle gains a little more.",
        ),
        Mistake(
            funnel.sales_velocity(
                opportunities, win_rate, avg_deal_size, cycle_days * (1 + improvement)
            )
            - v,
            "You made the cycle longer. A shorter cycle means fewer days: multiply the days by (1 − k).",
        ),
        Mistake(
            funnel.sales_velocity(
                opportunities, win_rate, avg_deal_size, cycle_days * (1 - improvement)
            ),
            "That is the new velocity. The question asks for the gain: subtract today's velocity.",
        ),
        Mistake(answer * 365, "That is the gain over a year; the question asks per day."),
    ]
    new_cycle = cycle_days * (1 - improvement)
    solution = (
        f"<p>Today: {num(opportunities)} × {pct(win_rate, 1)} × {money(avg_deal_size, 0)} ÷ {num(cycle_days, 0)} days "
        f"= {money(v, 2)} a day.</p>"
        f"<p>A {pct(improvement, 0)} shorter cycle is {num(new_cycle, 1)} days: velocity "
        f"{money(v, 2)} ÷ (1 − {improvement:.2f}) = {money(v + answer, 2)} a day.</p>"
        f"<p>Gain: {money(answer, 2)} a day, {pct(1 / (1 - improvement) - 1, 1)} more, against "
        f"{pct(improvement, 0)} for a {pct(improvement, 0)} better win rate.</p>"
    )
    return Exercise(
        "02-1",
        f"A team has {num(opportunities)} opportunities in the pipeline, wins {pct(win_rate, 1)} "
        f"of them at {money(avg_deal_size, 0)} on average, and a deal takes {num(cycle_days, 0)} days. "
        f"How much more money per day (¥) would a {pct(improvement, 0)} shorter sales cycle bring?",
        answer,
        "money",
        mistakes,
        solution,
        tolerance=max(1.0, abs(answer) * 0.005),
    )


def over_discount_cost(
    rep: str, list_revenue: float, excess_discount: float, avg_discount: float, years: float = 2.0
) -> Exercise:
    """What a rep's discounting above peers costs a year (lab 2.2).

    Pass the values as the lab's table shows them (list-price sales rounded to ¥1,000,
    the excess in points with two decimals): answer and solution use
    :func:`salesprofit.reps.excess_discount_cost`, as the table does.
    """
    total = float(reps.excess_discount_cost(list_revenue, excess_discount, 1.0))
    answer = float(reps.excess_discount_cost(list_revenue, excess_discount, years))
    net = list_revenue * (1 - avg_discount)
    mistakes = [
        Mistake(
            total,
            f"That is the cost over all {num(years, 0)} years of data; the question asks per year.",
        ),
        Mistake(
            float(reps.excess_discount_cost(list_revenue, avg_discount, years)),
            "That is every discount the rep gave. Only the part above what peers give to the same "
            "customers is excess: use the excess discount.",
        ),
        Mistake(
            float(reps.excess_discount_cost(net, excess_discount, years)),
            "The discount is a share of the list price: apply it to sales at list price, not to net sales.",
        ),
        Mistake(
            float(reps.excess_discount_cost(list_revenue, excess_discount * 100, years)),
            "The excess is in percentage points: 6 points is 0.06, not 6.",
        ),
    ]
    solution = (
        f"<p>The excess discount is a share of list price, so its cost is list-price sales × excess: "
        f"{money(list_revenue, 0)} × {pct(excess_discount, 2)} = {money(total, 0)} "
        f"over {num(years, 0)} years.</p><p>Per year: {money(total, 0)} ÷ {num(years, 0)} = "
        f"{money(answer, 0)}. That money comes straight out of gross profit: Huaxin's flagged "
        "reps did not sell more for it.</p>"
    )
    return Exercise(
        "02-2",
        f"{rep} sold {money(list_revenue, 0)} at list price over {num(years, 0)} years with an "
        f"average discount of {pct(avg_discount, 1)}, which is {pct(excess_discount, 2)} points more "
        "than peers give the same tier of customer. What does the excess cost the company a year (¥)?",
        answer,
        "money",
        mistakes,
        solution,
        tolerance=max(1.0, answer * 0.01),
    )
