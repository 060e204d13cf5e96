"""Chapter 16 charts: the profit bridge, sales vs profit growth, profit contribution."""

from __future__ import annotations

import pandas as pd

from . import CURRENCY, colors, figure, money_axis, percent_axis

__all__ = ["bridge_chart", "contribution_chart", "dashboard_chart", "growth_chart"]

LABELS = {
    "base": "profit {0}",
    "price": "price",
    "volume": "volume",
    "mix": "mix",
    "cost": "unit cost",
    "new": "new products",
    "lost": "lost products",
    "current": "profit {1}",
}


def bridge_chart(
    bridge,
    base_label: str = "base",
    current_label: str = "current",
    title: str | None = None,
    millions: bool = True,
):
    """Waterfall from the base period's profit to the current one, one bar per effect."""
    steps = bridge.steps()
    fig, ax = figure(7.2, 3.6)
    c = colors(4)
    k = 1e6 if millions else 1.0
    names = [LABELS[s].format(base_label, current_label) for s in steps["step"]]
    for i, r in steps.reset_index(drop=True).iterrows():
        if r["step"] in ("base", "current"):
            ax.bar(i, r["amount"] / k, color=c[0])
            ax.text(
                i, r["amount"] / k, f"{r['amount'] / k:,.2f}", ha="center", va="bottom", fontsize=8
            )
        else:
            colour = c[2] if r["amount"] >= 0 else c[3]
            ax.bar(i, (r["end"] - r["start"]) / k, bottom=r["start"] / k, color=colour)
            ax.text(
                i,
                max(r["start"], r["end"]) / k,
                f"{r['amount'] / k:+,.2f}",
                ha="center",
                va="bottom",
                fontsize=8,
            )
    ax.set_xticks(range(len(names)), names, rotation=20, ha="right")
    low = min(steps["start"].iloc[1:-1].min(), steps["end"].min()) / k
    high = max(steps["end"].max(), steps["amount"].iloc[0]) / k
    ax.set_ylim(low - (high - low) * 0.6, high + (high - low) * 0.25)
    ax.set_ylabel(f"gross profit ({'million ' if millions else ''}{CURRENCY})")
    drivers = bridge.effects()
    main = drivers.abs().idxmax()
    ax.set_title(
        title
        or f"Profit {'rose' if bridge.change >= 0 else 'fell'} "
        f"{CURRENCY}{abs(bridge.change) / k:,.2f}{'m' if millions else ''}; "
        f"the biggest driver was {LABELS[main].format('', '')}"
    )
    return fig


def growth_chart(growth: pd.DataFrame, title: str | None = None):
    """Revenue growth and profit growth side by side for each group (from ``variance.growth_table``)."""
    g = growth.dropna(subset=["revenue_growth"])
    labels = [str(i[0]) if isinstance(i, tuple) else str(i) for i in g.index]
    fig, ax = figure(6.8, 0.4 * len(g) + 1.4)
    c = colors(4)
    y = range(len(g))
    ax.barh([i - 0.2 for i in y], g["revenue_growth"], height=0.4, color=c[0], label="sales growth")
    ax.barh([i + 0.2 for i in y], g["profit_growth"], height=0.4, color=c[2], label="profit growth")
    ax.set_yticks(list(y), labels)
    ax.invert_yaxis()
    ax.axvline(0, color="0.3", linewidth=0.8)
    percent_axis(ax, "x")
    ax.set_xlabel("growth on the previous period")
    ax.legend(frameon=False, fontsize=9)
    worse = int((g["profit_growth"] < g["revenue_growth"]).sum())
    ax.set_title(title or f"In {worse} of {len(g)} groups profit grew slower than sales")
    return fig


def contribution_chart(profit: pd.Series, title: str | None = None, xlabel: str = "gross profit"):
    """Horizontal bars of profit contribution, losses highlighted."""
    p = profit.sort_values(ascending=False)
    fig, ax = figure(6.5, 0.32 * len(p) + 1.2)
    c = colors(4)
    ax.barh(list(p.index.astype(str)), p.to_numpy(), color=[c[2] if v >= 0 else c[3] for v in p])
    ax.invert_yaxis()
    money_axis(ax, "x")
    ax.set_xlabel(f"{xlabel} ({CURRENCY})")
    ax.set_title(title or f"{p.index[0]} contributes the most profit")
    return fig


def dashboard_chart(
    bridge, categories: pd.DataFrame, satisfaction: pd.DataFrame, base: str, current: str
):
    """Four small panels: the bridge, sales vs profit growth by category, NPS and CSAT by year."""
    fig, axes = figure(10.5, 3.3, 1, 3, width_ratios=[1.4, 1.2, 0.8])
    c = colors(4)
    ax = axes[0]
    steps = bridge.steps()
    for i, r in steps.reset_index(drop=True).iterrows():
        if r["step"] in ("base", "current"):
            ax.bar(i, r["amount"] / 1e6, color=c[0])
        else:
            ax.bar(
                i,
                (r["end"] - r["start"]) / 1e6,
                bottom=r["start"] / 1e6,
                color=c[2] if r["amount"] >= 0 else c[3],
            )
    names = [LABELS[s].format(base, current) for s in steps["step"]]
    ax.set_xticks(range(len(names)), names, rotation=35, ha="right", fontsize=8)
    low = min(steps["start"].iloc[1:-1].min(), steps["end"].min()) / 1e6
    high = max(steps["end"].max(), steps["amount"].iloc[0]) / 1e6
    ax.set_ylim(low - (high - low) * 0.6, high + (high - low) * 0.2)
    ax.set_ylabel(f"gross profit (million {CURRENCY})")
    ax.set_title("Profit bridge", fontsize=10)
    ax = axes[1]
    g = categories.sort_values("profit_growth")
    y = range(len(g))
    ax.barh([i - 0.2 for i in y], g["revenue_growth"], height=0.4, color=c[0], label="sales")
    ax.barh([i + 0.2 for i in y], g["profit_growth"], height=0.4, color=c[2], label="profit")
    ax.set_yticks(list(y), [str(i) for i in g.index], fontsize=8)
    ax.axvline(0, color="0.3", linewidth=0.8)
    percent_axis(ax, "x")
    ax.legend(frameon=False, fontsize=8)
    ax.set_title(f"Growth by category, {current}", fontsize=10)
    ax = axes[2]
    ax.bar(satisfaction.index.astype(str), satisfaction["nps"], color=c[0])
    ax.set_ylabel("net promoter score")
    ax.set_title("Satisfaction (NPS)", fontsize=10)
    fig.suptitle(
        f"Profit {'up' if bridge.change >= 0 else 'down'} {CURRENCY}{abs(bridge.change) / 1e6:,.2f}m "
        f"in {current}",
        fontweight="bold",
    )
    return fig
