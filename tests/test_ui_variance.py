"""Chapter 16 calculators: the profit bridge and the dashboard."""

import pytest

from _exercise_checks import assert_mistakes_recognised
from salesprofit import variance as _variance
from salesprofit.exercises import variance as _ex
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


# --- exercises: the answer as the solution shows it is accepted; every mistake is recognised ---


def test_price_effect_exercise_is_the_bridge_price_bar():
    e = _ex.price_effect(1_200, 1_350, 237.0, 249.4, product="a drill")
    assert e.answer == pytest.approx(1_350 * (249.4 - 237.0), rel=1e-9)  # hand: ¥16,740
    assert e.check("16,740").correct
    assert_mistakes_recognised(e)


def test_profit_growth_exercise_accepts_the_solution_as_shown():
    e = _ex.profit_growth(60_000_000, 64_000_000, 5_000_000, 5_600_000)
    assert e.answer == pytest.approx(_variance.growth_rate(5_000_000, 5_600_000))
    assert e.check("12.0").correct  # hand: 5.6 ÷ 5.0 − 1
    assert_mistakes_recognised(e)
