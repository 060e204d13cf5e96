"""Vectorised parsing of a CRM export's values: identifiers, numbers and money, dates."""

from __future__ import annotations

import csv
import io
import numbers
import re
from typing import Any

import numpy as np
import pandas as pd

from .crm_columns import EXPECTED_DATE, EXPECTED_NUMBER, _values_text

__all__ = ["parse_numbers"]


# Vectorised value parsing: a column is joined into one string, one line per row, and
# cleaned and checked with C-speed string methods and regular expressions; numbers and
# dates are then parsed by pandas' C CSV parser. No Python loop over rows (except over
# the few cells of an XLSX file that openpyxl already handed over one by one).


class _BadCellsError(Exception):
    """A column problem: mask of bad rows and the sentence explaining them."""

    def __init__(self, mask: np.ndarray, one: str, many: str | None = None) -> None:
        super().__init__(one)
        self.mask, self.one, self.many = mask, one, many or one


def _join(arr: np.ndarray) -> str:
    """The cells as one string, one line per cell (line breaks inside cells made bad)."""
    big = "\n".join(arr)
    if big.count("\n") != len(arr) - 1 or "\r" in big:
        arr = np.array(
            [v.replace("\r\n", "\x00").replace("\n", "\x00").replace("\r", "\x00") for v in arr],
            dtype=object,
        )
        big = "\n".join(arr)
    return big


def _lines_not_matching(big: str, pattern: str, n: int) -> np.ndarray:
    """Mask of the lines of ``big`` that do not match ``pattern`` in full."""
    bad = np.zeros(n, dtype=bool)
    row, last = 0, 0
    for m in re.finditer(rf"^(?!(?:{pattern})$).*$", big, re.M):
        row += big.count("\n", last, m.start())
        last = m.start()
        bad[row] = True
    return bad


def _read_floats(big: str, n: int) -> np.ndarray | None:
    """Parse one number per line with pandas' C parser; None if any line is not one."""
    try:  # a last sentinel line keeps trailing blank lines
        col = pd.read_csv(
            io.StringIO(big + "\n0"),
            header=None,
            names=["v"],
            dtype="float64",
            skip_blank_lines=False,
            keep_default_na=False,
            na_values=[""],
            engine="c",
            quoting=csv.QUOTE_NONE,
            sep="\x01",
        )["v"]
    except (ValueError, pd.errors.ParserError, pd.errors.EmptyDataError):
        return None
    values = col.to_numpy(dtype="float64")
    if len(values) != n + 1:
        return None
    return values[:n]


_CURRENCY_MARKS = (
    "人民币",
    "RMB",
    "rmb",
    "CNY",
    "cny",
    "EUR",
    "eur",
    "USD",
    "usd",
    "¥",
    "￥",
    "€",
    "$",
    "£",
    "元",
)
_SPACE_MARKS = (" ", "\u00a0", "\u202f", "\u2009", "\u3000", "\t", "'", "\u2019")
_SIGN = r"[+-]?"
_DOT = r"(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_COMMA = r"(?:(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d*)?|,\d+)"
# lines that only a decimal-comma reading (or only a decimal-point reading) explains
_COMMA_ONLY = r"(?![+-]?\d{1,3}(?:,\d{3})+$)[+-]?(?:(?:\d{1,3}(?:\.\d{3})+|\d+),\d*|,\d+)"
_DOT_ONLY = (
    r"(?![+-]?\d{1,3}(?:\.\d{3})+$)[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)\.\d*|\.\d+)"
    r"(?:[eE][+-]?\d+)?"
)


def _clean_number_text(big: str) -> str:
    """Currency marks and spaces removed; (1.5) and 1.5- written as -1.5."""
    ascii_only = big.isascii()
    for mark in _CURRENCY_MARKS + _SPACE_MARKS:
        if (not ascii_only or mark.isascii()) and mark in big:
            big = big.replace(mark, "")
    if "(" in big:
        big = re.sub(r"^\(([^\n()+-]*)\)$", r"-\1", big, flags=re.M)
    if "-\n" in big or big.endswith("-"):
        big = re.sub(r"^([^\n+-]+)-$", r"-\1", big, flags=re.M)
    return big


def _scan(big: str) -> dict[str, np.ndarray] | None:
    """Byte-level view of cleaned number text for numpy checks (None if not ASCII)."""
    if not big.isascii():
        return None
    b = np.frombuffer(big.encode("ascii"), dtype=np.uint8)
    return {"b": b, "digit": (b >= 48) & (b <= 57), "nl": np.flatnonzero(b == 10)}


def _separators(scan: dict[str, np.ndarray], sep: str, other: str) -> dict[str, np.ndarray]:
    """Where each ``sep`` stands: digits after it (0-3, or 4 for more), what ends them,
    whether a digit precedes it and whether ``other`` precedes it on its line."""
    b, digit, nl = scan["b"], scan["digit"], scan["nl"]
    size = len(b)
    pos = np.flatnonzero(b == ord(sep))
    ndig = np.zeros(len(pos), dtype=np.int64)
    running = np.ones(len(pos), dtype=bool)
    for k in range(1, 5):
        at = pos + k
        d = (at < size) & digit[np.minimum(at, size - 1)]
        running &= d
        ndig += running
    end = pos + 1 + ndig
    term = np.where(end < size, b[np.minimum(end, size - 1)], 10)
    line = np.searchsorted(nl, pos)
    line_start = np.where(line > 0, nl[np.maximum(line - 1, 0)] if len(nl) else -1, -1)
    others = np.flatnonzero(b == ord(other))
    j = np.searchsorted(others, pos) - 1
    other_before = (
        (j >= 0) & (others[np.maximum(j, 0)] > line_start)
        if len(others)
        else np.zeros(len(pos), dtype=bool)
    )
    return {
        "pos": pos,
        "ndig": ndig,
        "eol": term == 10,
        "exp": (term == ord("e")) | (term == ord("E")),
        "same": term == ord(sep),
        "other": term == ord(other),
        "digit_before": (pos > 0) & digit[np.maximum(pos - 1, 0)],
        "other_before": other_before,
        "line": line,
    }


def _decimal_evidence(s: dict[str, np.ndarray]) -> np.ndarray:
    """Lines where this separator can only be a decimal separator (e.g. '12,5')."""
    only_decimal = ((s["eol"] | s["exp"]) & (s["ndig"] != 3)) | (s["ndig"] > 3) | s["other_before"]
    return s["line"][only_decimal]


def _thousands_evidence(s: dict[str, np.ndarray]) -> np.ndarray:
    """Lines where this separator can only group thousands (e.g. '1.234.567')."""
    return s["line"][(s["ndig"] == 3) & s["same"] & s["digit_before"]]


def _bad_grouping(s: dict[str, np.ndarray]) -> np.ndarray:
    """Lines where this separator, read as a thousands separator, stands wrongly."""
    ok = (
        s["digit_before"]
        & (s["ndig"] == 3)
        & (s["eol"] | s["exp"] | s["same"] | s["other"])
        & ~s["other_before"]
    )
    return s["line"][~ok]


def _mask(n: int, *lines: np.ndarray) -> np.ndarray:
    mask = np.zeros(n, dtype=bool)
    for rows in lines:
        mask[rows] = True
    return mask


def _parse_number_text(arr: np.ndarray, comma_hint: bool) -> tuple[np.ndarray, np.ndarray]:
    """float64 values of text cells ("" blank -> NaN) and the mask of unreadable ones.

    The decimal style of the column is decided by the cells that only one style
    explains ('12,5' or '1.234,50': decimal comma; '1,234.5': decimal point); a
    column with both is refused. Without such cells the file's hint decides
    (semicolon-separated: decimal comma). Thousands separators must stand every
    three digits before the decimal separator.
    """
    n = len(arr)
    values = np.full(n, np.nan)
    blank = arr == ""
    if blank.all():
        return values, np.zeros(n, dtype=bool)
    big = _clean_number_text(_join(arr))
    scan = _scan(big)
    if scan is None:  # something other than digits and separators: find the bad lines
        return values, _lines_not_matching(big, f"{_SIGN}{_DOT}|{_SIGN}{_COMMA}", n) & ~_whitespace(
            arr
        )
    commas = _separators(scan, ",", ".")
    dots = _separators(scan, ".", ",")
    comma_lines = (_decimal_evidence(commas), _thousands_evidence(dots))
    dot_lines = (_decimal_evidence(dots), _thousands_evidence(commas))
    comma_ev = any(len(x) for x in comma_lines)
    dot_ev = any(len(x) for x in dot_lines)
    if comma_ev and dot_ev:
        comma_mask, dot_mask = _mask(n, *comma_lines), _mask(n, *dot_lines)
        styles = ("a decimal comma (like 1.234,50)", "a decimal point (like 1,234.50)")
        if dot_mask.sum() > comma_mask.sum():
            comma_mask, dot_mask, styles = dot_mask, comma_mask, styles[::-1]
        what = (
            f"{styles[1]} while the other rows use {styles[0]}; use one style in the whole column"
        )
        raise _BadCellsError(dot_mask, f"uses {what}", f"use {what}")
    comma_style = comma_ev or (comma_hint and not dot_ev)
    groups = dots if comma_style else commas
    if len(groups["pos"]):
        bad_lines = _bad_grouping(groups)
        if len(bad_lines):
            return values, _mask(n, bad_lines) & ~_whitespace(arr)
        big = big.replace(".", "") if comma_style else big.replace(",", "")
    if comma_style and len(commas["pos"]):
        big = big.replace(",", ".")
    parsed = _read_floats(big, n)
    if parsed is None:
        bad = _lines_not_matching(big, f"{_SIGN}{_DOT}|", n) & ~_whitespace(arr)
        return values, bad if bad.any() else ~blank  # never a silent NaN
    # a cell that held only a currency mark or text that cleaned away is not blank
    bad = (np.isnan(parsed) & ~blank) | np.isinf(parsed)
    if bad.any():
        bad &= ~_whitespace(arr)
    return parsed, bad


def parse_numbers(values: Any, decimal_comma: bool = False) -> np.ndarray:
    """Numbers written the way exports write them, as float64 (blank -> NaN).

    The same rules as the reader's money columns: currency marks and spaces are
    dropped, the decimal style comes from the values themselves, and
    ``decimal_comma`` decides ambiguous ones (as a semicolon-separated file does).
    Raises ValueError naming the values that are not numbers.

    >>> parse_numbers(["¥1,234.50", "1 234,50 €", "(12)"]).tolist()
    Traceback (most recent call last):
    ...
    ValueError: These values use another decimal style than the rest: '¥1,234.50'.
    >>> parse_numbers(["1.234,50", "12,5"]).tolist(), parse_numbers(["1,234"], True).tolist()
    ([1234.5, 12.5], [1.234])
    """
    arr = np.array(["" if v is None else str(v) for v in np.atleast_1d(values)], dtype=object)
    try:
        out, bad = _parse_number_text(arr, decimal_comma)
    except _BadCellsError as exc:
        raise ValueError(
            "These values use another decimal style than the rest: "
            f"{_values_text(arr[exc.mask][:3])}."
        ) from None
    if bad.any():
        raise ValueError(f"These values are not numbers: {_values_text(arr[bad][:3])}.")
    return out


def _whitespace(arr: np.ndarray) -> np.ndarray:
    """Cells that hold only spaces (treated as blank)."""
    return (
        np.array([not v.strip() for v in arr], dtype=bool) if len(arr) else np.zeros(0, dtype=bool)
    )


_DATE_LINE = r"\d{4}-\d{1,2}-\d{1,2}|\d{8}|\d{5}|"


def _parse_date_text(arr: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """datetime64[us] of text cells, and masks of unreadable and impossible dates."""
    n = len(arr)
    out = np.full(n, np.datetime64("NaT"), dtype="datetime64[us]")
    none = np.zeros(n, dtype=bool)
    if (arr == "").all():
        return out, none, none
    big = _join(arr)
    if ":" in big:
        big = re.sub(r"[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*$", "", big, flags=re.M)
    for a, b in (
        ("年", "-"),
        ("月", "-"),
        ("日", ""),
        ("/", "-"),
        (".", "-"),
        (" ", ""),
        ("\u3000", ""),
        ("\t", ""),
    ):
        if a in big:
            big = big.replace(a, b)
    try:  # a last sentinel line keeps trailing blank lines
        ymd = pd.read_csv(
            io.StringIO(big + "\n2000-1-1"),
            sep="-",
            header=None,
            names=["y", "m", "d"],
            dtype="float64",
            skip_blank_lines=False,
            keep_default_na=False,
            na_values=[""],
            engine="c",
            quoting=csv.QUOTE_NONE,
        )
        if len(ymd) != n + 1:
            raise ValueError
        ymd = ymd.iloc[:n]
    except (ValueError, pd.errors.ParserError, pd.errors.EmptyDataError):
        bad = _lines_not_matching(big, _DATE_LINE, n) & ~_whitespace(arr)
        return out, bad if bad.any() else arr != "", none
    y, m, d = (ymd[c].to_numpy() for c in "ymd")
    blank = arr == ""
    single = ~blank & ~np.isnan(y) & np.isnan(m) & np.isnan(d)
    compact = single & (y >= 19000101) & (y <= 21001231)
    serial = single & (y >= 20000) & (y <= 80000)
    yy = np.where(compact, np.floor(y / 10000), y)
    mm = np.where(compact, np.floor(y / 100) % 100, m)
    dd = np.where(compact, y % 100, d)
    triple = ~np.isnan(yy) & ~np.isnan(mm) & ~np.isnan(dd) & ~serial
    whole = (
        (np.nan_to_num(yy) % 1 == 0) & (np.nan_to_num(mm) % 1 == 0) & (np.nan_to_num(dd) % 1 == 0)
    )
    year_ok = (yy >= 1900) & (yy <= 2100)
    readable = (triple & whole & year_ok) | serial
    bad = ~blank & ~readable
    stamp = (
        pd.to_datetime(
            pd.DataFrame(
                {
                    "year": np.where(readable & ~serial, yy, 2000),
                    "month": np.where(readable & ~serial, mm, 1),
                    "day": np.where(readable & ~serial, dd, 1),
                }
            ),
            errors="coerce",
        )
        .to_numpy()
        .astype("datetime64[us]")
    )
    impossible = readable & ~serial & np.isnat(stamp)
    out = np.where(readable & ~serial, stamp, out)
    if serial.any():
        days = np.floor(np.where(serial, y, 0)).astype("int64")
        base = np.datetime64("1899-12-30", "us")
        out = np.where(serial, base + days.astype("timedelta64[D]"), out)
    return out.astype("datetime64[us]"), bad, impossible


def _native_numbers(native: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(has a value, float value, bad) of the non-text XLSX cells of a column."""
    has = np.array([v is not None for v in native], dtype=bool)
    vals = np.full(len(native), np.nan)
    bad = np.zeros(len(native), dtype=bool)
    for i in np.flatnonzero(has):
        v = native[i]
        if isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_)):
            vals[i] = float(v)
        bad[i] = not np.isfinite(vals[i])
    return has, vals, bad


def _parse_numbers(
    arr: np.ndarray,
    native: np.ndarray | None,
    comma_hint: bool,
) -> np.ndarray:
    if arr.dtype.kind == "f":  # parsed by pandas already (plain numbers; blank is NaN)
        if np.isinf(arr).any():
            raise _BadCellsError(
                np.isinf(arr),
                f"is not a number (expected {EXPECTED_NUMBER})",
                f"are not numbers (expected {EXPECTED_NUMBER})",
            )
        return arr
    values, bad = _parse_number_text(arr, comma_hint)
    if native is not None:
        has, vals, nbad = _native_numbers(native)
        values = np.where(has, vals, values)
        bad = (bad & ~has) | nbad
    if bad.any():
        raise _BadCellsError(
            bad,
            f"is not a number (expected {EXPECTED_NUMBER})",
            f"are not numbers (expected {EXPECTED_NUMBER})",
        )
    return values


def _parse_dates(arr: np.ndarray, native: np.ndarray | None) -> np.ndarray:
    values, bad, impossible = _parse_date_text(arr)
    if native is not None:
        for i in np.flatnonzero(np.array([v is not None for v in native], dtype=bool)):
            v = native[i]
            if hasattr(v, "year") and hasattr(v, "month") and hasattr(v, "day"):
                values[i] = np.datetime64(f"{v.year:04d}-{v.month:02d}-{v.day:02d}").astype(
                    "datetime64[us]"
                )
            elif (
                isinstance(v, numbers.Real)
                and not isinstance(v, (bool, np.bool_))
                and 20000 <= v <= 80000
            ):
                values[i] = np.datetime64("1899-12-30", "us") + np.timedelta64(int(v), "D")
            else:
                bad[i] = True
    if impossible.any():
        why = "(check the day and month: there is no 30 February or month 13)"
        raise _BadCellsError(
            impossible, f"is not a real calendar date {why}", f"are not real calendar dates {why}"
        )
    if bad.any():
        raise _BadCellsError(
            bad,
            f"is not a date (expected {EXPECTED_DATE})",
            f"are not dates (expected {EXPECTED_DATE})",
        )
    return values


def _strip_ids(arr: np.ndarray) -> np.ndarray:
    """Identifiers with surrounding spaces removed (only when some have them)."""
    if not len(arr):
        return arr
    big = "\n".join(arr)
    b = np.frombuffer(big.encode("utf-8"), dtype=np.uint8)
    if not len(b):
        return arr
    edges = np.flatnonzero(b == 10)
    ends = np.concatenate([edges - 1, [len(b) - 1]])
    starts = np.concatenate([[0], edges + 1])
    ends, starts = ends[(ends >= 0) & (ends < len(b))], starts[starts < len(b)]
    space = np.isin(b[ends], (9, 13, 32)).any() or np.isin(b[starts], (9, 13, 32)).any()
    if space or "\u3000" in big or "\u00a0" in big or big.count("\n") != len(arr) - 1:
        return np.array([v.strip() for v in arr], dtype=object)
    return arr


def _native_ids(arr: np.ndarray, native: np.ndarray) -> np.ndarray:
    out = arr.copy()
    for i in np.flatnonzero(np.array([v is not None for v in native], dtype=bool)):
        v = native[i]
        if isinstance(v, float) and v.is_integer():
            out[i] = str(int(v))
        elif hasattr(v, "isoformat") and not isinstance(v, numbers.Number):
            out[i] = v.isoformat()
        else:
            out[i] = str(v)
    return out
