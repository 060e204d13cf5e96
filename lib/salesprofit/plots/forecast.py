"""Chapter 5 charts: the weighted pipeline and the Holt-Winters forecast."""

from __future__ import annotations

import pandas as pd

from . import CURRENCY, colors, figure, money_axis

__all__ = ["forecast_chart", "pipeline_chart"]


def pipeline_chart(table: pd.DataFrame, title: str | None = None):
    """Amount and weighted amount per stage (``forecast.pipeline_by_stage``)."""
    fig, ax = figure(6.5, 2.8)
    c = colors(4)
    t = table.drop(index="total", errors="ignore")
    ax.barh(t.index, t["amount"], color="0.85", label="open amount")
    ax.barh(t.index, t["weighted"], color=c[0], label="expected (amount x win probability)")
    ax.invert_yaxis()
    money_axis(ax, "x")
    ax.set_xlabel(f"{CURRENCY}")
    total = table.loc["total"] if "total" in table.index else None
    share = (
        total["weighted"] / total["amount"] if total is not None and total["amount"] > 0 else None
    )
    ax.set_title(
        title
        or (
            f"Only {share:.0%} of the open pipeline is likely to close"
            if share is not None
            else "The weighted pipeline"
        )
    )
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    return fig


def forecast_chart(
    history: pd.Series,
    backtest: pd.DataFrame | None,
    future: pd.Series | None,
    title: str | None = None,
):
    """History, the backtest's forecasts and the forecast ahead."""
    fig, ax = figure(7.2, 3.4)
    c = colors(4)
    ax.plot(
        history.index, history.to_numpy(), color="0.25", marker="o", markersize=3, label="actual"
    )
    if backtest is not None and len(backtest):
        ax.plot(
            backtest["month"],
            backtest["forecast"],
            color=c[3],
            marker="s",
            markersize=4,
            linestyle="--",
            label="backtest: forecast made beforehand",
        )
    if future is not None and len(future):
        ax.plot(
            future.index,
            future.to_numpy(),
            color=c[0],
            marker="o",
            markersize=3,
            linewidth=2,
            label="forecast ahead",
        )
    from matplotlib.dates import DateFormatter, MonthLocator

    ax.xaxis.set_major_locator(MonthLocator(bymonth=[1, 4, 7, 10]))
    ax.xaxis.set_major_formatter(DateFormatter("%Y-%m"))
    ax.tick_params(axis="x", labelsize=8)
    money_axis(ax)
    ax.set_ylabel(f"gross profit per month ({CURRENCY})")
    ax.set_title(title or "Monthly gross profit and its forecast")
    ax.legend(frameon=False, fontsize=8, loc="upper left", ncol=3)
    low, high = ax.get_ylim()
    ax.set_ylim(low, high + (high - low) * 0.15)
    return fig
