"""salesprofit.segmentation: ABC, RFM, the whale curve and tier policies, on worked
examples, on the sample company's planted truths, and as hypothesis properties."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesprofit import clv, data, profitability
from salesprofit import segmentation as S

values = st.lists(
    st.floats(min_value=0.0, max_value=1e6, allow_nan=False), min_size=1, max_size=60
).filter(lambda v: sum(v) > 0)


# --- ABC ------------------------------------------------------------------------


def test_abc_textbook_example():
    # Silver, Pyke & Thomas (2017), ch. 2, the usual 80/15/5 split: ten items, the top
    # two carry 80 % of the value (cumulative share including the item: 0.5, 0.8 -> A),
    # the next two 15 % (0.9, 0.95 -> B), the rest C.
    v = pd.Series([500, 300, 100, 50, 10, 10, 10, 10, 5, 5], index=list("abcdefghij"), dtype=float)
    cls = S.abc_classes(v)
    assert cls.index.tolist() == list("abcdefghij")
    assert "".join(cls) == "AABBCCCCCC"


def test_abc_share_exactly_at_cutoff_is_included():
    # "A while the cumulative share including the item is at most a": 40 + 40 = 80 % is A.
    assert S.abc_classes([40, 40, 15, 5]).tolist() == ["A", "A", "B", "C"]
    # A first item above a is not A: it is B (or C) by the convention.
    assert S.abc_classes([90, 6, 4]).tolist() == ["B", "C", "C"]


def test_abc_custom_cutoffs_and_errors():
    assert S.abc_classes([50, 30, 20], a=0.5, b=0.8).tolist() == ["A", "B", "C"]
    with pytest.raises(ValueError, match="B cut-off"):
        S.abc_classes([1, 2], a=0.9, b=0.8)
    with pytest.raises(ValueError, match="whale curve"):
        S.abc_classes([10, -5])


@given(values, st.floats(0.05, 0.9), st.floats(0.0, 0.1))
def test_abc_is_monotone_in_value(v, a, extra):
    b = min(1.0, a + extra)
    cls = S.abc_classes(v, a, b).to_numpy()
    rank = {"A": 0, "B": 1, "C": 2}
    arr = np.asarray(v)
    for i in range(len(arr)):
        for j in range(len(arr)):
            if arr[i] > arr[j]:
                assert rank[cls[i]] <= rank[cls[j]]


def test_abc_summary_on_sample_company(company_profit):
    sales = company_profit["net_sales"]
    cls = S.abc_classes(sales)
    summary = S.abc_summary(sales, cls, company_profit["profit"])
    assert summary["customers"].sum() == 1500
    assert summary["value_share"].sum() == pytest.approx(1.0)
    # Independent count: sort the revenue descending, cumulative share including the
    # customer; class A is every customer up to 80 %, B up to 95 %, C the rest.
    cumulative = np.cumsum(np.sort(sales.to_numpy())[::-1]) / sales.sum()
    n_a = int((cumulative <= 0.8).sum())
    n_b = int((cumulative <= 0.95).sum()) - n_a
    assert summary["customers"].to_dict() == {"A": n_a, "B": n_b, "C": 1500 - n_a - n_b}
    assert summary.loc["A", "value_share"] == pytest.approx(cumulative[n_a - 1], rel=1e-12)
    assert summary.loc["A", "value_share"] <= 0.8 < cumulative[n_a]
    # ground_truth.json: the top 20 % of customers (300 of 1,500) bring 76.84 % of revenue
    top20 = data.ground_truth()["observed"]["top20pct_customer_revenue_share"]
    curve = S.whale_curve(sales)
    assert curve["customer_share"].iloc[299] == pytest.approx(0.2)
    assert curve["cumulative_share"].iloc[299] == pytest.approx(top20, abs=5e-5)  # 4 decimals
    assert n_a > 300  # so class A (80 % of revenue) holds more than the top fifth


# --- whale curve --------------------------------------------------------------------


@pytest.fixture(scope="module")
def company_profit():
    tables = {
        t: data.load(t)
        for t in ("orders", "order_lines", "customers", "activities", "tickets", "returns")
    }
    return profitability.sample_company_profit(tables)


def test_whale_curve_small_example():
    # Kaplan & Cooper (1998), ch. 10: the curve rises above 100 % and comes back to 100 %.
    w = S.whale_curve(pd.Series({"X": 50.0, "Y": -20.0, "Z": 70.0}))
    assert w.index.tolist() == ["Z", "X", "Y"]
    assert w["cumulative_share"].tolist() == pytest.approx([0.7, 1.2, 1.0])
    assert w["customer_share"].tolist() == pytest.approx([1 / 3, 2 / 3, 1.0])
    with pytest.raises(ValueError, match="negative"):
        S.whale_curve([-5.0, 2.0])


@given(
    st.lists(st.floats(-1e5, 1e6, allow_nan=False), min_size=1, max_size=80).filter(
        lambda p: sum(p) > 1e-3
    )
)
def test_whale_curve_ends_at_one_and_peaks_where_losses_start(p):
    w = S.whale_curve(p)
    assert w["cumulative_share"].iloc[-1] == pytest.approx(1.0)
    assert w["customer_share"].iloc[-1] == pytest.approx(1.0)
    assert (np.diff(w["profit"].to_numpy()) <= 0).all()
    assert w["cumulative_share"].max() >= 1.0 - 1e-9


def test_planted_loss_makers_are_below_zero_on_the_whale_curve(company_profit):
    truth = data.ground_truth()
    w = S.whale_curve(company_profit["profit"])
    planted = truth["unprofitable_customers"]
    assert (w.loc[planted, "profit"] < 0).all()
    # they are the five biggest loss-makers, at the very end of the curve
    assert set(w.index[-5:]) == set(planted)
    for cid, value in truth["observed"][
        "profit_after_cost_to_serve_of_unprofitable_customers"
    ].items():
        assert w.loc[cid, "profit"] == pytest.approx(value, abs=0.01)
    summary = S.whale_summary(company_profit["profit"])
    assert summary.unprofitable_customers == truth["observed"]["customers_with_negative_profit"]
    assert summary.peak_share > 1.0
    assert summary.total_profit == pytest.approx(company_profit["profit"].sum())


# --- RFM ------------------------------------------------------------------------------


def test_rfm_scores_quintiles():
    # ten customers: each quintile holds two of them; recent = high R score
    rec = pd.Series(np.arange(10, 110, 10), index=[f"c{i}" for i in range(10)], dtype=float)
    scores = S.rfm_scores(rec, np.arange(10), np.arange(10) * 100.0)
    assert scores["r_score"].tolist() == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    assert scores["f_score"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert scores.index.tolist() == rec.index.tolist()
    assert scores["r_score"].value_counts().tolist() == [2] * 5


def test_rfm_table_and_segments_on_sample_company():
    orders = data.load("orders")
    lines = data.load("order_lines")
    tx = lines.assign(value=lines["quantity"] * lines["net_price"]).merge(
        orders[["order_id", "customer_id", "order_date"]], on="order_id"
    )
    rfm = S.rfm_table(
        tx, "customer_id", "order_date", "value", as_of="2026-01-01", order_col="order_id"
    )
    first = tx[tx["customer_id"] == rfm.index[0]]
    assert rfm.iloc[0]["frequency"] == first["order_id"].nunique()
    assert rfm.iloc[0]["monetary"] == pytest.approx(first["value"].sum())
    assert (
        rfm.iloc[0]["recency_days"] == (pd.Timestamp("2026-01-01") - first["order_date"].max()).days
    )
    assert set(rfm["r_score"]) == {1, 2, 3, 4, 5}
    seg = S.rfm_segment(rfm["r_score"], rfm["f_score"])
    assert set(seg) <= set(S.RFM_SEGMENTS)
    # champions buy more per customer than hibernating customers
    assert (
        rfm.loc[seg == "champions", "monetary"].mean()
        > rfm.loc[seg == "hibernating", "monetary"].mean()
    )


# --- retention and tier policies --------------------------------------------------------


def test_retention_by_tier_recovers_ground_truth():
    orders = data.load("orders")
    customers = data.load("customers").set_index("customer_id")
    ret = S.retention_by(orders[orders["status"] == "delivered"], customers["tier"], 2024)
    observed = data.ground_truth()["observed"]["retention_by_tier"]
    for tier, value in observed.items():
        assert ret.loc[tier, "retention"] == pytest.approx(value, abs=5e-5)


def test_tier_policy_profit_worked_example():
    # Key tier: 10 customers, margin 1000, retention 0.8, d 0.10 (end): CLV 2666.67.
    # A dedicated service costing 100 a year that lifts retention 5 points: 900 x 0.85/0.25 = 3060.
    tiers = pd.DataFrame(
        {"customers": [10, 100], "margin": [1000.0, 100.0], "retention": [0.8, 0.6]},
        index=["key", "standard"],
    )
    out = S.tier_policy_profit(
        tiers,
        {
            "key": {"cost": 100.0, "retention_gain": 0.05},
            "standard": {"cost": 30.0, "retention_gain": 0.05},
        },
    )
    assert out.loc["key", "clv_now"] == pytest.approx(2666.6667, rel=1e-6)
    assert out.loc["key", "clv_policy"] == pytest.approx(3060.0)
    assert out.loc["key", "total_gain"] == pytest.approx(3933.3333, rel=1e-6)
    # the same kind of offer destroys value on low-margin standard customers
    assert out.loc["standard", "total_gain"] < 0
    # break-even gain is the VIP break-even of the clv module
    assert out.loc["key", "breakeven_gain"] == pytest.approx(
        clv.vip_offer_breakeven(1000.0, 0.8, 0.10, 100.0).retention_points_needed
    )
    assert np.isnan(
        S.tier_policy_profit(tiers, {"standard": {"cost": 150.0}}).loc["standard", "breakeven_gain"]
    )
    with pytest.raises(ValueError, match="not in the table"):
        S.tier_policy_profit(tiers, {"gold": {"cost": 1.0}})
    with pytest.raises(ValueError, match="never churns"):
        S.tier_policy_profit(tiers, {"key": {"retention_gain": 0.3}})


# --- the chapter 12 customer base and calculator models ----------------------------------


@pytest.fixture(scope="module")
def base():
    tables = {
        t: data.load(t)
        for t in ("orders", "order_lines", "customers", "activities", "tickets", "returns")
    }
    return S.customer_base(tables, "2026-01-01", "2024-01-01", "2025-12-31")


def test_customer_base_matches_the_ground_truth(base):
    truth = data.ground_truth()
    observed = truth["observed"]["retention_by_tier"]
    for tier, value in observed.items():
        assert base.tiers.loc[tier, "retention"] == pytest.approx(value, abs=5e-5)
    assert sorted(base.loss_makers) == sorted(truth["unprofitable_customers"])
    w = S.whale_summary(base.profit["profit"])
    assert w.unprofitable_customers == truth["observed"]["customers_with_negative_profit"]
    assert w.handed_back == pytest.approx(w.peak_share - 1, rel=1e-12)


def test_rfm_vip_and_tier_vs_class(base):
    strict, loose = S.rfm_vip(base.rfm, 5, 5, 5), S.rfm_vip(base.rfm, 4, 4, 4)
    assert 0 < strict.vip.sum() < loose.vip.sum()
    assert int(loose.grid.to_numpy().sum()) == len(base.rfm)
    with pytest.raises(ValueError, match="between 1 and 5"):
        S.rfm_vip(base.rfm, 0, 4, 4)
    classes = S.abc_classes(base.profit["net_sales"])
    cross = S.tier_vs_class(base.customers["tier"], classes, ["key", "growth", "standard"])
    assert int(cross.to_numpy().sum()) == len(classes)
    assert list(cross.columns) == ["A", "B", "C"]


def test_policy_result_totals_the_tiers(base):
    r = S.policy_result(base.tiers, {"key": {"cost": 3000.0, "retention_gain": 0.02}}, 0.10)
    assert r.total_gain == pytest.approx(r.table["total_gain"].sum(), rel=1e-12)
    assert r.best_tier == "key"
