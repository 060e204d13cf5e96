"""Charts: a PNG comes out, the same input gives the same bytes, and a reused figure
starts clean (no artist, twin axes or layout left over from the previous redraw)."""

from __future__ import annotations

import pandas as pd
import pytest

from salesprofit import plots, pricing
from salesprofit.plots import clv as clv_plots

PNG = b"\x89PNG\r\n\x1a\n"


def breakeven_png(margin: float, discount: float) -> bytes:
    table = pricing.discount_breakeven_table(margin, [i / 100 for i in range(1, 31)])
    return plots.to_png(plots.discount_breakeven_chart(table, margin, discount))


def history_png(weeks: int) -> bytes:
    dates = pd.date_range("1997-01-01", periods=weeks, freq="W")
    purchases = pd.DataFrame({"date": dates[::3], "amount": 20.0})
    path = pd.DataFrame({"date": dates, "p_alive": 0.9})
    return plots.to_png(clv_plots.customer_history_chart(purchases, path, dates[weeks // 2], "C1"))


def test_png_is_a_png_without_metadata():
    png = breakeven_png(0.30, 0.10)
    assert png.startswith(PNG)
    # no tEXt chunk (matplotlib writes "Software: matplotlib version ..." by default)
    assert b"tEXt" not in png and b"matplotlib" not in png


@pytest.mark.parametrize("render", [breakeven_png, history_png])
def test_same_input_same_bytes_whatever_was_drawn_before(render):
    args = {breakeven_png: [(0.30, 0.10), (0.55, 0.02)], history_png: [(20,), (52,)]}[render]
    first = render(*args[0])
    other = render(*args[1])  # reuses the figure of the first call
    assert other != first
    assert render(*args[0]) == first  # reuses it again: same bytes
    plots._POOL.clear()
    assert render(*args[0]) == first  # a new figure: same bytes


def test_a_reused_figure_starts_clean():
    def chart(n):
        fig, ax = plots.figure(4.0, 3.0)
        ax.plot(range(n), range(n), label="line")
        ax.legend()
        if n > 2:
            ax.twinx().plot([0, 1], [1, 0])
        return fig

    first = chart(3)
    assert len(first.axes) == 2
    plots.to_png(first)
    again = chart(2)
    assert again is first  # the same Figure, reused
    assert len(again.axes) == 1  # the twin axes of the previous redraw is gone
    ax = again.axes[0]
    assert len(ax.lines) == 1 and list(ax.lines[0].get_xdata()) == [0, 1]


def test_a_figure_kept_by_the_caller_is_not_reused():
    def chart():
        fig, _ = plots.figure(4.5, 3.0)
        return fig

    kept = chart()
    assert chart() is not kept  # not handed back by to_png: never given out again
