"""Tests of salesprofit.export: formula-safe CSV/XLSX bytes and download links.

The neutralisation rule follows OWASP, "CSV Injection" (owasp.org/www-community/attacks/
CSV_Injection): cells beginning with =, +, -, @, tab (0x09) or carriage return (0x0D)
are prefixed with a single quote so the spreadsheet treats them as text.
"""

from __future__ import annotations

import base64
import io
import re

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesprofit.export import download_link, safe_cells, to_csv_bytes, to_xlsx_bytes


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer": [
                '=HYPERLINK("http://x","y")',
                "+86 138",
                "-5",
                "@SUM(A1)",
                "\tTAB",
                "\rCR",
                "华信",
                "a=b",
                None,
            ],  # pandas 3: None -> NaN
            "amount": [-5.0, 1.5, 2.0, -0.25, 0.0, 3.0, 1234.5, np.nan, 7.0],
            "count": [-1, 2, 3, 4, 5, 6, 7, 8, 9],
        }
    )


def test_safe_cells_neutralises_exactly_the_dangerous_text():
    df = _frame()
    before = df.copy()
    out = safe_cells(df)
    assert out["customer"].tolist()[:8] == [
        '\'=HYPERLINK("http://x","y")',
        "'+86 138",
        "'-5",
        "'@SUM(A1)",
        "'\tTAB",
        "'\rCR",
        "华信",
        "a=b",
    ]
    assert pd.isna(out["customer"].iloc[8])
    # numbers untouched, dtypes kept
    assert out["amount"].dtype == np.float64 and out["count"].dtype == np.int64
    assert out["amount"].iloc[0] == -5.0 and out["count"].iloc[0] == -1
    pd.testing.assert_frame_equal(df, before)  # input not modified


def test_safe_cells_headers_and_string_dtype():
    df = pd.DataFrame({"=bad": pd.Series(["-x", "ok"], dtype="string"), "ok": [1, 2]})
    out = safe_cells(df)
    assert list(out.columns) == ["'=bad", "ok"]
    assert out.iloc[:, 0].tolist() == ["'-x", "ok"]


def test_safe_cells_mixed_object_column_keeps_numbers():
    df = pd.DataFrame({"m": [-3, "-3", 4.5, "=1"]}, dtype=object)
    assert safe_cells(df)["m"].tolist() == [-3, "'-3", 4.5, "'=1"]


def test_safe_cells_rejects_non_frames():
    with pytest.raises(TypeError):
        safe_cells([["=1"]])


def test_csv_bytes_bom_chinese_and_neutralised():
    df = pd.DataFrame({"客户": ["华信", "=1+2"], "金额": [-1234.5, 2.0]})
    data = to_csv_bytes(df)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == "客户,金额\r\n华信,-1234.5\r\n'=1+2,2.0\r\n"


def test_xlsx_bytes_single_frame_round_trip():
    df = _frame()
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(df)))
    assert wb.sheetnames == ["Sheet1"]
    ws = wb["Sheet1"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("customer", "amount", "count")
    assert rows[1] == ('\'=HYPERLINK("http://x","y")', -5, -1)
    assert rows[3][0] == "'-5" and rows[3][1] == 2
    assert rows[7][0] == "华信"
    # no cell is stored as a formula
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_xlsx_bytes_several_sheets_names_cleaned_and_unique():
    sheets = {
        "客户/利润[2025]": pd.DataFrame({"a": [1]}),
        "x" * 40: pd.DataFrame({"b": ["@x"]}),
        "X" * 40: pd.DataFrame({"c": [pd.Timestamp("2026-11-01", tz="UTC")]}),
    }
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(sheets)))
    assert wb.sheetnames == ["客户_利润_2025_", "x" * 31, "X" * 27 + " (2)"]
    assert wb.worksheets[1]["A2"].value == "'@x"
    assert wb.worksheets[2]["A2"].value.year == 2026


@pytest.mark.parametrize("bad", [{}, "text", {"s": [1, 2]}])
def test_xlsx_bytes_rejects_bad_input(bad):
    with pytest.raises(ValueError, match="DataFrame"):
        to_xlsx_bytes(bad)


def test_download_link_csv_and_xlsx():
    df = pd.DataFrame({"客户": ["=1"], "x": [1]})
    link = download_link(df, "plan.csv", "Download <plan>")
    m = re.fullmatch(
        r'<a download="plan.csv" href="data:text/csv;charset=utf-8;base64,'
        r'([A-Za-z0-9+/=]+)" target="_blank">Download &lt;plan&gt;</a>',
        link,
    )
    assert m is not None
    assert base64.b64decode(m.group(1)) == to_csv_bytes(df)
    link = download_link({"a": df, "b": df}, "plan.xlsx")
    m = re.search(r'base64,([A-Za-z0-9+/=]+)"', link)
    assert link.startswith('<a download="plan.xlsx" href="data:application/vnd.openxml')
    assert link.endswith(">plan.xlsx</a>")
    wb = openpyxl.load_workbook(io.BytesIO(base64.b64decode(m.group(1))))
    assert wb.sheetnames == ["a", "b"] and wb["a"]["A2"].value == "'=1"


@pytest.mark.parametrize("name", ["", "../x.csv", 'a"b.csv', "<x>.csv"])
def test_download_link_rejects_bad_names(name):
    with pytest.raises(ValueError, match=r"plain name such as 'plan\.xlsx'"):
        download_link(pd.DataFrame({"a": [1]}), name)


def test_download_link_csv_needs_one_table():
    with pytest.raises(ValueError, match="one table"):
        download_link({"a": pd.DataFrame({"a": [1]})}, "x.csv")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=8), st.none()), min_size=1, max_size=8))
def test_property_no_text_cell_starts_dangerously(values):
    out = safe_cells(pd.DataFrame({"t": values}))
    for before, after in zip(values, out["t"]):
        if isinstance(before, str):
            assert not after.startswith(("=", "+", "-", "@", "\t", "\r"))
            assert after in (before, "'" + before)
            assert (after != before) == before.startswith(("=", "+", "-", "@", "\t", "\r"))
        else:
            assert after is None or (isinstance(after, float) and np.isnan(after))


def test_xlsx_is_reproducible_under_source_date_epoch(monkeypatch):
    # reproducible-builds.org SOURCE_DATE_EPOCH: the same table gives the same bytes, so a
    # notebook embedding the workbook does not change from run to run
    import time
    import zipfile

    table = pd.DataFrame({"period": ["Q1", "Q2"], "target": [1.5, 2.5]})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    first = to_xlsx_bytes(table)
    time.sleep(1.1)
    assert to_xlsx_bytes(table) == first
    book = zipfile.ZipFile(io.BytesIO(first))
    assert {info.date_time for info in book.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert b"1980-01-01T00:00:00Z" in book.read("docProps/core.xml")
    assert pd.read_excel(io.BytesIO(first))["target"].tolist() == [1.5, 2.5]
