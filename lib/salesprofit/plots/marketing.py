"""Chapter 8 charts: channel economics, gains and the targeting profit curve."""

from __future__ import annotations

import pandas as pd

from . import CURRENCY, colors, figure, money_axis, percent_axis

__all__ = ["channel_chart", "gains_chart", "reallocation_chart", "targeting_chart"]


def channel_chart(
    table: pd.DataFrame,
    column: str = "ltv_to_cac",
    title: str | None = None,
    threshold: float | None = 3.0,
):
    """Horizontal bars of one channel metric (LTV/CAC by default) with a rule-of-thumb line."""
    t = table[column].dropna().sort_values(ascending=False)
    fig, ax = figure(6.5, 0.42 * len(t) + 1.3)
    c = colors(4)
    good = t >= (threshold if threshold is not None else -float("inf"))
    ax.barh(list(t.index.astype(str)), t.to_numpy(), color=[c[2] if g else c[3] for g in good])
    ax.invert_yaxis()
    label = {
        "ltv_to_cac": "lifetime margin per yuan of CAC",
        "roi": "return on spend",
        "payback_months": "months to pay back CAC",
    }.get(column, column)
    if column == "roi":
        percent_axis(ax, "x")
    if threshold is not None:
        ax.axvline(threshold, color="0.3", linestyle="--", linewidth=1)
    ax.set_xlabel(label)
    ax.set_title(title or f"{t.index[0]} returns the most: {t.iloc[0]:.1f} per yuan")
    return fig


def reallocation_chart(plan: pd.DataFrame, title: str | None = None):
    """Spend today and in the new plan per channel, with the plan's profit in the title."""
    p = plan.drop(index="total")
    fig, ax = figure(6.5, 3.2)
    c = colors(4)
    y = range(len(p))
    ax.barh([i - 0.2 for i in y], p["spend_now"], height=0.4, color="0.7", label="spend today")
    ax.barh([i + 0.2 for i in y], p["spend"], height=0.4, color=c[0], label="new plan")
    ax.set_yticks(list(y), list(p.index.astype(str)))
    ax.invert_yaxis()
    money_axis(ax, "x")
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(4))
    ax.set_xlabel(f"budget ({CURRENCY})")
    ax.legend(frameon=False, fontsize=9, loc="lower right")
    total = plan.loc["total"]
    ax.set_title(title or f"The plan earns {CURRENCY}{total['profit']:,.0f} after its spend")
    return fig


def gains_chart(gains: pd.DataFrame, title: str | None = None):
    """Cumulative share of responders against the share of the list contacted."""
    fig, ax = figure(5.6, 3.6)
    c = colors(4)
    x = [0.0, *gains["depth"].tolist()]
    y = [0.0, *gains["gains"].tolist()]
    ax.plot(
        x,
        y,
        color=c[0],
        marker="o",
        markersize=4,
        linewidth=2,
        label="contacts sorted by the model",
    )
    ax.plot([0, 1], [0, 1], color="0.5", linestyle="--", label="random order")
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    ax.set_xlabel("share of the list contacted (best first)")
    ax.set_ylabel("share of all responders reached")
    top = gains.iloc[max(0, round(len(gains) * 0.3) - 1)]
    ax.set_title(
        title
        or f"The top {top['depth']:.0%} of the list holds {top['gains']:.0%} of the responders"
    )
    ax.legend(frameon=False, fontsize=9, loc="lower right")
    return fig


def targeting_chart(curve: pd.DataFrame, best, title: str | None = None):
    """Campaign profit against the depth of the list contacted, marking the best depth."""
    fig, ax = figure(6.2, 3.4)
    c = colors(4)
    step = max(1, len(curve) // 400)
    cv = curve.iloc[::step]
    ax.plot(cv["depth"], cv["profit"], color=c[0], linewidth=2, label="profit of the campaign")
    ax.axvline(best.depth, color=c[2], label=f"best depth {best.depth:.0%}")
    ax.axhline(0, color="0.4", linewidth=0.8)
    percent_axis(ax, "x")
    money_axis(ax)
    ax.set_xlabel("share of the list contacted (best first)")
    ax.set_ylabel(f"profit ({CURRENCY})")
    ax.legend(frameon=False, fontsize=9)
    ax.set_title(
        title
        or f"Contact the top {best.depth:.0%}: {CURRENCY}{best.profit / 1e3:,.0f}k, "
        f"not {CURRENCY}{best.profit_all / 1e3:,.0f}k for all",
        fontsize=11,
    )
    return fig
