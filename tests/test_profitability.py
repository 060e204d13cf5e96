"""Customer profitability after cost to serve."""

import json
from pathlib import Path

import pandas as pd
import pytest

from salesprofit import data, profitability, synth

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
