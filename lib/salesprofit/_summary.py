"""From a transaction log to the frequency / recency / T / monetary value summary of the
BTYD models (private: :func:`salesprofit.clv.customer_summary` is the public name)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from . import _checks as C

_FREQS = {"D": "days", "W": "weeks", "M": "months"}


def _period_ordinal(dates: pd.Series | pd.DatetimeIndex, freq: str) -> np.ndarray:
    """Integer period number of each date: days, weeks (Monday-Sunday, as pandas 'W'), months."""
    days = np.asarray(dates, dtype="datetime64[D]").astype(np.int64)
    if freq == "D":
        return days
    if freq == "W":
        return (days + 3) // 7  # 1970-01-01 is a Thursday; pandas 'W' weeks end on Sunday
    months = np.asarray(dates, dtype="datetime64[M]").astype(np.int64)
    return months


def _checked(
    transactions: pd.DataFrame,
    customer_col: str,
    date_col: str,
    value_col: str | None,
    observation_end: Any,
) -> tuple[pd.Series, pd.Timestamp, np.ndarray, np.ndarray]:
    """The dates, the end of the observation, which rows fall before it and their customer
    ids; a plain sentence for a missing column, bad or empty dates and empty ids."""
    needed = [customer_col, date_col] + ([value_col] if value_col is not None else [])
    missing = [c for c in needed if c not in transactions.columns]
    if missing:
        raise ValueError(
            f"The transactions have no column {missing[0]!r} (columns: "
            f"{', '.join(map(str, transactions.columns))})."
        )
    dates = transactions[date_col]
    if not pd.api.types.is_datetime64_any_dtype(dates):
        try:
            dates = pd.to_datetime(dates)
        except (ValueError, TypeError):
            raise ValueError(f"Column {date_col!r} must hold dates (e.g. 2025-03-31).") from None
    if dates.isna().any():
        raise ValueError(f"Column {date_col!r} has empty dates: fill them in or drop those rows.")
    if len(dates) == 0:
        raise ValueError("The transactions are empty: there is no customer to summarise.")
    end = dates.max() if observation_end is None else pd.Timestamp(observation_end)
    keep = (dates <= end).to_numpy()
    if not keep.any():
        raise ValueError(
            f"Every purchase is after the end of the observation period ({end.date()}): "
            "choose a later end date."
        )
    customers = transactions[customer_col].to_numpy()[keep]
    if pd.isna(customers).any():
        raise ValueError(
            f"Column {customer_col!r} has empty customer ids: fill them in or drop those rows."
        )
    return dates, end, keep, customers


def _sorted_codes(customers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's customer as an integer code numbered in sorted id order, and the sorted ids.

    Hashing (``pd.factorize``) first, so only the distinct ids are sorted.
    """
    codes, uniques = pd.factorize(customers)
    order_ids = pd.Index(uniques).argsort()
    rank = np.empty(len(uniques), dtype=np.int64)
    rank[order_ids] = np.arange(len(uniques))
    return rank[codes], uniques[order_ids]


def customer_summary(
    transactions: pd.DataFrame,
    customer_col: str,
    date_col: str,
    value_col: str | None = None,
    observation_end: Any = None,
    freq: str = "D",
    freq_multiplier: float = 1.0,
) -> pd.DataFrame:
    """One row per customer: ``frequency``, ``recency``, ``T`` (and ``monetary_value``).

    The conventions of the BTYD literature and of ``lifetimes``'
    ``summary_data_from_transaction_data``: time is cut into periods of
    ``freq`` ("D" days, "W" weeks ending on Sunday, "M" months) and several
    purchases in one period count as one.

    * ``frequency``: number of *repeat* purchase periods (periods with a purchase, minus one);
    * ``recency``: periods from the first to the last purchase (0 with no repeat);
    * ``T``: periods from the first purchase to ``observation_end`` (default: the last date);
    * ``monetary_value`` (when ``value_col`` is given): mean value of the repeat
      purchase periods (the first purchase excluded), 0 when ``frequency`` is 0.

    Purchases after ``observation_end`` are ignored. ``recency`` and ``T`` are
    divided by ``freq_multiplier`` (``freq="D", freq_multiplier=7`` gives weeks
    to two decimals, as the CDNOW summary). Indexed by customer, sorted.
    Vectorised (a sort and a few bincounts): about 0.2 s on a million order
    lines with integer ids, 0.3 s with text ids.

    >>> tx = pd.DataFrame({"customer": ["A", "A", "A", "B"],
    ...                    "date": pd.to_datetime(["2025-01-01", "2025-01-01", "2025-01-11", "2025-01-05"]),
    ...                    "value": [10.0, 5.0, 30.0, 8.0]})
    >>> out = customer_summary(tx, "customer", "date", "value", observation_end="2025-01-31")
    >>> out  # doctest: +NORMALIZE_WHITESPACE
              frequency  recency     T  monetary_value
    customer
    A               1.0     10.0  30.0            30.0
    B               0.0      0.0  26.0             0.0
    """
    if freq not in _FREQS:
        raise ValueError(f"freq must be 'D' (days), 'W' (weeks) or 'M' (months), not {freq!r}.")
    C.check("freq_multiplier", freq_multiplier, gt=0)
    dates, end, keep, customers = _checked(
        transactions, customer_col, date_col, value_col, observation_end
    )
    period = _period_ordinal(dates[keep], freq)
    end_period = _period_ordinal(pd.DatetimeIndex([end]), freq)[0]
    codes, uniques = _sorted_codes(customers)
    span = int(period.max() - period.min()) + 1
    key = codes.astype(np.int64) * span + (period - period.min())
    if value_col is not None:
        values = transactions[value_col].to_numpy(dtype=float)[keep]
        C.finite(f"Column {value_col!r}", values)
    # one row per (customer, period); keys sort by customer, then period
    order = np.argsort(key)
    skey = key[order]
    starts = np.flatnonzero(np.r_[True, skey[1:] != skey[:-1]])
    ukey = skey[starts]
    cust = ukey // span
    per = ukey % span + period.min()
    n_cust = len(uniques)
    n_periods = np.bincount(cust, minlength=n_cust)
    first = np.r_[0, np.cumsum(n_periods)[:-1]]
    last = first + n_periods - 1
    frequency = (n_periods - 1).astype(float)
    recency = (per[last] - per[first]).astype(float) / freq_multiplier
    T = (end_period - per[first]).astype(float) / freq_multiplier
    out = pd.DataFrame(
        {"frequency": frequency, "recency": recency, "T": T},
        index=pd.Index(uniques, name=customer_col),
    )
    if value_col is not None:
        period_value = np.add.reduceat(values[order], starts)
        total = np.bincount(cust, weights=period_value, minlength=n_cust)
        repeat = total - period_value[first]
        with np.errstate(invalid="ignore", divide="ignore"):
            out["monetary_value"] = np.where(n_periods > 1, repeat / np.maximum(frequency, 1), 0.0)
    return out
