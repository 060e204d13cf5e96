"""salesprofit.marketing: the channel metrics against their published definitions, and the
response model against what the sample company's generator planted."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesprofit import data
from salesprofit import marketing as M
from salesprofit.fmt import money, pct, table
from salesprofit.labs import marketing as lab

# --- the four contract metrics --------------------------------------------------


def test_cac_farris():
    # Farris, Bendle, Pfeifer & Reibstein, Marketing Metrics (3rd ed.), ch. 5:
    # acquisition cost = acquisition spending / number of customers acquired.
    # A campaign of $50,000 that wins 40 customers: $1,250 per customer.
    assert M.cac(50_000.0, 40) == 1250.0
    assert isinstance(M.cac(50_000, 40), float)


def test_cac_payback_skok():
    # Skok, "SaaS Metrics 2.0": months to recover CAC = CAC / (MRR per customer x
    # gross margin). CAC $1,200, $1,000 a month at 30 % margin -> 4 months.
    assert M.cac_payback_months(1200.0, 1000.0, 0.3) == pytest.approx(4.0)
    assert M.cac_payback_months(5000.0, 500.0, 0.5) == pytest.approx(20.0)


def test_roi_and_ltv_to_cac():
    # Farris et al., ch. 10 (ROMI): (incremental margin - spend) / spend.
    assert M.roi(150_000.0, 100_000.0) == pytest.approx(0.5)
    assert M.roi(80.0, 100.0) == pytest.approx(-0.2)
    assert M.ltv_to_cac(3600.0, 1200.0) == pytest.approx(3.0)


def test_vectorised_same_shape():
    s = pd.Series([100.0, 300.0], index=["email", "trade_show"])
    out = M.cac(s, pd.Series([10, 3], index=s.index))
    assert isinstance(out, pd.Series) and out.tolist() == [10.0, 100.0]
    arr = M.roi(np.array([2.0, 3.0]), np.array([1.0, 1.0]))
    assert isinstance(arr, np.ndarray) and arr.tolist() == [1.0, 2.0]
    pay = M.cac_payback_months(np.array([100.0, 200.0]), 50.0, 0.5)
    assert pay.tolist() == [4.0, 8.0]


@pytest.mark.parametrize(
    "call, words",
    [
        (lambda: M.cac(1000.0, 0), "no new customer"),
        (lambda: M.cac(-1.0, 3), "cannot be negative"),
        (lambda: M.cac_payback_months(100.0, 0.0, 0.3), "never pays back"),
        (lambda: M.cac_payback_months(100.0, 10.0, 0.0), "positive margin"),
        (lambda: M.roi(1.0, 0.0), "positive cost"),
        (lambda: M.ltv_to_cac(100.0, 0.0), "positive acquisition cost"),
    ],
)
def test_plain_language_errors(call, words):
    with pytest.raises(ValueError, match=words):
        call()


@given(st.floats(1, 1e6), st.floats(1, 1e6), st.floats(0.01, 1))
def test_payback_times_monthly_margin_is_cac(cac, revenue, margin):
    months = M.cac_payback_months(cac, revenue, margin)
    assert months * revenue * margin == pytest.approx(cac, rel=1e-9)


# --- channels ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def tables():
    return data.load("campaigns"), data.load("campaign_responses")


def test_channel_performance_adds_up(tables):
    camp, resp = tables
    perf = M.channel_performance(camp, resp, gross_margin=0.25)
    assert perf["spend"].sum() == pytest.approx(camp["spend"].sum())
    assert perf["contacts"].sum() == len(resp)
    assert perf["new_customers"].sum() == resp["new_customer"].sum()
    row = perf.loc["trade_show"]
    assert row["cac"] == pytest.approx(row["spend"] / row["new_customers"])
    assert row["roi"] == pytest.approx(M.roi(row["margin"], row["spend"]))
    strict = M.channel_performance(camp, resp, 0.25, attribution="new")
    assert (strict["revenue"] <= perf["revenue"] + 1e-9).all()


def test_channel_performance_leaves_roi_and_cac_blank_where_they_do_not_exist():
    # hand: e-mail spent 1,000 and won one new customer whose first order was 5,000: margin
    # 0.3 x 5,000 = 1,500, ROI (1,500 - 1,000) / 1,000 = 50 %, CAC 1,000 / 1 = 1,000. Search ads
    # spent 500 and sold 800 to an existing customer: ROI (240 - 500) / 500 = -52 %, but no new
    # customer, so no CAC. The free WeChat post (spend 0) has no ROI and no CAC either.
    camp = pd.DataFrame(
        {
            "campaign_id": ["M1", "M2", "M3"],
            "channel": ["email", "search_ads", "wechat"],
            "spend": [1000.0, 500.0, 0.0],
        }
    )
    resp = pd.DataFrame(
        {
            "campaign_id": ["M1", "M2", "M3"],
            "responded": [1, 1, 1],
            "converted": [1, 1, 1],
            "new_customer": [1, 0, 0],
            "first_order_value": [5000.0, 800.0, 300.0],
        }
    )
    perf = M.channel_performance(camp, resp, 0.3)
    assert perf.loc["email", "roi"] == pytest.approx(0.5, rel=1e-12)
    assert perf.loc["email", "cac"] == pytest.approx(1000.0, rel=1e-12)
    assert perf.loc["search_ads", "roi"] == pytest.approx(-0.52, rel=1e-12)
    assert np.isnan(perf.loc["search_ads", "cac"])
    assert np.isnan(perf.loc["wechat", "roi"]) and np.isnan(perf.loc["wechat", "cac"])
    shown = table(perf.reset_index()[["channel", "roi", "cac"]], {"roi": pct, "cac": money})
    assert shown.count("<td>–</td>") == 3  # the lab shows a dash, never "nan"


def test_channel_response_rates_recover_ground_truth(tables):
    # The generator planted a response rate per channel (datasets/ground_truth.json).
    camp, resp = tables
    truth = data.ground_truth()["campaign_response_rates"]
    perf = M.channel_performance(camp, resp, 0.25)
    for channel, rate in truth.items():
        assert perf.loc[channel, "response_rate"] == pytest.approx(rate, rel=0.15, abs=0.005)


def test_channel_economics_and_reallocation():
    perf = pd.DataFrame(
        {
            "spend": [100.0, 100.0],
            "margin": [300.0, 50.0],
            "new_customers": [4, 1],
            "cac": [25.0, 100.0],
        },
        index=["a", "b"],
    )
    econ = M.channel_economics(perf, monthly_revenue=100.0, gross_margin=0.25, annual_retention=0.8)
    assert econ.loc["a", "payback_months"] == pytest.approx(1.0)
    # LTV is chapter 1's CLV: ¥300 of margin a year x 0.8 / (1 + 0.10 - 0.8) = ¥800 (hand)
    assert econ.loc["a", "ltv"] == pytest.approx(800.0, rel=1e-12)
    assert econ.loc["b", "ltv_to_cac"] == pytest.approx(800.0 / 100.0, rel=1e-12)
    # with profit after cost to serve (¥15 a month) it is clv.clv of ¥180 a year: 180 x 0.8 / 0.3 = 480
    after = M.channel_economics(perf, 100.0, 0.25, 0.8, 0.10, monthly_profit=15.0)
    assert after.loc["a", "ltv"] == pytest.approx(480.0, rel=1e-12)
    assert after.loc["a", "payback_months"] == pytest.approx(1.0)  # payback stays on gross margin
    same = M.reallocate_budget(perf, {"a": 0.5, "b": 0.5})
    assert same.loc["total", "profit"] == pytest.approx(150.0)
    bent = M.reallocate_budget(perf, {"a": 1.0, "b": 0.0}, diminishing=0.5)
    assert bent.loc["a", "margin"] == pytest.approx(300 * 2**0.5)
    with pytest.raises(ValueError, match="add up to 100"):
        M.reallocate_budget(perf, {"a": 0.7, "b": 0.7})


# --- precision marketing -----------------------------------------------------------


def test_logit_matches_closed_form():
    # With one binary feature the ML logit slope is the log odds ratio (Agresti,
    # Categorical Data Analysis, 3rd ed., sec. 4.2.3): odds 3/1 against 1/3.
    X = pd.DataFrame({"const": 1.0, "x": [0, 0, 0, 0, 1, 1, 1, 1.0]})
    m = M.fit_response_model(X, [0, 0, 0, 1, 0, 1, 1, 1])
    assert m.params["x"] == pytest.approx(np.log(9.0), rel=1e-6)
    assert m.params["const"] == pytest.approx(np.log(1 / 3), rel=1e-6)
    assert m.log_likelihood == pytest.approx(6 * np.log(0.75) + 2 * np.log(0.25), rel=1e-6)


def test_response_model_recovers_planted_rates_and_effects(tables):
    camp, resp = tables
    X = M.response_features(resp, camp)
    model = M.fit_response_model(X, resp["responded"])
    p = model.predict(X)
    channel = resp["campaign_id"].map(camp.set_index("campaign_id")["channel"])
    by_channel = pd.Series(p).groupby(channel.to_numpy()).mean()
    truth = data.ground_truth()["campaign_response_rates"]
    for ch, rate in truth.items():
        assert by_channel[ch] == pytest.approx(rate, rel=0.15, abs=0.005)
    # planted: frequent buyers respond more, long-silent contacts less
    assert model.params["log_orders"] > 0
    assert model.params["recency"] < 0
    # trade shows respond best, e-mail worst (planted 16 % vs 3.5 %)
    assert model.params["channel_trade_show"] > model.params["channel_wechat"] > 0


def test_gains_on_holdout_beat_random(tables):
    camp, resp = tables
    X = M.response_features(resp, camp)
    test = M.split_sample(len(resp), 0.3, seed=8)
    model = M.fit_response_model(X[~test], resp["responded"][~test])
    g = M.gains_table(model.predict(X[test]), resp["responded"][test].to_numpy())
    assert g["gains"].iloc[-1] == pytest.approx(1.0)
    assert g.loc[1, "lift"] > 2.0  # top decile: more than twice the average
    assert g.loc[3, "gains"] > 0.5  # top 30 % of the list holds half the responders
    assert (np.diff(g["gains"]) >= 0).all()


def test_profit_curve_peak_is_where_marginal_rate_meets_breakeven():
    rng = np.random.default_rng(3)
    p = rng.uniform(0, 0.3, 20000)
    y = (rng.random(20000) < p).astype(float)
    curve = M.profit_curve(p, y, value_per_response=500.0, contact_cost=50.0)
    best = M.best_depth(curve, 500.0, 50.0)
    assert best.breakeven_rate == pytest.approx(0.1)
    # contact everyone with p > 10 %: two thirds of a U(0, 0.3) list
    assert best.depth == pytest.approx(2 / 3, abs=0.05)
    assert best.profit > best.profit_all
    expected = M.expected_profit_curve(p, 500.0, 50.0)
    assert M.best_depth(expected, 500.0, 50.0).depth == pytest.approx((p > 0.1).mean(), abs=1e-3)


def test_profit_curve_counts():
    c = M.profit_curve([0.9, 0.5, 0.1], [1, 0, 0], 100.0, 10.0, population=30)
    assert c["contacts"].tolist() == [0.0, 10.0, 20.0, 30.0]
    assert c["profit"].tolist() == [0.0, 900.0, 800.0, 700.0]
    with pytest.raises(ValueError, match="at least one responder"):
        M.gains_table([0.1, 0.2], [0, 0])


def test_lists_in_arrays_out():
    out = M.ltv_to_cac([300.0, 600.0], [100.0, 100.0])
    assert isinstance(out, np.ndarray) and out.tolist() == [3.0, 6.0]


def test_chapter_8_ltv_is_chapter_1_clv_on_huaxin():
    from salesprofit import clv
    from salesprofit.ui import marketing as ui

    d = ui.load_channel_data()
    econ = ui.channel_table(d, 0.74, 0.10)
    for ch in econ.index:
        expected = clv.clv(12 * d.value.loc[ch, "monthly_profit"], 0.74, 0.10)
        assert econ.loc[ch, "ltv"] == pytest.approx(expected, rel=1e-12)
    assert round(d.gross_margin * 100, 2) == 24.09
    assert (d.campaigns, d.contacts) == (30, 33_798)
    # profit after cost to serve is below the gross margin in every channel
    assert (d.value["profit_margin"] < d.value["gross_margin"]).all()


def test_lab_helpers_of_chapter_8():
    assert M.breakeven_response_rate(30.0, 600.0) == pytest.approx(0.05)
    assert lab.channel_label("trade_show") == "trade shows"
    o = pd.DataFrame(
        {
            "customer_id": ["A", "B", "A"],
            "order_date": pd.to_datetime(["2024-01-05", "2024-02-01", "2025-03-01"]),
        }
    )
    assert lab.retention_rate(o, 2024) == pytest.approx(0.5)
    with pytest.raises(ValueError, match="No customer ordered"):
        lab.retention_rate(o, 2030)


def test_channel_economics_keeps_a_channel_without_new_customers():
    perf = pd.DataFrame({"cac": [1000.0, float("nan")]}, index=["email", "wechat"])
    e = M.channel_economics(perf, 500.0, 0.25, 0.8, 0.10, monthly_profit=50.0)
    assert e.loc["email", "payback_months"] == pytest.approx(8.0)  # 1,000 ÷ (500 × 0.25)
    assert np.isnan(e.loc["wechat", "payback_months"]) and np.isnan(e.loc["wechat", "ltv_to_cac"])
