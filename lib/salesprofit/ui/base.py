"""The one calculator shell every chapter's builders use.

A :class:`Calculator` holds named input widgets, a pure ``compute`` function and
two result widgets: ``result`` (``widgets.HTML``) and ``chart``
(``widgets.Image``, PNG bytes). Each input change calls ``compute(**values)``
with percent inputs already turned into fractions; ``compute`` returns a
:class:`Result` (HTML, an optional PNG and the model's raw output for tests).
A ``ValueError`` raised by the model shows as a message in the calculator; the
previous chart is hidden so a stale number is never shown beside an error.

Results are rendered into widget values (not printed into an ``Output``), so
they travel in the saved widget state and show in the static book.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as widgets

from ..fmt import esc

__all__ = ["Calculator", "Result", "error_html", "number_box", "percent_slider", "slider"]

STYLE = {"description_width": "14em"}
LAYOUT = widgets.Layout(width="34em")

CSS = """<style>
.sp-calc h4 {margin: 0.2em 0 0.4em 0;}
.sp-result {font-size: 1.05em; line-height: 1.45;}
.sp-result .sp-big {font-size: 1.5em; font-weight: 700; color: #0072B2;}
.sp-result .sp-bad {font-weight: 700; color: #D55E00;}
.sp-error {border-left: 4px solid #D55E00; background: #fdf1ea; padding: 0.5em 0.8em; color: #5a1e00;}
.sp-table {border-collapse: collapse; margin: 0.4em 0; font-size: 0.92em;}
.sp-table th, .sp-table td {padding: 0.2em 0.7em; text-align: right; border-bottom: 1px solid #ddd;}
.sp-table th:first-child, .sp-table td:first-child {text-align: left;}
</style>"""


@dataclass
class Result:
    """What a compute function hands back to the calculator."""

    html: str
    png: bytes | None = None
    data: Any = None
    extra: dict = field(default_factory=dict)


def percent_slider(
    description: str, value: float, low: float, high: float, step: float = 0.5, digits: int = 1
) -> widgets.FloatSlider:
    """A slider in percent (25 means 25 %; ``value``, ``low``, ``high`` given as fractions, ``step`` in
    percentage points); the calculator hands the model 0.25."""
    return widgets.FloatSlider(
        value=value * 100,
        min=low * 100,
        max=high * 100,
        step=step,
        description=description,
        readout_format=f".{digits}f",
        continuous_update=False,
        style=STYLE,
        layout=LAYOUT,
    )


def number_box(
    description: str,
    value: float,
    low: float | None = None,
    high: float | None = None,
    step: float = 1.0,
) -> widgets.Widget:
    """A number box; bounded when limits are given (values outside are clamped by the widget)."""
    if low is not None and high is not None:
        return widgets.BoundedFloatText(
            value=value,
            min=low,
            max=high,
            step=step,
            description=description,
            style=STYLE,
            layout=LAYOUT,
        )
    return widgets.FloatText(
        value=value, step=step, description=description, style=STYLE, layout=LAYOUT
    )


def slider(
    description: str, value: float, low: float, high: float, step: float, digits: int = 2
) -> widgets.FloatSlider:
    """A plain (non-percent) slider."""
    return widgets.FloatSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        readout_format=f".{digits}f",
        continuous_update=False,
        style=STYLE,
        layout=LAYOUT,
    )


def error_html(message: str) -> str:
    return f'<div class="sp-error"><b>Check the inputs.</b> {esc(message)}</div>'


class Calculator(widgets.VBox):
    """Inputs, a pure compute function, and the rendered result."""

    def __init__(
        self,
        title: str,
        inputs: Mapping[str, widgets.Widget],
        compute: Callable[..., Result],
        percent: set[str] | frozenset[str] = frozenset(),
        intro: str = "",
        chart: bool = True,
    ):
        self.title = title
        self.inputs = dict(inputs)
        self.percent = set(percent)
        self._compute = compute
        self.result = widgets.HTML()
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="760px"))
        self.error: str | None = None
        self.output: Any = None
        head = widgets.HTML(f"{CSS}<h4>{esc(title)}</h4>" + (f"<p>{intro}</p>" if intro else ""))
        children = [head, *self.inputs.values(), self.result]
        if chart:
            children.append(self.chart)
        super().__init__(children=children)
        self.add_class("sp-calc")
        for w in self.inputs.values():
            w.observe(self._update, names="value")
        self._update()

    def values(self) -> dict[str, Any]:
        """Current inputs as the model wants them (percent inputs as fractions)."""
        return {
            k: (w.value / 100 if k in self.percent else w.value) for k, w in self.inputs.items()
        }

    def set(self, **values: Any) -> None:
        """Set inputs in model units (fractions for percent inputs), as a notebook or test would."""
        for k, v in values.items():
            self.inputs[k].value = v * 100 if k in self.percent else v

    def _update(self, change: Any = None) -> None:
        try:
            res = self._compute(**self.values())
        except ValueError as exc:
            self.error = str(exc)
            self.output = None
            self.result.value = error_html(str(exc))
            self.chart.layout.display = "none"
            return
        self.error = None
        self.output = res.data
        self.result.value = f'<div class="sp-result">{res.html}</div>'
        if res.png is not None:
            self.chart.value = res.png
            self.chart.layout.display = None
        else:
            self.chart.layout.display = "none"

    def __repr__(self) -> str:  # short and stable: nbval compares text/plain
        return f"<Calculator: {self.title}>"
