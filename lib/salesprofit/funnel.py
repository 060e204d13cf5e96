"""The sales funnel: how fast opportunities turn into money.

Sales velocity (the "sales pipeline velocity" of Salesforce and HubSpot training
material) is the money a pipeline produces per day::

    velocity = opportunities x win rate x average deal size / sales cycle (days)

Each of the four levers scales velocity in proportion (a shorter cycle inversely),
which is why a 10 % better win rate and 10 % more opportunities are worth the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ._checks import check, finite, out, values

__all__ = [
    "CycleLab",
    "FunnelResult",
    "MeasuredFunnel",
    "PipelineMeasures",
    "StageChange",
    "StageLab",
    "bottleneck",
    "cycle_lab",
    "funnel_model",
    "funnel_what_if",
    "improve_stage",
    "measure_funnel",
    "open_deals_views",
    "pipeline_measures",
    "sales_velocity",
    "stage_change",
    "stage_lab",
    "stage_stats",
    "won_cycle_days",
]


def sales_velocity(opportunities, win_rate, avg_deal_size, cycle_days):
    """Money per day a pipeline produces: ``opportunities x win_rate x avg_deal_size /
    cycle_days``.

    Parameters
    ----------
    opportunities : float or array-like
        Open opportunities in the pipeline, a count. Zero or more.
    win_rate : float or array-like
        Share of opportunities won, a fraction from 0 to 1.
    avg_deal_size : float or array-like
        Average value of a won deal, in money. Zero or more.
    cycle_days : float or array-like
        Average days from opening an opportunity to winning it. Above zero.

    Returns
    -------
    float or array-like
        Sales velocity, money per day. Scalars give a float; numpy arrays and pandas Series
        give the same shape (and index).

    Raises
    ------
    ValueError
        If a count, the deal size or the cycle is out of range, or the win rate is not a
        fraction.

    References
    ----------
    The sales velocity equation of B2B sales management (each of its four levers moves the
    result in proportion).

    Examples
    --------
    >>> sales_velocity(50, 0.25, 20_000, 100)
    2500.0
    """
    check("The number of opportunities", opportunities, ge=0)
    check("The win rate", win_rate, ge=0, le=1, why="it is a share of deals, between 0 and 1")
    check("The average deal size", avg_deal_size, ge=0)
    check("The sales cycle", cycle_days, gt=0, why="a deal takes at least some time to close")
    args = [
        x if hasattr(x, "index") else values(x)
        for x in (opportunities, win_rate, avg_deal_size, cycle_days)
    ]
    opportunities, win_rate, avg_deal_size, cycle_days = args  # Series keep their index
    return out(opportunities * win_rate * avg_deal_size / cycle_days)


# ---------------------------------------------------------------------------
# Chapter 15: the sales process, stage by stage
#
# The article's five stages are lead (客户开发), needs analysis (需求分析), proposal
# (方案设计), contract (合同签订) and after-sales (售后服务). The first four are the
# pipeline recorded in the CRM's stage history; after-sales starts once a deal is won.
# Stage conversion and time in stage are the standard funnel measures of sales-process
# management (Jordan & Kelly, *Sales Management for Dummies*; Kotler & Keller,
# *Marketing Management*, 15th ed., ch. 19; the "sales velocity" of CRM vendors). The
# funnel model chains the stages: the share of leads that reaches stage k is the product
# of the conversions before it, and a won deal spends the sum of the stage times.


STAGES = ("lead", "needs_analysis", "proposal", "contract")
STAGE_LABELS = {
    "lead": "Lead (客户开发)",
    "needs_analysis": "Needs analysis (需求分析)",
    "proposal": "Proposal (方案设计)",
    "contract": "Contract (合同签订)",
    "after_sales": "After-sales (售后服务)",
}


def stage_stats(stages: pd.DataFrame) -> pd.DataFrame:
    """Conversion and time per stage from the stage history (one row per deal and stage).

    ``stages`` has ``stage``, ``entered_date``, ``exited_date`` and ``outcome`` (advanced,
    won, lost, open). Per stage in process order: ``entered`` (deals that reached it),
    ``open``, ``advanced`` (incl. won), ``lost``, ``conversion`` = advanced / closed (open
    deals are not counted: their outcome is unknown), ``mean_days`` and ``median_days`` in
    the stage over closed deals, ``reach`` (share of leads expected to reach the stage,
    the product of the conversions before it) and ``win_from_here``.

    >>> st = pd.DataFrame({"stage": ["lead", "lead", "needs_analysis"],
    ...     "entered_date": pd.to_datetime(["2025-01-01", "2025-01-01", "2025-01-11"]),
    ...     "exited_date": pd.to_datetime(["2025-01-11", "2025-01-05", "2025-01-21"]),
    ...     "outcome": ["advanced", "lost", "won"]})
    >>> stage_stats(st).loc["lead", ["conversion", "mean_days"]].tolist()
    [0.5, 7.0]
    """
    for col in ("stage", "entered_date", "exited_date", "outcome"):
        if col not in stages:
            raise ValueError(f"The stage history needs a '{col}' column.")
    unknown = set(stages["stage"]) - set(STAGES)
    if unknown:
        raise ValueError(f"Unknown stage(s) {sorted(unknown)}: the stages are {', '.join(STAGES)}.")
    st = stages.assign(
        closed=stages["outcome"] != "open", ok=stages["outcome"].isin(["advanced", "won"])
    )
    days = (pd.to_datetime(st["exited_date"]) - pd.to_datetime(st["entered_date"])).dt.days
    st = st.assign(days=days.where(st["closed"]))
    g = st.groupby("stage")
    res = pd.DataFrame(
        {
            "entered": g.size(),
            "open": g["closed"].apply(lambda c: int((~c).sum())),
            "advanced": g["ok"].sum(),
            "lost": g["outcome"].apply(lambda o: int((o == "lost").sum())),
            "mean_days": g["days"].mean(),
            "median_days": g["days"].median(),
        }
    ).reindex([s for s in STAGES if s in set(st["stage"])])
    closed = res["advanced"] + res["lost"]
    res["conversion"] = res["advanced"] / closed.where(closed > 0)
    res["reach"] = res["conversion"].shift(1, fill_value=1.0).cumprod()
    res["win_from_here"] = res["conversion"][::-1].cumprod()[::-1]
    res.index.name = "stage"
    return res[
        [
            "entered",
            "open",
            "advanced",
            "lost",
            "conversion",
            "mean_days",
            "median_days",
            "reach",
            "win_from_here",
        ]
    ]


def bottleneck(stats: pd.DataFrame) -> str:
    """The stage that loses the most of the deals that reach it (lowest conversion).

    >>> stats = pd.DataFrame({"conversion": [0.6, 0.5, 0.8]},
    ...                      index=["lead", "proposal", "contract"])
    >>> bottleneck(stats)
    'proposal'
    """
    if "conversion" not in stats or stats["conversion"].dropna().empty:
        raise ValueError("The stage table needs a 'conversion' column with at least one value.")
    return str(stats["conversion"].idxmin())


def won_cycle_days(opportunities: pd.DataFrame) -> pd.Series:
    """Days from creation to winning for each won opportunity.

    >>> o = pd.DataFrame({"status": ["won", "lost"], "created_date": ["2025-01-01", "2025-01-01"],
    ...                   "closed_date": ["2025-03-02", "2025-01-05"]})
    >>> won_cycle_days(o).tolist()
    [60]
    """
    won = opportunities[opportunities["status"] == "won"]
    days = pd.to_datetime(won["closed_date"]) - pd.to_datetime(won["created_date"])
    return days.dt.days.rename("days")


@dataclass(frozen=True)
class FunnelResult:
    """Outcome of :func:`funnel_model` for a steady flow of leads.

    ``table``: per stage ``conversion``, ``days``, ``reach`` (share of leads reaching it),
    ``deals`` (per month reaching it) and ``lost`` (per month lost there). ``win_rate``
    (won / leads), ``won_per_month``, ``revenue_per_month`` (money), ``cycle_days`` (a won
    deal's days from lead to contract), ``days_in_funnel`` (expected days a lead stays,
    won or lost), ``pipeline`` (deals open at any time, by Little's law: leads per day x
    days in funnel) and ``velocity`` (:func:`sales_velocity` of that pipeline, money per
    day).
    """

    table: pd.DataFrame
    win_rate: float
    won_per_month: float
    revenue_per_month: float
    cycle_days: float
    days_in_funnel: float
    pipeline: float
    velocity: float


def funnel_model(
    leads_per_month: float, conversion: Any, days: Any, avg_deal_size: float
) -> FunnelResult:
    """Chain the stages: what a monthly flow of leads turns into, and how fast.

    ``conversion`` and ``days`` map each stage (in process order) to its conversion (a
    fraction; for the last stage, the win rate of contracts) and mean days in the stage.
    A lost deal is assumed to spend the stage's mean time before it drops out.

    >>> r = funnel_model(100, {"lead": 0.5, "contract": 0.8}, {"lead": 10, "contract": 20}, 1000)
    >>> r.win_rate, r.revenue_per_month, r.cycle_days, r.days_in_funnel
    (0.4, 40000.0, 30.0, 20.0)
    """
    conv = pd.Series(conversion, dtype=float)
    d = pd.Series(days, dtype=float).reindex(conv.index)
    check("The number of leads per month", leads_per_month, ge=0)
    check("A stage conversion", conv, ge=0, le=1, why="it is a share of the deals in the stage")
    if d.isna().any():
        raise ValueError("Give the days for every stage that has a conversion.")
    check("A stage's days", d, ge=0)
    check("The average deal size", avg_deal_size, ge=0)
    reach = conv.shift(1, fill_value=1.0).cumprod()
    win_rate = float(conv.prod())
    table = pd.DataFrame(
        {
            "conversion": conv,
            "days": d,
            "reach": reach,
            "deals": leads_per_month * reach,
            "lost": leads_per_month * reach * (1 - conv),
        }
    )
    table.index.name = "stage"
    cycle = float(d.sum())
    in_funnel = float((reach * d).sum())
    pipeline = leads_per_month * 12 / 365 * in_funnel
    won = leads_per_month * win_rate
    velocity = 0.0
    if in_funnel > 0:
        velocity = sales_velocity(pipeline, win_rate, avg_deal_size, in_funnel)
    return FunnelResult(
        table, win_rate, won, won * avg_deal_size, cycle, in_funnel, pipeline, float(velocity)
    )


def improve_stage(
    conversion: Any, days: Any, stage: str, conversion_change: float = 0.0, days_change: float = 0.0
) -> tuple[pd.Series, pd.Series]:
    """Stage conversions and days after improving one ``stage``.

    ``conversion_change`` in points as a fraction (0.05 = +5 points; the result is kept
    between 0 and 1); ``days_change`` in days (negative shortens; the stage cannot go
    below 0 days).

    >>> c, d = improve_stage({"lead": 0.5, "contract": 0.8}, {"lead": 10, "contract": 20},
    ...                      "contract", 0.3, -5)
    >>> c.tolist(), d.tolist()
    ([0.5, 1.0], [10.0, 15.0])
    """
    conv = pd.Series(conversion, dtype=float)
    d = pd.Series(days, dtype=float)
    if stage not in conv.index:
        raise ValueError(f"Unknown stage {stage!r}: choose one of {', '.join(conv.index)}.")
    check("The change in conversion", conversion_change, ge=-1, le=1)
    finite("The change in days", days_change)
    conv2, d2 = conv.copy(), d.copy()
    conv2[stage] = min(1.0, max(0.0, conv[stage] + conversion_change))
    if d[stage] + days_change < 0:
        name = stage.replace("_", " ")
        raise ValueError(
            f"The {name} stage cannot be shortened by more than its {d[stage]:.1f} days."
        )
    d2[stage] = d[stage] + days_change
    return conv2, d2


def funnel_what_if(
    leads_per_month: float,
    conversion: Any,
    days: Any,
    avg_deal_size: float,
    stage: str,
    conversion_change: float = 0.0,
    days_change: float = 0.0,
) -> pd.DataFrame:
    """Today's funnel against one with a better conversion or a shorter time in ``stage``.

    ``conversion_change`` is in percentage points as a fraction (0.05 = +5 points, capped
    at 100 %); ``days_change`` in days (negative shortens). Returns rows ``today``,
    ``improved`` and ``change`` with ``win_rate``, ``won_per_month``, ``revenue_per_month``,
    ``cycle_days``, ``pipeline``, ``velocity`` (same flow of leads) and ``velocity_same_team``:
    the velocity if the team keeps as many deals open as today (a team's capacity is
    its open deals), so that a faster stage frees time for more deals.

    >>> t = funnel_what_if(100, {"lead": 0.5, "contract": 0.8}, {"lead": 10, "contract": 20}, 1000,
    ...                    "lead", conversion_change=0.1)
    >>> float(t.loc["change", "revenue_per_month"])
    8000.0
    """
    base = funnel_model(leads_per_month, conversion, days, avg_deal_size)
    conv2, d2 = improve_stage(conversion, days, stage, conversion_change, days_change)
    new = funnel_model(leads_per_month, conv2, d2, avg_deal_size)
    cols = ["win_rate", "won_per_month", "revenue_per_month", "cycle_days", "pipeline", "velocity"]
    rows = {name: [getattr(r, c) for c in cols] for name, r in (("today", base), ("improved", new))}
    t = pd.DataFrame(rows, index=cols).T
    same_team = 0.0
    if new.days_in_funnel > 0:
        same_team = sales_velocity(base.pipeline, new.win_rate, avg_deal_size, new.days_in_funnel)
    t["velocity_same_team"] = [base.velocity, same_team]
    t.loc["change"] = t.loc["improved"] - t.loc["today"]
    return t


# ---------------------------------------------------------------------------
# The pipeline measured on the CRM: one definition of open deals and velocity


@dataclass(frozen=True)
class PipelineMeasures:
    """Huaxin's (or any CRM's) pipeline measured over a period; see :func:`pipeline_measures`.

    Counts are deals, rates fractions, money in the currency of ``amount``, time in days.
    """

    days: int
    opened: int
    new_per_day: float
    win_rate: float
    avg_deal_size: float
    cycle_days: float
    days_in_funnel: float
    worked_per_cycle: float
    open_now: int
    open_littles_law: float
    velocity: float
    won_per_day: float
    stage_win_rate: float | None = None
    stage_velocity: float | None = None


def pipeline_measures(
    opportunities: pd.DataFrame, start=None, end=None, stage_win_rate: float | None = None
) -> PipelineMeasures:
    """The one definition of the pipeline's open deals and its velocity, from the data.

    Over [start, end] (default: first creation to last closing date):

    * ``new_per_day``: opportunities opened in the period / days in the period;
    * ``win_rate``: won / (won + lost) among deals closed in the period;
    * ``avg_deal_size``, ``cycle_days``: mean amount and mean days to a win of the deals won;
    * ``days_in_funnel``: mean days a closed deal stayed open, won **or** lost;
    * ``open_now``: deals with status ``open`` in the table (a snapshot count);
    * ``open_littles_law``: new_per_day x days_in_funnel, the average number open
      at any time (Little's law), which a snapshot count approximates;
    * ``worked_per_cycle``: new_per_day x cycle_days, the "opportunities" lever of the
      velocity formula when its divisor is the won cycle (lab 2.1);
    * ``velocity``: :func:`sales_velocity` (money per day). It is the same with either
      pairing, worked_per_cycle / cycle_days or open_littles_law / days_in_funnel,
      because both ratios are new_per_day;
    * ``won_per_day``: the money actually won in the period / days (the check).

    With ``stage_win_rate`` (the product of the stage conversions, as the funnel model
    uses it) ``stage_velocity`` gives the same velocity with that win rate instead.

    >>> opp = pd.DataFrame({"status": ["won", "lost", "won", "open"],
    ...     "amount": [100.0, 80.0, 200.0, 50.0],
    ...     "created_date": pd.to_datetime(["2025-01-01", "2025-01-01", "2025-01-05", "2025-01-09"]),
    ...     "closed_date": pd.to_datetime(["2025-01-11", "2025-01-03", "2025-01-11", None])})
    >>> m = pipeline_measures(opp)
    >>> m.new_per_day, round(m.win_rate, 3), m.avg_deal_size, m.cycle_days, m.open_now
    (0.4, 0.667, 150.0, 8.0, 1)
    >>> round(m.days_in_funnel, 3), round(m.open_littles_law, 3), round(m.velocity, 2)
    (6.0, 2.4, 40.0)
    """
    for col in ("status", "amount", "created_date", "closed_date"):
        if col not in opportunities:
            raise ValueError(f"The opportunities table needs a '{col}' column.")
    created = pd.to_datetime(opportunities["created_date"])
    closed = pd.to_datetime(opportunities["closed_date"])
    start = created.min() if start is None else pd.Timestamp(start)
    end = closed.max() if end is None else pd.Timestamp(end)
    if not end > start:
        raise ValueError("The period must end after it starts.")
    days = (end - start).days
    status = opportunities["status"]
    in_period = closed.between(start, end)
    won = status.eq("won") & in_period
    shut = status.isin(["won", "lost"]) & in_period
    if not won.any():
        raise ValueError(
            "No deal was won in the period: win rate, deal size and cycle cannot be measured."
        )
    opened = int(created.between(start, end).sum())
    new_per_day = opened / days
    win_rate = float(won.sum() / shut.sum())
    deal = float(opportunities.loc[won, "amount"].mean())
    cycle = float((closed[won] - created[won]).dt.days.mean())
    in_funnel = float((closed[shut] - created[shut]).dt.days.mean())
    worked = new_per_day * cycle
    velocity = float(sales_velocity(worked, win_rate, deal, cycle))
    stage_velocity = None
    if stage_win_rate is not None:
        stage_velocity = float(sales_velocity(worked, stage_win_rate, deal, cycle))
    return PipelineMeasures(
        days=days,
        opened=opened,
        new_per_day=new_per_day,
        win_rate=win_rate,
        avg_deal_size=deal,
        cycle_days=cycle,
        days_in_funnel=in_funnel,
        worked_per_cycle=worked,
        open_now=int(status.eq("open").sum()),
        open_littles_law=new_per_day * in_funnel,
        velocity=velocity,
        won_per_day=float(opportunities.loc[won, "amount"].sum() / days),
        stage_win_rate=stage_win_rate,
        stage_velocity=stage_velocity,
    )


def open_deals_views(m: PipelineMeasures) -> pd.DataFrame:
    """The three counts of "deals in the pipeline" the course uses, side by side.

    Rows ``worked_per_cycle`` (new deals over one won cycle: the velocity lever of lab
    2.1), ``open_now`` (the CRM's snapshot: lab 5.2) and ``open_littles_law`` (the
    average open at any time: lab 15.2). Columns ``deals``, ``days`` (the time each count
    is paired with in the velocity formula), ``new_per_day`` (deals / days) and
    ``velocity`` (money per day; the same for the two counts that have a matching time,
    NaN for the snapshot, which has none).

    >>> m = PipelineMeasures(730, 730, 1.0, 0.2, 1000.0, 60.0, 30.0, 60.0, 31, 30.0, 200.0, 190.0)
    >>> open_deals_views(m)["velocity"].tolist()
    [200.0, nan, 200.0]
    """
    deals = [m.worked_per_cycle, float(m.open_now), m.open_littles_law]
    days = [m.cycle_days, float("nan"), m.days_in_funnel]
    t = pd.DataFrame(
        {"deals": deals, "days": days},
        index=pd.Index(["worked_per_cycle", "open_now", "open_littles_law"], name="view"),
    )
    t["new_per_day"] = t["deals"] / t["days"]
    t["velocity"] = [
        float(sales_velocity(n, m.win_rate, m.avg_deal_size, d)) if d > 0 else float("nan")
        for n, d in zip(deals, days)
    ]
    return t


# ---------------------------------------------------------------------------
# Chapter 15's labs: the measured funnel and what the stages are worth


@dataclass(frozen=True)
class MeasuredFunnel:
    """A CRM's funnel measured once: ``stats`` (:func:`stage_stats`), ``leads_per_month``
    (new opportunities a month), ``avg_won_deal`` (money) and ``measures``
    (:func:`pipeline_measures`, the same leads and deal size)."""

    stats: pd.DataFrame
    leads_per_month: float
    avg_won_deal: float
    measures: PipelineMeasures | None = None


def measure_funnel(
    opportunities: pd.DataFrame, stages: pd.DataFrame, start=None, end=None
) -> MeasuredFunnel:
    """Stage conversions and days, and the flow of leads and deal size from
    :func:`pipeline_measures` (leads a month = new per day x 365 / 12)."""
    stats = stage_stats(stages)
    m = pipeline_measures(
        opportunities, start, end, stage_win_rate=float(stats["conversion"].prod())
    )
    return MeasuredFunnel(stats, m.new_per_day * 365 / 12, m.avg_deal_size, m)


@dataclass(frozen=True)
class StageLab:
    """Lab 15.1 in one result: ``today`` (:class:`FunnelResult`), the ``bottleneck`` and
    ``longest`` stage, ``gains`` (money a year that ``change`` more points of conversion
    in each stage bring from the same leads) and ``best`` (the stage where they are worth
    most)."""

    today: FunnelResult
    bottleneck: str
    longest: str
    gains: pd.Series
    best: str


def stage_lab(
    leads_per_month: float, stats: pd.DataFrame, avg_deal_size: float, change: float = 0.05
) -> StageLab:
    """Where Huaxin's deals are lost and what a better stage is worth (lab 15.1).

    >>> stats = pd.DataFrame({"conversion": [0.5, 0.8], "mean_days": [10.0, 20.0]},
    ...                      index=["lead", "contract"])
    >>> lab = stage_lab(100, stats, 1000, 0.05)
    >>> lab.bottleneck, lab.best, lab.gains.round(2).tolist()
    ('lead', 'lead', [48000.0, 30000.0])
    """
    conv, days = stats["conversion"], stats["mean_days"]
    gains = pd.Series(
        {
            s: funnel_what_if(leads_per_month, conv, days, avg_deal_size, s, change).loc[
                "change", "revenue_per_month"
            ]
            * 12
            for s in conv.index
        },
        name="gain_per_year",
    )
    return StageLab(
        funnel_model(leads_per_month, conv, days, avg_deal_size),
        bottleneck(stats),
        str(days.idxmax()),
        gains,
        str(gains.idxmax()),
    )


@dataclass(frozen=True)
class CycleLab:
    """Lab 15.2 in one result: the won cycle (``cycle_median``, ``cycle_mean``, days), the
    stage model today (``today``), the pipeline ``measures`` and their ``open_views``
    (:func:`open_deals_views`), the stage model's ``what_if`` for a shorter ``stage`` and
    ``gain_per_year`` (money a year if the team keeps as many deals open as today)."""

    cycle_median: float
    cycle_mean: float
    today: FunnelResult
    measures: PipelineMeasures
    open_views: pd.DataFrame
    what_if: pd.DataFrame
    gain_per_year: float


def cycle_lab(
    measured: MeasuredFunnel,
    opportunities: pd.DataFrame,
    stage: str,
    days_change: float,
    leads_per_month: float | None = None,
    avg_deal_size: float | None = None,
) -> CycleLab:
    """Cycle time and velocity of Huaxin's funnel, and what a shorter ``stage`` buys.

    The stage model runs on ``leads_per_month`` and ``avg_deal_size`` when given (the
    rounded values a calculator shows), else on the measured ones.
    """
    if measured.measures is None:
        raise ValueError("Measure the funnel with measure_funnel() first: it needs the deals.")
    conv, days = measured.stats["conversion"], measured.stats["mean_days"]
    leads = measured.leads_per_month if leads_per_month is None else leads_per_month
    deal = measured.avg_won_deal if avg_deal_size is None else avg_deal_size
    cycle = won_cycle_days(opportunities)
    wi = funnel_what_if(leads, conv, days, deal, stage, days_change=days_change)
    gain = wi.loc["improved", "velocity_same_team"] - wi.loc["today", "velocity_same_team"]
    return CycleLab(
        float(cycle.median()),
        float(cycle.mean()),
        funnel_model(leads, conv, days, deal),
        measured.measures,
        open_deals_views(measured.measures),
        wi,
        float(gain * 365),
    )


@dataclass(frozen=True)
class StageChange:
    """What the funnel simulator shows (see :func:`stage_change`): ``what_if``
    (:func:`funnel_what_if`), ``today`` and ``improved`` (:class:`FunnelResult`), the
    stage's ``conversion`` and ``days`` before and after (``new_conversion``,
    ``new_days``) and ``gain_per_year`` (money a year from the same leads)."""

    what_if: pd.DataFrame
    today: FunnelResult
    improved: FunnelResult
    conversion: float
    new_conversion: float
    days: float
    new_days: float
    gain_per_year: float


def stage_change(
    leads_per_month: float,
    conversion: Any,
    days: Any,
    avg_deal_size: float,
    stage: str,
    conversion_change: float = 0.0,
    days_change: float = 0.0,
) -> StageChange:
    """Today's funnel and the one with ``stage`` improved, in one result.

    >>> r = stage_change(100, {"lead": 0.5, "contract": 0.8}, {"lead": 10, "contract": 20}, 1000,
    ...                  "lead", conversion_change=0.1)
    >>> r.new_conversion, r.gain_per_year
    (0.6, 96000.0)
    """
    wi = funnel_what_if(
        leads_per_month, conversion, days, avg_deal_size, stage, conversion_change, days_change
    )
    conv2, d2 = improve_stage(conversion, days, stage, conversion_change, days_change)
    return StageChange(
        wi,
        funnel_model(leads_per_month, conversion, days, avg_deal_size),
        funnel_model(leads_per_month, conv2, d2, avg_deal_size),
        float(pd.Series(conversion, dtype=float)[stage]),
        float(conv2[stage]),
        float(pd.Series(days, dtype=float)[stage]),
        float(d2[stage]),
        float(wi.loc["change", "revenue_per_month"] * 12),
    )
