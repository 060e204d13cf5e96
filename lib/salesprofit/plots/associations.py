"""Chapter 10 charts: product associations."""

from __future__ import annotations

import pandas as pd

from . import CURRENCY, colors, figure, money_axis

__all__ = ["cross_sell_chart"]


def cross_sell_chart(rules: pd.DataFrame, top: int = 8, title: str | None = None):
    """The cross-sell prompts worth most (``associations.cross_sell``), with their lift."""
    t = rules.sort_values("margin_at_stake", ascending=False).head(top)
    fig, ax = figure(7.0, 0.34 * max(len(t), 1) + 1.3)
    c = colors(4)
    labels = [f"{a} → {b}" for a, b in zip(t["antecedent"], t["consequent"])]
    ax.barh(labels, t["margin_at_stake"], color=c[0])
    for i, (v, lift) in enumerate(zip(t["margin_at_stake"], t["lift"])):
        ax.text(v, i, f"  lift {lift:.1f}", va="center", fontsize=8)
    ax.invert_yaxis()
    money_axis(ax, "x")
    if len(t):
        ax.set_xlim(0, t["margin_at_stake"].max() * 1.35)
    ax.set_xlabel(f"extra gross profit from prompting the pair ({CURRENCY})")
    ax.set_title(
        title
        or (
            "No pair passes these thresholds"
            if t.empty
            else f"Prompting the top pair is worth {CURRENCY}{t['margin_at_stake'].iloc[0]:,.0f}"
        )
    )
    return fig
