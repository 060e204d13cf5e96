"""Reading a user's own CRM/ERP export: CSV or XLSX, English or Chinese headers.

A sales manager's order export rarely looks like the sample company's tidy CSV: it
is GBK-encoded with Chinese headers, has a title row above the header, writes money
as ``"¥1,234.50"`` or ``"1 234,50 €"`` and dates as ``"2026年11月1日"``.
:func:`read_crm_export` reads such a file into the canonical columns of
:data:`CRM_TABLES` (for ``order_lines``: order_id, order_date, customer_id,
product_id, quantity, unit_price, unit_cost, list_price, rep_id) and refuses what
it cannot read correctly with a :class:`salesprofit.data.DataError` whose message
names the file, the column *as it is named in the file*, the rows *as Excel
numbers them* and what was expected. It never guesses silently: no NaN where a
value was written, no number read in the wrong decimal style.

How it reads (all in memory; the user's file is opened read-only and never written):

1. **What kind of file**: magic bytes tell an Excel workbook (ZIP ``PK``), an old
   ``.xls``, an image/PDF/archive (refused: not a spreadsheet) from text.
2. **Encoding** (text): a byte-order mark wins (UTF-8 or UTF-16); otherwise
   charset-normalizer (Ousret, *charset_normalizer*, MIT) ranks candidate encodings
   on a sample of the lines that hold non-ASCII bytes, and the candidate whose
   decoding yields recognised column names is taken (GBK/GB2312 are read as their
   superset GB18030). The whole file is then decoded strictly.
3. **Separator and header row**: comma, semicolon, tab or bar; the separator and
   the row (among the first 30) that give the most recognised column names win,
   so a title row above the header is skipped.
4. **Columns**: headers are matched after normalising case, spaces, underscores and
   a unit in brackets (``单价（元）`` is ``单价``); an explicit ``mapping`` wins.
5. **Values**, vectorised with pandas: identifiers trimmed; numbers with currency
   marks, spaces or apostrophes as thousands separators, accounting negatives
   ``(1,234.50)``, and a decimal comma where the column (or a semicolon-separated
   file) uses one; dates in ISO, slash, dot and Chinese forms, ``YYYYMMDD`` and
   Excel serial numbers. Fully blank rows and total rows (合计, 总计, Total) are
   dropped and reported.

Pure except for reading the file: no widgets, no plotting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .crm_columns import (
    _TOTAL_WORDS,
    CRM_TABLES,
    EXPECTED_DATE,
    EXPECTED_NUMBER,
    CrmColumn,
    CrmImport,
    _fail,
    _norm,
    _rows_text,
    _spec,
    _values_text,
    accepted_headers,
)
from .crm_read import _Sheet, load_bytes, read_sheet
from .crm_values import (
    _BadCellsError,
    _native_ids,
    _parse_dates,
    _parse_numbers,
    _strip_ids,
    parse_numbers,
)
from .dataspec import DataError

__all__ = [
    "CRM_TABLES",
    "CrmColumn",
    "CrmImport",
    "accepted_headers",
    "inspect_crm_export",
    "parse_numbers",
    "read_crm_export",
]


# The reader


def _problem(
    name: str, header: str, n: int, one: str, many: str, rows: np.ndarray, shown: list[Any]
) -> str:
    return (
        f"File '{name}', column '{header}': {n} {'value' if n == 1 else 'values'} "
        f"{one if n == 1 else many}; {_rows_text(rows)} (numbered as in Excel); bad "
        f"values: {_values_text(shown)}."
    )


def _mapping_keys(spec: tuple[CrmColumn, ...], mapping: dict[str, str | None] | None) -> set[str]:
    """Normalised headers the mapping names (either way round), to help find the header."""
    if mapping is not None and not isinstance(mapping, dict):
        raise _fail("mapping must be a dict such as {'your header': 'quantity'}.")
    canon_names = {c.name for c in spec}
    return {_norm(k) for k in (mapping or {})} | {
        _norm(v) for k, v in (mapping or {}).items() if k in canon_names and isinstance(v, str)
    }


@dataclass
class _Cells:
    """The assigned columns' cells: text (ids stripped), native XLSX values, Excel rows."""

    texts: dict[str, np.ndarray]
    natives: dict[str, np.ndarray]
    excel_rows: np.ndarray


def _cells(sheet: _Sheet, spec: tuple[CrmColumn, ...]) -> _Cells:
    """Step 2: the cells of each assigned column, with the Excel row of each row."""
    info, assigned, n = sheet.info, sheet.assigned, sheet.n
    texts = {c: sheet.cells[p] for c, p in assigned.items()}
    natives = {c: sheet.native[p] for c, p in assigned.items()} if sheet.native else {}
    for c in spec:
        if c.kind == "id" and c.name in texts:
            texts[c.name] = _strip_ids(texts[c.name])
    excel_rows = np.arange(info["first_row"], info["first_row"] + n, dtype=np.int64)
    return _Cells(texts, natives, excel_rows)


def _empty_cells(cells: _Cells) -> dict[str, np.ndarray]:
    """Per column, the rows whose cell is blank (no text and no native value)."""
    texts, natives = cells.texts, cells.natives
    return {
        c: (np.isnan(texts[c]) if texts[c].dtype.kind == "f" else texts[c] == "")
        & (natives[c] == None if natives else True)  # noqa: E711
        for c in texts
    }


def _total_rows(
    sheet: _Sheet, spec: tuple[CrmColumn, ...], empty: dict[str, np.ndarray], blank: np.ndarray
) -> np.ndarray:
    """Total rows: a word such as 合计 where a required identifier is blank."""
    some_id_blank = np.zeros(sheet.n, dtype=bool)
    for c in spec:
        if c.kind == "id" and c.required and c.name in empty:
            some_id_blank |= empty[c.name]
    total = np.zeros(sheet.n, dtype=bool)
    candidates = np.flatnonzero(some_id_blank & ~blank)
    if len(candidates) and len(candidates) <= 10_000:
        for arr in sheet.cells.values():
            words = np.array(
                [str(v).strip().lower() in _TOTAL_WORDS for v in arr[candidates]], dtype=bool
            )
            total[candidates[words]] = True
    return total


def _drop_blank_and_total_rows(
    sheet: _Sheet, spec: tuple[CrmColumn, ...], cells: _Cells, name: str, notes: list[str]
) -> _Cells:
    """Step 3: leave out empty rows and total rows, saying so in ``notes``."""
    empty = _empty_cells(cells)
    blank = np.ones(sheet.n, dtype=bool)
    for c in empty:
        blank &= empty[c]
    total = _total_rows(sheet, spec, empty, blank)
    if total.any():
        notes.append(
            f"Left out {int(total.sum())} total row(s) ({_rows_text(cells.excel_rows[total])})."
        )
    dropped_blank = int(blank.sum())
    keep = ~(blank | total)
    if not keep.all():
        cells = _Cells(
            {c: a[keep] for c, a in cells.texts.items()},
            {c: a[keep] for c, a in cells.natives.items()},
            cells.excel_rows[keep],
        )
    if not len(cells.excel_rows):
        raise _fail(
            f"File '{name}' has a header row (row {sheet.info['header_row']}) but no "
            "order lines below it."
        )
    if dropped_blank:
        notes.append(f"Skipped {dropped_blank:,} empty row(s).")
    return cells


def _id_column(
    col: CrmColumn, arr: np.ndarray, native: np.ndarray | None
) -> tuple[pd.api.extensions.ExtensionArray | None, np.ndarray]:
    """Identifiers as text (blank = missing); None when a required one is missing."""
    if native is not None:
        arr = _native_ids(arr, native)
    missing = arr == ""
    if col.required and missing.any():
        return None, missing
    values = arr.copy() if missing.any() else arr
    if missing.any():
        values[missing] = np.nan
    return pd.array(values, dtype="str"), missing


def _date_column(arr: np.ndarray, native: np.ndarray | None) -> np.ndarray:
    """Dates parsed; every cell must hold one."""
    values = _parse_dates(arr, native)
    if np.isnat(values).any():
        raise _BadCellsError(
            np.isnat(values),
            f"is empty (expected {EXPECTED_DATE})",
            f"are empty (expected {EXPECTED_DATE})",
        )
    return values


def _number_column(
    col: CrmColumn, arr: np.ndarray, native: np.ndarray | None, comma_hint: bool
) -> np.ndarray:
    """Numbers (money too) parsed; required ones filled, money not negative."""
    values = _parse_numbers(arr, native, comma_hint)
    if col.required and np.isnan(values).any():
        raise _BadCellsError(
            np.isnan(values),
            f"is empty (expected {EXPECTED_NUMBER})",
            f"are empty (expected {EXPECTED_NUMBER})",
        )
    if col.kind == "money" and (values < 0).any():
        raise _BadCellsError(
            values < 0,
            "is negative (a price or cost cannot be below 0)",
            "are negative (a price or cost cannot be below 0)",
        )
    return values


def _bad_cells_problem(
    bad: _BadCellsError,
    name: str,
    header: str,
    arr: np.ndarray,
    native: np.ndarray | None,
    excel_rows: np.ndarray,
) -> str:
    """The sentence for a column's bad cells, showing the first three as in the file."""
    mask = bad.mask
    shown = list(arr[mask][:3])
    if native is not None:
        shown = [
            t if t != "" else ("" if v is None else v)
            for t, v in zip(arr[mask][:3], native[mask][:3])
        ]
    return _problem(name, header, int(mask.sum()), bad.one, bad.many, excel_rows[mask], shown)


def _parse_columns(
    sheet: _Sheet, spec: tuple[CrmColumn, ...], cells: _Cells, name: str, labels: list[str]
) -> dict[str, Any]:
    """Steps 4-6: map, parse and validate each column; every problem in one DataError."""
    out: dict[str, Any] = {}
    problems: list[str] = []
    for col in spec:
        if col.name not in sheet.assigned:
            continue
        arr = cells.texts[col.name]
        native = cells.natives.get(col.name)
        header = labels[sheet.assigned[col.name]]
        try:
            if col.kind == "id":
                values, missing = _id_column(col, arr, native)
                if values is None:
                    k = int(missing.sum())
                    problems.append(
                        f"File '{name}', column '{header}': {k} "
                        f"{'row has' if k == 1 else 'rows have'} no {col.meaning} "
                        f"({_rows_text(cells.excel_rows[missing])}, numbered as in Excel). Every "
                        f"order line needs a {col.meaning}."
                    )
                    continue
                out[col.name] = values
            elif col.kind == "date":
                out[col.name] = _date_column(arr, native)
            else:
                out[col.name] = _number_column(col, arr, native, sheet.info["comma_hint"])
        except _BadCellsError as bad:
            problems.append(_bad_cells_problem(bad, name, header, arr, native, cells.excel_rows))
    if problems:
        err = DataError("\n".join(problems))
        err.problems = problems  # type: ignore[attr-defined]
        raise err
    return out


def _frame_notes(
    df: pd.DataFrame, spec: tuple[CrmColumn, ...], labels: list[str], assigned: dict[str, int]
) -> list[str]:
    """Step 7: sentences on blank optional columns and negative quantities."""
    notes = []
    for c in spec:
        if c.name in df and not c.required:
            n_blank = int(df[c.name].isna().sum())
            if n_blank:
                notes.append(
                    f"Column '{labels[assigned[c.name]]}' ({c.name}) is blank in "
                    f"{n_blank:,} row(s); analyses that need it leave those rows out."
                )
    if "quantity" in df:
        neg = int((df["quantity"] < 0).sum())
        if neg:
            notes.append(
                f"{neg:,} row(s) have a negative quantity (returns or credit notes);"
                " they are kept and reduce revenue."
            )
    return notes


def inspect_crm_export(
    source: Any,
    table: str = "order_lines",
    mapping: dict[str, str | None] | None = None,
    name: str | None = None,
) -> CrmImport:
    """Read an export and say how it was understood (:class:`CrmImport`).

    ``source`` is a path, or the file's bytes (an upload) with ``name`` the file name
    shown in messages. ``mapping`` maps a header in the file to a canonical column
    (or to None to ignore it); it wins over the built-in header names. Raises
    :class:`~salesprofit.data.DataError` when the file cannot be read correctly.

    The steps: read the bytes and find the encoding, separator and header
    (:func:`~salesprofit.crm_read.read_sheet`), take each assigned column's cells (:func:`_cells`), leave out
    empty and total rows (:func:`_drop_blank_and_total_rows`), parse and validate
    identifiers, dates and money (:func:`_parse_columns`), and report what was assumed
    (:func:`_frame_notes`).

    >>> csv_bytes = "订单号,下单日期,客户,数量,单价\\nA1,2026年11月1日,华信,2,\\"￥1,234.50\\"\\n"
    >>> imp = inspect_crm_export(csv_bytes.encode("gbk"), name="export.csv")
    >>> imp.encoding, imp.columns["unit_price"], float(imp.data.loc[0, "unit_price"])
    ('GBK/GB18030', '单价', 1234.5)
    """
    spec = _spec(table)
    mapping_keys = _mapping_keys(spec, mapping)
    data, name = load_bytes(source, name)
    sheet, fmt = read_sheet(data, name, spec, mapping, mapping_keys)
    del data
    labels = ["" if h is None else str(h).strip() for h in sheet.header]
    notes: list[str] = []
    cells = _drop_blank_and_total_rows(sheet, spec, _cells(sheet, spec), name, notes)
    df = pd.DataFrame(_parse_columns(sheet, spec, cells, name, labels))
    if "quantity" in df and len(df) and (df["quantity"] % 1 == 0).all():
        df["quantity"] = df["quantity"].astype("int64")
    notes += _frame_notes(df, spec, labels, sheet.assigned)
    info = sheet.info
    return CrmImport(
        data=df,
        source=name,
        file_format=fmt,
        encoding=info["encoding"],
        separator=info["separator"],
        sheet=info["sheet"],
        header_row=info["header_row"],
        columns={c: labels[p] for c, p in sheet.assigned.items()},
        ignored=sheet.ignored,
        missing=[c.name for c in spec if c.name not in sheet.assigned],
        notes=notes,
        excel_rows=cells.excel_rows,
    )


def read_crm_export(
    path: Any,
    table: str = "order_lines",
    mapping: dict[str, str | None] | None = None,
    name: str | None = None,
) -> pd.DataFrame:
    """A user's own CRM/ERP export (CSV or XLSX) as the canonical columns.

    Columns for ``order_lines``: order_id, order_date (datetime), customer_id,
    quantity (int64 when all whole, else float), unit_price (float, the price paid
    per unit in the file's currency) and, when the file has them, product_id,
    unit_cost, list_price, rep_id. ``path`` may also be the bytes of an upload
    (``name`` then names it in messages). ``mapping`` maps a header in the file to
    a canonical column, or to None to ignore it; it wins over the built-in names.
    The file is only read, never written.

    Raises :class:`~salesprofit.data.DataError` naming the file, the column as named
    in the file, the rows as Excel numbers them and what was expected.

    >>> data = "order id;date;customer;qty;price\\nA1;2026/11/01;ACME;3;1 234,50 €\\n"
    >>> df = read_crm_export(data.encode("utf-8"), name="acme.csv")
    >>> str(df["order_date"].dtype), float(df.loc[0, "unit_price"])
    ('datetime64[us]', 1234.5)
    """
    return inspect_crm_export(path, table=table, mapping=mapping, name=name).data
