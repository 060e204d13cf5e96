"""Chapter 2 charts: the velocity levers and reps compared."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from . import CURRENCY, bars, colors, figure, money_axis, percent_axis

__all__ = ["discount_profit_chart", "lever_chart", "rep_ranking_chart", "what_if_chart"]


def lever_chart(
    gains: pd.DataFrame, improvement: float, per: str = "year", title: str | None = None
):
    """Extra money per period from the same improvement in each lever (``reps.lever_gains``)."""
    fig, ax = figure(7.0, 2.6)
    c = colors(4)
    t = gains.iloc[::-1]
    best = gains["lever"].iloc[0]
    ax.barh(
        t["label"],
        t["gain_per_period"],
        color=[c[2] if lev == best else c[0] for lev in t["lever"]],
    )
    for y, v in enumerate(t["gain_per_period"]):
        ax.text(v, y, f" +{CURRENCY}{v:,.0f}", va="center", fontsize=9)
    from matplotlib.ticker import MaxNLocator

    money_axis(ax, "x")
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
    ax.set_xlim(0, t["gain_per_period"].max() * 1.3)
    ax.set_xlabel(f"extra sales per {per} ({CURRENCY})")
    ax.set_title(
        title
        or f"A {improvement:.0%} {gains['label'].iloc[0]} pays most: "
        f"+{CURRENCY}{gains['gain_per_period'].iloc[0]:,.0f} a {per}"
    )
    return fig


def what_if_chart(
    before: float,
    effects: Mapping[str, float],
    after: float,
    per: str = "day",
    title: str | None = None,
):
    """Velocity today, what each lever change adds on its own, and velocity after all of them."""
    fig, ax = figure(7.0, 2.9)
    c = colors(4)
    names = ["today", *effects, "after"]
    vals = [before, *effects.values(), after]
    cols = [c[0]] + [c[2] if v >= 0 else c[3] for v in effects.values()] + [c[1]]
    ax.bar(range(len(names)), vals, color=cols)
    for x, v in enumerate(vals):
        label = (
            f"{CURRENCY}{v:,.0f}"
            if x in (0, len(vals) - 1)
            else f"{'+' if v >= 0 else '-'}{CURRENCY}{abs(v):,.0f}"
        )
        ax.text(x, max(v, 0), label, ha="center", va="bottom", fontsize=8)
    ax.axhline(0, color="0.3", linewidth=0.8)
    ax.set_xticks(range(len(names)), [n.replace(" ", "\n", 1) for n in names], fontsize=8)
    money_axis(ax)
    ax.set_ylabel(f"sales per {per} ({CURRENCY})")
    change = after / before - 1 if before > 0 else np.nan
    ax.set_title(
        title
        or (
            f"Together the changes move velocity {change:+.0%}"
            if np.isfinite(change)
            else "Sales velocity before and after"
        )
    )
    return fig


def rep_ranking_chart(
    values: pd.Series,
    label: str,
    flagged=(),
    percent: bool = False,
    money: bool = False,
    title: str | None = None,
):
    """Reps ranked on one metric, flagged reps in the warning colour."""
    v = values.dropna().sort_values(ascending=False)
    fig, ax = figure(7.0, 0.24 * len(v) + 1.1)
    c = colors(4)
    flagged = set(flagged)
    rows = range(len(v))
    bars(
        ax,
        rows,
        v.to_numpy(),
        color=[c[3] if r in flagged else c[0] for r in v.index],
        horizontal=True,
    )
    ax.set_yticks(rows, [str(r) for r in v.index])
    ax.invert_yaxis()
    ax.tick_params(axis="y", labelsize=8)
    if percent:
        percent_axis(ax, "x", decimals=0)
    if money:
        money_axis(ax, "x")
    ax.set_xlabel(label)
    if flagged:
        ax.plot([], [], "s", color=c[3], label="flagged: discounts far above peers")
        ax.legend(frameon=False, fontsize=8, loc="lower right")
    ax.set_title(title or f"Reps ranked by {label}")
    return fig


def discount_profit_chart(table: pd.DataFrame, title: str | None = None):
    """Excess discount over peers against gross margin, one dot per rep (``reps.rep_comparison``)."""
    fig, ax = figure(7.0, 3.8)
    c = colors(4)
    flag = table["flagged"].fillna(False).astype(bool)
    size = 30 + 120 * table["net_revenue"] / table["net_revenue"].max()
    ax.scatter(
        table.loc[~flag, "excess_discount"],
        table.loc[~flag, "gross_margin"],
        s=size[~flag],
        color=c[0],
        alpha=0.8,
        label="other reps",
    )
    ax.scatter(
        table.loc[flag, "excess_discount"],
        table.loc[flag, "gross_margin"],
        s=size[flag],
        color=c[3],
        label="flagged",
    )
    for rep, row in table.iterrows():
        ax.annotate(
            rep,
            (row["excess_discount"], row["gross_margin"]),
            fontsize=7,
            xytext=(3, 3),
            textcoords="offset points",
        )
    ax.axvline(0, color="0.5", linewidth=0.8, linestyle="--")
    percent_axis(ax, "x", decimals=0)
    percent_axis(ax, "y", decimals=0)
    ax.set_xlabel("discount above peers (percentage points of list, same customer tier)")
    ax.set_ylabel("gross margin")
    ax.set_title(title or "Reps who discount more than their peers keep less margin")
    ax.legend(frameon=False, fontsize=8)
    return fig
