"""Chapter 1 charts: CLV against retention, the VIP-offer break-even, follow-up
priorities and one customer's history (house style from :mod:`salesprofit.plots`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import colors, figure, money_axis, percent_axis

__all__ = [
    "customer_history_chart",
    "holdout_chart",
    "priority_chart",
    "retention_curve_chart",
    "vip_chart",
]

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure


def _usd(ax, axis: str = "y") -> None:
    from matplotlib.ticker import FuncFormatter

    fmt = FuncFormatter(lambda v, _: f"${v:,.0f}")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def retention_curve_chart(
    curve: pd.DataFrame, retention: float, points: float, title: str | None = None
) -> Figure:
    """CLV against retention (``curve``: columns ``retention``, ``clv``), marking today and +points."""
    fig, ax = figure(6.5, 3.3)
    c = colors(4)
    ax.plot(curve["retention"], curve["clv"], color=c[0], linewidth=2, label="lifetime value")
    now = curve.loc[(curve["retention"] - retention).abs().idxmin()]
    up = curve.loc[(curve["retention"] - (retention + points)).abs().idxmin()]
    ax.scatter(
        [now["retention"]], [now["clv"]], color=c[3], zorder=3, label=f"today: {retention:.0%}"
    )
    ax.scatter(
        [up["retention"]],
        [up["clv"]],
        color=c[2],
        zorder=3,
        label=f"+{points * 100:.0f} points: {retention + points:.0%}",
    )
    percent_axis(ax, "x")
    money_axis(ax)
    ax.set_xlabel("retention (share of customers who stay each year)")
    ax.set_ylabel("lifetime value per customer (¥)")
    gain = up["clv"] / now["clv"] - 1 if now["clv"] > 0 else np.nan
    ax.set_title(
        title
        or (
            f"+{points * 100:.0f} points of retention add {gain:.0%} to the value"
            if not np.isnan(gain)
            else "Lifetime value climbs steeply as retention rises"
        )
    )
    ax.legend(frameon=False, fontsize=9, loc="upper left")
    return fig


def vip_chart(curve: pd.DataFrame, clv_without: float, retention: float, required: float) -> Figure:
    """CLV with the offer against retention (``curve``: ``retention``, ``clv_with_offer``), the
    value without it, and the break-even retention."""
    fig, ax = figure(6.5, 3.3)
    c = colors(4)
    ax.plot(
        curve["retention"],
        curve["clv_with_offer"],
        color=c[0],
        linewidth=2,
        label="value with the VIP offer",
    )
    ax.axhline(
        clv_without,
        color="0.35",
        linestyle="--",
        linewidth=1.2,
        label="value today, without the offer",
    )
    ax.axvline(retention, color=c[3], linestyle=":", label=f"retention today {retention:.1%}")
    ax.axvline(required, color=c[2], linestyle="-", label=f"break-even {required:.1%}")
    percent_axis(ax, "x", decimals=0)
    money_axis(ax)
    ax.set_xlabel("retention with the offer")
    ax.set_ylabel("lifetime value per customer (¥)")
    ax.set_title(
        f"Break-even: retention must reach {required:.1%} (+{(required - retention) * 100:.1f} pts)"
    )
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    return fig


def priority_chart(
    priorities: pd.DataFrame, top: pd.Index, horizon: float, title: str | None = None
) -> Figure:
    """P(alive) against expected purchases for every customer, the top of the list highlighted."""
    fig, ax = figure(6.5, 3.4)
    c = colors(4)
    rest = priorities.loc[~priorities.index.isin(top)]
    sel = priorities.loc[top]
    ax.scatter(
        rest["p_alive"],
        rest["expected_purchases"],
        s=6,
        color=c[0],
        alpha=0.35,
        label="other customers",
    )
    ax.scatter(
        sel["p_alive"], sel["expected_purchases"], s=22, color=c[3], label="on your call list"
    )
    percent_axis(ax, "x")
    ax.set_xlabel("probability the customer is still active")
    ax.set_ylabel(f"expected purchases, next {horizon:.0f} weeks")
    ax.set_title(title or f"Call list: the {len(top)} customers expected to buy most")
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    return fig


def customer_history_chart(
    purchases: pd.DataFrame, path: pd.DataFrame, calibration_end, customer: object
) -> Figure:
    """One customer's purchases (bars, USD) and P(alive) through time (line, right axis)."""
    fig, ax = figure(6.8, 3.3)
    c = colors(4)
    end = pd.Timestamp(calibration_end)
    before = purchases[purchases["date"] <= end]
    after = purchases[purchases["date"] > end]
    ax.bar(
        before["date"], before["amount"], width=4, color=c[0], label="purchases (model saw these)"
    )
    if len(after):
        ax.bar(
            after["date"], after["amount"], width=4, color=c[2], label="purchases after (the test)"
        )
    ax.axvline(end, color="0.3", linestyle="--", linewidth=1)
    _usd(ax)
    ax.set_ylabel("purchase value (USD)")
    right = ax.twinx()
    right.plot(path["date"], path["p_alive"], color=c[3], linewidth=1.8, label="P(still active)")
    right.set_ylim(0, 1.05)
    percent_axis(right)
    right.set_ylabel("P(still active)")
    right.grid(False)
    lines = ax.get_legend_handles_labels()
    more = right.get_legend_handles_labels()
    ax.legend(lines[0] + more[0], lines[1] + more[1], frameon=False, fontsize=8, loc="upper right")
    last = float(path["p_alive"].iloc[-1])
    ax.set_title(f"Customer {customer}: {last:.0%} likely still active after week 39")
    fig.autofmt_xdate()
    return fig


def holdout_chart(check: pd.DataFrame, horizon: float) -> Figure:
    """Expected against actual purchases in the holdout, by calibration repeat purchases."""
    fig, ax = figure(6.5, 3.2)
    c = colors(4)
    x = np.arange(len(check))
    ax.plot(x, check["actual"], color=c[0], marker="o", linewidth=2, label="actual")
    ax.plot(
        x,
        check["expected"],
        color=c[3],
        marker="s",
        linestyle="--",
        linewidth=2,
        label="BG/NBD forecast",
    )
    ax.set_xticks(x, list(check.index))
    ax.set_xlabel("repeat purchases in the first 39 weeks")
    ax.set_ylabel(f"purchases in the next {horizon:.0f} weeks\n(mean per customer)")
    ax.set_title("BG/NBD forecast against what customers did next")
    ax.legend(frameon=False, fontsize=9, loc="upper left")
    return fig
