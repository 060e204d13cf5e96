"""Chapter 7 exercises (quality): the cost of quality and what faster service is worth."""

from __future__ import annotations

from .. import quality
from ..fmt import money, pct
from ..teach import Exercise, Mistake

__all__ = ["nonconformance_rate", "retention_value"]


def nonconformance_rate(
    prevention: float,
    appraisal: float,
    internal_failure: float,
    external_failure: float,
    sales: float,
) -> Exercise:
    """Cost of failures as a share of sales (lab 7.1)."""
    r = quality.cost_of_quality(prevention, appraisal, internal_failure, external_failure, sales)
    answer = r["nonconformance_rate"]
    mistakes = [
        Mistake(
            r["total_rate"],
            "That is the whole cost of quality. Prevention and appraisal are conformance "
            "costs; only internal and external failures are nonconformance.",
        ),
        Mistake(
            r["nonconformance"] / r["total"],
            "You divided by the cost of quality; the question asks for a share of sales.",
        ),
        Mistake(
            external_failure / sales,
            "Internal failures (scrap, rework before delivery) are failures too.",
        ),
    ]
    solution = (
        f"<p>Nonconformance = internal + external failure = {money(internal_failure, 0)} + "
        f"{money(external_failure, 0)} = {money(r['nonconformance'], 0)}.</p>"
        f"<p>÷ sales {money(sales, 0)} = {pct(answer, 2)}.</p>"
    )
    return Exercise(
        "07-1",
        f"A year's quality costs: prevention {money(prevention, 0)}, appraisal {money(appraisal, 0)}, "
        f"internal failure {money(internal_failure, 0)}, external failure {money(external_failure, 0)}. "
        f"Sales were {money(sales, 0)}. What share of sales goes on failures, in %?",
        answer,
        "percent",
        mistakes,
        solution,
        tolerance=0.02,
    )


def retention_value(
    annual_margin: float, retention_now: float, retention_new: float, discount_rate: float
) -> Exercise:
    """Extra value of one customer when retention rises (lab 7.2)."""
    now = quality.clv_margin_multiple(annual_margin, retention_now, discount_rate)
    new = quality.clv_margin_multiple(annual_margin, retention_new, discount_rate)
    answer = new - now
    mistakes = [
        Mistake(
            annual_margin * (retention_new - retention_now),
            "That is one year's extra margin only. A retained customer keeps paying in the years after: "
            "use the margin multiple r ÷ (1 + d − r).",
        ),
        Mistake(
            annual_margin * (1 / (1 - retention_new) - 1 / (1 - retention_now)),
            "That ignores the discount rate: money in later years is worth less today.",
        ),
        Mistake(new, "That is the new value of a customer; the question asks how much it rises."),
    ]
    solution = (
        f"<p>Value = margin × r ÷ (1 + d − r).</p><p>Today: {money(annual_margin, 0)} × "
        f"{retention_now:.2f} ÷ (1 + {discount_rate:.2f} − {retention_now:.2f}) = {money(now, 0)}.</p>"
        f"<p>After: {money(annual_margin, 0)} × {retention_new:.2f} ÷ (1 + {discount_rate:.2f} − "
        f"{retention_new:.2f}) = {money(new, 0)}.</p><p>Gain: {money(answer, 0)} per customer.</p>"
    )
    return Exercise(
        "07-2",
        f"A customer brings {money(annual_margin, 0)} of margin a year. Faster service lifts "
        f"retention from {pct(retention_now, 0)} to {pct(retention_new, 0)}; the discount rate is "
        f"{pct(discount_rate, 0)}. By how much does the customer's value rise (¥)?",
        answer,
        "money",
        mistakes,
        solution,
        tolerance=max(1.0, abs(answer) * 0.005),
    )
