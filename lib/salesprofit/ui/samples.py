"""The sample company's data for calculators whose builders need data, as their labs pass it.

The gallery and the trainer's console open every calculator with no code visible; a
builder that needs data (the pipeline forecast wants the opportunities, the association
explorer the order lines) gets it here, from the same library calls its lab makes.
:func:`arguments` returns the keyword arguments for a builder (empty for builders that
open on their own defaults).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

__all__ = ["SAMPLES", "arguments", "needs_data"]


@cache
def _table(name: str):
    from .. import data

    return data.load(name)


#: builder ("module.name") -> a function returning its keyword arguments.
SAMPLES: dict[str, Callable[[], dict[str, Any]]] = {}


def arguments(module: str, name: str) -> dict[str, Any]:
    """Keyword arguments that open ``salesprofit.ui.<module>.<name>`` on Huaxin's data."""
    sample = SAMPLES.get(f"{module}.{name}")
    return sample() if sample else {}


def needs_data(module: str, name: str) -> bool:
    """True if the gallery opens this builder with sample data (it has an entry here)."""
    return f"{module}.{name}" in SAMPLES
