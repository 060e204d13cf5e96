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

import csv
import io
import numbers
import os
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

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

#: How many bad rows an error message lists.
MAX_ROWS_SHOWN = 5
#: How many rows from the top are searched for the header row.
HEADER_SEARCH_ROWS = 30
#: Bytes of non-ASCII lines given to charset-normalizer.
ENCODING_SAMPLE_BYTES = 64 * 1024
EXPECTED_NUMBER = "a number such as 1234.50, ¥1,234.50 or 1 234,50 €"
EXPECTED_DATE = "a date such as 2026-11-01, 2026/11/01 or 2026年11月1日"


@dataclass(frozen=True)
class CrmColumn:
    """A canonical column of an import: its kind, whether required, accepted headers.

    ``headers`` are the names accepted first; ``fallback`` names (such as a
    customer *name* standing in for a customer *id*) are used only when no
    ``headers`` match. ``kind`` is ``id``, ``date``, ``quantity`` or ``money``.
    """

    name: str
    kind: str
    required: bool
    meaning: str
    headers: tuple[str, ...]
    fallback: tuple[str, ...] = ()


CRM_TABLES: dict[str, tuple[CrmColumn, ...]] = {
    "order_lines": (
        CrmColumn(
            "order_id",
            "id",
            True,
            "order number",
            (
                "order_id",
                "order id",
                "order no",
                "order number",
                "订单号",
                "订单编号",
                "单号",
                "销售单号",
                "单据编号",
            ),
        ),
        CrmColumn(
            "order_date",
            "date",
            True,
            "order date",
            ("order_date", "order date", "下单日期", "订单日期", "下单时间", "单据日期"),
            ("date", "日期"),
        ),
        CrmColumn(
            "customer_id",
            "id",
            True,
            "customer",
            (
                "customer_id",
                "customer id",
                "customer code",
                "客户编号",
                "客户代码",
                "客户编码",
                "客户id",
            ),
            ("customer", "customer name", "客户名称", "客户"),
        ),
        CrmColumn(
            "product_id",
            "id",
            False,
            "product",
            (
                "product_id",
                "product id",
                "sku",
                "产品编号",
                "产品编码",
                "物料编号",
                "商品编号",
                "货号",
            ),
            ("product", "product name", "产品名称", "产品", "商品名称"),
        ),
        CrmColumn(
            "quantity", "quantity", True, "quantity sold", ("quantity", "qty", "数量", "销售数量")
        ),
        CrmColumn(
            "unit_price",
            "money",
            True,
            "price actually paid per unit",
            (
                "unit_price",
                "unit price",
                "net_price",
                "net price",
                "单价",
                "成交价",
                "成交单价",
                "实际单价",
            ),
            ("price", "价格"),
        ),
        CrmColumn(
            "unit_cost",
            "money",
            False,
            "cost per unit",
            ("unit_cost", "unit cost", "成本", "单位成本", "成本价", "成本单价"),
            ("cost",),
        ),
        CrmColumn(
            "list_price",
            "money",
            False,
            "list price per unit",
            ("list_price", "list price", "标准价", "目录价", "标价", "牌价"),
        ),
        CrmColumn(
            "rep_id",
            "id",
            False,
            "sales rep",
            (
                "rep_id",
                "sales_rep",
                "sales rep",
                "salesperson",
                "销售代表",
                "业务员",
                "销售员",
                "销售人员",
            ),
            ("rep",),
        ),
    ),
}

_TOTAL_WORDS = {"合计", "总计", "小计", "total", "grand total", "sum", "totals"}
_SEPARATORS = (",", ";", "\t", "|")
_SEP_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}


def _norm(header: Any) -> str:
    """A header reduced for matching: NFKC, lower case, no unit in brackets, '_' joins."""
    if header is None or (isinstance(header, float) and np.isnan(header)):
        return ""
    s = unicodedata.normalize("NFKC", str(header)).strip().lower().lstrip("*").strip()
    s = re.sub(r"\s*[(\[【].*?[)\]】]\s*$", "", s)
    s = re.sub(r"[\s_\-./:：]+", "_", s).strip("_")
    return s


def accepted_headers(table: str = "order_lines") -> dict[str, tuple[str, ...]]:
    """The headers recognised for each canonical column of ``table`` (for docs and UI).

    >>> accepted_headers()["quantity"]
    ('quantity', 'qty', '数量', '销售数量')
    """
    return {c.name: c.headers + c.fallback for c in _spec(table)}


def _spec(table: str) -> tuple[CrmColumn, ...]:
    if table not in CRM_TABLES:
        raise DataError(
            f"read_crm_export reads the table(s) {', '.join(CRM_TABLES)}; got {table!r}."
        )
    return CRM_TABLES[table]


def _lookup(spec: tuple[CrmColumn, ...]) -> dict[str, tuple[str, int]]:
    """Normalised header -> (canonical column, rank 0 primary / 1 fallback)."""
    out: dict[str, tuple[str, int]] = {}
    for col in spec:
        for h in col.headers:
            out[_norm(h)] = (col.name, 0)
        for h in col.fallback:
            out.setdefault(_norm(h), (col.name, 1))
    return out


@dataclass
class CrmImport:
    """What :func:`inspect_crm_export` read: the data and how the file was understood.

    ``data``: canonical columns with proper dtypes. ``source``: the file's name.
    ``file_format``: "csv" or "xlsx". ``encoding``/``separator``: for CSV.
    ``sheet``: for XLSX. ``header_row``: the header's row number as Excel shows it.
    ``columns``: canonical column -> header in the file. ``ignored``: headers not
    used. ``missing``: optional canonical columns the file lacks. ``notes``: plain
    sentences about what was dropped or assumed. ``excel_rows``: the Excel row
    number of each row of ``data``.
    """

    data: pd.DataFrame
    source: str
    file_format: str
    encoding: str | None
    separator: str | None
    sheet: str | None
    header_row: int
    columns: dict[str, str]
    ignored: list[str]
    missing: list[str]
    notes: list[str] = field(default_factory=list)
    excel_rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def summary(self) -> pd.DataFrame:
        """One row per canonical column: the header it came from and what it holds."""
        rows = []
        for col in _spec("order_lines"):
            header = self.columns.get(col.name)
            if header is None:
                status = "missing (required)" if col.required else "not in the file"
                filled = ""
            else:
                n = int(self.data[col.name].notna().sum())
                status = "read"
                filled = f"{n:,} of {len(self.data):,}"
            rows.append(
                {
                    "column": col.name,
                    "meaning": col.meaning,
                    "header in your file": header or "",
                    "status": status,
                    "filled rows": filled,
                }
            )
        return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------
# Messages
# --------------------------------------------------------------------------------------


def _rows_text(rows: np.ndarray) -> str:
    rows = np.asarray(rows)
    shown = ", ".join(str(int(r)) for r in rows[:MAX_ROWS_SHOWN])
    more = len(rows) - MAX_ROWS_SHOWN
    word = "row" if len(rows) == 1 else "rows"
    return f"{word} {shown}" + (f" and {more} more" if more > 0 else "")


def _values_text(values: Any) -> str:
    return ", ".join(repr(str(v)) for v in list(values)[:3])


def _fail(message: str) -> DataError:
    return DataError(message)


# --------------------------------------------------------------------------------------
# Bytes -> kind of file -> rows of text
# --------------------------------------------------------------------------------------

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"BM", None),
    (b"\x1f\x8b", "gzip archive"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"RIFF", "RIFF media file"),
    (b"\x7fELF", "program file"),
    (b"MZ", "Windows program"),
)


def _binary_kind(data: bytes) -> str | None:
    """A name for a non-text file, or None when it may be text."""
    for magic, kind in _MAGIC:
        if kind and data.startswith(magic):
            return kind
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 text
    if b"\x00" in head:
        return "binary file"
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if controls > max(2, len(head) // 100):
        return "binary file"
    return None


def _ascii_rich_sample(data: bytes) -> bytes:
    """The first lines that hold non-ASCII bytes (up to the sample size), whole lines."""
    pieces: list[bytes] = []
    size = 0
    start = 0
    n = len(data)
    while start < n and size < ENCODING_SAMPLE_BYTES:
        end = data.find(b"\n", start)
        end = n if end < 0 else end + 1
        line = data[start:end]
        if not line.isascii():
            pieces.append(line)
            size += len(line)
        start = end
        if start > 64 * ENCODING_SAMPLE_BYTES and not pieces:
            break  # a long pure-ASCII head: the rest is checked by the strict decode
    return b"".join(pieces)


def _detect_encoding(data: bytes, spec: tuple[CrmColumn, ...], mapping_keys: set[str]) -> str:
    """Encoding of CSV bytes: BOM, else charset-normalizer's candidates ranked by headers."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = _ascii_rich_sample(data)
    if not sample:
        return "utf-8"  # pure ASCII so far (a later non-ASCII byte is caught on decoding)
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(sample))
    if not matches:
        return "utf-8"
    head = data[:ENCODING_SAMPLE_BYTES]
    head = head[: head.rfind(b"\n") + 1] or head
    lookup = _lookup(spec)
    best, best_score = None, -1
    for m in matches[:6]:
        enc = _canonical_encoding(m.encoding)
        try:
            text = head.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        score = (
            max(_header_score(r, lookup, mapping_keys) for r in _sample_rows(text, ",;\t|"))
            if text
            else 0
        )
        if score > best_score:
            best, best_score = enc, score
    return best or _canonical_encoding(matches[0].encoding)


def _canonical_encoding(name: str) -> str:
    name = name.lower().replace("-", "_")
    if name in {"gb2312", "gbk", "hz", "gb18030", "cp936", "euc_cn"}:
        return "gb18030"
    if name in {"ascii", "utf_8"}:
        return "utf-8"
    return name


def _sample_rows(text: str, seps: str) -> list[list[str]]:
    """First rows split by every candidate separator (for header scoring)."""
    lines = text.splitlines()[:HEADER_SEARCH_ROWS]
    return [re.split(f"[{re.escape(seps)}]", line) for line in lines] or [[]]


def _header_score(
    cells: list[Any], lookup: dict[str, tuple[str, int]], mapping_keys: set[str]
) -> int:
    found = set()
    for c in cells:
        n = _norm(c)
        if n in mapping_keys:
            found.add(("m", n))
        elif n in lookup:
            found.add(lookup[n][0])
    return len(found)


def _find_header(
    rows: list[list[Any]], lookup: dict[str, tuple[str, int]], mapping_keys: set[str]
) -> tuple[int, int]:
    """(index, score) of the row among the first ones with the most recognised names."""
    best_i, best = -1, 0
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = _header_score(row, lookup, mapping_keys)
        if score > best:
            best_i, best = i, score
    return best_i, best


def _no_header(name: str, first: list[Any]) -> DataError:
    shown = ", ".join(repr(str(c)) for c in first[:8] if str(c).strip()) or "nothing"
    return _fail(
        f"File '{name}': no header row found in the first {HEADER_SEARCH_ROWS} rows "
        f"(the first row holds {shown}). Expected a row of column names such as "
        "order_id, order_date, customer_id, quantity, unit_price (or 订单号, 下单日期, "
        "客户, 数量, 单价); rename your columns or pass mapping={'your header': "
        "'quantity', ...}."
    )


# --------------------------------------------------------------------------------------
# Header -> canonical columns
# --------------------------------------------------------------------------------------


def _assign(
    header: list[Any], spec: tuple[CrmColumn, ...], name: str, mapping: dict[str, str | None] | None
) -> tuple[dict[str, int], list[str]]:
    """canonical name -> column position; and the headers left unused."""
    canon = {c.name: c for c in spec}
    labels = ["" if h is None else str(h).strip() for h in header]
    norm = [_norm(h) for h in header]
    assigned: dict[str, int] = {}
    taken: set[int] = set()
    if mapping:
        for key, value in mapping.items():
            k = _norm(key)
            positions = [i for i, n in enumerate(norm) if n == k and n]
            if (
                not positions and key in canon and value is not None and _norm(value) in norm
            ):  # given the other way round: canonical -> header
                k, value = _norm(value), key
                positions = [i for i, n in enumerate(norm) if n == k]
            if not positions:
                raise _fail(
                    f"File '{name}': the mapping names the column '{key}', which "
                    f"the file does not have. Columns in your file: "
                    f"{', '.join(l for l in labels if l)}."
                )
            if len(positions) > 1:
                raise _fail(
                    f"File '{name}': {len(positions)} columns are called "
                    f"'{labels[positions[0]]}'; rename one of them in the file."
                )
            taken.add(positions[0])
            if value is None:
                continue
            if value not in canon:
                raise _fail(
                    f"File '{name}': the mapping sends '{key}' to '{value}', which "
                    f"is not a column this reader knows; use one of "
                    f"{', '.join(canon)} (or None to ignore the column)."
                )
            if value in assigned:
                raise _fail(f"File '{name}': the mapping sends two columns to '{value}'.")
            assigned[value] = positions[0]
    lookup = _lookup(spec)
    for col in spec:
        if col.name in assigned:
            continue
        for rank in (0, 1):
            hits = [
                i
                for i, n in enumerate(norm)
                if i not in taken and lookup.get(n) == (col.name, rank)
            ]
            if len(hits) > 1:
                a, b = labels[hits[0]], labels[hits[1]]
                raise _fail(
                    f"File '{name}': columns '{a}' and '{b}' both mean {col.name} "
                    f"({col.meaning}). Keep one of them in the file, or pass "
                    f"mapping={{'{a}': '{col.name}', '{b}': None}}."
                )
            if hits:
                assigned[col.name] = hits[0]
                taken.add(hits[0])
                break
    for col in spec:
        if col.required and col.name not in assigned:
            found = ", ".join(repr(l) for l in labels if l) or "none"
            accepted = ", ".join(col.headers + col.fallback)
            raise _fail(
                f"File '{name}': the required column {col.name} ({col.meaning}) is "
                f"missing. Accepted headers: {accepted}. Columns in your file: {found}. "
                f"Rename the column in the file, or pass mapping={{'your header': "
                f"'{col.name}'}}."
            )
    used = set(assigned.values())
    ignored = [labels[i] for i in range(len(labels)) if i not in used and labels[i]]
    return assigned, ignored


# --------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------

_ENCODING_LABELS = {
    "utf-8-sig": "UTF-8 with BOM",
    "utf-8": "UTF-8",
    "gb18030": "GBK/GB18030",
    "utf-16": "UTF-16",
}


def _read_csv(
    data: bytes,
    name: str,
    spec: tuple[CrmColumn, ...],
    mapping: dict[str, str | None] | None,
    mapping_keys: set[str],
) -> _Sheet:
    encoding = _detect_encoding(data, spec, mapping_keys)
    label = _ENCODING_LABELS.get(encoding, encoding)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        row = data.count(b"\n", 0, exc.start) + 1
        label = label.replace(" with BOM", "")
        raise _fail(
            f"File '{name}' cannot be read as {label} text: row {row} holds bytes that "
            f"are not valid {label} (the rows above it read as {label}). Save the file "
            "again from Excel as 'CSV UTF-8' so that the whole file uses one encoding."
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise _fail(
            f"File '{name}' is empty: it holds no data. Export the order lines "
            "from your CRM again (CSV or XLSX)."
        )
    lookup = _lookup(spec)
    head = text[: 256 * 1024]
    candidates = []
    for order, sep in enumerate(_SEPARATORS):
        rows = list(_csv_head(head, sep))
        idx, score = _find_header(rows, lookup, mapping_keys)
        width = len(rows[idx]) if idx >= 0 else 0
        candidates.append(((score, width, -order), sep, idx, rows))
    _, sep, idx, rows = max(candidates, key=lambda c: c[0])
    if idx < 0:
        raise _no_header(name, rows[0] if rows else [])
    header = list(rows[idx])
    assigned, ignored = _assign(header, spec, name, mapping)
    width = max([len(header)] + [len(r) for r in rows[idx + 1 :]])
    # every column is parsed: with usecols pandas silently drops a surplus cell (e.g. the
    # "50" of an unquoted decimal comma "12,50"), so no usecols here
    # the C parser reads UTF-8 bytes fastest; other encodings are transcoded once
    if encoding in ("utf-8", "utf-8-sig"):
        buffer = io.BytesIO(data)
        if encoding == "utf-8-sig":
            buffer.seek(3)
    else:
        buffer = io.BytesIO(text.encode("utf-8"))
    del text
    # number columns whose first rows are plain numbers (1234.5) are parsed straight to
    # float64, saving a Python string per cell; any other text in them (a currency mark,
    # a thousands separator, a word) makes pandas refuse and the column is read as text.
    # Not in semicolon files, where "1.234" may mean one thousand two hundred and four.
    fast = (
        []
        if sep == ";"
        else [
            assigned[c.name]
            for c in spec
            if c.kind in ("quantity", "money")
            and c.name in assigned
            and _plain_numbers(
                [r[assigned[c.name]] for r in rows[idx + 1 :] if assigned[c.name] < len(r)]
            )
        ]
    )
    try:
        try:
            frame = _read_frame(buffer, sep, idx, width, fast)
        except pd.errors.ParserError:
            raise
        except ValueError:  # a fast column holds text after all: read everything as text
            buffer.seek(3 if encoding == "utf-8-sig" else 0)
            frame = _read_frame(buffer, sep, idx, width, [])
    except pd.errors.ParserError as exc:
        m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if m:
            raise _fail(
                f"File '{name}': row {m.group(2)} has {m.group(3)} cells but the rows "
                f"above it have {m.group(1)}. A value probably contains the separator "
                f"'{_SEP_NAMES[sep]}' ({sep!r}) without quotes, for example a decimal comma "
                "or a thousands separator; put quotes around it or save the file again "
                "from Excel."
            ) from None
        raise _fail(
            f"File '{name}' is not a readable CSV file: {str(exc).strip().splitlines()[-1]}."
        ) from None
    except pd.errors.EmptyDataError:
        frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in range(width)})
    first_row = idx + 2
    for c in range(len(header), width):  # values beyond the last header: shifted cells
        filled = frame[c].to_numpy(dtype=object) != ""
        if filled.any():
            row = first_row + int(np.flatnonzero(filled)[0])
            raise _fail(
                f"File '{name}': row {row} has more cells than the header row (row "
                f"{idx + 1}) has names. A value probably contains the separator "
                f"'{_SEP_NAMES[sep]}' ({sep!r}) without quotes, for example a decimal "
                "comma or a thousands separator; put quotes around it or save the file "
                "again from Excel."
            )
    cells = {c: frame[c].to_numpy() for c in frame.columns if c < len(header)}
    return _Sheet(
        header,
        assigned,
        ignored,
        cells,
        None,
        len(frame),
        {
            "encoding": label,
            "separator": sep,
            "sheet": None,
            "header_row": idx + 1,
            "first_row": first_row,
            "comma_hint": sep == ";",
        },
    )


def _plain_numbers(sample: list[str]) -> bool:
    """Whether sample cells are all plain numbers like 12 or -1234.5 (some non-blank)."""
    filled = [v for v in sample if v != ""]
    return bool(filled) and all(re.fullmatch(r"-?\d{1,15}(?:\.\d{1,15})?", v) for v in filled)


def _read_frame(
    buffer: io.BytesIO, sep: str, idx: int, width: int, fast: list[int]
) -> pd.DataFrame:
    """The table below the header: text cells ("" when blank), float64 for ``fast``."""
    dtype: dict[int, Any] = {c: (np.float64 if c in fast else object) for c in range(width)}
    # pandas only warns when a row does not fit the columns and drops cells: that would be
    # a silent loss of data, so it is refused as a broken file instead
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.ParserWarning)
        try:
            return pd.read_csv(
                buffer,
                sep=sep,
                header=None,
                skiprows=idx + 1,
                names=list(range(width)),
                dtype=dtype,
                na_filter=bool(fast),
                keep_default_na=False,
                na_values={c: [""] for c in fast} if fast else None,
                skip_blank_lines=False,
                engine="c",
                quotechar='"',
                index_col=False,
                encoding="utf-8",
            )
        except pd.errors.ParserWarning:
            raise pd.errors.ParserError(
                "its rows do not all fit under the header row (a line break or a quote "
                "inside a cell may have split a row); open it in Excel and save it again "
                "as CSV"
            ) from None


def _csv_head(text: str, sep: str):
    reader = csv.reader(io.StringIO(text), delimiter=sep, quotechar='"')
    try:
        for i, row in enumerate(reader):
            if i >= HEADER_SEARCH_ROWS + 20:
                return
            yield row
    except csv.Error:
        return


@dataclass
class _Sheet:
    """The raw table: header, column assignment, text cells ("" = blank), native cells."""

    header: list[Any]
    assigned: dict[str, int]
    ignored: list[str]
    cells: dict[int, np.ndarray]  # position -> object array of str ("" when blank)
    native: dict[int, np.ndarray] | None  # XLSX: position -> non-text values (None)
    n: int
    info: dict[str, Any]


# --------------------------------------------------------------------------------------
# XLSX
# --------------------------------------------------------------------------------------


def _read_xlsx(
    data: bytes,
    name: str,
    spec: tuple[CrmColumn, ...],
    mapping: dict[str, str | None] | None,
    mapping_keys: set[str],
) -> _Sheet:
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _fail(
            f"File '{name}' looks like an Excel workbook but cannot be opened (it "
            "may be damaged or cut short). Open it in Excel or WPS and save it "
            "again as .xlsx, or export CSV."
        ) from None
    if "xl/workbook.xml" not in names:
        raise _fail(
            f"File '{name}' is a ZIP archive, not an Excel workbook. Export the "
            "order lines from your CRM as CSV or Excel (.xlsx)."
        )
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for damaged files
        raise _fail(
            f"File '{name}' looks like an Excel workbook but cannot be opened (it "
            "may be damaged or password-protected). Open it in Excel or WPS and "
            "save it again as .xlsx, or export CSV."
        ) from None
    lookup = _lookup(spec)
    first: list[Any] = []
    try:
        for ws in wb.worksheets:
            rows = ws.iter_rows(values_only=True)
            head: list[tuple[Any, ...]] = []
            for row in rows:
                head.append(row)
                if len(head) >= HEADER_SEARCH_ROWS:
                    break
            if not first and head:
                first = [v for v in head[0]]
            idx, _ = _find_header([list(r) for r in head], lookup, mapping_keys)
            if idx < 0:
                continue
            header = list(head[idx])
            assigned, ignored = _assign(header, spec, name, mapping)
            body = head[idx + 1 :] + list(rows)
            width = max([len(header)] + [len(r) for r in body])
            header += [None] * (width - len(header))
            cells: dict[int, np.ndarray] = {}
            native: dict[int, np.ndarray] = {}
            for c in range(width):
                column = [r[c] if c < len(r) else None for r in body]
                cells[c] = np.array([v if isinstance(v, str) else "" for v in column], dtype=object)
                native[c] = np.array(
                    [None if isinstance(v, str) else v for v in column], dtype=object
                )
            return _Sheet(
                header,
                assigned,
                ignored,
                cells,
                native,
                len(body),
                {
                    "encoding": None,
                    "separator": None,
                    "sheet": ws.title,
                    "header_row": idx + 1,
                    "first_row": idx + 2,
                    "comma_hint": False,
                },
            )
    finally:
        wb.close()
    if not first or all(v is None or (isinstance(v, str) and not v.strip()) for v in first):
        raise _fail(
            f"File '{name}' is empty: its sheets hold no data. Export the order "
            "lines from your CRM again (CSV or XLSX)."
        )
    raise _no_header(name, ["" if v is None else v for v in first])


# --------------------------------------------------------------------------------------
# Vectorised value parsing: a column is joined into one string, one line per row, and
# cleaned and checked with C-speed string methods and regular expressions; numbers and
# dates are then parsed by pandas' C CSV parser. No Python loop over rows (except over
# the few cells of an XLSX file that openpyxl already handed over one by one).
# --------------------------------------------------------------------------------------


class _Bad(Exception):
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
        raise _Bad(dot_mask, f"uses {what}", f"use {what}")
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
    except _Bad as exc:
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
            raise _Bad(
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
        raise _Bad(
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
        raise _Bad(
            impossible, f"is not a real calendar date {why}", f"are not real calendar dates {why}"
        )
    if bad.any():
        raise _Bad(
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


# --------------------------------------------------------------------------------------
# The reader
# --------------------------------------------------------------------------------------


def _load_bytes(source: Any, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), name or "uploaded file"
    if hasattr(source, "read"):
        data = source.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
        return bytes(data), name or str(getattr(source, "name", "uploaded file"))
    path = Path(os.fspath(source)).expanduser()
    shown = name or path.name
    if path.is_dir():
        raise _fail(
            f"'{shown}' is a folder, not a file. Give the path of the exported CSV or XLSX file."
        )
    try:
        with open(path, "rb") as fh:  # read-only: the user's file is never written
            return fh.read(), shown
    except FileNotFoundError:
        raise _fail(
            f"File '{shown}' was not found ({path}). Check the folder and the file name."
        ) from None
    except OSError as exc:
        raise _fail(f"File '{shown}' cannot be opened: {exc.strerror or exc}.") from None


def _problem(
    name: str, header: str, n: int, one: str, many: str, rows: np.ndarray, shown: list[Any]
) -> str:
    return (
        f"File '{name}', column '{header}': {n} {'value' if n == 1 else 'values'} "
        f"{one if n == 1 else many}; {_rows_text(rows)} (numbered as in Excel); bad "
        f"values: {_values_text(shown)}."
    )


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

    >>> csv_bytes = "订单号,下单日期,客户,数量,单价\\nA1,2026年11月1日,华信,2,\\"￥1,234.50\\"\\n"
    >>> imp = inspect_crm_export(csv_bytes.encode("gbk"), name="export.csv")
    >>> imp.encoding, imp.columns["unit_price"], float(imp.data.loc[0, "unit_price"])
    ('GBK/GB18030', '单价', 1234.5)
    """
    spec = _spec(table)
    if mapping is not None and not isinstance(mapping, dict):
        raise _fail("mapping must be a dict such as {'your header': 'quantity'}.")
    data, name = _load_bytes(source, name)
    canon_names = {c.name for c in spec}
    mapping_keys = {_norm(k) for k in (mapping or {})} | {
        _norm(v) for k, v in (mapping or {}).items() if k in canon_names and isinstance(v, str)
    }
    if not data.lstrip(b"\xef\xbb\xbf").strip():
        raise _fail(
            f"File '{name}' is empty: it holds no data. Export the order lines "
            "from your CRM again (CSV or XLSX)."
        )
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        sheet = _read_xlsx(data, name, spec, mapping, mapping_keys)
        fmt = "xlsx"
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _fail(
            f"File '{name}' is an old Excel 97-2003 workbook (.xls), which this "
            "reader does not open. Open it in Excel or WPS and save it as .xlsx "
            "or CSV."
        )
    else:
        kind = _binary_kind(data)
        if kind:
            raise _fail(
                f"File '{name}' is not a spreadsheet: it looks like a {kind}. "
                "Export the order lines from your CRM as CSV or Excel (.xlsx)."
            )
        sheet = _read_csv(data, name, spec, mapping, mapping_keys)
        fmt = "csv"
    del data
    info, assigned, n = sheet.info, sheet.assigned, sheet.n
    labels = ["" if h is None else str(h).strip() for h in sheet.header]
    excel_rows = np.arange(info["first_row"], info["first_row"] + n, dtype=np.int64)

    def column(pos: int) -> np.ndarray:
        arr = sheet.cells[pos]
        return arr

    texts = {c: column(p) for c, p in assigned.items()}
    natives = {c: sheet.native[p] for c, p in assigned.items()} if sheet.native else {}
    for c in spec:
        if c.kind == "id" and c.name in texts:
            texts[c.name] = _strip_ids(texts[c.name])
    empty = {
        c: (np.isnan(texts[c]) if texts[c].dtype.kind == "f" else texts[c] == "")
        & (natives[c] == None if natives else True)  # noqa: E711
        for c in texts
    }
    blank = np.ones(n, dtype=bool)
    for c in empty:
        blank &= empty[c]
    # total rows: a word such as 合计 where a required identifier is blank
    notes: list[str] = []
    some_id_blank = np.zeros(n, dtype=bool)
    for c in spec:
        if c.kind == "id" and c.required and c.name in empty:
            some_id_blank |= empty[c.name]
    total = np.zeros(n, dtype=bool)
    candidates = np.flatnonzero(some_id_blank & ~blank)
    if len(candidates) and len(candidates) <= 10_000:
        for arr in sheet.cells.values():
            words = np.array(
                [str(v).strip().lower() in _TOTAL_WORDS for v in arr[candidates]], dtype=bool
            )
            total[candidates[words]] = True
    if total.any():
        notes.append(f"Left out {int(total.sum())} total row(s) ({_rows_text(excel_rows[total])}).")
    dropped_blank = int(blank.sum())
    keep = ~(blank | total)
    if not keep.all():
        texts = {c: a[keep] for c, a in texts.items()}
        natives = {c: a[keep] for c, a in natives.items()}
        excel_rows = excel_rows[keep]
    if not len(excel_rows):
        raise _fail(
            f"File '{name}' has a header row (row {info['header_row']}) but no "
            "order lines below it."
        )
    if dropped_blank:
        notes.append(f"Skipped {dropped_blank:,} empty row(s).")
    out: dict[str, Any] = {}
    problems: list[str] = []
    for col in spec:
        if col.name not in assigned:
            continue
        arr = texts[col.name]
        native = natives.get(col.name)
        header = labels[assigned[col.name]]
        try:
            if col.kind == "id":
                if native is not None:
                    arr = _native_ids(arr, native)
                missing = arr == ""
                if col.required and missing.any():
                    k = int(missing.sum())
                    problems.append(
                        f"File '{name}', column '{header}': {k} "
                        f"{'row has' if k == 1 else 'rows have'} no {col.meaning} "
                        f"({_rows_text(excel_rows[missing])}, numbered as in Excel). Every "
                        f"order line needs a {col.meaning}."
                    )
                    continue
                values = arr.copy() if missing.any() else arr
                if missing.any():
                    values[missing] = np.nan
                out[col.name] = pd.array(values, dtype="str")
            elif col.kind == "date":
                values = _parse_dates(arr, native)
                if np.isnat(values).any():
                    raise _Bad(
                        np.isnat(values),
                        f"is empty (expected {EXPECTED_DATE})",
                        f"are empty (expected {EXPECTED_DATE})",
                    )
                out[col.name] = values
            else:
                values = _parse_numbers(arr, native, info["comma_hint"])
                if col.required and np.isnan(values).any():
                    raise _Bad(
                        np.isnan(values),
                        f"is empty (expected {EXPECTED_NUMBER})",
                        f"are empty (expected {EXPECTED_NUMBER})",
                    )
                if col.kind == "money" and (values < 0).any():
                    raise _Bad(
                        values < 0,
                        "is negative (a price or cost cannot be below 0)",
                        "are negative (a price or cost cannot be below 0)",
                    )
                out[col.name] = values
        except _Bad as bad:
            mask = bad.mask
            shown = list(arr[mask][:3])
            if native is not None:
                shown = [
                    t if t != "" else ("" if v is None else v)
                    for t, v in zip(arr[mask][:3], native[mask][:3])
                ]
            problems.append(
                _problem(name, header, int(mask.sum()), bad.one, bad.many, excel_rows[mask], shown)
            )
    if problems:
        err = DataError("\n".join(problems))
        err.problems = problems  # type: ignore[attr-defined]
        raise err
    df = pd.DataFrame(out)
    if "quantity" in df and len(df) and (df["quantity"] % 1 == 0).all():
        df["quantity"] = df["quantity"].astype("int64")
    missing_cols = [c.name for c in spec if c.name not in assigned]
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
    return CrmImport(
        data=df,
        source=name,
        file_format=fmt,
        encoding=info["encoding"],
        separator=info["separator"],
        sheet=info["sheet"],
        header_row=info["header_row"],
        columns={c: labels[p] for c, p in assigned.items()},
        ignored=sheet.ignored,
        missing=missing_cols,
        notes=notes,
        excel_rows=excel_rows,
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
