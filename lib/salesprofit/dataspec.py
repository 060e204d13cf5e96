"""The column specification of the sample company's tables, and :class:`DataError`.

One structure (:class:`TableSpec` of :class:`Column` and :class:`Rule`) for writing,
documenting and validating every table; :mod:`salesprofit.datatables` describes the
tables with it, :mod:`salesprofit.data` loads and validates them and
:mod:`salesprofit.crm_import` raises the same :class:`DataError` for a user's export.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

__all__ = ["KINDS", "Column", "DataError", "Rule", "TableSpec"]


class DataError(ValueError):
    """A data file cannot be used; the message says which table, column and rows."""


#: Column kinds, how they are stored in the CSV and how :func:`load` types them.
KINDS: dict[str, str] = {
    "id": "text (identifier)",
    "text": "text",
    "category": "text (one of a fixed list)",
    "int": "integer",
    "float": "number",
    "money": "number (CNY, 2 decimals)",
    "fraction": "fraction (0.15 means 15 %)",
    "date": "date (YYYY-MM-DD)",
    "flag": "0 or 1",
}
_NUMERIC = {"int", "float", "money", "fraction", "flag"}
_INTEGER = {"int", "flag"}


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, kind, unit, meaning and allowed values.

    ``ge``/``gt``/``le``/``lt`` bound numbers (money defaults to ``ge=0``, fractions
    to ``0 <= x <= 1``); ``allowed`` lists the permitted values of a category;
    ``pattern`` is a regular expression every identifier must match in full;
    ``why`` explains the rule in plain words for the error message; ``decimals``
    is how many decimals the generator rounds to (money: 2).
    """

    name: str
    kind: str
    meaning: str
    unit: str = ""
    nullable: bool = False
    unique: bool = False
    ge: float | None = None
    gt: float | None = None
    le: float | None = None
    lt: float | None = None
    allowed: tuple[Any, ...] | None = None
    pattern: str | None = None
    why: str = ""
    decimals: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"column {self.name!r}: unknown kind {self.kind!r}")
        if self.kind == "money":
            if self.ge is None and self.gt is None:
                object.__setattr__(self, "ge", 0.0)
            if self.decimals is None:
                object.__setattr__(self, "decimals", 2)
            if not self.unit:
                object.__setattr__(self, "unit", "CNY")
        if self.kind == "fraction":
            if self.ge is None and self.gt is None:
                object.__setattr__(self, "ge", 0.0)
            if self.le is None and self.lt is None:
                object.__setattr__(self, "le", 1.0)
        if self.kind == "flag":
            object.__setattr__(self, "allowed", (0, 1))

    @property
    def type_label(self) -> str:
        """The column's type in words, for the data dictionary."""
        return KINDS[self.kind]

    def rule_text(self) -> str:
        """The numeric range in words, e.g. 'at least 0 and below 1' ('' if none)."""
        parts = []
        if self.ge is not None:
            parts.append(f"at least {self.ge:g}")
        if self.gt is not None:
            parts.append(f"above {self.gt:g}")
        if self.le is not None:
            parts.append(f"at most {self.le:g}")
        if self.lt is not None:
            parts.append(f"below {self.lt:g}")
        return " and ".join(parts)


@dataclass(frozen=True)
class Rule:
    """A check across columns of one row (e.g. net price = list price x (1 - discount)).

    ``check`` takes the typed table and returns a boolean Series, True where the row
    is fine; ``column`` is the column the error message names.
    """

    column: str
    message: str
    check: Callable[[pd.DataFrame], pd.Series]


@dataclass(frozen=True)
class TableSpec:
    """A table of the sample company: its grain, description, columns and rules."""

    name: str
    grain: str
    description: str
    columns: tuple[Column, ...]
    chapters: str = ""
    rules: tuple[Rule, ...] = field(default=())

    @property
    def column_names(self) -> list[str]:
        """Column names in file order."""
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        """The :class:`Column` called ``name``."""
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


def _id(
    name: str, meaning: str, pattern: str, unique: bool = False, nullable: bool = False
) -> Column:
    return Column(
        name,
        "id",
        meaning,
        pattern=pattern,
        unique=unique,
        nullable=nullable,
        why="identifiers keep the form of the sample company's ids",
    )


def _unique_together(*cols: str) -> Callable[[pd.DataFrame], pd.Series]:
    def check(df: pd.DataFrame) -> pd.Series:
        return ~df.duplicated(list(cols), keep="first")

    return check


def _not_before(later: str, earlier: str) -> Callable[[pd.DataFrame], pd.Series]:
    def check(df: pd.DataFrame) -> pd.Series:
        return df[later].isna() | df[earlier].isna() | (df[later] >= df[earlier])

    return check


def _net_price_ok(df: pd.DataFrame) -> pd.Series:
    expected = df["list_price"] * (1.0 - df["discount"])
    return (df["net_price"] - expected).abs() <= 0.0051 + 1e-9 * expected.abs()


def _offered_price_ok(df: pd.DataFrame) -> pd.Series:
    expected = df["list_price"] * df["price_index"]
    return (df["offered_price"] - expected).abs() <= 0.0051 + 1e-9 * expected.abs()


def _converted_ok(df: pd.DataFrame) -> pd.Series:
    return df["converted"] == (df["quantity"] > 0).astype("int64")
