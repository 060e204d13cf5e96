"""Chapter 7 charts: cost of quality, returns by product, service speed and churn."""

from __future__ import annotations

import pandas as pd

from . import CURRENCY, colors, figure, money_axis, percent_axis

__all__ = ["churn_by_speed_chart", "cost_of_quality_chart", "returns_chart", "service_roi_chart"]


def cost_of_quality_chart(before: dict, after: dict | None = None, title: str | None = None):
    """Stacked cost of quality by category, today and after more prevention."""
    fig, ax = figure(6.8, 3.0)
    c = colors(4)
    cats = [
        ("prevention", "prevention", c[2]),
        ("appraisal", "appraisal", c[0]),
        ("internal_failure", "internal failure", c[1]),
        ("external_failure", "external failure", c[3]),
    ]
    rows = [("today", before)] + ([("with more prevention", after)] if after is not None else [])
    for y, (_label, r) in enumerate(rows):
        left = 0.0
        for key, name, colour in cats:
            ax.barh(y, r[key], left=left, color=colour, label=name if y == 0 else None)
            left += r[key]
        ax.text(left, y, f" {CURRENCY}{left:,.0f}", va="center", fontsize=9)
    ax.set_yticks(range(len(rows)), [r[0] for r in rows])
    ax.invert_yaxis()
    from matplotlib.ticker import MaxNLocator

    money_axis(ax, "x")
    ax.xaxis.set_major_locator(MaxNLocator(4))
    ax.set_xlim(0, max(r["total"] for _, r in rows) * 1.3)
    ax.set_xlabel(f"{CURRENCY} a year")
    share = before["nonconformance"] / before["total"] if before["total"] > 0 else 0
    ax.set_title(title or f"{share:.0%} of the cost of quality is paid for failures")
    fig.legend(frameon=False, fontsize=8, ncol=4, loc="outside lower center")
    return fig


def returns_chart(
    table: pd.DataFrame, names: pd.Series | None = None, top: int = 10, title: str | None = None
):
    """The products whose returns cost the most (``quality.returns_by_product``)."""
    t = table.head(top)
    labels = [f"{p} {names.get(p, '')[:28]}" if names is not None else p for p in t.index]
    fig, ax = figure(7.0, 0.32 * len(t) + 1.3)
    c = colors(4)
    ax.barh(labels, t["return_cost"], color=c[3])
    ax.invert_yaxis()
    money_axis(ax, "x")
    ax.set_xlabel(f"profit lost to returns over two years ({CURRENCY})")
    ax.tick_params(axis="y", labelsize=8)
    ax.set_title(
        title
        or f"{len(t)} products cause {t['return_cost'].sum() / table['return_cost'].sum():.0%} "
        "of the cost of returns"
    )
    return fig


def churn_by_speed_chart(table: pd.DataFrame, title: str | None = None):
    """Churn rate by service-speed third (``quality.service_speed_churn``)."""
    fig, ax = figure(6.0, 2.6)
    c = colors(4)
    ax.bar(table.index.astype(str), table["churn_rate"], color=[c[2], c[0], c[3]])
    for i, v in enumerate(table["churn_rate"]):
        ax.text(i, v, f"{v:.1%}", ha="center", va="bottom", fontsize=9)
    percent_axis(ax)
    ax.set_ylabel("customers lost the next year")
    ax.set_xlabel("customers by how fast their tickets were resolved")
    ax.set_title(title or "Customers with slow service leave more often")
    return fig


def service_roi_chart(result: dict, investment: float, title: str | None = None):
    """Customer value gained against the investment (``quality.service_investment``)."""
    fig, ax = figure(6.0, 1.9)
    c = colors(4)
    ax.barh(
        ["investment", "value gained"], [investment, result["value_gained"]], color=[c[3], c[2]]
    )
    money_axis(ax, "x")
    ax.invert_yaxis()
    ax.set_xlabel(f"{CURRENCY}")
    ax.set_title(
        title
        or (
            f"Faster service returns {result['roi']:.0%} on the investment"
            if result["roi"] >= 0
            else "At these numbers faster service does not pay for itself"
        )
    )
    return fig
