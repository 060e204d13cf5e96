"""The canonical columns of a user's CRM export, the accepted headers, the import report."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .dataspec import DataError

__all__ = [
    "CRM_TABLES",
    "ENCODING_SAMPLE_BYTES",
    "EXPECTED_DATE",
    "EXPECTED_NUMBER",
    "HEADER_SEARCH_ROWS",
    "MAX_ROWS_SHOWN",
    "CrmColumn",
    "CrmImport",
    "accepted_headers",
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


# Messages


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
