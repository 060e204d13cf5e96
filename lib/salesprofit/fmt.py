"""Formatting numbers for people: percentages, money, small HTML tables.

Display only: the models never round; these functions round for the eye.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

__all__ = ["Prose", "esc", "money", "num", "pct", "say", "table"]

CURRENCY = "¥"


def pct(x: float, digits: int = 1, sign: bool = False) -> str:
    """0.1234 -> '12.3 %' (or '+12.3 %' with ``sign``); NaN -> '–'."""
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return "–"
    return f"{x * 100:{'+' if sign else ''}.{digits}f} %"


def money(x: float, digits: int = 2, sign: bool = False) -> str:
    """1234.5 -> '¥1,234.50'; negative amounts as '-¥12.00'."""
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return "–"
    prefix = "-" if x < 0 else ("+" if sign and x > 0 else "")
    return f"{prefix}{CURRENCY}{abs(x):,.{digits}f}"


def num(x: float, digits: int = 0) -> str:
    """1234.5 -> '1,235'."""
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return "–"
    return f"{x:,.{digits}f}"


def table(
    df: pd.DataFrame,
    formats: Mapping[str, Callable[[object], str]] | None = None,
    index: bool = False,
    classes: str = "sp-table",
) -> str:
    """A plain HTML table with per-column formatters (no random ids: safe for nbval)."""
    formats = dict(formats or {})
    shown = df.copy()
    for col, f in formats.items():
        if col in shown.columns:
            shown[col] = [f(v) for v in shown[col]]
    return shown.to_html(index=index, escape=True, border=0, classes=classes, na_rep="–")


def esc(text: object) -> str:
    """HTML-escape any text that came from data or from the user."""
    return html.escape(str(text))


class Prose:
    """A sentence of the course, written by code so that its numbers come from the library.

    It renders as Markdown in JupyterLab, Voilà and the book, and its plain-text form is the
    same sentence, so nbval compares the numbers in it (an ``IPython.display.Markdown``
    object would compare only ``<IPython.core.display.Markdown object>``).

    >>> say("Margin **25.0 %**.")
    Margin **25.0 %**.
    """

    def __init__(self, text: str):
        self.text = str(text)

    def _repr_markdown_(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text


def say(*parts: str) -> Prose:
    """Join sentence parts into one :class:`Prose` paragraph (display it as a cell's result)."""
    return Prose("".join(str(p) for p in parts))
