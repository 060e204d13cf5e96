"""Chapter 10 calculator: the association explorer (cross-sell pairs and their margin)."""

from __future__ import annotations

import pandas as pd

from .. import associations, plots
from ..fmt import money, num, pct, table
from .base import Calculator, Result, percent_slider

__all__ = ["association_explorer", "compute_associations"]


def compute_associations(
    rules: pd.DataFrame,
    order_lines: pd.DataFrame,
    n_baskets: int,
    names: pd.Series | None,
    min_support: float,
    min_confidence: float,
    take_up: float,
    top: int = 10,
    chart: bool = True,
) -> Result:
    e = associations.explore(rules, order_lines, n_baskets, min_support, min_confidence, take_up)
    worth, total = e.table, e.total
    sentence = (
        f"<b>{num(len(worth))}</b> product pairs have support ≥ {pct(min_support, 2)} and confidence ≥ "
        f"{pct(min_confidence, 0)}. If {pct(take_up, 0)} of the prompts add the product, they are worth "
        f'<span class="sp-big">{money(total, 0)}</span> of gross profit.'
    )
    shown = worth.head(top).copy()
    if names is not None:
        shown["if the order has"] = shown["antecedent"].map(
            lambda p: f"{p} {names.get(p, '')}"[:40]
        )
        shown["suggest"] = shown["consequent"].map(lambda p: f"{p} {names.get(p, '')}"[:40])
    else:
        shown["if the order has"], shown["suggest"] = shown["antecedent"], shown["consequent"]
    html = sentence + table(
        shown[
            [
                "if the order has",
                "suggest",
                "support",
                "confidence",
                "lift",
                "missed_orders",
                "margin_per_line",
                "margin_at_stake",
            ]
        ],
        {
            "support": lambda v: pct(v, 2),
            "confidence": lambda v: pct(v, 0),
            "lift": lambda v: num(v, 1),
            "missed_orders": num,
            "margin_per_line": lambda v: money(v, 0),
            "margin_at_stake": lambda v: money(v, 0),
        },
    )
    png = plots.to_png(plots.associations.cross_sell_chart(worth)) if chart else None
    return Result(html, png, data={"rules": worth, "total": total})


def association_explorer(
    order_lines: pd.DataFrame,
    names: pd.Series | None = None,
    min_support: float = 0.002,
    min_confidence: float = 0.3,
    take_up: float = 0.1,
) -> Calculator:
    """Sliders for minimum support and confidence; the cross-sell pairs and their margin.

    The pairs are mined once when the explorer is built (every pair seen in 5+ orders).
    """
    baskets = associations.basket_matrix(order_lines)
    rules = associations.pair_rules(baskets, min_count=5)
    n = baskets.matrix.shape[0]
    inputs = {
        "min_support": percent_slider(
            "Minimum support (% of orders)", min_support, 0.0, 0.02, 0.05, 2
        ),
        "min_confidence": percent_slider("Minimum confidence (%)", min_confidence, 0.0, 1.0, 5, 0),
        "take_up": percent_slider("Prompts that add the product (%)", take_up, 0.0, 1.0, 5, 0),
    }
    return Calculator(
        "Association explorer: what sells with what",
        inputs,
        lambda **v: compute_associations(rules, order_lines, n, names, **v),
        percent={"min_support", "min_confidence", "take_up"},
        intro="Support: how common the pair is. Confidence: how often the second product "
        "comes with the first. Lift above 1: more often than chance.",
    )
