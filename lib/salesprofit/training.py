"""Training and practice: the return on training, the ramp-up of new reps, drill scores.

* **Training ROI** in the Phillips methodology (Jack J. Phillips & Patricia P.
  Phillips, *Return on Investment in Training and Performance Improvement
  Programs*, 2nd ed., Butterworth-Heinemann 2003; Phillips' "level 5" on top of
  Kirkpatrick's four levels): ``ROI = (benefits - costs) / costs`` and the
  benefit-cost ratio ``BCR = benefits / costs``. Benefits are first *isolated*
  (only the share of the improvement the training caused) and *adjusted for
  confidence* (the estimator's own confidence in that share), then converted to
  money; costs are fully loaded (design, delivery, travel and the participants'
  time away from selling).
* **Ramp-up of new reps**: a saturating exponential (the learning-curve model
  used for time-to-productivity),
  ``productivity(t) = full x (1 - (1 - start) exp(-t / tau))``, with ``t`` in months
  since hire, ``full`` the level the rep settles at (relative to tenured peers),
  ``start`` the share of ``full`` delivered on day one (0 for a rep who starts from
  nothing) and ``tau`` the time constant in months: after ``tau`` months the rep has
  closed 63 % of the gap, after ``tau x ln 10`` months 90 %. Fitted by least squares
  (``scipy.optimize.curve_fit``); several reps share ``tau`` and each keeps its own
  ``full``.
* **Drill scorecard**: an observer scores a role-play on weighted criteria; the
  total is the weighted mean score as a share of the top score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import pandas as pd

from ._checks import check, finite, out, values

__all__ = [
    "DrillScore",
    "ExperimentGain",
    "RampFit",
    "ScriptValue",
    "TrainingEvaluation",
    "benefit_cost_ratio",
    "break_even_gain",
    "drill_score",
    "evaluate_training",
    "experiment_gain",
    "fit_ramp",
    "isolated_benefit",
    "payback_months",
    "ramp_cost",
    "ramp_curve",
    "ramp_data",
    "ramp_summary",
    "script_value",
    "time_to_productivity",
    "training_roi",
]

LN10 = float(np.log(10.0))


def _v(x):
    """Numbers for arithmetic: a Series keeps its index, anything else becomes a float array."""
    return x.astype(float) if isinstance(x, pd.Series) else values(x)


# ---------------------------------------------------------------------------
# Training ROI (Phillips)


def training_roi(benefits, costs):
    """Return on a training investment: ``(benefits - costs) / costs``, a fraction.

    Phillips' level-5 ROI: net programme benefits over fully loaded programme costs. 1.5
    means 150 %: every yuan spent came back with 1.5 yuan on top.

    Parameters
    ----------
    benefits : float or array-like
        Monetary benefits credited to the programme (after isolating its effect), in money.
    costs : float or array-like
        Fully loaded programme costs, in money. Above zero.

    Returns
    -------
    float or array-like
        The return as a fraction of the costs. Scalars give a float; numpy arrays and pandas
        Series give the same shape (and index).

    Raises
    ------
    ValueError
        If the costs are not positive or the benefits missing.

    References
    ----------
    Phillips, J. J. and Phillips, P. P. (2003), *Return on Investment in Training and
    Performance Improvement Programs*, 2nd ed., ch. 9.

    Examples
    --------
    >>> training_roi(300_000, 120_000)
    1.5
    """
    check(
        "The training costs", costs, gt=0, why="a programme with no cost has no return to measure"
    )
    finite("The benefits", benefits)
    b, c = _v(benefits), _v(costs)
    return out((b - c) / c)


def benefit_cost_ratio(benefits, costs):
    """Benefits / costs (BCR): 2.5 means every yuan spent brought back 2.5 yuan. BCR = ROI + 1.

    >>> benefit_cost_ratio(300_000, 120_000)
    2.5
    """
    check(
        "The training costs", costs, gt=0, why="a programme with no cost has no return to measure"
    )
    finite("The benefits", benefits)
    return out(_v(benefits) / _v(costs))


def isolated_benefit(gain, attribution=1.0, confidence=1.0):
    """The part of a measured gain that can be credited to the training, in money.

    Phillips' isolation and error adjustment: ``gain x attribution x confidence``.
    ``attribution`` is the share of the improvement the training caused (from a
    control group, a trend line or the participants' estimate), ``confidence`` the
    estimator's confidence in that share (both fractions). A gain of ¥100,000 of
    which participants credit 60 % to the training with 80 % confidence counts as
    ¥48,000.

    >>> isolated_benefit(100_000, 0.6, 0.8)
    48000.0
    """
    finite("The measured gain", gain)
    check(
        "The share credited to training",
        attribution,
        ge=0,
        le=1,
        why="the training cannot cause more than all of the improvement",
    )
    check("The confidence", confidence, ge=0, le=1, why="it is a share between 0 and 1")
    return out(_v(gain) * _v(attribution) * _v(confidence))


class ExperimentGain(NamedTuple):
    """Difference in mean outcome between trained (or new-method) and control groups."""

    diff: float  # mean(treated) - mean(control)
    low: float  # lower end of the confidence interval (Phillips: use the conservative end)
    high: float
    p_value: float  # two-sided Welch t-test
    n_treated: int
    n_control: int


def experiment_gain(treated, control, confidence_level: float = 0.95) -> ExperimentGain:
    """The gain per unit (per quote, per rep ...) measured against a control group.

    A randomised control group is the most credible way to isolate a programme's
    effect (Phillips & Phillips 2003, ch. 5). Welch's two-sample t-test (scipy)
    gives the difference of the means and its confidence interval; Phillips' rule
    "choose the most conservative alternative" suggests valuing the lower end.

    >>> g = experiment_gain([12.0, 14.0, 13.0, 15.0], [10.0, 11.0, 12.0, 11.0])
    >>> round(g.diff, 2), round(g.low, 2) > 0
    (2.5, True)
    """
    from scipy import stats

    check("The confidence level", confidence_level, gt=0, lt=1)
    a = values(treated).ravel()
    b = values(control).ravel()
    if len(a) < 2 or len(b) < 2:
        raise ValueError("Each group needs at least two observations to measure a difference.")
    finite("The trained group's results", a)
    finite("The control group's results", b)
    res = stats.ttest_ind(a, b, equal_var=False)
    ci = res.confidence_interval(confidence_level)
    return ExperimentGain(
        float(a.mean() - b.mean()), float(ci.low), float(ci.high), float(res.pvalue), len(a), len(b)
    )


def payback_months(costs, monthly_benefit):
    """Months until the benefits have paid back the costs: costs / monthly benefit.

    >>> payback_months(120_000, 25_000)
    4.8
    """
    check("The costs", costs, ge=0)
    check(
        "The monthly benefit",
        monthly_benefit,
        gt=0,
        why="a programme that brings in nothing never pays back",
    )
    return out(_v(costs) / _v(monthly_benefit))


class TrainingEvaluation(NamedTuple):
    """A Phillips level-5 evaluation of one programme (money in the data's currency)."""

    gain: float  # measured gain over the horizon, before isolation
    benefits: float  # isolated and confidence-adjusted benefits over the horizon
    costs: float  # fully loaded costs
    net_benefits: float  # benefits - costs
    bcr: float  # benefits / costs
    roi: float  # (benefits - costs) / costs, a fraction
    payback_months: float  # costs / (benefits per month); inf when there are no benefits
    monthly_benefits: float = float("nan")  # benefits / months


def evaluate_training(
    participants: float,
    monthly_gain_per_participant: float,
    months: float,
    attribution: float,
    confidence: float,
    cost_per_participant: float,
    fixed_costs: float = 0.0,
) -> TrainingEvaluation:
    """A full Phillips evaluation from the numbers a sales manager has.

    ``monthly_gain_per_participant`` is the extra gross profit (not revenue) each
    trained rep brings in a month, ``months`` how long the gain is counted (Phillips
    counts one year for short programmes), ``attribution`` and ``confidence`` as in
    :func:`isolated_benefit`; costs are ``participants x cost_per_participant`` (fees,
    travel, time away from selling) + ``fixed_costs`` (design, trainer).

    >>> e = evaluate_training(20, 2_500, 12, 0.5, 0.8, 4_000, 20_000)
    >>> e.benefits, e.costs, round(e.roi, 4), round(e.payback_months, 2)
    (240000.0, 100000.0, 1.4, 5.0)
    """
    check("The number of participants", participants, gt=0)
    check("The counting period", months, gt=0, why="benefits are counted over some months")
    check("The cost per participant", cost_per_participant, ge=0)
    check("The fixed costs", fixed_costs, ge=0)
    finite("The monthly gain", monthly_gain_per_participant)
    gain = float(participants * monthly_gain_per_participant * months)
    benefits = float(isolated_benefit(gain, attribution, confidence))
    costs = float(participants * cost_per_participant + fixed_costs)
    if not costs > 0:
        raise ValueError(
            "The programme must cost something (fees, trainer or time away from selling) "
            "for a return to be measured."
        )
    monthly = benefits / months
    return TrainingEvaluation(
        gain,
        benefits,
        costs,
        benefits - costs,
        float(benefit_cost_ratio(benefits, costs)),
        float(training_roi(benefits, costs)),
        float(costs / monthly) if monthly > 0 else float("inf"),
        monthly,
    )


# ---------------------------------------------------------------------------
# A sales script's yearly value (labs 11.1 and 13.1)


class ScriptValue(NamedTuple):
    """What a new sales script is worth a year, measured by a randomised test.

    Money is gross profit in the data's currency. ``gain`` is the difference in
    gross profit per quote (treated minus control, :func:`experiment_gain`) with its
    95 % interval; ``quotes_per_year`` the quotes the test's pace gives in 52
    weeks. ``yearly_value`` = gain per quote x quotes a year (the middle
    estimate), ``yearly_low``/``yearly_high`` the same at the interval's ends
    (Phillips counts ``yearly_low``, the conservative end). ``extra_orders`` are
    the extra won quotes a year from the difference in win rate.
    """

    conversion_treated: float
    conversion_control: float
    gain: ExperimentGain
    weeks: int
    reps: int
    quotes_per_week: float
    quotes_per_day: float  # five selling days a week
    quotes_per_year: float
    quotes_per_rep_month: float
    extra_orders: float
    yearly_value: float
    yearly_low: float
    yearly_high: float
    low_per_rep_month: float  # yearly_low / reps / 12: the conservative gain of one rep a month


def script_value(
    test: pd.DataFrame,
    products: pd.DataFrame,
    treated: str = "B",
    control: str = "A",
    confidence_level: float = 0.95,
) -> ScriptValue:
    """The one definition of a sales script's yearly value (labs 11.1 and 13.1).

    ``test`` has one row per quote with ``week``, ``rep_id``, ``offer``,
    ``product_id``, ``offered_price``, ``quantity`` (0 when lost) and
    ``converted``; ``products`` gives each ``unit_cost``. A quote's gross profit
    is :func:`salesprofit.profitability.line_gross_profit` at the offered price.
    """
    from .profitability import line_gross_profit

    need = ["week", "rep_id", "offer", "product_id", "offered_price", "quantity", "converted"]
    missing = [c for c in need if c not in test.columns]
    if missing:
        raise ValueError(f"The test table lacks the column(s) {', '.join(missing)}.")
    cost = test["product_id"].map(products.set_index("product_id")["unit_cost"])
    if cost.isna().any():
        raise ValueError("Some quotes name a product that is not in the product list.")
    profit = line_gross_profit(
        pd.DataFrame(
            {"quantity": test["quantity"], "net_price": test["offered_price"], "unit_cost": cost}
        )
    )
    is_t, is_c = test["offer"] == treated, test["offer"] == control
    gain = experiment_gain(profit[is_t], profit[is_c], confidence_level)
    weeks = int(test["week"].nunique())
    reps = int(test["rep_id"].nunique())
    per_week = len(test) / weeks
    per_year = per_week * 52
    conv_t, conv_c = (
        float(test.loc[is_t, "converted"].mean()),
        float(test.loc[is_c, "converted"].mean()),
    )
    return ScriptValue(
        conv_t,
        conv_c,
        gain,
        weeks,
        reps,
        per_week,
        per_week / 5,
        per_year,
        per_year / reps / 12,
        (conv_t - conv_c) * per_year,
        gain.diff * per_year,
        gain.low * per_year,
        gain.high * per_year,
        gain.low * per_year / reps / 12,
    )


def break_even_gain(costs, participants, months, attribution=1.0, confidence=1.0):
    """Monthly gain per participant at which the programme just pays back (ROI = 0).

    >>> break_even_gain(100_000, 20, 12, 0.5, 0.8)
    1041.6666666666667
    """
    check("The costs", costs, ge=0)
    check("The number of participants", participants, gt=0)
    check("The counting period", months, gt=0)
    check(
        "The share credited to training",
        attribution,
        gt=0,
        le=1,
        why="if none of the gain is credited to training it can never pay back",
    )
    check("The confidence", confidence, gt=0, le=1)
    return out(
        values(costs)
        / (values(participants) * values(months) * values(attribution) * values(confidence))
    )


# ---------------------------------------------------------------------------
# Ramp-up of new reps


def ramp_curve(t, full=1.0, tau=4.0, start=0.0):
    """Productivity ``t`` months after hire: full x (1 - (1 - start) exp(-t / tau)).

    ``full`` is the settled level (1 = a tenured peer), ``tau`` the time constant in
    months, ``start`` the share of ``full`` delivered on day one. Vectorised in ``t``.

    >>> round(ramp_curve(4.0, 1.0, 4.0), 4)
    0.6321
    """
    check("The time constant", tau, gt=0, why="a rep cannot reach full speed in no time")
    check("The starting level", start, ge=0, le=1, why="it is a share of the full level")
    check("The months since hire", t, ge=0)
    tt = values(t)
    res = values(full) * (1 - (1 - values(start)) * np.exp(-tt / values(tau)))
    if isinstance(t, pd.Series):
        return pd.Series(res, index=t.index)
    return out(res)


def time_to_productivity(tau, level=0.9, start=0.0):
    """Months until a new rep reaches ``level`` of their full productivity.

    Solves ramp_curve(t) = level x full: t = tau x ln((1 - start) / (1 - level)); 0 if
    the rep already starts there. With start 0 and level 0.9: tau x ln 10.

    >>> round(time_to_productivity(4.0), 3)
    9.21
    """
    check("The time constant", tau, gt=0, why="a rep cannot reach full speed in no time")
    check(
        "The target level",
        level,
        gt=0,
        lt=1,
        why="the curve approaches its full level but never reaches it",
    )
    check("The starting level", start, ge=0, lt=1)
    t = values(tau) * np.log((1 - values(start)) / (1 - values(level)))
    return out(np.maximum(t, 0.0))


def ramp_cost(full_value_per_month, tau, start=0.0, horizon=None):
    """Money a new rep does not yet bring in while ramping up.

    The gap between a fully productive rep (``full_value_per_month``, e.g. the
    monthly gross profit of the rep's settled level) and the ramp curve, summed
    (integrated) over the first ``horizon`` months (all of it when None):
    full_value x (1 - start) x tau x (1 - exp(-horizon / tau)).

    >>> ramp_cost(100_000, 4.0)
    400000.0
    """
    check("The full monthly value", full_value_per_month, ge=0)
    check("The time constant", tau, gt=0)
    check("The starting level", start, ge=0, le=1)
    share = 1.0 if horizon is None else 1 - np.exp(-values(horizon) / values(tau))
    if horizon is not None:
        check("The horizon", horizon, ge=0)
    return out(values(full_value_per_month) * (1 - values(start)) * values(tau) * share)


def ramp_summary(
    full_value_per_month: float,
    tau: float,
    start: float = 0.0,
    level: float = 0.9,
    hire_month: int = 1,
) -> dict:
    """What a new hire's ramp-up means in the calendar and in money.

    ``full_value_per_month``: monthly gross profit of the rep once fully productive;
    ``hire_month``: 1 (January) to 12. Returns ``months_to_level`` (months until
    ``level`` of full productivity), ``level_month`` (calendar month, 1-12, in which it
    is reached), ``level_years_later`` (0 = the hiring year), ``months_left_in_year``
    (from the hire to 31 December), ``cost_in_hiring_year`` (profit not earned by
    31 December because of the ramp), ``cost_to_level`` (until ``level`` is reached)
    and ``cost_total`` (the whole ramp-up).

    >>> s = ramp_summary(100_000, 4.0, hire_month=3)
    >>> round(s["months_to_level"], 2), s["level_month"], s["level_years_later"]
    (9.21, 12, 0)
    """
    if (
        not (isinstance(hire_month, (int, np.integer)) or float(hire_month).is_integer())
        or not 1 <= hire_month <= 12
    ):
        raise ValueError("The hire month is a whole number from 1 (January) to 12 (December).")
    t_level = float(time_to_productivity(tau, level, start))
    left = 13 - int(hire_month)
    reached = int(hire_month) - 1 + int(np.floor(t_level))
    return {
        "months_to_level": t_level,
        "level_month": reached % 12 + 1,
        "level_years_later": reached // 12,
        "months_left_in_year": left,
        "cost_in_hiring_year": float(ramp_cost(full_value_per_month, tau, start, horizon=left)),
        "cost_to_level": float(ramp_cost(full_value_per_month, tau, start, horizon=t_level)),
        "cost_total": float(ramp_cost(full_value_per_month, tau, start)),
    }


@dataclass(frozen=True)
class RampFit:
    """A fitted ramp-up curve.

    ``tau`` (months) is shared by every rep; ``full`` is the settled level averaged
    over the reps, ``full_by_rep`` each rep's own; ``start`` the day-one share (fixed
    in the fit); ``rmse`` the root-mean-square error of the fit; ``log_likelihood``
    the Gaussian log-likelihood at the least-squares estimate.
    """

    tau: float
    full: float
    start: float
    rmse: float
    n: int
    log_likelihood: float
    tau_se: float = float("nan")
    full_by_rep: Mapping[str, float] = field(default_factory=dict)

    def months_to(self, level: float = 0.9) -> float:
        """Months to reach ``level`` of the full productivity."""
        return time_to_productivity(self.tau, level, self.start)


def fit_ramp(months, productivity, rep=None, start: float = 0.0, tau0: float = 3.0) -> RampFit:
    """Fit ramp_curve to observed productivity by least squares (scipy ``curve_fit``).

    ``months``: months since hire of each observation; ``productivity``: output
    relative to tenured peers (1 = as much as a peer); ``rep``: optional label of the
    rep for each observation: then each rep gets its own ``full`` and all share ``tau``
    (their territories differ, the learning speed is the company's). ``start`` is held
    fixed (0 = a rep who starts from nothing).

    >>> t = np.arange(0.5, 24, 1.0)
    >>> fit = fit_ramp(t, ramp_curve(t, 0.9, 5.0))
    >>> round(fit.tau, 3), round(fit.full, 3)
    (5.0, 0.9)
    """
    from scipy.optimize import curve_fit

    t = values(months).ravel()
    y = values(productivity).ravel()
    if t.shape != y.shape:
        raise ValueError("Give one productivity figure for every month since hire.")
    finite("The months since hire", t)
    finite("The productivity", y)
    check("The months since hire", t, ge=0)
    check("The starting level", start, ge=0, lt=1)
    if rep is None:
        codes, labels = np.zeros(len(t), dtype=int), np.array(["all"])
    else:
        codes, labels = pd.factorize(pd.Series(rep).reset_index(drop=True), sort=True)
        labels = np.asarray(labels, dtype=str)
        if len(codes) != len(t):
            raise ValueError("Give one rep label for every observation.")
    k = len(labels)
    if len(t) < k + 2:
        raise ValueError(
            f"Too few observations ({len(t)}) to fit a ramp-up curve: "
            "use at least a few months per rep."
        )

    def model(x, tau, *fulls):
        return np.asarray(fulls)[codes] * (1 - (1 - start) * np.exp(-x / tau))

    p0 = [tau0] + [max(float(np.mean(y[codes == i])), 1e-3) for i in range(k)]
    lower = [1e-3] + [0.0] * k
    upper = [240.0] + [np.inf] * k
    try:
        params, cov = curve_fit(model, t, y, p0=p0, bounds=(lower, upper), maxfev=20_000)
    except RuntimeError as exc:  # pragma: no cover - scipy's "optimal parameters not found"
        raise ValueError(
            "The ramp-up curve could not be fitted to these data: "
            "check that productivity rises with time since hire."
        ) from exc
    resid = y - model(t, *params)
    n = len(y)
    rss = float(resid @ resid)
    sigma2 = rss / n
    loglik = -0.5 * n * (np.log(2 * np.pi * sigma2) + 1) if sigma2 > 0 else float("inf")
    se = float(np.sqrt(cov[0, 0])) if np.all(np.isfinite(cov)) else float("nan")
    fulls = {str(lab): float(v) for lab, v in zip(labels, params[1:])}
    return RampFit(
        tau=float(params[0]),
        full=float(np.mean(params[1:])),
        start=float(start),
        rmse=float(np.sqrt(sigma2)),
        n=int(n),
        log_likelihood=float(loglik),
        tau_se=se,
        full_by_rep=fulls,
    )


def ramp_data(
    lines: pd.DataFrame,
    reps: pd.DataFrame,
    new_reps: Sequence[str] | None = None,
    peers: str | None = "region",
    value: str = "gross_profit",
    date: str = "order_date",
) -> pd.DataFrame:
    """Monthly output of each new rep relative to tenured peers, by months since hire.

    ``lines``: sales lines with ``rep_id``, ``date`` and the ``value`` column (e.g.
    :func:`salesprofit.reps.rep_lines`, whose ``gross_profit`` is quantity x (net
    price - unit cost)). ``reps``: ``rep_id``, ``hire_date`` and the ``peers`` column
    (default ``region``: a new rep is compared with the tenured reps of the same
    region, who sell in the same market; ``None`` compares with all tenured reps).
    ``new_reps`` defaults to the reps with ``is_new_hire`` = 1.

    One row per new rep and month from the hire month: ``rep_id``, ``month`` (first
    day), ``months_since_hire`` (at mid-month), ``value`` (the rep's output that
    month), ``peer_value`` (the mean output of the peers that month) and
    ``productivity`` = value / peer_value.
    """
    for col in ("rep_id", date, value):
        if col not in lines.columns:
            raise ValueError(f"The sales lines need a {col!r} column.")
    need = ["rep_id", "hire_date"] + ([peers] if peers else [])
    missing = [c for c in need if c not in reps.columns]
    if missing:
        raise ValueError(f"The reps table needs the column(s) {', '.join(missing)}.")
    if new_reps is None:
        if "is_new_hire" not in reps.columns:
            raise ValueError("Name the new reps, or give the reps table an is_new_hire column.")
        new_reps = reps.loc[reps["is_new_hire"] == 1, "rep_id"].tolist()
    new_reps = list(new_reps)
    unknown = sorted(set(new_reps) - set(reps["rep_id"]))
    if unknown:
        raise ValueError(f"Unknown rep(s) {unknown}: they are not in the reps table.")
    info = reps.set_index("rep_id")
    month = lines[date].dt.to_period("M").dt.to_timestamp()
    monthly = lines[value].groupby([lines["rep_id"], month]).sum().unstack("rep_id", fill_value=0.0)
    monthly.index.name = "month"
    tenured = [r for r in monthly.columns if r not in set(new_reps)]
    frames = []
    for r in new_reps:  # a loop over the few new reps, not rows
        group = [p for p in tenured if peers is None or info.at[p, peers] == info.at[r, peers]]
        if not group:
            raise ValueError(
                f"Rep {r} has no tenured peer in the same {peers}: compare with all reps "
                "(peers=None)."
            )
        hire = pd.Timestamp(info.at[r, "hire_date"])
        own = monthly[r] if r in monthly.columns else pd.Series(0.0, index=monthly.index)
        keep = monthly.index >= hire.to_period("M").to_timestamp()
        mid = monthly.index[keep] + pd.Timedelta(days=15)
        frames.append(
            pd.DataFrame(
                {
                    "rep_id": r,
                    "month": monthly.index[keep],
                    "months_since_hire": np.maximum((mid - hire).days / 30.4375, 0.0),
                    "value": own[keep].to_numpy(),
                    "peer_value": monthly.loc[keep, group].mean(axis=1).to_numpy(),
                }
            )
        )
    res = pd.concat(frames, ignore_index=True)
    res["productivity"] = res["value"] / res["peer_value"]
    return res


# ---------------------------------------------------------------------------
# Drill scorecard


#: Default criteria of a role-play drill (a customer visit or a discount request) and their weights.
DRILL_CRITERIA: dict[str, float] = {
    "opening": 0.10,  # purpose, agenda, rapport
    "discovery": 0.25,  # open questions, needs and their value to the customer
    "value": 0.20,  # presents value tied to the needs, with numbers
    "objections": 0.15,  # listens, clarifies, answers
    "price_defence": 0.20,  # trades concessions instead of giving them; knows the margin
    "close": 0.10,  # asks for a commitment, agrees the next step
}

DRILL_LABELS: dict[str, str] = {
    "opening": "Opening and agenda",
    "discovery": "Needs discovery (questions)",
    "value": "Value presentation",
    "objections": "Handling objections",
    "price_defence": "Price defence (trade, don't give)",
    "close": "Close and next step",
}


class DrillScore(NamedTuple):
    """The result of one scored drill."""

    total: float  # weighted mean score as a share of the top score (0..1)
    weighted_mean: float  # weighted mean on the scoring scale (e.g. 1..5)
    level: str  # "ready", "nearly ready", "practise again"
    strongest: str  # criterion with the highest score
    weakest: str  # criterion with the lowest score (highest weight on ties)
    contributions: Mapping[str, float]  # points each criterion adds to ``total``


def drill_score(
    scores,
    weights: Mapping[str, float] | None = None,
    scale: float = 5.0,
    low: float = 1.0,
    ready: float = 0.8,
    nearly: float = 0.6,
):
    """Score a practice drill: weighted criteria scores -> a total between 0 and 1.

    ``scores`` maps each criterion to a score from ``low`` to ``scale`` (default 1-5);
    or a DataFrame with one column per criterion and one row per participant (then
    a Series of totals comes back). ``weights`` (default :data:`DRILL_CRITERIA`) are
    relative and are normalised to sum to 1. ``total`` = (weighted mean - low) /
    (scale - low): 0 for the lowest score everywhere, 1 for the top score
    everywhere. ``level``: "ready" from ``ready``, "nearly ready" from ``nearly``,
    else "practise again".

    >>> r = drill_score({"opening": 4, "discovery": 3, "value": 4, "objections": 3,
    ...                  "price_defence": 2, "close": 5})
    >>> round(r.total, 4), round(r.weighted_mean, 2), r.level, r.weakest
    (0.575, 3.3, 'practise again', 'price_defence')
    """
    weights = dict(DRILL_CRITERIA if weights is None else weights)
    if not weights:
        raise ValueError("Name at least one criterion to score.")
    w = pd.Series(weights, dtype=float)
    check("A criterion weight", w.to_numpy(), ge=0, why="weights say how much a criterion counts")
    if not w.sum() > 0:
        raise ValueError("At least one criterion must have a weight above 0.")
    check("The top of the scale", scale, gt=low, why="the top score must be above the lowest score")
    if not 0 < nearly <= ready <= 1:
        raise ValueError("The pass marks must satisfy 0 < nearly ready <= ready <= 1.")
    w = w / w.sum()
    frame = scores if isinstance(scores, pd.DataFrame) else pd.DataFrame([dict(scores)])
    missing = [c for c in w.index if c not in frame.columns]
    extra = [c for c in frame.columns if c not in w.index]
    if missing:
        raise ValueError(f"Score every criterion: {', '.join(missing)} has no score.")
    if extra:
        raise ValueError(
            f"{', '.join(map(str, extra))} is not a criterion of this scorecard "
            "(give it a weight or leave it out)."
        )
    s = frame[list(w.index)].astype(float)
    check(
        "A score",
        s.to_numpy(),
        ge=low,
        le=scale,
        why=f"the observer scores from {low:g} to {scale:g}",
    )
    mean = s.to_numpy() @ w.to_numpy()
    total = (mean - low) / (scale - low)
    if isinstance(scores, pd.DataFrame):
        return pd.Series(total, index=scores.index, name="total")
    row = s.iloc[0]
    contrib = {k: float(w[k] * (row[k] - low) / (scale - low)) for k in w.index}
    # weakest: lowest score, the heavier criterion first on ties (it costs more)
    order = sorted(w.index, key=lambda k: (row[k], -w[k]))
    eps = 1e-9  # 80.0 % is "ready" despite float rounding
    level = (
        "ready"
        if total[0] >= ready - eps
        else "nearly ready"
        if total[0] >= nearly - eps
        else "practise again"
    )
    return DrillScore(
        float(total[0]),
        float(mean[0]),
        level,
        max(w.index, key=lambda k: (row[k], w[k])),
        order[0],
        contrib,
    )
