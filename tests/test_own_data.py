"""Tests of salesprofit.own_data (analyses of a user's export) and its lab (ui.own_data).

Hand-computed examples: revenue = q x p, gross profit = q x (p - c), leakage = q x (L - p)
(Marn, Roegner & Zawada, The Price Advantage, 2nd ed. 2004, ch. 3: list price to
invoice price). The sample export is tests/corpus/sample_export_gbk.csv.
"""

from __future__ import annotations

import base64
import importlib
import io
import re
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from salesprofit import own_data
from salesprofit.crm_import import read_crm_export
from salesprofit.exercises import own_data as own_exercises
from salesprofit.ui import own_data as lab

CORPUS = Path(__file__).resolve().parent / "corpus"


def tiny() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "order_id": ["A", "A", "B", "C", "D"],
            "order_date": pd.to_datetime(
                ["2026-01-05", "2026-01-05", "2026-02-01", "2026-02-03", "2026-03-01"]
            ),
            "customer_id": ["X", "X", "Y", "X", "Z"],
            "product_id": ["P1", "P2", "P1", "P1", "P3"],
            "quantity": [10, 2, 5, 1, 4],
            "unit_price": [9.0, 50.0, 8.0, 10.0, 20.0],
            "unit_cost": [6.0, 40.0, 9.0, 6.0, 10.0],
            "list_price": [10.0, 50.0, 10.0, 10.0, 25.0],
            "rep_id": ["R1", "R1", "R2", "R1", "R2"],
        }
    )


def test_line_values_by_hand():
    v = own_data.line_values(tiny())
    assert v["revenue"].tolist() == [90.0, 100.0, 40.0, 10.0, 80.0]
    assert v["gross_profit"].tolist() == [30.0, 20.0, -5.0, 4.0, 40.0]
    assert v["leakage"].tolist() == [10.0, 0.0, 10.0, 0.0, 20.0]


def test_customer_profitability_and_whale():
    t = own_data.customer_profitability(tiny())
    assert t.index.tolist() == ["X", "Z", "Y"]
    assert t["gross_profit"].tolist() == [54.0, 40.0, -5.0]
    assert t["orders"].tolist() == [2, 1, 1]
    assert t.loc["X", "margin"] == pytest.approx(54 / 200)
    curve, summary = own_data.whale(tiny())
    # cumulative 54, 94, 89 of a total 89
    np.testing.assert_allclose(curve["cumulative_share"], [54 / 89, 94 / 89, 1.0])
    assert summary.unprofitable_customers == 1 and summary.loss_of_unprofitable == -5.0


def test_discount_leakage_by_rep_and_customer():
    rep = own_data.discount_leakage(tiny(), "rep_id")
    # R1: list 100+100+10 = 210, net 200 -> 10/210; R2: list 50+100 = 150, net 120 -> 30/150
    assert rep.index.tolist() == ["R2", "R1"]
    np.testing.assert_allclose(rep["leakage_rate"], [30 / 150, 10 / 210])
    np.testing.assert_allclose(rep["leakage_share"], [0.75, 0.25])
    cust = own_data.discount_leakage(tiny(), "customer_id")
    assert cust["leakage"].to_dict() == {"Y": 10.0, "Z": 20.0, "X": 10.0}
    with pytest.raises(ValueError, match="by rep"):
        own_data.discount_leakage(tiny(), "product_id")


def test_abc_tiers_and_product_mix():
    per, summary = own_data.abc_tiers(tiny())
    # revenue X 200, Z 80, Y 40 of 320: shares 0.625 (A), 0.875 (B), 1.0 (C)
    assert per["abc_class"].to_dict() == {"X": "A", "Z": "B", "Y": "C"}
    assert summary["customers"].tolist() == [1, 1, 1]
    assert summary["gross_profit"].tolist() == [54.0, 40.0, -5.0]
    mix = own_data.product_mix(tiny())
    assert mix.index.tolist() == ["P1", "P2", "P3"]
    assert mix["revenue"].tolist() == [140.0, 100.0, 80.0]
    assert mix.loc["P1", "margin"] == pytest.approx((30 - 5 + 4) / 140)


def test_missing_columns_skip_only_what_needs_them():
    d = tiny().drop(columns=["unit_cost", "list_price", "product_id", "rep_id"])
    res = own_data.run_all(d)
    assert {k: r.ok for k, r in res.items()} == {
        "profitability": False,
        "leakage_rep": False,
        "leakage_customer": False,
        "abc": True,
        "product_mix": False,
        "clv": False,
    }
    assert res["profitability"].reason == (
        "needs a unit cost column (unit_cost, 成本), which the file does not have"
    )
    assert res["leakage_rep"].reason == (
        "needs a list price column (list_price, 标准价) and a "
        "sales rep column (rep_id, 业务员), which the file "
        "does not have"
    )
    assert res["clv"].reason.startswith("The CLV outlook needs at least 10 customers")


def test_a_missing_library_piece_is_reported_not_raised(monkeypatch):
    real = importlib.import_module

    def fake(name, *a, **kw):
        if name == "salesprofit.segmentation":
            raise ImportError("not there")
        return real(name, *a, **kw)

    monkeypatch.setattr(own_data.importlib, "import_module", fake)
    res = own_data.run_all(tiny(), only=("abc", "product_mix"))
    assert not res["abc"].ok
    assert res["abc"].reason == (
        "this analysis needs salesprofit.segmentation.abc_classes, "
        "which this installation of the course does not have yet"
    )
    assert res["product_mix"].ok


def test_bad_input():
    with pytest.raises(ValueError, match="no column 'quantity'"):
        own_data.run_all(tiny().drop(columns="quantity"))
    with pytest.raises(ValueError, match="no order lines"):
        own_data.line_values(tiny().iloc[:0])


@pytest.fixture(scope="module", autouse=True)
def corpus_untouched():
    """Nothing here may write to the corpus files the analyses read."""
    before = {p.name: p.read_bytes() for p in CORPUS.iterdir() if p.is_file()}
    yield
    assert {p.name: p.read_bytes() for p in CORPUS.iterdir() if p.is_file()} == before


@pytest.fixture(scope="module")
def sample_lines() -> pd.DataFrame:
    return read_crm_export(CORPUS / "sample_export_gbk.csv")


def test_sample_export_analyses_agree_with_the_source(sample_lines):
    res = own_data.run_all(sample_lines)
    assert all(r.ok for r in res.values()), {k: r.reason for k, r in res.items()}
    prof = res["profitability"].output[0]
    v = sample_lines
    assert prof["gross_profit"].sum() == pytest.approx(
        (v["quantity"] * (v["unit_price"] - v["unit_cost"])).sum()
    )
    assert len(prof) == 300
    out = res["clv"].output
    assert out.value == "gross profit" and out.horizon_days == 360.0
    assert ((out.customers["p_alive"] >= 0) & (out.customers["p_alive"] <= 1)).all()
    assert (out.customers["clv"] >= 0).all()


def test_exercise_rep_leakage(sample_lines):
    ex = own_exercises.rep_leakage(sample_lines, "R15")
    rep = own_data.discount_leakage(sample_lines, "rep_id")
    assert ex.answer == pytest.approx(rep.loc["R15", "leakage_rate"])
    assert ex.check(ex.answer * 100).correct
    v = own_data.line_values(sample_lines)
    v = v[v["rep_id"] == "R15"]
    wrong = (v["leakage"].sum()) / v["revenue"].sum() * 100
    assert ex.check(wrong).kind == "mistake"
    with pytest.raises(ValueError, match="no order lines"):
        own_exercises.rep_leakage(sample_lines, "nobody")


# --------------------------------------------------------------------------------------
# The lab (widgets)
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def calc():
    return lab.own_data_lab(path=CORPUS / "sample_export_gbk.csv")


def test_lab_runs_on_the_sample(calc):
    rep = calc.output
    assert calc.error is None and rep.error is None and rep.source == "sample_export_gbk.csv"
    assert list(rep.tables) == [
        "validation",
        "customer profit",
        "leakage by rep",
        "leakage by customer",
        "abc tiers",
        "abc summary",
        "product mix",
        "clv outlook",
    ]
    html = calc.result.value
    assert "1. Validation report" in html and "12,638</b> order lines read" in html
    assert html.count("data:image/png;base64,") == 4
    assert 'download="sample_export_gbk_customers.csv"' in html
    assert calc.excel_link.value == ""
    calc.prepare_excel()
    m = re.search(
        r'download="sample_export_gbk_analysis.xlsx" href="data:[^;]+;base64,'
        r'([A-Za-z0-9+/=]+)"',
        calc.excel_link.value,
    )
    wb = openpyxl.load_workbook(io.BytesIO(base64.b64decode(m.group(1))), read_only=True)
    assert wb.sheetnames[:3] == ["validation", "customer profit", "leakage by rep"]
    wb.close()


def _upload(raw: bytes, name: str) -> tuple:
    return (
        {
            "name": name,
            "type": "text/csv",
            "size": len(raw),
            "content": memoryview(raw),
            "last_modified": datetime(2026, 11, 1, tzinfo=UTC),
        },
    )


def test_lab_upload_of_a_broken_file_shows_the_problems(calc):
    raw = (CORPUS / "b03_impossible_date.csv").read_bytes()
    calc.inputs["upload"].value = _upload(raw, "my export.csv")
    try:
        assert calc.error is None  # shown as a report, not as a traceback or input error
        assert calc.output.error.startswith("File 'my export.csv', column '下单日期': 2 values")
        assert "This file cannot be analysed yet." in calc.result.value
        assert "2024年13月1日" in calc.result.value
    finally:
        calc.inputs["upload"].value = ()


def test_lab_file_without_costs_skips_and_says_why(calc):
    calc.inputs["path"].value = str(CORPUS / "v04_gb18030_names.csv")
    rep = calc.output
    assert [k for k, r in rep.results.items() if r.ok] == ["abc"]
    assert (
        "Skipped: needs a unit cost column (unit_cost, 成本), which the file does not "
        "have." in calc.result.value
    )
    calc.inputs["path"].value = ""
    assert "Upload a CSV or XLSX export" in calc.result.value


def test_export_of_lab_tables_is_formula_safe():
    lines = tiny()
    lines.loc[0, "customer_id"] = '=HYPERLINK("x")'
    raw = lines.to_csv(index=False).encode("utf-8")
    calc = lab.own_data_lab(path="")
    calc.inputs["upload"].value = _upload(raw, "evil.csv")
    sheet = calc.output.tables["customer profit"]
    assert '=HYPERLINK("x")' in sheet["customer_id"].tolist()
    calc.prepare_excel()
    m = re.search(
        r'download="evil_analysis.xlsx" href="data:[^;]+;base64,([A-Za-z0-9+/=]+)"',
        calc.excel_link.value,
    )
    wb = openpyxl.load_workbook(io.BytesIO(base64.b64decode(m.group(1))))
    cells = [c.value for row in wb["customer profit"].iter_rows() for c in row]
    assert '\'=HYPERLINK("x")' in cells
    assert all(c.data_type != "f" for ws in wb.worksheets for row in ws.iter_rows() for c in row)
    m = re.search(
        r'download="evil_customers.csv" href="data:[^"]*?;base64,([A-Za-z0-9+/=]+)"',
        calc.result.value,
    )
    text = base64.b64decode(m.group(1)).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "\n=" not in text and ",=" not in text


def test_file_check_calculator_shows_report_or_refusal():
    calc = lab.file_check()
    assert calc.error is None and calc.output.imported is not None
    assert "header on row 3" in calc.result.value
    calc.set(example="Two quantity columns")
    assert calc.output.error == (
        "File 'b05_two_quantity_columns.csv': columns '数量' and 'qty' both mean quantity "
        "(quantity sold). Keep one of them in the file, or pass mapping={'数量': 'quantity', "
        "'qty': None}."
    )
    for example in lab.EXAMPLES:  # every example gives a report or a refusal, never a crash
        calc.set(example=example)
        assert calc.error is None
        assert (calc.output.error is None) == lab.EXAMPLES[example].startswith("v")
    with pytest.raises(ValueError, match="Choose one of the examples"):
        lab.compute_check("nope")


def test_decimal_comma_exercise():
    ex = own_exercises.decimal_comma("1.234,50 €")
    assert ex.answer == 1234.5 and ex.check("1234.5").correct
    assert ex.check("1.2345").kind == "mistake" and ex.check("123450").kind == "mistake"


# --------------------------------------------------------------------------------------
# At scale and honest (issue 18)
# --------------------------------------------------------------------------------------


def test_run_all_reports_one_step_per_analysis():
    steps = []
    res = own_data.run_all(
        tiny(), progress=lambda done, total, title: steps.append((done, total, title))
    )
    titles = [a.title for a in own_data.ANALYSES]
    assert steps == [(i, 6, t) for i, t in enumerate(titles)] + [(6, 6, "done")]
    assert list(res) == [a.key for a in own_data.ANALYSES]
    only = []
    own_data.run_all(tiny(), only=("abc",), progress=lambda *s: only.append(s))
    assert only == [(0, 1, "ABC tiers"), (1, 1, "done")]


def test_the_figures_the_lab_quotes_come_from_the_model():
    res = own_data.run_all(tiny())
    # by hand (see test_discount_leakage_by_rep_and_customer): leakage 10 + 30 of list 210 + 150
    assert res["leakage_rep"].facts == {"leakage": 40.0, "leakage_rate": pytest.approx(40 / 360)}
    # products: revenue P1 140, P2 100, P3 80 of 320; the top 10 are all three
    assert res["product_mix"].facts == {"products": 3, "top_share": pytest.approx(1.0)}
    ov = own_data.overview(tiny())
    assert (ov.lines, ov.customers, ov.orders) == (5, 3, 4)
    assert (ov.first_date, ov.last_date) == (pd.Timestamp("2026-01-05"), pd.Timestamp("2026-03-01"))
    guide = own_data.column_guide().set_index("column")
    assert (
        guide.loc["order_id", "required"] == "yes"
        and "订单号" in guide.loc["order_id", "headers recognised"]
    )


def test_lines_in_any_order_and_orders_across_customers_give_the_same_tables():
    lines = tiny()
    shuffled = lines.iloc[[4, 0, 3, 1, 2]]
    for fn in (own_data.customer_profitability, own_data.product_mix):
        pd.testing.assert_frame_equal(fn(shuffled), fn(lines))
    pd.testing.assert_frame_equal(
        own_data.discount_leakage(shuffled, "customer_id"),
        own_data.discount_leakage(lines, "customer_id"),
    )
    # an order number used by two customers counts once for each of them
    shared = lines.assign(order_id=["A", "A", "B", "B", "D"])  # B: Y on 1 Feb and X on 3 Feb
    assert own_data.customer_profitability(shared)["orders"].to_dict() == {"X": 2, "Z": 1, "Y": 1}


def _steady_lines(customers=300, seed=5) -> pd.DataFrame:
    """An export whose customers never stop buying: each orders at a steady random rate
    (one order every 15 days on average over two years)."""
    rng = np.random.default_rng(seed)
    rows = []
    for c in range(customers):
        first = int(rng.integers(0, 120))
        days = np.r_[
            first, first + np.sort(rng.integers(0, 730 - first, rng.poisson((730 - first) / 15)))
        ]
        for k, d in enumerate(days):
            rows.append(
                (
                    f"O{c:04d}-{k:03d}",
                    pd.Timestamp("2024-01-01") + pd.Timedelta(days=int(d)),
                    f"C{c:04d}",
                    1 + int(rng.integers(0, 5)),
                    100.0,
                    70.0,
                )
            )
    return pd.DataFrame(
        rows,
        columns=["order_id", "order_date", "customer_id", "quantity", "unit_price", "unit_cost"],
    )


def test_customers_who_never_leave_get_a_sentence_not_a_p_alive_list():
    lines = _steady_lines()
    res = own_data.run_all(lines, only=("clv",))
    assert not res["clv"].ok
    assert res["clv"].reason.startswith("In these data no customer seems to stop buying")
    assert "P(alive)" in res["clv"].reason
    calc = lab.own_data_lab(path="")
    calc.inputs["upload"].value = _upload(lines.to_csv(index=False).encode("utf-8"), "steady.csv")
    html = calc.result.value
    assert "no customer seems to stop buying" in html
    assert "Skipped: In these data no customer seems to stop buying" in html
    assert "p_alive" not in html  # no P(alive) list
    assert calc.progress_bar.value == calc.progress_bar.max == 6
    assert calc.progress_step.value == "all done"
