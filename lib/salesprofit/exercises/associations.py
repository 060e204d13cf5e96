"""Chapter 10 exercises (data-driven decisions): the checklist score, confidence and lift."""

from __future__ import annotations

import pandas as pd

from .. import associations, crm
from ..fmt import num, pct
from ..teach import Exercise, Mistake

__all__ = ["checklist", "lift"]


def checklist(items: pd.DataFrame, weights=None) -> Exercise:
    """Weighted data-quality score of a small checklist (lab 10.1); ``weights`` replace the
    items' own weights when given (one per item)."""
    if weights is not None:
        items = items.reset_index(drop=True).assign(weight=[float(w) for w in weights])
    table, answer = crm.checklist_score(items)
    plain = float(table["share"].mean())
    mistakes = [
        Mistake(plain, "That is the plain average: each item counts by its weight."),
        Mistake(
            float((table["share"] * table["weight"]).sum()),
            "Divide by the total weight, so the score stays between 0 and 100 %.",
        ),
        Mistake(
            float(table["passed"].sum() / table["checked"].sum()),
            "Pooling all records lets the biggest table dominate; score each item, then weight.",
        ),
    ]
    rows = "".join(
        f"<li>{r.item}: {num(r.passed)} ÷ {num(r.checked)} = {pct(r.share, 1)}, weight {r.weight:g}</li>"
        for r in table.itertuples()
    )
    solution = f"<ul>{rows}</ul><p>Score = Σ(share × weight) ÷ Σ weight = {pct(answer, 2)}.</p>"
    q = "; ".join(
        f"“{r.item}”: {num(r.passed)} of {num(r.checked)} records pass, weight {r.weight:g}"
        for r in table.itertuples()
    )
    return Exercise(
        "10-1",
        f"A checklist: {q}. What is the data-quality score, in %?",
        answer,
        "percent",
        mistakes,
        solution,
    )


def lift(
    orders: int, with_a: int, with_b: int, with_both: int, a: str = "A", b: str = "B"
) -> Exercise:
    """Lift of a rule A -> B from order counts (lab 10.2).

    The answer is :func:`salesprofit.associations.lift`; the solution divides the rounded
    confidence and support it shows, and the check accepts that result too.
    """
    answer = associations.lift(orders, with_a, with_b, with_both)
    confidence = with_both / with_a
    support_b = with_b / orders
    shown = round(confidence, 3) / round(support_b, 4)
    mistakes = [
        Mistake(
            confidence,
            "That is the confidence. Lift compares it with how often B is bought anyway: "
            "confidence ÷ support of B.",
        ),
        Mistake(with_both / orders, "That is the support of the pair."),
        Mistake(
            associations.lift(orders, with_a, with_a, with_both),
            "Divide by the support of the product suggested (B), not of A.",
        ),
    ]
    solution = (
        f"<p>Confidence = {num(with_both)} ÷ {num(with_a)} = {pct(confidence, 1)}.</p>"
        f"<p>Support of {b} = {num(with_b)} ÷ {num(orders)} = {pct(support_b, 2)}.</p>"
        f"<p>Lift = {pct(confidence, 1)} ÷ {pct(support_b, 2)} = {shown:.2f}.</p>"
    )
    return Exercise(
        "10-2",
        f"Of {num(orders)} orders, {num(with_a)} contain {a}, {num(with_b)} contain {b} and "
        f"{num(with_both)} contain both. What is the lift of the rule {a} → {b}?",
        answer,
        "number",
        mistakes,
        solution,
        tolerance=max(0.05, abs(shown - answer) + 0.01),
    )
