"""Input checks shared by the model modules.

Every model function accepts scalars, numpy arrays or pandas Series. These helpers
look at the values (not the type), raise ``ValueError`` with a sentence a
salesperson can act on, and turn numpy scalars back into plain floats so that a
scalar in gives a float out.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def values(x: Any) -> np.ndarray:
    """The numbers inside ``x`` as a float array (a view where possible)."""
    return np.asarray(x, dtype=float)


def finite(name: str, x: Any) -> None:
    """Refuse missing (NaN) and infinite values."""
    v = values(x)
    if np.isnan(v).any():
        raise ValueError(f"{name} is missing (NaN): fill in a number before calculating.")
    if np.isinf(v).any():
        raise ValueError(f"{name} is infinite: enter a finite number.")


def check(
    name: str,
    x: Any,
    *,
    gt: float | None = None,
    ge: float | None = None,
    lt: float | None = None,
    le: float | None = None,
    why: str = "",
) -> None:
    """Refuse values outside an interval, explaining why in ``why``.

    >>> check("price", 10.0, gt=0)
    >>> check("price", -1.0, gt=0, why="a price is what the customer pays")
    Traceback (most recent call last):
    ...
    ValueError: price must be above 0 (got -1): a price is what the customer pays.
    """
    finite(name, x)
    v = values(x)
    bad = np.zeros(v.shape, dtype=bool)
    rule = ""
    if gt is not None:
        bad |= v <= gt
        rule = f"above {gt:g}"
    if ge is not None:
        bad |= v < ge
        rule = f"at least {ge:g}"
    if lt is not None:
        bad |= v >= lt
        rule = (rule + " and " if rule else "") + f"below {lt:g}"
    if le is not None:
        bad |= v > le
        rule = (rule + " and " if rule else "") + f"at most {le:g}"
    if bad.any():
        first = v[bad].flat[0] if v.ndim else float(v)
        message = f"{name} must be {rule} (got {first:g})"
        raise ValueError(message + (f": {why}." if why else "."))


def out(result: Any) -> Any:
    """Plain ``float`` for a scalar result; arrays and Series pass through."""
    if isinstance(result, np.ndarray) and result.ndim == 0:
        return float(result)
    if isinstance(result, np.generic):
        return float(result)
    return result
