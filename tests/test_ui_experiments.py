"""Chapter 11 calculators and exercises."""

import math

import pytest

from salesprofit import experiments
from salesprofit.exercises import experiments as ex
from salesprofit.ui import experiments as ui


def test_ab_calculator_turns_significant_with_more_data():
    calc = ui.ab_test_calculator(
        conversions_a=80, customers_a=1000, conversions_b=100, customers_b=1000
    )
    assert calc.error is None and "Not proven" in calc.result.value
    assert calc.output.z == pytest.approx(experiments.two_proportion_ztest(80, 1000, 100, 1000).z)
    calc.set(conversions_a=800, customers_a=10000, conversions_b=1000, customers_b=10000)
    assert "B wins" in calc.result.value and calc.output.ci_high < 0
    calc.inputs["conversions_a"].value = 20000  # more orders than quotes
    assert calc.error is not None and "more conversions than customers" in calc.error


def test_sample_size_calculator_fleiss():
    calc = ui.sample_size_calculator(p_base=0.05, p_target=0.10, customers_per_day=87)
    assert math.ceil(calc.output["n"]) == 435
    assert math.ceil(calc.output["n_continuity"]) == 474  # Fleiss, Levin & Paik, Table A.4
    assert "435" in calc.result.value and "474" in calc.result.value
    assert calc.output["days"] == pytest.approx(870 / 87)
    calc.set(p_target=0.05)
    assert "smallest change worth detecting" in calc.error


def test_peeking_calculator_more_looks_more_false_alarms():
    calc = ui.peeking_calculator(looks=1)
    once = calc.output.false_positive_peeking
    assert once == pytest.approx(calc.output.false_positive_fixed)
    calc.inputs["looks"].value = 20
    assert calc.output.false_positive_peeking > once + 0.1


def test_new_product_calculator():
    calc = ui.new_product_calculator()
    assert calc.output["breakeven"].breakeven_units == pytest.approx(10_000)
    assert "10,000" in calc.result.value and "5,200" in calc.result.value
    calc.set(cannibalisation=1.0, old_unit_cost=10.0)
    assert "no volume breaks even" in calc.error


def test_exercises():
    e = ex.ab_z(6450, 7422, 6213, 7578)
    assert e.check(f"{e.answer:.2f}").correct
    assert e.check(f"{-e.answer:.2f}").kind == "mistake"
    e = ex.new_product_units(120, 70, 260_000, 0.6, 100, 60)
    assert e.check("10000").correct and e.check("5200").kind == "mistake"


def test_new_product_calculator_explains_cannibalisation_above_100_percent():
    from salesprofit.ui import experiments as calc

    # new unit earns 50, old unit 20; k = 1.2: lost 24 a new unit, net 26 (hand calculation)
    c = calc.new_product_calculator(
        price=120,
        unit_cost=70,
        fixed_costs=26_000,
        cannibalisation=1.2,
        old_price=80,
        old_unit_cost=60,
        expected_units=2_000,
    )
    b = c.output["breakeven"]
    assert b.net_contribution == pytest.approx(26.0) and b.breakeven_units == pytest.approx(1_000.0)
    assert c.output["profit"] == pytest.approx(2_000 * 26.0 - 26_000)
    assert "above 100 %" in c.result.value and "1.20 units" in c.result.value
    c.inputs["cannibalisation"].value = 60.0  # percent: below 100 %, no explanation
    assert "above 100 %" not in c.result.value
