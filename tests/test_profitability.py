"""Customer profitability after cost to serve."""

import json
from pathlib import Path

import pandas as pd
import pytest

from salesprofit import data, profitability
from salesprofit.profitability import (
    COST_LABELS,
    cost_names,
    gross_margin_rate,
    loss_makers,
    sample_company_profit,
    top_profit_share,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def tables():
    return {
        name: data.load(name)
        for name in ("orders", "order_lines", "customers", "activities", "tickets", "returns")
    }


def test_hand_example():
    # 10 units at 100 with cost 70: gross profit 300; rebate 2 % of 1,000 = 20; financing
    # 1,000 x 10 % x 73/365 = 20; freight + handling 25 -> 300 - 65 = 235 (hand computation).
    orders = pd.DataFrame(
        {
            "order_id": ["O1", "O2"],
            "customer_id": ["C1", "C1"],
            "freight_cost": [20.0, 99.0],
            "handling_cost": [5.0, 1.0],
            "status": ["delivered", "cancelled"],
        }
    )
    lines = pd.DataFrame(
        {
            "order_id": ["O1", "O2"],
            "quantity": [10, 5],
            "net_price": [100.0, 100.0],
            "unit_cost": [70.0, 70.0],
        }
    )
    customers = pd.DataFrame(
        {"customer_id": ["C1", "C2"], "rebate_rate": [0.02, 0.0], "payment_terms_days": [73, 30]}
    )
    act = pd.DataFrame({"customer_id": ["C2"], "cost": [40.0]})
    out = profitability.customer_profit(orders, lines, customers, act, cost_of_capital=0.10)
    assert out.loc["C1", "profit"] == pytest.approx(235.0)
    assert out.loc["C1", "cost_to_serve"] == pytest.approx(65.0)
    assert out.loc["C2", "profit"] == pytest.approx(-40.0)
    assert pd.isna(out.loc["C2", "profit_margin"])


def test_every_cost_to_serve_component_by_hand():
    # Two customers, written out by hand (cost of capital 7.3 % a year):
    # C1 buys on two delivered orders:
    #   O1: 4 x 250 (cost 180) = 1,000 sales, GP 4 x 70 = 280; 10 x 50 (cost 45) = 500, GP 50
    #   O2: 2 x 500 (cost 400) = 1,000 sales, GP 2 x 100 = 200
    #   net sales 2,500, gross profit 530
    #   rebate 1 % x 2,500 = 25; financing 2,500 x 0.073 x 60 / 365 = 30
    #   freight + handling 30 + 10 + 15 + 5 = 60; visits 40 + 35 = 75; one ticket 20
    #   a return: refund 250 - recovered 200 + handling 15 = 65
    #   cost to serve 25 + 30 + 60 + 75 + 20 + 65 = 275 -> profit 530 - 275 = 255, margin 10.2 %
    # C2's only order was cancelled (it counts nothing); one call for 12 -> profit -12.
    orders = pd.DataFrame(
        {
            "order_id": ["O1", "O2", "O3"],
            "customer_id": ["C1", "C1", "C2"],
            "freight_cost": [30.0, 15.0, 50.0],
            "handling_cost": [10.0, 5.0, 5.0],
            "status": ["delivered", "delivered", "cancelled"],
        }
    )
    lines = pd.DataFrame(
        {
            "order_id": ["O1", "O1", "O2", "O3"],
            "quantity": [4, 10, 2, 3],
            "net_price": [250.0, 50.0, 500.0, 100.0],
            "unit_cost": [180.0, 45.0, 400.0, 60.0],
        }
    )
    customers = pd.DataFrame(
        {"customer_id": ["C1", "C2"], "rebate_rate": [0.01, 0.0], "payment_terms_days": [60, 30]}
    )
    activities = pd.DataFrame({"customer_id": ["C1", "C1", "C2"], "cost": [40.0, 35.0, 12.0]})
    tickets = pd.DataFrame({"customer_id": ["C1"], "cost": [20.0]})
    returns = pd.DataFrame(
        {
            "customer_id": ["C1"],
            "refund_amount": [250.0],
            "recovered_value": [200.0],
            "handling_cost": [15.0],
        }
    )
    out = profitability.customer_profit(
        orders, lines, customers, activities, tickets, returns, cost_of_capital=0.073
    )
    c1 = out.loc["C1"]
    expected = {
        "net_sales": 2_500.0,
        "gross_profit": 530.0,
        "rebate": 25.0,
        "financing": 30.0,
        "order_costs": 60.0,
        "activities": 75.0,
        "tickets": 20.0,
        "returns": 65.0,
        "cost_to_serve": 275.0,
        "profit": 255.0,
        "profit_margin": 0.102,
    }
    assert c1[list(expected)].to_dict() == pytest.approx(expected, rel=1e-12)
    assert out.loc["C2", "net_sales"] == 0.0 and out.loc["C2", "profit"] == pytest.approx(-12.0)
    assert pd.isna(out.loc["C2", "profit_margin"])


def test_sample_company_loss_makers_match_ground_truth(tables):
    # ground_truth.json records the profit after cost to serve of the five customers the
    # sample company loses most on (rounded to the fen) and how many lose money at all.
    truth = json.loads((ROOT / "datasets" / "ground_truth.json").read_text(encoding="utf-8"))
    out = profitability.sample_company_profit(tables, truth["cost_of_capital"])
    observed = truth["observed"]
    for customer, profit in observed[
        "profit_after_cost_to_serve_of_unprofitable_customers"
    ].items():
        assert out.loc[customer, "profit"] == pytest.approx(profit, abs=0.005), customer
    assert int((out["profit"] < 0).sum()) == observed["customers_with_negative_profit"]
    assert set(truth["unprofitable_customers"]) <= set(out.index[out["profit"] < 0])


def test_refuses_a_percent_as_cost_of_capital(tables):
    with pytest.raises(ValueError, match="yearly rate"):
        profitability.sample_company_profit(tables, 6)


# --- the loss-makers' profile: one function behind labs 12.2 and 16.2 ---------------------


def test_loss_makers_match_the_ground_truth(tables):
    truth = data.ground_truth()
    profit = sample_company_profit(tables)
    customers = tables["customers"].set_index("customer_id")
    lm = loss_makers(profit, customers, n=5)
    assert lm.losing_customers == truth["observed"]["customers_with_negative_profit"]  # 137
    observed = truth["observed"]["profit_after_cost_to_serve_of_unprofitable_customers"]
    assert sorted(lm.table.index) == sorted(observed)
    for cid, value in observed.items():
        assert lm.table.loc[cid, "profit"] == pytest.approx(value, abs=0.01)
    # what lab 16.2's prose says about them: growth accounts of middling size, visits the largest cost
    assert lm.tiers == ("growth",)
    assert lm.largest_cost == "activities" and lm.largest_cost_count == 5
    assert 143_000 < lm.revenue_low < lm.revenue_high < 216_000
    assert lm.largest_cost_label == COST_LABELS["activities"]


def test_loss_makers_and_shares_refuse_bad_input():
    pt = pd.DataFrame({"profit": [1.0], "gross_profit": [1.0], "net_sales": [2.0]})
    with pytest.raises(ValueError, match="at least one"):
        loss_makers(pt, pd.DataFrame({"tier": ["key"]}), n=0)
    with pytest.raises(ValueError, match="between 0 and 1"):
        top_profit_share(pd.Series([1.0]), 1.5)
    with pytest.raises(ValueError, match="no sales"):
        gross_margin_rate(pd.DataFrame({"quantity": [0], "net_price": [1.0], "unit_cost": [1.0]}))


def test_gross_margin_rate_of_huaxin(tables):
    lines = tables["order_lines"]
    gm = gross_margin_rate(lines)
    # independent: the sums written out
    q, p, c = lines["quantity"], lines["net_price"], lines["unit_cost"]
    assert gm == pytest.approx((q * (p - c)).sum() / (q * p).sum(), rel=1e-12)
    assert round(gm * 100, 2) == 24.09  # the measured 24.09 %


def test_top_profit_share_and_cost_names():
    assert top_profit_share(pd.Series([50.0, 30.0, 20.0, -10.0, 10.0]), 0.4) == pytest.approx(0.8)
    assert cost_names(["rebate"]) == "volume rebates"
    assert cost_names([]) == ""
    with pytest.raises(ValueError, match="Unknown cost"):
        cost_names(["coffee"])
