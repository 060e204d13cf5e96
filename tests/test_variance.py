"""salesprofit.variance: the profit bridge adds up, and matches the textbook variances."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesprofit import data
from salesprofit import variance as V


def frame(q, p, c, index):
    return pd.DataFrame({"quantity": q, "price": p, "unit_cost": c}, index=index, dtype=float)


def test_horngren_sales_mix_and_quantity_variances():
    # The definitions of Horngren, Datar & Rajan, Cost Accounting (15th ed.), ch. 14
    # (sales-volume variance split into sales-quantity and sales-mix variances), on
    # round numbers worked by hand: base 2,000 units of A at a contribution of 8 and
    # 8,000 of B at 2; current 3,000 A and 9,000 B at the base prices and costs.
    # Sales-volume variance = sum (Q1 - Q0) m0 = 1000*8 + 1000*2 = 10,000
    # Sales-quantity variance = (12,000 - 10,000) * (0.2*8 + 0.8*2) = 2,000 * 3.2 = 6,400
    # Sales-mix variance = 12,000 * [(0.25-0.2)*8 + (0.75-0.8)*2] = 12,000 * 0.3 = 3,600
    b0 = frame([2000, 8000], [20, 10], [12, 8], ["A", "B"])
    b1 = frame([3000, 9000], [20, 10], [12, 8], ["A", "B"])
    b = V.profit_bridge(b0, b1)
    assert b.volume == pytest.approx(6400.0)
    assert b.mix == pytest.approx(3600.0)
    assert b.volume + b.mix == pytest.approx(10_000.0)
    assert b.price == 0 and b.cost == 0 and b.change == pytest.approx(10_000.0)


def test_price_and_cost_variances_use_current_volume():
    # Horngren ch. 7: selling-price variance = (actual price - budgeted price) x actual units.
    b0 = frame([100], [10], [6], ["x"])
    b1 = frame([120], [11], [6.5], ["x"])
    b = V.profit_bridge(b0, b1)
    assert b.price == pytest.approx(120 * 1.0)
    assert b.cost == pytest.approx(-120 * 0.5)
    assert b.volume == pytest.approx(20 * 4.0) and b.mix == pytest.approx(0.0)
    assert b.change == pytest.approx(120 * 4.5 - 100 * 4.0)


def test_new_and_lost_products_get_their_own_bars():
    b0 = frame([100, 50], [10, 20], [6, 15], ["old", "gone"])
    b1 = frame([100, 30], [10, 30], [6, 20], ["old", "launched"])
    b = V.profit_bridge(b0, b1)
    assert b.new == pytest.approx(30 * 10)
    assert b.lost == pytest.approx(-50 * 5)
    assert b.effects().sum() == pytest.approx(b.change)
    assert np.isnan(b.by_item.loc["launched", "price"]) and b.by_item.loc["launched", "new"] == 300


items = st.lists(
    st.tuples(st.floats(0, 1e4), st.floats(0.01, 1e3), st.floats(0, 1e3)), min_size=1, max_size=8
)


@settings(max_examples=500, deadline=None)
@given(items, items, st.integers(0, 8))
def test_bridge_adds_up_exactly(a, b, overlap):
    # The property the chapter rests on: the effects add up to the change in profit.
    idx0 = [f"p{i}" for i in range(len(a))]
    idx1 = [f"p{i + len(a) - min(overlap, len(a))}" for i in range(len(b))]
    b0 = frame(*zip(*a), idx0)
    b1 = frame(*zip(*b), idx1)
    br = V.profit_bridge(b0, b1)
    total = br.price + br.volume + br.mix + br.cost + br.new + br.lost
    scale = max(
        1.0,
        abs(br.base_profit),
        abs(br.current_profit),
        float((b0["quantity"] * (b0["price"] + b0["unit_cost"])).sum()),
        float((b1["quantity"] * (b1["price"] + b1["unit_cost"])).sum()),
    )
    assert total == pytest.approx(br.change, abs=1e-9 * scale)
    steps = br.steps()
    assert steps["end"].iloc[-2] == pytest.approx(br.current_profit, abs=1e-9 * scale)


def test_sample_company_bridge():
    lines = data.load("order_lines").merge(
        data.load("orders")[["order_id", "order_date"]], on="order_id"
    )
    year = lines["order_date"].dt.year
    b = V.bridge_from_lines(lines, year, 2024, 2025)
    g = V.growth_table(lines, year)
    assert b.base_profit == pytest.approx(g.loc[2024, "profit"])
    assert b.current_profit == pytest.approx(g.loc[2025, "profit"])
    assert b.effects().sum() == pytest.approx(b.change, rel=1e-9)
    # planted: list prices rose in 2025 in all but one category, and costs rose too
    assert b.price > 0 and b.cost < 0
    # the new models launched in 2024-2025 appear as new products
    assert b.new > 0


def test_growth_table_by_group_and_errors():
    lines = pd.DataFrame(
        {
            "y": [1, 2, 1, 2],
            "cat": ["a", "a", "b", "b"],
            "quantity": [1, 1, 1, 2],
            "net_price": [10.0, 10.0, 5.0, 5.0],
            "unit_cost": [5.0, 6.0, 4.0, 4.0],
        }
    )
    g = V.growth_table(lines, "y", by="cat")
    assert g.loc[("a", 2), "profit_growth"] == pytest.approx(-0.2)
    assert g.loc[("b", 2), "revenue_growth"] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="No order lines in the base period"):
        V.bridge_from_lines(lines, "y", 0, 2)
    with pytest.raises(ValueError, match="net_price"):
        V.period_summary(lines.drop(columns="net_price"))


def test_profit_and_loss_sample_company():
    lines = data.load("order_lines").merge(
        data.load("orders")[["order_id", "order_date"]], on="order_id"
    )
    exp = data.load("expenses")
    pl = V.profit_and_loss(lines, lines["order_date"].dt.year, exp, exp["month"].dt.year)
    assert pl.loc[2025, "fixed_costs"] + pl.loc[2025, "variable_costs"] == pytest.approx(
        exp.loc[exp["month"].dt.year == 2025, "amount"].sum()
    )
    assert pl.loc[2025, "operating_profit"] == pytest.approx(
        pl.loc[2025, "gross_profit"] - exp.loc[exp["month"].dt.year == 2025, "amount"].sum()
    )
    # operating leverage: operating profit grows much faster than sales
    assert pl.loc[2025, "profit_growth"] > 3 * pl.loc[2025, "revenue_growth"] > 0


def test_signals():
    sow = V.share_of_wallet(pd.Series({"a": 50.0, "b": 10.0}), pd.Series({"a": 100.0}))
    assert sow["a"] == 0.5 and np.isnan(sow["b"])
    s = pd.DataFrame({"y": [1, 1, 1, 2], "nps_score": [10, 9, 0, 7], "csat": [5, 5, 1, 4]})
    sat = V.satisfaction_by_period(s, "y")
    assert sat.loc[1, "nps"] == pytest.approx(100 * (2 / 3 - 1 / 3)) and sat.loc[2, "nps"] == 0
    assert sat.loc[1, "answers"] == 3
    r = V.retention_by_group(
        pd.Series({"a": "x", "b": "x", "c": "y", "d": None}), pd.Series({"a": True})
    )
    assert r.loc["x", "retention"] == 0.5 and r.loc["y", "retention"] == 0


def test_crm_export_column_names_work():
    # data.read_crm_export names the price paid 'unit_price'
    lines = pd.DataFrame(
        {
            "y": [1, 2],
            "product_id": ["a", "a"],
            "quantity": [10, 10],
            "unit_price": [10.0, 11.0],
            "unit_cost": [6.0, 6.0],
        }
    )
    b = V.bridge_from_lines(lines, "y", 1, 2)
    assert b.price == pytest.approx(10.0) and b.change == pytest.approx(10.0)
    assert V.growth_table(lines, "y").loc[2, "profit"] == pytest.approx(50.0)


def test_zero_units_count_as_not_sold():
    # found by the property test: a product listed with 0 units last period is new this period
    b0 = frame([0.0], [1.0], [0.0], ["p"])
    b1 = frame([1.0], [1.0], [0.0], ["p"])
    b = V.profit_bridge(b0, b1)
    assert b.new == pytest.approx(1.0) and b.effects().sum() == pytest.approx(b.change)


# --- chapter 16 lab models -------------------------------------------------------------


def test_growth_divergence_contribution_and_growth_rate():
    g = pd.DataFrame(
        {
            "revenue": [100.0, 300.0, 100.0],
            "profit": [40.0, 30.0, 10.0],
            "margin": [0.4, 0.1, 0.1],
            "revenue_growth": [0.04, -0.02, 0.1],
            "profit_growth": [-0.04, 0.06, 0.2],
        },
        index=["welding", "power tools", "safety"],
    )
    d = V.growth_divergence(g)
    assert (d.worst_profit, d.worst_revenue) == ("welding", "power tools")
    c = V.contribution(g)
    assert c.top == ("welding", "power tools") and c.top_profit_share == pytest.approx(70 / 80)
    assert V.growth_rate(80.0, 100.0) == pytest.approx(0.25)
    with pytest.raises(ValueError, match="from zero"):
        V.growth_rate(0.0, 1.0)


def test_sales_lines_label_categories_and_dashboard_agrees_with_pl():
    lines = V.sales_lines(data.load("orders"), data.load("order_lines"), data.load("products"))
    assert "power tools" in set(lines["category"]) and "power_tools" not in set(lines["category"])
    surveys, expenses = data.load("surveys"), data.load("expenses")
    potential = data.load("customers").set_index("customer_id")["estimated_potential"]
    dash = V.dashboard(lines, expenses, surveys, potential, "2024", "2025")
    pl = dash.pl
    assert dash.revenue_growth == pytest.approx(
        pl.loc["2025", "revenue"] / pl.loc["2024", "revenue"] - 1, rel=1e-12
    )
    assert dash.bridge.change == pytest.approx(
        pl.loc["2025", "gross_profit"] - pl.loc["2024", "gross_profit"], rel=1e-9
    )
    assert len(dash.laggards) == 3
