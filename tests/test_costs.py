"""salesprofit.costs against published worked examples and its invariants."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesprofit import costs
from salesprofit.labs import costs as costs_labs

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


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: costs.breakeven_units(100, 10, 12), "does not cover the unit variable cost"),
        (lambda: costs.pretax_profit(100, 1.0), "below 1"),
        (lambda: costs.operating_leverage(100, 80, 30), "above break-even"),
        (lambda: costs.eoq(100, 10, 0), "holding cost must be above 0"),
        (lambda: costs.multi_product_breakeven([0, 0], [1, 1], [0, 0], 10), "all zero"),
    ],
)
def test_bad_input_is_explained(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# --- chapter 4: inventory policies, JIT, meetings ---------------------------------


def test_inventory_policies_reproduce_the_sample_companys_ground_truth():
    # datasets/ground_truth.json "inventory_annual_cost": the generator's own totals
    import json
    from pathlib import Path

    from salesprofit import data

    truth = json.loads((Path(__file__).parents[1] / "datasets" / "ground_truth.json").read_text())
    inv, products = data.load("inventory"), data.load("products")
    unit_cost = inv[["product_id"]].merge(
        products[["product_id", "unit_cost"]], on="product_id", how="left"
    )["unit_cost"]
    summary = costs.policy_summary(costs.inventory_policies(inv, unit_cost))
    assert summary.loc["batch", "annual_cost"] == pytest.approx(
        truth["inventory_annual_cost"]["current_policy"], abs=1
    )
    assert summary.loc["eoq", "annual_cost"] == pytest.approx(
        truth["inventory_annual_cost"]["eoq_policy"], abs=1
    )
    # JIT orders cost less, so it orders more often and holds less stock than EOQ
    assert (
        summary.loc["jit", "annual_cost"]
        < summary.loc["eoq", "annual_cost"]
        < summary.loc["batch", "annual_cost"]
    )
    assert summary.loc["jit", "orders"] > summary.loc["eoq", "orders"]
    assert summary.loc["jit", "stock_value"] < summary.loc["eoq", "stock_value"]


def test_jit_vs_batch_heizer_render_numbers():
    # Heizer & Render's Sharp, Inc. (D 1,000, S $10, H $0.50): EOQ 200 costs $100 a year.
    # Ordering 500 at a time costs 10*1000/500 + 0.5*500/2 = 20 + 125 = $145; a JIT
    # agreement cutting S to $2.50 halves Q* to 100 and the cost to $50.
    t = costs.jit_vs_batch(1000, 10, 2.5, 0.5, 500)
    assert t.loc["batch", "total_cost"] == pytest.approx(145.0)
    assert t.loc["eoq", "order_quantity"] == pytest.approx(200.0)
    assert t.loc["eoq", "total_cost"] == pytest.approx(100.0)
    assert t.loc["jit", "order_quantity"] == pytest.approx(100.0)
    assert t.loc["jit", "orders_per_year"] == pytest.approx(10.0)
    assert t.loc["jit", "total_cost"] == pytest.approx(50.0)


@given(
    st.floats(1, 1e6),
    st.floats(0.1, 1e4),
    st.floats(0.01, 1),
    st.floats(0.01, 1e3),
    st.floats(1, 1e5),
)
def test_eoq_never_loses_to_a_batch(d, k, jit_share, h, q):
    t = costs.jit_vs_batch(d, k, k * jit_share, h, q)
    assert t.loc["eoq", "total_cost"] <= t.loc["batch", "total_cost"] * (1 + 1e-9)
    assert t.loc["jit", "total_cost"] <= t.loc["eoq", "total_cost"] * (1 + 1e-9)


def test_meeting_costs_and_travel_vs_video():
    acts = pd.DataFrame(
        {
            "type": ["visit", "visit", "video_meeting", "call"],
            "duration_min": [60, 120, 45, 10],
            "travel_min": [120, 180, 0, 0],
            "cost": [500.0, 700.0, 3.0, 1.0],
        }
    )
    t = costs.meeting_costs(acts, hourly_cost=120.0)
    # visit: 600 direct + (90 + 150) min = 4 h x 120 = 480 -> 1,080
    assert t.loc["visit", "total_cost"] == pytest.approx(1080.0)
    assert t.loc["visit", "total_spend"] == pytest.approx(2160.0)
    assert t.loc["video_meeting", "total_cost"] == pytest.approx(93.0)
    # 100 visits, 40 % by video: 40 x (750 - 3) = 29,880 direct; 40 x 6.6 h = 264 h x 130 = 34,320
    r = costs.travel_vs_video(100, 0.4, 750, 7.3, 3, 0.7, 130)
    assert r["direct_saving"] == pytest.approx(29_880.0)
    assert r["hours_freed"] == pytest.approx(264.0)
    assert r["total_saving"] == pytest.approx(29_880.0 + 34_320.0)
    assert isinstance(r["total_saving"], float)
    vec = costs.travel_vs_video(np.array([100, 200]), 0.5, 750, 7.3, 3, 0.7, 130)["direct_saving"]
    assert vec == pytest.approx([37_350.0, 74_700.0])
    with pytest.raises(ValueError, match="fraction"):
        costs.travel_vs_video(100, 40, 750, 7.3, 3, 0.7, 130)
    assert costs.hourly_cost(200_000, 0.3, 2000) == pytest.approx(130.0)


# --- labs 4.1 and 4.2 (issue 13 items 2 and 16) -----------------------------------------


def test_inventory_lab_counts_the_products_and_recovers_the_ground_truth():
    import json
    from pathlib import Path

    from salesprofit import data

    truth = json.loads((Path(__file__).parents[1] / "datasets" / "ground_truth.json").read_text())
    lab = costs_labs.inventory_lab(data.load("inventory"), data.load("products"))
    assert lab.products == len(data.load("inventory")) == 412
    assert lab.summary.loc["batch", "annual_cost"] == pytest.approx(
        truth["inventory_annual_cost"]["current_policy"], rel=1e-6
    )
    assert lab.summary.loc["eoq", "annual_cost"] == pytest.approx(
        truth["inventory_annual_cost"]["eoq_policy"], rel=1e-6
    )
    assert list(lab.top["eoq_saving"]) == sorted(lab.top["eoq_saving"], reverse=True)


def test_video_saving_solution_as_shown_is_accepted():
    """Lab 4.2: the issue's case, 222 visits, 25 % replaced: 55.5 -> 56 whole meetings."""
    from salesprofit import exercises

    ex = exercises.costs.video_saving(222, 0.25, 750, 7.3, 3, 0.7, 100)
    # hand calculation as the solution shows it: 56 x (747.00 + 660.00) = 78,792.00
    assert "56 whole meetings" in ex.solution and "¥1,407.00 a meeting" in ex.solution
    assert "56 × ¥1,407.00 = ¥78,792.00" in ex.solution
    assert ex.check("78792").correct
    assert ex.check(f"{55.5 * 1407:.0f}").correct  # without rounding the meetings: also right
    assert ex.check(f"{56 * 747:.0f}").kind == "mistake"  # travel expenses only
    assert ex.check(f"{56 * (750 + 7.3 * 100):.0f}").kind == "mistake"  # video not free
    assert ex.check(f"{222 * 1407:.0f}").kind == "mistake"  # all visits


def test_eoq_exercise_solution_as_shown_is_accepted():
    from salesprofit import exercises

    # h = 25 % x ¥2.00 = ¥0.50; Q* = sqrt(2 x 1000 x 10 / 0.5) = 200
    ex = exercises.costs.eoq(1000, 10, 0.25, 2.0)
    assert "¥0.50" in ex.solution and "200.0 units" in ex.solution
    assert ex.check("200").correct
    assert ex.check(f"{(1000 * 10 / 0.5) ** 0.5:.1f}").kind == "mistake"  # no 2 under the root
    assert ex.check(f"{(2 * 1000 * 10 / 0.25) ** 0.5:.1f}").kind == "mistake"  # divided by the rate
    assert ex.check("40000").kind == "mistake"  # no square root


def test_cost_to_serve_and_meeting_labs():
    from salesprofit import data, profitability

    tables = {
        t: data.load(t)
        for t in ("orders", "order_lines", "customers", "activities", "tickets", "returns")
    }
    profit = profitability.sample_company_profit(tables)
    names = tables["customers"].set_index("customer_id")["name"]
    lab = costs_labs.cost_to_serve_lab(profit, names)
    assert lab.losers == int((profit["profit"] < 0).sum())
    assert lab.cost_share == pytest.approx(
        profit["cost_to_serve"].sum() / profit["gross_profit"].sum(), rel=1e-9
    )
    w = costs_labs.customer_waterfall(profit, lab.choices[0])
    assert w.steps["amount"].iloc[-1] == pytest.approx(w.row["profit"])
    assert w.steps["amount"].iloc[1:-1].sum() == pytest.approx(w.row["profit"], rel=1e-9)
    meet = costs_labs.meeting_lab(tables["activities"], data.load("reps"), years=2)
    visits = (tables["activities"]["type"] == "visit").sum()
    assert meet.visits_per_rep_year == pytest.approx(visits / 20 / 2)


def test_multi_product_breakeven_takes_dicts_keyed_by_product_in_any_order():
    # Horngren's 3:2 mix worked example (the doctest) with the products named:
    # bundle contribution 3 x 80 + 2 x 30 = 300; 14,000 / 300 = 46.67 bundles.
    got = costs.multi_product_breakeven(
        {"A": 3, "B": 2}, {"B": 100, "A": 200}, {"A": 120, "B": 70}, 14_000
    )
    assert got["A"] == pytest.approx(14_000 / 300 * 3, rel=1e-12)
    assert got["B"] == pytest.approx(14_000 / 300 * 2, rel=1e-12)


def test_multi_product_breakeven_names_products_missing_from_the_prices():
    with pytest.raises(ValueError, match="other products than the sales mix"):
        costs.multi_product_breakeven({"A": 3, "B": 2}, {"A": 200, "C": 100}, [120, 70], 14_000)
