"""Export: tables to CSV and XLSX bytes that are safe to open in Excel.

A table exported from the course (a target plan, a scoreboard, an analysis of a
user's own CRM export) is opened in Excel or WPS. Two things go wrong there unless
the file is written with care:

* **Formula injection** (CSV injection, OWASP "CSV Injection"): a text cell that
  begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which
  Excel strips before looking) is run as a formula when the file is opened, so a
  customer called ``=HYPERLINK(...)`` becomes a live link. :func:`safe_cells`
  neutralises such text with a leading apostrophe, as OWASP recommends; numbers
  are left as numbers.
* **Chinese text garbled**: Excel opens a UTF-8 CSV without a byte-order mark in
  the local code page. :func:`to_csv_bytes` writes UTF-8 *with* BOM.

:func:`to_xlsx_bytes` writes an Excel workbook with openpyxl (one sheet per
table) and :func:`download_link` wraps either in an HTML download link that works
in a static page and in Voilà, with no server round trip.

Nothing here writes to disk: every function returns bytes or a string.
"""

from __future__ import annotations

import base64
import datetime
import html
import io
import os
import re
import zipfile
from collections.abc import Mapping

import pandas as pd

__all__ = ["DANGEROUS_PREFIXES", "download_link", "safe_cells", "to_csv_bytes", "to_xlsx_bytes"]

#: First characters that make Excel/WPS/LibreOffice treat a text cell as a formula.
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

_XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_CSV_MIME = "text/csv;charset=utf-8"


def _neutralise(series: pd.Series) -> pd.Series:
    """Text cells of ``series`` that start with a dangerous character get a leading '."""
    if (
        pd.api.types.is_numeric_dtype(series.dtype)
        or pd.api.types.is_bool_dtype(series.dtype)
        or pd.api.types.is_datetime64_any_dtype(series.dtype)
    ):
        return series
    is_text = series.map(lambda v: isinstance(v, str), na_action="ignore")
    is_text = is_text.fillna(False).astype(bool)
    if not is_text.any():
        return series
    text = series[is_text].astype(str)
    risky = text.str.startswith(DANGEROUS_PREFIXES)
    if not risky.any():
        return series
    out = series.astype(object).copy()
    idx = text.index[risky.to_numpy()]
    out.loc[idx] = "'" + text[risky]
    return out


def safe_cells(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` in which no text cell can run as a formula in a spreadsheet.

    Text cells (and text column headers) that start with ``=``, ``+``, ``-``, ``@``,
    a tab or a carriage return get a leading apostrophe, which spreadsheets show as
    text. Numbers, dates and missing values are untouched, so ``-5`` stays the
    number -5 while the text ``"-5"`` becomes ``"'-5"``. The input is not modified.

    >>> safe_cells(pd.DataFrame({"name": ["=1+1", "ACME"], "x": [-5, 2]}))
        name  x
    0  '=1+1 -5
    1   ACME  2
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError("safe_cells needs a pandas DataFrame.")
    out = df.copy()
    for i in range(out.shape[1]):
        out.isetitem(i, _neutralise(out.iloc[:, i]))
    out.columns = [
        ("'" + c) if isinstance(c, str) and c.startswith(DANGEROUS_PREFIXES) else c
        for c in out.columns
    ]
    return out


def to_csv_bytes(df: pd.DataFrame, index: bool = False) -> bytes:
    """``df`` as CSV bytes, UTF-8 with a byte-order mark, formula cells neutralised.

    The BOM makes Excel read Chinese text correctly; line endings are ``\\r\\n``
    as Excel writes them.

    >>> to_csv_bytes(pd.DataFrame({"客户": ["=A1"], "金额": [1.5]}))[:3] == b"\\xef\\xbb\\xbf"
    True
    >>> to_csv_bytes(pd.DataFrame({"客户": ["=A1"], "金额": [1.5]})).decode("utf-8-sig")
    "客户,金额\\r\\n'=A1,1.5\\r\\n"
    """
    text = safe_cells(df).to_csv(index=index, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def _sheet_name(name: object, used: set[str]) -> str:
    """A valid, unique Excel sheet name (at most 31 characters, no []:*?/\\)."""
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in str(name)).strip("'")
    clean = (clean or "Sheet")[:31]
    candidate, n = clean, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate = clean[: 31 - len(suffix)] + suffix
        n += 1
    used.add(candidate.lower())
    return candidate


def to_xlsx_bytes(tables: pd.DataFrame | Mapping[str, pd.DataFrame], index: bool = False) -> bytes:
    """An Excel workbook (bytes) with one sheet per table, formula cells neutralised.

    ``tables`` is a DataFrame (one sheet called "Sheet1") or a mapping of sheet
    name to DataFrame (sheets in the mapping's order; names are shortened to
    Excel's 31 characters and made unique). Written with openpyxl.

    >>> data = to_xlsx_bytes({"客户": pd.DataFrame({"a": ["@SUM(1)"]})})
    >>> data[:2] == b"PK"
    True
    """
    if isinstance(tables, pd.DataFrame):
        tables = {"Sheet1": tables}
    if not isinstance(tables, Mapping) or not tables:
        raise ValueError(
            "to_xlsx_bytes needs a DataFrame or a non-empty mapping of sheet name to DataFrame."
        )
    for name, df in tables.items():
        if not isinstance(df, pd.DataFrame):
            raise ValueError(f"Sheet {name!r}: expected a DataFrame, got {type(df).__name__}.")
    buffer = io.BytesIO()
    used: set[str] = set()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, df in tables.items():
            safe = safe_cells(df)
            # Excel has no time zones: write local wall-clock times.
            for i in range(safe.shape[1]):
                col = safe.iloc[:, i]
                if isinstance(col.dtype, pd.DatetimeTZDtype):
                    safe.isetitem(i, col.dt.tz_localize(None))
            safe.to_excel(writer, sheet_name=_sheet_name(name, used), index=index)
    return _reproducible(buffer.getvalue())


def _reproducible(workbook: bytes) -> bytes:
    """The workbook with its clock readings pinned when ``SOURCE_DATE_EPOCH`` is set.

    openpyxl stamps the current time into every zip entry and into the document's
    created/modified properties, so the same table gives different bytes each run.
    Under the reproducible-builds convention (``SOURCE_DATE_EPOCH``, seconds since
    1970, set by ``tools/run_notebooks.py``) those stamps become that moment (zip
    cannot hold a date before 1980), and a notebook that embeds the file is
    byte-identical from run to run. Without it the real time stays.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None or not epoch.strip().isdigit():
        return workbook
    moment = max(
        datetime.datetime.fromtimestamp(int(epoch), datetime.UTC),
        datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC),
    )
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    src = zipfile.ZipFile(io.BytesIO(workbook))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamp, body)
            entry = zipfile.ZipInfo(info.filename, date_time=moment.timetuple()[:6])
            dst.writestr(entry, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def download_link(
    df: pd.DataFrame | Mapping[str, pd.DataFrame], filename: str, label: str | None = None
) -> str:
    """An HTML ``<a download>`` link carrying the table as a base64 data URI.

    The format follows ``filename``: ``.xlsx`` gives a workbook
    (:func:`to_xlsx_bytes`, a mapping gives several sheets), anything else a CSV
    (:func:`to_csv_bytes`). ``label`` is the link text (default: the file name).
    Works in a static HTML page, JupyterLab and Voilà without a server.

    >>> link = download_link(pd.DataFrame({"a": [1]}), "plan.csv", "Download")
    >>> link.startswith('<a download="plan.csv" href="data:text/csv;charset=utf-8;base64,')
    True
    """
    if not filename or any(ch in filename for ch in '/\\"<>'):
        raise ValueError(
            "The file name must be a plain name such as 'plan.xlsx' "
            "(no folders, quotes or angle brackets)."
        )
    if filename.lower().endswith(".xlsx"):
        data, mime = to_xlsx_bytes(df), _XLSX_MIME
    else:
        if not isinstance(df, pd.DataFrame):
            raise ValueError(
                "A CSV file holds one table: pass a DataFrame, or name the "
                "file .xlsx for several sheets."
            )
        data, mime = to_csv_bytes(df), _CSV_MIME
    payload = base64.b64encode(data).decode("ascii")
    text = html.escape(label if label is not None else filename)
    return (
        f'<a download="{html.escape(filename)}" href="data:{mime};base64,{payload}" '
        f'target="_blank">{text}</a>'
    )
