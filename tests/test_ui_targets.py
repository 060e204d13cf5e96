"""Chapter 14 calculators: target decomposition with export, quota allocation."""

import base64
import io
import re

import pandas as pd
import pytest

from salesprofit.ui import targets as ui


@pytest.fixture(scope="module")
def history():
    return ui.company_history(2025)


def _links(html):
    return dict(
        re.findall(
            r'<a download="([^"]+)" href="data:[^;]+(?:;charset=utf-8)?;base64,([^"]+)"', html
        )
    )


def test_decomposition_table_adds_up_and_exports(history):
    calc = ui.decomposition_calculator(history, growth=0.08, year=2026, level="month")
    assert calc.error is None
    total = calc.output["total"]
    assert total == pytest.approx(history.revenue_by_year[2025] * 1.08)
    tab = calc.output["table"]
    assert len(tab) == 12 and tab["target (¥)"].sum() == round(total)
    assert tab.loc[tab["period"] == "Feb", "target (¥)"].item() == tab["target (¥)"].min()
    links = _links(calc.result.value)
    assert set(links) == {"sales_targets_2026_month.csv", "sales_targets_2026_month.xlsx"}
    csv = pd.read_csv(
        io.BytesIO(base64.b64decode(links["sales_targets_2026_month.csv"])), encoding="utf-8-sig"
    )
    assert csv["target (¥)"].sum() == round(total)
    xlsx = pd.read_excel(io.BytesIO(base64.b64decode(links["sales_targets_2026_month.xlsx"])))
    assert xlsx["target (¥)"].tolist() == tab["target (¥)"].tolist()


def test_decomposition_levels_and_no_seasonality(history):
    calc = ui.decomposition_calculator(history, growth=0.0, year=2026, level="quarter")
    assert len(calc.output["table"]) == 4
    calc.inputs["level"].value = "week"
    weeks = calc.output["table"]
    assert len(weeks) == 53 and weeks["target (¥)"].sum() == round(calc.output["total"])
    assert "53 weeks" in calc.result.value
    calc.inputs["use_seasonality"].value = False
    calc.inputs["level"].value = "month"
    shares = calc.output["table"]["share"]
    assert shares.max() - shares.min() < 0.01  # even by working day
    calc.inputs["growth"].value = -50  # the slider clamps at -30 %
    assert calc.error is None and calc.output["total"] == pytest.approx(
        history.revenue_by_year[2025] * 0.7
    )


def test_quota_allocation(history):
    calc = ui.allocation_calculator(history, total=100_000_000, weight_potential=1.0)
    alloc = calc.output
    assert alloc["quota"].sum() == pytest.approx(100_000_000)
    assert alloc["quota_whole"].sum() == 100_000_000
    assert alloc["quota"].idxmax() == history.potential.idxmax()
    calc.set(weight_potential=0.0)
    share = history.rep_revenue / history.rep_revenue.sum()
    assert calc.output["quota"].to_dict() == pytest.approx((share * 100_000_000).to_dict())
    assert "growth needed" in calc.result.value


def test_exported_workbook_is_stable_and_safe(monkeypatch):
    import time

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # as tools/run_notebooks.py sets it
    df = pd.DataFrame({"period": ['=HYPERLINK("x")', "Feb"], "target (¥)": [1.0, 2.0]})
    a = ui.download_links(df, "t")
    time.sleep(1.1)
    assert ui.download_links(df, "t") == a  # no timestamps inside
    xlsx = pd.read_excel(io.BytesIO(base64.b64decode(_links(a)["t.xlsx"])))
    assert xlsx["period"].iloc[0].startswith("'=")  # formula neutralised by salesprofit.export
    assert xlsx["target (¥)"].tolist() == [1.0, 2.0]
