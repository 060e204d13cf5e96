"""Chapter 11 charts: A/B results, sample sizes, the peeking trap, new-product break-even."""

from __future__ import annotations

import numpy as np

from . import CURRENCY, colors, figure, money_axis, percent_axis

__all__ = ["ab_chart", "new_product_chart", "peeking_chart", "sample_size_chart"]


def ab_chart(test, label_a: str = "A", label_b: str = "B", title: str | None = None):
    """The difference between the two rates with its confidence interval, against zero."""
    fig, ax = figure(6.0, 2.2)
    c = colors(4)
    colour = c[2] if test.ci_low > 0 or test.ci_high < 0 else c[3]
    ax.errorbar(
        [test.diff],
        [0],
        xerr=[[test.diff - test.ci_low], [test.ci_high - test.diff]],
        fmt="o",
        color=colour,
        capsize=6,
        markersize=8,
        linewidth=2,
    )
    ax.axvline(0, color="0.3", linestyle="--", linewidth=1)
    ax.set_yticks([])
    span = max(abs(test.ci_low), abs(test.ci_high)) * 1.3 or 0.01
    ax.set_xlim(-span, span)
    percent_axis(ax, "x", decimals=1)
    ax.set_xlabel(f"conversion rate {label_a} minus {label_b} (percentage points)")
    sure = test.ci_low > 0 or test.ci_high < 0
    ax.set_title(
        title
        or (
            f"{label_a if test.diff > 0 else label_b} converts better: the "
            f"{test.confidence:.0%} interval excludes zero"
            if sure
            else "Not proven: the interval still includes zero"
        )
    )
    return fig


def sample_size_chart(
    p_base: float, targets, sizes, chosen: float | None = None, title: str | None = None
):
    """Customers per group against the target rate."""
    fig, ax = figure(6.5, 3.2)
    c = colors(4)
    ax.plot(targets, sizes, color=c[0], linewidth=2)
    if chosen is not None:
        ax.axvline(chosen, color=c[3], linestyle="--")
    ax.set_yscale("log")
    # "1,000" rather than mathtext 10^3: plainer for the reader, and mathtext is the
    # slowest text to draw
    from matplotlib.ticker import FuncFormatter

    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    percent_axis(ax, "x", decimals=1)
    ax.set_xlabel(f"target conversion rate (base {p_base:.1%})")
    ax.set_ylabel("customers per group (log scale)")
    ax.set_title(title or "Halving the difference to detect quadruples the sample", fontsize=11)
    return fig


def peeking_chart(result, alpha: float = 0.05, title: str | None = None):
    """Cumulative share of no-difference tests declared 'significant' by each look."""
    fig, ax = figure(6.0, 3.2)
    c = colors(4)
    looks = np.arange(1, result.looks + 1)
    ax.plot(
        looks,
        result.by_look,
        color=c[3],
        marker="o",
        linewidth=2,
        label="stop at the first p < 5 %",
    )
    ax.axhline(alpha, color=c[2], linestyle="--", label=f"promised false alarms: {alpha:.0%}")
    percent_axis(ax, "y")
    ax.set_ylim(0, max(0.1, result.by_look.max() * 1.2))
    ax.set_xlabel("number of looks at the results")
    ax.set_ylabel("tests wrongly called a win")
    ax.legend(frameon=False, fontsize=9, loc="upper left")
    ax.set_title(
        title
        or f"Peeking {result.looks} times turns {alpha:.0%} false alarms into "
        f"{result.false_positive_peeking:.0%}"
    )
    return fig


def new_product_chart(result, fixed_costs: float, units_max: float, title: str | None = None):
    """Cumulative profit of a launch against units sold, with and without cannibalisation."""
    fig, ax = figure(6.2, 3.2)
    c = colors(4)
    u = np.linspace(0, units_max, 50)
    ax.plot(
        u,
        u * result.unit_contribution - fixed_costs,
        color=c[0],
        linestyle=":",
        label="ignoring cannibalisation",
    )
    ax.plot(
        u,
        u * result.net_contribution - fixed_costs,
        color=c[2],
        linewidth=2,
        label="net of the old product's lost margin",
    )
    ax.axhline(0, color="0.3", linewidth=0.8)
    ax.axvline(result.breakeven_units, color=c[3], linestyle="--")
    money_axis(ax)
    ax.set_xlabel("units of the new product sold")
    ax.set_ylabel(f"profit of the launch ({CURRENCY})")
    ax.legend(frameon=False, fontsize=9, loc="upper left")
    ax.set_title(
        title
        or f"Break-even at {result.breakeven_units:,.0f} units, not "
        f"{result.breakeven_units_ignoring_cannibalisation:,.0f}"
    )
    return fig
