"""Tests of salesprofit.data.read_crm_export (salesprofit.crm_import) on a corpus of exports.

The corpus (tests/corpus/, built by tests/corpus/make_corpus.py from the sample
company's order lines) holds valid exports in the forms real CRM/ERP systems write
(UTF-8, UTF-8 with BOM, GBK/GB18030 with Chinese headers, semicolon and tab, decimal
comma, UTF-16 "Unicode text", XLSX with a title row) and broken ones. Every test
checks that the file's bytes are unchanged after reading (the reader never writes).
Excel serial dates count days from 1899-12-30 (Microsoft, "DATEVALUE function").
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import re
import string
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from salesprofit import crm_import, data
from salesprofit.crm_import import inspect_crm_export, read_crm_export
from salesprofit.data import DataError

CORPUS = Path(__file__).resolve().parent / "corpus"
_spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
make_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_corpus)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_unchanged(path: Path, **kw):
    """read_crm_export(path), asserting the file's bytes are the same afterwards."""
    before = _sha(path)
    try:
        return inspect_crm_export(path, **kw)
    finally:
        assert _sha(path) == before, f"{path.name} was modified"


def error_of(path: Path, **kw) -> str:
    with pytest.raises(DataError) as info:
        read_unchanged(path, **kw)
    return str(info.value)


def expected(columns: list[str] | None = None) -> pd.DataFrame:
    """The canonical frame the small valid files were written from."""
    df = make_corpus.sample_lines()
    for c in ("order_id", "customer_id", "product_id", "rep_id"):
        df[c] = df[c].astype("str")
    df["order_date"] = df["order_date"].astype("datetime64[us]")
    df["quantity"] = df["quantity"].astype("int64")
    return df[columns] if columns else df


# --------------------------------------------------------------------------------------
# Valid exports: the exact frame
# --------------------------------------------------------------------------------------

FULL = [
    "v01_utf8_english.csv",
    "v02_utf8_bom_chinese.csv",
    "v03_gbk_title_total.csv",
    "v05_semicolon_decimal_comma.csv",
    "v06_tab_utf16.txt",
    "v07_title_row.xlsx",
]


@pytest.mark.parametrize("name", FULL)
def test_valid_exports_read_to_the_source_lines(name):
    imp = read_unchanged(CORPUS / name)
    pd.testing.assert_frame_equal(imp.data, expected())
    assert list(imp.data.columns) == make_corpus.EN
    assert imp.missing == []


def test_how_each_valid_file_was_understood():
    got = {}
    for name in FULL:
        imp = read_unchanged(CORPUS / name)
        got[name] = (
            imp.file_format,
            imp.encoding,
            imp.separator,
            imp.header_row,
            imp.ignored,
            imp.notes,
        )
    assert got == {
        "v01_utf8_english.csv": ("csv", "UTF-8", ",", 1, [], []),
        "v02_utf8_bom_chinese.csv": ("csv", "UTF-8 with BOM", ",", 1, [], []),
        "v03_gbk_title_total.csv": (
            "csv",
            "GBK/GB18030",
            ",",
            3,
            ["客户名称"],
            ["Left out 1 total row(s) (row 16)."],
        ),
        "v05_semicolon_decimal_comma.csv": ("csv", "UTF-8", ";", 1, [], []),
        "v06_tab_utf16.txt": ("csv", "UTF-16", "\t", 1, [], []),
        "v07_title_row.xlsx": ("xlsx", None, None, 3, [], []),
    }


def test_gbk_headers_map_to_canonical_columns():
    imp = read_unchanged(CORPUS / "v03_gbk_title_total.csv")
    assert imp.columns == {
        "order_id": "订单编号",
        "order_date": "订单日期",
        "customer_id": "客户编号",
        "product_id": "产品编号",
        "quantity": "数量",
        "unit_price": "成交价（元）",
        "unit_cost": "单位成本",
        "list_price": "目录价",
        "rep_id": "业务员",
    }
    # excel row numbers of the kept lines: header on row 3, data from row 4
    assert imp.excel_rows.tolist() == list(range(4, 16))


def test_gb18030_only_character_and_customer_names_as_ids():
    imp = read_unchanged(CORPUS / "v04_gb18030_names.csv")
    names = make_corpus.customer_names()
    want = expected(["order_id", "order_date", "customer_id", "quantity", "unit_price", "rep_id"])
    want["customer_id"] = make_corpus.sample_lines()["customer_id"].map(names).astype("str")
    want.loc[0, "customer_id"] = "䶮" + want.loc[0, "customer_id"]
    pd.testing.assert_frame_equal(imp.data, want)
    assert imp.columns["customer_id"] == "客户名称" and imp.columns["order_date"] == "日期"
    assert imp.missing == ["product_id", "unit_cost", "list_price"]


def test_sample_export_for_the_lab():
    imp = read_unchanged(CORPUS / "sample_export_gbk.csv")
    src = make_corpus.sample_lines(n=None, customers=300)
    assert len(imp.data) == len(src) == 12638
    assert imp.data["customer_id"].nunique() == 300
    np.testing.assert_array_equal(imp.data["unit_price"].to_numpy(), src["unit_price"])
    assert (imp.data["order_date"] == src["order_date"]).all()
    assert imp.header_row == 2


def test_data_module_reexports_the_reader():
    path = CORPUS / "v01_utf8_english.csv"
    before = _sha(path)
    df = data.read_crm_export(path)
    pd.testing.assert_frame_equal(df, expected())
    assert data.inspect_crm_export(path).source == "v01_utf8_english.csv"
    assert _sha(path) == before


# --------------------------------------------------------------------------------------
# Broken exports: the exact message
# --------------------------------------------------------------------------------------

NUMBER = "a number such as 1234.50, ¥1,234.50 or 1 234,50 €"
BROKEN = {
    "b01_missing_quantity.csv": "File 'b01_missing_quantity.csv': the required column quantity (quantity sold) is "
    "missing. Accepted headers: quantity, qty, 数量, 销售数量. Columns in your file: "
    "'订单号', '下单日期', '客户编号', '产品编号', '单价', '成本', '标准价', '业务员'. "
    "Rename the column in the file, or pass mapping={'your header': 'quantity'}.",
    "b02_text_in_money.csv": f"File 'b02_text_in_money.csv', column '单价': 3 values are not numbers (expected "
    f"{NUMBER}); rows 3, 7, 10 (numbered as in Excel); bad values: '面议', '面议', 'abc'.",
    "b03_impossible_date.csv": "File 'b03_impossible_date.csv', column '下单日期': 2 values are not real calendar "
    "dates (check the day and month: there is no 30 February or month 13); rows 4, 6 "
    "(numbered as in Excel); bad values: '2024-02-30', '2024年13月1日'.",
    "b04_blank_customer.csv": "File 'b04_blank_customer.csv', column '客户编号': 2 rows have no customer (rows 5, "
    "9, numbered as in Excel). Every order line needs a customer.",
    "b05_two_quantity_columns.csv": "File 'b05_two_quantity_columns.csv': columns '数量' and 'qty' both mean quantity "
    "(quantity sold). Keep one of them in the file, or pass mapping={'数量': "
    "'quantity', 'qty': None}.",
    "b06_empty.csv": "File 'b06_empty.csv' is empty: it holds no data. Export the order lines from your "
    "CRM again (CSV or XLSX).",
    "b07_header_only.csv": "File 'b07_header_only.csv' has a header row (row 1) but no order lines below it.",
    "b08_image.png": "File 'b08_image.png' is not a spreadsheet: it looks like a PNG image. Export the "
    "order lines from your CRM as CSV or Excel (.xlsx).",
    "b09_random.bin": "File 'b09_random.bin' is not a spreadsheet: it looks like a binary file. Export "
    "the order lines from your CRM as CSV or Excel (.xlsx).",
    "b10_unquoted_decimal_comma.csv": "File 'b10_unquoted_decimal_comma.csv': row 5 has more cells than the header row "
    "(row 1) has names. A value probably contains the separator 'comma' (',') without "
    "quotes, for example a decimal comma or a thousands separator; put quotes around "
    "it or save the file again from Excel.",
    "b11_mixed_decimal_styles.csv": "File 'b11_mixed_decimal_styles.csv', column '单价': 1 value uses a decimal point "
    "(like 1,234.50) while the other rows use a decimal comma (like 1.234,50); use one "
    "style in the whole column; row 8 (numbered as in Excel); bad values: '387.90'.",
    "b12_old_excel.xls": "File 'b12_old_excel.xls' is an old Excel 97-2003 workbook (.xls), which this "
    "reader does not open. Open it in Excel or WPS and save it as .xlsx or CSV.",
    "b13_damaged.xlsx": "File 'b13_damaged.xlsx' looks like an Excel workbook but cannot be opened (it may "
    "be damaged or cut short). Open it in Excel or WPS and save it again as .xlsx, or "
    "export CSV.",
    "b14_no_header.csv": "File 'b14_no_header.csv': no header row found in the first 30 rows (the first "
    "row holds 'O000001', '2024-01-01', 'C0018', 'P338', '68', '89.25', '70.23', "
    "'105.0'). Expected a row of column names such as order_id, order_date, "
    "customer_id, quantity, unit_price (or 订单号, 下单日期, 客户, 数量, 单价); rename "
    "your columns or pass mapping={'your header': 'quantity', ...}.",
    "b15_mixed_encoding.csv": "File 'b15_mixed_encoding.csv' cannot be read as UTF-8 text: row 7 holds bytes "
    "that are not valid UTF-8 (the rows above it read as UTF-8). Save the file again "
    "from Excel as 'CSV UTF-8' so that the whole file uses one encoding.",
    "b16_word.docx": "File 'b16_word.docx' is a ZIP archive, not an Excel workbook. Export the order "
    "lines from your CRM as CSV or Excel (.xlsx).",
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_exports_give_the_exact_message(name):
    assert error_of(CORPUS / name) == BROKEN[name]


def test_corpus_is_complete():
    files = {p.name for p in CORPUS.iterdir() if p.suffix != ".py" and p.is_file()}
    assert files == set(FULL) | set(BROKEN) | {"v04_gb18030_names.csv", "sample_export_gbk.csv"}


def test_corpus_generator_is_deterministic(tmp_path):
    built = make_corpus.build(tmp_path)
    for name, content in built.items():
        if not name.endswith((".xlsx", ".docx")) or name == "b16_word.docx":
            assert (CORPUS / name).read_bytes() == content, name


def test_error_is_a_value_error_and_lists_every_problem(tmp_path):
    path = tmp_path / "two_problems.csv"
    path.write_bytes("订单号,下单日期,客户,数量,单价\nA1,2026-11-01,,2,x\n".encode("gbk"))
    with pytest.raises(ValueError, match=re.escape("File 'two_problems.csv'")) as info:
        read_unchanged(path)
    assert info.value.problems == [
        "File 'two_problems.csv', column '客户': 1 row has no customer (row 2, numbered "
        "as in Excel). Every order line needs a customer.",
        f"File 'two_problems.csv', column '单价': 1 value is not a number (expected "
        f"{NUMBER}); row 2 (numbered as in Excel); bad values: 'x'.",
    ]


# --------------------------------------------------------------------------------------
# Values: money, numbers and dates in the forms exports use
# --------------------------------------------------------------------------------------


def _one_column(tmp_path, values: list[str], kind: str = "price", sep: str = ",") -> pd.Series:
    rows = [
        f"A{i}{sep}2026-11-01{sep}C1{sep}1{sep}{v}"
        if kind == "price"
        else f"A{i}{sep}{v}{sep}C1{sep}1{sep}1"
        for i, v in enumerate(values)
    ]
    text = sep.join(["order_id", "order_date", "customer_id", "quantity", "unit_price"])
    path = tmp_path / "one.csv"
    path.write_bytes(("\n".join([text, *rows]) + "\n").encode("utf-8"))
    col = "unit_price" if kind == "price" else "order_date"
    return read_unchanged(path).data[col]


@pytest.mark.parametrize(
    "values, want",
    [
        (
            ['"¥1,234.50"', "￥12", "RMB 3.5", '"1,234,567.5"', "12."],
            [1234.5, 12, 3.5, 1234567.5, 12],
        ),
        (['"1 234,50 €"', '"12,5"', "7"], [1234.5, 12.5, 7]),
        (['"1.234.567,89"', '"0,5"'], [1234567.89, 0.5]),
        (["1.5e3", "+2", " 3 "], [1500.0, 2.0, 3.0]),
    ],
)
def test_money_forms(tmp_path, values, want):
    got = _one_column(tmp_path, values)
    np.testing.assert_array_equal(got.to_numpy(), np.array(want, dtype=float))


def test_semicolon_file_reads_ambiguous_values_with_a_decimal_comma(tmp_path):
    # "1,234" is 1.234 in a semicolon (European) file, 1234 in a comma file
    assert _one_column(tmp_path, ["1,234"], sep=";").tolist() == [1.234]
    assert _one_column(tmp_path, ['"1,234"']).tolist() == [1234.0]


@pytest.mark.parametrize(
    "value, why",
    [
        ('"1,23.5"', "are not numbers"),
        ("inf", "are not numbers"),
        ("NaN", "are not numbers"),
        ("¥", "are not numbers"),
        ('"(5)"', "are negative"),
        ("-1", "are negative"),
        ("1_000", "are not numbers"),
        ("0x10", "are not numbers"),
    ],
)
def test_money_that_is_refused(tmp_path, value, why):
    with pytest.raises(DataError) as info:
        _one_column(tmp_path, ["1", value])
    assert why.replace("are", "is").replace("numbers", "a number") in str(info.value)
    assert "row 3 (numbered as in Excel)" in str(info.value)


def test_dates_in_every_usual_form(tmp_path):
    got = _one_column(
        tmp_path,
        [
            "2026-11-01",
            "2026/11/01",
            "2026/11/1",
            "2026年11月1日",
            "2026.11.01",
            "20261101",
            "2026-11-01 14:30:00",
            "2026/11/1 9:05",
            "46327",
        ],
        kind="date",
    )
    assert (got == pd.Timestamp("2026-11-01")).all() and str(got.dtype) == "datetime64[us]"


@pytest.mark.parametrize(
    "value, message",
    [
        ("01/11/2026", "is not a date"),
        ("2026-11", "is not a date"),
        ("tomorrow", "is not a date"),
        ("2026-13-01", "is not a real calendar date"),
        ("2025-02-29", "is not a real calendar date"),
        ("1800-01-01", "is not a date"),
    ],
)
def test_dates_that_are_refused(tmp_path, value, message):
    with pytest.raises(DataError) as info:
        _one_column(tmp_path, ["2026-11-01", value], kind="date")
    assert f"column 'order_date': 1 value {message}" in str(info.value)
    assert "row 3 (numbered as in Excel)" in str(info.value)


def test_negative_quantities_are_kept_and_noted(tmp_path):
    path = tmp_path / "returns.csv"
    path.write_text(
        "order_id,date,customer,qty,price\nA,2026-11-01,C,5,2\nB,2026-11-02,C,-2,2\n,,,,\n",
        encoding="utf-8",
    )
    imp = read_unchanged(path)
    assert imp.data["quantity"].tolist() == [5, -2]
    assert imp.notes == [
        "Skipped 1 empty row(s).",
        "1 row(s) have a negative quantity "
        "(returns or credit notes); they are kept and reduce revenue.",
    ]


def test_fractional_quantities_stay_float(tmp_path):
    path = tmp_path / "kg.csv"
    path.write_text("order_id,date,customer,qty,price\nA,2026-11-01,C,2.5,2\n", encoding="utf-8")
    assert read_unchanged(path).data["quantity"].dtype == np.float64


def test_ids_are_trimmed_and_optional_blanks_noted(tmp_path):
    path = tmp_path / "ids.csv"
    path.write_text(
        "order_id,date,customer,qty,price,cost\n A1 ,2026-11-01, C1,1,2,\n"
        "A2,2026-11-01,C1 ,1,2,1.5\n",
        encoding="utf-8",
    )
    imp = read_unchanged(path)
    assert imp.data["order_id"].tolist() == ["A1", "A2"]
    assert imp.data["customer_id"].tolist() == ["C1", "C1"]
    assert np.isnan(imp.data["unit_cost"].iloc[0]) and imp.data["unit_cost"].iloc[1] == 1.5
    assert imp.notes == [
        "Column 'cost' (unit_cost) is blank in 1 row(s); analyses that "
        "need it leave those rows out."
    ]


# --------------------------------------------------------------------------------------
# Mapping, sources and the header search
# --------------------------------------------------------------------------------------


def test_explicit_mapping_wins(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text(
        "Beleg,Datum,Kunde,Menge,Preis,price\nA,2026-11-01,K,2,3,999\n", encoding="utf-8"
    )
    mapping = {
        "Beleg": "order_id",
        "Datum": "order_date",
        "Kunde": "customer_id",
        "Menge": "quantity",
        "Preis": "unit_price",
        "price": None,
    }
    df = read_unchanged(path, mapping=mapping).data
    assert df.iloc[0].tolist() == ["A", pd.Timestamp("2026-11-01"), "K", 2, 3.0]
    # the other way round (canonical -> header) is understood too
    reverse = {v: k for k, v in mapping.items() if v}
    df2 = read_unchanged(path, mapping={**reverse, "price": None}).data
    pd.testing.assert_frame_equal(df, df2)


@pytest.mark.parametrize(
    "mapping, message",
    [
        ({"Nope": "quantity"}, "the mapping names the column 'Nope', which the file does not have"),
        (
            {"qty": "amount"},
            "the mapping sends 'qty' to 'amount', which is not a column this reader knows",
        ),
    ],
)
def test_bad_mapping(tmp_path, mapping, message):
    path = tmp_path / "m.csv"
    path.write_text("order_id,date,customer,qty,price\nA,2026-11-01,C,1,2\n", encoding="utf-8")
    assert message in error_of(path, mapping=mapping)


def test_bytes_upload_and_file_object(tmp_path):
    before = _sha(CORPUS / "v03_gbk_title_total.csv")
    raw = (CORPUS / "v03_gbk_title_total.csv").read_bytes()
    assert _sha(CORPUS / "v03_gbk_title_total.csv") == before
    imp = inspect_crm_export(raw, name="upload.csv")
    assert imp.source == "upload.csv"
    pd.testing.assert_frame_equal(imp.data, expected())
    pd.testing.assert_frame_equal(read_crm_export(io.BytesIO(raw)), expected())


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(DataError, match=r"^File 'nope.csv' was not found"):
        read_crm_export(tmp_path / "nope.csv")
    with pytest.raises(DataError, match="is a folder, not a file"):
        read_crm_export(tmp_path)


def test_unknown_table():
    assert "reads the table(s) order_lines; got 'customers'" in error_of(
        CORPUS / "v01_utf8_english.csv", table="customers"
    )


def test_accepted_headers_include_the_api_names():
    acc = crm_import.accepted_headers()
    for col, names in {
        "order_id": ["order_id", "order id", "订单号", "订单编号"],
        "order_date": ["order_date", "date", "下单日期", "订单日期", "日期"],
        "customer_id": ["customer_id", "customer", "客户编号", "客户名称", "客户"],
        "product_id": ["product_id", "product", "sku", "产品编号", "产品名称", "产品"],
        "quantity": ["quantity", "qty", "数量"],
        "unit_price": ["unit_price", "net_price", "price", "单价", "成交价"],
        "unit_cost": ["unit_cost", "cost", "成本", "单位成本"],
        "list_price": ["list_price", "标准价", "目录价"],
        "rep_id": ["rep_id", "sales_rep", "销售代表", "业务员"],
    }.items():
        assert set(names) <= set(acc[col]), col


def test_summary_table():
    s = read_unchanged(CORPUS / "v04_gb18030_names.csv").summary()
    assert s.set_index("column")["status"].to_dict() == {
        "order_id": "read",
        "order_date": "read",
        "customer_id": "read",
        "product_id": "not in the file",
        "quantity": "read",
        "unit_price": "read",
        "unit_cost": "not in the file",
        "list_price": "not in the file",
        "rep_id": "read",
    }


# --------------------------------------------------------------------------------------
# Properties: anything in, only a DataFrame or a DataError out; the file untouched
# --------------------------------------------------------------------------------------


def _outcome(path: Path) -> None:
    before = _sha(path)
    try:
        df, message = read_crm_export(path), None
    except DataError as exc:
        df, message = None, str(exc)
    if message is not None:
        assert message.startswith(("File '", "'")), message
    else:
        assert isinstance(df, pd.DataFrame) and len(df) > 0
        for col in ("unit_price", "quantity"):
            assert np.isfinite(df[col].to_numpy(dtype=float)).all()
        assert df["order_date"].notna().all() and df["customer_id"].notna().all()
    assert _sha(path) == before


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=2000))
def test_property_arbitrary_bytes(tmp_path, blob):
    path = tmp_path / "blob.csv"
    path.write_bytes(blob)
    _outcome(path)


_cell = st.one_of(
    st.text(alphabet=string.printable + '¥￥€年月日订单号客户数量单价 ,;"', max_size=12),
    st.sampled_from(
        [
            "2026-11-01",
            "2026年11月1日",
            "¥1,234.50",
            "1 234,50 €",
            "",
            "12",
            "-3",
            "(4)",
            "合计",
            "2026-02-30",
        ]
    ),
    st.decimals(allow_nan=False, places=2, min_value=-(10**6), max_value=10**6).map(str),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    header=st.permutations(["订单号", "下单日期", "客户", "数量", "单价", "成本", "备注"]),
    rows=st.lists(st.lists(_cell, min_size=0, max_size=8), max_size=8),
    sep=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
)
# found by hypothesis: a bare carriage return inside a row made pandas drop a cell with only
# a ParserWarning; the reader must refuse the file instead
@example(
    header=["订单号", "下单日期", "客户", "数量", "单价", "成本", "备注"],
    rows=[["", "", "", "", "", "", "", "0\r0"]],
    sep=",",
    encoding="utf-8",
)
def test_property_arbitrary_csv_text(tmp_path, header, rows, sep, encoding):
    text = "\n".join(sep.join(r) for r in [list(header), *rows])
    path = tmp_path / "text.csv"
    path.write_bytes(text.encode(encoding, errors="replace"))
    _outcome(path)


def test_xlsx_rows_numbered_as_excel_shows_them(tmp_path):
    import datetime

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Report"])
    ws.append([])
    ws.append(["订单号", "下单日期", "客户编号", "数量", "单价"])
    ws.append([10023, datetime.datetime(2026, 11, 1, 15, 30), "C1", 2, 10.5])
    ws.append([])
    ws.append([10024.0, "2026年11月2日", 77, 3, "abc"])
    ws.append([10025, 46327, "C2", 1, "¥1,234.50"])
    path = tmp_path / "rows.xlsx"
    wb.save(path)
    assert error_of(path) == (
        f"File 'rows.xlsx', column '单价': 1 value is not a number (expected {NUMBER}); row 6 "
        "(numbered as in Excel); bad values: 'abc'."
    )
    ws["E6"] = 3.0
    wb.save(path)
    imp = read_unchanged(path)
    assert imp.excel_rows.tolist() == [4, 6, 7] and imp.notes == ["Skipped 1 empty row(s)."]
    assert imp.data["order_id"].tolist() == ["10023", "10024", "10025"]
    assert imp.data["customer_id"].tolist() == ["C1", "77", "C2"]
    assert imp.data["order_date"].tolist() == [
        pd.Timestamp("2026-11-01"),
        pd.Timestamp("2026-11-02"),
        pd.Timestamp("2026-11-01"),
    ]
    assert imp.data["unit_price"].tolist() == [10.5, 3.0, 1234.5]
    assert imp.sheet == "Sheet" and imp.header_row == 3


def test_a_long_row_far_below_the_header(tmp_path):
    rows = [f"A{i},2026-11-01,C,1,2" for i in range(80)]
    rows[70] = "A70,2026-11-01,C,1,2,50"  # Excel row 72
    path = tmp_path / "long.csv"
    path.write_text("order_id,date,customer,qty,price\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert error_of(path) == (
        "File 'long.csv': row 72 has 6 cells but the rows above it have 5. A value probably "
        "contains the separator 'comma' (',') without quotes, for example a decimal comma or "
        "a thousands separator; put quotes around it or save the file again from Excel."
    )


def test_gbk_file_whose_only_chinese_is_the_header(tmp_path):
    # charset-normalizer alone ranks Korean cp949 first for these few bytes; the header
    # names decide between its candidates
    path = tmp_path / "short.csv"
    path.write_bytes("订单号,下单日期,客户,数量,单价\nA1,2026-11-01,C1,2,3.5\n".encode("gbk"))
    imp = read_unchanged(path)
    assert imp.encoding == "GBK/GB18030"
    assert imp.columns == {
        "order_id": "订单号",
        "order_date": "下单日期",
        "customer_id": "客户",
        "quantity": "数量",
        "unit_price": "单价",
    }


def test_parse_numbers_helper():
    assert crm_import.parse_numbers(["¥1,234.50", "", "(3)"]).tolist()[::2] == [1234.5, -3.0]
    assert np.isnan(crm_import.parse_numbers(["¥1,234.50", ""])[1])
    assert crm_import.parse_numbers(["1 234,50 €", "0,5"]).tolist() == [1234.5, 0.5]
    with pytest.raises(ValueError, match="not numbers: 'abc'"):
        crm_import.parse_numbers(["1", "abc"])
    with pytest.raises(
        ValueError, match=re.escape("another decimal style than the rest: '1,234.50'")
    ):
        crm_import.parse_numbers(["1.234,50", "12,5", "1,234.50"])


# --- the reader's named steps, one at a time -------------------------------------------


def test_step_load_bytes_names_an_upload_and_refuses_a_folder(tmp_path):
    from salesprofit.crm_read import load_bytes

    assert load_bytes(b"a,b\n", None) == (b"a,b\n", "uploaded file")
    assert load_bytes(io.BytesIO(b"x"), "mine.csv") == (b"x", "mine.csv")
    with pytest.raises(DataError, match="is a folder, not a file"):
        load_bytes(tmp_path, None)


def test_step_read_sheet_finds_encoding_separator_and_header_under_a_title():
    from salesprofit.crm_columns import CRM_TABLES
    from salesprofit.crm_read import read_sheet

    text = "华信 订单导出\n订单号;下单日期;客户;数量;单价\nA1;2026-11-01;华信;2;12,50\n"
    sheet, fmt = read_sheet(text.encode("gbk"), "x.csv", CRM_TABLES["order_lines"], None, set())
    assert fmt == "csv" and sheet.n == 1
    assert sheet.info["encoding"] == "GBK/GB18030" and sheet.info["separator"] == ";"
    assert sheet.info["header_row"] == 2 and sheet.info["first_row"] == 3
    assert sheet.info["comma_hint"] is True  # a semicolon file may write 12,50
    assert sheet.assigned == {
        "order_id": 0,
        "order_date": 1,
        "customer_id": 2,
        "quantity": 3,
        "unit_price": 4,
    }
    with pytest.raises(DataError, match="old Excel 97-2003 workbook"):
        read_sheet(b"\xd0\xcf\x11\xe0rest", "old.xls", CRM_TABLES["order_lines"], None, set())
