"""Chapter 7 calculators: cost of quality and the service-investment ROI."""

from __future__ import annotations

import pandas as pd

from .. import plots, quality
from ..fmt import money, num, pct, table
from .base import Calculator, Result, number_box, percent_slider, slider

__all__ = [
    "compute_cost_of_quality",
    "compute_service_roi",
    "cost_of_quality_calculator",
    "service_roi_calculator",
]


def compute_cost_of_quality(
    prevention: float,
    appraisal: float,
    internal_failure: float,
    external_failure: float,
    sales: float,
    extra_prevention: float,
    failure_reduction: float,
    chart: bool = True,
) -> Result:
    scenario = quality.prevention_scenario(
        prevention,
        appraisal,
        internal_failure,
        external_failure,
        sales,
        extra_prevention,
        failure_reduction,
    )
    today, after = scenario["today"], scenario["after"]
    move = {k: scenario[k] for k in ("saving", "net_gain", "roi")}
    cls = "sp-big" if move["net_gain"] >= 0 else "sp-bad"
    sentence = (
        f"Quality costs {money(today['total'], 0)} a year, {pct(today['total_rate'], 1)} of sales: "
        f"{pct(today['conformance_rate'], 1)} to get it right (prevention, appraisal) and "
        f"<b>{pct(today['nonconformance_rate'], 1)}</b> paying for failures. "
        f"Spending {money(extra_prevention, 0)} more on prevention to cut failures by "
        f"{pct(failure_reduction, 0)} saves {money(move['saving'], 0)}: "
        f'net <span class="{cls}">{money(move["net_gain"], 0, sign=True)}</span> a year.'
    )
    rows = [
        ("prevention", today["prevention"], after["prevention"]),
        ("appraisal", today["appraisal"], after["appraisal"]),
        ("internal failure", today["internal_failure"], after["internal_failure"]),
        ("external failure", today["external_failure"], after["external_failure"]),
        ("total", today["total"], after["total"]),
        ("as % of sales", today["total_rate"], after["total_rate"]),
    ]
    t = pd.DataFrame(rows, columns=["category", "today", "with more prevention"])
    fmt = lambda v: money(v, 0) if v >= 1 or v == 0 else pct(v, 2)  # noqa: E731
    html = sentence + table(t, {"today": fmt, "with more prevention": fmt})
    png = plots.to_png(plots.quality.cost_of_quality_chart(today, after)) if chart else None
    return Result(html, png, data={"today": today, "after": after, "move": move})


def cost_of_quality_calculator(
    prevention: float = 100_000.0,
    appraisal: float = 150_000.0,
    internal_failure: float = 250_000.0,
    external_failure: float = 500_000.0,
    sales: float = 10_000_000.0,
    extra_prevention: float = 100_000.0,
    failure_reduction: float = 0.3,
) -> Calculator:
    inputs = {
        "prevention": number_box("Prevention (¥ a year)", prevention, 0, 1e12, 10_000),
        "appraisal": number_box("Appraisal (¥ a year)", appraisal, 0, 1e12, 10_000),
        "internal_failure": number_box(
            "Internal failure (¥ a year)", internal_failure, 0, 1e12, 10_000
        ),
        "external_failure": number_box(
            "External failure (¥ a year)", external_failure, 0, 1e12, 10_000
        ),
        "sales": number_box("Sales (¥ a year)", sales, 1, 1e13, 100_000),
        "extra_prevention": number_box(
            "Extra prevention (¥ a year)", extra_prevention, 0, 1e12, 10_000
        ),
        "failure_reduction": percent_slider(
            "Failures it prevents (%)", failure_reduction, 0, 1, 5, 0
        ),
    }
    return Calculator(
        "Cost of quality: pay to prevent, or pay for failures",
        inputs,
        compute_cost_of_quality,
        percent={"failure_reduction"},
        intro="Prevention: training, supplier audits, design. Appraisal: inspection and testing. "
        "Internal failure: scrap, rework. External failure: returns, complaints, warranty.",
    )


def compute_service_roi(
    customers: float,
    annual_margin: float,
    retention: float,
    speedup: float,
    churn_effect: float,
    discount_rate: float,
    investment: float,
    std_error: float = 0.0,
    chart: bool = True,
) -> Result:
    """Value and ROI of faster service, with the range that the effect's 95 % interval gives."""
    v = quality.service_value_range(
        customers,
        annual_margin,
        retention,
        speedup,
        churn_effect,
        std_error,
        discount_rate,
        investment,
    )
    r = {
        "retention_new": v.retention_new,
        "clv_now": v.clv_now,
        "clv_new": v.clv_new,
        "value_gained": v.value_gained,
        "roi": v.roi,
    }
    cls = "sp-big" if v.roi >= 0 else "sp-bad"
    sentence = (
        f"Resolving tickets {pct(speedup, 0)} faster lifts retention from {pct(retention, 1)} to "
        f"<b>{pct(v.retention_new, 1)}</b>. Each customer is then worth {money(v.clv_new, 0)} instead of "
        f"{money(v.clv_now, 0)}; over {customers:,.0f} customers that is {money(v.value_gained, 0)} against an "
        f'investment of {money(investment, 0)}: ROI <span class="{cls}">{pct(v.roi, 0)}</span>.'
    )
    if std_error > 0:
        sentence += (
            f"<br>The effect's 95 % interval runs from {num(v.effect_low, 2)} to {num(v.effect_high, 2)}: "
            f"the value gained from {money(v.value_low, 0)} to {money(v.value_high, 0)}, the ROI from "
            f"{pct(v.roi_low, 0)} to {pct(v.roi_high, 0)}."
            + (
                " <b>The interval includes zero: faster service may change nothing.</b>"
                if v.includes_zero
                else ""
            )
        )
    png = plots.to_png(plots.quality.service_roi_chart(r, investment)) if chart else None
    return Result(sentence, png, data=r)


def service_roi_calculator(
    customers: float = 500.0,
    annual_margin: float = 20_000.0,
    retention: float = 0.82,
    speedup: float = 0.25,
    churn_effect: float = 0.33,
    discount_rate: float = 0.10,
    investment: float = 500_000.0,
    std_error: float = 0.0,
) -> Calculator:
    inputs = {
        "customers": number_box("Customers served", customers, 0, 1e9, 10),
        "annual_margin": number_box("Margin per customer (¥ a year)", annual_margin, 0, 1e10, 1000),
        "retention": percent_slider("Retention today (% a year)", retention, 0.3, 0.99, 0.5),
        "speedup": percent_slider("Tickets resolved faster by (%)", speedup, 0, 0.9, 5, 0),
        "churn_effect": slider("Churn effect of speed", churn_effect, 0, 2, 0.05),
        "discount_rate": percent_slider("Discount rate (% a year)", discount_rate, 0, 0.3, 0.5),
        "investment": number_box("Investment (¥)", investment, 1, 1e12, 10_000),
        "std_error": slider("Standard error of the effect", std_error, 0, 1, 0.01),
    }
    return Calculator(
        "Service investment: what faster service is worth",
        inputs,
        compute_service_roi,
        percent={"retention", "speedup", "discount_rate"},
        intro="Churn effect: change in the log-odds of losing a customer per unit of log "
        "resolution time (estimated from the tickets above).",
    )
