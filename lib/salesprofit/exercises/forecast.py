"""Chapter 5 exercises (CRM): data completeness, the weighted pipeline, forecast error."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .. import crm, forecast
from ..fmt import money, num, pct
from ..funnel import STAGE_LABELS
from ..teach import Exercise, Mistake

__all__ = ["completeness", "mape", "weighted_pipeline"]


def completeness(records: int, fields: int, empty_cells: int) -> Exercise:
    """Share of filled cells in a customer table (lab 5.1)."""
    answer = crm.completeness_share(empty_cells, records * fields)
    mistakes = [
        Mistake(
            1 - empty_cells / records,
            "You divided by the number of records. Completeness counts cells: records × fields.",
        ),
        Mistake(
            empty_cells / (records * fields),
            "That is the share of empty cells; completeness is the filled share.",
        ),
    ]
    solution = (
        f"<p>Cells: {num(records)} records × {fields} fields = {num(records * fields)}.</p>"
        f"<p>Completeness = 1 − {num(empty_cells)} ÷ {num(records * fields)} = {pct(answer, 2)}.</p>"
    )
    return Exercise(
        "05-1",
        f"A customer table has {num(records)} records and {fields} fields, and {num(empty_cells)} "
        "cells are empty. What is its completeness, in %?",
        answer,
        "percent",
        mistakes,
        solution,
        tolerance=0.02,
    )


def weighted_pipeline(
    amounts: Sequence[float], probabilities: Sequence[float], stages: Sequence[str]
) -> Exercise:
    """Expected value of a few deals (lab 5.2)."""
    answer = forecast.weighted_pipeline(amounts, probabilities)
    a, p = np.asarray(amounts, float), np.asarray(probabilities, float)
    mistakes = [
        Mistake(
            a.sum(),
            "That is the whole pipeline, as if every deal will be won. Weight each deal by its "
            "win probability.",
        ),
        Mistake(
            a.sum() * p.mean(),
            "Averaging the probabilities ignores which deals are big: multiply each "
            "amount by its own probability, then add.",
        ),
        Mistake(
            a[p >= 0.5].sum(),
            "Counting only the 'likely' deals in full and the rest as zero is a guess, "
            "not an expected value.",
        ),
    ]
    labels = [STAGE_LABELS.get(s, s) for s in stages]
    rows = "".join(
        f"<li>{s}: {money(x, 0)} × {pct(q, 0)} = {money(x * q, 0)}</li>"
        for s, x, q in zip(labels, a, p)
    )
    solution = f"<ul>{rows}</ul><p>Sum: {money(answer, 0)}.</p>"
    deals = "; ".join(f"{money(x, 0)} at {s} ({pct(q, 0)})" for s, x, q in zip(labels, a, p))
    return Exercise(
        "05-2",
        f"Your open deals: {deals}. What is the weighted pipeline (¥)?",
        answer,
        "money",
        mistakes,
        solution,
        tolerance=max(1.0, answer * 0.002),
    )


def mape(actual: Sequence[float], forecasts: Sequence[float]) -> Exercise:
    """MAPE of a few forecasts (lab 5.2)."""
    y, f = np.asarray(actual, float), np.asarray(forecasts, float)
    answer = forecast.mape(y, f)
    mistakes = [
        Mistake(
            float(np.mean((f - y) / y)),
            "Errors of opposite sign cancel out that way: take the absolute "
            "value of each error first.",
        ),
        Mistake(
            float(np.mean(np.abs(y - f) / f)),
            "Divide each error by the actual value, not by the forecast.",
        ),
        Mistake(
            forecast.wape(y, f),
            "That is WAPE (total error ÷ total actual). MAPE averages each month's % error.",
        ),
    ]
    rows = "".join(
        f"<li>|{num(a)} − {num(b)}| ÷ {num(a)} = {pct(abs(a - b) / a, 1)}</li>"
        for a, b in zip(y, f)
    )
    solution = f"<ul>{rows}</ul><p>Average: {pct(answer, 2)}.</p>"
    pairs = "; ".join(f"actual {num(a)}, forecast {num(b)}" for a, b in zip(y, f))
    return Exercise(
        "05-3",
        f"Three months of gross profit (¥ thousand): {pairs}. What is the MAPE, in %?",
        answer,
        "percent",
        mistakes,
        solution,
    )
