"""salesprofit.costs against published worked examples and its invariants."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from salesprofit import costs


# Horngren, Datar & Rajan, Cost Accounting: A Managerial Emphasis (14th ed.),
# ch. 3: Emma Frost sells "GMAT Success" packages at $200, variable cost $120,
# fixed booth rental $2,000.

def test_horngren_breakeven_units_and_revenue():
    assert costs.breakeven_units(2000, 200, 120) == pytest.approx(25.0)
    assert costs.breakeven_sales(2000, 200, 120) == pytest.approx(5000.0)


def test_horngren_target_operating_income():
    # target operating income $1,200 -> 40 units ($8,000 revenue)
    assert costs.breakeven_units(2000, 200, 120, target_profit=1200) == pytest.approx(40.0)
    assert costs.breakeven_sales(2000, 200, 120, target_profit=1200) == pytest.approx(8000.0)


def test_horngren_target_net_income_after_tax():
    # target net income $1,200 at a 40 % tax rate -> operating income $2,000 -> 50 units
    pretax = costs.pretax_profit(1200, 0.40)
    assert pretax == pytest.approx(2000.0)
    assert costs.breakeven_units(2000, 200, 120, target_profit=pretax) == pytest.approx(50.0)


def test_horngren_margin_of_safety_and_operating_leverage():
    # at 40 units: revenue 8,000, break-even 5,000 -> margin of safety 3,000 = 37.5 %;
    # contribution 3,200 / operating income 1,200 -> degree of operating leverage 2.67
    assert costs.margin_of_safety(8000, 5000) == pytest.approx(0.375)
    assert costs.operating_leverage(8000, 40 * 120, 2000) == pytest.approx(3200 / 1200)


def test_horngren_multi_product_breakeven():
    # Same chapter, sales mix: GMAT Success ($200, $120) and GRE Guarantee ($100, $70)
    # in a 3:2 mix, fixed costs $14,000 -> 46.67 bundles = 140 GMAT + 93.33 GRE.
    mix = pd.Series([3, 2], index=["GMAT Success", "GRE Guarantee"])
    units = costs.multi_product_breakeven(mix, [200, 100], [120, 70], 14_000)
    assert units["GMAT Success"] == pytest.approx(140.0)
    assert units["GRE Guarantee"] == pytest.approx(93.333, abs=1e-3)


def test_eoq_heizer_render():
    # Heizer & Render, Operations Management, ch. 12 (Sharp, Inc.): D = 1,000
    # needles a year, S = $10 an order, H = $0.50 a unit a year -> Q* = 200,
    # 5 orders a year, total cost $100.
    q = costs.eoq(1000, 10, 0.5)
    assert q == pytest.approx(200.0)
    assert costs.inventory_cost(q, 1000, 10, 0.5) == pytest.approx(100.0)


def test_eoq_horngren():
    # Horngren, ch. 20 (Glare Shades): D = 13,000, P = $200, C = $5 -> EOQ 1,020
    # (1,019.8), relevant total cost $5,099.
    q = costs.eoq(13_000, 200, 5)
    assert q == pytest.approx(1019.8, abs=0.05)
    assert costs.inventory_cost(1020, 13_000, 200, 5) == pytest.approx(5099, abs=1)


@given(st.floats(1, 1e6), st.floats(0.1, 1e4), st.floats(0.01, 1e3))
def test_eoq_minimises_cost_and_balances_its_parts(d, k, h):
    q = costs.eoq(d, k, h)
    curve = costs.inventory_cost_curve(d, k, h, [q * 0.8, q, q * 1.25])
    assert curve["total_cost"].idxmin() == 1
    assert curve.loc[1, "ordering_cost"] == pytest.approx(curve.loc[1, "holding_cost"], rel=1e-9)


@given(st.floats(0, 1e6), st.floats(1, 1e4), st.floats(0, 0.99))
def test_breakeven_units_give_zero_profit(fixed, price, cost_share):
    cost = price * cost_share
    units = costs.breakeven_units(fixed, price, cost)
    assert units * (price - cost) - fixed == pytest.approx(0.0, abs=1e-6 * max(1.0, fixed))


def test_vectorised_breakeven():
    out = costs.breakeven_units(np.array([2000.0, 4000.0]), 200, 120)
    assert out == pytest.approx([25.0, 50.0])


@pytest.mark.parametrize("call, message", [
    (lambda: costs.breakeven_units(100, 10, 12), "does not cover the unit variable cost"),
    (lambda: costs.pretax_profit(100, 1.0), "below 1"),
    (lambda: costs.operating_leverage(100, 80, 30), "above break-even"),
    (lambda: costs.eoq(100, 10, 0), "holding cost must be above 0"),
    (lambda: costs.multi_product_breakeven([0, 0], [1, 1], [0, 0], 10), "all zero"),
])
def test_bad_input_is_explained(call, message):
    with pytest.raises(ValueError, match=message):
        call()
