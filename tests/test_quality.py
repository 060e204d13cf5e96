"""salesprofit.quality: NPS, cost of quality, returns, service speed and retention."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesprofit import data, quality


def test_nps_reichheld_definition():
    # Reichheld, "The One Number You Need to Grow", HBR Dec. 2003: promoters answer 9-10,
    # detractors 0-6; NPS = % promoters - % detractors. 5 promoters, 3 passives and
    # 2 detractors out of 10: 50 % - 20 % = 30.
    assert quality.nps([10, 9, 9, 10, 9, 8, 7, 8, 3, 6]) == pytest.approx(30.0)
    assert (
        quality.nps([10] * 4) == 100.0
        and quality.nps([0, 6]) == -100.0
        and quality.nps([7, 8]) == 0.0
    )
    assert isinstance(quality.nps(pd.Series([9, 3])), float)
    with pytest.raises(ValueError, match="0 to 10"):
        quality.nps([11])
    with pytest.raises(ValueError, match="no survey answers"):
        quality.nps([])


@given(st.lists(st.integers(0, 10), min_size=1, max_size=200))
def test_nps_is_bounded(scores):
    assert -100 <= quality.nps(scores) <= 100


def test_cost_of_quality_categories():
    # Prevention-appraisal-failure model (Feigenbaum 1956; Juran's Quality Handbook ch. 8),
    # reported as a share of sales as in Horngren, Datar & Rajan, Cost Accounting, ch. 19.
    # Illustrative numbers: training 60,000 + supplier audits 40,000 (prevention),
    # inspection 150,000 (appraisal), rework and scrap 250,000 (internal failure),
    # returns and warranty 500,000 (external failure), on sales of 10 million.
    r = quality.cost_of_quality([60_000, 40_000], 150_000, 250_000, 500_000, 10_000_000)
    assert r["prevention"] == 100_000
    assert r["conformance"] == pytest.approx(250_000)
    assert r["nonconformance"] == pytest.approx(750_000)
    assert r["conformance_rate"] == pytest.approx(0.025)
    assert r["nonconformance_rate"] == pytest.approx(0.075)
    assert r["total_rate"] == pytest.approx(0.10)
    with pytest.raises(ValueError, match="never negative"):
        quality.cost_of_quality(-1, 0, 0, 0, 100)
    with pytest.raises(ValueError, match="share of sales"):
        quality.cost_of_quality(1, 0, 0, 0, 0)


def test_quality_investment():
    r = quality.quality_investment(100_000, 750_000, 0.3)
    assert r == {"saving": 225_000.0, "net_gain": 125_000.0, "roi": 1.25}


def test_returns_by_product_finds_the_planted_high_defect_products():
    import json
    from pathlib import Path

    truth = json.loads((Path(__file__).parents[1] / "datasets" / "ground_truth.json").read_text())
    t = quality.returns_by_product(data.load("returns"), data.load("order_lines"))
    # cost = refund - recovered + handling, summed over the table
    r = data.load("returns")
    assert t["return_cost"].sum() == pytest.approx(
        (r["refund_amount"] - r["recovered_value"] + r["handling_cost"]).sum()
    )
    # planted: the high-defect products fail 6 times as often; by share of order lines
    # returned (products with 50+ lines) they are among the worst
    rate = t[t["lines_sold"] >= 50]["return_rate"].sort_values(ascending=False)
    ranks = [list(rate.index).index(p) for p in truth["high_defect_products"]]
    assert max(ranks) < 25 and sorted(ranks)[2] < 10


def test_clv_and_retention_after_speedup():
    # Gupta & Lehmann (2003): margin multiple r / (1 + d - r); 0.8 and 10 % -> 2.667
    assert quality.clv_margin_multiple(100, 0.8, 0.1) == pytest.approx(266.6667, abs=1e-3)
    # churn odds 0.25 x (1 - 0.25)^1 = 0.1875 -> churn 0.1579 -> retention 0.8421
    assert quality.retention_after_speedup(0.8, 0.25, 1.0) == pytest.approx(1 - 0.1875 / 1.1875)
    assert quality.retention_after_speedup(0.8, 0.0, 1.0) == pytest.approx(0.8)
    vec = quality.retention_after_speedup(np.array([0.7, 0.9]), 0.25, 1.0)
    assert vec.shape == (2,) and (vec > [0.7, 0.9]).all()
    r = quality.service_investment(100, 1000, 0.8, 0.25, 1.0, 0.1, 20_000)
    assert r["value_gained"] == pytest.approx(100 * (r["clv_new"] - r["clv_now"]))
    assert r["roi"] == pytest.approx((r["value_gained"] - 20_000) / 20_000)
    with pytest.raises(ValueError, match="unbounded"):
        quality.clv_margin_multiple(100, 1.0, 0.1)


def test_service_speed_churn_on_the_sample_company():
    # The generator makes slow-service customers churn more (ground truth
    # "service_speed_churn_effect" > 0): the estimate is positive and the slowest third churns most.
    s = quality.service_speed_churn(
        data.load("tickets"), data.load("orders"), data.load("customers")
    )
    assert s.churn_effect > 0 and s.customers > 300
    assert s.table["churn_rate"].iloc[-1] > s.table["churn_rate"].iloc[0]
    assert np.isfinite(s.log_likelihood)


@given(st.floats(0.05, 0.95), st.floats(0.0, 0.9), st.floats(0.0, 3.0))
def test_faster_service_never_lowers_retention(r, s, beta):
    new = quality.retention_after_speedup(r, s, beta)
    assert r - 1e-12 <= new < 1


# --- lab 7.2: speed-up, ticket customers and the range of the value claim ------------------


def test_resolution_speedup_is_measured_not_assumed():
    from salesprofit import data

    truth = data.ground_truth()
    s = quality.resolution_speedup(data.load("tickets"), 2024, 2025)
    assert s.speedup == pytest.approx(1 - s.median_current / s.median_base, rel=1e-12)
    # Huaxin's median fell from 20.3 h to 15.0 h (26 %); ground_truth.json records the speed-up
    assert round(s.speedup, 2) == 0.26
    assert abs(s.speedup - truth["ticket_resolution_speedup_2025"]) < 0.03


def test_service_value_range_follows_the_interval_of_the_effect():
    # hand: effect 0.33, SE 0.18 -> 95 % interval 0.33 ± 1.96 x 0.18 = [-0.0228, 0.6828]
    r = quality.service_value_range(553, 22_551.0, 0.852, 0.26, 0.33, 0.18, 0.10, 500_000)
    assert r.effect_low == pytest.approx(0.33 - 1.96 * 0.18, rel=1e-12)
    assert r.effect_high == pytest.approx(0.33 + 1.96 * 0.18, rel=1e-12)
    assert r.includes_zero
    mid = quality.service_investment(553, 22_551.0, 0.852, 0.26, 0.33, 0.10, 500_000)
    assert r.value_gained == pytest.approx(mid["value_gained"], rel=1e-12)
    assert r.value_low < 0 < r.value_gained < r.value_high  # a negative effect loses value
    assert not quality.service_value_range(
        553, 22_551.0, 0.852, 0.26, 0.60, 0.10, 0.10, 500_000
    ).includes_zero


def test_ticket_customers_use_profit_after_cost_to_serve():
    from salesprofit import data, profitability

    tables = {
        t: data.load(t)
        for t in ("orders", "order_lines", "customers", "activities", "tickets", "returns")
    }
    cp = profitability.sample_company_profit(tables)
    tc = quality.ticket_customers(tables["orders"], cp, tables["tickets"], 2024)
    speed = quality.service_speed_churn(
        tables["tickets"], tables["orders"], tables["customers"], 2024
    )
    assert tc.customers == speed.customers  # the same customers as the regression
    assert 0 < tc.retention < 1 and tc.annual_margin > 0
    with pytest.raises(ValueError, match="No customer"):
        quality.ticket_customers(tables["orders"], cp, tables["tickets"], 2030)


def test_nps_by_equals_nps_of_each_group_on_huaxin_surveys():
    """The grouped NPS (kpi.rep_results, crm.single_customer_view) is quality.nps per group."""
    surveys = data.load("surveys")
    grouped = quality.nps_by(surveys["nps_score"], surveys["customer_id"])
    for customer, scores in list(surveys.groupby("customer_id")["nps_score"])[:50]:
        assert grouped[customer] == pytest.approx(quality.nps(scores.to_numpy()), rel=1e-12)


def test_nps_by_refuses_scores_outside_zero_to_ten():
    with pytest.raises(ValueError, match="0 to 10"):
        quality.nps_by(pd.Series([11.0]), pd.Series(["a"]))
