"""Chapter 4 charts: the total inventory cost curve, cost to serve, meeting costs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import CURRENCY, colors, figure, money_axis

__all__ = [
    "cost_to_serve_chart",
    "inventory_cost_chart",
    "meeting_cost_chart",
    "policy_chart",
    "saving_chart",
]


def inventory_cost_chart(
    curve: pd.DataFrame,
    policies: pd.DataFrame | None = None,
    jit_curve: pd.DataFrame | None = None,
    title: str | None = None,
):
    """Ordering, holding and total cost against the order quantity (``costs.inventory_cost_curve``).

    ``policies`` (from ``costs.jit_vs_batch``) marks the batch, EOQ and JIT points;
    ``jit_curve`` adds the total cost with the JIT order cost.
    """
    fig, ax = figure(7.0, 3.6)
    c = colors(5)
    q = curve["order_quantity"]
    ax.plot(q, curve["ordering_cost"], color=c[0], linestyle=":", label="ordering cost")
    ax.plot(q, curve["holding_cost"], color=c[1], linestyle="--", label="holding cost")
    ax.plot(q, curve["total_cost"], color=c[3], linewidth=2.2, label="total cost")
    if jit_curve is not None:
        ax.plot(
            jit_curve["order_quantity"],
            jit_curve["total_cost"],
            color=c[2],
            linewidth=2,
            label="total cost with JIT orders",
        )
    if policies is not None:
        marks = {
            "batch": (c[4], "s", "today's batch"),
            "eoq": (c[3], "o", "EOQ"),
            "jit": (c[2], "D", "JIT"),
        }
        for name, row in policies.iterrows():
            colour, marker, label = marks[name]
            ax.scatter(
                [row["order_quantity"]],
                [row["total_cost"]],
                color=colour,
                marker=marker,
                s=55,
                zorder=5,
                label=f"{label}: {row['order_quantity']:,.0f} units, {CURRENCY}{row['total_cost']:,.0f}/yr",
            )
    money_axis(ax)
    top = float(curve["total_cost"].min()) * 3
    if policies is not None:
        top = max(top, float(policies["total_cost"].max()) * 1.15)
    ax.set_ylim(0, top)
    ax.set_xlabel("order quantity (units per order)")
    ax.set_ylabel(f"cost per year ({CURRENCY})")
    if title is None and policies is not None:
        saving = policies.loc["batch", "total_cost"] - policies.loc["eoq", "total_cost"]
        title = (
            f"Ordering the EOQ saves {CURRENCY}{saving:,.0f} a year on this product"
            if saving > 0.5
            else "Today's batch is already at the bottom of the curve"
        )
    ax.set_title(title or "Total cost is lowest where ordering and holding cost meet")
    ax.legend(frameon=False, fontsize=8, loc="upper right")
    return fig


def policy_chart(summary: pd.DataFrame, title: str | None = None):
    """Yearly inventory cost of each policy (``costs.policy_summary``)."""
    fig, ax = figure(6.5, 2.6)
    c = colors(4)
    labels = {"batch": "today's batches", "eoq": "EOQ", "jit": "JIT agreement"}
    ax.barh([labels[i] for i in summary.index], summary["annual_cost"], color=[c[3], c[0], c[2]])
    for i, v in enumerate(summary["annual_cost"]):
        ax.text(v, i, f" {CURRENCY}{v:,.0f}", va="center", fontsize=9)
    ax.invert_yaxis()
    money_axis(ax, "x")
    ax.set_xlim(0, summary["annual_cost"].max() * 1.3)
    ax.set_xlabel(f"ordering + holding cost per year ({CURRENCY})")
    ax.set_title(title or "Smaller, cheaper orders cut the cost of holding stock")
    return fig


def cost_to_serve_chart(row: pd.Series, name: str, components, labels: dict | None = None):
    """Waterfall from a customer's gross profit through each cost to serve to profit."""
    fig, ax = figure(7.2, 3.4)
    c = colors(4)
    labels = labels or {}
    steps = [("gross profit", float(row["gross_profit"]))] + [
        (labels.get(k, k), -float(row[k])) for k in components
    ]
    level = 0.0
    xs = []
    for i, (lab, v) in enumerate(steps):
        if i == 0:
            ax.bar(i, v, color=c[0])
        else:
            ax.bar(i, v, bottom=level, color=c[3])
        level += v
        xs.append(lab)
    profit = float(row["profit"])
    ax.bar(
        len(steps), profit, color=c[2] if profit >= 0 else c[3], hatch=None if profit >= 0 else "//"
    )
    xs.append("profit")
    ax.axhline(0, color="0.3", linewidth=0.8)
    ax.set_xticks(range(len(xs)), xs, rotation=20, ha="right")
    money_axis(ax)
    ax.set_ylabel(f"{CURRENCY} over two years")
    kept = profit / float(row["gross_profit"]) if row["gross_profit"] > 0 else np.nan
    if profit < 0:
        title = f"{name}: cost to serve turns gross profit into a loss"
    else:
        title = f"{name}: {kept:.0%} of the gross profit is left after cost to serve"
    ax.set_title(title)
    return fig


def meeting_cost_chart(table: pd.DataFrame, title: str | None = None):
    """Direct and time cost of one meeting by type (``costs.meeting_costs``)."""
    fig, ax = figure(6.5, 2.6)
    c = colors(4)
    t = table.sort_values("total_cost")
    ax.barh(t.index, t["direct_cost"], color=c[0], label="direct cost (travel, phone, licence)")
    ax.barh(
        t.index, t["time_cost"], left=t["direct_cost"], color=c[1], label="rep's time, incl. travel"
    )
    money_axis(ax, "x")
    ax.set_xlabel(f"cost per meeting ({CURRENCY})")
    ratio = (
        t.loc["visit", "total_cost"] / t.loc["video_meeting", "total_cost"]
        if {"visit", "video_meeting"} <= set(t.index)
        else None
    )
    ax.set_title(
        title
        or (
            f"A visit costs {ratio:.0f} times as much as a video meeting"
            if ratio
            else "Cost per meeting"
        )
    )
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    return fig


def saving_chart(result: dict, title: str | None = None):
    """Direct and time saving of replacing visits by video (``costs.travel_vs_video``)."""
    fig, ax = figure(6.0, 1.9)
    c = colors(4)
    ax.barh(["saving a year"], [result["direct_saving"]], color=c[0], label="travel and expenses")
    ax.barh(
        ["saving a year"],
        [result["time_saving"]],
        left=[result["direct_saving"]],
        color=c[1],
        label=f"{result['hours_freed']:,.0f} selling hours freed",
    )
    money_axis(ax, "x")
    ax.set_xlabel(f"{CURRENCY} a year")
    ax.set_title(
        title or f"Video instead of travel saves {CURRENCY}{result['total_saving']:,.0f} a year"
    )
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    return fig
