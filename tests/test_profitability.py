"""Customer profitability after cost to serve."""

import json
from pathlib import Path

import pandas as pd
import pytest

from salesprofit import data, profitability, synth
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


def test_matches_the_generator_and_its_planted_losers(tables):
    truth = json.loads((ROOT / "datasets" / "ground_truth.json").read_text(encoding="utf-8"))
    out = profitability.sample_company_profit(tables, truth["cost_of_capital"])
    reference = synth.customer_profit(tables)
    pd.testing.assert_series_equal(out["profit"], reference["profit"], check_names=False, rtol=1e-9)
    losers = set(out.index[out["profit"] < 0])
    assert set(truth["unprofitable_customers"]) <= losers


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
