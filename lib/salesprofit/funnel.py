"""The sales funnel: how fast opportunities turn into money.

Sales velocity (the "sales pipeline velocity" of Salesforce and HubSpot training
material) is the money a pipeline produces per day::

    velocity = opportunities x win rate x average deal size / sales cycle (days)

Each of the four levers scales velocity in proportion (a shorter cycle inversely),
which is why a 10 % better win rate and 10 % more opportunities are worth the same.
"""

from __future__ import annotations

from ._checks import check, out, values


def sales_velocity(opportunities, win_rate, avg_deal_size, cycle_days):
    """Money per day a pipeline produces.

    ``opportunities`` in the pipeline, ``win_rate`` a fraction, ``avg_deal_size`` in
    money, ``cycle_days`` the average days from opening to winning. Vectorised.

    >>> sales_velocity(50, 0.25, 20_000, 100)
    2500.0
    """
    check("The number of opportunities", opportunities, ge=0)
    check("The win rate", win_rate, ge=0, le=1, why="it is a share of deals, between 0 and 1")
    check("The average deal size", avg_deal_size, ge=0)
    check("The sales cycle", cycle_days, gt=0, why="a deal takes at least some time to close")
    args = [x if hasattr(x, "index") else values(x)
            for x in (opportunities, win_rate, avg_deal_size, cycle_days)]
    opportunities, win_rate, avg_deal_size, cycle_days = args  # Series keep their index
    return out(opportunities * win_rate * avg_deal_size / cycle_days)
