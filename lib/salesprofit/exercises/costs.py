"""Chapter 4 exercises (cost control): EOQ and travel vs video."""

from __future__ import annotations

import math

from .. import costs
from ..fmt import money, num, pct
from ..teach import Exercise, Mistake

__all__ = ["eoq", "video_saving"]


def eoq(
    annual_demand: float,
    order_cost: float,
    holding_rate: float,
    unit_cost: float,
    product: str = "the product",
) -> Exercise:
    """The economic order quantity of a product (lab 4.1).

    The solution shows h to the fen; Q* is computed from that rounded h.
    """
    h = round(holding_rate * unit_cost, 2)
    answer = costs.eoq(annual_demand, order_cost, h)
    mistakes = [
        Mistake(
            math.sqrt(annual_demand * order_cost / h),
            "The formula has a 2 under the root: Q* = √(2 D K / h). Without it the answer is √2 too small.",
        ),
        Mistake(
            math.sqrt(2 * annual_demand * order_cost / holding_rate),
            f"You divided by the holding rate ({pct(holding_rate, 1)}). The holding cost h is money per unit "
            f"a year: rate × unit cost = {money(h)}.",
        ),
        Mistake(
            2 * annual_demand * order_cost / h,
            "You forgot the square root: 2 D K / h is Q* squared.",
        ),
        Mistake(
            math.sqrt(2 * annual_demand / 12 * order_cost / h),
            "The demand and the holding cost must cover the same period: use the yearly demand with a "
            "yearly holding cost, not the monthly demand.",
        ),
    ]
    solution = (
        f"<p>h = holding rate × unit cost = {pct(holding_rate, 1)} × {money(unit_cost)} = {money(h)} per "
        f"unit a year.</p><p>Q* = √(2 × {num(annual_demand)} × {money(order_cost)} ÷ {money(h)}) = "
        f"{num(answer, 1)} units.</p><p>At Q* ordering and holding cost are equal: "
        f"{money(order_cost * annual_demand / answer)} each a year.</p>"
    )
    return Exercise(
        "04-1",
        f"{product} sells {num(annual_demand)} units a year. An order costs {money(order_cost)} "
        f"to place and receive; holding stock costs {pct(holding_rate, 1)} of the unit cost of "
        f"{money(unit_cost)} a year. What is the economic order quantity (units)?",
        answer,
        "number",
        mistakes,
        solution,
        tolerance=max(1.0, answer * 0.005),
    )


def video_saving(
    visits_per_year: float,
    share_replaced: float,
    visit_cost: float,
    visit_hours: float,
    video_cost: float,
    video_hours: float,
    hourly_cost: float,
) -> Exercise:
    """Yearly saving of replacing part of the visits by video meetings (lab 4.2).

    The solution counts whole meetings (visits x share, rounded half up) and shows the
    saving per meeting to the fen; the answer is computed from those rounded steps with
    :func:`salesprofit.costs.travel_vs_video`, and the check also accepts the answer
    without rounding the meetings.
    """
    n = math.floor(visits_per_year * share_replaced + 0.5)
    args = (visit_cost, visit_hours, video_cost, video_hours, hourly_cost)
    per = costs.travel_vs_video(1, 1.0, *args)
    direct, time = round(per["direct_saving"], 2), round(per["time_saving"], 2)
    answer = n * (direct + time)
    exact = costs.travel_vs_video(visits_per_year, share_replaced, *args)["total_saving"]
    mistakes = [
        Mistake(
            n * direct,
            "You counted the travel expenses only. The rep's hours on the road cost "
            "money too: hours saved × the cost of an hour.",
        ),
        Mistake(
            n * (visit_cost + visit_hours * hourly_cost),
            "A video meeting is not free: subtract its own cost and time from what the visit costs.",
        ),
        Mistake(
            costs.travel_vs_video(visits_per_year, 1.0, *args)["total_saving"],
            f"Only {pct(share_replaced, 0)} of the visits are replaced, not all of them.",
        ),
    ]
    solution = (
        f"<p>Meetings replaced: {num(visits_per_year)} × {pct(share_replaced, 0)} = "
        f"{num(visits_per_year * share_replaced, 1)}, so {num(n)} whole meetings.</p>"
        f"<p>Per meeting: expenses {money(visit_cost)} − {money(video_cost)} = {money(direct)}, and time "
        f"({visit_hours:.1f} − {video_hours:.1f}) h × {money(hourly_cost)} = {money(time)}: "
        f"{money(direct + time)} a meeting.</p>"
        f"<p>Total: {num(n)} × {money(direct + time)} = {money(answer)}.</p>"
    )
    return Exercise(
        "04-2",
        f"A rep makes {num(visits_per_year)} visits a year. A visit costs {money(visit_cost)} in "
        f"travel and expenses and takes {visit_hours:.1f} hours including travel; a video meeting costs "
        f"{money(video_cost)} and takes {video_hours:.1f} hours. An hour of the rep's time costs "
        f"{money(hourly_cost)}. What does replacing {pct(share_replaced, 0)} of the visits save a year (¥)?",
        answer,
        "money",
        mistakes,
        solution,
        tolerance=max(1.0, abs(answer) * 0.005, abs(answer - exact) + 1.0),
    )
