"""Reading a CRM export's bytes: kind of file, encoding, separator, header row, column assignment (CSV and XLSX)."""

from __future__ import annotations

import csv
import io
import os
import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .crm_columns import (
    _SEP_NAMES,
    _SEPARATORS,
    ENCODING_SAMPLE_BYTES,
    HEADER_SEARCH_ROWS,
    CrmColumn,
    _fail,
    _lookup,
    _norm,
)
from .dataspec import DataError

__all__ = ["load_bytes", "read_sheet"]


# Bytes -> kind of file -> rows of text

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


# Header -> canonical columns


def _assign_mapped(
    mapping: dict[str, str | None],
    canon: dict[str, CrmColumn],
    labels: list[str],
    norm: list[str],
    name: str,
) -> tuple[dict[str, int], set[int]]:
    """The columns the user's ``mapping`` assigns (or ignores): canonical -> position."""
    assigned: dict[str, int] = {}
    taken: set[int] = set()
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
                f"{', '.join(label for label in labels if label)}."
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
    return assigned, taken


def _assign_by_name(
    spec: tuple[CrmColumn, ...],
    assigned: dict[str, int],
    taken: set[int],
    labels: list[str],
    norm: list[str],
    name: str,
) -> None:
    """Assign the other columns by their accepted headers (primary names first)."""
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


def _assign(
    header: list[Any], spec: tuple[CrmColumn, ...], name: str, mapping: dict[str, str | None] | None
) -> tuple[dict[str, int], list[str]]:
    """canonical name -> column position; and the headers left unused."""
    canon = {c.name: c for c in spec}
    labels = ["" if h is None else str(h).strip() for h in header]
    norm = [_norm(h) for h in header]
    assigned, taken = _assign_mapped(mapping, canon, labels, norm, name) if mapping else ({}, set())
    _assign_by_name(spec, assigned, taken, labels, norm, name)
    for col in spec:
        if col.required and col.name not in assigned:
            found = ", ".join(repr(label) for label in labels if label) or "none"
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


# CSV

_ENCODING_LABELS = {
    "utf-8-sig": "UTF-8 with BOM",
    "utf-8": "UTF-8",
    "gb18030": "GBK/GB18030",
    "utf-16": "UTF-16",
}


def _decode_csv(data: bytes, name: str, spec: tuple[CrmColumn, ...], mapping_keys: set[str]):
    """The text of a CSV file, its encoding and the encoding's label for the report."""
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
    return text, encoding, label


def _csv_header(
    text: str, name: str, spec: tuple[CrmColumn, ...], mapping_keys: set[str]
) -> tuple[str, int, list[list[str]]]:
    """(separator, header index, first rows): the pair that recognises the most names."""
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
    return sep, idx, rows


def _fast_columns(
    spec: tuple[CrmColumn, ...], assigned: dict[str, int], rows: list[list[str]], idx: int, sep: str
) -> list[int]:
    """Number columns whose first rows are plain numbers (1234.5), parsed straight to float64.

    That saves a Python string per cell; any other text in them (a currency mark, a
    thousands separator, a word) makes pandas refuse and the column is read as text.
    Not in semicolon files, where "1.234" may mean one thousand two hundred and four.
    """
    if sep == ";":
        return []
    return [
        assigned[c.name]
        for c in spec
        if c.kind in ("quantity", "money")
        and c.name in assigned
        and _plain_numbers(
            [r[assigned[c.name]] for r in rows[idx + 1 :] if assigned[c.name] < len(r)]
        )
    ]


def _csv_frame(
    buffer: io.BytesIO, encoding: str, name: str, sep: str, idx: int, width: int, fast: list[int]
) -> pd.DataFrame:
    """Every cell of the CSV as text (the fast columns as floats), or a sentence why not."""
    try:
        try:
            return _read_frame(buffer, sep, idx, width, fast)
        except pd.errors.ParserError:
            raise
        except ValueError:  # a fast column holds text after all: read everything as text
            buffer.seek(3 if encoding == "utf-8-sig" else 0)
            return _read_frame(buffer, sep, idx, width, [])
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
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in range(width)})


def _check_no_shifted_cells(
    frame: pd.DataFrame, header: list[str], width: int, name: str, sep: str, idx: int
) -> None:
    """Values beyond the last header are shifted cells: a separator inside a value."""
    for c in range(len(header), width):
        filled = frame[c].to_numpy(dtype=object) != ""
        if filled.any():
            row = idx + 2 + int(np.flatnonzero(filled)[0])
            raise _fail(
                f"File '{name}': row {row} has more cells than the header row (row "
                f"{idx + 1}) has names. A value probably contains the separator "
                f"'{_SEP_NAMES[sep]}' ({sep!r}) without quotes, for example a decimal "
                "comma or a thousands separator; put quotes around it or save the file "
                "again from Excel."
            )


def _read_csv(
    data: bytes,
    name: str,
    spec: tuple[CrmColumn, ...],
    mapping: dict[str, str | None] | None,
    mapping_keys: set[str],
) -> _Sheet:
    text, encoding, label = _decode_csv(data, name, spec, mapping_keys)
    sep, idx, rows = _csv_header(text, name, spec, mapping_keys)
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
    fast = _fast_columns(spec, assigned, rows, idx, sep)
    frame = _csv_frame(buffer, encoding, name, sep, idx, width, fast)
    _check_no_shifted_cells(frame, header, width, name, sep, idx)
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
            "first_row": idx + 2,
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


# XLSX


def _open_workbook(data: bytes, name: str) -> Any:
    """The workbook, read-only with cached values, or a sentence why it cannot be opened."""
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
    except Exception:  # noqa: BLE001  (openpyxl raises many kinds for damaged files)
        raise _fail(
            f"File '{name}' looks like an Excel workbook but cannot be opened (it "
            "may be damaged or password-protected). Open it in Excel or WPS and "
            "save it again as .xlsx, or export CSV."
        ) from None
    return wb


def _xlsx_cells(body: list[tuple[Any, ...]], width: int) -> tuple[dict, dict]:
    """Per column position: the text cells ("" when not text) and the native values."""
    cells: dict[int, np.ndarray] = {}
    native: dict[int, np.ndarray] = {}
    for c in range(width):
        column = [r[c] if c < len(r) else None for r in body]
        cells[c] = np.array([v if isinstance(v, str) else "" for v in column], dtype=object)
        native[c] = np.array([None if isinstance(v, str) else v for v in column], dtype=object)
    return cells, native


def _read_xlsx(
    data: bytes,
    name: str,
    spec: tuple[CrmColumn, ...],
    mapping: dict[str, str | None] | None,
    mapping_keys: set[str],
) -> _Sheet:
    wb = _open_workbook(data, name)
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
            cells, native = _xlsx_cells(body, width)
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


def load_bytes(source: Any, name: str | None) -> tuple[bytes, str]:
    """Step 0: the bytes of a path, an upload's bytes or an open file, and the name shown."""
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


def read_sheet(
    data: bytes,
    name: str,
    spec: tuple[CrmColumn, ...],
    mapping: dict[str, str | None] | None,
    mapping_keys: set[str],
) -> tuple[_Sheet, str]:
    """Step 1: the file's bytes as a raw sheet and its format ("csv" or "xlsx")."""
    if not data.lstrip(b"\xef\xbb\xbf").strip():
        raise _fail(
            f"File '{name}' is empty: it holds no data. Export the order lines "
            "from your CRM again (CSV or XLSX)."
        )
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _read_xlsx(data, name, spec, mapping, mapping_keys), "xlsx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _fail(
            f"File '{name}' is an old Excel 97-2003 workbook (.xls), which this "
            "reader does not open. Open it in Excel or WPS and save it as .xlsx "
            "or CSV."
        )
    kind = _binary_kind(data)
    if kind:
        raise _fail(
            f"File '{name}' is not a spreadsheet: it looks like a {kind}. "
            "Export the order lines from your CRM as CSV or Excel (.xlsx)."
        )
    return _read_csv(data, name, spec, mapping, mapping_keys), "csv"
