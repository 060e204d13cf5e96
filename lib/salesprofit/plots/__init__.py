"""Figures in one house style.

Every chart: a colour-blind-safe palette (seaborn's ``colorblind``), labelled
axes with units, and a title that states the finding rather than the variable
("A 10 % discount needs 50 % more volume", not "Volume vs discount"). Functions
take the model's tables and return a matplotlib ``Figure``; :func:`to_png`
turns one into PNG bytes for a ``widgets.Image`` (and keeps the figure for the
chart's next redraw: see :func:`figure`).

Speed (a calculator redraws its chart on every change; budget 100 ms): a chart reuses
its figure (:func:`figure`, :func:`to_png`), texts are rasterised once
(:mod:`salesprofit.plots._agg`), many bars are one collection (:func:`bars`), numeric
axes carry at most 7 tick intervals, and the style is a plain rc dict (no seaborn).

matplotlib is imported lazily, so ``import salesprofit`` stays fast and the
model modules never depend on it; pyplot and seaborn are not used at all (see
:data:`HOUSE_RC`).
"""

from __future__ import annotations

import io
from collections import OrderedDict
from typing import TYPE_CHECKING

from .._lazy import submodule_getattr

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = [
    "CURRENCY",
    "PALETTE",
    "bar_chart",
    "bars",
    "colors",
    "discount_breakeven_chart",
    "dynamic_pricing_chart",
    "elasticity_chart",
    "figure",
    "money_axis",
    "percent_axis",
    "profit_curve_chart",
    "show",
    "to_png",
    "waterfall_chart",
]

PALETTE = "colorblind"
CURRENCY = "¥"


#: seaborn's "colorblind" palette (Okabe-Ito based), the house colours in order.
PALETTE_HEX = (
    "#0173b2",
    "#de8f05",
    "#029e73",
    "#d55e00",
    "#cc78bc",
    "#ca9161",
    "#fbafe4",
    "#949494",
    "#ece133",
    "#56b4e9",
)

#: The house style: what ``seaborn.set_theme(style="whitegrid", palette="colorblind",
#: context="notebook")`` sets (read from seaborn 0.13.2 and written out, so drawing a
#: chart does not import seaborn and scipy: about 1.5 s of every notebook's first chart),
#: plus the course's own title and label sizes. The figure background and subplot margins
#: are pinned too: the Jupyter inline backend changes them, and a chart must come out
#: the same in a notebook, a calculator and a test.
HOUSE_RC = {
    "axes.axisbelow": True,
    "axes.edgecolor": ".8",
    "axes.grid": True,
    "axes.labelcolor": ".15",
    "axes.labelsize": 10.0,
    "axes.linewidth": 1.25,
    "axes.titlesize": 12.0,
    "axes.titleweight": "bold",
    "figure.autolayout": False,
    "figure.dpi": 100.0,
    "figure.edgecolor": "white",
    "figure.facecolor": "white",
    "figure.subplot.bottom": 0.11,
    "figure.subplot.hspace": 0.2,
    "figure.subplot.left": 0.125,
    "figure.subplot.right": 0.9,
    "figure.subplot.top": 0.88,
    "figure.subplot.wspace": 0.2,
    "font.sans-serif": [
        "Arial",
        "DejaVu Sans",
        "Liberation Sans",
        "Bitstream Vera Sans",
        "sans-serif",
    ],
    "font.size": 12.0,
    "grid.color": ".8",
    "grid.linewidth": 1.0,
    "legend.fontsize": 11.0,
    "legend.title_fontsize": 12.0,
    "lines.solid_capstyle": "round",
    "patch.edgecolor": "w",
    "patch.force_edgecolor": True,
    "savefig.dpi": 100.0,
    "svg.hashsalt": "salesprofit",
    "text.color": ".15",
    "xtick.bottom": False,
    "xtick.color": ".15",
    "xtick.labelsize": 11.0,
    "xtick.major.size": 6.0,
    "xtick.major.width": 1.25,
    "xtick.minor.size": 4.0,
    "xtick.minor.width": 1.0,
    "ytick.color": ".15",
    "ytick.labelsize": 11.0,
    "ytick.left": False,
    "ytick.major.size": 6.0,
    "ytick.major.width": 1.25,
    "ytick.minor.size": 4.0,
    "ytick.minor.width": 1.0,
}


def _style() -> None:
    """Apply the house style (cheap; done before every chart, as a notebook may change rc)."""
    import matplotlib
    from cycler import cycler

    matplotlib.rcParams.update(HOUSE_RC)
    matplotlib.rcParams["axes.prop_cycle"] = cycler(color=colors(len(PALETTE_HEX)))


def colors(n: int = 6) -> list:
    """The house palette's first ``n`` colours (RGB tuples; the palette repeats after 10).

    >>> [tuple(round(v, 3) for v in c) for c in colors(11)[:2] + colors(11)[10:]]
    [(0.004, 0.451, 0.698), (0.871, 0.561, 0.02), (0.004, 0.451, 0.698)]
    """
    rgb = [tuple(int(h[i : i + 2], 16) / 255 for i in (1, 3, 5)) for h in PALETTE_HEX]
    return [rgb[i % len(rgb)] for i in range(n)]


#: Figures handed back by :func:`to_png`, one per chart and shape, for the next redraw.
#: Only the most recently used are kept: a figure is a few thousand Python objects, and
#: every figure kept makes each of the interpreter's full garbage collections longer.
_POOL: OrderedDict[tuple, Figure] = OrderedDict()
POOL_SIZE = 6


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
    _style()
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
    for extra in [a for a in fig.axes if a not in own]:
        # a twin (ax.twinx()) of one of the figure's axes: unlink and drop it, the chart
        # makes a new one; anything else beyond the axes starts the figure over below
        twinned = own[0]._twinned_axes
        if any(twinned.joined(extra, a) for a in own):
            twinned.remove(extra)
            fig.delaxes(extra)
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
        # something beyond the axes (a colorbar, a figure legend, a suptitle): start over
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
        _POOL.move_to_end(fig._sp_key)
        while len(_POOL) > POOL_SIZE:
            _POOL.popitem(last=False)
    else:  # a figure made with pyplot: let pyplot forget it
        import sys

        plt = sys.modules.get("matplotlib.pyplot")
        if plt is not None:
            plt.close(fig)
    return buffer.getvalue()


def bars(
    ax,
    positions,
    lengths,
    *,
    base=0.0,
    width: float = 0.8,
    color=None,
    label=None,
    horizontal: bool = False,
):
    """Bars drawn as one collection: what ``ax.bar``/``ax.barh`` draw, at a fraction of the cost.

    ``ax.bar`` makes one ``Rectangle`` per bar, and each one is added, measured and drawn
    on its own (a stacked chart of 10 reps x 5 KPIs spent most of its redraw there).
    ``positions``: bar centres (numbers; label the axis with ``set_xticks``/``set_yticks``);
    ``lengths``: bar values from ``base`` (a number or one per bar); ``color``: one colour
    or one per bar. The value axis sticks to the base, as with ``ax.bar``.

    >>> fig, ax = figure(4, 3)
    >>> coll = bars(ax, [0, 1, 2], [3.0, 1.0, 2.0], color=colors(1)[0], horizontal=True)
    >>> len(coll.get_paths()), float(ax.get_xlim()[0])
    (3, 0.0)
    >>> png = to_png(fig)
    """
    import numpy as np
    from matplotlib.collections import PolyCollection

    pos = np.asarray(positions, dtype=float)
    start = np.broadcast_to(np.asarray(base, dtype=float), pos.shape)
    end = start + np.asarray(lengths, dtype=float)
    lo, hi = pos - width / 2, pos + width / 2
    if horizontal:  # (value, position) corners
        verts = np.stack([np.c_[start, lo], np.c_[end, lo], np.c_[end, hi], np.c_[start, hi]], 1)
    else:
        verts = np.stack([np.c_[lo, start], np.c_[hi, start], np.c_[hi, end], np.c_[lo, end]], 1)
    coll = PolyCollection(verts, facecolors=color, edgecolors="white", label=label)
    ax.add_collection(coll, autolim=True)
    sticky = coll.sticky_edges.x if horizontal else coll.sticky_edges.y
    sticky.extend(np.unique(start).tolist())
    ax.autoscale_view()
    return coll


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
# built on the house style above and loaded on first use. Pricing's (chapter 3) were the
# first and are still reachable as ``plots.<name>``.
from .pricing import (  # noqa: E402
    discount_breakeven_chart,
    dynamic_pricing_chart,
    elasticity_chart,
    profit_curve_chart,
    waterfall_chart,
)

__getattr__ = submodule_getattr(__name__, globals())
