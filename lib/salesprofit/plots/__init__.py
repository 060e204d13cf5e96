"""Figures in one house style.

Every chart: a colour-blind-safe palette (seaborn's ``colorblind``), labelled
axes with units, and a title that states the finding rather than the variable
("A 10 % discount needs 50 % more volume", not "Volume vs discount"). Functions
take the model's tables and return a matplotlib ``Figure``; :func:`to_png`
turns one into PNG bytes for a ``widgets.Image`` (and closes it).

matplotlib and seaborn are imported lazily, so ``import salesprofit`` stays
fast and the model modules never depend on them.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._lazy import submodule_getattr

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

PALETTE = "colorblind"
CURRENCY = "¥"


def _plt():
    import matplotlib

    if matplotlib.get_backend().lower() not in {"agg", "module://matplotlib_inline.backend_inline"}:
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import seaborn as sns

    sns.set_theme(
        style="whitegrid",
        palette=PALETTE,
        context="notebook",
        rc={
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "axes.titleweight": "bold",
            "axes.titlesize": 12,
            "axes.labelsize": 10,
            "svg.hashsalt": "salesprofit",
            "figure.autolayout": False,
        },
    )
    return plt, sns


def colors(n: int = 6) -> list:
    """The house palette's first ``n`` colours."""
    _, sns = _plt()
    return sns.color_palette(PALETTE, n)


#: Figures handed back by :func:`to_png`, one per chart and shape, for the next redraw.
_POOL: dict[tuple, Figure] = {}


def figure(
    width: float = 7.0,
    height: float = 3.6,
    nrows: int = 1,
    ncols: int = 1,
    layout: str | None = "tight",
    **subplots,
):
    """A figure and its axes in the house style (``nrows``/``ncols``/``subplots`` as in
    ``Figure.subplots``: ``sharex``, ``height_ratios`` ...).

    ``layout="tight"``: :func:`to_png` fits the margins to the labels (constrained
    layout when there is a figure legend or a suptitle); ``None``: the chart sets them
    itself with ``fig.subplots_adjust`` (cheaper: no layout pass).

    Speed (a calculator redraws its chart on every change; budget 100 ms): the figure is
    not a new one each time. :func:`to_png` hands the figure back, and the next call of
    the same chart with the same shape gets it again with its axes cleared, which keeps
    the Agg canvas and its cache of text sizes and saves building a figure and axes. A
    figure the caller keeps (never passed to :func:`to_png`) is never reused.

    >>> def chart(y):
    ...     fig, ax = figure(4, 3)
    ...     ax.plot([0, 1], [0, y])
    ...     return fig
    >>> first = chart(1)
    >>> png = to_png(first)
    >>> again = chart(2)
    >>> again is first and len(again.axes[0].lines)
    1
    """
    _plt()
    import sys

    # the chart calling figure() (its code object) and the shape name the figure it reuses
    key = (
        sys._getframe(1).f_code,
        width,
        height,
        nrows,
        ncols,
        layout,
        repr(sorted(subplots.items())),
    )
    fig = _POOL.pop(key, None)
    if fig is None:
        from matplotlib.figure import Figure

        from ._agg import Canvas

        fig = Figure(figsize=(width, height), dpi=100)
        Canvas(fig)
        fig._sp_key = key
        fig._sp_shape = (nrows, ncols, subplots)
        fig._sp_layout = layout
        fig._sp_axes = fig.subplots(nrows, ncols, **subplots)
        _fewer_ticks(fig)
    else:
        _reset(fig)
    return fig, fig._sp_axes


#: At most this many intervals between the numeric ticks of an axis (matplotlib's "auto"
#: gives up to 14 on a 7-inch axis): a calmer grid, and fewer tick labels to lay out and
#: draw on every redraw.
TICKS_X, TICKS_Y = 7, 6


def _fewer_ticks(fig: Figure) -> None:
    for ax in fig.axes:
        # the default locator itself, so category and date axes still replace it
        ax.xaxis.get_major_locator().set_params(nbins=TICKS_X)
        ax.yaxis.get_major_locator().set_params(nbins=TICKS_Y)


def _reset(fig: Figure) -> None:
    """Clear a figure back from :func:`to_png` to the state a new one would be in."""
    import matplotlib
    import numpy as np

    # tight_layout starts from the axes' current place: put them back where a new figure has
    # them, so the layout (and the PNG) does not depend on the previous redraw
    fig.subplots_adjust(
        **{k: matplotlib.rcParams[f"figure.subplot.{k}"] for k in fig.subplotpars.__dict__}
    )
    own = list(np.ravel(fig._sp_axes))
    if (
        fig.axes != own
        or fig.legends
        or fig.texts
        or fig.images
        or fig.lines
        or fig.patches
        or fig.subfigs
        or getattr(fig, "_suptitle", None) is not None
        or getattr(fig, "_supxlabel", None) is not None
        or getattr(fig, "_supylabel", None) is not None
    ):
        # something beyond the axes (a twin axes, a colorbar, a figure legend): start over
        nrows, ncols, subplots = fig._sp_shape
        fig.clear()
        fig._sp_axes = fig.subplots(nrows, ncols, **subplots)
        _fewer_ticks(fig)
        return
    for ax in own:
        ax.clear()
        # not reset by clear()
        ax.set_aspect("auto")
        ax.set_adjustable("box")
        ax.set_anchor("C")
        ax.set_box_aspect(None)
    _fewer_ticks(fig)


#: Padding of the one-pass layout in ``to_png``, in font sizes: 0.3 x 10 pt is about the
#: 3/72 inch that constrained layout leaves, so the figure looks the same.
_PAD = 0.3


def _figure_level(fig: Figure) -> bool:
    """Whether ``fig`` has something at figure level that only constrained layout places."""
    return bool(
        fig.legends
        or fig.texts
        or fig.subfigs
        or getattr(fig, "_suptitle", None) is not None
        or getattr(fig, "_supxlabel", None) is not None
        or getattr(fig, "_supylabel", None) is not None
    )


def to_png(fig: Figure) -> bytes:
    """PNG bytes of ``fig`` (no metadata, so the same figure gives the same bytes).

    The figure is then closed, or, when it came from :func:`figure`, kept for the
    chart's next redraw (do not use it after this call).

    Speed (budget 100 ms a redraw): constrained layout measures every label twice
    before the figure is drawn, which took about half of a redraw, and PNG
    compression at zlib's default level another fifth. A figure with nothing at figure
    level (no figure legend, suptitle or figure text, which need constrained layout to
    be placed) is laid out in one ``tight_layout`` pass with the same padding instead,
    and the PNG is written with fast compression (same pixels, a somewhat larger file).
    """
    plt, _ = _plt()
    engine = fig.get_layout_engine()
    pooled = getattr(fig, "_sp_key", None) is not None
    constrained = engine is not None and type(engine).__name__ == "ConstrainedLayoutEngine"
    if pooled and getattr(fig, "_sp_layout", "tight") is None:
        pass  # the chart set its margins itself
    elif (pooled or constrained) and _figure_level(fig):
        if not constrained:
            fig.set_layout_engine("constrained")
    elif pooled or constrained:
        fig.set_layout_engine(None)
        fig.tight_layout(pad=_PAD)
        # set_layout_engine(None) leaves a placeholder engine, which makes savefig draw the
        # figure once more only to lay it out; the layout is done
        fig._layout_engine = None
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None}, pil_kwargs={"compress_level": 1})
    if pooled:
        fig.set_layout_engine(None)
        fig._layout_engine = None
        _POOL[fig._sp_key] = fig
    else:
        plt.close(fig)
    return buffer.getvalue()


def percent_axis(ax, axis: str = "y", decimals: int = 0) -> None:
    """Show an axis of fractions as percentages."""
    from matplotlib.ticker import PercentFormatter

    fmt = PercentFormatter(xmax=1.0, decimals=decimals)
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def money_axis(ax, axis: str = "y") -> None:
    """Show an axis in money with thousands separators."""
    from matplotlib.ticker import FuncFormatter

    fmt = FuncFormatter(lambda v, _: f"{CURRENCY}{v:,.0f}")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


# ---------------------------------------------------------------------------
# Chapter 3: pricing


def discount_breakeven_chart(
    table: pd.DataFrame, margin: float, chosen: float | None = None
) -> Figure:
    """Extra volume each discount needs (from ``pricing.discount_breakeven_table``)."""
    fig, ax = figure()
    ok = table[table["feasible"]]
    c = colors(4)
    ax.bar(
        ok["discount"], ok["volume_needed"], width=0.008, color=c[0], label="extra volume needed"
    )
    if chosen is not None and (ok["discount"] - chosen).abs().min() < 1e-9:
        row = ok.loc[(ok["discount"] - chosen).abs().idxmin()]
        ax.bar(
            [row["discount"]],
            [row["volume_needed"]],
            width=0.008,
            color=c[3],
            label=f"your discount: +{row['volume_needed']:.0%} volume",
        )
    lost = table[~table["feasible"]]
    if len(lost):
        ax.axvspan(
            lost["discount"].min() - 0.005,
            table["discount"].max() + 0.005,
            color="0.9",
            label="price below unit cost: no volume can pay",
        )
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    ax.set_xlabel("discount off the current price")
    ax.set_ylabel("extra units needed to keep profit")
    title = f"At a {margin:.0%} margin, every point of discount costs more volume"
    if chosen is not None and len(ok) and (ok["discount"] - chosen).abs().min() < 1e-9:
        need = ok.loc[(ok["discount"] - chosen).abs().idxmin(), "volume_needed"]
        title = f"A {chosen:.0%} discount at a {margin:.0%} margin needs {need:.0%} more volume"
    ax.set_title(title)
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    return fig


def waterfall_chart(table: pd.DataFrame, title: str | None = None) -> Figure:
    """Bars from list price to pocket price (from ``pricing.price_waterfall``)."""
    fig, ax = figure(7.5, 3.8)
    c = colors(4)
    rows = table[~table["step"].isin(["Unit cost", "Pocket margin"])].reset_index(drop=True)
    n = len(rows)
    for i, r in rows.iterrows():
        if i == 0 or i == n - 1:
            ax.bar(i, r["price"], color=c[0] if i == 0 else c[2])
            ax.text(
                i, r["price"], f"{CURRENCY}{r['price']:,.2f}", ha="center", va="bottom", fontsize=9
            )
        else:
            ax.bar(i, -r["amount"], bottom=r["price"], color=c[3])
            ax.text(
                i,
                r["price"] - r["amount"],
                f"-{-r['amount']:,.2f}",
                ha="center",
                va="bottom",
                fontsize=9,
            )
    if "Unit cost" in set(table["step"]):
        cost = -float(table.loc[table["step"] == "Unit cost", "amount"].iloc[0])
        ax.axhline(cost, color="0.3", linestyle="--", linewidth=1)
        ax.text(
            n - 0.5, cost, f"unit cost {CURRENCY}{cost:,.2f}", ha="right", va="bottom", fontsize=9
        )
    ax.set_xticks(range(n), rows["step"], rotation=15, ha="right")
    money_axis(ax)
    ax.set_ylabel(f"price per unit ({CURRENCY})")
    lost = 1 - rows["share_of_list"].iloc[-1]
    ax.set_title(title or f"{lost:.1%} of the list price leaks away before it reaches the pocket")
    return fig


def profit_curve_chart(
    curve: pd.DataFrame, current_price: float, best_price: float | None, title: str | None = None
) -> Figure:
    """Contribution against price, marking the current and the best price."""
    fig, ax = figure()
    c = colors(4)
    ax.plot(curve["price"], curve["contribution"], color=c[0], linewidth=2, label="contribution")
    ax.axvline(
        current_price,
        color=c[3],
        linestyle="--",
        label=f"current price {CURRENCY}{current_price:,.2f}",
    )
    if best_price is not None:
        ax.axvline(
            best_price, color=c[2], linestyle="-", label=f"best price {CURRENCY}{best_price:,.2f}"
        )
    money_axis(ax, "x")
    money_axis(ax, "y")
    ax.set_xlabel(f"price per unit ({CURRENCY})")
    ax.set_ylabel(f"contribution ({CURRENCY})")
    ax.set_title(title or "Profit rises, peaks and falls as the price goes up")
    ax.legend(frameon=False, fontsize=9)
    return fig


def elasticity_chart(points: pd.DataFrame, fits: pd.DataFrame, title: str | None = None) -> Figure:
    """Mean units per quote at each price level by segment, with the fitted curves.

    ``points``: columns ``segment``, ``price_index``, ``units``; ``fits``:
    index segment, columns ``elasticity`` and ``scale``.
    """
    fig, ax = figure(7.5, 4.0)
    segments = list(fits.index)
    c = colors(len(segments))
    grid = np.linspace(points["price_index"].min(), points["price_index"].max(), 50)
    for colour, seg in zip(c, segments):
        pts = points[points["segment"] == seg]
        ax.scatter(pts["price_index"], pts["units"], color=colour, s=30)
        e, scale = fits.loc[seg, "elasticity"], fits.loc[seg, "scale"]
        ax.plot(grid, scale * grid**e, color=colour, label=f"{seg}: elasticity {e:.2f}")
    percent_axis(ax, "x")
    ax.set_xlabel("offered price as % of list price")
    ax.set_ylabel("units bought per quote")
    ax.set_title(title or "Some segments react to price much more than others")
    ax.legend(frameon=False, fontsize=8, ncol=2)
    return fig


def dynamic_pricing_chart(
    simulation: pd.DataFrame, capacity: float, title: str | None = None
) -> Figure:
    """Units sold per period and the dynamic price, against capacity."""
    fig, (top, bottom) = figure(7.5, 4.6, 2, 1, sharex=True, height_ratios=[2, 1])
    c = colors(4)
    x = simulation["period"]
    top.plot(
        x, simulation["fixed_wanted"], color=c[0], linestyle=":", label="wanted at the fixed price"
    )
    top.plot(x, simulation["fixed_sold"], color=c[0], label="sold, fixed price")
    top.plot(x, simulation["dynamic_sold"], color=c[2], label="sold, dynamic price")
    top.axhline(capacity, color="0.4", linestyle="--", linewidth=1, label="capacity")
    top.set_ylabel("units")
    top.legend(frameon=False, fontsize=8, ncol=2)
    bottom.plot(x, simulation["dynamic_price"], color=c[2], marker="o", markersize=3)
    bottom.plot(x, simulation["fixed_price"], color=c[0])
    money_axis(bottom)
    bottom.set_ylabel(f"price ({CURRENCY})")
    bottom.set_xlabel("period")
    gain = simulation["dynamic_contribution"].sum() - simulation["fixed_contribution"].sum()
    top.set_title(
        title
        or (
            f"Pricing with demand adds {CURRENCY}{gain:,.0f} of contribution over the season"
            if gain >= 0
            else f"Here dynamic pricing loses {CURRENCY}{-gain:,.0f} of contribution"
        )
    )
    return fig


def bar_chart(
    labels, values, xlabel: str, title: str, percent: bool = False, highlight=None
) -> Figure:
    """Horizontal bars in the house style, optionally highlighting some labels."""
    fig, ax = figure(7.0, 0.35 * len(labels) + 1.2)
    c = colors(4)
    highlight = set(highlight or [])
    ax.barh(
        list(map(str, labels)), values, color=[c[3] if lab in highlight else c[0] for lab in labels]
    )
    ax.invert_yaxis()
    if percent:
        percent_axis(ax, "x", decimals=1)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    return fig


def show(fig: Figure):
    """Display ``fig`` once in a notebook as PNG (closes it).

    Returns an ``IPython.display.Image``: its PNG is not compared by nbval, its
    text form is stable, and the static book shows the picture.
    """
    from IPython.display import Image

    return Image(data=to_png(fig), format="png")


# Chapter-specific charts live in submodules (``plots.clv``, ``plots.incentives`` ...),
# built on the house style above and loaded on first use.
__getattr__ = submodule_getattr(__name__, globals())
