"""Chapter 3 calculators: set inputs the way a person would, read what they show."""

import pytest

from salesprofit import pricing
from salesprofit.labs import pricing as labs
from salesprofit.ui import pricing as ui


def test_breakeven_calculator_updates_live():
    calc = ui.breakeven_calculator(margin=0.30, discount=0.10)
    assert calc.error is None
    assert calc.output["volume_needed"] == pytest.approx(0.5)
    assert "+50.0 %" in calc.result.value and "150" in calc.result.value
    assert calc.chart.value[:4] == b"\x89PNG"
    calc.inputs["discount"].value = 5.0  # the slider is in percent
    assert calc.output["volume_needed"] == pytest.approx(
        pricing.breakeven_volume_change(-0.05, 0.30)
    )
    assert "+20.0 %" in calc.result.value


def test_breakeven_calculator_shows_the_models_message():
    calc = ui.breakeven_calculator(margin=0.20, discount=0.10)
    calc.inputs["discount"].value = 25.0
    assert calc.error is not None and "no extra volume can make it up" in calc.error
    assert "sp-error" in calc.result.value and "Traceback" not in calc.result.value
    assert calc.chart.layout.display == "none"  # no stale chart beside an error
    calc.inputs["discount"].value = 10.0  # and it recovers
    assert calc.error is None and calc.chart.layout.display is None


def test_waterfall_calculator_matches_model():
    calc = ui.waterfall_calculator(
        list_price=100,
        discount=0.08,
        payment_days=60,
        cost_of_capital=0.06,
        rebate=0.02,
        freight=2.0,
        unit_cost=65,
    )
    invoice = 92.0
    pocket = invoice - invoice * 0.06 * 60 / 365 - invoice * 0.02 - 2.0
    assert calc.output["pocket_price"] == pytest.approx(pocket)
    assert f"¥{pocket:,.2f}" in calc.result.value
    calc.inputs["payment_days"].value = 90
    assert calc.output["pocket_price"] == pytest.approx(
        invoice - invoice * 0.06 * 90 / 365 - invoice * 0.02 - 2.0
    )
    calc.inputs["unit_cost"].value = 95  # above the pocket price
    assert "sp-bad" in calc.result.value  # a loss is flagged, not hidden


def test_optimal_price_calculator():
    calc = ui.optimal_price_calculator(
        unit_cost=60, current_price=100, current_units=1000, elasticity=-3.0
    )
    assert calc.output.optimal_price == pytest.approx(90.0)
    assert "¥90.00" in calc.result.value and "cut" in calc.result.value
    calc.inputs["elasticity"].value = -0.8
    assert "no best price" in calc.result.value
    # the slider refuses values outside its range instead of computing nonsense
    calc.inputs["elasticity"].value = 5.0
    assert calc.inputs["elasticity"].value == pytest.approx(-0.2)


def test_dynamic_pricing_calculator():
    season = [0.7, 0.9, 1.0, 1.2, 1.4, 1.1]
    calc = ui.dynamic_pricing_calculator(
        season, base_price=100, unit_cost=70, base_units=1000, elasticity=-2.0, capacity=1150
    )
    sim = labs.simulate_dynamic_pricing(season, 100, 70, 1000, -2.0, 1150, 0.5, 0.10)
    expected = sim["dynamic_contribution"].sum() - sim["fixed_contribution"].sum()
    assert calc.output["gain"] == pytest.approx(expected)
    calc.inputs["responsiveness"].value = 0.0
    assert calc.output["gain"] == pytest.approx(0.0)


def test_calculator_repr_is_short():
    assert (
        repr(ui.breakeven_calculator())
        == "<Calculator: Discount break-even: what a discount really costs>"
    )


def test_optimal_price_calculator_warns_outside_the_tested_prices():
    # c = 60, e = -1.5: the best price 180 lies above the 80-120 tested
    calc = ui.optimal_price_calculator(
        unit_cost=60,
        current_price=100,
        current_units=1000,
        elasticity=-1.5,
        tested_low=80,
        tested_high=120,
    )
    assert calc.output.outside_tested
    assert (
        "Warning" in calc.result.value
        and "outside the prices that were tested" in calc.result.value
    )
    calc.inputs["elasticity"].value = -3.0  # best price 90: inside, no warning
    assert not calc.output.outside_tested and "Warning" not in calc.result.value
