"""Chapter 16 calculators: the profit bridge and the dashboard."""

import pytest

from salesprofit.exercises import variance as ex
from salesprofit.ui import variance as ui


@pytest.fixture(scope="module")
def sales():
    return ui.load_sales_data()


def test_bridge_calculator_years_and_quarters(sales):
    calc = ui.bridge_calculator(sales_data=sales)
    b = calc.output
    assert calc.error is None
    assert b.effects().sum() == pytest.approx(b.change, rel=1e-9)
    assert f"{b.current_profit:,.0f}" in calc.result.value
    calc.set(base="2024-Q1", current="2025-Q1")
    q = calc.output
    assert q.effects().sum() == pytest.approx(q.change, rel=1e-9) and q.base_profit < b.base_profit
    calc.set(current="2025")
    assert calc.error is not None and "same length" in calc.error
    calc.set(base="2024", level="category")
    assert calc.error is None and calc.output.new == 0  # no new categories


def test_dashboard(sales):
    dash = ui.dashboard()
    assert dash.error is None
    pl = dash.output["pl"]
    assert pl.loc["2025", "operating_profit"] == pytest.approx(
        pl.loc["2025", "gross_profit"]
        - pl.loc["2025", "fixed_costs"]
        - pl.loc["2025", "variable_costs"]
    )
    assert "Operating profit" in dash.result.value and dash.chart.value[:4] == b"\x89PNG"
    assert len(dash.output["losing_customers"]) > 0


def test_exercises():
    e = ex.price_effect(100, 120, 10.0, 11.0)
    assert e.check("120").correct and e.check("100").kind == "mistake"
    e = ex.profit_growth(100.0, 107.0, 10.0, 15.0)
    assert e.check("50").correct and e.check("7").kind == "mistake"
